"""The sandbox a grading worker runs student code in: what student code can and cannot reach.

A sandboxed worker runs small cells that try what a hostile submission would: open a
network connection, read the solutions or other files of the instructor, write outside
its own places, change the kernel's settings, leave files for the next notebook, leave
keys in the kernel's keyrings, make a user namespace, make system calls grading never
needs, signal or stop its checker and worker, use the checker's memory. The machine is
checked afterwards from outside. Grading without a sandbox must be asked for
explicitly. (``tests/test_collusion.py`` grades two notebooks that try to pass answers
from one to the next; ``tests/test_limits.py``, the limits on what a notebook can fill.)
"""

from __future__ import annotations

import ast
import io
import os
import shutil
import socket
import threading
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from autograder.__main__ import main
from autograder.grading import grade as grading
from autograder.grading import sandbox
from autograder.grading.results import SubmissionResult
from autograder.grading.workers import Worker
from autograder.runner import seccomp
from autograder.runner.execution import CodeCell, Role
from autograder.runner.limits import Limits
from tests.classes import answered, released_class, submit
from tests.notebooks import total_points

pytestmark = pytest.mark.slow

LIMITS = Limits(cell_seconds=10, notebook_seconds=30, file_mb=1)
ASSIGNMENT = "01-single-neuron"


@pytest.fixture(scope="module")
def worker(tmp_path_factory):
    box = sandbox.Sandbox(tmp_path_factory.mktemp("sandbox") / "slot", "test", LIMITS.processes)
    worker = Worker(box)
    worker.start()
    yield worker
    worker.close()
    box.close()


def printed(worker: Worker, *cells: str | CodeCell) -> list[str]:
    """What each cell printed, run as one notebook in the sandbox (a cell given as code
    runs in the student's kernel)."""
    folder = worker.sandbox.slot / "notebook"
    folder.mkdir(exist_ok=True)
    cells = [c if isinstance(c, CodeCell) else CodeCell(c) for c in cells]
    execution = worker.run(cells, folder, LIMITS)
    assert execution.end == "completed", execution.detail
    return [
        "".join(o.get("text", "") for o in run.outputs if o["output_type"] == "stream")
        + "".join(
            f"{o['ename']}: {o['evalue']}" for o in run.outputs if o["output_type"] == "error"
        )
        for run in execution.cells
    ]


def test_there_is_no_network(worker):
    # Only this machine's own addresses are tried: if the sandbox were broken, nothing
    # would leave it. The interfaces show the rest: a new network namespace has only "lo".
    servers = [socket.create_server(("127.0.0.1", 0))]
    if socket.has_ipv6:
        servers.append(socket.create_server(("::1", 0), family=socket.AF_INET6))
    accepted: list = []
    threads = [threading.Thread(target=lambda s=s: accepted.append(_accept(s))) for s in servers]
    for server, thread in zip(servers, threads):
        server.settimeout(5)
        thread.start()
    addresses = [server.getsockname()[:2] for server in servers]
    (out,) = printed(
        worker,
        f"""
import socket
for address in {addresses!r}:
    try:
        socket.create_connection(address, timeout=2)
        print("connected", address)
    except OSError as error:
        print("blocked", address, type(error).__name__)
print("interfaces:", sorted(name for _, name in socket.if_nameindex()))
""",
    )
    for server, thread in zip(servers, threads):
        thread.join()
        server.close()
    assert "connected" not in out and out.count("blocked") == len(servers), out
    assert "interfaces: ['lo']" in out, out
    assert accepted == [None] * len(servers), "sandboxed code reached a server on this machine"


def _accept(server: socket.socket):
    try:
        return server.accept()
    except TimeoutError:
        return None


def test_the_instructors_files_cannot_be_read(worker, tmp_path):
    secret = tmp_path / "gradebook.db"
    secret.write_text("grades")
    (out,) = printed(
        worker,
        f"""
import os
from pathlib import Path
root = Path({str(sandbox.PROJECT_ROOT)!r})
print("project:", sorted(os.listdir(root)), "autograder:", sorted(os.listdir(root / "autograder")))
for path in [root / "solutions" / {ASSIGNMENT!r} / {ASSIGNMENT + ".ipynb"!r},
             root / "pyproject.toml",
             Path({str(secret)!r}), Path.home() / ".bash_history", Path("/etc/shadow")]:
    try:
        print("read", path, len(path.read_bytes()))
    except OSError as error:
        print("cannot read", path.name, type(error).__name__)
""",
    )
    assert not any(line.startswith("read ") for line in out.splitlines()), out
    listed = out.splitlines()[0]
    assert (
        "'solutions'" not in listed and "'nbhelpers'" in listed and "'pyproject.toml'" not in listed
    ), listed
    assert listed.endswith("autograder: ['runner']"), listed  # no grading, course or config
    assert out.count("cannot read") == 5


