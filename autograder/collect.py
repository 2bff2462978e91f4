"""Put a class's downloaded submissions where nbgrader expects them.

Instructors download an assignment's submissions from their LMS as one zip (or the folder
it unpacks to). :func:`collect` reads it, never changing it, works out whose each file is
and which notebook of the assignment it is, and copies it to nbgrader's layout
``submitted/<student>/<assignment>/<notebook>.ipynb``. Every file of the download ends up
in the :class:`CollectReport`, either placed (with a note where something is worth
knowing) or not used (with the reason): nothing is dropped silently.

Layouts recognised, also mixed in one download:

* Canvas ("Download submissions"): flat files ``<login>_<userid>_<submissionid>_<name>``,
  late ones ``<login>_LATE_<userid>_<submissionid>_<name>``. The student id is the login.
* Moodle ("Download all submissions"): a folder per student and submission type,
  ``<Full Name>_<participant id>_assignsubmission_file_/``, or with "download submissions
  in folders" unticked, flat files with that prefix. The student id is the full name in
  ASCII plus the participant id: ``jurgen-muller-1234567`` for Jürgen Müller.
* Student folders: ``<student>/<notebook>.ipynb`` or ``<student>/<assignment>/<notebook>.ipynb``.

A zip a student uploaded is opened (one level deep) and its files count as theirs.
"""

from __future__ import annotations

import contextlib
import datetime
import io
import os
import re
import stat
import unicodedata
import zipfile
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from autograder.notebook_files import grade_ids_of, notebook_for
from autograder.results import write_atomically

# Canvas: "<login>_[LATE_]<userid>_<submissionid>_<name as uploaded>".
CANVAS_FILE = re.compile(r"^(?P<login>[^_]+)_(?:(?P<late>LATE)_)?\d+_\d+_(?P<name>.+)$")
# Moodle: "<Full Name>_<participant id>_assignsubmission_<plugin>_" is a folder; with a file
# name after it, a flat file.
MOODLE_NAME = re.compile(
    r"^(?P<name>.+?)_(?P<participant>\d+)_assignsubmission_(?P<plugin>[a-z]+)_(?P<file>.*)$"
)
# What operating systems and Jupyter leave in folders and zips; never a student's work.
CLUTTER_FOLDERS = frozenset({"__MACOSX", ".ipynb_checkpoints", ".git"})
CLUTTER_FILES = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})
# A copy's mark at the end of a file name: Canvas's "-1" on resubmission, a browser's " (1)".
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
ZIP_UTF8_FLAG = 0x800

