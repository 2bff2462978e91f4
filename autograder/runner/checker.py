"""The checker: runs one notebook, the student's cells in the student's kernel, the tests itself.

For each notebook, the worker (:mod:`autograder.runner.worker`) forks a *checker*, and
the checker at once forks the *student's kernel* (:mod:`autograder.runner.student`),
before either has read anything of the notebook. Then the checker reads the notebook's
cells. It sends the student's cells (answers, cells the student added, the locked cells
the student sees too) to the student's kernel, and runs the test cells itself, with the
student's functions, classes and values as proxies (:mod:`autograder.runner.protocol`).
It never runs student code, and the student's kernel never sees a test cell: hidden
tests and expected values exist only in the checker, whose memory the student's code
cannot read (the checker is not dumpable: no ptrace, no ``/proc/<pid>/mem``).

So whatever a submission does to its own process (replacing numpy functions, the
checkers, builtins, ``sys.modules``; redefining names the tests use; inspecting frames)
happens where no test runs. Test cells see the student's code only through what it
returns. The checker reports each cell's outputs to the worker, one JSON line per cell.
"""

from __future__ import annotations

import builtins
import json
import os
import signal
import socket
import sys
import time
from pathlib import Path

from autograder.runner.execution import End, Role
from autograder.runner.limits import GRACE_SECONDS, Limits, apply_checker_limits
from autograder.runner.names import names_of
from autograder.runner.outputs import attributed, student_outputs
from autograder.runner.processes import (
    PR_SET_DUMPABLE,
    PR_SET_PDEATHSIG,
    ProcessLimit,
    kill_group,
    libc_prctl,
    signal_name,
)
from autograder.runner.protocol.channel import Channel, Side
from autograder.runner.protocol.errors import CellTimeoutError, ChannelClosed
from autograder.runner.protocol.proxies import proxy_named
from autograder.runner.shell import Outputs
from autograder.runner.student import student_kernel


class CheckerStop(Exception):
    """The notebook cannot go on: the student's kernel died, stopped answering or misbehaved."""

    def __init__(self, end: End, detail: str):
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
        shell: the pristine shell the test cells run in (see
            :func:`~autograder.runner.shell.make_shell`).
        sock: connected to the student's kernel.
        student_pid: the student's kernel, to stop it when it does not answer.
        limits: the notebook's limits.
        send: reports a message to the worker.
    """

    def __init__(self, shell, sock: socket.socket, student_pid: int, limits: Limits, send):
        self.shell, self.student_pid, self.limits, self.send = shell, student_pid, limits, send
        shell.outputs = Outputs(int(limits.output_mb * 2**20))
        sys.stdout, sys.stderr = shell.streams
        self.channel = Channel(
            sock, Side.CHECKER, output=shell.outputs.stream, max_value=limits.value_bytes
        )
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
        self.send({"end": End.COMPLETED})

    def _run_cell(self, cell: dict) -> dict:
        started = time.perf_counter()
        self.channel.deadline = time.monotonic() + self.limits.cell_seconds
        report = None
        runs_in = Role(cell["runs_in"])
        if runs_in != Role.CHECKER:
            try:
                reply = self.channel.request_raw("run", source=cell["source"])
            except BaseException:  # noqa: BLE001 -- the failure is recorded on the channel
                self._check_student()
                raise
            report = _checked_report(reply, self.channel.time_is_up())
        if runs_in != Role.STUDENT:
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
        try:
            found = self.channel.request("names", names=wanted) if wanted else {}
        except Exception as error:  # noqa: BLE001 -- a value too large to send: the test fails
            self._check_student()  # unless the student's kernel failed: then the notebook stops
            return [_error_output(error)], False
        if not isinstance(found, dict) or not set(found) <= set(wanted):
            raise CheckerStop(
                End.TAMPERING, "the student's kernel answered a question about names wrongly"
            )
        for name in self.remote - found.keys():
            shell.user_ns.pop(name, None)
        for name, value in found.items():
            shell.user_ns[name] = proxy_named(value, name)
        self.remote = set(found)
        shell.last_error_line = shell.last_error = None
        try:
            shell.run_cell(source, store_history=True)
        except BaseException as error:  # noqa: BLE001 -- e.g. a time limit, hit outside the cell's own code
            shell.last_error = error
            shell.outputs.add(
                {
                    "output_type": "error",
                    "ename": type(error).__name__,
                    "evalue": "",
                    "traceback": [f"{type(error).__name__}"],
                }
            )
        outputs = [attributed(o, shell.last_error) for o in shell.outputs.take()]
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
            raise CheckerStop(End.CRASHED, death_of(status))
        kill_group(self.student_pid)
        if isinstance(failure, CellTimeoutError):
            raise CheckerStop(
                End.TIMEOUT,
                f"the cell ran for more than {self.limits.cell_seconds:g} s and could "
                "not be interrupted",
            )
        raise CheckerStop(
            End.TAMPERING, f"the student's kernel broke the grading protocol ({failure})"
        )


def _error_output(error: BaseException) -> dict:
    name = type(error).__name__
    return {
        "output_type": "error",
        "ename": name,
        "evalue": str(error),
        "traceback": [f"{name}: {error}"],
    }


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


def _checked_report(reply: dict, time_is_up: bool) -> dict:
    """The student's kernel's report of a cell, checked: it is not trusted. Outputs that
    are not what nbformat wants are rebuilt or dropped (see :mod:`..outputs`)."""
    outputs = reply.get("outputs")
    if not isinstance(outputs, list):
        raise CheckerStop(End.TAMPERING, "the student's kernel sent a malformed cell report")
    return {
        "outputs": student_outputs(outputs, time_is_up),
        "truncated": bool(reply.get("truncated")),
    }


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
    apply_checker_limits(limits)

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
