"""Grades and feedback in the shape each LMS imports.

* ``canvas-grades.csv``, for Canvas's Grades → Import: the identifying columns of its
  gradebook export, ``Student,ID,SIS User ID,SIS Login ID,Section``, one column per
  assignment (named by the assignment id: Canvas matches it to an assignment of that name,
  or offers to create one), and a ``Points Possible`` row under the header. Canvas finds
  each student by ``ID``, the user id that collect keeps.
* ``moodle-grades.csv``, for Moodle's Grades → Import → CSV file: ``Full name``,
  ``Email address``, ``ID number`` and one column per assignment; on import, identify
  users by "Email address" (or "ID number") and map each assignment column to its grade
  item. Only students on an imported Moodle class list have those, so only they are in it.
* ``feedback-<assignment>-canvas.zip`` and ``feedback-<assignment>-moodle.zip``: the
  feedback pages named as the LMS's bulk feedback upload expects. Canvas (Submissions →
  Upload submissions) takes the first two all-digit parts of a name split at "_" as the
  user id and the id of a file on that user's submission, and ignores a file without
  both; so each page is named after the notebook file it grades, as Canvas's download
  named it: ``<login>_[LATE_]<user id>_<file id>_<notebook>.html``. Moodle ("Upload
  multiple feedback files in a zip") takes a folder per participant, as its download
  names them: ``<Full Name>_<participant id>_assignsubmission_file_/<notebook>.html``;
  participant ids are per assignment, hence a zip per assignment.

The score of an assignment is its total over its notebooks, after the late penalty when
one applies (see :mod:`.late`); a student who handed in nothing scores 0.
"""

from __future__ import annotations

import io
import zipfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Mapping, Sequence

from autograder.atomic import write_atomically
from autograder.course.class_record import ClassRecord
from autograder.course.identity import Lms
from autograder.course.roster import CANVAS_COLUMNS, Member
from autograder.outputs.export import Layout, Table
from autograder.outputs.numbers import number

CANVAS_FILE = "canvas-grades.csv"
MOODLE_FILE = "moodle-grades.csv"
MOODLE_COLUMNS = ["Full name", "Email address", "ID number"]

# (student folder, assignment) -> the score to send (after any late penalty)
Scores = Mapping[tuple[str, str], float]


def canvas_table(members: Sequence[Member], scores: Scores, layout: Layout) -> Table:
    """Canvas's gradebook import: a row per Canvas student (on its class list or collected).

    Returns:
        Columns :data:`~autograder.course.roster.CANVAS_COLUMNS` and the assignments; the
        first row is ``Points Possible`` with each assignment's maximum.
    """
    assignments = list(layout)
    points = {"Student": "Points Possible"} | {
        a: number(sum(m for _, m in layout[a])) for a in assignments
    }
    rows = [{c: points.get(c, "") for c in CANVAS_COLUMNS + assignments}]
    seen = set()
    for member in sorted(members, key=lambda m: m.name.casefold()):
        enrolled, owner = member.enrolled, member.owner
        if enrolled and enrolled.lms is Lms.CANVAS:
            ids = [
                enrolled.name,
                enrolled.lms_id,
                enrolled.sis_id,
                enrolled.login,
                enrolled.section,
            ]
        elif owner and owner.lms is Lms.CANVAS:
            ids = [owner.name, owner.lms_id, "", "", ""]
        else:
            continue
        if ids[1] in seen:
            continue
        seen.add(ids[1])
        row = dict(zip(CANVAS_COLUMNS, ids))
        rows.append(row | {a: number(scores.get((member.student, a), 0.0)) for a in assignments})
    return Table(CANVAS_COLUMNS + assignments, rows)


