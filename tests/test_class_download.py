"""Collecting a realistic class download through the command line (``tests/class_download.py``).

The two worst things a grading tool can do are to file a grade under the wrong student or
the wrong notebook. Here every student's work must land in a folder of their own, found by
their LMS id (two students with one name stay two), in every assignment; a notebook of
another assignment must never be filed, and a collect that files nothing must fail.
"""

from __future__ import annotations

import hashlib
import json
import re
import urllib.parse
import zipfile
from pathlib import Path

import pytest

from autograder.course.folders import ClassFolder
from autograder.course.release import assignment_ids
from tests.class_download import OTHER, Expected, canvas_download, class_of, moodle_download
from tests.classes import copy_class, released_class
from tests.test_autograder_cli import run

A = "01-single-neuron"
B = "02-layer-of-neurons"


@pytest.fixture(scope="session")
def released_course(tmp_path_factory) -> ClassFolder:
    """A class folder with every assignment of the course released, made once."""
    return released_class(tmp_path_factory.mktemp("course"), assignment_ids())


@pytest.fixture
def root(released_course, tmp_path) -> Path:
    """A fresh copy of the released class folder, for one test."""
    return copy_class(released_course, tmp_path / "class").root


def collect(root: Path, download: Path, assignment: str, *options: str) -> tuple[int, str, str]:
    return run("collect", str(download), assignment, "--root", str(root), *options)


def record(root: Path) -> dict:
    return json.loads((root / "students.json").read_text(encoding="utf-8"))


def folders_by_id(root: Path) -> dict[str, str]:
    """LMS id -> the student's folder, from the class record."""
    return {s["lms_id"]: folder for folder, s in record(root)["students"].items()}


def filed_notebooks(root: Path, assignment: str) -> dict[str, bytes]:
    """Folder -> the notebook filed in it for the assignment."""
    return {
        path.parent.parent.name: path.read_bytes()
        for path in (root / "submitted").glob(f"*/{assignment}/{assignment}.ipynb")
    }


def check_filed(root: Path, assignment: str, expected: Expected, out: str) -> None:
    """Each student's notebook in their own folder, and every other file reported with why."""
    filed = filed_notebooks(root, assignment)
    assert sorted(filed.values()) == sorted(expected.filed.values()), (
        "each student's notebook is filed, once, and no other"
    )
    folders = folders_by_id(root)
    assert {lms_id: filed.get(folders.get(lms_id)) for lms_id in expected.filed} == expected.filed
    for name, words in expected.not_filed.items():
        if words != "clutter":
            assert any(name in line and words in line for line in out.splitlines()), name
    assert "1 OS file ignored" in out


def test_a_canvas_download_files_each_students_latest_notebook_under_their_lms_id(root, tmp_path):
    download = tmp_path / "submissions.zip"
    expected = canvas_download(download, A)
    before = hashlib.sha256(download.read_bytes()).hexdigest()

    code, out, err = collect(root, download, A)

    assert code == 0 and not err, err
    assert hashlib.sha256(download.read_bytes()).hexdigest() == before
    check_filed(root, A, expected, out)
    folders, handed_in = folders_by_id(root), record(root)["submissions"][A]
    late = {lms_id for lms_id in expected.filed if handed_in[folders[lms_id]][A]["late"]}
    assert late == expected.late
    assert all(
        handed_in[folders[i]][A]["submitted_at"].startswith("2025-03-") for i in expected.filed
    )
    assert {k for k, v in handed_in.items() if not v} == {  # nothing usable: still listed
        folders[str(s.canvas_id)] for s in class_of() if str(s.canvas_id) not in expected.filed
    }


