"""The system call filters, outside the sandbox: their numbers, and the student's kernel's
filter installed in a child of a plain process (as it is where grading runs ``--unsafe``).

What the filters do inside the sandbox, to real submissions, is tested in
``tests/test_sandbox.py`` and ``tests/test_tampering.py``.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from autograder.course.folders import REPO_ROOT
from autograder.runner import seccomp

HEADERS = {
    "x86_64": Path("/usr/include/x86_64-linux-gnu/asm/unistd_64.h"),
    "aarch64": Path("/usr/include/asm-generic/unistd.h"),  # aarch64's table is the generic one
}


@pytest.mark.parametrize("name", HEADERS)
def test_the_system_call_numbers_are_the_kernels(name):
    arch, header = seccomp.ARCHES[name], HEADERS[name]
    if not header.exists():
        pytest.skip(f"{header} is not installed (Debian: linux-libc-dev)")
    defined = {
        name: int(number)
        for name, number in re.findall(r"#define __NR(?:3264)?_(\w+)\s+(\d+)\n", header.read_text())
    }
    assert {name: defined.get(name) for name in arch.numbers} == arch.numbers
    named = {rule.call for rule in seccomp.sandbox_rules() + seccomp.kernel_rules([1], [1])}
    assert named <= set(arch.numbers)


def test_the_jumps_of_a_rule_stay_within_it():
    arch = seccomp.X86_64
    code = seccomp.program(arch, seccomp.kernel_rules(range(1, 60), range(1, 60)))
    instructions = [code[i : i + 8] for i in range(0, len(code), 8)]
    for index, instruction in enumerate(instructions):
        op, jt, jf = instruction[0], instruction[2], instruction[3]
        if op & 0x07 == 0x05:  # a jump: lands on an instruction of the program
            assert index + 1 + max(jt, jf) < len(instructions)
    assert instructions[-1] == seccomp.program(arch, [])[-8:]  # allow what no rule names
    with pytest.raises(ValueError, match="too many tests for kill"):
        seccomp.program(arch, seccomp.kernel_rules(range(1, 300), []))


# A parent (standing for the checker) forks the student's kernel, which confines itself
# and then tries to signal its parent, its parent's group and everyone, and its own child.
# Signal 0 only asks whether the target exists: a broken filter stops nothing here.
CONFINED = """
import os, subprocess, sys
from autograder.runner.seccomp import confine_student_kernel

parent = os.getpid()
os.setsid()
kernel = os.fork()
if kernel == 0:
    os.setsid()
    confine_student_kernel()
    for name, target in (("parent", parent), ("its group", -parent), ("everyone", -1)):
        try:
            os.kill(target, 0)
            print("sent to", name)
        except PermissionError:
            print("refused:", name)
    try:
        os.pidfd_open(parent)
        print("pidfd opened")
    except PermissionError:
        print("pidfd refused")
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    child.kill()
    print("own child:", child.wait())
    os.kill(os.getpid(), 0)
    os.kill(0, 0)
    print("own process and group: signalled")
    sys.stdout.flush()
    os._exit(0)
_, status = os.waitpid(kernel, 0)
print("kernel exit", status)
"""


def test_the_student_kernels_filter_spares_its_ancestors_and_nothing_else():
    out = subprocess.run(
        [sys.executable, "-c", CONFINED],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO_ROOT,
        env={"PYTHONPATH": str(REPO_ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert out.stdout.splitlines() == [
        "refused: parent",
        "refused: its group",
        "refused: everyone",
        "pidfd refused",
        "own child: -9",
        "own process and group: signalled",
        "kernel exit 0",
    ], out.stdout + out.stderr
