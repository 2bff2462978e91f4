"""The similarity hint of the class report, from answers built by hand (no kernels)."""

from __future__ import annotations

import json
import random
import time

import nbformat

from autograder.course.folders import ClassFolder
from autograder.grading.spec import AssignmentSpec, CellSpec, NotebookSpec
from autograder.outputs.similarity import (
    IDENTICAL,
    MAX_HOLDERS,
    NEAR_IDENTICAL,
    answers_of,
    normalise,
    released_of,
    similar_pairs,
    similarities,
)
from tests.classes import answered, released_class, untouched

NB = "01-single-neuron"
CELLS = [(NB, f"q{i}") for i in range(10)]
NAMES = ["total", "weighted", "value", "acc", "result", "out", "s", "tmp", "z", "y", "w"]


def stub(cell) -> str:
    return (
        f'def {cell[1]}(x):\n    """Answer {cell[1]}."""\n'
        "    # YOUR CODE HERE\n    raise NotImplementedError()\n"
    )


RELEASED = {cell: stub(cell) for cell in CELLS}


def common(cell) -> str:
    """The answer most of the class writes: short, the one the exercise leads to."""
    return f'def {cell[1]}(x):\n    """Answer {cell[1]}."""\n    return np.sum(x) * 2 + 1\n'


def own(cell, rng: random.Random) -> str:
    """An answer of one's own: names and numbers no one else picks."""
    a, b = rng.sample(NAMES, 2)
    n = [rng.randrange(10**6) for _ in range(4)]
    return (
        f'def {cell[1]}(x):\n    """Answer {cell[1]}."""\n    # my way\n'
        f"    {a} = x * {n[0]} + {n[1]}\n    {b} = {a} ** 2 - {n[2]}\n    return {b} / {n[3]}\n"
    )


def reworded(source: str) -> str:
    """The same code with other comments, blank lines, spacing and docstring."""
    lines = [line.replace("    ", "  ").replace(" = ", "=") for line in source.splitlines()]
    lines = [line for line in lines if not line.strip().startswith(("#", '"""'))]
    return "\n\n".join(lines[:1] + ['  """Mine."""  # copied? no'] + lines[1:]) + "\n# done\n"


def make_class(size: int, seed: int) -> dict[str, dict]:
    """``size`` students, each answer common (40%), the stub (10%) or their own (50%)."""
    rng = random.Random(seed)
    students = {}
    for number in range(size):
        answers = {}
        for cell in CELLS:
            pick = rng.random()
            answers[cell] = (
                common(cell) if pick < 0.4 else stub(cell) if pick < 0.5 else own(cell, rng)
            )
        students[f"s{number:04}"] = answers
    return students


def own_everywhere(seed: int, cells=CELLS) -> dict:
    rng = random.Random(seed)
    return {cell: own(cell, rng) for cell in cells}


def test_normalise_drops_comments_docstrings_blank_lines_and_spacing():
    assert normalise('def f(x):\n  """Doc."""\n\n  return x+1  # one more\n') == normalise(
        "def f(x):\n    return x + 1\n"
    )
    assert normalise("# only a comment\n") == ()
    assert normalise("x = 1") != normalise("x = 2")
    # Not Python: compared word by word.
    assert normalise("an  unterminated (\n answer") == ("an", "unterminated", "(", "answer")


def test_an_exact_copy_is_identical():
    answers = make_class(20, seed=1)
    answers["alice"] = own_everywhere(seed=2, cells=CELLS[:7])
    answers["bob"] = {**answers["alice"]}
    answers["bob"][CELLS[0]] = common(CELLS[0])  # one answer of their own... the class's

    [found] = similar_pairs(answers, RELEASED, "01")
    assert found.students == ("alice", "bob")
    assert found.assignment == "01"
    assert found.kind == IDENTICAL
    assert found.shared == tuple(CELLS[1:7])
    assert found.answered == (7, 7)
    assert (found.rare, found.unique) == (6, 6)
    assert found.reason == (
        "6 of 7 answers the same, comments and all; no one else in the class wrote 6 of them"
    )


def test_a_copy_with_comments_and_spacing_changed_is_near_identical():
    answers = make_class(20, seed=3)
    answers["alice"] = own_everywhere(seed=4, cells=CELLS[:3])
    answers["bob"] = {cell: reworded(source) for cell, source in answers["alice"].items()}
    assert answers["bob"][CELLS[0]] != answers["alice"][CELLS[0]]

    [found] = similar_pairs(answers, RELEASED)
    assert (found.students, found.kind) == (("alice", "bob"), NEAR_IDENTICAL)
    assert found.shared == tuple(CELLS[:3])
    assert found.reason.startswith("3 of 3 answers the same apart from comments and spacing;")


