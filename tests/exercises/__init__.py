"""The exercise catalogue: answers students write, for every exercise of every notebook.

One module per notebook, named after its assignment: ``nb01_single_neuron.py`` holds the
cases of ``01-single-neuron`` (its folder under ``solutions/``), so adding a notebook adds
one module here (modules whose name starts with ``_`` are helpers, not notebooks). Each
notebook module defines:

* ``ASSIGNMENT``: str, the assignment id, e.g. ``"01-single-neuron"``;
* ``WRONG``: list of ``(answer, code, hint)``: a wrong answer, which must fail the exercise's
  visible test with a message that contains ``hint``; or ``(answer, code, hint, test)`` for a
  mistake that only a test of a secondary requirement catches (``test`` is that test
  cell's grade_id, e.g. ``"test_line_parameters_vertical"``);
* ``RIGHT``: list of ``(answer, code)``: a correct answer written differently from the
  solution, which must pass the full test (visible and hidden);
* ``ONLY_VISIBLE``: list of ``(answer, code)``: an answer that fits only the visible
  examples, which must pass the visible test and fail the hidden one without revealing the
  expected values.

``answer`` is the grade_id of the answer cell the code replaces (its test cell is
``test_<answer>``); ``code`` is that cell's new source, indented as it reads best in the
module (it is dedented when read).

:func:`catalogue` reads every module, checks it, and returns its cases as :class:`Case`
objects in notebook order; tests/test_exercises.py runs them. Example::

    for case in catalogue(Kind.WRONG):
        print(case.id, case.hint)
"""

from __future__ import annotations

import enum
import functools
import importlib
import pkgutil
import textwrap
from dataclasses import dataclass
from types import ModuleType

from autograder.course.release import assignment_ids


class Kind(enum.StrEnum):
    """What a case's answer is, and so what the tests must conclude about it."""

    WRONG = "wrong"  # fails the visible test, with its hint
    RIGHT = "right"  # passes every test
    VISIBLE_ONLY = "visible-only"  # passes the visible test, fails the hidden one


# The list each kind is read from, in a notebook module, and the fields of its entries.
LISTS = {Kind.WRONG: "WRONG", Kind.RIGHT: "RIGHT", Kind.VISIBLE_ONLY: "ONLY_VISIBLE"}
_FIELDS = {
    Kind.WRONG: "(answer, code, hint) or (answer, code, hint, test)",
    Kind.RIGHT: "(answer, code)",
    Kind.VISIBLE_ONLY: "(answer, code)",
}


class CatalogueError(ValueError):
    """A notebook module is misnamed, names no assignment, or holds a malformed case."""


@dataclass(frozen=True)
class Case:
    """One student answer to one exercise.

    Attributes:
        assignment: str, the assignment id, e.g. ``"01-single-neuron"``.
        answer: str, grade_id of the answer cell that ``code`` replaces.
        code: str, the replacement source, dedented, without leading or trailing blank lines.
        kind: Kind, what the tests must conclude about it.
        hint: str for a wrong answer, words its failure message must contain; None otherwise.
        number: int, 1 for the first case of this exercise and kind in its module, 2 for the
            next, ...; it makes :attr:`id` unique.
        test: str, grade_id of the test cell that must catch it: the exercise's main test,
            ``test_<answer>``, unless a wrong answer names a secondary one.
    """

    assignment: str
    answer: str
    code: str
    kind: Kind
    hint: str | None = None
    number: int = 1
    test: str = ""

    def __post_init__(self) -> None:
        if (self.hint is None) == (self.kind is Kind.WRONG):
            raise CatalogueError(f"{self.id}: a hint belongs to wrong answers, and only to them")
        if not self.test:
            object.__setattr__(self, "test", f"test_{self.answer}")

    @property
    def id(self) -> str:
        """str: a short, unique name for pytest, e.g. ``"01-step-wrong-2-returned None"``."""
        name = f"{self.assignment[:2]}-{self.answer}-{self.kind}-{self.number}"
        return f"{name}-{self.hint[:30].strip()}" if self.hint else name


def module_name(assignment: str) -> str:
    """The name of the module that holds an assignment's cases.

    Args:
        assignment: str, an assignment id, e.g. ``"01-single-neuron"``.

    Returns:
        str, e.g. ``"nb01_single_neuron"``.
    """
    return "nb" + assignment.replace("-", "_")


def modules() -> list[ModuleType]:
    """Every notebook module of this folder, checked, in notebook order.

    Returns:
        list of modules, each defining ASSIGNMENT, WRONG, RIGHT and ONLY_VISIBLE.

    Raises:
        CatalogueError: a module's ASSIGNMENT is not an assignment of the course, its
            file is not named after it, or it lacks one of the lists.
    """
    assignments = assignment_ids()
    found = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        where = f"tests/exercises/{info.name}.py"
        assignment = getattr(module, "ASSIGNMENT", None)
        if assignment not in assignments:
            raise CatalogueError(
                f"{where}: ASSIGNMENT is {assignment!r}, which is not an assignment of the "
                f"course (those are the folders under solutions/: {', '.join(assignments)})"
            )
        if info.name != module_name(assignment):
            raise CatalogueError(
                f"{where}: ASSIGNMENT is {assignment!r}, so the file should be named "
                f"{module_name(assignment)}.py"
            )
        for name in LISTS.values():
            if not isinstance(getattr(module, name, None), list):
                raise CatalogueError(f"{where}: defines no list {name}")
        found.append(module)
    return found


def _cases(module: ModuleType) -> list[Case]:
    """The cases of one checked notebook module, kind by kind, in the module's order."""
    cases = []
    for kind, name in LISTS.items():
        numbers: dict[str, int] = {}
        for i, entry in enumerate(getattr(module, name)):
            sizes = (3, 4) if kind is Kind.WRONG else (2,)
            if not (
                isinstance(entry, tuple)
                and len(entry) in sizes
                and all(isinstance(field, str) for field in entry)
            ):
                raise CatalogueError(
                    f"tests/exercises/{module.__name__.rpartition('.')[2]}.py: {name}[{i}] "
                    f"should be {_FIELDS[kind]}, all strings, not {entry!r:.80}"
                )
            answer, code, *hint_and_test = entry
            numbers[answer] = numbers.get(answer, 0) + 1
            cases.append(
                Case(
                    assignment=module.ASSIGNMENT,
                    answer=answer,
                    code=textwrap.dedent(code).strip("\n"),
                    kind=kind,
                    hint=hint_and_test[0] if hint_and_test else None,
                    number=numbers[answer],
                    test=hint_and_test[1] if len(hint_and_test) == 2 else "",
                )
            )
    return cases


@functools.cache
def catalogue(kind: Kind | None = None) -> tuple[Case, ...]:
    """Every case of every notebook, in notebook order.

    Args:
        kind: Kind, to keep only the cases of that kind; None for all of them.

    Returns:
        tuple of Case: notebook by notebook, and within one notebook its wrong, then right,
        then visible-only answers, each in the order its module lists them.

    Raises:
        CatalogueError: see :func:`modules`, or a case is not of its list's form.
    """
    cases = [case for module in modules() for case in _cases(module)]
    return tuple(case for case in cases if kind is None or case.kind is kind)
