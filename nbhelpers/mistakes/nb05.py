"""Notebook 05 · Layers and the dense layer class: the mistakes its tests name.

One list per exercise (the DenseLayer exercise has one per part it checks: the weights,
the biases and ``forward``). Each ``gives`` is called with the checked call's arguments:

* TWO_LAYERS: ``two_layers(inputs, weights1, biases1, weights2, biases2)``, weights one row
  per neuron (notebook 04's layout);
* DENSE_LAYER_WEIGHTS and DENSE_LAYER_BIASES: ``new_weights(n_inputs, n_neurons, rng)`` and
  ``new_biases(...)`` of :mod:`nbhelpers.probes`, the attributes of a new layer;
* DENSE_LAYER_FORWARD: ``forward_with(weights, biases, inputs)`` of the probes, a layer's
  forward pass after its parameters were set;
* NETWORK: ``predict_with(layers, inputs, built_before=())`` of the probes, a new Network
  with ``layers`` added in order (after another Network got ``built_before``);
* XOR_PARAMETERS: a reference network of step neurons, ``network(inputs, weights1,
  biases1, weights2, biases2)``, with the student's parameters (DenseLayer's layout);
  XOR_SHAPES is shown the list of the shapes of those parameters.
"""

from __future__ import annotations

import itertools

import numpy as np

from nbhelpers.checks import MATRIX_PRODUCT_ERRORS, Mistake

# ----------------------------------------------------------------------------- two_layers


def _layer(inputs, weights, biases):
    """A layer on a batch, its weights one row per neuron."""
    return np.dot(np.asarray(inputs, float), np.asarray(weights, float).T) + np.asarray(biases)


def _untransposed(inputs, weights, biases):
    """A layer on a batch whose weights were not transposed."""
    return np.dot(np.asarray(inputs, float), np.asarray(weights, float)) + np.asarray(biases)


def _weights_first(inputs, weights, biases):
    """A layer on a batch with the operands of its product in the wrong order."""
    return np.dot(np.asarray(weights, float), np.asarray(inputs, float)) + np.asarray(biases)


TWO_LAYERS = [
    Mistake(
        "these are layer 1's outputs: layer 2 has not been applied to them.",
        gives=lambda x, w1, b1, w2, b2: _layer(x, w1, b1),
    ),
    Mistake(
        "layer 2's weights are not transposed: like layer 1's, they have one row per neuron.",
        gives=lambda x, w1, b1, w2, b2: _untransposed(_layer(x, w1, b1), w2, b2),
    ),
    Mistake(
        "layer 1's weights are not transposed: they have one row per neuron.",
        gives=lambda x, w1, b1, w2, b2: _layer(_untransposed(x, w1, b1), w2, b2),
    ),
    Mistake(
        "layer 2 ran on the original inputs: its inputs are layer 1's outputs.",
        gives=lambda x, w1, b1, w2, b2: _layer(x, w2, b2),
    ),
    Mistake(
        "layer 2's biases are missing.",
        gives=lambda x, w1, b1, w2, b2: _layer(_layer(x, w1, b1), w2, 0.0),
    ),
    Mistake(
        "layer 1's biases are missing.",
        gives=lambda x, w1, b1, w2, b2: _layer(_layer(x, w1, 0.0), w2, b2),
    ),
    Mistake(
        "the biases are swapped: each layer adds its own biases.",
        gives=lambda x, w1, b1, w2, b2: _layer(_layer(x, w1, b2), w2, b1),
    ),
    Mistake(
        "the weights are swapped: layer 1 uses weights1, layer 2 weights2.",
        gives=lambda x, w1, b1, w2, b2: _layer(_layer(x, w2, b1), w1, b2),
    ),
    Mistake(
        "the operands of a product are in the wrong order: for a batch, each row of the "
        "result is one sample, so the samples come first.",
        gives=lambda x, w1, b1, w2, b2: _weights_first(_weights_first(x, w1, b1), w2, b2),
    ),
    Mistake(
        "in two_layers, the shapes of a product do not fit. Layer 1 multiplies the inputs "
        "(n_samples, n_inputs) with its weights (one row per neuron); layer 2 multiplies "
        "layer 1's outputs (n_samples, n_neurons1) with its own weights.",
        raised=MATRIX_PRODUCT_ERRORS,
    ),
]

# ----------------------------------------------------------------------------- DenseLayer


def _proportional(got, expected) -> bool:
    """Whether got is expected times a factor other than 1 (nor 0 or 100, named elsewhere)."""
    got, expected = np.asarray(got, float), np.asarray(expected, float)
    if got.shape != expected.shape or not expected.any():
        return False
    factor = float(np.sum(got * expected) / np.sum(expected * expected))
    far = not any(np.isclose(factor, usual) for usual in (0.0, 1.0, 100.0))
    return far and np.allclose(got, factor * expected, rtol=1e-5, atol=1e-9)


