"""The sandbox every grading worker runs in: bubblewrap, and a pids cgroup when root.

A worker runs student code, so it starts inside `bubblewrap <https://github.com/containers/bubblewrap>`_
(``bwrap``, from Debian's ``bubblewrap`` package) with new namespaces of every kind and
no capabilities. Inside, it sees:

* the system (``/usr``) and the Python environment, read-only;
* of this project, only the folders ``nbhelpers/`` and ``autograder/runner/``, read-only
  (``autograder`` is a namespace package there: the runner imports nothing else of it):
  not ``solutions/``, the class folder (gradebook, source, release, other submissions),
  the course configuration or anyone's home directory;
* a scratch folder of its own (the *slot*), read-only, where grading prepares each
  notebook's folder; the worker runs the notebook in a copy of it in ``/tmp``;
* ``/tmp`` and ``/dev/shm``, two tmpfs of ``Limits.disk_mb`` each: the only places it
  can write. ``/dev`` (devices) and ``/proc/sys`` (the kernel's settings) are read-only;
  so are the folders that lead to binds under ``/tmp``, which are tmpfs of their own.
  After every notebook the worker empties the writable places and the IPC namespace,
  and checks that they are as they were before the first (see
  :mod:`autograder.runner.fresh`);
* no network (a network namespace with nothing in it), no other processes;
* a system call filter (seccomp, :func:`autograder.runner.seccomp.sandbox_filter`) that
  refuses what grading never needs: the kernel's keyrings, new user namespaces, tracing,
  mounting, kernel modules, ``bpf`` and the like. (The sandbox's uid 0 is the machine's:
  bubblewrap started by root maps any uid it is given to root, so naming another one
  inside would change nothing outside.)

Limits: the worker's own (memory, CPU time, file size: rlimits; output; time) apply as
without the sandbox. As root, the whole sandbox runs in a cgroup of the pids controller
and one of the memory controller made for it; otherwise RLIMIT_NPROC bounds processes
(see ``ProcessLimit``), and the tmpfs sizes and RLIMIT_AS bound memory (not System V
shared memory or kernel objects, which only the memory cgroup counts).
"""

from __future__ import annotations

import fcntl
import os
import platform
import shutil
import sys
from pathlib import Path

import autograder
import autograder.runner
import nbhelpers
from autograder.runner import seccomp
from autograder.runner.limits import Limits
from autograder.runner.processes import (
    CGROUP_ENV,
    MEMORY_CGROUP_ENV,
    memory_cgroup,
    pids_cgroup,
    remove_cgroup,
)
from autograder.runner.worker import SCRATCH_ENV

PROJECT_ROOT = Path(autograder.__file__).resolve().parent.parent  # holds the package
# All of the project a worker sees: the runner and the helpers the notebooks import.
PROJECT_FOLDERS = tuple(
    str(Path(package.__file__).resolve().parent) for package in (autograder.runner, nbhelpers)
)
# System files a Python process needs (the dynamic linker's cache, names of users and groups).
ETC_FILES = (
    "ld.so.cache",
    "ld.so.conf",
    "ld.so.conf.d",
    "localtime",
    "nsswitch.conf",
    "passwd",
    "group",
)
# Processes of the sandbox itself on top of the notebook's own: bwrap (2), worker, checker,
# student's kernel, and room for the shell that enters the cgroup.
OWN_PROCESSES = 8
# Memory of the sandbox itself on top of the notebook's own: the worker's preloaded
# libraries, and the pages of them that the checker and the student's kernel copy.
OWN_MEMORY_MB = 768


class SandboxUnavailable(RuntimeError):
    """The sandbox cannot be set up here; the message says why and what to do."""


