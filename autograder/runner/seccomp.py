"""System call filters (seccomp): what no sandboxed process may do, whom a student may signal.

Two classic BPF programs, assembled here from a few rules (no library):

* :func:`sandbox_filter`, for the whole sandbox: bubblewrap loads it (``--seccomp``) for the
  worker and everything it starts. It refuses the system calls grading never needs and
  capabilities alone do not stop: the kernel's keyrings (``add_key``, ``keyctl``,
  ``request_key``: keys outlive a notebook and would pass messages between submissions),
  new user namespaces (``clone`` or ``unshare`` with ``CLONE_NEWUSER``: inside one, a
  process has every capability again), ``setns``, tracing (``ptrace``,
  ``process_vm_readv``/``writev``, ``pidfd_getfd``), mounting, kernel modules, ``kexec``,
  ``bpf``, ``perf_event_open``, ``userfaultfd``, ``io_uring``, ``reboot``, swap, the kernel
  log, process accounting, quotas, file handles, and turning off address space
  randomisation (``personality``). ``clone3`` passes its flags in memory, which a filter
  cannot read: it is answered ENOSYS, and the C library falls back to ``clone``.
* :func:`confine_student_kernel`, which the student's kernel installs on itself before it
  runs any student code, for itself and every process it starts: no signal (``kill``,
  ``tgkill``, ``rt_sigqueueinfo``, ...), pidfd or ``SIGIO`` owner may reach its
  *ancestors* (the checker, the worker, the sandbox's first process), nor their process
  groups, nor every process at once (``kill(-1)``). Its own process, group and children
  it may signal as usual (``subprocess``'s ``kill()``, a cell's own alarms).
  ``pidfd_send_signal`` and ``tkill`` are refused outright (a pidfd may come from opening
  ``/proc/<pid>``, and a filter cannot see which process it is); so is tracing, which
  matters where no sandbox runs (``--unsafe`` as root).

A refused call fails with EPERM ("Operation not permitted": a ``PermissionError`` in the
student's cell), so honest code that strays there gets a clear error rather than a dead
kernel. Only x86_64 and aarch64 are known; system calls of another ABI (32-bit x86 code
on x86_64) end the process, and the x32 ABI is answered ENOSYS.

Standard library only: the grading side builds the sandbox's filter too.
"""

from __future__ import annotations

import ctypes
import errno
import os
import platform
import struct
import sys
from dataclasses import dataclass
from typing import Iterable, NamedTuple

from autograder.runner.processes import parent_of

# Classic BPF, as seccomp runs it (linux/filter.h, linux/seccomp.h).
_LOAD = 0x20  # BPF_LD | BPF_W | BPF_ABS: the accumulator := a 32-bit word of seccomp_data
_JEQ, _JGE, _JSET = 0x15, 0x35, 0x45  # BPF_JMP | BPF_{JEQ,JGE,JSET} | BPF_K
_RET = 0x06  # BPF_RET | BPF_K
ALLOW, KILL_PROCESS, _ERRNO = 0x7FFF0000, 0x80000000, 0x00050000
_NR, _ARCH, _ARGS = 0, 4, 16  # offsets in struct seccomp_data
_X32_BIT = 0x40000000  # x86_64 system call numbers with this bit set are the x32 ABI's

CLONE_NEWUSER = 0x10000000
ADDR_NO_RANDOMIZE = 0x0040000  # a personality flag
PERSONALITY_QUERY = 0xFFFFFFFF
F_SETOWN, F_SETOWN_EX = 8, 15  # fcntl: whom SIGIO and SIGURG go to
FIOSETOWN, SIOCSPGRP = 0x8901, 0x8902  # the same, by ioctl

# Refused in the whole sandbox, whatever their arguments.
SANDBOX_REFUSES = (
    *("add_key", "keyctl", "request_key"),
    *("setns", "ptrace", "process_vm_readv", "process_vm_writev", "pidfd_getfd"),
    *("mount", "umount2", "pivot_root", "move_mount", "open_tree", "mount_setattr"),
    *("fsopen", "fsconfig", "fsmount", "fspick"),
    *("init_module", "finit_module", "delete_module", "kexec_load", "kexec_file_load"),
    *("bpf", "perf_event_open", "userfaultfd"),
    *("io_uring_setup", "io_uring_enter", "io_uring_register"),
    *("reboot", "swapon", "swapoff", "syslog", "acct", "quotactl", "quotactl_fd"),
    *("name_to_handle_at", "open_by_handle_at"),
)
# Refused in the student's kernel, whatever their arguments.
KERNEL_REFUSES = ("tkill", "pidfd_send_signal", "ptrace", "process_vm_readv", "process_vm_writev")


@dataclass(frozen=True)
class Arch:
    """A system call ABI: its audit number and the numbers of the calls the filters name."""

    name: str
    audit: int  # AUDIT_ARCH_* (linux/audit.h), as seccomp reports it
    numbers: dict[str, int]
    x32: bool = False  # x86_64: numbers with _X32_BIT set are another ABI


