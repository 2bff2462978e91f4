"""Processes: the process limit (RLIMIT_NPROC or a pids cgroup), and stopping what a notebook left.

Standard library only: the grading side makes the sandbox's cgroups with :func:`pids_cgroup`
and :func:`memory_cgroup`.
"""

from __future__ import annotations

import ctypes
import os
import resource
import signal
import time
from pathlib import Path

PR_SET_PDEATHSIG, PR_SET_DUMPABLE, PR_SET_CHILD_SUBREAPER = 1, 4, 36  # prctl options
CGROUP_ENV = "AUTOGRADER_PIDS_CGROUP"  # set for a worker started in a cgroup of its own
MEMORY_CGROUP_ENV = "AUTOGRADER_MEMORY_CGROUP"  # likewise, its memory cgroup


def libc_prctl(option: int, value: int) -> None:
    """Linux's prctl(option, value): what this process is allowed and what happens at its death."""
    ctypes.CDLL(None, use_errno=True).prctl(option, value, 0, 0, 0)


def _processes_of(uid: int) -> int:
    """How many processes (threads count too, as for RLIMIT_NPROC) the user has."""
    count = 0
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid == uid:
                    count += len(os.listdir(f"/proc/{entry.name}/task"))
            except OSError:
                continue
    return count


def _new_cgroup(controller: str, name: str, settings: dict[str, str]) -> Path | None:
    """A new cgroup of ``controller`` (cgroup v1, or v2 where it is enabled), named
    ``nnfs-autograder-<name>-<pid of its maker>``, its files in ``settings`` written in
    order (those the kernel does not have are skipped, but one must be there); None where
    that is not possible."""
    for root in (Path("/sys/fs/cgroup", controller), Path("/sys/fs/cgroup")):
        if not (root / "cgroup.procs").exists():
            continue
        if (
            root.name != controller
            and controller not in (root / "cgroup.subtree_control").read_text().split()
        ):
            continue
        for stale in root.glob("nnfs-autograder-*"):  # left by graders that were killed
            if not Path("/proc", stale.name.rsplit("-", 1)[1]).exists():
                try:
                    stale.rmdir()
                except OSError:
                    pass
        cgroup = root / f"nnfs-autograder-{name}-{os.getpid()}"
        try:
            cgroup.mkdir(exist_ok=True)
            written = [f for f in settings if (cgroup / f).exists()]
            for file in written:
                (cgroup / file).write_text(settings[file])
            if not written:
                raise OSError(f"{cgroup} has none of {', '.join(settings)}")
        except OSError:
            remove_cgroup(cgroup, seconds=0)
            continue
        return cgroup
    return None


def pids_cgroup(name: str, processes: int) -> Path | None:
    """A new cgroup of the pids controller that admits ``processes`` tasks (root only)."""
    return _new_cgroup("pids", name, {"pids.max": str(processes)})


def memory_cgroup(name: str, megabytes: int) -> Path | None:
    """A new cgroup of the memory controller that holds at most ``megabytes`` (root only).

    It counts what its processes allocate, and what they put in tmpfs, shared memory and
    kernel objects, which no rlimit does; no swap on top (v1: memsw, where swap is
    accounted; v2: swap.max). At the limit the kernel kills one of its processes.
    """
    limit = str(megabytes * 2**20)
    return _new_cgroup(
        "memory",
        name,
        {
            "memory.limit_in_bytes": limit,  # v1 (before memsw, which must not be below it)
            "memory.memsw.limit_in_bytes": limit,
            "memory.max": limit,  # v2
            "memory.swap.max": "0",
        },
    )


def memory_limit_mb(cgroup: Path) -> int:
    """The memory limit of ``cgroup`` (v1 or v2), in megabytes; 0 if unknown."""
    for file in ("memory.max", "memory.limit_in_bytes"):
        try:
            return int((cgroup / file).read_text()) >> 20
        except (OSError, ValueError):
            continue
    return 0


def oom_kills(cgroup: Path | None) -> int:
    """How many processes the kernel killed so far for going past ``cgroup``'s memory limit."""
    if cgroup is None:
        return 0
    for file in ("memory.events", "memory.oom_control"):  # v2, v1
        try:
            for line in (cgroup / file).read_text().splitlines():
                key, _, value = line.partition(" ")
                if key == "oom_kill":
                    return int(value)
        except (OSError, ValueError):
            continue
    return 0


