"""Grading a class: every submission of some assignments, in parallel, recorded as nbgrader does.

One thread per worker process hands submissions to :func:`grade_submission`; this
process alone writes the results (see :mod:`autograder.grading.record`), one submission at a
time, as they finish. A submission whose grading fails for any reason is reported as
such and the others go on.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import os
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from autograder.course.folders import ClassFolder
from autograder.course.gradebook import open_gradebook, submissions
from autograder.grading import record, sandbox
from autograder.grading.results import NotebookResult, Problem, ProblemKind, SubmissionResult
from autograder.grading.spec import AssignmentSpec, load_spec
from autograder.grading.submission import GradedSubmission, fingerprint, grade_submission
from autograder.grading.timings import Timings
from autograder.grading.workers import WorkerPool
from autograder.runner.limits import Limits


@dataclass
class GradeSummary:
    """What a grading run did.

    Attributes:
        graded: the submissions graded now.
        skipped: (assignment, student) already graded with the same files and assignment.
        seconds: wall time of the run.
        warnings: things the instructor should know about the run itself.
        timings: where the graded submissions' time went, summed over them (see
            :mod:`autograder.grading.timings`).
    """

    graded: list[SubmissionResult] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)
    timings: Timings = field(default_factory=Timings)

    def text(self) -> str:
        """A few lines for the terminal."""
        review = [r for r in self.graded if r.needs_human]
        lines = [
            f"graded {len(self.graded)} submission(s) in {self.seconds:.1f} s"
            + (
                f"; {len(self.skipped)} unchanged since they were graded "
                "(--force grades them again)"
                if self.skipped
                else ""
            )
        ]
        if review:
            lines.append(f"{len(review)} need a look (autograder report lists them too):")
            lines += [
                f"  {r.student} ({r.assignment}): {p.kind}: {_shortened(p.message)}"
                for r in review
                for p in [*r.problems, *(p for nb in r.notebooks for p in nb.problems)]
                if p.needs_human
            ]
        lines += [f"warning: {w}" for w in self.warnings]
        return "\n".join(lines)


def _shortened(text: str, width: int = 160) -> str:
    line = text.splitlines()[0] if text else ""
    return line if len(line) <= width else line[: width - 1] + "…"


def default_workers() -> int:
    """One worker per core this process may use."""
    return len(os.sched_getaffinity(0))


def grade(
    folder: ClassFolder,
    assignments: Sequence[str],
    *,
    students: Sequence[str] | None = None,
    force: bool = False,
    workers: int | None = None,
    limits: Limits = Limits(),
    unsafe: bool = False,
    progress: bool = True,
) -> GradeSummary:
    """Autograde every submission of the given assignments and record the results.

    Args:
        folder: the class folder (gradebook, ``submitted/``, ``autograded/``).
        assignments: assignment ids.
        students: only these students (default: everyone who handed in).
        force: grade again even submissions that are unchanged since they were graded.
        workers: parallel worker processes (default: one per core).
        limits: per-notebook limits.
        unsafe: run student code without the sandbox (see :mod:`autograder.grading.sandbox`).
        progress: show a progress bar (on stderr).

    Raises:
        autograder.course.gradebook.SetupError: an assignment is not released in this class folder.
        sandbox.SandboxUnavailable: the sandbox cannot be set up here (and not ``unsafe``).
    """
    from tqdm import tqdm

    if not unsafe:
        sandbox.check()
    started = time.monotonic()
    summary = GradeSummary()
    specs = {assignment: load_spec(folder, assignment) for assignment in assignments}
    jobs = []
    with open_gradebook(folder) as gradebook:
        for assignment, spec in specs.items():
            recorded = {s.student.id for s in gradebook.assignment_submissions(assignment)}
            for student in submissions(folder, assignment):
                if students is not None and student not in students:
                    continue
                submitted = folder.submitted / student / assignment
                if (
                    not force
                    and student in recorded
                    and record.is_graded(folder, student, assignment, fingerprint(spec, submitted))
                ):
                    summary.skipped.append((assignment, student))
                else:
                    jobs.append((spec, student, submitted))

        count = min(workers or default_workers(), len(jobs)) or 1
        with (
            tempfile.TemporaryDirectory(prefix="autograder-") as scratch,
            contextlib.closing(WorkerPool(Path(scratch), not unsafe, limits)) as pool,
            concurrent.futures.ThreadPoolExecutor(count) as executor,
            tqdm(
                total=len(jobs), unit="submission", desc="grading", disable=not progress or not jobs
            ) as bar,
        ):
            futures = [
                executor.submit(_grade_one, spec, student, submitted, pool, limits)
                for spec, student, submitted in jobs
            ]
            try:
                for future in concurrent.futures.as_completed(futures):
                    graded = future.result()
                    record.record(folder, graded, gradebook)
                    summary.graded.append(graded.result)
                    summary.timings.update(graded.timings)
                    bar.update()
            except BaseException:  # Ctrl-C: stop the workers now, not after their notebooks
                executor.shutdown(wait=False, cancel_futures=True)
                pool.close()
                raise
    unenforced = {w.process_limit_unenforced for w in pool.all} - {""}
    summary.warnings += [f"the process limit was not enforced: {why}" for why in sorted(unenforced)]
    summary.graded.sort(key=lambda r: (r.assignment, r.student))
    summary.seconds = time.monotonic() - started
    return summary


def _grade_one(
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
        problem = Problem(
            ProblemKind.GRADER_ERROR,
            "grading this submission failed; grade it again, and if it fails "
            f"again report this:\n{traceback.format_exc()}",
            needs_human=True,
        )
        result = SubmissionResult(student, spec.assignment, "", problems=[problem])
        result.notebooks = [NotebookResult(nb.name, 0.0, nb.max_score) for nb in spec.notebooks]
        return GradedSubmission(result, {}, {})
