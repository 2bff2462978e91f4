"""Submissions that attack the grading itself, and what each of them gets.

Every student here hands in notebook 01 with a wrong ``neuron_output`` (it returns 0.0:
0 of its 3 points, and 0 of the 2 of the logic gates, whose test uses it) or another
flaw, plus an attack that would, in one process, make the tests pass anyway: patching
numpy, the checkers, builtins or ``sys.modules``; redefining names the tests use; reading
the caller's frames, the garbage collector's objects or the checker's memory to find
expected values; reading the solutions; returning objects
that claim to equal anything; forging the checker's messages. Each case
states the score it must get (what its real code earns) and, where the attack breaks the
grading, the reason it is flagged for. The class is graded once, in the sandbox.

Other attacks go for the machine or the grading processes: killing or stopping the
checker or the worker, leaving a key in the kernel's keyrings, making a user namespace,
tracing, mounting. Their system calls are refused, so each is an ordinary error in the
student's cell: the cell fails (the functions it would define are missing) and the rest
of the notebook is graded as usual, with nothing to flag.
"""

from __future__ import annotations

import ctypes
import json
from pathlib import Path

import pytest

from autograder.course.folders import SOLUTIONS_DIR
from autograder.grading import grade as grading
from autograder.grading.results import Status
from autograder.runner import seccomp
from autograder.runner.limits import Limits
from tests.classes import answered, index_of, released_class, solution_answers, submit

pytestmark = pytest.mark.slow

ASSIGNMENT = "01-single-neuron"
FULL = 10.0  # neuron_output 3, line_parameters 2 + 1, step 1, gate_parameters 2 + 1
WITHOUT_NEURON = 7.0  # a wrong neuron_output fails its own test (3 points), and only that
WITHOUT_LINE = 7.0  # no line_parameters: its two tests (2 + 1 points) fail, and only they
LIMITS = Limits(cell_seconds=20, notebook_seconds=60, memory_mb=512, processes=32, output_mb=1)
ANSWERS = solution_answers(ASSIGNMENT)
WRONG_NEURON = "def neuron_output(inputs, weights, bias):\n    return 0.0\n"
SOLUTION_NOTEBOOK = SOLUTIONS_DIR / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
# Text of the hidden tests of test_neuron_output: no graded notebook may contain it.
HIDDEN_MARKERS = ("rng.uniform(-3, 3)", "def reference(inputs, weights, bias)")


def wrong_neuron_and(attack: str) -> dict:
    """The solution, except a wrong neuron_output, after ``attack`` in the same cell."""
    return answered(ASSIGNMENT, {"neuron_output": attack + "\n\n" + WRONG_NEURON})


def neuron_output_that(body: str) -> dict:
    """The solution, with a neuron_output that tries to find the answer instead of computing it."""
    return answered(ASSIGNMENT, {"neuron_output": body})


def in_line_parameters(attack: str) -> dict:
    """The solution, with ``attack`` run in Exercise 2's answer cell (after the first test)."""
    return answered(ASSIGNMENT, {"line_parameters": attack + "\n\n" + ANSWERS["line_parameters"]})


# A system call Python has no function for, made as a student would (raises OSError if refused).
SYSCALL = (
    "import ctypes, os, signal\n"
    f"NUMBERS = {(seccomp.native_arch() or seccomp.X86_64).numbers!r}\n"
    "libc = ctypes.CDLL(None, use_errno=True)\n"
    "def syscall(name, *args):\n"
    "    args = [ctypes.c_long(a) if isinstance(a, int) else a for a in args]\n"
    "    if libc.syscall(ctypes.c_long(NUMBERS[name]), *args) < 0:\n"
    "        raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()))\n"
)
# Finds the worker, the checker's parent.
WORKER = (
    "import os, signal\n"
    "worker = int(open(f'/proc/{os.getppid()}/stat').read().rsplit(')', 1)[1].split()[1])\n"
)
KEY = "nnfs-autograder-tampering-probe"  # the description of the key a submission tries to leave


def _cell_after(gid: str, source: str):
    def edit(cells):
        cells.insert(
            index_of(cells, gid) + 1,
            {
                "cell_type": "code",
                "metadata": {},
                "source": source,
                "outputs": [],
                "execution_count": None,
            },
        )

    return edit