def remove_cgroup(cgroup: Path | None, seconds: float = 5.0) -> None:
    """Remove a cgroup, killing what is left in it first.

    A sandbox's processes die a moment after their parent is killed; until they are
    gone the cgroup cannot be removed, so removing it is tried again for a while.
    """
    if cgroup is None:
        return
    try:
        (cgroup / "cgroup.kill").write_text("1")  # cgroup v2, Linux 5.14 and later
    except OSError:
        pass
    deadline = time.monotonic() + seconds
    while True:
        try:
            cgroup.rmdir()
            return
        except FileNotFoundError:
            return
        except OSError:
            if time.monotonic() > deadline:
                return
            time.sleep(0.05)


class ProcessLimit:
    """Caps how many processes one notebook can run at a time.

    For a normal user, RLIMIT_NPROC does it (counted over all the user's processes, so
    the cap is set above those already running). It does not bind root; as root, the
    notebook's processes go into a cgroup of the pids controller instead: one per
    notebook, or, in the sandbox, the one the whole sandboxed worker runs in (made by
    the grader, see :mod:`autograder.grading.sandbox`). Where neither is possible (root without
    a writable pids cgroup), ``enforced`` is false and ``why_not`` says why; the grader
    passes that on to the instructor.
    """

    def __init__(self, processes: int):
        self.processes = processes
        self.cgroup: Path | None = None
        self.owned = False
        self.enforced, self.why_not = True, ""
        if os.environ.get(CGROUP_ENV):
            self.cgroup = Path(os.environ[CGROUP_ENV])
        elif os.getuid() == 0:
            self.cgroup = pids_cgroup("notebook", processes)
            self.owned = self.cgroup is not None
            if self.cgroup is None:
                self.enforced = False
                self.why_not = (
                    "running as root, whom RLIMIT_NPROC does not limit, and no writable cgroup "
                    "with the pids controller was found"
                )
        self.refusals = self._refusals()

    def _refusals(self) -> int:
        if self.cgroup is None:
            return 0
        events = dict(
            line.split() for line in (self.cgroup / "pids.events").read_text().splitlines()
        )
        return int(events.get("max", 0))

    def exceeded(self) -> bool:
        """Whether the notebook running now has tried to go past the cap."""
        if self.cgroup is not None:
            return self._refusals() > self.refusals
        return len(_descendants()) >= self.processes

    def enter(self) -> None:
        """Put the calling process (a child about to run a notebook) under the cap."""
        if self.owned:
            (self.cgroup / "cgroup.procs").write_text(str(os.getpid()))
        elif self.cgroup is None and os.getuid() != 0:
            value = _processes_of(os.getuid()) + self.processes
            resource.setrlimit(resource.RLIMIT_NPROC, (value, value))

    def close(self) -> None:
        if self.owned:
            remove_cgroup(self.cgroup)


def kill_group(pid: int) -> None:
    """Kill the process group that ``pid`` leads, if it still exists."""
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def parent_of(pid: int) -> int:
    """The parent of process ``pid`` (0 for the first process of its pid namespace)."""
    with open(f"/proc/{pid}/stat") as stat:
        return int(stat.read().rsplit(")", 1)[1].split()[1])


def _descendants() -> list[int]:
    """Every process below this one (orphans come back here: the worker is a subreaper)."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                parents[int(entry)] = parent_of(int(entry))
            except (OSError, IndexError, ValueError):
                continue
    found, frontier = [], [os.getpid()]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent]
        found += children
        frontier += children
    return found


def stop_all() -> int:
    """Kill every process the last child left behind; return how many there were."""
    seen: set[int] = set()
    while True:
        pids = _descendants()
        if not pids:
            return len(seen)
        for sig in (signal.SIGSTOP, signal.SIGKILL):  # freeze first, so nothing forks meanwhile
            for pid in pids:
                try:
                    os.kill(pid, sig)
                except ProcessLookupError:
                    pass
        seen.update(pids)
        for pid in pids:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass
