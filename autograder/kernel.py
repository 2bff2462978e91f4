"""The two processes that run one notebook while it is graded: the student's kernel and the checker.

For each notebook, the worker (:mod:`autograder.worker`) forks a *checker*, and the
checker at once forks the *student's kernel*, before either has read anything of the
notebook. Then:

* the checker reads the notebook's cells. It sends the student's cells (answers, cells
  the student added, the locked cells the student sees too) to the student's kernel,
  and runs the test cells itself, with the student's functions, classes and values as
  proxies (:mod:`autograder.remote`). It never runs student code.
* the student's kernel limits itself (memory, CPU time, file size, processes), runs the
  cells it is sent, and answers the checker's requests about its objects. It never sees
  a test cell: hidden tests and expected values exist only in the checker, whose memory
  the student's code cannot read (the checker is not dumpable: no ptrace, no
  ``/proc/<pid>/mem``).

So whatever a submission does to its own process (replacing numpy functions, the
checkers, builtins, ``sys.modules``; redefining names the tests use; inspecting frames)
happens where no test runs. Test cells see the student's code only through what it
returns. The checker reports each cell's outputs to the worker, one JSON line per cell.
"""

from __future__ import annotations

import ast
import builtins
import contextlib
import json
import os
import random
import resource
import signal
import socket
import sys
import time
from pathlib import Path

from autograder.remote import CellTimeoutError, Channel, ChannelClosed, proxy_named
from autograder.worker import (
    GRACE_SECONDS,
    PR_SET_DUMPABLE,
    PR_SET_PDEATHSIG,
    Limits,
    ProcessLimit,
    kill_group,
    libc_prctl,
    signal_name,
)

# Output formats kept from displays. Grading needs none of the pictures; rendering each
# figure to PNG costs more than running most cells (see the README, "Grading").
DISPLAY_TYPES = (
    "text/plain",
    "text/html",
    "text/markdown",
    "text/latex",
    "application/json",
    "application/vnd.jupyter.widget-view+json",
)


# --- which process runs which cell ------------------------------------------------------


class _Names(ast.NodeVisitor):
    """The names a cell reads (anywhere, function bodies too) and binds (at its top level)."""

    def __init__(self):
        self.used: set[str] = set()
        self.bound: set[str] = set()

    def visit_Name(self, node: ast.Name) -> None:
        (self.used if isinstance(node.ctx, ast.Load) else self.bound).add(node.id)

    def visit_Import(self, node: ast.Import) -> None:
        self.bound.update((alias.asname or alias.name).split(".")[0] for alias in node.names)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        self.bound.update(alias.asname or alias.name for alias in node.names if alias.name != "*")

    def _nested(self, node: ast.AST) -> None:
        """A nested scope: what it reads may be global, what it binds is its own."""
        inner = _Names()
        for child in ast.iter_child_nodes(node):
            inner.visit(child)
        self.used |= inner.used

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self.bound.add(node.name)
        self._nested(node)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.bound.add(node.name)
        self._nested(node)

    def visit_Lambda(self, node: ast.Lambda) -> None:
        self._nested(node)

    visit_ListComp = visit_SetComp = visit_DictComp = visit_GeneratorExp = visit_Lambda


def names_of(source: str) -> tuple[set[str], set[str]]:
    """(names ``source`` reads, names it binds at module level); empty if it does not parse."""
    from IPython.core.inputtransformer2 import TransformerManager

    names = _Names()
    try:
        names.visit(ast.parse(TransformerManager().transform_cell(source)))
    except (SyntaxError, ValueError):
        pass
    return names.used, names.bound


def cell_roles(cells: list[tuple[str, str]]) -> list[str]:
    """Where each cell runs, from (kind, source) pairs, kind "test", "locked" or "student".

    Test cells run in the checker only; student cells in the student's kernel only. A
    locked cell runs in the student's kernel, and in the checker too when it binds a name
    the tests use (the setup cell's ``np``, a helper the tests call): the tests then use
    the checker's own, whatever the student's code rebinds.

    Returns:
        "checker", "student" or "both", one per cell.
    """
    roles = ["checker" if kind == "test" else "student" for kind, _ in cells]
    needed: set[str] = set()
    for kind, source in cells:
        if kind == "test":
            needed |= names_of(source)[0]
    for index in reversed(range(len(cells))):
        kind, source = cells[index]
        if kind == "locked":
            used, bound = names_of(source)
            if bound & needed:
                roles[index] = "both"
                needed |= used
    return roles


