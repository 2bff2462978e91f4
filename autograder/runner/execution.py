"""The interface between grading and the runner: cells in, an :class:`Execution` out.

Grading asks a :class:`Kernel` to run a notebook's code cells (:class:`CodeCell`, each
with the :class:`Role` that says which process runs it) in a folder, within
:class:`~autograder.runner.limits.Limits`, and gets back an :class:`Execution`: each
cell's outputs as a Jupyter kernel would have recorded them, and how the run ended
(:class:`End`). :class:`autograder.grading.workers.Worker` is the kernel that runs them
in a sandboxed worker process; tests use kernels of their own.

Standard library only: the grading process imports this without loading what a worker preloads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Protocol, Sequence

from autograder.runner.limits import Limits


class Role(StrEnum):
    """Which process runs a cell (see :func:`autograder.grading.cell_roles.cell_roles`)."""

    STUDENT = "student"  # answers, cells the student added, locked cells the tests do not use
    CHECKER = "checker"  # test cells: never where student code runs
    BOTH = "both"  # locked cells that define what the tests use (the setup cell's imports)


class End(StrEnum):
    """How running a notebook ended."""

    COMPLETED = "completed"
    TIMEOUT = "timeout"  # stopped at a time limit
    PROCESSES = "processes"  # stopped: it tried to start more processes than it may
    MEMORY = "memory"  # stopped: a process was killed at the sandbox's memory limit
    CRASHED = "crashed"  # the kernel died: a segfault, os._exit, the CPU limit, being killed
    STOPPED = "stopped"  # it misbehaved (output past its limit, garbled reports) and was stopped
    TAMPERING = "tampering"  # the student's code attacked the checker or the grading protocol
    GRADER_ERROR = "grader-error"  # the grading machinery failed, not the student


@dataclass
class CodeCell:
    """A code cell to run.

    Attributes:
        source: the code.
        hidden_line: for a test cell with hidden tests, the 1-based line where they begin
            (an error raised from there on is reported without its message); else None.
        runs_in: which process runs it.
    """

    source: str
    hidden_line: int | None = None
    runs_in: Role = Role.STUDENT


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
        end: how it ended.
        detail: what happened, in words, when it did not complete.
        leftover_processes: processes still running after the notebook ended (stopped).
        output_truncated: whether output was dropped at the output limit.
        disk_full: the writable places of the sandbox that were full when it ended.
        timings: where the time went, where the kernel measures it: seconds per stage
            (see :mod:`autograder.grading.timings`).
    """

    cells: list[CellRun] = field(default_factory=list)
    end: End = End.COMPLETED
    detail: str = ""
    leftover_processes: int = 0
    output_truncated: bool = False
    disk_full: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


class Kernel(Protocol):
    """Runs code cells; the only way grading runs student code."""

    def run(self, cells: Sequence[CodeCell], directory: Path, limits: Limits) -> Execution:
        """Run ``cells`` in order in a fresh interpreter, in ``directory``."""
