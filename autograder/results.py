"""What grading one submission produces: plain data, JSON on disk, shared by every step.

``grade`` writes one :class:`SubmissionResult` per student and assignment (next to the
autograded notebooks, as ``autograder-result.json``); ``feedback``, ``export`` and
``report`` read them. Scores are also written to nbgrader's gradebook, as stock
``nbgrader autograde`` does; the results add what the gradebook has no place for: each
test's message, and the problems found with a submission.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

RESULT_FILE = "autograder-result.json"

# Status of one graded test cell.
PASSED, PARTIAL, FAILED, ERROR, TIMEOUT, NOT_RUN = (
    "passed",
    "partial",
    "failed",
    "error",
    "timeout",
    "not run",
)
MANUAL = "manual"  # a graded answer a person grades (nbgrader's manually graded cells)


@dataclass
class TestResult:
    """One autograded test cell of one submitted notebook.

    Attributes:
        grade_id: the test cell's nbgrader grade_id, e.g. "test_neuron_output".
        title: what the test checks, for people (the first line of the cell's docstring,
            e.g. "Exercise 1: the book's three- and four-input neurons"), or "".
        points: what the test is worth.
        score: what the submission earned, 0 <= score <= points.
        status: one of "passed", "partial", "failed" (a check said why), "error" (code
            raised an exception that is not a check), "timeout", "not run" (the notebook
            stopped before this cell), "manual" (a person grades it; score 0 until then).
        message: for a student: the check's message (it never shows hidden inputs or
            expected values) or "ExceptionName: message"; None when passed.
    """

    grade_id: str
    title: str
    points: float
    score: float
    status: str
    message: str | None = None


@dataclass
class Problem:
    """Something about a submission beyond right and wrong answers.

    Attributes:
        kind: a short key. About the files: "missing" (notebook not handed in),
            "misnamed" (found under another name), "unreadable" (not a notebook),
            "extra-files". About the cells: "cells-restored" (locked or test cells
            deleted, duplicated, split, merged, moved or with changed metadata: put back
            as released), "test-edited" (a test cell's code was changed: the original
            ran instead), "answer-missing" (an answer cell is gone). About running it:
            "crash", "timeout", "memory", "processes", "output". "grader-error": the
            grading machinery failed, not the student.
        message: what happened and what the grader did about it, for the instructor.
        needs_human: whether an instructor should look at the submission.
    """

    kind: str
    message: str
    needs_human: bool = False


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
        if reasons:
            return "needs review: " + "; ".join(reasons)
        missing = [
            n.notebook for n in self.notebooks if any(p.kind == "missing" for p in n.problems)
        ]
        if missing and len(missing) == len(self.notebooks):
            return "missing"
        return f"graded (missing: {', '.join(missing)})" if missing else "graded"

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), indent=1, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> SubmissionResult:
        data = json.loads(text)
        notebooks = [
            NotebookResult(
                tests=[TestResult(**t) for t in nb.pop("tests")],
                problems=[Problem(**p) for p in nb.pop("problems")],
                **nb,
            )
            for nb in data.pop("notebooks")
        ]
        return cls(
            notebooks=notebooks, problems=[Problem(**p) for p in data.pop("problems")], **data
        )


def write_atomically(path: Path, data: str | bytes) -> None:
    """Write a file so that it is either as it was, or complete (never half-written).

    Text is written as UTF-8, without newline translation. The file is readable by all
    (mode 644), as files written by the usual means are.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data.encode("utf-8") if isinstance(data, str) else data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


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
