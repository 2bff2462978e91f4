"""The report's table of students: everyone graded or on the class list, per assignment,
with score, when handed in, status, and links to their feedback pages and graded notebooks.
"""

from __future__ import annotations

import os
import urllib.parse
from pathlib import Path
from typing import Mapping, NamedTuple, Sequence

from autograder.course.folders import ClassFolder
from autograder.grading.results import SubmissionResult
from autograder.outputs.late import Lateness


class NotebookLinks(NamedTuple):
    """One notebook of a student's submission, as the students' table shows it.

    Attributes:
        notebook: its name.
        score, max_score: in points.
        handed_in: whether it was handed in.
        feedback, graded: relative links from the report to its feedback page and graded
            notebook, or None when that file does not exist (yet).
    """

    notebook: str
    score: float
    max_score: float
    handed_in: bool
    feedback: str | None
    graded: str | None


class StudentRow(NamedTuple):
    """One student of the class in one assignment's table.

    Attributes:
        student: their folder under ``submitted/``.
        name: their name as the LMS or class list gives it ("" when unknown).
        result: their graded submission, or None when they handed in nothing.
        lateness: when it was handed in and whether late, or None when unknown.
        notebooks: each notebook's score and links (empty without a result).
    """

    student: str
    name: str
    result: SubmissionResult | None
    lateness: Lateness | None
    notebooks: list[NotebookLinks]


class FileLinks:
    """Relative links from a page in ``page_dir`` to a class folder's files, for files that exist.

    Relative, so the report keeps working when the class folder is moved or copied whole.
    """

    def __init__(self, folder: ClassFolder | None = None, page_dir: Path | None = None):
        self.folder, self.page_dir = folder, page_dir

    def feedback(self, student: str, assignment: str, notebook: str) -> str | None:
        """The feedback page ``feedback/<student>/<assignment>/<notebook>.html``, if written."""
        if self.folder is None:
            return None
        return self._link(self.folder.feedback / student / assignment / f"{notebook}.html")

    def graded(self, student: str, assignment: str, notebook: str) -> str | None:
        """The graded notebook ``autograded/<student>/<assignment>/<notebook>.ipynb``, if any."""
        if self.folder is None:
            return None
        return self._link(self.folder.autograded / student / assignment / f"{notebook}.ipynb")

    def _link(self, target: Path) -> str | None:
        if not target.is_file():
            return None
        relative = os.path.relpath(target.resolve(), (self.page_dir or Path()).resolve())
        return urllib.parse.quote(Path(relative).as_posix())


def student_rows(
    assignment: str,
    results: Sequence[SubmissionResult],
    students: Sequence[str],
    names: Mapping[str, str],
    late: Mapping[tuple[str, str], Lateness],
    links: FileLinks,
) -> list[StudentRow]:
    """One row per student of one assignment: everyone graded and everyone on the class list.

    Args:
        assignment: the assignment.
        results: its graded submissions.
        students, names, late: as for :func:`write_report`.
        links: where the students' files are, seen from the page.

    Returns:
        Rows sorted by student folder; those on the class list without a result have
        ``result`` None.
    """
    by_student = {r.student: r for r in results}
    rows = []
    for student in sorted(set(by_student) | set(students)):
        result = by_student.get(student)
        notebooks = [
            NotebookLinks(
                nb.notebook,
                nb.score,
                nb.max_score,
                nb.handed_in,
                links.feedback(student, assignment, nb.notebook),
                links.graded(student, assignment, nb.notebook),
            )
            for nb in (result.notebooks if result else ())
        ]
        rows.append(
            StudentRow(
                student, names.get(student, ""), result, late.get((student, assignment)), notebooks
            )
        )
    return rows