# fmt: off
# From the kernel's arch/x86/entry/syscalls/syscall_64.tbl and include/uapi/asm-generic/unistd.h
# (aarch64); tests/test_seccomp.py compares them with the system's headers where present.
X86_64 = Arch(
    "x86_64",
    0xC000003E,
    {
        "ioctl": 16, "clone": 56, "kill": 62, "fcntl": 72, "ptrace": 101, "syslog": 103,
        "rt_sigqueueinfo": 129, "personality": 135, "pivot_root": 155, "acct": 163, "mount": 165,
        "umount2": 166, "swapon": 167, "swapoff": 168, "reboot": 169, "init_module": 175,
        "delete_module": 176, "quotactl": 179, "tkill": 200, "tgkill": 234, "kexec_load": 246,
        "add_key": 248, "request_key": 249, "keyctl": 250, "unshare": 272,
        "rt_tgsigqueueinfo": 297, "perf_event_open": 298, "name_to_handle_at": 303,
        "open_by_handle_at": 304, "setns": 308, "process_vm_readv": 310, "process_vm_writev": 311,
        "finit_module": 313, "kexec_file_load": 320, "bpf": 321, "userfaultfd": 323,
    },
    x32=True,
)
AARCH64 = Arch(
    "aarch64",
    0xC00000B7,
    {
        "fcntl": 25, "ioctl": 29, "umount2": 39, "mount": 40, "pivot_root": 41, "quotactl": 60,
        "acct": 89, "personality": 92, "unshare": 97, "kexec_load": 104, "init_module": 105,
        "delete_module": 106, "syslog": 116, "ptrace": 117, "kill": 129, "tkill": 130,
        "tgkill": 131, "rt_sigqueueinfo": 138, "reboot": 142, "add_key": 217, "request_key": 218,
        "keyctl": 219, "clone": 220, "swapon": 224, "swapoff": 225, "rt_tgsigqueueinfo": 240,
        "perf_event_open": 241, "name_to_handle_at": 264, "open_by_handle_at": 265, "setns": 268,
        "process_vm_readv": 270, "process_vm_writev": 271, "finit_module": 273, "bpf": 280,
        "userfaultfd": 282, "kexec_file_load": 294,
    },
)
# Numbered alike on every architecture (added after Linux 5.0).
_COMMON = {
    "pidfd_send_signal": 424, "io_uring_setup": 425, "io_uring_enter": 426,
    "io_uring_register": 427, "open_tree": 428, "move_mount": 429, "fsopen": 430,
    "fsconfig": 431, "fsmount": 432, "fspick": 433, "pidfd_open": 434, "clone3": 435,
    "pidfd_getfd": 438, "mount_setattr": 442, "quotactl_fd": 443,
}
# fmt: on
for _arch in (X86_64, AARCH64):
    _arch.numbers.update(_COMMON)
ARCHES = {arch.name: arch for arch in (X86_64, AARCH64)}


def native_arch() -> Arch | None:
    """This machine's ABI, or None if the filters do not know it."""
    return ARCHES.get(platform.machine()) if sys.platform.startswith("linux") else None


class Test(NamedTuple):
    """A test of one argument of a system call (its low 32 bits: every value tested here is
    an ``int`` or a flag in the low word), and what a match decides."""

    arg: int
    jump: int  # _JEQ: equals value; _JSET: has a bit of value
    value: int
    refuse: bool  # a match refuses the call (else it allows it)


class Rule(NamedTuple):
    """What a filter does with one system call: the first matching test decides; if none
    matches (or there are none), the call is refused with ``error`` if ``refuse_otherwise``,
    else allowed."""

    call: str
    error: int = errno.EPERM
    tests: tuple[Test, ...] = ()
    refuse_otherwise: bool = True


def _arg(index: int) -> int:
    """Where the low 32 bits of argument ``index`` lie in seccomp_data."""
    return _ARGS + 8 * index + (4 if sys.byteorder == "big" else 0)


def _body(rule: Rule) -> list[tuple[int, int, int, int]]:
    """The instructions that decide a call (the accumulator holds its number): the tests,
    then two returns, of the decision when no test matches and of the other one."""
    refuse = _ERRNO | rule.error
    otherwise, other = (refuse, ALLOW) if rule.refuse_otherwise else (ALLOW, refuse)
    body: list = []
    loaded = None
    for test in rule.tests:
        if test.arg != loaded:
            body.append((_LOAD, 0, 0, _arg(test.arg)))
            loaded = test.arg
        body.append(test)  # its jump is known once the body's length is
    for index, item in enumerate(body):
        if isinstance(item, Test):
            decision = refuse if item.refuse else ALLOW
            target = len(body) + (decision != otherwise)
            if target - index - 1 > 255:  # BPF jumps are 8-bit
                raise ValueError(f"too many tests for {rule.call}")
            body[index] = (item.jump, target - index - 1, 0, item.value & 0xFFFFFFFF)
    return [*body, (_RET, 0, 0, otherwise), (_RET, 0, 0, other)]


