"""Notebook 03 · numpy and the dot product: the mistakes its tests name.

One list per exercise: SHAPE_OF (with SHAPE_OF_EMPTY for its empty-list test), DOT,
NEURON_NUMPY and LAYER_NUMPY. Most mistakes are recognised by recomputing what the mistaken
code returns for the test's own inputs (``gives``), or by a property of the result
(``shows``), so their hints fire on hidden inputs too.
"""

from __future__ import annotations

import numbers

import numpy as np

from nbhelpers.checks import MATRIX_PRODUCT_ERRORS, Mistake

HARD_CODED = "the result is the book's example whatever the input: is it hard-coded?"


# ----------------------------------------------------------------------------- shape_of


def _shape(data, lists=(list, tuple)):
    """Shape of a nested list measured along its first items, counting only `lists` as lists."""
    if not isinstance(data, lists):
        return ()
    return (len(data),) + (_shape(data[0], lists) if len(data) else ())


def _is_shape(x):
    """Whether x is a tuple or list of whole numbers, as a shape is."""
    return isinstance(x, (tuple, list)) and all(isinstance(n, numbers.Integral) for n in x)


SHAPE_OF = [
    Mistake(
        "the dimensions come out in reverse: the size of the outermost list belongs first.",
        shows=lambda got, expected: len(expected) > 1 and tuple(got) == expected[::-1] != expected,
    ),
    Mistake(
        "only the outermost list is measured: the shape has one entry per level of nesting, "
        "down to the numbers.",
        shows=lambda got, expected: len(expected) > 1 and tuple(got) == expected[:1],
    ),
    Mistake(
        "the last level, the lists that hold the numbers, is missing: look at where the "
        "recursion stops.",
        shows=lambda got, expected: len(expected) > 1 and tuple(got) == expected[:-1],
    ),
    Mistake(
        "the shape stops before the numbers: it needs one entry per level of nesting, however "
        "deep the data goes (is the number of levels fixed in your code?).",
        shows=lambda got, expected: (
            _is_shape(got)
            and 1 < len(got) < len(expected) - 1
            and tuple(got) == expected[: len(got)]
        ),
    ),
    Mistake(
        "a single number came back: a shape is a tuple of sizes, one per level of nesting "
        "(even a plain list's shape is a tuple with one entry).",
        shows=lambda got, expected: isinstance(got, numbers.Integral),
    ),
    Mistake(
        "the sizes are nested inside each other: the items' shape went into the result as a "
        "single entry instead of adding its entries after the length.",
        shows=lambda got, expected: any(isinstance(n, (tuple, list)) for n in got),
    ),
    Mistake(
        "each entry counts all the numbers or lists at its level, across the whole data: a "
        "shape entry is the length of ONE list at that level.",
        shows=lambda got, expected: (
            len(expected) > 1 and tuple(got) == tuple(np.cumprod(expected)) != expected
        ),
    ),
    Mistake(
        "a number added a dimension of its own: a number's shape is the empty tuple.",
        shows=lambda got, expected: tuple(got) == expected + (1,),
    ),
    Mistake(
        "a tuple was taken for a number: tuples count as lists here, so they are measured "
        "like lists.",
        gives=lambda data: _shape(data, lists=list),
    ),
    Mistake(
        "a float reached the code meant for lists: floats are numbers too, and end the "
        "recursion just as ints do.",
        raised="'float'",
    ),
    Mistake(
        "the shape of a number is not a tuple, so the sizes of the lists around it cannot "
        "be joined to it: look at what a number returns.",
        raised=('can only concatenate tuple (not "int")', 'can only concatenate tuple (not "None'),
    ),
    Mistake(HARD_CODED, shows=lambda got, expected: tuple(got) == (3, 2, 4) != expected),
]

SHAPE_OF_EMPTY = [
    *SHAPE_OF,
    Mistake(
        "an empty list has no first item: its shape cannot come from looking at item 0.",
        raised="IndexError",
    ),
    Mistake(
        "an empty list came back with the shape of a number, (): a list has a length even "
        "when it holds nothing.",
        shows=lambda got, expected: got == () != expected,
    ),
]


