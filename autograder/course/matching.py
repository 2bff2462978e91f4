"""Which notebook of the assignment each of a student's files is, and which copy to use.

By its exact name; else by its name normalised (case, spaces and underscores, a copy's
"-1" or " (1)"); else by the grade ids its cells carry; else, for an assignment of one
notebook, it is the only ``.ipynb`` the student handed in (unless its cells show it is
another notebook). Of several files for one notebook, the latest is used (highest Canvas
copy number, then newest modification time). A student's other files go next to the
notebooks, keeping their relative paths.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from autograder.course.collect_report import Unused, UnusedKind
from autograder.course.download import DownloadFile
from autograder.course.notebook_files import grade_ids_of, notebook_for


@dataclass
class Plan:
    """A file to place: ``submitted/<student>/<assignment>/<rel>``."""

    file: DownloadFile
    notebook: str | None
    rel: tuple[str, ...]
    note: str


@dataclass
class _Candidate:
    """A file that may be the one to place (a notebook, or an extra file)."""

    file: DownloadFile
    tier: int  # 0: by name, 1: by its cells, 2: the only notebook handed in
    exact: bool
    note: str

    @property
    def copy(self) -> int:
        """Canvas's copy number; an exact name has none, even if the notebook's ends in "-2"."""
        return 0 if self.exact else self.file.canvas_copy

    @property
    def rank(self) -> tuple:
        """Larger is preferred: a stronger match, then the latest copy, then the exact name."""
        return -self.tier, self.copy, self.file.mtime, self.exact, self.file.name


def plan_student(
    student: str,
    files: list[DownloadFile],
    notebooks: list[str],
    grade_ids: dict[str, frozenset[str]] | None,
    unused: list[Unused],
) -> list[Plan]:
    """Which of a student's files go where; the others are reported in ``unused``."""
    ipynbs = [f for f in files if f.rel[-1].lower().endswith(".ipynb")]
    candidates: dict[str, list[_Candidate]] = defaultdict(list)
    why_not: dict[DownloadFile, str] = {}
    for file in ipynbs:
        shown = "/".join(file.rel)
        by_name = notebook_for(file.rel[-1], notebooks)
        if by_name:
            notebook, exact = by_name
            candidates[notebook].append(
                _Candidate(
                    file, 0, exact, "" if exact else f"found as `{shown}`, matched by its name"
                )
            )
            continue
        ids = grade_ids_of(_read_or_empty(file)) if grade_ids else None
        owners = [nb for nb in notebooks if ids and ids & grade_ids[nb]]
        if len(owners) == 1:
            candidates[owners[0]].append(
                _Candidate(file, 1, False, f"found as `{shown}`, matched by its cells")
            )
        elif owners:
            why_not[file] = (
                f"its cells carry grade ids of several notebooks ({', '.join(owners)}); "
                "rename it to the one it is"
            )
        elif ids and all(grade_ids.values()):
            why_not[file] = "its cells are another notebook's (none of this assignment's grade ids)"
        elif len(notebooks) == 1 and len(ipynbs) == 1:
            candidates[notebooks[0]].append(
                _Candidate(file, 2, False, f"found as `{shown}`, the only notebook handed in")
            )
    plans = []
    for notebook in notebooks:
        if candidates[notebook]:
            chosen = _latest(candidates[notebook], f"for {notebook}.ipynb", unused)
            plans.append(
                Plan(
                    chosen.file,
                    notebook,
                    (f"{notebook}.ipynb",),
                    _with_late(chosen.note, chosen.file),
                )
            )
    matched = {
        c.file for cs in candidates.values() for c in cs
    }  # placed, or reported as superseded
    expected = ", ".join(f"{nb}.ipynb" for nb in notebooks)
    for file in ipynbs:
        if file not in matched:
            reason = why_not.get(file, f"not a notebook of this assignment (expected {expected})")
            unused.append(Unused(file.name, reason, UnusedKind.UNMATCHED, student))
    others = [f for f in files if not f.rel[-1].lower().endswith(".ipynb")]
    return plans + _extras(student, others, bool(plans), unused)


def _latest(candidates: list[_Candidate], what: str, unused: list[Unused]) -> _Candidate:
    """The candidate to use (``what``: "for x.ipynb", "as helper.py"); the others are
    reported as superseded."""
    chosen = max(candidates, key=lambda c: c.rank)
    for other in candidates:
        if other is not chosen:
            unused.append(
                Unused(
                    other.file.name,
                    f"superseded: {chosen.file.name} was used {what} "
                    f"({_why_preferred(chosen, other)})",
                    UnusedKind.SUPERSEDED,
                    other.file.student,
                )
            )
    return chosen


def _why_preferred(chosen: _Candidate, other: _Candidate) -> str:
    if chosen.tier != other.tier:
        return "it matches by name" if chosen.tier == 0 else "it matches by its cells"
    if chosen.copy != other.copy:
        return "Canvas numbered it as the later copy"
    if chosen.file.mtime != other.file.mtime:
        return "it is newer"
    return (
        "the same date; its name is the expected one"
        if chosen.exact
        else "the same date; chosen by name"
    )


def _with_late(note: str, file: DownloadFile) -> str:
    return "; ".join(filter(None, [note, "Canvas marked it LATE" if file.late else ""]))


def _extras(
    student: str, others: list[DownloadFile], has_notebook: bool, unused: list[Unused]
) -> list[Plan]:
    """A student's other files, to copy next to the notebooks (nbgrader copies them too)."""
    if not has_notebook:
        for file in others:
            unused.append(
                Unused(
                    file.name,
                    "the student handed in no notebook of this assignment to put it next to",
                    UnusedKind.UNMATCHED,
                    student,
                )
            )
        return []
    by_rel: dict[tuple[str, ...], list[_Candidate]] = defaultdict(list)
    for file in others:
        note = "an extra file, copied next to the notebook"
        if file.canvas_copy:
            note += (
                f" (if the notebook expects it without the -{file.canvas_copy}, "
                "Canvas added that on resubmission)"
            )
        by_rel[file.rel].append(_Candidate(file, 0, False, note))
    plans = []
    for rel, candidates in by_rel.items():
        chosen = _latest(candidates, f"as {'/'.join(rel)}", unused)
        plans.append(Plan(chosen.file, None, rel, _with_late(chosen.note, chosen.file)))
    return plans


def _read_or_empty(file: DownloadFile) -> bytes:
    """A file's content, or b"" when it cannot be read (reported when it is placed)."""
    try:
        return file.read()
    except Exception:  # noqa: BLE001 -- a corrupt or encrypted zip entry: only its content is unknown here
        return b""
