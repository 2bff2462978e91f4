"""Feedback pages, CSV exports and the class report, from results built by hand (no kernels)."""

from __future__ import annotations

import base64
import csv
import io
import re

import pytest
from markupsafe import escape

from autograder.grading.results import (
    NotebookResult,
    Problem,
    ProblemKind,
    Status,
    SubmissionResult,
)
from autograder.grading.results import (
    TestResult as GradedTest,  # not "Test...", which pytest would collect
)
from autograder.outputs import export, feedback, numbers, report
from autograder.outputs.html import anchor, status_look
from nbhelpers.plots import PALETTE

A1, A2 = "01-single-neuron", "02-layer-of-neurons"
LAYOUT = {A1: [(A1, 10.0)], A2: [(A2, 4.0), ("02-challenge", 2.0)]}
STUDENTS = ["alice", "bob", "chloé", "dmitri", "eve"]  # dmitri hands in nothing
SCRIPT = '<script>alert("pwned")</script>'
NON_ASCII = "Gewichte «w» müssen Zahlen sein — 重み ✗"
BIAS = (
    "neuron_output([1, 2, 3], [0.2, 0.8, -0.5], 2) returned 0.3; "
    "the bias is missing: add it once, after the sum."
)
GATES = "and_gate(1, 1) returned 0: the threshold is too high."
TRACEBACK = (
    'Traceback (most recent call last):\n  File "grade.py", line 1\n    _hidden_tests()\n'
    "KeyError: x"
)
TITLES = {
    "test_neuron_output": "Exercise 1: the book's three- and four-input neurons",
    "test_line": "Exercise 2: the line through two points",
    "test_step": "",
    "test_gates": "Exercise 4: AND, OR and NOT from one neuron",
    "test_layer": "Exercise 1: a layer with loops",
    "test_sizes": "Exercise 2: size checks",
    "test_challenge": "Challenge: a layer of any size",
}
POINTS = {
    "test_neuron_output": 3.0,
    "test_line": 2.0,
    "test_step": 2.0,
    "test_gates": 3.0,
    "test_layer": 2.0,
    "test_sizes": 2.0,
    "test_challenge": 2.0,
}


def t(grade_id: str, score: float, status: str, message: str | None = None) -> GradedTest:
    return GradedTest(grade_id, TITLES[grade_id], POINTS[grade_id], score, status, message)


def nb(name: str, tests: list[GradedTest], *problems: Problem) -> NotebookResult:
    return NotebookResult(
        name, sum(x.score for x in tests), sum(x.points for x in tests), tests, list(problems)
    )


def not_handed_in(name: str, *grade_ids: str) -> NotebookResult:
    message = f"{name}.ipynb was not handed in"
    return nb(
        name,
        [t(g, 0.0, Status.NOT_RUN, message) for g in grade_ids],
        Problem(ProblemKind.MISSING, message),
    )


