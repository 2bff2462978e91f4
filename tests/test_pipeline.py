"""The nbgrader pipeline: sources, generated student notebooks, and how both run."""

from __future__ import annotations

import json
import re
import shutil

import nbformat
import pytest

from autograder.course.folders import NOTEBOOKS_DIR, SOLUTIONS_DIR
from autograder.course.release import ReleaseError, assignment_ids, release, work_in_release
from tests import notebooks as nbs

ASSIGNMENTS = assignment_ids()
EXERCISE_HEADING = re.compile(r"^### Exercise (\d+) · `(\w+)`[^\n]* \((\d+) points?\)$", re.M)


def test_the_course_has_its_notebooks_in_order():
    assert ASSIGNMENTS[:2] == ["01-single-neuron", "02-layer-of-neurons"]
    assert [a[:2] for a in ASSIGNMENTS] == [f"{i:02d}" for i in range(1, len(ASSIGNMENTS) + 1)]


def test_misnamed_assignment_folders_are_refused(tmp_path):
    (tmp_path / "3-no-padding").mkdir()
    with pytest.raises(ValueError, match="NN-slug"):
        assignment_ids(tmp_path)
    (tmp_path / "3-no-padding").rmdir()
    (tmp_path / "03-empty").mkdir()
    with pytest.raises(ValueError, match="03-empty.ipynb"):
        assignment_ids(tmp_path)


# --------------------------------------------------------------------------- sources


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_source_cells_are_well_formed(assignment):
    nb = nbs.read(nbs.source_path(assignment))
    assert nb.metadata.kernelspec.name == "python3"
    ids = [nbs.grade_id(c) for c in nb.cells]
    assert None not in ids, "every cell needs nbgrader metadata (read-only, answer or test)"
    assert len(ids) == len(set(ids)), "grade ids must be unique"
    for cell in nb.cells:
        assert not cell.get("outputs"), f"{nbs.grade_id(cell)}: sources are stored without outputs"
        meta = nbs.nbgrader_meta(cell)
        if nbs.is_answer(cell):
            assert not meta["locked"] and not meta["grade"]
            assert nbs.SOLUTION_BEGIN in cell.source and nbs.SOLUTION_END in cell.source
            assert re.search(r'"""[\s\S]*Args:[\s\S]*Returns:', cell.source), (
                f"{nbs.grade_id(cell)}: the docstring states arguments and return value"
            )
        elif nbs.is_test(cell):
            assert meta["locked"] and meta["points"] > 0
            assert cell.source.startswith('"""'), (
                "a test cell starts with a docstring saying what it checks"
            )
            assert nbs.HIDDEN_BEGIN in cell.source and nbs.HIDDEN_END in cell.source
            assert "passed(" in nbs.visible_part(cell.source), (
                "visible tests end by saying they passed"
            )
        else:
            assert meta["locked"], f"{nbs.grade_id(cell)}: explanations and demos are read-only"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_exercise_is_announced_answered_and_tested(assignment):
    """Heading 'Exercise N · `name` (P points)' -> answer cell defining name -> test worth P."""
    nb = nbs.read(nbs.source_path(assignment))
    cells = nb.cells
    exercises = []
    for i, cell in enumerate(cells):
        if cell.cell_type == "markdown":
            exercises += [(i, *m) for m in EXERCISE_HEADING.findall(cell.source)]
    assert 3 <= len(exercises) <= 6
    assert [int(n) for _, n, _, _ in exercises] == list(range(1, len(exercises) + 1))
    owners = nbs.exercise_of_each_test(nbs.source_path(assignment))
    for i, _, name, points in exercises:
        answer = next(c for c in cells[i:] if nbs.is_answer(c))
        assert re.search(rf"^(def|class) {name}\b", answer.source, re.M), (
            f"the answer cell defines {name}"
        )
        # Its tests: the main one, then any secondary requirement's, each with its points.
        answer_id = nbs.grade_id(answer)
        tests = [c for c in cells if nbs.is_test(c) and owners[nbs.grade_id(c)] == answer_id]
        assert tests and nbs.grade_id(tests[0]) == f"test_{answer_id}"
        assert sum(nbs.nbgrader_meta(t)["points"] for t in tests) == int(points)
        assert all(name in nbs.visible_part(t.source) for t in tests)
    assert len(set(owners.values())) == len(exercises), "every test follows its exercise"
    text = "\n".join(c.source for c in cells if c.cell_type == "markdown")
    assert "<details>" in text, "hints are collapsible"
    assert "By the end you will be able to" in text and "## Summary" in text


