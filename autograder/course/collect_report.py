"""What collecting a download did with each of its files: placed where, or not used and why."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from autograder.course.identity import Owner


class Action(StrEnum):
    """What was done with a placed file."""

    WRITTEN = "written"  # new
    UNCHANGED = "unchanged"  # the same content was there already
    REPLACED = "replaced"  # other content was there, and overwriting was asked for


class UnusedKind(StrEnum):
    """Why a file of the download was not used."""

    UNMATCHED = "unmatched"  # whose it is, or which notebook it is, is unknown
    OTHER_ASSIGNMENT = "other-assignment"  # its cells are another assignment's notebook
    SUPERSEDED = "superseded"  # another file was used in its place
    UNSAFE = "unsafe"  # its path or link leads out of the download
    KEPT = "kept"  # the destination holds other content
    ERROR = "error"  # it could not be read or written
    IGNORED = "ignored"  # OS clutter: needs no attention
    OPENED = "opened"  # a student's zip, whose files are reported one by one: needs no attention


@dataclass(frozen=True)
class Placed:
    """A file copied into nbgrader's layout.

    Attributes:
        source: the file's name in the download (``work.zip!nb.ipynb`` for a file in a
            student's zip).
        student: the student id, the folder name under ``submitted/``.
        notebook: the assignment notebook it is (name without ".ipynb"), or None for an
            extra file copied next to the notebooks.
        destination: where it is now.
        action: what was done with it.
        note: what the instructor should know about it, e.g. "found as `My Notebook.ipynb`,
            matched by its cells", or "" when it was found where and as expected.
    """

    source: str
    student: str
    notebook: str | None
    destination: Path
    action: str
    note: str = ""


@dataclass(frozen=True)
class Unused:
    """A file of the download that was not placed.

    Attributes:
        source: the file's name in the download, as in :class:`Placed`.
        reason: why, for the instructor.
        kind: why it was not used.
        student: whose it is (their folder), when that is known.
        looks_like: for :attr:`UnusedKind.OTHER_ASSIGNMENT`, the notebook it looks like
            ("05-layers-and-dense-class").
    """

    source: str
    reason: str
    kind: str = UnusedKind.UNMATCHED
    student: str | None = None
    looks_like: str | None = None


@dataclass
class CollectReport:
    """What :func:`collect` did with every file of the download.

    Attributes:
        source, assignment, submitted_dir: the arguments of :func:`collect`.
        placed: the files copied, sorted by student and destination.
        unused: the files not copied, with the reason, sorted by name.
        students: sorted folders of the students for whom a notebook of the assignment
            was found (the ones to grade).
        missing: student folder -> the notebooks of the assignment not found for them, for
            students who handed in some but not all.
        identities: student folder -> who the student is, for every student whose files
            were in the download.
    """

    source: Path
    assignment: str
    submitted_dir: Path
    placed: list[Placed] = field(default_factory=list)
    unused: list[Unused] = field(default_factory=list)
    students: list[str] = field(default_factory=list)
    missing: dict[str, list[str]] = field(default_factory=dict)
    identities: dict[str, Owner] = field(default_factory=dict)

    def nothing_filed(self) -> str | None:
        """Why no notebook of the assignment is in ``submitted/`` after this collect (one
        line), or None when one is."""
        if any(p.notebook is not None for p in self.placed):
            return None
        kept = sum(1 for u in self.unused if u.kind == UnusedKind.KEPT)
        elsewhere = Counter(
            u.looks_like for u in self.unused if u.kind == UnusedKind.OTHER_ASSIGNMENT
        )
        if kept:
            return (
                f"nothing filed: {_count(kept, 'file')} differed from those already in "
                f"{self.submitted_dir} and were kept (--force replaces them)"
            )
        if elsewhere:
            other, n = elsewhere.most_common(1)[0]
            return (
                f"nothing filed: the download looks like {other}, not {self.assignment} "
                f"({_count(n, 'file')} of it); is this the right download and assignment?"
            )
        return f"nothing filed: no notebook of {self.assignment} found in {self.source}"

    def shared_logins(self) -> dict[str, list[str]]:
        """Login -> the folders of the students who share it (two people, one name)."""
        folders: dict[str, list[str]] = {}
        for folder, owner in sorted(self.identities.items()):
            if owner.login:
                folders.setdefault(owner.login, []).append(folder)
        return {login: found for login, found in folders.items() if len(found) > 1}

    def summary(self) -> str:
        """A short text for the terminal: counts, the files not used and why, then the notes."""
        notebooks = sum(1 for p in self.placed if p.notebook is not None)
        actions = Counter(p.action for p in self.placed)
        attention = [
            u for u in self.unused if u.kind not in (UnusedKind.IGNORED, UnusedKind.OPENED)
        ]
        ignored = sum(1 for u in self.unused if u.kind == UnusedKind.IGNORED)
        done = ", ".join(
            f"{actions[a]} {a}"
            for a in (Action.WRITTEN, Action.UNCHANGED, Action.REPLACED)
            if actions[a]
        )
        lines = [
            f"Collected {self.assignment} from {self.source} into {self.submitted_dir}:",
            f"  {_count(len(self.students), 'student')}; {_count(notebooks, 'notebook')} and "
            f"{_count(len(self.placed) - notebooks, 'extra file')} placed"
            + (f" ({done})" if done else ""),
        ]
        if not self.students:
            lines.append(
                f"  no notebook of {self.assignment} was found: "
                "is this the right download and assignment?"
            )
        if attention:
            lines.append(f"  {_count(len(attention), 'file')} not used (listed below)")
        if ignored:
            clutter = "__MACOSX/, .DS_Store, .ipynb_checkpoints/, ..."
            lines.append(f"  {_count(ignored, 'OS file')} ignored ({clutter})")
        if attention:
            lines += ["", "Not used:"] + [f"  {u.source}: {u.reason}" for u in attention]
        notes = [
            f"  {p.student}: "
            f"{p.destination.relative_to(self.submitted_dir / p.student / self.assignment)}: "
            f"{_placed_note(p)}"
            for p in self.placed
            if p.note or p.action == Action.REPLACED
        ]
        notes += [
            f"  {u.student}: opened {u.source}" for u in self.unused if u.kind == UnusedKind.OPENED
        ]
        notes += [
            f"  {student}: no {', '.join(f'{nb}.ipynb' for nb in names)} found"
            for student, names in sorted(self.missing.items())
        ]
        notes += [
            f"  {', '.join(folders)}: {len(folders)} students named {login!r}, told apart "
            "by their LMS ids and filed apart"
            for login, folders in self.shared_logins().items()
        ]
        if notes:
            lines += ["", "Notes:"] + sorted(notes)
        return "\n".join(lines)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _placed_note(placed: Placed) -> str:
    return "; ".join(
        filter(
            None,
            [
                placed.note,
                "replaced the file that was there" if placed.action == Action.REPLACED else "",
            ],
        )
    )
