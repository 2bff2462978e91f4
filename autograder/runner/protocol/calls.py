"""A call across the channel, made to behave as it would in one process.

As far as tests can tell: arguments that the callee changes in place (a list, an array,
a generator it draws from) are copied back; a result that is one of the arguments, or a
view of it, comes back as that argument; numpy's and Python's global random states are
shared (sent along with any message when they changed); numpy's error settings apply
inside the call; warnings and printed output come back and are replayed; exceptions come
back as exceptions of the same name and built-in base, with the student's traceback as
text (see :mod:`nbhelpers.tracebacks`).

The owner's half is :func:`perform_call`; the caller's half is :func:`call_message` and
:func:`settle`.
"""

from __future__ import annotations

import builtins
import contextlib
import io
import random
import traceback
import warnings
from typing import Any, Callable

import numpy as np

from autograder.runner.protocol.codec import NAME, Codec, checked_dict, checked_list
from autograder.runner.protocol.errors import CellTimeoutError, ProtocolError
from nbhelpers.checks import same_random_state
from nbhelpers.tracebacks import raising_function, traceback_lines

Output = Callable[[str, str], None]  # (stream name, text): replays what a call printed
Guard = Callable[[float | None], contextlib.AbstractContextManager]
_ERRSTATE_KEYS = ("divide", "over", "under", "invalid")
_ERRSTATE_VALUES = ("ignore", "warn", "raise", "call", "print", "log")


def call_message(codec: Codec, handle: int, args: tuple, kwargs: dict) -> dict:
    """The request to call the other side's function ``handle`` with ``args`` and ``kwargs``."""
    return {
        "op": "call",
        "target": handle,
        "args": [codec.encode(a) for a in args],
        "kwargs": {str(k): codec.encode(v) for k, v in kwargs.items()},
        "errstate": np.geterr(),
    }


def perform_call(codec: Codec, message: dict, guard: Guard) -> dict:
    """Call one of this side's functions as ``message`` asks; the reply, error or value.

    Args:
        codec: this side's codec (it owns the function).
        message: a request made by :func:`call_message` on the other side.
        guard: wraps the call (the student's kernel applies its time limit).
    """
    function = codec.own(message.get("target"))
    sent = checked_list(message.get("args", []))
    sent_kw = checked_dict(message.get("kwargs", {}))
    args = [codec.decode(a) for a in sent]
    kwargs = {k: codec.decode(v) for k, v in sent_kw.items()}
    errstate = {
        k: v
        for k, v in checked_dict(message.get("errstate", {})).items()
        if k in _ERRSTATE_KEYS and v in _ERRSTATE_VALUES
    }
    captured = _Buffer(), _Buffer()
    error = None
    try:
        with (
            warnings.catch_warnings(record=True) as caught,
            np.errstate(**errstate),
            contextlib.redirect_stdout(captured[0]),
            contextlib.redirect_stderr(captured[1]),
            guard(message.get("seconds")),
        ):
            warnings.simplefilter("always")
            result = function(*args, **kwargs)
    except BaseException as raised:  # noqa: BLE001 -- goes back to the caller, with what was printed
        error = raised
    reply: dict[str, Any] = {
        "output": [
            [name, buffer.getvalue()]
            for name, buffer in zip(("stdout", "stderr"), captured)
            if buffer.getvalue()
        ],
        "warnings": [[w.category.__name__, str(w.message)] for w in caught][:100],
    }
    changed = {}
    for key, value, original in [
        *((str(i), a, s) for i, (a, s) in enumerate(zip(args, sent))),
        *((k, kwargs[k], sent_kw[k]) for k in kwargs),
    ]:
        if _is_copied_back(value):
            now = codec.encode(value)
            if now != original:
                changed[key] = now
    reply["changed"] = changed
    if error is not None:
        reply["error"] = describe_exception(error)
        return reply
    for key, value in [*((str(i), a) for i, a in enumerate(args)), *kwargs.items()]:
        if result is value or (
            isinstance(result, np.ndarray)
            and isinstance(value, np.ndarray)
            and np.shares_memory(result, value)
        ):
            reply["same_as"] = key
            break
    reply["value"] = codec.encode(result)
    return reply


def settle(
    codec: Codec,
    reply: dict,
    args: tuple,
    kwargs: dict,
    output: Output,
    timeout_possible: bool = True,
) -> Any:
    """Apply what a call did on the other side to the caller's arguments, replay what it
    printed (through ``output``) and warned, then return its value or raise its exception
    (see :func:`rebuild_exception` for ``timeout_possible``)."""
    for key, value in checked_dict(reply.get("changed", {})).items():
        _update_in_place(_argument(args, kwargs, key), codec.decode(value))
    for stream, text in checked_list(reply.get("output", [])):
        if stream in ("stdout", "stderr"):
            output(stream, str(text))
    for category, text in checked_list(reply.get("warnings", [])):
        warnings.warn(str(text), _warning_class(category), stacklevel=4)
    if "error" in reply:
        raise rebuild_exception(reply["error"], timeout_possible)
    value = codec.decode(reply.get("value"))
    if "same_as" in reply:
        return _as_shaped(_argument(args, kwargs, str(reply["same_as"])), value)
    return value


