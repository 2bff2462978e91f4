"""Notebook files as students hand them in: parsing them leniently, and recognising them.

Shared by ``collect`` (which notebook of the assignment is this file?) and grading
(what is in it?). A handed-in file may be anything: these functions never trust its
structure, and say in words what is wrong with it.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Sequence

# Marks that browsers and LMSs add to a repeated file name: "x (1)", Canvas's "x-1".
COPY_MARK = re.compile(r"(\s*\(\d+\)|-\d+)$")


class Unreadable(ValueError):
    """A file is not a notebook that can be graded; the message says why."""


def parse_notebook(data: bytes) -> dict:
    """Parse a notebook file as plain JSON, in nbformat 4.

    Grading needs only each cell's type, source and metadata, so a notebook that breaks
    the format in other ways (a missing ``outputs`` field, an odd attachment) is still
    accepted. nbformat 3 notebooks are converted.

    Raises:
        Unreadable: the data is empty, not JSON (e.g. truncated), or not a notebook.
    """
    if not data.strip():
        raise Unreadable("the file is empty")
    try:
        notebook = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise Unreadable("the file is not text (UTF-8)") from None
    except json.JSONDecodeError as error:
        # json's messages may end in "at" themselves ("Unterminated string starting at").
        where = "" if error.msg.endswith(" at") else " at"
        raise Unreadable(
            f"the file is not valid JSON ({error.msg}{where} line {error.lineno}, "
            f"column {error.colno}); "
            "it may be truncated or edited outside Jupyter"
        ) from None
    except RecursionError:
        raise Unreadable("the file's JSON is nested too deeply to be a notebook") from None
    if not isinstance(notebook, dict):
        raise Unreadable("the file is JSON but not a notebook")
    version = notebook.get("nbformat")
    if version == 3:
        import nbformat

        try:  # reads() joins the lists of lines nbformat 3 stores before converting (its
            # heading cells, which become markdown, need whole strings)
            notebook = nbformat.reads(json.dumps(notebook), as_version=4)
        except Exception as error:  # noqa: BLE001 -- any failure to convert means the same
            raise Unreadable(
                f"the notebook is in nbformat 3 and could not be converted ({error})"
            ) from None
    elif version != 4:
        raise Unreadable(
            f"the file has nbformat version {version!r}; the course's notebooks are version 4"
        )
    cells = notebook.get("cells")
    if not isinstance(cells, list) or not all(isinstance(c, dict) for c in cells):
        raise Unreadable("the file is a notebook without a readable list of cells")
    return notebook


def cell_source(cell: dict) -> str:
    """A cell's source as one string (notebook files may store it as a list of lines)."""
    source = cell.get("source", "")
    return "".join(map(str, source)) if isinstance(source, list) else str(source)


def cell_metadata(cell: dict) -> dict:
    metadata = cell.get("metadata")
    return metadata if isinstance(metadata, dict) else {}


def cell_nbgrader(cell: dict) -> dict | None:
    """A cell's nbgrader metadata, or None when it has none (or it is not a mapping)."""
    nbgrader = cell_metadata(cell).get("nbgrader")
    return nbgrader if isinstance(nbgrader, dict) else None


def cell_grade_id(cell: dict) -> str | None:
    grade_id = (cell_nbgrader(cell) or {}).get("grade_id")
    return grade_id if isinstance(grade_id, str) else None


def grade_ids_of(data: bytes) -> frozenset[str] | None:
    """The nbgrader grade ids of a notebook file's cells, or None when it is not a notebook."""
    try:
        cells = parse_notebook(data)["cells"]
    except Unreadable:
        return None
    return frozenset(filter(None, map(cell_grade_id, cells)))


def _normalised(name: str) -> str:
    return re.sub(r"[\s_-]+", "-", unicodedata.normalize("NFKC", name).casefold()).strip("-")


def notebook_for(file_name: str, notebooks: Sequence[str]) -> tuple[str, bool] | None:
    """The notebook a file name stands for, and whether it is named exactly, or None.

    The file's stem is tried as it is (case, spaces, underscores and dashes aside), then
    without each copy mark at its end ("x-1 (2)" -> "x-1" -> "x"), so that a notebook
    whose name ends in a number keeps its own files.

    Args:
        file_name: e.g. "My_Notebook (1).ipynb".
        notebooks: the assignment's notebook names, without ".ipynb".
    """
    if not file_name.lower().endswith(".ipynb"):
        return None
    stem = file_name[: -len(".ipynb")]
    if stem in notebooks:
        return stem, True
    wanted = {_normalised(nb): nb for nb in notebooks}
    while True:
        if _normalised(stem) in wanted:
            return wanted[_normalised(stem)], False
        shorter = COPY_MARK.sub("", stem)
        if shorter in (stem, ""):
            return None
        stem = shorter
