"""Notebook 10 · Backpropagation: the mistakes its tests name.

A backward pass gives several gradients at once, and each is checked on its own, so most
exercises have one list per gradient. Each ``gives`` is called with the checked call's
arguments (the probes of :mod:`nbhelpers.probes` take the same arguments for each part):

* NEURON_DINPUTS, NEURON_DWEIGHTS, NEURON_DBIAS: one part each of ``neuron_gradients(inputs,
  weights, bias, dvalue)``, which returns ``(dinputs, dweights, dbias)``; GRADIENT_STEP:
  ``gradient_step(parameters, gradients, learning_rate)``;
* DENSE_DWEIGHTS, DENSE_DBIASES, DENSE_DINPUTS: a DenseLayer's gradients after
  ``forward(inputs)`` and ``backward(dvalues)``, probed as ``(weights, biases, inputs, dvalues)``;
* RELU_BACKWARD: a ReLU layer's ``dinputs`` after ``forward(inputs)``, ``backward(dvalues)``;
* SOFTMAX_CROSSENTROPY: ``softmax_crossentropy_backward(probabilities, targets)``;
* SPIRAL_DWEIGHTS1, SPIRAL_DBIASES1, SPIRAL_DWEIGHTS2, SPIRAL_DBIASES2: the gradients of the
  layers ``spiral_gradients(X, y, rng)`` returns.

Every mistake is recognised by what the mistaken code gives for the test's own inputs, so
its hint fires on hidden inputs too; a matrix product whose shapes do not fit, a missing
attribute and one-hot targets used as indices by what they raise. An answer changing an
argument in place (``dvalues``, the probabilities) is caught by the checks themselves.

:func:`book_gradients` is the course's backward pass of the book's spiral network, which
the test of ``spiral_gradients`` compares with; its options make the mistaken passes.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from nbhelpers.checks import MATRIX_PRODUCT_ERRORS, Mistake
from nbhelpers.layers import DenseLayer, ReLU, SoftmaxCrossentropy, class_indices, relu


def _parts(variants: list[tuple[str, Callable]], count: int) -> list[list[Mistake]]:
    """One list of mistakes per part of a result that has ``count`` parts.

    Args:
        variants: (hint, mistaken function returning all the parts); a part the mistake
            does not change is not blamed on it (see :func:`nbhelpers.verdicts.check_result`).
        count: how many parts the result has.

    Returns:
        ``count`` lists: list k recognises each variant by its part k.
    """

    def part(function: Callable, k: int) -> Callable:
        return lambda *args: function(*args)[k]

    return [[Mistake(hint, gives=part(f, k)) for hint, f in variants] for k in range(count)]


def _floats(values) -> np.ndarray:
    """An array of floats (a copy)."""
    return np.array(values, dtype=float)


# ----------------------------------------------------------------------------- neuron_gradients


def _neuron(inputs, weights, bias, dvalue, derivative=lambda z: float(z > 0), bias_in_z=True):
    """(dinputs, dweights, dbias) of the ReLU neuron max(0, Σ x·w + b), as the book computes
    them; ``derivative`` is what stands for ReLU's derivative at z."""
    z = sum(x * w for x, w in zip(inputs, weights)) + (bias if bias_in_z else 0.0)
    dz = dvalue * derivative(z)
    return [dz * w for w in weights], [dz * x for x in inputs], dz


def _one_unless_zero(z: float) -> float:
    """1, as a derivative that forgets ReLU; at z = 0 exactly, where this cannot be told from
    the derivative taken as 1 there (z >= 0), it is not computed."""
    if z == 0:
        raise ValueError("at 0, another mistake")
    return 1.0


def _swapped(*args):
    dinputs, dweights, dbias = _neuron(*args)
    return dweights, dinputs, dbias


def _products(inputs, weights, bias, dvalue):
    dinputs, _, dbias = _neuron(inputs, weights, bias, dvalue)
    return dinputs, [dbias * x * w for x, w in zip(inputs, weights)], dbias


