"""Notebook 09 · Derivatives and gradients: the mistakes its tests name.

One list per checked function: NUMERICAL_DERIVATIVE, RELU_DERIVATIVE, SIGMOID_DERIVATIVE
(with SIGMOID_DERIVATIVE_LARGE for its test far from 0), TANH_DERIVATIVE, NEURON_GRADIENT
and NUMERICAL_GRADIENT (with NUMERICAL_GRADIENT_INTEGERS for its test on whole numbers).
Most mistakes are recognised by recomputing what the mistaken code returns for the test's
own inputs (``gives``, called with the same function ``f`` a test passes), or by a property
of the result (``shows``), so their hints fire on hidden inputs too. An entry that was not
put back after its nudge is recognised by the check that the input is unchanged
(:data:`nbhelpers.checks.CHANGED_INPUT`).

:func:`on_its_own` gives a test the student's function with the other exercises' functions
it may call replaced by the course's (:mod:`nbhelpers.widgets.references`): a mistake in
``sigmoid_derivative`` then costs no points in the test of ``neuron_gradient``.
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np

from nbhelpers.checks import CHANGED_INPUT, Mistake
from nbhelpers.isolation import with_names
from nbhelpers.mistakes.nb06 import MATH_ON_ARRAY, ONE_NUMBER, OVERFLOW, PYTHON_IF, ROUNDED
from nbhelpers.mistakes.nb07 import HARD_CODED, one_of
from nbhelpers.widgets import references

# The course's versions of the functions this notebook's exercises write, by their names,
# and the sigmoid the setup cell imports.
COURSE_FUNCTIONS = {
    "numerical_derivative": references.numerical_derivative,
    "relu_derivative": references.relu_derivative,
    "sigmoid_derivative": references.sigmoid_derivative,
    "tanh_derivative": references.tanh_derivative,
    "sigmoid": references.sigmoid,
}


def on_its_own(answer: Any) -> Any:
    """A student's function that calls the course's versions of the other exercises.

    Args:
        answer: a function that may call numerical_derivative, relu_derivative,
            sigmoid_derivative, tanh_derivative or sigmoid.

    Returns:
        ``answer`` whose code finds the course's functions under those names, except its
        own name (see :mod:`nbhelpers.isolation`).
    """
    return with_names(answer, COURSE_FUNCTIONS)


def _x(x: Any) -> np.ndarray:
    """The input as a float array (a copy)."""
    return np.array(x, dtype=float)


def _all_zero(got: Any, expected: Any) -> bool:
    """Whether every value of a result is 0 where the expected result has others."""
    return bool(np.all(np.asarray(got, dtype=float) == 0) and np.any(np.asarray(expected) != 0))


# ----------------------------------------------------------------------------- numerical_derivative

STEP = 1e-5  # the exercise's default step


def _central(f: Callable, x: float, h: float) -> float:
    return (f(x + h) - f(x - h)) / (2 * h)


FORWARD = (
    "this is the forward difference (f(x + h) - f(x)) / h, the book's first estimate, whose "
    "error shrinks only as fast as h: the exercise asks for the central difference, which "
    "steps to both sides of x."
)

NUMERICAL_DERIVATIVE = [
    Mistake(FORWARD, gives=lambda f, x, h=STEP: (f(x + h) - f(x)) / h),
    Mistake(
        "this is the backward difference (f(x) - f(x - h)) / h, one-sided like the book's "
        "first estimate: the central difference steps to both sides of x.",
        gives=lambda f, x, h=STEP: (f(x) - f(x - h)) / h,
    ),
    Mistake(
        "the result is twice the slope: the two points x - h and x + h are 2h apart, and the "
        "rise is divided by that distance.",
        gives=lambda f, x, h=STEP: (f(x + h) - f(x - h)) / h,
    ),
    Mistake(
        "the sign is flipped: a slope is the value at the right point (x + h) minus the "
        "value at the left point (x - h), divided by the distance.",
        gives=lambda f, x, h=STEP: (f(x - h) - f(x + h)) / (2 * h),
    ),
    Mistake(
        "this is the rise alone, f(x + h) - f(x - h): a slope is the rise divided by the "
        "run between the two points.",
        gives=lambda f, x, h=STEP: f(x + h) - f(x - h),
    ),
    Mistake(
        "only f(x - h) was divided: division binds tighter than subtraction, so the "
        "difference needs brackets around it.",
        gives=lambda f, x, h=STEP: f(x + h) - f(x - h) / (2 * h),
    ),
    Mistake(
        "the difference was multiplied by h: `/ 2 * h` divides by 2, then multiplies by h. "
        "The whole distance 2h needs brackets.",
        gives=lambda f, x, h=STEP: (f(x + h) - f(x - h)) / 2 * h,
    ),
    Mistake(
        "this is f(x), the value of the function at x: the exercise asks for its slope there.",
        gives=lambda f, x, h=STEP: f(x),
    ),
    Mistake(
        "the step h passed in was not used: with a step of h = 0.5 the central difference is "
        "visibly not the true slope, and the test asks for what that step gives. Use the "
        "argument h (its default, 1e-5, is for when none is given).",
        gives=lambda f, x, h=STEP: _central(f, x, STEP),
    ),
    Mistake(
        "this is 4x, the slope of the book's 2x² only: the slope must come from the function "
        "f that is passed in, by evaluating it.",
        gives=lambda f, x, h=STEP: 4 * x,
    ),
    Mistake(HARD_CODED, shows=one_of(4.0)),
    ROUNDED,
]


# ----------------------------------------------------------------------------- relu_derivative

AT_ZERO = (
    "at x = 0 the derivative gave {}: ReLU has a kink there, and this course (like the "
    "book) takes its derivative at 0 to be 0, as for every x <= 0."
)

RELU_DERIVATIVE = [
    Mistake(
        "this is ReLU itself, max(0, x): its derivative is the slope, 1 where x > 0 and 0 "
        "elsewhere, whatever the size of x.",
        gives=lambda x: np.maximum(0.0, _x(x)),
    ),
    Mistake(AT_ZERO.format(1), gives=lambda x: np.where(_x(x) >= 0, 1.0, 0.0)),
    Mistake(
        AT_ZERO.format(0.5),
        gives=lambda x: np.where(_x(x) > 0, 1.0, np.where(_x(x) == 0, 0.5, 0.0)),
    ),
    Mistake(
        "1 and 0 are swapped: ReLU rises (slope 1) where x > 0 and is flat (slope 0) elsewhere.",
        gives=lambda x: np.where(_x(x) > 0, 0.0, 1.0),
    ),
    Mistake(
        "the input came back unchanged: the derivative is 1 or 0 at each element, whatever "
        "the input's value.",
        gives=_x,
    ),
    Mistake(
        "negative inputs gave -1, as the sign function does: ReLU is flat there, slope 0.",
        gives=lambda x: np.sign(_x(x)),
    ),
    Mistake(
        "negative inputs kept their own values: there ReLU is flat, slope 0.",
        gives=lambda x: np.where(_x(x) > 0, 1.0, _x(x)),
    ),
    Mistake(
        "only the first row (or element) came back: is the `return` inside the loop?",
        gives=lambda x: np.where(_x(x)[0] > 0, 1.0, 0.0),
    ),
    PYTHON_IF,
    ONE_NUMBER,
]


# ----------------------------------------------------------------------------- sigmoid_derivative


def _sigmoid(x: Any) -> np.ndarray:
    return references.sigmoid(_x(x))


OUTPUT_FORM = (
    "this is {formula} of the input x: that formula is the derivative written with the "
    "function's OUTPUT (a = {name}(x), as the XOR article's d_{name} receives it). This "
    "function receives the input, so compute {name}(x) first."
)

SIGMOID_DERIVATIVE = [
    Mistake(
        "this is σ(x)·(1 - x): the second factor is 1 - σ(x), the sigmoid again, not the input.",
        gives=lambda x: _sigmoid(x) * (1 - _x(x)),
    ),
    Mistake(
        OUTPUT_FORM.format(formula="x·(1 - x)", name="sigmoid"),
        gives=lambda x: _x(x) * (1 - _x(x)),
    ),
    Mistake(
        "this is the sigmoid itself: its derivative is σ(x)·(1 - σ(x)).",
        gives=_sigmoid,
    ),
    Mistake(
        "this is 1 - σ(x) alone (which is also σ(-x)): the derivative is σ(x) times that.",
        gives=lambda x: 1 - _sigmoid(x),
    ),
    Mistake(
        "this is σ(x)·(1 + σ(x)): the second factor is 1 MINUS σ(x).",
        gives=lambda x: _sigmoid(x) * (1 + _sigmoid(x)),
    ),
    Mistake(
        "this is 1 - σ(x)², the pattern of tanh's derivative: the sigmoid's is σ(x)·(1 - σ(x)).",
        gives=lambda x: 1 - _sigmoid(x) ** 2,
    ),
    Mistake(
        "this is σ(x)², the sigmoid times itself: the second factor is 1 - σ(x).",
        gives=lambda x: _sigmoid(x) ** 2,
    ),
    Mistake(
        "every value is 0.25, the derivative at 0 only: it is largest there and falls off "
        "on both sides.",
        shows=lambda got, expected: np.allclose(got, 0.25) and not np.allclose(expected, 0.25),
    ),
    Mistake(
        "the derivative was multiplied by x: σ'(x) has no inner factor here (the chain rule "
        "adds one only when the sigmoid is applied to something else than x).",
        gives=lambda x: references.sigmoid_derivative(_x(x)) * _x(x),
    ),
    ROUNDED,
    PYTHON_IF,
    MATH_ON_ARRAY,
    ONE_NUMBER,
]

SIGMOID_DERIVATIVE_LARGE = [
    Mistake(
        "an exponential overflowed (e^-x for a large negative x, or e^x for a large positive "
        "one): compute σ(x) without overflow (the course's sigmoid, imported in the setup "
        "cell, never overflows), or exponentiate only -|x|.",
        raised=OVERFLOW,
    ),
    *SIGMOID_DERIVATIVE,
]


# ----------------------------------------------------------------------------- tanh_derivative


def _tanh(x: Any) -> np.ndarray:
    return np.tanh(_x(x))


TANH_DERIVATIVE = [
    Mistake(
        "this is 1 - tanh(x): the tanh is squared, 1 - tanh²(x).",
        gives=lambda x: 1 - _tanh(x),
    ),
    Mistake(
        "this is 1 - 2·tanh(x): tanh squared is tanh(x)**2 (or tanh(x) * tanh(x)), not "
        "tanh(x) * 2.",
        gives=lambda x: 1 - 2 * _tanh(x),
    ),
    Mistake(
        "this is tanh²(x) alone: the derivative is 1 minus it.",
        gives=lambda x: _tanh(x) ** 2,
    ),
    Mistake(
        "this is 1 + tanh²(x): the square is subtracted from 1.",
        gives=lambda x: 1 + _tanh(x) ** 2,
    ),
    Mistake(OUTPUT_FORM.format(formula="1 - x²", name="tanh"), gives=lambda x: 1 - _x(x) ** 2),
    Mistake(
        "this is (1 - tanh(x))²: only the tanh is squared, 1 - tanh(x)².",
        gives=lambda x: (1 - _tanh(x)) ** 2,
    ),
    Mistake(
        "this is 1 - tanh(x²): the square applies to the tanh, not to x.",
        gives=lambda x: 1 - np.tanh(_x(x) ** 2),
    ),
    Mistake("this is tanh itself: its derivative is 1 - tanh²(x).", gives=_tanh),
    Mistake(
        "this is the sigmoid's derivative, σ(x)·(1 - σ(x)): tanh's is 1 - tanh²(x).",
        gives=lambda x: references.sigmoid_derivative(_x(x)),
    ),
    Mistake(
        "np.tan is the tangent of trigonometry: the hyperbolic tangent is np.tanh.",
        gives=lambda x: 1 - np.tan(_x(x)) ** 2,
    ),
    ROUNDED,
    PYTHON_IF,
    MATH_ON_ARRAY,
    ONE_NUMBER,
]


# ----------------------------------------------------------------------------- neuron_gradient


def _sig(z: float) -> float:
    return float(references.sigmoid(np.float64(z)))


def _links(w: float, b: float, x: float, y: float) -> tuple[float, float, float]:
    """The chain's three links: dL/da = 2(a - y), da/dz = σ'(z), and z itself."""
    z = w * x + b
    a = _sig(z)
    return 2 * (a - y), a * (1 - a), z


def course_neuron_gradient(w: float, b: float, x: float, y: float) -> np.ndarray:
    """The course's answer: [dL/dw, dL/db] for L = (σ(w·x + b) - y)²."""
    dl_da, da_dz, _ = _links(w, b, x, y)
    return np.array([dl_da * da_dz * x, dl_da * da_dz])