def test_nothing_can_be_written_outside_the_sandboxs_own_places(worker, tmp_path):
    # /tmp inside the sandbox is its own (emptied after each notebook): paths in the
    # machine's /tmp are not there, and writing to them does not reach the machine.
    in_tmp = [worker.sandbox.slot.parent / "pwned", tmp_path / "pwned"]
    targets = [
        worker.sandbox.slot / "pwned",  # grading prepares notebooks there: read-only
        sandbox.PROJECT_ROOT / "pwned",
        sandbox.PROJECT_ROOT / "nbhelpers" / "pwned.py",
        Path("/usr/pwned"),
        Path("/etc/pwned"),
        Path("/root/pwned"),
        *in_tmp,
    ]
    (out,) = printed(
        worker,
        f"""
from pathlib import Path
for path in {[str(t) for t in targets]!r}:
    try:
        Path(path).write_text("x")
        print("wrote", path)
    except OSError as error:
        print("cannot write", type(error).__name__)
Path("mine.txt").write_text("a notebook may write in its folder")
print("own folder:", Path("mine.txt").read_text())
""",
    )
    assert out.count("cannot write") >= len(targets) - len(in_tmp), out
    assert "own folder: a notebook may write in its folder" in out
    assert not any(t.exists() for t in targets)


def test_file_size_is_limited(worker):
    (out,) = printed(
        worker,
        """
try:
    with open("big.bin", "wb") as big:
        big.write(b"x" * 2 * 2**20)
    print("wrote 2 MB")
except OSError as error:
    print("stopped:", error.strerror)
""",
    )
    assert out.strip() == "stopped: File too large", out


def test_only_tmp_and_dev_shm_are_writable(worker):
    (out,) = printed(
        worker,
        """
for line in open("/proc/self/mountinfo"):
    fields = line.split()
    print(fields[4], fields[5].split(",")[0])
""",
    )
    mounts = dict(line.split() for line in out.splitlines())
    writable = {path for path, mode in mounts.items() if mode == "rw"}
    devices = {f"/dev/{name}" for name in ("null", "zero", "full", "random", "urandom", "tty")}
    # /proc: only each process's own files; /dev/pts: terminals, gone when closed.
    assert writable == {"/tmp", "/dev/shm", "/proc", "/dev/pts", *devices}, mounts
    assert mounts["/dev"] == mounts["/proc/sys"] == mounts["/"] == "ro", mounts


def test_the_kernels_settings_cannot_be_changed(worker):
    # As root, /proc/sys would let the sandbox change the machine's settings (whoever's
    # user id is root may write them, capabilities or not), and its own namespaces'
    # (host name, IPC limits), which would outlive the notebook.
    (out,) = printed(
        worker,
        """
for name in ("vm/swappiness", "kernel/hostname", "kernel/msgmnb", "net/ipv4/ip_default_ttl"):
    path = "/proc/sys/" + name
    value = open(path).read()
    try:
        open(path, "w").write(value)  # the same value: harmless, if it worked
        print("changed", name)
    except OSError as error:
        print("cannot change", name, error.strerror)
""",
    )
    assert out.count("cannot change") == 4 and "Read-only file system" in out, out


def test_nothing_is_left_for_the_next_notebook(worker):
    # tests/test_collusion.py tries every channel; here, files in each writable place,
    # locked or deeper than a path can name, and the places' own mode, times and attributes.
    planted = ["/tmp/left.txt", "/dev/shm/left.txt", "left-in-folder.txt", "/tmp/locked/left.txt"]
    (first,) = printed(
        worker,
        f"""
import os
from pathlib import Path
os.mkdir("/tmp/locked")
for path in {planted!r}:
    Path(path).write_text("for the next student")
os.chmod("/tmp/locked", 0)
fd = os.open("/tmp", os.O_RDONLY)
for _ in range(30):  # /tmp/deep/deep/...: longer than PATH_MAX
    os.mkdir("d" * 200, dir_fd=fd)
    fd = os.open("d" * 200, os.O_RDONLY, dir_fd=fd)
os.open("left.txt", os.O_CREAT | os.O_WRONLY, dir_fd=fd)
os.setxattr("/dev/shm", "user.left", b"for the next student")
os.chmod("/dev/shm", 0o700)
os.utime("/dev/shm", (2000000000, 1234567))
print("planted")
""",
    )
    assert first.strip() == "planted"
    pid = worker.process.pid
    (second,) = printed(
        worker,
        f"""
import os
from pathlib import Path
print(repr(([path for path in {planted!r} if Path(path).exists()], os.listdir("/tmp"),
      os.listdir("/dev/shm"), os.listxattr("/dev/shm"), oct(os.stat("/dev/shm").st_mode),
      int(os.stat("/dev/shm").st_atime) == 2000000000)))
""",
    )
    leftover, tmp, shm, attributes, mode, times = ast.literal_eval(second)
    assert leftover == [] and shm == [] and attributes == [] and not times, second
    assert mode == oct(0o40755) and all(not n.startswith(("d", "locked")) for n in tmp), tmp
    assert worker.process.pid == pid  # the same worker: emptied, not replaced


