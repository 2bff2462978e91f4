"""The command line used wrongly: each case says what is wrong in one line, exits non-zero,
and creates or loses nothing (wrong folder, typos, read-only folders, a second grader,
Ctrl-C, a closed pipe)."""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from autograder.__main__ import COMMANDS, main
from autograder.course.lock import LOCK_FILE, class_lock
from tests.classes import answered, copy_class, released_class, submit

pytestmark = pytest.mark.slow

ASSIGNMENT = "01-single-neuron"
OTHER = "05-layers-and-dense-class"
ARGUMENTS = {"collect": ["download.zip", ASSIGNMENT], "roster": ["roster.csv"]}


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def listing(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() if p.is_file() else b"/"
        for p in sorted(root.rglob("*"))
    }


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return released_class(tmp_path_factory.mktemp("misuse") / "template", [ASSIGNMENT, OTHER])


@pytest.fixture
def folder(template, tmp_path):
    return copy_class(template, tmp_path / "class")


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_folder_that_is_not_a_class_folder_is_named_and_left_as_it_was(folder, command):
    for wrong in (folder.root.parent / "empty", folder.release):  # e.g. run from notebooks/
        wrong.mkdir(exist_ok=True)
        before = listing(wrong)
        code, out, err = run(command, *ARGUMENTS.get(command, []), "--root", str(wrong))
        assert code == 1 and out == "", (command, out)
        assert err.count("\n") == 1 and f"{wrong} is not a class folder" in err, err
        assert listing(wrong) == before, "nothing is created in a folder that is not a class's"


def test_release_takes_root_and_its_advice_names_the_folder(folder):
    code, out, err = run("grade", "09-not-released-yet", "--root", str(folder.root))
    assert code == 1 and f"`autograder release --root {folder.root}`" in err, err
    code, out, _ = run("release", "--root", str(folder.root))
    assert code == 0 and str(folder.release) in out and ASSIGNMENT in out, out


def test_typos_get_the_close_matches_and_change_nothing(folder):
    submit(folder, "alice-1001", ASSIGNMENT, answered(ASSIGNMENT))
    before = listing(folder.root)
    cases = {
        ("grade", "01-single-nueron"): "did you mean 01-single-neuron?",
        ("grade", ASSIGNMENT, "--student", "alice-1010"): "did you mean alice-1001?",
        ("grade", OTHER): f"nothing to grade: no one handed in {OTHER}",
        ("feedback", "01-single-nueron"): "did you mean",
        ("export", "01-single-nueron"): "did you mean",
        ("report", "01-single-nueron"): "did you mean",
    }
    for argv, message in cases.items():
        code, out, err = run(*argv, "--root", str(folder.root))
        assert code == 1 and message in err and err.count("\n") == 1 and out == "", (argv, err)
    after = listing(folder.root)
    assert after == before


def test_a_second_grader_is_stopped_with_the_name_of_the_first_and_a_dead_ones_lock_is_taken(
    folder,
):
    with class_lock(folder.root, "grade"):
        before = listing(folder.root)
        code, _, err = run("grade", "--root", str(folder.root))
        assert code == 1 and f"pid {os.getpid()}" in err and "`autograder grade`" in err, err
        assert "started" in err and err.count("\n") == 1
        assert listing(folder.root) == before
    assert not (folder.root / LOCK_FILE).exists(), "the lock goes with its holder"

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (folder.root / LOCK_FILE).write_text(
        json.dumps({"command": "grade", "pid": dead.pid, "started": "earlier"})
    )
    code, _, err = run("grade", "--root", str(folder.root))
    assert code == 1 and "nothing to grade" in err, "a dead grader's lock is taken over"


def test_read_only_class_folder_gives_one_line_and_a_failure(folder):
    if shutil.which("bwrap") is None:
        pytest.skip("bubblewrap is needed to make a folder read-only for root")
    (folder.root / "roster.csv").write_text("Student,ID,SIS User ID,SIS Login ID,Section\n")
    before = listing(folder.root)
    for argv in (["grade"], ["roster", "roster.csv"], ["release"]):
        done = subprocess.run(
            ["bwrap", "--dev-bind", "/", "/", "--ro-bind", str(folder.root), str(folder.root)]
            + [sys.executable, "-m", "autograder", *argv, "--root", str(folder.root)],
            capture_output=True,
            text=True,
            cwd=folder.root,
        )
        assert done.returncode == 1 and "Traceback" not in done.stderr, (argv, done.stderr)
        assert "Read-only file system" in done.stderr and done.stderr.count("\n") == 1
    assert listing(folder.root) == before


def test_a_closed_pipe_ends_quietly(folder):
    roster = folder.root.parent / "roster.csv"
    roster.write_text('Student,ID,SIS User ID,SIS Login ID,Section\n"Smith, Jane",1001,,js,A\n')
    reader = subprocess.Popen(
        [sys.executable, "-m", "autograder", "roster", str(roster), "--root", str(folder.root)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    reader.stdout.close()  # as `| head` does once it has read its lines
    err = reader.stderr.read().decode()
    assert reader.wait() == 141 and "Traceback" not in err and "BrokenPipe" not in err, err
    assert "Smith" in (folder.root / "students.json").read_text(), "the work is done all the same"


def _autograder_cgroups(pid: int) -> list[Path]:
    roots = (Path("/sys/fs/cgroup/pids"), Path("/sys/fs/cgroup"))
    return [p for root in roots for p in root.glob(f"nnfs-autograder-*-{pid}")]


def test_ctrl_c_stops_grading_at_once_and_leaves_nothing_behind(folder):
    loop = {
        "neuron_output": "def neuron_output(inputs, weights, bias):\n    while True:\n        pass"
    }
    submit(folder, "looper", ASSIGNMENT, answered(ASSIGNMENT, replace=loop))
    grader = subprocess.Popen(
        [sys.executable, "-m", "autograder", "grade", "--root", str(folder.root), "--workers", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not any(Path(tempfile.gettempdir()).glob("autograder-*/worker-0")):
        assert grader.poll() is None and time.monotonic() < deadline
        time.sleep(0.1)
    time.sleep(3)  # into the looping cell
    grader.send_signal(signal.SIGINT)
    out, err = grader.communicate(timeout=30)
    assert grader.returncode == 130 and "interrupted" in err and "Traceback" not in err, err
    assert not _autograder_cgroups(grader.pid), "the sandbox's cgroups are removed"
    assert not (folder.root / LOCK_FILE).exists()
