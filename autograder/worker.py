"""The process that runs notebooks: started once per grading slot, a fresh pair per notebook.

Stock nbgrader starts a Jupyter kernel for every notebook it grades, and every kernel
imports numpy, matplotlib and IPython again: most of its 1.5 s per notebook. A worker
instead imports all of that once, builds a pristine IPython shell, and then, for each
notebook, forks a checker, which forks the student's kernel (see :mod:`autograder.kernel`):
both start with everything loaded and nothing run. The checker reports each cell's
outputs (as a Jupyter kernel would record them) over a pipe; the worker checks and
relays them, enforces the notebook's limits, and afterwards stops every process left
behind (and, in the sandbox, empties the scratch folders).

Run as ``python -m autograder.worker`` (see :mod:`autograder.execution`, the side that
talks to it): per notebook, a header line on stdin, then the job, which only the checker
reads, so that no test ever passes through the memory that student code is forked from.
Answers are JSON lines on stdout.

This module imports only the standard library at the top, so that the grading side can
import :class:`Limits` without loading what a worker preloads.
"""

from __future__ import annotations

import ctypes
import json
import os
import resource
import select
import signal
import time
from dataclasses import dataclass
from pathlib import Path

# What every child has loaded before a student's first cell: what the course's notebooks
# import (a Jupyter kernel would import these per notebook).
PRELOAD = (
    "numpy",
    "matplotlib.pyplot",
    "matplotlib_inline.backend_inline",
    "ipywidgets",
    "ipympl",
    "nbhelpers.checks",
    "nbhelpers.datasets",
    "nbhelpers.plots",
    "nbhelpers.widgets",
    "nbhelpers.layers",
)

GRACE_SECONDS = 5.0  # how long a cell may ignore its time limit before the child is killed


@dataclass(frozen=True)
class Limits:
    """What one notebook may use while it is graded.

    Attributes:
        cell_seconds: wall time per cell; the cell is then interrupted (CellTimeoutError)
            and the next one runs, as in stock nbgrader (whose default is also 30 s).
        notebook_seconds: wall time for the whole notebook; then it is stopped.
        memory_mb: memory the student's code may allocate on top of the preloaded libraries.
        processes: processes the notebook may start (a fork bomb stops there).
        output_mb: text and display output kept per notebook; more is dropped.
        file_mb: largest file the notebook may write.
    """

    cell_seconds: float = 30.0
    notebook_seconds: float = 300.0
    memory_mb: int = 2048
    processes: int = 64
    output_mb: float = 8.0
    file_mb: int = 64


def libc_prctl(option: int, value: int) -> None:
    ctypes.CDLL(None, use_errno=True).prctl(option, value, 0, 0, 0)


PR_SET_PDEATHSIG, PR_SET_DUMPABLE, PR_SET_CHILD_SUBREAPER = 1, 4, 36
SCRATCH_ENV = "AUTOGRADER_SCRATCH"  # set in the sandbox: the worker's scratch folder, emptied after each notebook


def _processes_of(uid: int) -> int:
    """How many processes (threads count too, as for RLIMIT_NPROC) the user has."""
    count = 0
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid == uid:
                    count += len(os.listdir(f"/proc/{entry.name}/task"))
            except OSError:
                continue
    return count


CGROUP_ROOTS = (Path("/sys/fs/cgroup/pids"), Path("/sys/fs/cgroup"))
CGROUP_ENV = "AUTOGRADER_PIDS_CGROUP"  # set for a worker started in a cgroup of its own


def pids_cgroup(name: str, processes: int) -> Path | None:
    """A new cgroup of the pids controller that admits ``processes`` tasks (root only),
    named ``nnfs-autograder-<name>-<pid of its maker>``; None where that is not possible."""
    for root in CGROUP_ROOTS:
        if not (root / "cgroup.procs").exists():
            continue
        if (
            root.name != "pids"
            and "pids" not in (root / "cgroup.subtree_control").read_text().split()
        ):
            continue
        for stale in root.glob("nnfs-autograder-*"):  # left by graders that were killed
            if not Path("/proc", stale.name.rsplit("-", 1)[1]).exists():
                try:
                    stale.rmdir()
                except OSError:
                    pass
        try:
            cgroup = root / f"nnfs-autograder-{name}-{os.getpid()}"
            cgroup.mkdir(exist_ok=True)
            (cgroup / "pids.max").write_text(str(processes))
        except OSError:
            continue
        return cgroup
    return None


