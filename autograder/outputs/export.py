"""Grades as CSV files: a wide one for an LMS gradebook, a long one with every test.

Both tables have a row for every student of the class, handed in or not, so that an LMS
import never skips anyone and a missing notebook is written down as "missing", not left
out. :func:`gradebook_table` and :func:`tests_table` build the rows (text, ready to
write); :func:`write_exports` writes them.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Mapping, NamedTuple, Sequence

from autograder.atomic import write_atomically
from autograder.grading.results import GRADED, MISSING, SubmissionResult
from autograder.outputs.late import Lateness
from autograder.outputs.numbers import number

NOT_HANDED_IN = "not handed in"  # the status of a student with no submission of an assignment
GRADES_FILE = "grades.csv"
TESTS_FILE = "grades-by-test.csv"
TEST_COLUMNS = [
    "student",
    "assignment",
    "notebook",
    "grade_id",
    "title",
    "points",
    "score",
    "status",
    "message",
]

# assignment -> its notebooks in order, as (notebook name without ".ipynb", max score)
Layout = Mapping[str, Sequence[tuple[str, float]]]


class Table(NamedTuple):
    """The rows of one CSV file.

    Attributes:
        columns: the header, in order.
        rows: one dict per row, {column: text}, with every column.
    """

    columns: list[str]
    rows: list[dict[str, str]]


def gradebook_table(
    results: Sequence[SubmissionResult],
    students: Sequence[str],
    layout: Layout,
    *,
    names: Mapping[str, str] | None = None,
    late: Mapping[tuple[str, str], Lateness] | None = None,
    penalties: bool = False,
) -> Table:
    """The wide table for an LMS gradebook: one row per student.

    Args:
        results: the graded submissions (at most one per student and assignment).
        students: the class list; students with results but not on it get a row too.
        layout: every assignment's notebooks and their max scores, in column order.
        names: student -> name to show (a ``name`` column after ``student``); None: no column.
        late: (student, assignment) -> when it was handed in and whether late (see
            :mod:`.late`); given, each assignment gets ``<assignment>/submitted_at`` and
            ``<assignment>/late`` ("LATE" or "") after its scores.
        penalties: also ``<assignment>/penalty`` (e.g. "20%") and
            ``<assignment>/after_penalty`` per assignment and ``total_after_penalty``
            at the end, beside the raw scores (which stay as they are).

    Returns:
        Columns ``student``; ``<assignment>/<notebook>`` (the score) for each notebook;
        ``<assignment>/total`` after them for an assignment of several notebooks;
        ``total``, ``max_total`` (over the whole layout) and ``status``: "graded",
        "not handed in", or the result's status ("needs review: ...").
        With several assignments, ``status`` names each one that is not "graded".
        Rows are sorted by student; what was not handed in scores 0.

    Raises:
        ValueError: a result is for an assignment or notebook not in ``layout``, or two
            results are for the same student and assignment.
    """
    by_submission = _by_submission(results, layout)
    late = None if late is None and not penalties else late or {}
    columns = ["student"] + (["name"] if names is not None else [])
    for assignment, notebooks in layout.items():
        columns += [f"{assignment}/{name}" for name, _ in notebooks]
        if len(notebooks) > 1:
            columns.append(f"{assignment}/total")
        if late is not None:
            columns += [f"{assignment}/submitted_at", f"{assignment}/late"]
        if penalties:
            columns += [f"{assignment}/penalty", f"{assignment}/after_penalty"]
    columns += ["total", "max_total"] + (["total_after_penalty"] if penalties else []) + ["status"]
    max_total = sum(max_score for notebooks in layout.values() for _, max_score in notebooks)

    rows = []
    for student in _roster(results, students):
        row = {"student": student} | ({"name": names.get(student, "")} if names is not None else {})
        total = after = 0.0
        statuses = {}
        for assignment, notebooks in layout.items():
            result = by_submission.get((student, assignment))
            scores = {nb.notebook: nb.score for nb in result.notebooks} if result else {}
            for name, _ in notebooks:
                row[f"{assignment}/{name}"] = number(scores.get(name, 0.0))
            subtotal = sum(scores.get(name, 0.0) for name, _ in notebooks)
            if len(notebooks) > 1:
                row[f"{assignment}/total"] = number(subtotal)
            total += subtotal
            when = late.get((student, assignment)) if late is not None and result else None
            if late is not None:
                row[f"{assignment}/submitted_at"] = when.submitted_at if when else ""
                row[f"{assignment}/late"] = "LATE" if when and when.late else ""
            cost = when.penalty if when else 0.0
            after += subtotal * (1 - cost)
            if penalties:
                row[f"{assignment}/penalty"] = f"{number(100 * cost, 2)}%"
                row[f"{assignment}/after_penalty"] = number(subtotal * (1 - cost))
            statuses[assignment] = result.status if result else NOT_HANDED_IN
        row |= {"total": number(total), "max_total": number(max_total)}
        if penalties:
            row["total_after_penalty"] = number(after)
        row["status"] = _overall(statuses)
        rows.append(row)
    return Table(columns, rows)


def tests_table(
    results: Sequence[SubmissionResult], students: Sequence[str], layout: Layout
) -> Table:
    """The long table: one row per student, notebook and test.

    Args:
        results, students, layout: as for :func:`gradebook_table`.

    Returns:
        Columns :data:`TEST_COLUMNS`. A notebook not handed in is one row with status
        "missing" ("not handed in" when the student handed in nothing of the assignment),
        no grade_id, title or message, its max score as ``points`` and score 0.
        ``message`` is "" for a passed test. Rows are sorted by student, then in the layout's order.

    Raises:
        ValueError: as for :func:`gradebook_table`.
    """
    by_submission = _by_submission(results, layout)
    rows = []
    for student in _roster(results, students):
        for assignment, notebooks in layout.items():
            result = by_submission.get((student, assignment))
            graded = {nb.notebook: nb for nb in result.notebooks} if result else {}
            for name, max_score in notebooks:
                where = {"student": student, "assignment": assignment, "notebook": name}
                notebook = graded.get(name)
                if notebook is None or not notebook.handed_in:
                    missing = MISSING if result else NOT_HANDED_IN
                    rows.append(
                        where
                        | {
                            "grade_id": "",
                            "title": "",
                            "points": number(max_score),
                            "score": "0",
                            "status": missing,
                            "message": "",
                        }
                    )
                    continue
                rows += [
                    where
                    | {
                        "grade_id": t.grade_id,
                        "title": t.title,
                        "points": number(t.points),
                        "score": number(t.score),
                        "status": t.status,
                        "message": t.message or "",
                    }
                    for t in notebook.tests
                ]
    return Table(list(TEST_COLUMNS), rows)


def write_exports(
    results: Sequence[SubmissionResult],
    students: Sequence[str],
    layout: Layout,
    out_dir: Path,
    **columns,
) -> tuple[Path, Path]:
    """Write the class's grades as CSV (UTF-8): the LMS table and the table of every test.

    Args:
        results, students, layout: as for :func:`gradebook_table`.
        out_dir: the folder to write into (created if needed).
        columns: ``names``, ``late``, ``penalties``, as for :func:`gradebook_table`.

    Returns:
        The paths of :data:`GRADES_FILE` (see :func:`gradebook_table`) and
        :data:`TESTS_FILE` (see :func:`tests_table`) in ``out_dir``.

    Raises:
        ValueError: as for :func:`gradebook_table`; then nothing is written.
    """
    grades = gradebook_table(results, students, layout, **columns)
    tests = tests_table(results, students, layout)
    return write_csv(grades, out_dir / GRADES_FILE), write_csv(tests, out_dir / TESTS_FILE)


def write_csv(table: Table, path: Path) -> Path:
    """Write ``table`` to ``path`` as CSV (UTF-8), whole or not at all."""
    buffer = io.StringIO()
    # "\n" rather than csv's "\r\n": write_atomically writes text, which would translate it
    # again on Windows.
    writer = csv.DictWriter(buffer, table.columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(table.rows)
    write_atomically(path, buffer.getvalue())
    return path


def _roster(results: Sequence[SubmissionResult], students: Sequence[str]) -> list[str]:
    """Everyone to list: the class, and anyone who handed in without being on the class list."""
    return sorted(set(students) | {r.student for r in results})


def _by_submission(
    results: Sequence[SubmissionResult], layout: Layout
) -> dict[tuple[str, str], SubmissionResult]:
    """{(student, assignment): result}, after checking that every score has a column to go to."""
    found: dict[tuple[str, str], SubmissionResult] = {}
    for result in results:
        notebooks = {name for name, _ in layout.get(result.assignment, ())}
        unknown = [nb.notebook for nb in result.notebooks if nb.notebook not in notebooks]
        if result.assignment not in layout or unknown:
            raise ValueError(
                f"{result.student}'s result for {result.assignment} has notebooks the layout does "
                f"not list: {', '.join(unknown) or 'the whole assignment'}"
            )
        key = (result.student, result.assignment)
        if key in found:
            raise ValueError(f"two results for {result.student} in {result.assignment}")
        found[key] = result
    return found


def _overall(statuses: dict[str, str]) -> str:
    """One status for a student from {assignment: status}: the status, or each assignment's
    that is not "graded"."""
    values = set(statuses.values())
    if len(values) == 1 and (len(statuses) == 1 or values <= {GRADED, NOT_HANDED_IN}):
        return values.pop()
    return "; ".join(
        f"{assignment}: {status}" for assignment, status in statuses.items() if status != GRADED
    )
