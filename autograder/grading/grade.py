"""Grading a class: every submission of some assignments, in parallel, recorded as nbgrader does.

One thread per worker process hands submissions to :func:`grade_submission` (or the
workers of a Dask cluster do: :mod:`autograder.grading.cluster`); this process alone
writes the results (see :mod:`autograder.grading.record`), one submission at a time, as
they finish. A submission whose grading fails for any reason is reported as
such and the others go on.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Sequence

from autograder.course.folders import ClassFolder
from autograder.course.gradebook import open_gradebook, submissions
from autograder.grading import record, sandbox
from autograder.grading.one import grade_one
from autograder.grading.results import SubmissionResult
from autograder.grading.spec import AssignmentSpec, load_spec
from autograder.grading.submission import GradedSubmission, fingerprint
from autograder.grading.timings import Timings
from autograder.grading.workers import WorkerPool
from autograder.runner.limits import Limits

if TYPE_CHECKING:
    from distributed import Client


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
    scheduler: str | Client | None = None,
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
        scheduler: grade on this Dask cluster instead of here: its scheduler's address
            (``tcp://host:8786``) or a connected ``distributed.Client`` (see
            :mod:`autograder.grading.cluster`; ``workers`` is then the cluster's business).

    Raises:
        autograder.course.gradebook.SetupError: an assignment is not released in this class folder.
        sandbox.SandboxUnavailable: the sandbox cannot be set up here, or on a Dask worker
            (and not ``unsafe``).
        autograder.grading.cluster.ClusterUnavailable: the scheduler cannot be reached.
        ImportError: ``scheduler`` given, and the optional extra ``cluster`` not installed.
    """
    from tqdm import tqdm

    if not unsafe and scheduler is None:
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

        if scheduler is None:
            arriving = _graded_here(jobs, workers, limits, unsafe, summary.warnings)
        else:
            from autograder.grading import cluster  # the optional extra: its ImportError says so

            arriving = cluster.graded(scheduler, jobs, limits, unsafe, summary.warnings)
        with (
            contextlib.closing(arriving),  # on Ctrl-C, stops the grading now
            tqdm(
                total=len(jobs), unit="submission", desc="grading", disable=not progress or not jobs
            ) as bar,
        ):
            for batch in arriving:
                with summary.timings.stage("record"):
                    record.record(folder, batch, gradebook)
                for graded in batch:
                    summary.graded.append(graded.result)
                    summary.timings.update(graded.timings)
                bar.update(len(batch))
    summary.graded.sort(key=lambda r: (r.assignment, r.student))
    summary.seconds = time.monotonic() - started
    return summary


def _graded_here(
    jobs: list[tuple[AssignmentSpec, str, Path]],
    workers: int | None,
    limits: Limits,
    unsafe: bool,
    warnings: list[str],
) -> Iterator[list[GradedSubmission]]:
    """Grade ``jobs`` (spec, student, submitted folder) in worker processes of this machine,
    one thread each; yields each submission as it is graded (alone: they come slower than
    the gradebook takes them), then adds to ``warnings``."""
    count = min(workers or default_workers(), len(jobs)) or 1
    with (
        tempfile.TemporaryDirectory(prefix="autograder-") as scratch,
        contextlib.closing(WorkerPool(Path(scratch), not unsafe, limits)) as pool,
        concurrent.futures.ThreadPoolExecutor(count) as executor,
    ):
        futures = [
            executor.submit(grade_one, spec, student, submitted, pool, limits)
            for spec, student, submitted in jobs
        ]
        try:
            for future in concurrent.futures.as_completed(futures):
                yield [future.result()]
        except BaseException:  # Ctrl-C, or closed: stop the workers now, not after their notebooks
            executor.shutdown(wait=False, cancel_futures=True)
            pool.close()
            raise
    unenforced = {w.process_limit_unenforced for w in pool.all} - {""}
    warnings += [f"the process limit was not enforced: {why}" for why in sorted(unenforced)]
