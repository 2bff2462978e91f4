"""The course's own versions of the building blocks students write, for later notebooks.

Notebook 05 asks for a dense layer, notebook 06 for a ReLU activation, notebook 07 for a
softmax activation, notebook 08 for the loss and accuracy and notebook 10 for the backward
passes; the notebooks after them build on these classes. They import them
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
        """Outputs for a batch: array (n_samples, n_inputs) -> array (n_samples, n_neurons).

        The inputs are kept (``self.inputs``) for :meth:`backward`.
        """
        self.inputs = inputs
        self.output = np.dot(inputs, self.weights) + self.biases
        return self.output

    def backward(self, dvalues: np.ndarray) -> np.ndarray:
        """Gradients from the gradient of the loss with respect to this layer's outputs.

        Args:
            dvalues: array (n_samples, n_neurons), d loss / d output, for the batch of the
                last :meth:`forward`.

        Returns:
            ``self.dinputs``, array (n_samples, n_inputs): d loss / d inputs. Also sets
            ``self.dweights`` (n_inputs, n_neurons) and ``self.dbiases`` (1, n_neurons).
        """
        self.dweights = np.dot(self.inputs.T, dvalues)
        self.dbiases = np.sum(dvalues, axis=0, keepdims=True)
        self.dinputs = np.dot(dvalues, self.weights.T)
        return self.dinputs


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
        self.inputs = inputs
        self.output = relu(inputs)
        return self.output

    def backward(self, dvalues: np.ndarray) -> np.ndarray:
        """d loss / d inputs: ``dvalues`` where the input was above 0, else 0 (a new array)."""
        self.dinputs = np.where(self.inputs > 0, dvalues, 0.0)
        return self.dinputs


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


# ----------------------------------------------------------------------------- loss and accuracy

CLIP = 1e-7  # probabilities are clipped to [CLIP, 1 - CLIP] before their log: log(0) is -inf


def class_indices(targets: np.ndarray) -> np.ndarray:
    """Targets as class indices, whether given as indices or one-hot rows.

    Args:
        targets: array (n_samples,) of class indices, or (n_samples, n_classes) one-hot.

    Returns:
        array (n_samples,) of ints.
    """
    targets = np.asarray(targets)
    return np.argmax(targets, axis=1) if targets.ndim == 2 else targets.astype(int)


def categorical_crossentropy(probabilities: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """Each sample's loss: minus the log of the probability given to its true class.

    Args:
        probabilities: array (n_samples, n_classes), rows summing to 1 (softmax outputs).
        targets: class indices (n_samples,) or one-hot rows (n_samples, n_classes).

    Returns:
        array (n_samples,) of losses, each at most -ln(1e-7) ≈ 16.1 (clipped).
    """
    clipped = np.clip(probabilities, CLIP, 1 - CLIP)
    rows = np.arange(len(clipped))
    return -np.log(clipped[rows, class_indices(targets)])


def accuracy(probabilities: np.ndarray, targets: np.ndarray) -> float:
    """Fraction of samples whose most probable class is their true class.

    Args:
        probabilities: array (n_samples, n_classes); targets: as for
            :func:`categorical_crossentropy`.

    Returns:
        float between 0 and 1.
    """
    return float(np.mean(np.argmax(probabilities, axis=1) == class_indices(targets)))


class CategoricalCrossentropy:
    """The classifier's loss as an object: ``calculate`` gives the batch's mean loss.

    Attributes:
        dinputs: array (n_samples, n_classes), d mean loss / d probabilities, set by
            :meth:`backward`.
    """

    def forward(self, probabilities: np.ndarray, targets: np.ndarray) -> np.ndarray:
        """Per-sample losses: array (n_samples,); see :func:`categorical_crossentropy`."""
        return categorical_crossentropy(probabilities, targets)

    def calculate(self, probabilities: np.ndarray, targets: np.ndarray) -> float:
        """The mean loss over the batch, a float."""
        return float(np.mean(self.forward(probabilities, targets)))

    def backward(self, probabilities: np.ndarray, targets: np.ndarray) -> np.ndarray:
        """d mean loss / d probabilities: -1 / (n · p) at each true class, 0 elsewhere."""
        n, n_classes = probabilities.shape
        one_hot = np.eye(n_classes)[class_indices(targets)]
        self.dinputs = -one_hot / np.clip(probabilities, CLIP, 1 - CLIP) / n
        return self.dinputs


class SoftmaxCrossentropy:
    """Softmax and categorical cross-entropy as one step, whose gradient is simple.

    The gradient of the mean loss with respect to the softmax's inputs is
    (probabilities - one-hot targets) / n_samples: no division by a probability, so it is
    both faster and safer than the two steps' gradients multiplied.

    Attributes:
        output: array (n_samples, n_classes) of probabilities, set by :meth:`forward`.
        dinputs: array (n_samples, n_classes), set by :meth:`backward`.
    """

    def forward(self, inputs: np.ndarray, targets: np.ndarray) -> float:
        """Softmax of ``inputs`` (kept in ``self.output``), and the batch's mean loss."""
        self.output = softmax(inputs)
        return float(np.mean(categorical_crossentropy(self.output, targets)))

    def backward(self, probabilities: np.ndarray, targets: np.ndarray) -> np.ndarray:
        """d mean loss / d softmax inputs: array (n_samples, n_classes)."""
        n, n_classes = probabilities.shape
        self.dinputs = (probabilities - np.eye(n_classes)[class_indices(targets)]) / n
        return self.dinputs


