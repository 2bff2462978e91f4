"""Grading speed: stock ``nbgrader autograde`` against ``autograder grade``, in one run.

Builds a class of 40 submissions of one course notebook (a mix of correct answers, wrong
ones, ones that fit only the visible tests, and answers that raise errors), grades it
with stock nbgrader and with ours, each as the command an instructor would type (start-up
included), and with ours again through a Dask cluster of this machine (as many workers
as ours has worker processes; ``--scheduler``), checks that every test cell gets the
same score from all three, and prints the wall times, the time per notebook, where one
notebook's time goes (stage by stage, from a second run of ours in this process, see
:mod:`autograder.grading.timings`), ``dask_overhead=<Dask wall / ours>`` and, as its last
line, ``speedup_vs_nbgrader=<x>``.

Usage (from the repository root, in the course's environment)::

    .venv/bin/python benchmarks/bench_grading.py \
        [--notebook 05-layers-and-dense-class] [--submissions 40]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from autograder.course.folders import CONFIG_FILE, ClassFolder
from autograder.course.release import assignment_ids
from autograder.grading.grade import default_workers, grade
from autograder.grading.results import load_results
from tests.classes import answered, released_class, submit
from tests.exercises import Kind, catalogue


def build_class(root: Path, assignment: str, count: int) -> ClassFolder:
    """A released class with ``count`` submissions: correct, wrong, visible-only and erroring,
    in turn."""
    folder = released_class(root, [assignment])
    wrong = [(c.answer, c.code) for c in catalogue(Kind.WRONG) if c.assignment == assignment]
    visible = [
        (c.answer, c.code) for c in catalogue(Kind.VISIBLE_ONLY) if c.assignment == assignment
    ]
    answers = sorted({answer for answer, _ in wrong})
    for i in range(count):
        kind = i % 4
        if kind == 0:
            replace = {}
        elif kind == 1:
            replace = dict([wrong[i % len(wrong)]])
        elif kind == 2:
            replace = dict([visible[i % len(visible)]])
        else:  # an answer that raises as soon as it is used
            replace = {
                answers[i % len(answers)]: "raise RuntimeError('unfinished: to do after the lab')"
            }
        submit(folder, f"student{i:02d}", assignment, answered(assignment, replace))
    return folder


def timed(command: list[str], cwd: Path, env: dict) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")
    return seconds


def dask_grading(
    template: ClassFolder, root: Path, assignment: str, env: dict
) -> tuple[float, dict[tuple[str, str], float | None]]:
    """Wall time of ``autograder grade --scheduler`` on a copy of the class, through a
    Dask cluster of this machine with as many workers (of one thread) as the local run
    has worker processes, started beforehand; and the scores it gave."""
    from distributed import LocalCluster

    folder = ClassFolder.at(shutil.copytree(template.root, root))
    with LocalCluster(
        n_workers=len(os.sched_getaffinity(0)),
        threads_per_worker=1,
        dashboard_address=None,
        memory_limit=0,
    ) as cluster:
        command = [str(Path(sys.executable).parent / "autograder"), "grade", assignment]
        command += ["--root", str(folder.root), "--scheduler", cluster.scheduler_address]
        seconds = timed(command, folder.root, env)
    return seconds, cell_scores(folder, assignment)


def children_cpu() -> float:
    """CPU seconds of this process's finished children (and theirs, once they were waited for)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cell_scores(folder: ClassFolder, assignment: str) -> dict[tuple[str, str], float | None]:
    from nbgrader.api import Gradebook

    with Gradebook(folder.db_url) as gradebook:
        return {
            (s.student.id, g.name): g.auto_score
            for s in gradebook.assignment_submissions(assignment)
            for nb in s.notebooks
            for g in nb.grades
        }


# The stages of one notebook, in order: (timing, where it runs, what it is).
STAGES = (
    ("read", "grader", "find, read and parse the submitted files"),
    ("rebuild", "grader", "rebuild on the assignment, decide each cell's process"),
    ("prepare", "grader", "write the notebook's folder"),
    ("exchange", "both", "send the job, receive the reports (pipes, JSON)"),
    ("copy", "worker", "copy the folder into the sandbox"),
    ("kernels", "worker", "fork checker and student's kernel, set up, stop"),
    ("cells: student", "kernels", "student's cells, in the student's kernel"),
    ("cells: both", "kernels", "locked cells the tests use, in both"),
    ("cells: checker", "kernels", "test cells, in the checker, through proxies"),
    ("clean_up", "worker", "stop what is left, empty the sandbox, check it"),
    ("score", "grader", "outputs into the notebook, scores"),
    ("write", "grader", "the graded notebook, as the text of its file"),
    ("record", "grader", "notebooks, gradebook, result files: a batch at a time"),
)


