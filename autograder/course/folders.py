"""Where the course and a class live: the repository's folders, and a class folder.

nbgrader's command-line tools take seconds to start. `make release` and the test suite
call nbgrader's Python API instead, with the same configuration file the command-line
tools read (``autograder/config/nbgrader_config.py``), so both give identical results.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import sys
from pathlib import Path
from typing import Iterator

from traitlets.config import Config, PyFileConfigLoader

REPO_ROOT = Path(__file__).resolve().parents[2]
CONFIG_DIR = REPO_ROOT / "autograder" / "config"  # JUPYTER_CONFIG_PATH points here (Makefile)
CONFIG_FILE = CONFIG_DIR / "nbgrader_config.py"
SOLUTIONS_DIR = REPO_ROOT / "solutions"
NOTEBOOKS_DIR = REPO_ROOT / "notebooks"


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
        A traitlets ``Config`` with the settings of ``autograder/config/nbgrader_config.py``.
    """
    return PyFileConfigLoader(CONFIG_FILE.name, path=str(CONFIG_FILE.parent)).load_config()


@dataclasses.dataclass(frozen=True)
class ClassFolder:
    """A class's folder as nbgrader lays it out, under the course root.

    Attributes:
        root: the course root (where ``gradebook.db`` is).
        source, release, submitted, autograded, feedback: nbgrader's folders, as this
            course configures them (``solutions``, ``notebooks``, ``submitted``, ...).
        db_url: the gradebook's database URL.
    """

    root: Path
    source: Path
    release: Path
    submitted: Path
    autograded: Path
    feedback: Path
    db_url: str

    @classmethod
    def at(cls, root: Path) -> ClassFolder:
        """The class folder whose course root is ``root``, with the course's configuration."""
        from nbgrader.coursedir import CourseDirectory

        coursedir = CourseDirectory(config=course_config(), root=str(Path(root).resolve()))
        folder = Path(coursedir.root)
        return cls(
            root=folder,
            source=folder / coursedir.source_directory,
            release=folder / coursedir.release_directory,
            submitted=folder / coursedir.submitted_directory,
            autograded=folder / coursedir.autograded_directory,
            feedback=folder / coursedir.feedback_directory,
            db_url=coursedir.db_url,
        )


GRADEBOOK_FILE = "gradebook.db"  # where the course's configuration puts nbgrader's db_url


def not_a_class_folder(root: Path, *, to_release: bool = False) -> str | None:
    """Why ``root`` is not a class folder a command can work on (None if it is one).

    A class folder is the course (``solutions/``) released into a gradebook
    (``gradebook.db``); releasing needs only ``solutions/``. Commands check this before
    they touch anything, since nbgrader would make a new, empty gradebook anywhere.
    """
    root = Path(root)
    release = f"`autograder release --root {root}`"
    if not root.is_dir():
        return f"{root} is not a folder; pass the class folder with --root"
    if not (root / "solutions").is_dir():
        return (
            f"{root} is not a class folder (it has no solutions/); run autograder in a copy "
            "of the course, or pass one with --root"
        )
    if not to_release and not (root / GRADEBOOK_FILE).is_file():
        return (
            f"{root} is not a class folder yet (it has no {GRADEBOOK_FILE}); release the "
            f"course into it first with {release}"
        )
    return None
