"""One side of the connection between a student's kernel and the checker.

Messages are JSON objects, one per line, over a stream socket. A side makes *requests*
about the other side's objects (call it, read an attribute, compare it...: see
:mod:`.proxies`) or asks one of its ``handlers`` (the checker asks the student's kernel
to ``run`` a cell); while it waits for the answer it serves the other side's requests,
since the other side may call back (a student's function given a test's object).
"""

from __future__ import annotations

import builtins
import contextlib
import inspect
import json
import operator
import select
import socket
import sys
import time
from typing import Any, Callable

import numpy as np

from autograder.runner.protocol import calls
from autograder.runner.protocol.codec import (
    MAX_MESSAGE,
    MAX_VALUE,
    Codec,
    Side,
    checked_list,
    checked_name,
)
from autograder.runner.protocol.errors import (
    CellTimeoutError,
    ChannelClosed,
    ProtocolError,
    UnsendableValue,
)
from autograder.runner.protocol.proxies import Proxy, proxy_class
from nbhelpers.isolation import rebound

__all__ = ["Channel", "Side"]

# A time limit reported this long before the cell's deadline is still taken as real: the
# two clocks are one (CLOCK_MONOTONIC), this only absorbs rounding.
TIMER_SLACK_SECONDS = 0.05
# Read at most this much at a time: a buffer of a megabyte is mapped and unmapped at every
# read (20 µs, twice per request), and most messages are a few hundred bytes.
RECEIVE_BYTES = 2**16

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


