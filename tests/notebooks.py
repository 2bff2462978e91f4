"""Reading, running and inspecting the course notebooks, for the tests.

Two ways to run a notebook:

* :func:`execute` runs it in a real Jupyter kernel through nbgrader's own validator, as
  `nbgrader validate` and the autograder do (seconds per notebook; results are cached
  per session).
* :func:`run_cells` runs the code cells in this process, with chosen answer cells
  replaced: fast enough to try dozens of wrong and alternative answers per exercise.
"""

from __future__ import annotations

import contextlib
import functools
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat

from autograder import course

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
    return course.SOLUTIONS_DIR / assignment_id / f"{assignment_id}.ipynb"


def release_path(assignment_id: str) -> Path:
    return course.NOTEBOOKS_DIR / assignment_id / f"{assignment_id}.ipynb"


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(str(path), as_version=4)


def nbgrader_meta(cell: nbformat.NotebookNode) -> dict:
    return cell.metadata.get("nbgrader", {})


def grade_id(cell: nbformat.NotebookNode) -> str | None:
    return nbgrader_meta(cell).get("grade_id")


def is_test(cell) -> bool:
    return cell.cell_type == "code" and bool(nbgrader_meta(cell).get("grade"))


def is_answer(cell) -> bool:
    return cell.cell_type == "code" and bool(nbgrader_meta(cell).get("solution"))


def cell_by_id(nb, gid: str) -> nbformat.NotebookNode:
    for cell in nb.cells:
        if grade_id(cell) == gid:
            return cell
    raise KeyError(f"no cell with grade_id {gid!r}")


def visible_part(test_source: str) -> str:
    """A test cell as the student sees it: the part before the hidden tests."""
    return test_source.split(HIDDEN_BEGIN)[0]


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
    with course.nbgrader_environment():
        results = validator.validate(str(path))
    return Executed(results, validator.executed)


def errors(cell) -> list[dict]:
    """Error outputs and stderr streams of an executed cell."""
    return [
        o
        for o in cell.get("outputs", [])
        if o.output_type == "error" or (o.output_type == "stream" and o.name == "stderr")
    ]


def run_cells(
    path: Path, *, until: str, replace: dict[str, str] | None = None, test: str = "full"
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

    Returns:
        The namespace after the run. A failing check raises its CheckFailure.
    """
    replace = replace or {}
    namespace: dict[str, Any] = {"__name__": "__main__"}
    for cell in read(path).cells:
        if cell.cell_type != "code":
            continue
        gid = grade_id(cell)
        source = cell.source
        if is_test(cell) and gid != until:
            continue
        if gid in replace:
            source = replace.pop(gid)
        if gid == until:
            source = {"full": without_markers(source), "visible": visible_part(source)}[test]
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compile(source, f"<cell {gid}>", "exec"), namespace)  # noqa: S102 -- our own notebooks
        if gid == until:
            break
    else:
        raise KeyError(f"no test cell {until!r} in {path}")
    if replace:
        raise KeyError(f"no answer cells {sorted(replace)} in {path}")
    return namespace