def rebuild_exception(error: dict, timeout_possible: bool = True) -> BaseException:
    """An exception like the one the other side raised: same name, built-in base, message.

    A CellTimeoutError becomes the grader's own only when ``timeout_possible`` (the cell's
    time is up): the student's code can name a class of its own so, and raise it early.
    """
    if not isinstance(error, dict):
        raise ProtocolError("an error that is not described as one")
    names = [n for n in error.get("types", []) if isinstance(n, str)]
    if names[:1] == [CellTimeoutError.__name__] and timeout_possible:
        return CellTimeoutError(str(error.get("message", "")))
    base = next(
        (
            getattr(builtins, n)
            for n in names
            if isinstance(getattr(builtins, n, None), type)
            and issubclass(getattr(builtins, n), BaseException)
        ),
        Exception,
    )
    name = names[0] if names and NAME.match(names[0]) else base.__name__
    cls = base if name == base.__name__ else type(name, (base,), {"__module__": "student"})
    message = str(error.get("message", ""))[:5000]
    try:
        exception = cls(message)
    except Exception:  # noqa: BLE001 -- a built-in that wants other arguments (e.g. UnicodeError)
        exception = type(name, (Exception,), {"__module__": "student"})(message)
    exception.__student_traceback__ = [
        str(line) for line in checked_list(error.get("traceback", []))
    ][:200]
    exception.__raised_in__ = str(error.get("raised_in", ""))[:200] or None
    return exception


class SharedRandomState:
    """numpy's and Python's global random states, the same on both sides of a channel.

    Whichever side runs code may draw from them; a message carries them whenever they
    changed since they were last in step, and the receiver takes them over.
    """

    def __init__(self, codec: Codec):
        self.codec = codec
        self._synced = (np.random.get_state(), random.getstate())

    def attach(self, message: dict) -> None:
        """Add the states to an outgoing message, if they changed."""
        state = (np.random.get_state(), random.getstate())
        if not _same_states(state, self._synced):
            data = [state[0], _python_state_data(state[1])]
            message["random_state"] = self.codec.encode(data)
            self._synced = state

    def take(self, message: dict) -> None:
        """Take over the states an incoming message carries, if any."""
        if "random_state" not in message:
            return
        numpy_state, python_state = self.codec.decode(message["random_state"])
        np.random.set_state(tuple(numpy_state))
        random.setstate(_python_state_from_data(python_state))
        self._synced = (np.random.get_state(), random.getstate())


def _argument(args: tuple, kwargs: dict, key: str) -> Any:
    """The caller's argument a reply refers to: a position ("0") or a keyword."""
    if key.isdigit():
        return args[int(key)] if int(key) < len(args) else None
    return kwargs.get(key)


class _Buffer(io.StringIO):
    """What a call printed, up to a limit (the rest is counted, not kept)."""

    LIMIT = 2**20

    def write(self, text: str) -> int:
        room = self.LIMIT - self.tell()
        if room > 0:
            super().write(text[:room])
            if len(text) > room:
                super().write("\n... output truncated ...\n")
        return len(text)


def describe_exception(error: BaseException) -> dict:
    """An exception as the caller needs it: names of its classes, message, traceback text
    (the frames of the student's cells, as the course's checkers show them)."""
    frames = [
        f
        for f in traceback.extract_tb(error.__traceback__)
        if f.filename.startswith(("<ipython-input-", "<cell"))
    ]
    return {
        "types": [c.__name__ for c in type(error).__mro__][:20],
        "message": str(error)[:5000],
        "traceback": traceback_lines(error, frames)[:200],
        "raised_in": raising_function(error),
    }


def _is_copied_back(value: Any) -> bool:
    """Arguments whose changes in the callee are copied back to the caller."""
    return isinstance(
        value, (list, dict, set, np.ndarray, np.random.RandomState, np.random.Generator)
    )


def _update_in_place(original: Any, new: Any) -> None:
    """Make ``original`` (an argument) equal to ``new`` (what it became in the callee), in place."""
    if isinstance(original, list) and isinstance(new, list):
        original[:] = new
    elif isinstance(original, dict) and isinstance(new, dict):
        original.clear()
        original.update(new)
    elif isinstance(original, set) and isinstance(new, set):
        original.clear()
        original.update(new)
    elif isinstance(original, np.ndarray) and isinstance(new, np.ndarray):
        if original.shape != new.shape and original.size == new.size:
            try:  # the callee reshaped it in place (`v.shape = (n, 1)`): so does the caller's
                original.shape = new.shape
            except (AttributeError, ValueError):  # a view that cannot take that shape
                return
        if original.shape == new.shape and original.flags.writeable:
            original[...] = new
    elif isinstance(original, np.random.RandomState) and isinstance(new, np.random.RandomState):
        original.set_state(new.get_state())
    elif isinstance(original, np.random.Generator) and isinstance(new, np.random.Generator):
        original.bit_generator.state = new.bit_generator.state


def _as_shaped(base: Any, value: Any) -> Any:
    """The caller's argument ``base`` standing for a result that was (a view of) it."""
    if base is None:
        return value
    if isinstance(base, np.ndarray) and isinstance(value, np.ndarray):
        if base.shape == value.shape:
            return base
        if base.size == value.size:
            return base.reshape(value.shape)
        return value
    return base


def _warning_class(name: Any) -> type:
    cls = getattr(builtins, str(name), None) or getattr(np.exceptions, str(name), None)
    return cls if isinstance(cls, type) and issubclass(cls, Warning) else UserWarning


def _same_states(a: tuple, b: tuple) -> bool:
    """Whether two (numpy, Python) pairs of global random states are the same."""
    return same_random_state(a[0], b[0]) and a[1] == b[1]


def _python_state_data(state: tuple) -> list:
    version, internal, gauss = state
    return [version, list(internal), gauss]


def _python_state_from_data(data: Any) -> tuple:
    version, internal, gauss = data
    return int(version), tuple(int(v) for v in internal), gauss