NEURON_DINPUTS, NEURON_DWEIGHTS, NEURON_DBIAS = _parts(
    [
        (
            "the gradients of the inputs and of the weights are swapped: the gradient of a "
            "weight is the INPUT it multiplies (times the gradient coming back), and the "
            "gradient of an input is its WEIGHT.",
            _swapped,
        ),
        (
            "the gradient passes through ReLU even where z = Σ x·w + b is ≤ 0: there ReLU's "
            "derivative is 0, and so is every gradient before it.",
            lambda x, w, b, d: _neuron(x, w, b, d, derivative=_one_unless_zero),
        ),
        (
            "ReLU's derivative is 1 (where z > 0) or 0, not its output max(0, z).",
            lambda x, w, b, d: _neuron(x, w, b, d, derivative=lambda z: max(0.0, z)),
        ),
        (
            "at z = 0 exactly, ReLU's derivative is taken as 0 (the book's and the exercise's "
            "choice): look at the comparison that decides the derivative.",
            lambda x, w, b, d: _neuron(x, w, b, d, derivative=lambda z: float(z >= 0)),
        ),
        (
            "the gradient from the next layer, dvalue, is not used: the chain rule multiplies "
            "every local derivative by it.",
            lambda x, w, b, d: _neuron(x, w, b, 1.0),
        ),
        (
            "z, the value ReLU sees, leaves out the bias: ReLU's derivative depends on "
            "Σ x·w + b, bias included.",
            lambda x, w, b, d: _neuron(x, w, b, d, bias_in_z=False),
        ),
        (
            "the weights' gradients are the products x·w (times the gradient): the derivative "
            "of x·w with respect to w is x alone.",
            _products,
        ),
        (
            "dbias is the bias's value: its gradient is the gradient coming back through "
            "ReLU (the sum's derivative with respect to b is 1).",
            lambda x, w, b, d: (*_neuron(x, w, b, d)[:2], b),
        ),
    ],
    3,
)
THREE_THINGS = Mistake(
    "neuron_gradients returns the three gradients together, as one tuple in this order: "
    "(dinputs, dweights, dbias).",
    raised="returns three things",
)
NEURON_DINPUTS.append(THREE_THINGS)
NEURON_DWEIGHTS.append(THREE_THINGS)
NEURON_DBIAS.append(THREE_THINGS)


def _step(parameters, gradients, learning_rate, sign=-1.0, rate=None):
    """Each parameter plus sign · rate · its gradient (rate: the learning rate by default)."""
    rate = learning_rate if rate is None else rate
    return [p + sign * rate * g for p, g in zip(parameters, gradients)]


GRADIENT_STEP = [
    Mistake(
        "the step goes ALONG the gradient, which is the direction in which the loss grows "
        "fastest: a step that lowers the loss goes against it.",
        gives=lambda p, g, lr: _step(p, g, lr, sign=1.0),
    ),
    Mistake(
        "the learning rate is not used: the whole gradient is subtracted, a step far too "
        "large. Each gradient is scaled by the learning rate first.",
        gives=lambda p, g, lr: _step(p, g, lr, rate=1.0),
    ),
    Mistake(
        "these are the changes (minus learning rate × gradient), not the new parameters: "
        "the change is applied to each parameter.",
        gives=lambda p, g, lr: [-lr * v for v in g],
    ),
    Mistake(
        "these are the changes (learning rate × gradient), not the new parameters: the "
        "change is applied to each parameter, against the gradient.",
        gives=lambda p, g, lr: [lr * v for v in g],
    ),
    Mistake(
        "the gradient is divided by the learning rate: it is scaled (multiplied) by it.",
        gives=lambda p, g, lr: [v - w / lr for v, w in zip(p, g)],
    ),
    Mistake(
        "each parameter is scaled by the learning rate, not its gradient: the step is the "
        "learning rate times the GRADIENT.",
        gives=lambda p, g, lr: [v - lr * v for v in p],
    ),
    Mistake(
        "only the first parameter came back: look for a return inside the loop.",
        gives=lambda p, g, lr: _step(p, g, lr)[:1],
    ),
]


# ----------------------------------------------------------------------------- DenseLayer.backward


def _dense(weights, biases, inputs, dvalues):
    """The right (dweights, dbiases, dinputs), in float64."""
    w, x, d = _floats(weights), _floats(inputs), _floats(dvalues)
    return x.T @ d, np.sum(d, axis=0, keepdims=True), d @ w.T


