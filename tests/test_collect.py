"""Collecting an LMS download into nbgrader's layout: Canvas, Moodle, folders, unsafe input."""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from autograder.course.class_record import ClassRecord
from autograder.course.collect import collect, released_notebooks
from autograder.course.collect_report import Action, CollectReport, UnusedKind
from autograder.course.fingerprints import Catalogue, Fingerprint, Released
from autograder.course.folders import NOTEBOOKS_DIR
from autograder.course.identity import IdFrom, Lms, Owner, student_folders
from tests.class_download import zip_bytes

NB = "01-single-neuron"


def course(notebooks: dict[str, set[str]], assignment: str = NB) -> Catalogue:
    """A catalogue of an assignment's notebooks, each known by the grade ids of its graded cells."""
    return Catalogue(
        {Released(assignment, nb): Fingerprint(frozenset(ids)) for nb, ids in notebooks.items()}
    )


IDS = course({NB: {"neuron_output", "test_neuron_output"}})


def notebook(*grade_ids: str, text: str = "") -> bytes:
    """A minimal nbformat-4 notebook: a cell holding ``text``, then a cell per grade id."""
    cells = [{"cell_type": "markdown", "metadata": {}, "source": text}]
    cells += [
        {
            "cell_type": "code",
            "execution_count": None,
            "outputs": [],
            "source": "",
            "metadata": {
                "nbgrader": {
                    "grade_id": grade_id,
                    "locked": False,
                    "solution": True,
                    "grade": False,
                }
            },
        }
        for grade_id in grade_ids
    ]
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}).encode()


def make_zip(path: Path, entries: dict[str, bytes]) -> Path:
    path.write_bytes(zip_bytes(entries))
    return path


def make_tree(root: Path, files: dict[str, bytes]) -> Path:
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    return root


def fingerprint(path: Path) -> dict[str, object]:
    """Everything about a zip or a folder that collecting must not change."""
    if path.is_file():
        return {"": hashlib.sha256(path.read_bytes()).hexdigest()}
    found: dict[str, object] = {}
    for item in sorted(path.rglob("*")):
        key = str(item.relative_to(path))
        if item.is_symlink():
            found[key] = ("link", os.readlink(item))
        elif item.is_file():
            found[key] = (hashlib.sha256(item.read_bytes()).hexdigest(), item.stat().st_mtime_ns)
        else:
            found[key] = "folder"
    return found


def reported(report: CollectReport) -> Counter:
    """How many times the report names each source file (placed or not)."""
    return Counter([p.source for p in report.placed] + [u.source for u in report.unused])


def unused(report: CollectReport, source: str):
    matches = [u for u in report.unused if u.source == source]
    assert len(matches) == 1, f"{source} should be reported once as not used, got {matches}"
    return matches[0]


def placed(report: CollectReport, source: str):
    matches = [p for p in report.placed if p.source == source]
    assert len(matches) == 1, f"{source} should be placed once, got {matches}"
    return matches[0]


def destination(submitted: Path, student: str, name: str = f"{NB}.ipynb") -> Path:
    return submitted / student / NB / name


# --------------------------------------------------------------------------- Canvas

CANVAS = {
    "smithjane_12345_67890_01-single-neuron.ipynb": notebook(text="first try"),
    "smithjane_12345_67891_01-single-neuron-1.ipynb": notebook(text="resubmitted"),
    "doejohn_LATE_222_333_01-single-neuron.ipynb": notebook(text="john, late"),
    "müllerjürgen_444_555_01_Single Neuron.ipynb": notebook(text="jürgen"),
    "leeanna_666_777_My Notebook.ipynb": notebook(
        "neuron_output", "test_neuron_output", text="anna"
    ),
    "leeanna_666_778_helper.py": b"def helper():\n    return 1\n",
    "parkmin_777_888_Untitled.ipynb": notebook(text="empty scratch"),
    "parkmin_777_889_final answers.ipynb": notebook("neuron_output", text="min"),
    "ngtran_999_111_Übung 1.ipynb": notebook(text="the only one"),
    "grades.csv": b"student,score\n",
    "__MACOSX/._smithjane_12345_67890_01-single-neuron.ipynb": b"\0\5\26\7",
    ".DS_Store": b"\0\0\0\1Bud1",
}


