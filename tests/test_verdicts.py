"""Verdicts that read the same on every run: no memory addresses, each reason once."""

from __future__ import annotations

from autograder.grading.results import (
    NotebookResult,
    Problem,
    ProblemKind,
    Status,
    SubmissionResult,
)
from autograder.grading.results import (
    TestResult as OneTest,
)


def test_messages_hold_no_memory_addresses():
    """An object's repr names where it happened to be in memory; the verdict leaves it out."""
    test = OneTest("t", "", 1.0, 0.0, Status.FAILED, "got <function f at 0x7f3a9c2b1d30>")
    problem = Problem(ProblemKind.GRADER_ERROR, "<object object at 0x55d0c0ffee00> broke")
    assert test.message == "got <function f>" and problem.message == "<object object> broke"
    again = SubmissionResult.from_json(
        SubmissionResult("s", "a", "", [NotebookResult("n", 0, 1, [test], [problem])]).to_json()
    )
    assert again.notebooks[0].tests[0].message == "got <function f>"


def test_the_status_column_names_each_reason_once():
    twice = [Problem(ProblemKind.GRADER_ERROR, m, needs_human=True) for m in ("a", "b")]
    result = SubmissionResult("s", "a", "", [NotebookResult("n", 0, 1, problems=twice)])
    assert result.status == f"needs review: n: {ProblemKind.GRADER_ERROR}"