def _replaced(k: int, part: Callable) -> Callable:
    """A mistaken backward: the right gradients, but part k computed by ``part(w, b, x, d)``
    (the arrays as floats)."""

    def backward(weights, biases, inputs, dvalues):
        right = list(_dense(weights, biases, inputs, dvalues))
        right[k] = part(_floats(weights), _floats(biases), _floats(inputs), _floats(dvalues))
        return tuple(right)

    return backward


TRANSPOSE = (
    "a matrix product's shapes do not fit: a missing transpose? Print the shapes. dweights "
    "comes out with the weights' shape (n_inputs, n_neurons), its product adding up over the "
    "samples; dinputs with the inputs' shape (n_samples, n_inputs), its product adding up "
    "over the neurons. Which operand must be turned (.T) for the inner dimensions to agree?"
)
ATTRIBUTES = (
    "backward stores its three gradients on the layer, as self.dweights, self.dbiases and "
    "self.dinputs (local variables vanish when the method returns)."
)
PER_SAMPLE = (
    "divided by the number of samples: a layer's backward passes the gradient on as it "
    "comes; the 1/n of the mean loss is already in dvalues (the loss's backward put it "
    "there), so it must not be applied twice."
)

DENSE_DWEIGHTS, DENSE_DBIASES, DENSE_DINPUTS = _parts(
    [
        (
            "dweights is inputs · dvalues without a transpose: the product must add up over "
            "the SAMPLES (each sample's inputs times its dvalues), so the inputs are turned "
            "first, giving the weights' shape (n_inputs, n_neurons).",
            _replaced(0, lambda w, b, x, d: x @ d),
        ),
        (
            "dweights has rows and columns swapped: it has the weights' shape, (n_inputs, "
            "n_neurons); look at the order of the two operands.",
            _replaced(0, lambda w, b, x, d: d.T @ x),
        ),
        (PER_SAMPLE, _replaced(0, lambda w, b, x, d: x.T @ d / len(x))),
        (
            "dweights is made from the layer's outputs: the gradient of a weight is the INPUT "
            "it multiplies (times dvalues).",
            _replaced(0, lambda w, b, x, d: (x @ w + b).T @ d),
        ),
        (
            "dbiases is summed over each sample's neurons (axis 1): a bias belongs to a "
            "neuron, so its gradient adds up that neuron's dvalues over the SAMPLES.",
            _replaced(1, lambda w, b, x, d: np.sum(d, axis=1, keepdims=True)),
        ),
        (
            "dbiases is summed over each sample's neurons (axis 1): a bias belongs to a "
            "neuron, so its gradient adds up that neuron's dvalues over the SAMPLES.",
            _replaced(1, lambda w, b, x, d: np.sum(d, axis=1)),
        ),
        (
            "dbiases has the right sums as a flat vector (n_neurons,): it has the biases' "
            "shape, (1, n_neurons). Look at keepdims.",
            _replaced(1, lambda w, b, x, d: np.sum(d, axis=0)),
        ),
        (
            "dbiases is one number for the whole batch: it needs one value per neuron, each "
            "summed over the samples.",
            _replaced(1, lambda w, b, x, d: np.sum(d)),
        ),
        (
            "dbiases is dvalues itself, one row per sample: each neuron's dvalues are added "
            "up over the samples.",
            _replaced(1, lambda w, b, x, d: d),
        ),
        (PER_SAMPLE, _replaced(1, lambda w, b, x, d: np.mean(d, axis=0, keepdims=True))),
        (
            "dinputs is dvalues · weights without a transpose: the product must add up over "
            "the NEURONS (each neuron's dvalue times its weight for that input), giving the "
            "inputs' shape (n_samples, n_inputs).",
            _replaced(2, lambda w, b, x, d: d @ w),
        ),
        (
            "dinputs has rows and columns swapped: it has the inputs' shape, (n_samples, "
            "n_inputs); look at the order of the two operands.",
            _replaced(2, lambda w, b, x, d: w @ d.T),
        ),
        (PER_SAMPLE, _replaced(2, lambda w, b, x, d: d @ w.T / len(x))),
    ],
    3,
)
for _mistakes in (DENSE_DWEIGHTS, DENSE_DBIASES, DENSE_DINPUTS):
    _mistakes += [
        Mistake(TRANSPOSE, raised=MATRIX_PRODUCT_ERRORS),
        Mistake(
            ATTRIBUTES,
            raised=tuple(f"has no attribute '{n}'" for n in ("dweights", "dbiases", "dinputs")),
        ),
        Mistake(
            "backward only computes the gradients: it leaves the weights and biases as they "
            "are (an optimizer changes them, with the gradients, in notebook 11).",
            raised="changed the layer's weights or biases",
        ),
    ]


