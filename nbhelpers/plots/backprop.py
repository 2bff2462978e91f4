"""Backpropagation at work: a student's backward pass checked numerically, then followed.

:func:`xor_backprop` draws notebook 10's second example, the XOR network of the article on
sigmoid, tanh and the log loss: dense (2 → 2), tanh, dense (2 → 1), sigmoid, log loss,
its dense layers of the student's class. One panel compares the gradients of the
student's backward pass with numerical ones, the other shows the loss while plain
gradient descent follows them.
"""

from __future__ import annotations

import numpy as np

from nbhelpers.checks import try_call
from nbhelpers.gradients import numerical_gradient, relative_error
from nbhelpers.layers import BinaryCrossentropy, DenseLayer, Sigmoid, Tanh
from nbhelpers.plots.classes import GATE_INPUTS
from nbhelpers.plots.style import PALETTE, CourseFigure, course_style, new_figure, style_axes

XOR_TARGETS = np.array([[0.0], [1.0], [1.0], [0.0]])
XOR_SEED, XOR_STEPS, XOR_LEARNING_RATE = 0, 1000, 1.0
# The network's 9 parameters, in the order their gradients are kept.
XOR_PARAMETERS = ["W1[0,0]", "W1[0,1]", "W1[1,0]", "W1[1,1]", "b1[0]", "b1[1]", "W2[0]"]
XOR_PARAMETERS += ["W2[1]", "b2"]
AGREE = 1e-6  # the largest relative error of a backward pass that agrees with the numerical one


def xor_network(layer_class: type = DenseLayer) -> tuple:
    """The XOR network's two dense layers, (2 → 2) and (2 → 1), at the same start every time.

    Weights are standard normal draws (larger than a new layer's 0.01 scale, so that the
    two hidden neurons start out different enough to learn XOR quickly), biases zeros.
    """
    rng = np.random.RandomState(XOR_SEED)
    hidden, output = layer_class(2, 2, rng), layer_class(2, 1, rng)
    hidden.weights, output.weights = rng.standard_normal((2, 2)), rng.standard_normal((2, 1))
    hidden.biases, output.biases = np.zeros((1, 2)), np.zeros((1, 1))
    return hidden, output


def xor_gradients(hidden, output) -> tuple[float, np.ndarray]:
    """One forward and backward pass on the four XOR inputs.

    Args:
        hidden, output: the dense layers (any class with the course's forward and backward).

    Returns:
        the mean log loss, and the 9 gradients as an array (9,), in XOR_PARAMETERS' order.
    """
    tanh, sigmoid, loss = Tanh(), Sigmoid(), BinaryCrossentropy()
    predictions = sigmoid.forward(output.forward(tanh.forward(hidden.forward(GATE_INPUTS))))
    value = loss.calculate(predictions, XOR_TARGETS)
    loss.backward(predictions, XOR_TARGETS)
    sigmoid.backward(loss.dinputs)
    output.backward(sigmoid.dinputs)
    tanh.backward(output.dinputs)
    hidden.backward(tanh.dinputs)
    parts = (hidden.dweights, hidden.dbiases, output.dweights, output.dbiases)
    return value, np.concatenate([np.ravel(np.asarray(p, dtype=float)) for p in parts])


def xor_loss(parameters: np.ndarray) -> float:
    """The network's mean log loss for its 9 parameters (the course's forward pass)."""
    w1, b1 = parameters[:4].reshape(2, 2), parameters[4:6].reshape(1, 2)
    w2, b2 = parameters[6:8].reshape(2, 1), parameters[8:].reshape(1, 1)
    predictions = Sigmoid().forward(np.tanh(GATE_INPUTS @ w1 + b1) @ w2 + b2)
    return BinaryCrossentropy().calculate(predictions, XOR_TARGETS)


def xor_training(layer_class: type) -> tuple[np.ndarray, np.ndarray]:
    """Plain gradient descent on the XOR network: every parameter minus the learning rate
    times its gradient, XOR_STEPS times.

    Returns:
        the loss before each step, array (XOR_STEPS,), and the final outputs, array (4,).
    """
    hidden, output = xor_network(layer_class)
    losses = np.empty(XOR_STEPS)
    for step in range(XOR_STEPS):
        losses[step], _ = xor_gradients(hidden, output)
        for layer in (hidden, output):
            layer.weights = layer.weights - XOR_LEARNING_RATE * np.asarray(layer.dweights)
            layer.biases = layer.biases - XOR_LEARNING_RATE * np.asarray(layer.dbiases)
    hidden_outputs = np.tanh(GATE_INPUTS @ hidden.weights + hidden.biases)
    return losses, np.ravel(Sigmoid().forward(hidden_outputs @ output.weights + output.biases))