# ------------------------------------------------------------------------- sigmoid, tanh, log loss
# Notebook 10's second example, the XOR network of the seed article: a hidden layer of tanh
# (or sigmoid) neurons, one sigmoid output, and the log loss of a yes/no answer.


def sigmoid(inputs: np.ndarray) -> np.ndarray:
    """1 / (1 + e^-x) element by element, without overflow: e^-|x| is at most 1.

    Args:
        inputs: array of any shape.

    Returns:
        A new float array of the inputs' shape, each value between 0 and 1.
    """
    inputs = np.asarray(inputs, dtype=float)
    e = np.exp(-np.abs(inputs))
    return np.where(inputs >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


class Sigmoid:
    """Sigmoid activation as a layer; its derivative is σ(x)·(1 - σ(x)).

    Attributes:
        output: array of the inputs' shape, set by :meth:`forward`.
        dinputs: array of the same shape, set by :meth:`backward`.
    """

    def forward(self, inputs: np.ndarray) -> np.ndarray:
        """Outputs for a batch: array of any shape -> array of the same shape (a new array)."""
        self.output = sigmoid(inputs)
        return self.output

    def backward(self, dvalues: np.ndarray) -> np.ndarray:
        """d loss / d inputs: ``dvalues · σ · (1 - σ)``, from the output of the last forward."""
        self.dinputs = dvalues * self.output * (1 - self.output)
        return self.dinputs


class Tanh:
    """Hyperbolic tangent activation as a layer; its derivative is 1 - tanh(x)².

    Attributes:
        output: array of the inputs' shape, set by :meth:`forward`.
        dinputs: array of the same shape, set by :meth:`backward`.
    """

    def forward(self, inputs: np.ndarray) -> np.ndarray:
        """Outputs for a batch: array of any shape -> array of the same shape (a new array)."""
        self.output = np.tanh(inputs)
        return self.output

    def backward(self, dvalues: np.ndarray) -> np.ndarray:
        """d loss / d inputs: ``dvalues · (1 - tanh²)``, from the output of the last forward."""
        self.dinputs = dvalues * (1 - self.output**2)
        return self.dinputs


class BinaryCrossentropy:
    """The log loss of yes/no outputs: -(y·ln p + (1 - y)·ln(1 - p)), averaged.

    Outputs and targets have shape (n_samples, n_outputs): each output is the probability
    of a "yes" (a sigmoid's output), each target 0 or 1. Probabilities are clipped to
    [1e-7, 1 - 1e-7] before their log, as for categorical cross-entropy.

    Attributes:
        dinputs: array (n_samples, n_outputs), d mean loss / d outputs, set by :meth:`backward`.
    """

    def forward(self, predictions: np.ndarray, targets: np.ndarray) -> np.ndarray:
        """Per-sample losses, array (n_samples,): the mean over each sample's outputs."""
        clipped = np.clip(predictions, CLIP, 1 - CLIP)
        losses = -(targets * np.log(clipped) + (1 - targets) * np.log(1 - clipped))
        return np.mean(losses, axis=-1)

    def calculate(self, predictions: np.ndarray, targets: np.ndarray) -> float:
        """The mean loss over the batch, a float."""
        return float(np.mean(self.forward(predictions, targets)))

    def backward(self, predictions: np.ndarray, targets: np.ndarray) -> np.ndarray:
        """d mean loss / d predictions: -(y / p - (1 - y) / (1 - p)) / (n_samples · n_outputs)."""
        n, n_outputs = predictions.shape
        clipped = np.clip(predictions, CLIP, 1 - CLIP)
        self.dinputs = -(targets / clipped - (1 - targets) / (1 - clipped)) / (n * n_outputs)
        return self.dinputs
