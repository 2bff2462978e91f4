"""Class folders for the grading tests: released assignments and students' submissions.

A submission here is what a student really hands in: the released notebook with answers
written into its answer cells (not the instructor's source, whose test cells carry the
hidden tests).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Callable, Mapping, Sequence

from autograder.course.folders import SOLUTIONS_DIR, ClassFolder
from autograder.course.release import release
from tests.notebooks import SOLUTION_BEGIN, SOLUTION_END, grade_id, read, release_path, source_path


def released_class(root: Path, assignments: Sequence[str]) -> ClassFolder:
    """A class folder with the given assignments released and recorded in its gradebook."""
    for assignment in assignments:
        shutil.copytree(SOLUTIONS_DIR / assignment, root / "solutions" / assignment)
    release(root / "notebooks", source_dir=root / "solutions", course_root=root)
    return ClassFolder.at(root)


def copy_class(template: ClassFolder, root: Path) -> ClassFolder:
    """A fresh copy of a class folder (cheaper than releasing again)."""
    shutil.copytree(template.root, root)
    return ClassFolder.at(root)


def solution_answers(assignment: str) -> dict[str, str]:
    """Answer cell grade_id -> the solution's code as a student would type it (no markers)."""
    return {
        grade_id(cell): "\n".join(
            line
            for line in cell.source.splitlines()
            if line.strip() not in (SOLUTION_BEGIN, SOLUTION_END)
        )
        for cell in read(source_path(assignment)).cells
        if cell.metadata.get("nbgrader", {}).get("solution")
    }


def answered(
    assignment: str,
    replace: Mapping[str, str] | None = None,
    edit: Callable[[list[dict]], None] | None = None,
) -> dict:
    """The released notebook with the solution's answers, some replaced, then edited.

    Args:
        assignment: e.g. "01-single-neuron".
        replace: answer grade_id -> the code to hand in instead of the solution's.
        edit: changes the list of cells (JSON dicts) in place: delete, move, merge...

    Returns:
        The notebook as a JSON-ready dict.
    """
    notebook = json.loads(release_path(assignment).read_text())
    answers = {**solution_answers(assignment), **(replace or {})}
    for cell in notebook["cells"]:
        gid = cell["metadata"].get("nbgrader", {}).get("grade_id")
        if gid in answers and cell["metadata"]["nbgrader"].get("solution"):
            cell["source"] = answers[gid]
    if edit is not None:
        edit(notebook["cells"])
    return notebook


def index_of(cells: list[dict], gid: str) -> int:
    """Where the cell with this grade_id is in a list of cells (JSON dicts)."""
    return next(
        i for i, c in enumerate(cells) if c["metadata"].get("nbgrader", {}).get("grade_id") == gid
    )


def untouched(assignment: str) -> dict:
    """The released notebook exactly as handed out."""
    return json.loads(release_path(assignment).read_text())


def submit(
    folder: ClassFolder,
    student: str,
    assignment: str,
    notebook: dict | bytes | None,
    name: str | None = None,
    extra: Mapping[str, bytes] | None = None,
) -> Path:
    """Put a submission in ``submitted/<student>/<assignment>/``.

    Args:
        notebook: a notebook dict (written as JSON), raw bytes (written as they are), or
            None for no notebook.
        name: the notebook's file name (default: ``<assignment>.ipynb``).
        extra: other files to hand in, by relative path.
    """
    target = folder.submitted / student / assignment
    target.mkdir(parents=True, exist_ok=True)
    if notebook is not None:
        data = notebook if isinstance(notebook, bytes) else json.dumps(notebook, indent=1).encode()
        (target / (name or f"{assignment}.ipynb")).write_bytes(data)
    for relative, content in (extra or {}).items():
        (target / relative).parent.mkdir(parents=True, exist_ok=True)
        (target / relative).write_bytes(content)
    return target
