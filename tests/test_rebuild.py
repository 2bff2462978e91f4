"""A submitted notebook rebuilt on the assignment's skeleton, case by case of the README's table.

"What grading does" with a notebook whose structure was changed: the released tests
always run (with their hidden tests), answers are the student's, what was repaired is
reported, and only what needs a person's judgement is flagged for one.
"""

from __future__ import annotations

import json
import sys
import threading
import time

import nbformat
import pytest

from autograder.course.notebook_files import Unreadable, parse_notebook
from autograder.grading.rebuild import rebuild
from autograder.grading.results import ProblemKind
from autograder.runner.names import names_of
from tests.grading_fixtures import ANSWER, NOTEBOOK, TEST, edited, handed_in, index_of


def _code(rebuilt) -> list[str]:
    return [cell.source for cell in rebuilt.cells if cell.cell_type == "code"]


def _move(cells, grade_id, before):
    cell = cells.pop(index_of(cells, grade_id))
    cells.insert(index_of(cells, before), cell)


def _split(cells, grade_id):
    i = index_of(cells, grade_id)
    first, second = dict(cells[i]), dict(cells[i])
    lines = cells[i]["source"].splitlines(keepends=True)
    first["source"], second["source"] = "".join(lines[:1]), "".join(lines[1:])
    cells[i : i + 1] = [first, second]


def _set(cells, grade_id, key, value):
    cells[index_of(cells, grade_id)]["metadata"]["nbgrader"][key] = value


# (what the student did, the notebook, the words the note must contain)
RESTORED = {
    "test deleted": (edited(lambda c: c.pop(index_of(c, "test_answer"))), "was deleted"),
    "test duplicated": (
        edited(lambda c: c.insert(3, json.loads(json.dumps(c[3])))),
        "was duplicated",
    ),
    "test split": (edited(lambda c: _split(c, "test_answer")), "split into 2 cells"),
    "test moved": (edited(lambda c: _move(c, "test_answer", "setup")), "cells were moved"),
    "test renamed": (edited(lambda c: _set(c, "test_answer", "grade_id", "mine")), "renamed"),
    "points changed": (edited(lambda c: _set(c, "test_answer", "points", 20)), "changed to 20"),
    "test made a markdown cell": (
        edited(lambda c: c[3].update(cell_type="markdown")),
        "turned into a markdown cell",
    ),
}


def test_an_honest_notebook_is_the_assignment_with_the_students_answer():
    rebuilt = rebuild(NOTEBOOK, handed_in())
    assert _code(rebuilt) == ["import math", ANSWER, TEST]  # the test with its hidden tests
    assert rebuilt.problems == [] and rebuilt.answers_unchanged == set()
    assert rebuild(NOTEBOOK, handed_in(NOTEBOOK.cells[2].released)).answers_unchanged == {"answer"}


@pytest.mark.parametrize("case", RESTORED)
def test_a_changed_test_cell_runs_as_released_and_is_noted(case):
    notebook, words = RESTORED[case]
    rebuilt = rebuild(NOTEBOOK, notebook)
    assert _code(rebuilt) == ["import math", ANSWER, TEST]
    [problem] = rebuilt.problems
    assert problem.kind == ProblemKind.CELLS_RESTORED and not problem.needs_human
    assert words in problem.message


def test_code_added_inside_a_test_cell_runs_as_a_cell_of_its_own():
    def add(cells):
        cells[3]["source"] += "\nprint('my own check')"

    rebuilt = rebuild(NOTEBOOK, edited(add))
    assert _code(rebuilt) == ["import math", ANSWER, TEST, "print('my own check')"]
    assert [p.kind for p in rebuilt.problems] == [ProblemKind.CELLS_RESTORED]
    assert "merged with other code" in rebuilt.problems[0].message


def test_an_edited_test_runs_as_released_and_needs_a_human():
    rebuilt = rebuild(NOTEBOOK, edited(lambda c: c[3].update(source="assert True")))
    assert _code(rebuilt) == ["import math", ANSWER, TEST]
    [problem] = rebuilt.problems
    assert problem.kind == ProblemKind.TEST_EDITED and problem.needs_human


def test_a_deleted_answer_is_an_empty_cell_never_the_stub():
    rebuilt = rebuild(NOTEBOOK, edited(lambda c: c.pop(index_of(c, "answer"))))
    assert _code(rebuilt) == ["import math", "", TEST]
    [problem] = rebuilt.problems
    assert problem.kind == ProblemKind.ANSWER_MISSING and problem.needs_human


def _strip_answer(source: str | None = None, move_to_end: bool = False):
    """An edit: the answer cell loses its nbgrader metadata (and gets ``source``, or moves)."""

    def edit(cells):
        i = index_of(cells, "answer")
        cells[i]["metadata"] = {}
        if source is not None:
            cells[i]["source"] = source
        if move_to_end:
            cells.append(cells.pop(i))

    return edit


def test_an_answer_that_lost_its_metadata_is_recognised_by_its_place_and_what_it_defines():
    rebuilt = rebuild(NOTEBOOK, edited(_strip_answer()))
    assert _code(rebuilt) == ["import math", ANSWER, TEST]
    [problem] = rebuilt.problems
    assert problem.kind == ProblemKind.CELLS_RESTORED and not problem.needs_human
    assert (
        "answer cell answer had lost its metadata" in problem.message and "(f)" in problem.message
    )


