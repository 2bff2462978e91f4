"""The process that runs student code: started once per grading slot, a fresh child per notebook.

Stock nbgrader starts a Jupyter kernel for every notebook it grades, and every kernel
imports numpy, matplotlib and IPython again: most of its 1.5 s per notebook. A worker
instead imports all of that once, builds a pristine IPython shell, and then, for each
notebook, forks: the child starts with everything loaded and nothing run, executes the
cells, and reports each cell's outputs (as a Jupyter kernel would record them) over a
pipe. The worker watches the child, enforces the time limits, and afterwards stops
every process the child left behind.

Run as ``python -m autograder.worker``; it reads one job per line on stdin and answers
with JSON lines on stdout (see :mod:`autograder.execution`, the side that talks to it).
Messages from the child are parsed and checked here before they are passed on: a child
runs student code, so nothing it says is trusted, and JSON (never pickle) is the format.

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
import sys
import time
from dataclasses import dataclass
from pathlib import Path

# What every child has loaded before a student's first cell: what the course's notebooks
# import (a Jupyter kernel would import these per notebook).
PRELOAD = ("numpy", "matplotlib.pyplot", "matplotlib_inline.backend_inline", "ipywidgets", "ipympl",
           "nbhelpers.checks", "nbhelpers.datasets", "nbhelpers.plots", "nbhelpers.widgets", "nbhelpers.layers")

# Output formats kept from displays. Grading needs none of the pictures; rendering each
# figure to PNG costs more than running most cells (see the README, "Grading").
DISPLAY_TYPES = ("text/plain", "text/html", "text/markdown", "text/latex", "application/json",
                 "application/vnd.jupyter.widget-view+json")

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


class CellTimeoutError(BaseException):
    """Raised in a cell that runs past its time limit (a BaseException, like Ctrl-C, so that
    ``except Exception`` in student code does not swallow it)."""


# --- the child: runs one notebook's cells ----------------------------------------------


class _Outputs:
    """The outputs of the cell running now, as Jupyter's notebook format records them.

    Consecutive writes to one stream become one output, as in a notebook. Beyond the
    notebook's output budget, output is dropped, and a line says so once.
    """

    def __init__(self, budget: int):
        self.budget = budget
        self.used = 0
        self.truncated = False
        self.items: list[dict] = []
        self._clear_on_next = False

    def _room(self, size: int) -> bool:
        if self._clear_on_next:
            self.items.clear()
            self._clear_on_next = False
        if self.used + size <= self.budget:
            self.used += size
            return True
        if not self.truncated:
            self.truncated = True
            self.items.append({"output_type": "stream", "name": "stderr",
                               "text": f"\n... output truncated: this notebook printed more than "
                                       f"{self.budget / 2**20:g} MB ...\n"})
        return False

    def stream(self, name: str, text: str) -> None:
        if not text or not self._room(len(text)):
            return
        last = self.items[-1] if self.items else None
        if last is not None and last["output_type"] == "stream" and last["name"] == name:
            last["text"] += text
        else:
            self.items.append({"output_type": "stream", "name": name, "text": text})

    def add(self, output: dict) -> None:
        if self._room(len(json.dumps(output, default=str))):
            self.items.append(output)

    def clear(self, wait: bool) -> None:
        if wait:
            self._clear_on_next = True
        else:
            self.items.clear()

    def take(self) -> list[dict]:
        items, self.items = self.items, []
        return items


def _make_shell():
    """A pristine IPython shell whose outputs go to an :class:`_Outputs` (``shell.outputs``)."""
    import io

    from IPython.core.displayhook import DisplayHook
    from IPython.core.displaypub import DisplayPublisher
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    class Stream(io.TextIOBase):
        """``sys.stdout`` / ``sys.stderr`` inside a cell."""

        def __init__(self, shell, name: str):
            self.shell, self.name = shell, name

        @property
        def encoding(self) -> str:
            return "utf-8"

        def writable(self) -> bool:
            return True

        def isatty(self) -> bool:
            return False

        def write(self, text) -> int:
            if not isinstance(text, str):
                raise TypeError(f"write() argument must be str, not {type(text).__name__}")
            self.shell.outputs.stream(self.name, text)
            return len(text)

    class Publisher(DisplayPublisher):
        def publish(self, data, metadata=None, source=None, *, transient=None, update=False):
            self.shell.outputs.add({"output_type": "display_data", "data": data, "metadata": metadata or {}})

        def clear_output(self, wait=False):
            self.shell.outputs.clear(wait)

    class Hook(DisplayHook):
        """The value of a cell's last expression, as an ``execute_result``."""

        def start_displayhook(self):
            self.result = {"output_type": "execute_result", "data": {}, "metadata": {}}

        def write_output_prompt(self):
            self.result["execution_count"] = self.prompt_count

        def write_format_data(self, format_dict, md_dict=None):
            self.result["data"], self.result["metadata"] = format_dict, md_dict or {}

        def finish_displayhook(self):
            if self.result["data"]:
                self.shell.outputs.add(self.result)

    class GradingShell(InteractiveShell):
        displayhook_class = Hook
        display_pub_class = Publisher

        def enable_gui(self, gui=None):  # the inline backend needs no event loop
            pass

        def _showtraceback(self, etype, evalue, stb):
            self.outputs.add({"output_type": "error", "ename": etype.__name__, "evalue": str(evalue),
                              "traceback": stb})
            self.last_error_line = _line_in_cell(sys.last_traceback, self.user_ns)

    config = Config()
    config.HistoryManager.enabled = False  # no history database, no thread: safe to fork
    shell = GradingShell.instance(config=config)
    shell.display_formatter.active_types = list(DISPLAY_TYPES)
    shell.enable_matplotlib("inline")
    shell.outputs = _Outputs(0)
    shell.streams = Stream(shell, "stdout"), Stream(shell, "stderr")
    shell.last_error_line = None
    return shell