def program(arch: Arch, rules: Iterable[Rule]) -> bytes:
    """The BPF program (an array of ``struct sock_filter``) that applies ``rules`` and allows
    every other call of ``arch``; calls of another ABI end the process."""
    code = [(_LOAD, 0, 0, _ARCH), (_JEQ, 1, 0, arch.audit), (_RET, 0, 0, KILL_PROCESS)]
    code.append((_LOAD, 0, 0, _NR))
    if arch.x32:
        code += [(_JGE, 0, 1, _X32_BIT), (_RET, 0, 0, _ERRNO | errno.ENOSYS)]
    for rule in rules:
        body = _body(rule)
        code += [(_JEQ, 0, len(body), arch.numbers[rule.call]), *body]
    code.append((_RET, 0, 0, ALLOW))
    return b"".join(struct.pack("=HBBI", *instruction) for instruction in code)


def sandbox_rules() -> list[Rule]:
    """The rules of the whole sandbox (see the module's documentation)."""
    new_user_namespace = (Test(0, _JSET, CLONE_NEWUSER, refuse=True),)
    return [
        *(Rule(call) for call in SANDBOX_REFUSES),
        Rule("clone3", errno.ENOSYS),
        Rule("clone", tests=new_user_namespace, refuse_otherwise=False),
        Rule("unshare", tests=new_user_namespace, refuse_otherwise=False),
        Rule(
            "personality",
            tests=(
                Test(0, _JEQ, PERSONALITY_QUERY, refuse=False),
                Test(0, _JSET, ADDR_NO_RANDOMIZE, refuse=True),
            ),
            refuse_otherwise=False,
        ),
    ]


def sandbox_filter(arch: Arch) -> bytes:
    """The sandbox's filter, compiled for bubblewrap's ``--seccomp``."""
    return program(arch, sandbox_rules())


def kernel_rules(protected: Iterable[int], groups: Iterable[int]) -> list[Rule]:
    """The student's kernel's rules: nothing may signal the processes ``protected``, their
    process ``groups``, or every process at once."""
    protected = sorted(set(protected))
    # kill(pid): a process if pid > 0, the group -pid if pid < -1, every process if -1.
    killed = sorted({-1, *protected, *(-pid for pid in protected), *(-g for g in groups if g > 0)})

    def sparing(call: str, arg: int, values: list[int]) -> Rule:
        tests = tuple(Test(arg, _JEQ, value, refuse=True) for value in values)
        return Rule(call, tests=tests, refuse_otherwise=False)

    return [
        sparing("kill", 0, killed),
        *(
            sparing(call, 0, protected)
            for call in ("tgkill", "rt_sigqueueinfo", "rt_tgsigqueueinfo", "pidfd_open")
        ),
        sparing("fcntl", 1, [F_SETOWN, F_SETOWN_EX]),
        sparing("ioctl", 1, [FIOSETOWN, SIOCSPGRP]),
        *(Rule(call) for call in KERNEL_REFUSES),
    ]


def ancestors() -> list[int]:
    """The calling process's parent, its parent, and so on, up to the first process of the
    pid namespace."""
    found = []
    pid = os.getppid()
    while pid > 0 and pid not in found:
        found.append(pid)
        try:
            pid = parent_of(pid)
        except (OSError, IndexError, ValueError):  # gone meanwhile
            break
    return found


def _process_groups(pids: Iterable[int]) -> set[int]:
    groups = set()
    for pid in pids:
        try:
            groups.add(os.getpgid(pid))
        except OSError:
            continue
    return groups


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


PR_SET_SECCOMP, SECCOMP_MODE_FILTER, PR_SET_NO_NEW_PRIVS = 22, 2, 38


def install(code: bytes) -> None:
    """Filter the calling thread's system calls (and its future children's) with ``code``,
    for good. Sets ``no_new_privs``, which an unprivileged filter requires."""
    libc = ctypes.CDLL(None, use_errno=True)
    instructions = ctypes.create_string_buffer(code, len(code))
    prog = _SockFprog(len(code) // 8, ctypes.cast(instructions, ctypes.c_void_p))
    for args in (
        (PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0),
        (PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.addressof(prog), 0, 0),
    ):
        if libc.prctl(*(ctypes.c_ulong(a) for a in args)) != 0:
            number = ctypes.get_errno()
            raise OSError(number, f"prctl{args[:2]}: {os.strerror(number)}")


def confine_student_kernel() -> bool:
    """Keep the calling process (the student's kernel, not yet running student code) and
    everything it starts from signalling, stopping or tracing its ancestors (see the
    module's documentation). False where the architecture is unknown: nothing is installed."""
    arch = native_arch()
    if arch is None:
        return False
    protected = ancestors()
    install(program(arch, kernel_rules(protected, _process_groups(protected))))
    return True
