"""The student's workspace (nbhelpers/workspace.py): a copy of the course that a course
update brings up to date without ever overwriting the student's work."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest

from autograder.course.folders import NOTEBOOKS_DIR
from nbhelpers.workspace import MANIFEST, UPDATES_NOTE, Workspace, main

NOTEBOOK = Path("01-intro/01-intro.ipynb")


def _write_notebook(path: Path, *sources: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    nbformat.write(nb, str(path))


def _sources(path: Path) -> list[str]:
    return [c.source for c in nbformat.read(str(path), as_version=4).cells]


def _edit(path: Path, source: str) -> None:
    """What a student does: change a cell, and run it (outputs, execution count)."""
    nb = nbformat.read(str(path), as_version=4)
    nb.cells[0].source = source
    nb.cells[0].outputs = [nbformat.v4.new_output("stream", text="hi")]
    nbformat.write(nb, str(path))


@pytest.fixture
def course(tmp_path):
    course = tmp_path / "notebooks"
    _write_notebook(course / NOTEBOOK, "# YOUR CODE HERE", "check()")
    (course / "01-intro" / "data.csv").write_text("x,y\n1,2\n")
    return course


@pytest.fixture
def work(tmp_path, course):
    """A workspace after its first sync."""
    Workspace(tmp_path / "my-work").sync(course)
    return tmp_path / "my-work"


def _sync(work: Path, course: Path):
    return Workspace(work).sync(course)


def test_first_use_copies_the_whole_course(tmp_path):
    report = _sync(tmp_path / "my-work", NOTEBOOKS_DIR)
    copied = sorted(
        p.relative_to(tmp_path / "my-work") for p in (tmp_path / "my-work").rglob("*.ipynb")
    )
    assert (
        copied
        == report.added
        == sorted(p.relative_to(NOTEBOOKS_DIR) for p in NOTEBOOKS_DIR.rglob("*.ipynb"))
    )
    for path in copied:
        assert (tmp_path / "my-work" / path).read_bytes() == (NOTEBOOKS_DIR / path).read_bytes()
    assert (tmp_path / "my-work" / MANIFEST).is_file()


def test_a_second_sync_changes_nothing(work, course):
    before = {p: p.read_bytes() for p in work.rglob("*") if p.is_file()}
    report = _sync(work, course)
    assert report.lines(work) == [f"{work} is up to date with the course."]
    assert {p: p.read_bytes() for p in work.rglob("*") if p.is_file()} == before


def test_an_untouched_notebook_is_refreshed(work, course):
    _write_notebook(course / NOTEBOOK, "# YOUR CODE HERE", "check()  # a better test")
    report = _sync(work, course)
    assert report.updated == [NOTEBOOK] and not report.placed
    assert _sources(work / NOTEBOOK)[1] == "check()  # a better test"


def test_a_run_but_unchanged_notebook_counts_as_untouched(work, course):
    nb = nbformat.read(str(work / NOTEBOOK), as_version=4)
    for i, cell in enumerate(nb.cells):
        cell.execution_count = i + 1
        cell.outputs = [nbformat.v4.new_output("error", ename="CheckFailure", evalue="not yet")]
    nb.metadata["language_info"] = {"name": "python", "version": "3.11.7"}
    nbformat.write(nb, str(work / NOTEBOOK))
    assert _sync(work, course).lines(work) == [f"{work} is up to date with the course."]
    _write_notebook(course / NOTEBOOK, "# YOUR CODE HERE", "check(2)")
    assert _sync(work, course).updated == [NOTEBOOK]


def test_a_changed_notebook_is_kept_and_the_new_version_placed_beside_it(work, course, capsys):
    _edit(work / NOTEBOOK, "def f(): return 42")
    mine = (work / NOTEBOOK).read_bytes()
    assert _sync(work, course).lines(work) == [f"{work} is up to date with the course."]

    _write_notebook(course / NOTEBOOK, "# YOUR CODE HERE", "check(2)")
    assert main([str(work), "--course", str(course)]) == 0
    printed = capsys.readouterr().out
    new = NOTEBOOK.with_name("01-intro.new.ipynb")
    assert (work / NOTEBOOK).read_bytes() == mine
    assert _sources(work / new) == ["# YOUR CODE HERE", "check(2)"]
    assert f"kept your changes in {work / NOTEBOOK}" in printed and str(work / new) in printed
    assert str(new) in (work / UPDATES_NOTE).read_text()

    # Again: nothing more. A further update refreshes the placed copy, the student's stays.
    assert not _sync(work, course).placed
    _write_notebook(course / NOTEBOOK, "# YOUR CODE HERE", "check(3)")
    assert _sync(work, course).placed == [(NOTEBOOK, new)]
    assert _sources(work / new)[1] == "check(3)" and (work / NOTEBOOK).read_bytes() == mine


def test_a_placed_version_the_student_changed_is_kept_too(work, course):
    _edit(work / NOTEBOOK, "mine")
    _write_notebook(course / NOTEBOOK, "# YOUR CODE HERE", "check(2)")
    _sync(work, course)
    new = NOTEBOOK.with_name("01-intro.new.ipynb")
    _edit(work / new, "also mine")
    _write_notebook(course / NOTEBOOK, "# YOUR CODE HERE", "check(3)")
    assert _sync(work, course).placed == [(NOTEBOOK, NOTEBOOK.with_name("01-intro.new-2.ipynb"))]
    assert _sources(work / new)[0] == "also mine"


def test_new_notebooks_and_files_appear(work, course):
    _write_notebook(course / "02-next" / "02-next.ipynb", "x = 1")
    (course / "01-intro" / "picture.png").write_bytes(b"\x89PNG")
    report = _sync(work, course)
    assert sorted(report.added) == [Path("01-intro/picture.png"), Path("02-next/02-next.ipynb")]
    assert _sources(work / "02-next" / "02-next.ipynb") == ["x = 1"]


def test_a_changed_data_file_is_kept(work, course):
    (work / "01-intro" / "data.csv").write_text("my own data\n")
    (course / "01-intro" / "data.csv").write_text("x,y\n1,3\n")
    report = _sync(work, course)
    assert report.placed == [(Path("01-intro/data.csv"), Path("01-intro/data.new.csv"))]
    assert (work / "01-intro" / "data.csv").read_text() == "my own data\n"


def test_a_malformed_notebook_is_kept_and_reported(work, course):
    (work / NOTEBOOK).write_text('{"cells": [')
    report = _sync(work, course)
    assert report.unreadable == [NOTEBOOK] and "could not read" in report.lines(work)[0]
    assert (work / NOTEBOOK).read_text() == '{"cells": ['
    _write_notebook(course / NOTEBOOK, "# YOUR CODE HERE", "check(2)")
    report = _sync(work, course)
    assert (work / NOTEBOOK).read_text() == '{"cells": ['
    assert report.placed == [(NOTEBOOK, NOTEBOOK.with_name("01-intro.new.ipynb"))]


def test_without_a_manifest_every_differing_file_counts_as_work(work, course):
    (work / MANIFEST).unlink()
    _write_notebook(course / NOTEBOOK, "# YOUR CODE HERE", "check(2)")
    report = _sync(work, course)
    assert [mine for mine, _ in report.placed] == [NOTEBOOK]
    assert json.loads((work / MANIFEST).read_text())  # the files that agree are recorded again


def test_checkpoints_and_hidden_files_of_the_course_are_not_copied(tmp_path, course):
    shutil.copytree(course / "01-intro", course / "01-intro" / ".ipynb_checkpoints")
    report = _sync(tmp_path / "w", course)
    assert sorted(report.added) == [Path("01-intro/01-intro.ipynb"), Path("01-intro/data.csv")]