def test_canvas_download_places_each_students_latest_notebook(tmp_path):
    source = make_zip(tmp_path / "canvas.zip", CANVAS)
    before = fingerprint(source)
    submitted = tmp_path / "course" / "submitted"

    report = collect(source, NB, [NB], submitted, catalogue=IDS)

    assert fingerprint(source) == before
    assert reported(report) == Counter(list(CANVAS)), "every file is reported exactly once"
    expected = {  # a student's folder is their login and their Canvas user id
        "smithjane-12345": "smithjane_12345_67891_01-single-neuron-1.ipynb",
        "doejohn-222": "doejohn_LATE_222_333_01-single-neuron.ipynb",
        "müllerjürgen-444": "müllerjürgen_444_555_01_Single Neuron.ipynb",
        "leeanna-666": "leeanna_666_777_My Notebook.ipynb",
        "parkmin-777": "parkmin_777_889_final answers.ipynb",
        "ngtran-999": "ngtran_999_111_Übung 1.ipynb",
    }
    assert report.students == sorted(expected)
    for student, name in expected.items():
        assert destination(submitted, student).read_bytes() == CANVAS[name], student
        assert placed(report, name).destination == destination(submitted, student)
    assert (
        destination(submitted, "leeanna-666", "helper.py").read_bytes()
        == CANVAS["leeanna_666_778_helper.py"]
    )
    assert sorted(p.name for p in (submitted / "leeanna-666" / NB).iterdir()) == [
        f"{NB}.ipynb",
        "helper.py",
        "timestamp.txt",
    ]

    assert (
        placed(report, expected["smithjane-12345"]).note
        == "found as `01-single-neuron-1.ipynb`, matched by its name"
    )
    assert "LATE" in placed(report, expected["doejohn-222"]).note
    assert "matched by its name" in placed(report, expected["müllerjürgen-444"]).note
    assert "matched by its cells" in placed(report, expected["leeanna-666"]).note
    assert "matched by its cells" in placed(report, expected["parkmin-777"]).note
    assert "the only notebook handed in" in placed(report, expected["ngtran-999"]).note
    assert placed(report, "leeanna_666_778_helper.py").notebook is None

    first_try = unused(report, "smithjane_12345_67890_01-single-neuron.ipynb")
    assert (
        first_try.kind == UnusedKind.SUPERSEDED and expected["smithjane-12345"] in first_try.reason
    )
    assert unused(report, "parkmin_777_888_Untitled.ipynb").kind == UnusedKind.UNMATCHED
    assert "cannot tell whose" in unused(report, "grades.csv").reason
    assert unused(report, ".DS_Store").kind == UnusedKind.IGNORED
    assert (
        unused(report, "__MACOSX/._smithjane_12345_67890_01-single-neuron.ipynb").kind
        == UnusedKind.IGNORED
    )

    summary = report.summary()
    for name in [
        "grades.csv",
        "parkmin_777_888_Untitled.ipynb",
        "smithjane_12345_67890_01-single-neuron.ipynb",
    ]:
        assert name in summary
    assert "6 students; 6 notebooks and 1 extra file placed (7 written)" in summary
    assert "2 OS files ignored" in summary and ".DS_Store:" not in summary
    assert (
        "leeanna-666: 01-single-neuron.ipynb: found as `My Notebook.ipynb`, matched by its cells"
        in summary
    )


# --------------------------------------------------------------------------- Moodle

MOODLE = {
    "Jürgen Müller_1234567_assignsubmission_file_/01-single-neuron.ipynb": notebook(text="jürgen"),
    "Jürgen Müller_1234567_assignsubmission_onlinetext_/onlinetext.html": b"<p>see my notebook</p>",
    "Ana Núñez_7654321_assignsubmission_file_/work.zip": zip_bytes(
        {
            "work/01-single-neuron.ipynb": notebook(text="ana"),
            "work/data.csv": b"x,y\n1,2\n",
            "__MACOSX/work/._data.csv": b"\0\5\26\7",
        }
    ),
    "Zoë Ægir_5555_assignsubmission_file_/01-single-neuron (1).ipynb": notebook(text="zoë"),
}
INSIDE_ANA = ["work/01-single-neuron.ipynb", "work/data.csv", "__MACOSX/work/._data.csv"]