def _line_in_cell(tb, user_ns: dict) -> int | None:
    """The cell's line (1-based) that was running when an exception passed through it."""
    line = None
    while tb is not None:
        frame = tb.tb_frame
        if frame.f_globals is user_ns and frame.f_code.co_name == "<module>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _libc_prctl(option: int, value: int) -> None:
    ctypes.CDLL(None, use_errno=True).prctl(option, value, 0, 0, 0)


PR_SET_PDEATHSIG, PR_SET_CHILD_SUBREAPER = 1, 36


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


class ProcessLimit:
    """Caps how many processes one notebook can run at a time.

    For a normal user, RLIMIT_NPROC does it (counted over all the user's processes, so
    the cap is set above those already running). It does not bind root; as root, the
    notebook's processes go into a cgroup of the pids controller instead, one per worker.
    Where neither is possible (root without a writable pids cgroup), ``enforced`` is
    false and ``why_not`` says why; the grader passes that on to the instructor.
    """

    CGROUP_ROOTS = (Path("/sys/fs/cgroup/pids"), Path("/sys/fs/cgroup"))

    def __init__(self, processes: int):
        self.processes = processes
        self.cgroup: Path | None = None
        self.enforced, self.why_not = True, ""
        if os.getuid() != 0:
            return
        for root in self.CGROUP_ROOTS:
            if not (root / "cgroup.procs").exists():
                continue
            if root.name != "pids" and "pids" not in (root / "cgroup.subtree_control").read_text().split():
                continue
            for stale in root.glob("nnfs-autograder-*"):  # left by workers that were killed
                if not Path("/proc", stale.name.rsplit("-", 1)[1]).exists():
                    try:
                        stale.rmdir()
                    except OSError:
                        pass
            try:
                cgroup = root / f"nnfs-autograder-{os.getpid()}"
                cgroup.mkdir(exist_ok=True)
                (cgroup / "pids.max").write_text(str(processes))
            except OSError:
                continue
            self.cgroup = cgroup
            return
        self.enforced = False
        self.why_not = ("running as root, whom RLIMIT_NPROC does not limit, and no writable cgroup "
                        "with the pids controller was found")

    def exceeded(self) -> bool:
        """Whether the notebook running now has tried to go past the cap."""
        if self.cgroup is not None:  # the cgroup is new for each notebook: any refusal counts
            events = dict(line.split() for line in (self.cgroup / "pids.events").read_text().splitlines())
            return int(events.get("max", 0)) > 0
        return len(_descendants()) >= self.processes

    def enter(self) -> None:
        """Put the calling process (a child about to run a notebook) under the cap."""
        if self.cgroup is not None:
            (self.cgroup / "cgroup.procs").write_text(str(os.getpid()))
        elif os.getuid() != 0:
            value = _processes_of(os.getuid()) + self.processes
            resource.setrlimit(resource.RLIMIT_NPROC, (value, value))

    def close(self) -> None:
        if self.cgroup is not None:
            try:
                self.cgroup.rmdir()
            except OSError:
                pass


