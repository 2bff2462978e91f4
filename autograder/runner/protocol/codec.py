"""Values as JSON-ready data and back, for one side of a channel.

A value is sent by what it is:

* **data** (None, bools, numbers, strings, bytes, tuples, lists, dicts, sets, numpy
  arrays and scalars, numpy random generators) is copied;
* **anything else** stays with its owner, in the owner's table of objects, and travels as
  a reference: on the other side it decodes to a proxy (:mod:`.proxies`), and back on
  its owner's side to the object itself. A proxy sent back travels as the reference it
  came as (a test that hands the student's own layer to the student's optimizer hands
  over that layer, not a proxy of a proxy).

Decoding never runs code and never trusts its input: plain types, sizes and depths are
checked, and anything malformed raises :class:`~.errors.ProtocolError`.
"""

from __future__ import annotations

import base64
import re
from enum import StrEnum
from typing import Any, Callable

import numpy as np

from autograder.runner.protocol.errors import ProtocolError, UnsendableValue

MAX_MESSAGE = 64 * 2**20  # bytes in one message
MAX_VALUE = 16 * 2**20  # bytes of one value, by default (grading sets Limits.value_mb)
MAX_DEPTH = 64  # nesting of containers in a value
MAX_ITEMS = 2**20  # elements of one array or container
_DTYPE_KINDS = "biufcUS"  # numpy dtypes sent as data: bool, numbers, strings
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")  # a name that may name a class here


class Side(StrEnum):
    """The two ends of a channel: who owns the objects a side hands out."""

    STUDENT = "student"
    CHECKER = "checker"


class Codec:
    """Encodes and decodes values for one side, keeping the objects it hands out.

    Args:
        side: the side this codec encodes for.
        make_proxy: builds what a reference to the other side's object decodes to, from
            (the object's type name, whether it is callable, its handle).
        max_value: the most a value may take, encoded (about its size as JSON), in bytes:
            the other side decodes it into memory. A larger one is not sent
            (:class:`~.errors.UnsendableValue`): the request or call it answers fails.
    """

    def __init__(
        self,
        side: Side,
        make_proxy: Callable[[str, bool, int], Any],
        max_value: int = MAX_VALUE,
        remote_handle: Callable[[Any], int | None] = lambda value: None,
    ):
        self.side, self.make_proxy, self.remote_handle = side, make_proxy, remote_handle
        self.max_value = max_value
        self.size = 0  # of the value being encoded, so far
        self.objects: dict[int, Any] = {}  # handle -> object, for objects this side owns
        self.handles: dict[int, int] = {}  # id(object) -> handle

    def own(self, handle: Any) -> Any:
        """The object this side handed out as ``handle``."""
        if not isinstance(handle, int) or handle not in self.objects:
            raise ProtocolError("a request about an object this side does not have")
        return self.objects[handle]

    def encode(self, value: Any, depth: int = 0) -> Any:
        """A JSON-ready description of ``value``: data by value, other objects by reference."""
        if depth:
            return self._encode(value, depth)
        self.size = 0
        encoded = self._encode(value, 0)
        if self.size > self.max_value:
            raise UnsendableValue(
                f"a value of more than {self.max_value / 2**20:g} MB cannot be passed between "
                "the student's code and the tests"
            )
        return encoded

    def _encode(self, value: Any, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise UnsendableValue("a value nested too deeply to send")
        kind = type(value)
        self.size += len(value) if kind is str else 8
        if value is None or kind in (bool, str, int, float):
            return value
        if isinstance(value, np.generic) and value.dtype.kind in _DTYPE_KINDS:
            return {
                "$": "npscalar",
                "dtype": value.dtype.str,
                "b64": _b64(np.asarray(value).tobytes()),
            }
        # Subclasses (an IntEnum, a str subclass) travel as their base.
        for base in (int, float, str):
            if isinstance(value, base):
                self.size += len(value) if base is str else 0
                return {"$": "subclass", "base": base.__name__, "value": base(value)}
        if isinstance(value, complex):
            return {"$": "complex", "re": value.real, "im": value.imag}
        if isinstance(value, bytes):
            self.size += len(value) * 4 // 3
            return {"$": "bytes", "b64": _b64(value)}
        if isinstance(value, (list, tuple, set, frozenset)):
            if len(value) > MAX_ITEMS:
                raise UnsendableValue("a container too large to send")
            self.size += len(value)
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
                self.size += value.nbytes * 4 // 3
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
        handle = self.remote_handle(value)
        if handle is not None:  # a proxy of this channel: the other side's object goes back
            other = Side.CHECKER if self.side == Side.STUDENT else Side.STUDENT
            return {
                "$": "ref",
                "owner": other,
                "handle": handle,
                "type": type(value).__name__,
                "callable": callable(value),
            }
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
                items = [self.decode(v, depth + 1) for v in checked_list(data["items"])]
                return {"list": list, "tuple": tuple, "set": set, "frozenset": frozenset}[tag](
                    items
                )
            if tag == "dict":
                return {
                    self.decode(k, depth + 1): self.decode(v, depth + 1)
                    for k, v in checked_list(data["items"])
                }
            if tag == "ndarray":
                dtype, shape = checked_dtype(data["dtype"]), checked_shape(data["shape"])
                raw = base64.b64decode(data["b64"], validate=True)
                if len(raw) != dtype.itemsize * int(np.prod(shape, dtype=np.int64)):
                    raise ProtocolError("an array whose data does not fit its shape")
                return np.frombuffer(raw, dtype=dtype).reshape(shape).copy()
            if tag == "objarray":
                shape = checked_shape(data["shape"])
                items = [self.decode(v, depth + 1) for v in checked_list(data["items"])]
                array = np.empty(len(items), dtype=object)
                for index, item in enumerate(items):  # one by one: numpy would ask a proxy
                    array[index] = item  # item for an array of it, and so on without end
                return array.reshape(shape)
            if tag == "npscalar":
                dtype = checked_dtype(data["dtype"])
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
                    return self.own(handle)
                if not isinstance(handle, int):
                    raise ProtocolError("a reference without a number")
                return self.make_proxy(str(data["type"]), bool(data["callable"]), handle)
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as error:
            raise ProtocolError(f"a malformed {tag!r} value ({type(error).__name__})") from None
        raise ProtocolError(f"an unknown kind of value {tag!r}")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def checked_list(value: Any) -> list:
    if not isinstance(value, list) or len(value) > MAX_ITEMS:
        raise ProtocolError("a list that is not one")
    return value


def checked_dict(value: Any) -> dict:
    if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
        raise ProtocolError("a mapping that is not one")
    return value


def checked_name(value: Any) -> str:
    if not isinstance(value, str) or len(value) > 200:
        raise ProtocolError("an attribute name that is not one")
    return value


def checked_dtype(value: Any) -> np.dtype:
    dtype = np.dtype(str(value))
    if dtype.kind not in _DTYPE_KINDS or dtype.itemsize > 1024:
        raise ProtocolError("an array type that is not sent as data")
    return dtype


def checked_shape(value: Any) -> tuple:
    shape = tuple(checked_list(value))
    if (
        len(shape) > 32
        or not all(type(n) is int and 0 <= n <= MAX_ITEMS for n in shape)
        or int(np.prod(shape, dtype=np.int64)) > MAX_ITEMS
    ):
        raise ProtocolError("an array shape that is not valid")
    return shape