def test_moodle_download_with_accented_names_online_text_and_a_student_zip(tmp_path):
    source = make_zip(tmp_path / "moodle.zip", MOODLE)
    before = fingerprint(source)
    submitted = tmp_path / "submitted"

    report = collect(source, NB, [NB], submitted, catalogue=IDS)

    assert fingerprint(source) == before
    ana_zip = "Ana Núñez_7654321_assignsubmission_file_/work.zip"
    assert reported(report) == Counter([*MOODLE, *(f"{ana_zip}!{name}" for name in INSIDE_ANA)])
    assert report.students == ["ana-nunez-7654321", "jurgen-muller-1234567", "zoe-aegir-5555"]
    assert destination(submitted, "jurgen-muller-1234567").read_bytes() == notebook(text="jürgen")
    assert destination(submitted, "ana-nunez-7654321").read_bytes() == notebook(text="ana")
    assert destination(submitted, "ana-nunez-7654321", "data.csv").read_bytes() == b"x,y\n1,2\n"
    assert destination(submitted, "zoe-aegir-5555").read_bytes() == notebook(text="zoë")
    assert sorted(p.name for p in (submitted / "ana-nunez-7654321" / NB).iterdir()) == [
        f"{NB}.ipynb",
        "data.csv",
        "timestamp.txt",
    ]

    online = unused(report, "Jürgen Müller_1234567_assignsubmission_onlinetext_/onlinetext.html")
    assert online.kind == UnusedKind.UNMATCHED and "online text" in online.reason
    assert unused(report, ana_zip).kind == UnusedKind.OPENED
    assert unused(report, f"{ana_zip}!__MACOSX/work/._data.csv").kind == UnusedKind.IGNORED
    assert "online text" in report.summary()


def test_zip_names_without_the_utf8_flag_are_read_as_utf8_or_cp437(tmp_path):
    """macOS writes UTF-8 names without the zip's UTF-8 flag; old Windows tools write cp437."""
    raw = {
        "Søren Kierkegaard_42_assignsubmission_file_/01-single-neuron.ipynb".encode(): notebook(
            text="søren"
        ),
        "René/01-single-neuron.ipynb".encode("cp437"): notebook(text="rené"),
    }
    # zipfile sets the flag for every non-ASCII name, so store same-length ASCII names and
    # put the raw bytes in their place (the name is in no checksum).
    placeholders = {name: b"%0*d" % (len(name), i) for i, name in enumerate(raw)}
    data = zip_bytes({placeholders[name].decode(): content for name, content in raw.items()})
    for name, placeholder in placeholders.items():
        data = data.replace(placeholder, name)
    source = tmp_path / "legacy.zip"
    source.write_bytes(data)
    with zipfile.ZipFile(source) as archive:
        assert not any(info.flag_bits & 0x800 for info in archive.infolist())

    report = collect(source, NB, [NB], tmp_path / "submitted")

    assert report.students == ["René", "soren-kierkegaard-42"]
    assert destination(tmp_path / "submitted", "soren-kierkegaard-42").read_bytes() == notebook(
        text="søren"
    )
    assert destination(tmp_path / "submitted", "René").read_bytes() == notebook(text="rené")
    assert not report.unused


# --------------------------------------------------------------------------- student folders


