"""Which notebook of the assignment each of a student's files is, and which copy to use.

Its cells decide first, by evidence that belongs to one released notebook alone
(:mod:`.fingerprints`): a file that is another assignment's notebook is reported as such
and not filed, even when it is named like this assignment's. Without such evidence (an
empty, truncated or stripped file), its exact name decides; else its name normalised
(case, spaces and underscores, a copy's "-1" or " (1)"); else, for an assignment of one
notebook, it is the only ``.ipynb`` the student handed in (unless its graded cells are
another notebook's). Of several files for one notebook, the latest is used (highest
Canvas copy number, then newest modification time). A student's other files go next to
the notebooks, keeping their relative paths.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from autograder.course.collect_report import Unused, UnusedKind
from autograder.course.download import DownloadFile
from autograder.course.fingerprints import Catalogue, fingerprint_of
from autograder.course.notebook_files import notebook_for


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
    notebook: str | None  # None: an extra file
    tier: int  # 0: by name (its cells agree, if they tell), 1: by its cells, 2: the only one
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
    assignment: str,
    notebooks: list[str],
    catalogue: Catalogue | None,
    unused: list[Unused],
) -> list[Plan]:
    """Which of a student's files go where; the others are reported in ``unused``.

    Args:
        catalogue: the course's released notebooks, to recognise files by their cells;
            None to go by names only.
    """
    ipynbs = [f for f in files if f.rel[-1].lower().endswith(".ipynb")]
    candidates: dict[str, list[_Candidate]] = defaultdict(list)
    for file in ipynbs:
        found = _identify(file, assignment, notebooks, catalogue, only=len(ipynbs) == 1)
        if isinstance(found, _Candidate):
            candidates[found.notebook].append(found)
        else:
            unused.append(found)
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
    others = [f for f in files if not f.rel[-1].lower().endswith(".ipynb")]
    return plans + _extras(student, others, bool(plans), unused)


def _identify(
    file: DownloadFile,
    assignment: str,
    notebooks: list[str],
    catalogue: Catalogue | None,
    *,
    only: bool,
) -> _Candidate | Unused:
    """Which notebook of the assignment a file is, or why it is none (``only``: it is the
    only notebook the student handed in)."""
    shown = "/".join(file.rel)
    by_name = notebook_for(file.rel[-1], notebooks)
    fingerprint = fingerprint_of(_read_or_empty(file)) if catalogue else None
    owners = catalogue.owners(fingerprint) if fingerprint else []
    ours = [r.notebook for r in owners if r.assignment == assignment and r.notebook in notebooks]
    named = f"found as `{shown}`"

    def unused(reason: str, kind: UnusedKind = UnusedKind.UNMATCHED, other: str | None = None):
        return Unused(file.name, reason, kind, file.student, other)

    if len(owners) > 1:
        mixed = ", ".join(r.notebook if r.assignment == assignment else str(r) for r in owners)
        if by_name and by_name[0] in ours:  # cells pasted from another notebook into this one
            note = f"{named}, matched by its name; its cells mix several notebooks ({mixed})"
            return _Candidate(file, by_name[0], 0, by_name[1], note)
        return unused(
            f"its cells carry graded cells of several notebooks ({mixed}); rename it to the "
            "one it is"
        )
    if owners and not ours:
        return unused(
            f"looks like {owners[0]}, not {assignment}: not filed",
            UnusedKind.OTHER_ASSIGNMENT,
            str(owners[0]),
        )
    if ours and (not by_name or by_name[0] != ours[0]):
        also = f", though named like {by_name[0]}.ipynb" if by_name else ""
        return _Candidate(file, ours[0], 1, False, f"{named}, matched by its cells{also}")
    # Graded cells none of which is this notebook's are evidence against its name: a
    # notebook of an assignment not released here, saved under this one's name.
    foreign = not ours and fingerprint is not None and bool(fingerprint.graded_ids)
    if by_name and not foreign:
        notebook, exact = by_name
        return _Candidate(
            file, notebook, 0, exact, "" if exact else f"{named}, matched by its name"
        )
    others = catalogue.elsewhere(assignment) if catalogue else []
    named_elsewhere = [r for r in others if notebook_for(file.rel[-1], [r.notebook])]
    if named_elsewhere:  # an empty or truncated upload of another assignment's notebook
        return unused(
            f"named like {named_elsewhere[0]}, not {assignment}, and its cells do not tell "
            "otherwise: not filed",
            UnusedKind.OTHER_ASSIGNMENT,
            str(named_elsewhere[0]),
        )
    if foreign:
        return unused(
            ("named like it, but " if by_name else "")
            + "its graded cells are another notebook's (none of them is a graded cell of "
            f"{_expected(notebooks)}): not filed"
        )
    if only and len(notebooks) == 1:
        return _Candidate(file, notebooks[0], 2, False, f"{named}, the only notebook handed in")
    return unused(f"not a notebook of this assignment (expected {_expected(notebooks)})")


def _expected(notebooks: list[str]) -> str:
    return ", ".join(f"{nb}.ipynb" for nb in notebooks)


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
        by_rel[file.rel].append(_Candidate(file, None, 0, False, note))
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
