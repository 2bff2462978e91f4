"""Notebook 04 · Batches: the mistakes its tests name.

One list per exercise: MATMUL, TRANSPOSE, ROW_VECTOR and COLUMN_VECTOR (the two functions of
one exercise), BROADCAST_SHAPE and LAYER_BATCH; and :func:`check_rows_are_lists`, for the
exercises that return a list of rows. Most mistakes are recognised by recomputing what the
mistaken code returns for the test's own inputs (``gives``), or by a property of the result
(``shows``), so their hints fire on hidden inputs too.
"""

from __future__ import annotations

import numpy as np

from nbhelpers.checks import MATRIX_PRODUCT_ERRORS, CheckFailure, Mistake, run

HARD_CODED = "the result is the book's example whatever the input: is it hard-coded?"

SAME_ROW = (
    "every row of the result is the same (the last one computed): the rows are one list "
    "repeated, so writing into one of them writes into all."
)

NO_NUMPY_METHODS = (
    "`v` may be a plain list or tuple, and those have no numpy attributes such as .T, "
    ".shape or .reshape."
)

ROWS_ARE_TUPLES = (
    "the rows are tuples (zip makes tuples) where the exercise asks for a list of lists: "
    "a tuple cannot be changed in place."
)


def _product(a, b):
    """The matrix product of two lists of rows, as a list of rows."""
    return [[sum(x * y for x, y in zip(row, col)) for col in zip(*b)] for row in a]


def _transposed(matrix):
    """A list of rows, transposed, as a list of lists."""
    return [list(col) for col in zip(*matrix)]


def _same(got, value):
    """Whether got has value's shape and values (within float32's precision), as arrays."""
    got, value = np.asarray(got, dtype=float), np.asarray(value, dtype=float)
    return got.shape == value.shape and np.allclose(got, value, rtol=1e-5, atol=1e-6)


def _one_of(*values):
    """A ``shows``: the result is one of these values (the visible examples' answers), and
    not the expected one."""
    return lambda got, expected: not _same(got, expected) and any(_same(got, v) for v in values)


def check_rows_are_lists(func, *args):
    """Fail with ROWS_ARE_TUPLES when func(*args), a list of rows, is not a list of lists.

    Args:
        func: the student's function; args: its (visible) arguments.

    Raises:
        CheckFailure: the result, or one of its rows, is a tuple (or another sequence).
    """
    __tracebackhide__ = True
    result = run(func, *args)
    rows = sorted({type(row).__name__ for row in result})
    if not isinstance(result, list) or rows != ["list"]:
        raise CheckFailure(
            f"{func.__name__}: returned a {type(result).__name__} of rows of type "
            f"{' and '.join(rows)} where a list of lists is expected",
            hints=[ROWS_ARE_TUPLES],
        )


# ----------------------------------------------------------------------------- matmul


def _skip_first(a, b):
    """Each entry without the first term of its dot product."""
    return [[sum(x * y for x, y in list(zip(row, col))[1:]) for col in zip(*b)] for row in a]


def _skip_last(a, b):
    """Each entry without the last term of its dot product."""
    return [[sum(x * y for x, y in list(zip(row, col))[:-1]) for col in zip(*b)] for row in a]


def _sum_over_rows_of_a(a, b):
    """Each entry summed over as many terms as a has rows."""
    return [[sum(row[t] * b[t][j] for t in range(len(a))) for j in range(len(b[0]))] for row in a]


ONE_TERM_MISSING = (
    "one term of every dot product is missing: check the range of the index that runs "
    "along a row of a (it must cover all k positions)."
)
STOPS_EARLY = (
    "the result stops after its first row (or first entry): look for a return inside a loop."
)

