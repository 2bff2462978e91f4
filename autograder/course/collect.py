"""Put a class's downloaded submissions where nbgrader expects them.

Instructors download an assignment's submissions from their LMS as one zip (or the folder
it unpacks to). :func:`collect` reads it (:mod:`.download`), never changing it, works out
whose each file is (:mod:`.owners`: the LMS's id, never a name) and gives each student a
folder of their own (:mod:`.identity`), works out which notebook of the assignment each
file is (:mod:`.matching`, by evidence only that notebook carries: :mod:`.fingerprints`),
and copies it to nbgrader's layout ``submitted/<student>/<assignment>/<notebook>.ipynb``.
Who each folder is, and when each notebook was handed in and whether late, go to the
class record (:mod:`.class_record`). Every file of the download ends up in the
:class:`~.collect_report.CollectReport`, either placed (with a note where something is
worth knowing) or not used (with the reason): nothing is dropped silently.
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Sequence
from pathlib import Path

from autograder.atomic import write_atomically
from autograder.course.class_record import ClassRecord, Handed
from autograder.course.collect_report import Action, CollectReport, Placed, Unused, UnusedKind
from autograder.course.download import DownloadFile, read_download
from autograder.course.fingerprints import Catalogue
from autograder.course.identity import IdFrom, student_folders
from autograder.course.matching import Plan, plan_student
from autograder.course.owners import by_student, owned, unsafe_name


def collect(
    source: Path,
    assignment: str,
    notebooks: Sequence[str],
    submitted_dir: Path,
    *,
    catalogue: Catalogue | None = None,
    overwrite: bool = False,
    id_from: IdFrom | None = None,
    record: Path | None = None,
) -> CollectReport:
    """Copy each student's files of an assignment from an LMS download into nbgrader's layout.

    Each student's notebook file is matched to a notebook of the assignment by its cells
    (with ``catalogue``), then its name (see :mod:`.matching`); a file whose cells are
    another assignment's is not filed. Of several files for one notebook, the latest is
    used (highest Canvas copy number, then newest modification time). A student's other
    files are copied next to the notebooks, keeping their relative paths.

    Args:
        source: the download: a ``.zip`` file or a folder (never changed).
        assignment: the nbgrader assignment id, e.g. "01-single-neuron".
        notebooks: the assignment's notebook names without ".ipynb".
        submitted_dir: nbgrader's ``submitted/`` folder; files go to
            ``submitted_dir/<student>/<assignment>/``.
        catalogue: the course's released notebooks (all assignments, see
            :meth:`Catalogue.released`), to recognise notebooks by their cells and
            files of other assignments; None to go by names only.
        overwrite: replace destination files that exist with other content (otherwise
            they are kept, and the new file is reported as not used).
        id_from: what new students' folders are named after (see :mod:`.identity`);
            None: as the class record says, or ``login-and-id`` for a new class.
        record: the class record (``students.json``), read for the students' folders and
            updated when a notebook was filed; None to keep none.

    Returns:
        The report of what was placed where, and of every file not used and why.

    Raises:
        ValueError: the source does not exist or is not a zip that can be opened, it
            overlaps ``submitted_dir``, an assignment or notebook name is not a safe
            folder or file name, or ``id_from`` is not the one the class record uses.
    """
    source, submitted_dir = Path(source), Path(submitted_dir)
    _check_arguments(source, assignment, notebooks, submitted_dir)
    known = ClassRecord.load(record) if record else ClassRecord()
    id_from = _id_from(id_from, known, record)
    report = CollectReport(source, assignment, submitted_dir)
    plans: list[Plan] = []
    with contextlib.ExitStack() as stack:
        files = _give_folders(
            owned(read_download(source, stack, report.unused), assignment, report.unused),
            id_from,
            known,
            submitted_dir,
            report,
        )
        for student, theirs in by_student(files, assignment, report.unused).items():
            found = plan_student(
                student, theirs, assignment, list(notebooks), catalogue, report.unused
            )
            plans += found
            named = {plan.notebook for plan in found}
            if found:
                report.students.append(student)
            if found and not named.issuperset(notebooks):
                report.missing[student] = [nb for nb in notebooks if nb not in named]
        filed = []
        for plan in plans:
            outcome = _place(plan, submitted_dir / plan.file.student / assignment, overwrite)
            (report.placed if isinstance(outcome, Placed) else report.unused).append(outcome)
            if isinstance(outcome, Placed) and plan.notebook:
                filed.append(plan)
    report.students.sort()
    report.placed.sort(key=lambda p: (p.student, str(p.destination)))
    report.unused.sort(key=lambda u: u.source)
    _write_timestamps(filed, submitted_dir, assignment, report)
    if record and filed:
        _remember(known, id_from, report, filed).save(record)
    return report


TIMESTAMP_FILE = "timestamp.txt"  # nbgrader's: when the submission was handed in, in UTC


def _write_timestamps(
    filed: list[Plan], submitted_dir: Path, assignment: str, report: CollectReport
) -> None:
    """Write nbgrader's ``timestamp.txt`` in each folder a notebook was filed in: the latest
    upload time of the student's filed notebooks, in nbgrader's format, so that nbgrader's
    own late-penalty plugins and ``nbgrader formgrader`` see it too."""
    latest: dict[str, float] = {}
    for plan in filed:
        if plan.file.upload_time:
            student = plan.file.student
            latest[student] = max(latest.get(student, 0.0), plan.file.upload_time)
    for student, when in latest.items():
        utc = datetime.datetime.fromtimestamp(when, datetime.timezone.utc)
        path = submitted_dir / student / assignment / TIMESTAMP_FILE
        try:
            write_atomically(path, utc.strftime("%Y-%m-%d %H:%M:%S.%f UTC") + "\n")
        except OSError as error:
            report.unused.append(
                Unused(str(path), f"could not be written ({error})", UnusedKind.ERROR, student)
            )


def released_notebooks(release_dir: Path, assignment: str) -> tuple[Catalogue, list[str]]:
    """The course's released notebooks, and the names of the assignment's among them.

    Args:
        release_dir: the folder of released assignments (the course's ``notebooks/``).
        assignment: the assignment id; its notebooks are ``release_dir/<assignment>/*.ipynb``.

    Returns:
        The catalogue and notebook names, ready for
        ``collect(source, assignment, names, submitted_dir, catalogue=catalogue)``.

    Raises:
        ValueError: the assignment folder holds no notebooks, or a notebook is not valid JSON.
    """
    catalogue = Catalogue.released(release_dir)
    names = catalogue.notebooks(assignment)
    if not names:
        raise ValueError(
            f"{Path(release_dir) / assignment} holds no notebooks; is {assignment!r} the "
            "assignment's id, and was it released (`autograder release`)?"
        )
    return catalogue, names


def _id_from(asked: IdFrom | None, known: ClassRecord, record: Path | None) -> IdFrom:
    """The naming scheme to use: one per class, so that its folders follow one rule."""
    if asked and known.id_from and known.students and asked != known.id_from:
        raise ValueError(
            f"this class's folders are named by {known.id_from} ({record}); collect with "
            f"--id-from {known.id_from}, or use another class folder for {asked}"
        )
    return asked or known.id_from or IdFrom.LOGIN_AND_ID


def _give_folders(
    files: list[DownloadFile],
    id_from: IdFrom,
    known: ClassRecord,
    submitted_dir: Path,
    report: CollectReport,
) -> list[DownloadFile]:
    """The files with their student's folder set; files of a student who could be given
    no folder of their own are reported and left out."""
    existing = (
        [p.name for p in submitted_dir.iterdir() if p.is_dir()] if submitted_dir.is_dir() else []
    )
    folders = student_folders({f.owner for f in files}, id_from, known.students, existing)
    report.identities = {folder: owner for owner, folder in folders.items()}
    named = []
    for file in files:
        if file.owner in folders:
            file.student = folders[file.owner]
            named.append(file)
        else:
            report.unused.append(
                Unused(
                    file.name,
                    f"its student ({file.owner.key}) could be given no folder of their own: "
                    "every name for them is another student's",
                    UnusedKind.UNSAFE,
                )
            )
    return named


def _remember(
    known: ClassRecord, id_from: IdFrom, report: CollectReport, filed: list[Plan]
) -> ClassRecord:
    """The class record with this download's students and filed notebooks added."""
    known.id_from = id_from
    known.students.update(report.identities)
    handed_in = known.submissions.setdefault(report.assignment, {})
    for folder in report.identities:
        handed_in.setdefault(folder, {})
    for plan in filed:
        file = plan.file
        handed_in[file.student][plan.notebook] = Handed.at(file.name, file.late, file.upload_time)
    return known


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