def _from_a_fixed_seed(got, expected) -> bool:
    """Whether got is 0.01 × draws from a new generator seeded 0 or 42, where other draws of
    that shape were expected (from the generator passed in)."""
    makers = (np.random.RandomState, np.random.default_rng)
    return np.shape(got) == np.shape(expected) and any(
        np.allclose(got, 0.01 * make(seed).standard_normal(np.shape(got)))
        for make, seed in itertools.product(makers, (0, 42))
    )


DENSE_LAYER_WEIGHTS = [
    Mistake(
        "the weights are (n_neurons, n_inputs): a DenseLayer keeps them as (n_inputs, "
        "n_neurons), one column per neuron.",
        gives=lambda n_inputs, n_neurons, rng: 0.01 * rng.standard_normal((n_neurons, n_inputs)),
    ),
    Mistake(
        "the weights are not scaled: they should be 100 times smaller than standard normal draws.",
        gives=lambda n_inputs, n_neurons, rng: rng.standard_normal((n_inputs, n_neurons)),
    ),
    Mistake(
        "the weights are the right draws times the wrong factor: look at the scale.",
        shows=_proportional,
    ),
    Mistake(
        "the right numbers in the wrong places: they were drawn as (n_neurons, n_inputs) and "
        "then transposed. Draw them in the shape the layer keeps them, so that they come out "
        "of rng in the book's order.",
        gives=lambda n_inputs, n_neurons, rng: (
            (0.01 * rng.standard_normal((n_neurons, n_inputs))).T
        ),
    ),
    Mistake(
        "the weights are all zero: then every neuron computes the same thing, and training "
        "could never tell them apart. They start as small random numbers.",
        shows=lambda got, expected: np.size(got) > 0 and not np.any(got),
    ),
    Mistake(
        "the weights are never negative: they look like uniform draws, where standard normal "
        "draws (around 0, either sign) are asked for.",
        shows=lambda got, expected: (
            np.size(got) > 1 and np.all(np.asarray(got) >= 0) and np.any(np.asarray(got) > 0)
        ),
    ),
    Mistake(
        "the weights do not depend on the generator passed in: the layer makes its own. Draw "
        "from rng, the generator the caller gives.",
        shows=_from_a_fixed_seed,
    ),
    Mistake(
        "a np.random.Generator has no randn: draw with the method both kinds of generator "
        "have (see the exercise).",
        raised="has no attribute 'randn'",
    ),
    Mistake(
        "the shape of the draws is one argument, a tuple: standard_normal's second argument "
        "is something else.",
        raised=("takes at most 1 positional argument", "Cannot interpret"),
    ),
    Mistake(
        "the layer has no attribute `weights`: store them on the layer under that name.",
        raised="has no attribute 'weights'",
    ),
]

DENSE_LAYER_BIASES = [
    Mistake(
        "the biases are a flat array: they must be a row of shape (1, n_neurons), like one "
        "sample's outputs.",
        shows=lambda got, expected: np.shape(got) == np.shape(expected)[1:],
    ),
    Mistake(
        "the biases are a column: they must be a row of shape (1, n_neurons).",
        shows=lambda got, expected: np.shape(got) == np.shape(expected)[::-1] != np.shape(expected),
    ),
    Mistake(
        "there is one bias per input: a layer has one bias per neuron.",
        gives=lambda n_inputs, n_neurons, rng: np.zeros((1, n_inputs)),
    ),
    Mistake(
        "there is a bias for every weight: a layer has one bias per neuron.",
        gives=lambda n_inputs, n_neurons, rng: np.zeros((n_inputs, n_neurons)),
    ),
    Mistake(
        "the biases must start at zero.",
        shows=lambda got, expected: np.shape(got) == np.shape(expected) and np.any(got),
    ),
    Mistake(
        "the layer has no attribute `biases`: store them on the layer under that name.",
        raised="has no attribute 'biases'",
    ),
]

DENSE_LAYER_FORWARD = [
    Mistake(
        "forward ignores the biases.",
        gives=lambda weights, biases, inputs: np.dot(inputs, weights),
    ),
    Mistake(
        "forward adds the biases twice.",
        gives=lambda weights, biases, inputs: np.dot(inputs, weights) + 2 * np.asarray(biases),
    ),
    Mistake(
        "forward's result does not have one row per sample of its inputs: does it read a "
        "variable from outside (such as X) instead of its argument?",
        shows=lambda got, expected: (
            np.ndim(got) == 2
            and np.shape(got)[1:] == np.shape(expected)[1:] != ()
            and np.shape(got)[0] != np.shape(expected)[0]
        ),
    ),
    Mistake(
        "in forward, the shapes of the product do not fit: the inputs are (n_samples, "
        "n_inputs) and the layer's weights are already (n_inputs, n_neurons).",
        raised=MATRIX_PRODUCT_ERRORS,
    ),
]

