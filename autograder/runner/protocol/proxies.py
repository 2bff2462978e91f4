"""Proxies: what an object of the other side of a channel is on this side.

A proxy's class is named after the remote object's type (``type(proxy).__name__`` is
"DenseLayer"), so that messages read as they would in one process. Everything done to
it (calling it, reading or setting attributes, ``len``, iterating, indexing, comparing,
converting to a number or an array) is a request to the owner, answered with data.
"""

from __future__ import annotations

import inspect
import operator
from typing import TYPE_CHECKING, Any

import numpy as np

from autograder.runner.protocol.codec import NAME, checked_list
from autograder.runner.protocol.errors import ProtocolError

if TYPE_CHECKING:
    from autograder.runner.protocol.channel import Channel

# Special names a proxy forwards to its object; others with underscores are not looked up
# remotely (numpy, copy and pickle probe for many; they must not reach student code).
_FORWARDED = frozenset({"__name__", "__qualname__", "__module__", "__doc__", "__dict__"})
_PARAMETER_KINDS = frozenset(
    {"POSITIONAL_ONLY", "POSITIONAL_OR_KEYWORD", "VAR_POSITIONAL", "KEYWORD_ONLY", "VAR_KEYWORD"}
)


class Proxy:
    """An object that lives on the other side of a :class:`~.channel.Channel`."""

    __slots__ = ("_channel", "_handle", "_name", "__weakref__")

    def __init__(self, channel: Channel, handle: int, name: str | None = None):
        object.__setattr__(self, "_channel", channel)
        object.__setattr__(self, "_handle", handle)
        object.__setattr__(self, "_name", name)

    def _ask(self, op: str, *args: Any) -> Any:
        return self._channel.request(
            op, target=self._handle, args=[self._channel.codec.encode(a) for a in args]
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
            "setattr", target=self._handle, name=name, value=self._channel.codec.encode(value)
        )

    @property
    def __signature__(self) -> inspect.Signature:
        """The remote function's parameters (names and kinds; defaults are not copied)."""
        parameters = []
        for name, kind, has_default in checked_list(
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

    def __with_names__(self, names: dict[str, Any]) -> Any:
        """A copy of the remote function or class whose global ``names`` find these objects
        instead (:func:`nbhelpers.isolation.with_names`, made on the owner's side)."""
        return self._channel.request(
            "rebind", target=self._handle, value=self._channel.codec.encode(dict(names))
        )

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


_PROXY_CLASSES: dict[tuple[str, bool], type] = {}  # one class per remote type name


def proxy_class(type_name: str, is_callable: bool) -> type:
    """The proxy class for objects of a remote type (a plain name, else "object")."""
    name = type_name if NAME.match(type_name) else "object"
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
