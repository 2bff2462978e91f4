"""Grading one submission: the assignment and one student's files in, results out.

:func:`grade_submission` is a pure function of its inputs (the assignment's
:class:`AssignmentSpec`, the submitted folder, and a :class:`~autograder.execution.Kernel`
to run code with), so any worker anywhere can run it; writing the results (gradebook,
files) is the caller's business.

A submitted notebook is never trusted to be the notebook that was handed out. It is
rebuilt from the assignment: every locked cell (explanations, tests, with their hidden
tests) comes from the assignment, and only the student's answers and added cells come
from the file. Whatever was done to the structure (cells deleted, duplicated, split,
merged, moved, edited, their metadata changed) is repaired the same way every time, and
reported; honest notebooks come out exactly as stock ``nbgrader autograde`` runs them.
"""

from __future__ import annotations

import ast
import copy
import hashlib
import json
import shutil
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from autograder.execution import CellRun, CodeCell, Execution, Kernel
from autograder.kernel import cell_roles
from autograder.notebook_files import (
    Unreadable,
    cell_grade_id,
    cell_metadata,
    cell_nbgrader,
    cell_source,
    grade_ids_of,
    notebook_for,
    parse_notebook,
)
from autograder.results import (
    ERROR,
    FAILED,
    MANUAL,
    NOT_RUN,
    PARTIAL,
    PASSED,
    TIMEOUT,
    NotebookResult,
    Problem,
    SubmissionResult,
    TestResult,
)
from autograder.worker import Limits

HIDDEN_TESTS_MARKER = "BEGIN HIDDEN TESTS"  # nbgrader's delimiter, on a comment line
MAX_MESSAGE = 2000  # characters of a test's message kept for feedback


@dataclass(frozen=True)
class CellSpec:
    """One nbgrader cell of an assignment notebook.

    Attributes:
        grade_id: nbgrader's id of the cell.
        cell_type: "code" or "markdown".
        source: what runs when grading (for tests: with the hidden tests).
        released: what students were given (tests without hidden tests, answers as stubs).
        locked, solution, grade: nbgrader's flags (a test cell is locked and graded).
        points: what a graded cell is worth (0 for others).
        checksum: nbgrader's checksum of the released cell (an unchanged answer has it).
        title: for a test, the first line of its docstring ("" when it has none).
    """

    grade_id: str
    cell_type: str
    source: str
    released: str
    locked: bool
    solution: bool
    grade: bool
    points: float
    checksum: str
    title: str = ""

    @property
    def hidden_line(self) -> int | None:
        """The 1-based line where the hidden tests begin, or None."""
        for number, line in enumerate(self.source.splitlines(), start=1):
            if HIDDEN_TESTS_MARKER in line:
                return number
        return None

    def nbgrader_metadata(self) -> dict:
        return {
            "grade": self.grade,
            "grade_id": self.grade_id,
            "locked": self.locked,
            "solution": self.solution,
            "schema_version": 3,
            "task": False,
            "checksum": self.checksum,
            **({"points": self.points} if self.grade else {}),
        }


@dataclass(frozen=True)
class NotebookSpec:
    """One notebook of an assignment.

    Attributes:
        name: the notebook's name without ".ipynb".
        cells: its nbgrader cells, in the order they were released.
        metadata: the released notebook's metadata (kernelspec, language_info).
    """

    name: str
    cells: tuple[CellSpec, ...]
    metadata: dict = field(default_factory=dict, hash=False, compare=False)

    @property
    def tests(self) -> list[CellSpec]:
        return [cell for cell in self.cells if cell.grade]

    @property
    def max_score(self) -> float:
        return sum(cell.points for cell in self.tests)


@dataclass(frozen=True)
class AssignmentSpec:
    """What grading an assignment needs to know, independent of any student.

    Attributes:
        assignment: the nbgrader assignment id.
        notebooks: its notebooks.
        files: other files of the assignment (relative path, content), put next to every
            notebook when it runs (nbgrader copies them over the student's).
    """

    assignment: str
    notebooks: tuple[NotebookSpec, ...]
    files: tuple[tuple[str, bytes], ...] = ()

    @property
    def digest(self) -> str:
        """A hash of everything here: results graded with another spec are out of date."""
        data = [(nb.name, [vars(cell) for cell in nb.cells]) for nb in self.notebooks]
        digest = hashlib.sha256(json.dumps([self.assignment, data], sort_keys=True).encode())
        for name, content in self.files:
            digest.update(name.encode() + b"\0" + hashlib.sha256(content).digest())
        return digest.hexdigest()


