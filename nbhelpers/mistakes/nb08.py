"""Notebook 08 · Loss and accuracy: the mistakes its tests name.

One list per exercise: CROSSENTROPY_PYTHON (one sample, plain Python),
CATEGORICAL_CROSSENTROPY (one loss per sample of a batch), LOSS_FORWARD and LOSS_CALCULATE
(the two methods of the class ``CategoricalCrossentropy``), ACCURACY and UNTRAINED (the
loss and accuracy of the book's untrained network). Most mistakes are recognised by
recomputing what the mistaken code returns for the test's own inputs (``gives``), so their
hints fire on hidden inputs too; the log of 0 by what numpy raises under the tests' strict
floats (or ``math.log`` raises), and targets of the wrong form (one-hot rows where class
indices are expected, or the other way round) by numpy's indexing and broadcasting errors
on a batch that is not square, and by their values on a square one.

The exercises build on each other, and one mistake costs one exercise: the test of the
class runs it with the course's ``categorical_crossentropy`` in place of the student's,
the test of the batch loss with the course's one-sample loss (:func:`crossentropy_python`)
in place of theirs, and the untrained network's loss and accuracy are computed with the
course's layers, loss and accuracy (:mod:`nbhelpers.layers`; the exercise says so, and the
test puts them in place of the student's own).
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from nbhelpers.checks import Mistake
from nbhelpers.layers import CLIP, accuracy, categorical_crossentropy, class_indices
from nbhelpers.mistakes.nb07 import HARD_CODED, _rounded, book_network, one_of

# ---------------------------------------------------------------------- the course's pieces


def crossentropy_python(probabilities, one_hot):
    """The course's loss of one sample, in plain Python: -ln of the true class's probability.

    Args:
        probabilities: list or tuple of K probabilities; one_hot: K numbers, 1 at the
            true class and 0 elsewhere.

    Returns:
        float.
    """
    return -math.log(probabilities[list(one_hot).index(1)])


def untrained(X, y, rng, **network):
    """The course's untrained_loss_and_accuracy (with no ``network`` options).

    Args:
        X: array (n_samples, 2); y: class indices (n_samples,); rng: the generator the
            dense layers draw from.
        **network: options of :func:`nbhelpers.mistakes.nb07.book_network`, for the
            mistaken networks.

    Returns:
        tuple (loss, accuracy) of floats.
    """
    probabilities = book_network(X, rng, **network)
    return float(np.mean(categorical_crossentropy(probabilities, y))), accuracy(probabilities, y)


# ----------------------------------------------------------------------------------------- helpers


def _floats(values):
    """An array of floats (a copy)."""
    return np.array(values, dtype=float)


def _true_class(probabilities, targets, low=CLIP, high=1 - CLIP):
    """Each sample's probability of its true class, clipped to [low, high]: array (n,)."""
    clipped = np.clip(_floats(probabilities), low, high)
    return clipped[np.arange(len(clipped)), class_indices(targets)]


def _losses(probabilities, targets, log=np.log, **clip):
    """The per-sample losses, with another logarithm or other clipping bounds."""
    return -log(_true_class(probabilities, targets, **clip))


def _one_hot(probabilities, targets):
    """The targets as one-hot rows, whatever their form: array (n_samples, n_classes)."""
    return np.eye(np.shape(probabilities)[1])[class_indices(targets)]


def _table(probabilities, targets):
    """The n × K table of the terms -ln(p) × one-hot target, p clipped."""
    return -np.log(np.clip(_floats(probabilities), CLIP, 1 - CLIP)) * _one_hot(
        probabilities, targets
    )


def _one_hot_only(targets):
    """The targets, if they are one-hot rows; otherwise the mistake does not apply."""
    targets = np.asarray(targets)
    if targets.ndim != 2:
        raise ValueError("the mistake needs one-hot targets")
    return targets


def _sparse_only(targets):
    """The targets, if they are class indices; otherwise the mistake does not apply."""
    targets = np.asarray(targets)
    if targets.ndim != 1:
        raise ValueError("the mistake needs class indices")
    return targets