def check() -> None:
    """Raise :class:`SandboxUnavailable` unless workers can be sandboxed on this machine."""
    if not sys.platform.startswith("linux"):
        raise SandboxUnavailable(
            f"the sandbox needs Linux (this is {sys.platform}); grade in a Linux "
            "container or virtual machine"
        )
    if shutil.which("bwrap") is None:
        raise SandboxUnavailable(
            "bubblewrap (`bwrap`) is not installed; on Debian or Ubuntu: "
            "`sudo apt-get install bubblewrap`"
        )
    if seccomp.native_arch() is None:
        raise SandboxUnavailable(
            f"the sandbox's system call filter knows {' and '.join(seccomp.ARCHES)} only "
            f"(this is {platform.machine()}); grade on one of those"
        )


def filter_file() -> int:
    """A sealed in-memory file holding the sandbox's seccomp filter, for bubblewrap to read."""
    fd = os.memfd_create("nnfs-autograder-seccomp", os.MFD_CLOEXEC | os.MFD_ALLOW_SEALING)
    os.write(fd, seccomp.sandbox_filter(seccomp.native_arch()))
    seals = fcntl.F_SEAL_SEAL | fcntl.F_SEAL_SHRINK | fcntl.F_SEAL_GROW | fcntl.F_SEAL_WRITE
    fcntl.fcntl(fd, fcntl.F_ADD_SEALS, seals)
    return fd


class Sandbox:
    """The sandbox of one worker.

    Args:
        slot: the worker's scratch folder (made if missing), where grading prepares each
            notebook's folder.
        name: distinguishes this worker's cgroup from the others'.
        processes: the notebook's process limit (see ``Limits.processes``).
        memory_mb: the notebook's memory limit (see ``Limits.memory_mb``).
        disk_mb: the notebook's disk space (see ``Limits.disk_mb``).
    """

    def __init__(
        self,
        slot: Path,
        name: str,
        processes: int,
        memory_mb: int = Limits.memory_mb,
        disk_mb: int = Limits.disk_mb,
    ):
        self.slot = slot
        self.slot.mkdir(parents=True, exist_ok=True)
        self.cgroup = pids_cgroup(name, processes + OWN_PROCESSES) if os.getuid() == 0 else None
        self.disk_mb = disk_mb
        # The whole sandbox's memory: the student's kernel and the checker, /tmp and /dev/shm.
        self.memory_limit_mb = OWN_MEMORY_MB + 2 * memory_mb + 2 * disk_mb
        self.memory_cgroup = memory_cgroup(name, self.memory_limit_mb) if os.getuid() == 0 else None
        self.filter = filter_file()
        # What the process started with :meth:`command` must inherit (``Popen``'s ``pass_fds``).
        self.pass_fds = (self.filter,)

    def _filter_args(self) -> list[str]:
        """bubblewrap's arguments that load the filter; it reads the file from where its
        offset is, so each command rewinds it."""
        os.lseek(self.filter, 0, os.SEEK_SET)
        return ["--seccomp", str(self.filter)]

    def command(self, argv: list[str]) -> list[str]:
        """The command that runs ``argv`` in the sandbox."""
        # The empty /tmp first: the binds that follow may lie under /tmp (a clone of the
        # course in /tmp, its virtual environment, the scratch folder) and must stay visible.
        bwrap = [
            "bwrap",
            "--unshare-all",
            "--die-with-parent",
            "--new-session",
            "--cap-drop",
            "ALL",
            "--proc",
            "/proc",
            "--ro-bind",  # the kernel's settings: no sysctl is the sandbox's to change
            "/proc/sys",
            "/proc/sys",
            "--dev",
            "/dev",
            *self._writable_places(),
            "--ro-bind",
            "/usr",
            "/usr",
        ]
        for name in ("bin", "lib", "lib64", "sbin"):
            path = Path("/", name)
            if path.is_symlink():
                bwrap += ["--symlink", os.readlink(path), str(path)]
            elif path.is_dir():
                bwrap += ["--ro-bind", str(path), str(path)]
        bwrap += [
            arg
            for name in ETC_FILES
            if Path("/etc", name).exists()
            for arg in ("--ro-bind", f"/etc/{name}", f"/etc/{name}")
        ]
        for prefix in sorted({Path(sys.base_prefix).resolve(), Path(sys.prefix).resolve()}):
            if prefix != Path("/usr") and Path("/usr") not in prefix.parents:
                bwrap += ["--ro-bind", str(prefix), str(prefix)]
        bwrap += [arg for folder in PROJECT_FOLDERS for arg in ("--ro-bind", folder, folder)]
        bwrap += ["--ro-bind", str(self.slot), str(self.slot)]
        environment = {
            "PATH": "/usr/bin:/bin",
            "HOME": "/tmp",
            "LANG": "C.UTF-8",
            "PYTHONPATH": str(PROJECT_ROOT),
            "PYTHONDONTWRITEBYTECODE": "1",
            "MPLCONFIGDIR": "/tmp/.matplotlib",
            "IPYTHONDIR": "/tmp/.ipython",
            SCRATCH_ENV: str(self.slot),
        }
        for cgroup, variable in (
            (self.cgroup, CGROUP_ENV),
            (self.memory_cgroup, MEMORY_CGROUP_ENV),
        ):
            if cgroup is not None:
                bwrap += ["--ro-bind", str(cgroup), str(cgroup)]
                environment[variable] = str(cgroup)
        bwrap = _sealed_tmp(bwrap)
        bwrap += ["--remount-ro", "/dev", "--remount-ro", "/", "--clearenv"]
        bwrap += [arg for key, value in environment.items() for arg in ("--setenv", key, value)]
        bwrap += self._filter_args()
        bwrap += ["--chdir", str(self.slot), "--", *argv]
        cgroups = [c for c in (self.cgroup, self.memory_cgroup) if c is not None]
        if not cgroups:
            return bwrap
        # Enter the cgroups first, so that everything in the sandbox counts towards their limits.
        return [
            "sh",
            "-c",
            'for procs in "$@"; do shift; [ "$procs" = -- ] && break; echo $$ > "$procs" || exit; '
            'done; exec "$@"',
            "sh",
            *(str(c / "cgroup.procs") for c in cgroups),
            "--",
            *bwrap,
        ]

    def _writable_places(self) -> list[str]:
        """bwrap's arguments for the places student code can write: ``/dev/shm`` and
        ``/tmp``, each a tmpfs of ``disk_mb`` (as root, the memory cgroup counts them too)."""
        size = str(self.disk_mb * 2**20)
        return ["--size", size, "--tmpfs", "/dev/shm", "--size", size, "--tmpfs", "/tmp"]

    def close(self) -> None:
        remove_cgroup(self.cgroup)
        remove_cgroup(self.memory_cgroup)
        if self.filter >= 0:
            os.close(self.filter)
            self.filter = -1


