"""Every answer of the exercise catalogue, graded as a class is: sandbox, protocol and all.

``tests/test_exercises.py`` runs each catalogued answer through the tests in one process.
Here the same answers are handed in and graded by ``autograder grade`` in the sandbox,
where a test sees the student's code only through the protocol between the checker and
the student's kernel. An honest answer, however wrong, must never be flagged as tampering
(or as anything else that needs a human), and must cost points on its own exercise only.

To keep the class small, a submission holds one answer for each exercise: the n-th
submission of a notebook holds the n-th catalogued answer of every exercise that has that
many (and the solution for the others; every other exercise's list is taken in reverse,
so that right answers meet wrong ones), so each answer is graded once, in a notebook
where the other exercises' answers are known to be right or wrong.
"""

from __future__ import annotations

import pytest

from autograder.grading import grade as grading
from autograder.runner.limits import Limits
from tests.classes import answered, released_class, submit
from tests.exercises import Case, Kind, catalogue
from tests.notebooks import exercise_of_each_test, source_path, total_points

pytestmark = pytest.mark.slow

LIMITS = Limits(cell_seconds=30, notebook_seconds=120, memory_mb=1024, processes=32, output_mb=1)
GRADED_KINDS = (Kind.WRONG, Kind.RIGHT, Kind.VISIBLE_ONLY)


def submissions() -> dict[tuple[str, str], list[Case]]:
    """(assignment, student) -> the catalogued answers that student hands in."""
    by_exercise: dict[tuple[str, str], list[Case]] = {}
    for kind in GRADED_KINDS:
        for case in catalogue(kind):
            by_exercise.setdefault((case.assignment, case.answer), []).append(case)
    handed: dict[tuple[str, str], list[Case]] = {}
    for index, ((assignment, _), cases) in enumerate(by_exercise.items()):
        # Every other exercise in reverse, so that right answers of one exercise are graded
        # beside wrong answers of the others (a test that used them would show it).
        for n, case in enumerate(cases[::-1] if index % 2 else cases):
            handed.setdefault((assignment, f"student-{n:03d}"), []).append(case)
    return handed


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    handed = submissions()
    assignments = sorted({assignment for assignment, _ in handed})
    folder = released_class(tmp_path_factory.mktemp("catalogue") / "class", assignments)
    for (assignment, student), cases in handed.items():
        assert len({c.answer for c in cases}) == len(cases), "one answer per exercise"
        submit(folder, student, assignment, answered(assignment, {c.answer: c.code for c in cases}))
    for assignment in assignments:  # the baseline: the solution itself
        submit(folder, "solution", assignment, answered(assignment))
    summary = grading.grade(folder, assignments, workers=2, limits=LIMITS, progress=False)
    results = {(r.assignment, r.student): r for r in summary.graded}
    return handed, results


def test_no_honest_answer_is_flagged_and_each_costs_points_on_its_own_exercise_only(graded):
    handed, results = graded
    flagged, outside, answers = [], [], 0
    for (assignment, student), cases in handed.items():
        result = results[(assignment, student)]
        answers += len(cases)
        problems = [p for nb in result.notebooks for p in nb.problems] + result.problems
        if any(p.needs_human for p in problems):
            flagged.append((assignment, student, [c.id for c in cases], problems))
        owner = exercise_of_each_test(source_path(assignment))
        chosen = {case.answer: case for case in cases}
        for test in (t for nb in result.notebooks for t in nb.tests):
            case = chosen.get(owner[test.grade_id])
            lost = test.score < test.points
            if case is None or case.kind is Kind.RIGHT:
                if lost:  # a right answer here: points lost to another exercise's answer
                    outside.append((assignment, student, test.grade_id, test.message))
            elif test.grade_id == case.test and not lost:
                pytest.fail(f"{case.id}: {test.grade_id} gave it full points")
    print(
        f"\n{answers} catalogued answers graded in {len(handed)} submissions; "
        f"{len(flagged)} submissions flagged; {len(outside)} tests lost points outside "
        "their exercise"
    )
    assert flagged == [], flagged
    assert outside == [], outside


def test_the_solutions_themselves_score_full_marks_through_the_sandbox(graded):
    """The baseline the test above relies on: with no catalogued answer, nothing is lost."""
    handed, results = graded
    for assignment in sorted({a for a, _ in handed}):
        result = results[(assignment, "solution")]
        assert result.score == total_points(assignment), assignment
        assert not result.needs_human, result.problems