# --------------------------------------------------------------------------- release


def test_notebooks_folder_is_exactly_what_nbgrader_generates(tmp_path):
    released = release(tmp_path / "notebooks", course_root=tmp_path, record_in_gradebook=False)
    assert released == ASSIGNMENTS
    generated = sorted(
        p.relative_to(tmp_path / "notebooks")
        for p in (tmp_path / "notebooks").rglob("*")
        if p.is_file()
    )
    committed = sorted(
        p.relative_to(NOTEBOOKS_DIR)
        for p in NOTEBOOKS_DIR.rglob("*")
        if p.is_file() and ".ipynb_checkpoints" not in p.parts
    )
    assert committed == generated, (
        "notebooks/ must hold exactly the generated files: run `make release`"
    )
    for path in generated:
        assert json.loads((NOTEBOOKS_DIR / path).read_text()) == json.loads(
            (tmp_path / "notebooks" / path).read_text()
        ), (
            f"notebooks/{path} differs from what solutions/ generates: run `make release`, "
            "never edit it by hand"
        )
    assert not (tmp_path / "gradebook.db").exists()


def test_release_removes_assignments_that_have_no_source(tmp_path):
    stale = tmp_path / "notebooks" / "99-removed"
    stale.mkdir(parents=True)
    release(tmp_path / "notebooks", course_root=tmp_path, record_in_gradebook=False)
    assert not stale.exists()


# What JupyterLab writes into a notebook when its kernel starts (Python's version aside):
# a notebook that carries all of it is not marked changed by being opened.
KERNEL_METADATA = {
    "kernelspec": {"display_name", "language", "name"},
    "language_info": {
        "codemirror_mode",
        "file_extension",
        "mimetype",
        "name",
        "nbconvert_exporter",
        "pygments_lexer",
        "version",
    },
}


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_notebooks_carry_the_metadata_jupyterlab_writes(assignment):
    source = nbs.read(nbs.source_path(assignment))
    assert {key: set(source.metadata[key]) for key in KERNEL_METADATA} == KERNEL_METADATA, (
        "open the solution in JupyterLab, run it and save it"
    )
    assert nbs.read(nbs.release_path(assignment)).metadata == source.metadata


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_run_all_goes_on_past_failing_tests_of_the_release_only(assignment):
    """Released graded test cells, and only they, carry raises-exception; sources none."""
    source = nbs.read(nbs.source_path(assignment))
    assert not any("tags" in c.metadata for c in source.cells)
    for cell in nbs.read(nbs.release_path(assignment)).cells:
        assert ("raises-exception" in cell.metadata.get("tags", [])) == nbs.is_test(cell)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_student_notebooks_leak_no_solution_or_hidden_test(assignment):
    """No line that appears only inside a solution or hidden-test region reaches the students."""
    source = nbs.read(nbs.source_path(assignment))
    release_text = nbs.release_path(assignment).read_text()
    release = nbs.read(nbs.release_path(assignment))
    for marker in nbs.MARKERS:
        assert marker not in release_text
    assert all(not c.get("outputs") for c in release.cells), (
        "student notebooks are stored without outputs"
    )

    secret_region = re.compile(
        r"### BEGIN (SOLUTION|HIDDEN TESTS).*?### END (SOLUTION|HIDDEN TESTS)", re.S
    )
    public_in_source = "\n".join(secret_region.sub("", c.source) for c in source.cells)
    secret_lines = {
        line.strip()
        for c in source.cells
        for region in secret_region.finditer(c.source)
        for line in region.group(0).splitlines()[1:-1]
    }
    student_text = "\n".join(c.source for c in release.cells)
    for line in secret_lines:
        if len(line) > 12 and line not in public_in_source:
            assert line not in student_text, (
                f"{assignment}: '{line}' leaked into the student notebook"
            )
    for cell in release.cells:
        if nbs.is_answer(cell):
            assert "raise NotImplementedError()" in cell.source