@pytest.fixture
def results() -> list[SubmissionResult]:
    """A small class: every status, problems for a human and not, a missing notebook."""
    timeout = Problem(
        ProblemKind.TIMEOUT,
        "cell(s) 14 ran longer than 30 s and were interrupted",
        needs_human=True,
    )
    restored = Problem(
        ProblemKind.CELLS_RESTORED, "test_line was deleted; it was put back as released."
    )
    edited = Problem(
        ProblemKind.TEST_EDITED,
        "test_sizes was edited; the original test ran instead",
        needs_human=True,
    )
    return [
        SubmissionResult(
            "alice",
            A1,
            "f1",
            [
                nb(
                    A1,
                    [
                        t("test_neuron_output", 3.0, Status.PASSED),
                        t("test_line", 2.0, Status.PASSED),
                        t("test_step", 2.0, Status.PASSED),
                        t(
                            "test_gates",
                            1.5,
                            Status.PARTIAL,
                            "1.5 of 3 points\n    OR is right; AND is not.",
                        ),
                    ],
                )
            ],
        ),
        SubmissionResult(
            "bob",
            A1,
            "f2",
            [
                nb(
                    A1,
                    [
                        t("test_neuron_output", 0.0, Status.FAILED, BIAS),
                        t(
                            "test_line",
                            0.0,
                            Status.ERROR,
                            "TypeError: can't multiply sequence by non-int of type 'float'",
                        ),
                        t("test_step", 0.0, Status.TIMEOUT, "the cell ran longer than 30 s"),
                        t(
                            "test_gates",
                            0.0,
                            Status.NOT_RUN,
                            "the notebook stopped earlier (a cell ran longer than 30 s)",
                        ),
                    ],
                    timeout,
                )
            ],
        ),
        SubmissionResult(
            "chloé",
            A1,
            "f3",
            [
                nb(
                    A1,
                    [
                        t("test_neuron_output", 3.0, Status.PASSED),
                        t("test_line", 0.0, Status.FAILED, f"ValueError: {SCRIPT} {NON_ASCII}"),
                        t("test_step", 2.0, Status.PASSED),
                        t("test_gates", 0.0, Status.FAILED, GATES),
                    ],
                    restored,
                )
            ],
        ),
        SubmissionResult(
            "eve",
            A1,
            "f4",
            [
                nb(
                    A1,
                    [
                        t("test_neuron_output", 0.0, Status.FAILED, BIAS),
                        t("test_line", 2.0, Status.PASSED),
                        t("test_step", 2.0, Status.PASSED),
                        t("test_gates", 0.0, Status.FAILED, GATES),
                    ],
                )
            ],
            [
                Problem(
                    ProblemKind.GRADER_ERROR,
                    f"grading this submission failed; report this:\n{TRACEBACK}",
                    needs_human=True,
                ),
                Problem(
                    ProblemKind.EXTRA_FILES,
                    "1 other file(s) handed in, available to the notebooks as in nbgrader: a.py",
                ),
            ],
        ),
        SubmissionResult(
            "alice",
            A2,
            "f5",
            [
                nb(
                    A2,
                    [
                        t("test_layer", 2.0, Status.PASSED),
                        t("test_sizes", 0.5, Status.PARTIAL, "0.5 of 2 points"),
                    ],
                ),
                nb("02-challenge", [t("test_challenge", 2.0, Status.PASSED)]),
            ],
        ),
        SubmissionResult(
            "bob",
            A2,
            "f6",
            [
                nb(
                    A2,
                    [
                        t("test_layer", 2.0, Status.PASSED),
                        t(
                            "test_sizes",
                            0.0,
                            Status.FAILED,
                            "layer_output([1], []) raised no error",
                        ),
                    ],
                    edited,
                ),
                not_handed_in("02-challenge", "test_challenge"),
            ],
        ),
        SubmissionResult(
            "chloé",
            A2,
            "f7",
            [
                nb(
                    A2,
                    [
                        t("test_layer", 0.1, Status.PARTIAL, "0.1 of 2 points"),
                        t("test_sizes", 0.2, Status.PARTIAL, "0.2 of 2 points"),
                    ],
                ),
                nb("02-challenge", [t("test_challenge", 2.0, Status.PASSED)]),
            ],
        ),
    ]


def result_of(results: list[SubmissionResult], student: str, assignment: str) -> SubmissionResult:
    return next(r for r in results if (r.student, r.assignment) == (student, assignment))


def section(html: str, section_id: str) -> str:
    """The HTML of the <section> with that id."""
    match = re.search(rf'<section id="{re.escape(section_id)}">(.*?)</section>', html, re.S)
    assert match, f"no section {section_id!r}"
    return match.group(1)