ATTACKS = {
    "numpy-patched": wrong_neuron_and(
        "import numpy as np\n"
        "np.allclose = lambda *a, **k: True\n"
        "np.isclose = lambda a, b, *r, **k: np.ones(np.shape(a), dtype=bool)\n"
        "np.array_equal = lambda *a, **k: True\n"
        "np.testing.assert_allclose = lambda *a, **k: None"
    ),
    "checkers-patched": wrong_neuron_and(
        "import nbhelpers.checks as checks_module\n"
        "for name in ('check_call', 'check_value', 'check_raises', 'run', 'passed',\n"
        "             '_check_result'):\n"
        "    vars(checks_module)[name] = lambda *a, **k: None"
    ),
    "sys-modules-replaced": wrong_neuron_and(
        "import sys, types, nbhelpers\n"
        "fake = types.ModuleType('nbhelpers.checks')\n"
        "fake.check_call = fake.check_value = fake.check_raises = lambda *a, **k: None\n"
        "fake.passed = lambda *a, **k: None\n"
        "sys.modules['nbhelpers.checks'] = fake\n"
        "nbhelpers.checks = fake"
    ),
    "builtins-patched": wrong_neuron_and(
        "import builtins\n"
        "builtins.abs = lambda x: 0\n"
        "builtins.AssertionError = type('AssertionError', (Exception,), {})\n"
        "real_import = builtins.__import__\n"
        "def quiet_import(name, *args, **kwargs):\n"
        "    module = real_import(name, *args, **kwargs)\n"
        "    if name == 'nbhelpers.checks':\n"
        "        module.check_call = lambda *a, **k: None\n"
        "    return module\n"
        "builtins.__import__ = quiet_import"
    ),
    "names-redefined": wrong_neuron_and(
        "def check_call(*args, **kwargs):\n    pass\n"
        "passed = check_value = check_raises = check_call\n"
        "checks = None"
    ),
    "neuron-fires-redefined": answered(
        ASSIGNMENT,
        {
            "gate_parameters": "def gate_parameters(gate):\n"
            "    if gate not in ('AND', 'OR', 'NOT'):\n"
            "        raise ValueError(gate)\n"
            "    return [gate], 0.0"
        },
        edit=_cell_after(
            "neuron-fires",
            "def neuron_fires(inputs, weights, bias):  # ignores the weights: answers the table\n"
            "    gate = weights[0]\n"
            "    if gate == 'NOT':\n"
            "        return 1.0 - inputs[0]\n"
            "    return float(all(inputs) if gate == 'AND' else any(inputs))",
        ),
    ),
    "frame-inspection": neuron_output_that(
        "import sys\n"
        "def neuron_output(inputs, weights, bias):\n"
        "    frame = sys._getframe(1)\n"
        "    while frame is not None:\n"
        "        for scope in (frame.f_locals, frame.f_globals):\n"
        "            if isinstance(scope.get('expected'), float):\n"
        "                return scope['expected']\n"
        "        frame = frame.f_back\n"
        "    return 0.0"
    ),
    "garbage-collector-scan": neuron_output_that(
        "import gc\n"
        "def find_expected():\n"
        "    return next((o['expected'] for o in gc.get_objects()\n"
        "                 if type(o) is dict and type(o.get('expected')) is float), 0.0)\n"
        "def neuron_output(inputs, weights, bias):\n"
        "    return find_expected() if inputs == [1.0, 2.0, 3.0] else 0.0\n"
        "print('found:', find_expected())\n"
        "found = [o for o in gc.get_objects() if isinstance(o, str) and 'hidden' in o.lower()]\n"
        "print('found:', found)"
    ),
    "checker-memory": wrong_neuron_and(
        "import os, re\n"
        "seen = []\n"
        "for pid in [p for p in os.listdir('/proc') if p.isdigit() and int(p) != os.getpid()]:\n"
        "    for name in ('cmdline', 'environ'):\n"
        "        try:\n"
        "            seen.append(open(f'/proc/{pid}/{name}', 'rb').read())\n"
        "        except OSError as error:\n"
        "            print(pid, name, type(error).__name__)\n"
        "    try:\n"
        "        with open(f'/proc/{pid}/maps') as maps, open(f'/proc/{pid}/mem', 'rb') as mem:\n"
        "            for line in maps:\n"
        "                start, end = (int(x, 16) for x in line.split()[0].split('-'))\n"
        "                if 'rw' in line.split()[1] and end - start < 2**26:\n"
        "                    mem.seek(start)\n"
        "                    seen.append(mem.read(end - start))\n"
        "    except OSError as error:\n"
        "        print(pid, 'mem', type(error).__name__)\n"
        "for chunk in seen:\n"
        "    for match in re.finditer(rb'.{0,80}(HIDDEN TESTS|_hidden_tests).{0,200}', chunk):\n"
        "        print('found:', match.group())"
    ),
    "reads-solutions": neuron_output_that(
        "import json\n"
        "def neuron_output(inputs, weights, bias):\n"
        "    try:\n"
        f"        notebook = json.load(open({str(SOLUTION_NOTEBOOK)!r}))\n"
        "    except OSError as error:\n"
        "        print('cannot read the solutions:', type(error).__name__)\n"
        "        return 0.0\n"
        "    for cell in notebook['cells']:\n"
        "        if cell['metadata'].get('nbgrader', {}).get('grade_id') == 'neuron_output':\n"
        "            scope = {}\n"
        "            exec(''.join(cell['source']), scope)\n"
        "            return scope['neuron_output'](inputs, weights, bias)\n"
        "    return 0.0"
    ),
    "lying-object": neuron_output_that(
        "class Anything:\n"
        "    def __eq__(self, other):\n        return True\n"
        "    def __ne__(self, other):\n        return False\n"
        "    def __float__(self):\n        return 2.3\n"
        "    def __sub__(self, other):\n        return 0.0\n"
        "    __rsub__ = __sub__\n"
        "    def __abs__(self):\n        return 0.0\n"
        "    def __array__(self, *args, **kwargs):\n"
        "        import numpy\n        return numpy.array(2.3)\n"
        "def neuron_output(inputs, weights, bias):\n"
        "    return Anything()"
    ),
    "lying-float": neuron_output_that(
        "class Agreeable(float):\n"
        "    def __eq__(self, other):\n        return True\n"
        "    def __ne__(self, other):\n        return False\n"
        "    __hash__ = float.__hash__\n"
        "def neuron_output(inputs, weights, bias):\n"
        "    return Agreeable(0.0)"
    ),
    "kernel-hijacked": wrong_neuron_and("get_ipython().run_cell = lambda *a, **k: None"),
    "protocol-patched": wrong_neuron_and(
        "import sys\n"
        "codec = sys.modules['autograder.runner.protocol.codec']\n"
        "codec.Codec.decode = lambda self, data, depth=0: 2.3\n"
        "codec.Codec.encode = lambda self, value, depth=0: 2.3"
    ),
    "kills-checker": in_line_parameters("import os, signal\nos.kill(os.getppid(), signal.SIGKILL)"),
    "stops-checker": in_line_parameters("import os, signal\nos.kill(os.getppid(), signal.SIGSTOP)"),
    "kills-worker": in_line_parameters(WORKER + "os.kill(worker, signal.SIGKILL)"),
    "stops-worker": in_line_parameters(WORKER + "os.kill(worker, signal.SIGSTOP)"),
    "kills-everything": in_line_parameters("import os, signal\nos.kill(-1, signal.SIGKILL)"),
    "stops-worker-by-pidfd": in_line_parameters(
        WORKER + "pidfd = os.open(f'/proc/{worker}', os.O_DIRECTORY)\n"
        "signal.pidfd_send_signal(pidfd, signal.SIGSTOP)"
    ),
    "adds-a-key": in_line_parameters(
        SYSCALL + f"syscall('add_key', b'user', b'{KEY}', b'for the next one', 16, -4)"
    ),
    "makes-a-user-namespace": in_line_parameters(
        SYSCALL + f"syscall('unshare', {seccomp.CLONE_NEWUSER})"
    ),
    "traces-the-checker": in_line_parameters(SYSCALL + "syscall('ptrace', 16, os.getppid(), 0, 0)"),
    "mounts-over-tmp": in_line_parameters(
        SYSCALL + "syscall('mount', b'none', b'/tmp', b'tmpfs', 0, None)"
    ),
    "forges-messages": in_line_parameters(
        "import os, stat\n"
        "for fd in range(3, 64):\n"
        "    try:\n"
        "        if stat.S_ISSOCK(os.fstat(fd).st_mode):\n"
        '            os.write(fd, b\'{"reply": 1, "value": 1}\\n{"end": "completed"}\\n\')\n'
        "    except OSError:\n"
        "        pass"
    ),
    # Errors on hidden cases: the exception's message, and its class's name, are the
    # student's to choose; through them, the hidden inputs would reach the feedback.
    "leaks-hidden-inputs": neuron_output_that(
        "def neuron_output(inputs, weights, bias):\n"
        "    if len(inputs) in (1, 3, 4) and bias != 0.25:  # the visible cases\n"
        "        return sum(x * w for x, w in zip(inputs, weights)) + bias\n"
        "    raise ValueError(f'LEAK {list(inputs)} {list(weights)} {bias}')"
    ),
    "forged-check-failure": neuron_output_that(
        "class CheckFailure(AssertionError):\n    pass\n\n"
        "def neuron_output(inputs, weights, bias):\n"
        "    if len(inputs) in (1, 3, 4) and bias != 0.25:\n"
        "        return sum(x * w for x, w in zip(inputs, weights)) + bias\n"
        "    raise CheckFailure(f'LEAK {list(inputs)} {list(weights)} {bias}')"
    ),
    # A class named like the grader's time limit, raised at once: not a timeout.
    "forged-timeout": neuron_output_that(
        "CellTimeoutError = type('CellTimeoutError', (BaseException,), {})\n\n"
        "def neuron_output(inputs, weights, bias):\n"
        "    raise CellTimeoutError('the cell ran for more than 20 s and was stopped')"
    ),
    # Outputs nbformat would refuse, sent by the student's kernel as a cell's report.
    "invalid-outputs": in_line_parameters(
        "outputs = get_ipython().outputs\n"
        "outputs.add({'output_type': 'stream', 'name': 'stdout'})\n"
        "outputs.add({'output_type': 'display_data', 'data': 'not a bundle'})\n"
        "outputs.add({'output_type': 'execute_result', 'data': {'text/plain': 5},\n"
        "             'execution_count': 'one', 'metadata': None})\n"
        "outputs.add({'output_type': 'error', 'ename': 3, 'traceback': 'x'})\n"
        "outputs.add({'output_type': 'no such type'})"
    ),
    "honest-with-extras": answered(
        ASSIGNMENT,
        {
            "neuron_output": "import functools, math, operator\n"
            "import numpy as np\n"
            "import random\n"
            "random.seed(1)\n"
            "expected = 'my own variable'\n\n"
            "def _products(inputs, weights):\n"
            "    return [operator.mul(x, w) for x, w in zip(inputs, weights)]\n\n"
            "def neuron_output(inputs, weights, bias):\n"
            "    print('computing', len(inputs), 'inputs')\n"
            "    return float(np.sum(_products(inputs, weights))) + bias\n\n"
            "print(neuron_output([1.0, 2.0, 3.0], [0.2, 0.8, -0.5], 2.0), math.pi)"
        },
    ),
}