# --- outputs, as a Jupyter kernel records them ----------------------------------------------


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
            self.items.append(
                {
                    "output_type": "stream",
                    "name": "stderr",
                    "text": f"\n... output truncated: this notebook printed more than "
                    f"{self.budget / 2**20:g} MB ...\n",
                }
            )
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


def make_shell():
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
            self.shell.outputs.add(
                {"output_type": "display_data", "data": data, "metadata": metadata or {}}
            )

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
            self.outputs.add(
                {
                    "output_type": "error",
                    "ename": etype.__name__,
                    "evalue": str(evalue),
                    "traceback": stb,
                }
            )
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
    for kind, value in (
        (resource.RLIMIT_AS, address_space),
        (resource.RLIMIT_CPU, cpu),
        (resource.RLIMIT_FSIZE, limits.file_mb * mb),
        (resource.RLIMIT_CORE, 0),
    ):
        resource.setrlimit(kind, (value, value))


# --- the student's kernel ------------------------------------------------------------------


def _become_student_kernel(
    directory: Path, limits: Limits, process_limit: ProcessLimit, keep: int
) -> dict[str, int]:
    """Make this (forked) process the student's kernel: own session, files and limits.

    Returns:
        The file descriptors that capture what is written to stdout and stderr directly
        (by C code or subprocesses), by stream name.
    """
    import numpy

    os.setsid()  # its own session and process group
    # Unnamed files, outside the notebook's folder.
    capture = {
        name: os.open(directory.parent, os.O_TMPFILE | os.O_RDWR, 0o600)
        for name in ("stdout", "stderr")
    }
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)  # also drops the job, which the checker reads
    os.dup2(capture["stdout"], 1)
    os.dup2(capture["stderr"], 2)
    kept = sorted({keep, *capture.values()})  # close everything else inherited
    for low, high in zip([2, *kept], [*kept, os.sysconf("SC_OPEN_MAX")]):
        os.closerange(low + 1, high)
    libc_prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    process_limit.enter()
    _limit(limits)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a too-large file is an error, not death
    os.chdir(directory)
    os.environ.update(
        HOME=str(directory),
        PWD=str(directory),
        TMPDIR=str(directory),
        NBGRADER_EXECUTION="autograde",
    )
    # A fresh kernel starts with unpredictable random states; forked children would share one.
    numpy.random.seed()
    random.seed()
    sys.stdin = open(os.devnull)
    return capture


@contextlib.contextmanager
def _time_limit(seconds: float | None):
    """Interrupt the code run inside with CellTimeoutError after ``seconds`` (if no limit
    is running already: a request made while a cell runs is part of the cell)."""
    if seconds is None or signal.getitimer(signal.ITIMER_REAL)[0] > 0:
        yield
        return
    signal.setitimer(signal.ITIMER_REAL, max(float(seconds), 0.001))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def student_kernel(
    shell, sock: socket.socket, directory: Path, limits: Limits, process_limit: ProcessLimit
) -> None:
    """The student's kernel: run the cells the checker sends, answer its requests; never returns."""
    try:
        capture = _become_student_kernel(directory, limits, process_limit, sock.fileno())
    except Exception as error:  # noqa: BLE001 -- the checker reports it: not the student's doing
        os.write(2, f"setup failed: {type(error).__name__}: {error}\n".encode())
        os._exit(3)
    original = os.getpid()
    # Copies made by os.fork in student code must not talk to the checker.
    os.register_at_fork(after_in_child=sock.close)
    shell.outputs = _Outputs(int(limits.output_mb * 2**20))
    sys.stdout, sys.stderr = shell.streams
    read = dict.fromkeys(capture, 0)

    def on_alarm(_signum, _frame):
        raise CellTimeoutError(
            f"the cell ran for more than {limits.cell_seconds:g} s and was stopped"
        )

    def run(message: dict) -> dict:
        started = time.perf_counter()
        with _time_limit(message.get("seconds")):
            try:
                shell.run_cell(str(message.get("source", "")), store_history=True)
            except BaseException as error:  # noqa: BLE001 -- e.g. the time limit, hit outside the cell's own code
                shell.outputs.add(
                    {
                        "output_type": "error",
                        "ename": type(error).__name__,
                        "evalue": str(error),
                        "traceback": [f"{type(error).__name__}: {error}"],
                    }
                )
        if os.getpid() != original:  # a copy made by os.fork in the cell: it ends with its cell
            os._exit(0)
        for name, fd in capture.items():  # what was written to the file descriptors directly
            size = os.fstat(fd).st_size
            if size > read[name]:
                shell.outputs.stream(
                    name, os.pread(fd, size - read[name], read[name]).decode(errors="replace")
                )
                read[name] = size
        return {
            "outputs": shell.outputs.take(),
            "seconds": time.perf_counter() - started,
            "truncated": shell.outputs.truncated,
        }

    signal.signal(signal.SIGALRM, on_alarm)
    channel = Channel(sock, "student")
    channel.namespace = shell.user_ns
    channel.guard = _time_limit
    channel.handlers["run"] = run
    try:
        while True:
            channel.serve(channel.receive())
            if os.getpid() != original:
                break
    except BaseException:  # noqa: BLE001 -- the checker is gone or the channel is broken: end
        pass
    os._exit(0)