def remove_cgroup(cgroup: Path | None) -> None:
    if cgroup is not None:
        try:
            cgroup.rmdir()
        except OSError:
            pass


class ProcessLimit:
    """Caps how many processes one notebook can run at a time.

    For a normal user, RLIMIT_NPROC does it (counted over all the user's processes, so
    the cap is set above those already running). It does not bind root; as root, the
    notebook's processes go into a cgroup of the pids controller instead: one per
    notebook, or, in the sandbox, the one the whole sandboxed worker runs in (made by
    the grader, see :mod:`autograder.sandbox`). Where neither is possible (root without
    a writable pids cgroup), ``enforced`` is false and ``why_not`` says why; the grader
    passes that on to the instructor.
    """

    def __init__(self, processes: int):
        self.processes = processes
        self.cgroup: Path | None = None
        self.owned = False
        self.enforced, self.why_not = True, ""
        if os.environ.get(CGROUP_ENV):
            self.cgroup = Path(os.environ[CGROUP_ENV])
        elif os.getuid() == 0:
            self.cgroup = pids_cgroup("notebook", processes)
            self.owned = self.cgroup is not None
            if self.cgroup is None:
                self.enforced = False
                self.why_not = (
                    "running as root, whom RLIMIT_NPROC does not limit, and no writable cgroup "
                    "with the pids controller was found"
                )
        self.refusals = self._refusals()

    def _refusals(self) -> int:
        if self.cgroup is None:
            return 0
        events = dict(
            line.split() for line in (self.cgroup / "pids.events").read_text().splitlines()
        )
        return int(events.get("max", 0))

    def exceeded(self) -> bool:
        """Whether the notebook running now has tried to go past the cap."""
        if self.cgroup is not None:
            return self._refusals() > self.refusals
        return len(_descendants()) >= self.processes

    def enter(self) -> None:
        """Put the calling process (a child about to run a notebook) under the cap."""
        if self.owned:
            (self.cgroup / "cgroup.procs").write_text(str(os.getpid()))
        elif self.cgroup is None and os.getuid() != 0:
            value = _processes_of(os.getuid()) + self.processes
            resource.setrlimit(resource.RLIMIT_NPROC, (value, value))

    def close(self) -> None:
        if self.owned:
            remove_cgroup(self.cgroup)


# --- the worker: forks children, watches them, cleans up after them ----------------------


