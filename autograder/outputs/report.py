"""The instructor's report on a class: one self-contained HTML page.

It holds a summary (submissions graded, needing review, missing; mean and median score
per assignment), then per assignment a histogram of the scores of each question (test
cell), the share of submissions that passed it, every failure message (the most common
first, the rest folded), and a table of the students with links to their feedback pages
and graded notebooks; then pairs of submissions similar enough for a human to look at
(:mod:`.similarity`: a hint, never a verdict), the submissions that need a human, and the
notes about the others. Histograms are SVG images inside the page (``data:`` URIs); the
only links out are those to the class folder's own files, relative, so the page opens
without network and keeps working when the class folder is moved or copied whole.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, NamedTuple, Sequence

from autograder.atomic import write_atomically
from autograder.course.folders import ClassFolder
from autograder.grading.results import Problem, Status, SubmissionResult
from autograder.outputs.histogram import histogram
from autograder.outputs.html import render
from autograder.outputs.late import Lateness
from autograder.outputs.similarity import Similarity
from autograder.outputs.students_table import FileLinks, StudentRow, student_rows

TOP_FAILURES = 10  # failure messages shown open per assignment; the others are folded


@dataclass
class Question:
    """One test cell of an assignment, over its graded submissions.

    Attributes:
        notebook, grade_id, title: which test ("" title when the test has none).
        points: what it is worth.
        scores: one score per graded submission that has this test.
        passed: how many of them passed it.
        bars: the histogram, as (label of a bar, e.g. "2" or "0–0.3", submissions in it).
        image: the histogram as a ``data:image/svg+xml`` URI.
    """

    notebook: str
    grade_id: str
    title: str
    points: float
    scores: list[float] = field(default_factory=list)
    passed: int = 0
    bars: list[tuple[str, int]] = field(default_factory=list)
    image: str = ""


@dataclass
class Failure:
    """Submissions that failed one test with one message.

    Attributes:
        notebook, grade_id, title: the test.
        message: the test's message ("" when it had none).
        statuses: the tests' statuses, e.g. ["failed"].
        students: who got this message, in the order of the results.
    """

    notebook: str
    grade_id: str
    title: str
    message: str
    statuses: list[Status] = field(default_factory=list)
    students: list[str] = field(default_factory=list)


class ProblemRow(NamedTuple):
    """Problems of one notebook of a submission (or of the submission as a whole).

    Attributes:
        student, assignment: the submission.
        notebook: the notebook, or None for the whole submission.
        problems: the problems, in the grader's order.
    """

    student: str
    assignment: str
    notebook: str | None
    problems: list[Problem]


@dataclass
class AssignmentSummary:
    """What the report shows of one assignment.

    Attributes:
        assignment: its id.
        results: its graded submissions, by student.
        needs_review: how many of them need a human.
        mean, median, max_score: of their scores, in points.
        missing: students of the class list without a result, or None without a class list.
        notebooks: its notebooks, in order.
        questions: its test cells, in notebook order.
        failures: every distinct failure, most frequent first (the page shows the first
            TOP_FAILURES open and folds the others).
        students: one row per student, graded or on the class list, sorted by folder.
    """

    assignment: str
    results: list[SubmissionResult]
    needs_review: int
    mean: float
    median: float
    max_score: float
    missing: list[str] | None
    notebooks: list[str]
    questions: list[Question]
    failures: list[Failure]
    students: list[StudentRow] = field(default_factory=list)


def write_report(
    results: Sequence[SubmissionResult],
    path: Path,
    *,
    title: str,
    students: Sequence[str] = (),
    names: Mapping[str, str] | None = None,
    late: Mapping[tuple[str, str], Lateness] | None = None,
    folder: ClassFolder | None = None,
    similar: Sequence[Similarity] = (),
) -> Path:
    """Write the instructor's report on a class as one self-contained HTML page.

    Args:
        results: the graded submissions, of one or more assignments.
        path: where to write the page (written atomically).
        title: the page's title, e.g. "Neural Networks from Scratch: 01-single-neuron".
        students: the class list, to count and name missing submissions (students
            without a result for an assignment); empty when unknown.
        names: student -> name to show beside the folder; None: folders only.
        late: (student, assignment) -> when it was handed in (see :mod:`.late`).
        folder: the class folder, to link each student's feedback pages and graded
            notebooks (those that exist); None: no links.
        similar: pairs of submissions whose answers are alike (see :mod:`.similarity`),
            strongest first.

    Returns:
        ``path``.
    """
    summaries = summarize(
        results, students, names=names, late=late, links=FileLinks(folder, path.parent)
    )
    graded = sorted(results, key=lambda r: (r.assignment, r.student))
    html = render(
        "report.html.j2",
        title=title,
        assignments=summaries,
        top_failures=TOP_FAILURES,
        graded=len(graded),
        needs_review=sum(s.needs_review for s in summaries),
        missing=None if not students else sum(len(s.missing or ()) for s in summaries),
        similar=list(similar),
        review_rows=problem_rows(graded, needs_human=True),
        note_rows=problem_rows(graded, needs_human=False),
    )
    write_atomically(path, html)
    return path


def summarize(
    results: Sequence[SubmissionResult],
    students: Sequence[str] = (),
    *,
    names: Mapping[str, str] | None = None,
    late: Mapping[tuple[str, str], Lateness] | None = None,
    links: FileLinks | None = None,
) -> list[AssignmentSummary]:
    """What the report shows of each assignment that has results, in order of assignment id.

    Args:
        results, students, names, late: as for :func:`write_report`.
        links: where the students' files are, seen from the page; None: no links.

    Returns:
        One :class:`AssignmentSummary` per assignment, histograms drawn.
    """
    by_assignment: dict[str, list[SubmissionResult]] = defaultdict(list)
    for result in sorted(results, key=lambda r: r.student):
        by_assignment[result.assignment].append(result)
    summaries = []
    for assignment, graded in sorted(by_assignment.items()):
        scores = [r.score for r in graded]
        handed = {r.student for r in graded}
        summaries.append(
            AssignmentSummary(
                assignment,
                graded,
                needs_review=sum(r.needs_human for r in graded),
                mean=statistics.mean(scores),
                median=statistics.median(scores),
                max_score=max(r.max_score for r in graded),
                missing=sorted(set(students) - handed) if students else None,
                notebooks=list(dict.fromkeys(nb.notebook for r in graded for nb in r.notebooks)),
                questions=questions(graded),
                failures=common_failures(graded),
                students=student_rows(
                    assignment, graded, students, names or {}, late or {}, links or FileLinks()
                ),
            )
        )
    return summaries


def questions(results: Sequence[SubmissionResult]) -> list[Question]:
    """Every test cell of one assignment's results, in notebook order, with its histogram.

    Args:
        results: graded submissions of one assignment.

    Returns:
        One :class:`Question` per (notebook, grade_id), scores from every submission that
        has the test (a notebook not handed in counts with the scores it got: 0).
    """
    found: dict[tuple[str, str], Question] = {}
    for result in results:
        for notebook in result.notebooks:
            for test in notebook.tests:
                question = found.setdefault(
                    (notebook.notebook, test.grade_id),
                    Question(notebook.notebook, test.grade_id, test.title, test.points),
                )
                question.title = question.title or test.title
                question.scores.append(test.score)
                question.passed += test.status == Status.PASSED
    for question in found.values():
        question.bars, question.image = histogram(question.scores, question.points, len(results))
    return list(found.values())


def common_failures(results: Sequence[SubmissionResult]) -> list[Failure]:
    """Tests not passed, grouped by test and message, most frequent first.

    Args:
        results: graded submissions of one assignment.

    Returns:
        Every distinct (notebook, grade_id, message) of a test that did not pass, with
        who got it; most students first, ties in notebook order. Notebooks not handed in
        are left out: their tests did not fail, they were not there (the notes say so).
    """
    found: dict[tuple[str, str, str], Failure] = {}
    for result in results:
        for notebook in (nb for nb in result.notebooks if nb.handed_in):
            for test in notebook.tests:
                if test.status == Status.PASSED:
                    continue
                message = test.message or ""
                failure = found.setdefault(
                    (notebook.notebook, test.grade_id, message),
                    Failure(notebook.notebook, test.grade_id, test.title, message),
                )
                failure.students.append(result.student)
                if test.status not in failure.statuses:
                    failure.statuses.append(test.status)
    # sorted() is stable, so equal counts keep the order of first appearance (the notebook's order).
    return sorted(found.values(), key=lambda f: -len(f.students))


def problem_rows(results: Sequence[SubmissionResult], *, needs_human: bool) -> list[ProblemRow]:
    """The problems that need a human (or those that do not), one row per submission and notebook.

    Args:
        results: graded submissions, in the order to list them.
        needs_human: which problems to list.

    Returns:
        Rows with at least one such problem: the whole submission's first, then each notebook's.
    """
    rows = []
    for result in results:
        parts = [(None, result.problems)] + [(nb.notebook, nb.problems) for nb in result.notebooks]
        for notebook, problems in parts:
            chosen = [p for p in problems if p.needs_human == needs_human]
            if chosen:
                rows.append(ProblemRow(result.student, result.assignment, notebook, chosen))
    return rows