# --- the checker ------------------------------------------------------------------------------


class CheckerStop(Exception):
    """The notebook cannot go on: the student's kernel died, stopped answering or misbehaved."""

    def __init__(self, end: str, detail: str):
        super().__init__(detail)
        self.end, self.detail = end, detail


def death_of(status: int) -> str:
    """What ended a process, from its wait status, in words."""
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        return {
            signal.SIGSEGV: "the kernel crashed with a segmentation fault",
            signal.SIGXCPU: "the notebook used more than its CPU time limit",
            signal.SIGKILL: "the kernel was killed (out of memory?)",
        }.get(number, f"the kernel died of {signal_name(number)}")
    return f"the notebook's code ended the kernel (exit status {os.WEXITSTATUS(status)})"


class Checker:
    """Runs one notebook: the student's cells through the student's kernel, the tests here.

    Args:
        shell: the pristine shell (see :func:`make_shell`) the test cells run in.
        sock: connected to the student's kernel.
        student_pid: the student's kernel, to stop it when it does not answer.
        limits: the notebook's limits.
        send: reports a message to the worker.
    """

    def __init__(self, shell, sock: socket.socket, student_pid: int, limits: Limits, send):
        self.shell, self.student_pid, self.limits, self.send = shell, student_pid, limits, send
        shell.outputs = _Outputs(int(limits.output_mb * 2**20))
        sys.stdout, sys.stderr = shell.streams
        self.channel = Channel(sock, "checker", output=shell.outputs.stream)
        self.channel.grace = GRACE_SECONDS
        self.own = set(shell.user_ns) | set(vars(builtins))  # names the checker binds itself
        self.remote: set[str] = set()  # names bound to the student's values

    def run(self, cells: list[dict]) -> None:
        """Run the cells in order, sending one report per cell, then how it ended."""
        try:
            for index, cell in enumerate(cells):
                self.send({"cell": index, **self._run_cell(cell)})
        except CheckerStop as stop:
            self.send({"stop": stop.end, "detail": stop.detail})
            return
        self.send({"end": "completed"})

    def _run_cell(self, cell: dict) -> dict:
        started = time.perf_counter()
        self.channel.deadline = time.monotonic() + self.limits.cell_seconds
        report = None
        if cell["runs_in"] != "checker":
            try:
                reply = self.channel.request_raw("run", source=cell["source"])
            except BaseException:  # noqa: BLE001 -- the failure is recorded on the channel
                self._check_student()
                raise
            report = _checked_report(reply)
        if cell["runs_in"] != "student":
            outputs, in_hidden = self._run_here(cell)
            self._check_student()
            if report is None:
                report = {
                    "outputs": outputs,
                    "truncated": self.shell.outputs.truncated,
                    "error_in_hidden_tests": in_hidden,
                }
        report.setdefault("error_in_hidden_tests", False)
        report["seconds"] = time.perf_counter() - started
        return report

    def _run_here(self, cell: dict) -> tuple[list[dict], bool]:
        """Run a cell in the checker, its free names bound to the student's values."""
        shell, source = self.shell, cell["source"]
        used, bound = names_of(source)
        self.own |= bound
        wanted = sorted((used | self.remote) - self.own)
        found = self.channel.request("names", names=wanted) if wanted else {}
        if not isinstance(found, dict) or not set(found) <= set(wanted):
            raise CheckerStop(
                "tampering", "the student's kernel answered a question about names wrongly"
            )
        for name in self.remote - found.keys():
            shell.user_ns.pop(name, None)
        for name, value in found.items():
            shell.user_ns[name] = proxy_named(value, name)
        self.remote = set(found)
        shell.last_error_line = None
        try:
            shell.run_cell(source, store_history=True)
        except BaseException as error:  # noqa: BLE001 -- e.g. a time limit, hit outside the cell's own code
            shell.outputs.add(
                {
                    "output_type": "error",
                    "ename": type(error).__name__,
                    "evalue": "",
                    "traceback": [f"{type(error).__name__}"],
                }
            )
        outputs = shell.outputs.take()
        hidden_line, line = cell.get("hidden_line"), shell.last_error_line
        in_hidden = bool(hidden_line and line and line >= hidden_line)
        if in_hidden:
            outputs = [_without_details(o) for o in outputs]
        return outputs, in_hidden

    def _check_student(self) -> None:
        """Stop the notebook if the student's kernel failed (died, went silent, sent garbage)."""
        failure = self.channel.failure
        if failure is None:
            return
        if isinstance(failure, ChannelClosed):
            _, status = os.waitpid(self.student_pid, 0)
            raise CheckerStop("crashed", death_of(status))
        kill_group(self.student_pid)
        if isinstance(failure, CellTimeoutError):
            raise CheckerStop(
                "timeout",
                f"the cell ran for more than {self.limits.cell_seconds:g} s and could "
                "not be interrupted",
            )
        raise CheckerStop(
            "tampering", f"the student's kernel broke the grading protocol ({failure})"
        )