class Channel:
    """One side of a connection between the student's kernel and the checker.

    Args:
        sock: a connected stream socket.
        side: who this side is: it owns the objects it hands out.
        output: called with (stream name, text) for what the other side printed during a
            call ("stdout" or "stderr"); default: print it here.
        max_value: the largest value this side sends, in bytes (see :class:`.codec.Codec`).
    """

    def __init__(
        self,
        sock: socket.socket,
        side: Side,
        output: calls.Output | None = None,
        max_value: int = MAX_VALUE,
    ):
        self.sock, self.side = sock, side
        self.output = output or _print_output
        self.buffer = bytearray()
        self.codec = Codec(
            side,
            lambda type_name, is_callable, handle: proxy_class(type_name, is_callable)(
                self, handle
            ),
            max_value,
            lambda value: (
                value._handle if isinstance(value, Proxy) and value._channel is self else None
            ),
        )
        self.random_state = calls.SharedRandomState(self.codec)
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
        self.guard: calls.Guard = lambda seconds: contextlib.nullcontext()
        # Wraps every request this side makes, until its answer is in: the student's kernel
        # holds its time limit back meanwhile, so that no exchange is left half done.
        self.shield: Callable[[], contextlib.AbstractContextManager] = contextlib.nullcontext

    # --- messages ---------------------------------------------------------------------

    def send(self, message: dict) -> None:
        """Send one message (raises UnsendableValue if it is over the size limit)."""
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
            chunk = self.sock.recv(RECEIVE_BYTES)
            if not chunk:
                raise self._failed(ChannelClosed("the other side closed the connection"))
            self.buffer.extend(chunk)
        end = self.buffer.index(b"\n")
        line = bytes(self.buffer[:end])
        del self.buffer[: end + 1]
        try:
            message = json.loads(line)
        except ValueError:
            raise self._failed(ProtocolError("a message that is not JSON")) from None
        # A RecursionError is this side's stack running out (a test deep in calls), not the
        # other side's doing: it goes to the caller like any error of the test.
        if not isinstance(message, dict):
            raise self._failed(ProtocolError("a message that is not a JSON object"))
        return message

    def _failed(self, error: BaseException) -> BaseException:
        """Record the other side's first failure; return ``error`` to raise."""
        self.failure = self.failure or error
        return error

    # --- making requests ----------------------------------------------------------------

    def request(self, op: str, **fields: Any) -> Any:
        """Ask the other side about one of its objects and return the decoded answer."""
        return self._exchange({"op": op, **fields})

    def request_raw(self, op: str, **fields: Any) -> dict:
        """Make a request that one of the other side's ``handlers`` answers; its whole answer."""
        return self._exchange({"op": op, **fields}, raw=True)

    def call(self, proxy: Proxy, args: tuple, kwargs: dict) -> Any:
        """Call a proxied function; arguments changed in place by the callee are updated here."""
        return self._exchange(
            calls.call_message(self.codec, proxy._handle, args, kwargs), args, kwargs
        )

    def _exchange(
        self, message: dict, args: tuple = (), kwargs: dict | None = None, raw: bool = False
    ) -> Any:
        """Send a request and wait for its answer, serving the other side's requests meanwhile
        (it may call back). The global random states travel with both. All of it happens
        within ``shield``."""
        with self.shield():
            self.next_id += 1
            number = message["request"] = self.next_id
            if self.deadline is not None:
                message["seconds"] = max(0.0, self.deadline - time.monotonic())
            self.random_state.attach(message)
            try:
                self.send(message)
                while True:
                    reply = self.receive(self.deadline)
                    if "request" in reply:
                        self.serve(reply)
                    elif reply.get("reply") == number:
                        self.random_state.take(reply)
                        real = self.time_is_up()
                        if not raw:
                            return calls.settle(
                                self.codec, reply, args, kwargs or {}, self.output, real
                            )
                        if "error" in reply:
                            raise calls.rebuild_exception(reply["error"], real)
                        return reply
                    else:
                        raise ProtocolError("an answer to a question that was not asked")
            except ProtocolError as error:
                self._failed(error)
                raise
            except OSError as error:  # a broken pipe: the other side is gone
                raise self._failed(ChannelClosed(str(error))) from None

    def time_is_up(self) -> bool:
        """Whether a time limit the other side reports can be real: on the checker's side,
        only once the cell's deadline has come (the student's kernel's timer is set to it and
        never fires early); the student's kernel trusts the checker."""
        if self.side != Side.CHECKER or self.deadline is None:
            return True
        return time.monotonic() >= self.deadline - TIMER_SLACK_SECONDS

    # --- serving requests ---------------------------------------------------------------

    def serve(self, message: dict) -> None:
        """Answer one request from the other side (about an object this side owns)."""
        number = message.get("request")
        reply: dict[str, Any] = {"reply": number}
        try:
            self.random_state.take(message)
            reply.update(self._perform(message))
        except (ProtocolError, ChannelClosed):
            raise
        except BaseException as error:  # noqa: BLE001 -- any exception of the callee goes back to the caller
            reply["error"] = calls.describe_exception(error)
            if self.side == Side.CHECKER:
                reply["error"] = _shown_to_the_student(reply["error"])
        self.random_state.attach(reply)
        try:
            self.send(reply)
        except UnsendableValue as error:
            self.send({"reply": number, "error": calls.describe_exception(error)})

    def _perform(self, message: dict) -> dict:
        """What one request asks of this side, done: the reply's fields."""
        op = message.get("op")
        if op == "call":
            return calls.perform_call(self.codec, message, self.guard)
        if op in self.handlers:
            return self.handlers[op](message)
        if op == "names":
            wanted = [checked_name(n) for n in checked_list(message.get("names", []))]
            return {
                "value": self.codec.encode(
                    {n: self.namespace[n] for n in wanted if n in self.namespace}
                )
            }
        target = self.codec.own(message.get("target"))
        with self.guard(message.get("seconds")):
            if op == "getattr":
                name = checked_name(message.get("name"))
                if self.side == Side.CHECKER and name.startswith("_"):
                    # From a test's object, the student's code may reach its public methods and
                    # data, never its internals (a function's globals: the test's namespace).
                    raise AttributeError(
                        f"{type(target).__name__!r} object has no attribute {name!r}"
                    )
                value = getattr(target, name)
            elif op == "setattr":
                if self.side == Side.CHECKER:
                    raise AttributeError(
                        f"a test's {type(target).__name__!r} object cannot be changed"
                    )
                value = setattr(
                    target,
                    checked_name(message.get("name")),
                    self.codec.decode(message.get("value")),
                )
            elif op == "rebind":
                if self.side == Side.CHECKER:
                    raise AttributeError(f"a test's {type(target).__name__!r} cannot be rebound")
                names = self.codec.decode(message.get("value"))
                if not isinstance(names, dict) or not all(map(checked_name, names)):
                    raise ProtocolError("a rebind request without a dict of names")
                value = rebound(target, names)
            elif op == "signature":
                value = [
                    [p.name, p.kind.name, p.default is not p.empty]
                    for p in inspect.signature(target).parameters.values()
                ]
            elif op in _SPECIAL:
                args = [self.codec.decode(a) for a in checked_list(message.get("args", []))]
                value = _SPECIAL[op](target, *args)
            else:
                raise ProtocolError(f"an unknown request {op!r}")
        return {"value": self.codec.encode(value)}


def _shown_to_the_student(error: dict) -> dict:
    """What the student's code learns of an exception a test's object raised (described by
    :func:`~.calls.describe_exception`). The checker's code is the tests': only the names of
    its built-in classes. But the time limit, run out in the student's code that the test's
    object called, stays one on its way back to the test, with its message (the kernel's)."""
    if error["types"][:1] == [CellTimeoutError.__name__]:
        return {"types": error["types"], "message": error["message"], "traceback": []}
    return {
        "types": [n for n in error["types"] if n in vars(builtins)],
        "message": "",
        "traceback": [],
    }


def _print_output(stream: str, text: str) -> None:
    print(text, end="", file=sys.stdout if stream == "stdout" else sys.stderr)
