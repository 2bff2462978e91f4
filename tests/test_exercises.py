"""Every exercise against answers students write: wrong ones are named, other right ones pass.

The answers are the catalogue in tests/exercises/, one module per notebook. Each case
replaces one answer cell of a source notebook and runs its cells in this process (see
tests/notebooks.py):

* a wrong answer must fail the *visible* part of its test (the exercise's main test, or the
  secondary one the case names), with the hint that names its mistake; and graded as a
  whole notebook, it must fail its own exercise's tests and nothing else;
* a correct answer written differently must pass every test of the whole notebook;
* an answer that only fits the visible examples must pass the visible test and fail the
  hidden one, whose message must not reveal the expected values.

Runs skip the cells that only show a figure or a demo: before the answer replaced, those
show only solutions, and running them is most of the time a run takes. The solutions run
through the same harness, and once more with every such cell.
"""

from __future__ import annotations

import pytest

from autograder.course.release import assignment_ids
from nbhelpers.checks import CheckFailure
from tests.exercises import Case, Kind, catalogue, modules
from tests.notebooks import (
    exercise_of_each_test,
    failing_cells,
    grade_id,
    is_answer,
    is_test,
    read,
    run_cells,
    run_hidden,
    source_path,
)


def cases(kind: Kind) -> list:
    """The catalogue's cases of one kind, as pytest parameters named by their ids."""
    return [pytest.param(case, id=case.id) for case in catalogue(kind)]


@pytest.mark.parametrize("case", cases(Kind.WRONG))
def test_wrong_answers_fail_the_visible_test_with_a_hint_that_names_the_mistake(case: Case):
    with pytest.raises(CheckFailure) as failure:
        run_cells(
            source_path(case.assignment),
            until=case.test,
            replace={case.answer: case.code},
            test="visible",
            displays=False,
        )
    assert case.hint in str(failure.value)


@pytest.mark.parametrize("case", cases(Kind.WRONG))
def test_a_wrong_answer_costs_points_in_its_own_exercise_only(case: Case):
    """Graded as a whole notebook, a mistake fails its exercise's tests and nothing else:
    later tests and demos use the course's reference, not the student's earlier answers."""
    notebook = source_path(case.assignment)
    failed = failing_cells(notebook, replace={case.answer: case.code})
    owner = exercise_of_each_test(notebook)
    assert case.test in failed
    assert {cell: why for cell, why in failed.items() if owner.get(cell) != case.answer} == {}


@pytest.mark.parametrize("case", cases(Kind.RIGHT))
def test_correct_answers_written_differently_pass_every_test(case: Case):
    """Graded as a whole notebook: every test, its exercise's secondary ones included."""
    assert failing_cells(source_path(case.assignment), replace={case.answer: case.code}) == {}


@pytest.mark.parametrize("case", cases(Kind.VISIBLE_ONLY))
def test_answers_that_fit_only_the_visible_examples_fail_the_hidden_tests_without_revealing_them(
    case: Case,
):
    notebook = source_path(case.assignment)
    visible = run_cells(
        notebook, until=case.test, replace={case.answer: case.code}, test="visible", displays=False
    )
    with pytest.raises(CheckFailure) as failure:
        run_hidden(visible, notebook, until=case.test)  # what a full run runs after `visible`
    message = str(failure.value)
    assert "expected:" not in message and "got:" not in message


@pytest.mark.parametrize("assignment", assignment_ids())
def test_the_solutions_pass_the_same_harness(assignment):
    for cell in read(source_path(assignment)).cells:
        if is_test(cell):
            for displays in (False, True):  # as the cases run, and with every figure and demo
                run_cells(
                    source_path(assignment), until=grade_id(cell), test="full", displays=displays
                )


def test_every_exercise_of_every_notebook_has_wrong_right_and_visible_only_answers():
    assert [module.ASSIGNMENT for module in modules()] == assignment_ids()
    exercises = {
        (a, grade_id(c))
        for a in assignment_ids()
        for c in read(source_path(a)).cells
        if is_answer(c)
    }
    for kind in Kind:
        assert {(case.assignment, case.answer) for case in catalogue(kind)} == exercises, kind


def test_every_exercise_has_at_least_eight_wrong_answers_each_named_by_its_hint():
    counts: dict[tuple[str, str], int] = {}
    for case in catalogue(Kind.WRONG):
        counts[case.assignment, case.answer] = counts.get((case.assignment, case.answer), 0) + 1
    assert {exercise: n for exercise, n in counts.items() if n < 8} == {}
