"""Checks for the notebooks' test cells: specific feedback, in one place.

Every test cell calls these helpers instead of comparing values itself. A failed check
raises :class:`CheckFailure`, whose message says what was called, what came back, what
was expected and how it was compared, and, when the result matches a known mistake
(a missing bias, a list where an array is expected, a swapped shape, ...), names that
mistake. For hidden test cases (``hidden=True``) the message never shows the inputs or
the expected values, only what kind of result was wrong and the hints.

Why a student's code cannot quietly change what a test concludes:

* the helpers keep their own references to the numpy functions they use, taken when
  this module is imported (the first cell of every notebook, before any student code),
  so ``np.allclose = lambda *a, **k: True`` in a student's cell changes nothing here;
* test cells import the helpers afresh, so rebinding ``check_call`` in the notebook has
  no effect on the next test;
* the module is read-only: ``checks.check_call = ...`` raises an error instead of
  silently replacing a checker;
* expected values are computed before the student's function runs and copied, so the
  function cannot change them.

Code running in the same kernel can still reach deeper (``sys.modules``, ``builtins``);
that is for grading to catch outside the kernel. Every comparison a test makes goes
through this one module, so that is also the one place to harden.

Example, in a test cell::

    from nbhelpers.checks import check_call
    check_call(neuron_output, [1.0, 2.0, 3.0], [0.2, 0.8, -0.5], 2.0, expected=2.3,
               mistakes=[(0.3, "The bias is missing: add it once, after the sum.")])
"""

from __future__ import annotations

import copy
import inspect
import numbers
import warnings
from typing import Any, Callable, Iterable, NamedTuple, Sequence

import numpy as np

from nbhelpers.tracebacks import builtin_name, raised_in, student_traceback
from nbhelpers.verdicts import (
    CheckFailure,
    Mistake,
    Mistakes,
    check_result,
    describe,
    protect,
    raised_hints,
    show_value,
)

# Private references, taken at import time (see the module docstring).
_ndarray = np.ndarray
_array_equal = np.array_equal
_deepcopy = copy.deepcopy
_signature = inspect.signature
_get_state = np.random.get_state
_errstate = np.errstate
_catch_warnings = warnings.catch_warnings
_simplefilter = warnings.simplefilter

__all__ = [
    "CheckFailure",
    "Mistake",
    "MATRIX_PRODUCT_ERRORS",
    "CHANGED_INPUT",
    "Attempt",
    "try_call",
    "run",
    "attribute",
    "check_call",
    "check_value",
    "check_raises",
    "passed",
    "show_call",
]

_STRICT_FLOATS = {"over": "raise", "invalid": "raise", "divide": "raise"}

# What numpy says when the shapes of a matrix product do not fit: np.dot, then @ and
# np.matmul, then np.einsum. A Mistake(raised=MATRIX_PRODUCT_ERRORS) catches all of them.
MATRIX_PRODUCT_ERRORS = ("not aligned", "mismatch in its core dimension", "with remapped shapes")

# How a check says that a call left one of its arguments changed. A Mistake(raised=
# CHANGED_INPUT) gives its hint there instead of the general one: for an exercise that must
# change its input for a while and put it back (a numerical gradient nudges every entry).
CHANGED_INPUT = "changed its input"

# What a matrix product needs, whichever way it is written (np.dot, @, np.matmul, einsum).
_MATRIX_PRODUCT_HINT = (
    "a matrix product a·b needs a's last dimension to equal b's first (for 2-D arrays: "
    "a's columns = b's rows): print both shapes, then check the order of the operands and "
    "whether one of them needs a transpose."
)

# Hints for exceptions any exercise can run into: (text in "TypeName: message", hint).
_ERROR_HINTS = [
    (
        "FloatingPointError: overflow",
        "a number grew past what a float can hold (exp of a large "
        "value overflows): rearrange the formula so that it never "
        "exponentiates a large positive number.",
    ),
    (
        "FloatingPointError: invalid",
        "an invalid operation such as inf - inf, inf / inf or 0 / 0 "
        "happened: look for a step that overflows first.",
    ),
    *((text, _MATRIX_PRODUCT_HINT) for text in MATRIX_PRODUCT_ERRORS),
    (
        "could not be broadcast together with shapes",
        "numpy could not line up the shapes for an element-wise "
        "operation: print the shapes of both operands.",
    ),
]

