"""Scoring, with a fake kernel: what each cell's outputs and each way a run ends are worth.

``grade_submission`` runs notebooks only through the kernel it is given, so a kernel that
returns chosen outputs tests everything after the run (nbgrader's scores, statuses,
messages, problems) in milliseconds, and shows which process each cell was sent to.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from autograder.grading.results import ProblemKind, Status
from autograder.grading.submission import grade_submission
from autograder.runner.execution import CellRun, CodeCell, End, Execution, Role
from autograder.runner.limits import Limits
from tests.grading_fixtures import ANSWER, SPEC, TEST, handed_in

LIMITS = Limits(cell_seconds=3, memory_mb=100, output_mb=1)


def stream(name: str, text: str) -> dict:
    return {"output_type": "stream", "name": name, "text": text}


def error(ename: str, evalue: str = "") -> dict:
    return {"output_type": "error", "ename": ename, "evalue": evalue, "traceback": []}


@dataclass
class FakeKernel:
    """Answers each run with the outputs chosen for the cells (by their source), stopping
    after ``ran`` cells with ``end`` if given."""

    outputs: dict[str, list[dict]] = field(default_factory=dict)
    ran: int | None = None
    end: End = End.COMPLETED
    detail: str = ""
    hidden_error: bool = False
    leftover_processes: int = 0
    output_truncated: bool = False
    sent: list[CodeCell] = field(default_factory=list)

    def run(self, cells, directory: Path, limits: Limits) -> Execution:
        assert directory.is_dir() and limits == LIMITS
        self.sent = list(cells)
        runs = [
            CellRun(
                self.outputs.get(cell.source, []), 0.01, self.hidden_error and cell.source == TEST
            )
            for cell in cells[: self.ran]
        ]
        return Execution(
            runs, self.end, self.detail, self.leftover_processes, self.output_truncated
        )


def graded(tmp_path: Path, kernel: FakeKernel, handed: dict | bytes | None = ...):
    """Grade one submission of the notebook ``handed`` in (default: the honest one; None: no
    file) with ``kernel``: the notebook's result and its only test's."""
    base = Path(tempfile.mkdtemp(dir=tmp_path))  # a fresh one for every submission
    submitted, scratch = base / "submitted", base / "scratch"
    for folder in (submitted, scratch):
        folder.mkdir()
    handed = handed_in() if handed is ... else handed
    if handed is not None:
        data = handed if isinstance(handed, bytes) else json.dumps(handed).encode()
        (submitted / "doubling.ipynb").write_bytes(data)
    result = grade_submission(SPEC, "alice", submitted, kernel, scratch, LIMITS).result
    [notebook_result] = result.notebooks
    [test] = notebook_result.tests
    return notebook_result, test


def kinds(notebook_result) -> dict[ProblemKind, bool]:
    return {p.kind: p.needs_human for p in notebook_result.problems}


def test_each_cell_is_sent_to_the_process_that_must_run_it(tmp_path):
    kernel = FakeKernel()
    graded(tmp_path, kernel)
    assert [(c.source, c.runs_in) for c in kernel.sent] == [
        ("import math", Role.BOTH),  # the test uses `math`: the checker runs its own
        (ANSWER, Role.STUDENT),
        (TEST, Role.CHECKER),
    ]
    assert kernel.sent[2].hidden_line == 3


def test_a_test_that_raises_nothing_passes_even_with_output_on_stderr(tmp_path):
    notebook, test = graded(tmp_path, FakeKernel({TEST: [stream("stderr", "a warning")]}))
    assert (test.status, test.score, test.message) == (Status.PASSED, 2.0, None)
    assert notebook.score == 2.0 and notebook.problems == []


def test_a_failed_check_gives_its_message(tmp_path):
    failure = error("CheckFailure", "the bias is missing")
    _, test = graded(tmp_path, FakeKernel({TEST: [failure]}))
    assert (test.status, test.score, test.message) == (Status.FAILED, 0.0, "the bias is missing")


def test_an_error_gives_its_name_and_message_but_not_in_hidden_tests(tmp_path):
    _, test = graded(tmp_path, FakeKernel({TEST: [error("ValueError", "x = 3")]}))
    assert (test.status, test.message) == (Status.ERROR, "ValueError: x = 3")
    kernel = FakeKernel({TEST: [error("ValueError", "x = 3")]}, hidden_error=True)
    _, test = graded(tmp_path, kernel)
    assert test.message == "ValueError raised in a hidden test"


def test_an_interrupted_cell_is_a_timeout_and_the_next_cells_still_count(tmp_path):
    stuck = error("CellTimeoutError", "the cell ran for more than 3 s and was stopped")
    notebook, test = graded(tmp_path, FakeKernel({ANSWER: [stuck]}))
    assert test.status == Status.PASSED
    assert kinds(notebook) == {ProblemKind.TIMEOUT: True}
    assert "cell 3 (answer) ran longer than 3 s" in notebook.problems[0].message
    _, test = graded(tmp_path, FakeKernel({TEST: [stuck]}))
    assert (test.status, test.score) == (Status.TIMEOUT, 0.0)


def test_running_out_of_memory_is_noted_without_a_human(tmp_path):
    notebook, test = graded(tmp_path, FakeKernel({ANSWER: [error("MemoryError")]}))
    assert kinds(notebook) == {ProblemKind.MEMORY: False}
    assert "100 MB" in notebook.problems[0].message


# (how the run ended, the problem kind it gives, the status of the test that did not run)
ENDINGS = {
    End.TIMEOUT: (ProblemKind.TIMEOUT, Status.TIMEOUT),
    End.PROCESSES: (ProblemKind.PROCESSES, Status.NOT_RUN),
    End.CRASHED: (ProblemKind.CRASH, Status.NOT_RUN),
    End.STOPPED: (ProblemKind.CRASH, Status.NOT_RUN),
    End.TAMPERING: (ProblemKind.TAMPERING, Status.NOT_RUN),
    End.GRADER_ERROR: (ProblemKind.GRADER_ERROR, Status.NOT_RUN),
}


@pytest.mark.parametrize("end", ENDINGS)
def test_a_run_that_stopped_keeps_the_cells_before_and_needs_a_human(tmp_path, end):
    kind, status = ENDINGS[end]
    kernel = FakeKernel(ran=2, end=end, detail="what happened", leftover_processes=3)
    notebook, test = graded(tmp_path, kernel)
    assert (test.status, test.score) == (status, 0.0)
    assert "what happened" in test.message
    # The leftover processes are noted too, unless the run was stopped for its processes.
    expected = {kind: True, ProblemKind.PROCESSES: end == End.PROCESSES}
    assert kinds(notebook) == expected
    if end != End.GRADER_ERROR:
        assert "cell 4 (test_answer)" in notebook.problems[0].message


def test_leftover_processes_and_dropped_output_are_noted_without_a_human(tmp_path):
    notebook, test = graded(tmp_path, FakeKernel(leftover_processes=2, output_truncated=True))
    assert test.status == Status.PASSED
    assert kinds(notebook) == {ProblemKind.PROCESSES: False, ProblemKind.OUTPUT: False}


def test_a_missing_or_unreadable_notebook_scores_zero_with_every_test_not_run(tmp_path):
    kernel = FakeKernel()
    notebook, test = graded(tmp_path, kernel, None)
    assert kinds(notebook) == {ProblemKind.MISSING: False} and test.status == Status.NOT_RUN
    notebook, test = graded(tmp_path, kernel, b"{ truncated")
    assert kinds(notebook) == {ProblemKind.UNREADABLE: True} and test.status == Status.NOT_RUN
    assert kernel.sent == []  # neither ran