# ----------------------------------------------------------------------------- ReLU.backward

ALL_THROUGH = (
    "the gradient passes everywhere: where the layer's input was ≤ 0, ReLU's output did not "
    "depend on it, so the gradient there is 0. (A mask such as output >= 0 is true everywhere.)"
)

RELU_BACKWARD = [
    Mistake(ALL_THROUGH, gives=lambda inputs, dvalues: _floats(dvalues)),
    Mistake(
        "ReLU was applied to the gradient: the zeros go where the layer's INPUT was ≤ 0, "
        "whatever the sign of dvalues there.",
        gives=lambda inputs, dvalues: relu(_floats(dvalues)),
    ),
    Mistake(
        "at an input of exactly 0 the gradient got through: ReLU's derivative there is taken "
        "as 0, so the zeros go where the input was ≤ 0 (look at the comparison).",
        gives=lambda inputs, dvalues: np.where(_floats(inputs) >= 0, _floats(dvalues), 0.0),
    ),
    Mistake(
        "the mask is inverted: the gradient passes where the input was above 0 and is 0 elsewhere.",
        gives=lambda inputs, dvalues: np.where(_floats(inputs) <= 0, _floats(dvalues), 0.0),
    ),
    Mistake(
        "dvalues were multiplied by the inputs: ReLU's derivative is 1 or 0, not its input.",
        gives=lambda inputs, dvalues: _floats(dvalues) * _floats(inputs),
    ),
    Mistake(
        "dvalues were multiplied by ReLU's output: its derivative is 1 or 0, not its output.",
        gives=lambda inputs, dvalues: _floats(dvalues) * relu(_floats(inputs)),
    ),
    Mistake(
        "this is ReLU's derivative alone (1s and 0s): the chain rule multiplies it by the "
        "gradient coming back, dvalues.",
        gives=lambda inputs, dvalues: (_floats(inputs) > 0).astype(float),
    ),
    Mistake(
        "backward stores its result on the layer, as self.dinputs.",
        raised="has no attribute 'dinputs'",
    ),
]


# ------------------------------------------------------------------------- softmax + cross-entropy


def _one_hot(probabilities, targets) -> np.ndarray:
    """The targets as one-hot rows of the probabilities' shape."""
    p = _floats(probabilities)
    return np.eye(p.shape[1])[class_indices(targets)]


def _combined(probabilities, targets, by=None, sign=1.0) -> np.ndarray:
    """sign · (probabilities - one-hot targets) / by (by default the number of samples)."""
    p = _floats(probabilities)
    return sign * (p - _one_hot(p, targets)) / (len(p) if by is None else by)


def _one_hot_rows_as_indices(probabilities, targets, by=None) -> np.ndarray:
    """One-hot targets used as indices into an identity matrix: rows of rows, subtracted."""
    if np.ndim(targets) != 2:
        raise ValueError("only one-hot targets make this mistake")
    p = _floats(probabilities)
    return (p - np.eye(p.shape[1])[np.asarray(targets, dtype=int)]) / (len(p) if by is None else by)


def _one_hot_rows_as_columns(probabilities, targets) -> np.ndarray:
    """One-hot targets used as the column indices of the 1s to subtract (numpy broadcasts the
    row numbers against them when there are as many samples as classes)."""
    if np.ndim(targets) != 2:
        raise ValueError("only one-hot targets make this mistake")
    dinputs = _floats(probabilities)
    dinputs[np.arange(len(dinputs)), np.asarray(targets, dtype=int)] -= 1
    return dinputs / len(dinputs)


ONE_HOT_AS_INDICES = (
    "the targets came as one-hot rows (n_samples, n_classes) and were used as class "
    "indices: accept both forms, e.g. by turning one-hot rows into indices first (the "
    "position of each row's 1)."
)

