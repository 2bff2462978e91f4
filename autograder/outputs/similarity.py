"""A hint for the instructor's class report: pairs of students whose answers are the same.

It is never a verdict. Students help each other, follow the same lecture and reach the
same short solutions; this only points a human at pairs of submissions worth a look, and
says why in one line. A :class:`Similarity` holds student ids, cell ids and counts, never
an answer's text, so nothing of a notebook reaches a page through it.

How, in the spirit of MOSS (what many students wrote is no evidence):

1. Each answer cell is normalised (:func:`normalise`): comments, docstrings, blank lines
   and spacing go. An answer equal to the stub students were given, or empty, is not an
   answer.
2. Per cell, students are grouped by their normalised answer. A shared answer is *rare*
   when at most :data:`MAX_HOLDERS` students wrote it, it is more than a few tokens beyond
   the stub, and it is not a small edit of one of the cell's common answers or of the
   course's own solution (the answer the exercise leads to, which in a small class may
   be written by a few students only).
3. Only pairs that share a rare answer are compared further (cheap: a rare answer has
   few holders, so few pairs), cell by cell; there two different rare answers may count
   as the same when they are small edits of each other (:data:`NEAR_RATIO`).
4. A pair is reported when it shares :data:`MIN_RARE` rare answers, or when all their
   answers are the same, there are at least :data:`MIN_WHOLE` of them and one is rare.

A pair that never wrote one rare answer alike (e.g. every cell retyped with edits) is not
found: the cost of finding it is comparing every pair, which a class of 1000 cannot pay.
"""

from __future__ import annotations

import io
import itertools
import re
import tokenize
from collections import defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Mapping, NamedTuple

from autograder.course.folders import ClassFolder
from autograder.course.notebook_files import (
    Unreadable,
    cell_grade_id,
    cell_nbgrader,
    cell_source,
    parse_notebook,
)
from autograder.grading.spec import AssignmentSpec, load_spec

Cell = tuple[str, str]  # (notebook name without ".ipynb", grade_id)

IDENTICAL = "identical"  # the raw sources of all shared answers are equal, comments and all
NEAR_IDENTICAL = "near-identical"  # equal after normalising, or after small edits

# An answer written by the pair and at most two others is rare: a group of up to four
# working together still shows (as its pairs), while an answer five or more students
# reached is taken as one the exercise leads to. Chance sharing of a rare answer happens
# in a large class; that is why a pair needs more than one (MIN_RARE).
MAX_HOLDERS = 4
# Two rare answers alike: one may happen by chance in a class of hundreds, two seldom.
MIN_RARE = 2
# A pair whose whole submissions are alike (one rare answer among them) is worth a look
# too, when there is more than one answer to compare.
MIN_WHOLE = 2
# Fewer tokens than this of one's own (beyond the stub) can coincide by chance: `0.5`,
# `return x`, `pass`.
MIN_TOKENS = 3
# Two answers are "small edits" of each other when difflib's ratio on their tokens is at
# least this: one changed name or number in twenty tokens.
NEAR_RATIO = 0.9
# A rare answer that is a small edit of one of this many most common answers of the cell
# is a variant of the usual solution, not evidence.
COMMON_COMPARED = 3

# Normalised token streams: statements' structure kept as markers, whatever the spacing.
_MARKS = {tokenize.NEWLINE: "<NEWLINE>", tokenize.INDENT: "<INDENT>", tokenize.DEDENT: "<DEDENT>"}
_MARKERS = frozenset(_MARKS.values())
_DROPPED = {tokenize.COMMENT, tokenize.NL, tokenize.ENDMARKER, tokenize.ENCODING}
# nbgrader's solution delimiters in a source notebook ("### BEGIN SOLUTION").
_SOLUTION_DELIMITER = re.compile(r"^\s*#+\s*(BEGIN|END) SOLUTION\s*$")


@dataclass(frozen=True)
class Similarity:
    """Two students whose answers to an assignment are the same: a hint for a human.

    Attributes:
        students: the two student ids, sorted.
        assignment: the assignment id.
        kind: :data:`IDENTICAL` (all shared answers equal as written, comments and all) or
            :data:`NEAR_IDENTICAL` (equal apart from comments and spacing, or small edits).
        shared: the cells whose answers are the same, as sorted (notebook, grade_id) pairs.
        answered: how many cells each student answered (not the stub, not empty), in the
            order of ``students``.
        rare: how many of the shared answers are rare in the class (see the module).
        unique: how many of those no one else in the class wrote.
        reason: one line for a human, e.g. "5 of 7 answers the same, comments and all; no
            one else in the class wrote 4 of them".
    """

    students: tuple[str, str]
    assignment: str
    kind: str
    shared: tuple[Cell, ...]
    answered: tuple[int, int]
    rare: int
    unique: int
    reason: str


def normalise(source: str) -> tuple[str, ...]:
    """A cell's source as tokens, without what does not change what it does.

    Comments, docstrings (and any other statement that is only a string), blank lines and
    spacing are dropped; line breaks and indentation become markers, so 2- and 4-space
    indentation compare equal. Source that does not tokenize (prose, a broken cell) is
    split on whitespace instead.

    Returns:
        The tokens as strings; () for an empty cell or one holding only comments.
    """
    try:
        kept = [
            (token.type, token.string)
            for token in tokenize.generate_tokens(io.StringIO(source).readline)
            if token.type not in _DROPPED
        ]
    except (tokenize.TokenError, SyntaxError):  # IndentationError is a SyntaxError
        return tuple(source.split())
    out: list[str] = []
    at_start, i = True, 0  # whether a statement starts at kept[i]
    while i < len(kept):
        end = i
        while at_start and end < len(kept) and kept[end][0] == tokenize.STRING:
            end += 1
        if end > i and (end == len(kept) or kept[end][0] == tokenize.NEWLINE):
            i = end + 1  # a statement that is only a string: a docstring; drop its NEWLINE too
            continue
        kind, text = kept[i]
        out.append(_MARKS.get(kind, text))
        at_start, i = kind in _MARKS, i + 1
    return tuple(out)


class _Answer(NamedTuple):
    raw: str
    tokens: tuple[str, ...]
    own: tuple[str, ...]  # the tokens between what it shares with the stub at both ends


def _own(tokens: tuple[str, ...], stub: tuple[str, ...]) -> tuple[str, ...]:
    """What a student wrote beyond the stub: the signature and docstring students were
    given would make any two answers to a cell look alike."""
    most = min(len(tokens), len(stub))
    start = next((i for i in range(most) if tokens[i] != stub[i]), most)
    end = next((i for i in range(most - start) if tokens[-1 - i] != stub[-1 - i]), most - start)
    return tokens[start : len(tokens) - end]