@dataclass
class GradedSubmission:
    """The outcome of :func:`grade_submission`.

    Attributes:
        result: scores, test messages and problems.
        notebooks: the graded notebooks with their outputs (nbgrader's "autograded"
            notebooks), by name; notebooks that were missing or unreadable are absent.
        answers_unchanged: per notebook, the answer cells left as released (for
            nbgrader's "No response." comments).
    """

    result: SubmissionResult
    notebooks: dict[str, NotebookNode]
    answers_unchanged: dict[str, set[str]]


def title_of(source: str) -> str:
    """The first line of a code cell's docstring, or "" (also for code that does not parse)."""
    try:
        docstring = ast.get_docstring(ast.parse(source))
    except (SyntaxError, ValueError):
        return ""
    return docstring.strip().splitlines()[0] if docstring else ""


def fingerprint(spec: AssignmentSpec, submitted: Path) -> str:
    """A hash of the submitted files and the assignment: regrade when either changes."""
    digest = hashlib.sha256(spec.digest.encode())
    for path in _files(submitted):
        digest.update(
            str(path.relative_to(submitted)).encode()
            + b"\0"
            + hashlib.sha256(path.read_bytes()).digest()
        )
    return digest.hexdigest()


def _files(folder: Path) -> list[Path]:
    """The regular files under a submission folder (no links, no Jupyter checkpoints)."""
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and not p.is_symlink() and ".ipynb_checkpoints" not in p.parts
    )


def _normal(text: str) -> str:
    """Code with blank lines and trailing spaces dropped: how cells are compared."""
    return "\n".join(line.rstrip() for line in text.splitlines() if line.strip())


def _same(a: str, b: str) -> bool:
    return _normal(a) == _normal(b)


# --- rebuilding it from the assignment ----------------------------------------------------


@dataclass
class Rebuilt:
    """A submitted notebook rebuilt on the assignment's skeleton.

    Attributes:
        cells: the cells to run, in order: the assignment's cells (answers from the
            submission) and the student's own added cells.
        problems: what had to be repaired.
        answers_unchanged: grade ids of answer cells left exactly as released.
    """

    cells: list[NotebookNode]
    problems: list[Problem]
    answers_unchanged: set[str]


def rebuild(spec: NotebookSpec, submitted: dict) -> Rebuilt:
    """Put a submitted notebook back on the assignment's skeleton (see the module docstring).

    Rules:
        * Cells are recognised by their nbgrader grade id, or, for a locked cell whose
          metadata is gone, by their released text.
        * Locked cells (explanations, tests) always come from the assignment; if the
          student's copies, joined, contain the released text plus code of their own
          (cells merged), that code is kept as a cell of its own.
        * An answer is the student's cell(s) with that grade id, in their order (a split
          or duplicated answer runs as it did in the student's notebook); a missing answer
          is an empty cell (never the released stub, which would undo an answer the
          student wrote elsewhere).
        * Cells the student added stay after the assignment cell they followed.
        * The assignment's order, metadata, points and cell types are restored.
    """
    known = {cell.grade_id: cell for cell in spec.cells}
    locked_texts = {_normal(cell.released): cell.grade_id for cell in spec.cells if cell.locked}
    claims: dict[str, list[dict]] = defaultdict(list)
    added_after: dict[str | None, list[dict]] = defaultdict(list)
    order: list[str] = []
    anchor: str | None = None
    for cell in submitted["cells"]:
        grade_id = cell_grade_id(cell)
        if grade_id not in known:
            grade_id = locked_texts.get(_normal(cell_source(cell)))
        if grade_id is None or cell.get("cell_type") not in ("code", "markdown", "raw"):
            added_after[anchor].append(cell)
            continue
        claims[grade_id].append(cell)
        if grade_id not in order:
            order.append(grade_id)
        anchor = grade_id

    notes: list[str] = []
    human: list[str] = []
    answers_unchanged: set[str] = set()
    cells = [_added(cell) for cell in added_after[None]]
    for spec_cell in spec.cells:
        copies = claims.get(spec_cell.grade_id, [])
        if spec_cell.locked:
            built, before, after = _locked(spec_cell, copies, notes, human)
        else:
            built, before, after = _answer(spec_cell, copies, notes, human), [], []
            if copies and all(_same(cell_source(c), spec_cell.released) for c in copies):
                answers_unchanged.add(spec_cell.grade_id)
        cells += [
            *before,
            *built,
            *after,
            *(_added(cell) for cell in added_after[spec_cell.grade_id]),
        ]
    if order != [c.grade_id for c in spec.cells if c.grade_id in order]:
        notes.append("cells were moved: they ran in the assignment's order")

    problems = []
    if notes:
        problems.append(Problem("cells-restored", "; ".join(notes) + ".", needs_human=False))
    for kind, message in human:
        problems.append(Problem(kind, message, needs_human=True))
    return Rebuilt(cells, problems, answers_unchanged)