def test_folder_of_student_folders(tmp_path):
    source = make_tree(
        tmp_path / "class",
        {
            "alice/01-single-neuron.ipynb": notebook(text="alice"),
            "bob/01-single-neuron/01-single-neuron.ipynb": notebook(text="bob"),
            "bob/01-single-neuron/helper.py": b"HELP = 1\n",
            "bob/02-layer-of-neurons/02-layer-of-neurons.ipynb": notebook(text="bob, next week"),
            "carol/01-single-neuron.ipynb": notebook(text="carol, old"),
            "carol/01-single-neuron (1).ipynb": notebook(text="carol, new"),
            "carol/.ipynb_checkpoints/01-single-neuron-checkpoint.ipynb": notebook(
                text="checkpoint"
            ),
            "dave/my-work/01-single-neuron.ipynb": notebook(text="dave"),
            "dave/my-work/data/values.csv": b"1\n2\n",
            ".hidden/01-single-neuron.ipynb": notebook(text="who?"),
        },
    )
    os.utime(source / "carol/01-single-neuron.ipynb", (1_000_000, 1_000_000))
    (tmp_path / "secret.txt").write_text("not for students")
    (source / "alice" / "secret.txt").symlink_to(tmp_path / "secret.txt")
    before = fingerprint(source)
    submitted = tmp_path / "submitted"

    report = collect(source, NB, [NB], submitted)

    assert fingerprint(source) == before
    inputs = [
        str(p.relative_to(source)) for p in source.rglob("*") if p.is_file() or p.is_symlink()
    ]
    assert reported(report) == Counter(inputs)
    assert report.students == ["alice", "bob", "carol", "dave"]
    for student, text in [
        ("alice", "alice"),
        ("bob", "bob"),
        ("carol", "carol, new"),
        ("dave", "dave"),
    ]:
        assert destination(submitted, student).read_bytes() == notebook(text=text), student
    assert destination(submitted, "bob", "helper.py").read_bytes() == b"HELP = 1\n"
    assert destination(submitted, "dave", "data/values.csv").read_bytes() == b"1\n2\n"
    assert not (submitted / "bob" / NB / "02-layer-of-neurons.ipynb").exists()
    assert not (submitted / "alice" / NB / "secret.txt").exists()

    assert (
        "outside the student's 01-single-neuron/ folder"
        in unused(report, "bob/02-layer-of-neurons/02-layer-of-neurons.ipynb").reason
    )
    older = unused(report, "carol/01-single-neuron.ipynb")
    assert (
        older.kind == UnusedKind.SUPERSEDED
        and "carol/01-single-neuron (1).ipynb" in older.reason
        and "newer" in older.reason
    )
    assert (
        unused(report, "carol/.ipynb_checkpoints/01-single-neuron-checkpoint.ipynb").kind
        == UnusedKind.IGNORED
    )
    assert unused(report, ".hidden/01-single-neuron.ipynb").kind == UnusedKind.UNSAFE
    assert unused(report, "alice/secret.txt").kind == UnusedKind.UNSAFE
    assert ".hidden/01-single-neuron.ipynb" in report.summary()


def test_a_mixed_download_in_a_wrapper_folder(tmp_path):
    """Canvas files, Moodle folders and files, and student folders in one zip, under one folder."""
    entries = {
        "export/smithjane_1_2_01-single-neuron.ipynb": notebook(text="canvas"),
        "export/Ana Núñez_7_assignsubmission_file_/01-single-neuron.ipynb": notebook(
            text="moodle folder"
        ),
        "export/Jo Lee_8_assignsubmission_file_01-single-neuron.ipynb": notebook(
            text="moodle flat"
        ),
        "export/bob/01-single-neuron.ipynb": notebook(text="student folder"),
    }
    report = collect(make_zip(tmp_path / "mixed.zip", entries), NB, [NB], tmp_path / "submitted")

    assert report.students == ["ana-nunez-7", "bob", "jo-lee-8", "smithjane-1"]
    for student, text in [
        ("smithjane-1", "canvas"),
        ("ana-nunez-7", "moodle folder"),
        ("jo-lee-8", "moodle flat"),
        ("bob", "student folder"),
    ]:
        assert destination(tmp_path / "submitted", student).read_bytes() == notebook(text=text)
    assert reported(report) == Counter(list(entries)) and not report.unused


# --------------------------------------------------------------------------- matching


def test_matching_by_cells_with_several_notebooks(tmp_path):
    ids = course({"01-a": {"a1", "a2"}, "01-b": {"b1", "b2"}})
    entries = {
        "s1/01-a.ipynb": notebook("a1", "a2", text="s1 a"),
        "s1/mixed.ipynb": notebook("a1", "b1"),
        "s2/whatever.ipynb": notebook("b1", "b2", text="s2 b"),
        "s3/only.ipynb": notebook(text="no metadata"),
    }
    report = collect(
        make_zip(tmp_path / "class.zip", entries),
        NB,
        ["01-a", "01-b"],
        tmp_path / "submitted",
        catalogue=ids,
    )

    assert report.students == ["s1", "s2"]
    assert (tmp_path / "submitted/s1" / NB / "01-a.ipynb").read_bytes() == entries["s1/01-a.ipynb"]
    assert (tmp_path / "submitted/s2" / NB / "01-b.ipynb").read_bytes() == entries[
        "s2/whatever.ipynb"
    ]
    assert "several notebooks (01-a, 01-b)" in unused(report, "s1/mixed.ipynb").reason
    assert "not a notebook of this assignment" in unused(report, "s3/only.ipynb").reason
    assert report.missing == {"s1": ["01-b"], "s2": ["01-a"]}
    assert "s1: no 01-b.ipynb found" in report.summary()


