"""What an assignment is, as grading needs it: its notebooks and their nbgrader cells.

Read where stock nbgrader reads it when it grades: the gradebook (filled by ``autograder
release``), with the released notebooks for the cells' order and the text students were
given (:func:`load_spec`). Independent of any student.
"""

from __future__ import annotations

import ast
import hashlib
import json
from dataclasses import dataclass, field

import nbformat

from autograder.course.folders import ClassFolder
from autograder.course.gradebook import SetupError, open_gradebook
from autograder.runner.names import parsed

HIDDEN_TESTS_MARKER = "BEGIN HIDDEN TESTS"  # nbgrader's delimiter, on a comment line


@dataclass(frozen=True)
class CellSpec:
    """One nbgrader cell of an assignment notebook.

    Attributes:
        grade_id: nbgrader's id of the cell.
        cell_type: "code" or "markdown".
        source: what runs when grading (for tests: with the hidden tests).
        released: what students were given (tests without hidden tests, answers as stubs).
        locked, solution, grade: nbgrader's flags (a test cell is locked and graded).
        points: what a graded cell is worth (0 for others).
        checksum: nbgrader's checksum of the released cell (an unchanged answer has it).
        title: for a test, the first line of its docstring ("" when it has none).
    """

    grade_id: str
    cell_type: str
    source: str
    released: str
    locked: bool
    solution: bool
    grade: bool
    points: float
    checksum: str
    title: str = ""

    @property
    def hidden_line(self) -> int | None:
        """The 1-based line where the hidden tests begin, or None."""
        for number, line in enumerate(self.source.splitlines(), start=1):
            if HIDDEN_TESTS_MARKER in line:
                return number
        return None

    def nbgrader_metadata(self) -> dict:
        return {
            "grade": self.grade,
            "grade_id": self.grade_id,
            "locked": self.locked,
            "solution": self.solution,
            "schema_version": 3,
            "task": False,
            "checksum": self.checksum,
            **({"points": self.points} if self.grade else {}),
        }


@dataclass(frozen=True)
class NotebookSpec:
    """One notebook of an assignment.

    Attributes:
        name: the notebook's name without ".ipynb".
        cells: its nbgrader cells, in the order they were released.
        metadata: the released notebook's metadata (kernelspec, language_info).
    """

    name: str
    cells: tuple[CellSpec, ...]
    metadata: dict = field(default_factory=dict, hash=False, compare=False)

    @property
    def tests(self) -> list[CellSpec]:
        return [cell for cell in self.cells if cell.grade]

    @property
    def max_score(self) -> float:
        return sum(cell.points for cell in self.tests)


@dataclass(frozen=True)
class AssignmentSpec:
    """What grading an assignment needs to know, independent of any student.

    Attributes:
        assignment: the nbgrader assignment id.
        notebooks: its notebooks.
        files: other files of the assignment (relative path, content), put next to every
            notebook when it runs (nbgrader copies them over the student's).
    """

    assignment: str
    notebooks: tuple[NotebookSpec, ...]
    files: tuple[tuple[str, bytes], ...] = ()

    @property
    def digest(self) -> str:
        """A hash of everything here: results graded with another spec are out of date."""
        data = [(nb.name, [vars(cell) for cell in nb.cells]) for nb in self.notebooks]
        digest = hashlib.sha256(json.dumps([self.assignment, data], sort_keys=True).encode())
        for name, content in self.files:
            digest.update(name.encode() + b"\0" + hashlib.sha256(content).digest())
        return digest.hexdigest()


def title_of(source: str) -> str:
    """The first line of a code cell's docstring, or "" (also for code that does not parse)."""
    tree = parsed(source)
    docstring = ast.get_docstring(tree) if tree is not None else None
    return docstring.strip().splitlines()[0] if docstring else ""


def load_spec(folder: ClassFolder, assignment: str) -> AssignmentSpec:
    """Read an assignment as nbgrader recorded it when it was released.

    Raises:
        SetupError: the assignment is not in the gradebook, a released notebook is
            missing, or the two disagree (released again without recording it).
    """
    from nbgrader.api import MissingEntry

    with open_gradebook(folder) as gradebook:
        try:
            recorded = gradebook.find_assignment(assignment)
        except MissingEntry:
            raise SetupError(
                f"{assignment!r} is not in the gradebook {folder.db_url}. Release it first "
                f"with `autograder release --root {folder.root}`."
            ) from None
        notebooks = []
        for notebook in sorted(recorded.notebooks, key=lambda n: n.name):
            sources = {cell.name: cell for cell in notebook.source_cells}
            points = {cell.name: float(cell.max_score) for cell in notebook.grade_cells}
            solutions = {cell.name for cell in notebook.solution_cells}
            released = _released_cells(folder, assignment, notebook.name)
            if set(released) != set(sources):
                raise SetupError(
                    f"{folder.release / assignment / notebook.name}.ipynb and the gradebook "
                    "disagree about its cells. Release it again with "
                    f"`autograder release --root {folder.root}`."
                )
            cells = tuple(
                CellSpec(
                    grade_id=name,
                    cell_type=sources[name].cell_type,
                    source=sources[name].source,
                    released=text,
                    locked=bool(sources[name].locked),
                    solution=name in solutions,
                    grade=name in points,
                    points=points.get(name, 0.0),
                    checksum=sources[name].checksum or "",
                    title=title_of(sources[name].source) if name in points else "",
                )
                for name, text in released.items()
            )
            metadata = nbformat.read(
                str(folder.release / assignment / f"{notebook.name}.ipynb"), 4
            ).metadata
            notebooks.append(NotebookSpec(notebook.name, cells, dict(metadata)))
    files = tuple(
        (str(p.relative_to(folder.source / assignment)), p.read_bytes())
        for p in sorted((folder.source / assignment).rglob("*"))
        if p.is_file() and p.suffix != ".ipynb" and ".ipynb_checkpoints" not in p.parts
    )
    return AssignmentSpec(assignment, tuple(notebooks), files)


def _released_cells(folder: ClassFolder, assignment: str, name: str) -> dict[str, str]:
    """grade id -> released text, in the released notebook's order."""
    path = folder.release / assignment / f"{name}.ipynb"
    if not path.is_file():
        raise SetupError(
            f"{path} is missing: grading needs the released notebooks. "
            f"Release it with `autograder release --root {folder.root}`."
        )
    cells = nbformat.read(str(path), as_version=4).cells
    return {
        cell.metadata.nbgrader["grade_id"]: cell.source
        for cell in cells
        if "nbgrader" in cell.metadata
    }
