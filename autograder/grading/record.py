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

import concurrent.futures
import shutil
from pathlib import Path
from typing import Sequence

from autograder.atomic import write_atomically
from autograder.course.folders import ClassFolder
from autograder.course.gradebook import submitted_at
from autograder.grading.gradebook_rows import Filed, put_scores
from autograder.grading.results import RESULT_FILE, SubmissionResult
from autograder.grading.submission import GradedSubmission

# Files written (and synced to disk) at once; the threads start when first needed.
_WRITERS = concurrent.futures.ThreadPoolExecutor(16, thread_name_prefix="autograder-record")


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


def record(folder: ClassFolder, batch: Sequence[GradedSubmission], gradebook) -> None:
    """Write graded submissions: their notebooks, then all their scores in one gradebook
    transaction, then their result files.

    Args:
        folder: the class folder.
        batch: what :func:`autograder.grading.submission.grade_submission` returned, for
            submissions that arrived together (one commit for all: a cluster's results
            arrive faster than a commit each allows).
        gradebook: an open nbgrader Gradebook (writes happen in the caller's process only;
            SQLite does not take writers from many processes well).
    """
    notebooks = []
    for graded in batch:
        result = graded.result
        target = folder.autograded / result.student / result.assignment
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        notebooks += [(target / f"{name}.ipynb", text) for name, text in graded.notebooks.items()]
    _write_all(notebooks)
    put_scores(
        gradebook,
        [
            Filed(
                g.result,
                g.answers_unchanged,
                submitted_at(folder, g.result.student, g.result.assignment),
            )
            for g in batch
        ],
    )
    gradebook.db.commit()
    _write_all(
        [
            (result_path(folder, g.result.student, g.result.assignment), g.result.to_json())
            for g in batch
        ]
    )


def _write_all(files: list[tuple[Path, str]]) -> None:
    """Write files atomically, side by side: the file system syncs them to disk together,
    where one after the other would wait for the disk once each."""
    for written in [_WRITERS.submit(write_atomically, *file) for file in files]:
        written.result()
