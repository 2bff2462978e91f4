"""Feedback for students: one self-contained HTML page per graded notebook.

Pages go where nbgrader puts its feedback, ``<feedback>/<student>/<assignment>/<notebook>.html``.
A page shows only fields of the result meant for the student: the score, each test's
title, points, status and message (the grader keeps hidden inputs and expected values
out of messages), and the notebook's problems in words for a student. It never shows
notebook source, outputs, tracebacks or hidden tests, because the template is given
nothing else to show. Everything is HTML-escaped.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from autograder.atomic import write_atomically
from autograder.grading.results import Problem, ProblemKind, Status, SubmissionResult
from autograder.outputs.html import render

# What each kind of problem (see results.Problem) means for a student, and whether the
# grader's message may be shown under it: a timeout's or memory error's message says what
# the limit was; a grader error's holds tracebacks and paths, which are not for students.
_FOR_STUDENTS = {
    ProblemKind.MISSING: ("This notebook was not handed in.", False),
    ProblemKind.MISNAMED: (
        "This notebook was handed in under another name; it was found and graded.",
        True,
    ),
    ProblemKind.UNREADABLE: (
        "The file handed in could not be read as a notebook, so it was not graded.",
        True,
    ),
    ProblemKind.EXTRA_FILES: (
        "Other files were handed in too; your notebooks could use them while they ran.",
        False,
    ),
    ProblemKind.CELLS_RESTORED: (
        "Cells that are not yours to change were changed, removed or moved; they were put back "
        "as they were handed out before grading.",
        True,
    ),
    ProblemKind.TEST_EDITED: ("A test cell was edited; the original test ran instead.", True),
    ProblemKind.ANSWER_MISSING: (
        "An answer cell is missing, so an empty cell was graded in its place.",
        True,
    ),
    ProblemKind.CRASH: (
        "The notebook stopped before the end: the Python kernel running it ended.",
        True,
    ),
    ProblemKind.TIMEOUT: ("Your code ran longer than the time limit.", True),
    ProblemKind.MEMORY: ("Your code used more memory than the limit.", True),
    ProblemKind.DISK: ("Your code wrote more into files than the limit.", True),
    ProblemKind.VALUE_SIZE: (
        "Your code returned a value to a test that was larger than the limit.",
        True,
    ),
    ProblemKind.PROCESSES: (
        "Your code started more processes than allowed, or left some running.",
        True,
    ),
    ProblemKind.OUTPUT: ("Your code printed more output than the limit.", True),
    ProblemKind.TAMPERING: (
        "Something about this notebook was reported to your instructor.",
        False,
    ),
    ProblemKind.GRADER_ERROR: ("Grading went wrong on our side, not in your work.", False),
}


class StudentProblem(NamedTuple):
    """A problem in words for a student.

    Attributes:
        text: what happened, for a student.
        detail: the grader's message, where it helps a student (else None).
        needs_human: whether the instructor will look at it.
    """

    text: str
    detail: str | None
    needs_human: bool


def for_student(problem: Problem) -> StudentProblem:
    """``problem`` in words for a student (see the table of kinds above)."""
    text, show_message = _FOR_STUDENTS[problem.kind]
    return StudentProblem(text, problem.message if show_message else None, problem.needs_human)


def write_feedback(result: SubmissionResult, feedback_dir: Path) -> list[Path]:
    """Write a feedback page for each notebook of a graded submission.

    Args:
        result: the graded submission.
        feedback_dir: the course's feedback folder.

    Returns:
        The pages written, ``feedback_dir/<student>/<assignment>/<notebook>.html``, in the
        order of the notebooks. Each is written atomically (whole or not at all).

    Raises:
        ValueError: the student, assignment or a notebook is not a plain file name
            (e.g. contains "/" or is ".."), so the page would land elsewhere.
    """
    folder = feedback_dir / _file_name(result.student) / _file_name(result.assignment)
    # Problems of the whole submission (e.g. a grader error) concern every notebook of it.
    shared = [for_student(p) for p in result.problems]
    pages = []
    for notebook in result.notebooks:
        path = folder / f"{_file_name(notebook.notebook)}.html"
        html = render(
            "feedback.html.j2",
            student=result.student,
            assignment=result.assignment,
            notebook=notebook.notebook,
            score=notebook.score,
            max_score=notebook.max_score,
            tests=notebook.tests,
            passed=sum(t.status == Status.PASSED for t in notebook.tests),
            problems=[for_student(p) for p in notebook.problems] + shared,
        )
        write_atomically(path, html)
        pages.append(path)
    return pages


def _file_name(name: str) -> str:
    """``name``, checked to be usable as one path component."""
    if name in ("", ".", "..") or any(c in name for c in "/\\\0"):
        raise ValueError(f"{name!r} cannot be a file or folder name")
    return name
