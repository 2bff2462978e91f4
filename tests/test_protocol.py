"""The protocol between the checker and a student's kernel, tested in memory.

The codec on its own (round trips, and every kind of malformed input refused), then two
channels over a ``socketpair``: the "student" side is a forked child serving its own
namespace, as in grading, and the test is the checker. What a call must carry across
(arguments changed in place, the global random states, output, warnings, exceptions)
is compared with what the same call does in one process.
"""

from __future__ import annotations

import base64
import enum
import json
import os
import random
import signal
import socket
import textwrap
import time
import warnings

import numpy as np
import pytest

from autograder.runner.protocol.channel import Channel
from autograder.runner.protocol.codec import MAX_DEPTH, MAX_ITEMS, Codec, Side
from autograder.runner.protocol.errors import (
    CellTimeoutError,
    ChannelClosed,
    ProtocolError,
    UnsendableValue,
)
from autograder.runner.protocol.proxies import Proxy, proxy_class
from autograder.runner.student import TimeLimit
from nbhelpers.isolation import with_names

# ----------------------------------------------------------------------------- the codec


def _codec(side: Side = Side.STUDENT) -> Codec:
    return Codec(side, lambda type_name, is_callable, handle: ("proxy", type_name, is_callable))


def _through_json(codec: Codec, value):
    """``value`` encoded, sent as JSON text, and decoded by the other side's codec."""
    other = _codec(Side.CHECKER if codec.side == Side.STUDENT else Side.STUDENT)
    return other.decode(json.loads(json.dumps(codec.encode(value))))


class Colour(enum.IntEnum):
    RED = 1


DATA = {
    "none and bools": [None, True, False],
    "numbers": [0, -7, 2**80, 1.5, float("inf"), -0.0],
    "text and bytes": ["", "héllo ✓", b"\x00\xff"],
    "complex": 3 - 4j,
    "containers": ([1, (2, 3)], {"a": [1.0], 4: {5}}, frozenset({"x"}), ()),
    "float array": np.linspace(0, 1, 12).reshape(3, 4),
    "float32 array": np.arange(6, dtype=np.float32).reshape(2, 3).T,  # not contiguous
    "int and bool arrays": [np.arange(5, dtype=np.int16), np.array([[True], [False]])],
    "empty array": np.zeros((0, 3)),
    "string array": np.array(["ab", "c"]),
    "numpy scalars": [np.float64(2.5), np.int32(-3), np.bool_(True)],
}


@pytest.mark.parametrize("name", DATA)
def test_data_round_trips_with_its_type_shape_and_values(name):
    value = DATA[name]
    back = _through_json(_codec(), value)
    assert type(back) is type(value)
    assert repr(back) == repr(value)
    if isinstance(value, np.ndarray):
        assert back.dtype == value.dtype and back.shape == value.shape
        assert np.array_equal(back, value)


def test_a_nan_round_trips():
    assert np.isnan(_through_json(_codec(), float("nan")))
    assert np.isnan(_through_json(_codec(), np.array([np.nan]))[0])


def test_subclasses_of_numbers_and_strings_arrive_as_their_base():
    assert type(_through_json(_codec(), Colour.RED)) is int
    agreeable = type("Agreeable", (float,), {"__eq__": lambda self, other: True})
    back = _through_json(_codec(), agreeable(0.5))
    assert type(back) is float and back == 0.5 and back != 0.7


def test_random_generators_arrive_in_the_same_state():
    legacy, modern = np.random.RandomState(3), np.random.default_rng(3)
    legacy.rand(5)
    legacy_back, modern_back = _through_json(_codec(), [legacy, modern])
    assert legacy_back.rand() == legacy.rand()
    assert modern_back.random() == modern.random()


def test_other_objects_travel_as_references_to_their_owner():
    student = _codec(Side.STUDENT)

    def neuron_output(inputs, weights, bias):
        return 0.0

    data = student.encode([neuron_output, object()])
    assert student.decode(data)[0] is neuron_output  # back on its own side: the object itself
    proxies = _codec(Side.CHECKER).decode(data)
    assert proxies == [("proxy", "function", True), ("proxy", "object", False)]