def test_a_notebook_of_an_assignment_not_released_here_is_not_filed_under_its_name(tmp_path):
    only_a = released_class(tmp_path / "class", [A])  # the course's 05 is unknown to this class
    download = tmp_path / "submissions.zip"
    expected = canvas_download(download, A, class_of(16))

    code, out, err = collect(only_a.root, download, A)

    assert code == 0 and not err, err
    filed = filed_notebooks(only_a.root, A)
    assert sorted(filed.values()) == sorted(expected.filed.values()), "no 05 filed as 01"
    foreign = sorted(line.strip() for line in out.splitlines() if "another notebook's" in line)
    assert [line.split(": ", 1)[1] for line in foreign] == [
        "its graded cells are another notebook's (none of them is a graded cell of "
        f"{A}.ipynb): not filed",
        "named like it, but its graded cells are another notebook's (none of them is a "
        f"graded cell of {A}.ipynb): not filed",
    ], "05 as 05, and 05 saved as 01"


def test_two_students_with_one_name_are_two_students(root, tmp_path):
    """Canvas gives both Anh Nguyens the login nguyenanh; their user ids tell them apart."""
    download = tmp_path / "submissions.zip"
    expected = canvas_download(download, A)
    first, second = (str(s.canvas_id) for s in class_of()[:2])

    code, out, _ = collect(root, download, A)

    handed_in = set(filed_notebooks(root, A).values())
    assert expected.filed[first] in handed_in and expected.filed[second] in handed_in
    assert (folders_by_id(root)[first], folders_by_id(root)[second]) == (
        "nguyenanh-3101",
        "nguyenanh-3102",
    )
    assert "nguyenanh-3101, nguyenanh-3102: 2 students named 'nguyenanh'" in out
    assert "superseded" not in "".join(line for line in out.splitlines() if "nguyenanh" in line)


@pytest.mark.parametrize(
    "id_from, folders",
    [
        ("lms-id", {"3101": "3101", "3102": "3102", "3103": "3103"}),
        ("login", {"3101": "nguyenanh-3101", "3102": "nguyenanh-3102", "3103": "smithjane"}),
    ],
)
def test_folders_can_be_named_by_lms_id_or_login_and_never_merge(root, tmp_path, id_from, folders):
    canvas_download(tmp_path / "submissions.zip", A)

    code, _, _ = collect(root, tmp_path / "submissions.zip", A, "--id-from", id_from)

    assert code == 0
    assert {i: folders_by_id(root)[i] for i in folders} == folders
    assert record(root)["id_from"] == id_from
    code, _, err = collect(root, tmp_path / "submissions.zip", A, "--id-from", "login-and-id")
    assert code == 1 and f"named by {id_from}" in err and f"--id-from {id_from}" in err


def test_a_login_keeps_its_folder_and_a_newcomer_with_it_gets_another(root, tmp_path):
    """With --id-from login, which Anh Nguyen is "nguyenanh" is decided once, for good."""
    first, second, *others = class_of()
    canvas_download(tmp_path / "a.zip", A, [first, *others[:3]])
    canvas_download(tmp_path / "b.zip", B, [second, first, *others[:3]])

    assert collect(root, tmp_path / "a.zip", A, "--id-from", "login")[0] == 0
    assert collect(root, tmp_path / "b.zip", B)[0] == 0

    folders = folders_by_id(root)
    assert folders["3101"] == "nguyenanh" and folders["3102"] == "nguyenanh-3102"
    assert filed_notebooks(root, B)["nguyenanh-3102"] != filed_notebooks(root, B)["nguyenanh"]
    assert set(filed_notebooks(root, A)) == {"nguyenanh", "smithjane", "kowalskijohn", "garcíaanna"}


def test_students_keep_their_folders_in_every_assignment(root, tmp_path):
    canvas_download(tmp_path / "a.zip", A)
    canvas_download(tmp_path / "b.zip", B)

    assert collect(root, tmp_path / "a.zip", A)[0] == 0
    folders = folders_by_id(root)
    code, out, _ = collect(root, tmp_path / "a.zip", A)
    assert code == 0 and "written" not in out and "unchanged" in out
    assert collect(root, tmp_path / "b.zip", B)[0] == 0

    assert folders_by_id(root) == folders
    assert set(filed_notebooks(root, B)) <= set(folders.values())