def _new_cell(spec_cell: CellSpec, source: str) -> NotebookNode:
    metadata = {"nbgrader": spec_cell.nbgrader_metadata()}
    if spec_cell.locked:
        metadata.update(deletable=False, editable=False)
    if spec_cell.cell_type == "code":
        return nbformat.v4.new_code_cell(source, metadata=metadata)
    return nbformat.v4.new_markdown_cell(source, metadata=metadata)


def _added(cell: dict) -> NotebookNode:
    """A cell the student added, without nbgrader metadata (which could claim points)."""
    metadata = {k: v for k, v in cell_metadata(cell).items() if k != "nbgrader"}
    source = cell_source(cell)
    if cell.get("cell_type") == "code":
        return nbformat.v4.new_code_cell(source, metadata=metadata)
    if cell.get("cell_type") == "raw":
        return nbformat.v4.new_raw_cell(source, metadata=metadata)
    return nbformat.v4.new_markdown_cell(source, metadata=metadata)


def _metadata_changes(spec_cell: CellSpec, copies: list[dict]) -> list[str]:
    changes = []
    for cell in copies:
        nbgrader = cell_nbgrader(cell)
        if nbgrader is None or cell_grade_id(cell) != spec_cell.grade_id:
            changes.append("its nbgrader metadata was removed or renamed")
            continue
        if cell.get("cell_type") != spec_cell.cell_type:
            changes.append(f"it was turned into a {cell.get('cell_type')} cell")
        if spec_cell.grade and nbgrader.get("points") != spec_cell.points:
            changes.append(f"its points were changed to {nbgrader.get('points')!r}")
        for flag in ("locked", "solution", "grade"):
            if bool(nbgrader.get(flag)) != getattr(spec_cell, flag):
                changes.append(f"its '{flag}' flag was changed")
    return list(dict.fromkeys(changes))


def _locked(
    spec_cell: CellSpec, copies: list[dict], notes: list[str], human: list[tuple[str, str]]
) -> tuple[list[NotebookNode], list[NotebookNode], list[NotebookNode]]:
    """The assignment's locked cell, and any student code that was merged into its copies."""
    what = f"{'test' if spec_cell.grade else 'locked'} cell {spec_cell.grade_id}"
    built = [_new_cell(spec_cell, spec_cell.source)]
    changes = _metadata_changes(spec_cell, copies)
    if changes:
        notes.append(f"{what}: {', '.join(changes)}; restored")
    if not copies:
        notes.append(f"{what} was deleted; restored")
        return built, [], []
    joined = _normal("\n".join(cell_source(c) for c in copies))
    released = _normal(spec_cell.released)
    if joined == _normal(spec_cell.source):  # the instructor's own copy, hidden tests and all
        return built, [], []
    if joined == released:
        if len(copies) > 1:
            notes.append(f"{what} was split into {len(copies)} cells; joined again")
        return built, [], []
    if any(_same(cell_source(c), released) for c in copies):
        notes.append(f"{what} was duplicated; one copy kept")
        return built, [], []
    if released and released in joined:
        head, tail = (part.strip() for part in joined.split(released, 1))
        notes.append(f"{what} was merged with other code; that code was kept as a cell of its own")
        extra = [
            nbformat.v4.new_code_cell(part)
            if spec_cell.cell_type == "code"
            else nbformat.v4.new_markdown_cell(part)
            for part in (head, tail)
        ]
        return built, [extra[0]] if head else [], [extra[1]] if tail else []
    if spec_cell.grade:
        human.append(("test-edited", f"{what} was edited; the original test ran instead"))
    else:
        notes.append(f"{what} was edited; the original was restored")
    return built, [], []


