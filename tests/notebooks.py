"""Reading, running and inspecting the course notebooks, for the tests.

Two ways to run a notebook:

* :func:`execute` runs it in a real Jupyter kernel through nbgrader's own validator, as
  `nbgrader validate` and the autograder do (seconds per notebook; results are cached
  per session).
* :func:`run_cells` runs the code cells in this process, with chosen answer cells
  replaced: fast enough to try dozens of wrong and alternative answers per exercise.

A notebook file is parsed once per version of it, and each cell source compiled once.
"""

from __future__ import annotations

import ast
import contextlib
import copy
import functools
import io
import re
from dataclasses import dataclass
from pathlib import Path
from types import CodeType
from typing import Any

import nbformat

from autograder.course.folders import NOTEBOOKS_DIR, SOLUTIONS_DIR, nbgrader_environment

HIDDEN_BEGIN, HIDDEN_END = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
SOLUTION_BEGIN, SOLUTION_END = "### BEGIN SOLUTION", "### END SOLUTION"
MARKERS = (
    SOLUTION_BEGIN,
    SOLUTION_END,
    HIDDEN_BEGIN,
    HIDDEN_END,
    "BEGIN MARK SCHEME",
    "END MARK SCHEME",
)


def source_path(assignment_id: str) -> Path:
    return SOLUTIONS_DIR / assignment_id / f"{assignment_id}.ipynb"


def release_path(assignment_id: str) -> Path:
    return NOTEBOOKS_DIR / assignment_id / f"{assignment_id}.ipynb"


def _version(path: Path) -> tuple[Path, int, int]:
    """A cache key for a file: it changes when the file is rewritten."""
    stat = Path(path).stat()
    return Path(path), stat.st_mtime_ns, stat.st_size


@functools.lru_cache(maxsize=None)
def _parsed(version: tuple[Path, int, int]) -> nbformat.NotebookNode:
    """The notebook of a :func:`_version` key, parsed and validated; never to be changed."""
    return nbformat.read(str(version[0]), as_version=4)


def read(path: Path) -> nbformat.NotebookNode:
    """The notebook at ``path``: a copy of the parsed file, which the caller may change."""
    return copy.deepcopy(_parsed(_version(path)))


def nbgrader_meta(cell: nbformat.NotebookNode) -> dict:
    return cell.metadata.get("nbgrader", {})


def grade_id(cell: nbformat.NotebookNode) -> str | None:
    return nbgrader_meta(cell).get("grade_id")


def is_test(cell) -> bool:
    return cell.cell_type == "code" and bool(nbgrader_meta(cell).get("grade"))


def is_answer(cell) -> bool:
    return cell.cell_type == "code" and bool(nbgrader_meta(cell).get("solution"))


def total_points(assignment_id: str) -> float:
    """The points a full solution of an assignment scores: its test cells' points, added."""
    cells = read(source_path(assignment_id)).cells
    return float(sum(nbgrader_meta(c)["points"] for c in cells if is_test(c)))


def cell_by_id(nb, gid: str) -> nbformat.NotebookNode:
    for cell in nb.cells:
        if grade_id(cell) == gid:
            return cell
    raise KeyError(f"no cell with grade_id {gid!r}")


def visible_part(test_source: str) -> str:
    """A test cell as the student sees it: the part before the hidden tests."""
    return test_source.split(HIDDEN_BEGIN)[0]


def hidden_part(test_source: str) -> str:
    """What the full test runs after the visible part: the hidden tests and any lines after
    them, without markers, behind blank lines that give them their line numbers in the full
    test."""
    visible = visible_part(test_source)
    if visible != test_source and not visible.endswith("\n"):
        raise ValueError(f"{HIDDEN_BEGIN!r} does not start a line")
    return "\n" * len(without_markers(visible).splitlines()) + without_markers(
        test_source[len(visible) :]
    )


def without_markers(source: str) -> str:
    """The source with nbgrader's marker lines removed (what the autograder runs)."""
    return "\n".join(line for line in source.splitlines() if line.strip() not in MARKERS)


def marked_regions(source: str, begin: str, end: str) -> list[str]:
    """The texts between each begin/end marker pair."""
    return re.findall(
        re.escape(begin) + r"\n(.*?)" + r"[ \t]*" + re.escape(end), source, flags=re.S
    )


@dataclass
class Executed:
    """A notebook run in a kernel by nbgrader's validator.

    Attributes:
        results: what ``Validator.validate`` returned ({} means success).
        notebook: the executed notebook, with outputs.
    """

    results: dict
    notebook: nbformat.NotebookNode


@functools.lru_cache(maxsize=None)
def execute(path: Path, invert: bool = False) -> Executed:
    """Run a notebook as `nbgrader validate [--invert]` does, keeping the executed copy."""
    from nbgrader.validator import Validator

    class KeepingValidator(Validator):
        executed = None

        def _preprocess(self, nb):  # nbgrader 0.9: the one place the executed notebook exists
            self.executed = super()._preprocess(nb)
            return self.executed

    validator = KeepingValidator(invert=invert)
    with nbgrader_environment():
        results = validator.validate(str(path))
    return Executed(results, validator.executed)


def errors(cell) -> list[dict]:
    """Error outputs and stderr streams of an executed cell."""
    return [
        o
        for o in cell.get("outputs", [])
        if o.output_type == "error" or (o.output_type == "stream" and o.name == "stderr")
    ]


@functools.lru_cache(maxsize=None)
def _compiled(source: str, filename: str) -> CodeType:
    """``compile(source, filename, "exec")``, once per source: code objects never change."""
    return compile(source, filename, "exec")