def _start() -> np.ndarray:
    """The start's 9 parameters, in XOR_PARAMETERS' order."""
    hidden, output = xor_network()
    return np.concatenate(
        [hidden.weights.ravel(), hidden.biases.ravel(), output.weights.ravel(), [0.0]]
    )


def xor_backprop(layer_class: type | None, *, exercise: str = "Exercise 2") -> CourseFigure:
    """The XOR network's gradients from a student's dense layer, checked, then followed.

    Args:
        layer_class: the student's DenseLayer class (``__init__(n_inputs, n_neurons, rng)``,
            ``forward``, ``backward`` setting ``dweights``, ``dbiases``, ``dinputs``), or None.
            While it is None, fails, or gives gradients that differ from the numerical ones,
            the course's DenseLayer trains the network, and a note says why.
        exercise: the exercise that writes the class, named in the notes.

    Returns:
        The figure: the 9 gradients at the start, the student's backward pass beside the
        numerical gradient; and the loss during XOR_STEPS steps of gradient descent, with
        the network's four final outputs.
    """
    numerical = numerical_gradient(xor_loss, _start())
    note, trainer, label = None, DenseLayer, "backward pass (the course's)"
    analytic = xor_gradients(*xor_network())[1]
    if layer_class is not None:
        name = getattr(layer_class, "__name__", "DenseLayer")

        def gradients() -> np.ndarray:
            return xor_gradients(*xor_network(layer_class))[1]

        gradients.__name__ = name
        outcome = try_call(gradients)
        if outcome.problem is not None:
            note = (
                f"{outcome.problem}: the course's DenseLayer computes the gradients until "
                f"{exercise} works."
            )
        elif np.shape(outcome.value) != (9,):
            note = (
                f"Your {name}'s gradients have the wrong shapes: the course's DenseLayer "
                f"computes them until {exercise} works."
            )
        else:
            analytic, label = outcome.value, "your backward pass"
            if relative_error(analytic, numerical) > AGREE:
                i = int(np.argmax(np.abs(analytic - numerical)))
                note = (
                    f"Your {name}'s gradient of {XOR_PARAMETERS[i]} is {analytic[i]:.4g}, the "
                    f"numerical one {numerical[i]:.4g}: the course's DenseLayer trains the "
                    f"network. The test of {exercise} says more."
                )
            else:
                trainer = layer_class
    trained = try_call(xor_training, trainer)
    if trained.problem is not None:  # the student's class failed on a later step
        note = f"Your {name} failed while training ({trained.problem}): the course's trains."
        trained = try_call(xor_training, DenseLayer)
    losses, final = trained.value

    fig, axes = new_figure(1, 2, figsize=(10.0, 4.2), title="The XOR network: 2 → 2 (tanh) → 1")
    left, right = axes[0]
    positions = np.arange(len(XOR_PARAMETERS))
    with course_style():
        left.bar(positions - 0.2, analytic, width=0.4, color=PALETTE["blue"], label=label)
        left.bar(
            positions + 0.2,
            numerical,
            width=0.4,
            color=PALETTE["orange"],
            hatch="//",
            edgecolor=PALETTE["black"],
            label="numerical gradient",
        )
        left.set_xticks(positions, XOR_PARAMETERS, rotation=45, fontsize=8)
        low, high = min(0.0, float(numerical.min())), max(0.0, float(numerical.max()))
        margin = 0.3 * max(high - low, 1e-3)
        error = relative_error(analytic, numerical)
        style_axes(
            left,
            title=f"Gradients at the start (relative error {error:.0e})",
            xlabel="parameter",
            ylabel="∂ loss / ∂ parameter",
            ylim=(low - 0.1 * margin, high + margin),
            zero_lines=False,
        )
        left.axhline(0.0, color=PALETTE["black"], linewidth=0.8)
        left.legend(loc="upper left", fontsize=8, ncols=2)
        right.plot(np.arange(XOR_STEPS), losses, color=PALETTE["blue"])
        style_axes(
            right,
            title=f"{XOR_STEPS} steps against the gradient (learning rate {XOR_LEARNING_RATE:g})",
            xlabel="step",
            ylabel="mean log loss",
            xlim=(0, XOR_STEPS),
            ylim=(0, max(1.0, float(losses[0]) * 1.1)),
            zero_lines=False,
        )
        rows = "\n".join(
            f"{int(a)} xor {int(b)} → {p:.3f}" for (a, b), p in zip(GATE_INPUTS, final)
        )
        right.text(
            0.95,
            0.92,
            f"outputs at the end:\n{rows}",
            ha="right",
            va="top",
            transform=right.transAxes,
            fontsize=9,
            family="monospace",
        )
    if note:
        fig.supxlabel(note, fontsize=9, color=PALETTE["vermillion"], wrap=True)
    return fig
