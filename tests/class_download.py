"""A realistic class download, generated from the course's real student notebooks.

What an instructor gets from "Download submissions" in Canvas (a zip per assignment,
``<login>_[LATE_]<userid>_<submissionid>_<file>``) or "Download all submissions" in Moodle
(``<Full Name>_<participant id>_assignsubmission_file_/<file>``), with what a class of
thirty really hands in: full solutions (the released notebook answered with the code in
``solutions/``) and unfinished ones, resubmissions, late files, renamed files, a zip with
a zip inside, empty and truncated files, a notebook of another assignment (named as it
is, or named as this one), metadata stripped by another editor, a stray Python file, OS
clutter, and two students with one name.

Each builder writes the download and returns what collecting it must do
(:class:`Expected`): for each student, by LMS id, the notebook that must be filed; the
students the LMS marked late; and the files that must not be filed, with words their
reason must contain.
"""

from __future__ import annotations

import datetime
import functools
import io
import json
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from tests.classes import answered, untouched

OTHER = "05-layers-and-dense-class"  # what students hand in by mistake
FIRST = ["Jane", "John", "Anna", "Min", "Tran", "Sofia", "Lukas", "Chloé", "Omar", "Priya"]
LAST = ["Smith", "Doe", "Lee", "Park", "Müller", "García", "Okafor", "Kowalski", "Rossi"]
START = datetime.datetime(2025, 3, 2, 9, 0)  # the first upload; the deadline is later that day


@dataclass(frozen=True)
class Student:
    """A student as the LMS knows them: a full name, and an id for each LMS."""

    name: str
    canvas_id: int
    moodle_id: int

    @property
    def login(self) -> str:
        """Canvas's login in file names: the sortable name ("Doe, John") squashed."""
        first, last = self.name.rsplit(" ", 1)
        return "".join(c for c in f"{last}{first}".lower() if c.isalnum())


def class_of(size: int = 30) -> list[Student]:
    """A class whose first two students are both named Anh Nguyen (distinct ids)."""
    names = ["Anh Nguyen", "Anh Nguyen"] + [
        f"{FIRST[i % len(FIRST)]} {LAST[(i * 7) % len(LAST)]}" for i in range(size - 2)
    ]
    return [Student(name, 3101 + i, 5501 + i) for i, name in enumerate(names)]


@dataclass
class Expected:
    """What collecting a download must do.

    Attributes:
        filed: LMS id -> the notebook file that must end up in that student's folder.
        late: LMS ids of the students whose filed notebook the LMS marked late.
        not_filed: file name in the download -> words the reason it was not used must contain.
    """

    filed: dict[str, bytes] = field(default_factory=dict)
    late: set[str] = field(default_factory=set)
    not_filed: dict[str, str] = field(default_factory=dict)


def work(assignment: str, student: Student, *, solved: bool = True, lms_id: int) -> bytes:
    """A student's notebook: answered with the solutions (or left as handed out), signed
    in its first answer cell so that every student's file differs."""
    notebook = json.loads(_released(assignment, solved))
    first_answer = next(c for c in notebook["cells"] if _nbgrader(c).get("solution"))
    first_answer["source"] = f"# {student.name} ({lms_id})\n" + _text(first_answer["source"])
    return _dump(notebook)


def stripped(data: bytes) -> bytes:
    """A notebook whose cells lost their nbgrader metadata (copied into another editor)."""
    notebook = json.loads(data)
    for cell in notebook["cells"]:
        cell["metadata"].pop("nbgrader", None)
    return _dump(notebook)