def _gradient(dz: float, dz_dw: float, dz_db: float = 1.0) -> np.ndarray:
    return np.array([dz * dz_dw, dz * dz_db])


NEURON_GRADIENT = [
    Mistake(
        "dL/dw has no factor x: when w grows by 1, z = w·x + b grows by x, so the last link "
        "of w's chain is dz/dw = x (the bias's is 1).",
        gives=lambda w, b, x, y: _gradient(_links(w, b, x, y)[0] * _links(w, b, x, y)[1], 1.0),
    ),
    Mistake(
        "the sigmoid's link is missing: between the loss and z stands a = σ(z), whose "
        "derivative σ'(z) = σ(z)·(1 - σ(z)) is one factor of the chain.",
        gives=lambda w, b, x, y: _gradient(_links(w, b, x, y)[0], x),
    ),
    Mistake(
        "the factor 2 is missing: the derivative of (a - y)² with respect to a is 2·(a - y).",
        gives=lambda w, b, x, y: _gradient(_links(w, b, x, y)[0] / 2 * _links(w, b, x, y)[1], x),
    ),
    Mistake(
        "the sign is flipped: the derivative of (a - y)² with respect to a is 2·(a - y), "
        "not 2·(y - a).",
        gives=lambda w, b, x, y: -course_neuron_gradient(w, b, x, y),
    ),
    Mistake(
        "the sigmoid's derivative was taken as σ(z)·(1 - z): its second factor is "
        "1 - σ(z), the sigmoid again.",
        gives=lambda w, b, x, y: _gradient(
            _links(w, b, x, y)[0] * _sig(w * x + b) * (1 - (w * x + b)), x
        ),
    ),
    Mistake(
        "the sigmoid's derivative was taken at x: the sigmoid is applied to z = w·x + b, so "
        "its derivative is taken at z.",
        gives=lambda w, b, x, y: _gradient(_links(w, b, x, y)[0] * _sig(x) * (1 - _sig(x)), x),
    ),
    Mistake(
        "the sigmoid's derivative was computed as z·(1 - z): that form takes the sigmoid's "
        "output a = σ(z), not z.",
        gives=lambda w, b, x, y: _gradient(
            _links(w, b, x, y)[0] * (w * x + b) * (1 - (w * x + b)), x
        ),
    ),
    Mistake(
        "dL/dw was multiplied by w: that gives the derivative with respect to the input x "
        "(dz/dx = w). The weight's last link is dz/dw = x.",
        gives=lambda w, b, x, y: _gradient(_links(w, b, x, y)[0] * _links(w, b, x, y)[1], w),
    ),
    Mistake(
        "dL/db was multiplied by x too: the bias is added, so dz/db = 1.",
        gives=lambda w, b, x, y: _gradient(_links(w, b, x, y)[0] * _links(w, b, x, y)[1], x, x),
    ),
    Mistake(
        "the two partial derivatives are in the wrong order: the result is [dL/dw, dL/db].",
        gives=lambda w, b, x, y: course_neuron_gradient(w, b, x, y)[::-1],
    ),
    Mistake(
        "the links were added: the chain rule MULTIPLIES the derivatives of the steps.",
        gives=lambda w, b, x, y: np.array(
            [sum(_links(w, b, x, y)[:2]) + x, sum(_links(w, b, x, y)[:2]) + 1.0]
        ),
    ),
    Mistake(
        "this is the loss itself, (σ(w·x + b) - y)²: the exercise asks for its derivatives "
        "with respect to w and b.",
        gives=lambda w, b, x, y: (_sig(w * x + b) - y) ** 2,
    ),
    Mistake(
        "this is the neuron's output σ(w·x + b): the exercise asks for the derivatives of "
        "the loss with respect to w and b.",
        gives=lambda w, b, x, y: _sig(w * x + b),
    ),
    Mistake(
        "a tuple came back: the gradient is one numpy array of the two partial derivatives, "
        "a vector, as every gradient in the course will be.",
        shows=lambda got, expected: isinstance(got, tuple),
    ),
]