# ----------------------------------------------------------------------------- Network


def _chain(layers, inputs):
    """The layers' forward passes one after the other."""
    for layer in layers:
        inputs = layer.forward(inputs)
    return inputs


def _nonempty(layers):
    """The layers, if there are any."""
    if not layers:
        raise ValueError("no layers to show this mistake")
    return layers


def _two_or_more(layers):
    """The layers, if there are at least two (with one, some mistakes are no mistakes)."""
    if len(layers) < 2:
        raise ValueError("too few layers to show this mistake")
    return layers


NETWORK = [
    Mistake(
        "the layers ran in reverse order: the first one added must run first (look at where "
        "add_layer puts a layer and the order predict goes through them).",
        gives=lambda layers, inputs, built_before=(): _chain(_two_or_more(layers)[::-1], inputs),
    ),
    Mistake(
        "only the last layer added ran, on the original inputs: does add_layer keep every "
        "layer, and does predict pass each layer's output on to the next?",
        gives=lambda layers, inputs, built_before=(): _two_or_more(layers)[-1].forward(inputs),
    ),
    Mistake(
        "only the first layer ran: predict returns before the other layers have run.",
        gives=lambda layers, inputs, built_before=(): _two_or_more(layers)[0].forward(inputs),
    ),
    Mistake(
        "the first layer was skipped.",
        gives=lambda layers, inputs, built_before=(): _chain(_two_or_more(layers)[1:], inputs),
    ),
    Mistake(
        "the last layer was skipped.",
        gives=lambda layers, inputs, built_before=(): _chain(_two_or_more(layers)[:-1], inputs),
    ),
    Mistake(
        "predict returned its inputs unchanged: each layer's output must be kept and passed on.",
        gives=lambda layers, inputs, built_before=(): inputs,
    ),
    Mistake(
        "this network also ran the layers added to another network made before it: every "
        "network needs a list of layers of its own, made when the network is made.",
        gives=lambda layers, inputs, built_before=(): _chain(
            [*_nonempty(built_before), *layers], inputs
        ),
    ),
    Mistake(
        "predict returned every layer's output: the network's output is the last layer's.",
        shows=lambda got, expected: isinstance(got, (list, tuple)) and np.ndim(got[-1]) >= 1,
    ),
    Mistake(
        "predict calls a layer as if it were a function: a layer computes its outputs in its "
        "forward method.",
        raised="object is not callable",
    ),
    Mistake(
        "predict calls forward on the list of layers: forward belongs to each layer.",
        raised="'list' object has no attribute 'forward'",
    ),
]

# ----------------------------------------------------------------------------- xor_parameters

_CORNERS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
_XOR = np.array([[0.0], [1.0], [1.0], [0.0]])


def _step(z):
    """1.0 where z > 0, else 0.0."""
    return (np.asarray(z, float) > 0).astype(float)


def _network(inputs, weights1, biases1, weights2, biases2):
    """A hidden layer of step neurons, then a step output neuron (DenseLayer's layout)."""
    weights1, biases1, weights2, biases2 = (
        np.asarray(p, float) for p in (weights1, biases1, weights2, biases2)
    )
    hidden = _step(np.dot(np.asarray(inputs, float), weights1) + biases1)
    return _step(np.dot(hidden, weights2) + biases2)


def _xor(*parameters) -> bool:
    """Whether a network with these parameters computes XOR on the exact corners."""
    return np.array_equal(_network(_CORNERS, *parameters), _XOR)


def _gate(table):
    """A ``gives``: the outputs of a network that computes the gate ``table(a, b)``."""

    def gives(inputs, *parameters):
        on = np.asarray(inputs, float) > 0.5
        return np.asarray(table(on[:, 0], on[:, 1]), float).reshape(-1, 1)

    return gives


def _when(holds):
    """A ``gives`` for a mistake seen in the parameters: where ``holds(*parameters)``, the
    outputs the network gives (the result shows the mistake); elsewhere nothing."""

    def gives(inputs, *parameters):
        arrays = [np.asarray(p, float) for p in parameters]
        if not holds(*arrays):
            raise ValueError("not this mistake")
        return _network(inputs, *arrays)

    return gives


def _transposed(w1, b1, w2, b2) -> bool:
    """The network is wrong, and right with weights1 read one row per neuron."""
    return not _xor(w1, b1, w2, b2) and _xor(w1.T, b1, w2, b2)