# The students whose attack is a refused system call: their cell fails with EPERM, and
# line_parameters, which it was to define, is missing: nothing else.
REFUSED = [
    *("kills-checker", "stops-checker", "kills-worker", "stops-worker", "kills-everything"),
    *("stops-worker-by-pidfd", "adds-a-key", "makes-a-user-namespace", "traces-the-checker"),
    "mounts-over-tmp",
]

# student -> (score, problem kinds reported, words the reasons must contain)
EXPECTED = {
    "numpy-patched": (WITHOUT_NEURON, set(), []),
    "checkers-patched": (WITHOUT_NEURON, set(), []),
    "sys-modules-replaced": (WITHOUT_NEURON, set(), []),
    "builtins-patched": (WITHOUT_NEURON, set(), []),
    "names-redefined": (WITHOUT_NEURON, set(), []),
    "neuron-fires-redefined": (FULL - 2, set(), []),
    "frame-inspection": (WITHOUT_NEURON, set(), []),
    "garbage-collector-scan": (WITHOUT_NEURON, set(), []),
    "checker-memory": (WITHOUT_NEURON, set(), []),
    "reads-solutions": (WITHOUT_NEURON, set(), []),
    "lying-object": (WITHOUT_NEURON, set(), []),
    "lying-float": (WITHOUT_NEURON, set(), []),
    "kernel-hijacked": (0.0, set(), []),  # no later cell of the student's runs: nothing defined
    "protocol-patched": (0.0, {"tampering"}, ["answered a question about names wrongly"]),
    **dict.fromkeys(REFUSED, (WITHOUT_LINE, set(), [])),  # an error in their cell, no more
    "forges-messages": (3.0, {"tampering"}, ["broke the grading protocol"]),
    "leaks-hidden-inputs": (WITHOUT_NEURON, set(), []),
    "forged-check-failure": (WITHOUT_NEURON, set(), []),
    "forged-timeout": (WITHOUT_NEURON, set(), []),
    "invalid-outputs": (FULL, set(), []),
    "honest-with-extras": (FULL, set(), []),
}