def test_a_notebook_name_ending_in_a_number_is_not_taken_for_a_canvas_copy(tmp_path):
    entries = {
        "kimlee_1_2_lab-2.ipynb": notebook(text="original"),
        "kimlee_1_3_lab-2-1.ipynb": notebook(text="resubmitted"),
        "kimlee_1_4_Lab 2 (1).ipynb": notebook(text="browser copy, older"),
    }
    source = make_zip(tmp_path / "canvas.zip", entries)
    report = collect(source, "02-lab", ["lab", "lab-2"], tmp_path / "submitted")

    assert (tmp_path / "submitted/kimlee-1/02-lab/lab-2.ipynb").read_bytes() == notebook(
        text="resubmitted"
    )
    assert not (tmp_path / "submitted/kimlee-1/02-lab/lab.ipynb").exists()
    assert {u.source: u.kind for u in report.unused} == {
        "kimlee_1_2_lab-2.ipynb": UnusedKind.SUPERSEDED,
        "kimlee_1_4_Lab 2 (1).ipynb": UnusedKind.SUPERSEDED,
    }
    assert report.missing == {"kimlee-1": ["lab"]}


def test_the_only_notebook_is_used_unless_its_cells_say_otherwise(tmp_path):
    entries = {
        "untitled/Untitled.ipynb": notebook(text="metadata lost"),
        "wrong/lab2.ipynb": notebook("layer_output", text="another assignment"),
        "broken/answers.ipynb": b'{"cells": [',
        "exact/01-single-neuron.ipynb": b"not json at all",
        "exact/notes.ipynb": notebook(text="scratch"),
    }
    report = collect(
        make_zip(tmp_path / "class.zip", entries), NB, [NB], tmp_path / "submitted", catalogue=IDS
    )

    assert report.students == ["broken", "exact", "untitled"]
    assert destination(tmp_path / "submitted", "broken").read_bytes() == b'{"cells": ['
    assert destination(tmp_path / "submitted", "exact").read_bytes() == b"not json at all"
    assert "the only notebook handed in" in placed(report, "untitled/Untitled.ipynb").note
    assert "another notebook's" in unused(report, "wrong/lab2.ipynb").reason
    assert unused(report, "exact/notes.ipynb").kind == UnusedKind.UNMATCHED


# --------------------------------------------------------------------------- safety


def test_zip_slip_and_links_in_a_zip_are_refused(tmp_path):
    source = tmp_path / "evil.zip"
    with zipfile.ZipFile(source, "w") as archive:
        archive.writestr("../evil.ipynb", notebook(text="escape"))
        archive.writestr("/tmp/absolute.ipynb", notebook(text="absolute"))
        archive.writestr("alice/../../evil2.py", b"import os")
        link = zipfile.ZipInfo("mallory/01-single-neuron.ipynb")
        link.external_attr = 0o120777 << 16
        archive.writestr(link, "../../../etc/passwd")
        archive.writestr("alice/01-single-neuron.ipynb", notebook(text="alice"))
    submitted = tmp_path / "submitted"
    everything_before = set(tmp_path.rglob("*"))

    report = collect(source, NB, [NB], submitted)

    assert {
        p for p in tmp_path.rglob("*") if submitted not in p.parents and p != submitted
    } == everything_before
    assert report.students == ["alice"]
    assert destination(submitted, "alice").read_bytes() == notebook(text="alice")
    for name in ["../evil.ipynb", "/tmp/absolute.ipynb", "alice/../../evil2.py"]:
        assert (
            unused(report, name).kind == UnusedKind.UNSAFE
            and "unsafe path" in unused(report, name).reason
        ), name
        assert name in report.summary()
    assert "symbolic link" in unused(report, "mallory/01-single-neuron.ipynb").reason
    assert not (submitted / "mallory").exists()


