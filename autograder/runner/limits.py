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
    """

    cell_seconds: float = 30.0
    notebook_seconds: float = 300.0
    memory_mb: int = 2048
    processes: int = 64
    output_mb: float = 8.0
    file_mb: int = 64


GRACE_SECONDS = 5.0  # how long a cell may ignore its time limit before the child is killed


def _vm_size_bytes() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def apply_rlimits(limits: Limits) -> None:
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