SOFTMAX_CROSSENTROPY = [
    Mistake(
        "not divided by the number of samples: the loss is the MEAN over the samples, so "
        "each sample's gradient carries a factor 1/n_samples.",
        gives=lambda p, t: _combined(p, t, by=1.0),
    ),
    Mistake(
        "divided by the number of classes: the loss is the mean over the SAMPLES (rows).",
        gives=lambda p, t: _combined(p, t, by=_floats(p).shape[1]),
    ),
    Mistake(
        "the sign is flipped: it is probabilities minus targets (ŷ - y), so the true class "
        "gets a negative gradient (raising its output lowers the loss).",
        gives=lambda p, t: _combined(p, t, sign=-1.0),
    ),
    Mistake(
        "1 was subtracted from every probability: only the TRUE class of each sample gets "
        "the -1 (that is what the one-hot target holds).",
        gives=lambda p, t: (_floats(p) - 1) / len(_floats(p)),
    ),
    Mistake(
        "1 was subtracted at each sample's most probable class: it goes at the TRUE class, "
        "the target's.",
        gives=lambda p, t: _combined(p, np.argmax(_floats(p), axis=1)),
    ),
    Mistake(
        "this is the loss's gradient with respect to the probabilities (-y / ŷ / n): the "
        "combined step's gradient is with respect to the softmax's INPUTS, (ŷ - y) / n, "
        "with no division by a probability.",
        gives=lambda p, t: -_one_hot(p, t) / _floats(p) / len(_floats(p)),
    ),
    Mistake(
        "the targets came as class indices (sparse) and were subtracted as if they were "
        "one-hot rows: turn them into one-hot rows first, or subtract 1 at each row's class.",
        gives=lambda p, t: (_floats(p) - _floats(t)) / len(_floats(p)),
    ),
    Mistake(ONE_HOT_AS_INDICES, raised="shape mismatch: indexing arrays"),
    Mistake(ONE_HOT_AS_INDICES, gives=lambda p, t: _one_hot_rows_as_indices(p, t, by=1.0)),
    Mistake(ONE_HOT_AS_INDICES, gives=_one_hot_rows_as_indices),
    Mistake(ONE_HOT_AS_INDICES, gives=_one_hot_rows_as_columns),
    Mistake(
        "the gradient was averaged over the samples into one row: it has one row per sample "
        "(each divided by the number of samples), the probabilities' shape.",
        gives=lambda p, t: np.mean(_floats(p) - _one_hot(p, t), axis=0),
    ),
    Mistake(
        "the probabilities alone were divided by the number of samples: (ŷ - y) as a whole is.",
        gives=lambda p, t: _floats(p) / len(_floats(p)) - _one_hot(p, t),
    ),
]


def course_softmax_crossentropy_backward(probabilities, targets) -> np.ndarray:
    """The course's gradient of the mean loss with respect to the softmax's inputs."""
    return SoftmaxCrossentropy().backward(np.asarray(probabilities), targets)


# ----------------------------------------------------------------------------- spiral_gradients


def book_gradients(
    X,
    y,
    rng,
    *,
    relu_backward=True,
    loss_from="probabilities",
    order=(0, 1),
    through_dense2=True,
    swap_result=False,
):
    """The course's spiral_gradients (with the defaults): the book's network, forward and back.

    ``layers.DenseLayer(2, 3, rng)``, ``layers.ReLU``, ``layers.DenseLayer(3, 3, rng)`` and
    ``layers.SoftmaxCrossentropy``: a forward pass on ``X``, then the backward pass from the
    loss of ``y``. The options make the mistaken passes.

    Args:
        X: array (n_samples, 2); y: class indices (n_samples,); rng: the generator the dense
            layers draw their weights from.
        relu_backward: False skips ReLU's backward (dense2's dinputs go to dense1).
        loss_from: what the loss's backward is given: "probabilities" (right), "outputs"
            (dense2's outputs) or "nothing" (dense2's backward gets the probabilities).
        order: the order the two dense layers are made in.
        through_dense2: False sends the loss's gradient straight to ReLU's backward.
        swap_result: return (dense2, dense1).

    Returns:
        tuple (dense1, dense2) of :class:`~nbhelpers.layers.DenseLayer`, their gradients set.
    """
    made = {}
    for i in order:
        made[i] = DenseLayer(*((2, 3), (3, 3))[i], rng)
    dense1, dense2 = made[0], made[1]
    activation, loss = ReLU(), SoftmaxCrossentropy()
    loss.forward(dense2.forward(activation.forward(dense1.forward(X))), y)
    if loss_from == "nothing":
        dvalues = loss.output
    else:
        dvalues = loss.backward(loss.output if loss_from == "probabilities" else dense2.output, y)
    if through_dense2:
        dvalues = dense2.backward(dvalues)
    else:
        dense2.backward(dvalues)
    dense1.backward(activation.backward(dvalues) if relu_backward else dvalues)
    return (dense2, dense1) if swap_result else (dense1, dense2)


