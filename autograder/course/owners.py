"""Whose each file of a download is, from the layout the LMS gave it.

Layouts recognised, also mixed in one download:

* Canvas ("Download submissions"): flat files ``<login>_<userid>_<submissionid>_<name>``,
  late ones ``<login>_LATE_<userid>_<submissionid>_<name>``. The student is the user id;
  the login (the name, squashed: two students can share it) is for display.
* Moodle ("Download all submissions"): a folder per student and submission type,
  ``<Full Name>_<participant id>_assignsubmission_file_/``, or with "download submissions
  in folders" unticked, flat files with that prefix. The student is the participant id;
  the full name is for display, and in ASCII (``jurgen-muller`` for Jürgen Müller) their
  login.
* Student folders: ``<student>/<notebook>.ipynb`` or ``<student>/<assignment>/<notebook>.ipynb``.
  The student is the folder's name.

Each file's :class:`~.identity.Owner` is set here; the folder it goes to under
``submitted/`` is chosen for the whole download by :func:`.identity.student_folders`.

A zip a student uploaded is opened (one level deep) and its files count as theirs.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections import defaultdict
from pathlib import Path

from autograder.course.collect_report import Unused, UnusedKind
from autograder.course.download import DownloadFile, zip_files
from autograder.course.identity import Lms, Owner

# Canvas: "<login>_[LATE_]<userid>_<submissionid>_<name as uploaded>".
CANVAS_FILE = re.compile(r"^(?P<login>[^_]+)_(?:(?P<late>LATE)_)?(?P<user>\d+)_\d+_(?P<name>.+)$")
# Moodle: "<Full Name>_<participant id>_assignsubmission_<plugin>_" is a folder; with a file
# name after it, a flat file.
MOODLE_NAME = re.compile(
    r"^(?P<name>.+?)_(?P<participant>\d+)_assignsubmission_(?P<plugin>[a-z]+)_(?P<file>.*)$"
)
# Letters that Unicode decomposition does not reduce to ASCII.
ASCII_LETTERS = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "Æ": "Ae",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "þ": "th",
        "Þ": "Th",
        "œ": "oe",
        "Œ": "Oe",
        "ı": "i",
    }
)


def owned(files: list[DownloadFile], assignment: str, unused: list[Unused]) -> list[DownloadFile]:
    """The files whose owner the layout tells, with it set; the others go to ``unused``."""
    _unwrap(files, assignment)
    return [file for file in files if _owner(file, unused)]


def by_student(
    files: list[DownloadFile], assignment: str, unused: list[Unused]
) -> dict[str, list[DownloadFile]]:
    """The files of each student folder, sorted, with their paths within the student's work.

    Args:
        files: files from :func:`owned`, with their ``student`` folder set.
    """
    theirs = []
    for file in _within_work(files, assignment, unused):
        theirs += (
            _open_zip(file, assignment, unused) if file.rel[-1].lower().endswith(".zip") else [file]
        )
    found: dict[str, list[DownloadFile]] = defaultdict(list)
    for file in theirs:
        found[file.student].append(file)
    return dict(sorted(found.items()))


def _unwrap(files: list[DownloadFile], assignment: str) -> None:
    """Drop folders that only wrap the download: ``class/alice/...``, ``download/<Canvas files>``.

    A lone top folder is a wrapper when it is not a Moodle folder, holds no files but
    LMS-named ones, and holds no folder named after the assignment (``alice/<assignment>/``
    is a student's folder).
    """
    while files and all(len(f.parts) > 1 for f in files) and len({f.parts[0] for f in files}) == 1:
        inside = [f.parts[1:] for f in files]
        if (
            _moodle(files[0].parts[0], folder=True)
            or any(
                len(p) == 1 and not (CANVAS_FILE.match(p[0]) or _moodle(p[0], folder=False))
                for p in inside
            )
            or any(len(p) > 1 and p[0] == assignment for p in inside)
        ):
            return
        for file, parts in zip(files, inside):
            file.parts = parts


def _moodle(name: str, *, folder: bool) -> re.Match | None:
    """Moodle's name of a student's submission folder (``folder``), or of a flat file."""
    match = MOODLE_NAME.match(name)
    return match if match and (match["file"] == "") == folder else None


def _owner(file: DownloadFile, unused: list[Unused]) -> bool:
    """Set whose the file is, from its layout; report it and return False if that is unknown."""
    top, rest = file.parts[0], file.parts[1:]
    moodle = _moodle(top, folder=bool(rest))
    canvas = None if rest else CANVAS_FILE.match(top)
    if moodle:
        owner = Owner(Lms.MOODLE, moodle["participant"], ascii_slug(moodle["name"]), moodle["name"])
        rel = rest or (moodle["file"],)
        if moodle["plugin"] != "file":
            what = (
                "online text"
                if moodle["plugin"] == "onlinetext"
                else f"a Moodle '{moodle['plugin']}' submission"
            )
            unused.append(Unused(file.name, f"{what}, not an uploaded file", UnusedKind.UNMATCHED))
            return False
    elif canvas:
        owner = Owner(Lms.CANVAS, canvas["user"], canvas["login"], canvas["login"])
        rel = (canvas["name"],)
        copy = re.search(r"-(\d+)$", Path(canvas["name"]).stem)
        file.canvas_copy, file.late = int(copy[1]) if copy else 0, bool(canvas["late"])
    elif rest:
        owner, rel = Owner(Lms.FOLDER, top, top, top), rest
    else:
        unused.append(
            Unused(
                file.name,
                "cannot tell whose it is: not in a student's folder, and not named as "
                "Canvas or Moodle name submissions",
                UnusedKind.UNMATCHED,
            )
        )
        return False
    if owner.login and unsafe_name(owner.login):
        unused.append(
            Unused(
                file.name,
                f"{owner.login!r} cannot be a student's folder name (a name without "
                "path separators or a leading dot)",
                UnusedKind.UNSAFE,
            )
        )
        return False
    file.owner, file.container, file.rel = owner, f"{owner.key}:{top if rest else ''}", rel
    return True


def ascii_slug(name: str) -> str:
    """A full name as lower-case ASCII words and dashes: "Jürgen Müller" -> "jurgen-muller"."""
    letters = (
        unicodedata.normalize("NFKD", name.translate(ASCII_LETTERS))
        .encode("ascii", "ignore")
        .decode()
    )
    return re.sub(r"[^a-z0-9]+", "-", letters.lower()).strip("-")


def _within_work(
    files: list[DownloadFile], assignment: str, unused: list[Unused]
) -> list[DownloadFile]:
    """Paths within each student's work, per folder (or zip) they came in.

    A lone folder around everything (``alice/my-work/...``, a zipped folder) is dropped.
    When there is a folder named after the assignment next to other things, only it is
    the assignment's work: the rest belongs to other assignments.
    """
    kept = []
    by_container: dict[str, list[DownloadFile]] = defaultdict(list)
    for file in files:
        by_container[file.container].append(file)
    for group in by_container.values():
        while all(len(f.rel) > 1 for f in group) and len({f.rel[0] for f in group}) == 1:
            for file in group:
                file.rel = file.rel[1:]
        if any(len(f.rel) > 1 and f.rel[0] == assignment for f in group):
            for file in group:
                if len(file.rel) > 1 and file.rel[0] == assignment:
                    file.rel = file.rel[1:]
                    kept.append(file)
                else:
                    unused.append(
                        Unused(
                            file.name,
                            f"outside the student's {assignment}/ folder, so not part "
                            "of this assignment",
                            UnusedKind.UNMATCHED,
                            file.student,
                        )
                    )
        else:
            kept += group
    return kept


def _open_zip(file: DownloadFile, assignment: str, unused: list[Unused]) -> list[DownloadFile]:
    """The files in a zip a student uploaded, as theirs; a zip in it is not opened."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(file.read()))
    except Exception as error:  # noqa: BLE001 -- corrupt, truncated or unsupported zips all mean the same here
        unused.append(
            Unused(
                file.name, f"a zip that cannot be opened ({error})", UnusedKind.ERROR, file.student
            )
        )
        return []
    unused.append(
        Unused(
            file.name,
            "a zip of the student's work: opened, its files are listed one by one",
            UnusedKind.OPENED,
            file.student,
        )
    )
    members = []
    for member in zip_files(archive, f"{file.name}!", unused, file.student):
        if member.parts[-1].lower().endswith(".zip"):
            unused.append(
                Unused(
                    member.name,
                    "a zip inside the student's zip; only one level is opened",
                    UnusedKind.UNMATCHED,
                    file.student,
                )
            )
            continue
        member.owner, member.student, member.container, member.rel = (
            file.owner,
            file.student,
            file.name,
            member.parts,
        )
        member.late, member.zip_time = file.late, file.upload_time
        members.append(member)
    return _within_work(members, assignment, unused)


def unsafe_name(name: str) -> bool:
    """Whether a name cannot be a folder name of its own (a student id, an assignment)."""
    return not name or name.startswith(".") or any(c in name for c in "/\\\0")