def _vm_size_bytes() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def _limit(limits: Limits) -> None:
    """Memory, CPU time and file size limits for the calling process and its children."""
    mb = 2**20
    address_space = _vm_size_bytes() + limits.memory_mb * mb  # on top of what is preloaded
    cpu = int(limits.notebook_seconds) + 5
    for kind, value in ((resource.RLIMIT_AS, address_space), (resource.RLIMIT_CPU, cpu),
                        (resource.RLIMIT_FSIZE, limits.file_mb * mb), (resource.RLIMIT_CORE, 0)):
        resource.setrlimit(kind, (value, value))


def _prepare_child(job: dict, limits: Limits, process_limit: ProcessLimit, pipe: int) -> dict[str, int]:
    """Make this (forked) process the notebook's kernel: own session, files and limits.

    Returns:
        The file descriptors that capture what is written to stdout and stderr directly
        (by C code or subprocesses), by stream name.
    """
    import random

    import numpy

    directory = Path(job["directory"])
    os.setsid()  # its own session and process group, apart from the worker's
    # Unnamed files, outside the notebook's folder.
    capture = {name: os.open(directory.parent, os.O_TMPFILE | os.O_RDWR, 0o600) for name in ("stdout", "stderr")}
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
    os.dup2(capture["stdout"], 1)
    os.dup2(capture["stderr"], 2)
    keep = sorted({pipe, *capture.values()})  # close everything else inherited from the worker
    for low, high in zip([2, *keep], [*keep, os.sysconf("SC_OPEN_MAX")]):
        os.closerange(low + 1, high)

    _libc_prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    process_limit.enter()
    _limit(limits)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a too-large file is an error, not death
    os.chdir(directory)
    os.environ.update(HOME=str(directory), PWD=str(directory), NBGRADER_EXECUTION="autograde")
    # A fresh kernel starts with unpredictable random states; forked children would share one.
    numpy.random.seed()
    random.seed()
    sys.stdin = open(os.devnull)
    return capture


def _run_cells(shell, cells: list[dict], limits: Limits, capture: dict[str, int], send) -> None:
    """Run the cells in order, sending one report per cell (see :mod:`autograder.execution`)."""
    original = os.getpid()
    shell.outputs = _Outputs(int(limits.output_mb * 2**20))
    sys.stdout, sys.stderr = shell.streams
    read = dict.fromkeys(capture, 0)

    def on_alarm(_signum, _frame):
        raise CellTimeoutError(f"the cell ran for more than {limits.cell_seconds:g} s and was stopped")

    signal.signal(signal.SIGALRM, on_alarm)
    for index, cell in enumerate(cells):
        started = time.perf_counter()
        shell.last_error_line = None
        signal.setitimer(signal.ITIMER_REAL, limits.cell_seconds)
        try:
            shell.run_cell(cell["source"], store_history=True)
        except BaseException as error:  # noqa: BLE001 -- e.g. the time limit, hit outside the cell's own code
            shell.outputs.add({"output_type": "error", "ename": type(error).__name__, "evalue": str(error),
                               "traceback": [f"{type(error).__name__}: {error}"]})
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        if os.getpid() != original:  # a copy made by os.fork in the cell: it ends with its cell
            os._exit(0)
        for name, fd in capture.items():  # what was written to the file descriptors directly
            size = os.fstat(fd).st_size
            if size > read[name]:
                shell.outputs.stream(name, os.pread(fd, size - read[name], read[name]).decode(errors="replace"))
                read[name] = size
        hidden_line, line = cell.get("hidden_line"), shell.last_error_line
        send({"cell": index, "outputs": shell.outputs.take(), "seconds": time.perf_counter() - started,
              "error_in_hidden_tests": bool(hidden_line and line and line >= hidden_line),
              "truncated": shell.outputs.truncated})
    send({"end": "completed"})


def _child(shell, job: dict, limits: Limits, process_limit: ProcessLimit, pipe: int) -> None:
    """The forked child: set up, run the notebook's cells, report on ``pipe``."""
    original = os.getpid()

    def send(message: dict) -> None:
        if os.getpid() == original:  # copies made by student code (os.fork) stay silent
            os.write(pipe, (json.dumps(message, default=str) + "\n").encode())

    try:
        capture = _prepare_child(job, limits, process_limit, pipe)
    except Exception as error:  # noqa: BLE001 -- reported to the grader: not the student's doing
        send({"setup_error": f"{type(error).__name__}: {error}"})
        return
    os.register_at_fork(after_in_child=lambda: os.close(pipe))
    _run_cells(shell, job["cells"], limits, capture, send)