def _answer(
    spec_cell: CellSpec, copies: list[dict], notes: list[str], human: list[tuple[str, str]]
) -> list[NotebookNode]:
    """The student's answer cell(s) for one answer of the assignment."""
    what = f"answer cell {spec_cell.grade_id}"
    if not copies:
        human.append(
            (
                "answer-missing",
                f"{what} is missing (deleted, or its metadata removed); "
                "an empty cell ran in its place",
            )
        )
        return [_new_cell(spec_cell, "")]
    changes = _metadata_changes(spec_cell, copies)
    if changes:
        notes.append(f"{what}: {', '.join(changes)}; restored")
    if len(copies) > 1:
        notes.append(f"{what} appears in {len(copies)} cells; all ran, in the student's order")
    first, *rest = copies
    return [_new_cell(spec_cell, cell_source(first)), *(_added(cell) for cell in rest)]


# --- running it and scoring -----------------------------------------------------------------


def _match_notebooks(
    spec: AssignmentSpec, files: list[Path], submitted: Path
) -> tuple[dict[str, Path], dict[str, Problem]]:
    """Find each assignment notebook among the submitted files, by name, then by its cells."""
    notebooks = [p for p in files if p.suffix.lower() == ".ipynb" and p.parent == submitted]
    found: dict[str, Path] = {}
    problems: dict[str, Problem] = {}
    for nb in spec.notebooks:
        exact = submitted / f"{nb.name}.ipynb"
        if exact in notebooks:
            found[nb.name] = exact
    for nb in spec.notebooks:
        if nb.name in found:
            continue
        left = [p for p in notebooks if p not in found.values()]
        ids = {cell.grade_id for cell in nb.cells}
        by_name = [p for p in left if notebook_for(p.name, [nb.name])]
        by_cells = [
            p for p in left if len(ids & (grade_ids_of(p.read_bytes()) or set())) * 2 > len(ids)
        ]
        candidates = by_name or by_cells
        if len(candidates) == 1:
            found[nb.name] = candidates[0]
            how = "its name" if by_name else "its cells"
            problems[nb.name] = Problem(
                "misnamed", f"handed in as {candidates[0].name!r}; recognised by {how}"
            )
    return found, problems


def grade_submission(
    spec: AssignmentSpec,
    student: str,
    submitted: Path,
    kernel: Kernel,
    scratch: Path,
    limits: Limits = Limits(),
) -> GradedSubmission:
    """Grade one student's submission of an assignment.

    Args:
        spec: the assignment.
        student: the student's id.
        submitted: the folder holding the student's files (``submitted/<student>/<assignment>``).
        kernel: what runs the notebooks' code (each notebook in a fresh interpreter).
        scratch: an empty folder to run in; the caller removes it afterwards.
        limits: time, memory, process and output limits per notebook.

    Returns:
        The results and the graded notebooks. Nothing in ``submitted`` is changed.
    """
    files = _files(submitted)
    found, misnamed = _match_notebooks(spec, files, submitted)
    others = [p for p in files if p not in found.values()]
    result = SubmissionResult(student, spec.assignment, fingerprint(spec, submitted))
    if others:
        names = ", ".join(str(p.relative_to(submitted)) for p in others[:10]) + (
            " ..." if len(others) > 10 else ""
        )
        result.problems.append(
            Problem(
                "extra-files",
                f"{len(others)} other file(s) handed in, available to the "
                f"notebooks as in nbgrader: {names}",
            )
        )
    graded = GradedSubmission(result, {}, {})
    for nb in spec.notebooks:
        path = found.get(nb.name)
        if path is None:
            result.notebooks.append(
                _not_graded(nb, Problem("missing", f"{nb.name}.ipynb was not handed in"))
            )
            continue
        try:
            notebook = parse_notebook(path.read_bytes())
        except (Unreadable, OSError) as error:
            message = f"{path.name} could not be read: {error}. It scores 0 until it is repaired or resubmitted."
            result.notebooks.append(
                _not_graded(nb, Problem("unreadable", message, needs_human=True))
            )
            continue
        rebuilt = rebuild(nb, notebook)
        folder = scratch / nb.name
        _prepare_folder(folder, spec, others, submitted)
        code = [(i, cell) for i, cell in enumerate(rebuilt.cells) if cell.cell_type == "code"]
        execution = kernel.run(_code_cells(nb, [cell for _, cell in code]), folder, limits)
        notebook_result, graded_nb = _score(nb, rebuilt, code, execution, limits)
        notebook_result.problems[:0] = [p for p in (misnamed.get(nb.name),) if p] + rebuilt.problems
        result.notebooks.append(notebook_result)
        graded.notebooks[nb.name] = graded_nb
        graded.answers_unchanged[nb.name] = rebuilt.answers_unchanged
    return graded


