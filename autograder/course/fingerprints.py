"""Which released notebook a handed-in file is, from evidence that belongs to one notebook alone.

Every notebook of the course shares cells with the others (the introduction, the setup,
the summary carry the same grade ids everywhere), so sharing a cell proves nothing: a
file of notebook 05 shares those with notebook 01. What marks a notebook as itself is:

* the grade ids of its graded cells (answer and test cells: nbgrader's ``solution`` or
  ``grade`` true), which are the exercises of that notebook;
* nbgrader's checksums of those cells, stored in their metadata as released (they tell
  two notebooks apart even if both had an exercise of the same name);
* its title: the level-1 heading that opens its first titled markdown cell ("# 01 · A
  single neuron"), which remains when an editor strips the cells' metadata.

A :class:`Catalogue` holds every released notebook of the course and keeps, of each
one's evidence, only what no other released notebook has; a file is a notebook's when
it carries some of that notebook's own evidence.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from autograder.course.notebook_files import (
    Unreadable,
    cell_nbgrader,
    cell_source,
    parse_notebook,
)

TITLE = re.compile(r"^#\s+(?P<title>\S.*)$")


@dataclass(frozen=True)
class Fingerprint:
    """What a notebook carries that can tell which notebook it is.

    Attributes:
        graded_ids: the grade ids of its answer and test cells.
        checksums: nbgrader's checksums of those cells, as stored in their metadata.
        title: its title, case and spacing normalised ("01 · a single neuron"), or "".
    """

    graded_ids: frozenset[str] = frozenset()
    checksums: frozenset[str] = frozenset()
    title: str = ""

    @classmethod
    def of(cls, notebook: dict) -> Fingerprint:
        """The fingerprint of a parsed notebook (see :func:`parse_notebook`)."""
        graded = [
            meta
            for meta in map(cell_nbgrader, notebook["cells"])
            if meta and (meta.get("solution") is True or meta.get("grade") is True)
        ]
        return cls(
            graded_ids=_strings(meta.get("grade_id") for meta in graded),
            checksums=_strings(meta.get("checksum") for meta in graded),
            title=_title(notebook["cells"]),
        )

    @property
    def evidence(self) -> frozenset[tuple[str, str]]:
        """Each piece of evidence, tagged with its kind so that kinds never collide."""
        return frozenset(
            [("grade id", i) for i in self.graded_ids]
            + [("checksum", c) for c in self.checksums]
            + ([("title", self.title)] if self.title else [])
        )


def fingerprint_of(data: bytes) -> Fingerprint | None:
    """The fingerprint of a notebook file, or None when it is not a readable notebook."""
    try:
        return Fingerprint.of(parse_notebook(data))
    except Unreadable:
        return None


@dataclass(frozen=True, order=True)
class Released:
    """A released notebook: ``<release>/<assignment>/<notebook>.ipynb``."""

    assignment: str
    notebook: str

    def __str__(self) -> str:
        """The assignment, as the instructor names it, and the notebook when it differs."""
        if self.notebook == self.assignment:
            return self.assignment
        return f"{self.assignment}/{self.notebook}.ipynb"


class Catalogue:
    """The released notebooks of a course, each with the evidence only it carries."""

    def __init__(self, notebooks: Mapping[Released, Fingerprint]):
        """
        Args:
            notebooks: every released notebook of the course and its fingerprint; the
                more of the course it holds, the better files of other assignments are
                recognised as such.
        """
        shared = Counter(e for fingerprint in notebooks.values() for e in fingerprint.evidence)
        self._own = {
            released: frozenset(e for e in fingerprint.evidence if shared[e] == 1)
            for released, fingerprint in sorted(notebooks.items())
        }

    @classmethod
    def released(cls, release_dir: Path) -> Catalogue:
        """The catalogue of every notebook released in ``release_dir/<assignment>/``.

        Raises:
            ValueError: a released notebook is not a valid notebook.
        """
        found = {}
        for path in sorted(Path(release_dir).glob("*/*.ipynb")):
            fingerprint = fingerprint_of(path.read_bytes())
            if fingerprint is None:
                raise ValueError(
                    f"{path} is not a valid notebook; release the assignment again "
                    "(`autograder release`) and collect then"
                )
            found[Released(path.parent.name, path.stem)] = fingerprint
        return cls(found)

    def notebooks(self, assignment: str) -> list[str]:
        """The names of an assignment's notebooks, sorted."""
        return [r.notebook for r in self._own if r.assignment == assignment]

    def elsewhere(self, assignment: str) -> list[Released]:
        """The notebooks of the other assignments, sorted."""
        return [r for r in self._own if r.assignment != assignment]

    def owners(self, fingerprint: Fingerprint) -> list[Released]:
        """The released notebooks some of whose own evidence ``fingerprint`` carries, sorted.

        One means the file is that notebook; none, that nothing in it tells; several, that
        it mixes notebooks (cells pasted from one into another).
        """
        evidence = fingerprint.evidence
        return [released for released, own in self._own.items() if own & evidence]


def _strings(values: Iterable[object]) -> frozenset[str]:
    return frozenset(v for v in values if isinstance(v, str) and v)


def _title(cells: list[dict]) -> str:
    """The first markdown cell's title that opens with a level-1 heading, normalised."""
    for cell in cells:
        if cell.get("cell_type") == "markdown":
            first_line = cell_source(cell).strip().split("\n", 1)[0]
            heading = TITLE.match(first_line)
            if heading:
                text = unicodedata.normalize("NFKC", heading["title"]).casefold()
                return " ".join(text.split())
    return ""