def test_a_proxys_class_is_named_after_the_remote_type_only_if_that_is_a_plain_name():
    assert proxy_class("DenseLayer", False).__name__ == "DenseLayer"
    assert proxy_class("evil name()", True).__name__ == "object"
    assert callable(proxy_class("f", True)) and issubclass(proxy_class("f", True), Proxy)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


MALFORMED = {
    "a list that is not a value": [1, 2],
    "an unknown tag": {"$": "pickle", "data": "..."},
    "no tag": {"items": []},
    "items that are not a list": {"$": "list", "items": "abc"},
    "a dict item that is not a pair": {"$": "dict", "items": [[1, 2, 3]]},
    "array data that does not fit its shape": {
        "$": "ndarray",
        "dtype": "<f8",
        "shape": [2, 2],
        "b64": _b64(b"\0" * 8),
    },
    "an array of objects by value": {"$": "ndarray", "dtype": "|O", "shape": [1], "b64": ""},
    "an array shape too large": {
        "$": "ndarray",
        "dtype": "|u1",
        "shape": [MAX_ITEMS + 1],
        "b64": "",
    },
    "a negative shape": {"$": "ndarray", "dtype": "<f8", "shape": [-1], "b64": ""},
    "base64 that is not": {"$": "bytes", "b64": "not base64!"},
    "a scalar of the wrong size": {"$": "npscalar", "dtype": "<f8", "b64": _b64(b"\0")},
    "a subclass of a container": {"$": "subclass", "base": "list", "value": [1]},
    "a generator of an unknown kind": {
        "$": "Generator",
        "state": {"$": "dict", "items": [["bit_generator", "system"]]},
    },
    "a reference without a number": {
        "$": "ref",
        "owner": "checker",
        "handle": "1",
        "type": "f",
        "callable": True,
    },
    "a reference to an object this side never gave": {
        "$": "ref",
        "owner": "student",
        "handle": 99,
        "type": "f",
        "callable": True,
    },
    "nesting deeper than allowed": json.loads(
        '{"$": "list", "items": [' * (MAX_DEPTH + 2) + "]}" * (MAX_DEPTH + 2)
    ),
}


@pytest.mark.parametrize("name", MALFORMED)
def test_malformed_values_raise_the_protocol_error_and_run_nothing(name):
    with pytest.raises(ProtocolError):
        _codec(Side.STUDENT).decode(MALFORMED[name])


def test_values_too_deep_or_too_large_to_send_are_the_senders_problem():
    deep: list = []
    for _ in range(MAX_DEPTH + 2):
        deep = [deep]
    with pytest.raises(UnsendableValue):
        _codec().encode(deep)
    with pytest.raises(UnsendableValue):
        _codec().encode(np.zeros(MAX_ITEMS + 1, dtype=np.uint8))


# ----------------------------------------------------------------------------- two channels

CELL_SECONDS = 0.3  # the time limit of the cells in the tests of ``limited_student``

STUDENT_CODE = """
import random
import sys
import warnings

import numpy as np


def double(x):
    return 2 * x


def grow(items, array):
    items.append(len(items))
    array *= 2
    return array


def stand_up(v):
    v.shape = (len(v), 1)


class Activation:
    def forward(self, inputs):
        self.output = inputs


def a_layer():
    layer = Activation()
    layer.forward(np.ones(3))
    return layer


class Touchy:
    def __repr__(self):
        raise RuntimeError("no repr")

    def __eq__(self, other):
        raise RuntimeError("no eq")

    __hash__ = object.__hash__


def unusual(kind):  # what honest but mistaken code returns where numbers are expected
    if kind == "generator":
        return (x * x for x in range(3))
    if kind == "file":
        return open(__file__ if "__file__" in globals() else "/dev/null")
    if kind == "function":
        return lambda x: x
    if kind == "itself":
        items = [1.0]
        items.append(items)
        return items
    if kind == "deep":
        deep = []
        for _ in range(10_000):
            deep = [deep]
        return deep
    if kind == "touchy":
        return Touchy()


def draw():
    return np.random.rand(), random.random()


def noisy():
    print("to stdout")
    print("to stderr", file=sys.stderr)
    warnings.warn("careful", RuntimeWarning)
    return 1


def broken(x):
    return x[10]


class Layer:
    def __init__(self, n):
        self.weights = np.ones((2, n))

    def forward(self, inputs):
        return np.dot(inputs, self.weights)

    def __len__(self):
        return self.weights.shape[1]


def peek(obj):
    return getattr(obj, "_secret", "hidden"), obj.public


def step(layer, by):
    layer.weights = layer.weights + by  # an optimizer's step: the layer changes in place
    layer.grown = type(layer).__name__


def sigmoid(x):
    return x  # a wrong answer to one exercise ...


def tanh(x):
    return 2 * sigmoid(2 * x) - 1  # ... that another one calls


def rebind(checkers_function):
    return checkers_function.__with_names__({"x": 1})


class Activation:
    def forward(self, x):
        self.output = sigmoid(x)
        return self.output


CALLED = []


def record(x):
    CALLED.append(x)


def call_back(tests_function, *args):
    while True:  # each time round, a call back into the checker
        tests_function(*args)


def size_of(tests_object):
    return len(tests_object)


def spin():
    while True:
        pass
"""