DISPLAY_MODULES = ("plots", "widgets")  # nbhelpers modules that draw figures and demos


@functools.lru_cache(maxsize=None)
def shows_only(source: str) -> bool:
    """Whether a cell only shows a figure or a demo.

    True for a cell whose code is one call of a function of nbhelpers' plots or widgets,
    such as ``widgets.neuron_line(neuron_output)``: the notebook displays the value, no
    later cell can use it, and these modules change no global state.
    """
    body = ast.parse(source).body
    if len(body) != 1 or not isinstance(body[0], ast.Expr):
        return False
    call = body[0].value
    return (
        isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and isinstance(call.func.value, ast.Name)
        and call.func.value.id in DISPLAY_MODULES
    )


def run_cells(
    path: Path,
    *,
    until: str,
    replace: dict[str, str] | None = None,
    test: str = "full",
    displays: bool = True,
) -> dict[str, Any]:
    """Run a notebook's code cells in this process, up to and including one test cell.

    Other test cells are skipped (they only check); answer cells named in ``replace``
    get the given source instead of the solution.

    Args:
        path: the source notebook.
        until: grade_id of the test cell to finish with.
        replace: answer grade_id -> replacement source.
        test: "full" runs the test cell with its hidden tests (as the autograder does),
            "visible" only the part a student sees.
        displays: False skips the cells that only show a figure or a demo (see
            :func:`shows_only`) until a replaced cell has run: such cells take most of a
            run's time, and there they show nothing but solutions, so a test that tries
            many answers can run them once, with the solutions alone, instead.

    Returns:
        The namespace after the run. A failing check raises its CheckFailure.
    """
    replace = dict(replace or {})
    namespace: dict[str, Any] = {"__name__": "__main__"}
    solutions_only = True  # no replaced cell has run yet
    for cell in _parsed(_version(path)).cells:
        if cell.cell_type != "code":
            continue
        gid = grade_id(cell)
        source = cell.source
        if is_test(cell) and gid != until:
            continue
        skippable = solutions_only and not is_answer(cell) and gid != until
        if not displays and skippable and shows_only(source):
            continue
        if gid in replace:
            source, solutions_only = replace.pop(gid), False
        if gid == until:
            source = {"full": without_markers(source), "visible": visible_part(source)}[test]
        with contextlib.redirect_stdout(io.StringIO()):
            exec(_compiled(source, f"<cell {gid}>"), namespace)  # noqa: S102 -- our own notebooks
        if gid == until:
            break
    else:
        raise KeyError(f"no test cell {until!r} in {path}")
    if replace:
        raise KeyError(f"no answer cells {sorted(replace)} in {path}")
    return namespace


def exercise_of_each_test(path: Path) -> dict[str, str]:
    """Which exercise each test cell checks: the answer cell it follows.

    An exercise's tests come right after its answer cell (its main test, then any test of a
    secondary requirement with points of its own), before the next answer cell.

    Returns:
        dict: test grade_id -> answer grade_id, in notebook order.
    """
    owners, answer = {}, None
    for cell in _parsed(_version(path)).cells:
        if is_answer(cell):
            answer = grade_id(cell)
        elif is_test(cell):
            owners[grade_id(cell)] = answer
    return owners


def failing_cells(path: Path, *, replace: dict[str, str]) -> dict[str, str]:
    """Run a whole notebook as grading does, with answer cells replaced, and see what fails.

    Every code cell runs in order, test cells in full (visible and hidden part), and a cell
    that raises does not stop the run, as in ``nbgrader autograde``. Cells that only show a
    figure or a demo are skipped (see :func:`shows_only`): they define nothing later cells use.

    Args:
        path: the source notebook.
        replace: answer grade_id -> replacement source.

    Returns:
        dict: grade_id (or ``"cell <n>"`` for a cell without one) of each cell that raised
        -> the first line of what it raised, in notebook order.
    """
    replace = dict(replace)
    namespace: dict[str, Any] = {"__name__": "__main__"}
    failed = {}
    for number, cell in enumerate(_parsed(_version(path)).cells):
        if cell.cell_type != "code" or shows_only(cell.source):
            continue
        gid = grade_id(cell)
        source = replace.pop(gid) if gid in replace else without_markers(cell.source)
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                exec(_compiled(source, f"<cell {gid}>"), namespace)  # noqa: S102 -- our own
        except Exception as error:  # noqa: BLE001 -- recorded, as grading records it
            failed[gid or f"cell {number}"] = f"{type(error).__name__}: {error}".split("\n")[0]
    if replace:
        raise KeyError(f"no answer cells {sorted(replace)} in {path}")
    return failed


def run_hidden(namespace: dict[str, Any], path: Path, *, until: str) -> dict[str, Any]:
    """Finish a run of a test cell's visible part with the rest of the test cell.

    ``run_hidden(run_cells(path, until=t, replace=r, test="visible"), path, until=t)`` runs
    the same code in the same order as ``run_cells(path, until=t, replace=r, test="full")``,
    with the cells before the hidden tests run only once: for answers that must pass the
    visible test and then fail the hidden one.

    Args:
        namespace: what ``run_cells(path, until=until, test="visible")`` returned.
        path: the source notebook.
        until: grade_id of the test cell that run ended with (not a replaced cell).

    Returns:
        The namespace after the run. A failing check raises its CheckFailure.
    """
    source = hidden_part(cell_by_id(_parsed(_version(path)), until).source)
    with contextlib.redirect_stdout(io.StringIO()):
        exec(_compiled(source, f"<cell {until}>"), namespace)  # noqa: S102 -- our own notebooks
    return namespace
