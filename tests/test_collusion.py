"""Two submissions graded in turn by one worker: the first leaves nothing for the second.

The first (``a-records``) is correct, and records each call of its ``neuron_output`` (the
hidden tests' inputs with their answers) everywhere a process of the sandbox could leave
something behind: files in ``/dev``, ``/tmp``, ``/dev/shm``, the scratch folder and the
notebook's folder, in a folder deeper than a path can name and in a locked one; extended
attributes, mode and times of ``/tmp``; a renamed folder; System V shared memory, message
queues and semaphores; a POSIX message queue; the host name and an IPC setting of the
sandbox's namespaces. The second (``b-looks-up``) has a ``neuron_output`` that only looks
its arguments up in what it finds there: if anything were left, it would score full
marks. It must find nothing, and score what its own code earns.
"""

from __future__ import annotations

import json
import os

import pytest

from autograder.grading import grade as grading
from autograder.runner.fresh import empty
from autograder.runner.limits import Limits
from tests.classes import answered, released_class, solution_answers, submit

pytestmark = pytest.mark.slow

ASSIGNMENT = "01-single-neuron"
FULL = 10.0
WITHOUT_NEURON = (
    7.0  # a neuron_output that returns 0.0 fails its own test (3 points), and only that
)
LIMITS = Limits(cell_seconds=20, notebook_seconds=60, memory_mb=512, processes=32, output_mb=1)

