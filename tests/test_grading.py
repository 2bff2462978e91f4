"""The autograder against everything a student can hand in.

One class, each of whose students handed in notebook 01 (or 07, whose test of the Softmax
class gives the student's code a test's function to call back) in one of the ways a
submission can go wrong, is graded once, in parallel, with small limits so that the limits
are reached quickly. Each case then checks one student: the score it must get, the reasons
the report must give, whether it needs a human; and the class as a whole: nothing
submitted was changed, every student is in the gradebook, no process is left running.
Last, the submissions whose verdicts could hang on timing are graded five times over: the
verdicts must be the same every time.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from pathlib import Path

import nbformat
import pytest

from autograder.grading import grade as grading
from autograder.grading.results import Status, SubmissionResult
from autograder.runner.limits import Limits
from tests.classes import (
    answered,
    copy_class,
    index_of,
    released_class,
    solution_answers,
    submit,
    untouched,
)

pytestmark = pytest.mark.slow

ASSIGNMENT = "01-single-neuron"
FULL = 10.0  # neuron_output 3, line_parameters 2 + 1, step 1, gate_parameters 2 + 1
# Its test of the Softmax class (Exercise 4, 1 point) runs the student's class with the
# course's softmax: a function of the test's, which the student's code calls back.
SOFTMAX = "07-softmax"
FULL_SCORES = {ASSIGNMENT: FULL, SOFTMAX: 11.0}
# Limits that the cases about limits reach, with room for everything else to finish on a
# busy machine: honest cells take well under a second, a whole notebook a few seconds.
LIMITS = Limits(cell_seconds=8, notebook_seconds=40, memory_mb=512, processes=32, output_mb=1)
LINE = solution_answers(ASSIGNMENT)["line_parameters"]


def with_line_parameters(code: str, keep_solution: bool = True) -> dict:
    """The solution, with ``code`` at the top of Exercise 2's answer cell (an independent one)."""
    return answered(ASSIGNMENT, {"line_parameters": code + ("\n" + LINE if keep_solution else "")})


def with_softmax_class(code: str) -> dict:
    """07's solution, with ``code`` as Exercise 4's answer (the Softmax class)."""
    return answered(SOFTMAX, {"Softmax": code})


def edited(edit) -> dict:
    return answered(ASSIGNMENT, edit=edit)


def _delete(gid):
    return lambda cells: cells.pop(index_of(cells, gid))


def _duplicate(gid):
    def edit(cells):
        i = index_of(cells, gid)
        cells.insert(i, json.loads(json.dumps(cells[i])))

    return edit


def _split(gid):
    def edit(cells):
        i = index_of(cells, gid)
        lines = "".join(cells[i]["source"]).splitlines(keepends=True)
        second = json.loads(json.dumps(cells[i]))
        cells[i]["source"], second["source"] = "".join(lines[:3]), "".join(lines[3:])
        cells.insert(i + 1, second)

    return edit


def _merge_answer_and_test(answer, test):
    def edit(cells):
        i, j = index_of(cells, answer), index_of(cells, test)
        cells[i]["source"] = "".join(cells[i]["source"]) + "\n\n" + "".join(cells[j]["source"])
        cells.pop(j)

    return edit


def _append_to(gid, code):
    def edit(cells):
        cell = cells[index_of(cells, gid)]
        cell["source"] = "".join(cell["source"]) + code

    return edit


def _move_before(gid, other):
    def edit(cells):
        cell = cells.pop(index_of(cells, gid))
        cells.insert(index_of(cells, other), cell)

    return edit


def _metadata(gid, key, value, cell_type=None):
    def edit(cells):
        cell = cells[index_of(cells, gid)]
        cell["metadata"]["nbgrader"][key] = value
        if cell_type:
            cell["cell_type"] = cell_type
            cell.pop("outputs", None)
            cell.pop("execution_count", None)

    return edit


def _sleepy_cells(after):
    def edit(cells):
        i = index_of(cells, after)
        cells[i + 1 : i + 1] = [
            {
                "cell_type": "code",
                "metadata": {},
                "source": "import time\ntime.sleep(5)",
                "outputs": [],
                "execution_count": None,
            }
            for _ in range(10)
        ]

    return edit


