"""Feedback for students: one self-contained HTML page per graded notebook.

Pages go where nbgrader puts its feedback, ``<feedback>/<student>/<assignment>/<notebook>.html``.
A page shows only fields of the result meant for the student: the score, each test's
title, points, status and message (the grader keeps hidden inputs and expected values
out of messages), and the notebook's problems in words for a student. It never shows
notebook source, outputs, tracebacks or hidden tests, because the template is given
nothing else to show. Everything is HTML-escaped.

This module also holds what the HTML pages share (:mod:`autograder.report` uses it): the
Jinja2 environment of ``autograder/templates`` and how a test's status looks.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import NamedTuple

import jinja2

from autograder.export import MISSING, number
from autograder.results import (
    ERROR,
    FAILED,
    MANUAL,
    NOT_RUN,
    PARTIAL,
    PASSED,
    TIMEOUT,
    Problem,
    SubmissionResult,
    write_atomically,
)
from nbhelpers.plots import PALETTE

TEMPLATES = Path(__file__).parent / "templates"

# Symbol and word for each status: the status is never told by colour alone.
_LOOKS = {
    PASSED: ("✓", "passed"),
    PARTIAL: ("◐", "partial credit"),
    FAILED: ("✗", "failed"),
    ERROR: ("⚠", "error"),
    TIMEOUT: ("◷", "timed out"),
    NOT_RUN: ("○", "not run"),
    MANUAL: ("✎", "graded by hand"),
}

# What each kind of problem (see results.Problem) means for a student, and whether the
# grader's message may be shown under it: a timeout's or memory error's message says what
# the limit was; a grader error's holds tracebacks and paths, which are not for students.
_FOR_STUDENTS = {
    MISSING: ("This notebook was not handed in.", False),
    "misnamed": ("This notebook was handed in under another name; it was found and graded.", True),
    "unreadable": (
        "The file handed in could not be read as a notebook, so it was not graded.",
        True,
    ),
    "extra-files": (
        "Other files were handed in too; your notebooks could use them while they ran.",
        False,
    ),
    "cells-restored": (
        "Cells that are not yours to change were changed, removed or moved; they were put back "
        "as they were handed out before grading.",
        True,
    ),
    "test-edited": ("A test cell was edited; the original test ran instead.", True),
    "answer-missing": (
        "An answer cell is missing, so an empty cell was graded in its place.",
        True,
    ),
    "crash": ("The notebook stopped before the end: the Python kernel running it ended.", True),
    "timeout": ("Your code ran longer than the time limit.", True),
    "memory": ("Your code used more memory than the limit.", True),
    "processes": ("Your code started more processes than allowed, or left some running.", True),
    "output": ("Your code printed more output than the limit.", True),
    "grader-error": ("Grading went wrong on our side, not in your work.", False),
}
_UNKNOWN_PROBLEM = ("Something about this notebook was reported to your instructor.", False)


class StatusLook(NamedTuple):
    """How a test's status is shown.

    Attributes:
        symbol: one character, e.g. "✓".
        word: what the status means, e.g. "passed" (the status itself when unknown).
        css: the CSS class that colours it, e.g. "status-not-run".
    """

    symbol: str
    word: str
    css: str


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


def status_look(status: str) -> StatusLook:
    """How ``status`` (a TestResult's status, e.g. "not run") is shown; unknown ones get a neutral dot."""
    symbol, word = _LOOKS.get(status, ("•", status))
    return StatusLook(symbol, word, "status-" + anchor(status))


def anchor(*parts: str) -> str:
    """An HTML id or class name from ``parts``: "--"-joined, other characters than [A-Za-z0-9_-] as "-"."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", "--".join(parts))


@functools.cache
def environment() -> jinja2.Environment:
    """The Jinja2 environment of the course's HTML pages: autoescaped, strict about undefined names.

    Filters: ``number`` (see :func:`autograder.export.number`), ``status`` (a status's
    :class:`StatusLook`), ``anchor`` (see :func:`anchor`). Global: ``palette``, the
    course's colours (:data:`nbhelpers.plots.PALETTE`).
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(number=number, status=status_look, anchor=anchor)
    env.globals["palette"] = PALETTE
    return env


def render(template: str, **context: object) -> str:
    """The HTML of ``template`` (a file in ``autograder/templates``) with ``context``."""
    return environment().get_template(template).render(**context)


def for_student(problem: Problem) -> StudentProblem:
    """``problem`` in words for a student (see the table of kinds above)."""
    text, show_message = _FOR_STUDENTS.get(problem.kind, _UNKNOWN_PROBLEM)
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
            passed=sum(t.status == PASSED for t in notebook.tests),
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
