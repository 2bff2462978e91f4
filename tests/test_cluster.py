"""Grading on a real Dask cluster on this machine: the same results as here, and its faults.

A ``dask scheduler`` and two ``dask worker`` processes (one thread each) on loopback
addresses are started once for the module. A class of honest, wrong, crashing, looping
and hostile submissions of notebook 01 is graded through them and here: every result
must be the same. Then a Dask worker that cannot sandbox refuses; then one of the two
workers is killed (SIGKILL) while it grades, and the run must still grade every
submission, once. Last, without a cluster: a scheduler that is not there fails in
seconds, clearly; without the extra ``cluster``, ``--scheduler`` says what to install;
and a result is filed only under the submission it was sent for.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from autograder.__main__ import _parser, main
from autograder.course.folders import ClassFolder
from autograder.course.gradebook import open_gradebook
from autograder.grading import grade as grading
from autograder.grading import record, sandbox
from autograder.grading.results import ProblemKind, SubmissionResult
from autograder.grading.spec import load_spec
from autograder.grading.submission import GradedSubmission, fingerprint
from autograder.runner.worker import SCRATCH_ENV
from tests import test_grading, test_tampering
from tests.classes import answered, copy_class, released_class, submit

distributed = pytest.importorskip("distributed")
cluster = pytest.importorskip("autograder.grading.cluster")

pytestmark = pytest.mark.slow

ASSIGNMENT = test_grading.ASSIGNMENT
FULL = test_grading.FULL
REPO = Path(__file__).resolve().parent.parent
DASK = str(Path(sys.executable).parent / "dask")
START_SECONDS = 120.0  # a Dask worker imports distributed; a busy machine is slow at it
LIMITS = test_grading.QUICK_LIMITS  # a loop is stopped after 2 s
# One of each kind a class holds: honest, wrong, crashing, looping, hostile.
CLASS = {
    **{s: test_grading.SUBMISSIONS[s][0] for s in ("honest", "wrong", "segfault", "loop")},
    **{s: test_tampering.ATTACKS[s] for s in ("kills-everything", "forges-messages")},
}
# Honest submissions that take a while, so that a worker can be killed while it grades one.
SLOW = answered(
    ASSIGNMENT,
    edit=lambda cells: cells.append(
        {
            "cell_type": "code",
            "metadata": {},
            "source": "import time\ntime.sleep(1.5)",
            "outputs": [],
            "execution_count": None,
        }
    ),
)


@dataclass
class Cluster:
    """The scheduler and workers started for the tests."""

    address: str
    folder: Path
    processes: list[subprocess.Popen] = field(default_factory=list)

    def start_worker(self, name: str, env: dict | None = None) -> subprocess.Popen:
        """A ``dask worker`` of one thread; returns once the scheduler has it."""
        local = self.folder / name
        local.mkdir()
        command = [DASK, "worker", self.address, "--name", name, "--host", "127.0.0.1"]
        command += ["--nthreads", "1", "--no-nanny", "--no-dashboard", "--memory-limit", "0"]
        process = subprocess.Popen(
            [*command, "--local-directory", str(local)],
            env=env or _environment(),
            stdout=subprocess.DEVNULL,
            stderr=open(self.folder / f"{name}.log", "wb"),  # noqa: SIM115 -- kept by the child
        )
        self.processes.append(process)
        with distributed.Client(self.address, set_as_default=False) as client:
            deadline = time.monotonic() + START_SECONDS
            while name not in {w["name"] for w in client.scheduler_info()["workers"].values()}:
                assert process.poll() is None, (self.folder / f"{name}.log").read_text()
                assert time.monotonic() < deadline, f"the Dask worker {name} did not start"
                time.sleep(0.2)
        return process

    def stop(self, process: subprocess.Popen) -> None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _environment() -> dict:
    """The Dask processes' environment: this checkout's autograder, Dask's config untouched."""
    return dict(os.environ, PYTHONPATH=str(REPO))


