"""Many graded submissions' scores into nbgrader's gradebook, a few statements per batch.

nbgrader's ``Gradebook.update_or_create_submission`` commits on every call, and after
each commit its objects load every cell of the assignment again: about ten submissions a
second, far fewer than a cluster grades. :func:`put_scores` writes the same rows (in
nbgrader's own tables, as its ``add_submission`` makes them: a grade per graded or task
cell, a comment per answer or task cell) for a whole batch with a few statements, and
leaves the commit to the caller: one transaction for the batch.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Sequence

from autograder.grading.results import Status, SubmissionResult


@dataclass
class Filed:
    """What the gradebook keeps of one graded submission.

    Attributes:
        result: its scores and flags.
        answers_unchanged: per notebook, the answer cells left as released (nbgrader's
            "No response." comment).
        timestamp: when it was handed in, if known.
    """

    result: SubmissionResult
    answers_unchanged: dict[str, set[str]]
    timestamp: datetime.datetime | None


def put_scores(gradebook, batch: Sequence[Filed]) -> None:
    """Write the batch's students, submissions, grades, comments and flags (not committed).

    Args:
        gradebook: an open nbgrader Gradebook.
        batch: at most one submission per student and assignment.
    """
    for assignment in dict.fromkeys(filed.result.assignment for filed in batch):
        _put_assignment(
            gradebook, assignment, [f for f in batch if f.result.assignment == assignment]
        )


def _put_assignment(gradebook, name: str, batch: list[Filed]) -> None:
    """:func:`put_scores` for one assignment's submissions."""
    import sqlalchemy as sa
    from nbgrader import api

    db = gradebook.db
    assignment = gradebook.find_assignment(name)
    students = [filed.result.student for filed in batch]
    known = set(db.scalars(sa.select(api.Student.id).where(api.Student.id.in_(students))))
    submitted = api.SubmittedAssignment
    existing = dict(
        db.execute(
            sa.select(submitted.student_id, submitted.id).where(
                submitted.assignment_id == assignment.id, submitted.student_id.in_(students)
            )
        ).all()
    )
    stored = _Stored.of(db, assignment, list(existing.values()))
    rows = _Rows()
    rows.new_all("student", [{"id": s} for s in students if s not in known])
    for filed in batch:
        submission = existing.get(filed.result.student)
        if submission is None:
            submission = rows.new(
                "submission",
                assignment_id=assignment.id,
                student_id=filed.result.student,
                timestamp=filed.timestamp,
            )
        elif filed.timestamp:
            rows.change("submission", submission, timestamp=filed.timestamp)
        results = {nb.notebook: nb for nb in filed.result.notebooks}
        for notebook in assignment.notebooks:
            result = results.get(notebook.name)
            flagged = result is not None and result.needs_human
            row = stored.notebooks.get((submission, notebook.id))
            if row is None:
                row = rows.new(
                    "notebook", assignment_id=submission, notebook_id=notebook.id, flagged=flagged
                )
            elif result is not None:
                rows.change("notebook", row, flagged=flagged)
            scores = {
                test.grade_id: None if test.status == Status.MANUAL else test.score
                for test in (result.tests if result else [])
            }
            for cell in notebook.grade_cells + notebook.task_cells:
                grade, manual = stored.grades.get((row, cell.id), (None, None))
                score = scores.get(cell.name)
                values = {
                    "auto_score": score,
                    "needs_manual_grade": manual is not None or score is None,
                }
                if grade is None:
                    rows.new("grade", notebook_id=row, cell_id=cell.id, **values)
                elif cell.name in scores:
                    rows.change("grade", grade, **values)
            unchanged = filed.answers_unchanged.get(notebook.name, set())
            for cell in notebook.solution_cells + notebook.task_cells:
                text = {"auto_comment": "No response." if cell.name in unchanged else None}
                comment = stored.comments.get((row, cell.id))
                if comment is None:
                    rows.new("comment", notebook_id=row, cell_id=cell.id, **text)
                else:
                    rows.change("comment", comment, **text)
    rows.write(db)


