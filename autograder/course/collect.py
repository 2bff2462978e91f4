"""Put a class's downloaded submissions where nbgrader expects them.

Instructors download an assignment's submissions from their LMS as one zip (or the folder
it unpacks to). :func:`collect` reads it (:mod:`.download`), never changing it, works out
whose each file is (:mod:`.owners`) and which notebook of the assignment it is
(:mod:`.matching`), and copies it to nbgrader's layout
``submitted/<student>/<assignment>/<notebook>.ipynb``. Every file of the download ends up
in the :class:`~.collect_report.CollectReport`, either placed (with a note where something
is worth knowing) or not used (with the reason): nothing is dropped silently.
"""

from __future__ import annotations

import contextlib
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path

from autograder.atomic import write_atomically
from autograder.course.collect_report import Action, CollectReport, Placed, Unused, UnusedKind
from autograder.course.download import read_download
from autograder.course.matching import Plan, plan_student
from autograder.course.notebook_files import grade_ids_of
from autograder.course.owners import by_student, unsafe_name


def collect(
    source: Path,
    assignment: str,
    notebooks: Sequence[str],
    submitted_dir: Path,
    *,
    grade_ids: Mapping[str, Collection[str]] | None = None,
    overwrite: bool = False,
) -> CollectReport:
    """Copy each student's files of an assignment from an LMS download into nbgrader's layout.

    Each student's notebook file is matched to a notebook of the assignment: by its exact
    name; else by its name normalised (case, spaces and underscores, a copy's "-1" or
    " (1)"); else, with ``grade_ids``, by the grade ids its cells carry; else, for an
    assignment of one notebook, it is the only ``.ipynb`` the student handed in (unless
    its cells show it is another notebook). Of several files for one notebook, the latest
    is used (highest Canvas copy number, then newest modification time). A student's
    other files are copied next to the notebooks, keeping their relative paths.

    Args:
        source: the download: a ``.zip`` file or a folder (never changed).
        assignment: the nbgrader assignment id, e.g. "01-single-neuron".
        notebooks: the assignment's notebook names without ".ipynb".
        submitted_dir: nbgrader's ``submitted/`` folder; files go to
            ``submitted_dir/<student>/<assignment>/``.
        grade_ids: notebook name -> the nbgrader grade ids of its cells (see
            :func:`assignment_notebooks`), to recognise misnamed notebooks by content.
        overwrite: replace destination files that exist with other content (otherwise
            they are kept, and the new file is reported as not used).

    Returns:
        The report of what was placed where, and of every file not used and why.

    Raises:
        ValueError: the source does not exist or is not a zip that can be opened, it
            overlaps ``submitted_dir``, or an assignment or notebook name is not a safe
            folder or file name.
    """
    source, submitted_dir = Path(source), Path(submitted_dir)
    _check_arguments(source, assignment, notebooks, submitted_dir)
    ids = None if grade_ids is None else {nb: frozenset(grade_ids.get(nb, ())) for nb in notebooks}
    report = CollectReport(source, assignment, submitted_dir)
    plans: list[Plan] = []
    with contextlib.ExitStack() as stack:
        files = read_download(source, stack, report.unused)
        for student, theirs in by_student(files, assignment, report.unused).items():
            found = plan_student(student, theirs, list(notebooks), ids, report.unused)
            plans += found
            named = {plan.notebook for plan in found}
            if found:
                report.students.append(student)
            if found and not named.issuperset(notebooks):
                report.missing[student] = [nb for nb in notebooks if nb not in named]
        for plan in plans:
            outcome = _place(plan, submitted_dir / plan.file.student / assignment, overwrite)
            (report.placed if isinstance(outcome, Placed) else report.unused).append(outcome)
    report.students.sort()
    report.placed.sort(key=lambda p: (p.student, str(p.destination)))
    report.unused.sort(key=lambda u: u.source)
    return report


def assignment_notebooks(release_dir: Path, assignment: str) -> dict[str, set[str]]:
    """The notebooks of an assignment as released, with the grade ids of their cells.

    Args:
        release_dir: the folder of released assignments (the course's ``notebooks/``).
        assignment: the assignment id; its notebooks are ``release_dir/<assignment>/*.ipynb``.

    Returns:
        Notebook name (without ".ipynb") -> the ``metadata.nbgrader.grade_id`` of its cells,
        ready for ``collect(source, assignment, list(m), submitted_dir, grade_ids=m)``.

    Raises:
        ValueError: the assignment folder holds no notebooks, or one is not valid JSON.
    """
    folder = Path(release_dir) / assignment
    found = {}
    for path in sorted(folder.glob("*.ipynb")):
        ids = grade_ids_of(path.read_bytes())
        if ids is None:
            raise ValueError(
                f"{path} is not a valid notebook; release the assignment again "
                "(`autograder release`) and collect then"
            )
        found[path.stem] = set(ids)
    if not found:
        raise ValueError(
            f"{folder} holds no notebooks; is {assignment!r} the assignment's id, and was it "
            "released (`autograder release`)?"
        )
    return found


def _check_arguments(
    source: Path, assignment: str, notebooks: Sequence[str], submitted_dir: Path
) -> None:
    if not source.exists():
        raise ValueError(
            f"{source} does not exist; give the .zip downloaded from the LMS, "
            "or the folder it was unpacked into"
        )
    for kind, name in [("assignment", assignment), *(("notebook", nb) for nb in notebooks)]:
        if unsafe_name(name) or name.lower().endswith(".ipynb"):
            raise ValueError(
                f"{kind} name {name!r} must be a plain file name without '.ipynb', "
                "path separators or a leading dot"
            )
    if not notebooks or len(set(notebooks)) < len(notebooks):
        raise ValueError(f"give the assignment's notebooks once each (got {list(notebooks)})")
    src, dst = source.resolve(), submitted_dir.resolve()
    if src == dst or src in dst.parents or dst in src.parents:
        raise ValueError(
            f"the download {source} and the submitted folder {submitted_dir} overlap: collecting "
            "would write into the download, or nbgrader would take the download for a student. "
            "Keep the download elsewhere."
        )


def _place(plan: Plan, folder: Path, overwrite: bool) -> Placed | Unused:
    """Copy a planned file into the student's folder; an existing different file is kept
    unless ``overwrite``."""
    file, destination = plan.file, folder.joinpath(*plan.rel)
    try:
        data = file.read()
    except Exception as error:  # noqa: BLE001 -- corrupt, encrypted or vanished entries all mean the same here
        return Unused(
            file.name,
            f"could not be read from the download ({error})",
            UnusedKind.ERROR,
            file.student,
        )
    action = Action.WRITTEN
    if destination.is_dir():
        return Unused(
            file.name, f"{destination} is a folder; left as it is", UnusedKind.KEPT, file.student
        )
    if destination.is_file():
        if destination.read_bytes() == data:
            return Placed(
                file.name, file.student, plan.notebook, destination, Action.UNCHANGED, plan.note
            )
        if not overwrite:
            return Unused(
                file.name,
                f"{destination} exists with different content; kept; use --force to replace",
                UnusedKind.KEPT,
                file.student,
            )
        action = Action.REPLACED
    try:
        write_atomically(destination, data)
    except OSError as error:
        return Unused(
            file.name,
            f"could not be written to {destination} ({error})",
            UnusedKind.ERROR,
            file.student,
        )
    return Placed(file.name, file.student, plan.notebook, destination, action, plan.note)
