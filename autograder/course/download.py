"""Reading an LMS download, a zip or a folder, without trusting it or changing it.

Every file becomes a :class:`DownloadFile`; what must not be read (entries or links that
lead outside the download) and what is not anyone's work (``__MACOSX/``, ``.DS_Store``,
Jupyter's checkpoints) are reported as not used.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import re
import stat
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from autograder.course.collect_report import Unused, UnusedKind
from autograder.course.identity import Owner

# What operating systems and Jupyter leave in folders and zips; never a student's work.
CLUTTER_FOLDERS = frozenset({"__MACOSX", ".ipynb_checkpoints", ".git"})
CLUTTER_FILES = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})
ZIP_UTF8_FLAG = 0x800


@dataclass(eq=False)  # files are told apart by identity: two entries of a zip may be alike
class DownloadFile:
    """One file of the download, or of a student's zip in it.

    Attributes:
        name: how the report names it.
        parts: its path in the download (or in the student's zip), Unicode NFC.
        mtime: its modification time (seconds since the epoch; 0 when unknown).
        read: returns its content.
        owner, student, container, rel: once known, whose it is, their folder under
            ``submitted/``, the folder (or zip, or Canvas prefix) it came in, and its path
            within the student's work.
        canvas_copy: Canvas's copy number (the "-N" it appends to a repeated name), or 0.
        late: Canvas marked it LATE.
        zip_time: for a file in a student's zip, the zip's modification time (when the
            LMS received it; the file's own time is when the student last saved it).
    """

    name: str
    parts: tuple[str, ...]
    mtime: float
    read: Callable[[], bytes]
    owner: Owner | None = None
    student: str = ""
    container: str = ""
    rel: tuple[str, ...] = ()
    canvas_copy: int = 0
    late: bool = False
    zip_time: float | None = None

    @property
    def upload_time(self) -> float:
        """When the LMS received it (seconds since the epoch; 0 when unknown)."""
        return self.mtime if self.zip_time is None else self.zip_time


def read_download(
    source: Path, stack: contextlib.ExitStack, unused: list[Unused]
) -> list[DownloadFile]:
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
    return zip_files(archive, "", unused)


def zip_files(
    archive: zipfile.ZipFile, prefix: str, unused: list[Unused], student: str | None = None
) -> list[DownloadFile]:
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
                    UnusedKind.UNSAFE,
                    student,
                )
            )
        elif stat.S_ISLNK(info.external_attr >> 16):
            unused.append(
                Unused(
                    shown,
                    "a symbolic link stored in the zip (it could point anywhere); not followed",
                    UnusedKind.UNSAFE,
                    student,
                )
            )
        elif _is_clutter(parts):
            unused.append(Unused(shown, "OS or Jupyter clutter", UnusedKind.IGNORED, student))
        else:
            files.append(
                DownloadFile(shown, parts, _zip_time(info), lambda info=info: archive.read(info))
            )
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


def _folder_files(root: Path, unused: list[Unused]) -> list[DownloadFile]:
    """The files under a folder; links that leave it, other unreadable entries and OS clutter
    go to ``unused``."""
    root = root.resolve()
    files = []

    def unreadable(error: OSError) -> None:  # os.walk would skip an unreadable folder silently
        unused.append(
            Unused(
                str(Path(error.filename).relative_to(root)),
                f"could not be read ({error.strerror})",
                UnusedKind.ERROR,
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
                    Unused(
                        str((here / name).relative_to(root)),
                        f"{problem}; not followed",
                        UnusedKind.UNSAFE,
                    )
                )
        for name in sorted(names):
            path = here / name
            relative = path.relative_to(root)
            parts = tuple(unicodedata.normalize("NFC", part) for part in relative.parts)
            problem = _bad_link(path, root)
            if problem:
                unused.append(Unused(str(relative), f"{problem}; not followed", UnusedKind.UNSAFE))
            elif not path.is_file():
                unused.append(
                    Unused(
                        str(relative),
                        "not a regular file (a broken link, a pipe, ...)",
                        UnusedKind.ERROR,
                    )
                )
            elif _is_clutter(parts):
                unused.append(Unused(str(relative), "OS or Jupyter clutter", UnusedKind.IGNORED))
            else:
                files.append(
                    DownloadFile(str(relative), parts, path.stat().st_mtime, path.read_bytes)
                )
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
