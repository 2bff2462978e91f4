"""Values and objects across the boundary between a student's kernel and the checker.

During grading, test cells run in a *checker* process that never runs student code; the
student's functions and objects stay in the student's kernel, and the checker uses them
through proxies. Whatever the student's code does to its own process (replacing numpy
functions, the checkers, builtins, ``sys.modules``; reading the caller's frames to find
expected values) happens where no test runs and no expected value exists.

This module is the protocol between the two: a :class:`Channel` over a socket, carrying
JSON messages. A value is sent by what it is:

* **data** (None, bools, numbers, strings, bytes, tuples, lists, dicts, sets, numpy
  arrays and scalars, numpy random generators) is copied;
* **anything else** stays with its owner, and the other side gets a :class:`Proxy`:
  calling it, reading or setting its attributes, iterating it, comparing it... are
  requests to the owner.

A call behaves as it would in one process, as far as tests can tell: arguments that the
callee changes in place (a list, an array, a generator it draws from) are copied back;
a result that is one of the arguments, or a view of it, comes back as that argument;
numpy's and Python's global random states are shared (sent along when they changed);
numpy's error settings apply inside the call; warnings and printed output come back and
are replayed; exceptions come back as exceptions of the same name and built-in base, with
the student's traceback as text (see ``nbhelpers.checks``).

Decoding never runs code and never trusts its input: JSON, plain types, sizes and depths
checked. A malformed message is a :class:`ProtocolError`, which grading treats as
tampering.
"""

from __future__ import annotations

import base64
import builtins
import contextlib
import inspect
import io
import json
import operator
import random
import re
import select
import socket
import sys
import time
import traceback
import warnings
from typing import Any, Callable

import numpy as np

from nbhelpers.checks import raising_function, same_random_state, traceback_lines

MAX_MESSAGE = 64 * 2**20  # bytes in one message
MAX_DEPTH = 64  # nesting of containers in a value
MAX_ITEMS = 2**20  # elements of one array or container
_DTYPE_KINDS = "biufcUS"  # numpy dtypes sent as data: bool, numbers, strings
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")


class ProtocolError(RuntimeError):
    """The other side sent something that is not a valid message (a sign of tampering)."""


class UnsendableValue(ValueError):
    """A value too large or too deeply nested to send (the sender's problem, not tampering)."""


class ChannelClosed(RuntimeError):
    """The other side is gone (its process ended or was stopped)."""


class CellTimeoutError(BaseException):
    """A cell ran past its time limit (a BaseException, like Ctrl-C, so that ``except
    Exception`` in student code does not swallow it). Also raised in the checker when the
    student's code it called does not answer in time."""


# Requests a proxy can make about its object: (op, how the owner performs it).
_SPECIAL = {
    "len": len,
    "bool": bool,
    "repr": repr,
    "str": str,
    "hash": hash,
    "float": float,
    "int": int,
    "index": operator.index,
    "iter": lambda obj: list(obj),
    "array": lambda obj, *a: np.asarray(obj, *a),
    "getitem": operator.getitem,
    "contains": operator.contains,
    "eq": operator.eq,
    "ne": operator.ne,
    "lt": operator.lt,
    "le": operator.le,
    "gt": operator.gt,
    "ge": operator.ge,
}


def _builtin_exception(cls: type) -> type:
    """The first built-in exception class in ``cls``'s ancestry (Exception at worst)."""
    for base in cls.__mro__:
        if getattr(builtins, base.__name__, None) is base:
            return base
    return Exception