_TODO = (
    "replace `raise NotImplementedError()` in its cell with your code, run that cell, "
    "then run this test again."
)


class Attempt(NamedTuple):
    """The outcome of calling a student's function: its value, or why there is none.

    Attributes:
        value: what the function returned (None when it raised).
        problem: None if the call returned; otherwise a sentence for the student.
        error: the exception the function raised, if any.
        warnings: the messages of warnings the call emitted (kept off stderr).
    """

    value: Any
    problem: str | None
    error: BaseException | None = None
    warnings: tuple[str, ...] = ()


def try_call(func: Callable, *args: Any, **kwargs: Any) -> Attempt:
    """Call a student's function without letting it crash the caller.

    Demos use this to fall back to a reference while an exercise is unfinished.

    Args:
        func: the student's function.
        *args, **kwargs: passed to ``func``.

    Returns:
        An :class:`Attempt`; ``problem`` says "not written yet" for the untouched
        ``raise NotImplementedError()`` stub, or names the exception raised.
    """
    return _attempt(func, args, kwargs, strict_floats=False)


def _attempt(func: Callable, args: tuple, kwargs: dict, strict_floats: bool) -> Attempt:
    name = getattr(func, "__name__", repr(func))
    if not callable(func):
        return Attempt(None, f"`{name}` is not a function (it is {describe(func)})")
    # Warnings are recorded rather than printed: a warning on stderr would fail a test cell
    # in stock nbgrader even when the answer is right.
    with _catch_warnings(record=True) as caught:
        _simplefilter("always")
        try:
            with _errstate(**(_STRICT_FLOATS if strict_floats else {})):
                value = func(*args, **kwargs)
        except NotImplementedError as error:
            return Attempt(None, f"`{raised_in(error, name)}` is not written yet", error)
        except Exception as error:  # noqa: BLE001 -- student code's errors are reported, not raised
            return Attempt(None, f"`{name}` raised {type(error).__name__}: {error}", error)
    return Attempt(value, None, None, tuple(dict.fromkeys(str(w.message) for w in caught)))


def show_call(func: Callable, *args: Any) -> None:
    """Print what a student's function returns, or why it cannot yet (for demo cells).

    Args:
        func: the student's function.
        *args: its arguments.
    """
    outcome = try_call(func, *args)
    call = f"{getattr(func, '__name__', 'f')}({', '.join(show_value(a) for a in args)})"
    if outcome.problem is None:
        print(f"{call} = {show_value(outcome.value)}")
    elif isinstance(outcome.error, NotImplementedError):
        print(f"{outcome.problem}: finish that exercise, then run this cell again to see {call}.")
    else:
        print(
            f"{call} raised {type(outcome.error).__name__ if outcome.error else 'an error'}: "
            f"{outcome.error if outcome.error else outcome.problem}"
        )