def _without_details(output: dict) -> dict:
    """An error raised in hidden tests, without what could show their code or values. The
    course's checkers word their hidden-test failures (CheckFailure) for students: kept."""
    if output.get("output_type") != "error":
        return output
    ename = str(output.get("ename"))
    if ename == "CheckFailure":
        return {**output, "traceback": [f"{ename}: {output.get('evalue', '')}"]}
    return {
        "output_type": "error",
        "ename": ename,
        "evalue": "",
        "traceback": [f"{ename} raised in a hidden test (hidden tests do not show their details)"],
    }


def _checked_report(reply: dict) -> dict:
    """The student's kernel's report of a cell, checked: it is not trusted."""
    outputs = reply.get("outputs")
    if not isinstance(outputs, list) or not all(
        isinstance(o, dict) and isinstance(o.get("output_type"), str) for o in outputs
    ):
        raise CheckerStop("tampering", "the student's kernel sent a malformed cell report")
    return {"outputs": outputs, "truncated": bool(reply.get("truncated"))}


def checker(
    shell, directory: Path, limits: Limits, process_limit: ProcessLimit, job_bytes: int, pipe: int
) -> None:
    """The checker, forked by the worker: fork the student's kernel, then read the job
    (``job_bytes`` on stdin) and run it, reporting on ``pipe``; never returns."""
    os.setsid()
    libc_prctl(PR_SET_DUMPABLE, 0)  # the student's kernel cannot trace it or read its memory
    libc_prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    ours, theirs = socket.socketpair()
    student_pid = os.fork()
    if student_pid == 0:
        ours.close()
        os.close(pipe)
        student_kernel(shell, theirs, directory, limits, process_limit)
    theirs.close()

    def send(message: dict) -> None:
        os.write(pipe, (json.dumps(message, default=str) + "\n").encode())

    send({"student": student_pid})

    job = b""
    while len(job) < job_bytes:
        chunk = os.read(0, job_bytes - len(job))
        if not chunk:
            break
        job += chunk
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
    try:
        cells = json.loads(job)["cells"]
        Checker(shell, ours, student_pid, limits, send).run(cells)
    except Exception as error:  # noqa: BLE001 -- reported to the grader: not the student's doing
        send({"setup_error": f"{type(error).__name__}: {error}"})
    ours.close()  # the student's kernel ends when the connection does
    try:
        for _ in range(50):
            if os.waitpid(student_pid, os.WNOHANG)[0]:
                break
            time.sleep(0.01)
        else:
            kill_group(student_pid)
    except ChildProcessError:  # reaped already
        pass
    os._exit(0)
