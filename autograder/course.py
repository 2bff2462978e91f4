"""The course as nbgrader sees it, and nbgrader's steps run in-process.

nbgrader's command-line tools take seconds to start. `make release` and the test suite
call nbgrader's Python API instead, with the same configuration file the command-line
tools read (``autograder/nbgrader_config.py``), so both give identical results.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sys
from pathlib import Path
from typing import Iterator

from traitlets.config import Config, PyFileConfigLoader

REPO_ROOT = Path(__file__).resolve().parent.parent
CONFIG_FILE = Path(__file__).with_name("nbgrader_config.py")
SOLUTIONS_DIR = REPO_ROOT / "solutions"
NOTEBOOKS_DIR = REPO_ROOT / "notebooks"

# Assignment folders are a zero-padded number and a slug: "01-single-neuron".
ASSIGNMENT_NAME = re.compile(r"^\d{2}-[a-z0-9]+(-[a-z0-9]+)*$")


class ReleaseError(RuntimeError):
    """nbgrader could not generate a student notebook; the message carries nbgrader's log."""


@contextlib.contextmanager
def nbgrader_environment() -> Iterator[None]:
    """Run nbgrader with this interpreter's scripts on PATH.

    nbgrader starts its database migrations by running ``alembic`` by name, which fails
    when the virtual environment is not activated (e.g. ``.venv/bin/python -m ...``).
    """
    saved = os.environ.get("PATH", "")
    os.environ["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), saved])
    try:
        yield
    finally:
        os.environ["PATH"] = saved


def course_config() -> Config:
    """Load the course's nbgrader configuration.

    Returns:
        A traitlets ``Config`` with the settings of ``autograder/nbgrader_config.py``.
    """
    return PyFileConfigLoader(CONFIG_FILE.name, path=str(CONFIG_FILE.parent)).load_config()


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
    for folder in sorted(p for p in source_dir.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if not ASSIGNMENT_NAME.match(folder.name):
            raise ValueError(
                f"{folder}: assignment folders are named NN-slug (two digits, a dash, "
                "lower-case words joined by dashes), e.g. 01-single-neuron"
            )
        if not (folder / f"{folder.name}.ipynb").is_file():
            raise ValueError(f"{folder}: expected the notebook {folder.name}.ipynb inside it")
        ids.append(folder.name)
    return ids


def release(release_dir: Path = NOTEBOOKS_DIR, *, source_dir: Path = SOLUTIONS_DIR,
            course_root: Path = REPO_ROOT, record_in_gradebook: bool = True) -> list[str]:
    """Generate the student notebooks with nbgrader's ``generate_assignment``.

    Every assignment in ``source_dir`` is generated into ``release_dir``; folders in
    ``release_dir`` with no source are removed, so the release mirrors the sources.

    Args:
        release_dir: where the student copies go (``notebooks/`` for the course).
        source_dir: the instructor sources (``solutions/``).
        course_root: nbgrader's course root; its ``gradebook.db`` records the
            assignments when ``record_in_gradebook`` is true (needed before grading).
        record_in_gradebook: false to leave every gradebook untouched (used by tests).

    Returns:
        The released assignment ids.

    Raises:
        ReleaseError: nbgrader failed on an assignment (the message includes its log).
    """
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    config = course_config()
    if not record_in_gradebook:  # what `nbgrader generate_assignment --no-db` sets
        config.GenerateAssignment.no_database = True
        config.SaveCells.enabled = False
    coursedir = CourseDirectory(config=config, root=str(course_root),
                                source_directory=str(source_dir.resolve()),
                                release_directory=str(release_dir.resolve()))
    api = NbGraderAPI(coursedir=coursedir, config=config)

    ids = assignment_ids(source_dir)
    release_dir.mkdir(parents=True, exist_ok=True)
    for stale in sorted(p for p in release_dir.iterdir() if p.is_dir() and p.name not in ids):
        shutil.rmtree(stale)
    for assignment_id in ids:
        with nbgrader_environment():
            result = api.generate_assignment(assignment_id, force=True, create=record_in_gradebook)
        if not result["success"]:
            raise ReleaseError(
                f"nbgrader could not release {assignment_id}:\n{result.get('log', '')}\n{result.get('error', '')}"
            )
    return ids
