"""Grading's side of the workers: starting them (sandboxed), sending notebooks, reading answers.

A :class:`Worker` is the :class:`~autograder.runner.execution.Kernel` grading uses: it
starts ``python -m autograder.runner`` (see :mod:`autograder.runner.worker`) in a
:class:`~autograder.grading.sandbox.Sandbox` unless told not to, and turns its answers
into an :class:`~autograder.runner.execution.Execution`. A :class:`WorkerPool` gives each
grading thread a worker of its own.
"""

from __future__ import annotations

import dataclasses
import json
import os
import select
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Sequence

from autograder.grading.sandbox import PROJECT_ROOT, Sandbox
from autograder.runner.execution import CellRun, CodeCell, End, Execution
from autograder.runner.limits import Limits
from autograder.runner.processes import memory_limit_mb, oom_kills

STARTUP_SECONDS = 120.0  # a worker imports numpy, matplotlib, IPython... once
SLACK_SECONDS = 30.0  # beyond the notebook's own limit, before a silent worker is replaced


class WorkerError(RuntimeError):
    """A worker process could not be started or stopped answering."""


class Worker:
    """A preloaded worker process that runs one notebook after another, each in a fresh child.

    Args:
        sandbox: the sandbox to start the worker in; None to run it unsandboxed.
        log_dir: where the worker's own messages go (its stderr), for diagnosing failures.
    """

    def __init__(self, sandbox: Sandbox | None = None, log_dir: Path | None = None):
        self.sandbox = sandbox
        self.log_dir = log_dir or Path(tempfile.gettempdir())
        self.process: subprocess.Popen | None = None
        self.process_limit_unenforced = ""  # why the process limit is not enforced, if it is not
        self.retired = False  # closed for good: grading was stopped
        self._buffer = b""

    def start(self) -> None:
        """Start the worker process and wait until it has preloaded everything."""
        self.log = tempfile.NamedTemporaryFile(
            prefix="autograder-worker-", suffix=".log", dir=self.log_dir, delete=False
        )
        # The worker imports this very package, even where it is not installed.
        env = dict(os.environ, PYTHONPATH=str(PROJECT_ROOT))
        command = [sys.executable, "-m", "autograder.runner"]
        if self.sandbox is not None:
            command = self.sandbox.command(command)
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.log,
            env=env,
            start_new_session=True,
            pass_fds=self.sandbox.pass_fds if self.sandbox is not None else (),
        )
        ready = self._receive(time.monotonic() + STARTUP_SECONDS)
        if ready is None or not ready.get("ready"):
            self.close(keep_log=True)
            raise WorkerError(
                f"the grading worker did not start; its log: {self.log.name}\n{self._log_tail()}"
            )
        self.process_limit_unenforced = ready["process_limit_unenforced"]

    def run(self, cells: Sequence[CodeCell], directory: Path, limits: Limits) -> Execution:
        """Run one notebook's cells (see :class:`~autograder.runner.execution.Kernel`)."""
        if self.process is None:
            if self.retired:
                raise WorkerError("grading was stopped")
            self.start()
        job = json.dumps({"cells": [dataclasses.asdict(c) for c in cells]}).encode()
        header = {
            "directory": str(directory),
            "limits": dataclasses.asdict(limits),
            "job_bytes": len(job),
        }
        execution = Execution()
        deadline = time.monotonic() + limits.notebook_seconds + SLACK_SECONDS
        memory = self.sandbox.memory_cgroup if self.sandbox is not None else None
        kills = oom_kills(memory)
        sent = time.perf_counter()
        try:
            self.process.stdin.write((json.dumps(header) + "\n").encode() + job)
            self.process.stdin.flush()
            while (message := self._receive(deadline)) is not None:
                if "end" in message:
                    execution.end, execution.detail = End(message["end"]), message["detail"]
                    execution.leftover_processes = message["leftover_processes"]
                    execution.disk_full = list(message.get("disk_full", []))
                    execution.timings = _timings(message.get("timings"), sent)
                    if message.get("retire"):  # it could not make its sandbox as it was
                        self._retire(message["retire"])
                    return execution
                execution.cells.append(
                    CellRun(
                        message["outputs"], message["seconds"], message["error_in_hidden_tests"]
                    )
                )
                execution.output_truncated |= message["truncated"]
        except (OSError, ValueError, KeyError) as error:
            problem = f"{type(error).__name__}: {error}"
        else:
            problem = "it stopped answering"
        # The worker itself failed: replace it, and say so (this is not the student's doing,
        # unless the kernel killed it at the sandbox's memory limit).
        self.close(keep_log=True)
        if oom_kills(memory) > kills:
            execution.end = End.MEMORY
            execution.detail = (
                f"the notebook used all the memory of its sandbox ({memory_limit_mb(memory)} "
                "MB, with the files in /tmp and /dev/shm), and the grading worker was killed"
            )
            return execution
        execution.end = End.GRADER_ERROR
        execution.detail = f"the grading worker failed ({problem}); its log: {self.log.name}"
        return execution

    def _retire(self, why: str) -> None:
        """Replace the worker before the next notebook: its sandbox is not as it was."""
        with open(self.log.name, "a") as log:
            log.write(f"worker replaced: {why}\n")
        self.close(keep_log=True)

    def _receive(self, deadline: float) -> dict | None:
        """The worker's next message, or None if it closed its output or the deadline passed."""
        out = self.process.stdout.fileno()
        while b"\n" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([out], [], [], remaining)[0]:
                return None
            chunk = os.read(out, 2**20)
            if not chunk:
                return None
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        return json.loads(line)

    def _log_tail(self) -> str:
        return Path(self.log.name).read_text(errors="replace")[-2000:]

    def close(self, keep_log: bool = False) -> None:
        """Stop the worker (and anything it runs); its log is deleted unless ``keep_log``."""
        # Taken first: a Ctrl-C closes the pool while a grading thread may close it too.
        process, self.process = self.process, None
        if process is None:
            return
        try:
            process.stdin.close()  # the worker's signal to finish
            process.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            process.wait()
        process.stdout.close()
        self._buffer = b""
        self.log.close()
        if not keep_log:
            os.unlink(self.log.name)