def run(
    func: Callable,
    *args: Any,
    kwargs: dict | None = None,
    hidden: bool = False,
    case: str | None = None,
    mistakes: Mistakes = (),
    errors: Iterable[tuple[str, str]] = (),
    strict_floats: bool = False,
    keeps_random_state: bool = False,
) -> Any:
    """Call a student's function (or class) for a test and return what it returns.

    Everything :func:`check_call` checks before looking at the result happens here: the
    call returns (an unfinished stub or an exception is explained, with the student's
    part of the traceback), the arguments are left unchanged and, if asked, numpy's
    global random state too. Warnings are printed as notes on stdout instead of stderr.

    Args:
        func: the student's function, or a class to instantiate.
        *args: positional arguments (the originals are compared with copies afterwards
            to detect in-place changes).
        kwargs: keyword arguments.
        hidden: true in hidden tests: messages never show inputs or values.
        case: how to describe the call in messages; required when ``hidden`` is true.
        mistakes: the exercise's catalogue (see :func:`check_call`): the hints of the
            mistakes recognised by what they raise are shown when the call raises that.
        errors: pairs ``(text, hint)``: if the exception raised, written as
            "TypeName: message", contains ``text``, the hint is shown.
        strict_floats: turn numpy overflow, invalid-value and divide-by-zero warnings
            into errors (for exercises about numerical stability).
        keeps_random_state: require that numpy's global random state is not used.

    Returns:
        The function's return value.

    Raises:
        CheckFailure: the call did not return normally or changed what it must not.
    """
    __tracebackhide__ = True
    kwargs = kwargs or {}
    name = getattr(func, "__name__", "the function")
    case = _case(func, args, kwargs, hidden, case)
    before = _deepcopy((args, kwargs))
    random_state = _get_state() if keeps_random_state else None

    outcome = _attempt(func, args, kwargs, strict_floats)
    if isinstance(outcome.error, NotImplementedError):
        raise CheckFailure(outcome.problem, hints=[_TODO])
    if outcome.error is not None:
        kind, details = _error_shown(outcome.error, hidden)
        raised = kind if hidden else f"{kind}: {outcome.error}"
        known = [*raised_hints(mistakes), *errors, *_ERROR_HINTS]
        hints = list(dict.fromkeys(hint for text, hint in known if text in raised))
        raise CheckFailure(
            f"{name} raised {kind} on {case}" if hidden else f"{case} raised {kind}",
            details,
            hints[:2],
        )
    if outcome.problem is not None:
        raise CheckFailure(outcome.problem)
    _check_unchanged(func, before, (args, kwargs), case, raised_hints(mistakes))
    if random_state is not None and not same_random_state(_get_state(), random_state):
        raise CheckFailure(
            f"{case} used numpy's global random state",
            hints=[
                "draw from the generator you are given (e.g. rng.standard_normal(shape)) "
                "instead of np.random.randn: then the same generator always gives the "
                "same numbers, and nothing else in the program changes them."
            ],
        )
    for message in outcome.warnings:
        print(f"Note: {name} emitted a warning: {message}")
    return outcome.value


def check_call(
    func: Callable,
    *args: Any,
    expected: Any,
    kwargs: dict | None = None,
    mistakes: Mistakes = (),
    hidden: bool = False,
    case: str | None = None,
    rtol: float | None = None,
    atol: float | None = None,
    errors: Iterable[tuple[str, str]] = (),
    strict_floats: bool = False,
    keeps_random_state: bool = False,
) -> None:
    """Call a student's function and check its result against an expected value.

    Checks, in order: everything :func:`run` checks, then that the result has the
    expected kind (number, list or tuple, numpy array) and shape, integer results are
    integers, array results are not integer arrays when floats are expected, and the
    values agree within tolerance.

    Args:
        func: the student's function.
        *args: positional arguments for ``func``.
        expected: the correct result: a number, a list/tuple (nested for 2-D), or an ndarray.
        kwargs: keyword arguments for ``func``.
        mistakes: the exercise's catalogue of :class:`Mistake` objects (from
            ``nbhelpers.mistakes``): the hint of each one the result (or the exception)
            shows is given. A pair ``(wrong_result, hint)`` is a mistake for this one call:
            the hint is shown when the result equals ``wrong_result`` or, for a callable,
            when it returns true for the result.
        hidden: true in hidden tests: the message never shows inputs or values.
        case: how to describe the call in messages; required when ``hidden`` is true
            (e.g. "a hidden case with 7 inputs"). Defaults to the call itself.
        rtol, atol: tolerances; by default chosen from the precision of the values.
        errors, strict_floats, keeps_random_state: as for :func:`run`.

    Raises:
        CheckFailure: the result is wrong, with a message that explains how.
    """
    __tracebackhide__ = True
    expected = _deepcopy(expected)  # before the student's code runs, so it cannot be changed
    mistakes = list(mistakes)
    inputs = _deepcopy((args, kwargs or {}))  # what the mistakes' ``gives`` are called with
    value = run(
        func,
        *args,
        kwargs=kwargs,
        hidden=hidden,
        case=case,
        mistakes=mistakes,
        errors=errors,
        strict_floats=strict_floats,
        keeps_random_state=keeps_random_state,
    )
    name = getattr(func, "__name__", "the function")
    case = _case(func, args, kwargs or {}, hidden, case)
    check_result(
        f"{name} on {case}" if hidden else case,
        value,
        expected,
        mistakes=mistakes,
        hidden=hidden,
        rtol=rtol,
        atol=atol,
        inputs=inputs,
    )


