"""Grading on a Dask cluster: the same grading, by Dask workers, recorded here.

The instructor's process (:func:`graded`) connects to a Dask scheduler and sends the
assignments once to every Dask worker, in a :class:`GradingPlugin`, which also keeps the
Dask worker's grading processes (a :class:`~autograder.grading.workers.WorkerPool`: one
sandboxed worker process per Dask worker thread, started on first use and then reused).
Then one task per submission (:func:`grade_here`): the submitted files travel in the task
as bytes (no shared filesystem), and the :class:`GradedSubmission` comes back as data,
which only the instructor's process writes (:mod:`autograder.grading.grade`).

Faults: a Dask worker that dies takes its running tasks with it, and the scheduler runs
them again on another (the files are in the task itself, which the scheduler keeps, so
nothing is lost with the worker); each task is sent once and each result taken once, so
nothing is recorded twice. A submission's own crashes and hangs are the sandbox's
business, exactly as locally. A Dask worker that cannot sandbox refuses (unless
``unsafe``), and the run stops with its reason.

Needs the optional extra ``cluster`` (``pip install 'nnfs-course[cluster]'``), on the
instructor's machine and on every Dask worker, with the course itself (the workers
import this package).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import itertools
import socket
import tempfile
import traceback
import uuid
from concurrent.futures import CancelledError
from pathlib import Path
from typing import Iterator, Sequence

try:
    import distributed
except ImportError as error:
    raise ImportError(
        "grading on a Dask cluster needs the packages dask and distributed (the optional "
        "extra 'cluster'): pip install 'nnfs-course[cluster]' in the course's folder, "
        "or use its environment.yml"
    ) from error

from autograder.grading import sandbox
from autograder.grading.one import grade_one, grader_error
from autograder.grading.spec import AssignmentSpec
from autograder.grading.submission import GradedSubmission, fingerprint, submitted_files
from autograder.grading.workers import WorkerPool
from autograder.runner.limits import Limits

CONNECT_SECONDS = 10.0  # Dask's default is 30 s; a scheduler that answers does so at once
# Submissions sent ahead per Dask worker thread (at least MIN_AHEAD): the workers never
# wait for the next, and the scheduler does not hold a whole course's files at once.
AHEAD_PER_THREAD = 4
MIN_AHEAD = 64
PROFILER_CALLBACKS = ("profile", "profile-cycle")  # a Dask worker's, by their names there


class ClusterUnavailable(ConnectionError):
    """The Dask scheduler cannot be reached, or was lost; the message says which and what to do."""


class GradingPlugin(distributed.WorkerPlugin):
    """What a Dask worker keeps for one grading run: the assignments and its grading processes.

    Args:
        specs: the assignments graded.
        limits: per-notebook limits.
        unsafe: grade without the sandbox.
    """

    def __init__(self, specs: Sequence[AssignmentSpec], limits: Limits, unsafe: bool):
        self.specs = {spec.assignment: spec for spec in specs}
        self.limits, self.unsafe = limits, unsafe
        self.refusal = ""  # why this Dask worker cannot grade, if it cannot

    def setup(self, worker: distributed.Worker) -> None:
        """Check the sandbox, and make the folder the grading processes work in."""
        if not self.unsafe:
            try:
                sandbox.check()
            except sandbox.SandboxUnavailable as error:
                self.refusal = f"the Dask worker at {worker.address} cannot sandbox: {error}"
                raise sandbox.SandboxUnavailable(self.refusal) from None
        self.folder = tempfile.TemporaryDirectory(prefix="autograder-", dir=worker.local_directory)
        self.pool = WorkerPool(Path(self.folder.name) / "workers", not self.unsafe, self.limits)
        # Dask's profiler samples the running tasks' stacks a hundred times a second, which
        # tells nothing of grading (it waits on its sandboxed processes) and took 3 of the
        # 11 CPU seconds two Dask workers spent beside the notebooks of bench_grading.py.
        self.paused = [
            callback
            for name, callback in worker.periodic_callbacks.items()
            if name in PROFILER_CALLBACKS and callback.is_running()
        ]
        for callback in self.paused:
            callback.stop()

    async def teardown(self, worker: distributed.Worker) -> None:
        """Stop the grading processes (in a thread: the worker's event loop goes on)."""
        if not self.refusal:
            for callback in self.paused:
                callback.start()
            await asyncio.to_thread(self.pool.close)
            await asyncio.to_thread(self.folder.cleanup)


def grade_here(
    plugin: str, assignment: str, student: str, files: dict[str, bytes]
) -> tuple[GradedSubmission, list[str]]:
    """A Dask task: grade one submission on this Dask worker.

    Args:
        plugin: the name of this run's :class:`GradingPlugin`.
        assignment: the assignment id.
        student: the student's id.
        files: the submitted files, by path relative to the submission's folder.

    Returns:
        The graded submission, and why the process limit was not enforced on this worker
        (empty if it was).

    Raises:
        sandbox.SandboxUnavailable: this Dask worker cannot sandbox (and not ``unsafe``).
    """
    grading: GradingPlugin = distributed.get_worker().plugins[plugin]
    if grading.refusal:
        raise sandbox.SandboxUnavailable(grading.refusal)
    spec = grading.specs[assignment]
    with tempfile.TemporaryDirectory(prefix="submission-", dir=grading.folder.name) as folder:
        submitted = Path(folder, "submitted")
        for name, content in files.items():
            path = submitted / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        graded = grade_one(spec, student, submitted, grading.pool, grading.limits)
    return graded, sorted({w.process_limit_unenforced for w in grading.pool.all} - {""})


def connect(address: str) -> distributed.Client:
    """A client of the scheduler at ``address``; :class:`ClusterUnavailable` if it does not
    answer within ``CONNECT_SECONDS``."""
    try:
        return distributed.Client(address, timeout=CONNECT_SECONDS, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as error:
        raise ClusterUnavailable(
            f"could not reach the Dask scheduler at {address} within {CONNECT_SECONDS:g} s "
            f"({error}); is `dask scheduler` running there, and is the address right?"
        ) from None


def graded(
    scheduler: str | distributed.Client,
    jobs: list[tuple[AssignmentSpec, str, Path]],
    limits: Limits,
    unsafe: bool,
    warnings: list[str],
) -> Iterator[list[GradedSubmission]]:
    """Grade ``jobs`` (spec, student, submitted folder) on a Dask cluster; yields the
    submissions whose results have arrived, all those there are each time (recorded
    together), then adds to ``warnings``.

    Args:
        scheduler: the scheduler's address, or a connected client (left open).
        jobs: what to grade.
        limits: per-notebook limits.
        unsafe: grade without the sandbox.
        warnings: where to add what the instructor should know about the run.

    Raises:
        ClusterUnavailable: the scheduler cannot be reached, or was lost midway.
        sandbox.SandboxUnavailable: a Dask worker cannot sandbox (and not ``unsafe``).
    """
    if not jobs:
        return
    specs = list({id(spec): spec for spec, _, _ in jobs}.values())
    with contextlib.ExitStack() as stack:
        if isinstance(scheduler, str):
            client = stack.enter_context(contextlib.closing(connect(scheduler)))
        else:
            client = scheduler
        name = _plugin_name(specs)
        client.register_plugin(GradingPlugin(specs, limits, unsafe), name=name)
        # The worker processes stop when the run does, whichever way it ends.
        stack.callback(_unregister, client, name)
        unenforced: set[str] = set()
        for batch in _results(client, name, jobs):
            unenforced.update(why for _, whys in batch for why in whys)
            yield [graded for graded, _ in batch]
    warnings += [f"the process limit was not enforced: {why}" for why in sorted(unenforced)]


def _results(
    client: distributed.Client, plugin: str, jobs: list[tuple[AssignmentSpec, str, Path]]
) -> Iterator[list[tuple[GradedSubmission, list[str]]]]:
    """Send the jobs, a few ahead of the workers, and take the results that have arrived."""
    threads = sum(client.nthreads().values())
    waiting = iter(jobs)
    arrived = distributed.as_completed(loop=client.loop)
    sent: dict[str, tuple[AssignmentSpec, str, str]] = {}  # task -> spec, student, fingerprint

    def send(count: int) -> None:
        for spec, student, submitted in itertools.islice(waiting, count):
            files = {
                str(path.relative_to(submitted)): path.read_bytes()
                for path in submitted_files(submitted)
            }
            future = client.submit(
                grade_here, plugin, spec.assignment, student, files, key=_task_key(spec, student)
            )
            sent[future.key] = (spec, student, fingerprint(spec, submitted))
            arrived.add(future)

    try:
        send(max(MIN_AHEAD, AHEAD_PER_THREAD * threads))
        for futures in arrived.batches():
            send(len(futures))
            failed = [future for future in futures if future.status == "error"]
            done = [future for future in futures if future.status != "error"]
            try:
                values = client.gather(done)  # all at once: one round trip
            except CancelledError:
                raise ClusterUnavailable(
                    "the connection to the Dask scheduler was lost; what was graded so far is "
                    "recorded: grade again to do the rest"
                ) from None
            yield [_failed(future, *sent.pop(future.key)[:2]) for future in failed] + [
                _checked(value, *sent.pop(future.key)) for future, value in zip(done, values)
            ]
    finally:  # Ctrl-C: the workers stop at once (nothing left to stop, if the scheduler was lost)
        with contextlib.suppress(Exception):
            client.cancel(list(arrived.futures))


def _failed(
    future: distributed.Future, spec: AssignmentSpec, student: str
) -> tuple[GradedSubmission, list[str]]:
    """The result of a task that failed: the run stops if a worker cannot sandbox, else the
    submission is reported (its Dask workers kept dying: KilledWorker, or it could not run)."""
    error = future.exception()
    if isinstance(error, sandbox.SandboxUnavailable):
        raise error
    details = "".join(traceback.format_exception(error))
    return grader_error(spec, student, f"on the Dask cluster: {details}"), []


def _checked(
    value: tuple[GradedSubmission, list[str]],
    spec: AssignmentSpec,
    student: str,
    sent_fingerprint: str,
) -> tuple[GradedSubmission, list[str]]:
    """A task's result, checked to be that of the submission that was sent."""
    result = value[0].result
    if (result.student, result.assignment) != (student, spec.assignment) or (
        result.fingerprint and result.fingerprint != sent_fingerprint
    ):
        what = f"{result.student}'s {result.assignment} ({result.fingerprint[:12]})"
        return grader_error(spec, student, f"the Dask worker returned {what} for it"), []
    return value


def _plugin_name(specs: Sequence[AssignmentSpec]) -> str:
    """The plugin's name: one per machine and assignments, so that grading again replaces
    what a killed run left on the workers, and other runs are left alone."""
    what = [socket.gethostname(), *sorted(spec.assignment for spec in specs)]
    return "autograder-" + hashlib.sha256("\0".join(what).encode()).hexdigest()[:16]


def _task_key(spec: AssignmentSpec, student: str) -> str:
    """A task's name on the dashboard; unique, so that no other run's result is taken for it."""
    return f"grade-{spec.assignment}-{student}-{uuid.uuid4().hex[:12]}"


def _unregister(client: distributed.Client, name: str) -> None:
    with contextlib.suppress(Exception):  # a lost scheduler has nothing left to stop
        client.unregister_worker_plugin(name)