MATMUL = [
    Mistake(
        "the result is flat, one list of all the entries: a matrix is a list of rows.",
        gives=lambda a, b: [x for row in _product(a, b) for x in row],
    ),
    Mistake(
        "the result is transposed: its rows are the columns of the product. Row i of the "
        "result belongs to row i of a, column j to column j of b.",
        gives=lambda a, b: _transposed(_product(a, b)),
    ),
    Mistake(
        "this is b times a: in the product a·b, the rows of the left matrix (a) meet the "
        "columns of the right one (b).",
        gives=lambda a, b: _product(b, a),
    ),
    Mistake(
        "each entry is a list of products: an entry is one number, the sum of those "
        "products (a dot product).",
        gives=lambda a, b: [[[x * y for x, y in zip(row, col)] for col in zip(*b)] for row in a],
    ),
    Mistake(
        "each row of a is dotted with a row of b: the product pairs a row of a with a COLUMN of b.",
        gives=lambda a, b: [[sum(x * y for x, y in zip(row, other)) for other in b] for row in a],
    ),
    Mistake(ONE_TERM_MISSING, gives=_skip_first),
    Mistake(ONE_TERM_MISSING, gives=_skip_last),
    Mistake(
        "the sum runs over the number of rows of a: it runs along a row of a, over k terms "
        "(k = the columns of a = the rows of b).",
        gives=_sum_over_rows_of_a,
    ),
    Mistake(STOPS_EARLY, gives=lambda a, b: _product(a, b)[:1]),
    Mistake(STOPS_EARLY, gives=lambda a, b: [_product(a, b)[0][:1]]),
    Mistake(SAME_ROW, gives=lambda a, b: [_product(a, b)[-1] for _ in a]),
    Mistake(
        "an index ran past the end of a list: check the count each loop runs over (the rows "
        "of a, the columns of b, and the k terms along a row of a).",
        raised="IndexError",
    ),
    Mistake(
        HARD_CODED,
        shows=_one_of(
            [[20]],
            [[2.8, -1.79, 1.885], [6.9, -4.81, -0.3], [-0.59, -1.949, -0.474]],
            [[1, 2, 4, 5], [3, 4, 10, 9], [5, 6, 16, 13]],
        ),
    ),
]


# ----------------------------------------------------------------------------- transpose


def _is_flat(got, expected):
    """Whether got is one flat list of all the entries of expected (a list of rows)."""
    return len(got) == len(expected) * len(expected[0]) and all(
        isinstance(x, (int, float)) for x in got
    )


ROTATED = (
    "the matrix is rotated, not transposed: the order along a row or a column is reversed. "
    "In a transpose, entry (i, j) moves to (j, i) and nothing else changes."
)

TRANSPOSE = [
    Mistake(
        "the result is the input unchanged: its rows must become the columns.",
        gives=lambda matrix: [list(row) for row in matrix],
    ),
    Mistake(
        "the result is flat, one list of all the entries: return a list of rows.", shows=_is_flat
    ),
    Mistake(
        "the result has one row per ROW of the input: it needs one row per column of the input.",
        gives=lambda matrix: [[row[j] for row in matrix] for j in range(len(matrix))],
    ),
    Mistake(ROTATED, gives=lambda matrix: [list(col) for col in zip(*matrix[::-1])]),
    Mistake(ROTATED, gives=lambda matrix: [list(col) for col in zip(*matrix)][::-1]),
    Mistake(
        "only the first row of the result is there: look for a return inside the loop.",
        gives=lambda matrix: [[row[0] for row in matrix]],
    ),
    Mistake(SAME_ROW, gives=lambda matrix: [[row[-1] for row in matrix] for _ in matrix[0]]),
    Mistake(
        "an index ran past the end of a list: check the count each loop runs over (the "
        "number of rows, or the length of a row) and which index picks the row.",
        raised="IndexError",
    ),
]


# ----------------------------------------------------------------------------- vectors

ROW_VECTOR = [
    Mistake(
        "the result is still a 1-D vector of shape (n,): a row vector is 2-D, shape (1, n).",
        gives=lambda v: np.array(v),
    ),
    Mistake(
        "this is a column (n, 1), not a row (1, n).",
        gives=lambda v: np.array(v).reshape(-1, 1),
    ),
    Mistake(NO_NUMPY_METHODS, raised="object has no attribute"),
]

