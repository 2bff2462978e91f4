"""nbgrader's gradebook of a class: what was released, who is in the class, who handed in.

Results are written into it by :mod:`autograder.grading.record`; what an assignment is
comes from it through :func:`autograder.grading.spec.load_spec`.
"""

from __future__ import annotations

import datetime
from typing import Sequence

from autograder.course.folders import ClassFolder, nbgrader_environment


class SetupError(RuntimeError):
    """The class folder is not ready for grading; the message says what to do."""


def open_gradebook(folder: ClassFolder):
    """nbgrader's Gradebook for the class (a context manager)."""
    from nbgrader.api import Gradebook

    with nbgrader_environment():  # a new database is created through `alembic`
        return Gradebook(folder.db_url)


def released_assignments(folder: ClassFolder) -> list[str]:
    """The assignments recorded in the gradebook, sorted."""
    with open_gradebook(folder) as gradebook:
        return sorted(a.name for a in gradebook.assignments)


def roster_and_layout(
    folder: ClassFolder, assignments: Sequence[str]
) -> tuple[list[str], dict[str, list[tuple[str, float]]]]:
    """The class's students, and each assignment's notebooks with their maximum scores.

    Raises:
        SetupError: an assignment is not in the gradebook.
    """
    from nbgrader.api import MissingEntry

    with open_gradebook(folder) as gradebook:
        students = sorted(s.id for s in gradebook.students)
        layout = {}
        for assignment in assignments:
            try:
                recorded = gradebook.find_assignment(assignment)
            except MissingEntry:
                raise SetupError(
                    f"{assignment!r} is not in the gradebook {folder.db_url}"
                ) from None
            layout[assignment] = [
                (nb.name, float(nb.max_score))
                for nb in sorted(recorded.notebooks, key=lambda n: n.name)
            ]
    return students, layout


def due_dates(folder: ClassFolder) -> dict[str, datetime.datetime]:
    """{assignment: its due date, timezone-aware} for the assignments that have one.

    Set in nbgrader's own place, the gradebook, so formgrader shows the same date: with
    ``nbgrader db assignment add 01-single-neuron --duedate="2026-12-01 23:59 CET"`` or
    Formgrader's "Manage Assignments". nbgrader stores it in UTC without a timezone.
    """
    with open_gradebook(folder) as gradebook:
        return {
            a.name: a.duedate.replace(tzinfo=datetime.timezone.utc)
            for a in gradebook.assignments
            if a.duedate is not None
        }


def submissions(folder: ClassFolder, assignment: str) -> list[str]:
    """The students who handed in the assignment (``submitted/<student>/<assignment>/``), sorted."""
    if not folder.submitted.is_dir():
        return []
    return sorted(p.parent.name for p in folder.submitted.glob(f"*/{assignment}") if p.is_dir())


def submitted_at(folder: ClassFolder, student: str, assignment: str) -> datetime.datetime | None:
    """When the student handed in, from nbgrader's ``timestamp.txt`` (None if absent or bad)."""
    from nbgrader.utils import parse_utc

    path = folder.submitted / student / assignment / "timestamp.txt"
    try:
        return parse_utc(path.read_text().strip())
    except (OSError, ValueError):
        return None