def _bias_signs(w1, b1, w2, b2) -> bool:
    """The network is wrong, and right with the biases' signs flipped (in either layer)."""
    flips = [(-b1, b2), (b1, -b2), (-b1, -b2)]
    return not _xor(w1, b1, w2, b2) and any(_xor(w1, c1, w2, c2) for c1, c2 in flips)


# Every output neuron two 0/1 inputs need: with these weights and biases, a step neuron
# computes each of the 14 functions of two bits that one straight line can separate.
_OUTPUT_NEURONS = [
    (np.array([[a], [b]], float), np.array([[c]]))
    for a, b in itertools.product((-1, 0, 1), repeat=2)
    for c in (-1.5, -0.5, 0.5, 1.5)
]


def _hidden_works(w1, b1) -> bool:
    """Whether some output neuron turns this hidden layer's answers into XOR."""
    return any(_xor(w1, b1, w2, b2) for w2, b2 in _OUTPUT_NEURONS)


def _output_wrong(w1, b1, w2, b2) -> bool:
    """The network is wrong, though its hidden layer would do."""
    return not _xor(w1, b1, w2, b2) and _hidden_works(w1, b1)


def _hidden_wrong(w1, b1, w2, b2) -> bool:
    """The network is wrong, no output neuron could fix its hidden layer, and neither a
    transposed weights1 nor flipped biases explain it."""
    return not (_hidden_works(w1, b1) or _transposed(w1, b1, w2, b2) or _bias_signs(w1, b1, w2, b2))


XOR_SHAPES = [
    Mistake(
        "xor_parameters returns four things, in this order: weights1, biases1, weights2, biases2.",
        shows=lambda got, expected: len(got) != 4,
    ),
    Mistake(
        "a bias is a flat list or a single number: the biases of a layer are a row, of shape "
        "(1, n_neurons), as in DenseLayer.",
        shows=lambda got, expected: len(got[1]) < 2 or len(got[3]) < 2,
    ),
    Mistake(
        "biases1 is a column: the biases of a layer are a row, of shape (1, n_neurons).",
        shows=lambda got, expected: tuple(got[1]) == (2, 1),
    ),
    Mistake(
        "weights2 has one row per neuron (notebook 04's layout): in DenseLayer's layout, "
        "(n_inputs, n_neurons), the output neuron's weights are one column.",
        shows=lambda got, expected: tuple(got[2]) == (1, 2),
    ),
]

XOR_PARAMETERS = [
    Mistake(
        "your network computes OR: it also fires on (1, 1).",
        gives=_gate(np.logical_or),
    ),
    Mistake(
        "your network computes AND: it fires only on (1, 1).",
        gives=_gate(np.logical_and),
    ),
    Mistake(
        "your network computes NAND: it also fires on (0, 0).",
        gives=_gate(lambda a, b: ~(a & b)),
    ),
    Mistake(
        "your network computes NOR: it fires only on (0, 0).",
        gives=_gate(lambda a, b: ~(a | b)),
    ),
    Mistake(
        "your network answers the opposite of XOR on every input (that is XNOR): look at the "
        "signs of the output neuron's weights and bias.",
        gives=_gate(np.equal),
    ),
    Mistake(
        "your network never fires.",
        gives=_gate(lambda a, b: a & ~a),
    ),
    Mistake(
        "your network always fires.",
        gives=_gate(lambda a, b: a | ~a),
    ),
    Mistake("your network's output just copies input 1.", gives=_gate(lambda a, b: a)),
    Mistake("your network's output just copies input 2.", gives=_gate(lambda a, b: b)),
    Mistake(
        "weights1 is laid out one row per neuron: in DenseLayer's layout, column j holds "
        "hidden neuron j's weights (one row per input).",
        gives=_when(_transposed),
    ),
    Mistake(
        "the biases have the wrong sign: a step neuron fires when weighted sum + bias > 0, so "
        "a neuron that should need a sum above t gets the bias -t.",
        gives=_when(_bias_signs),
    ),
    Mistake(
        "your hidden layer would do: the mistake is in the output neuron (weights2, biases2). "
        "Which answers of the two hidden neurons should make it fire?",
        gives=_when(_output_wrong),
    ),
    Mistake(
        "no output neuron could turn your hidden layer's answers into XOR: look at the hidden "
        "layer first. Make each hidden neuron a gate of notebook 01 (check it on the four "
        "input pairs on paper), two different gates.",
        gives=_when(_hidden_wrong),
    ),
    Mistake(
        "your network is right on the exact input pairs but not on inputs a little off them: "
        "a hidden neuron's line passes through or very close to one of the four points. Move "
        "each line so that it keeps clear of the points.",
        gives=_when(_xor),
    ),
]