# --- the worker: forks children, watches them, cleans up after them ----------------------


def _signal_name(number: int) -> str:
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
    """Reads the child's report lines, checks them and passes them on; enforces the limits.

    A notebook that runs past a time limit, or tries to start more processes than it may
    (a fork bomb: honest notebooks of this course start none), is stopped.
    """

    POLL_SECONDS = 0.1

    def __init__(self, pipe: int, limits: Limits, process_limit: ProcessLimit, out):
        self.pipe, self.limits, self.process_limit, self.out = pipe, limits, process_limit, out
        self.buffer = b""
        self.cells_done = 0
        self.completed = False
        # The child keeps its outputs within the output limit; JSON adds some. A child that
        # sends more than this has been tampered with.
        self.max_bytes = int(limits.output_mb * 2**20 * 2) + 2**20
        self.received = 0

    def run(self) -> str | None:
        """Relay until the child closes its pipe; return a reason if the child had to be stopped."""
        started = last = time.monotonic()
        while True:
            now = time.monotonic()
            deadline = min(last + self.limits.cell_seconds + GRACE_SECONDS, started + self.limits.notebook_seconds)
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
            return "the grading messages were corrupted (something wrote into the report pipe)"
        if not isinstance(message, dict):
            return "the grading messages were corrupted (something wrote into the report pipe)"
        if message.get("end") == "completed":
            self.completed = True
            return None
        if "setup_error" in message:
            return f"grading could not start the notebook: {message['setup_error']}"
        if message.get("cell") != self.cells_done or not isinstance(message.get("outputs"), list):
            return "the grading messages were corrupted (a report out of order)"
        self.cells_done += 1
        _write(self.out, message)
        return None


def _write(out, message: dict) -> None:
    out.write(json.dumps(message) + "\n")
    out.flush()


def _run_job(shell, job: dict, out) -> None:
    limits = Limits(**job["limits"])
    process_limit = ProcessLimit(limits.processes)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the worker's loop
        os.close(read_end)
        try:
            _child(shell, job, limits, process_limit, write_end)
        finally:
            os._exit(0)
    os.close(write_end)
    relay = _Relay(read_end, limits, process_limit, out)
    try:
        stopped = relay.run()
    finally:
        os.close(read_end)
    if stopped:
        try:
            os.killpg(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    _, status = os.waitpid(pid, 0)
    leftovers = _stop_all()
    process_limit.close()
    if stopped:
        end, detail = ("timeout" if "ran for" in stopped else "stopped"), stopped
    elif relay.completed:
        end, detail = "completed", ""
    elif os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        end, detail = "crashed", {
            signal.SIGSEGV: "the kernel crashed with a segmentation fault",
            signal.SIGXCPU: "the notebook used more than its CPU time limit",
            signal.SIGKILL: "the kernel was killed (out of memory?)",
        }.get(number, f"the kernel died of {_signal_name(number)}")
    else:
        end, detail = "crashed", f"the notebook's code ended the kernel (exit status {os.WEXITSTATUS(status)})"
    _write(out, {"end": end, "detail": detail, "cells_run": relay.cells_done, "leftover_processes": leftovers,
                 "process_limit_hit": bool(stopped and "processes" in stopped)})


def main() -> None:
    """Preload, then serve jobs from stdin until it closes."""
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[name] = "1"  # one thread: forking a process with running threads is unsafe
    os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    # The protocol owns the real stdout; anything a library prints goes to stderr instead.
    out = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    _libc_prctl(PR_SET_PDEATHSIG, signal.SIGKILL)  # die with the grader
    _libc_prctl(PR_SET_CHILD_SUBREAPER, 1)

    import importlib

    for module in PRELOAD:
        importlib.import_module(module)
    shell = _make_shell()
    probe = ProcessLimit(1)
    probe.close()
    _write(out, {"ready": True, "pid": os.getpid(), "process_limit": probe.why_not or "enforced"})
    for line in sys.stdin:
        _run_job(shell, json.loads(line), out)


if __name__ == "__main__":
    main()
