"""The course's own versions of the building blocks students write, for later notebooks.

Notebook 05 asks for a dense layer, notebook 06 for a ReLU activation and notebook 07 for
a softmax activation; the notebooks after them build on these classes. They import them
from here rather than pasting a copy into every notebook, so that a later notebook never
depends on an earlier exercise being finished, and every notebook uses the same, tested
code. The demos in :mod:`nbhelpers.widgets` use them as their references too.
"""

from __future__ import annotations

import numpy as np


class DenseLayer:
    """A fully connected layer: every input feeds every neuron.

    Args:
        n_inputs: number of inputs per sample.
        n_neurons: number of neurons.
        rng: a ``np.random.RandomState`` or ``np.random.Generator``; the weights are
            ``0.01 * rng.standard_normal((n_inputs, n_neurons))``. Passing the generator
            that made the book's spiral data continues its stream, as the book does.

    Attributes:
        weights: array of shape (n_inputs, n_neurons): column j holds neuron j's weights,
            so the forward pass needs no transpose.
        biases: array of shape (1, n_neurons), zeros to start.
        output: array of shape (n_samples, n_neurons), set by :meth:`forward`.
    """

    def __init__(
        self, n_inputs: int, n_neurons: int, rng: np.random.RandomState | np.random.Generator
    ):
        self.weights = 0.01 * rng.standard_normal((n_inputs, n_neurons))
        self.biases = np.zeros((1, n_neurons))

    def forward(self, inputs: np.ndarray) -> np.ndarray:
        """Outputs for a batch: array (n_samples, n_inputs) -> array (n_samples, n_neurons)."""
        self.output = np.dot(inputs, self.weights) + self.biases
        return self.output


def relu(inputs: np.ndarray) -> np.ndarray:
    """Rectified linear activation, max(0, x) element by element.

    Args:
        inputs: array of any shape.

    Returns:
        A new array of the inputs' shape.
    """
    return np.maximum(0, inputs)


class ReLU:
    """Rectified linear activation as a layer: :func:`relu` of its inputs.

    Attributes:
        output: array of the inputs' shape, set by :meth:`forward`.
    """

    def forward(self, inputs: np.ndarray) -> np.ndarray:
        """Outputs for a batch: array of any shape -> array of the same shape (a new array)."""
        self.output = relu(inputs)
        return self.output


def row_sums(batch: np.ndarray) -> np.ndarray:
    """Sum of each row of a batch, as a column: array (n_samples, n_values) -> (n_samples, 1)."""
    return np.sum(batch, axis=1, keepdims=True)


def row_maxima(batch: np.ndarray) -> np.ndarray:
    """Largest value of each row, as a column: array (n_samples, n_values) -> (n_samples, 1)."""
    return np.max(batch, axis=1, keepdims=True)


def softmax(inputs: np.ndarray) -> np.ndarray:
    """Softmax of each row of a batch, stable for large values.

    Each row is shifted by its own maximum before it is exponentiated (which changes
    nothing in the result), so no exponent is above 0 and nothing overflows.

    Args:
        inputs: array of shape (n_samples, n_classes).

    Returns:
        A new array of the inputs' shape: every row is between 0 and 1 and sums to 1.
    """
    exponentials = np.exp(inputs - row_maxima(inputs))
    return exponentials / row_sums(exponentials)


class Softmax:
    """Softmax activation as a layer, the last of a classifier: :func:`softmax` of its inputs.

    Attributes:
        output: array (n_samples, n_classes) of probabilities, set by :meth:`forward`.
    """

    def forward(self, inputs: np.ndarray) -> np.ndarray:
        """Probabilities for a batch: array (n_samples, n_classes) -> array of the same shape."""
        self.output = softmax(inputs)
        return self.output