def test_a_notebook_that_leaves_tcp_connections_gets_the_next_a_fresh_sandbox(worker):
    # Closed connections linger a minute in the sandbox's network namespace (TIME_WAIT),
    # their ports readable: a channel to the next notebook that the worker cannot empty.
    (first,) = printed(
        worker,
        """
import socket
server = socket.create_server(("127.0.0.1", 0))
for port in (40001, 40002, 40003):  # the message: these numbers
    client = socket.socket()
    client.bind(("127.0.0.1", port))
    client.connect(server.getsockname())
    server.accept()[0].close()
    client.close()
print(sum(1 for line in open("/proc/net/tcp")) - 1, "left")
""",
    )
    assert first.strip() != "0 left", first
    assert worker.process is None  # replaced: the next notebook starts a new one
    (second,) = printed(worker, 'print(open("/proc/net/tcp").read().count("\\n") - 1)')
    assert second.strip() == "0", second


def test_the_student_kernel_cannot_trace_or_read_the_checker(worker):
    (out,) = printed(
        worker,
        """
import ctypes, os
checker = os.getppid()
for name in ["mem", "environ", *(f"fd/{n}" for n in os.listdir(f"/proc/{checker}/fd"))]:
    try:
        open(f"/proc/{checker}/{name}", "r+b").read(16)
        print("opened", name)
    except OSError as error:
        print("cannot open", name, type(error).__name__)
PTRACE_ATTACH = 16
libc = ctypes.CDLL(None, use_errno=True)
print("ptrace:", libc.ptrace(PTRACE_ATTACH, checker, 0, 0), ctypes.get_errno() != 0)
""",
    )
    assert "opened" not in out and out.count("cannot open") >= 5, out
    assert "ptrace: -1 True" in out, out


# Cells that make system calls Python has no function for: call(name, *args) prints the
# call's name and "ok" or why it failed; syscall(name, *args) raises OSError if it fails.
SYSCALLS = f"""
import ctypes, os
NUMBERS = {(seccomp.native_arch() or seccomp.X86_64).numbers!r}
libc = ctypes.CDLL(None, use_errno=True)
def syscall(name, *args):
    args = [ctypes.c_long(a) if isinstance(a, int) else a for a in args]
    result = libc.syscall(ctypes.c_long(NUMBERS[name]), *args)
    if result < 0:
        number = ctypes.get_errno()
        raise OSError(number, os.strerror(number))
    return result
def call(name, *args):
    try:
        syscall(name, *args)
        print(name, "ok")
    except OSError as error:
        print(name, error.strerror)
"""
KEY_SPEC_SESSION_KEYRING, KEY_SPEC_USER_KEYRING = -3, -4
KEYCTL_SEARCH = 10
REFUSED = "Operation not permitted"


def _keys_on_this_machine(description: str) -> list[str]:
    """The keys of any keyring on this machine (as root sees them) with ``description``."""
    return [line for line in Path("/proc/keys").read_text().splitlines() if description in line]


