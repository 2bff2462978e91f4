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
    "export": "Write grades.csv (one row per student: per-notebook scores, total, status) for an "
    "LMS, and grades-by-test.csv (one row per student, notebook and test).",
    "report": "Write one HTML page for the class: scores per question, the most common failures, "
    "and the submissions that need a human, with the reasons.",
}


class CommandError(Exception):
    """A command cannot go on; the message says why and what to do."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="autograder", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=SUMMARIES[name], description=DESCRIPTIONS[name])
        if name != "release":
            sub.add_argument(
                "--root",
                type=Path,
                default=Path.cwd(),
                help="the course root holding gradebook.db and submitted/ (default: here)",
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
        help="memory a notebook may allocate (default: %(default)d)",
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
    commands.choices["report"].add_argument(
        "--to",
        type=Path,
        metavar="FILE",
        help="the page to write (default: report.html in the course root)",
    )
    return parser


def _release(args) -> str:
    from autograder.course.folders import NOTEBOOKS_DIR
    from autograder.course.release import release

    ids = release(overwrite_work=args.force)
    return f"released {len(ids)} assignment(s) into {NOTEBOOKS_DIR}: {', '.join(ids)}"


def _folder(args) -> ClassFolder:
    if not args.root.is_dir():
        raise CommandError(f"{args.root} is not a folder; pass the course root with --root")
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
        assignments = args.assignments or [
            a for a in gradebook.released_assignments(folder) if gradebook.submissions(folder, a)
        ]
        if not assignments:
            raise CommandError(
                f"nothing to grade: no submissions in {folder.submitted} of an assignment released "
                "in this course (autograder collect puts them there)"
            )
        limits = Limits(
            cell_seconds=args.cell_timeout,
            notebook_seconds=args.notebook_timeout,
            memory_mb=args.memory,
            processes=args.processes,
            output_mb=args.output,
            file_mb=args.file_size,
        )
        summary = grade.grade(
            folder,
            assignments,
            students=args.students,
            force=args.force,
            workers=args.workers,
            limits=limits,
            unsafe=args.unsafe,
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
    from autograder.grading.results import load_results

    folder = _folder(args)
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
    from autograder.outputs.export import write_exports

    folder, results = _graded(args)
    students, layout = _roster(folder, results)
    wide, long = write_exports(results, students, layout, args.to or folder.root)
    return f"wrote {wide} (one row per student) and {long} (one row per test)"


def _report(args) -> str:
    from autograder.outputs.report import write_report

    folder, results = _graded(args)
    students, _ = _roster(folder, results)
    assignments = sorted({r.assignment for r in results})
    path = write_report(
        results,
        args.to or folder.root / "report.html",
        students=students,
        title=f"Neural Networks from Scratch · {', '.join(assignments)}",
    )
    return f"wrote {path}"


COMMANDS = {
    "release": _release,
    "collect": _collect,
    "grade": _grade,
    "feedback": _feedback,
    "export": _export,
    "report": _report,
}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        message = COMMANDS[args.command](args)
    except (CommandError, ReleaseError, ValueError) as error:
        print(f"{args.command} failed: {error}", file=sys.stderr)
        return 1
    print(message)
    return 0


if __name__ == "__main__":
    sys.exit(main())