def _host_keys() -> tuple[list[str], list[bytes]]:
    """This machine's keys with the probe's description (in any keyring root can see), and
    the keys in root's session and user keyrings (``keyctl rdescribe @s``/``@u``, by id)."""
    libc = ctypes.CDLL(None, use_errno=True)
    number = seccomp.native_arch().numbers["keyctl"]
    linked = []
    for ring in (-3, -4):  # KEY_SPEC_SESSION_KEYRING, KEY_SPEC_USER_KEYRING
        buffer = ctypes.create_string_buffer(4096)
        size = libc.syscall(number, 11, ring, buffer, len(buffer))  # KEYCTL_READ
        linked.append(buffer.raw[: max(size, 0)])
    return [line for line in Path("/proc/keys").read_text().splitlines() if KEY in line], linked


@pytest.fixture(scope="module")
def keys_before_grading():
    return _host_keys()


@pytest.fixture(scope="module")
def graded(tmp_path_factory, keys_before_grading):
    folder = released_class(tmp_path_factory.mktemp("tampering") / "class", [ASSIGNMENT])
    for student, notebook in ATTACKS.items():
        submit(folder, student, ASSIGNMENT, notebook)
    summary = grading.grade(folder, [ASSIGNMENT], workers=2, limits=LIMITS, progress=False)
    return folder, {r.student: r for r in summary.graded}