def _is_nan(got, expected):
    """Whether got is a float nan."""
    return isinstance(got, numbers.Real) and math.isnan(got)


# ----------------------------------------------------------------------------- crossentropy_python

BOOK_LOSS = 0.35667494393873245  # -ln 0.7


def _p_true(probabilities, one_hot):
    """The probability of the class whose target is 1."""
    return probabilities[list(one_hot).index(1)]


LOG_OF_ZERO_TERM = (
    "a class whose target is 0 has probability 0 here, and its log is minus infinity "
    "(math.log refuses it; numpy gives -inf, and 0 × -inf is nan, not 0). A term whose "
    "target is 0 adds nothing to the sum: skip it instead of taking its log."
)
NO_MINUS = (
    "the loss is negative: the log of a probability (at most 1) is at most 0, and the loss "
    "is its negative, so that a smaller probability gives a larger loss. Look for the minus sign."
)
LOG10 = (
    "this is a logarithm to base 10 (math.log10 or np.log10): the loss uses the natural "
    "logarithm, ln, which is math.log or np.log."
)
LOG2 = (
    "this is a logarithm to base 2 (math.log2 or np.log2): the loss uses the natural "
    "logarithm, ln, which is math.log or np.log."
)
CLASS_ZERO = (
    "this is the loss of class 0 whatever the target: the target says which class is the "
    "true one, and only that class's probability counts."
)
PREDICTED = (
    "this is minus the log of the LARGEST probability, the network's prediction: the loss "
    "takes the probability of the TRUE class (where the target is 1), whatever the network "
    "predicts. A confident wrong prediction must cost a lot."
)

CROSSENTROPY_PYTHON = [
    Mistake(LOG_OF_ZERO_TERM, raised="math domain error"),
    Mistake(LOG_OF_ZERO_TERM, shows=_is_nan),
    Mistake(NO_MINUS, gives=lambda p, t: math.log(_p_true(p, t))),
    Mistake(LOG10, gives=lambda p, t: -math.log10(_p_true(p, t))),
    Mistake(LOG2, gives=lambda p, t: -math.log2(_p_true(p, t))),
    Mistake(CLASS_ZERO, gives=lambda p, t: -math.log(p[0])),
    Mistake(PREDICTED, gives=lambda p, t: -math.log(max(p))),
    Mistake(
        "the logs of ALL the probabilities are added up: the targets multiply the terms, so "
        "only the true class's term is left.",
        gives=lambda p, t: -sum(math.log(v) for v in p),
    ),
    Mistake(
        "this is 1 minus the probability of the true class: the loss is minus its natural "
        "logarithm, which grows without limit as the probability goes to 0.",
        gives=lambda p, t: 1 - _p_true(p, t),
    ),
    Mistake(
        "this is the probability of the true class itself: the loss is minus its natural "
        "logarithm.",
        gives=_p_true,
    ),
    Mistake(
        "the sum is divided by the number of classes: the loss of one sample is the sum of "
        "the terms, not their mean.",
        gives=lambda p, t: -math.log(_p_true(p, t)) / len(p),
    ),
    Mistake(
        "these are the terms of the sum, one per class: the loss is one number, their sum.",
        gives=lambda p, t: [-math.log(v) if y else 0.0 for v, y in zip(p, t)],
    ),
    Mistake(
        "only the first class's term came back: look for a return inside the loop.",
        gives=lambda p, t: -t[0] * math.log(p[0]) if t[0] else 0.0,
    ),
    Mistake(
        "one_hot is the whole list of targets, not a position in the list: find the position "
        "of the 1 first, or pair each probability with its target (zip) and add up the terms.",
        raised=("list indices must be integers", "tuple indices must be integers"),
    ),
    Mistake(
        "math.log takes one number, not a list: take the log of each probability in a loop "
        "(or of the one that counts).",
        raised="must be real number, not",
    ),
    Mistake(
        "Python lists do not multiply element by element: pair each probability with its "
        "target (zip) and multiply the pairs.",
        raised=("can't multiply sequence", "unsupported operand type(s) for *"),
    ),
    Mistake(
        "the loss is rounded: return it at full precision (round only when printing).",
        shows=_rounded,
    ),
    Mistake(HARD_CODED, shows=one_of(BOOK_LOSS)),
]