def _gradients(**options) -> Callable:
    """A mistaken spiral_gradients, as (dweights1, dbiases1, dweights2, dbiases2)."""

    def gradients(X, y, rng):
        first, second = book_gradients(X, y, rng, **options)
        return first.dweights, first.dbiases, second.dweights, second.dbiases

    return gradients


NEW_GENERATOR = (
    "the layers draw from a new generator: the rng passed in, which has already made the "
    "data, must make the weights (the book's weights continue its stream)."
)

SPIRAL_DWEIGHTS1, SPIRAL_DBIASES1, SPIRAL_DWEIGHTS2, SPIRAL_DBIASES2 = _parts(
    [
        (
            "ReLU's backward is missing: dense2's dinputs go through the ReLU (where its "
            "input was ≤ 0, the gradient stops) before they reach dense1.",
            _gradients(relu_backward=False),
        ),
        (
            "the loss's backward was given dense2's outputs: it takes the softmax's outputs, "
            "the probabilities (its own output after forward).",
            _gradients(loss_from="outputs"),
        ),
        (
            "the loss's backward is missing: dense2's backward gets the gradient of the loss "
            "with respect to its outputs, (ŷ - y) / n, not the probabilities.",
            _gradients(loss_from="nothing"),
        ),
        (
            "dense2's backward was skipped: the gradient reaches ReLU through dense2 (its "
            "dinputs), each layer in reverse order of the forward pass.",
            _gradients(through_dense2=False),
        ),
        (
            "the second dense layer was created first: each layer draws its weights from rng "
            "when it is created, so the order of creation decides which weights it gets.",
            _gradients(order=(1, 0)),
        ),
        (NEW_GENERATOR, lambda X, y, rng: _gradients()(X, y, np.random.RandomState(0))),
        (NEW_GENERATOR, lambda X, y, rng: _gradients()(X, y, np.random.default_rng(0))),
        (
            "the two layers came back in the wrong order: first dense1 (2 inputs → 3 "
            "neurons), then dense2.",
            _gradients(swap_result=True),
        ),
    ],
    4,
)
for _mistakes in (SPIRAL_DWEIGHTS1, SPIRAL_DBIASES1, SPIRAL_DWEIGHTS2, SPIRAL_DBIASES2):
    _mistakes += [
        Mistake(
            "a layer has no gradients yet: every layer's backward must run (the loss's "
            "first, then dense2, ReLU, dense1) before the layers are returned.",
            raised=("has no attribute 'dweights'", "has no attribute 'dbiases'"),
        ),
        Mistake(
            "a layer's backward ran before its forward: the forward pass comes first "
            "(backward needs the inputs forward kept).",
            raised=("has no attribute 'inputs'", "has no attribute 'output'"),
        ),
        Mistake(
            "spiral_gradients returns the two dense layers, (dense1, dense2): their "
            "gradients are read from them.",
            raised="returns the two dense layers",
        ),
    ]
del _mistakes


# The names spiral_gradients may use for the earlier exercises' pieces, and the course's
# versions its test runs it with (:func:`nbhelpers.isolation.with_names`): a student who
# builds the network from their own classes loses no points here for their mistakes.
COURSE_PIECES = {
    "DenseLayer": DenseLayer,
    "ReLU": ReLU,
    "softmax_crossentropy_backward": course_softmax_crossentropy_backward,
}
