"""One exercise at a time: a student's answer run with the course's versions of the others.

A student's ``tanh`` may call their ``sigmoid``, their ``ReLU`` class their ``relu``. The
test of ``tanh`` must not cost points for a mistake in ``sigmoid`` (that one has its own
test), so it checks ``with_names(tanh, {"sigmoid": course_sigmoid})``: the same code, whose
global name ``sigmoid`` now finds the course's function. Nothing in the notebook changes.

Graded by stock nbgrader, the answer is a function of this process and is copied here.
Graded by our autograder, the tests run in a checker process and the answer is a proxy for
a function in the student's kernel; the proxy's ``__with_names__`` asks the kernel to make
the copy there (with :func:`rebound`), and the course's functions it is given are called
back in the checker.
"""

from __future__ import annotations

import types
from typing import Any


def with_names(answer: Any, names: dict[str, Any]) -> Any:
    """The answer, with the global names its code looks up bound to other objects.

    Args:
        answer: a student's function, or class (its methods are rebound).
        names: dict name -> object, e.g. ``{"sigmoid": course_sigmoid}``; the answer's own
            name is left alone, so a recursive function still calls itself.

    Returns:
        A copy of the function, or a subclass of the class with copies of its methods;
        anything else (a builtin, a numpy ufunc) as it is.
    """
    remote = getattr(type(answer), "__with_names__", None)
    if remote is not None:  # a proxy for an answer that lives in another process
        return remote(answer, names)
    return rebound(answer, names)


def rebound(answer: Any, names: dict[str, Any]) -> Any:
    """:func:`with_names` for an answer of this process."""
    own = getattr(answer, "__name__", None)
    names = {name: value for name, value in names.items() if name != own}
    if isinstance(answer, type):
        methods = {
            name: _function_with(method, names)
            for name, method in vars(answer).items()
            if isinstance(method, types.FunctionType)
        }
        return type(answer.__name__, (answer,), methods)
    if isinstance(answer, types.FunctionType):
        return _function_with(answer, names)
    return answer


def _function_with(func: types.FunctionType, names: dict[str, Any]) -> types.FunctionType:
    """A copy of ``func`` whose globals are a copy of its own, updated with ``names``."""
    copy = types.FunctionType(
        func.__code__,
        {**func.__globals__, **names},
        func.__name__,
        func.__defaults__,
        func.__closure__,
    )
    copy.__kwdefaults__ = func.__kwdefaults__
    copy.__qualname__, copy.__doc__ = func.__qualname__, func.__doc__
    return copy