def _connected(limit: TimeLimit | None = None):
    """The checker's channel to a forked "student's kernel" serving ``STUDENT_CODE``'s names
    (under ``limit``, as the kernel applies its time limit in grading, if given); its pid."""
    ours, theirs = socket.socketpair()
    pid = os.fork()
    if pid == 0:  # the student's kernel: serve until the checker closes the connection
        ours.close()
        channel = Channel(theirs, Side.STUDENT)
        if limit is not None:
            signal.signal(signal.SIGALRM, limit.on_alarm)
            channel.guard, channel.shield = limit.guard, limit.shield
        exec(compile(textwrap.dedent(STUDENT_CODE), "<cell>", "exec"), channel.namespace)  # noqa: S102
        try:
            while True:
                channel.serve(channel.receive())
        except BaseException:  # noqa: BLE001 -- the test ended the connection: end
            os._exit(0)
    theirs.close()
    printed = []
    channel = Channel(
        ours, Side.CHECKER, output=lambda stream, text: printed.append((stream, text))
    )
    channel.printed = printed
    return channel, pid


def _disconnect(channel: Channel, pid: int) -> None:
    channel.sock.close()
    os.waitpid(pid, 0)


@pytest.fixture
def student():
    """The checker's channel to a forked "student's kernel" serving ``STUDENT_CODE``'s names."""
    channel, pid = _connected()
    yield channel
    _disconnect(channel, pid)


@pytest.fixture
def limited_student():
    """As ``student``, with the cell's time limit applied as the student's kernel applies it."""
    channel, pid = _connected(TimeLimit(CELL_SECONDS))
    channel.grace = 2.0  # the checker gives up long after the student's code is interrupted
    yield channel
    _disconnect(channel, pid)


def names(channel: Channel, *wanted: str) -> list:
    found = channel.request("names", names=list(wanted))
    return [found[name] for name in wanted]


def test_the_checker_calls_the_students_function_and_gets_data_back(student):
    (double,) = names(student, "double")
    assert isinstance(double, Proxy) and callable(double)
    assert double(21) == 42
    result = double(np.arange(3.0))
    assert isinstance(result, np.ndarray) and result.tolist() == [0.0, 2.0, 4.0]


def test_arguments_changed_in_place_are_changed_for_the_caller_too(student):
    (grow,) = names(student, "grow")
    items, array = [7], np.ones(3)
    result = grow(items, array)
    assert items == [7, 1] and array.tolist() == [2.0, 2.0, 2.0]
    assert result is array  # the callee returned its argument: the caller gets its own back


def test_an_object_that_is_not_an_array_becomes_an_object_array_not_a_loop(student):
    """A forward pass that returns the layer instead of its output: np.asarray of it (as
    the checkers do) gives a 0-d object array, as in one process; it is not an endless
    exchange of proxies that ends as a protocol error."""
    (a_layer,) = names(student, "a_layer")
    layer = a_layer()
    array = np.asarray(layer)
    assert array.dtype == object and array.shape == () and student.failure is None
    assert np.asarray(layer.output).tolist() == [1.0, 1.0, 1.0]