# What was done with a placed file.
WRITTEN, UNCHANGED, REPLACED = "written", "unchanged", "replaced"
# Why a file was not used. "ignored" (OS clutter) and "opened" (a student's zip whose files
# are listed one by one) need no attention; the others do.
IGNORED, OPENED = "ignored", "opened"
UNMATCHED, SUPERSEDED, UNSAFE, KEPT, ERROR = "unmatched", "superseded", "unsafe", "kept", "error"


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
        action: "written" (new), "unchanged" (the same content was there already) or
            "replaced" (other content was there, and ``overwrite`` was set).
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
        kind: "unmatched" (whose it is or which notebook it is is unknown), "superseded"
            (another file was used in its place), "unsafe" (its path or link leads out
            of the download), "kept" (the destination holds other content),
            "error" (it could not be read or written), "ignored" (OS clutter) or
            "opened" (a student's zip, whose files are reported one by one).
        student: whose it is, when that is known.
    """

    source: str
    reason: str
    kind: str = UNMATCHED
    student: str | None = None


@dataclass
class CollectReport:
    """What :func:`collect` did with every file of the download.

    Attributes:
        source, assignment, submitted_dir: the arguments of :func:`collect`.
        placed: the files copied, sorted by student and destination.
        unused: the files not copied, with the reason, sorted by name.
        students: sorted ids of the students for whom a notebook of the assignment was
            found (the ones to grade).
        missing: student id -> the notebooks of the assignment not found for them, for
            students who handed in some but not all.
    """

    source: Path
    assignment: str
    submitted_dir: Path
    placed: list[Placed] = field(default_factory=list)
    unused: list[Unused] = field(default_factory=list)
    students: list[str] = field(default_factory=list)
    missing: dict[str, list[str]] = field(default_factory=dict)

    def summary(self) -> str:
        """A short text for the terminal: counts, the files not used and why, then the notes."""
        notebooks = sum(1 for p in self.placed if p.notebook is not None)
        actions = Counter(p.action for p in self.placed)
        attention = [u for u in self.unused if u.kind not in (IGNORED, OPENED)]
        ignored = sum(1 for u in self.unused if u.kind == IGNORED)
        done = ", ".join(f"{actions[a]} {a}" for a in (WRITTEN, UNCHANGED, REPLACED) if actions[a])
        lines = [
            f"Collected {self.assignment} from {self.source} into {self.submitted_dir}:",
            f"  {_count(len(self.students), 'student')}; {_count(notebooks, 'notebook')} and "
            f"{_count(len(self.placed) - notebooks, 'extra file')} placed"
            + (f" ({done})" if done else ""),
        ]
        if not self.students:
            lines.append(
                f"  no notebook of {self.assignment} was found: is this the right download and assignment?"
            )
        if attention:
            lines.append(f"  {_count(len(attention), 'file')} not used (listed below)")
        if ignored:
            lines.append(
                f"  {_count(ignored, 'OS file')} ignored (__MACOSX/, .DS_Store, .ipynb_checkpoints/, ...)"
            )
        if attention:
            lines += ["", "Not used:"] + [f"  {u.source}: {u.reason}" for u in attention]
        notes = [
            f"  {p.student}: {p.destination.relative_to(self.submitted_dir / p.student / self.assignment)}: "
            f"{_placed_note(p)}"
            for p in self.placed
            if p.note or p.action == REPLACED
        ]
        notes += [f"  {u.student}: opened {u.source}" for u in self.unused if u.kind == OPENED]
        notes += [
            f"  {student}: no {', '.join(f'{nb}.ipynb' for nb in names)} found"
            for student, names in sorted(self.missing.items())
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
            [placed.note, "replaced the file that was there" if placed.action == REPLACED else ""],
        )
    )


# --- the entry points -------------------------------------------------------------------


def collect(
    source: Path,
    assignment: str,
    notebooks: Sequence[str],
    submitted_dir: Path,
    *,
    grade_ids: Mapping[str, Collection[str]] | None = None,
    overwrite: bool = False,
) -> CollectReport:
    """Copy each student's files of an assignment from an LMS download into nbgrader's layout.

    Each student's notebook file is matched to a notebook of the assignment: by its exact
    name; else by its name normalised (case, spaces and underscores, a copy's "-1" or
    " (1)"); else, with ``grade_ids``, by the grade ids its cells carry; else, for an
    assignment of one notebook, it is the only ``.ipynb`` the student handed in (unless
    its cells show it is another notebook). Of several files for one notebook, the latest
    is used (highest Canvas copy number, then newest modification time). A student's
    other files are copied next to the notebooks, keeping their relative paths.

    Args:
        source: the download: a ``.zip`` file or a folder (never changed).
        assignment: the nbgrader assignment id, e.g. "01-single-neuron".
        notebooks: the assignment's notebook names without ".ipynb".
        submitted_dir: nbgrader's ``submitted/`` folder; files go to
            ``submitted_dir/<student>/<assignment>/``.
        grade_ids: notebook name -> the nbgrader grade ids of its cells (see
            :func:`assignment_notebooks`), to recognise misnamed notebooks by content.
        overwrite: replace destination files that exist with other content (otherwise
            they are kept, and the new file is reported as not used).

    Returns:
        The report of what was placed where, and of every file not used and why.

    Raises:
        ValueError: the source does not exist or is not a zip that can be opened, it
            overlaps ``submitted_dir``, or an assignment or notebook name is not a safe
            folder or file name.
    """
    source, submitted_dir = Path(source), Path(submitted_dir)
    _check_arguments(source, assignment, notebooks, submitted_dir)
    ids = None if grade_ids is None else {nb: frozenset(grade_ids.get(nb, ())) for nb in notebooks}
    report = CollectReport(source, assignment, submitted_dir)
    plans: list[_Plan] = []
    with contextlib.ExitStack() as stack:
        files = _read_source(source, stack, report.unused)
        for student, theirs in _by_student(files, assignment, report.unused).items():
            found = _plan_student(student, theirs, list(notebooks), ids, report.unused)
            plans += found
            named = {plan.notebook for plan in found}
            if found:
                report.students.append(student)
            if found and not named.issuperset(notebooks):
                report.missing[student] = [nb for nb in notebooks if nb not in named]
        for plan in plans:
            outcome = _place(plan, submitted_dir / plan.file.student / assignment, overwrite)
            (report.placed if isinstance(outcome, Placed) else report.unused).append(outcome)
    report.students.sort()
    report.placed.sort(key=lambda p: (p.student, str(p.destination)))
    report.unused.sort(key=lambda u: u.source)
    return report


def assignment_notebooks(release_dir: Path, assignment: str) -> dict[str, set[str]]:
    """The notebooks of an assignment as released, with the grade ids of their cells.

    Args:
        release_dir: the folder of released assignments (the course's ``notebooks/``).
        assignment: the assignment id; its notebooks are ``release_dir/<assignment>/*.ipynb``.

    Returns:
        Notebook name (without ".ipynb") -> the ``metadata.nbgrader.grade_id`` of its cells,
        ready for ``collect(source, assignment, list(m), submitted_dir, grade_ids=m)``.

    Raises:
        ValueError: the assignment folder holds no notebooks, or one is not valid JSON.
    """
    folder = Path(release_dir) / assignment
    found = {}
    for path in sorted(folder.glob("*.ipynb")):
        ids = grade_ids_of(path.read_bytes())
        if ids is None:
            raise ValueError(
                f"{path} is not a valid notebook; release the assignment again "
                "(`autograder release`) and collect then"
            )
        found[path.stem] = set(ids)
    if not found:
        raise ValueError(
            f"{folder} holds no notebooks; is {assignment!r} the assignment's id, and was it "
            "released (`autograder release`)?"
        )
    return found


def _check_arguments(
    source: Path, assignment: str, notebooks: Sequence[str], submitted_dir: Path
) -> None:
    if not source.exists():
        raise ValueError(
            f"{source} does not exist; give the .zip downloaded from the LMS, "
            "or the folder it was unpacked into"
        )
    for kind, name in [("assignment", assignment), *(("notebook", nb) for nb in notebooks)]:
        if _unsafe_name(name) or name.lower().endswith(".ipynb"):
            raise ValueError(
                f"{kind} name {name!r} must be a plain file name without '.ipynb', "
                "path separators or a leading dot"
            )
    if not notebooks or len(set(notebooks)) < len(notebooks):
        raise ValueError(f"give the assignment's notebooks once each (got {list(notebooks)})")
    src, dst = source.resolve(), submitted_dir.resolve()
    if src == dst or src in dst.parents or dst in src.parents:
        raise ValueError(
            f"the download {source} and the submitted folder {submitted_dir} overlap: collecting "
            "would write into the download, or nbgrader would take the download for a student. "
            "Keep the download elsewhere."
        )


def _unsafe_name(name: str) -> bool:
    """Whether a name cannot be a folder name of its own (a student id, an assignment)."""
    return not name or name.startswith(".") or any(c in name for c in "/\\\0")


# --- reading the download ---------------------------------------------------------------


@dataclass(eq=False)  # files are told apart by identity: two entries of a zip may be alike
class _File:
    """One file of the download, or of a student's zip in it.

    Attributes:
        name: how the report names it.
        parts: its path in the download (or in the student's zip), Unicode NFC.
        mtime: its modification time (seconds since the epoch; 0 when unknown).
        read: returns its content.
        student, container, rel: once known, whose it is, the folder (or zip, or
            Canvas prefix) it came in, and its path within the student's work.
        canvas_copy: Canvas's copy number (the "-N" it appends to a repeated name), or 0.
        late: Canvas marked it LATE.
    """

    name: str
    parts: tuple[str, ...]
    mtime: float
    read: Callable[[], bytes]
    student: str = ""
    container: str = ""
    rel: tuple[str, ...] = ()
    canvas_copy: int = 0
    late: bool = False


def _read_source(source: Path, stack: contextlib.ExitStack, unused: list[Unused]) -> list[_File]:
    """The files of the download; unsafe entries and OS clutter go to ``unused``."""
    if source.is_dir():
        return _folder_files(source, unused)
    try:
        archive = stack.enter_context(zipfile.ZipFile(source))
    except (zipfile.BadZipFile, OSError) as error:
        raise ValueError(
            f"{source} is not a zip file that can be opened ({error}); give the .zip as "
            "downloaded from the LMS, or the folder it was unpacked into"
        ) from None
    return _zip_files(archive, "", unused)


def _zip_files(
    archive: zipfile.ZipFile, prefix: str, unused: list[Unused], student: str | None = None
) -> list[_File]:
    """The files in a zip; unsafe entries and OS clutter go to ``unused``.

    Args:
        prefix: what the report puts before each entry's name ("work.zip!" in a student's zip).
        student: whose the zip is, when known.
    """
    files = []
    for info in archive.infolist():
        name = _zip_name(info)
        parts = tuple(part for part in name.split("/") if part not in ("", "."))
        if info.is_dir() or not parts:
            continue
        shown = prefix + name
        if name.startswith("/") or re.match(r"^[A-Za-z]:", name) or ".." in parts:
            unused.append(
                Unused(
                    shown,
                    "unsafe path in the zip (absolute, or going up with ..); not extracted",
                    UNSAFE,
                    student,
                )
            )
        elif stat.S_ISLNK(info.external_attr >> 16):
            unused.append(
                Unused(
                    shown,
                    "a symbolic link stored in the zip (it could point anywhere); not followed",
                    UNSAFE,
                    student,
                )
            )
        elif _is_clutter(parts):
            unused.append(Unused(shown, "OS or Jupyter clutter", IGNORED, student))
        else:
            files.append(_File(shown, parts, _zip_time(info), lambda info=info: archive.read(info)))
    return files


def _zip_name(info: zipfile.ZipInfo) -> str:
    """An entry's name as the student saw it.

    Without the zip's UTF-8 flag, ``zipfile`` decodes names as cp437 (old DOS), but macOS
    and many Windows tools write UTF-8 without setting the flag; names that are valid UTF-8
    are read as such. Separators are unified ("\\" from Windows tools) and accents composed
    (macOS writes them decomposed), so that names compare equal however they were zipped.
    """
    name = info.filename
    if not info.flag_bits & ZIP_UTF8_FLAG:
        with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
            name = name.encode("cp437").decode("utf-8")
    return unicodedata.normalize("NFC", name.replace("\\", "/"))


def _zip_time(info: zipfile.ZipInfo) -> float:
    try:
        return datetime.datetime(*info.date_time).timestamp()
    except (ValueError, OverflowError):  # zip tools write impossible dates such as month 0
        return 0.0


def _folder_files(root: Path, unused: list[Unused]) -> list[_File]:
    """The files under a folder; links that leave it, other unreadable entries and OS clutter go to ``unused``."""
    root = root.resolve()
    files = []

    def unreadable(error: OSError) -> None:  # os.walk would skip an unreadable folder silently
        unused.append(
            Unused(
                str(Path(error.filename).relative_to(root)),
                f"could not be read ({error.strerror})",
                ERROR,
            )
        )

    for folder, subfolders, names in os.walk(root, onerror=unreadable):
        subfolders.sort()
        here = Path(folder)
        # os.walk lists links to folders with the folders but does not enter them: a link
        # that stays inside is collected where it points; one that leaves is reported.
        for name in subfolders:
            problem = _bad_link(here / name, root)
            if problem:
                unused.append(
                    Unused(str((here / name).relative_to(root)), f"{problem}; not followed", UNSAFE)
                )
        for name in sorted(names):
            path = here / name
            relative = path.relative_to(root)
            parts = tuple(unicodedata.normalize("NFC", part) for part in relative.parts)
            problem = _bad_link(path, root)
            if problem:
                unused.append(Unused(str(relative), f"{problem}; not followed", UNSAFE))
            elif not path.is_file():
                unused.append(
                    Unused(str(relative), "not a regular file (a broken link, a pipe, ...)", ERROR)
                )
            elif _is_clutter(parts):
                unused.append(Unused(str(relative), "OS or Jupyter clutter", IGNORED))
            else:
                files.append(_File(str(relative), parts, path.stat().st_mtime, path.read_bytes))
    return files


def _bad_link(path: Path, root: Path) -> str | None:
    """Why ``path``, a link, must not be followed (it leads outside ``root``, or loops), or None."""
    if not path.is_symlink():
        return None
    try:
        target = path.resolve()
    except (
        OSError,
        RuntimeError,
    ):  # a loop of links: RuntimeError before Python 3.13, OSError after
        return "a loop of links"
    return None if target.is_relative_to(root) else "a link that leads outside the download"


def _is_clutter(parts: tuple[str, ...]) -> bool:
    return (
        any(part in CLUTTER_FOLDERS for part in parts[:-1])
        or parts[-1] in CLUTTER_FILES
        or parts[-1].startswith("._")
    )


# --- whose each file is -------------------------------------------------------------------


def _by_student(
    files: list[_File], assignment: str, unused: list[Unused]
) -> dict[str, list[_File]]:
    """The files of each student, sorted by id, with their paths within the student's work."""
    _unwrap(files, assignment)
    owned = [file for file in files if _owner(file, unused)]
    owned = _within_work(owned, assignment, unused)
    theirs = []
    for file in owned:
        theirs += (
            _open_zip(file, assignment, unused) if file.rel[-1].lower().endswith(".zip") else [file]
        )
    by_student: dict[str, list[_File]] = defaultdict(list)
    for file in theirs:
        by_student[file.student].append(file)
    return dict(sorted(by_student.items()))


def _unwrap(files: list[_File], assignment: str) -> None:
    """Drop folders that only wrap the download, as in ``class/alice/...`` or ``download/<Canvas files>``.

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


def _owner(file: _File, unused: list[Unused]) -> bool:
    """Set whose the file is, from its layout; report it and return False when that cannot be told."""
    top, rest = file.parts[0], file.parts[1:]
    moodle = _moodle(top, folder=bool(rest))
    canvas = None if rest else CANVAS_FILE.match(top)
    if moodle:
        student = f"{_slug(moodle['name'])}-{moodle['participant']}".lstrip("-")
        rel = rest or (moodle["file"],)
        if moodle["plugin"] != "file":
            what = (
                "online text"
                if moodle["plugin"] == "onlinetext"
                else f"a Moodle '{moodle['plugin']}' submission"
            )
            unused.append(Unused(file.name, f"{what}, not an uploaded file", UNMATCHED, student))
            return False
    elif canvas:
        student, rel = canvas["login"], (canvas["name"],)
        copy = re.search(r"-(\d+)$", Path(canvas["name"]).stem)
        file.canvas_copy, file.late = int(copy[1]) if copy else 0, bool(canvas["late"])
    elif rest:
        student, rel = top, rest
    else:
        unused.append(
            Unused(
                file.name,
                "cannot tell whose it is: not in a student's folder, and not named as "
                "Canvas or Moodle name submissions",
                UNMATCHED,
            )
        )
        return False
    if _unsafe_name(student):
        unused.append(
            Unused(
                file.name,
                f"{student!r} cannot be a student id (a folder name without "
                "path separators or a leading dot)",
                UNSAFE,
            )
        )
        return False
    file.student, file.container, file.rel = student, f"{student}:{top if rest else ''}", rel
    return True


def _slug(name: str) -> str:
    """A full name in lower-case ASCII words joined by dashes: "Jürgen Müller" -> "jurgen-muller"."""
    letters = (
        unicodedata.normalize("NFKD", name.translate(ASCII_LETTERS))
        .encode("ascii", "ignore")
        .decode()
    )
    return re.sub(r"[^a-z0-9]+", "-", letters.lower()).strip("-")


def _within_work(files: list[_File], assignment: str, unused: list[Unused]) -> list[_File]:
    """Paths within each student's work, per folder (or zip) they came in.

    A lone folder around everything (``alice/my-work/...``, a zipped folder) is dropped.
    When there is a folder named after the assignment next to other things, only it is
    the assignment's work: the rest belongs to other assignments.
    """
    kept = []
    by_container: dict[str, list[_File]] = defaultdict(list)
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
                            UNMATCHED,
                            file.student,
                        )
                    )
        else:
            kept += group
    return kept


def _open_zip(file: _File, assignment: str, unused: list[Unused]) -> list[_File]:
    """The files in a zip a student uploaded, as theirs; a zip in it is not opened."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(file.read()))
    except Exception as error:  # noqa: BLE001 -- corrupt, truncated or unsupported zips all mean the same here
        unused.append(
            Unused(file.name, f"a zip that cannot be opened ({error})", ERROR, file.student)
        )
        return []
    unused.append(
        Unused(
            file.name,
            "a zip of the student's work: opened, its files are listed one by one",
            OPENED,
            file.student,
        )
    )
    members = []
    for member in _zip_files(archive, f"{file.name}!", unused, file.student):
        if member.parts[-1].lower().endswith(".zip"):
            unused.append(
                Unused(
                    member.name,
                    "a zip inside the student's zip; only one level is opened",
                    UNMATCHED,
                    file.student,
                )
            )
            continue
        member.student, member.container, member.rel, member.late = (
            file.student,
            file.name,
            member.parts,
            file.late,
        )
        members.append(member)
    return _within_work(members, assignment, unused)


# --- which notebook each file is ------------------------------------------------------------


@dataclass
class _Plan:
    """A file to place: ``submitted/<student>/<assignment>/<rel>``."""

    file: _File
    notebook: str | None
    rel: tuple[str, ...]
    note: str


@dataclass
class _Candidate:
    """A file that may be the one to place (a notebook, or an extra file)."""

    file: _File
    tier: int  # 0: by name, 1: by its cells, 2: the only notebook handed in
    exact: bool
    note: str

    @property
    def copy(self) -> int:
        """Canvas's copy number; an exact name has none, even if the notebook's name ends in "-2"."""
        return 0 if self.exact else self.file.canvas_copy

    @property
    def rank(self) -> tuple:
        """Larger is preferred: a stronger match, then the latest copy, then the exact name."""
        return -self.tier, self.copy, self.file.mtime, self.exact, self.file.name


def _plan_student(
    student: str,
    files: list[_File],
    notebooks: list[str],
    grade_ids: dict[str, frozenset[str]] | None,
    unused: list[Unused],
) -> list[_Plan]:
    """Which of a student's files go where; the others are reported in ``unused``."""
    ipynbs = [f for f in files if f.rel[-1].lower().endswith(".ipynb")]
    candidates: dict[str, list[_Candidate]] = defaultdict(list)
    why_not: dict[_File, str] = {}
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
                _Plan(
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
            unused.append(Unused(file.name, reason, UNMATCHED, student))
    others = [f for f in files if not f.rel[-1].lower().endswith(".ipynb")]
    return plans + _extras(student, others, bool(plans), unused)


def _latest(candidates: list[_Candidate], what: str, unused: list[Unused]) -> _Candidate:
    """The candidate to use (``what``: "for x.ipynb", "as helper.py"); the others are reported as superseded."""
    chosen = max(candidates, key=lambda c: c.rank)
    for other in candidates:
        if other is not chosen:
            unused.append(
                Unused(
                    other.file.name,
                    f"superseded: {chosen.file.name} was used {what} "
                    f"({_why_preferred(chosen, other)})",
                    SUPERSEDED,
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


def _with_late(note: str, file: _File) -> str:
    return "; ".join(filter(None, [note, "Canvas marked it LATE" if file.late else ""]))


def _extras(
    student: str, others: list[_File], has_notebook: bool, unused: list[Unused]
) -> list[_Plan]:
    """A student's other files, to copy next to the notebooks (nbgrader copies them too)."""
    if not has_notebook:
        for file in others:
            unused.append(
                Unused(
                    file.name,
                    "the student handed in no notebook of this assignment to put it next to",
                    UNMATCHED,
                    student,
                )
            )
        return []
    by_rel: dict[tuple[str, ...], list[_Candidate]] = defaultdict(list)
    for file in others:
        note = "an extra file, copied next to the notebook"
        if file.canvas_copy:
            note += f" (if the notebook expects it without the -{file.canvas_copy}, Canvas added that on resubmission)"
        by_rel[file.rel].append(_Candidate(file, 0, False, note))
    plans = []
    for rel, candidates in by_rel.items():
        chosen = _latest(candidates, f"as {'/'.join(rel)}", unused)
        plans.append(_Plan(chosen.file, None, rel, _with_late(chosen.note, chosen.file)))
    return plans


def _read_or_empty(file: _File) -> bytes:
    """A file's content, or b"" when it cannot be read (reported when it is placed)."""
    try:
        return file.read()
    except Exception:  # noqa: BLE001 -- a corrupt or encrypted zip entry: only its content is unknown here
        return b""


# --- writing --------------------------------------------------------------------------------


def _place(plan: _Plan, folder: Path, overwrite: bool) -> Placed | Unused:
    """Copy a planned file into the student's folder, keeping an existing different file unless ``overwrite``."""
    file, destination = plan.file, folder.joinpath(*plan.rel)
    try:
        data = file.read()
    except Exception as error:  # noqa: BLE001 -- corrupt, encrypted or vanished entries all mean the same here
        return Unused(
            file.name, f"could not be read from the download ({error})", ERROR, file.student
        )
    action = WRITTEN
    if destination.is_dir():
        return Unused(file.name, f"{destination} is a folder; left as it is", KEPT, file.student)
    if destination.is_file():
        if destination.read_bytes() == data:
            return Placed(file.name, file.student, plan.notebook, destination, UNCHANGED, plan.note)
        if not overwrite:
            return Unused(
                file.name,
                f"{destination} exists with different content; kept; use --force to replace",
                KEPT,
                file.student,
            )
        action = REPLACED
    try:
        write_atomically(destination, data)
    except OSError as error:
        return Unused(
            file.name, f"could not be written to {destination} ({error})", ERROR, file.student
        )
    return Placed(file.name, file.student, plan.notebook, destination, action, plan.note)