def without_tags(html: str) -> str:
    """The text of some HTML, white space collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


# --------------------------------------------------------------------------- numbers and statuses


@pytest.mark.parametrize(
    "value, text",
    [
        (3.0, "3"),
        (2.5, "2.5"),
        (0.1 + 0.2, "0.3"),
        (-0.0, "0"),
        (10.0, "10"),
        (1 / 3, "0.333333"),
        (1234567.0, "1234567"),
    ],
)
def test_numbers_have_no_float_noise(value, text):
    assert numbers.number(value) == text


def test_numbers_can_be_rounded_to_fewer_places():
    assert [numbers.number(x, 2) for x in (2 / 3, 10.0, 1.005e-3)] == ["0.67", "10", "0"]
    assert numbers.number(20.0, 0) == "20"


def test_every_status_has_its_own_symbol_and_word():
    statuses = [
        Status.PASSED,
        Status.PARTIAL,
        Status.FAILED,
        Status.ERROR,
        Status.TIMEOUT,
        Status.NOT_RUN,
    ]
    looks = [status_look(s) for s in statuses]
    assert (
        len({look.symbol for look in looks}) == len({look.word for look in looks}) == len(statuses)
    )
    assert status_look(Status.NOT_RUN).css == "status-not-run"
    assert (
        status_look("something new").word == "something new"
    )  # unknown statuses are shown as they are
    assert status_look("manual").word == "graded by hand"


# --------------------------------------------------------------------------- feedback


def test_feedback_pages_follow_nbgraders_layout(results, tmp_path):
    pages = feedback.write_feedback(result_of(results, "bob", A2), tmp_path)
    assert pages == [
        tmp_path / "bob" / A2 / f"{A2}.html",
        tmp_path / "bob" / A2 / "02-challenge.html",
    ]
    assert all(page.is_file() for page in pages)
    assert sorted(p.name for p in tmp_path.rglob("*")) == sorted(
        ["bob", A2, f"{A2}.html", "02-challenge.html"]
    )


def test_feedback_shows_score_and_every_test_with_its_status_and_message(results, tmp_path):
    result = result_of(results, "bob", A1)
    [page] = feedback.write_feedback(result, tmp_path)
    html = page.read_text(encoding="utf-8")
    text = without_tags(html)
    assert A1 in text and "bob" in text and "0 of 10 points" in text
    rows = re.findall(r"<tr id=.*?</tr>", html, re.S)
    assert len(rows) == len(result.notebooks[0].tests)
    for row, test in zip(rows, result.notebooks[0].tests):
        look = status_look(test.status)
        assert escape(test.title or test.grade_id) in row
        assert f"{look.symbol}</span> {look.word}" in row
        assert f'<p class="message">{escape(test.message)}</p>' in row
        assert f"0 / {test.points:g}" in row
    assert "test_step</td>" in html, "a test without a title is named by its grade_id"


def test_feedback_keeps_whitespace_of_messages(results, tmp_path):
    [page] = feedback.write_feedback(result_of(results, "alice", A1), tmp_path)
    html = page.read_text(encoding="utf-8")
    assert '<p class="message">1.5 of 3 points\n    OR is right; AND is not.</p>' in html
    assert re.search(r"\.message \{[^}]*white-space: pre-wrap", html)


def test_feedback_escapes_html_and_keeps_non_ascii_text(results, tmp_path):
    [page] = feedback.write_feedback(result_of(results, "chloé", A1), tmp_path)
    html = page.read_text(encoding="utf-8")
    assert "<script" not in html
    assert "&lt;script&gt;alert(&#34;pwned&#34;)&lt;/script&gt;" in html
    assert NON_ASCII in html and '<meta charset="utf-8">' in html


def test_feedback_tells_students_about_problems_in_their_words(results, tmp_path):
    (bob_a1,) = feedback.write_feedback(result_of(results, "bob", A1), tmp_path)
    html = bob_a1.read_text(encoding="utf-8")
    assert "Your code ran longer than the time limit. Your instructor will look at it." in html
    assert "cell(s) 14 ran longer than 30 s" in html, "a timeout says what the limit was"
    _, challenge = feedback.write_feedback(result_of(results, "bob", A2), tmp_path)
    assert "This notebook was not handed in." in challenge.read_text(encoding="utf-8")


def test_feedback_shows_nothing_but_the_results_fields(results, tmp_path):
    pages = [page for result in results for page in feedback.write_feedback(result, tmp_path)]
    assert len(pages) == 10
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for secret in (
            "Traceback",
            "_hidden_tests",
            "BEGIN HIDDEN",
            "grade.py",
            "a.py",
            "<img",
            "<script",
        ):
            assert secret not in html, f"{page}: {secret}"
        assert not re.search(r'(?:src|href)="(?!#)', html), "no links or resources"
    eve = (tmp_path / "eve" / A1 / f"{A1}.html").read_text(encoding="utf-8")
    assert (
        "Grading went wrong on our side, not in your work. Your instructor will look at it." in eve
    )


@pytest.mark.parametrize("student", ["..", "a/b", ""])
def test_feedback_refuses_names_that_leave_the_feedback_folder(results, tmp_path, student):
    result = result_of(results, "alice", A1)
    result.student = student
    with pytest.raises(ValueError, match="file or folder name"):
        feedback.write_feedback(result, tmp_path / "feedback")
    assert not tmp_path.joinpath("feedback").exists()


# --------------------------------------------------------------------------- exports


def read_csv(path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def test_the_gradebook_has_a_row_for_every_student_with_totals(results, tmp_path):
    grades_path, _ = export.write_exports(results, STUDENTS, LAYOUT, tmp_path)
    assert grades_path == tmp_path / export.GRADES_FILE
    with grades_path.open(encoding="utf-8", newline="") as file:
        header = next(csv.reader(file))
    assert header == [
        "student",
        f"{A1}/{A1}",
        f"{A2}/{A2}",
        f"{A2}/02-challenge",
        f"{A2}/total",
        "total",
        "max_total",
        "status",
    ]
    rows = {row["student"]: row for row in read_csv(grades_path)}
    assert list(rows) == sorted(STUDENTS)
    assert rows["alice"] | {"status": ""} == {
        "student": "alice",
        f"{A1}/{A1}": "8.5",
        f"{A2}/{A2}": "2.5",
        f"{A2}/02-challenge": "2",
        f"{A2}/total": "4.5",
        "total": "13",
        "max_total": "16",
        "status": "",
    }
    assert rows["chloé"][f"{A2}/{A2}"] == "0.3", "no float noise (0.1 + 0.2)"
    assert rows["bob"][f"{A2}/total"] == "2" and rows["bob"]["total"] == "2"
    assert rows["dmitri"]["total"] == "0" and rows["dmitri"]["status"] == "not handed in"


def test_the_gradebook_status_says_what_needs_a_look(results):
    table = export.gradebook_table(results, STUDENTS, LAYOUT)
    status = {row["student"]: row["status"] for row in table.rows}
    assert status == {
        "alice": "graded",
        "dmitri": "not handed in",
        "bob": f"{A1}: needs review: {A1}: timeout; {A2}: needs review: {A2}: test-edited",
        "chloé": "graded",
        "eve": f"{A1}: needs review: grader-error; {A2}: not handed in",
    }
    one = export.gradebook_table(
        [r for r in results if r.assignment == A1], STUDENTS, {A1: LAYOUT[A1]}
    )
    assert [row["status"] for row in one.rows] == [
        "graded",
        f"needs review: {A1}: timeout",
        "graded",
        "not handed in",
        "needs review: grader-error",
    ]
    assert one.columns == ["student", f"{A1}/{A1}", "total", "max_total", "status"], (
        "no subtotal for one notebook"
    )


def test_the_long_table_has_a_row_per_test_and_per_notebook_not_handed_in(results, tmp_path):
    _, tests_path = export.write_exports(results, STUDENTS, LAYOUT, tmp_path)
    rows = read_csv(tests_path)
    assert list(rows[0]) == export.TEST_COLUMNS
    handed_in = sum(len(n.tests) for r in results for n in r.notebooks if n.handed_in)
    missing = [
        (r["student"], r["assignment"], r["notebook"])
        for r in rows
        if r["status"] in ("missing", "not handed in")
    ]
    assert {r["status"] for r in rows if r["student"] == "dmitri"} == {"not handed in"}
    assert [r["status"] for r in rows if r["student"] == "bob" and not r["grade_id"]] == [
        "missing"
    ], "a notebook missing from a submission, not a submission missing"
    assert missing == [
        ("bob", A2, "02-challenge"),
        ("dmitri", A1, A1),
        ("dmitri", A2, A2),
        ("dmitri", A2, "02-challenge"),
        ("eve", A2, A2),
        ("eve", A2, "02-challenge"),
    ]
    assert len(rows) == handed_in + len(missing)
    [chloe_line] = [r for r in rows if r["student"] == "chloé" and r["grade_id"] == "test_line"]
    assert chloe_line == {
        "student": "chloé",
        "assignment": A1,
        "notebook": A1,
        "grade_id": "test_line",
        "title": TITLES["test_line"],
        "points": "2",
        "score": "0",
        "status": Status.FAILED,
        "message": f"ValueError: {SCRIPT} {NON_ASCII}",
    }
    [alice_gates] = [r for r in rows if r["student"] == "alice" and r["grade_id"] == "test_gates"]
    assert alice_gates["message"] == "1.5 of 3 points\n    OR is right; AND is not.", (
        "newlines survive CSV"
    )
    assert [r for r in rows if r["student"] == "dmitri"][0]["points"] == "10"


def test_exports_list_students_who_are_not_on_the_class_list(results):
    table = export.gradebook_table(results, ["alice"], LAYOUT)
    assert [row["student"] for row in table.rows] == ["alice", "bob", "chloé", "eve"]


def test_exports_refuse_results_that_do_not_fit_the_layout(results, tmp_path):
    with pytest.raises(ValueError, match="02-challenge"):
        export.write_exports(results, STUDENTS, {A1: LAYOUT[A1], A2: LAYOUT[A2][:1]}, tmp_path)
    with pytest.raises(ValueError, match="two results for alice"):
        export.write_exports(results + results[:1], STUDENTS, LAYOUT, tmp_path)
    assert not list(tmp_path.iterdir())


def test_csv_files_are_utf8_and_parse_back(results, tmp_path):
    for path in export.write_exports(results, STUDENTS, LAYOUT, tmp_path):
        data = path.read_bytes()
        assert not data.startswith(b"\xef\xbb\xbf") and "chloé".encode() in data
        assert list(csv.reader(io.StringIO(data.decode("utf-8")))) != []


# --------------------------------------------------------------------------- report


@pytest.fixture
def report_html(results, tmp_path) -> str:
    path = report.write_report(
        results, tmp_path / "report.html", title="NNFS · week 1", students=STUDENTS
    )
    return path.read_text(encoding="utf-8")


def test_the_report_summarises_the_class(report_html):
    summary = without_tags(section(report_html, "summary"))
    graded, review, missing = re.findall(
        r"(\d+)\s*(?:submissions graded|need a human|missing:)", summary
    )
    assert (graded, review, missing) == ("7", "3", "3")  # dmitri twice, eve once
    assert f"Missing in {A1}: dmitri" in summary and f"Missing in {A2}: dmitri, eve" in summary
    a1 = re.search(rf"{A1} 4 2 1 (\S+) (\S+) 10", summary)
    assert a1 and a1.groups() == ("4.38", "4.5"), "mean and median of 8.5, 0, 5 and 4"


def test_the_report_names_every_submission_that_needs_a_human_with_its_reasons(
    results, report_html
):
    review = section(report_html, "needs-review")
    rows = re.findall(r"<tr>\s*<td>(.*?)</tr>", review, re.S)
    assert len(rows) == 3
    for row, (student, assignment, reasons) in zip(
        rows,
        [
            ("bob", A1, ["cell(s) 14 ran longer than 30 s"]),
            ("eve", A1, ["grading this submission failed"]),
            ("bob", A2, ["test_sizes was edited"]),
        ],
    ):
        assert row.startswith(f'<a href="#student--{assignment}--{student}">{student}</a></td>')
        assert f">{assignment}</a>" in row
        assert all(reason in row for reason in reasons)
    assert "KeyError: x" in review, "the instructor sees the whole grader error"
    notes = section(report_html, "notes")
    assert (
        "test_line was deleted" in notes
        and "a.py" in notes
        and "02-challenge.ipynb was not handed in" in notes
    )
    assert "test_sizes was edited" not in notes


def test_the_report_lists_common_failures_most_frequent_first(report_html):
    a1 = section(report_html, f"assignment--{A1}")
    rows = re.findall(r'<tr>\s*<td class="num count">(\d+)</td>(.*?)</tr>', a1, re.S)
    counts = [int(count) for count, _ in rows]
    assert counts == [2, 2, 1, 1, 1, 1, 1], "every failure once, most frequent first"
    assert "the bias is missing" in rows[0][1] and "the threshold is too high" in rows[1][1]
    assert "1.5 of 3 points" in rows[2][1], "equal counts stay in the order they were found"
    a2 = section(report_html, f"assignment--{A2}").split('<table class="students">')[0]
    assert "not handed in" not in a2, "a notebook not handed in is not a failure"


def test_the_report_shows_ten_failures_open_and_every_other_one_folded(tmp_path):
    many = [
        SubmissionResult(
            f"s{i:02d}", A1, "", [nb(A1, [t("test_line", 0.0, Status.FAILED, f"message {i % 12}")])]
        )
        for i in range(40)
    ]
    [summary] = report.summarize(many)
    assert [len(f.students) for f in summary.failures] == [4] * 4 + [3] * 8
    assert [f.message for f in summary.failures[:5]] == [f"message {i}" for i in range(5)]
    assert summary.failures[0].students == ["s00", "s12", "s24", "s36"]
    html = report.write_report(many, tmp_path / "r.html", title="t").read_text(encoding="utf-8")
    shown, folded = html.split('<details class="more-failures">')
    assert "2 less common messages" in folded
    assert {f"message {i}" for i in range(10)} <= set(re.findall(r"message \d+", shown))
    assert set(re.findall(r"message \d+", folded.split("</details>\n")[-2])) >= {
        "message 10",
        "message 11",
    }, "the two less common messages are in the page, folded"


def test_the_report_has_one_histogram_per_question(report_html):
    for assignment, grade_ids in [
        (A1, ["test_neuron_output", "test_line", "test_step", "test_gates"]),
        (A2, ["test_layer", "test_sizes", "test_challenge"]),
    ]:
        part = section(report_html, f"assignment--{assignment}")
        figures = re.findall(r'<figure class="question" id="([^"]+)">(.*?)</figure>', part, re.S)
        assert [f.split("--")[-1] for f, _ in figures] == grade_ids
        for _, figure in figures:
            assert (
                len(re.findall(r'<img class="histogram" src="data:image/svg\+xml;base64,', figure))
                == 1
            )
    line = re.search(
        r'id="q--01-single-neuron--01-single-neuron--test_line">(.*?)</figure>', report_html, re.S
    )
    assert "Scores of 4 submissions: 2 scored 0; 0 scored 1; 2 scored 2" in line.group(1)
    assert "2</strong> of 4 passed (50%)" in line.group(1)


def test_histograms_use_fixed_bins_and_the_course_palette(results):
    [a1, _] = report.summarize(results, STUDENTS)
    gates = next(q for q in a1.questions if q.grade_id == "test_gates")
    assert gates.bars == [("0", 3), ("1", 0), ("2", 1), ("3", 0)], (
        "1.5 rounds up, to the 2-point bar"
    )
    [big] = report.questions(
        [
            SubmissionResult(
                s,
                "project",
                "",
                [
                    NotebookResult(
                        "p",
                        score,
                        50.0,
                        [
                            GradedTest(
                                "test_big",
                                "",
                                50.0,
                                score,
                                Status.PASSED if score == 50 else Status.PARTIAL,
                            )
                        ],
                    )
                ],
            )
            for s, score in [("a", 0.0), ("b", 25.0), ("c", 50.0)]
        ]
    )
    assert big.bars == [(f"{lo}–{lo + 5}", 1 if lo in (0, 25, 45) else 0) for lo in range(0, 50, 5)]
    svg = base64.b64decode(big.image.removeprefix("data:image/svg+xml;base64,")).decode()
    assert svg.startswith("<?xml") and PALETTE["blue"].lower() in svg.lower()


def test_the_report_is_self_contained_and_escaped(report_html):
    links = re.findall(r'(?:src|href)\s*=\s*"([^"]*)"', report_html) + re.findall(
        r"url\(([^)]*)\)", report_html
    )
    assert links and all(link.startswith(("#", "data:")) for link in links), [
        link for link in links if not link.startswith(("#", "data:"))
    ]
    assert (
        "<link" not in report_html and "@import" not in report_html and "<script" not in report_html
    )
    assert "&lt;script&gt;" in report_html and NON_ASCII in report_html


def test_the_report_without_a_class_list_does_not_guess_who_is_missing(results, tmp_path):
    html = report.write_report(results, tmp_path / "r.html", title="t").read_text(encoding="utf-8")
    assert "missing (no class list given)" in html and "Missing in" not in html


def test_the_same_results_give_the_same_report(results, tmp_path):
    first = report.write_report(results, tmp_path / "a.html", title="t").read_bytes()
    assert report.write_report(results[::-1], tmp_path / "b.html", title="t").read_bytes() == first


def test_an_empty_class_gives_a_report(tmp_path):
    html = report.write_report([], tmp_path / "r.html", title="t", students=["x"]).read_text(
        encoding="utf-8"
    )
    assert "No submission has been graded yet." in html


def _class_files(tmp_path):
    """A class folder in which alice's 01 has a feedback page and a graded notebook."""
    from autograder.course.folders import ClassFolder

    folder = ClassFolder.at(tmp_path / "class")
    (folder.feedback / "alice" / A1).mkdir(parents=True)
    (folder.feedback / "alice" / A1 / f"{A1}.html").write_text("<p>feedback</p>")
    (folder.autograded / "alice" / A1).mkdir(parents=True)
    (folder.autograded / "alice" / A1 / f"{A1}.ipynb").write_text("{}")
    return folder


