"""The worker process: started once per grading slot, a fresh checker and kernel per notebook.

Stock nbgrader starts a Jupyter kernel for every notebook it grades, and every kernel
imports numpy, matplotlib and IPython again: most of its 1.5 s per notebook. A worker
instead imports all of that once, builds a pristine IPython shell, and then, for each
notebook, forks a checker, which forks the student's kernel (see
:mod:`autograder.runner.checker`): both start with everything loaded and nothing run. The
checker reports each cell's outputs (as a Jupyter kernel would record them) over a pipe;
the worker checks and relays them, enforces the notebook's limits, and afterwards stops
every process left behind (and, in the sandbox, makes it as it was: see
:mod:`autograder.runner.fresh`).

Run as ``python -m autograder.runner`` (see :mod:`autograder.grading.workers`, the side
that talks to it): per notebook, a header line on stdin, then the job, which only the
checker reads, so that no test ever passes through the memory that student code is
forked from. Answers are JSON lines on stdout.

Only the standard library is imported at the top: :func:`main` sets the environment
(one thread per numerical library) before it preloads anything.
"""

from __future__ import annotations

import json
import os
import select
import signal
import time
from pathlib import Path
from typing import NamedTuple

from autograder.runner.execution import End
from autograder.runner.fresh import Fresh
from autograder.runner.limits import GRACE_SECONDS, Limits
from autograder.runner.processes import (
    MEMORY_CGROUP_ENV,
    PR_SET_CHILD_SUBREAPER,
    PR_SET_DUMPABLE,
    PR_SET_PDEATHSIG,
    ProcessLimit,
    kill_group,
    libc_prctl,
    memory_limit_mb,
    oom_kills,
    signal_name,
    stop_all,
)

# What every child has loaded before a student's first cell: what the course's notebooks
# import (a Jupyter kernel would import these per notebook).
PRELOAD = (
    "numpy",
    "matplotlib.pyplot",
    "matplotlib_inline.backend_inline",
    "contourpy",  # matplotlib imports it at a notebook's first contour plot (decision regions)
    "ipywidgets",
    "anywidget",
    "nbhelpers.checks",
    "nbhelpers.datasets",
    "nbhelpers.plots",
    "nbhelpers.widgets",
    "nbhelpers.layers",
)

# Set in the sandbox: the worker's scratch folder, where grading prepares each notebook's folder.
SCRATCH_ENV = "AUTOGRADER_SCRATCH"
CORRUPTED = "the grading messages were corrupted"


class Stop(NamedTuple):
    """Why the worker stopped a notebook before its checker finished it."""

    end: End
    detail: str


