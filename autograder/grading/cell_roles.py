"""Which process runs each cell of a notebook: the checker, the student's kernel, or both.

Decided from the cells' sources alone (their names, found with ``ast``), so the grading
process needs neither numpy nor the checkers to decide it.
"""

from __future__ import annotations

from enum import StrEnum

from autograder.grading.spec import CellSpec
from autograder.runner.execution import Role
from autograder.runner.names import names_of


class CellKind(StrEnum):
    """What a cell is to the assignment."""

    TEST = "test"  # an autograded test cell
    LOCKED = "locked"  # a read-only cell of the assignment (explanations, setup, demos)
    STUDENT = "student"  # an answer, or a cell the student added

    @classmethod
    def of(cls, spec: CellSpec | None) -> CellKind:
        """The kind of a cell, from its cell of the assignment (None for one the student added)."""
        if spec is not None and spec.grade and not spec.solution:
            return cls.TEST
        if spec is not None and spec.locked:
            return cls.LOCKED
        return cls.STUDENT


def cell_roles(cells: list[tuple[CellKind, str]]) -> list[Role]:
    """Which process runs each cell, from each cell's (kind, source).

    Test cells run in the checker only; student cells in the student's kernel only. A
    locked cell runs in the student's kernel, and in the checker too when it binds a name
    the tests use (the setup cell's ``np``, a helper the tests call): the tests then use
    the checker's own, whatever the student's code rebinds.

    Returns:
        One role per cell, in order.
    """
    roles = [Role.CHECKER if kind == CellKind.TEST else Role.STUDENT for kind, _ in cells]
    needed: set[str] = set()
    for kind, source in cells:
        if kind == CellKind.TEST:
            needed |= names_of(source)[0]
    for index in reversed(range(len(cells))):
        kind, source = cells[index]
        if kind == CellKind.LOCKED:
            used, bound = names_of(source)
            if bound & needed:
                roles[index] = Role.BOTH
                needed |= used
    return roles
