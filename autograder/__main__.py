"""Command line of the course tooling: ``python -m autograder <command>``."""

from __future__ import annotations

import argparse
import sys

from autograder import course


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="autograder", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    release = commands.add_parser(
        "release",
        help="regenerate notebooks/ from solutions/ with nbgrader generate_assignment",
        description="Regenerate every student notebook in notebooks/ from its source in "
                    "solutions/, and record the assignments in the course gradebook. "
                    "Refuses, changing nothing, if notebooks/ holds work (answers, outputs, "
                    "other files).",
    )
    release.add_argument("--force", action="store_true",
                         help="replace notebooks/ even if it holds work")
    args = parser.parse_args(argv)

    if args.command == "release":
        try:
            ids = course.release(overwrite_work=args.force)
        except (course.ReleaseError, ValueError) as error:
            print(f"release failed: {error}", file=sys.stderr)
            return 1
        print(f"released {len(ids)} assignment(s) into {course.NOTEBOOKS_DIR}: {', '.join(ids)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
