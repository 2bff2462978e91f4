"""Nothing one notebook leaves is there for the next: a sandboxed worker's writable places
and IPC namespace, emptied after every notebook, and checked.

A worker grades one notebook after another in one sandbox (see
:mod:`autograder.grading.sandbox`), and a notebook could leave something for the next: a
correct notebook could record each hidden test's input with its answer, for a wrong one
to look up. What a notebook can change there that outlives its processes, and what the
worker does about it after each notebook:

* files in ``/tmp`` (which holds the notebook's folder, a copy of the one grading
  prepared) and in ``/dev/shm``, the only places it can write: removed, however deep or
  locked; the two folders themselves (mode, owner, times, flags, extended attributes and
  ACLs) put back as they were;
* System V shared memory, semaphores and message queues, which belong to the sandbox's
  IPC namespace: removed (POSIX message queues cannot be made: the student's kernel has
  an RLIMIT_MSGQUEUE of 0);
* TCP connections it closed, which linger a minute (TIME_WAIT) in the sandbox's network
  namespace, their ports there for the next notebook to see: nothing the worker can
  remove, so a notebook that leaves any gets the next one a fresh sandbox (honest
  notebooks make none);
* the settings of the sandbox's namespaces (host name, IPC and network settings in
  ``/proc/sys``) and ``/dev``: read-only in the sandbox, so nothing to do.

Then it checks that this worked: each place holds as many inodes as before the first
notebook, its folder is as it was, no IPC object or TCP connection is left. If not, the
worker says so and grading replaces it with a fresh sandbox before the next notebook.

Counters remain, which a notebook can move and the next read, a few bits at a time: the
next process id, the next inode number, the time.
"""

from __future__ import annotations

import ctypes
import fcntl
import os
import shutil
import stat
import struct
from pathlib import Path
from typing import NamedTuple

WRITABLE = (Path("/tmp"), Path("/dev/shm"))
_OPEN_FOLDER = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW
_IPC_RMID = 0
_FS_IOC_GETFLAGS, _FS_IOC_SETFLAGS = 0x80086601, 0x40086602  # chattr's flags, on 64-bit Linux


class _Folder(NamedTuple):
    """What a notebook could change in a writable place's own folder."""

    mode: int
    uid: int
    gid: int
    atime_ns: int
    mtime_ns: int
    flags: int | None
    xattrs: tuple[str, ...]


def _folder_state(path: Path) -> _Folder:
    info = os.stat(path, follow_symlinks=False)
    return _Folder(
        stat.S_IMODE(info.st_mode),
        info.st_uid,
        info.st_gid,
        info.st_atime_ns,
        info.st_mtime_ns,
        _flags(path),
        tuple(sorted(os.listxattr(path, follow_symlinks=False))),
    )


def _flags(path: Path, new: int | None = None) -> int | None:
    """The folder's inode flags (``chattr``: no-dump, no-atime...), set to ``new`` if given;
    None where the file system has none."""
    fd = os.open(path, _OPEN_FOLDER)
    try:
        if new is not None:
            fcntl.ioctl(fd, _FS_IOC_SETFLAGS, struct.pack("l", new))
        return struct.unpack("l", fcntl.ioctl(fd, _FS_IOC_GETFLAGS, struct.pack("l", 0)))[0]
    except OSError:
        return None
    finally:
        os.close(fd)


def _put_back(path: Path, was: _Folder) -> None:
    """Make a writable place's folder as it was (its times last: the rest changes them)."""
    for name in set(os.listxattr(path, follow_symlinks=False)) - set(was.xattrs):  # ACLs too
        try:
            os.removexattr(path, name, follow_symlinks=False)
        except OSError:
            pass
    for step in (
        lambda: _flags(path, was.flags) if was.flags is not None else None,
        lambda: os.chown(path, was.uid, was.gid),
        lambda: os.chmod(path, was.mode),
        lambda: os.utime(path, ns=(was.atime_ns, was.mtime_ns)),
    ):
        try:
            step()
        except OSError:
            pass


