"""Notebook 07 · Softmax and the full forward pass: the mistakes its tests name.

One list per exercise: SOFTMAX_PYTHON, ROW_SUMS and ROW_MAXIMA (the two functions of one
exercise), SOFTMAX (the function for a batch), SOFTMAX_CLASS (the class ``Softmax``) and
FORWARD_PASS. Most mistakes are recognised by recomputing what the mistaken code returns
for the test's own inputs (``gives``), or by a property of the result (``shows``), so their
hints fire on hidden inputs too; overflow and underflow by what numpy raises under the
tests' strict floats, a missing ``keepdims`` on a batch that is not square by numpy's
broadcasting error (and on a square one, where numpy raises nothing, by its values).

The exercises build on each other, and one mistake costs one exercise: the forward pass is
built from the course's layers (:mod:`nbhelpers.layers`; the exercise says so), softmax is
written with numpy alone (the exercise says so too), and the test of the class ``Softmax``
runs it with the course's ``softmax`` in place of the student's
(:func:`nbhelpers.isolation.with_names`).
"""

from __future__ import annotations

import math

import numpy as np

from nbhelpers.checks import MATRIX_PRODUCT_ERRORS, Mistake
from nbhelpers.layers import DenseLayer, relu
from nbhelpers.layers import softmax as course_softmax

HARD_CODED = "the result is the book's example whatever the input: is it hard-coded?"

# ---------------------------------------------------------------------- the course's network


def book_network(X, rng, hidden=relu, last=course_softmax, sizes=((2, 3), (3, 3)), order=(0, 1)):
    """The course's forward_pass (with the defaults): dense → ReLU → dense → softmax.

    The chain the exercise asks for, of the course's layers (:mod:`nbhelpers.layers`):
    ``DenseLayer``, then ``ReLU`` (which is :func:`relu`), ``DenseLayer``, ``Softmax``
    (which is its ``softmax``). The other arguments make the mistaken chains.

    Args:
        X: array (n_samples, 2); rng: the generator the dense layers draw from.
        hidden, last: the activations after the first and the second dense layer.
        sizes: (n_inputs, n_neurons) of each dense layer; order: the order they are made in.

    Returns:
        array (n_samples, 3) of probabilities (with the defaults).
    """
    layers = {}
    for i in order:
        layers[i] = DenseLayer(*sizes[i], rng)
    return last(layers[1].forward(hidden(layers[0].forward(X))))


# ----------------------------------------------------------------------------- helpers


def _row_sums(batch):
    """Each row's sum, as a column (n_samples, 1)."""
    return np.sum(batch, axis=1, keepdims=True)


def _row_maxima(batch):
    """Each row's largest value, as a column (n_samples, 1)."""
    return np.max(batch, axis=1, keepdims=True)


def _floats(values):
    """An array of floats (a copy)."""
    return np.array(values, dtype=float)


def one_of(*values):
    """A ``shows``: the result is one of these values (the visible examples' answers), on a
    case whose expected result is not that value (it may have another shape). Notebooks 08
    and 09 use it too."""

    def same(a, b):
        return np.shape(a) == np.shape(b) and np.allclose(_floats(a), _floats(b))

    return lambda got, expected: any(same(got, v) and not same(expected, v) for v in values)


# ----------------------------------------------------------------------------- softmax_python

BOOK_PROBABILITIES = [0.8952826639573506, 0.024708306782070668, 0.08000902926057876]


def _exponentials(outputs):
    """e to the power of each output."""
    return [math.exp(z) for z in outputs]


def _divided(values, by):
    """Each value divided by one number."""
    return [v / by for v in values]


def _softmax_list(outputs):
    """The correct softmax of a list of numbers."""
    exponentials = _exponentials(outputs)
    return _divided(exponentials, sum(exponentials))


def _running_total(outputs):
    """Each exponential divided by the sum of the exponentials up to it."""
    result, total = [], 0.0
    for e in _exponentials(outputs):
        total += e
        result.append(e / total)
    return result


def _other_base(got, expected):
    """Whether got is a softmax with a base a little off e (e rounded, e.g. 2.718).

    With base b, log(p_j / p_0) = ln(b) · (z_j - z_0): the log-ratios of got are those of
    expected times one factor, ln(b), close to but not 1.
    """
    g, e = np.log(_floats(got)), np.log(_floats(expected))
    g, e = g - g[0], e - e[0]
    spread = np.abs(e) > 1e-3
    if g.shape != e.shape or not spread.any():
        return False
    factors = g[spread] / e[spread]
    return bool(np.allclose(factors, factors[0], rtol=1e-6) and 1e-12 < abs(factors[0] - 1) < 0.05)


