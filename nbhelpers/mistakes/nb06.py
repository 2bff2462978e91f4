"""Notebook 06 · Activation functions: the mistakes its tests name.

One list per checked function: STEP and LINEAR (Exercise 1), SIGMOID with SIGMOID_LARGE for
its test far from 0, TANH with TANH_LARGE, RELU, COLLAPSED_WEIGHTS and COLLAPSED_BIASES
(Exercise 5) and RELU_CLASS (the class's forward; RELU_CLASS_MADE for making one). Most
mistakes are recognised by recomputing what the mistaken code returns for the test's own
input (``gives``) or by a property of the result (``shows``), so their hints fire on hidden
inputs too.

:func:`on_its_own` gives a test the student's function (or class) with the other exercises'
functions it calls replaced by the course's: a mistake in ``sigmoid`` then costs no points
in the test of a ``tanh`` built on it.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from nbhelpers.checks import MATRIX_PRODUCT_ERRORS, Mistake
from nbhelpers.isolation import with_names
from nbhelpers.widgets import references

# The course's versions of the functions this notebook's exercises write, by their names.
COURSE_FUNCTIONS = {
    "step": references.step,
    "linear": references.linear,
    "sigmoid": references.sigmoid,
    "tanh": references.tanh,
    "relu": references.relu,
}


def on_its_own(answer: Any) -> Any:
    """A student's function or class that calls the course's versions of the other exercises.

    Args:
        answer: a function, or a class whose methods call functions of other exercises.

    Returns:
        ``answer`` whose code finds the course's step, linear, sigmoid, tanh and relu under
        those names, except its own name (see :mod:`nbhelpers.isolation`).
    """
    return with_names(answer, COURSE_FUNCTIONS)


def _x(x: Any) -> np.ndarray:
    """The input as a float array."""
    return np.asarray(x, dtype=float)


def _is_number(x: Any) -> bool:
    """Whether x is a single number (a Python or numpy scalar, or a 0-d array)."""
    return isinstance(x, (numbers.Number, np.generic)) or (
        isinstance(x, np.ndarray) and x.ndim == 0
    )


def _outside(got: Any, low: float, high: float) -> bool:
    """Whether some value of a result lies outside [low, high] (or is infinite)."""
    values = np.asarray(got, dtype=float)
    return bool(np.any((values < low - 1e-12) | (values > high + 1e-12)))


# Mistakes any activation can make.
PYTHON_IF = Mistake(
    "Python's `if` (and `and`, `or` and the built-in `max`) decides for one value at a time, "
    "not for a whole array: compare the whole array at once, element by element.",
    raised="truth value of an array",
)
MATH_ON_ARRAY = Mistake(
    "the functions of Python's `math` module take one number at a time: numpy has "
    "element-wise versions that take whole arrays.",
    raised=("only 0-dimensional arrays", "only length-1 arrays", "only size-1 arrays"),
)
ONE_NUMBER = Mistake(
    "one number came back for a whole array (`.any()` and `.all()`, which numpy's 'truth "
    "value' error suggests, turn an array into one True/False): an activation gives one "
    "value per element.",
    shows=lambda got, expected: _is_number(got) and np.ndim(expected) > 0,
)
ROUNDED = Mistake(
    "the values are rounded: return them at full precision (round only when printing).",
    shows=lambda got, expected: (
        np.allclose(got, np.round(got, 4), rtol=0, atol=1e-12)
        and np.allclose(got, expected, rtol=0, atol=0.006)
    ),
)


# ----------------------------------------------------------------------------- step, linear

STEP = [
    Mistake(
        "at x = 0 the step gave 1: it fires only where x is greater than 0, and 0 is not.",
        gives=lambda x: np.where(_x(x) >= 0, 1.0, 0.0),
    ),
    Mistake(
        "1 and 0 are swapped: the step fires (gives 1) where x is positive.",
        gives=lambda x: np.where(_x(x) > 0, 0.0, 1.0),
    ),
    Mistake(
        "negative inputs gave -1, as the sign function does: the step gives 0 there.",
        gives=lambda x: np.sign(_x(x)),
    ),
    Mistake(
        "positive inputs kept their own values, as ReLU does: the step gives 1 for every "
        "positive input, whatever its size.",
        gives=lambda x: np.maximum(0.0, _x(x)),
    ),
    Mistake(
        "at x = 0 the step gave 0.5: it gives 0 there (if you used np.heaviside, read what "
        "its second argument means).",
        gives=lambda x: np.heaviside(_x(x), 0.5),
    ),
    PYTHON_IF,
    ONE_NUMBER,
]

LINEAR = [
    Mistake(
        "the values were cut to whole numbers: linear keeps every value as it is, fractions "
        "included, so the result must hold floats.",
        gives=lambda x: np.asarray(x).astype(int),
    ),
    Mistake(
        "every value came back as 1, the slope of y = x: linear returns the values of x "
        "themselves.",
        gives=lambda x: np.ones_like(_x(x)),
    ),
    Mistake(
        "every value came back as 0: was the result array made (np.zeros_like, "
        "np.empty_like) but never filled?",
        gives=lambda x: np.zeros_like(_x(x)),
    ),
    ONE_NUMBER,
]


LINEAR_SAME_ARRAY = (
    "linear returned x itself (or a view of it), so changing the result would change the "
    "input: return a new array."
)


# ----------------------------------------------------------------------------- sigmoid


def _sigmoid(x: Any) -> np.ndarray:
    """The course's sigmoid, of a float copy of x."""
    return references.sigmoid(_x(x))


