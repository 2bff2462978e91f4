"""nbgrader's gradebook and folders: what an assignment is, and where results go.

The assignment's cells are read where stock nbgrader reads them when it grades: the
gradebook (filled by ``autograder release``), with the released notebooks for the cells'
order and the text students were given. Results are written where nbgrader keeps them:
scores in the gradebook (so ``nbgrader formgrader`` and ``nbgrader export`` see them),
graded notebooks in ``autograded/<student>/<assignment>/``, plus our
``autograder-result.json`` beside them.

Writing is ordered so that a grader killed at any moment leaves nothing half-done: the
notebooks first, then the scores in one database transaction, and the result file last.
A submission counts as graded only when its result file exists and matches the
submitted files; anything else is graded again on the next run.
"""

from __future__ import annotations

import datetime
import shutil
import warnings
from pathlib import Path
from typing import Sequence

import nbformat

from autograder.course import ClassFolder, nbgrader_environment
from autograder.results import MANUAL, RESULT_FILE, SubmissionResult, write_atomically
from autograder.submission import AssignmentSpec, CellSpec, GradedSubmission, NotebookSpec, title_of


class SetupError(RuntimeError):
    """The class folder is not ready for grading; the message says what to do."""


def open_gradebook(folder: ClassFolder):
    """nbgrader's Gradebook for the class (a context manager)."""
    from nbgrader.api import Gradebook

    with nbgrader_environment():  # a new database is created through `alembic`
        return Gradebook(folder.db_url)


def load_spec(folder: ClassFolder, assignment: str) -> AssignmentSpec:
    """Read an assignment as nbgrader recorded it when it was released.

    Raises:
        SetupError: the assignment is not in the gradebook, a released notebook is
            missing, or the two disagree (released again without recording it).
    """
    from nbgrader.api import MissingEntry

    with open_gradebook(folder) as gradebook:
        try:
            recorded = gradebook.find_assignment(assignment)
        except MissingEntry:
            raise SetupError(
                f"{assignment!r} is not in the gradebook {folder.db_url}. Release it first "
                "(autograder release, or make release), in this course folder."
            ) from None
        notebooks = []
        for notebook in sorted(recorded.notebooks, key=lambda n: n.name):
            sources = {cell.name: cell for cell in notebook.source_cells}
            points = {cell.name: float(cell.max_score) for cell in notebook.grade_cells}
            solutions = {cell.name for cell in notebook.solution_cells}
            released = _released_cells(folder, assignment, notebook.name)
            if set(released) != set(sources):
                raise SetupError(
                    f"{folder.release / assignment / notebook.name}.ipynb and the gradebook disagree "
                    "about its cells. Release the assignment again (autograder release)."
                )
            cells = tuple(
                CellSpec(
                    grade_id=name,
                    cell_type=sources[name].cell_type,
                    source=sources[name].source,
                    released=text,
                    locked=bool(sources[name].locked),
                    solution=name in solutions,
                    grade=name in points,
                    points=points.get(name, 0.0),
                    checksum=sources[name].checksum or "",
                    title=title_of(sources[name].source) if name in points else "",
                )
                for name, text in released.items()
            )
            metadata = nbformat.read(
                str(folder.release / assignment / f"{notebook.name}.ipynb"), 4
            ).metadata
            notebooks.append(NotebookSpec(notebook.name, cells, dict(metadata)))
    files = tuple(
        (str(p.relative_to(folder.source / assignment)), p.read_bytes())
        for p in sorted((folder.source / assignment).rglob("*"))
        if p.is_file() and p.suffix != ".ipynb" and ".ipynb_checkpoints" not in p.parts
    )
    return AssignmentSpec(assignment, tuple(notebooks), files)


def _released_cells(folder: ClassFolder, assignment: str, name: str) -> dict[str, str]:
    """grade id -> released text, in the released notebook's order."""
    path = folder.release / assignment / f"{name}.ipynb"
    if not path.is_file():
        raise SetupError(
            f"{path} is missing: grading needs the released notebooks. "
            "Release the assignment (autograder release)."
        )
    cells = nbformat.read(str(path), as_version=4).cells
    return {
        cell.metadata.nbgrader["grade_id"]: cell.source
        for cell in cells
        if "nbgrader" in cell.metadata
    }


def submissions(folder: ClassFolder, assignment: str) -> list[str]:
    """The students who handed in the assignment (``submitted/<student>/<assignment>/``), sorted."""
    if not folder.submitted.is_dir():
        return []
    return sorted(p.parent.name for p in folder.submitted.glob(f"*/{assignment}") if p.is_dir())


def result_path(folder: ClassFolder, student: str, assignment: str) -> Path:
    return folder.autograded / student / assignment / RESULT_FILE


def is_graded(folder: ClassFolder, student: str, assignment: str, fingerprint: str) -> bool:
    """Whether this exact submission has been graded and recorded completely."""
    path = result_path(folder, student, assignment)
    try:
        return (
            SubmissionResult.from_json(path.read_text(encoding="utf-8")).fingerprint == fingerprint
        )
    except (OSError, ValueError, TypeError, KeyError):
        return False


def submitted_at(folder: ClassFolder, student: str, assignment: str) -> datetime.datetime | None:
    """When the student handed in, from nbgrader's ``timestamp.txt`` (None if absent or unreadable)."""
    from nbgrader.utils import parse_utc

    path = folder.submitted / student / assignment / "timestamp.txt"
    try:
        return parse_utc(path.read_text().strip())
    except (OSError, ValueError):
        return None


def record(folder: ClassFolder, graded: GradedSubmission, gradebook) -> None:
    """Write one graded submission: notebooks, then gradebook scores, then the result file.

    Args:
        folder: the class folder.
        graded: what :func:`autograder.submission.grade_submission` returned.
        gradebook: an open nbgrader Gradebook (writes happen in the caller's process only;
            SQLite does not take writers from many processes well).
    """
    result = graded.result
    target = folder.autograded / result.student / result.assignment
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name, notebook in graded.notebooks.items():
        write_atomically(target / f"{name}.ipynb", nbformat.writes(notebook))

    from sqlalchemy.exc import SAWarning

    gradebook.update_or_create_student(result.student)
    timestamp = submitted_at(folder, result.student, result.assignment)
    with warnings.catch_warnings():  # nbgrader's own session handling warns on every new submission
        warnings.simplefilter("ignore", SAWarning)
        submission = gradebook.update_or_create_submission(
            result.assignment, result.student, **({"timestamp": timestamp} if timestamp else {})
        )
    by_name = {nb.name: nb for nb in submission.notebooks}
    for notebook in result.notebooks:
        stored = by_name[notebook.notebook]
        grades = {grade.name: grade for grade in stored.grades}
        for test in notebook.tests:
            grade = grades[test.grade_id]
            grade.auto_score = None if test.status == MANUAL else test.score
            grade.needs_manual_grade = grade.manual_score is not None or grade.auto_score is None
        unchanged = graded.answers_unchanged.get(notebook.notebook, set())
        for comment in stored.comments:
            comment.auto_comment = "No response." if comment.name in unchanged else None
        stored.flagged = notebook.needs_human
    gradebook.db.commit()
    write_atomically(target / RESULT_FILE, result.to_json())


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