def empty(folder: Path) -> None:
    """Remove everything in ``folder`` that lies on its own file system, however deep or
    locked (folders are opened by descriptor, one level at a time: no path grows too long,
    and no recursion too deep). Mount points, and the folders that hold them, stay."""
    top = os.open(folder, _OPEN_FOLDER)
    device = os.fstat(top).st_dev
    # Folders being emptied, outermost first: (descriptor, subfolders still to empty, name).
    stack: list[tuple[int, list[str], str]] = [(top, _remove_files(top, device), "")]
    while stack:
        fd, subfolders, name = stack[-1]
        if subfolders:
            sub = subfolders.pop()
            try:
                os.chmod(sub, 0o700, dir_fd=fd)  # a notebook may have locked it
                child = os.open(sub, _OPEN_FOLDER, dir_fd=fd)
            except OSError:
                continue
            stack.append((child, _remove_files(child, device), sub))
            continue
        stack.pop()
        os.close(fd)
        if stack:
            try:
                os.rmdir(name, dir_fd=stack[-1][0])
            except OSError:  # it holds a mount point
                pass


def _remove_files(fd: int, device: int) -> list[str]:
    """Remove what is not a folder in the open folder ``fd``; return its subfolders on
    ``device`` (others are mount points)."""
    subfolders = []
    with os.scandir(fd) as entries:
        for entry in entries:
            try:
                info = entry.stat(follow_symlinks=False)
                if not stat.S_ISDIR(info.st_mode):
                    os.unlink(entry.name, dir_fd=fd)
                elif info.st_dev == device:
                    subfolders.append(entry.name)
            except OSError:
                continue
    return subfolders


def _ipc_ids(kind: str) -> list[int]:
    """The ids of the System V IPC objects (``shm``, ``sem``, ``msg``) of this IPC namespace."""
    try:
        lines = Path("/proc/sysvipc", kind).read_text().splitlines()[1:]
    except OSError:
        return []
    return [int(line.split()[1]) for line in lines if line.strip()]


def _remove_ipc() -> None:
    """Remove every System V IPC object: they outlive the processes that made them. All
    are this user's (the sandbox has one), and their maker may remove them whatever
    their mode."""
    libc = ctypes.CDLL(None, use_errno=True)
    for id_ in _ipc_ids("shm"):
        libc.shmctl(id_, _IPC_RMID, None)
    for id_ in _ipc_ids("sem"):
        libc.semctl(id_, 0, _IPC_RMID)
    for id_ in _ipc_ids("msg"):
        libc.msgctl(id_, _IPC_RMID, None)


def _tcp_connections() -> int:
    """TCP connections in this network namespace (after a notebook: those that linger)."""
    count = 0
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            count += len(Path(table).read_text().splitlines()[1:])
        except OSError:
            continue
    return count


def _inodes(place: Path) -> int:
    info = os.statvfs(place)
    return info.f_files - info.f_ffree


class Fresh:
    """A sandboxed worker's writable places, made as they were after each notebook.

    Args:
        slot: where grading prepares each notebook's folder (read-only in the sandbox).
        places: the places notebooks can write.
    """

    def __init__(self, slot: Path, places: tuple[Path, ...] = WRITABLE):
        self.slot = slot
        self.places = [p for p in places if p.is_dir()]
        self.folders = {p: _folder_state(p) for p in self.places}
        self.inodes: dict[Path, int] = {}
        self.restore()  # what starting the worker wrote (caches) goes too
        self.inodes = {p: _inodes(p) for p in self.places}
        # Where notebooks run: a folder of /tmp that no bind lies in.
        self.work = next(
            w for n in range(100) if not (w := Path("/tmp", f"notebooks-{n}")).exists()
        )

    def working_copy(self, folder: Path) -> Path:
        """A copy in ``/tmp`` of ``folder`` (in the slot), for the notebook to run and write in."""
        copy = self.work / folder.relative_to(self.slot)
        shutil.copytree(folder, copy)
        return copy

    def full(self) -> list[str]:
        """The places that have no room left."""
        return [str(p) for p in self.places if os.statvfs(p).f_bavail == 0]

    def restore(self) -> str:
        """Empty the writable places and the IPC namespace, and put their folders back as
        they were; what is not as before the first notebook, in words ("" if nothing)."""
        for place, was in self.folders.items():
            os.chmod(place, 0o700)  # a notebook may have locked it
            empty(place)
            _put_back(place, was)
        _remove_ipc()
        problems = [
            f"{place} is not as it was"
            for place, was in self.folders.items()
            if _folder_state(place) != was
            or _inodes(place) != self.inodes.get(place, _inodes(place))
        ]
        problems += [
            f"System V IPC objects ({kind}) are left"
            for kind in ("shm", "sem", "msg")
            if _ipc_ids(kind)
        ]
        if _tcp_connections():
            problems.append("TCP connections linger in the network namespace")
        return "; ".join(problems)
