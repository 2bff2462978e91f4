"""Command line of the course tooling: ``autograder <command>`` (or ``python -m autograder``).

The grading commands work on a class folder laid out as nbgrader lays it out (the course
root: ``gradebook.db``, ``submitted/``, ``autograded/``, ``feedback/``), by default the
current directory. A typical round::

    autograder release                                   # once: notebooks/ and the gradebook
    autograder collect canvas-download.zip 01-single-neuron
    autograder grade 01-single-neuron
    autograder feedback 01-single-neuron
    autograder export
    autograder report 01-single-neuron
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from pathlib import Path

from autograder.course.folders import ClassFolder
from autograder.course.identity import IdFrom
from autograder.course.release import ReleaseError
from autograder.runner.limits import Limits

SUMMARIES = {
    "release": "regenerate notebooks/ from solutions/ and record the assignments in the gradebook",
    "collect": "put an LMS download (Canvas, Moodle, student folders) into submitted/",
    "grade": "autograde submissions in parallel into the gradebook",
    "feedback": "write an HTML feedback page per student and notebook",
    "export": "write the grades as CSV for an LMS (per student) and per test",
    "report": "write an HTML report on the class, with what needs a human",
    "roster": "import the class list (a Canvas gradebook or Moodle participants CSV)",
}
DESCRIPTIONS = {
    "release": "Regenerate every student notebook in notebooks/ from its source in solutions/ "
    "with nbgrader, and record the assignments in the course gradebook. Refuses, changing "
    "nothing, if notebooks/ holds work (answers, outputs, other files).",
    "collect": "Place an LMS bulk download (a Canvas or Moodle zip or folder) or a folder of "
    "student folders in nbgrader's layout, submitted/<student>/<assignment>/<notebook>.ipynb. "
    "Students are told apart by their LMS ids, never by name; who each folder is, and when "
    "each notebook was handed in (and whether late), is kept in students.json. A notebook is "
    "recognised by the graded cells and title only its notebook has: one of another "
    "assignment is not filed. Lists every file it could not use and why; never changes the "
    "download; fails if it filed nothing.",
    "grade": "Autograde every submission of the given assignments (default: all released ones with "
    "submissions) in parallel, and record the scores in the gradebook as nbgrader autograde does. "
    "Submissions graded before, and unchanged since, are skipped.",
    "feedback": "Write an HTML page per student and notebook "
    "(feedback/<student>/<assignment>/<notebook>.html) with each test's result and hint; hidden "
    "tests are never shown.",
    "export": "Write grades.csv (one row per student: name, per-notebook scores, when handed in "
    "and whether late, total, status), grades-by-test.csv (one row per student, notebook and "
    "test), canvas-grades.csv and moodle-grades.csv for the LMS's grade import, and zips of the "
    "feedback pages for the LMS's bulk feedback upload. A due date and late penalty, if given, "
    "are applied beside the raw scores.",
    "report": "Write one HTML page for the class: scores per question, every failure message "
    "(the most common first), a table of the students with when they handed in and links to "
    "their feedback pages and graded notebooks, submissions similar enough for a human to "
    "look at, and the submissions that need a human, with the reasons.",
    "roster": "Import the class list into students.json: a Canvas gradebook export (Grades, "
    "Export) or a Moodle participants CSV, told apart by their header. Everyone on it appears "
    "in every export and report, with 'not handed in' where that is so. Importing again "
    "replaces the list.",
}


# The address of a Dask scheduler, where Dask's own tools look for it.
SCHEDULER_ENV = "DASK_SCHEDULER_ADDRESS"


class CommandError(Exception):
    """A command cannot go on; the message says why and what to do."""


def _unknown(name: str, known: list[str], where: str, advice: str = "") -> CommandError:
    """The error for a name that is not among ``known``, with the closest ones."""
    import difflib

    close = difflib.get_close_matches(name, known, n=3, cutoff=0.6)
    listed = ", ".join(known[:8]) + (", ..." if len(known) > 8 else "")
    hint = f"did you mean {' or '.join(close)}?" if close else f"there are: {listed or 'none'}"
    return CommandError(f"{name!r} is not {where}; {hint}{advice}")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="autograder", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=SUMMARIES[name], description=DESCRIPTIONS[name])
        sub.add_argument(
            "--root",
            type=Path,
            default=Path.cwd(),
            help="the course root holding solutions/, gradebook.db and submitted/ (default: here)",
        )
        return sub

    release = command("release")
    release.add_argument(
        "--force", action="store_true", help="replace notebooks/ even if it holds work"
    )

    collect = command("collect")
    collect.add_argument("source", type=Path, help="the download: a .zip file or a folder")
    collect.add_argument("assignment", help="the assignment id, e.g. 01-single-neuron")
    collect.add_argument(
        "--force",
        action="store_true",
        help="replace submitted notebooks that differ from the download's",
    )
    collect.add_argument(
        "--id-from",
        type=IdFrom,
        choices=list(IdFrom),
        help="what new students' folders in submitted/ are named after: login-and-id "
        "(smithjane-12345), lms-id (12345) or login (smithjane, with the id added when "
        "another student has that login). Default: what the class used before, else "
        "login-and-id. Two students never share a folder.",
    )

    grade = command("grade")
    grade.add_argument(
        "assignments",
        nargs="*",
        metavar="ASSIGNMENT",
        help="assignment ids (default: all released)",
    )
    grade.add_argument(
        "--student",
        action="append",
        dest="students",
        metavar="ID",
        help="only this student (repeat for more)",
    )
    grade.add_argument(
        "--force", action="store_true", help="grade again submissions that were graded already"
    )
    grade.add_argument("--workers", type=int, help="worker processes (default: one per core)")
    grade.add_argument(
        "--scheduler",
        default=os.environ.get(SCHEDULER_ENV) or None,
        metavar="ADDRESS",
        help="grade on the Dask cluster of this scheduler, e.g. tcp://10.0.0.5:8786 (default: "
        f"${SCHEDULER_ENV} if set, else here; --scheduler '' grades here). Needs the extra "
        "'cluster', and the course environment and bubblewrap on every Dask worker",
    )
    grade.add_argument(
        "--unsafe",
        action="store_true",
        help="run student code without the sandbox, where it cannot be set up (only for code "
        "you trust: it can then read and change anything you can)",
    )
    defaults = Limits()
    limits = grade.add_argument_group("limits per notebook")
    limits.add_argument(
        "--cell-timeout",
        type=float,
        default=defaults.cell_seconds,
        metavar="SECONDS",
        help="a cell running longer is interrupted (default: %(default)g)",
    )
    limits.add_argument(
        "--notebook-timeout",
        type=float,
        default=defaults.notebook_seconds,
        metavar="SECONDS",
        help="a notebook running longer is stopped (default: %(default)g)",
    )
    limits.add_argument(
        "--memory",
        type=int,
        default=defaults.memory_mb,
        metavar="MB",
        help="memory a notebook's code may allocate, and the tests as much (default: "
        "%(default)d; as root, a memory cgroup holds the sandbox to both, --disk twice and "
        "the worker's own)",
    )
    limits.add_argument(
        "--processes",
        type=int,
        default=defaults.processes,
        metavar="N",
        help="processes a notebook may start (default: %(default)d)",
    )
    limits.add_argument(
        "--output",
        type=float,
        default=defaults.output_mb,
        metavar="MB",
        help="output kept per notebook (default: %(default)g)",
    )
    limits.add_argument(
        "--file-size",
        type=int,
        default=defaults.file_mb,
        metavar="MB",
        help="largest file a notebook may write (default: %(default)d)",
    )
    limits.add_argument(
        "--disk",
        type=int,
        default=defaults.disk_mb,
        metavar="MB",
        help="files a notebook may hold in its folder and /tmp together, and in /dev/shm "
        "(default: %(default)d; in memory, counted in the sandbox's memory limit as root)",
    )
    limits.add_argument(
        "--value-size",
        type=float,
        default=defaults.value_mb,
        metavar="MB",
        help="largest value passed between a notebook's code and a test; a larger one fails "
        "the test (default: %(default)g)",
    )

    for name in ("feedback", "export", "report"):
        sub = command(name)
        sub.add_argument(
            "assignments",
            nargs="*",
            metavar="ASSIGNMENT",
            help="assignment ids (default: all graded)",
        )
    commands.choices["export"].add_argument(
        "--to",
        type=Path,
        metavar="FOLDER",
        help="where to write the CSV files (default: the course root)",
    )
    for name in ("export", "report"):
        commands.choices[name].add_argument(
            "--due",
            action="append",
            default=[],
            metavar="ASSIGNMENT=DATE",
            help="the due date of an assignment, e.g. 01-single-neuron=2026-12-01T23:59 (local "
            "time unless an offset is given); repeat per assignment. Default: the gradebook's "
            "due date (nbgrader db assignment add NAME --duedate=...); without one, late is "
            "the LMS's marker.",
        )
    commands.choices["export"].add_argument(
        "--late-penalty",
        metavar="RULE",
        help="take off late work's score: 10%%/day (per started day after the due date), "
        "2%%/hour, or 10%% (once); the raw score is kept beside it",
    )
    roster = command("roster")
    roster.add_argument(
        "file", type=Path, help="the class list: a Canvas gradebook or Moodle participants CSV"
    )
    commands.choices["report"].add_argument(
        "--to",
        type=Path,
        metavar="FILE",
        help="the page to write (default: report.html in the course root)",
    )
    return parser


def _release(args) -> str:
    from autograder.course.release import release

    folder = _folder(args)
    ids = release(
        folder.release,
        source_dir=folder.source,
        course_root=folder.root,
        overwrite_work=args.force,
    )
    return f"released {len(ids)} assignment(s) into {folder.release}: {', '.join(ids)}"


def _folder(args) -> ClassFolder:
    """The class folder of ``--root``, checked before anything is created in it."""
    from autograder.course.folders import not_a_class_folder

    problem = not_a_class_folder(args.root, to_release=args.command == "release")
    if problem:
        raise CommandError(problem)
    return ClassFolder.at(args.root)


def _collect(args) -> str:
    from autograder.course.class_record import RECORD_FILE
    from autograder.course.collect import collect, released_notebooks

    folder = _folder(args)
    catalogue, notebooks = released_notebooks(folder.release, args.assignment)
    report = collect(
        args.source,
        args.assignment,
        notebooks,
        folder.submitted,
        catalogue=catalogue,
        overwrite=args.force,
        id_from=args.id_from,
        record=folder.root / RECORD_FILE,
    )
    failure = report.nothing_filed()
    if failure:
        print(report.summary())  # what was found and why it was not used, before the verdict
        raise CommandError(failure)
    return report.summary()


def _grade(args) -> str:
    from autograder.course import gradebook
    from autograder.grading import grade, sandbox

    folder = _folder(args)
    try:
        released = gradebook.released_assignments(folder)
        for assignment in args.assignments:
            if assignment not in released:
                raise _unknown(
                    assignment,
                    released,
                    f"in the gradebook {folder.root / 'gradebook.db'}",
                    " (a new one: release it first with "
                    f"`autograder release --root {folder.root}`)",
                )
            if not gradebook.submissions(folder, assignment):
                raise CommandError(
                    f"nothing to grade: no one handed in {assignment} ({folder.submitted} has "
                    f"no <student>/{assignment}/ folder; autograder collect puts them there)"
                )
        assignments = args.assignments or [a for a in released if gradebook.submissions(folder, a)]
        if not assignments:
            raise CommandError(
                f"nothing to grade: no submissions in {folder.submitted} of an assignment released "
                "in this course (autograder collect puts them there)"
            )
        if args.scheduler and args.workers is not None:
            raise CommandError(
                "--workers is for grading here; on a Dask cluster, each Dask worker grades as "
                "many submissions at once as it has threads (dask worker --nthreads)"
            )
        if args.scheduler:
            try:
                import autograder.grading.cluster  # noqa: F401 -- the optional extra, installed?
            except ImportError as error:
                raise CommandError(str(error)) from None
        handed_in = sorted({s for a in assignments for s in gradebook.submissions(folder, a)})
        for student in args.students or []:
            if student not in handed_in:
                raise _unknown(
                    student, handed_in, f"a student who handed in {', '.join(assignments)}"
                )
        limits = Limits(
            cell_seconds=args.cell_timeout,
            notebook_seconds=args.notebook_timeout,
            memory_mb=args.memory,
            processes=args.processes,
            output_mb=args.output,
            file_mb=args.file_size,
            disk_mb=args.disk,
            value_mb=args.value_size,
        )
        summary = grade.grade(
            folder,
            assignments,
            students=args.students,
            force=args.force,
            workers=args.workers,
            limits=limits,
            unsafe=args.unsafe,
            scheduler=args.scheduler or None,
        )
    except gradebook.SetupError as error:
        raise CommandError(str(error)) from None
    except sandbox.SandboxUnavailable as error:
        raise CommandError(
            f"grading runs student code in a sandbox, and {error}. To grade without it (only "
            "for code you trust), add --unsafe."
        ) from None
    return summary.text()


def _graded(args) -> tuple[ClassFolder, list]:
    """The class folder and the results of the assignments asked for (all, by default)."""
    from autograder.course.gradebook import released_assignments
    from autograder.grading.results import load_results

    folder = _folder(args)
    released = released_assignments(folder)
    for assignment in args.assignments:
        if assignment not in released:
            raise _unknown(assignment, released, f"in the gradebook {folder.root / 'gradebook.db'}")
    results = [r for a in (args.assignments or [None]) for r in load_results(folder.autograded, a)]
    if not results:
        which = ", ".join(args.assignments) or "any assignment"
        raise CommandError(
            f"no graded submissions of {which} in {folder.autograded}; run autograder grade first"
        )
    return folder, results


def _feedback(args) -> str:
    from autograder.outputs.feedback import write_feedback

    folder, results = _graded(args)
    pages = [page for result in results for page in write_feedback(result, folder.feedback)]
    written = f"{len(pages)} feedback page(s) for {len(results)} submission(s)"
    return f"wrote {written} under {folder.feedback}"


def _roster(folder: ClassFolder, results: list):
    from autograder.course import gradebook

    try:
        return gradebook.roster_and_layout(folder, sorted({r.assignment for r in results}))
    except gradebook.SetupError as error:
        raise CommandError(str(error)) from None


def _export(args) -> str:
    from autograder.outputs import late as lateness
    from autograder.outputs import lms
    from autograder.outputs.export import write_csv, write_exports

    penalty = lateness.Penalty.parse(args.late_penalty) if args.late_penalty else None
    folder, results = _graded(args)
    record, members = _class(folder, results)
    students, layout = _roster(folder, results)
    late = lateness.lateness(record, _due_dates(args, folder), penalty)
    out = args.to or folder.root
    wide, long = write_exports(
        results,
        [m.student for m in members],
        layout,
        out,
        names={m.student: m.name for m in members},
        late=late,
        penalties=penalty is not None,
    )
    scores = {
        (r.student, r.assignment): r.score
        * (1 - getattr(late.get((r.student, r.assignment)), "penalty", 0.0))
        for r in results
    }
    canvas = write_csv(lms.canvas_table(members, scores, layout), out / lms.CANVAS_FILE)
    moodle = write_csv(lms.moodle_table(members, scores, layout), out / lms.MOODLE_FILE)
    zips, left_out = lms.write_feedback_zips(record, members, folder.feedback, list(layout), out)
    return "\n".join(
        [
            f"wrote {wide} (one row per student) and {long} (one row per test)",
            f"wrote {canvas} and {moodle} for the LMS's grade import",
            *(f"wrote {z} for the LMS's bulk feedback upload" for z in zips),
            *(f"left out of the feedback zip: {why}" for why in left_out),
            *(
                f"left empty in {lms.MOODLE_FILE}: {e.name} ({e.email or e.sis_id}) shares their "
                "name with another student on the Moodle list, so their folders cannot be told "
                "apart; enter their grade by hand (grades.csv has each folder's)"
                for e in lms.unlinked_moodle_students(members)
            ),
        ]
    )


def _due_dates(args, folder: ClassFolder) -> dict:
    """Each assignment's due date: the gradebook's (nbgrader's own), unless ``--due`` gives one."""
    from autograder.course.gradebook import due_dates
    from autograder.outputs.late import parse_due

    return due_dates(folder) | parse_due(args.due)


def _class(folder: ClassFolder, results: list):
    """The class record, and everyone of the class (see ``roster.class_list``)."""
    from autograder.course.class_record import RECORD_FILE, ClassRecord
    from autograder.course.roster import class_list

    record = ClassRecord.load(folder.root / RECORD_FILE)
    students, _ = _roster(folder, results)
    return record, class_list(record, students + [r.student for r in results])


def _import_roster(args) -> str:
    from autograder.course.class_record import RECORD_FILE
    from autograder.course.roster import import_roster

    folder = _folder(args)
    students = import_roster(args.file, folder.root / RECORD_FILE)
    lms = sorted({s.lms for s in students})
    return f"imported {len(students)} student(s) ({', '.join(lms)}) into {RECORD_FILE}"


def _report(args) -> str:
    from autograder.course.gradebook import SetupError
    from autograder.outputs import late as lateness
    from autograder.outputs.report import write_report
    from autograder.outputs.similarity import similarities

    folder, results = _graded(args)
    record, members = _class(folder, results)
    assignments = sorted({r.assignment for r in results})
    try:
        similar = [pair for a in assignments for pair in similarities(folder, a)]
    except SetupError as error:
        raise CommandError(str(error)) from None
    path = write_report(
        results,
        args.to or folder.root / "report.html",
        students=[m.student for m in members],
        names={m.student: m.name for m in members},
        late=lateness.lateness(record, _due_dates(args, folder)),
        folder=folder,
        similar=similar,
        title=f"Neural Networks from Scratch · {', '.join(assignments)}",
    )
    alike = f"; {len(similar)} pair(s) of submissions alike, for a look" if similar else ""
    return f"wrote {path}{alike}"


COMMANDS = {
    "release": _release,
    "collect": _collect,
    "grade": _grade,
    "feedback": _feedback,
    "export": _export,
    "report": _report,
    "roster": _import_roster,
}


# Commands that change the gradebook, submitted/ or students.json: one at a time per class.
LOCKED = {"release", "collect", "grade", "roster"}


def _run(argv: list[str] | None) -> int:
    from autograder.course.lock import FolderBusy, class_lock

    args = _parser().parse_args(argv)
    try:
        with contextlib.ExitStack() as held:
            if (
                args.command in LOCKED
            ):  # checked first: no lock file in a folder that is not a class's
                held.enter_context(class_lock(_folder(args).root, args.command))
            message = COMMANDS[args.command](args)
    except (CommandError, ReleaseError, ValueError, FolderBusy) as error:
        print(f"{args.command} failed: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(
            f"{args.command} interrupted: what it finished is kept; run it again to do the rest",
            file=sys.stderr,
        )
        return 130
    except BrokenPipeError:
        raise
    except OSError as error:  # a read-only or full folder, a file that vanished, ...
        where = f": {error.filename}" if error.filename else ""
        print(f"{args.command} failed: {error.strerror or error}{where}", file=sys.stderr)
        return 1
    print(message)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run a command; returns its exit status (0 done, 1 failed, 130 interrupted)."""
    # jsonschema, which nbformat and nbgrader import, imports rfc3987_syntax where it is
    # installed (Jupyter's jupyter-events brings it) for its "iri" format, and that module
    # builds a grammar as it is imported: 2 s of CPU at every command
    # (python-jsonschema/jsonschema#1392). No schema this tool checks (notebooks',
    # nbgrader's) has a format: marked missing, it is not imported, and jsonschema does
    # without that one check.
    sys.modules.setdefault("rfc3987_syntax", None)
    try:
        try:
            return _run(argv)
        finally:
            sys.stdout.flush()  # a closed pipe shows here, not at exit
    except BrokenPipeError:
        # The reader went away (`autograder ... | head`): the command's work is done, only
        # the rest of its report is not wanted. Python would complain again at exit.
        with contextlib.suppress(OSError, ValueError, AttributeError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # as a shell reports a process ended by SIGPIPE


if __name__ == "__main__":
    sys.exit(main())