def test_an_unmarked_cell_too_deep_to_parse_is_not_the_answer_and_grading_goes_on():
    """A student's `x = 1+1+...+1` is too deep for Python's syntax tree: it defines nothing."""
    deep = "x = " + "1+" * 100_000 + "1"
    rebuilt = rebuild(NOTEBOOK, edited(_strip_answer(source=deep)))
    assert deep in _code(rebuilt), "it runs as a cell the student added"


def test_grading_threads_parse_cells_at_once_without_tripping_over_each_other():
    """Grading parses cells in one thread per worker. CPython before 3.11.8 shares the
    syntax tree's depth count between threads (gh-106905): two parses at once, one paused by
    the garbage collector, raised "SystemError: AST constructor recursion depth mismatch",
    and that submission was filed as a grader error. Here the collector runs finalizers
    (which let the other thread in) in the middle of parses, as often as it can."""

    class Cycle:  # garbage that only the collector frees, with a finalizer that runs code
        def __init__(self):
            self.me = self

        def __del__(self):
            sum(range(50))

    source = "\n".join(
        f"def f{i}(x):\n    return [(a, b) for a in range(x) for b in {{{i}: x}}]"
        for i in range(40)
    )
    errors: list[BaseException] = []
    stop = time.monotonic() + 2

    def parse_again_and_again():
        while time.monotonic() < stop and not errors:
            try:
                Cycle(), Cycle(), Cycle()
                names_of(source)
                rebuild(NOTEBOOK, handed_in(source))
            except BaseException as error:  # noqa: BLE001 -- the test reports any failure
                errors.append(error)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=parse_again_and_again) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert not errors, errors[0]


def test_a_notebook_that_lost_all_its_metadata_gets_one_note_not_one_per_cell():
    def strip_all(cells):
        for cell in cells:
            cell["metadata"] = {}

    rebuilt = rebuild(NOTEBOOK, edited(strip_all))
    assert _code(rebuilt) == ["import math", ANSWER, TEST]
    [problem] = rebuilt.problems
    assert problem.kind == ProblemKind.CELLS_RESTORED and not problem.needs_human
    assert problem.message.startswith(
        f"{len(NOTEBOOK.cells)} cells had lost their nbgrader metadata"
    )
    assert "answer cells by their place and the names they define (answer)" in problem.message
    assert problem.message.count("restored") == 1, problem.message


@pytest.mark.parametrize(
    "edit",
    [_strip_answer(source="g = 2"), _strip_answer(move_to_end=True)],
    ids=["defines something else", "elsewhere in the notebook"],
)
def test_without_that_evidence_a_cell_without_metadata_is_not_taken_for_the_answer(edit):
    rebuilt = rebuild(NOTEBOOK, edited(edit))
    assert "" in _code(rebuilt)  # the answer is an empty cell; the student's cell runs as added
    assert ProblemKind.ANSWER_MISSING in [p.kind for p in rebuilt.problems]


def test_cells_the_student_added_stay_where_they_were_without_nbgrader_metadata():
    extra = {
        "cell_type": "code",
        "metadata": {"nbgrader": {"grade": True, "points": 100, "grade_id": "bonus"}},
        "source": "x = 1",
        "outputs": [],
        "execution_count": None,
    }
    rebuilt = rebuild(NOTEBOOK, edited(lambda c: c.insert(3, extra)))
    assert _code(rebuilt) == ["import math", ANSWER, "x = 1", TEST]
    assert "nbgrader" not in rebuilt.cells[3].metadata  # it cannot claim points
    assert rebuilt.problems == []


def test_a_split_answer_runs_in_the_students_order():
    rebuilt = rebuild(NOTEBOOK, edited(lambda c: _split(c, "answer")))
    assert _code(rebuilt) == ["import math", "def f(x):\n", "    return 2 * x", TEST]
    assert "appears in 2 cells" in rebuilt.problems[0].message


UNREADABLE = {
    "empty": (b"  \n", "empty"),
    "truncated": (json.dumps(handed_in()).encode()[:200], "not valid JSON"),
    "not text": (b"\xff\xfe\x00binary", "not text"),
    "not a notebook": (b"[1, 2, 3]", "not a notebook"),
    "nbformat 5": (json.dumps({**handed_in(), "nbformat": 5}).encode(), "version 5"),
    "cells that are not cells": (json.dumps({"nbformat": 4, "cells": [1]}).encode(), "cells"),
}


@pytest.mark.parametrize("case", UNREADABLE)
def test_an_unreadable_file_says_what_is_wrong(case):
    data, words = UNREADABLE[case]
    with pytest.raises(Unreadable, match=words):
        parse_notebook(data)


def test_an_nbformat_3_notebook_is_converted_and_rebuilt_like_any_other():
    old = nbformat.writes(nbformat.convert(nbformat.from_dict(handed_in()), 3)).encode()
    assert _code(rebuild(NOTEBOOK, parse_notebook(old))) == ["import math", ANSWER, TEST]
