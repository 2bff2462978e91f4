"""The student's kernel: runs the student's cells and answers the checker's requests.

It is forked by the checker (:mod:`autograder.runner.checker`) before the checker reads
the notebook, so its memory never holds a test. It limits itself (memory, CPU time, file
size, processes; no signal to the checker or the worker: see
:func:`~autograder.runner.seccomp.confine_student_kernel`), runs the cells it is sent, and
serves the checker's requests about its objects over a
:class:`~autograder.runner.protocol.channel.Channel`.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import socket
import sys
import time
from pathlib import Path
from typing import Iterator

from autograder.runner.limits import Limits, apply_rlimits
from autograder.runner.processes import PR_SET_PDEATHSIG, ProcessLimit, libc_prctl
from autograder.runner.protocol.channel import Channel, Side
from autograder.runner.protocol.errors import CellTimeoutError
from autograder.runner.seccomp import confine_student_kernel
from autograder.runner.shell import Outputs


def _become_student_kernel(
    directory: Path, limits: Limits, process_limit: ProcessLimit, keep: int
) -> dict[str, int]:
    """Make this (forked) process the student's kernel: own session, files, limits, and a
    system call filter that keeps its signals off the checker and the worker.

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
    apply_rlimits(limits)
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
    confine_student_kernel()  # last: no signal of its code reaches the checker or the worker
    return capture


class TimeLimit:
    """The cell's time limit in the student's kernel: a timer (SIGALRM) that interrupts the
    student's code with CellTimeoutError.

    It interrupts the student's code only. While the kernel talks to the checker for the
    student's code (a call to a test's object: the request, then the wait for its answer,
    which the test's code may interrupt with calls back), the interruption is held back,
    and raised as soon as the student's code runs again: when the answer is in, or in the
    student's code the checker calls meanwhile. Raised in the middle of an exchange, it
    would leave a request unanswered, or an answer to come to a question no longer asked,
    which the kernel would take for garbage and end: a loop that calls a test's object
    would be a crash or a timeout by chance.

    Args:
        cell_seconds: the cell's time limit, for the message.
    """

    def __init__(self, cell_seconds: float):
        self.message = f"the cell ran for more than {cell_seconds:g} s and was stopped"
        self.running = False  # a limit runs: requests made meanwhile are part of its cell
        self.in_student_code = False  # what runs now may be interrupted
        self.held = False  # the time ran out while the kernel was talking to the checker

    def on_alarm(self, _signum, _frame) -> None:
        """The SIGALRM handler: interrupt the student's code, or hold the interruption back."""
        if self.in_student_code:
            raise CellTimeoutError(self.message)
        self.held = True

    def _raise_held(self) -> None:
        if self.held:
            self.held = False
            raise CellTimeoutError(self.message)

    @contextlib.contextmanager
    def guard(self, seconds: float | None) -> Iterator[None]:
        """Run the student's code inside, for at most ``seconds`` (if no limit is running
        already: a request made while a cell runs is part of the cell); a
        :data:`~autograder.runner.protocol.calls.Guard`."""
        starts = seconds is not None and not self.running
        if starts:
            self.running = True
            signal.setitimer(signal.ITIMER_REAL, max(float(seconds), 0.001))
        was, self.in_student_code = self.in_student_code, True
        try:
            self._raise_held()  # time ran out before the checker's code called back
            yield
        finally:
            # First not interruptible, then the timer off: an alarm in between is held.
            self.in_student_code = was
            if starts:
                signal.setitimer(signal.ITIMER_REAL, 0)
                self.running = self.held = False

    @contextlib.contextmanager
    def shield(self) -> Iterator[None]:
        """Make a request of the checker inside (for the student's code): not interrupted
        until its answer is in; then the interruption held back meanwhile is raised."""
        was, self.in_student_code = self.in_student_code, False
        try:
            yield
        finally:
            self.in_student_code = was
            if was:  # back in the student's code
                self._raise_held()


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
    shell.outputs = Outputs(int(limits.output_mb * 2**20))
    sys.stdout, sys.stderr = shell.streams
    read = dict.fromkeys(capture, 0)
    limit = TimeLimit(limits.cell_seconds)

    def run(message: dict) -> dict:
        started = time.perf_counter()
        try:
            with limit.guard(message.get("seconds")):
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

    signal.signal(signal.SIGALRM, limit.on_alarm)
    channel = Channel(sock, Side.STUDENT, max_value=limits.value_bytes)
    channel.namespace = shell.user_ns
    channel.guard, channel.shield = limit.guard, limit.shield
    channel.handlers["run"] = run
    try:
        while True:
            channel.serve(channel.receive())
            if os.getpid() != original:
                break
    except BaseException:  # noqa: BLE001 -- the checker is gone or the channel is broken: end
        pass
    os._exit(0)