def test_small_edits_count_between_rare_answers_not_variants_of_the_common_one():
    answers = make_class(30, seed=5)
    answers["alice"] = own_everywhere(seed=6, cells=CELLS[:2])
    answers["bob"] = {**answers["alice"]}
    # One name changed in one answer: still the same answer, with a small edit.
    answers["bob"][CELLS[1]] = answers["alice"][CELLS[1]].replace("return", "return -", 1)
    [found] = similar_pairs(answers, RELEASED)
    assert found.kind == NEAR_IDENTICAL and found.shared == tuple(CELLS[:2])
    assert "1 with small edits" in found.reason

    # Both wrote the same small edit of the class's common answer, twice: a variant anyone
    # could reach, not evidence.
    variant = {cell: common(cell).replace("* 2", "* 3") for cell in CELLS[:2]}
    answers["alice"], answers["bob"] = dict(variant), dict(variant)
    assert similar_pairs(answers, RELEASED) == []


def test_common_correct_answers_are_not_reported():
    # The whole class writes the common answers: two students alike in everything.
    answers = {f"s{n}": {cell: common(cell) for cell in CELLS} for n in range(10)}
    assert similar_pairs(answers, RELEASED) == []

    # An unusual answer too many students share is one the exercise leads to...
    unusual = own_everywhere(seed=7, cells=CELLS[:3])
    many = {f"u{n}": dict(unusual) for n in range(MAX_HOLDERS + 1)}
    assert similar_pairs({**answers, **many}, RELEASED) == []
    # ... while a few students sharing it show, as each of their pairs.
    few = {f"u{n}": dict(unusual) for n in range(MAX_HOLDERS)}
    found = similar_pairs({**answers, **few}, RELEASED)
    assert len(found) == MAX_HOLDERS * (MAX_HOLDERS - 1) // 2
    assert {s.rare for s in found} == {3} and {s.unique for s in found} == {0}
    assert "3 of them are rare (at most 2 others wrote alike)" in found[0].reason


def test_the_course_s_own_solution_is_no_evidence_even_in_a_small_class():
    solution = {cell: common(cell) for cell in CELLS}
    answers = {"a": dict(solution), "b": dict(solution), "c": own_everywhere(seed=3, cells=CELLS)}
    assert len(similar_pairs(answers, RELEASED)) == 1, "two of three alike: rare, without more"
    assert similar_pairs(answers, RELEASED, solutions=solution) == []
    small_edit = {cell: text.replace("* 2 + 1", "* 2 + 1.0") for cell, text in solution.items()}
    answers |= {"a": small_edit, "b": dict(small_edit)}
    assert similar_pairs(answers, RELEASED, solutions=solution) == [], "nor a small edit of it"


def test_untouched_notebooks_are_not_reported():
    untouched = {cell: stub(cell) for cell in CELLS}
    tidied = {
        cell: stub(cell).replace("# YOUR CODE HERE", "").replace("    ", "  ") for cell in CELLS
    }
    answers = {"alice": untouched, "bob": dict(untouched), "carol": tidied, "dan": {}}
    assert similar_pairs(answers, RELEASED) == []

    # One rare answer alike, the rest untouched: too little to go on.
    rare = own_everywhere(seed=8, cells=CELLS[:1])
    answers = {"alice": {**untouched, **rare}, "bob": {**untouched, **rare}}
    assert similar_pairs(answers, RELEASED) == []
    # Two answers, all the same, one of them rare: the whole submissions are alike.
    answers = {name: {**untouched, **rare, CELLS[5]: common(CELLS[5])} for name in answers}
    answers |= {f"s{n}": {CELLS[5]: common(CELLS[5])} for n in range(MAX_HOLDERS)}  # common
    [found] = similar_pairs(answers, RELEASED)
    assert (found.shared, found.answered, found.rare) == ((CELLS[0], CELLS[5]), (2, 2), 1)


def test_copies_are_found_among_200_distinct_students_strongest_first():
    answers = make_class(200, seed=9)
    answers["s0007"] = {**answers["s0007"], **own_everywhere(seed=10, cells=CELLS[:4])}
    answers["s0150"] = dict(answers["s0007"])  # everything
    answers["s0042"] = {**answers["s0042"], **own_everywhere(seed=11, cells=CELLS[4:])}
    answers["s0199"] = {**answers["s0199"], **{c: answers["s0042"][c] for c in CELLS[8:]}}

    found = similar_pairs(answers, RELEASED)
    assert [s.students for s in found] == [("s0007", "s0150"), ("s0042", "s0199")]
    assert found[0].kind == IDENTICAL and found[0].rare >= 4
    assert found[1].rare == 2 and found[1].shared[-2:] == tuple(CELLS[8:])
    assert similar_pairs(dict(reversed(answers.items())), RELEASED) == found  # deterministic
    for hint in found:
        assert not any(word in hint.reason.lower() for word in ("cheat", "plagiar"))