def kill_group(pid: int) -> None:
    """Kill the process group that ``pid`` leads, if it still exists."""
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def _descendants() -> list[int]:
    """Every process below this one (orphans come back here: the worker is a subreaper)."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    parents[int(entry)] = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, frontier = [], [os.getpid()]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent]
        found += children
        frontier += children
    return found


def _stop_all() -> int:
    """Kill every process the last child left behind; return how many there were."""
    seen: set[int] = set()
    while True:
        pids = _descendants()
        if not pids:
            return len(seen)
        for sig in (signal.SIGSTOP, signal.SIGKILL):  # freeze first, so nothing forks meanwhile
            for pid in pids:
                try:
                    os.kill(pid, sig)
                except ProcessLookupError:
                    pass
        seen.update(pids)
        for pid in pids:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass


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
        self.ended: tuple[str, str] | None = None  # how the checker says the notebook ended
        self.student_pid: int | None = None  # the student's kernel
        # The checker keeps outputs within the output limit; JSON adds some.
        self.max_bytes = int(limits.output_mb * 2**20 * 2) + 2**20
        self.received = 0

    def run(self) -> str | None:
        """Relay until the checker closes its pipe; return a reason if it had to be stopped."""
        started = last = time.monotonic()
        while True:
            now = time.monotonic()
            deadline = min(
                last + self.limits.cell_seconds + 2 * GRACE_SECONDS,
                started + self.limits.notebook_seconds,
            )
            if now >= deadline:
                if deadline == started + self.limits.notebook_seconds:
                    return f"the notebook ran for more than {self.limits.notebook_seconds:g} s"
                return f"the cell ran for more than {self.limits.cell_seconds:g} s and could not be interrupted"
            ready, _, _ = select.select([self.pipe], [], [], min(deadline - now, self.POLL_SECONDS))
            if self.process_limit.exceeded():
                return f"the notebook tried to start more than {self.limits.processes} processes"
            if not ready:
                continue
            chunk = os.read(self.pipe, 2**20)
            if not chunk:
                return None
            self.received += len(chunk)
            if self.received > self.max_bytes:
                return "the notebook sent more than its output limit"
            self.buffer += chunk
            *lines, self.buffer = self.buffer.split(b"\n")
            for line in lines:
                problem = self._pass_on(line)
                if problem:
                    return problem
                last = time.monotonic()

    def _pass_on(self, line: bytes) -> str | None:
        try:
            message = json.loads(line)
        except ValueError:
            message = None
        if not isinstance(message, dict):
            return "the grading messages were corrupted (something wrote into the report pipe)"
        if message.get("end") == "completed":
            self.ended = ("completed", "")
        elif "student" in message and self.student_pid is None:
            self.student_pid = int(message["student"])
        elif "stop" in message:
            self.ended = (str(message["stop"]), str(message.get("detail", "")))
        elif "setup_error" in message:
            return f"grading could not start the notebook: {message['setup_error']}"
        elif message.get("cell") != self.cells_done or not isinstance(message.get("outputs"), list):
            return "the grading messages were corrupted (a report out of order)"
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


def _wipe(directory: Path) -> None:
    """Remove everything in ``directory`` that lies on its own filesystem. Mount points
    (the sandbox's read-only binds and the scratch folder, which may lie under ``/tmp``)
    and what is in them stay; folders that hold one are emptied of everything else."""
    device = directory.stat().st_dev
    for entry in os.scandir(directory):
        try:
            if entry.stat(follow_symlinks=False).st_dev != device:
                continue
            if entry.is_dir(follow_symlinks=False):
                os.chmod(entry.path, 0o700)  # a notebook may have locked it
                _wipe(Path(entry.path))
                os.rmdir(entry.path)
            else:
                os.unlink(entry.path)
        except OSError:  # a folder that holds a mount point, or a file removed meanwhile
            continue


def _run_job(shell, header: dict, out) -> None:
    """Run one notebook: fork its checker (which reads the job from stdin) and relay its reports."""
    limits = Limits(**header["limits"])
    process_limit = ProcessLimit(limits.processes)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the checker: never returns into the worker's loop
        os.close(read_end)
        try:
            from autograder.kernel import checker

            checker(
                shell,
                Path(header["directory"]),
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
    leftovers = _stop_all()
    process_limit.close()
    if stopped:
        end, detail = ("timeout" if "ran for" in stopped else "stopped"), stopped
    elif relay.ended:
        end, detail = relay.ended
    elif os.WIFSIGNALED(status):  # the checker was killed: only the student's code can have done it
        end, detail = "tampering", f"the checker was killed ({signal_name(os.WTERMSIG(status))})"
    else:
        end, detail = (
            "grader-error",
            f"the checker ended without a report (exit status {os.WEXITSTATUS(status)})",
        )
    if SCRATCH_ENV in os.environ:  # sandboxed: nothing a notebook wrote is left for the next one
        slot = Path(os.environ[SCRATCH_ENV])
        for directory in (Path("/tmp"), Path("/dev/shm"), slot):
            if directory.is_dir():
                _wipe(directory)
    _write(
        out,
        {
            "end": end,
            "detail": detail,
            "cells_run": relay.cells_done,
            "leftover_processes": leftovers,
            "process_limit_hit": bool(stopped and "processes" in stopped),
        },
    )


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

    import importlib

    from autograder.kernel import make_shell

    for module in PRELOAD:
        importlib.import_module(module)
    shell = make_shell()
    probe = ProcessLimit(1)
    probe.close()
    _write(out, {"ready": True, "pid": os.getpid(), "process_limit": probe.why_not or "enforced"})
    while header := _read_line(0):
        _run_job(shell, json.loads(header), out)


if __name__ == "__main__":
    main()