def _as_nbformat(version: int) -> bytes:
    notebook = answered(ASSIGNMENT)
    if version == 3:
        return nbformat.writes(
            nbformat.convert(nbformat.reads(json.dumps(notebook), 4), 3)
        ).encode()
    return json.dumps({**notebook, "nbformat": version}).encode()


SOLVED = json.dumps(answered(ASSIGNMENT), indent=1).encode()

# student -> (what they hand in, file name or None, extra files)
SUBMISSIONS = {
    "honest": (answered(ASSIGNMENT), None, None),
    "untouched": (untouched(ASSIGNMENT), None, None),
    "stderr": (
        answered(
            ASSIGNMENT,
            {
                "neuron_output": "import sys\n"
                + solution_answers(ASSIGNMENT)["neuron_output"].replace(
                    '    """', '    print("debugging", file=sys.stderr)\n    """', 1
                )
            },
        ),
        None,
        None,
    ),
    "wrong": (
        answered(
            ASSIGNMENT,
            {
                "neuron_output": "def neuron_output(inputs, weights, bias):\n"
                "    return sum(x * w for x, w in zip(inputs, weights))"
            },
        ),
        None,
        None,
    ),
    "loop": (with_line_parameters("while True:\n    pass"), None, None),
    "callback-loop": (
        with_softmax_class(
            "class Softmax:\n"
            "    def forward(self, inputs):\n"
            "        while True:  # each time round, a call back into the test's softmax\n"
            "            self.output = softmax(inputs)"
        ),
        None,
        None,
    ),
    "loop-in-callback": (
        with_softmax_class(
            "class Stuck:\n"
            "    def __array__(self, dtype=None, copy=None):\n"
            "        while True:\n"
            "            pass\n\n\n"
            "class Softmax:\n"
            "    def forward(self, inputs):\n"
            "        self.output = softmax(Stuck())  # the test's softmax calls Stuck back\n"
            "        return self.output"
        ),
        None,
        None,
    ),
    "stubborn-loop": (
        with_line_parameters(
            "while True:\n    try:\n        while True:\n            pass\n"
            "    except BaseException:\n        pass"
        ),
        None,
        None,
    ),
    "slow": (edited(_sleepy_cells("test_line_parameters")), None, None),
    "exit": (with_line_parameters("import os\nos._exit(3)"), None, None),
    "segfault": (with_line_parameters("import ctypes\nctypes.string_at(0)"), None, None),
    # bytes(n) takes address space without filling it (calloc), so the memory limit is
    # reached at once on any machine; a bytearray fills its pages, about a second per 512 MB
    # on a busy machine, and could meet the 2 s cell limit of QUICK_LIMITS first.
    "memory": (
        with_line_parameters("hog = []\nwhile True:\n    hog.append(bytes(2**24))"),
        None,
        None,
    ),
    "fork-bomb": (with_line_parameters("import os\nwhile True:\n    os.fork()"), None, None),
    "huge-output": (
        with_line_parameters("for i in range(30):\n    print('spam ' * 20_000)"),
        None,
        None,
    ),
    "hidden-leak": (
        answered(
            ASSIGNMENT,
            {
                "neuron_output": solution_answers(ASSIGNMENT)["neuron_output"].replace(
                    '    """',
                    "    if list(inputs) == [4.0]:  # a hidden case\n"
                    '        raise KeyboardInterrupt(f"hidden inputs: {inputs}")\n'
                    '    """',
                    1,
                )
            },
        ),
        None,
        None,
    ),
    "deleted-test": (edited(_delete("test_step")), None, None),
    "duplicated-test": (edited(_duplicate("test_neuron_output")), None, None),
    "split-test": (edited(_split("test_line_parameters")), None, None),
    "merged-answer-and-test": (edited(_merge_answer_and_test("step", "test_step")), None, None),
    "code-in-test-cell": (
        edited(_append_to("test_neuron_output", "\n\nprint('my own check')")),
        None,
        None,
    ),
    "reordered": (edited(_move_before("test_neuron_output", "neuron_output")), None, None),
    "points-changed": (edited(_metadata("test_neuron_output", "points", 30)), None, None),
    "grade-id-changed": (edited(_metadata("test_step", "grade_id", "test_step_mine")), None, None),
    "cell-type-changed": (
        edited(_metadata("neuron_output", "solution", True, cell_type="markdown")),
        None,
        None,
    ),
    "test-edited": (
        answered(
            ASSIGNMENT,
            {"line_parameters": "def line_parameters(a, b):\n    return (0.0, 0.0)"},
            edit=lambda cells: cells[index_of(cells, "test_line_parameters")].update(source="pass"),
        ),
        None,
        None,
    ),
    "answer-deleted": (edited(_delete("line_parameters")), None, None),
    "truncated": (SOLVED[: len(SOLVED) // 2], None, None),
    "invalid-json": (b"{ this is not json", None, None),
    "empty": (b"", None, None),
    "nbformat-5": (_as_nbformat(5), None, None),
    "nbformat-3": (_as_nbformat(3), None, None),
    "missing": (None, None, {"notes.txt": b"I could not finish."}),
    "misnamed": (answered(ASSIGNMENT), "my notebook (1).ipynb", None),
    "extra-files": (
        answered(ASSIGNMENT),
        None,
        {"helper.py": b"X = 1\n", "data/points.csv": b"1,2\n"},
    ),
    "zoë-ñ": (
        answered(
            ASSIGNMENT,
            edit=lambda cells: cells.append(
                {"cell_type": "markdown", "metadata": {}, "source": "Grüße 🎉 — ½"}
            ),
        ),
        "01-single-neuron-é.ipynb",
        None,
    ),
}

# Students who handed in 07 instead of 01.
HANDED_IN_07 = {"callback-loop", "loop-in-callback"}


def assignment_of(student: str) -> str:
    return SOFTMAX if student in HANDED_IN_07 else ASSIGNMENT


# student -> (score, problem kinds reported, needs a human, words the reasons must contain)
EXPECTED = {
    "honest": (FULL, set(), False, []),
    "untouched": (0.0, set(), False, []),
    "stderr": (FULL, set(), False, []),  # stock nbgrader: 0 for test_neuron_output (stderr output)
    "wrong": (7.0, set(), False, []),
    "loop": (7.0, {"timeout"}, True, ["cell 14 (line_parameters) ran longer than 8 s"]),
    # Always a timeout where time ran out, never a crash (issue 12): its test scores 0 of 1.
    "callback-loop": (10.0, {"timeout"}, True, ["cell 21 (test_Softmax) ran longer than 8 s"]),
    "loop-in-callback": (10.0, {"timeout"}, True, ["cell 21 (test_Softmax) ran longer than 8 s"]),
    "stubborn-loop": (3.0, {"timeout"}, True, ["could not be interrupted"]),
    "slow": (5.0, {"timeout"}, True, ["more than 40 s"]),
    "exit": (3.0, {"crash"}, True, ["exit status 3"]),
    "segfault": (
        3.0,
        {"crash"},
        True,
        ["cell 14 (line_parameters): the kernel crashed with a segmentation fault"],
    ),
    "memory": (7.0, {"memory"}, False, ["512 MB"]),
    "fork-bomb": (3.0, {"processes"}, True, ["more than 32 processes"]),
    "huge-output": (FULL, {"output"}, False, ["more than 1 MB"]),
    "hidden-leak": (7.0, set(), False, []),
    "deleted-test": (FULL, {"cells-restored"}, False, ["test_step was deleted"]),
    "duplicated-test": (FULL, {"cells-restored"}, False, ["duplicated"]),
    "split-test": (FULL, {"cells-restored"}, False, ["split into 2 cells"]),
    "merged-answer-and-test": (FULL, {"cells-restored"}, False, ["test_step was deleted"]),
    "code-in-test-cell": (FULL, {"cells-restored"}, False, ["merged with other code"]),
    "reordered": (FULL, {"cells-restored"}, False, ["moved"]),
    "points-changed": (FULL, {"cells-restored"}, False, ["points were changed to 30"]),
    "grade-id-changed": (FULL, {"cells-restored"}, False, ["metadata was removed or renamed"]),
    "cell-type-changed": (FULL, {"cells-restored"}, False, ["turned into a markdown cell"]),
    "test-edited": (7.0, {"test-edited"}, True, ["test_line_parameters was edited"]),
    "answer-deleted": (7.0, {"answer-missing"}, True, ["line_parameters is missing"]),
    "truncated": (0.0, {"unreadable"}, True, ["not valid JSON", "truncated"]),
    "invalid-json": (0.0, {"unreadable"}, True, ["not valid JSON"]),
    "empty": (0.0, {"unreadable"}, True, ["empty"]),
    "nbformat-5": (0.0, {"unreadable"}, True, ["nbformat version 5"]),
    "nbformat-3": (FULL, set(), False, []),
    "missing": (0.0, {"missing", "extra-files"}, False, ["not handed in", "notes.txt"]),
    "misnamed": (FULL, {"misnamed"}, False, ["my notebook (1).ipynb"]),
    "extra-files": (FULL, {"extra-files"}, False, ["helper.py", "points.csv"]),
    "zoë-ñ": (FULL, {"misnamed"}, False, ["01-single-neuron-é.ipynb"]),
}


def _tree_digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _submit(folder, student: str) -> None:
    notebook, name, extra = SUBMISSIONS[student]
    submit(folder, student, assignment_of(student), notebook, name, extra)


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    """A class folder with both assignments released and nothing handed in, to copy."""
    return released_class(tmp_path_factory.mktemp("released") / "class", list(FULL_SCORES))


@pytest.fixture(scope="module")
def graded(released, tmp_path_factory):
    folder = copy_class(released, tmp_path_factory.mktemp("hostile") / "class")
    for student in SUBMISSIONS:
        _submit(folder, student)
    before = _tree_digest(folder.submitted)
    summary = grading.grade(folder, list(FULL_SCORES), workers=2, limits=LIMITS, progress=False)
    return folder, summary, before


def _result(graded, student):
    return next(r for r in graded[1].graded if r.student == student)


def test_every_case_has_an_expectation():
    assert set(SUBMISSIONS) == set(EXPECTED)


@pytest.mark.parametrize("student", EXPECTED)
def test_each_submission_gets_its_defined_score_and_a_clear_reason(graded, student):
    score, kinds, needs_human, words = EXPECTED[student]
    result = _result(graded, student)
    problems = [p for nb in result.notebooks for p in nb.problems] + result.problems
    reasons = " ".join(p.message for p in problems)
    assert result.score == score, (
        f"{student}: {[(t.grade_id, t.status, t.message) for t in result.notebooks[0].tests]}"
    )
    assert result.max_score == FULL_SCORES[assignment_of(student)]
    assert {p.kind for p in problems} == kinds, reasons
    assert result.needs_human == needs_human
    for word in words:
        assert word in reasons, f"{student}: {word!r} not in {reasons!r}"


def test_tests_after_a_crash_are_reported_as_not_run_and_a_stuck_cell_as_where_time_ran_out(graded):
    tests = {t.grade_id: t for t in _result(graded, "segfault").notebooks[0].tests}
    assert tests["test_neuron_output"].status == Status.PASSED
    assert {
        tests[g].status for g in ("test_line_parameters", "test_step", "test_gate_parameters")
    } == {Status.NOT_RUN}
    assert "segmentation fault" in tests["test_line_parameters"].message
    slow = {t.grade_id: t for t in _result(graded, "slow").notebooks[0].tests}
    assert slow["test_line_parameters"].status == Status.PASSED and slow["test_step"].status in (
        Status.NOT_RUN,
        Status.TIMEOUT,
    )


def test_errors_raised_in_hidden_tests_do_not_show_their_message(graded):
    test = _result(graded, "hidden-leak").notebooks[0].tests[0]
    assert test.score == 0 and test.message == "KeyboardInterrupt raised in a hidden test"
    everything = json.dumps([r.to_json() for r in graded[1].graded])
    assert "hidden inputs" not in everything and "_hidden_tests" not in everything


def test_no_submitted_file_is_changed(graded):
    folder, _, before = graded
    assert _tree_digest(folder.submitted) == before


def test_every_submission_is_in_the_gradebook_with_its_score_and_flag(graded):
    from autograder.course.gradebook import open_gradebook

    folder, summary, _ = graded
    with open_gradebook(folder) as gradebook:
        stored = {
            (s.student.id, assignment): s
            for assignment in FULL_SCORES
            for s in gradebook.assignment_submissions(assignment)
        }
        assert set(stored) == {(s, assignment_of(s)) for s in SUBMISSIONS}
        for result in summary.graded:
            submission = stored[result.student, result.assignment]
            assert submission.score == pytest.approx(result.score), result.student
            assert submission.notebooks[0].flagged == result.needs_human, result.student


def test_graded_notebooks_are_valid_and_their_output_bounded(graded):
    folder, summary, _ = graded
    written = sorted(p.parent.parent.name for p in folder.autograded.glob("*/*/*.ipynb"))
    read = sorted(
        r.student
        for r in summary.graded
        if not {p.kind for p in r.notebooks[0].problems} & {"missing", "unreadable"}
    )
    assert written == read
    for path in folder.autograded.glob("*/*/*.ipynb"):
        nbformat.validate(nbformat.read(str(path), as_version=4))
    huge = folder.autograded / "huge-output" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    assert huge.stat().st_size < 3 * 2**20


def test_no_process_is_left_running(graded):
    children = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == os.getpid():
                children.append(int(entry))
    assert children == []


def test_the_run_says_where_its_time_went(graded):
    """Each stage of grading a notebook is timed, in this process and in the worker; the
    cells ran within the worker's run, and the kernels' CPU time is counted."""
    timings = graded[1].timings
    stages = {"read", "rebuild", "prepare", "exchange", "copy", "run", "clean_up", "score"}
    stages |= {"write", "record"}
    assert stages <= set(timings) and min(timings.values()) >= 0
    cells = [timings[f"cells: {role}"] for role in ("student", "checker", "both")]
    assert 0 < sum(cells) <= timings["run"] and timings["cpu_kernels"] > 0


def test_a_second_run_grades_nothing_unless_forced(graded):
    folder = graded[0]
    again = grading.grade(
        folder, [ASSIGNMENT], students=["honest", "untouched"], limits=LIMITS, progress=False
    )
    assert again.graded == [] and sorted(s for _, s in again.skipped) == ["honest", "untouched"]
    forced = grading.grade(
        folder, [ASSIGNMENT], students=["honest"], force=True, limits=LIMITS, progress=False
    )
    assert [(r.student, r.score) for r in forced.graded] == [("honest", FULL)]


def test_the_status_says_graded_missing_or_what_needs_review(graded):
    assert _result(graded, "honest").status == "graded"
    assert _result(graded, "missing").status == "missing"
    assert _result(graded, "segfault").status == f"needs review: {ASSIGNMENT}: crash"


# The submissions whose verdicts could hang on timing, if any could: limits reached (a loop,
# a loop calling back into a test's function, memory), kernels that die; and, for
# comparison, an honest and a wrong one.
REPEATED = ["callback-loop", "loop", "segfault", "exit", "memory", "honest", "wrong"]
# The smallest limits that are still reached the same way: a loop runs 2 s (honest cells
# take well under half a second, on a busy machine too).
QUICK_LIMITS = Limits(cell_seconds=2, notebook_seconds=20, memory_mb=512, processes=32, output_mb=1)


def _verdict(result: SubmissionResult) -> SubmissionResult:
    """The result without the time its notebooks took to run: all that must not vary."""
    notebooks = [dataclasses.replace(nb, seconds=0.0) for nb in result.notebooks]
    return dataclasses.replace(result, notebooks=notebooks)


def test_five_gradings_of_a_submission_give_the_same_result_every_time(released, tmp_path):
    runs = []
    for run in range(5):
        folder = copy_class(released, tmp_path / f"run-{run}")
        for student in REPEATED:
            _submit(folder, student)
        summary = grading.grade(
            folder, list(FULL_SCORES), workers=2, limits=QUICK_LIMITS, progress=False
        )
        runs.append({r.student: _verdict(r) for r in summary.graded})
    for student in REPEATED:
        first = runs[0][student]
        problems = [p for nb in first.notebooks for p in nb.problems] + first.problems
        assert {p.kind for p in problems} == EXPECTED[student][1], student
        for number, run in enumerate(runs[1:], start=2):
            assert run[student] == first, f"{student}: run {number} differs from run 1"