def canvas_download(path: Path, assignment: str, students: list[Student] | None = None) -> Expected:
    """Canvas's zip of an assignment's submissions; every student in ``students`` hands
    in something, each in the way their position in the list says."""
    expected, entries = Expected(), _Entries()
    for i, student in enumerate(students or class_of()):
        uid, key = student.canvas_id, str(student.canvas_id)

        def name(file: str, attempt: int = 0, late: bool = False) -> str:
            return canvas_name(student, i, file, attempt, late)  # noqa: B023 -- used at once

        full = work(assignment, student, lms_id=uid)
        nb = f"{assignment}.ipynb"
        case = i % 16
        if case == 2:  # resubmitted: Canvas numbers the second file "-1"
            entries.add(name(nb), work(assignment, student, solved=False, lms_id=uid), i)
            entries.add(name(f"{assignment}-1.ipynb", 1), full, i, hours=3)
            expected.not_filed[name(nb)] = "superseded"
        elif case == 3:  # late
            entries.add(name(nb, late=True), full, i, hours=30)
            expected.late.add(key)
        elif case == 4:  # on time, then again late: the late one counts
            entries.add(name(nb), work(assignment, student, solved=False, lms_id=uid), i)
            entries.add(name(f"{assignment}-1.ipynb", 1, late=True), full, i, hours=30)
            expected.not_filed[name(nb)] = "superseded"
            expected.late.add(key)
        elif case == 5:  # renamed
            entries.add(name("My Notebook.ipynb"), full, i)
        elif case == 6:  # metadata stripped, renamed, next to an empty scratch notebook
            full = stripped(full)
            entries.add(name("Untitled.ipynb"), full, i)
            scratch = _dump({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5})
            entries.add(name("scratch.ipynb", 1), scratch, i)
            expected.not_filed[name("scratch.ipynb", 1)] = "not a notebook of this assignment"
        elif case == 7:  # a zip with the notebook, a helper and an old zip inside
            inner = {
                f"submission/{nb}": full,
                "submission/helper.py": b"SCALE = 2\n",
                "submission/old.zip": zip_bytes({nb: b"{}"}),
            }
            entries.add(name("submission.zip"), zip_bytes(inner), i)
            expected.not_filed[f"{name('submission.zip')}!submission/old.zip"] = "only one level"
        elif case == 8:  # empty: filed by its name, for grading to report
            full = b""
            entries.add(name(nb), full, i)
        elif case == 9:  # truncated upload
            full = full[:3000]
            entries.add(name(nb), full, i)
        elif case == 10 and assignment != OTHER:  # another assignment's notebook, as it is
            wrong = work(OTHER, student, lms_id=uid)
            entries.add(name(f"{OTHER}.ipynb"), wrong, i)
            expected.not_filed[name(f"{OTHER}.ipynb")] = f"looks like {OTHER}, not {assignment}"
            continue
        elif case == 11 and assignment != OTHER:  # another assignment's, named as this one
            entries.add(name(nb), work(OTHER, student, lms_id=uid), i)
            expected.not_filed[name(nb)] = f"looks like {OTHER}, not {assignment}"
            continue
        elif case == 12:  # a Python file instead of the notebook
            entries.add(name("answers.py"), b"def neuron_output():\n    pass\n", i)
            expected.not_filed[name("answers.py")] = "no notebook"
            continue
        elif case == 13:  # several resubmissions
            for attempt in range(3):
                suffix = f"-{attempt}" if attempt else ""
                data = full if attempt == 2 else work(assignment, student, solved=False, lms_id=uid)
                entries.add(name(f"{assignment}{suffix}.ipynb", attempt), data, i, hours=attempt)
                if attempt < 2:
                    expected.not_filed[name(f"{assignment}{suffix}.ipynb", attempt)] = "superseded"
        else:  # as expected; the last two of every sixteen unfinished
            if case >= 14:
                full = work(assignment, student, solved=False, lms_id=uid)
            entries.add(name(nb), full, i)
        expected.filed[key] = full
    clutter = f"__MACOSX/._{next(iter(entries.names))}"  # what macOS adds when re-zipping
    entries.add(clutter, b"\0\5\26\7", 0)
    expected.not_filed[clutter] = "clutter"
    path.write_bytes(entries.zip())
    return expected


def canvas_name(student: Student, i: int, file: str, attempt: int = 0, late: bool = False) -> str:
    """Canvas's name for a student's file: a submission id per student and attempt."""
    marker = "LATE_" if late else ""
    return f"{student.login}_{marker}{student.canvas_id}_{90000 + 100 * i + attempt}_{file}"


def moodle_download(path: Path, assignment: str, students: list[Student] | None = None) -> Expected:
    """Moodle's zip of an assignment's submissions, a folder per student and plugin."""
    expected, entries = Expected(), _Entries()
    for i, student in enumerate((students or class_of())[:12]):
        pid, key = student.moodle_id, str(student.moodle_id)
        folder = f"{student.name}_{pid}_assignsubmission_file_"
        full = work(assignment, student, lms_id=pid)
        case = i % 6
        if case == 2:  # online text beside the file
            text = f"{student.name}_{pid}_assignsubmission_onlinetext_/onlinetext.html"
            entries.add(text, b"<p>see my notebook</p>", i)
            expected.not_filed[text] = "online text"
        if case == 3:  # renamed, by the browser's copy mark
            entries.add(f"{folder}/{assignment} (1).ipynb", full, i)
        elif case == 4:  # a zipped folder
            entries.add(f"{folder}/work.zip", zip_bytes({f"work/{assignment}.ipynb": full}), i)
        elif case == 5 and assignment != OTHER:
            wrong = work(OTHER, student, lms_id=pid)
            entries.add(f"{folder}/{OTHER}.ipynb", wrong, i)
            expected.not_filed[f"{folder}/{OTHER}.ipynb"] = f"looks like {OTHER}"
            continue
        else:
            entries.add(f"{folder}/{assignment}.ipynb", full, i)
        expected.filed[key] = full
    path.write_bytes(entries.zip())
    return expected


@functools.cache
def _released(assignment: str, solved: bool) -> str:
    """The released notebook, answered or not, as JSON (built once: it takes a while)."""
    return json.dumps(answered(assignment) if solved else untouched(assignment))


class _Entries:
    """A zip's entries in the order written, each with the time the LMS gives it."""

    def __init__(self):
        self.names: dict[str, tuple[bytes, datetime.datetime]] = {}

    def add(self, name: str, data: bytes, student: int, hours: float = 0) -> None:
        when = START + datetime.timedelta(minutes=7 * student, hours=hours)
        self.names[unicodedata.normalize("NFC", name)] = (data, when)

    def zip(self) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, (data, when) in self.names.items():
                archive.writestr(zipfile.ZipInfo(name, when.timetuple()[:6]), data)
        return buffer.getvalue()


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    """A zip holding ``entries`` (name -> content), as a student's tool writes one."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _nbgrader(cell: dict) -> dict:
    return cell["metadata"].get("nbgrader", {})


def _text(source: str | list[str]) -> str:
    return "".join(source) if isinstance(source, list) else source


def _dump(notebook: dict) -> bytes:
    return (json.dumps(notebook, indent=1, ensure_ascii=False) + "\n").encode()