SIGMOID_FLIPPED = (
    "the result is sigmoid(-x): the sign of the exponent is flipped, or the two forms of the "
    "stable formula are used on the wrong sides of 0."
)

SIGMOID = [
    Mistake(SIGMOID_FLIPPED, gives=lambda x: _sigmoid(-_x(x))),
    Mistake(
        "this is 1 + e^-x, the denominator alone: the sigmoid is 1 divided by it (check the "
        "brackets: 1 / 1 + e^-x is not 1 / (1 + e^-x)).",
        gives=lambda x: 1 + np.exp(-_x(x)),
    ),
    Mistake(
        "for negative x the result is sigmoid(|x|), above 0.5: the case x < 0 needs its own form.",
        gives=lambda x: _sigmoid(np.abs(_x(x))),
    ),
    Mistake(
        "for positive x the result is sigmoid(-x), below 0.5: the case x >= 0 needs its own form.",
        gives=lambda x: _sigmoid(-np.abs(_x(x))),
    ),
    Mistake(
        "this is tanh, which runs from -1 to 1: the sigmoid runs from 0 to 1.",
        gives=lambda x: np.tanh(_x(x)),
    ),
    Mistake(
        "some values lie outside 0 to 1, where a sigmoid never goes: look at the sign in "
        "the denominator, which is 1 plus a positive number.",
        shows=lambda got, expected: _outside(got, 0.0, 1.0),
    ),
    Mistake(
        "the result holds integers, so every fraction was cut off: an array made like an "
        "integer input (np.empty_like, np.zeros_like) has the input's integer type.",
        shows=lambda got, expected: np.asarray(got).dtype.kind in "iub",
    ),
    ROUNDED,
    PYTHON_IF,
    MATH_ON_ARRAY,
    ONE_NUMBER,
]

# numpy overflowing (its warnings turned into errors by the test), and math.exp overflowing
OVERFLOW = ("FloatingPointError: overflow", "FloatingPointError: invalid", "OverflowError")

SIGMOID_LARGE = [
    Mistake(
        "an exponential overflowed (e^-x for a large negative x, or e^x for a large positive "
        "one): exponentiate only numbers that are never positive, as the formula with e^-|x| "
        "does. np.where computes both of its branches for every element before it chooses, "
        "so a branch that overflows overflows even where it is not chosen.",
        raised=OVERFLOW,
    ),
    *SIGMOID,
]


# ----------------------------------------------------------------------------- tanh