@pytest.mark.parametrize("kind", ["generator", "file", "function", "itself", "deep", "touchy"])
def test_values_honest_code_returns_by_mistake_are_never_a_protocol_error(student, kind):
    """A generator, an open file, a function, a list that holds itself, one nested ten
    thousand deep, an object whose repr and == raise: each comes back as a proxy of the
    student's object or as an ordinary error of the call, and the channel stays sound."""
    (unusual,) = names(student, "unusual")
    try:
        value = unusual(kind)
    except Exception as error:  # noqa: BLE001 -- any ordinary error will do: it fails the test
        assert not isinstance(error, ProtocolError), error
    else:
        assert isinstance(value, Proxy) or isinstance(value, list), type(value)
        assert checks_fail_cleanly(value)
    assert student.failure is None
    assert names(student, "double")[0](4) == 8, "the channel is still in step"


def checks_fail_cleanly(value) -> bool:
    """Whether the course's checker fails on ``value`` with its own failure, as for any
    wrong answer (never with a protocol error)."""
    from nbhelpers.checks import CheckFailure, check_value

    try:
        check_value(value, np.array([0.0, 1.0, 4.0]), what="the result")
    except CheckFailure:
        return True
    return False


def test_an_array_reshaped_in_place_is_reshaped_for_the_caller_too(student):
    (stand_up,) = names(student, "stand_up")
    array = np.arange(3.0)
    assert stand_up(array) is None and array.shape == (3, 1), "as in one process"
    assert array.ravel().tolist() == [0.0, 1.0, 2.0]


def test_the_global_random_states_are_shared_as_in_one_process(student):
    (draw,) = names(student, "draw")
    np.random.seed(5)
    random.seed(5)
    expected_numpy, expected_python = np.random.RandomState(5).rand(), random.Random(5).random()
    assert draw() == (expected_numpy, expected_python)
    # The student's draws moved the checker's global states as they would have in one process.
    after = np.random.RandomState(5)
    after.rand()
    assert np.random.rand() == after.rand()


def test_printed_output_and_warnings_come_back(student):
    (noisy,) = names(student, "noisy")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert noisy() == 1
    assert student.printed == [("stdout", "to stdout\n"), ("stderr", "to stderr\n")]
    assert [(w.category, str(w.message)) for w in caught] == [(RuntimeWarning, "careful")]


def test_exceptions_come_back_with_their_name_message_and_the_students_traceback(student):
    (broken,) = names(student, "broken")
    with pytest.raises(IndexError, match="index out of range") as raised:
        broken([1, 2])
    assert raised.value.__raised_in__ == "broken"
    traceback = raised.value.__student_traceback__
    assert any("in broken" in line for line in traceback) and "IndexError" in traceback[-1]


def test_a_students_object_is_used_through_its_proxy(student):
    (layer_class,) = names(student, "Layer")
    layer = layer_class(3)
    assert type(layer).__name__ == "Layer" and len(layer) == 3
    assert layer.weights.shape == (2, 3)
    assert layer.forward(np.ones((1, 2))).tolist() == [[2.0, 2.0, 2.0]]
    assert layer == layer and "Layer object" in repr(layer)


def test_a_students_object_handed_back_to_the_students_code_is_itself_there(student):
    layer_class, step = names(student, "Layer", "step")
    layer = layer_class(2)  # made in the student's kernel, as a test makes an optimizer's layer
    step(layer, 1.0)  # a proxy of a proxy could not be changed; the object itself can
    assert layer.weights.tolist() == [[2.0, 2.0], [2.0, 2.0]] and layer.grown == "Layer"


def test_the_students_code_cannot_reach_the_internals_of_a_checkers_object(student):
    (peek,) = names(student, "peek")

    class Expected:
        public = "shown"
        _secret = "the expected value"

    assert peek(Expected()) == ("hidden", "shown")