COLUMN_VECTOR = [
    Mistake(
        ".T on a 1-D array changes nothing: the result is still 1-D, shape (n,).",
        gives=lambda v: np.array(v),
    ),
    Mistake(
        "this is a row vector (1, n); a column vector has shape (n, 1).",
        gives=lambda v: np.array([v]),
    ),
    Mistake(NO_NUMPY_METHODS, raised="object has no attribute"),
]


# ----------------------------------------------------------------------------- broadcast_shape


def _padded(a, b):
    """Both shapes as tuples of one length, 1s added on the left of the shorter one."""
    n = max(len(a), len(b))
    return (1,) * (n - len(a)) + tuple(a), (1,) * (n - len(b)) + tuple(b)


def _right_aligned(combine):
    """A ``gives``: the shapes lined up from the right, sizes combined by ``combine``."""
    return lambda a, b: tuple(combine(x, y) for x, y in zip(*_padded(a, b)))


def _left_aligned(a, b):
    """The shapes lined up from the left (1s added on the right), the larger size kept."""
    n = max(len(a), len(b))
    a, b = tuple(a) + (1,) * (n - len(a)), tuple(b) + (1,) * (n - len(b))
    return tuple(max(x, y) for x, y in zip(a, b))


UNCHANGED_SHAPE = (
    "the result is one of the two shapes unchanged: a size 1 (or a missing dimension) in "
    "either shape stretches to the other shape's size."
)
RIGHT_LENGTH = (
    "the result should have as many dimensions as the longer of the two shapes: a missing "
    "dimension counts as a 1, it does not disappear."
)

BROADCAST_SHAPE = [
    Mistake(
        "the shapes are lined up from the left: numpy lines them up from the right (last "
        "dimension under last dimension), so a shape (n,) acts as a row (1, n), not a column.",
        gives=_left_aligned,
    ),
    Mistake(
        RIGHT_LENGTH,
        shows=lambda got, expected: isinstance(got, (tuple, list)) and len(got) != len(expected),
    ),
    Mistake(UNCHANGED_SHAPE, gives=lambda a, b: tuple(a)),
    Mistake(UNCHANGED_SHAPE, gives=lambda a, b: tuple(a) if len(a) >= len(b) else tuple(b)),
    Mistake(UNCHANGED_SHAPE, gives=lambda a, b: max(tuple(a), tuple(b))),
    Mistake(
        "a size 1 won over the other size: a 1 is stretched to match the other size, so the "
        "larger size is kept.",
        gives=_right_aligned(min),
    ),
    Mistake(
        "sizes were multiplied: broadcasting never multiplies sizes, equal sizes stay as "
        "they are and a 1 stretches to the other size.",
        gives=_right_aligned(lambda x, y: x * y),
    ),
    Mistake(
        "the dimensions come out in reverse order: if you walked the shapes from the right, "
        "the result was built from the right too.",
        gives=lambda a, b: _right_aligned(max)(a, b)[::-1],
    ),
    Mistake(
        "the two shapes are joined end to end (+ on tuples joins them): the result has one "
        "size per dimension, the sizes combined pairwise.",
        gives=lambda a, b: tuple(a) + tuple(b),
    ),
    Mistake(
        "ValueError for shapes that do broadcast: two sizes fit when they are equal or when "
        "one of them is 1, and a missing dimension counts as 1.",
        raised="ValueError",
    ),
    Mistake(
        "an index ran past the end of a shape: shapes can have any number of dimensions "
        "(none, one, three, ...), and the two can differ in length.",
        raised="IndexError",
    ),
]


# ----------------------------------------------------------------------------- layer_batch


def _floats(x):
    """x as an array of float64."""
    return np.asarray(x, dtype=float)


def _products(inputs, weights):
    """Every sample dotted with every neuron's weights: (n_samples, n_neurons)."""
    return np.dot(_floats(inputs), _floats(weights).T)