def students_table(html: str, assignment: str) -> dict[str, str]:
    """{student: their row's HTML} of an assignment's students' table."""
    table = section(html, f"assignment--{assignment}").split('<table class="students">')[1]
    return dict(re.findall(rf'<tr id="student--{assignment}--([^"]+)">(.*?)</tr>', table, re.S))


def test_the_report_lists_every_student_with_score_time_status_and_links(results, tmp_path):
    from autograder.outputs.late import Lateness

    folder = _class_files(tmp_path)
    page = folder.root / "reports" / "week 1.html"
    html = report.write_report(
        results,
        page,
        title="t",
        students=STUDENTS,
        names={"alice": "Alice Martin", "dmitri": "Dmitri Ivanov"},
        late={(("bob", A1)): Lateness("2026-12-02T09:15:00+00:00", True, True)},
        folder=folder,
    ).read_text(encoding="utf-8")
    rows = students_table(html, A1)
    assert [student[:5] for student in rows] == ["alice", "bob", "chlo-", "dmitr", "eve"]
    alice = rows["alice"]
    assert "Alice Martin" in alice and "8.5 / 10" in alice
    links = re.findall(r'href="([^"#][^"]*)"', alice)
    assert links == [f"../feedback/alice/{A1}/{A1}.html", f"../autograded/alice/{A1}/{A1}.ipynb"]
    for link in links:
        assert (page.parent / link).resolve().is_file(), "relative links that lead to the files"
    assert "href" not in rows["bob"].replace('href="#', ""), "no link to a file not written"
    assert "2026-12-02 09:15:00+00:00" in rows["bob"] and "LATE" in rows["bob"]
    assert f"needs review: {A1}: timeout" in rows["bob"]
    assert "not handed in" in rows["dmitri"] and "Dmitri Ivanov" in rows["dmitri"]
    a2 = students_table(html, A2)
    assert "02-challenge: " in a2["alice"] and "not handed in" in a2["bob"]


