"""Late work, the class list and the files an LMS imports, on a realistic class download.

A Canvas (and a Moodle) download from ``tests/class_download.py`` is collected through the
command line; the class list is imported as the LMS exports it; then the export's tables
are built from results made by hand (no grading): every student on the list has a row,
late work keeps its LMS marker and time, and the Canvas and Moodle files start as their
imports expect.
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from pathlib import Path

import pytest
from nbgrader.utils import parse_utc

from autograder.course.class_record import ClassRecord, Enrolled
from autograder.course.identity import Lms
from autograder.course.roster import class_list, import_roster, read_roster
from autograder.grading.results import NotebookResult, SubmissionResult
from autograder.outputs import export, late, lms
from tests.class_download import canvas_download, class_of, moodle_download
from tests.classes import copy_class
from tests.test_autograder_cli import run
from tests.test_class_download import (  # noqa: F401 -- root and released_course are fixtures
    A,
    collect,
    released_course,
    root,
)

LAYOUT = {A: [(A, 10.0)]}
ABSENT = "Zed, Zoe"  # on the class list, hands in nothing


def canvas_roster(path: Path, students) -> Path:
    """Canvas's gradebook export: identifying columns, a Points Possible row, the test student."""
    lines = [
        "Student,ID,SIS User ID,SIS Login ID,Section,01 A single neuron (77),Current Score",
        "    Points Possible,,,,,10,(read only)",
        '"Student, Test",9999,,,Section A,,',
    ]
    for s in students:
        first, last = s.name.rsplit(" ", 1)
        lines.append(f'"{last}, {first}",{s.canvas_id},S{s.canvas_id},{s.login}@uni,Section A,,')
    lines.append(f'"{ABSENT}",4999,S4999,zedzoe@uni,Section B,,')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def moodle_roster(path: Path, students) -> Path:
    """Moodle's participants table as CSV."""
    lines = ["First name,Last name,ID number,Email address,Roles,Groups"]
    for s in students:
        first, last = s.name.rsplit(" ", 1)
        lines.append(f"{first},{last},N{s.moodle_id},{s.moodle_id}@uni.example,Student,")
    lines.append("Zoe,Zed,N4999,zed@uni.example,Student,")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def results_for(record: ClassRecord) -> list[SubmissionResult]:
    """A made-up result for every folder something was filed in: 7 of 10 points."""
    return [
        SubmissionResult(s, A, "f", [NotebookResult(A, 7.0, 10.0, [], [])])
        for s, notebooks in record.submissions[A].items()
        if notebooks
    ]


def first_lines(table: export.Table, n: int, path: Path) -> list[str]:
    return export.write_csv(table, path).read_text(encoding="utf-8").splitlines()[:n]


def test_a_class_list_is_told_by_its_header(tmp_path):
    students = class_of(3)
    canvas = read_roster(canvas_roster(tmp_path / "canvas.csv", students))
    assert [e.name for e in canvas] == ["Nguyen, Anh", "Nguyen, Anh", "Smith, Jane", ABSENT], (
        "Points Possible and the test student are skipped; two Anh Nguyens stay two"
    )
    assert canvas[0] == Enrolled(
        Lms.CANVAS, "Nguyen, Anh", "3101", "S3101", "nguyenanh@uni", section="Section A"
    )
    moodle = read_roster(moodle_roster(tmp_path / "moodle.csv", students))
    assert moodle[-1] == Enrolled(Lms.MOODLE, "Zoe Zed", sis_id="N4999", email="zed@uni.example")
    (tmp_path / "other.csv").write_text("name,score\nJane,3\n")
    with pytest.raises(ValueError, match="neither a Canvas gradebook export"):
        read_roster(tmp_path / "other.csv")


def test_collect_keeps_the_upload_time_for_nbgrader(root, tmp_path):  # noqa: F811
    expected = canvas_download(tmp_path / "submissions.zip", A, class_of(5))
    code, out, _ = collect(root, tmp_path / "submissions.zip", A)
    assert code == 0, out
    record = ClassRecord.load(root / "students.json")
    folders = {o.lms_id: f for f, o in record.students.items()}
    for lms_id in expected.filed:
        stamp = (root / "submitted" / folders[lms_id] / A / "timestamp.txt").read_text().strip()
        assert stamp.endswith(" UTC") and parse_utc(stamp).tzinfo is None, "nbgrader's format"
        handed = next(iter(record.submissions[A][folders[lms_id]].values()))
        assert parse_utc(stamp) == parse_utc(handed.submitted_at), lms_id


