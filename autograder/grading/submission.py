"""Grading one submission: the assignment and one student's files in, results out.

:func:`grade_submission` is a pure function of its inputs (the assignment's
:class:`~autograder.grading.spec.AssignmentSpec`, the submitted folder, and a
:class:`~autograder.runner.execution.Kernel` to run code with), so any worker anywhere
can run it; writing the results (gradebook, files) is the caller's business. Each
notebook is found among the files, rebuilt (:mod:`.rebuild`), run, and scored
(:mod:`.score`).
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from autograder.course.notebook_files import (
    Unreadable,
    cell_grade_id,
    grade_ids_of,
    notebook_for,
    parse_notebook,
)
from autograder.grading.cell_roles import CellKind, cell_roles
from autograder.grading.rebuild import rebuild
from autograder.grading.results import Problem, ProblemKind, SubmissionResult
from autograder.grading.score import not_graded, score_notebook
from autograder.grading.spec import AssignmentSpec, NotebookSpec
from autograder.grading.timings import Timings
from autograder.runner.execution import CodeCell, Kernel
from autograder.runner.limits import Limits


@dataclass
class GradedSubmission:
    """The outcome of :func:`grade_submission`.

    Attributes:
        result: scores, test messages and problems.
        notebooks: the graded notebooks with their outputs (nbgrader's "autograded"
            notebooks), by name, as the text of their files (made where they were graded:
            the process that records them has the whole class to write); notebooks that
            were missing or unreadable are absent.
        answers_unchanged: per notebook, the answer cells left as released (for
            nbgrader's "No response." comments).
        timings: where grading it spent its time (recording it adds its own).
    """

    result: SubmissionResult
    notebooks: dict[str, str]
    answers_unchanged: dict[str, set[str]]
    timings: Timings = field(default_factory=Timings)


def grade_submission(
    spec: AssignmentSpec,
    student: str,
    submitted: Path,
    kernel: Kernel,
    scratch: Path,
    limits: Limits = Limits(),
) -> GradedSubmission:
    """Grade one student's submission of an assignment.

    Args:
        spec: the assignment.
        student: the student's id.
        submitted: the folder holding the student's files (``submitted/<student>/<assignment>``).
        kernel: what runs the notebooks' code (each notebook in a fresh interpreter).
        scratch: an empty folder to run in; the caller removes it afterwards.
        limits: time, memory, process and output limits per notebook.

    Returns:
        The results and the graded notebooks. Nothing in ``submitted`` is changed.
    """
    timings = Timings()
    with timings.stage("read"):
        files = submitted_files(submitted)
        found, misnamed = _match_notebooks(spec, files, submitted)
        # nbgrader's timestamp.txt (written by collect) says when; it is not the student's file.
        others = [p for p in files if p not in found.values() and p != submitted / "timestamp.txt"]
        result = SubmissionResult(student, spec.assignment, fingerprint(spec, submitted))
    if others:
        names = ", ".join(str(p.relative_to(submitted)) for p in others[:10]) + (
            " ..." if len(others) > 10 else ""
        )
        result.problems.append(
            Problem(
                ProblemKind.EXTRA_FILES,
                f"{len(others)} other file(s) handed in, available to the "
                f"notebooks as in nbgrader: {names}",
            )
        )
    graded = GradedSubmission(result, {}, {}, timings)
    for nb in spec.notebooks:
        path = found.get(nb.name)
        if path is None:
            result.notebooks.append(
                not_graded(nb, Problem(ProblemKind.MISSING, f"{nb.name}.ipynb was not handed in"))
            )
            continue
        try:
            with timings.stage("read"):
                notebook = parse_notebook(path.read_bytes())
        except (Unreadable, OSError) as error:
            message = (
                f"{path.name} could not be read: {error}. "
                "It scores 0 until it is repaired or resubmitted."
            )
            result.notebooks.append(
                not_graded(nb, Problem(ProblemKind.UNREADABLE, message, needs_human=True))
            )
            continue
        with timings.stage("rebuild"):
            rebuilt = rebuild(nb, notebook)
            code = [(i, cell) for i, cell in enumerate(rebuilt.cells) if cell.cell_type == "code"]
            cells = _code_cells(nb, [cell for _, cell in code])
        folder = scratch / nb.name
        with timings.stage("prepare"):
            _prepare_folder(folder, spec, others, submitted)
        execution = kernel.run(cells, folder, limits)
        timings.update(execution.timings)
        for cell, run in zip(cells, execution.cells):
            timings[f"cells: {cell.runs_in}"] += run.seconds
        with timings.stage("score"):
            notebook_result, graded_nb = score_notebook(nb, rebuilt, code, execution, limits)
        found_as = [misnamed[nb.name]] if nb.name in misnamed else []
        notebook_result.problems[:0] = found_as + rebuilt.problems
        result.notebooks.append(notebook_result)
        with timings.stage("write"):
            graded.notebooks[nb.name] = nbformat.writes(graded_nb)
        graded.answers_unchanged[nb.name] = rebuilt.answers_unchanged
    return graded


def fingerprint(spec: AssignmentSpec, submitted: Path) -> str:
    """A hash of the submitted files and the assignment: regrade when either changes."""
    digest = hashlib.sha256(spec.digest.encode())
    for path in submitted_files(submitted):
        digest.update(
            str(path.relative_to(submitted)).encode()
            + b"\0"
            + hashlib.sha256(path.read_bytes()).digest()
        )
    return digest.hexdigest()


def submitted_files(folder: Path) -> list[Path]:
    """The regular files under a submission folder (no links, no Jupyter checkpoints)."""
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and not p.is_symlink() and ".ipynb_checkpoints" not in p.parts
    )


def _match_notebooks(
    spec: AssignmentSpec, files: list[Path], submitted: Path
) -> tuple[dict[str, Path], dict[str, Problem]]:
    """Find each assignment notebook among the submitted files, by name, then by its cells."""
    notebooks = [p for p in files if p.suffix.lower() == ".ipynb" and p.parent == submitted]
    found: dict[str, Path] = {}
    problems: dict[str, Problem] = {}
    for nb in spec.notebooks:
        exact = submitted / f"{nb.name}.ipynb"
        if exact in notebooks:
            found[nb.name] = exact
    for nb in spec.notebooks:
        if nb.name in found:
            continue
        left = [p for p in notebooks if p not in found.values()]
        ids = {cell.grade_id for cell in nb.cells}
        by_name = [p for p in left if notebook_for(p.name, [nb.name])]
        by_cells = [
            p for p in left if len(ids & (grade_ids_of(p.read_bytes()) or set())) * 2 > len(ids)
        ]
        candidates = by_name or by_cells
        if len(candidates) == 1:
            found[nb.name] = candidates[0]
            how = "its name" if by_name else "its cells"
            problems[nb.name] = Problem(
                ProblemKind.MISNAMED, f"handed in as {candidates[0].name!r}; recognised by {how}"
            )
    return found, problems


def _code_cells(nb: NotebookSpec, cells: list[NotebookNode]) -> list[CodeCell]:
    """The cells to run, each marked with the process that runs it (see :mod:`.cell_roles`)."""
    by_id = {cell.grade_id: cell for cell in nb.cells}
    specs = [by_id.get(cell_grade_id(cell)) for cell in cells]
    roles = cell_roles([(CellKind.of(spec), cell.source) for spec, cell in zip(specs, cells)])
    return [
        CodeCell(cell.source, spec.hidden_line if spec else None, role)
        for cell, spec, role in zip(cells, specs, roles)
    ]


def _prepare_folder(
    folder: Path, spec: AssignmentSpec, others: list[Path], submitted: Path
) -> None:
    """The notebook's working folder: the student's other files, then the assignment's over them."""
    folder.mkdir(parents=True)
    for path in others:
        target = folder / path.relative_to(submitted)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    for name, content in spec.files:
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