def breakdown(folder: ClassFolder, assignment: str) -> list[str]:
    """Where one notebook's time goes, from grading ``folder`` in this process: lines to print."""
    before = resource.getrusage(resource.RUSAGE_SELF)
    summary = grade(folder, [assignment], progress=False)
    after = resource.getrusage(resource.RUSAGE_SELF)
    n, timings = len(summary.graded), dict(summary.timings)
    # The worker's "run" holds the cells; what is left of it is the kernels' own.
    cells = sum(v for k, v in timings.items() if k.startswith("cells: "))
    timings["kernels"] = timings.get("run", 0.0) - cells
    walls = sum(timings.get(stage, 0.0) for stage, _, _ in STAGES)
    # Recording happens in the main thread, beside the grading threads.
    threads = walls - timings.get("record", 0.0)
    workers = min(default_workers(), n)
    grader_cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    kernels_cpu, worker_cpu = (timings.get(f"cpu_{k}", 0.0) for k in ("kernels", "worker"))
    lines = [
        f"where a notebook's time goes (ours again, in this process: {summary.seconds:.1f} s; "
        f"load average {os.getloadavg()[0]:.1f})"
    ]
    lines += [
        f"  {stage:18}{where:9}{timings.get(stage, 0.0) / n:7.3f} s  {what}"
        for stage, where, what in STAGES
    ]
    lines += [
        f"  {'all stages':27}{walls / n:7.3f} s  per notebook",
        f"  {'start-up, waiting':27}{summary.seconds - threads / workers:7.3f} s  per run, beside "
        f"the stages of {workers} grading threads (the assignment, the workers' preloading)",
        f"  CPU s per notebook: checker and student's kernel {kernels_cpu / n:.3f}, worker "
        f"{worker_cpu / n:.3f}, grading process {grader_cpu / n:.3f} (its start-up included)",
    ]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notebook", default="05-layers-and-dense-class", choices=assignment_ids())
    parser.add_argument("--submissions", type=int, default=40)
    args = parser.parse_args()

    bin_dir = Path(sys.executable).parent
    env = dict(
        os.environ,
        JUPYTER_CONFIG_PATH=str(CONFIG_FILE.parent),
        PATH=os.pathsep.join([str(bin_dir), os.environ["PATH"]]),
    )
    with tempfile.TemporaryDirectory(prefix="bench-grading-") as scratch:
        stock = build_class(Path(scratch) / "stock", args.notebook, args.submissions)
        ours = ClassFolder.at(shutil.copytree(stock.root, Path(scratch) / "ours"))
        profiled = ClassFolder.at(shutil.copytree(stock.root, Path(scratch) / "profiled"))
        print(
            f"{args.submissions} submissions of {args.notebook} on {os.cpu_count()} cores "
            f"(load average {os.getloadavg()[0]:.1f})",
            flush=True,
        )

        cpu = children_cpu()
        stock_seconds = timed(
            [str(bin_dir / "nbgrader"), "autograde", args.notebook], stock.root, env
        )
        stock_cpu = children_cpu() - cpu  # nbgrader and the kernels it started
        ours_seconds = timed(
            [str(bin_dir / "autograder"), "grade", args.notebook, "--root", str(ours.root)],
            ours.root,
            env,
        )
        dask_seconds, on_dask = dask_grading(stock, Path(scratch) / "dask", args.notebook, env)

        theirs, mine = cell_scores(stock, args.notebook), cell_scores(ours, args.notebook)
        disagree = sorted(
            key for key in theirs if not theirs[key] == mine.get(key) == on_dask.get(key)
        )
        results = load_results(ours.autograded, args.notebook)
        running = sum(nb.seconds for r in results for nb in r.notebooks) / max(1, len(results))
        total = sum(v or 0 for v in mine.values())
        stages = breakdown(profiled, args.notebook)

    n = args.submissions
    print(f"{'':24}{'wall s':>8}{'s/notebook':>12}")
    print(f"{'nbgrader autograde':24}{stock_seconds:8.1f}{stock_seconds / n:12.3f}")
    print(f"{'autograder grade':24}{ours_seconds:8.1f}{ours_seconds / n:12.3f}")
    print(f"{'  on 2 Dask workers':24}{dask_seconds:8.1f}{dask_seconds / n:12.3f}")
    print(f"nbgrader: {stock_cpu / n:.3f} CPU s per notebook (its kernels included)")
    print(
        f"ours: {running:.3f} s per notebook running its cells in a worker; "
        "the rest is start-up and recording"
    )
    print(
        f"scores: {len(theirs)} test cells, {total:g} points in all, "
        + (
            "all equal to stock nbgrader's, here and on Dask"
            if not disagree
            else f"{len(disagree)} DIFFER: {disagree[:5]}"
        )
    )
    if disagree:
        sys.exit(1)
    print("\n".join(stages))
    print(f"dask_overhead={dask_seconds / ours_seconds:.2f}")
    print(f"speedup_vs_nbgrader={stock_seconds / ours_seconds:.2f}")


if __name__ == "__main__":
    main()