def test_late_work_and_the_class_list_reach_every_export(root, tmp_path):  # noqa: F811
    students = class_of(30)
    expected = canvas_download(tmp_path / "submissions.zip", A, students)
    assert collect(root, tmp_path / "submissions.zip", A)[0] == 0
    code, out, _ = run(
        "roster", str(canvas_roster(tmp_path / "c.csv", students)), "--root", str(root)
    )
    assert code == 0 and "imported 31 student(s) (canvas)" in out, out
    record = ClassRecord.load(root / "students.json")
    members = class_list(record)
    folder_of = {o.lms_id: f for f, o in record.students.items()}
    absent = folder_of["4999"]
    assert absent == "zedzoe-4999", "the folder collect would give them"

    due = late.parse_due([f"{A}=2025-03-02T18:00"])
    lateness = late.lateness(record, due, late.Penalty.parse("10%/day"))
    results = results_for(record)
    table = export.gradebook_table(
        results,
        [m.student for m in members],
        LAYOUT,
        names={m.student: m.name for m in members},
        late=lateness,
        penalties=True,
    )
    rows = {row["student"]: row for row in table.rows}
    assert len(rows) == 31, "everyone on the class list, handed in or not"
    assert rows[absent] | {f"{A}/submitted_at": "?"} == {
        "student": absent,
        "name": ABSENT,
        f"{A}/{A}": "0",
        f"{A}/submitted_at": "?",
        f"{A}/late": "",
        f"{A}/penalty": "0%",
        f"{A}/after_penalty": "0",
        "total": "0",
        "max_total": "10",
        "total_after_penalty": "0",
        "status": "not handed in",
    }
    for lms_id in expected.late:  # 30 hours after their first upload: within a day of 18:00
        row = rows[folder_of[lms_id]]
        assert row[f"{A}/late"] == "LATE" and row[f"{A}/penalty"] == "10%", lms_id
        assert (row[f"{A}/{A}"], row[f"{A}/after_penalty"]) == ("7", "6.3"), "raw kept beside"
        assert record.submissions[A][folder_of[lms_id]][A].late, "the LMS's marker is kept"
    on_time = rows[folder_of[str(students[0].canvas_id)]]
    assert on_time[f"{A}/late"] == "" and on_time[f"{A}/after_penalty"] == "7"
    assert on_time[f"{A}/submitted_at"].startswith("2025-03-02T09:00:00")

    scores = {(r.student, A): r.score * (1 - lateness[(r.student, A)].penalty) for r in results}
    canvas = first_lines(lms.canvas_table(members, scores, LAYOUT), 4, tmp_path / "canvas.csv")
    assert canvas[:2] == [
        f"Student,ID,SIS User ID,SIS Login ID,Section,{A}",
        "Points Possible,,,,,10",
    ]
    assert canvas[2:] == [
        '"Doe, Anna",3125,S3125,doeanna@uni,Section A,7',
        '"Doe, Min",3116,S3116,doemin@uni,Section A,7',
    ], "sorted by name, a row per user id"
    rows = list(csv.DictReader(io.StringIO((tmp_path / "canvas.csv").read_text())))
    assert {r["ID"]: r[A] for r in rows}["3105"] == "6.3", (
        "late: the penalised score goes to Canvas"
    )
    assert {r["ID"]: r[A] for r in rows}["4999"] == "0"
    assert len(rows) == 1 + 31


def test_a_due_date_set_in_the_gradebook_decides_what_is_late(root, tmp_path):  # noqa: F811
    from autograder.course.folders import ClassFolder
    from autograder.course.gradebook import due_dates, open_gradebook

    expected = canvas_download(tmp_path / "submissions.zip", A, class_of(8))
    assert collect(root, tmp_path / "submissions.zip", A)[0] == 0
    folder = ClassFolder.at(root)
    assert due_dates(folder) == {}, "no due date: late is the LMS's marker"
    with open_gradebook(folder) as gradebook:  # as `nbgrader db assignment add --duedate` does
        gradebook.update_or_create_assignment(A, duedate=datetime.datetime(2025, 3, 2, 17, 0))
    assert due_dates(folder) == {A: datetime.datetime(2025, 3, 2, 17, tzinfo=datetime.UTC)}

    record = ClassRecord.load(root / "students.json")
    folder_of = {o.lms_id: f for f, o in record.students.items()}
    lateness = late.lateness(record, due_dates(folder))
    assert {lms_id for lms_id in expected.filed if lateness[(folder_of[lms_id], A)].late} == set(
        expected.late
    ), "uploaded after 17:00 UTC: the ones the LMS marked late"


def test_moodle_grades_go_by_email_for_everyone_on_the_list(root, tmp_path):  # noqa: F811
    students = class_of(12)
    moodle_download(tmp_path / "moodle.zip", A, students)
    assert collect(root, tmp_path / "moodle.zip", A)[0] == 0
    import_roster(moodle_roster(tmp_path / "m.csv", students), root / "students.json")
    record = ClassRecord.load(root / "students.json")
    members = class_list(record)
    scores = {(r.student, A): r.score for r in results_for(record)}
    lines = first_lines(lms.moodle_table(members, scores, LAYOUT), 3, tmp_path / "moodle.csv")
    assert lines == [
        f"Full name,Email address,ID number,{A}",
        "Anh Nguyen,5501@uni.example,N5501,",
        "Anh Nguyen,5502@uni.example,N5502,",
    ], "two students of one name cannot be told apart by name: left empty, never guessed or 0"
    assert [e.sis_id for e in lms.unlinked_moodle_students(members)] == ["N5501", "N5502"]
    rows = {
        r["Full name"]: r
        for r in csv.DictReader(io.StringIO((tmp_path / "moodle.csv").read_text()))
    }
    assert rows["Jane Smith"][A] == "7" and rows["Zoe Zed"][A] == "0"