# ----------------------------------------------------------------------------- numerical_gradient


def _moved(f: Callable, x: np.ndarray, where: Any, step: float) -> float:
    """f at a copy of x whose entries ``where`` (an index, or the whole array) moved by step,
    as x's own type stores them: an integer array cuts the moved values to whole numbers."""
    moved = np.array(x)
    moved[where] = moved[where] + step
    return float(f(moved))


def _entry_by_entry(
    f: Callable, x: Any, h: float, estimate: Callable[[Callable[[float], float], float], float]
) -> np.ndarray:
    """An array of x's shape: for each entry, ``estimate(g, h)`` where g(step) is f with that
    entry moved by step."""
    x = np.asarray(x)
    gradient = np.zeros(x.shape)
    for index in np.ndindex(x.shape):
        gradient[index] = estimate(lambda step, i=index: _moved(f, x, i, step), h)
    return gradient


def _central_of(g: Callable[[float], float], h: float) -> float:
    return (g(h) - g(-h)) / (2 * h)


def _gradient_central(f: Callable, x: Any, h: float = STEP) -> np.ndarray:
    return _entry_by_entry(f, x, h, _central_of)


def _first_entry_only(f: Callable, x: Any, h: float = STEP) -> np.ndarray:
    gradient = np.zeros(np.shape(x))
    first = (0,) * np.ndim(x)
    gradient[first] = _central_of(lambda step: _moved(f, x, first, step), h)
    return gradient


