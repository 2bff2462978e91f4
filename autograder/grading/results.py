"""What grading one submission produces: plain data, JSON on disk, shared by every step.

``grade`` writes one :class:`SubmissionResult` per student and assignment (next to the
autograded notebooks, as ``autograder-result.json``); ``feedback``, ``export`` and
``report`` read them. Scores are also written to nbgrader's gradebook, as stock
``nbgrader autograde`` does; the results add what the gradebook has no place for: each
test's message, and the problems found with a submission.
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

RESULT_FILE = "autograder-result.json"
GRADED = "graded"  # a submission's status when nothing needs a look
MISSING = "missing"  # a submission's status when nothing of it was handed in


class Status(StrEnum):
    """How one graded test cell did."""

    PASSED = "passed"
    PARTIAL = "partial"
    FAILED = "failed"  # a check said why
    ERROR = "error"  # the code raised an exception that is not a check
    TIMEOUT = "timeout"
    NOT_RUN = "not run"  # the notebook stopped before this cell
    MANUAL = "manual"  # a person grades it (nbgrader's manually graded cells); 0 until then


class ProblemKind(StrEnum):
    """What a :class:`Problem` is about."""

    # The files.
    MISSING = "missing"  # a notebook was not handed in
    MISNAMED = "misnamed"  # found under another name
    UNREADABLE = "unreadable"  # not a notebook that can be graded
    EXTRA_FILES = "extra-files"  # other files were handed in too
    # The cells.
    CELLS_RESTORED = "cells-restored"  # locked or test cells changed: put back as released
    TEST_EDITED = "test-edited"  # a test cell's code was changed: the original ran instead
    ANSWER_MISSING = "answer-missing"  # an answer cell is gone: an empty one ran instead
    # Running it.
    CRASH = "crash"
    TIMEOUT = "timeout"
    MEMORY = "memory"
    DISK = "disk"  # its files filled the sandbox's writable places
    VALUE_SIZE = "value-size"  # a value too large to pass between its code and a test
    PROCESSES = "processes"
    OUTPUT = "output"
    TAMPERING = "tampering"  # the submission broke the grading protocol or its checker
    GRADER_ERROR = "grader-error"  # the grading machinery failed, not the student


# "<function f at 0x7f3a...>": where an object happened to be in memory differs on every
# run, and a verdict must not.
_ADDRESS = re.compile(r"( at)? 0x[0-9a-fA-F]{6,}")


def without_addresses(message: str | None) -> str | None:
    """The message without memory addresses: ``<function f at 0x7f..>`` -> ``<function f>``."""
    return message if message is None else _ADDRESS.sub("", message)


@dataclass
class TestResult:
    """One autograded test cell of one submitted notebook.

    Attributes:
        grade_id: the test cell's nbgrader grade_id, e.g. "test_neuron_output".
        title: what the test checks, for people (the first line of the cell's docstring,
            e.g. "Exercise 1: the book's three- and four-input neurons"), or "".
        points: what the test is worth.
        score: what the submission earned, 0 <= score <= points.
        status: how it did.
        message: for a student: the check's message (it never shows hidden inputs or
            expected values) or "ExceptionName: message"; None when passed.
    """

    grade_id: str
    title: str
    points: float
    score: float
    status: Status
    message: str | None = None

    def __post_init__(self):
        self.message = without_addresses(self.message)


@dataclass
class Problem:
    """Something about a submission beyond right and wrong answers.

    Attributes:
        kind: what it is about.
        message: what happened and what the grader did about it, for the instructor.
        needs_human: whether an instructor should look at the submission.
    """

    kind: ProblemKind
    message: str
    needs_human: bool = False

    def __post_init__(self):
        self.message = without_addresses(self.message)


@dataclass
class NotebookResult:
    """One notebook of a submission.

    Attributes:
        notebook: the notebook's name, without ".ipynb".
        score, max_score: points earned and available.
        tests: one TestResult per test cell, in the notebook's order.
        problems: what went wrong besides answers.
        seconds: time taken to run it.
    """

    notebook: str
    score: float
    max_score: float
    tests: list[TestResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def needs_human(self) -> bool:
        return any(p.needs_human for p in self.problems)

    @property
    def handed_in(self) -> bool:
        """Whether the notebook was handed in (grading marks it missing if not)."""
        return not any(p.kind == ProblemKind.MISSING for p in self.problems)


@dataclass
class SubmissionResult:
    """One student's submission of one assignment.

    Attributes:
        student, assignment: the nbgrader ids.
        fingerprint: a hash of the submitted files; a re-run regrades only when it changed.
        notebooks: one result per notebook of the assignment, in order.
        problems: problems with the submission as a whole (e.g. extra files).
    """

    student: str
    assignment: str
    fingerprint: str
    notebooks: list[NotebookResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def score(self) -> float:
        return sum(n.score for n in self.notebooks)

    @property
    def max_score(self) -> float:
        return sum(n.max_score for n in self.notebooks)

    @property
    def needs_human(self) -> bool:
        return any(p.needs_human for p in self.problems) or any(
            n.needs_human for n in self.notebooks
        )

    @property
    def status(self) -> str:
        """For the export's status column: "graded", "missing" (nothing handed in),
        "graded (missing: <notebooks>)", or "needs review: <reasons>"."""
        reasons = [p.kind for p in self.problems if p.needs_human]
        reasons += [
            f"{n.notebook}: {p.kind}" for n in self.notebooks for p in n.problems if p.needs_human
        ]
        if reasons:  # each once: two notes of one kind are one reason to look
            return "needs review: " + "; ".join(dict.fromkeys(reasons))
        missing = [n.notebook for n in self.notebooks if not n.handed_in]
        if missing and len(missing) == len(self.notebooks):
            return MISSING
        return f"{GRADED} (missing: {', '.join(missing)})" if missing else GRADED

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), indent=1, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> SubmissionResult:
        """The result :meth:`to_json` wrote (ValueError, TypeError or KeyError if it is not one)."""
        data = json.loads(text)

        def problems(items: list[dict]) -> list[Problem]:
            return [Problem(**{**p, "kind": ProblemKind(p["kind"])}) for p in items]

        notebooks = [
            NotebookResult(
                tests=[TestResult(**{**t, "status": Status(t["status"])}) for t in nb.pop("tests")],
                problems=problems(nb.pop("problems")),
                **nb,
            )
            for nb in data.pop("notebooks")
        ]
        return cls(notebooks=notebooks, problems=problems(data.pop("problems")), **data)


def load_results(autograded_dir: Path, assignment: str | None = None) -> list[SubmissionResult]:
    """Every graded submission under ``autograded/<student>/<assignment>/``, sorted.

    Args:
        autograded_dir: the course's autograded directory.
        assignment: only this assignment, or all when None.

    Returns:
        The results, sorted by assignment and student.
    """
    pattern = f"*/{assignment or '*'}/{RESULT_FILE}"
    results = [
        SubmissionResult.from_json(p.read_text(encoding="utf-8"))
        for p in autograded_dir.glob(pattern)
    ]
    return sorted(results, key=lambda r: (r.assignment, r.student))