def test_every_attack_has_an_expectation():
    assert set(ATTACKS) == set(EXPECTED)


@pytest.mark.parametrize("student", EXPECTED)
def test_an_attack_gains_no_points_and_breaking_the_grading_is_flagged(graded, student):
    score, kinds, words = EXPECTED[student]
    result = graded[1][student]
    tests = {t.grade_id: (t.score, t.status, t.message) for t in result.notebooks[0].tests}
    problems = [p for nb in result.notebooks for p in nb.problems] + result.problems
    reasons = " ".join(p.message for p in problems)
    assert result.score == score, tests
    assert {p.kind for p in problems} == kinds, reasons
    assert result.needs_human == bool(kinds)
    for word in words:
        assert word in reasons


def _cells(folder, student: str) -> list[dict]:
    notebook = json.loads(
        (folder.autograded / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text()
    )
    return notebook["cells"]


def _outputs(folder, student: str) -> str:
    return json.dumps([c.get("outputs", []) for c in _cells(folder, student)])


def test_the_attacks_found_no_hidden_test_and_no_solution(graded):
    folder, _ = graded

    def outputs(student: str) -> str:
        return _outputs(folder, student)

    for student in ATTACKS:
        for marker in HIDDEN_MARKERS:
            assert marker not in outputs(student), student
    assert "cannot read the solutions: FileNotFoundError" in outputs("reads-solutions")
    assert "found: 0.0" in outputs("garbage-collector-scan")
    memory = outputs("checker-memory")
    assert "found:" not in memory and "mem PermissionError" in memory


@pytest.mark.parametrize("student", ["leaks-hidden-inputs", "forged-check-failure"])
def test_an_error_on_a_hidden_case_reaches_the_student_without_its_message(graded, student):
    folder, results = graded
    [test] = [t for t in results[student].notebooks[0].tests if t.grade_id == "test_neuron_output"]
    assert test.message.startswith("neuron_output raised ")
    assert "on a single input" in test.message or "on " in test.message
    stored = (folder.autograded / student / ASSIGNMENT / "autograder-result.json").read_text()
    notebook = json.loads(
        (folder.autograded / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text()
    )
    outputs = json.dumps([c.get("outputs", []) for c in notebook["cells"]])
    for text in (stored, outputs):
        # The first hidden case it fails is seven whole-number inputs, weights of 2 each.
        assert "LEAK" not in text and "2, 2, 2, 2" not in text and "5, 6, 7" not in text


def test_a_class_named_like_the_grader_s_timeout_is_not_a_timeout(graded):
    _, results = graded
    [test] = [
        t
        for t in results["forged-timeout"].notebooks[0].tests
        if t.grade_id == "test_neuron_output"
    ]
    assert test.status == "error" and "a class of the student's code" in test.message


@pytest.mark.parametrize("student", REFUSED)
def test_a_refused_system_call_is_an_error_in_the_students_own_cell(graded, student):
    folder, results = graded
    (cell,) = [
        c
        for c in _cells(folder, student)
        if c["metadata"].get("nbgrader", {}).get("grade_id") == "line_parameters"
    ]
    errors = [(o["ename"], o["evalue"]) for o in cell["outputs"] if o["output_type"] == "error"]
    assert errors == [("PermissionError", "[Errno 1] Operation not permitted")]
    assert all(t.status != Status.NOT_RUN for t in results[student].notebooks[0].tests)


def test_grading_left_no_key_in_the_machines_keyrings(graded, keys_before_grading):
    probes, linked = _host_keys()
    assert probes == [] and keys_before_grading[0] == []
    assert linked == keys_before_grading[1]