def test_ids_of_names_that_differ_only_in_accents_differ():
    assert anchor("student", "chloé") != anchor("student", "chloè")
    assert anchor("q", "01-single-neuron", "test_line") == "q--01-single-neuron--test_line"


def test_every_student_named_in_the_report_links_to_their_row(results, tmp_path):
    html = report.write_report(
        results, tmp_path / "r.html", title="t", students=STUDENTS
    ).read_text(encoding="utf-8")
    targets = re.findall(r'href="#(student--[^"]+)"', html)
    assert targets, "the rows of 'needs a human' and 'notes' link to the students' table"
    ids = set(re.findall(r'id="([^"]+)"', html))
    assert set(targets) <= ids


def test_pairs_alike_are_listed_for_a_look_with_links_to_both_students(results, tmp_path):
    from autograder.outputs.similarity import IDENTICAL, Similarity

    pair = Similarity(
        ("bob", "eve"),
        A1,
        IDENTICAL,
        ((A1, "neuron_output"), (A1, "line")),
        (4, 4),
        2,
        2,
        "2 of 4 answers the same, comments and all; no one else in the class wrote 2 of them",
    )
    html = report.write_report(
        results, tmp_path / "r.html", title="t", students=STUDENTS, similar=[pair]
    ).read_text(encoding="utf-8")
    alike = section(html, "similar")
    assert "never a verdict" in alike and pair.reason in alike
    assert "neuron_output" in alike and "identical" in alike
    for student in pair.students:
        assert f'href="#student--{A1}--{student}"' in alike
    assert 'href="#similar">Alike (1)' in html
    empty = report.write_report(results, tmp_path / "e.html", title="t").read_text(encoding="utf-8")
    assert "No two submissions are alike" in section(empty, "similar")