# Where each channel is written (the first notebook) and read (the second), with ctypes
# for the IPC objects. A data channel holds the recorded answers as JSON; a flag channel
# (mode, times, rename, semaphore, POSIX queue, host name, setting) only says it is there.
CHANNELS = r"""
import ctypes, glob, json, os, struct

_libc = ctypes.CDLL(None, use_errno=True)
_libc.shmat.restype = ctypes.c_void_p
_libc.shmat.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_int]
_libc.shmdt.argtypes = [ctypes.c_void_p]
KEY, SIZE = 0x5EED, 1 << 16
IPC_CREAT, IPC_NOWAIT, SHM_RDONLY, MSG_NOERROR = 0o1000, 0o4000, 0o10000, 0o10000
FILES = {
    "dev": "/dev/left",
    "tmp": "/tmp/left",
    "shm": "/dev/shm/left",
    "scratch": os.environ.get("AUTOGRADER_SCRATCH", "/nonexistent") + "/left",
    "locked": "/tmp/locked/left",
}
DEEP = ["deep"] + ["d" * 200] * 30  # /tmp/deep/ddd.../left: longer than PATH_MAX (4096)


def _ok(result):
    if result == -1 or result is None:
        number = ctypes.get_errno()
        raise OSError(number, os.strerror(number))
    return result


def _deep(create):
    fd = os.open("/tmp", os.O_RDONLY)
    for name in DEEP:
        if create and name not in os.listdir(fd):
            os.mkdir(name, dir_fd=fd)
        new = os.open(name, os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd = new
    return fd


def leave(data):
    outcome = {}

    def attempt(name, action):
        try:
            action()
            outcome[name] = "left"
        except (OSError, AssertionError) as error:
            outcome[name] = type(error).__name__

    def write(path):
        with open(path, "wb") as file:
            file.write(data)

    def locked():
        os.makedirs("/tmp/locked", exist_ok=True)
        os.chmod("/tmp/locked", 0o700)
        write("/tmp/locked/left")
        os.chmod("/tmp/locked", 0)

    def deep():
        fd = _deep(create=True)
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
        with open(os.open("left", flags, 0o600, dir_fd=fd), "wb") as file:
            file.write(data)
        os.close(fd)

    def rename():  # the folders that lead to the sandbox's binds
        mounts = [n for n in os.listdir("/tmp") if os.path.ismount("/tmp/" + n)]
        assert mounts, "no folder of /tmp leads to a bind"
        for name in mounts:
            os.rename("/tmp/" + name, "/tmp/" + name + "-left")

    def shm():
        id_ = _ok(_libc.shmget(KEY, SIZE, IPC_CREAT | 0o600))
        address = _libc.shmat(id_, None, 0)
        _ok(None if address == ctypes.c_void_p(-1).value else address)
        ctypes.memmove(address, data.ljust(SIZE, b"\0"), SIZE)
        _libc.shmdt(address)

    def msg():
        id_ = _ok(_libc.msgget(KEY, IPC_CREAT | 0o600))
        buffer = ctypes.create_string_buffer(8 + SIZE)
        while _libc.msgrcv(id_, buffer, SIZE, 0, IPC_NOWAIT | MSG_NOERROR) >= 0:
            pass  # the previous call's
        _ok(_libc.msgsnd(id_, struct.pack("l", 1) + data, len(data), IPC_NOWAIT))

    def setting(path, value):
        with open(path, "w") as file:
            file.write(value)

    for name, path in FILES.items():
        if name != "locked":
            attempt(name, lambda path=path: write(path))
    attempt("locked", locked)
    attempt("folder", lambda: write("left"))
    attempt("deep", deep)
    attempt("xattr", lambda: os.setxattr("/tmp", "user.left", data))
    attempt("mode", lambda: os.chmod("/tmp", 0o751))
    attempt("times", lambda: os.utime("/tmp", (2000000000, 1234567)))  # reading /tmp keeps it
    attempt("rename", rename)
    attempt("sysv-shm", shm)
    attempt("sysv-msg", msg)
    attempt("sysv-sem", lambda: _ok(_libc.semget(KEY, 1, IPC_CREAT | 0o600)))
    attempt("posix-mq", lambda: _ok(_libc.mq_open(b"/left", os.O_CREAT | os.O_RDWR, 0o600, None)))
    attempt("hostname", lambda: setting("/proc/sys/kernel/hostname", "left"))
    attempt("ipc-setting", lambda: setting("/proc/sys/kernel/msgmnb", "12345"))
    return outcome


def look():
    found = {}

    def attempt(name, action):
        try:
            got = action()
        except (OSError, AssertionError):
            return
        if got:
            found[name] = got

    def read(path):
        with open(path, "rb") as file:
            return file.read()

    def deep():
        fd = _deep(create=False)
        try:
            with open(os.open("left", os.O_RDONLY, dir_fd=fd), "rb") as file:
                return file.read()
        finally:
            os.close(fd)

    def shm():
        address = _libc.shmat(_ok(_libc.shmget(KEY, 0, 0)), None, SHM_RDONLY)
        _ok(None if address == ctypes.c_void_p(-1).value else address)
        return ctypes.string_at(address, SIZE).rstrip(b"\0")

    def msg():
        buffer = ctypes.create_string_buffer(8 + SIZE)
        id_ = _ok(_libc.msgget(KEY, 0))
        size = _ok(_libc.msgrcv(id_, buffer, SIZE, 0, IPC_NOWAIT | MSG_NOERROR))
        return buffer.raw[8 : 8 + size]

    def locked():
        os.chmod("/tmp/locked", 0o700)
        try:
            return read("/tmp/locked/left")
        finally:
            os.chmod("/tmp/locked", 0)

    for name, path in FILES.items():
        if name != "locked":
            attempt(name, lambda path=path: read(path))
    attempt("locked", locked)
    attempt("folder", lambda: [read(p) for p in glob.glob("/tmp/**/left", recursive=True)])
    attempt("deep", deep)
    attempt("xattr", lambda: os.getxattr("/tmp", "user.left"))
    attempt("mode", lambda: os.stat("/tmp").st_mode & 0o7777 == 0o751)
    attempt("times", lambda: int(os.stat("/tmp").st_atime) == 2000000000)
    attempt("rename", lambda: [n for n in os.listdir("/tmp") if n.endswith("-left")])
    attempt("sysv-shm", shm)
    attempt("sysv-msg", msg)
    attempt("sysv-sem", lambda: _ok(_libc.semget(KEY, 1, 0)) >= 0)
    attempt("posix-mq", lambda: _ok(_libc.mq_open(b"/left", os.O_RDONLY, 0, None)) >= 0)
    attempt("hostname", lambda: os.uname().nodename == "left")
    attempt("ipc-setting", lambda: read("/proc/sys/kernel/msgmnb").strip() == b"12345")
    return found


def key(inputs, weights, bias):
    return json.dumps([[float(x) for x in inputs], [float(w) for w in weights], float(bias)])


def sandbox():  # its namespaces: another worker would have others
    return " ".join(os.readlink(f"/proc/self/ns/{kind}") for kind in ("mnt", "ipc", "pid"))
"""

