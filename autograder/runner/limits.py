"""What one notebook may use while it is graded, and the limits the kernel sets on itself.

Standard library only: the grading side reads :class:`Limits` too.
"""

from __future__ import annotations

import resource
from dataclasses import dataclass


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
        disk_mb: what the notebook's files may hold in the sandbox: its folder and
            ``/tmp`` together, and ``/dev/shm`` as much again (both are memory).
        value_mb: largest value passed between the student's code and the tests (a
            larger one fails the test that asked for it).

    The checker, which runs the tests, may allocate ``memory_mb`` too. As root, the whole
    sandbox is held to what these add up to by a memory cgroup (see
    :mod:`autograder.grading.sandbox`).
    """

    cell_seconds: float = 30.0
    notebook_seconds: float = 300.0
    memory_mb: int = 2048
    processes: int = 64
    output_mb: float = 8.0
    file_mb: int = 64
    disk_mb: int = 512
    value_mb: float = 16.0

    @property
    def value_bytes(self) -> int:
        """The largest value either side of the protocol sends, in bytes."""
        return int(self.value_mb * 2**20)


GRACE_SECONDS = 5.0  # how long a cell may ignore its time limit before the child is killed


def _vm_size_bytes() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def _prefer_killing(score: int) -> None:
    """Make the calling process (and its children) what the kernel kills first when the
    sandbox's memory runs out: the student's kernel before the checker, the checker before
    the worker. Raising one's own score needs no privilege."""
    try:
        with open("/proc/self/oom_score_adj", "w") as adj:
            adj.write(str(score))
    except OSError:
        pass


def apply_rlimits(limits: Limits) -> None:
    """Memory, CPU time and file size limits for the calling process and its children (the
    student's kernel); no POSIX message queues, whose kernel objects would outlive it."""
    mb = 2**20
    address_space = _vm_size_bytes() + limits.memory_mb * mb  # on top of what is preloaded
    cpu = int(limits.notebook_seconds) + 5
    for kind, value in (
        (resource.RLIMIT_AS, address_space),
        (resource.RLIMIT_CPU, cpu),
        (resource.RLIMIT_FSIZE, limits.file_mb * mb),
        (resource.RLIMIT_CORE, 0),
        (resource.RLIMIT_MSGQUEUE, 0),
    ):
        resource.setrlimit(kind, (value, value))
    _prefer_killing(1000)


def apply_checker_limits(limits: Limits) -> None:
    """The checker's memory: as much on top of what is preloaded as the student's code may
    use (it decodes the values the student's code sends, and runs the tests on them)."""
    address_space = _vm_size_bytes() + limits.memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
    _prefer_killing(500)
