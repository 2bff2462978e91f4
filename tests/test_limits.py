"""What a submission can fill has a bound, and the report names the bound a notebook hit.

Every student hands in notebook 01 with the solution's answers and, in the answer cell of
Exercise 2 (after the first test has scored its 3 points), something that fills what it
can: 700 MB of files in ``/tmp``, in the notebook's folder, in ``/dev/shm``; as root, 3 GB
of System V shared memory, which no rlimit counts (the sandbox's memory cgroup does); or a
``neuron_output`` whose answer is too large to pass to the tests. The class is graded
once, with small limits, in the sandbox; afterwards the machine has its memory back and
no cgroup or file of the grading is left.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path
from unittest import mock

import pytest

from autograder.grading import grade as grading
from autograder.runner.limits import Limits
from tests.classes import answered, released_class, solution_answers, submit

pytestmark = pytest.mark.slow

ASSIGNMENT = "01-single-neuron"
FULL = 10.0
LIMITS = Limits(
    cell_seconds=30,
    notebook_seconds=120,
    memory_mb=256,
    disk_mb=128,
    value_mb=4,
    processes=32,
    output_mb=1,
)
ANSWERS = solution_answers(ASSIGNMENT)
ROOT = os.getuid() == 0


def fills(place: str, catch: bool = True) -> str:
    """Code that writes 700 MB into ``place``, in files of 32 MB, and says how far it got."""
    loop = (
        "for n in range(22):\n"
        f"    with open('{place}/fill-' + str(n), 'wb') as file:\n"
        "        file.write(b'x' * 2**25)\n"
        "    written += 32\n"
    )
    if not catch:
        return "written = 0\n" + loop
    return (
        "written, problem = 0, None\n"
        "try:\n"
        + "".join("    " + line + "\n" for line in loop.splitlines())
        + "except OSError as error:\n"
        "    problem = error.strerror\n"
        f"print('{place}: wrote', written, 'MB, then', problem)\n"
    )


SYSTEM_V = """
import ctypes
libc = ctypes.CDLL(None, use_errno=True)
libc.shmat.restype = ctypes.c_void_p
libc.shmat.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_int]
libc.shmdt.argtypes = [ctypes.c_void_p]
for n in range(48):  # 3 GB of segments of 64 MB, each filled and let go
    segment = libc.shmget(0, 2**26, 0o1000 | 0o600)
    address = libc.shmat(segment, None, 0)
    ctypes.memset(address, 1, 2**26)
    libc.shmdt(address)
print("kept 3 GB")
"""


def attack(code: str) -> dict:
    return answered(ASSIGNMENT, {"line_parameters": ANSWERS["line_parameters"] + "\n\n" + code})


ATTACKS = {
    "honest": answered(ASSIGNMENT),
    "fills-tmp": attack(fills("/tmp")),
    "fills-dev-shm": attack(fills("/dev/shm")),
    "fills-its-folder": attack(fills(".", catch=False)),
    "returns-too-much": answered(
        ASSIGNMENT,
        {
            "neuron_output": "import numpy as np\n"
            "def neuron_output(inputs, weights, bias):\n"
            "    return np.zeros(2**20)  # 8 MB"
        },
    ),
}
if ROOT:
    ATTACKS["system-v-memory"] = attack(SYSTEM_V)

# student -> (score, problem kinds, words the reasons must contain)
EXPECTED = {
    "honest": (FULL, set(), []),
    "fills-tmp": (FULL, {"disk"}, ["--disk 128 MB"]),
    "fills-dev-shm": (FULL, {"disk"}, ["--disk 128 MB"]),
    "fills-its-folder": (FULL, {"disk"}, ["--disk 128 MB"]),
    "returns-too-much": (7.0, {"value-size"}, ["--value-size 4 MB"]),
    "system-v-memory": (3.0, {"memory"}, ["--memory 256 MB", "memory of its sandbox"]),
}


def _shmem_mb() -> int:
    """Memory in tmpfs and shared memory on this machine."""
    meminfo = Path("/proc/meminfo").read_text()
    return int(re.search(r"^Shmem:\s+(\d+) kB", meminfo, re.M).group(1)) // 1024


class _ScratchFolders:
    """The scratch folders grading makes in this process, noted as they are made: other
    test processes grade at the same time, with scratch folders of their own in /tmp."""

    def __init__(self):
        self.made: list[Path] = []
        self._real = tempfile.TemporaryDirectory

    def __call__(self, *args, **kwargs):
        folder = self._real(*args, **kwargs)
        self.made.append(Path(folder.name))
        return folder

    def left(self) -> set[Path]:
        return {folder for folder in self.made if folder.exists()}


def _ours(root: Path) -> set[Path]:
    return set(root.glob(f"nnfs-autograder-*-{os.getpid()}")) if root.is_dir() else set()


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    folder = released_class(tmp_path_factory.mktemp("limits") / "class", [ASSIGNMENT])
    for student, notebook in ATTACKS.items():
        submit(folder, student, ASSIGNMENT, notebook)
    scratch = _ScratchFolders()
    shmem = _shmem_mb()
    with mock.patch.object(grading.tempfile, "TemporaryDirectory", scratch):
        summary = grading.grade(folder, [ASSIGNMENT], workers=2, limits=LIMITS, progress=False)
    assert scratch.made, "grading made no scratch folder: the test looks in the wrong place"
    machine = {
        "shmem_growth": _shmem_mb() - shmem,
        "scratch_left": scratch.left(),
        "cgroups_left": _ours(Path("/sys/fs/cgroup/memory")) | _ours(Path("/sys/fs/cgroup/pids")),
    }
    printed = {}
    for student in ATTACKS:
        notebook = json.loads(
            (folder.autograded / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text()
        )
        printed[student] = "".join(
            "".join(o.get("text", "")) for c in notebook["cells"] for o in c.get("outputs", [])
        )
    return {r.student: r for r in summary.graded}, printed, machine


@pytest.mark.parametrize("student", EXPECTED)
def test_a_notebook_that_hits_a_limit_is_reported_with_the_limit(graded, student):
    if student not in ATTACKS:
        pytest.skip("only root has a memory cgroup for the sandbox")
    score, kinds, words = EXPECTED[student]
    result = graded[0][student]
    tests = {t.grade_id: (t.score, t.status, t.message) for t in result.notebooks[0].tests}
    problems = [p for nb in result.notebooks for p in nb.problems] + result.problems
    reasons = " ".join(p.message for p in problems)
    assert result.score == score, (tests, reasons)
    assert {p.kind for p in problems} == kinds, reasons
    for word in words:
        assert word in reasons, reasons


@pytest.mark.parametrize("place", ["/tmp", "/dev/shm"])
def test_files_stop_at_the_disk_limit(graded, place):
    student = {"/tmp": "fills-tmp", "/dev/shm": "fills-dev-shm"}[place]
    line = next(line for line in graded[1][student].splitlines() if line.startswith(place))
    written = int(line.split("wrote ")[1].split()[0])
    assert written <= LIMITS.disk_mb and line.endswith("then No space left on device"), line


def test_the_machine_is_as_before(graded):
    machine = graded[2]
    assert machine["cgroups_left"] == set()
    assert machine["scratch_left"] == set()
    # What the notebooks held (up to 1.3 GB as root) is free again; other processes of
    # the machine may have changed it meanwhile, by less.
    assert machine["shmem_growth"] < 256, machine