def test_a_zip_of_another_assignment_files_nothing_and_fails(root, tmp_path):
    download = tmp_path / "05.zip"
    canvas_download(download, OTHER)

    code, out, err = collect(root, download, A)

    assert code == 1
    assert err.splitlines() == [
        f"collect failed: nothing filed: the download looks like {OTHER}, not {A} "
        "(36 files of it); is this the right download and assignment?"
    ]
    assert f"looks like {OTHER}, not {A}: not filed" in out
    assert not (root / "submitted").exists() and not (root / "students.json").exists()


def test_a_moodle_export_files_each_participants_notebook(root, tmp_path):
    download = tmp_path / "moodle.zip"
    expected = moodle_download(download, A)

    code, out, err = collect(root, download, A)

    assert code == 0 and not err
    filed = filed_notebooks(root, A)
    assert sorted(filed.values()) == sorted(expected.filed.values())
    folders = folders_by_id(root)
    assert {lms_id: filed.get(folders.get(lms_id)) for lms_id in expected.filed} == expected.filed
    assert folders["5501"] == "anh-nguyen-5501" and folders["5502"] == "anh-nguyen-5502"
    for name, words in expected.not_filed.items():
        assert any(name in line and words in line for line in out.splitlines()), name
    assert record(root)["students"]["anh-nguyen-5501"]["name"] == "Anh Nguyen"


@pytest.mark.slow
def test_one_round_on_the_realistic_download_reports_every_student(released_course, tmp_path):
    """Collect, roster, grade, feedback and report on the realistic download: everyone on
    the class list has a row with working links, late work is marked, and two students
    who hand in the same unusual answers are pointed out, the many who hand in the
    course's solution not."""
    from tests.classes import answered
    from tests.test_lms_exports import canvas_roster

    root = copy_class(released_course, tmp_path / "class").root
    students = class_of(16)
    download = tmp_path / "submissions.zip"
    expected = canvas_download(download, A, students)
    odd = {
        "step": "def step(x):\n    # mine\n    return int(max(x, 0) != 0) + 0 * x\n",
        "neuron_output": "def neuron_output(inputs, weights, bias):\n"
        "    return bias + sum(map(lambda p: p[0] * p[1], zip(weights, inputs)))\n",
    }
    twin = {k: v.replace("# mine", "# my own way") for k, v in odd.items()}
    with zipfile.ZipFile(download, "a") as archive:
        archive.writestr(f"hallkim_3201_95000_{A}.ipynb", json.dumps(answered(A, replace=odd)))
        archive.writestr(f"ortizleo_3202_95100_{A}.ipynb", json.dumps(answered(A, replace=twin)))
    assert collect(root, download, A)[0] == 0
    assert (
        run("roster", str(canvas_roster(tmp_path / "c.csv", students)), "--root", str(root))[0] == 0
    )
    for command in ("grade", "feedback"):
        code, out, err = run(command, A, "--root", str(root))
        assert code == 0, (out, err)
    code, out, _ = run("report", A, "--root", str(root))
    assert code == 0 and out.strip().endswith("1 pair(s) of submissions alike, for a look"), out

    html = (root / "report.html").read_text(encoding="utf-8")
    table = html.split('<table class="students">')[1].split("</table>")[0]
    rows = re.findall(r'<tr id="student--[^"]+">(.*?)</tr>', table, re.S)
    on_list = {f"{s.login}-{s.canvas_id}" for s in students} | {"zedzoe-4999"}
    assert len(rows) == len(on_list | {"hallkim-3201", "ortizleo-3202"}), "everyone, once"
    files = [urllib.parse.unquote(link) for link in re.findall(r'href="([^"#][^"]*)"', table)]
    assert files and all((root / f).is_file() for f in files)
    assert table.count(">LATE</span>") == len(expected.late) == 2
    assert table.count("not handed in") == len(on_list) - len(expected.filed) == 4
    alike = html.split('<section id="similar">')[1].split("</section>")[0]
    assert "hallkim-3201" in alike and "ortizleo-3202" in alike