# ------------------------------------------------------------------------ categorical_crossentropy

BOOK_BATCH = [[0.7, 0.1, 0.2], [0.1, 0.5, 0.4], [0.02, 0.9, 0.08]]
BOOK_LOSSES = [0.35667494393873245, 0.6931471805599453, 0.10536051565782628]

LOG_OF_ZERO = (
    "a 0 reached the log: log(0) is minus infinity (numpy says 'divide by zero'), and one "
    "infinite loss makes the whole batch's mean infinite. Clip the probabilities to "
    "[1e-7, 1 - 1e-7] before the log. (Clipped already? Then the 0 comes from a sum after "
    "the clipping: one-hot products added down the columns, axis 0, give 0 for a class no "
    "sample has; each sample's row adds along axis 1.)"
)
ONE_SIDE = (
    "only the lower end is clipped: the probabilities are clipped to [1e-7, 1 - 1e-7], both "
    "ends, so that a probability of 1 (or, after rounding, a hair above 1) gives a loss of "
    "about 1e-7, never 0 or a negative one."
)
OTHER_BOUNDS = (
    "the probabilities are clipped, but not to [1e-7, 1 - 1e-7]: a probability of 0 for the "
    "true class must give -ln(1e-7) ≈ 16.118."
)
EPSILON_ADDED = (
    "1e-7 is added to every probability instead of clipping them: that shifts every loss a "
    "little (and a probability of 1 becomes more than 1). Clipping changes only the values "
    "outside [1e-7, 1 - 1e-7]."
)
ONE_HOT_AS_SPARSE = (
    "one-hot targets (a 2-D array, one row of 0s and a 1 per sample) were used as class "
    "indices: tell the two forms apart by their number of dimensions, and handle each."
)
SPARSE_AS_ONE_HOT = (
    "class indices (a 1-D array, one whole number per sample) were treated as one-hot rows: "
    "tell the two forms apart by their number of dimensions, and handle each."
)
COLUMNS = (
    "the terms were added down the columns (axis 0), across the samples: each sample's loss "
    "adds up its own row (axis 1)."
)
NOT_SUMMED = (
    "this is the table of terms, n_samples × n_classes, mostly 0s: each row still needs "
    "adding up (axis 1) to give that sample's loss."
)
ALL_ADDED = (
    "all the samples' losses were added into one number: categorical_crossentropy returns "
    "one loss per sample, an array of shape (n_samples,)."
)
MEAN_RETURNED = (
    "this is the batch's mean loss: categorical_crossentropy returns one loss per sample, "
    "an array of shape (n_samples,). The mean is calculate's job, in Exercise 3."
)
ROWS = (
    "indexing with the targets alone picks whole rows: probabilities[targets] is rows "
    "number targets[0], targets[1], ... Each sample (row i) needs its own target's column: "
    "index the rows and the columns together."
)
TABLE = (
    "probabilities[:, targets] picks every sample's probability of every target class, an "
    "n × n table: each sample (row i) needs only column targets[i]. Index the rows and the "
    "columns together."
)
FIRST_SAMPLE = "only the first sample's loss came back: look for a return inside a loop."