class Channel:
    """One side of a connection between the student's kernel and the checker.

    Args:
        sock: a connected stream socket.
        side: "student" or "checker": who owns the objects this side hands out.
        output: called with (stream name, text) for what the other side printed during a
            call ("stdout" or "stderr"); default: print it here.
    """

    def __init__(
        self, sock: socket.socket, side: str, output: Callable[[str, Any], None] | None = None
    ):
        self.sock, self.side = sock, side
        self.output = output or _print_output
        self.buffer = bytearray()
        self.objects: dict[int, Any] = {}  # handle -> object, for objects this side owns
        self.handles: dict[int, int] = {}  # id(object) -> handle
        self.next_id = 0
        self.namespace: dict[str, Any] = {}  # names the other side may look up ("names" requests)
        self.handlers: dict[str, Callable[[dict], dict]] = {}  # more requests this side answers
        # For requests this side makes: when the other side's time is up (it is told, and
        # stops itself), and how much longer to wait for it before giving up on it.
        self.deadline: float | None = None
        self.grace = 0.0
        # Set when the other side failed (gone, silent past the deadline, or sending
        # garbage): whoever owns this side stops using it.
        self.failure: BaseException | None = None
        # Wraps every use of an object this side owns on the other side's behalf (with the
        # seconds the other side still waits): the student's kernel applies the time limit.
        self.guard: Callable[[float | None], contextlib.AbstractContextManager] = lambda seconds: (
            contextlib.nullcontext()
        )
        self._synced = (np.random.get_state(), random.getstate())

    # --- messages ---------------------------------------------------------------------

    def send(self, message: dict) -> None:
        data = json.dumps(message, allow_nan=True, separators=(",", ":")).encode() + b"\n"
        if len(data) > MAX_MESSAGE:
            raise UnsendableValue(
                f"a message of {len(data)} bytes is over the limit of {MAX_MESSAGE}"
            )
        self.sock.sendall(data)

    def receive(self, deadline: float | None = None) -> dict:
        """The next message (waits until ``deadline``, a time.monotonic() value, if given)."""
        while b"\n" not in self.buffer:
            if len(self.buffer) > MAX_MESSAGE:
                raise ProtocolError("a message over the size limit")
            wait = None if deadline is None else deadline + self.grace - time.monotonic()
            if wait is not None and (wait <= 0 or not select.select([self.sock], [], [], wait)[0]):
                raise self._failed(
                    CellTimeoutError(
                        "the student's code did not answer within the cell's time limit"
                    )
                )
            chunk = self.sock.recv(2**20)
            if not chunk:
                raise self._failed(ChannelClosed("the other side closed the connection"))
            self.buffer.extend(chunk)
        end = self.buffer.index(b"\n")
        line = bytes(self.buffer[:end])
        del self.buffer[: end + 1]
        try:
            message = json.loads(line)
        except (ValueError, RecursionError):
            raise self._failed(ProtocolError("a message that is not JSON")) from None
        if not isinstance(message, dict):
            raise self._failed(ProtocolError("a message that is not a JSON object"))
        return message

    def _failed(self, error: BaseException) -> BaseException:
        self.failure = self.failure or error
        return error

    # --- making requests ----------------------------------------------------------------

    def request(self, op: str, **fields: Any) -> Any:
        """Ask the other side about one of its objects and return the decoded answer."""
        return self._exchange({"op": op, **fields})

    def request_raw(self, op: str, **fields: Any) -> dict:
        """Make a request answered by one of the other side's ``handlers``; return its whole answer."""
        return self._exchange({"op": op, **fields}, raw=True)

    def call(self, proxy: Proxy, args: tuple, kwargs: dict) -> Any:
        """Call a proxied function; arguments changed in place by the callee are updated here."""
        message = {
            "op": "call",
            "target": proxy._handle,
            "args": [self.encode(a) for a in args],
            "kwargs": {str(k): self.encode(v) for k, v in kwargs.items()},
            "errstate": np.geterr(),
        }
        return self._exchange(message, args, kwargs)

    def _exchange(
        self, message: dict, args: tuple = (), kwargs: dict | None = None, raw: bool = False
    ) -> Any:
        """Send a request and wait for its answer, serving the other side's requests meanwhile
        (it may call back). The global random states travel with both."""
        self.next_id += 1
        number = message["request"] = self.next_id
        if self.deadline is not None:
            message["seconds"] = max(0.0, self.deadline - time.monotonic())
        self._attach_random_state(message)
        try:
            self.send(message)
            while True:
                reply = self.receive(self.deadline)
                if "request" in reply:
                    self.serve(reply)
                elif reply.get("reply") == number:
                    if raw:
                        self._take_random_state(reply)
                        if "error" in reply:
                            raise self._exception(reply["error"])
                        return reply
                    return self._settle(reply, args, kwargs or {})
                else:
                    raise ProtocolError("an answer to a question that was not asked")
        except ProtocolError as error:
            raise self._failed(error)
        except OSError as error:  # a broken pipe: the other side is gone
            raise self._failed(ChannelClosed(str(error))) from None

    def _settle(self, reply: dict, args: tuple, kwargs: dict) -> Any:
        """Apply what a request did here (random states, arguments changed in place, output,
        warnings), then return its value or raise its exception."""
        self._take_random_state(reply)
        for key, value in _checked_dict(reply.get("changed", {})).items():
            _update_in_place(_argument(args, kwargs, key), self.decode(value))
        for stream, text in _checked_list(reply.get("output", [])):
            if stream in ("stdout", "stderr"):
                self.output(stream, str(text))
        for category, text in _checked_list(reply.get("warnings", [])):
            warnings.warn(str(text), _warning_class(category), stacklevel=4)
        if "error" in reply:
            raise self._exception(reply["error"])
        value = self.decode(reply.get("value"))
        if "same_as" in reply:
            return _as_shaped(_argument(args, kwargs, str(reply["same_as"])), value)
        return value

    def _exception(self, error: dict) -> BaseException:
        """An exception like the one the other side raised: same name, built-in base, message."""
        if not isinstance(error, dict):
            raise ProtocolError("an error that is not described as one")
        names = [n for n in error.get("types", []) if isinstance(n, str)]
        if names[:1] == ["CellTimeoutError"]:
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
        name = names[0] if names and _NAME.match(names[0]) else base.__name__
        cls = base if name == base.__name__ else type(name, (base,), {"__module__": "student"})
        message = str(error.get("message", ""))[:5000]
        try:
            exception = cls(message)
        except Exception:  # noqa: BLE001 -- a built-in that wants other arguments (e.g. UnicodeError)
            exception = type(name, (Exception,), {"__module__": "student"})(message)
        exception.__student_traceback__ = [
            str(line) for line in _checked_list(error.get("traceback", []))
        ][:200]
        exception.__raised_in__ = str(error.get("raised_in", ""))[:200] or None
        return exception

    def _attach_random_state(self, message: dict) -> None:
        state = (np.random.get_state(), random.getstate())
        if not _same_states(state, self._synced):
            message["random_state"] = self.encode([state[0], _python_state_data(state[1])])
            self._synced = state

    def _take_random_state(self, message: dict) -> None:
        if "random_state" not in message:
            return
        numpy_state, python_state = self.decode(message["random_state"])
        np.random.set_state(tuple(numpy_state))
        random.setstate(_python_state_from_data(python_state))
        self._synced = (np.random.get_state(), random.getstate())

    # --- serving requests ---------------------------------------------------------------

    def serve(self, message: dict) -> None:
        """Answer one request from the other side (about an object this side owns)."""
        number = message.get("request")
        reply: dict[str, Any] = {"reply": number}
        try:
            self._take_random_state(message)
            reply.update(self._perform(message))
        except (ProtocolError, ChannelClosed):
            raise
        except BaseException as error:  # noqa: BLE001 -- any exception of the callee goes back to the caller
            reply["error"] = _describe_exception(error)
            if self.side == "checker":  # the checker's code is the tests': nothing of it is shown
                reply["error"] = {
                    "types": [n for n in reply["error"]["types"] if n in vars(builtins)],
                    "message": "",
                    "traceback": [],
                }
        self._attach_random_state(reply)
        try:
            self.send(reply)
        except UnsendableValue as error:
            self.send({"reply": number, "error": _describe_exception(error)})

    def _perform(self, message: dict) -> dict:
        op = message.get("op")
        if op == "call":
            return self._perform_call(message)
        if op in self.handlers:
            return self.handlers[op](message)
        if op == "names":
            wanted = [_checked_name(n) for n in _checked_list(message.get("names", []))]
            return {
                "value": self.encode({n: self.namespace[n] for n in wanted if n in self.namespace})
            }
        target = self._own(message.get("target"))
        with self.guard(message.get("seconds")):
            if op == "getattr":
                name = _checked_name(message.get("name"))
                if self.side == "checker" and name.startswith("_"):
                    # From a test's object, the student's code may reach its public methods and
                    # data, never its internals (a function's globals: the test's namespace).
                    raise AttributeError(
                        f"{type(target).__name__!r} object has no attribute {name!r}"
                    )
                value = getattr(target, name)
            elif op == "setattr":
                if self.side == "checker":
                    raise AttributeError(
                        f"a test's {type(target).__name__!r} object cannot be changed"
                    )
                value = setattr(
                    target, _checked_name(message.get("name")), self.decode(message.get("value"))
                )
            elif op == "signature":
                value = [
                    [p.name, p.kind.name, p.default is not p.empty]
                    for p in inspect.signature(target).parameters.values()
                ]
            elif op in _SPECIAL:
                args = [self.decode(a) for a in _checked_list(message.get("args", []))]
                value = _SPECIAL[op](target, *args)
            else:
                raise ProtocolError(f"an unknown request {op!r}")
        return {"value": self.encode(value)}

    def _perform_call(self, message: dict) -> dict:
        function = self._own(message.get("target"))
        sent = _checked_list(message.get("args", []))
        sent_kw = _checked_dict(message.get("kwargs", {}))
        args = [self.decode(a) for a in sent]
        kwargs = {k: self.decode(v) for k, v in sent_kw.items()}
        errstate = {
            k: v
            for k, v in _checked_dict(message.get("errstate", {})).items()
            if k in ("divide", "over", "under", "invalid")
            and v in ("ignore", "warn", "raise", "call", "print", "log")
        }
        captured = _Buffer(), _Buffer()
        error = None
        try:
            with (
                warnings.catch_warnings(record=True) as caught,
                np.errstate(**errstate),
                contextlib.redirect_stdout(captured[0]),
                contextlib.redirect_stderr(captured[1]),
                self.guard(message.get("seconds")),
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
                now = self.encode(value)
                if now != original:
                    changed[key] = now
        reply["changed"] = changed
        if error is not None:
            reply["error"] = _describe_exception(error)
            return reply
        for key, value in [*((str(i), a) for i, a in enumerate(args)), *kwargs.items()]:
            if result is value or (
                isinstance(result, np.ndarray)
                and isinstance(value, np.ndarray)
                and np.shares_memory(result, value)
            ):
                reply["same_as"] = key
                break
        reply["value"] = self.encode(result)
        return reply

    def _own(self, handle: Any) -> Any:
        if not isinstance(handle, int) or handle not in self.objects:
            raise ProtocolError("a request about an object this side does not have")
        return self.objects[handle]

    # --- encoding and decoding values --------------------------------------------------

    def encode(self, value: Any, depth: int = 0) -> Any:
        """A JSON-ready description of ``value``: data by value, other objects by reference."""
        if depth > MAX_DEPTH:
            raise UnsendableValue("a value nested too deeply to send")
        kind = type(value)
        if value is None or kind in (bool, str, int, float):
            return value
        if isinstance(value, np.generic) and value.dtype.kind in _DTYPE_KINDS:
            return {
                "$": "npscalar",
                "dtype": value.dtype.str,
                "b64": _b64(np.asarray(value).tobytes()),
            }
        for base in (
            int,
            float,
            str,
        ):  # subclasses (an IntEnum, a str subclass) travel as their base
            if isinstance(value, base):
                return {"$": "subclass", "base": base.__name__, "value": base(value)}
        if isinstance(value, complex):
            return {"$": "complex", "re": value.real, "im": value.imag}
        if isinstance(value, bytes):
            return {"$": "bytes", "b64": _b64(value)}
        if isinstance(value, (list, tuple, set, frozenset)):
            if len(value) > MAX_ITEMS:
                raise UnsendableValue("a container too large to send")
            tag = next(t for t in (list, tuple, frozenset, set) if isinstance(value, t)).__name__
            return {"$": tag, "items": [self.encode(v, depth + 1) for v in value]}
        if isinstance(value, dict):
            return {
                "$": "dict",
                "items": [
                    [self.encode(k, depth + 1), self.encode(v, depth + 1)] for k, v in value.items()
                ],
            }
        if isinstance(value, np.ndarray):
            if value.size > MAX_ITEMS:
                raise UnsendableValue("an array too large to send")
            if value.dtype.kind in _DTYPE_KINDS:
                return {
                    "$": "ndarray",
                    "dtype": value.dtype.str,
                    "shape": list(value.shape),
                    "b64": _b64(np.ascontiguousarray(value).tobytes()),
                }
            if value.dtype.kind == "O":
                return {
                    "$": "objarray",
                    "shape": list(value.shape),
                    "items": [self.encode(v, depth + 1) for v in value.ravel().tolist()],
                }
        if isinstance(value, np.random.RandomState):
            return {"$": "RandomState", "state": self.encode(value.get_state(), depth + 1)}
        if isinstance(value, np.random.Generator):
            return {"$": "Generator", "state": self.encode(value.bit_generator.state, depth + 1)}
        return self._reference(value)

    def _reference(self, value: Any) -> dict:
        handle = self.handles.get(id(value))
        if handle is None or self.objects.get(handle) is not value:
            handle = len(self.objects) + 1
            self.objects[handle] = value
            self.handles[id(value)] = handle
        return {
            "$": "ref",
            "owner": self.side,
            "handle": handle,
            "type": type(value).__name__,
            "callable": callable(value),
        }

    def decode(self, data: Any, depth: int = 0) -> Any:
        """The value that ``data`` (from :meth:`encode` on the other side) describes."""
        if depth > MAX_DEPTH:
            raise ProtocolError("a value nested too deeply")
        if data is None or type(data) in (bool, int, float, str):
            return data
        if not isinstance(data, dict) or not isinstance(data.get("$"), str):
            raise ProtocolError("a value that is not described as one")
        tag = data["$"]
        try:
            if tag in ("list", "tuple", "set", "frozenset"):
                items = [self.decode(v, depth + 1) for v in _checked_list(data["items"])]
                return {"list": list, "tuple": tuple, "set": set, "frozenset": frozenset}[tag](
                    items
                )
            if tag == "dict":
                return {
                    self.decode(k, depth + 1): self.decode(v, depth + 1)
                    for k, v in _checked_list(data["items"])
                }
            if tag == "ndarray":
                dtype, shape = _checked_dtype(data["dtype"]), _checked_shape(data["shape"])
                raw = base64.b64decode(data["b64"], validate=True)
                if len(raw) != dtype.itemsize * int(np.prod(shape, dtype=np.int64)):
                    raise ProtocolError("an array whose data does not fit its shape")
                return np.frombuffer(raw, dtype=dtype).reshape(shape).copy()
            if tag == "objarray":
                shape = _checked_shape(data["shape"])
                items = [self.decode(v, depth + 1) for v in _checked_list(data["items"])]
                array = np.empty(len(items), dtype=object)
                array[:] = items
                return array.reshape(shape)
            if tag == "npscalar":
                dtype = _checked_dtype(data["dtype"])
                raw = base64.b64decode(data["b64"], validate=True)
                if len(raw) != dtype.itemsize:
                    raise ProtocolError("a number whose data does not fit its type")
                return np.frombuffer(raw, dtype=dtype)[0]
            if tag == "subclass":
                return {"int": int, "float": float, "str": str}[data["base"]](data["value"])
            if tag == "complex":
                return complex(float(data["re"]), float(data["im"]))
            if tag == "bytes":
                return base64.b64decode(data["b64"], validate=True)
            if tag == "RandomState":
                generator = np.random.RandomState()
                generator.set_state(tuple(self.decode(data["state"], depth + 1)))
                return generator
            if tag == "Generator":
                state = self.decode(data["state"], depth + 1)
                bit_generator = getattr(np.random, str(state["bit_generator"]))
                if not (
                    isinstance(bit_generator, type)
                    and issubclass(bit_generator, np.random.BitGenerator)
                ):
                    raise ProtocolError("an unknown random generator")
                generator = np.random.Generator(bit_generator())
                generator.bit_generator.state = state
                return generator
            if tag == "ref":
                handle = data["handle"]
                if data["owner"] == self.side:
                    return self._own(handle)
                if not isinstance(handle, int):
                    raise ProtocolError("a reference without a number")
                return _proxy_class(str(data["type"]), bool(data["callable"]))(self, handle)
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as error:
            raise ProtocolError(f"a malformed {tag!r} value ({type(error).__name__})") from None
        raise ProtocolError(f"an unknown kind of value {tag!r}")


# --- proxies ------------------------------------------------------------------------------

# Special names a proxy forwards to its object; others with underscores are not looked up
# remotely (numpy, copy and pickle probe for many; they must not reach student code).
_FORWARDED = frozenset({"__name__", "__qualname__", "__module__", "__doc__", "__dict__"})
_PARAMETER_KINDS = frozenset(
    {"POSITIONAL_ONLY", "POSITIONAL_OR_KEYWORD", "VAR_POSITIONAL", "KEYWORD_ONLY", "VAR_KEYWORD"}
)


class Proxy:
    """An object that lives on the other side of a :class:`Channel`.

    Its class is named after the remote object's type (``type(proxy).__name__`` is
    "DenseLayer"), so that messages read as they would in one process.
    """

    __slots__ = ("_channel", "_handle", "_name", "__weakref__")

    def __init__(self, channel: Channel, handle: int, name: str | None = None):
        object.__setattr__(self, "_channel", channel)
        object.__setattr__(self, "_handle", handle)
        object.__setattr__(self, "_name", name)

    def _ask(self, op: str, *args: Any) -> Any:
        return self._channel.request(
            op, target=self._handle, args=[self._channel.encode(a) for a in args]
        )

    def __getattr__(self, name: str) -> Any:
        if name == "__name__" and self._name is not None:
            return self._name
        if name.startswith("__") and name.endswith("__") and name not in _FORWARDED:
            raise AttributeError(name)
        value = self._channel.request("getattr", target=self._handle, name=name)
        if isinstance(value, Proxy) and value._name is None:
            object.__setattr__(value, "_name", name)
        return value

    def __setattr__(self, name: str, value: Any) -> None:
        self._channel.request(
            "setattr", target=self._handle, name=name, value=self._channel.encode(value)
        )

    @property
    def __signature__(self) -> inspect.Signature:
        """The remote function's parameters (names and kinds; defaults are not copied)."""
        parameters = []
        for name, kind, has_default in _checked_list(
            self._channel.request("signature", target=self._handle)
        ):
            if kind not in _PARAMETER_KINDS or not isinstance(name, str) or not name.isidentifier():
                raise ProtocolError("a signature that is not one")
            parameters.append(
                inspect.Parameter(
                    name,
                    getattr(inspect.Parameter, kind),
                    default=... if has_default else inspect.Parameter.empty,
                )
            )
        return inspect.Signature(parameters)

    def __deepcopy__(self, memo: dict) -> Proxy:
        return self  # a reference: copying it would not copy the object

    def __copy__(self) -> Proxy:
        return self

    def __reduce__(self):
        raise TypeError("a proxy of an object in another process cannot be pickled")

    def __repr__(self) -> str:
        return self._ask("repr")

    def __str__(self) -> str:
        return self._ask("str")

    def __len__(self) -> int:
        return operator.index(self._ask("len"))

    def __bool__(self) -> bool:
        return bool(self._ask("bool") is True)

    def __iter__(self):
        return iter(self._ask("iter"))

    def __getitem__(self, key: Any) -> Any:
        return self._ask("getitem", key)

    def __contains__(self, item: Any) -> bool:
        return self._ask("contains", item) is True

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        value = self._ask("array")
        if not isinstance(value, np.ndarray):
            raise TypeError(f"{type(self).__name__} did not convert to a numpy array")
        return value.astype(dtype) if dtype is not None else value

    def __float__(self) -> float:
        return float(self._ask("float"))

    def __int__(self) -> int:
        return int(self._ask("int"))

    def __index__(self) -> int:
        return operator.index(self._ask("index"))

    def __hash__(self) -> int:
        return hash((id(self._channel), self._handle))

    def __eq__(self, other: Any) -> Any:
        if (
            isinstance(other, Proxy)
            and other._channel is self._channel
            and other._handle == self._handle
        ):
            return True
        return self._ask("eq", other)

    def __ne__(self, other: Any) -> Any:
        return self._ask("ne", other)

    def __lt__(self, other: Any) -> Any:
        return self._ask("lt", other)

    def __le__(self, other: Any) -> Any:
        return self._ask("le", other)

    def __gt__(self, other: Any) -> Any:
        return self._ask("gt", other)

    def __ge__(self, other: Any) -> Any:
        return self._ask("ge", other)


class CallableProxy(Proxy):
    """A proxy of a function, method or class."""

    __slots__ = ()

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._channel.call(self, args, kwargs)


_PROXY_CLASSES: dict[tuple[str, bool], type] = {}


def _proxy_class(type_name: str, is_callable: bool) -> type:
    name = type_name if _NAME.match(type_name) else "object"
    key = (name, is_callable)
    if key not in _PROXY_CLASSES:
        base = CallableProxy if is_callable else Proxy
        _PROXY_CLASSES[key] = type(name, (base,), {"__slots__": (), "__module__": "student"})
    return _PROXY_CLASSES[key]


def proxy_named(value: Any, name: str) -> Any:
    """``value``, and if it is a proxy, one whose ``__name__`` is ``name`` (the name the checker
    looked it up by: never a name the student's code chose)."""
    if isinstance(value, Proxy):
        object.__setattr__(value, "_name", name)
    return value


# --- helpers --------------------------------------------------------------------------------


def _print_output(stream: str, text: str) -> None:
    print(text, end="", file=sys.stdout if stream == "stdout" else sys.stderr)


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


def _describe_exception(error: BaseException) -> dict:
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
    elif (
        isinstance(original, np.ndarray)
        and isinstance(new, np.ndarray)
        and original.shape == new.shape
    ):
        if original.flags.writeable:
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


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _checked_list(value: Any) -> list:
    if not isinstance(value, list) or len(value) > MAX_ITEMS:
        raise ProtocolError("a list that is not one")
    return value


def _checked_dict(value: Any) -> dict:
    if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
        raise ProtocolError("a mapping that is not one")
    return value


def _checked_name(value: Any) -> str:
    if not isinstance(value, str) or len(value) > 200:
        raise ProtocolError("an attribute name that is not one")
    return value


def _checked_dtype(value: Any) -> np.dtype:
    dtype = np.dtype(str(value))
    if dtype.kind not in _DTYPE_KINDS or dtype.itemsize > 1024:
        raise ProtocolError("an array type that is not sent as data")
    return dtype


def _checked_shape(value: Any) -> tuple:
    shape = tuple(_checked_list(value))
    if (
        len(shape) > 32
        or not all(type(n) is int and 0 <= n <= MAX_ITEMS for n in shape)
        or int(np.prod(shape, dtype=np.int64)) > MAX_ITEMS
    ):
        raise ProtocolError("an array shape that is not valid")
    return shape