def moodle_table(members: Sequence[Member], scores: Scores, layout: Layout) -> Table:
    """Moodle's grade import: a row per student of an imported Moodle class list.

    A Moodle student may have a folder per assignment (Moodle numbers participants per
    assignment); their row takes each assignment's score from whichever folder has it.
    Moodle's downloads name students only by full name, so two students of one name
    cannot be linked to their folders: their cells are left empty (Moodle's import then
    changes nothing), never 0 nor the other's score; see :func:`unlinked_moodle_students`.
    """
    assignments = list(layout)
    folders: dict = defaultdict(list)
    for member in members:
        if member.enrolled and member.enrolled.lms is Lms.MOODLE:
            folders[member.enrolled].append(member.student)
    unlinked = set(unlinked_moodle_students(members))
    rows = []
    for enrolled, theirs in sorted(folders.items(), key=lambda e: e[0].name.casefold()):
        row = dict(zip(MOODLE_COLUMNS, [enrolled.name, enrolled.email, enrolled.sis_id]))
        for a in assignments:
            best = max((scores.get((s, a), 0.0) for s in theirs), default=0.0)
            row[a] = "" if enrolled in unlinked else number(best)
        rows.append(row)
    return Table(MOODLE_COLUMNS + assignments, rows)


def unlinked_moodle_students(members: Sequence[Member]) -> list:
    """The students of a Moodle class list who share their full name with another on it:
    their folders cannot be told apart, so their grades are not exported (a human enters
    them, from ``grades.csv``)."""
    moodle = [m.enrolled for m in members if m.enrolled and m.enrolled.lms is Lms.MOODLE]
    count = Counter(e.name.casefold() for e in dict.fromkeys(moodle))
    return sorted({e for e in moodle if count[e.name.casefold()] > 1}, key=lambda e: e.sis_id)


def write_feedback_zips(
    record: ClassRecord,
    members: Sequence[Member],
    feedback_dir: Path,
    assignments: Sequence[str],
    out_dir: Path,
) -> tuple[list[Path], list[str]]:
    """Zip each assignment's feedback pages for the LMS's bulk feedback upload (see the
    module's doc); a zip per assignment and LMS that has pages.

    Args:
        record: the class record, for the name each notebook had in the download.
        members: the class.
        feedback_dir: where ``autograder feedback`` wrote the pages,
            ``<student>/<assignment>/<notebook>.html``.
        assignments: the assignments to zip.
        out_dir: where to write the zips.

    Returns:
        The zips written, and the pages left out, each with why (a Canvas page whose
        notebook's downloaded name carries no file id: Canvas would ignore it).
    """
    written, left_out = [], []
    for assignment in assignments:
        entries: dict[Lms, dict[str, bytes]] = defaultdict(dict)
        handed_in = record.submissions.get(assignment, {})
        for member in members:
            owner = member.owner
            folder = feedback_dir / member.student / assignment
            if owner is None or owner.lms is Lms.FOLDER or not folder.is_dir():
                continue
            for page in sorted(folder.glob("*.html")):
                if owner.lms is Lms.CANVAS:
                    handed = handed_in.get(member.student, {}).get(page.stem)
                    prefix = canvas_prefix(handed.source) if handed else None
                    if prefix is None:
                        left_out.append(
                            f"{member.student}/{assignment}/{page.name}: no Canvas file id in "
                            "the name its notebook was downloaded with"
                        )
                        continue
                    name = f"{prefix}_{page.name}"
                else:
                    name = f"{owner.name}_{owner.lms_id}_assignsubmission_file_/{page.name}"
                entries[owner.lms][name] = page.read_bytes()
        for lms, files in sorted(entries.items()):
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
                for name, data in sorted(files.items()):
                    archive.writestr(name, data)
            path = out_dir / f"feedback-{assignment}-{lms}.zip"
            write_atomically(path, buffer.getvalue())
            written.append(path)
    return written, left_out


def canvas_prefix(downloaded: str) -> str | None:
    """The start of a Canvas download's file name up to its file id, which Canvas's
    upload reads back: ``"doeanna_LATE_3101_88812_My Notebook.ipynb"`` →
    ``"doeanna_LATE_3101_88812"``; None without a user id and a file id.

    ``downloaded`` is the name collect recorded: for a notebook inside a student's zip,
    ``"<the zip's name>!<path inside>"``; the zip is then the file Canvas knows.
    """
    outer = downloaded.split("!", 1)[0]
    parts = outer.replace("\\", "/").rsplit("/", 1)[-1].split("_")
    ids = [i for i, part in enumerate(parts) if part.isdigit()][:2]
    return "_".join(parts[: ids[1] + 1]) if len(ids) == 2 else None