def _rounded(got, expected):
    """Whether got is expected rounded to 1 to 6 decimals."""
    return any(
        np.allclose(_floats(got), np.round(_floats(expected), digits), rtol=0, atol=1e-12)
        and not np.allclose(_floats(got), _floats(expected), rtol=1e-7, atol=1e-9)
        for digits in range(1, 7)
    )


NOT_NORMALISED = (
    "these are the exponentials, not yet normalised: they do not add up to 1. The second "
    "step is missing."
)
STOPS_EARLY = "only the first probability came back: look for a return inside the loop."

SOFTMAX_PYTHON = [
    Mistake(
        "the outputs are divided by their sum without being exponentiated first: a negative "
        "output would give a negative probability.",
        gives=lambda outputs: _divided(outputs, sum(outputs)),
    ),
    Mistake(NOT_NORMALISED, gives=_exponentials),
    Mistake(
        "the exponentials are divided by the largest one: the largest becomes 1 and the "
        "results add up to more than 1. The divisor is their sum.",
        gives=lambda outputs: _divided(_exponentials(outputs), max(_exponentials(outputs))),
    ),
    Mistake(
        "the exponentials are divided by the sum of the outputs: the divisor is the sum of "
        "the exponentials.",
        gives=lambda outputs: _divided(_exponentials(outputs), sum(outputs)),
    ),
    Mistake(
        "the divisor is e to the power of the sum of the outputs, which is not the sum of "
        "the exponentials (e^a · e^b is e^(a+b), not e^a + e^b).",
        gives=lambda outputs: _divided(_exponentials(outputs), math.exp(sum(outputs))),
    ),
    Mistake(
        "the exponentials are divided by the number of outputs (an average), not by their sum.",
        gives=lambda outputs: _divided(_exponentials(outputs), len(outputs)),
    ),
    Mistake(
        "each exponential is divided by a running total: the sum must be complete, over all "
        "the outputs, before the first division.",
        gives=_running_total,
    ),
    Mistake(
        "the divisions round down to whole numbers: // is floor division, / is the division "
        "that keeps the fraction.",
        gives=lambda outputs: [e // sum(_exponentials(outputs)) for e in _exponentials(outputs)],
    ),
    Mistake(STOPS_EARLY, gives=lambda outputs: _softmax_list(outputs)[:1]),
    Mistake(
        "the order is reversed: the largest output gets the smallest probability. Look at "
        "the sign of the exponent.",
        gives=lambda outputs: _softmax_list([-z for z in outputs]),
    ),
    Mistake(
        "the probabilities are those of a power of a number a little off e (e rounded to a "
        "few digits?): math.exp, or math.e, has e to full precision.",
        shows=_other_base,
    ),
    Mistake(
        "the probabilities are rounded: return them at full precision (round only when printing).",
        shows=_rounded,
    ),
    Mistake(HARD_CODED, shows=one_of(BOOK_PROBABILITIES)),
]


# ----------------------------------------------------------------------------- row_sums, row_maxima

BOOK_BATCH = [[4.8, 1.21, 2.385], [8.9, -1.81, 0.2], [1.41, 1.051, 0.026]]


def _along_rows(reduce, what):
    """The mistakes of a reduction meant to give one value per row, as a column.

    Args:
        reduce: np.sum or np.max; what: "sums" or "maxima", for the hints.
    """
    columns = (
        f"these are the column {what}: axis 0 runs down the columns, across the samples. "
        f"Each sample is a row, and needs its own {what}."
    )
    return [
        Mistake(columns, gives=lambda batch: reduce(batch, axis=0)),
        Mistake(columns, gives=lambda batch: reduce(batch, axis=0, keepdims=True)),
        Mistake(
            f"the right {what}, but as a flat vector of shape (n_samples,): the result must "
            "be a column, shape (n_samples, 1), which lets numpy pair row i of a batch with "
            "value i. Look at keepdims.",
            gives=lambda batch: reduce(batch, axis=1),
        ),
        Mistake(
            f"the right {what}, but as a row of shape (1, n_samples): the result must be a "
            "column, shape (n_samples, 1).",
            gives=lambda batch: reduce(batch, axis=1)[np.newaxis, :],
        ),
        Mistake(
            "this is one value for the whole batch: the result needs one per sample (row).",
            gives=lambda batch: reduce(batch),
        ),
        Mistake(
            "this is one value for the whole batch, in a 1 × 1 array: the result needs one "
            "per sample (row).",
            gives=lambda batch: reduce(batch, keepdims=True),
        ),
    ]


ROW_SUMS = [
    *_along_rows(np.sum, "sums"),
    Mistake(
        "these are the rows' means, not their sums.",
        gives=lambda batch: np.mean(batch, axis=1, keepdims=True),
    ),
    Mistake(
        "these are the rows' largest values, not their sums.",
        gives=_row_maxima,
    ),
    Mistake(HARD_CODED, shows=one_of([[8.395], [7.29], [2.487]])),
]

ROW_MAXIMA = [
    *_along_rows(np.max, "maxima"),
    Mistake(
        "these are the positions of the largest values (column indices), not the values.",
        gives=lambda batch: np.argmax(batch, axis=1, keepdims=True),
    ),
    Mistake(
        "these are the rows' sums, not their largest values (copied from row_sums?).",
        gives=_row_sums,
    ),
    Mistake(
        "Python's built-in max compares whole rows of an array with each other, which "
        "numpy refuses: the largest value along an axis is numpy's job.",
        raised="truth value of an array",
    ),
    Mistake(
        "np.maximum compares two arrays element by element (it is ReLU's function) and "
        "takes no axis: the largest value along an axis is another numpy function.",
        raised=("maximum() takes from 2", "invalid keyword to ufunc 'maximum'"),
    ),
    Mistake(HARD_CODED, shows=one_of([[4.8], [8.9], [1.41]])),
]


# ----------------------------------------------------------------------------- softmax


def _shifted_exponentials(batch):
    """exp of each row minus its own maximum (the right numerators)."""
    batch = _floats(batch)
    return np.exp(batch - batch.max(axis=1, keepdims=True))


def _columns_sum_to_one(got, expected):
    """Whether the columns of got sum to 1 and its rows do not."""
    got = _floats(got)
    return bool(np.allclose(got.sum(axis=0), 1) and not np.allclose(got.sum(axis=1), 1))


def _batch_sums_to_one(got, expected):
    """Whether the whole of got, a batch of more than one row, sums to 1."""
    got = _floats(got)
    return bool(got.ndim == 2 and len(got) > 1 and np.isclose(got.sum(), 1))


OVERFLOW = (
    "an exponential overflowed: e to a large positive power is more than a float can hold. "
    "In each row the exponents must be at most 0, which only shifting the row by its own "
    "largest value guarantees (shifting by nothing, or by the row's smallest value, is not "
    "enough)."
)
UNDERFLOW = (
    "all of a row's exponentials became 0, and 0 / 0 gave nan: one maximum for the whole "
    "batch shifts a row of much smaller outputs far below 0. Each row needs its own maximum."
)
KEEPDIMS = (
    "without keepdims the row maxima or row sums form a flat vector, which numpy lines up "
    "with the COLUMNS: column j is shifted or divided by row j's value. On a square batch "
    "that raises no error, just wrong numbers; on any other it fails. Print the shapes of "
    "what you subtract and divide by."
)
COLUMNS = (
    "the columns sum to 1, not the rows: each sample is a row, and its probabilities are "
    "normalised along the row (axis 1)."
)
WHOLE_BATCH = (
    "the whole batch sums to 1, not each row: every sample's exponentials are divided by "
    "that sample's own sum."
)
NO_EXPONENTIAL = (
    "the outputs are normalised without being exponentiated: e to the power comes before "
    "the division."
)
REVERSED = (
    "the order is reversed: the largest output gets the smallest probability. Look at the "
    "sign of the exponent."
)
FIRST_ROW = "only the first sample's probabilities came back: look for a return inside a loop."

SOFTMAX = [
    Mistake(OVERFLOW, raised="FloatingPointError: overflow"),
    Mistake(UNDERFLOW, raised="FloatingPointError: invalid"),
    Mistake(KEEPDIMS, raised="could not be broadcast"),
    Mistake(
        KEEPDIMS,
        gives=lambda batch: _shifted_exponentials(batch) / _shifted_exponentials(batch).sum(axis=1),
    ),
    Mistake(
        KEEPDIMS,
        gives=lambda batch: course_softmax(_floats(batch) - _floats(batch).max(axis=1)),
    ),
    Mistake(
        KEEPDIMS,
        gives=lambda batch: (
            np.exp(_floats(batch) - _floats(batch).max(axis=1))
            / np.exp(_floats(batch) - _floats(batch).max(axis=1)).sum(axis=1)
        ),
    ),
    Mistake(KEEPDIMS, gives=lambda batch: np.exp(batch) / np.exp(batch).sum(axis=1)),
    Mistake(COLUMNS, shows=_columns_sum_to_one),
    Mistake(WHOLE_BATCH, shows=_batch_sums_to_one),
    Mistake(NOT_NORMALISED, gives=_shifted_exponentials),
    Mistake(NOT_NORMALISED, gives=lambda batch: np.exp(batch)),
    Mistake(NO_EXPONENTIAL, gives=lambda batch: batch / np.sum(batch, axis=1, keepdims=True)),
    Mistake(
        NO_EXPONENTIAL,
        gives=lambda batch: (
            (batch - _row_maxima(batch)) / np.sum(batch - _row_maxima(batch), axis=1, keepdims=True)
        ),
    ),
    Mistake(REVERSED, gives=lambda batch: course_softmax(-_floats(batch))),
    Mistake(FIRST_ROW, gives=lambda batch: course_softmax(_floats(batch))[:1]),
    Mistake(FIRST_ROW, gives=lambda batch: course_softmax(_floats(batch))[0]),
]


# ----------------------------------------------------------------------------- Softmax

MADE_WITH_INPUTS = (
    "__init__() missing",
    "Softmax() is made without arguments (as the test and the network do): the inputs "
    "arrive later, in forward.",
)

SOFTMAX_CLASS = [
    Mistake(
        "forward returns nothing: it stores the probabilities in self.output AND returns "
        "them, so that the next step can use the return value.",
        shows=lambda got, expected: got is None,
    ),
    Mistake("forward returns its inputs unchanged.", gives=lambda inputs: inputs),
    Mistake(
        "forward returns the layer itself (self), not the probabilities.",
        shows=lambda got, expected: hasattr(got, "forward"),
    ),
    Mistake(
        "forward is a method: Python passes the object itself as its first argument, so "
        "its parameters are self and then the inputs.",
        raised="takes 1 positional argument but 2 were given",
    ),
    Mistake(
        "forward reads self.output before it has set it: compute the probabilities first.",
        raised="object has no attribute 'output'",
    ),
    *SOFTMAX,
]


# ----------------------------------------------------------------------------- forward_pass


def _fresh_generator_per_layer(X, rng):
    """Each dense layer made from its own new RandomState(0)."""
    first, second = (
        DenseLayer(2, 3, np.random.RandomState(0)),
        DenseLayer(3, 3, np.random.RandomState(0)),
    )
    return course_softmax(second.forward(relu(first.forward(X))))


NEW_GENERATOR = (
    "the layers draw from a new generator: the rng passed in, which has already made the "
    "data, must make the weights (the book's weights continue its stream)."
)
NOT_PROBABILITIES = (
    "the rows do not sum to 1, so they are not probabilities: the last step of the network "
    "is softmax, after the second dense layer."
)

FORWARD_PASS = [
    Mistake(
        "the ReLU between the two dense layers is missing.",
        gives=lambda X, rng: book_network(X, rng, hidden=lambda z: z),
    ),
    Mistake(
        "the hidden layer's activation is softmax: between the two dense layers comes ReLU.",
        gives=lambda X, rng: book_network(X, rng, hidden=course_softmax),
    ),
    Mistake(
        "a ReLU comes after the second dense layer too: its outputs go straight into softmax.",
        gives=lambda X, rng: book_network(X, rng, last=lambda z: course_softmax(relu(z))),
    ),
    Mistake(
        "the second dense layer was created first: each layer draws its weights from rng "
        "when it is created, so the order of creation decides which weights it gets.",
        gives=lambda X, rng: book_network(X, rng, order=(1, 0)),
    ),
    Mistake(NEW_GENERATOR, gives=lambda X, rng: book_network(X, np.random.RandomState(0))),
    Mistake(NEW_GENERATOR, gives=lambda X, rng: book_network(X, np.random.default_rng(0))),
    Mistake(NEW_GENERATOR, gives=_fresh_generator_per_layer),
    Mistake(
        "the second dense layer has the wrong number of neurons: there is one per class (3).",
        gives=lambda X, rng: book_network(X, rng, sizes=((2, 3), (3, 2))),
    ),
    Mistake(
        "a dense layer's size does not fit what comes into it: the first takes the 2 "
        "features of each sample, the second the 3 outputs of the first. DenseLayer's "
        "arguments are (n_inputs, n_neurons).",
        raised=MATRIX_PRODUCT_ERRORS,
    ),
    Mistake(NOT_PROBABILITIES, shows=lambda got, expected: not np.allclose(np.sum(got, axis=1), 1)),
    Mistake(COLUMNS, shows=_columns_sum_to_one),
    Mistake(WHOLE_BATCH, shows=_batch_sums_to_one),
    Mistake(
        "these are the predicted classes; forward_pass returns the probabilities they come from.",
        gives=lambda X, rng: np.argmax(book_network(X, rng), axis=1),
    ),
    Mistake(
        "forward_pass returns a layer object, not its output.",
        shows=lambda got, expected: hasattr(got, "forward"),
    ),
]
