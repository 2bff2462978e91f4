"""One command at a time on a class folder: a lock file that names who holds it.

Two graders on one folder would grade the same submissions twice and write the gradebook
at once. The lock is ``.autograder.lock`` in the course root, held with ``flock`` (the
kernel lets go of it when its holder dies, however it dies) and naming its holder: the
command, its process id and when it started. A file left by a dead holder is not locked,
so the next command simply takes it over.
"""

from __future__ import annotations

import contextlib
import datetime
import fcntl
import json
import os
from pathlib import Path
from typing import Iterator

LOCK_FILE = ".autograder.lock"


class FolderBusy(RuntimeError):
    """Another command holds the class folder's lock; the message names it."""


def _holder(path: Path) -> str:
    """Who holds the lock, in words, from what they wrote in it."""
    try:
        holder = json.loads(path.read_text())
        return (
            f"`autograder {holder['command']}` (pid {holder['pid']}, started {holder['started']})"
        )
    except (OSError, ValueError, KeyError, TypeError):
        return "another autograder command (it has not yet written its name)"


@contextlib.contextmanager
def class_lock(root: Path, command: str) -> Iterator[None]:
    """Hold the class folder's lock while the block runs.

    Raises:
        FolderBusy: another live process holds it.
        OSError: the lock file cannot be made (e.g. a read-only folder).
    """
    path = Path(root) / LOCK_FILE
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise FolderBusy(
                f"{_holder(path)} is working on this class folder ({root}); wait until it "
                f"ends, or stop it. (If no such process runs, delete {path}.)"
            ) from None
        # The holder before us may have deleted the file between our open and our lock.
        with contextlib.suppress(FileNotFoundError):
            if os.fstat(fd).st_ino == os.stat(path).st_ino:
                break
        os.close(fd)
    try:
        started = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
        os.ftruncate(fd, 0)
        os.write(
            fd, json.dumps({"command": command, "pid": os.getpid(), "started": started}).encode()
        )
        yield
    finally:
        with contextlib.suppress(OSError):
            path.unlink()
        os.close(fd)
