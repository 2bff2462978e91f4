"""The correct functions the demos fall back to, and draw beside a student's wrong values.

The activation functions (step, linear, sigmoid, tanh, ReLU) with their names and formulas
for the activation explorer, softmax for the softmax bars, a single-input neuron for the
neuron line, and the dense layer for the dense explorer. ReLU, sigmoid, softmax and the
dense layer are the course's own (:mod:`nbhelpers.layers`), so the demos and the later
notebooks agree.

Each function takes a float array and returns a new array of the same shape.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from nbhelpers.layers import DenseLayer, relu, sigmoid, softmax

VectorFunction = Callable[[np.ndarray], np.ndarray]

__all__ = [
    "ACTIVATIONS",
    "FORMULAS",
    "REFERENCE_ACTIVATIONS",
    "DenseLayer",
    "VectorFunction",
    "linear",
    "neuron",
    "relu",
    "sigmoid",
    "softmax",
    "step",
    "tanh",
]


def neuron(x: np.ndarray, weight: float, bias: float) -> np.ndarray:
    """A single-input neuron's output w·x + b, for inputs x of any shape."""
    return weight * x + bias


def step(z: np.ndarray) -> np.ndarray:
    """1 where z > 0, else 0."""
    return (np.asarray(z) > 0).astype(float)


def linear(z: np.ndarray) -> np.ndarray:
    """z itself (a copy)."""
    return np.array(z, dtype=float)


def tanh(z: np.ndarray) -> np.ndarray:
    """The hyperbolic tangent, (e^z - e^-z) / (e^z + e^-z)."""
    return np.tanh(np.asarray(z, dtype=float))


ACTIVATIONS = ("step", "linear", "sigmoid", "tanh", "ReLU")
REFERENCE_ACTIVATIONS: dict[str, VectorFunction] = {
    "step": step,
    "linear": linear,
    "sigmoid": sigmoid,
    "tanh": tanh,
    "ReLU": relu,
}
FORMULAS = {
    "step": "y = 1 if z &gt; 0, else 0",
    "linear": "y = z",
    "sigmoid": "y = 1 / (1 + e<sup>−z</sup>)",
    "tanh": "y = tanh(z) = (e<sup>z</sup> − e<sup>−z</sup>) / (e<sup>z</sup> + e<sup>−z</sup>)",
    "ReLU": "y = max(0, z)",
}