def test_existing_files_are_kept_unless_overwrite(tmp_path):
    source = make_tree(
        tmp_path / "class",
        {"alice/01-single-neuron.ipynb": notebook(text="v1"), "alice/helper.py": b"V = 1\n"},
    )
    submitted = tmp_path / "submitted"
    first = collect(source, NB, [NB], submitted)
    assert [p.action for p in first.placed] == [Action.WRITTEN, Action.WRITTEN]

    again = collect(source, NB, [NB], submitted)
    assert [p.action for p in again.placed] == [
        Action.UNCHANGED,
        Action.UNCHANGED,
    ] and not again.unused

    (source / "alice/01-single-neuron.ipynb").write_bytes(notebook(text="v2"))
    kept = collect(source, NB, [NB], submitted)
    assert destination(submitted, "alice").read_bytes() == notebook(text="v1")
    refused = unused(kept, "alice/01-single-neuron.ipynb")
    assert (
        refused.kind == UnusedKind.KEPT
        and "exists with different content; kept; use --force to replace" in refused.reason
    )
    assert "use --force" in kept.summary()
    assert kept.students == ["alice"]

    forced = collect(source, NB, [NB], submitted, overwrite=True)
    assert destination(submitted, "alice").read_bytes() == notebook(text="v2")
    assert placed(forced, "alice/01-single-neuron.ipynb").action == Action.REPLACED
    assert sorted(p.name for p in (submitted / "alice" / NB).iterdir()) == [
        f"{NB}.ipynb",
        "helper.py",
        "timestamp.txt",
    ], "no temporary files are left behind"


def test_clear_errors_for_bad_arguments(tmp_path):
    with pytest.raises(ValueError, match="does not exist"):
        collect(tmp_path / "missing.zip", NB, [NB], tmp_path / "submitted")
    (tmp_path / "download.zip").write_text("this is no zip")
    with pytest.raises(ValueError, match="not a zip file that can be opened"):
        collect(tmp_path / "download.zip", NB, [NB], tmp_path / "submitted")
    (tmp_path / "download").mkdir()
    with pytest.raises(ValueError, match="overlap"):
        collect(tmp_path / "download", NB, [NB], tmp_path / "download" / "submitted")
    with pytest.raises(ValueError, match="without '.ipynb'"):
        collect(tmp_path / "download", NB, [f"{NB}.ipynb"], tmp_path / "submitted")
    with pytest.raises(ValueError, match="path separators"):
        collect(tmp_path / "download", "../01", [NB], tmp_path / "submitted")


def test_released_notebooks_know_each_notebook_by_its_own_graded_cells(tmp_path):
    make_tree(
        tmp_path / "notebooks",
        {
            f"{NB}/{NB}.ipynb": notebook("neuron_output", "test_neuron_output"),
            f"{NB}/extra.ipynb": notebook("extra_answer"),
            f"{NB}/data.csv": b"1\n",
            "02-layer/02-layer.ipynb": notebook("layer_output"),
        },
    )
    catalogue, names = released_notebooks(tmp_path / "notebooks", NB)
    assert names == [NB, "extra"]
    for ids, owner in [
        ({"test_neuron_output"}, Released(NB, NB)),
        ({"extra_answer"}, Released(NB, "extra")),
        ({"layer_output", "not_released"}, Released("02-layer", "02-layer")),
    ]:
        assert catalogue.owners(Fingerprint(frozenset(ids))) == [owner]
    assert str(Released(NB, "extra")) == f"{NB}/extra.ipynb" and str(Released(NB, NB)) == NB
    with pytest.raises(ValueError, match="holds no notebooks"):
        released_notebooks(tmp_path / "notebooks", "02-layer-of-neurons")
    (tmp_path / "notebooks" / NB / "extra.ipynb").write_text("{")
    with pytest.raises(ValueError, match="extra.ipynb is not a valid notebook"):
        released_notebooks(tmp_path / "notebooks", NB)


def test_a_download_without_the_assignments_notebooks_says_so(tmp_path):
    source = make_zip(
        tmp_path / "wrong.zip", {"alice/02-layer-of-neurons.ipynb": notebook("layer_output")}
    )
    report = collect(source, NB, [NB], tmp_path / "submitted", catalogue=IDS)

    assert report.students == [] and not report.placed and not (tmp_path / "submitted").exists()
    assert "no notebook of 01-single-neuron was found" in report.summary()
    assert (
        "alice/02-layer-of-neurons.ipynb: its graded cells are another notebook's"
        in report.summary()
    )
    assert report.nothing_filed() == f"nothing filed: no notebook of {NB} found in {source}"