def _code_cells(nb: NotebookSpec, cells: list[NotebookNode]) -> list[CodeCell]:
    """The cells to run, each marked with where it runs: tests in the checker, the rest in
    the student's kernel (see :mod:`autograder.kernel`)."""
    by_id = {cell.grade_id: cell for cell in nb.cells}
    specs = [by_id.get(cell_grade_id(cell)) for cell in cells]
    kinds = [
        "test"
        if spec and spec.grade and not spec.solution
        else "locked"
        if spec and spec.locked
        else "student"
        for spec in specs
    ]
    roles = cell_roles([(kind, cell.source) for kind, cell in zip(kinds, cells)])
    return [
        CodeCell(cell.source, spec.hidden_line if spec else None, role)
        for cell, spec, role in zip(cells, specs, roles)
    ]


def _not_graded(nb: NotebookSpec, problem: Problem) -> NotebookResult:
    tests = [
        TestResult(t.grade_id, t.title, t.points, 0.0, NOT_RUN, problem.message) for t in nb.tests
    ]
    return NotebookResult(nb.name, 0.0, nb.max_score, tests, [problem])


def _prepare_folder(
    folder: Path, spec: AssignmentSpec, others: list[Path], submitted: Path
) -> None:
    """The notebook's working folder: the student's other files, then the assignment's over them."""
    folder.mkdir(parents=True)
    for path in others:
        target = folder / path.relative_to(submitted)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    for name, content in spec.files:
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


def _score(
    nb: NotebookSpec,
    rebuilt: Rebuilt,
    code: list[tuple[int, NotebookNode]],
    execution: Execution,
    limits: Limits,
) -> tuple[NotebookResult, NotebookNode]:
    """Put the outputs into the notebook, apply nbgrader's output limits, and score the tests."""
    from nbgrader.preprocessors import LimitOutput

    cells = copy.deepcopy(rebuilt.cells)
    runs: dict[int, CellRun] = {}
    limit_output = LimitOutput()
    for count, ((index, _), run) in enumerate(zip(code, execution.cells), start=1):
        cell = cells[index]
        cell.outputs = [nbformat.from_dict(output) for output in run.outputs]
        cell.execution_count = count
        limit_output.preprocess_cell(cell, {}, index)
        runs[index] = run
    stopped_at = code[len(execution.cells)][0] if len(execution.cells) < len(code) else None

    result = NotebookResult(
        nb.name, 0.0, nb.max_score, seconds=sum(r.seconds for r in execution.cells)
    )
    for index, cell in enumerate(cells):
        grade_id = cell_grade_id(cell)
        spec_cell = next((c for c in nb.cells if c.grade_id == grade_id), None)
        if spec_cell is None or not spec_cell.grade:
            continue
        result.tests.append(
            _test_result(spec_cell, cell, runs.get(index), execution, index == stopped_at)
        )
    result.score = sum(t.score for t in result.tests)
    result.problems += _execution_problems(nb, cells, code, execution, limits)
    notebook = nbformat.v4.new_notebook(cells=cells, metadata=copy.deepcopy(nb.metadata))
    return result, notebook