def _ratio(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """difflib's similarity of two token streams (0..1), skipping the work when the
    cheap upper bounds already fall short of NEAR_RATIO."""
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < NEAR_RATIO or matcher.quick_ratio() < NEAR_RATIO:
        return 0.0
    return matcher.ratio()


def similar_pairs(
    answers: Mapping[str, Mapping[Cell, str]],
    released: Mapping[Cell, str],
    assignment: str = "",
    solutions: Mapping[Cell, str] | None = None,
) -> list[Similarity]:
    """The pairs of students whose answers are the same, strongest hint first.

    Args:
        answers: student id -> {(notebook, grade_id): source of that answer cell}, e.g.
            from :func:`answers_of`. Cells a student lacks count as not answered.
        released: (notebook, grade_id) -> the stub students were given for that answer
            cell, e.g. from :func:`released_of`. An answer equal to it (once normalised)
            is not an answer.
        assignment: the assignment id, copied into each result.
        solutions: (notebook, grade_id) -> the course's solution of that cell, e.g. from
            :func:`solutions_of`: it and small edits of it are no evidence.

    Returns:
        The pairs reported (see the module), sorted by rare shared answers, answers no one
        else wrote, identical before near-identical, shared answers (all descending), then
        student ids: the same input gives the same list.
    """
    normalised: dict[str, tuple[str, ...]] = {}  # many students hand in the same text
    stubs = {cell: normalise(text) for cell, text in released.items()}
    given: dict[str, dict[Cell, _Answer]] = {}
    holders: dict[Cell, dict[tuple[str, ...], list[str]]] = defaultdict(lambda: defaultdict(list))
    for student in sorted(answers):
        given[student] = {}
        for cell, raw in answers[student].items():
            if raw not in normalised:
                normalised[raw] = normalise(raw)
            tokens, stub = normalised[raw], stubs.get(cell, ())
            if tokens and tokens != stub:
                given[student][cell] = _Answer(raw, tokens, _own(tokens, stub))
                holders[cell][tokens].append(student)

    # Per cell, what a student wrote beyond the stub in its most common answers (those of
    # more than MAX_HOLDERS students): a small edit of one of them is no evidence.
    common: dict[Cell, list[tuple[str, ...]]] = {}
    for cell, groups in holders.items():
        ranked = sorted(groups.items(), key=lambda group: (-len(group[1]), group[0]))
        common[cell] = [
            given[students[0]][cell].own
            for _, students in ranked[:COMMON_COMPARED]
            if len(students) > MAX_HOLDERS
        ]
        if cell in (solutions or {}):
            common[cell].append(_own(normalise(solutions[cell]), stubs.get(cell, ())))
    evidence: dict[tuple[Cell, tuple[str, ...]], bool] = {}  # each answer checked once

    def rare(cell: Cell, answer: _Answer, together: int) -> bool:
        """Whether an answer that ``together`` students wrote (it or small edits of it) is
        evidence: few wrote it, it is more than a few tokens, not a variant of the usual."""
        if together > MAX_HOLDERS:
            return False
        key = (cell, answer.tokens)
        if key not in evidence:
            evidence[key] = sum(t not in _MARKERS for t in answer.own) >= MIN_TOKENS and all(
                _ratio(answer.own, usual) < NEAR_RATIO for usual in common[cell]
            )
        return evidence[key]

    candidates = {  # pairs that share a rare answer: few, as a rare answer has few holders
        pair
        for cell, groups in holders.items()
        for students in groups.values()
        if len(students) >= 2 and rare(cell, given[students[0]][cell], len(students))
        for pair in itertools.combinations(students, 2)
    }
    found = []
    for first, second in candidates:
        mine, theirs = given[first], given[second]
        shared, rare_count, unique, edited, as_written = [], 0, 0, 0, True
        for cell in sorted(mine.keys() & theirs.keys()):
            a, b = mine[cell], theirs[cell]
            if a.tokens == b.tokens:
                together = len(holders[cell][a.tokens])
                is_rare = rare(cell, a, together)
                unique += is_rare and together == 2
                as_written &= a.raw == b.raw
            else:  # small edits count only between rare answers, few students together
                together = len(holders[cell][a.tokens]) + len(holders[cell][b.tokens])
                is_rare = (
                    rare(cell, a, together)
                    and rare(cell, b, together)
                    and _ratio(a.own, b.own) >= NEAR_RATIO
                )
                if not is_rare:
                    continue
                edited += 1
                as_written = False
            shared.append(cell)
            rare_count += is_rare
        whole = len(mine) == len(theirs) == len(shared) >= MIN_WHOLE
        if rare_count >= MIN_RARE or (whole and rare_count >= 1):
            kind = IDENTICAL if as_written else NEAR_IDENTICAL
            counts = (len(mine), len(theirs))
            reason = _reason(len(shared), counts, kind, edited, rare_count, unique)
            found.append(
                Similarity(
                    students=(first, second),
                    assignment=assignment,
                    kind=kind,
                    shared=tuple(shared),
                    answered=counts,
                    rare=rare_count,
                    unique=unique,
                    reason=reason,
                )
            )
    return sorted(
        found,
        key=lambda s: (-s.rare, -s.unique, s.kind != IDENTICAL, -len(s.shared), s.students),
    )


def _reason(
    shared: int, answered: tuple[int, int], kind: str, edited: int, rare: int, unique: int
) -> str:
    """One line for a human: how much is the same, and how rare that is in the class."""
    of = (
        f"{answered[0]}" if answered[0] == answered[1] else f"their {answered[0]} and {answered[1]}"
    )
    if kind == IDENTICAL:
        how = ", comments and all"
    else:
        how = " apart from comments and spacing" + (
            f", {edited} with small edits" if edited else ""
        )
    rarity = []
    if unique:
        rarity.append(f"no one else in the class wrote {unique} of them")
    if rare > unique:
        few = f"at most {MAX_HOLDERS - 2} others"
        rarity.append(
            f"{rare - unique} more {'is' if rare - unique == 1 else 'are'} rare ({few} wrote alike)"
            if unique
            else f"{rare} of them {'is' if rare == 1 else 'are'} rare ({few} wrote alike)"
        )
    return f"{shared} of {of} answers the same{how}; " + ", ".join(rarity)


def released_of(spec: AssignmentSpec) -> dict[Cell, str]:
    """(notebook, grade_id) -> the text students were given, for each answer cell."""
    return {
        (notebook.name, cell.grade_id): cell.released
        for notebook in spec.notebooks
        for cell in notebook.cells
        if cell.solution
    }


def solutions_of(folder: ClassFolder, assignment: str) -> dict[Cell, str]:
    """(notebook, grade_id) -> the course's solution of each answer cell, from the source
    notebooks (``source/<assignment>/``), nbgrader's solution delimiters left out; {} for
    notebooks that cannot be read."""
    solutions: dict[Cell, str] = {}
    for path in sorted((folder.source / assignment).glob("*.ipynb")):
        for grade_id, source in _answer_cells(path):
            kept = [line for line in source.splitlines() if not _SOLUTION_DELIMITER.match(line)]
            solutions[(path.stem, grade_id)] = "\n".join(kept)
    return solutions


def answers_of(folder: ClassFolder, assignment: str) -> dict[str, dict[Cell, str]]:
    """Every student's answers to an assignment, from the autograded notebooks.

    An answer cell is one whose nbgrader metadata has ``"solution": true`` (graded or
    not). Notebooks that are missing or cannot be read are skipped: grading has already
    reported them.

    Returns:
        student id -> {(notebook name without ".ipynb", grade_id): the cell's source}, for
        each student with a folder ``autograded/<student>/<assignment>/``.
    """
    answers: dict[str, dict[Cell, str]] = {}
    if not folder.autograded.is_dir():
        return answers
    for student in sorted(folder.autograded.iterdir()):
        graded = student / assignment
        if student.name.startswith(".") or not graded.is_dir():
            continue
        answers[student.name] = {
            (path.stem, grade_id): source
            for path in sorted(graded.glob("*.ipynb"))
            for grade_id, source in _answer_cells(path)
        }
    return answers


def _answer_cells(path: Path) -> list[tuple[str, str]]:
    """(grade_id, source) of each answer cell of a notebook file (nbgrader metadata with
    ``"solution": true``, graded or not); [] when the file is missing or unreadable."""
    try:
        notebook = parse_notebook(path.read_bytes())
    except (Unreadable, OSError):
        return []
    return [
        (cell_grade_id(cell), cell_source(cell))
        for cell in notebook["cells"]
        if cell_grade_id(cell) and (cell_nbgrader(cell) or {}).get("solution") is True
    ]


def similarities(folder: ClassFolder, assignment: str) -> list[Similarity]:
    """:func:`similar_pairs` of a graded assignment of a class folder.

    Raises:
        SetupError: the assignment was not released (see :func:`load_spec`).
    """
    released = released_of(load_spec(folder, assignment))
    answers = answers_of(folder, assignment)
    return similar_pairs(answers, released, assignment, solutions_of(folder, assignment))