# --------------------------------------------------------------------------- identity


def test_two_canvas_students_with_one_login_get_a_folder_each(tmp_path):
    """Canvas names both Anh Nguyens "nguyenanh"; their user ids (3101, 3102) tell them apart."""
    entries = {
        "nguyenanh_3101_1_01-single-neuron.ipynb": notebook(text="the first Anh, full"),
        "nguyenanh_3102_2_01-single-neuron.ipynb": notebook(text="the second Anh, full"),
        "nguyenanh_3102_3_01-single-neuron-1.ipynb": notebook(text="the second Anh, again"),
    }
    report = collect(make_zip(tmp_path / "c.zip", entries), NB, [NB], tmp_path / "submitted")

    assert report.students == ["nguyenanh-3101", "nguyenanh-3102"]
    assert destination(tmp_path / "submitted", "nguyenanh-3101").read_bytes() == notebook(
        text="the first Anh, full"
    )
    assert destination(tmp_path / "submitted", "nguyenanh-3102").read_bytes() == notebook(
        text="the second Anh, again"
    )
    assert [u.source for u in report.unused] == ["nguyenanh_3102_2_01-single-neuron.ipynb"]
    assert "2 students named 'nguyenanh'" in report.summary()


ANH = Owner(Lms.CANVAS, "3101", "nguyenanh", "nguyenanh")
ANH_TOO = Owner(Lms.CANVAS, "3102", "nguyenanh", "nguyenanh")
JANE = Owner(Lms.CANVAS, "3103", "smithjane", "smithjane")
ALICE = Owner(Lms.FOLDER, "alice", "alice", "alice")


@pytest.mark.parametrize(
    "id_from, expected",
    [
        (IdFrom.LOGIN_AND_ID, ["nguyenanh-3101", "nguyenanh-3102", "smithjane-3103", "alice"]),
        (IdFrom.LMS_ID, ["3101", "3102", "3103", "alice"]),
        (IdFrom.LOGIN, ["nguyenanh-3101", "nguyenanh-3102", "smithjane", "alice"]),
    ],
)
def test_student_folders_follow_the_scheme_and_never_merge(id_from, expected):
    folders = student_folders([ANH, ANH_TOO, JANE, ALICE], id_from, {})
    assert [folders[o] for o in (ANH, ANH_TOO, JANE, ALICE)] == expected


def test_a_recorded_student_keeps_their_folder_and_no_one_takes_it():
    recorded = {"nguyenanh": ANH, "smithjane-old": JANE}
    folders = student_folders(
        [ANH, ANH_TOO, JANE, ALICE], IdFrom.LOGIN, recorded, existing=["nguyenanh", "alice"]
    )
    assert folders == {
        ANH: "nguyenanh",
        ANH_TOO: "nguyenanh-3102",
        JANE: "smithjane-old",
        ALICE: "alice",  # a folder of student folders: its own folder, whoever made it
    }


def test_an_unrecorded_folder_is_nobody_s_to_take_by_login():
    """A folder in submitted/ the record does not know (made by hand, by an older collect)
    may be another person's: a login does not claim it, a login and id does."""
    assert student_folders([JANE], IdFrom.LOGIN, {}, existing=["smithjane"]) == {
        JANE: "smithjane-3103"
    }
    assert student_folders([JANE], IdFrom.LOGIN_AND_ID, {}, existing=["smithjane-3103"]) == {
        JANE: "smithjane-3103"
    }


# --------------------------------------------------------------------------- evidence


RELEASED = Catalogue.released(NOTEBOOKS_DIR)
OTHER = "05-layers-and-dense-class"


def released(assignment: str) -> dict:
    return json.loads((NOTEBOOKS_DIR / assignment / f"{assignment}.ipynb").read_text())


