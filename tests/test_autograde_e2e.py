"""End to end with stock nbgrader, and our autograder against it on the same submissions.

A class hands in every assignment: Alice the instructor's solutions, Bob the untouched
student notebooks, Carol answers with typical mistakes (one wrong, one that fits only the
visible tests), Dave correct answers, one of which prints a debugging line to stderr, and
Erin (notebook 01 only) code that kills the kernel halfway.

Stock ``nbgrader autograde`` must give Alice full marks and Bob zero (the sources, the
generated notebooks and the configuration work in nbgrader itself), and its feedback
must not show the hidden tests. Our ``autograder grade`` must give every test cell the
score stock nbgrader gives, except where stock is wrong, as the README documents:

* output on stderr does not fail a test (stock: the tests that call Dave's noisy function
  score 0);
* a kernel that dies is reported as a crash, and the tests that ran before it keep their
  scores (stock: Erin's notebook silently scores 0).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from autograder.course.folders import CONFIG_FILE, ClassFolder
from autograder.course.release import assignment_ids
from autograder.grading import grade
from tests.classes import answered, released_class, solution_answers, submit, untouched
from tests.exercises import Kind, catalogue

pytestmark = pytest.mark.slow

CRASHING = "01-single-neuron"


def _carol(assignment: str) -> dict:
    wrong = next(c for c in catalogue(Kind.WRONG) if c.assignment == assignment)
    visible = next(
        c
        for c in catalogue(Kind.VISIBLE_ONLY)
        if c.assignment == assignment and c.answer != wrong.answer
    )
    return answered(assignment, {wrong.answer: wrong.code, visible.answer: visible.code})


def _dave(assignment: str) -> dict:
    answer = solution_answers(assignment)["neuron_output"]
    noisy = answer.replace('    """', '    print("debugging", file=sys.stderr)\n    """', 1)
    return answered(assignment, {"neuron_output": "import sys\n" + noisy})


def _erin(assignment: str) -> dict:
    return answered(assignment, {"line_parameters": "import os\nos._exit(1)"})


def _scores(db_url: str, assignments) -> dict[tuple[str, str, str], float | None]:
    """(assignment, student, grade_id) -> auto score, from a gradebook."""
    from nbgrader.api import Gradebook

    with Gradebook(db_url) as gradebook:
        return {
            (a, s.student.id, g.name): g.auto_score
            for a in assignments
            for s in gradebook.assignment_submissions(a)
            for nb in s.notebooks
            for g in nb.grades
        }


@pytest.fixture(scope="module")
def graded_twice(tmp_path_factory):
    """The class graded by stock nbgrader (in ``stock/``) and by ours (in ``ours/``)."""
    base = tmp_path_factory.mktemp("e2e")
    stock = released_class(base / "stock", assignment_ids())
    ids = assignment_ids()
    for assignment in ids:
        submit(
            stock,
            "alice",
            assignment,
            (stock.source / assignment / f"{assignment}.ipynb").read_bytes(),
        )
        submit(stock, "bob", assignment, untouched(assignment))
        submit(stock, "carol", assignment, _carol(assignment))
        if assignment == CRASHING:
            submit(stock, "dave", assignment, _dave(assignment))
            submit(stock, "erin", assignment, _erin(assignment))
    ours = ClassFolder.at(shutil.copytree(stock.root, base / "ours"))

    env = dict(
        os.environ,
        JUPYTER_CONFIG_PATH=str(CONFIG_FILE.parent),
        PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]]),
    )
    nbgrader = str(Path(sys.executable).parent / "nbgrader")
    # One run per step for the whole course ("*" is a glob over assignment ids, as nbgrader
    # reads it): a run costs seconds of start-up before it grades anything.
    for step in ("autograde", "generate_feedback"):
        done = subprocess.run(
            [nbgrader, step, "*"],
            cwd=stock.root,
            env=env,
            capture_output=True,
            text=True,
            timeout=1200,
        )
        log = done.stdout + done.stderr
        if step == "autograde":  # stock gives up on Erin, and only on her
            assert done.returncode == 1 and "DeadKernelError" in log, log
            failed = re.findall(r"error processing assignment '([^']+)' for student '([^']+)'", log)
            assert set(failed) == {(CRASHING, "erin")}, log
        else:
            assert done.returncode == 0, log

    summary = grade.grade(ours, ids, progress=False)
    return stock, ours, summary, ids


def test_stock_nbgrader_grades_solutions_full_and_untouched_notebooks_zero(graded_twice):
    from nbgrader.api import Gradebook

    stock, _, _, ids = graded_twice
    with Gradebook(stock.db_url) as gradebook:
        for assignment in ids:
            alice = gradebook.find_submission(assignment, "alice")
            bob = gradebook.find_submission(assignment, "bob")
            assert alice.max_score > 0
            assert alice.score == alice.max_score, f"{assignment}: the solutions lose points"
            assert bob.score == 0, f"{assignment}: an untouched notebook earns points"
            cells = {g.name: g.score for nb in bob.notebooks for g in nb.grades}
            assert cells and all(score == 0 for score in cells.values())

    for assignment in ids:
        for student in ("alice", "bob"):
            page = (stock.feedback / student / assignment / f"{assignment}.html").read_text()
            assert "_hidden_tests" not in page and "HIDDEN TESTS" not in page, (
                "feedback shows hidden tests"
            )
        bob_page = (stock.feedback / "bob" / assignment / f"{assignment}.html").read_text()
        assert "is not written yet" in bob_page


def test_our_autograder_gives_every_test_cell_the_score_stock_nbgrader_gives(graded_twice):
    stock, ours, _, ids = graded_twice
    theirs, mine = _scores(stock.db_url, ids), _scores(ours.db_url, ids)
    assert set(mine) == set(theirs)
    differences = {key: (theirs[key], mine[key]) for key in theirs if theirs[key] != mine[key]}
    erin = {key: value for key, value in differences.items() if key[1] == "erin"}
    # Dave's neuron_output prints to stderr, which stock nbgrader counts as a failure.
    documented = {(CRASHING, "dave", "test_neuron_output"): (0.0, 3.0)}
    assert {k: v for k, v in differences.items() if k[1] != "erin"} == documented
    # Erin's kernel dies in Exercise 2: stock scores nothing; ours keeps Exercise 1 and says why.
    assert all(stock_score in (0.0, None) for stock_score, _ in erin.values())
    assert mine[(CRASHING, "erin", "test_neuron_output")] == 3.0
    assert sum(theirs[k] or 0 for k in theirs if k[1] == "carol") > 0, (
        "Carol's mistakes should cost only some points"
    )


def test_a_dead_kernel_is_reported_as_a_crash_not_a_silent_zero(graded_twice):
    summary = graded_twice[2]
    erin = next(r for r in summary.graded if r.student == "erin")
    assert erin.needs_human and erin.status == f"needs review: {CRASHING}: crash"
    assert "exit status 1" in erin.notebooks[0].problems[0].message
