"""Writing a graded submission where nbgrader keeps results, so that a crash loses nothing.

Scores go to the gradebook (so ``nbgrader formgrader`` and ``nbgrader export`` see them),
graded notebooks to ``autograded/<student>/<assignment>/``, plus our
``autograder-result.json`` beside them. Writing is ordered so that a grader killed at
any moment leaves nothing half-done: the notebooks first, then the scores in one
database transaction, and the result file last. A submission counts as graded only when
its result file exists and matches the submitted files (:func:`is_graded`); anything
else is graded again on the next run.
"""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import nbformat

from autograder.atomic import write_atomically
from autograder.course.folders import ClassFolder
from autograder.course.gradebook import submitted_at
from autograder.grading.results import RESULT_FILE, Status, SubmissionResult
from autograder.grading.submission import GradedSubmission


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


def record(folder: ClassFolder, graded: GradedSubmission, gradebook) -> None:
    """Write one graded submission: notebooks, then gradebook scores, then the result file.

    Args:
        folder: the class folder.
        graded: what :func:`autograder.grading.submission.grade_submission` returned.
        gradebook: an open nbgrader Gradebook (writes happen in the caller's process only;
            SQLite does not take writers from many processes well).
    """
    result, timings = graded.result, graded.timings
    target = folder.autograded / result.student / result.assignment
    with timings.stage("record notebooks"):
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        for name, notebook in graded.notebooks.items():
            write_atomically(target / f"{name}.ipynb", nbformat.writes(notebook))
    with timings.stage("record gradebook"):
        _record_scores(folder, graded, gradebook)
    with timings.stage("record result"):
        write_atomically(target / RESULT_FILE, result.to_json())


def _record_scores(folder: ClassFolder, graded: GradedSubmission, gradebook) -> None:
    """One graded submission's scores, comments and flags, into the gradebook."""
    from sqlalchemy.exc import SAWarning

    result = graded.result
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
            grade.auto_score = None if test.status == Status.MANUAL else test.score
            grade.needs_manual_grade = grade.manual_score is not None or grade.auto_score is None
        unchanged = graded.answers_unchanged.get(notebook.notebook, set())
        for comment in stored.comments:
            comment.auto_comment = "No response." if comment.name in unchanged else None
        stored.flagged = notebook.needs_human
    gradebook.db.commit()