def _feedback_pages(class_root: Path, record: ClassRecord) -> dict[str, bytes]:
    """A made-up feedback page for each notebook filed; the page's path -> its bytes."""
    pages = {}
    for student, notebooks in record.submissions[A].items():
        for notebook in notebooks:
            page = class_root / "feedback" / student / A / f"{notebook}.html"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_bytes(f"<p>feedback for {student}</p>".encode())
            pages[f"{student}/{notebook}"] = page.read_bytes()
    return pages


def canvas_reads(name: str) -> tuple[str, str] | None:
    """What Canvas's "Upload submissions" reads from a file name: the first two all-digit
    parts, the user id and the id of a file of theirs; None: Canvas ignores the file."""
    ids = [part for part in name.split("_") if part.isdigit()][:2]
    return tuple(ids) if len(ids) == 2 else None


def _zipped(class_root: Path, download: Path, out: Path):
    """Collect ``download``, write a feedback page per notebook filed, zip them for the LMS.

    Returns:
        The class record, the pages written ("student/notebook" -> bytes), the zips and
        the pages left out.
    """
    assert collect(class_root, download, A)[0] == 0
    record = ClassRecord.load(class_root / "students.json")
    pages = _feedback_pages(class_root, record)
    zips, left_out = lms.write_feedback_zips(
        record, class_list(record), class_root / "feedback", [A], out
    )
    return record, pages, zips, left_out


def test_feedback_zips_are_named_as_each_lms_reads_them_back(
    root,  # noqa: F811
    released_course,  # noqa: F811
    tmp_path,
):
    students = class_of(12)
    canvas_download(tmp_path / "canvas.zip", A, students)
    record, pages, zips, left_out = _zipped(root, tmp_path / "canvas.zip", tmp_path)
    assert zips == [tmp_path / f"feedback-{A}-canvas.zip"] and left_out == []
    with zipfile.ZipFile(zips[0]) as archive:
        names = archive.namelist()
        assert len(names) == len(pages)
        for name in names:
            user_id, file_id = canvas_reads(name)
            [student] = [f for f, o in record.students.items() if o.lms_id == user_id]
            handed = record.submissions[A][student][A]
            assert canvas_reads(handed.source) == (user_id, file_id), (
                "the id of the very file this page grades, as Canvas's download named it"
            )
            assert name.endswith(f"_{A}.html") and archive.read(name) == pages[f"{student}/{A}"]

    moodle_root = copy_class(released_course, tmp_path / "moodle-class").root
    moodle_download(tmp_path / "moodle.zip", A, students)
    record, pages, zips, _ = _zipped(moodle_root, tmp_path / "moodle.zip", tmp_path)
    with zipfile.ZipFile(zips[0]) as archive, zipfile.ZipFile(tmp_path / "moodle.zip") as download:
        folders = {n.split("/")[0] for n in download.namelist() if "_assignsubmission_file_" in n}
        names = archive.namelist()
        assert len(names) == len(pages)
        for name in names:
            folder, page = name.split("/")
            assert folder in folders, "the download's own folder names"
            participant = folder.removesuffix("_assignsubmission_file_").rsplit("_", 1)[1]
            [student] = [f for f, o in record.students.items() if o.lms_id == participant]
            assert archive.read(name) == pages[f"{student}/{page.removesuffix('.html')}"]


def test_the_canvas_prefix_is_the_downloads_name_up_to_its_file_id():
    assert lms.canvas_prefix("doeanna_LATE_3101_88812_My Notebook (1).ipynb") == (
        "doeanna_LATE_3101_88812"
    )
    assert lms.canvas_prefix("smithjane_3102_88813_work.zip!nb/x_2_3.ipynb") == (
        "smithjane_3102_88813"
    ), "a notebook in a student's zip: the zip is the file Canvas knows"
    assert lms.canvas_prefix("download/lee_3111_91000_a.ipynb") == "lee_3111_91000"
    assert lms.canvas_prefix("01-single-neuron.ipynb") is None, "a plain folder's file"


def test_late_penalty_rules():
    day = datetime.timedelta(days=1)
    assert late.Penalty.parse("10%/day").fraction(day * 1.5) == pytest.approx(0.2)
    assert late.Penalty.parse("2%/hour").fraction(datetime.timedelta(minutes=61)) == 0.04
    assert late.Penalty.parse("10%").fraction(day * 9) == 0.1
    assert late.Penalty.parse("50%/day").fraction(day * 9) == 1.0
    with pytest.raises(ValueError, match="10%/day"):
        late.Penalty.parse("ten percent")
    with pytest.raises(ValueError, match="ASSIGNMENT=DATE"):
        late.parse_due(["01-single-neuron"])
