"""What the test cells call a student's class through, kept out of the cells themselves.

A test cell is read twice: by the student, as a short specification (its example calls),
and in nbgrader's Validate dialog, which shows a failing cell's whole source before its
message. So the scaffolding that turns a class into functions a checker can call (make a
layer, set its parameters, run ``forward``) lives here, and the cell says only what it
checks. Each function keeps the name the hints and messages use (``new_weights``, ...).

* :func:`dense_layer_probes` -- notebook 05's DenseLayer: its new weights and biases, and
  ``forward`` with parameters set by the test;
* :func:`network_probe` -- notebook 05's Network: layers added in order, then ``predict``;
* :class:`Scale`, :class:`Shift` -- layers whose outputs are easy to predict.
"""

from __future__ import annotations

from typing import Callable

import numpy as np


def dense_layer_probes(layer_class: type) -> tuple[Callable, Callable, Callable]:
    """``new_weights``, ``new_biases`` and ``forward_with`` for a DenseLayer class.

    * ``new_weights(n_inputs, n_neurons, rng)``: the ``weights`` of a new layer;
    * ``new_biases(n_inputs, n_neurons, rng)``: its ``biases``;
    * ``forward_with(weights, biases, inputs)``: ``forward(inputs)`` of a layer whose
      ``weights`` (n_inputs, n_neurons) and ``biases`` (1, n_neurons) were set to these.
    """

    def new_weights(n_inputs, n_neurons, rng):
        return layer_class(n_inputs, n_neurons, rng).weights

    def new_biases(n_inputs, n_neurons, rng):
        return layer_class(n_inputs, n_neurons, rng).biases

    def forward_with(weights, biases, inputs):
        layer = layer_class(*np.shape(weights), np.random.RandomState(0))
        layer.weights, layer.biases = weights, biases
        return layer.forward(inputs)

    return new_weights, new_biases, forward_with


def network_probe(network_class: type) -> Callable:
    """``predict_with(layers, inputs, built_before=())`` for a Network class: a new network,
    ``layers`` added in order, then ``predict(inputs)``; ``built_before`` are added to
    another network made just before this one (each network has its own layers)."""

    def predict_with(layers, inputs, built_before=()):
        if built_before:
            other = network_class()
            for layer in built_before:
                other.add_layer(layer)
        network = network_class()
        for layer in layers:
            network.add_layer(layer)
        return network.predict(inputs)

    return predict_with


class Scale:
    """A test layer that multiplies its inputs by a number."""

    def __init__(self, factor: float):
        self.factor = factor

    def __repr__(self) -> str:
        return f"Scale({self.factor})"

    def forward(self, inputs):
        self.output = np.asarray(inputs) * self.factor
        return self.output


class Shift:
    """A test layer that adds a number to its inputs."""

    def __init__(self, amount: float):
        self.amount = amount

    def __repr__(self) -> str:
        return f"Shift({self.amount})"

    def forward(self, inputs):
        self.output = np.asarray(inputs) + self.amount
        return self.output