# --------------------------------------------------------------------------- running


@pytest.mark.slow
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_solution_runs_top_to_bottom_and_passes_every_test(assignment):
    run = nbs.execute(nbs.source_path(assignment))
    assert run.results == {}, f"nbgrader validate failed: {run.results}"
    for cell in run.notebook.cells:
        assert not nbs.errors(cell), (
            f"{nbs.grade_id(cell)} failed or wrote to stderr: {nbs.errors(cell)}"
        )
        if nbs.is_test(cell):
            assert any("✓" in o.get("text", "") for o in cell.outputs), "a passing test says so"


@pytest.mark.slow
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_untouched_student_notebook_fails_every_test_cleanly(assignment):
    run = nbs.execute(nbs.release_path(assignment), invert=True)
    assert run.results == {}, f"a test passes on the untouched notebook: {run.results}"
    for cell in run.notebook.cells:
        problems = nbs.errors(cell)
        if nbs.is_test(cell):
            assert [(p.output_type, p.get("ename")) for p in problems] == [
                ("error", "CheckFailure")
            ], f"{nbs.grade_id(cell)} should fail with the checker's message, not crash: {problems}"
            assert "is not written yet" in problems[0].evalue
        else:
            assert not problems, (
                f"{nbs.grade_id(cell)} must still run in an unfinished notebook: {problems}"
            )


# ----------------------------------------------------------------- release never loses work


@pytest.fixture
def course_copy(tmp_path):
    """A copy of the sources and of the committed student notebooks."""
    shutil.copytree(SOLUTIONS_DIR, tmp_path / "solutions")
    shutil.copytree(NOTEBOOKS_DIR, tmp_path / "notebooks")
    return tmp_path


def _release(root, **options):
    return release(
        root / "notebooks",
        source_dir=root / "solutions",
        course_root=root,
        record_in_gradebook=False,
        **options,
    )


def _snapshot(folder):
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _student_answers(path):
    nb = nbs.read(path)
    for cell in nb.cells:
        if nbs.is_answer(cell) and nbs.grade_id(cell) == "step":
            cell.source = cell.source.replace(
                "raise NotImplementedError()", "return 1 if x > 0 else 0"
            )
    nbformat.write(nb, str(path))


def test_a_broken_source_is_named_and_the_previous_release_kept(course_copy):
    broken = course_copy / "solutions" / "02-layer-of-neurons" / "02-layer-of-neurons.ipynb"
    broken.write_text(broken.read_text()[:2000])
    before = _snapshot(course_copy / "notebooks")
    with pytest.raises(ReleaseError, match="02-layer-of-neurons.ipynb is not a valid notebook"):
        _release(course_copy)
    assert _snapshot(course_copy / "notebooks") == before


@pytest.mark.parametrize(
    "make_work",
    [
        lambda folder: _student_answers(folder / "01-single-neuron" / "01-single-neuron.ipynb"),
        lambda folder: (folder / "02-layer-of-neurons" / "my-notes.ipynb").write_text("{}"),
        lambda folder: (
            (folder / "07-from-an-old-course").mkdir()
            or (folder / "07-from-an-old-course" / "x.py").write_text("1")
        ),
    ],
    ids=["answers in a notebook", "a student's own file", "a folder with no source"],
)
def test_release_refuses_to_overwrite_work_unless_forced(course_copy, make_work):
    make_work(course_copy / "notebooks")
    before = _snapshot(course_copy / "notebooks")
    with pytest.raises(ReleaseError, match="holds work that a release would overwrite"):
        _release(course_copy)
    assert _snapshot(course_copy / "notebooks") == before
    _release(course_copy, overwrite_work=True)
    assert _snapshot(course_copy / "notebooks") == _snapshot(NOTEBOOKS_DIR)


def test_an_executed_notebook_counts_as_work(course_copy):
    path = course_copy / "notebooks" / "01-single-neuron" / "01-single-neuron.ipynb"
    nb = nbs.read(path)
    nb.cells[1].outputs = [nbformat.v4.new_output("stream", text="hello")]
    nbformat.write(nb, str(path))
    assert work_in_release(course_copy / "notebooks", NOTEBOOKS_DIR) == [path]
