"""How a test's verdict is reached: results described, compared, and their mistakes named.

:mod:`nbhelpers.checks` calls a student's function; this module judges what came back.
It describes a value for a message (its kind and shape), compares a result with the
expected one (kind, shape, whole numbers, then values within a tolerance chosen by their
precision) and names the mistakes of the exercise's catalogue the result shows. A failed
comparison raises :class:`CheckFailure`, whose message is what the student reads.

Like :mod:`nbhelpers.checks`, it keeps its own references to the numpy functions it uses,
taken when it is imported, and it is read-only (see :func:`protect`), so a student's cell
cannot change how a verdict is reached.
"""

from __future__ import annotations

import copy
import numbers
import sys
import types
import warnings
from typing import Any, Callable, Iterable, NamedTuple, Sequence

import numpy as np

# Private references, taken at import time (see the module docstring).
_ndarray = np.ndarray
_asarray = np.asarray
_isfinite = np.isfinite
_isnan = np.isnan
_abs = np.abs
_float64 = np.float64
_array2string = np.array2string
_deepcopy = copy.deepcopy
_errstate = np.errstate
_catch_warnings = warnings.catch_warnings
_simplefilter = warnings.simplefilter

# Tolerances: |got - expected| <= atol + rtol * |expected|, chosen by the precision of
# the values compared (float32 results carry about 7 significant digits).
_TOLERANCE = {"float64": (1e-7, 1e-9), "float32": (1e-5, 1e-6)}


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
      :data:`MATRIX_PRODUCT_ERRORS`, for a matrix product written any way). The text
      ``nbhelpers.checks.CHANGED_INPUT`` stands for a call that left an argument changed.

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


def nested_shape(x: Any) -> tuple[int, ...] | None:
    """Shape of a nested list/tuple of numbers; None if ragged or not numeric."""
    if _is_number(x):
        return ()
    if isinstance(x, _ndarray):
        return x.shape
    if not isinstance(x, (list, tuple)):
        return None
    shapes = {nested_shape(item) for item in x}
    if len(shapes) > 1 or None in shapes:
        return None
    return (len(x),) + (shapes.pop() if shapes else ())


def describe(x: Any, hidden: bool = False) -> str:
    """What ``x`` is, in words: "a list of 3 numbers", "a numpy array of shape (2, 3) and
    dtype float64". ``hidden``: without sizes, which a hidden case's inputs decide."""
    if x is None:
        return "None"
    if isinstance(x, _ndarray):
        return (
            "a numpy array" if hidden else f"a numpy array of shape {x.shape} and dtype {x.dtype}"
        )
    if isinstance(x, (list, tuple)):
        shape = nested_shape(x)
        kind = type(x).__name__
        if shape is None:
            items = "items" if hidden else f"{len(x)} items"
            return f"a {kind} of {items} that are not all numbers of the same shape"
        if hidden:
            return f"a {kind} of numbers" if len(shape) == 1 else f"a nested {kind}"
        return f"a {kind} of shape {shape}" if len(shape) > 1 else f"a {kind} of {len(x)} numbers"
    if isinstance(x, bool):
        return "a bool"
    if _is_number(x):
        return "an int" if isinstance(x, numbers.Integral) else "a number"
    return f"a {type(x).__name__}"


def show_value(x: Any) -> str:
    """A short, readable rendering of a value for messages."""
    if isinstance(x, _ndarray):
        if x.size > 24:
            return f"<array of shape {x.shape}, dtype {x.dtype}>"
        return "array(" + _array2string(x, precision=8, separator=", ") + ")"
    if isinstance(x, (list, tuple)):
        if len(x) > 12:
            return f"<{type(x).__name__} of {len(x)} items>"
        inner = ", ".join(show_value(v) for v in x)
        return f"({inner}{',' if len(x) == 1 else ''})" if isinstance(x, tuple) else f"[{inner}]"
    if isinstance(x, (float, np.floating)):
        text = f"{float(x):.12g}"
        return text if any(c in text for c in ".einf") else text + ".0"
    try:
        return repr(x)
    except Exception as error:  # noqa: BLE001 -- a student's __repr__ may raise anything
        return f"<a {type(x).__name__} whose repr raised {type(error).__name__}>"


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
    if nested_shape(got) is None or nested_shape(got) != nested_shape(expected):
        return False
    g = _asarray(got, dtype=_float64)
    e = _asarray(expected, dtype=_float64)
    both_nan = _isnan(g) & _isnan(e)
    return bool(((_abs(g - e) <= atol + rtol * _abs(e)) | both_nan).all())


def check_result(
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
            details = [f"expected: {show_value(expected)}", f"got:      {show_value(got)}", *extra]
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
                f"returned {describe(got, hidden)} where a single number is expected",
                ["the values need combining into one number (look at what the function adds up)."]
                if have in ("sequence", "array")
                else [],
            )
        fail(f"returned {describe(got, hidden)} where {describe(expected, hidden)} is expected")

    # 2. Shape and element types.
    if want in ("sequence", "array"):
        got_shape, want_shape = nested_shape(got), nested_shape(expected)
        if got_shape is None:
            fail(
                f"returned {describe(got, hidden)}",
                [
                    "every item should be a number (or, for a "
                    "2-D result, every row the same length)."
                ],
            )
        if got_shape != want_shape:
            fail(
                "returned a result of the wrong shape"
                if hidden  # the shapes are the hidden case's sizes
                else f"returned shape {got_shape}, expected shape {want_shape}",
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
                f"returned {'a float' if hidden else show_value(got)} "
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


def raised_hints(mistakes: Mistakes) -> list[tuple[str, str]]:
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


def protect(module_name: str) -> None:
    """Make an imported module read-only (its functions cannot be replaced from a notebook)."""
    module = sys.modules[module_name]
    if not isinstance(module, _ReadOnlyModule):
        module.__class__ = _ReadOnlyModule


protect(__name__)