CATEGORICAL_CROSSENTROPY = [
    Mistake(LOG_OF_ZERO, raised="FloatingPointError: divide by zero"),
    Mistake(LOG_OF_ZERO, raised=("FloatingPointError: invalid", "math domain error")),
    Mistake(ONE_SIDE, gives=lambda p, t: _losses(p, t, high=np.inf)),
    *(
        Mistake(OTHER_BOUNDS, gives=lambda p, t, e=e: _losses(p, t, low=e, high=1 - e))
        for e in (1e-8, 1e-10, 1e-12, 1e-15)
    ),
    *(
        Mistake(OTHER_BOUNDS, gives=lambda p, t, e=e: _losses(p, t, low=e, high=np.inf))
        for e in (1e-8, 1e-10, 1e-12, 1e-15)
    ),
    Mistake(
        EPSILON_ADDED,
        gives=lambda p, t: -np.log(_true_class(p, t, low=-np.inf, high=np.inf) + CLIP),
    ),
    Mistake(
        ONE_HOT_AS_SPARSE,
        raised=("shape mismatch: indexing arrays", "arrays used as indices must be of integer"),
    ),
    Mistake(
        ONE_HOT_AS_SPARSE,
        gives=lambda p, t: (
            -np.log(np.clip(_floats(p), CLIP, 1 - CLIP)[np.arange(len(p)), _one_hot_only(t)])
        ),
    ),
    Mistake(
        SPARSE_AS_ONE_HOT, raised=("operands could not be broadcast", "axis 1 is out of bounds")
    ),
    Mistake(
        SPARSE_AS_ONE_HOT,
        gives=lambda p, t: (
            -np.log(np.sum(np.clip(_floats(p), CLIP, 1 - CLIP) * _sparse_only(t), axis=1))
        ),
    ),
    Mistake(
        COLUMNS,
        gives=lambda p, t: (
            -np.log(np.sum(np.clip(_floats(p), CLIP, 1 - CLIP) * _one_hot(p, t), axis=0))
        ),
    ),
    Mistake(COLUMNS, gives=lambda p, t: np.sum(_table(p, t), axis=0)),
    Mistake(NOT_SUMMED, gives=_table),
    Mistake(ALL_ADDED, gives=lambda p, t: float(np.sum(_losses(p, t)))),
    Mistake(MEAN_RETURNED, gives=lambda p, t: float(np.mean(_losses(p, t)))),
    Mistake(NO_MINUS, gives=lambda p, t: -_losses(p, t)),
    Mistake(LOG10, gives=lambda p, t: _losses(p, t, log=np.log10)),
    Mistake(LOG2, gives=lambda p, t: _losses(p, t, log=np.log2)),
    Mistake(
        CLASS_ZERO,
        gives=lambda p, t: -np.log(np.clip(_floats(p), CLIP, 1 - CLIP)[:, 0]),
    ),
    Mistake(
        PREDICTED,
        gives=lambda p, t: -np.log(np.clip(np.max(_floats(p), axis=1), CLIP, 1 - CLIP)),
    ),
    Mistake(
        ROWS,
        gives=lambda p, t: -np.log(np.clip(_floats(p), CLIP, 1 - CLIP)[_sparse_only(t)]),
    ),
    Mistake(
        TABLE,
        gives=lambda p, t: -np.log(np.clip(_floats(p), CLIP, 1 - CLIP)[:, _sparse_only(t)]),
    ),
    Mistake(FIRST_SAMPLE, gives=lambda p, t: _losses(p, t)[:1]),
    Mistake(FIRST_SAMPLE, gives=lambda p, t: float(_losses(p, t)[0])),
    Mistake(HARD_CODED, shows=one_of(BOOK_LOSSES)),
]


# ------------------------------------------------------------------------- CategoricalCrossentropy

MADE_WITH_INPUTS = (
    "__init__() missing",
    "CategoricalCrossentropy() is made without arguments (as the test does): the "
    "probabilities and targets arrive later, in forward and calculate.",
)
METHOD_SELF = (
    "forward and calculate are methods: Python passes the object itself as their first "
    "argument, so their parameters are self, then the probabilities and the targets."
)


LOSS_FORWARD = [
    Mistake(
        "forward returns the mean loss: it returns one loss per sample, an array of shape "
        "(n_samples,), and calculate averages them.",
        gives=lambda p, t: float(np.mean(_losses(p, t))),
    ),
    Mistake(
        "forward returns the layer itself (self), not the losses.",
        shows=lambda got, expected: hasattr(got, "forward"),
    ),
    Mistake(METHOD_SELF, raised="takes 2 positional arguments but 3 were given"),
    *(m for m in CATEGORICAL_CROSSENTROPY if m.hint != MEAN_RETURNED),
]