RECORDS = (
    CHANNELS
    + solution_answers(ASSIGNMENT)["neuron_output"].replace(
        "def neuron_output(", "def honest_neuron_output("
    )
    + r"""

ANSWERS, OUTCOME = {}, {}


def neuron_output(inputs, weights, bias):
    value = honest_neuron_output(inputs, weights, bias)
    ANSWERS[key(inputs, weights, bias)] = value
    OUTCOME.update(leave(json.dumps(ANSWERS).encode()))
    return value


neuron_output([1.0, 2.0, 3.0], [0.2, 0.8, -0.5], 2.0)
print("sandbox:", sandbox())
print("outcome:", json.dumps(OUTCOME, sort_keys=True))
print("found by itself:", sorted(look()))
"""
)

LOOKS_UP = (
    CHANNELS
    + r"""

FOUND = look()
print("sandbox:", sandbox())
print("found:", sorted(FOUND))
ANSWERS = {}
for got in FOUND.values():
    for data in got if isinstance(got, list) else [got]:
        if isinstance(data, bytes):
            try:
                ANSWERS.update(json.loads(data.decode()))
            except ValueError:
                pass


def neuron_output(inputs, weights, bias):
    return ANSWERS.get(key(inputs, weights, bias), 0.0)
"""
)

# What the first notebook could write, and what it could not (read-only, or not allowed).
LEFT = {"tmp", "shm", "locked", "folder", "deep", "xattr", "mode", "times"}
LEFT |= {"sysv-shm", "sysv-msg", "sysv-sem"}
REFUSED = {"dev", "scratch", "rename", "posix-mq", "hostname", "ipc-setting"}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    folder = released_class(tmp_path_factory.mktemp("collusion") / "class", [ASSIGNMENT])
    submit(folder, "a-records", ASSIGNMENT, answered(ASSIGNMENT, {"neuron_output": RECORDS}))
    submit(folder, "b-looks-up", ASSIGNMENT, answered(ASSIGNMENT, {"neuron_output": LOOKS_UP}))
    summary = grading.grade(folder, [ASSIGNMENT], workers=1, limits=LIMITS, progress=False)
    results = {r.student: r for r in summary.graded}
    printed = {}
    for student in results:
        notebook = json.loads(
            (folder.autograded / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text()
        )
        printed[student] = "".join(
            "".join(o.get("text", "")) + f"{o.get('ename', '')}: {o.get('evalue', '')}\n"
            for c in notebook["cells"]
            for o in c.get("outputs", [])
        )
    return results, printed


def _line(text: str, prefix: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(prefix))[len(prefix) :]


def test_the_first_notebook_left_what_it_could_where_it_could(graded):
    results, printed = graded
    assert results["a-records"].score == FULL
    outcome = json.loads(_line(printed["a-records"], "outcome: "))
    assert {c for c, o in outcome.items() if o == "left"} == LEFT, outcome
    assert {c for c, o in outcome.items() if o != "left"} == REFUSED, outcome
    # The next notebook looks as this one does: it would find all of it.
    assert _line(printed["a-records"], "found by itself: ") == repr(sorted(LEFT))


@pytest.mark.parametrize("channel", sorted(LEFT | REFUSED))
def test_the_next_notebook_on_the_same_worker_finds_nothing(graded, channel):
    results, printed = graded
    sandbox = _line(printed["a-records"], "sandbox: ")
    assert _line(printed["b-looks-up"], "sandbox: ") == sandbox  # one worker, both notebooks
    found = _line(printed["b-looks-up"], "found: ")
    assert repr(channel) not in found, found
    assert found == "[]"
    result = results["b-looks-up"]
    assert result.score == WITHOUT_NEURON
    assert not result.needs_human


def test_emptying_a_place_removes_everything_however_deep_or_locked_and_follows_no_link(
    tmp_path,
):
    place, outside = tmp_path / "place", tmp_path / "outside"
    place.mkdir()
    outside.mkdir()
    (outside / "keep.txt").write_text("not the notebook's")
    (place / "link").symlink_to(outside)
    os.mkfifo(place / "fifo")
    (place / "locked").mkdir()
    (place / "locked" / "left.txt").write_text("x")
    (place / "locked").chmod(0)
    fd = os.open(place, os.O_RDONLY)
    for _ in range(30):  # deeper than PATH_MAX
        os.mkdir("d" * 200, dir_fd=fd)
        fd, old = os.open("d" * 200, os.O_RDONLY, dir_fd=fd), fd
        os.close(old)
    os.close(os.open("left.txt", os.O_CREAT | os.O_WRONLY, dir_fd=fd))
    os.close(fd)
    for n in range(300):
        (place / f"wide-{n}").mkdir()
    empty(place)
    assert os.listdir(place) == []
    assert (outside / "keep.txt").read_text() == "not the notebook's"