TANH = [
    Mistake(
        "this is sigmoid(2x), which runs from 0 to 1: tanh runs from -1 to 1, so it is "
        "stretched to twice the height and shifted down.",
        gives=lambda x: _sigmoid(2 * _x(x)),
    ),
    Mistake(
        "this is tanh(x/2): look at the argument of the sigmoid in the formula.",
        gives=lambda x: 2 * _sigmoid(_x(x)) - 1,
    ),
    Mistake(
        "the result runs from 0 to 2: the shift down by 1 is missing.",
        gives=lambda x: 2 * _sigmoid(2 * _x(x)),
    ),
    Mistake(
        "the result runs from -1 to 0: the sigmoid is not stretched to twice its height.",
        gives=lambda x: _sigmoid(2 * _x(x)) - 1,
    ),
    Mistake(
        "the sign is flipped (tanh is positive for positive x): check the order of e^x and "
        "e^-x in the numerator, or of the terms around the minus.",
        gives=lambda x: -np.tanh(_x(x)),
    ),
    Mistake(
        "every value is 1 (or nan at 0), the numerator divided by itself: the denominator is "
        "a sum, e^x + e^-x.",
        gives=lambda x: (np.exp(_x(x)) - np.exp(-_x(x))) / (np.exp(_x(x)) - np.exp(-_x(x))),
    ),
    Mistake(
        "this is e^x - e^-x halved (the hyperbolic sine): tanh divides by e^x + e^-x.",
        gives=lambda x: np.sinh(_x(x)),
    ),
    Mistake(
        "only e^-x was divided: without brackets, division comes before subtraction and "
        "addition, so bracket the numerator and the denominator.",
        gives=lambda x: np.exp(_x(x)) - np.exp(-_x(x)) / np.exp(_x(x)) + np.exp(-_x(x)),
    ),
    Mistake(
        "np.tan is the tangent of trigonometry: the hyperbolic tangent is another function.",
        gives=lambda x: np.tan(_x(x)),
    ),
    ROUNDED,
    PYTHON_IF,
    MATH_ON_ARRAY,
    ONE_NUMBER,
]

TANH_LARGE = [
    Mistake(
        "an exponential overflowed for a large |x| (and inf / inf is nan): use a form that "
        "never exponentiates a large positive number.",
        raised=OVERFLOW,
    ),
    *TANH,
]


# ----------------------------------------------------------------------------- relu

NP_MAX = (
    "np.max looks for the largest element of an array (and reads a second argument as an "
    "axis): ReLU compares each element with 0, one by one."
)

RELU = [
    Mistake(NP_MAX, raised="scalar index"),
    Mistake(NP_MAX, gives=lambda x: np.max(x)),
    Mistake(NP_MAX, gives=lambda x: np.max(x, axis=0)),
    Mistake(
        "this is the step function: ReLU keeps the value itself where x > 0.",
        gives=lambda x: np.where(_x(x) > 0, 1.0, 0.0),
    ),
    Mistake(
        "negative values had their sign flipped: ReLU sets them to 0.",
        gives=lambda x: np.abs(_x(x)),
    ),
    Mistake(
        "the negative values were kept and the positive ones set to 0: that is the "
        "smaller of 0 and x, not the larger.",
        gives=lambda x: np.minimum(0.0, _x(x)),
    ),
    Mistake(
        "values above 1 were cut down to 1: ReLU has no upper limit.",
        gives=lambda x: np.clip(_x(x), 0.0, 1.0),
    ),
    Mistake(
        "some values are still negative: ReLU sets every negative value to 0 (a 'leaky' "
        "ReLU, which only scales them down, is another activation).",
        shows=lambda got, expected: _outside(got, 0.0, np.inf),
    ),
    Mistake(
        "only the first row (or element) came back: is the `return` inside the loop?",
        gives=lambda x: np.maximum(0.0, _x(x)[0]),
    ),
    PYTHON_IF,
    ONE_NUMBER,
]


# ----------------------------------------------------------------------------- collapse

TRANSPOSED_WEIGHTS = (
    "a transpose too many: these weights are stored as DenseLayer stores them, one row per "
    "input and one column per neuron, so they chain without one."
)