def attribute(obj: Any, name: str) -> Any:
    """``obj.name`` for a test, or a CheckFailure saying the attribute is missing.

    Args:
        obj: an object the student's class made (e.g. a layer).
        name: the attribute the exercise asks for, e.g. "weights".

    Returns:
        The attribute's value.
    """
    __tracebackhide__ = True
    try:
        return getattr(obj, name)
    except AttributeError:
        raise CheckFailure(
            f"{type(obj).__name__} objects have no attribute `{name}`",
            hints=[
                f"store it on the object, e.g. `self.{name} = ...` (in __init__, "
                "or in forward for the output), under exactly that name."
            ],
        ) from None


def check_value(
    got: Any,
    expected: Any,
    *,
    what: str,
    mistakes: Mistakes = (),
    hidden: bool = False,
    rtol: float | None = None,
    atol: float | None = None,
) -> None:
    """Check a value the student computed (a variable, or a result already in hand).

    Args:
        got: the student's value.
        expected: the correct value (number, list/tuple, or ndarray).
        what: how to name the value in messages, e.g. "AND_WEIGHTS".
        mistakes, hidden, rtol, atol: as for :func:`check_call` (a Mistake's ``gives`` is
            called without arguments).

    Raises:
        CheckFailure: the value is wrong.
    """
    __tracebackhide__ = True
    check_result(
        what, got, _deepcopy(expected), mistakes=mistakes, hidden=hidden, rtol=rtol, atol=atol
    )


def check_raises(
    func: Callable,
    *args: Any,
    exception: type[Exception] = ValueError,
    mentions: Sequence[str] = (),
    why: str = "",
    hidden: bool = False,
    case: str | None = None,
) -> None:
    """Check that a student's function rejects bad input with a clear error.

    Args:
        func: the student's function.
        *args: the bad input.
        exception: the exception type the function must raise.
        mentions: strings the error message must contain (e.g. the two lengths that
            disagree), so that the message helps whoever reads it.
        why: what is wrong with the input, for the message (e.g. "weights[1] has 3 values
            but there are 4 inputs").
        hidden, case: as for :func:`check_call`.

    Raises:
        CheckFailure: nothing was raised, another exception was, or the message is unclear.
    """
    __tracebackhide__ = True
    name = getattr(func, "__name__", "the function")
    case = _case(func, args, {}, hidden, case)
    because = f" ({why})" if why else ""
    outcome = try_call(func, *args)
    if isinstance(outcome.error, NotImplementedError):
        raise CheckFailure(outcome.problem, hints=[_TODO])
    if outcome.error is None:
        shown = "" if hidden else f" and returned {show_value(outcome.value)}"
        raise CheckFailure(
            f"{name} accepted bad input{shown}",
            [f"call: {case}{because}"],
            [
                f"raise {exception.__name__}(...) with a message that says what is wrong, "
                "instead of returning a result that can only be wrong."
            ],
        )
    if not isinstance(outcome.error, exception):
        kind, details = _error_shown(outcome.error, hidden)
        raise CheckFailure(
            f"{name} raised {kind} instead of {exception.__name__} on {case}",
            details,
            [
                f"check the input yourself and raise {exception.__name__}(...) before the "
                "computation fails on its own with a less helpful error."
            ],
        )
    message = str(outcome.error)
    missing = [m for m in mentions if m not in message]
    if missing:
        # The message and what it should mention are the hidden case's values.
        shown = (
            ["the message is not shown for a hidden case; it should name the values that disagree"]
            if hidden
            else [f"message: {message!r}", "should mention: " + ", ".join(map(repr, mentions))]
        )
        raise CheckFailure(
            f"{name} raised {type(outcome.error).__name__}, but its message does not say enough",
            [f"call:    {case}{because}", *shown],
            [
                "a good error message names the values that disagree, so the reader knows "
                "what to fix."
            ],
        )