class _Relay:
    """Reads the checker's report lines, checks them and passes them on; enforces the limits.

    A notebook that runs past a time limit, or tries to start more processes than it may
    (a fork bomb: honest notebooks of this course start none), is stopped. The checker
    enforces each cell's time limit on the student's kernel; this is the backstop.
    """

    POLL_SECONDS = 0.1

    def __init__(self, pipe: int, limits: Limits, process_limit: ProcessLimit, out):
        self.pipe, self.limits, self.process_limit, self.out = pipe, limits, process_limit, out
        self.buffer = b""
        self.cells_done = 0
        self.ended: Stop | None = None  # how the checker says the notebook ended
        self.student_pid: int | None = None  # the student's kernel
        # The checker keeps outputs within the output limit; JSON adds some.
        self.max_bytes = int(limits.output_mb * 2**20 * 2) + 2**20
        self.received = 0

    def run(self) -> Stop | None:
        """Relay until the checker closes its pipe; say why if the notebook had to be stopped."""
        limits = self.limits
        started = last = time.monotonic()
        while True:
            now = time.monotonic()
            cell_deadline = last + limits.cell_seconds + 2 * GRACE_SECONDS
            notebook_deadline = started + limits.notebook_seconds
            deadline = min(cell_deadline, notebook_deadline)
            if now >= deadline and deadline == notebook_deadline:
                return Stop(
                    End.TIMEOUT, f"the notebook ran for more than {limits.notebook_seconds:g} s"
                )
            if now >= deadline:
                return Stop(
                    End.TIMEOUT,
                    f"the cell ran for more than {limits.cell_seconds:g} s "
                    "and could not be interrupted",
                )
            ready, _, _ = select.select([self.pipe], [], [], min(deadline - now, self.POLL_SECONDS))
            if self.process_limit.exceeded():
                return Stop(
                    End.PROCESSES,
                    f"the notebook tried to start more than {limits.processes} processes",
                )
            if not ready:
                continue
            chunk = os.read(self.pipe, 2**20)
            if not chunk:
                return None
            self.received += len(chunk)
            if self.received > self.max_bytes:
                return Stop(End.STOPPED, "the notebook sent more than its output limit")
            self.buffer += chunk
            *lines, self.buffer = self.buffer.split(b"\n")
            for line in lines:
                problem = self._pass_on(line)
                if problem:
                    return problem
                last = time.monotonic()

    def _pass_on(self, line: bytes) -> Stop | None:
        """Check one report of the checker and pass it on; a reason to stop if it is wrong."""
        try:
            message = json.loads(line)
        except ValueError:
            message = None
        if not isinstance(message, dict):
            return Stop(End.STOPPED, CORRUPTED + " (something wrote into the report pipe)")
        if message.get("end") == End.COMPLETED:
            self.ended = Stop(End.COMPLETED, "")
        elif "student" in message and self.student_pid is None:
            self.student_pid = int(message["student"])
        elif "stop" in message and message["stop"] in set(End):
            self.ended = Stop(End(message["stop"]), str(message.get("detail", "")))
        elif "setup_error" in message:
            detail = f"grading could not start the notebook: {message['setup_error']}"
            return Stop(End.STOPPED, detail)
        elif message.get("cell") != self.cells_done or not isinstance(message.get("outputs"), list):
            return Stop(End.STOPPED, CORRUPTED + " (a report out of order)")
        else:
            self.cells_done += 1
            _write(self.out, message)
        return None


def _write(out, message: dict) -> None:
    out.write(json.dumps(message) + "\n")
    out.flush()


def _read_line(fd: int) -> bytes:
    """One line from ``fd``, read a byte at a time: what follows it is not this process's
    to read (the checker reads the job itself)."""
    line = b""
    while not line.endswith(b"\n"):
        byte = os.read(fd, 1)
        if not byte:
            return b""
        line += byte
    return line


def _run_job(shell, header: dict, out, fresh: Fresh | None = None) -> bool:
    """Run one notebook: fork its checker (which reads the job from stdin) and relay its
    reports; in the sandbox (``fresh``), in a copy of its folder, and make the sandbox as it
    was afterwards. Whether the worker can go on (False: it could not)."""
    limits = Limits(**header["limits"])
    kills = oom_kills(_memory_cgroup())
    directory = Path(header["directory"])
    clock = _Clock()
    if fresh is not None:
        try:
            directory = fresh.working_copy(directory)
        except OSError as error:
            _read_exactly(0, int(header["job_bytes"]))  # the job, which no checker will read
            detail = (
                f"grading could not copy the notebook's folder into the sandbox ({error.strerror}"
                f"; are its files larger than its disk space, {limits.disk_mb} MB?)"
            )
            return _end(out, fresh, kills, {"end": End.STOPPED, "detail": detail}, clock)
    clock.lap("copy")
    process_limit = ProcessLimit(limits.processes)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the checker: never returns into the worker's loop
        os.close(read_end)
        try:
            from autograder.runner.checker import checker  # preloaded by main()

            checker(
                shell,
                directory,
                limits,
                process_limit,
                int(header["job_bytes"]),
                write_end,
            )
        finally:
            os._exit(0)
    os.close(write_end)
    relay = _Relay(read_end, limits, process_limit, out)
    try:
        stopped = relay.run()
    finally:
        os.close(read_end)
    if stopped:
        kill_group(pid)
    _, status = os.waitpid(pid, 0)
    if relay.student_pid:  # not a leftover, if it outlived its checker: it ends with it
        kill_group(relay.student_pid)
        try:
            os.waitpid(relay.student_pid, 0)
        except ChildProcessError:
            pass
    leftovers = stop_all()
    process_limit.close()
    clock.lap("run")
    if stopped:
        end, detail = stopped
    elif relay.ended:
        end, detail = relay.ended
    elif os.WIFSIGNALED(status):  # the checker was killed: only the student's code can have done it
        end = End.TAMPERING
        detail = f"the checker was killed ({signal_name(os.WTERMSIG(status))})"
    else:
        end = End.GRADER_ERROR
        detail = f"the checker ended without a report (exit status {os.WEXITSTATUS(status)})"
    report = {
        "end": end,
        "detail": detail,
        "cells_run": relay.cells_done,
        "leftover_processes": leftovers,
    }
    return _end(out, fresh, kills, report, clock)


