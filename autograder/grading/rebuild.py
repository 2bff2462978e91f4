"""A submitted notebook rebuilt on the assignment's skeleton: only its answers are trusted.

Every locked cell (explanations, tests, with their hidden tests) comes from the
assignment, and only the student's answers and added cells come from the file. Whatever
was done to the structure (cells deleted, duplicated, split, merged, moved, edited, their
metadata changed) is repaired the same way every time, and reported (the README's table
"What grading does"); honest notebooks come out exactly as stock ``nbgrader autograde``
runs them.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from dataclasses import dataclass

import nbformat
from nbformat import NotebookNode
from nbformat.v4.nbbase import random_cell_id

from autograder.course.notebook_files import (
    cell_grade_id,
    cell_metadata,
    cell_nbgrader,
    cell_source,
)
from autograder.grading.results import Problem, ProblemKind
from autograder.grading.spec import CellSpec, NotebookSpec
from autograder.runner.names import parsed


@dataclass
class Rebuilt:
    """A submitted notebook rebuilt on the assignment's skeleton.

    Attributes:
        cells: the cells to run, in order: the assignment's cells (answers from the
            submission) and the student's own added cells.
        problems: what had to be repaired.
        answers_unchanged: grade ids of answer cells left exactly as released.
    """

    cells: list[NotebookNode]
    problems: list[Problem]
    answers_unchanged: set[str]


def rebuild(spec: NotebookSpec, submitted: dict) -> Rebuilt:
    """Put a submitted notebook back on the assignment's skeleton (see the module docstring).

    Rules:
        * Cells are recognised by their nbgrader grade id, or, for a locked cell whose
          metadata is gone, by their released text.
        * Locked cells (explanations, tests) always come from the assignment; if the
          student's copies, joined, contain the released text plus code of their own
          (cells merged), that code is kept as a cell of its own.
        * An answer is the student's cell(s) with that grade id, in their order (a split
          or duplicated answer runs as it did in the student's notebook); a missing answer
          is an empty cell (never the released stub, which would undo an answer the
          student wrote elsewhere).
        * Cells the student added stay after the assignment cell they followed.
        * The assignment's order, metadata, points and cell types are restored.
    """
    known = {cell.grade_id: cell for cell in spec.cells}
    locked_texts = {_normal(cell.released): cell.grade_id for cell in spec.cells if cell.locked}
    claims: dict[str, list[dict]] = defaultdict(list)
    added_after: dict[str | None, list[dict]] = defaultdict(list)
    order: list[str] = []
    anchor: str | None = None
    for cell in submitted["cells"]:
        grade_id = cell_grade_id(cell)
        if grade_id not in known:
            grade_id = locked_texts.get(_normal(cell_source(cell)))
        if grade_id is None or cell.get("cell_type") not in ("code", "markdown", "raw"):
            added_after[anchor].append(cell)
            continue
        claims[grade_id].append(cell)
        if grade_id not in order:
            order.append(grade_id)
        anchor = grade_id

    notes: list[str] = []
    human: list[Problem] = []  # what needs a look
    answers_unchanged: set[str] = set()
    _adopt_unmarked_answers(spec, claims, added_after, notes)
    cells = [_added(cell) for cell in added_after[None]]
    for spec_cell in spec.cells:
        copies = claims.get(spec_cell.grade_id, [])
        if spec_cell.locked:
            built, before, after = _locked(spec_cell, copies, notes, human)
        else:
            built, before, after = _answer(spec_cell, copies, notes, human), [], []
            if copies and all(_same(cell_source(c), spec_cell.released) for c in copies):
                answers_unchanged.add(spec_cell.grade_id)
        cells += [
            *before,
            *built,
            *after,
            *(_added(cell) for cell in added_after[spec_cell.grade_id]),
        ]
    if order != [c.grade_id for c in spec.cells if c.grade_id in order]:
        notes.append("cells were moved: they ran in the assignment's order")

    notes = _summarised(notes)
    restored = [Problem(ProblemKind.CELLS_RESTORED, "; ".join(notes) + ".")] if notes else []
    return Rebuilt(cells, restored + human, answers_unchanged)


# A note that says no more than that a cell lost its metadata and got it back.
_LOST = re.compile(
    r"^(?:answer|locked|test) cell (\S+): its nbgrader metadata was removed or renamed; restored$"
)
_ADOPTED = re.compile(r"^answer cell (\S+) had lost its metadata; recognised by its place")
SUMMARY_FROM = 3  # cells that lost their metadata before the notes about them are summed up


def _summarised(notes: list[str]) -> list[str]:
    """``notes``, with those about cells that merely lost their metadata summed up in one
    when there are many (a notebook saved by another editor loses it from every cell: a
    note per cell would bury anything else)."""
    lost = [m[1] for m in map(_LOST.match, notes) if m]
    if len(lost) < SUMMARY_FROM:
        return notes
    adopted = [m[1] for m in map(_ADOPTED.match, notes) if m]
    summary = (
        f"{len(lost)} cells had lost their nbgrader metadata (saved by another editor?); "
        "each was recognised and restored: locked and test cells by their text"
        + (
            f", answer cells by their place and the names they define ({', '.join(adopted)})"
            if adopted
            else ""
        )
    )
    kept = [n for n in notes if not (_LOST.match(n) or _ADOPTED.match(n))]
    return [summary, *kept]


def _adopt_unmarked_answers(
    spec: NotebookSpec,
    claims: dict[str, list[dict]],
    added_after: dict[str | None, list[dict]],
    notes: list[str],
) -> None:
    """Give each answer whose cell lost its metadata the student's cell that shows it is it.

    The evidence: a code cell without nbgrader metadata, in the answer's place (right after
    the assignment cell the answer follows), that defines every name the released answer
    cell defines (``def neuron_output``). That cell then runs as the answer, and the
    feedback says so, rather than "missing" over an answer that ran.
    """
    previous: str | None = None
    for spec_cell in spec.cells:
        names = _defined_names(spec_cell.released)
        if not spec_cell.locked and names and not claims.get(spec_cell.grade_id):
            candidates = added_after.get(previous, [])
            for cell in candidates:
                if cell.get("cell_type") == "code" and names <= _defined_names(cell_source(cell)):
                    candidates.remove(cell)
                    claims[spec_cell.grade_id] = [cell]
                    notes.append(
                        f"answer cell {spec_cell.grade_id} had lost its metadata; recognised by "
                        f"its place and what it defines ({', '.join(sorted(names))})"
                    )
                    break
        previous = spec_cell.grade_id


def _defined_names(source: str) -> set[str]:
    """The functions and classes a cell defines at its top level (none if it does not parse)."""
    tree = parsed(source)
    return {
        node.name
        for node in (tree.body if tree is not None else [])
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
    }


def _new_cell(spec_cell: CellSpec, source: str) -> NotebookNode:
    """A cell of the assignment with ``source``, as nbformat's ``new_code_cell`` or
    ``new_markdown_cell`` makes it, without their schema check (a millisecond per cell,
    most of rebuilding): all but the source (a string) is the assignment's, and the graded
    notebook is checked whole when it is written."""
    metadata = {"nbgrader": spec_cell.nbgrader_metadata()}
    if spec_cell.locked:
        metadata.update(deletable=False, editable=False)
    cell = NotebookNode(id=random_cell_id(), metadata=metadata, source=source)
    if spec_cell.cell_type == "code":
        cell.update(cell_type="code", execution_count=None, outputs=[])
    else:
        cell.update(cell_type="markdown")
    return cell


def _added(cell: dict) -> NotebookNode:
    """A cell the student added, without nbgrader metadata (which could claim points)."""
    metadata = {k: v for k, v in cell_metadata(cell).items() if k != "nbgrader"}
    source = cell_source(cell)
    if cell.get("cell_type") == "code":
        return nbformat.v4.new_code_cell(source, metadata=metadata)
    if cell.get("cell_type") == "raw":
        return nbformat.v4.new_raw_cell(source, metadata=metadata)
    return nbformat.v4.new_markdown_cell(source, metadata=metadata)


def _metadata_changes(spec_cell: CellSpec, copies: list[dict]) -> list[str]:
    changes = []
    for cell in copies:
        nbgrader = cell_nbgrader(cell)
        if nbgrader is None or cell_grade_id(cell) != spec_cell.grade_id:
            changes.append("its nbgrader metadata was removed or renamed")
            continue
        if cell.get("cell_type") != spec_cell.cell_type:
            changes.append(f"it was turned into a {cell.get('cell_type')} cell")
        if spec_cell.grade and nbgrader.get("points") != spec_cell.points:
            changes.append(f"its points were changed to {nbgrader.get('points')!r}")
        for flag in ("locked", "solution", "grade"):
            if bool(nbgrader.get(flag)) != getattr(spec_cell, flag):
                changes.append(f"its '{flag}' flag was changed")
    return list(dict.fromkeys(changes))


def _locked(
    spec_cell: CellSpec, copies: list[dict], notes: list[str], human: list[Problem]
) -> tuple[list[NotebookNode], list[NotebookNode], list[NotebookNode]]:
    """The assignment's locked cell, and any student code that was merged into its copies."""
    what = f"{'test' if spec_cell.grade else 'locked'} cell {spec_cell.grade_id}"
    built = [_new_cell(spec_cell, spec_cell.source)]
    changes = _metadata_changes(spec_cell, copies)
    if changes:
        notes.append(f"{what}: {', '.join(changes)}; restored")
    if not copies:
        notes.append(f"{what} was deleted; restored")
        return built, [], []
    joined = _normal("\n".join(cell_source(c) for c in copies))
    released = _normal(spec_cell.released)
    if joined == _normal(spec_cell.source):  # the instructor's own copy, hidden tests and all
        return built, [], []
    if joined == released:
        if len(copies) > 1:
            notes.append(f"{what} was split into {len(copies)} cells; joined again")
        return built, [], []
    if any(_same(cell_source(c), released) for c in copies):
        notes.append(f"{what} was duplicated; one copy kept")
        return built, [], []
    if released and released in joined:
        head, tail = (part.strip() for part in joined.split(released, 1))
        notes.append(f"{what} was merged with other code; that code was kept as a cell of its own")
        extra = [
            nbformat.v4.new_code_cell(part)
            if spec_cell.cell_type == "code"
            else nbformat.v4.new_markdown_cell(part)
            for part in (head, tail)
        ]
        return built, [extra[0]] if head else [], [extra[1]] if tail else []
    if spec_cell.grade:
        message = f"{what} was edited; the original test ran instead"
        human.append(Problem(ProblemKind.TEST_EDITED, message, needs_human=True))
    else:
        notes.append(f"{what} was edited; the original was restored")
    return built, [], []


def _answer(
    spec_cell: CellSpec, copies: list[dict], notes: list[str], human: list[Problem]
) -> list[NotebookNode]:
    """The student's answer cell(s) for one answer of the assignment."""
    what = f"answer cell {spec_cell.grade_id}"
    if not copies:
        message = (
            f"{what} is missing (deleted, or its metadata removed); an empty cell ran in its place"
        )
        human.append(Problem(ProblemKind.ANSWER_MISSING, message, needs_human=True))
        return [_new_cell(spec_cell, "")]
    changes = _metadata_changes(spec_cell, copies)
    if changes:
        notes.append(f"{what}: {', '.join(changes)}; restored")
    if len(copies) > 1:
        notes.append(f"{what} appears in {len(copies)} cells; all ran, in the student's order")
    first, *rest = copies
    return [_new_cell(spec_cell, cell_source(first)), *(_added(cell) for cell in rest)]


def _normal(text: str) -> str:
    """Code with blank lines and trailing spaces dropped: how cells are compared."""
    return "\n".join(line.rstrip() for line in text.splitlines() if line.strip())


def _same(a: str, b: str) -> bool:
    """Whether two cells' code is the same, blank lines and trailing spaces aside."""
    return _normal(a) == _normal(b)
