"""The course's training loop (notebook 12): one epoch, many epochs, an evaluation, XOR.

A *network* here is the book's chapter 10 model as a tuple of its layers, in order:

* the classifier: ``(dense1, activation1, dense2, loss_activation)``, a dense layer, an
  activation (ReLU), a dense layer and the softmax with cross-entropy
  (:class:`nbhelpers.layers.SoftmaxCrossentropy`);
* the XOR network of the seed article: ``(dense1, activation1, dense2, activation2, loss)``,
  a dense layer, tanh (or sigmoid), a dense layer of one neuron, sigmoid, and the log loss
  (:class:`nbhelpers.layers.BinaryCrossentropy`).

An optimizer is one of :mod:`nbhelpers.optimizers` (or a class with their interface).
Notebook 12's tests compare the student's loops with these, and give them to a student's
``train`` in place of the student's ``train_epoch`` (one mistake costs one exercise).
"""

from __future__ import annotations

import numpy as np

from nbhelpers import layers

XOR_INPUTS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_TARGETS = np.array([[0.0], [1.0], [1.0], [0.0]])

# The book's chapter 10 runs (dense(2, 64), ReLU, dense(64, 3), softmax with cross-entropy on
# spiral_data(100, 3) after nnfs.init(), 10,001 epochs, float32) as the nnfs package computes
# them: tests/test_book_values.py runs them and checks every number here. Notebook 12 prints
# them beside the course's own run (float64), which drifts from them over the epochs.
BOOK_RUNS = {
    "SGD(learning_rate=1.0)": {"loss": 0.874, "accuracy": 0.647, "first_over_0.9": None},
    "Adam(learning_rate=0.05, decay=5e-7)": {
        "loss": 0.074,
        "accuracy": 0.967,
        "first_over_0.9": 386,
    },
}


def spiral_network(rng, n_inputs: int = 2, hidden: int = 64, classes: int = 3) -> tuple:
    """The book's chapter 10 classifier, its weights drawn from ``rng`` (dense1's first).

    Returns:
        ``(dense1, activation1, dense2, loss_activation)``: DenseLayer(n_inputs, hidden),
        ReLU, DenseLayer(hidden, classes), SoftmaxCrossentropy.
    """
    dense1 = layers.DenseLayer(n_inputs, hidden, rng)
    dense2 = layers.DenseLayer(hidden, classes, rng)
    return dense1, layers.ReLU(), dense2, layers.SoftmaxCrossentropy()


def xor_network(rng, activation: type = layers.Tanh) -> tuple:
    """The seed article's XOR network (2 → 2 → 1), weights standard normal from ``rng``.

    A new layer's 0.01 scale would start the two hidden neurons almost alike; XOR needs
    them to differ, so the weights are drawn at scale 1 (biases zeros), as in notebook 10.

    Returns:
        ``(dense1, activation1, dense2, activation2, loss)``: DenseLayer(2, 2), an
        ``activation`` (tanh), DenseLayer(2, 1), Sigmoid, BinaryCrossentropy.
    """
    dense1, dense2 = layers.DenseLayer(2, 2, rng), layers.DenseLayer(2, 1, rng)
    dense1.weights, dense2.weights = rng.standard_normal((2, 2)), rng.standard_normal((2, 1))
    return dense1, activation(), dense2, layers.Sigmoid(), layers.BinaryCrossentropy()


def train_epoch(X: np.ndarray, y: np.ndarray, network: tuple, optimizer) -> tuple[float, float]:
    """One epoch of the classifier: forward, loss and accuracy, backward, one optimizer step.

    Args:
        X: array (n_samples, n_inputs); y: class indices (n_samples,) or one-hot rows.
        network: ``(dense1, activation1, dense2, loss_activation)``.
        optimizer: has pre_update_params, update_params(layer), post_update_params.

    Returns:
        (loss, accuracy), floats, of the forward pass before this epoch's update.
    """
    dense1, activation1, dense2, loss_activation = network
    activation1.forward(dense1.forward(X))
    loss = loss_activation.forward(dense2.forward(activation1.output), y)
    accuracy = layers.accuracy(loss_activation.output, y)
    _backward(loss_activation.backward(loss_activation.output, y), dense2, activation1, dense1)
    _step(optimizer, dense1, dense2)
    return float(loss), accuracy


def _backward(dvalues: np.ndarray, *layers_from_the_end) -> None:
    """Each layer's backward, from the last, given the gradient the one after it returned."""
    for layer in layers_from_the_end:
        dvalues = layer.backward(dvalues)


def _step(optimizer, *dense_layers) -> None:
    """One optimizer step of the whole network: pre, an update per layer, post."""
    optimizer.pre_update_params()
    for layer in dense_layers:
        optimizer.update_params(layer)
    optimizer.post_update_params()


def train(
    X: np.ndarray, y: np.ndarray, network: tuple, optimizer, epochs: int, print_every: int = 0
) -> dict[str, list[float]]:
    """``epochs`` epochs of :func:`train_epoch`; every ``print_every``-th (from 0) printed.

    Returns:
        ``{"loss": [...], "accuracy": [...]}``, one value per epoch.
    """
    history: dict[str, list[float]] = {"loss": [], "accuracy": []}
    for epoch in range(epochs):
        loss, accuracy = train_epoch(X, y, network, optimizer)
        history["loss"].append(loss)
        history["accuracy"].append(accuracy)
        if print_every and epoch % print_every == 0:
            print(
                f"epoch {epoch:5}  loss {loss:.3f}  accuracy {accuracy:.3f}  "
                f"learning rate {optimizer.current_learning_rate:.7g}"
            )
    return history


def evaluate(X: np.ndarray, y: np.ndarray, network: tuple) -> tuple[float, float]:
    """The classifier's (loss, accuracy) on data, by a forward pass only (nothing changes)."""
    dense1, activation1, dense2, loss_activation = network
    loss = loss_activation.forward(dense2.forward(activation1.forward(dense1.forward(X))), y)
    return float(loss), layers.accuracy(loss_activation.output, y)


def train_xor(X: np.ndarray, y: np.ndarray, network: tuple, optimizer, epochs: int) -> np.ndarray:
    """``epochs`` epochs of the XOR network, then its outputs (a last forward pass).

    Args:
        X: array (n_samples, 2); y: array (n_samples, 1) of 0 and 1.
        network: ``(dense1, activation1, dense2, activation2, loss)``.

    Returns:
        array (n_samples, 1): the network's outputs after the last update.
    """
    dense1, activation1, dense2, activation2, loss = network
    for _ in range(epochs):
        outputs = activation2.forward(dense2.forward(activation1.forward(dense1.forward(X))))
        _backward(loss.backward(outputs, y), activation2, dense2, activation1, dense1)
        _step(optimizer, dense1, dense2)
    return activation2.forward(dense2.forward(activation1.forward(dense1.forward(X))))
