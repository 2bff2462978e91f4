"""The correct functions the demos fall back to, and draw beside a student's wrong values.

The activation functions (step, linear, sigmoid, tanh, ReLU) with their names and formulas
for the activation explorer, softmax for the softmax bars, a single-input neuron for the
neuron line, and the dense layer for the dense explorer. ReLU, sigmoid, softmax and the
dense layer are the course's own (:mod:`nbhelpers.layers`), so the demos and the later
notebooks agree. Notebook 09's derivatives of ReLU, sigmoid and tanh, and the central and
forward differences, are here for its demo and its tests.

Each activation and derivative takes a float array and returns a new array of the same shape.
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
    "forward_difference",
    "linear",
    "neuron",
    "numerical_derivative",
    "relu",
    "relu_derivative",
    "sigmoid",
    "sigmoid_derivative",
    "softmax",
    "step",
    "tanh",
    "tanh_derivative",
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


def relu_derivative(z: np.ndarray) -> np.ndarray:
    """ReLU's slope: 1 where z > 0, else 0 (0 at the kink, z = 0). It is the step function."""
    return step(z)


def sigmoid_derivative(z: np.ndarray) -> np.ndarray:
    """The sigmoid's slope, σ(z)·(1 − σ(z)), without overflow (σ is computed stably)."""
    s = sigmoid(z)
    return s * (1.0 - s)


def tanh_derivative(z: np.ndarray) -> np.ndarray:
    """The slope of tanh, 1 − tanh²(z)."""
    t = tanh(z)
    return 1.0 - t * t


def numerical_derivative(f: Callable[[float], float], x: float, h: float = 1e-5) -> float:
    """The central difference (f(x + h) − f(x − h)) / (2h): f's slope at x, off by a term in h²."""
    return (f(x + h) - f(x - h)) / (2 * h)


def forward_difference(f: Callable[[float], float], x: float, h: float) -> float:
    """The book's first estimate, (f(x + h) − f(x)) / h: wrong by a term in h."""
    return (f(x + h) - f(x)) / h


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
