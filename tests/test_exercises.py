"""Every exercise against answers students write: wrong ones are named, other right ones pass.

The answers are the catalogue in tests/exercises/, one module per notebook. Each case
replaces one answer cell of a source notebook and runs the cells in this process (see
tests/notebooks.py):

* a wrong answer must fail the *visible* test, with the hint that names its mistake;
* a correct answer written differently must pass the *full* test (visible and hidden);
* an answer that only fits the visible examples must pass the visible test and fail the
  hidden one, whose message must not reveal the expected values.

The cases skip the cells that only show a figure or a demo (``displays=False``): before
the answer replaced, those show only solutions, and running them is most of the time a run
takes. The solutions run through the same harness, and once more with every such cell.
"""

from __future__ import annotations

import pytest

from autograder.course.release import assignment_ids
from nbhelpers.checks import CheckFailure
from tests.exercises import Case, Kind, catalogue, modules
from tests.notebooks import (
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


@pytest.mark.parametrize("case", cases(Kind.RIGHT))
def test_correct_answers_written_differently_pass_every_test(case: Case):
    run_cells(
        source_path(case.assignment),
        until=case.test,
        replace={case.answer: case.code},
        test="full",
        displays=False,
    )


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