def test_a_students_function_or_class_runs_with_the_course_versions_of_other_exercises(student):
    tanh, activation, sigmoid = names(student, "tanh", "Activation", "sigmoid")

    def course_sigmoid(x):
        return 1 / (1 + np.exp(-x))

    x = np.array([-1.0, 0.0, 2.0])
    assert tanh(x).tolist() == (4 * x - 1).tolist()  # the student's own sigmoid
    tanh_alone = with_names(tanh, {"sigmoid": course_sigmoid})
    assert np.allclose(tanh_alone(x), np.tanh(x))  # the course's, called back in the checker
    layer = with_names(activation, {"sigmoid": course_sigmoid})()
    assert type(layer).__name__ == "Activation"
    assert np.allclose(layer.forward(x), course_sigmoid(x))
    assert np.allclose(layer.output, course_sigmoid(x))
    assert (
        tanh(x).tolist() == (4 * x - 1).tolist() and sigmoid(x).tolist() == x.tolist()
    )  # unchanged


def test_the_students_code_cannot_rebind_a_checkers_function(student):
    (rebind,) = names(student, "rebind")

    def expected(x):
        return x

    with pytest.raises(AttributeError):
        rebind(expected)
    assert rebind.__name__ == "rebind"  # the channel is still in use


def _start_cell(channel: Channel) -> None:
    channel.deadline = time.monotonic() + CELL_SECONDS


def test_a_loop_that_calls_a_tests_function_times_out_and_leaves_the_channel_in_step(
    limited_student,
):
    """The time limit runs out while the student's code waits for the test's function (that
    is where it spends most of its time): it is raised when the answer is in, every time."""
    call_back, double = names(limited_student, "call_back", "double")

    def slow():  # the test's function, called back: most of each round trip is spent here
        time.sleep(0.01)

    for _ in range(3):
        _start_cell(limited_student)
        with pytest.raises(CellTimeoutError, match="was stopped"):
            call_back(slow)
        assert limited_student.failure is None
    assert double(21) == 42  # no answer was left over for a question no longer asked


def test_time_that_runs_out_in_a_tests_code_interrupts_the_students_code_it_calls_next(
    limited_student,
):
    call_back, record = names(limited_student, "call_back", "record")

    def late(students_function):  # the test's function: runs out the time, then calls back
        time.sleep(CELL_SECONDS + 0.1)
        students_function(1)

    _start_cell(limited_student)
    with pytest.raises(CellTimeoutError, match="was stopped"):
        call_back(late, record)
    assert names(limited_student, "CALLED") == [[]]  # record was interrupted before it ran


def test_a_loop_in_the_students_code_that_a_tests_object_calls_stays_a_timeout(limited_student):
    """On its way back through the test's object, to the student's code that called it, and
    back to the test: also through what the student learns of a test's exceptions."""
    call_back, size_of, spin = names(limited_student, "call_back", "size_of", "spin")

    class Sized:  # the test's object
        def __len__(self):
            spin()
            return 0

    _start_cell(limited_student)
    with pytest.raises(CellTimeoutError, match="was stopped"):
        call_back(spin)
    _start_cell(limited_student)
    with pytest.raises(CellTimeoutError, match="was stopped"):
        size_of(Sized())
    assert limited_student.failure is None


def test_garbage_or_unasked_answers_are_protocol_errors_and_recorded():
    for garbage in (b"not json\n", b"[1, 2]\n", b'{"reply": 99, "value": 1}\n'):
        ours, theirs = socket.socketpair()
        channel = Channel(ours, Side.CHECKER)
        theirs.sendall(garbage)
        with pytest.raises(ProtocolError):
            channel.request("names", names=["x"])
        assert isinstance(channel.failure, ProtocolError)
        ours.close()
        theirs.close()


def test_a_silent_or_vanished_other_side_is_told_apart():
    ours, theirs = socket.socketpair()
    channel = Channel(ours, Side.CHECKER)
    channel.deadline, channel.grace = 0.0, 0.05  # long past: it may wait only the grace
    with pytest.raises(CellTimeoutError):
        channel.request("names", names=["x"])
    theirs.close()
    closed = Channel(ours, Side.CHECKER)
    with pytest.raises(ChannelClosed):
        closed.request("names", names=["x"])
    ours.close()