def test_only_a_notebooks_own_cells_and_title_say_which_it_is(tmp_path):
    """Cells every notebook shares (intro, setup, summary) prove nothing; graded cells and
    the title do, even with the metadata stripped."""
    of_05 = released(OTHER)
    shared_only = {**of_05, "cells": [c for c in of_05["cells"] if not _graded(c)]}
    shared_only["cells"][0]["source"] = "# My notes"
    stripped = released(NB)
    for cell in stripped["cells"]:
        cell["metadata"].pop("nbgrader", None)
    mixed = released(NB)
    mixed["cells"] += [c for c in of_05["cells"] if _graded(c)][:2]
    entries = {
        "a/01-single-neuron.ipynb": json.dumps(of_05).encode(),
        "b/Untitled.ipynb": json.dumps(stripped).encode(),
        "c/mine.ipynb": json.dumps(mixed).encode(),
        "f/01-single-neuron.ipynb": json.dumps(mixed).encode(),
        "d/notes.ipynb": json.dumps(shared_only).encode(),
        "e/05-layers-and-dense-class.ipynb": b"",
    }
    report = collect(
        make_zip(tmp_path / "c.zip", entries), NB, [NB], tmp_path / "s", catalogue=RELEASED
    )

    assert report.students == ["b", "d", "f"]
    looks = unused(report, "a/01-single-neuron.ipynb")
    assert looks.kind == UnusedKind.OTHER_ASSIGNMENT and looks.looks_like == OTHER
    assert looks.reason == f"looks like {OTHER}, not {NB}: not filed"
    assert "matched by its cells" in placed(report, "b/Untitled.ipynb").note
    assert f"several notebooks ({NB}, {OTHER}); rename" in unused(report, "c/mine.ipynb").reason
    assert "its cells mix several notebooks" in placed(report, "f/01-single-neuron.ipynb").note
    assert "the only notebook handed in" in placed(report, "d/notes.ipynb").note
    assert unused(report, "e/05-layers-and-dense-class.ipynb").reason.startswith(
        f"named like {OTHER}, not {NB}"
    )


def _graded(cell: dict) -> bool:
    meta = cell["metadata"].get("nbgrader", {})
    return bool(meta.get("grade") or meta.get("solution"))


# --------------------------------------------------------------------------- the class record


def test_the_class_record_keeps_who_and_when_and_only_what_was_filed(tmp_path):
    entries = {
        "smithjane_3103_1_01-single-neuron.ipynb": notebook(text="on time"),
        "doejohn_LATE_3104_2_01-single-neuron.ipynb": notebook(text="late"),
        "parkmin_3106_3_answers.py": b"print('no notebook')\n",
    }
    source, submitted, record = tmp_path / "c.zip", tmp_path / "submitted", tmp_path / "r.json"
    make_zip(source, entries)
    collect(source, NB, [NB], submitted, record=record)

    saved = ClassRecord.load(record)
    assert saved.id_from == IdFrom.LOGIN_AND_ID
    assert saved.students == {
        "doejohn-3104": Owner(Lms.CANVAS, "3104", "doejohn", "doejohn"),
        "parkmin-3106": Owner(Lms.CANVAS, "3106", "parkmin", "parkmin"),
        "smithjane-3103": Owner(Lms.CANVAS, "3103", "smithjane", "smithjane"),
    }
    handed = saved.submissions[NB]
    assert handed["parkmin-3106"] == {}, "listed, with nothing usable"
    assert handed["doejohn-3104"][NB].late and not handed["smithjane-3103"][NB].late
    assert handed["doejohn-3104"][NB].source == "doejohn_LATE_3104_2_01-single-neuron.ipynb"
    when = datetime.datetime.fromisoformat(handed["smithjane-3103"][NB].submitted_at)
    with zipfile.ZipFile(source) as archive:
        assert when.timetuple()[:6] == archive.infolist()[0].date_time, "Canvas's upload time"

    make_zip(source, {"smithjane_3103_9_01-single-neuron.ipynb": notebook(text="changed")})
    again = collect(source, NB, [NB], submitted, record=record)
    assert again.nothing_filed().startswith("nothing filed: 1 file differed")
    assert ClassRecord.load(record) == saved, "a file kept out changes nothing"
    with pytest.raises(ValueError, match="named by login-and-id"):
        collect(source, NB, [NB], submitted, record=record, id_from=IdFrom.LMS_ID)
    record.write_text("{not json")
    with pytest.raises(ValueError, match="is not a class record"):
        collect(source, NB, [NB], submitted, record=record)