def _test_result(
    spec_cell: CellSpec,
    cell: NotebookNode,
    run: CellRun | None,
    execution: Execution,
    crashed_here: bool,
) -> TestResult:
    """Score one test cell as stock nbgrader does, except that stderr output is not a failure."""
    from nbgrader.utils import determine_grade

    def result(score: float, status: str, message: str | None) -> TestResult:
        return TestResult(
            spec_cell.grade_id,
            spec_cell.title,
            spec_cell.points,
            score,
            status,
            message[:MAX_MESSAGE] if message else message,
        )

    if run is None:
        why = (
            execution.detail
            if crashed_here
            else f"the notebook stopped earlier ({execution.detail})"
        )
        return result(0.0, TIMEOUT if crashed_here and execution.end == "timeout" else NOT_RUN, why)
    # Warnings and other stderr output are not failures (stock nbgrader fails the cell).
    judged = copy.deepcopy(cell)
    judged.outputs = [
        o for o in judged.outputs if not (o.output_type == "stream" and o.name == "stderr")
    ]
    score, _ = determine_grade(judged)
    if score is None:
        return result(0.0, MANUAL, "graded by hand")
    error = next((o for o in cell.outputs if o.output_type == "error"), None)
    if error is not None:
        if error.ename == "CellTimeoutError":
            return result(score, TIMEOUT, error.evalue)
        if error.ename == "CheckFailure":
            return result(score, FAILED, error.evalue)
        if run.error_in_hidden_tests:  # its message could show a hidden test's values
            return result(score, ERROR, f"{error.ename} raised in a hidden test")
        return result(score, ERROR, f"{error.ename}: {error.evalue}")
    if score >= spec_cell.points:
        return result(score, PASSED, None)
    return result(
        score, PARTIAL if score > 0 else FAILED, f"{score:g} of {spec_cell.points:g} points"
    )


def _cell_name(cells: list[NotebookNode], index: int) -> str:
    """How the report names a cell: "cell 14 (line_parameters)", "cell 23 (added by the student)"."""
    grade_id = cell_grade_id(cells[index])
    return f"cell {index + 1} ({grade_id or 'added by the student'})"


def _execution_problems(
    nb: NotebookSpec,
    cells: list[NotebookNode],
    code: list[tuple[int, NotebookNode]],
    execution: Execution,
    limits: Limits,
) -> list[Problem]:
    """What went wrong while running, for the instructor."""
    problems = []
    where = "the notebook"
    if len(execution.cells) < len(code):
        where = _cell_name(cells, code[len(execution.cells)][0])
    stopped = f"{where}: {execution.detail}; the cells after it did not run"
    if execution.process_limit_hit:
        problems.append(
            Problem(
                "processes",
                f"{where}: {execution.detail} (a fork bomb?) and was stopped; "
                "the cells after it did not run",
                needs_human=True,
            )
        )
    elif execution.end == "timeout":
        problems.append(Problem("timeout", stopped, needs_human=True))
    elif execution.end in ("crashed", "stopped"):
        problems.append(Problem("crash", stopped, needs_human=True))
    elif execution.end == "tampering":
        problems.append(
            Problem(
                "tampering",
                f"{stopped}. Its score counts only the cells before; look at what its code does",
                needs_human=True,
            )
        )
    elif execution.end == "grader-error":
        problems.append(
            Problem(
                "grader-error", f"{execution.detail}; grade this submission again", needs_human=True
            )
        )
    errors = [
        (index, o)
        for index, cell in enumerate(cells)
        if cell.cell_type == "code"
        for o in cell.get("outputs", [])
        if o.output_type == "error"
    ]
    timeouts = [_cell_name(cells, index) for index, o in errors if o.ename == "CellTimeoutError"]
    if timeouts:
        problems.append(
            Problem(
                "timeout",
                f"{', '.join(timeouts)} ran longer than {limits.cell_seconds:g} s "
                "and was interrupted; the next cells ran",
                needs_human=True,
            )
        )
    if any(o.ename == "MemoryError" for _, o in errors):
        problems.append(
            Problem("memory", f"the notebook ran out of memory (limit: {limits.memory_mb} MB)")
        )
    if execution.leftover_processes and not execution.process_limit_hit:
        problems.append(
            Problem(
                "processes",
                f"the notebook left {execution.leftover_processes} process(es) "
                "running; they were stopped",
            )
        )
    if execution.output_truncated:
        problems.append(
            Problem(
                "output",
                f"the notebook printed more than {limits.output_mb:g} MB; "
                "the rest of its output was dropped",
            )
        )
    return problems
