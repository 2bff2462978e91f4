"""Who a student is, and the folder under ``submitted/`` that holds their work.

A student is identified by the id their LMS gives them, never by their name: two Canvas
students named Anh Nguyen both have the login ``nguyenanh`` but different user ids, and
their work must never be merged. The name and login are kept for display.

The folder name (what the instructor sees in ``submitted/`` and in the exports) is made
from that identity as :class:`IdFrom` says, and a folder never holds two people's work:

* ``login-and-id`` (the default): ``<login>-<id>``, e.g. ``nguyenanh-3101``. Readable, and
  a pure function of the identity: the same folder in every assignment, whoever else is
  in the download, with nothing to remember.
* ``lms-id``: the id alone, e.g. ``3101``: what an LMS's grade import matches on, and no
  names in the class folder.
* ``login``: the login alone, e.g. ``nguyenanh``, unless that folder is someone else's
  (another student of this download wants it, the class record gives it to someone
  else, or it exists unrecorded in ``submitted/``): then ``<login>-<id>``. Which student
  keeps the plain login depends on who came first, so this relies on the class record.

Whatever the scheme, a student already in the class record keeps their folder. Files in
a folder of student folders (no LMS) are identified by that folder's name.

Moodle numbers participants per assignment (its ``assign_user_mapping``), so a Moodle
student's id, and with it their folder, differs between assignments; only Canvas's user
id is the same in every assignment.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum


class Lms(StrEnum):
    """Where an identity comes from."""

    CANVAS = "canvas"  # the user id in "<login>_[LATE_]<userid>_<submissionid>_<file>"
    MOODLE = "moodle"  # the participant id in "<Full Name>_<id>_assignsubmission_file_"
    FOLDER = "folder"  # a folder of student folders: the folder's name


class IdFrom(StrEnum):
    """What a student's folder under ``submitted/`` is named after (see the module's doc)."""

    LOGIN_AND_ID = "login-and-id"
    LMS_ID = "lms-id"
    LOGIN = "login"


@dataclass(frozen=True, order=True)
class Owner:
    """A student as the download identifies them.

    Attributes:
        lms: where the identity comes from.
        lms_id: the LMS's id (Canvas user id, Moodle participant id), or the folder name.
        login: a short name for folders: Canvas's login, Moodle's full name as lower-case
            ASCII words and dashes (may be "" for a name without Latin letters), or the
            folder name.
        name: the name as the LMS shows it (Moodle's full name; Canvas's download carries
            only the login).
    """

    lms: Lms
    lms_id: str
    login: str
    name: str

    @property
    def key(self) -> str:
        """The identity, unique across LMSs: ``canvas:3101``."""
        return f"{self.lms}:{self.lms_id}"


def student_folders(
    owners: Iterable[Owner],
    id_from: IdFrom,
    recorded: Mapping[str, Owner],
    existing: Collection[str] = (),
) -> dict[Owner, str]:
    """The folder of each student under ``submitted/``; two students never share one.

    Args:
        owners: the students of a download.
        id_from: what new students' folders are named after.
        recorded: folder -> student, from the class record: these keep their folders.
        existing: folders already in ``submitted/``; one not in ``recorded`` belongs to
            someone unknown, so no LMS student is given it.

    Returns:
        Student -> folder name; a student missing from it could be given no folder of
        their own (only possible with contrived ids; the caller reports their files).
    """
    known = {owner.key: folder for folder, owner in recorded.items()}
    folders = {o: known[o.key] for o in owners if o.key in known}
    new = sorted(o for o in set(owners) if o not in folders)
    unknown = {f for f in existing if f not in recorded}
    wanted = {o: _choices(o, id_from) for o in new}
    demand = Counter(choices[0] for choices in wanted.values())
    # First choices first, so that a fallback name never takes a student's first choice;
    # a first choice two new students want goes to neither.
    for owner, choices in wanted.items():
        first = choices[0]
        if demand[first] == 1 and first not in recorded:
            if first not in unknown or _names_only_them(owner, id_from):
                folders[owner] = first
    taken = set(recorded) | unknown | set(folders.values())
    for owner, choices in wanted.items():
        if owner not in folders:
            free = [c for c in choices[1:] if c not in taken]
            if free:
                folders[owner] = free[0]
                taken.add(free[0])
    return folders


def _names_only_them(owner: Owner, id_from: IdFrom) -> bool:
    """Whether the folder ``id_from`` names for a student can be no one else's: it carries
    their id, or it is the folder they came in. A plain login may be another's."""
    return owner.lms is Lms.FOLDER or id_from is not IdFrom.LOGIN or not owner.login


def _choices(owner: Owner, id_from: IdFrom) -> list[str]:
    """Folder names for a student, the first the one ``id_from`` asks for."""
    both = "-".join(filter(None, [owner.login, owner.lms_id]))
    if owner.lms is Lms.FOLDER:
        first = owner.login
    elif id_from is IdFrom.LMS_ID:
        first = owner.lms_id
    elif id_from is IdFrom.LOGIN:
        first = owner.login or both
    else:
        first = both
    return list(
        dict.fromkeys([first, both, f"{owner.login or owner.lms}-{owner.lms}-{owner.lms_id}"])
    )