@dataclass
class _Stored:
    """The ids of the rows that existing submissions have, by what they belong to."""

    notebooks: dict[tuple[str, str], str]  # (submission, assignment's notebook) -> its row
    grades: dict[tuple[str, str], tuple[str, float | None]]  # (notebook row, cell) -> row, manual
    comments: dict[tuple[str, str], str]  # (notebook row, cell) -> its row

    @classmethod
    def of(cls, db, assignment, submissions: list[str]) -> _Stored:
        """Read with the leading columns of nbgrader's unique indexes given (the cells, the
        assignment's notebooks), so that no query reads a whole table: the class's size
        does not slow it."""
        import sqlalchemy as sa
        from nbgrader import api

        if not submissions:  # a first grading: nothing to read
            return cls({}, {}, {})
        notebook, grade, comment = api.SubmittedNotebook, api.Grade, api.Comment
        cells = [c.id for nb in assignment.notebooks for c in nb._base_cells]
        notebooks = {
            (submission, of): id
            for id, submission, of in db.execute(
                sa.select(notebook.id, notebook.assignment_id, notebook.notebook_id).where(
                    notebook.notebook_id.in_([nb.id for nb in assignment.notebooks]),
                    notebook.assignment_id.in_(submissions),
                )
            )
        }
        rows = list(notebooks.values())
        grades = {
            (nb, cell): (id, manual)
            for id, nb, cell, manual in db.execute(
                sa.select(grade.id, grade.notebook_id, grade.cell_id, grade.manual_score).where(
                    grade.cell_id.in_(cells), grade.notebook_id.in_(rows)
                )
            )
        }
        comments = {
            (nb, cell): id
            for id, nb, cell in db.execute(
                sa.select(comment.id, comment.notebook_id, comment.cell_id).where(
                    comment.cell_id.in_(cells), comment.notebook_id.in_(rows)
                )
            )
        }
        return cls(notebooks, grades, comments)


class _Rows:
    """Rows to insert and to change, by table, written with a statement per table and kind."""

    def __init__(self):
        self.inserted: dict[str, list[dict]] = defaultdict(list)
        self.changed: dict[str, list[dict]] = defaultdict(list)

    def new(self, kind: str, **values) -> str:
        """A new row (with an id made as nbgrader makes them); returns the id."""
        from nbgrader.api import new_uuid

        row = {"id": new_uuid(), **values}
        self.inserted[kind].append(row)
        return row["id"]

    def new_all(self, kind: str, rows: list[dict]) -> None:
        self.inserted[kind] += rows

    def change(self, kind: str, id: str, **values) -> None:
        self.changed[kind].append({"row_id": id, **{f"new_{k}": v for k, v in values.items()}})

    def write(self, db) -> None:
        import sqlalchemy as sa
        from nbgrader import api

        tables = {  # in this order: each refers to those before it
            "student": api.Student.__table__,
            "submission": api.SubmittedAssignment.__table__,
            "notebook": api.SubmittedNotebook.__table__,
            "grade": api.Grade.__table__,
            "comment": api.Comment.__table__,
        }
        for kind, table in tables.items():
            for inserted in _same_keys(self.inserted[kind]):
                db.execute(sa.insert(table), inserted)
            for changed in _same_keys(self.changed[kind]):
                columns = [key.removeprefix("new_") for key in changed[0] if key != "row_id"]
                statement = (
                    sa.update(table)
                    .where(table.c.id == sa.bindparam("row_id"))
                    .values({c: sa.bindparam(f"new_{c}") for c in columns})
                )
                db.execute(statement, changed)


def _same_keys(rows: list[dict]) -> list[list[dict]]:
    """``rows`` in groups with the same keys (one statement can write each group)."""
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for row in rows:
        groups[tuple(row)].append(row)
    return list(groups.values())