def test_no_key_can_be_added_to_or_found_in_the_kernels_keyrings(worker):
    # Keys outlive the notebook that adds them (the worker's keyrings serve the next one):
    # a channel between submissions, and root's key quota. Looked for while the worker runs.
    description = f"nnfs-autograder-probe-{os.getpid()}"
    (added,) = printed(
        worker,
        SYSCALLS
        + f"""
for ring in ({KEY_SPEC_SESSION_KEYRING}, {KEY_SPEC_USER_KEYRING}):
    call("add_key", b"user", {description.encode()!r}, b"for the next student", 20, ring)
call("keyctl", 0, {KEY_SPEC_USER_KEYRING}, 1)  # KEYCTL_GET_KEYRING_ID, creating it
""",
    )
    assert added.splitlines() == [f"add_key {REFUSED}"] * 2 + [f"keyctl {REFUSED}"], added
    assert _keys_on_this_machine(description) == []
    (found,) = printed(
        worker,
        SYSCALLS
        + f"""
call("request_key", b"user", {description.encode()!r}, None, 0)
call("keyctl", {KEYCTL_SEARCH}, {KEY_SPEC_USER_KEYRING}, b"user", {description.encode()!r}, 0)
""",
    )
    assert found.splitlines() == [f"request_key {REFUSED}", f"keyctl {REFUSED}"], found


def test_no_user_namespace_can_be_made_and_what_grading_never_needs_is_refused(worker):
    refused = [name for name in seccomp.SANDBOX_REFUSES if name != "keyctl"]
    clone_newuser = seccomp.CLONE_NEWUSER | 17  # SIGCHLD: as fork() would
    namespaces, everything, honest = printed(
        worker,
        SYSCALLS
        + f"""
call("unshare", {seccomp.CLONE_NEWUSER})
try:
    if syscall("clone", {clone_newuser}, 0, 0, 0, 0) == 0:  # the child of a clone that worked
        os._exit(0)
    print("clone ok")
except OSError as error:
    print("clone", error.strerror)
call("clone3", 0, 0)  # its flags are in memory: refused as unknown, the C library falls back
""",
        SYSCALLS
        + f"""
for name in {refused!r}:
    call(name, 0, 0, 0, 0, 0, 0)
call("personality", {seccomp.ADDR_NO_RANDOMIZE})
call("personality", {seccomp.PERSONALITY_QUERY})
""",
        """
import multiprocessing, os, subprocess, threading
import matplotlib.pyplot as plt
import numpy as np
print("filters:", open("/proc/self/status").read().split("Seccomp_filters:")[1].split()[0])
pid = os.fork()
if pid == 0:
    os._exit(7)
print("fork:", os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
thread = threading.Thread(target=print, args=("thread: ran",))
thread.start()
thread.join()
print(subprocess.run(["echo", "subprocess: ran"], capture_output=True, text=True).stdout, end="")
with multiprocessing.get_context("fork").Pool(2) as pool:
    print("pool:", pool.map(abs, [-1, -2]))
plt.plot(np.arange(3))
plt.savefig("plot.png")
print("plot:", os.path.getsize("plot.png") > 0)
%time total = sum(range(10))
""",
    )
    assert namespaces.splitlines() == [
        f"unshare {REFUSED}",
        f"clone {REFUSED}",
        "clone3 Function not implemented",
    ], namespaces
    assert everything.splitlines() == [f"{name} {REFUSED}" for name in refused] + [
        f"personality {REFUSED}",
        "personality ok",
    ], everything
    # The sandbox's filter and the student's kernel's own; fork, threads (clone3 refused),
    # processes, numpy, matplotlib and IPython's magics as ever.
    assert honest.splitlines()[:6] == [
        "filters: 2",
        "fork: 7",
        "thread: ran",
        "subprocess: ran",
        "pool: [1, 2]",
        "plot: True",
    ], honest
    assert "Wall time" in honest, honest