# ----------------------------------------------------------------------------- dot


def _products(a, b):
    """The products of the pairs a[i]·b[i], as a list."""
    return [x * y for x, y in zip(a, b)]


DOT = [
    Mistake(
        "these are the products of the pairs: a dot product adds them up into one number.",
        gives=_products,
    ),
    Mistake(
        "every element of a is multiplied with every element of b: a dot product pairs them "
        "position by position.",
        gives=lambda a, b: sum(a) * sum(b),
    ),
    Mistake(
        "the pairs are added, not multiplied: a dot product adds up the pairs' products.",
        gives=lambda a, b: sum(a) + sum(b),
    ),
    Mistake(
        "only the first pair's product came back: is the `return` inside the loop?",
        gives=lambda a, b: _products(a, b)[0],
    ),
    Mistake(
        "only the last pair's product came back: is the total reset, or overwritten, on every "
        "pass through the loop?",
        gives=lambda a, b: _products(a, b)[-1],
    ),
    Mistake(
        "the last pair is missing: the loop stops one position early.",
        gives=lambda a, b: sum(_products(a, b)[:-1]),
    ),
    Mistake(
        "the first pair is missing: look at where the loop starts counting.",
        gives=lambda a, b: sum(_products(a, b)[1:]),
    ),
    Mistake(
        "the sum is divided by the number of pairs: a dot product is a plain sum, not a mean.",
        gives=lambda a, b: sum(_products(a, b)) / len(a),
    ),
    Mistake(
        "a whole number came back where the sum has a fraction: is something rounding, "
        "converting to int or dividing with //?",
        shows=lambda got, expected: (
            isinstance(got, numbers.Integral) and not float(expected).is_integer()
        ),
    ),
    Mistake(
        "b never enters the result: each element of a is multiplied with itself.",
        gives=lambda a, b: sum(x * x for x in a),
    ),
]


# ----------------------------------------------------------------------------- neuron_numpy


def _weighted_sum(inputs, weights):
    """Σ inputs·weights, in float64 whatever the inputs are."""
    return float(np.dot(np.asarray(weights, dtype=float), np.asarray(inputs, dtype=float)))


NEURON_NUMPY = [
    Mistake(
        "the bias is missing: this is the weighted sum alone.",
        gives=lambda inputs, weights, bias: _weighted_sum(inputs, weights),
    ),
    Mistake(
        "the bias is added to every product before the sum, so it counts once per input: "
        "a neuron has one bias, added once.",
        gives=lambda inputs, weights, bias: _weighted_sum(inputs, weights) + len(inputs) * bias,
    ),
    Mistake(
        "the bias multiplies the weighted sum: a bias is added.",
        gives=lambda inputs, weights, bias: _weighted_sum(inputs, weights) * bias,
    ),
    Mistake(
        "the bias is subtracted: a bias is added to the weighted sum.",
        gives=lambda inputs, weights, bias: _weighted_sum(inputs, weights) - bias,
    ),
    Mistake(
        "these are the element-wise products (plus the bias), one per input: a neuron's "
        "output is one number, so the products still need adding up.",
        gives=lambda inputs, weights, bias: np.multiply(inputs, weights) + bias,
    ),
    Mistake(
        "every weight is multiplied with every input (an outer product): each weight belongs "
        "to the input at its own position.",
        gives=lambda inputs, weights, bias: float(np.sum(np.outer(weights, inputs))) + bias,
    ),
    Mistake(
        "the products are averaged: a weighted sum adds them up.",
        gives=lambda inputs, weights, bias: float(np.mean(np.multiply(inputs, weights))) + bias,
    ),
    Mistake(
        "the inputs never enter the result: the weights are multiplied with themselves.",
        gives=lambda inputs, weights, bias: _weighted_sum(weights, weights) + bias,
    ),
    Mistake(
        "`*` between Python lists does not multiply element by element (a list only repeats): "
        "the inputs and weights may arrive as lists or tuples.",
        raised="can't multiply sequence by non-int",
    ),
    Mistake(
        "`@` was given two Python lists or tuples, which have no such operator: the inputs "
        "and weights may arrive as lists, so numpy must see them as arrays first.",
        raised="unsupported operand type(s) for @",
    ),
    Mistake(HARD_CODED, shows=lambda got, expected: abs(got - 4.8) < 1e-9 < abs(expected - 4.8)),
]