LOSS_CALCULATE = [
    Mistake(
        "the losses are added up but not divided by the number of samples: calculate gives "
        "their mean, so that the loss does not grow with the size of the batch.",
        gives=lambda p, t: float(np.sum(_losses(p, t))),
    ),
    Mistake(
        "the sum of the losses is divided by the number of classes: the mean divides by "
        "the number of samples (rows).",
        gives=lambda p, t: float(np.sum(_losses(p, t)) / np.shape(p)[1]),
    ),
    Mistake(
        "the mean is taken over every entry of the n × K table of terms, the 0s of the "
        "other classes included: that divides by n × K. Each sample's loss adds up its row "
        "first; calculate then averages the samples' losses.",
        gives=lambda p, t: float(np.mean(_table(p, t))),
    ),
    Mistake(
        "the mean runs along each row of the table of terms (axis 1), which divides each "
        "sample's loss by the number of classes: add the rows up, then average the samples.",
        gives=lambda p, t: np.mean(_table(p, t), axis=1),
    ),
    Mistake(
        "this is a mean per class (axis 0, down the columns): calculate averages the "
        "samples' losses into one number.",
        gives=lambda p, t: np.mean(_table(p, t), axis=0),
    ),
    Mistake(
        "calculate returns one loss per sample: it returns one number, their mean.",
        gives=lambda p, t: _losses(p, t),
    ),
    Mistake(
        "this is minus the log of the MEAN probability of the true classes: the loss is the "
        "mean of the samples' losses, each taken on its own (the mean of the logs).",
        gives=lambda p, t: float(-np.log(np.mean(_true_class(p, t)))),
    ),
    Mistake(
        "the division rounds down to a whole number: // is floor division, / keeps the fraction.",
        gives=lambda p, t: float(np.sum(_losses(p, t)) // len(p)),
    ),
    Mistake(
        "calculate returns the layer itself (self), not the mean loss.",
        shows=lambda got, expected: hasattr(got, "forward"),
    ),
    Mistake(
        "forward needs both the probabilities and the targets: calculate must pass both on.",
        raised="missing 1 required positional argument",
    ),
    Mistake(METHOD_SELF, raised="takes 2 positional arguments but 3 were given"),
    Mistake(HARD_CODED, shows=one_of(0.38506088005216804)),
]


# ---------------------------------------------------------------------------------------- accuracy


def _predicted(p):
    """Each sample's most probable class: array (n,)."""
    return np.argmax(_floats(p), axis=1)


def _correct(p, t):
    """One bool per sample: is its most probable class its true class?"""
    return _predicted(p) == class_indices(t)


LINE_UP = (
    "the predictions and the targets do not line up, one per sample: argmax must give one "
    "class per sample (along axis 1, the classes), and one-hot targets must become class "
    "indices before the comparison."
)

ACCURACY = [
    Mistake(LINE_UP, raised="operands could not be broadcast"),
    Mistake(
        "argmax over axis 0 gives, for each class, the sample with the highest probability: "
        "each sample's predicted class is the argmax along its row (axis 1).",
        gives=lambda p, t: float(np.mean(np.argmax(_floats(p), axis=0) == class_indices(t))),
    ),
    Mistake(
        SPARSE_AS_ONE_HOT,
        raised=("axis 1 is out of bounds", "AxisError"),
    ),
    Mistake(
        ONE_HOT_AS_SPARSE,
        gives=lambda p, t: float(np.mean(_predicted(p) == _one_hot_only(t))),
    ),
    Mistake(
        "this is the number of correct predictions: the accuracy is the fraction of samples "
        "predicted correctly, the count divided by the number of samples.",
        gives=lambda p, t: int(np.sum(_correct(p, t))),
    ),
    Mistake(
        "the division rounds down to a whole number: // is floor division, / keeps the fraction.",
        shows=lambda got, expected: isinstance(got, numbers.Integral) and got == 0 and expected > 0,
    ),
    Mistake(
        "this is a percentage: the accuracy is a fraction between 0 and 1.",
        gives=lambda p, t: 100 * float(np.mean(_correct(p, t))),
    ),
    Mistake(
        "this is the fraction of WRONG predictions: the accuracy counts the samples whose "
        "predicted class equals the target.",
        gives=lambda p, t: 1 - float(np.mean(_correct(p, t))),
    ),
    Mistake(
        "argmin gives the LEAST probable class: the prediction is the most probable one.",
        gives=lambda p, t: float(np.mean(np.argmin(_floats(p), axis=1) == class_indices(t))),
    ),
    Mistake(
        "the largest probabilities themselves were compared with the class labels: a "
        "probability like 0.7 never equals a class like 0 or 1. The prediction is the "
        "POSITION of the largest probability.",
        shows=lambda got, expected: not isinstance(got, numbers.Integral) and got == 0 != expected,
    ),
    Mistake(
        "comparing one-hot rows entry by entry also counts the 0s that agree: compare one "
        "class per sample (the argmax of the probabilities with the class index).",
        gives=lambda p, t: float(np.mean(np.eye(np.shape(p)[1])[_predicted(p)] == _one_hot(p, t))),
    ),
    *(
        Mistake("only the first sample was judged: look for a return inside a loop.", gives=gives)
        for gives in (
            lambda p, t: float(_correct(p, t)[0]),
            lambda p, t: float(_correct(p, t)[0]) / len(p),
        )
    ),
    Mistake(
        "this is one True/False per sample: the accuracy is their mean, one number.",
        gives=_correct,
    ),
    Mistake(
        "these are the predicted classes: the accuracy compares them with the targets.",
        gives=lambda p, t: _predicted(p),
    ),
    Mistake(HARD_CODED, shows=one_of(2 / 3)),
]


# --------------------------------------------------------------------- untrained_loss_and_accuracy

BOOK_LOSS_AND_ACCURACY = (1.098610461546517, 0.34)


def _scaled(loss_and_accuracy, factors):
    """(loss, accuracy), each multiplied by its factor (the number of samples, or 1)."""
    return tuple(value * factor for value, factor in zip(loss_and_accuracy, factors))


UNTRAINED = [
    Mistake(
        "the ReLU between the two dense layers is missing.",
        gives=lambda X, y, rng: untrained(X, y, rng, hidden=lambda z: z),
    ),
    Mistake(
        "the second dense layer was created first: each layer draws its weights from rng "
        "when it is created, so the order of creation decides which weights it gets.",
        gives=lambda X, y, rng: untrained(X, y, rng, order=(1, 0)),
    ),
    Mistake(
        "the layers draw from a new generator: the rng passed in must make the weights.",
        gives=lambda X, y, rng: untrained(X, y, np.random.RandomState(0)),
    ),
    Mistake(
        "the loss is the sum of the samples' losses: it is their mean.",
        gives=lambda X, y, rng: _scaled(untrained(X, y, rng), (len(y), 1)),
    ),
    Mistake(
        "the accuracy is a count of correct predictions: it is their fraction.",
        gives=lambda X, y, rng: _scaled(untrained(X, y, rng), (1, len(y))),
    ),
    Mistake(
        "the loss and the accuracy are swapped: return (loss, accuracy), in that order.",
        gives=lambda X, y, rng: untrained(X, y, rng)[::-1],
    ),
    Mistake(
        "the loss was computed from the second dense layer's outputs: the loss needs "
        "probabilities, the softmax of those outputs.",
        gives=lambda X, y, rng: untrained(X, y, rng, last=lambda z: z),
    ),
    Mistake(
        "the loss is exactly ln 3, what probabilities of exactly 1/3 would give: the "
        "network's probabilities are only close to 1/3, and its loss a little below ln 3.",
        shows=lambda got, expected: abs(got[0] - math.log(3)) < 1e-12,
    ),
    Mistake(
        "this is one number: untrained_loss_and_accuracy returns two, (loss, accuracy).",
        shows=lambda got, expected: isinstance(got, numbers.Real),
    ),
    Mistake(
        "the first item holds one loss per sample: the loss is their mean, one number.",
        shows=lambda got, expected: np.ndim(got[0]) == 1,
    ),
    Mistake(LINE_UP, raised="operands could not be broadcast"),
    Mistake(HARD_CODED, shows=one_of(BOOK_LOSS_AND_ACCURACY)),
]