def test_the_student_kernel_cannot_signal_or_stop_its_checker_or_worker(worker):
    # Whatever gets through would stop or kill the grading of this notebook (the checker)
    # or of every later one (the worker, the sandbox's first process).
    attacks, own, after = printed(
        worker,
        SYSCALLS
        + """
import fcntl, signal, socket
checker = os.getppid()
worker = int(open(f"/proc/{checker}/stat").read().rsplit(")", 1)[1].split()[1])
sock = socket.socket()
def attempt(what, action):
    try:
        action()
        print("done:", what)
    except PermissionError:
        print("refused:", what)
for name, pid in (("checker", checker), ("worker", worker), ("first process", 1)):
    attempt(f"SIGSTOP {name}", lambda: os.kill(pid, signal.SIGSTOP))
    attempt(f"probe {name}", lambda: os.kill(pid, 0))
    attempt(f"SIGKILL {name}'s group", lambda: os.killpg(os.getpgid(pid), signal.SIGKILL))
    attempt(f"tgkill {name}", lambda: syscall("tgkill", pid, pid, signal.SIGSTOP))
    attempt(f"tkill {name}", lambda: syscall("tkill", pid, signal.SIGSTOP))
    attempt(f"sigqueue {name}", lambda: syscall("rt_sigqueueinfo", pid, signal.SIGSTOP, 0))
    attempt(f"pidfd of {name}", lambda: os.pidfd_open(pid))
    proc = os.open(f"/proc/{pid}", os.O_DIRECTORY)  # a pidfd too, for pidfd_send_signal
    attempt(f"pidfd SIGSTOP {name}", lambda: signal.pidfd_send_signal(proc, signal.SIGSTOP))
    attempt(f"SIGIO to {name}", lambda: fcntl.fcntl(sock, fcntl.F_SETOWN, pid))
attempt("SIGKILL everyone", lambda: os.kill(-1, signal.SIGKILL))
""",
        """
import os, signal, subprocess, threading
caught = []
signal.signal(signal.SIGUSR1, lambda number, frame: caught.append(number))
os.kill(os.getpid(), signal.SIGUSR1)
signal.raise_signal(signal.SIGUSR1)
signal.pthread_kill(threading.get_ident(), signal.SIGUSR1)
os.killpg(0, 0)
print("own signals:", len(caught))
child = subprocess.Popen(["sleep", "60"])
child.send_signal(signal.SIGSTOP)
child.kill()
print("own child:", child.wait())
""",
        "print('the checker still answers')",
    )
    assert "done" not in attacks and attacks.count("refused") == 28, attacks
    assert own.splitlines() == ["own signals: 3", "own child: -9"], own
    assert after.strip() == "the checker still answers"
    assert printed(worker, "print('the worker still answers')") == ["the worker still answers\n"]


def test_the_checker_has_a_memory_limit(worker):
    # The checker decodes what the student's code sends and runs the tests: it may use as
    # much memory as the student's code (here 2048 MB), no more.
    (out,) = printed(
        worker,
        CodeCell(
            """
import numpy as np
for megabytes in (100, 2600):
    try:
        np.empty(megabytes * 2**20, dtype=np.uint8)
        print("allocated", megabytes)
    except MemoryError:
        print("MemoryError", megabytes)
""",
            runs_in=Role.CHECKER,
        ),
    )
    assert out.split("\n")[:2] == ["allocated 100", "MemoryError 2600"], out


def test_a_value_too_large_to_send_fails_the_test_not_the_notebook(worker):
    # Three arrays of 8 MB, over the 16 MB a value may have: the test that asks for them
    # fails, saying why; the checker does not take them in (its peak memory hardly grows).
    status = "[l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')][0]"
    out = printed(
        worker,
        "import numpy as np\ndef big():\n    return [np.zeros(2**20) for _ in range(3)]",
        CodeCell(
            f"before = int({status})\n"
            "try:\n"
            "    big()\n"
            "except Exception as error:\n"
            "    print(type(error).__name__, error)\n"
            f"print('grew by', (int({status}) - before) // 1024, 'MB')",
            runs_in=Role.CHECKER,
        ),
        "print('the notebook goes on')",
    )
    assert out[1].startswith("UnsendableValue a value of more than 16 MB"), out
    assert int(out[1].split("grew by ")[1].split()[0]) < 16, out
    assert out[2] == "the notebook goes on\n"


def _cli(*argv: str) -> tuple[int, str]:
    err = io.StringIO()
    with redirect_stdout(io.StringIO()), redirect_stderr(err):
        code = main(list(argv))
    return code, err.getvalue()


def test_without_bubblewrap_grading_refuses_unless_told_it_is_unsafe(tmp_path, monkeypatch):
    folder = released_class(tmp_path / "class", [ASSIGNMENT])
    submit(folder, "alice", ASSIGNMENT, answered(ASSIGNMENT))
    real_which = shutil.which
    monkeypatch.setattr(
        shutil,
        "which",
        lambda name, *a, **k: None if name == "bwrap" else real_which(name, *a, **k),
    )
    with pytest.raises(sandbox.SandboxUnavailable, match="apt-get install bubblewrap"):
        grading.grade(folder, [ASSIGNMENT], progress=False)
    code, err = _cli("grade", "--root", str(folder.root))
    assert code != 0 and "bubblewrap" in err and "--unsafe" in err, err
    assert not (folder.autograded / "alice").exists()
    code, err = _cli("grade", "--root", str(folder.root), "--unsafe")
    assert code == 0, err
    result = SubmissionResult.from_json(
        next((folder.autograded / "alice" / ASSIGNMENT).glob("*.json")).read_text()
    )
    assert result.score == total_points(ASSIGNMENT)
