"""A tiny assignment in memory, and notebooks handed in for it, for the fast grading tests.

One notebook: an introduction, a setup cell, one answer (``f`` doubles its input) and
its test (2 points, with hidden tests), in nbgrader's metadata as a release has it.
"""

from __future__ import annotations

import copy

from autograder.grading import results
from autograder.grading.spec import AssignmentSpec, CellSpec, NotebookSpec
from autograder.grading.submission import GradedSubmission

ANSWER_STUB = "def f(x):\n    # YOUR CODE HERE\n    raise NotImplementedError()"
ANSWER = "def f(x):\n    return 2 * x"
TEST_VISIBLE = '"""f doubles its input."""\nassert math.isclose(f(2), 4)'
TEST = TEST_VISIBLE + "\n### BEGIN HIDDEN TESTS\nassert f(3) == 6\n### END HIDDEN TESTS"


def _cell(grade_id, cell_type, source, released=None, *, locked=True, solution=False, points=0.0):
    return CellSpec(
        grade_id=grade_id,
        cell_type=cell_type,
        source=source,
        released=source if released is None else released,
        locked=locked,
        solution=solution,
        grade=points > 0,
        points=points,
        checksum=f"checksum-of-{grade_id}",
        title="f doubles its input." if points else "",
    )


NOTEBOOK = NotebookSpec(
    "doubling",
    (
        _cell("intro", "markdown", "# Doubling"),
        _cell("setup", "code", "import math"),
        _cell("answer", "code", ANSWER, ANSWER_STUB, locked=False, solution=True),
        _cell("test_answer", "code", TEST, TEST_VISIBLE, points=2.0),
    ),
)
SPEC = AssignmentSpec("01-doubling", (NOTEBOOK,))


def handed_in(answer: str = ANSWER) -> dict:
    """The released notebook, as JSON data, with ``answer`` in its answer cell."""
    cells = []
    for spec in NOTEBOOK.cells:
        source = answer if spec.solution else spec.released
        metadata = {"nbgrader": spec.nbgrader_metadata()}
        if spec.cell_type == "code":
            cells.append(
                {
                    "cell_type": "code",
                    "id": spec.grade_id,
                    "metadata": metadata,
                    "source": source,
                    "outputs": [],
                    "execution_count": None,
                }
            )
        else:
            cells.append(
                {
                    "cell_type": "markdown",
                    "id": spec.grade_id,
                    "metadata": metadata,
                    "source": source,
                }
            )
    return {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": cells}


def edited(edit) -> dict:
    """The honest notebook with ``edit`` applied to a copy of its list of cells."""
    notebook = copy.deepcopy(handed_in())
    edit(notebook["cells"])
    return notebook


def index_of(cells: list[dict], grade_id: str) -> int:
    return next(i for i, c in enumerate(cells) if c["metadata"]["nbgrader"]["grade_id"] == grade_id)


def all_passed(
    spec: AssignmentSpec, student: str, fingerprint: str, notebook: str
) -> GradedSubmission:
    """A graded submission of ``spec`` with every test passed, and ``notebook`` (the text
    of a notebook file) as each of its graded notebooks: grading's output, without grading."""
    result = results.SubmissionResult(student, spec.assignment, fingerprint)
    result.notebooks = [
        results.NotebookResult(
            nb.name,
            nb.max_score,
            nb.max_score,
            [
                results.TestResult(t.grade_id, t.title, t.points, t.points, results.Status.PASSED)
                for t in nb.tests
            ],
        )
        for nb in spec.notebooks
    ]
    return GradedSubmission(result, {nb.name: notebook for nb in spec.notebooks}, {})