def _row_with_row(inputs, weights, biases):
    """Sample i multiplied element by element with neuron i's weights, summed, for a batch of
    more than one sample."""
    if len(inputs) < 2:
        raise ValueError("a batch of one sample cannot show this mistake")
    return np.sum(_floats(inputs) * _floats(weights), axis=1) + _floats(biases)


def _first_sample_only(inputs, weights, biases):
    """The outputs for the first sample alone, 1-D, when the batch has more than one."""
    if len(inputs) < 2:
        raise ValueError("a batch of one sample cannot show this mistake")
    return np.dot(_floats(weights), _floats(inputs)[0]) + _floats(biases)


NOT_TRANSPOSED = (
    "the weights are not transposed: inputs are (samples, features) and weights (neurons, "
    "features), so the features are the LAST dimension of both. In a matrix product they "
    "must be the columns of the left operand and the rows of the right one."
)
SAME_BIAS = (
    "the same number is added to every output: each neuron has its own bias, added to its "
    "own column of the result."
)

LAYER_BATCH = [
    Mistake(NOT_TRANSPOSED, raised=MATRIX_PRODUCT_ERRORS),
    Mistake(NOT_TRANSPOSED, gives=lambda i, w, b: np.dot(_floats(i), _floats(w)) + _floats(b)),
    Mistake(
        "the result is organised neuron by sample (one row per neuron): each row should "
        "hold one sample's outputs, one per neuron.",
        gives=lambda i, w, b: np.dot(_floats(w), _floats(i).T) + _floats(b),
    ),
    Mistake(
        "the result is transposed: one row per neuron and one column per sample, where "
        "each row should be one sample.",
        shows=lambda got, expected: _same(got, np.asarray(expected).T),
    ),
    Mistake(
        "the biases are added as a column, one per sample: each bias belongs to one neuron, "
        "and a neuron is a COLUMN of the result (see the section on broadcasting).",
        gives=lambda i, w, b: _products(i, w) + _floats(b).reshape(-1, 1),
    ),
    Mistake("the biases are missing.", gives=lambda i, w, b: _products(i, w)),
    Mistake(SAME_BIAS, gives=lambda i, w, b: _products(i, w) + np.sum(_floats(b))),
    Mistake(SAME_BIAS, gives=lambda i, w, b: _products(i, w) + _floats(b)[0]),
    Mistake(
        "each bias is added more than once (once per input?): a neuron's bias is added once "
        "to its output, after the sum.",
        gives=lambda i, w, b: _products(i, w) + np.shape(i)[1] * _floats(b),
    ),
    Mistake(
        "each sample met only one neuron's weights (multiplied element by element, row with "
        "row): every sample must meet every neuron.",
        gives=_row_with_row,
    ),
    Mistake(
        "only the first sample's outputs came back: look for a return inside the loop over "
        "the samples.",
        gives=_first_sample_only,
    ),
    Mistake(
        "a batch of one sample must still give a 2-D result: one row, shape (1, n_neurons).",
        shows=lambda got, expected: (
            np.shape(expected)[:1] == (1,)
            and np.ndim(got) < 2
            and np.size(got) == np.size(expected)
        ),
    ),
    Mistake(
        "a nested list (or tuple) has no .T: the weights may come as plain Python lists.",
        raised=("'list' object has no attribute 'T'", "'tuple' object has no attribute 'T'"),
    ),
    Mistake(
        "the shapes in an element-wise step (most likely adding the biases) do not fit: the "
        "matrix product has one row per sample and one column per neuron, and the biases "
        "must line up with its columns (see the section on broadcasting).",
        raised="could not be broadcast",
    ),
    Mistake(
        HARD_CODED,
        shows=lambda got, expected: (
            any(
                _same(row, book)
                for row in np.asarray(got, dtype=float)
                for book in ([4.8, 1.21, 2.385], [8.9, -1.81, 0.2], [1.41, 1.051, 0.026])
            )
            and not _same(got, expected)
        ),
    ),
]
