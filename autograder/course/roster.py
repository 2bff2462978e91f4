"""The class list: who is enrolled, handed in or not, and the folder each one's work is in.

``autograder roster FILE`` imports the LMS's class list into the class record
(``students.json``), so that everyone enrolled has a row in every export and report, with
"not handed in" where that is so. Which LMS wrote the file is told by its header:

* **Canvas**: the gradebook export (Grades → Export), whose first columns are
  ``Student,ID,SIS User ID,SIS Login ID,Section`` ("Doe, Jane" and her user id); its
  "Points Possible" row and the "Student, Test" student are skipped.
* **Moodle**: the participants table downloaded as CSV, or the grader report's plain
  text export: columns ``First name``, ``Last name`` and ``Email address`` (``ID number``
  and ``Username`` where the table shows them).

A Canvas student is the same person as the download's because both carry the user id:
their folder is the one collect gave (or will give) that id. Moodle's downloads number
participants per assignment, so a Moodle student is linked to the download's folders by
their full name, and only where no one else on the list has that name.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from autograder.course.class_record import ClassRecord, Enrolled
from autograder.course.identity import IdFrom, Lms, Owner, student_folders
from autograder.course.owners import ascii_slug

CANVAS_COLUMNS = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
MOODLE_COLUMNS = ["First name", "Last name", "Email address"]
_NOT_STUDENTS = {"points possible", "student, test", "test student"}


@dataclass(frozen=True)
class Member:
    """One row of the class: a folder under ``submitted/``, and who it is.

    Attributes:
        student: the folder (for someone on the class list who has handed in nothing
            yet, the folder collect will give them; Moodle: their name and ID number).
        enrolled: their entry on the class list, or None when they are not on it.
        owner: who the download says the folder is, or None for a folder not collected.
    """

    student: str
    enrolled: Enrolled | None
    owner: Owner | None

    @property
    def name(self) -> str:
        """The name to show: the class list's, else the download's, else the folder."""
        if self.enrolled:
            return self.enrolled.name
        return self.owner.name if self.owner else self.student


def read_roster(path: Path) -> list[Enrolled]:
    """The students of a Canvas gradebook export or Moodle participants CSV.

    Raises:
        ValueError: the file cannot be read, or its header is neither LMS's (the message
            names the columns looked for).
    """
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ValueError(f"cannot read the class list {path}: {error}") from None
    reader = csv.DictReader(io.StringIO(text))
    reader.fieldnames = [h.strip() for h in reader.fieldnames or []]
    rows, header = list(reader), reader.fieldnames
    if all(c in header for c in CANVAS_COLUMNS[:2]):
        found = [_canvas(row) for row in rows]
    elif all(c in header for c in MOODLE_COLUMNS[:2]):
        found = [_moodle(row) for row in rows]
    else:
        raise ValueError(
            f"{path} is neither a Canvas gradebook export (columns {', '.join(CANVAS_COLUMNS)}) "
            f"nor a Moodle participants CSV (columns {', '.join(MOODLE_COLUMNS)})"
        )
    students = [e for e in found if e and e.name.strip().lower() not in _NOT_STUDENTS]
    if not students:
        raise ValueError(f"{path} lists no students")
    return students


def import_roster(path: Path, record_path: Path) -> list[Enrolled]:
    """Replace the class list in the class record with the one in ``path``.

    Canvas students get their folder now (the one collect gives their user id), so that
    it stays theirs whoever hands in first.

    Returns:
        The students imported.
    """
    students = read_roster(path)
    record = ClassRecord.load(record_path)
    record.roster = students
    id_from = record.id_from or IdFrom.LOGIN_AND_ID
    owners = [_canvas_owner(e) for e in students if e.lms is Lms.CANVAS and e.lms_id]
    for owner, folder in student_folders(owners, id_from, record.students).items():
        record.students.setdefault(folder, owner)
    record.id_from = id_from
    record.save(record_path)
    return students


def class_list(record: ClassRecord, folders: list[str] = ()) -> list[Member]:
    """Everyone of the class: the recorded folders, ``folders`` (e.g. the gradebook's), and
    everyone on the class list, linked to their folders (see the module's doc).

    Returns:
        One :class:`Member` per folder, sorted; a student on the list with no folder gets
        one named for them.
    """
    by_key = {owner.key: folder for folder, owner in record.students.items()}
    names = [_plain(e.name) for e in record.roster if e.lms is Lms.MOODLE]
    linked: dict[str, Enrolled] = {}
    for enrolled in record.roster:
        if enrolled.lms is Lms.CANVAS:
            key = _canvas_owner(enrolled).key
            targets = [by_key[key]] if key in by_key else []
        elif names.count(_plain(enrolled.name)) == 1:
            targets = [
                folder
                for folder, owner in record.students.items()
                if owner.lms is Lms.MOODLE and _plain(owner.name) == _plain(enrolled.name)
            ]
        else:
            targets = []
        for folder in targets or [_unlinked(enrolled)]:
            linked.setdefault(folder, enrolled)
    everyone = set(record.students) | set(folders) | set(linked)
    return [
        Member(folder, linked.get(folder), record.students.get(folder))
        for folder in sorted(everyone)
    ]


def _canvas(row: dict[str, str]) -> Enrolled | None:
    name, user_id = (row.get("Student") or "").strip(), (row.get("ID") or "").strip()
    if not name or not user_id.isdigit():
        return None
    return Enrolled(
        Lms.CANVAS,
        name,
        lms_id=user_id,
        sis_id=(row.get("SIS User ID") or "").strip(),
        login=(row.get("SIS Login ID") or "").strip(),
        section=(row.get("Section") or "").strip(),
    )


def _moodle(row: dict[str, str]) -> Enrolled | None:
    name = " ".join(filter(None, [(row.get(c) or "").strip() for c in MOODLE_COLUMNS[:2]]))
    if not name:
        return None
    return Enrolled(
        Lms.MOODLE,
        name,
        sis_id=(row.get("ID number") or "").strip(),
        login=(row.get("Username") or "").strip(),
        email=(row.get("Email address") or "").strip(),
        section=(row.get("Groups") or "").strip(),
    )


def _canvas_owner(enrolled: Enrolled) -> Owner:
    """The identity collect gives this student's files: Canvas names files by the sortable
    name squashed ("Doe, Jane" -> "doejane") and the user id."""
    login = "".join(c for c in enrolled.name.lower() if c.isalnum())
    return Owner(Lms.CANVAS, enrolled.lms_id, login, login)


def _unlinked(enrolled: Enrolled) -> str:
    """A row name for a Moodle student with no folder: name and ID number (or email)."""
    tag = enrolled.sis_id or enrolled.email.partition("@")[0]
    return "-".join(filter(None, [ascii_slug(enrolled.name), tag]))


def _plain(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())
