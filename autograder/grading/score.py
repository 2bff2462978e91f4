"""Scoring a notebook that ran: outputs into the cells, a result per test, problems in words.

Scores are those of stock ``nbgrader autograde`` (its ``determine_grade`` and output
limits), except that output on stderr is not a failure and a notebook that stopped keeps
the scores of the tests before it.
"""

from __future__ import annotations

import copy

import nbformat
from nbformat import NotebookNode

from autograder.course.notebook_files import cell_grade_id
from autograder.grading.rebuild import Rebuilt
from autograder.grading.results import NotebookResult, Problem, ProblemKind, Status, TestResult
from autograder.grading.spec import CellSpec, NotebookSpec
from autograder.runner.execution import CellRun, End, Execution
from autograder.runner.limits import Limits

MAX_MESSAGE = 2000  # characters of a test's message kept for feedback


def score_notebook(
    nb: NotebookSpec,
    rebuilt: Rebuilt,
    code: list[tuple[int, NotebookNode]],
    execution: Execution,
    limits: Limits,
) -> tuple[NotebookResult, NotebookNode]:
    """Put the outputs into the notebook, apply nbgrader's output limits, and score the tests.

    Args:
        nb: the notebook as the assignment has it.
        rebuilt: the submitted notebook, rebuilt.
        code: (index in ``rebuilt.cells``, cell) of each code cell, in the order they ran.
        execution: what running ``code`` gave (fewer cells if it stopped).
        limits: the limits it ran with (named in the problems).

    Returns:
        The notebook's result, and the graded notebook (outputs in its cells).
    """
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


def not_graded(nb: NotebookSpec, problem: Problem) -> NotebookResult:
    """The result of a notebook that could not run (missing, unreadable): 0, every test not run."""
    tests = [
        TestResult(t.grade_id, t.title, t.points, 0.0, Status.NOT_RUN, problem.message)
        for t in nb.tests
    ]
    return NotebookResult(nb.name, 0.0, nb.max_score, tests, [problem])


def _test_result(
    spec_cell: CellSpec,
    cell: NotebookNode,
    run: CellRun | None,
    execution: Execution,
    crashed_here: bool,
) -> TestResult:
    """Score one test cell as stock nbgrader does, except that stderr output is not a failure."""
    from nbgrader.utils import determine_grade

    def result(score: float, status: Status, message: str | None) -> TestResult:
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
        timed_out = crashed_here and execution.end == End.TIMEOUT
        return result(0.0, Status.TIMEOUT if timed_out else Status.NOT_RUN, why)
    # Warnings and other stderr output are not failures (stock nbgrader fails the cell).
    judged = copy.deepcopy(cell)
    judged.outputs = [
        o for o in judged.outputs if not (o.output_type == "stream" and o.name == "stderr")
    ]
    score, _ = determine_grade(judged)
    if score is None:
        return result(0.0, Status.MANUAL, "graded by hand")
    error = next((o for o in cell.outputs if o.output_type == "error"), None)
    if error is not None:
        if error.ename == "CellTimeoutError":
            return result(score, Status.TIMEOUT, error.evalue)
        if error.ename == "CheckFailure":
            return result(score, Status.FAILED, error.evalue)
        if run.error_in_hidden_tests:  # its message could show a hidden test's values
            return result(score, Status.ERROR, f"{error.ename} raised in a hidden test")
        return result(score, Status.ERROR, f"{error.ename}: {error.evalue}")
    if score >= spec_cell.points:
        return result(score, Status.PASSED, None)
    return result(
        score,
        Status.PARTIAL if score > 0 else Status.FAILED,
        f"{score:g} of {spec_cell.points:g} points",
    )


def _cell_name(cells: list[NotebookNode], index: int) -> str:
    """How a report names a cell: "cell 14 (line_parameters)", "cell 23 (added by the student)"."""
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
    ending = {
        End.PROCESSES: (
            ProblemKind.PROCESSES,
            f"{where}: {execution.detail} (a fork bomb?) and was stopped; "
            "the cells after it did not run",
        ),
        End.TIMEOUT: (ProblemKind.TIMEOUT, stopped),
        End.MEMORY: (
            ProblemKind.MEMORY,
            f"{where}: {execution.detail} (limits: --memory {limits.memory_mb} MB for its code "
            f"and as much for the tests, --disk {limits.disk_mb} MB); the cells after it did "
            "not run",
        ),
        End.CRASHED: (ProblemKind.CRASH, stopped),
        End.STOPPED: (ProblemKind.CRASH, stopped),
        End.TAMPERING: (
            ProblemKind.TAMPERING,
            f"{stopped}. Its score counts only the cells before; look at what its code does",
        ),
        End.GRADER_ERROR: (
            ProblemKind.GRADER_ERROR,
            f"{execution.detail}; grade this submission again",
        ),
    }
    if execution.end in ending:
        kind, message = ending[execution.end]
        problems.append(Problem(kind, message, needs_human=True))
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
                ProblemKind.TIMEOUT,
                f"{', '.join(timeouts)} ran longer than {limits.cell_seconds:g} s "
                "and was interrupted; the next cells ran",
                needs_human=True,
            )
        )
    if any(o.ename == "MemoryError" for _, o in errors):
        problems.append(
            Problem(
                ProblemKind.MEMORY,
                f"the notebook ran out of memory (limit: --memory {limits.memory_mb} MB)",
            )
        )
    if execution.disk_full or any("No space left on device" in str(o.evalue) for _, o in errors):
        problems.append(
            Problem(
                ProblemKind.DISK,
                f"the notebook's files filled its disk space (limit: --disk {limits.disk_mb} MB "
                "for its folder and /tmp, as much for /dev/shm)",
            )
        )
    too_large = [  # a test's checks word it as "... raised UnsendableValue"
        _cell_name(cells, index)
        for index, o in errors
        if "UnsendableValue" in f"{o.ename} {o.get('evalue', '')}"
    ]
    if too_large:
        problems.append(
            Problem(
                ProblemKind.VALUE_SIZE,
                f"{', '.join(too_large)}: a value passed between the student's code and a test "
                f"was larger than the limit (--value-size {limits.value_mb:g} MB); the test failed",
            )
        )
    if execution.leftover_processes and execution.end != End.PROCESSES:
        problems.append(
            Problem(
                ProblemKind.PROCESSES,
                f"the notebook left {execution.leftover_processes} process(es) "
                "running; they were stopped",
            )
        )
    if execution.output_truncated:
        problems.append(
            Problem(
                ProblemKind.OUTPUT,
                f"the notebook printed more than {limits.output_mb:g} MB; "
                "the rest of its output was dropped",
            )
        )
    return problems
