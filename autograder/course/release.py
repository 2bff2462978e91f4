"""Releasing the course: ``notebooks/`` generated from ``solutions/`` by nbgrader.

Every assignment is generated into a staging folder first; ``notebooks/`` is replaced
only when all succeed and nothing in it holds a student's work.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

from autograder.course.folders import (
    NOTEBOOKS_DIR,
    REPO_ROOT,
    SOLUTIONS_DIR,
    course_config,
    nbgrader_environment,
)

# Assignment folders are a zero-padded number and a slug: "01-single-neuron".
ASSIGNMENT_NAME = re.compile(r"^\d{2}-[a-z0-9]+(-[a-z0-9]+)*$")


class ReleaseError(RuntimeError):
    """nbgrader could not generate a student notebook; the message carries nbgrader's log."""


def assignment_ids(source_dir: Path = SOLUTIONS_DIR) -> list[str]:
    """The course's assignments, in teaching order.

    Args:
        source_dir: folder holding one ``NN-slug/NN-slug.ipynb`` folder per assignment.

    Returns:
        Sorted folder names such as ``["01-single-neuron", "02-layer-of-neurons"]``.

    Raises:
        ValueError: a folder is misnamed or does not hold its notebook, so nbgrader
            would silently skip it or release it under the wrong name.
    """
    ids = []
    for folder in sorted(
        p for p in source_dir.iterdir() if p.is_dir() and not p.name.startswith(".")
    ):
        if not ASSIGNMENT_NAME.match(folder.name):
            raise ValueError(
                f"{folder}: assignment folders are named NN-slug (two digits, a dash, "
                "lower-case words joined by dashes), e.g. 01-single-neuron"
            )
        if not (folder / f"{folder.name}.ipynb").is_file():
            raise ValueError(f"{folder}: expected the notebook {folder.name}.ipynb inside it")
        ids.append(folder.name)
    return ids


def _check_source(path: Path) -> None:
    """Raise ReleaseError, naming the file, if a source is not a readable, valid notebook."""
    import nbformat

    try:
        nbformat.validate(nbformat.read(str(path), as_version=4))
    except Exception as error:  # noqa: BLE001 -- JSON, schema and encoding errors all mean the same here
        raise ReleaseError(
            f"{path} is not a valid notebook ({type(error).__name__}: {error}). "
            "Repair it, or restore it with `git checkout`, then release again; "
            "nothing was changed."
        ) from error


def _holds_work(notebook: Path) -> bool:
    """Whether a student notebook has answers or outputs in it (nbgrader's checksums tell)."""
    import nbformat
    from nbgrader.utils import compute_checksum, is_solution

    try:
        nb = nbformat.read(str(notebook), as_version=4)
    except Exception:  # noqa: BLE001 -- unreadable: cannot prove it is untouched, so keep it
        return True
    for cell in nb.cells:
        if cell.get("outputs"):
            return True
        checksum = cell.metadata.get("nbgrader", {}).get("checksum")
        if is_solution(cell) and checksum is not None and checksum != compute_checksum(cell):
            return True
    return False


def work_in_release(release_dir: Path, generated_dir: Path) -> list[Path]:
    """Files in ``release_dir`` that hold work a new release would overwrite or delete.

    A file is safe to replace when the new release has it with the same bytes, or when it
    is a notebook without answers or outputs (an older generated version). Anything else
    (an edited notebook, a student's own file, a folder whose source is gone) is work.
    JupyterLab's ``.ipynb_checkpoints`` are not counted.
    """
    if not release_dir.is_dir():
        return []
    found = []
    for path in sorted(
        p for p in release_dir.rglob("*") if p.is_file() and ".ipynb_checkpoints" not in p.parts
    ):
        new = generated_dir / path.relative_to(release_dir)
        if new.is_file() and (
            new.read_bytes() == path.read_bytes()
            or (path.suffix == ".ipynb" and not _holds_work(path))
        ):
            continue
        found.append(path)
    return found


def release(
    release_dir: Path = NOTEBOOKS_DIR,
    *,
    source_dir: Path = SOLUTIONS_DIR,
    course_root: Path = REPO_ROOT,
    record_in_gradebook: bool = True,
    overwrite_work: bool = False,
) -> list[str]:
    """Generate the student notebooks with nbgrader's ``generate_assignment``.

    Every assignment in ``source_dir`` is generated into a staging folder first. Only when
    all succeed, and nothing in ``release_dir`` holds work (see :func:`work_in_release`),
    is ``release_dir`` replaced, so that it mirrors the sources exactly.

    Args:
        release_dir: where the student copies go (``notebooks/`` for the course).
        source_dir: the instructor sources (``solutions/``).
        course_root: nbgrader's course root; its ``gradebook.db`` records the
            assignments when ``record_in_gradebook`` is true (needed before grading).
        record_in_gradebook: false to leave every gradebook untouched (used by tests).
        overwrite_work: replace ``release_dir`` even where it holds work.

    Returns:
        The released assignment ids.

    Raises:
        ValueError: an assignment folder is misnamed or lacks its notebook.
        ReleaseError: a source is not a valid notebook, nbgrader failed on it (the message
            includes nbgrader's log), or ``release_dir`` holds work. ``release_dir`` is
            then unchanged.
    """
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    ids = assignment_ids(source_dir)
    for assignment_id in ids:
        _check_source(source_dir / assignment_id / f"{assignment_id}.ipynb")

    config = course_config()
    if not record_in_gradebook:  # what `nbgrader generate_assignment --no-db` sets
        config.GenerateAssignment.no_database = True
        config.SaveCells.enabled = False
    release_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".release-", dir=release_dir.parent) as staging:
        coursedir = CourseDirectory(
            config=config,
            root=str(course_root),
            source_directory=str(source_dir.resolve()),
            release_directory=staging,
        )
        api = NbGraderAPI(coursedir=coursedir, config=config)
        for assignment_id in ids:
            with nbgrader_environment():
                result = api.generate_assignment(
                    assignment_id, force=True, create=record_in_gradebook
                )
            if not result["success"]:
                raise ReleaseError(
                    f"nbgrader could not release {assignment_id}; {release_dir} is unchanged.\n"
                    f"{result.get('log', '')}\n{result.get('error', '')}"
                )
        work = [] if overwrite_work else work_in_release(release_dir, Path(staging))
        if work:
            listing = "\n".join(f"  {path}" for path in work)
            raise ReleaseError(
                f"{release_dir} holds work that a release would overwrite:\n{listing}\n"
                "Copy it somewhere else first, or release anyway with --force "
                "(make release FORCE=1). Nothing was changed."
            )
        for old in release_dir.iterdir():
            if old.is_dir():
                shutil.rmtree(old)
        for assignment_id in ids:
            shutil.move(str(Path(staging) / assignment_id), release_dir / assignment_id)
    return ids