# ----------------------------------------------------------------------------- layer_numpy


def _arrays(inputs, weights, biases):
    """The layer's arguments as float64 arrays of shapes (n_inputs,), (n_neurons, n_inputs)
    and (n_neurons,)."""
    return tuple(np.asarray(x, dtype=float) for x in (inputs, weights, biases))


def _outputs_without_biases(inputs, weights, biases):
    """Each neuron's weighted sum: the matrix of weights times the input vector."""
    x, w, _ = _arrays(inputs, weights, biases)
    return w @ x


def _swapped(inputs, weights, biases):
    """What the inputs-first product gives (it runs only when the weights are square)."""
    x, w, b = _arrays(inputs, weights, biases)
    return x @ w + b


SWAPPED = (
    "the weights and the inputs are in the wrong order for a layer (or the weights are "
    "transposed): each neuron's weights, one row of the matrix, must meet the whole input "
    "vector."
)

LAYER_NUMPY = [
    Mistake(SWAPPED, raised=MATRIX_PRODUCT_ERRORS),
    Mistake(SWAPPED, gives=_swapped),
    Mistake(
        "the biases are missing: these are the weighted sums alone.", gives=_outputs_without_biases
    ),
    Mistake(
        "the layer's outputs are added up into one number: a layer gives one output per neuron.",
        gives=lambda inputs, weights, biases: float(
            np.sum(_outputs_without_biases(inputs, weights, biases)) + np.sum(biases)
        ),
    ),
    Mistake(
        "every neuron got the sum of ALL the products in the layer: each neuron adds up only "
        "the products of its own row of weights.",
        gives=lambda inputs, weights, biases: (
            np.sum(_outputs_without_biases(inputs, weights, biases))
            + _arrays(inputs, weights, biases)[2]
        ),
    ),
    Mistake(
        "this is the table of element-wise products, one per weight: each neuron's products "
        "still need adding up (and its bias adding).",
        gives=lambda inputs, weights, biases: np.multiply(weights, inputs),
    ),
    Mistake(
        "the biases are a column, so adding them makes a table of every output plus every "
        "bias: the biases should line up with the outputs, one per neuron.",
        gives=lambda inputs, weights, biases: (
            _outputs_without_biases(inputs, weights, biases)
            + _arrays(inputs, weights, biases)[2][:, None]
        ),
    ),
    Mistake(
        "every neuron got the same bias (the first neuron's): neuron 1 gets the first bias, "
        "neuron 2 the second, and so on.",
        gives=lambda inputs, weights, biases: (
            _outputs_without_biases(inputs, weights, biases) + biases[0]
        ),
    ),
    Mistake(
        "every neuron got the sum of all the biases: each neuron gets only its own bias.",
        gives=lambda inputs, weights, biases: (
            _outputs_without_biases(inputs, weights, biases) + float(np.sum(biases))
        ),
    ),
    Mistake(
        "the biases were appended after the outputs (`+` on Python lists joins them) instead "
        "of being added to them, one per neuron.",
        gives=lambda inputs, weights, biases: np.concatenate(
            [_outputs_without_biases(inputs, weights, biases), _arrays(inputs, weights, biases)[2]]
        ),
    ),
    Mistake(
        "only the first neuron's output came back: is the `return` inside the loop?",
        gives=lambda inputs, weights, biases: (
            _outputs_without_biases(inputs, weights, biases)[:1] + biases[0]
        ),
    ),
    Mistake(
        "only the last neuron's output came back, a single number: is the result overwritten "
        "on every pass through the loop?",
        gives=lambda inputs, weights, biases: (
            _outputs_without_biases(inputs, weights, biases)[-1] + biases[-1]
        ),
    ),
    Mistake(
        HARD_CODED,
        shows=lambda got, expected: (
            np.allclose(got, [4.8, 1.21, 2.385]) and not np.allclose(expected, [4.8, 1.21, 2.385])
        ),
    ),
]