def passed(what: str, hidden_tests: bool = True) -> None:
    """Print the success line that ends a visible test cell.

    Args:
        what: the exercise, e.g. "Exercise 1 · neuron_output".
        hidden_tests: whether hidden tests will also grade this exercise.
    """
    more = (
        " Hidden tests will try other inputs when the notebook is graded." if hidden_tests else ""
    )
    print(f"✓ {what}: the visible checks pass.{more}")


# ----------------------------------------------------------------------------- internals


def _error_shown(error: BaseException, hidden: bool) -> tuple[str, list[str]]:
    """How a failed check shows an exception the student's code raised: its class name and
    the student's part of its traceback. On a hidden case, only the closest built-in class
    (a name the student's code cannot choose) and no traceback or message: both come from
    the student's code, which could write the hidden case's inputs into them."""
    if hidden:
        return builtin_name(error), [
            "(the message and traceback of an error on a hidden case are not shown: they "
            "could hold its inputs; try your function on inputs like the case described)"
        ]
    return type(error).__name__, student_traceback(error, hide=__file__)


def _case(func: Callable, args: tuple, kwargs: dict, hidden: bool, case: str | None) -> str:
    if case is not None:
        return case
    if hidden:
        raise TypeError("hidden checks need a `case` description that does not reveal the inputs")
    shown = [show_value(a) for a in args] + [f"{k}={show_value(v)}" for k, v in kwargs.items()]
    return f"{getattr(func, '__name__', 'f')}({', '.join(shown)})"


def same_random_state(a: tuple, b: tuple) -> bool:
    """Compare two np.random.get_state() tuples: the key array and the position in it, the
    cached Gaussian too (a few draws move only the position)."""
    return a[0] == b[0] and _array_equal(a[1], b[1]) and tuple(a[2:]) == tuple(b[2:])


def _check_unchanged(
    func: Callable, before: tuple, after: tuple, case: str, known: list[tuple[str, str]]
) -> None:
    """Fail if a data argument changed; ``known``: (text, hint) of the mistakes recognised by
    what they raise, whose hints replace the general one when the failure says their text."""
    __tracebackhide__ = True
    (args_before, kwargs_before), (args_after, kwargs_after) = before, after
    try:
        names = list(_signature(func).parameters)
    except (TypeError, ValueError):
        names = []
    changed = [
        names[i] if i < len(names) else f"argument {i + 1}"
        for i, (b, a) in enumerate(zip(args_before, args_after))
        if not _same(b, a)
    ]
    changed += [k for k in kwargs_before if not _same(kwargs_before[k], kwargs_after[k])]
    if changed:
        headline = (
            f"{getattr(func, '__name__', 'the function')} {CHANGED_INPUT} `{changed[0]}` in place"
        )
        hints = list(dict.fromkeys(hint for text, hint in known if text in headline))
        raise CheckFailure(
            headline,
            [f"call: {case}"],
            hints
            or [
                "build a new list or array for the result instead of writing into the input: "
                "the caller still needs its data (in a network, the next layer or the "
                "backward pass reads it again)."
            ],
        )


def _same(a: Any, b: Any) -> bool:
    """Whether data arguments are unchanged. Only data is judged (numbers, strings, lists,
    tuples, dicts, arrays): generators change state when drawn from, by design, and other
    objects (layers, networks) may change as their methods are meant to."""
    if isinstance(a, _ndarray) or isinstance(b, _ndarray):
        return (
            isinstance(a, _ndarray)
            and isinstance(b, _ndarray)
            and a.dtype == b.dtype
            and _array_equal(a, b, equal_nan=a.dtype.kind in "fc")
        )
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if not isinstance(a, (numbers.Number, str, bytes, list, tuple, dict, type(None))):
        return True
    try:
        return bool(a == b) or (a != a and b != b)  # nan equals nan here
    except Exception:  # noqa: BLE001 -- an object that cannot compare counts as changed
        return False


protect(__name__)
