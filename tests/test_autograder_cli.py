"""The instructor's round on a real class folder, through the command line.

A Canvas download of notebook 01 is collected, graded, and turned into feedback pages,
CSV exports and a report; then a grader is killed (SIGKILL) halfway through a class and
run again. Every command also has its own --help.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import zipfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from autograder.__main__ import COMMANDS, main
from autograder.grading.results import RESULT_FILE, ProblemKind, load_results
from tests.classes import answered, copy_class, released_class, submit, untouched
from tests.notebooks import is_test, read, source_path, total_points

pytestmark = pytest.mark.slow

ASSIGNMENT = "01-single-neuron"
FULL = total_points(ASSIGNMENT)
TEST_CELLS = sum(map(is_test, read(source_path(ASSIGNMENT)).cells))


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return released_class(
        tmp_path_factory.mktemp("cli") / "template", [ASSIGNMENT, "05-layers-and-dense-class"]
    )


def test_every_command_explains_itself():
    for command in COMMANDS:
        with pytest.raises(SystemExit) as done, redirect_stdout(io.StringIO()) as out:
            main([command, "--help"])
        assert done.value.code == 0 and len(out.getvalue()) > 200, command


def test_collect_grade_feedback_export_report_on_a_canvas_download(template, tmp_path):
    folder = copy_class(template, tmp_path / "class")
    download = tmp_path / "submissions.zip"
    solved = json.dumps(answered(ASSIGNMENT)).encode()
    with zipfile.ZipFile(download, "w") as archive:
        archive.writestr(f"alice_1001_2001_{ASSIGNMENT}.ipynb", solved)
        archive.writestr(f"bob_1002_2002_{ASSIGNMENT}.ipynb", json.dumps(untouched(ASSIGNMENT)))
        archive.writestr(
            "chloé_LATE_1003_2003_My Notebook.ipynb", solved
        )  # misnamed, non-ASCII, late
        archive.writestr(f"dan_1004_2004_{ASSIGNMENT}.ipynb", solved[:2000])  # truncated upload
        archive.writestr("README.txt", b"not a submission")
    before = download.read_bytes()

    code, out, _ = run("collect", str(download), ASSIGNMENT, "--root", str(folder.root))
    assert code == 0 and "4 students" in out and "README.txt" in out, out
    assert download.read_bytes() == before
    students = ["alice-1001", "bob-1002", "chloé-1003", "dan-1004"]  # login and Canvas user id
    assert sorted(p.name for p in folder.submitted.iterdir()) == students

    code, out, _ = run("grade", "--root", str(folder.root))
    assert (
        code == 0
        and "graded 4 submission(s)" in out
        and "dan-1004 (01-single-neuron): unreadable" in out
    ), out

    code, out, _ = run("feedback", "--root", str(folder.root))
    assert code == 0 and "4 feedback page(s)" in out
    page = (folder.feedback / "chloé-1003" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
    assert f"{FULL:g}" in page and "_hidden_tests" not in page and "Traceback" not in page

    code, out, _ = run("export", "--root", str(folder.root))
    assert code == 0
    rows = {
        row["student"]: row
        for row in csv.DictReader(open(folder.root / "grades.csv", encoding="utf-8"))
    }
    assert {s: (rows[s]["total"], rows[s]["status"]) for s in rows} == {
        "alice-1001": (f"{FULL:g}", "graded"),
        "bob-1002": ("0", "graded"),
        "chloé-1003": (f"{FULL:g}", "graded"),
        "dan-1004": ("0", f"needs review: {ASSIGNMENT}: unreadable"),
    }
    assert rows["chloé-1003"][f"{ASSIGNMENT}/late"] == "LATE", "the LMS's marker reaches the export"
    canvas = (folder.root / "canvas-grades.csv").read_text(encoding="utf-8").splitlines()
    assert canvas[:3] == [
        f"Student,ID,SIS User ID,SIS Login ID,Section,{ASSIGNMENT}",
        f"Points Possible,,,,,{FULL:g}",
        f"alice,1001,,,,{FULL:g}",
    ]
    with zipfile.ZipFile(folder.root / f"feedback-{ASSIGNMENT}-canvas.zip") as archive:
        assert sorted(archive.namelist()) == [
            f"alice_1001_2001_{ASSIGNMENT}.html",
            f"bob_1002_2002_{ASSIGNMENT}.html",
            f"chloé_LATE_1003_2003_{ASSIGNMENT}.html",
            f"dan_1004_2004_{ASSIGNMENT}.html",
        ], "named after each notebook as downloaded, up to Canvas's file id"
    by_test = list(csv.DictReader(open(folder.root / "grades-by-test.csv", encoding="utf-8")))
    assert len(by_test) == 4 * TEST_CELLS

    code, out, _ = run("report", "--root", str(folder.root))
    report = (folder.root / "report.html").read_text()
    assert code == 0 and "dan-1004" in report and "not valid JSON" in report
    files = [
        urllib.parse.unquote(link)
        for link in re.findall(r'href="([^"]+)"', report)
        if not link.startswith(("#", "data:"))
    ]
    # Each student's feedback page and graded notebook; dan's upload could not be read, so
    # there is no graded notebook of his.
    assert len(files) == 2 * 4 - 1 and not any("autograded/dan" in f for f in files), files
    assert all((folder.root / f).is_file() for f in files), files
    assert f"feedback/chloé-1003/{ASSIGNMENT}/{ASSIGNMENT}.html" in files
    chloe = report.split('id="student--01-single-neuron--chlo')[1].split("</tr>")[0]
    assert "LATE" in chloe, "the LMS's late marker reaches the report"
    assert "No two submissions are alike" in report, (
        "alice and chloé both hand in the course's solution"
    )


def test_clear_errors_for_a_class_folder_that_is_not_ready(template, tmp_path):
    folder = copy_class(template, tmp_path / "class")
    code, _, err = run("grade", "99-no-such-assignment", "--root", str(folder.root))
    assert code == 1 and "not in the gradebook" in err and "autograder release" in err
    code, _, err = run("grade", "--root", str(folder.root))
    assert code == 1 and "nothing to grade" in err
    code, _, err = run("report", "--root", str(folder.root))
    assert code == 1 and "run autograder grade first" in err
    code, _, err = run(
        "collect", str(tmp_path / "missing.zip"), ASSIGNMENT, "--root", str(folder.root)
    )
    assert code == 1 and "missing.zip" in err


def _worker_processes(under: int) -> set[int]:
    """The pids of grading workers that descend from process ``under`` (not another run's)."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
                parents[int(entry)] = int(stat.rpartition(")")[2].split()[1])
            except (OSError, ValueError, IndexError):
                continue

    def descends(pid: int) -> bool:
        while pid > 1:
            pid = parents.get(pid, 0)
            if pid == under:
                return True
        return False

    found = set()
    for pid in parents:
        try:
            if b"autograder.runner" in Path(f"/proc/{pid}/cmdline").read_bytes() and descends(pid):
                found.add(pid)
        except OSError:
            continue
    return found


def _alive(pids: set[int]) -> set[int]:
    """Those of ``pids`` that still run (zombies count as gone)."""
    alive = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.add(pid)
    return alive


def test_a_grader_killed_midway_leaves_a_sound_gradebook_and_a_rerun_finishes(template, tmp_path):
    assignment = "05-layers-and-dense-class"
    folder = copy_class(template, tmp_path / "class")
    students = [f"s{i:02d}" for i in range(16)]
    for student in students:
        submit(folder, student, assignment, answered(assignment))
    grader = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "autograder",
            "grade",
            assignment,
            "--root",
            str(folder.root),
            "--workers",
            "2",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while len(list(folder.autograded.glob(f"*/{assignment}/{RESULT_FILE}"))) < 3:
        assert grader.poll() is None and time.monotonic() < deadline, (
            "grading ended before it could be killed"
        )
        time.sleep(0.05)
    workers = _worker_processes(under=grader.pid)
    assert workers, "the grader's workers are found"
    grader.send_signal(signal.SIGKILL)
    grader.wait()
    results = load_results(folder.autograded, assignment)
    # A result that records a grader error is complete, but says "grade it again", and the
    # rerun does: only the others are done. Here there must be none: the one once seen
    # (two grading threads parsing cells at once, CPython's gh-106905) was a bug.
    errors = [p.message for r in results for p in r.problems if p.kind == ProblemKind.GRADER_ERROR]
    assert not errors, errors[0]
    done_before = {r.student for r in results if r.fingerprint}
    assert 3 <= len(done_before) < len(students)

    deadline = time.monotonic() + 60  # they die with the grader; a busy machine may take a while
    while _alive(workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(workers), "worker processes outlived the grader"
    with sqlite3.connect(folder.root / "gradebook.db") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)

    code, out, _ = run("grade", assignment, "--root", str(folder.root))
    regraded = len(students) - len(done_before)
    assert code == 0 and f"graded {regraded} submission(s)" in out, out
    assert f"; {len(done_before)} unchanged" in out, out
    from autograder.course.gradebook import open_gradebook

    with open_gradebook(folder) as gradebook:
        scores = {
            s.student.id: (s.score, s.max_score)
            for s in gradebook.assignment_submissions(assignment)
        }
    full = total_points(assignment)
    assert scores == {student: (full, full) for student in students}