def _sealed_tmp(bwrap: list[str]) -> list[str]:
    """``bwrap`` with the folders that lead to binds under ``/tmp`` made read-only.

    A bind under ``/tmp`` (the scratch folder, a clone of the course) is made in the
    sandbox's writable ``/tmp``, in folders that bwrap creates for it and that the worker
    cannot remove; a notebook could rename them, or change their mode, times or extended
    attributes, for the next notebook to read. So each top folder of ``/tmp`` that leads
    to a bind becomes a tmpfs of its own, mounted before the binds, read-only after them:
    a mount point cannot be renamed, and nothing in it changed.
    """
    tmp = Path("/tmp")
    targets = [Path(bwrap[i + 2]) for i, arg in enumerate(bwrap) if arg in ("--bind", "--ro-bind")]
    tops = sorted(
        {
            tmp / target.relative_to(tmp).parts[0]
            for target in targets
            if target.is_relative_to(tmp) and target.parent != tmp and target != tmp
        }
        - set(targets)
    )
    after_tmp = next(i for i in range(len(bwrap)) if bwrap[i : i + 2] == ["--tmpfs", "/tmp"]) + 2
    mounts = [arg for top in tops for arg in ("--tmpfs", str(top))]
    return [
        *bwrap[:after_tmp],
        *mounts,
        *bwrap[after_tmp:],
        *(arg for top in tops for arg in ("--remount-ro", str(top))),
    ]