def test_a_class_of_1000_with_10_answers_each_takes_seconds_not_minutes():
    answers = make_class(1000, seed=12)
    answers["s0500"] = own_everywhere(seed=13)
    answers["s0999"] = {cell: reworded(source) for cell, source in answers["s0500"].items()}

    start = time.process_time()
    found = similar_pairs(answers, RELEASED)
    seconds = time.process_time() - start
    assert [s.students for s in found] == [("s0500", "s0999")]
    # About half a second on a laptop; comparing all pairs would take minutes. The bound is
    # loose so that a busy machine does not fail it.
    assert seconds < 30, f"{seconds:.1f} s of CPU for 1000 students"


def _folder(root) -> ClassFolder:
    return ClassFolder(
        root=root,
        source=root / "solutions",
        release=root / "notebooks",
        submitted=root / "submitted",
        autograded=root / "autograded",
        feedback=root / "feedback",
        db_url=f"sqlite:///{root / 'gradebook.db'}",
    )


def _notebook(*cells) -> str:
    notebook = nbformat.v4.new_notebook()
    for grade_id, source, solution, grade in cells:
        cell = nbformat.v4.new_code_cell(source)
        cell.metadata["nbgrader"] = {
            "grade": grade,
            "grade_id": grade_id,
            "locked": not solution,
            "solution": solution,
            "schema_version": 3,
            "task": False,
        }
        notebook.cells.append(cell)
    notebook.cells.append(nbformat.v4.new_markdown_cell("Some text, not an answer."))
    return nbformat.writes(notebook)


def test_answers_are_read_from_autograded_notebooks_skipping_missing_and_corrupt(tmp_path):
    folder = _folder(tmp_path)
    alice = folder.autograded / "alice" / "01"
    alice.mkdir(parents=True)
    (alice / "nb1.ipynb").write_text(
        _notebook(
            ("answer", "x = 1\n", True, False),
            ("graded_answer", "y = 2", True, True),  # an answer graded by hand
            ("test_answer", "assert x == 1", False, True),
        ),
        encoding="utf-8",
    )
    (alice / "nb2.ipynb").write_text(_notebook(("other", "z = 3", True, False))[:50])  # corrupt
    (alice / "autograder-result.json").write_text("{}")
    bob = folder.autograded / "bob" / "01"
    bob.mkdir(parents=True)  # nb1 missing
    (bob / "nb2.ipynb").write_text(_notebook(("other", "z = 4", True, False)), encoding="utf-8")
    (folder.autograded / "carol" / "02").mkdir(parents=True)  # another assignment only

    assert answers_of(folder, "01") == {
        "alice": {("nb1", "answer"): "x = 1\n", ("nb1", "graded_answer"): "y = 2"},
        "bob": {("nb2", "other"): "z = 4"},
    }
    assert answers_of(folder, "03") == {}
    assert answers_of(_folder(tmp_path / "nowhere"), "01") == {}


def test_released_stubs_are_the_answer_cells_of_the_spec():
    def cell(grade_id, solution, released):
        return CellSpec(grade_id, "code", "src", released, not solution, solution, False, 0, "")

    spec = AssignmentSpec(
        "01",
        (NotebookSpec("nb1", (cell("a", True, "stub a"), cell("t", False, "test"))),),
    )
    assert released_of(spec) == {("nb1", "a"): "stub a"}


def test_similarities_of_a_released_class_with_the_course_s_own_stubs_and_solutions(tmp_path):
    assignment = "01-single-neuron"
    folder = released_class(tmp_path / "class", [assignment])

    def graded(student, notebook):
        target = folder.autograded / student / assignment
        target.mkdir(parents=True)
        (target / f"{assignment}.ipynb").write_text(json.dumps(notebook), encoding="utf-8")

    # Two students of a small class hand in the course's own solutions, word for word: what
    # the exercises lead to, so no evidence however few wrote them.
    for n in range(2):
        graded(f"solved{n}", answered(assignment))
    graded("untouched0", untouched(assignment))
    graded("untouched1", untouched(assignment))
    odd = {
        "step": "def step(x):\n    # mine\n    return int(max(x, 0) != 0) + 0 * x\n",
        "neuron_output": "def neuron_output(inputs, weights, bias):\n"
        "    return bias + sum(map(lambda p: p[0] * p[1], zip(weights, inputs)))\n",
    }
    graded("alice", answered(assignment, replace=odd))
    graded("bob", answered(assignment, replace={k: v + "\n# checked\n" for k, v in odd.items()}))

    [found] = similarities(folder, assignment)
    assert (found.students, found.kind, found.answered) == (
        ("alice", "bob"),
        NEAR_IDENTICAL,
        (4, 4),
    )
    assert found.shared == tuple(
        (assignment, gid) for gid in ["gate_parameters", "line_parameters", "neuron_output", "step"]
    )
    assert (found.rare, found.unique) == (2, 2)
