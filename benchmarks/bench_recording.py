"""The instructor's side of grading alone: how fast results are recorded, and whether it stays so.

On a cluster, the Dask workers grade and the instructor's process records every result:
the graded notebooks in ``autograded/``, the scores in the gradebook, the result file.
Here 10,000 synthetic results (no student code: each a full score, with the released
notebook 01 as its graded notebook) are fed to that recording, as
:func:`autograder.grading.grade.grade` feeds it, ``--batch`` at a time. Prints the
results recorded per second (of wall time, and of this process's CPU time, which other
work on the machine does not change) around 100, 1,000 and 10,000 results (a flat rate
means nothing grows with the class), then, for reference, the rate of results recorded one at
a time, the gradebook's size, and a profile of where the time goes; the last line is
``results_per_s=<rate at 10,000>``.

Usage (from the repository root, in the course's environment)::

    .venv/bin/python benchmarks/bench_recording.py [--results 10000]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import tempfile
import time
from pathlib import Path

import nbformat

from autograder.course.gradebook import open_gradebook
from autograder.grading import record, results
from autograder.grading.spec import AssignmentSpec, load_spec
from autograder.grading.submission import GradedSubmission
from tests.classes import answered, released_class
from tests.grading_fixtures import all_passed

ASSIGNMENT = "01-single-neuron"
MARKS = (100, 1_000, 10_000)
WINDOW = 100  # results per rate measured: the rate at N is that of results N - 99 to N
# Results that arrive together: on a cluster, those that arrived while the last were
# recorded (a few dozen when a hundred workers each finish a notebook every half second).
BATCH = 20


def synthetic(spec: AssignmentSpec, student: str, notebook: str) -> GradedSubmission:
    """A graded submission as a Dask worker returns it: every test passed."""
    return all_passed(spec, student, f"fingerprint-of-{student}", notebook)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--results", type=int, default=MARKS[-1])
    parser.add_argument(
        "--batch",
        type=int,
        default=BATCH,
        help="results recorded together (those that arrived while the last were recorded)",
    )
    args = parser.parse_args()
    if WINDOW % args.batch:
        parser.error(f"--batch must divide {WINDOW}")
    marks = [m for m in MARKS if m <= args.results] or [args.results]

    with tempfile.TemporaryDirectory(prefix="bench-recording-") as scratch:
        folder = released_class(Path(scratch) / "class", [ASSIGNMENT])
        spec = load_spec(folder, ASSIGNMENT)
        notebook = nbformat.writes(nbformat.reads(json.dumps(answered(ASSIGNMENT)), as_version=4))
        submissions = [
            synthetic(spec, f"student{i:05d}", notebook) for i in range(1, args.results + 1)
        ]
        print(f"{args.results} results of {ASSIGNMENT} recorded into {folder.root}", flush=True)
        rates = {}
        profile = cProfile.Profile()
        with open_gradebook(folder) as gradebook:
            started = window = time.perf_counter()
            cpu_window = time.process_time()
            for count in range(args.batch, args.results + 1, args.batch):
                record.record(folder, submissions[count - args.batch : count], gradebook)
                if count % WINDOW == 0:
                    now, cpu = time.perf_counter(), time.process_time()
                    if count in marks:
                        rates[count] = (WINDOW / (now - window), WINDOW / (cpu - cpu_window))
                    window, cpu_window = now, cpu
            seconds = time.perf_counter() - started
            # Where the time goes, on more of the same (the profiler slows what it watches).
            profiled = [synthetic(spec, f"profiled{i:03d}", notebook) for i in range(WINDOW)]
            profile.enable()
            for start in range(0, WINDOW, args.batch):
                record.record(folder, profiled[start : start + args.batch], gradebook)
            profile.disable()
            # The reference: one commit per result, as results that come one at a time are
            # recorded (local grading); the same number of results as a window above.
            alone = [synthetic(spec, f"alone{i:03d}", notebook) for i in range(WINDOW)]
            one_by_one = time.perf_counter()
            for graded in alone:
                record.record(folder, [graded], gradebook)
            one_by_one = WINDOW / (time.perf_counter() - one_by_one)
        size_mb = (folder.root / "gradebook.db").stat().st_size / 2**20
        with open_gradebook(folder) as gradebook:
            filed = len(gradebook.assignment_submissions(ASSIGNMENT))
        written = len(list(folder.autograded.glob(f"*/{ASSIGNMENT}/{results.RESULT_FILE}")))

    total = args.results + 2 * WINDOW
    if (filed, written) != (total, total):
        raise SystemExit(f"recorded {filed} in the gradebook and {written} result files")
    print(f"{'results':>10}{'per s':>10}{'per CPU s':>12}   (recorded {args.batch} at a time)")
    for count, (rate, cpu_rate) in rates.items():
        print(f"{count:>10}{rate:>10.0f}{cpu_rate:>12.0f}")
    print(f"one at a time (a commit each), after them: {one_by_one:.0f}/s")
    print(f"all {args.results} in {seconds:.1f} s ({args.results / seconds:.0f}/s); gradebook.db")
    print(f"{size_mb:.1f} MB; every result is in the gradebook and autograded/")
    text = io.StringIO()
    pstats.Stats(profile, stream=text).sort_stats("tottime").print_stats(12)
    print(f"where the time goes: own time per function, {WINDOW} more results, {args.batch} a time")
    print("\n".join(line for line in text.getvalue().splitlines()[6:] if line.strip()))
    print(f"results_per_s={rates[marks[-1]][0]:.0f}")


if __name__ == "__main__":
    main()
