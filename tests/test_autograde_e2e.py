"""End to end with stock nbgrader: release, two students submit, `nbgrader autograde` grades.

Alice hands in the solutions, Bob the untouched student notebooks. Stock nbgrader must
give Alice full marks and Bob zero on every assignment, which shows that the sources,
the generated notebooks and the course configuration work together in nbgrader itself;
the feedback pages it then writes must not show the hidden tests.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from autograder import course

pytestmark = pytest.mark.slow


def test_stock_nbgrader_grades_solutions_full_and_untouched_notebooks_zero(tmp_path):
    from nbgrader.api import Gradebook

    root = tmp_path / "class"
    shutil.copytree(course.SOLUTIONS_DIR, root / "solutions")
    ids = course.release(root / "notebooks", source_dir=root / "solutions", course_root=root)

    for assignment in ids:
        for student, origin in (("alice", "solutions"), ("bob", "notebooks")):
            target = root / "submitted" / student / assignment
            target.mkdir(parents=True)
            shutil.copy(root / origin / assignment / f"{assignment}.ipynb", target)

    env = dict(os.environ, JUPYTER_CONFIG_PATH=str(course.CONFIG_FILE.parent),
               PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]]))
    nbgrader = str(Path(sys.executable).parent / "nbgrader")
    for assignment in ids:
        for step in ("autograde", "generate_feedback"):
            done = subprocess.run([nbgrader, step, assignment], cwd=root, env=env,
                                  capture_output=True, text=True, timeout=600)
            assert done.returncode == 0, done.stdout + done.stderr

    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gradebook:
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
            page = (root / "feedback" / student / assignment / f"{assignment}.html").read_text()
            assert "_hidden_tests" not in page and "HIDDEN TESTS" not in page, "feedback shows hidden tests"
        bob_page = (root / "feedback" / "bob" / assignment / f"{assignment}.html").read_text()
        assert "is not written yet" in bob_page