COLLAPSED_WEIGHTS = [
    Mistake(
        "the order is reversed: the inputs meet the first layer's weights first, and "
        "matrix products depend on the order.",
        gives=lambda weights1, weights2: _x(weights2) @ _x(weights1),
    ),
    Mistake(
        "`*` multiplies element by element: two layers in a row combine by a matrix product.",
        gives=lambda weights1, weights2: _x(weights1) * _x(weights2),
    ),
    Mistake(
        "the weights were added: two layers in a row multiply, one after the other.",
        gives=lambda weights1, weights2: _x(weights1) + _x(weights2),
    ),
    Mistake(TRANSPOSED_WEIGHTS, gives=lambda weights1, weights2: _x(weights1) @ _x(weights2).T),
    Mistake(TRANSPOSED_WEIGHTS, gives=lambda weights1, weights2: _x(weights1).T @ _x(weights2)),
    Mistake(
        "rows and columns are swapped: the result has one row per input and one column per "
        "output, like the weights of any layer.",
        gives=lambda weights1, weights2: (_x(weights1) @ _x(weights2)).T,
    ),
    Mistake(
        "this is the first layer's weights alone: the second layer's weights act on them too.",
        gives=lambda weights1, weights2: _x(weights1),
    ),
    Mistake(
        "this is the second layer's weights alone: the first layer's weights come before them.",
        gives=lambda weights1, weights2: _x(weights2),
    ),
    Mistake(
        "the shapes do not fit, so some weights are the wrong way round: a matrix product "
        "needs the first one's columns to match the second one's rows, and here they are "
        "stored to fit as they are.",
        raised=MATRIX_PRODUCT_ERRORS,
    ),
    Mistake(
        "`*` or `+` met two tables of different shapes: two layers in a row combine by a "
        "matrix product.",
        raised="could not be broadcast",
    ),
]

THROUGH_W2 = (
    "b1 was added to the output directly: the first layer's biases are part of what the "
    "second layer receives, so they pass through the second layer's weights first."
)

COLLAPSED_BIASES = [
    Mistake(THROUGH_W2, gives=lambda biases1, weights2, biases2: _x(biases1) + _x(biases2)),
    Mistake(THROUGH_W2, raised="could not be broadcast"),
    Mistake(
        "the first layer's biases are missing: they pass through the second layer too.",
        gives=lambda biases1, weights2, biases2: _x(biases2),
    ),
    Mistake(
        "the second layer's biases are missing: they are added at the end.",
        gives=lambda biases1, weights2, biases2: _x(biases1) @ _x(weights2),
    ),
    Mistake(
        "the second layer's biases are subtracted: biases are added.",
        gives=lambda biases1, weights2, biases2: _x(biases1) @ _x(weights2) - _x(biases2),
    ),
    Mistake(
        "b2 went through the second layer's weights too: it belongs to the second layer "
        "itself and is added after them.",
        gives=lambda biases1, weights2, biases2: (_x(biases1) + _x(biases2)) @ _x(weights2),
    ),
    Mistake(
        "`*` multiplies element by element: b1 passes through the second layer's weights as "
        "an input would, by a matrix product.",
        gives=lambda biases1, weights2, biases2: _x(biases1) * _x(weights2) + _x(biases2),
    ),
    Mistake(
        "a transpose too many: the biases are a row (1, n_hidden) and the weights are stored "
        "(n_hidden, n_outputs), so they chain as they are.",
        gives=lambda biases1, weights2, biases2: _x(biases1) @ _x(weights2).T + _x(biases2),
    ),
    Mistake(
        "the order is reversed: the biases pass through the second layer as inputs do, so "
        "they come first in the product.",
        raised=MATRIX_PRODUCT_ERRORS,
    ),
]


# ----------------------------------------------------------------------------- ReLU

RELU_CLASS_MADE = [
    Mistake(
        "ReLU() is made without arguments: the inputs arrive later, as forward's argument.",
        raised="__init__() missing",
    ),
]

RELU_CLASS = [
    *RELU,
    Mistake(
        "forward is a method: its first parameter receives the object itself (self), the "
        "inputs come second.",
        raised=("forward() takes 1 positional argument", "forward() missing"),
    ),
    Mistake(
        "forward reads an attribute of the object that nothing has set: the inputs arrive "
        "as forward's argument.",
        raised="'ReLU' object has no attribute",
    ),
    Mistake(
        "forward returned its input unchanged: compute the output, store it, and return that.",
        gives=lambda inputs: np.asarray(inputs),
    ),
    Mistake(
        "forward returned the object itself: it returns the output array.",
        shows=lambda got, expected: hasattr(got, "forward"),
    ),
]