def _row_by_row(f: Callable, x: Any, h: float = STEP) -> np.ndarray:
    """x[i] nudged for each i: a whole row of a 2-D x at once, its estimate in the whole row."""
    gradient = np.zeros(np.shape(x))
    for i in range(len(gradient)):
        gradient[i] = _central_of(lambda step, i=i: _moved(f, x, i, step), h)
    return gradient


def _all_at_once(f: Callable, x: Any, h: float = STEP) -> float:
    """x + h: every entry nudged together."""
    return _central_of(lambda step: _moved(f, x, Ellipsis, step), h)


NOT_PUT_BACK = (
    "x was left changed: after its two evaluations, each entry must get back the value it "
    "had, saved before the nudge. Adding h and then subtracting it again does not always "
    "give the same float (0.5 + 1e-5 - 1e-5 is not 0.5)."
)
ONE_ENTRY = (
    "only the first entry has its partial derivative: the loop must visit every entry of "
    "x (look for a `return` inside the loop, or a loop that stops early)."
)

NUMERICAL_GRADIENT = [
    Mistake(NOT_PUT_BACK, raised=CHANGED_INPUT),
    Mistake(
        FORWARD.replace("the central difference, which steps", "central differences, which step"),
        gives=lambda f, x, h=STEP: _entry_by_entry(f, x, h, lambda g, h: (g(h) - g(0.0)) / h),
    ),
    Mistake(
        "each partial derivative is twice what it should be: the two points x - h and x + h "
        "are 2h apart.",
        gives=lambda f, x, h=STEP: _entry_by_entry(f, x, h, lambda g, h: (g(h) - g(-h)) / h),
    ),
    Mistake(
        "the sign is flipped: each partial derivative is f with the entry nudged up minus f "
        "with it nudged down, over 2h.",
        gives=lambda f, x, h=STEP: -_gradient_central(f, x, h),
    ),
    Mistake(ONE_ENTRY, gives=_first_entry_only),
    Mistake(ONE_ENTRY, gives=lambda f, x, h=STEP: _first_entry_only(f, x, h)[(0,) * np.ndim(x)]),
    Mistake(
        "each row holds one value: for a 2-D x, x[i] is a whole ROW, so a whole row was "
        "nudged at once. Visit every single entry: np.ndindex(x.shape) gives every index of "
        "an array of any shape.",
        gives=_row_by_row,
    ),
    Mistake(
        "every entry holds the same value: x + h nudges all entries at once. Nudge one entry "
        "at a time, keeping the others as they are.",
        gives=lambda f, x, h=STEP: np.full(np.shape(x), _all_at_once(f, x, h)),
    ),
    Mistake(
        "one number came back: x + h nudges all entries at once, and the gradient has one "
        "partial derivative per entry of x.",
        gives=_all_at_once,
    ),
    Mistake(
        "every partial derivative is 0, as if f never saw a nudge: was a copy of x nudged "
        "(x.copy(), x.flatten(), np.array(x)) while f was given x itself? f must be called "
        "with the array whose entry was nudged.",
        shows=_all_zero,
    ),
    Mistake(
        "the gradient is flat: it has the shape of x, one partial derivative in the place of "
        "each entry (np.zeros(x.shape) makes such an array; a flat one can be reshaped).",
        gives=lambda f, x, h=STEP: _gradient_central(f, x, h).ravel(),
    ),
    Mistake(
        "the step h passed in was not used: with h = 0.5 the estimate is visibly not the true "
        "gradient, and the test asks for what that step gives.",
        gives=lambda f, x, h=STEP: _gradient_central(f, x, STEP),
    ),
]

INTEGER_ARRAY = (
    "x holds whole numbers (an integer array), and storing x[i] + h in it cuts the value "
    "back to a whole number, so the step f sees is 0 or 1, not h: compute on a float copy "
    "of x (np.array(x, dtype=float))."
)


NUMERICAL_GRADIENT_INTEGERS = [
    # The central differences, nudging x as it is: an integer array cuts every nudge.
    Mistake(INTEGER_ARRAY, gives=_gradient_central),
    Mistake(INTEGER_ARRAY, shows=_all_zero),
    Mistake(INTEGER_ARRAY, raised="Cannot cast ufunc"),
    Mistake(
        "the gradient holds integers: an array made like an integer x (np.zeros_like(x)) "
        "has x's integer type, and the partial derivatives stored in it were cut to whole "
        "numbers. Make the gradient an array of floats.",
        shows=lambda got, expected: np.asarray(got).dtype.kind in "iub",
    ),
    *NUMERICAL_GRADIENT,
]
