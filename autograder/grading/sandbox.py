"""The sandbox every grading worker runs in: bubblewrap, and a pids cgroup when root.

A worker runs student code, so it starts inside `bubblewrap <https://github.com/containers/bubblewrap>`_
(``bwrap``, from Debian's ``bubblewrap`` package) with new namespaces of every kind and
no capabilities. Inside, it sees:

* the system (``/usr``) and the Python environment, read-only;
* of this project, only the folders ``nbhelpers/`` and ``autograder/runner/``, read-only
  (``autograder`` is a namespace package there: the runner imports nothing else of it):
  not ``solutions/``, the class folder (gradebook, source, release, other submissions),
  the course configuration or anyone's home directory;
* a scratch folder of its own (the *slot*), where each notebook's working folder is
  made, and an empty ``/tmp``: the only places it can write. The worker empties them
  after every notebook (see :mod:`autograder.runner.worker`);
* no network (a network namespace with nothing in it), no other processes;
* a system call filter (seccomp, :func:`autograder.runner.seccomp.sandbox_filter`) that
  refuses what grading never needs: the kernel's keyrings, new user namespaces, tracing,
  mounting, kernel modules, ``bpf`` and the like. (The sandbox's uid 0 is the machine's:
  bubblewrap started by root maps any uid it is given to root, so naming another one
  inside would change nothing outside.)

Limits: the worker's own (memory, CPU time, file size: rlimits; output; time) apply as
without the sandbox. Processes: as root, the whole sandbox runs in a cgroup of the pids
controller made for it; otherwise RLIMIT_NPROC does it (see ``ProcessLimit``).
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
from autograder.runner.processes import CGROUP_ENV, pids_cgroup, remove_cgroup
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
        slot: the worker's scratch folder (made if missing); notebooks run in folders in it.
        name: distinguishes this worker's cgroup from the others'.
        processes: the notebook's process limit (see ``Limits.processes``).
    """

    def __init__(self, slot: Path, name: str, processes: int):
        self.slot = slot
        self.slot.mkdir(parents=True, exist_ok=True)
        self.cgroup = pids_cgroup(name, processes + OWN_PROCESSES) if os.getuid() == 0 else None
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
            "--dev",
            "/dev",
            "--tmpfs",
            "/tmp",
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
        bwrap += ["--bind", str(self.slot), str(self.slot)]
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
        if self.cgroup is not None:
            bwrap += ["--ro-bind", str(self.cgroup), str(self.cgroup)]
            environment[CGROUP_ENV] = str(self.cgroup)
        bwrap += ["--remount-ro", "/", "--clearenv"]
        bwrap += [arg for key, value in environment.items() for arg in ("--setenv", key, value)]
        bwrap += self._filter_args()
        bwrap += ["--chdir", str(self.slot), "--", *argv]
        if self.cgroup is None:
            return bwrap
        # Enter the cgroup first, so that everything in the sandbox counts towards its limit.
        return [
            "sh",
            "-c",
            'echo $$ > "$0" && exec "$@"',
            str(self.cgroup / "cgroup.procs"),
            *bwrap,
        ]

    def close(self) -> None:
        remove_cgroup(self.cgroup)
        if self.filter >= 0:
            os.close(self.filter)
            self.filter = -1
