"""Running a notebook's code: the one seam between grading and student code.

Grading asks a :class:`Kernel` to run a list of code cells in a folder, within
:class:`~autograder.worker.Limits`, and gets back an :class:`Execution`: each cell's
outputs as a Jupyter kernel would have recorded them, and how the run ended. The
:class:`Worker` here runs them in a preloaded worker process (see
:mod:`autograder.worker`), in a sandbox (:mod:`autograder.sandbox`) unless told not to.
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
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, Sequence

from autograder.sandbox import Sandbox
from autograder.worker import Limits

STARTUP_SECONDS = 120.0  # a worker imports numpy, matplotlib, IPython... once
SLACK_SECONDS = 30.0  # beyond the notebook's own limit, before a silent worker is replaced


@dataclass
class CodeCell:
    """A code cell to run.

    Attributes:
        source: the code.
        hidden_line: for a test cell with hidden tests, the 1-based line where they begin
            (an error raised from there on is reported without its message); else None.
        runs_in: "student" (the student's kernel), "checker" (test cells) or "both"
            (locked cells that define what tests use): see :func:`autograder.kernel.cell_roles`.
    """

    source: str
    hidden_line: int | None = None
    runs_in: str = "student"


@dataclass
class CellRun:
    """What running one cell gave.

    Attributes:
        outputs: the cell's outputs in Jupyter's notebook format (streams, displays,
            the execute_result, errors), as dicts.
        seconds: how long it ran.
        error_in_hidden_tests: whether an error it raised came from the hidden tests.
    """

    outputs: list[dict]
    seconds: float
    error_in_hidden_tests: bool = False


@dataclass
class Execution:
    """How running a notebook went.

    Attributes:
        cells: one CellRun per cell that ran, in order (fewer than asked when it stopped).
        end: "completed"; "timeout" (stopped at a time limit); "crashed" (the kernel
            died: a segfault, os._exit, the CPU limit, being killed); "stopped" (it
            misbehaved and was stopped); "tampering" (the student's code attacked the
            checker or the grading protocol); "grader-error" (the grading machinery failed).
        detail: what happened, in words, when it did not complete.
        leftover_processes: processes still running after the notebook ended (stopped).
        process_limit_hit: whether the notebook ran into its process limit.
        output_truncated: whether output was dropped at the output limit.
    """

    cells: list[CellRun] = field(default_factory=list)
    end: str = "completed"
    detail: str = ""
    leftover_processes: int = 0
    process_limit_hit: bool = False
    output_truncated: bool = False


class Kernel(Protocol):
    """Runs code cells; the only way grading runs student code."""

    def run(self, cells: Sequence[CodeCell], directory: Path, limits: Limits) -> Execution:
        """Run ``cells`` in order, in a fresh interpreter, with ``directory`` as working directory."""


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
        self.process_limit = ""
        self._buffer = b""

    def start(self) -> None:
        """Start the worker process and wait until it has preloaded everything."""
        self.log = tempfile.NamedTemporaryFile(
            prefix="autograder-worker-", suffix=".log", dir=self.log_dir, delete=False
        )
        # The worker imports this very package, even where it is not installed.
        env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent))
        command = [sys.executable, "-m", "autograder.worker"]
        if self.sandbox is not None:
            command = self.sandbox.command(command)
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.log,
            env=env,
            start_new_session=True,
        )
        ready = self._receive(time.monotonic() + STARTUP_SECONDS)
        if ready is None or not ready.get("ready"):
            self.close(keep_log=True)
            raise WorkerError(
                f"the grading worker did not start; its log: {self.log.name}\n{self._log_tail()}"
            )
        self.process_limit = ready["process_limit"]

    def run(self, cells: Sequence[CodeCell], directory: Path, limits: Limits) -> Execution:
        if self.process is None:
            self.start()
        job = json.dumps({"cells": [dataclasses.asdict(c) for c in cells]}).encode()
        header = {
            "directory": str(directory),
            "limits": dataclasses.asdict(limits),
            "job_bytes": len(job),
        }
        execution = Execution()
        deadline = time.monotonic() + limits.notebook_seconds + SLACK_SECONDS
        try:
            self.process.stdin.write((json.dumps(header) + "\n").encode() + job)
            self.process.stdin.flush()
            while (message := self._receive(deadline)) is not None:
                if "end" in message:
                    execution.end, execution.detail = message["end"], message["detail"]
                    execution.leftover_processes = message["leftover_processes"]
                    execution.process_limit_hit = message["process_limit_hit"]
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
        # The worker itself failed: replace it, and say so (this is not the student's doing).
        self.close(keep_log=True)
        execution.end = "grader-error"
        execution.detail = f"the grading worker failed ({problem}); its log: {self.log.name}"
        return execution

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
        if self.process is None:
            return
        try:
            self.process.stdin.close()  # the worker's signal to finish
            self.process.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.process.wait()
        self.process.stdout.close()
        self.process = None
        self._buffer = b""
        self.log.close()
        if not keep_log:
            os.unlink(self.log.name)
