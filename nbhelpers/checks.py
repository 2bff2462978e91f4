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
import sys
import types
import warnings
from typing import Any, Callable, Iterable, NamedTuple, Sequence

import numpy as np

from nbhelpers.tracebacks import raised_in, student_traceback

# Private references, taken at import time (see the module docstring).
_ndarray = np.ndarray
_asarray = np.asarray
_array_equal = np.array_equal
_isfinite = np.isfinite
_isnan = np.isnan
_abs = np.abs
_float64 = np.float64
_array2string = np.array2string
_deepcopy = copy.deepcopy
_signature = inspect.signature
_get_state = np.random.get_state
_errstate = np.errstate
_catch_warnings = warnings.catch_warnings
_simplefilter = warnings.simplefilter

__all__ = [
    "CheckFailure",
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

# Tolerances: |got - expected| <= atol + rtol * |expected|, chosen by the precision of
# the values compared (float32 results carry about 7 significant digits).
_TOLERANCE = {"float64": (1e-7, 1e-9), "float32": (1e-5, 1e-6)}

_STRICT_FLOATS = {"over": "raise", "invalid": "raise", "divide": "raise"}

# What numpy says when the shapes of a matrix product do not fit: np.dot, then @ and
# np.matmul, then np.einsum. A Mistake(raised=MATRIX_PRODUCT_ERRORS) catches all of them.
MATRIX_PRODUCT_ERRORS = ("not aligned", "mismatch in its core dimension", "with remapped shapes")

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


class CheckFailure(AssertionError):
    """A test found a problem; the message explains it to the student.

    Args:
        headline: one line saying what is wrong.
        details: further lines (call, expected, got, tolerance, traceback of the student's code).
        hints: lines that name the likely mistake and what to look at next.
    """

    def __init__(self, headline: str, details: Sequence[str] = (), hints: Sequence[str] = ()):
        self.headline = headline
        self.details = list(details)
        self.hints = list(hints)
        super().__init__(self._text())

    def _text(self) -> str:
        lines = [self.headline, *("  " + d for d in self.details)]
        lines += [f"  Hint: {h}" for h in self.hints]
        return "\n".join(lines)

    def _render_traceback_(self) -> list[str]:
        """What IPython shows instead of a traceback into the checking code."""
        red, bold, reset = "\x1b[31m", "\x1b[1m", "\x1b[0m"
        lines = [f"{red}{bold}✗ {self.headline}{reset}", *("  " + d for d in self.details)]
        lines += [f"  {bold}Hint:{reset} {h}" for h in self.hints]
        return lines


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


class Mistake(NamedTuple):
    """A mistake students make in one exercise, and the hint that names it.

    A mistake is recognised in one of three ways (give one of the three):

    * ``gives``: what the mistaken code returns. Called with the checked call's arguments
      (positional, then keyword, as the student's function got them), so the hint fires on
      any input, hidden ones included. Example: ``Mistake("the bias is missing ...",
      gives=lambda inputs, weights, bias: sum(x * w for x, w in zip(inputs, weights)))``.
    * ``shows``: a property of the result. Called as ``shows(got, expected)``; true when the
      result shows the mistake (e.g. "the transpose of the expected array").
    * ``raised``: text in the exception the mistaken code raises, written as
      "TypeName: message", or a tuple of such texts, any of which will do (e.g.
      :data:`MATRIX_PRODUCT_ERRORS`, for a matrix product written any way).

    A ``gives`` or ``shows`` that fails on some input simply does not recognise it there.

    Attributes:
        hint: str, what is wrong and where to look; never the code of the fix.
        gives: callable(*args, **kwargs) -> the mistaken result, or None.
        shows: callable(got, expected) -> bool, or None.
        raised: str or tuple of str, or None.
    """

    hint: str
    gives: Callable[..., Any] | None = None
    shows: Callable[[Any, Any], bool] | None = None
    raised: str | tuple[str, ...] | None = None


# What check_call's ``mistakes`` holds: Mistake objects, or the older form of a pair
# (wrong result or property of the result, hint), which fits one call only.
Mistakes = Iterable["Mistake | tuple[Any, str]"]


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
        return Attempt(None, f"`{name}` is not a function (it is {_describe(func)})")
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
    call = f"{getattr(func, '__name__', 'f')}({', '.join(_show(a) for a in args)})"
    if outcome.problem is None:
        print(f"{call} = {_show(outcome.value)}")
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
        raised = f"{type(outcome.error).__name__}: {outcome.error}"
        known = [*_raised_hints(mistakes), *errors, *_ERROR_HINTS]
        hints = list(dict.fromkeys(hint for text, hint in known if text in raised))
        raise CheckFailure(
            f"{name} raised {type(outcome.error).__name__} on {case}"
            if hidden
            else f"{case} raised {type(outcome.error).__name__}",
            student_traceback(outcome.error, hide=__file__),
            hints[:2],
        )
    if outcome.problem is not None:
        raise CheckFailure(outcome.problem)
    _check_unchanged(func, before, (args, kwargs), case)
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
    _check_result(
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
    _check_result(
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
        shown = "" if hidden else f" and returned {_show(outcome.value)}"
        raise CheckFailure(
            f"{name} accepted bad input{shown}",
            [f"call: {case}{because}"],
            [
                f"raise {exception.__name__}(...) with a message that says what is wrong, "
                "instead of returning a result that can only be wrong."
            ],
        )
    if not isinstance(outcome.error, exception):
        raise CheckFailure(
            f"{name} raised {type(outcome.error).__name__} instead of {exception.__name__} "
            f"on {case}",
            student_traceback(outcome.error, hide=__file__),
            [
                f"check the input yourself and raise {exception.__name__}(...) before the "
                "computation fails on its own with a less helpful error."
            ],
        )
    message = str(outcome.error)
    missing = [m for m in mentions if m not in message]
    if missing:
        raise CheckFailure(
            f"{name} raised {type(outcome.error).__name__}, but its message does not say enough",
            [
                f"call:    {case}{because}",
                f"message: {message!r}",
                "should mention: " + ", ".join(repr(m) for m in mentions),
            ],
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


def _case(func: Callable, args: tuple, kwargs: dict, hidden: bool, case: str | None) -> str:
    if case is not None:
        return case
    if hidden:
        raise TypeError("hidden checks need a `case` description that does not reveal the inputs")
    shown = [_show(a) for a in args] + [f"{k}={_show(v)}" for k, v in kwargs.items()]
    return f"{getattr(func, '__name__', 'f')}({', '.join(shown)})"


def same_random_state(a: tuple, b: tuple) -> bool:
    """Compare two np.random.get_state() tuples: the key array and the position in it, the
    cached Gaussian too (a few draws move only the position)."""
    return a[0] == b[0] and _array_equal(a[1], b[1]) and tuple(a[2:]) == tuple(b[2:])


def _check_unchanged(func: Callable, before: tuple, after: tuple, case: str) -> None:
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
        raise CheckFailure(
            f"{getattr(func, '__name__', 'the function')} changed its input `{changed[0]}` "
            "in place",
            [f"call: {case}"],
            [
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


def _is_number(x: Any) -> bool:
    return isinstance(x, numbers.Real) or (
        isinstance(x, _ndarray) and x.ndim == 0 and x.dtype.kind in "biuf"
    )


def _kind(x: Any) -> str:
    if isinstance(x, _ndarray):
        return "number" if x.ndim == 0 else "array"
    if isinstance(x, (list, tuple)):
        return "sequence"
    return "number" if _is_number(x) else "other"


def _nested_shape(x: Any) -> tuple[int, ...] | None:
    """Shape of a nested list/tuple of numbers; None if ragged or not numeric."""
    if _is_number(x):
        return ()
    if isinstance(x, _ndarray):
        return x.shape
    if not isinstance(x, (list, tuple)):
        return None
    shapes = {_nested_shape(item) for item in x}
    if len(shapes) > 1 or None in shapes:
        return None
    return (len(x),) + (shapes.pop() if shapes else ())


def _describe(x: Any) -> str:
    if x is None:
        return "None"
    if isinstance(x, _ndarray):
        return f"a numpy array of shape {x.shape} and dtype {x.dtype}"
    if isinstance(x, (list, tuple)):
        shape = _nested_shape(x)
        kind = type(x).__name__
        if shape is None:
            return f"a {kind} of {len(x)} items that are not all numbers of the same shape"
        return f"a {kind} of shape {shape}" if len(shape) > 1 else f"a {kind} of {len(x)} numbers"
    if isinstance(x, bool):
        return "a bool"
    if _is_number(x):
        return "an int" if isinstance(x, numbers.Integral) else "a number"
    return f"a {type(x).__name__}"


def _show(x: Any) -> str:
    """A short, readable rendering of a value for messages."""
    if isinstance(x, _ndarray):
        if x.size > 24:
            return f"<array of shape {x.shape}, dtype {x.dtype}>"
        return "array(" + _array2string(x, precision=8, separator=", ") + ")"
    if isinstance(x, (list, tuple)):
        if len(x) > 12:
            return f"<{type(x).__name__} of {len(x)} items>"
        inner = ", ".join(_show(v) for v in x)
        return f"({inner}{',' if len(x) == 1 else ''})" if isinstance(x, tuple) else f"[{inner}]"
    if isinstance(x, (float, np.floating)):
        text = f"{float(x):.12g}"
        return text if any(c in text for c in ".einf") else text + ".0"
    return repr(x)


def _tolerance(
    got: Any, expected: Any, rtol: float | None, atol: float | None
) -> tuple[float, float]:
    def is_single(x: Any) -> bool:
        return (
            getattr(x, "dtype", None) is not None and x.dtype.kind == "f" and x.dtype.itemsize < 8
        )

    default_rtol, default_atol = _TOLERANCE[
        "float32" if is_single(got) or is_single(expected) else "float64"
    ]
    return (default_rtol if rtol is None else rtol, default_atol if atol is None else atol)


def _values_close(got: Any, expected: Any, rtol: float, atol: float) -> bool:
    """True when got and expected have the same shape and agree within tolerance."""
    if _nested_shape(got) is None or _nested_shape(got) != _nested_shape(expected):
        return False
    g = _asarray(got, dtype=_float64)
    e = _asarray(expected, dtype=_float64)
    both_nan = _isnan(g) & _isnan(e)
    return bool(((_abs(g - e) <= atol + rtol * _abs(e)) | both_nan).all())


def _check_result(
    label: str,
    got: Any,
    expected: Any,
    *,
    mistakes: Mistakes,
    hidden: bool,
    rtol: float | None,
    atol: float | None,
    inputs: tuple[tuple, dict] = ((), {}),
) -> None:
    """Compare a result with the expected one.

    ``inputs`` are copies of the call's (args, kwargs), for the mistakes' ``gives``.

    Raises:
        CheckFailure: the result differs; it explains the first difference.
    """
    __tracebackhide__ = True
    rtol, atol = _tolerance(got, expected, rtol, atol)
    known = _recognised(mistakes, got, expected, inputs, rtol, atol)

    def fail(
        headline: str,
        hints: Sequence[str] = (),
        show_values: bool = True,
        extra: Sequence[str] = (),
    ) -> None:
        __tracebackhide__ = True
        details = []
        if not hidden and show_values:
            details = [f"expected: {_show(expected)}", f"got:      {_show(got)}", *extra]
        raise CheckFailure(f"{label}: {headline}", details, [*known, *hints])

    # 1. The kind of result.
    if got is None:
        fail(
            "returned None",
            ["a function without `return` gives None; printing a value does not return it."],
            show_values=False,
        )
    want, have = _kind(expected), _kind(got)
    if want != have:
        if want == "array" and have == "sequence":
            fail(
                "returned a Python list where a numpy array is expected",
                [
                    "numpy operations give arrays; a list comprehension or .append builds "
                    "a list: look at how the result is made."
                ],
            )
        if want == "sequence" and have == "array":
            fail(
                "returned a numpy array where a Python list is expected",
                [
                    "this exercise works in plain Python, and its result is a list: look "
                    "at how the result is made."
                ],
            )
        if want == "number":
            fail(
                f"returned {_describe(got)} where a single number is expected",
                ["the values need combining into one number (look at what the function adds up)."]
                if have in ("sequence", "array")
                else [],
            )
        fail(f"returned {_describe(got)} where {_describe(expected)} is expected")

    # 2. Shape and element types.
    if want in ("sequence", "array"):
        got_shape, want_shape = _nested_shape(got), _nested_shape(expected)
        if got_shape is None:
            fail(
                f"returned {_describe(got)}",
                [
                    "every item should be a number (or, for a "
                    "2-D result, every row the same length)."
                ],
            )
        if got_shape != want_shape:
            fail(
                f"returned shape {got_shape}, expected shape {want_shape}",
                _shape_hints(got_shape, want_shape),
                show_values=False,
            )
    if want == "array" and got.dtype.kind not in "biuf":
        fail(
            f"returned an array of {got.dtype} values where numbers are expected", show_values=False
        )
    if isinstance(expected, numbers.Integral) and not isinstance(expected, bool):
        if not isinstance(got, numbers.Integral):
            fail(
                f"returned {'a float' if hidden else _show(got)} "
                "where a whole number (int) is expected",
                [
                    "counts and positions are whole numbers: use int arithmetic, or int(...) "
                    "if the value is exact."
                ],
                show_values=False,
            )

    # 3. The values.
    if _values_close(got, expected, rtol, atol):
        return
    if (
        not _isfinite(_asarray(got, dtype=_float64)).all()
        and _isfinite(_asarray(expected, dtype=_float64)).all()
    ):
        fail(
            "the result contains nan or inf",
            [
                "an overflow (exp of a large number) or 0/0 "
                "gives nan/inf; look for the step that blows up."
            ],
        )
    hints = []
    if not known and _values_close(got, -_asarray(expected, dtype=_float64), rtol, atol):
        hints.append("the sign is flipped: check which terms are added and which subtracted.")
    if want == "array" and got.dtype.kind in "biu" and expected.dtype.kind == "f":
        hints.append(
            f"the result is an array of integers ({got.dtype}): integer arrays cannot hold "
            "fractions, so results get cut off. Make sure the arithmetic happens on floats "
            "(e.g. np.array(..., dtype=float))."
        )
    fail(
        "wrong value",
        hints,
        extra=[f"compared: |got - expected| <= {atol:g} + {rtol:g}·|expected|, element by element"],
    )


def _recognised(
    mistakes: Mistakes,
    got: Any,
    expected: Any,
    inputs: tuple[tuple, dict],
    rtol: float,
    atol: float,
) -> list[str]:
    """The hints of the mistakes a result shows, each once, in the catalogue's order."""
    hints: list[str] = []
    for mistake in mistakes:
        if not isinstance(mistake, Mistake):
            wrong, hint = mistake
            shown = _holds(wrong, got) if callable(wrong) else _equal(got, wrong, rtol, atol)
        elif mistake.gives is not None:
            hint, (args, kwargs) = mistake.hint, _deepcopy(inputs)  # a mistake may change them
            wrong = _quietly(mistake.gives, *args, **kwargs)
            # On some inputs a mistake changes nothing (no bias to forget when it is 0): it
            # is not shown there, so a wrong result that happens to equal it is not blamed.
            shown = _equal(got, wrong, rtol, atol) and not _equal(expected, wrong, rtol, atol)
        else:  # recognised by a property, or (never here) by what it raises
            hint = mistake.hint
            shown = mistake.shows is not None and _holds(mistake.shows, got, expected)
        if shown and hint not in hints:
            hints.append(hint)
    return hints


def _raised_hints(mistakes: Mistakes) -> list[tuple[str, str]]:
    """(text, hint) for each text of each mistake recognised by what it raises."""
    return [
        (text, m.hint)
        for m in mistakes
        if isinstance(m, Mistake) and m.raised
        for text in ((m.raised,) if isinstance(m.raised, str) else m.raised)
    ]


class _NotComputed:
    """What a mistake's function gave when it failed: equal to no result."""


def _quietly(func: Callable, *args: Any, **kwargs: Any) -> Any:
    """``func(*args, **kwargs)`` without warnings; a _NotComputed() if it raises."""
    with _catch_warnings(), _errstate(all="ignore"):
        _simplefilter("ignore")
        try:
            return func(*args, **kwargs)
        except Exception:  # noqa: BLE001 -- a mistake that cannot be computed is not shown
            return _NotComputed()


def _holds(prop: Callable, *args: Any) -> bool:
    """Whether a property of a result holds; one that cannot be computed does not."""
    return _quietly(lambda: bool(prop(*args))) is True


def _equal(got: Any, wrong: Any, rtol: float, atol: float) -> bool:
    """Whether a result equals a known wrong result, within tolerance."""
    if isinstance(wrong, _NotComputed):
        return False
    return _kind(got) == _kind(wrong) and _values_close(got, wrong, rtol, atol)


def _shape_hints(got: tuple[int, ...], want: tuple[int, ...]) -> list[str]:
    if (
        len(got) == len(want) + 1
        and 1 in got
        and tuple(d for d in got if d != 1) == tuple(d for d in want if d != 1)
    ):
        return [
            "the result is nested one level too deep (an extra pair of brackets): "
            "return the inner list or array."
        ]
    if len(got) + 1 == len(want) and 1 in want and tuple(d for d in want if d != 1) == got:
        return ["the result is one level too shallow: it needs one more pair of brackets."]
    if len(got) == 2 and got == want[::-1]:
        return [
            "rows and columns are swapped: check the order of the operands, or a "
            "missing/extra transpose (.T)."
        ]
    if len(got) == len(want) == 1:
        return [
            "the result has the wrong number of values: count what there should be one "
            "of (a neuron, a sample, a dimension, ...) and what the code makes one per."
        ]
    return []


class _ReadOnlyModule(types.ModuleType):
    """Module type that refuses attribute assignment, so checkers cannot be replaced."""

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(
            f"{self.__name__} is read-only: tests rely on it, so `{name}` "
            "cannot be replaced from a notebook."
        )

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{self.__name__} is read-only: `{name}` cannot be deleted.")


if not isinstance(sys.modules[__name__], _ReadOnlyModule):
    sys.modules[__name__].__class__ = _ReadOnlyModule
