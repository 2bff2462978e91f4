"""A grader killed at each step of recording a submission: the rerun mends exactly that one.

Recording (:func:`autograder.grading.record.record`) is a sequence of writes: the old
results removed, the graded notebooks, the gradebook's commits, the result file. A child
process grades three students and is killed (SIGKILL) before one step of the second
student's recording, a step further each time; then grading runs again. Whatever the
step, the rerun must grade again exactly what was not completely recorded, leave the rest
and say how many it left, and file nothing twice. Grading itself is replaced by a
canned full score, so that only recording is under test (and no sandbox is needed).
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import types
from pathlib import Path

import nbformat
import pytest

from autograder.course.folders import ClassFolder
from autograder.grading import grade, record
from autograder.grading.spec import load_spec
from autograder.grading.submission import GradedSubmission, fingerprint
from tests.classes import answered, copy_class, released_class, submit
from tests.grading_fixtures import all_passed

pytestmark = pytest.mark.slow

ASSIGNMENT = "01-single-neuron"
STUDENTS = ["s1", "s2", "s3"]
VICTIM = "s2"  # whose recording is killed; s1 is recorded before it, s3 after
AFTER_RECORDING = "after its recording"  # the last place to kill: after every step
REPO = Path(__file__).resolve().parent.parent


def _graded_at_once(spec, student, submitted, pool, limits) -> GradedSubmission:
    """Stands in for ``grade.grade_one``: every test passed, one graded notebook each."""
    empty = nbformat.writes(nbformat.v4.new_notebook())
    return all_passed(spec, student, fingerprint(spec, submitted), empty)


def _kill_at_step(kill_at: int) -> None:
    """Make this process kill itself before step ``kill_at`` (from 1) of the victim's
    recording, or after its last step if it has exactly ``kill_at - 1``; each step is
    printed as it comes (the last one printed by a process killed before it)."""
    from sqlalchemy.orm import Session

    steps = 0
    recording = False

    def step(name, function):
        def counted(*args, **kwargs):
            nonlocal steps
            if recording:
                steps += 1
                print(name, flush=True)
                if steps == kill_at:
                    os.kill(os.getpid(), signal.SIGKILL)
            return function(*args, **kwargs)

        return counted

    def victims_recording(folder, batch, gradebook):
        nonlocal recording
        recording = [graded.result.student for graded in batch] == [VICTIM]
        original(folder, batch, gradebook)
        if recording and steps + 1 == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        recording = False

    original = record.record
    record.record = victims_recording
    record.shutil = types.SimpleNamespace(rmtree=step("old results removed", record.shutil.rmtree))
    write = record.write_atomically
    record.write_atomically = lambda path, data: step(f"{path.name} written", write)(path, data)
    Session.commit = step("gradebook commit", Session.commit)


def child(root: str, force: str, kill_at: str) -> None:
    """The killed grader: ``python -c 'from tests.test_killed_recording import child; ...'``."""
    _kill_at_step(int(kill_at))
    grade.grade_one = _graded_at_once
    folder = ClassFolder.at(Path(root))
    # One worker: the students are recorded in order, so the victim's is the second.
    grade.grade(
        folder, [ASSIGNMENT], force=force == "force", workers=1, progress=False, unsafe=True
    )


def _killed_grader(folder: ClassFolder, force: bool, kill_at: int) -> tuple[bool, list[str]]:
    """Run the grader, killed at step ``kill_at``: (whether it was killed, steps taken)."""
    call = f"from tests.test_killed_recording import child; child({str(folder.root)!r}, "
    call += f"{'force' if force else ''!r}, {str(kill_at)!r})"
    env = dict(os.environ, PYTHONPATH=str(REPO))
    done = subprocess.run(
        [sys.executable, "-c", call], cwd=REPO, env=env, capture_output=True, text=True
    )
    assert done.returncode in (0, -signal.SIGKILL), done.stderr
    return done.returncode == -signal.SIGKILL, done.stdout.splitlines()


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    folder = released_class(tmp_path_factory.mktemp("killed") / "template", [ASSIGNMENT])
    for student in STUDENTS:
        submit(folder, student, ASSIGNMENT, answered(ASSIGNMENT))
    return folder


@pytest.fixture(scope="module")
def graded_template(template, tmp_path_factory):
    """The class with every submission graded once, completely."""
    folder = copy_class(template, tmp_path_factory.mktemp("killed") / "graded")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(grade, "grade_one", _graded_at_once)
        grade.grade(folder, [ASSIGNMENT], progress=False, unsafe=True)
    return folder


def _complete(folder: ClassFolder) -> set[str]:
    """The students whose submission is completely recorded, as the grader judges it."""
    spec = load_spec(folder, ASSIGNMENT)
    return {
        s
        for s in STUDENTS
        if record.is_graded(
            folder, s, ASSIGNMENT, fingerprint(spec, folder.submitted / s / ASSIGNMENT)
        )
    }


@pytest.mark.parametrize("force", [False, True], ids=["first grading", "grading again (--force)"])
def test_a_grader_killed_at_any_step_of_recording_is_mended_by_the_rerun(
    template, graded_template, tmp_path, monkeypatch, force
):
    monkeypatch.setattr(grade, "grade_one", _graded_at_once)
    kill_at, killed = 0, True
    while killed:
        kill_at += 1
        folder = copy_class(graded_template if force else template, tmp_path / f"class-{kill_at}")
        killed, steps = _killed_grader(folder, force, kill_at)
        if not killed:
            break
        where = f"before {steps[-1]!r}" if len(steps) == kill_at else AFTER_RECORDING

        # The victim is completely recorded only once its result file is in place, or,
        # when grading again, until its old results are removed (the first step); the
        # student recorded before it always is.
        victim_done = where == AFTER_RECORDING or (force and kill_at == 1)
        expected = {"s1", *([VICTIM] if victim_done else []), *(["s3"] if force else [])}
        assert _complete(folder) == expected, where

        summary = grade.grade(folder, [ASSIGNMENT], progress=False, unsafe=True)
        assert {s for _, s in summary.skipped} == expected, where
        assert sorted(r.student for r in summary.graded) == sorted(set(STUDENTS) - expected), where
        assert _complete(folder) == set(STUDENTS), where
        with sqlite3.connect(folder.root / "gradebook.db") as db:
            assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            filed = db.execute(
                "SELECT student.id, COUNT(*) FROM submitted_assignment "
                "JOIN student ON student.id = submitted_assignment.student_id GROUP BY student.id"
            ).fetchall()
        assert sorted(filed) == [(s, 1) for s in STUDENTS], where
        leftovers = list(folder.autograded.rglob(".*"))  # temporary files of atomic writes
        assert not leftovers, (where, leftovers)
    assert kill_at > 4, "the recording was killed at each of its steps"
