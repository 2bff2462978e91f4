"""Grading one submission in a grading thread, with a failure of the grader reported as
the submission's result (so that one submission's trouble does not stop the class).

Used by :mod:`.grade` here and by :mod:`.cluster` on each Dask worker.
"""

from __future__ import annotations

import tempfile
import traceback
from pathlib import Path

from autograder.grading.results import NotebookResult, Problem, ProblemKind, SubmissionResult
from autograder.grading.spec import AssignmentSpec
from autograder.grading.submission import GradedSubmission, grade_submission
from autograder.grading.workers import WorkerPool
from autograder.runner.limits import Limits


def grade_one(
    spec: AssignmentSpec, student: str, submitted: Path, pool: WorkerPool, limits: Limits
) -> GradedSubmission:
    """Grade one submission in a grading thread; a failure of the grader is reported as one."""
    try:
        worker = pool.mine()
        # The worker empties its scratch folder after each notebook: cleaning up after it
        # may find nothing.
        with tempfile.TemporaryDirectory(
            prefix=f"{student}-", dir=pool.scratch_of(worker), ignore_cleanup_errors=True
        ) as folder:
            return grade_submission(spec, student, submitted, worker, Path(folder), limits)
    except Exception:  # noqa: BLE001 -- one submission's trouble must not stop the class
        return grader_error(spec, student, traceback.format_exc())


def grader_error(spec: AssignmentSpec, student: str, details: str) -> GradedSubmission:
    """The result of a submission whose grading failed (not the student's doing): 0 points,
    for a human to look at; ``details`` say what failed."""
    problem = Problem(
        ProblemKind.GRADER_ERROR,
        "grading this submission failed; grade it again, and if it fails "
        f"again report this:\n{details}",
        needs_human=True,
    )
    result = SubmissionResult(student, spec.assignment, "", problems=[problem])
    result.notebooks = [NotebookResult(nb.name, 0.0, nb.max_score) for nb in spec.notebooks]
    return GradedSubmission(result, {}, {})