def _timings(measured: dict | None, sent: float) -> dict[str, float]:
    """The worker's timings of a notebook (stage -> seconds, as it sent them), with
    "exchange": the rest of the time since the job was ``sent`` (pipes, JSON, waiting)."""
    timings = {str(k): float(v) for k, v in (measured or {}).items()}
    walls = sum(timings.get(stage, 0.0) for stage in ("copy", "run", "clean_up"))
    return {**timings, "exchange": time.perf_counter() - sent - walls}


class WorkerPool:
    """One worker process per grading thread, started when the thread first needs it.

    Sandboxed workers each get a scratch folder of their own in ``scratch``, the only one
    they can write; notebooks are run in folders made there.
    """

    def __init__(self, scratch: Path, sandboxed: bool, limits: Limits):
        self.scratch, self.sandboxed, self.limits = scratch, sandboxed, limits
        self.local = threading.local()
        self.all: list[Worker] = []
        self.lock = threading.Lock()
        self.closed = False

    def mine(self) -> Worker:
        """The calling thread's worker, started on first use."""
        worker = getattr(self.local, "worker", None)
        if worker is None:
            with self.lock:
                if self.closed:
                    raise WorkerError("grading was stopped")
                number = len(self.all)
                sandbox = (
                    Sandbox(
                        self.scratch / f"worker-{number}",
                        f"worker{number}",
                        self.limits.processes,
                        memory_mb=self.limits.memory_mb,
                        disk_mb=self.limits.disk_mb,
                    )
                    if self.sandboxed
                    else None
                )
                worker = self.local.worker = Worker(sandbox)
                self.all.append(worker)
            worker.start()
        return worker

    def scratch_of(self, worker: Worker) -> Path:
        """Where ``worker`` runs notebooks."""
        return worker.sandbox.slot if worker.sandbox is not None else self.scratch

    def close(self) -> None:
        """Stop every worker for good and remove their sandboxes' cgroups."""
        with self.lock:
            self.closed = True
        for worker in self.all:
            worker.retired = True
            worker.close()
            if worker.sandbox is not None:
                worker.sandbox.close()