@pytest.fixture(scope="module")
def dask_cluster(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dask")
    scheduler_file = folder / "scheduler.json"
    command = [DASK, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard"]
    scheduler = subprocess.Popen(
        [*command, "--scheduler-file", str(scheduler_file)],
        env=_environment(),
        stdout=subprocess.DEVNULL,
        stderr=open(folder / "scheduler.log", "wb"),  # noqa: SIM115 -- kept by the child
    )
    deadline = time.monotonic() + START_SECONDS
    while not scheduler_file.exists():
        assert scheduler.poll() is None, (folder / "scheduler.log").read_text()
        assert time.monotonic() < deadline, "the Dask scheduler did not start"
        time.sleep(0.2)
    time.sleep(0.2)  # the file is written whole, but give it a moment to be complete
    running = Cluster(json.loads(scheduler_file.read_text())["address"], folder, [scheduler])
    assert running.address.startswith("tcp://127.0.0.1:")
    try:
        for name in ("worker-a", "worker-b"):
            running.start_worker(name)
        yield running
    finally:
        for process in reversed(running.processes):
            running.stop(process)


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    return released_class(tmp_path_factory.mktemp("released") / "class", [ASSIGNMENT])


def _class(released: ClassFolder, root: Path, submissions: dict) -> ClassFolder:
    folder = copy_class(released, root)
    for student, notebook in submissions.items():
        submit(folder, student, ASSIGNMENT, notebook)
    return folder


def _runners_in(folder: Path) -> list[int]:
    """The grading worker processes whose scratch folder is under ``folder``."""
    marker = f"{SCRATCH_ENV}={folder}".encode()
    found = []
    for entry in os.listdir("/proc"):
        try:
            environment = Path("/proc", entry, "environ").read_bytes() if entry.isdigit() else b""
        except OSError:  # gone, or not ours to read
            continue
        if any(v.startswith(marker) for v in environment.split(b"\0")):
            found.append(int(entry))
    return found


def _wait_until(condition, seconds: float = 60.0) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


def _scores(folder) -> dict[tuple[str, str], float | None]:
    with open_gradebook(folder) as gradebook:
        return {
            (s.student.id, g.name): g.auto_score
            for s in gradebook.assignment_submissions(ASSIGNMENT)
            for nb in s.notebooks
            for g in nb.grades
        }


def test_a_class_graded_on_the_cluster_gets_the_results_it_gets_here(
    dask_cluster, released, tmp_path
):
    here = _class(released, tmp_path / "here", CLASS)
    there = _class(released, tmp_path / "there", CLASS)
    local = grading.grade(here, [ASSIGNMENT], workers=2, limits=LIMITS, progress=False)
    remote = grading.grade(
        there, [ASSIGNMENT], limits=LIMITS, progress=False, scheduler=dask_cluster.address
    )
    assert sorted(r.student for r in remote.graded) == sorted(CLASS)
    expected = {r.student: test_grading._verdict(r) for r in local.graded}
    for result in remote.graded:
        assert test_grading._verdict(result) == expected[result.student], result.student
    assert {r.student: r.score for r in remote.graded}["honest"] == FULL
    assert _scores(there) == _scores(here)
    spec = load_spec(there, ASSIGNMENT)
    for student in CLASS:
        submitted = there.submitted / student / ASSIGNMENT
        assert record.is_graded(there, student, ASSIGNMENT, fingerprint(spec, submitted))
        assert (there.autograded / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").exists()
    # Crashes and attacks did not take a Dask worker down; the run's end stops the grading
    # processes it started on them, and gives back Dask's profiler, paused while it ran.
    assert all(process.poll() is None for process in dask_cluster.processes)
    with distributed.Client(dask_cluster.address, set_as_default=False) as client:
        profiling = client.run(
            lambda dask_worker: [
                dask_worker.periodic_callbacks[name].is_running()
                for name in cluster.PROFILER_CALLBACKS
            ]
        )
    assert list(profiling.values()) == [[True, True]] * 2
    assert _wait_until(lambda: not _runners_in(dask_cluster.folder)), "left running"


def test_a_dask_worker_without_bubblewrap_refuses_with_the_reason(dask_cluster, released, tmp_path):
    venv_only = os.pathsep.join([str(Path(sys.executable).parent)])  # no /usr/bin: no bwrap
    worker = dask_cluster.start_worker("no-bwrap", {**_environment(), "PATH": venv_only})
    try:
        folder = _class(released, tmp_path / "class", {"honest": CLASS["honest"]})
        with pytest.raises(sandbox.SandboxUnavailable) as refused:
            grading.grade(
                folder, [ASSIGNMENT], limits=LIMITS, progress=False, scheduler=dask_cluster.address
            )
        assert "Dask worker at tcp://127.0.0.1:" in str(refused.value)
        assert "bubblewrap (`bwrap`) is not installed" in str(refused.value)
        assert not (folder.autograded / "honest").exists()
    finally:
        dask_cluster.stop(worker)


def test_a_dask_worker_killed_midway_loses_nothing_and_records_nothing_twice(
    dask_cluster, released, tmp_path
):
    students = [f"student{i}" for i in range(6)]
    folder = _class(released, tmp_path / "class", dict.fromkeys(students, SLOW))
    outcome: dict = {}

    def run() -> None:
        try:
            outcome["summary"] = grading.grade(
                folder, [ASSIGNMENT], limits=LIMITS, progress=False, scheduler=dask_cluster.address
            )
        except BaseException as error:  # noqa: BLE001 -- reported by the test below
            outcome["error"] = error

    grader = threading.Thread(target=run)
    grader.start()
    with distributed.Client(dask_cluster.address, set_as_default=False) as client:
        pids = client.run(os.getpid)

        def grading_one() -> list[str]:
            """Once a result is in: the workers grading a submission now."""
            if not list(folder.autograded.glob(f"*/{ASSIGNMENT}/*.json")):
                return []
            return [a for a, keys in client.processing().items() if keys]

        assert _wait_until(grading_one, 120), "no submission was graded"
        victim = grading_one()[0]
        lost = client.processing()[victim]
        os.kill(pids[victim], signal.SIGKILL)
    grader.join(timeout=300)
    assert not grader.is_alive(), "the run did not finish without the killed worker"
    assert "error" not in outcome, outcome.get("error")
    assert lost, "the killed worker was grading a submission"

    summary = outcome["summary"]
    assert sorted(r.student for r in summary.graded) == students  # each once
    assert {(r.student, r.score, r.needs_human) for r in summary.graded} == {
        (s, FULL, False) for s in students
    }
    with open_gradebook(folder) as gradebook:
        filed = [s.student.id for s in gradebook.assignment_submissions(ASSIGNMENT)]
    assert sorted(filed) == students
    again = grading.grade(
        folder, [ASSIGNMENT], limits=LIMITS, progress=False, scheduler=dask_cluster.address
    )
    assert again.graded == [] and sorted(s for _, s in again.skipped) == students
    # The killed worker's grading processes died with it.
    assert _wait_until(lambda: not _runners_in(dask_cluster.folder)), "left running"


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_an_unreachable_scheduler_fails_in_seconds_with_a_clear_message(released, tmp_path, capsys):
    folder = _class(released, tmp_path / "class", {"honest": CLASS["honest"]})
    address = f"tcp://127.0.0.1:{_closed_port()}"
    started = time.monotonic()
    status = main(["grade", "--root", str(folder.root), "--scheduler", address])
    seconds = time.monotonic() - started
    error = capsys.readouterr().err
    assert status == 1
    assert f"could not reach the Dask scheduler at {address}" in error
    assert "is `dask scheduler` running there" in error
    assert seconds < 3 * cluster.CONNECT_SECONDS  # Dask's own default waits 30 s
    assert not (folder.autograded / "honest").exists()


def test_the_scheduler_comes_from_the_environment_unless_given(monkeypatch):
    monkeypatch.setenv("DASK_SCHEDULER_ADDRESS", "tcp://127.0.0.1:8786")
    assert _parser().parse_args(["grade"]).scheduler == "tcp://127.0.0.1:8786"
    given = ["grade", "--scheduler", "tcp://127.0.0.1:9999"]
    assert _parser().parse_args(given).scheduler == "tcp://127.0.0.1:9999"
    monkeypatch.delenv("DASK_SCHEDULER_ADDRESS")
    assert _parser().parse_args(["grade"]).scheduler is None  # graded here


def test_workers_are_refused_with_a_scheduler(released, tmp_path, capsys):
    folder = _class(released, tmp_path / "class", {"honest": CLASS["honest"]})
    command = ["grade", "--root", str(folder.root), "--scheduler", "tcp://127.0.0.1:8786"]
    assert main([*command, "--workers", "4"]) == 1
    assert "dask worker --nthreads" in capsys.readouterr().err


def test_without_the_cluster_extra_the_scheduler_option_says_what_to_install(
    released, tmp_path, capsys, monkeypatch
):
    folder = _class(released, tmp_path / "class", {"honest": CLASS["honest"]})
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if it were not installed
    monkeypatch.delitem(sys.modules, "autograder.grading.cluster")
    status = main(["grade", "--root", str(folder.root), "--scheduler", "tcp://127.0.0.1:8786"])
    assert status == 1
    assert "pip install 'nnfs-course[cluster]'" in capsys.readouterr().err


def test_a_result_is_filed_only_under_the_submission_that_was_sent():
    from tests.grading_fixtures import SPEC

    def returned(student: str, fingerprint: str) -> tuple:
        result = SubmissionResult(student, SPEC.assignment, fingerprint)
        return GradedSubmission(result, {}, {}), []

    assert cluster._checked(returned("alice", "abc"), SPEC, "alice", "abc")[0].result.fingerprint
    for wrong in (returned("mallory", "abc"), returned("alice", "other files")):
        checked, _ = cluster._checked(wrong, SPEC, "alice", "abc")
        assert checked.result.student == "alice" and checked.result.fingerprint == ""
        assert [p.kind for p in checked.result.problems] == [ProblemKind.GRADER_ERROR]
        assert checked.result.needs_human and checked.result.score == 0