class _Clock:
    """Where one notebook's time goes in the worker: wall seconds per stage, and the CPU
    seconds of the checker and the student's kernel (children, once reaped) and of the
    worker itself."""

    def __init__(self):
        self.seconds: dict[str, float] = {}
        self.last, self.cpu = time.perf_counter(), os.times()

    def lap(self, stage: str) -> None:
        """The time since the last lap is ``stage``'s."""
        now = time.perf_counter()
        self.seconds[stage], self.last = now - self.last, now

    def timings(self) -> dict[str, float]:
        cpu = os.times()
        kernels = cpu.children_user + cpu.children_system
        worker = cpu.user + cpu.system
        return {
            **self.seconds,
            "cpu_kernels": kernels - self.cpu.children_user - self.cpu.children_system,
            "cpu_worker": worker - self.cpu.user - self.cpu.system,
        }


def _memory_cgroup() -> Path | None:
    """The sandbox's memory cgroup, if it has one."""
    return Path(os.environ[MEMORY_CGROUP_ENV]) if os.environ.get(MEMORY_CGROUP_ENV) else None


def _read_exactly(fd: int, size: int) -> None:
    while size > 0 and (chunk := os.read(fd, min(size, 2**20))):
        size -= len(chunk)


def _end(out, fresh: Fresh | None, kills: int, report: dict, clock: _Clock) -> bool:
    """Send how the notebook ended, once the sandbox is as it was (``fresh``), with the
    ``clock``'s timings; whether the worker can go on. A process killed at the sandbox's
    memory limit (more than ``kills`` now) ended it, whatever it looked like (a crash, a
    killed checker)."""
    memory = _memory_cgroup()
    if oom_kills(memory) > kills:
        report["end"] = End.MEMORY
        report["detail"] = (
            f"the notebook used all the memory of its sandbox ({memory_limit_mb(memory)} MB, "
            "with the files in /tmp and /dev/shm) and was stopped"
        )
    try:
        full, unclean = (fresh.full(), fresh.restore()) if fresh is not None else ([], "")
    except OSError as error:
        full, unclean = [], f"the sandbox could not be emptied ({error})"
    clock.lap("clean_up")
    report = {"cells_run": 0, "leftover_processes": 0, **report, "timings": clock.timings()}
    _write(out, {**report, "disk_full": full, "retire": unclean})
    return not unclean


def main() -> None:
    """Preload, then serve jobs until stdin closes. A job is a header line (limits, folder,
    size of the job), then the job itself, which only the notebook's checker reads."""
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[name] = "1"  # one thread: forking a process with running threads is unsafe
    os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    # The protocol owns the real stdout; anything a library prints goes to stderr instead.
    out = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    libc_prctl(PR_SET_PDEATHSIG, signal.SIGKILL)  # die with the grader
    libc_prctl(PR_SET_CHILD_SUBREAPER, 1)
    libc_prctl(PR_SET_DUMPABLE, 0)  # student code cannot trace it (and so the checkers it forks)

    import gc
    import importlib

    from autograder.runner.shell import make_shell, warm_tracebacks

    for module in PRELOAD:
        importlib.import_module(module)
    shell = make_shell()
    warm_tracebacks(shell)
    # Everything loaded so far lives as long as the worker: the garbage collector of every
    # process forked from here would otherwise go through all of it again and again.
    gc.freeze()
    probe = ProcessLimit(1)
    probe.close()
    fresh = Fresh(Path(os.environ[SCRATCH_ENV])) if SCRATCH_ENV in os.environ else None
    _write(out, {"ready": True, "pid": os.getpid(), "process_limit_unenforced": probe.why_not})
    while header := _read_line(0):
        if not _run_job(shell, json.loads(header), out, fresh):
            break  # grading starts a fresh sandbox instead
