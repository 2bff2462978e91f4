"""Loss pictures: one sample's cross-entropy as a curve, and random search as a loss history."""

from __future__ import annotations

from typing import Callable

import numpy as np

from nbhelpers.datasets import spiral_data, vertical_data
from nbhelpers.layers import DenseLayer, accuracy, categorical_crossentropy, relu, softmax
from nbhelpers.plots.curves import Panel, curves_figure
from nbhelpers.plots.style import PALETTE, CourseFigure, course_style, new_figure, style_axes

BOOK_PROBABILITY = 0.7  # the book's softmax output for the true class: loss -ln 0.7


def loss_curve(
    crossentropy_python: Callable | None = None, *, exercise: str = "Exercise 1"
) -> CourseFigure:
    """The loss of one sample against the probability its true class gets.

    Drawn by the student's one-sample loss, called as ``crossentropy_python([1 - p, p],
    [0, 1])`` for p from 0.01 to 1: two classes, the second the true one, so the curve is
    -ln p. The book's probability 0.7 is marked.

    Args:
        crossentropy_python: the student's function (probabilities, one_hot) -> float; None,
            unfinished or failing means the reference is drawn, with a note saying why.
        exercise: the exercise that writes it, named in notes.

    Returns:
        The figure.
    """
    panel = Panel(
        "probabilities [1 − p, p], target [0, 1]",
        lambda p: -np.log(p),
        lambda p: ([1.0 - p, p], [0, 1]),
    )
    fig = curves_figure(
        crossentropy_python,
        [panel],
        title="Cross-entropy of one sample: −ln(probability of the true class)",
        xlabel="p, the probability of the true class",
        ylabel="loss",
        xlim=(0.01, 1.0),
        ylim=(0.0, 5.0),
        exercise=exercise,
        panel_size=(6.0, 3.6),
    )
    ax = fig.axes[0]
    loss = -np.log(BOOK_PROBABILITY)
    with course_style():
        ax.plot([BOOK_PROBABILITY], [loss], marker="o", color=PALETTE["vermillion"], zorder=3)
        ax.annotate(
            f"the book's sample: −ln 0.7 = {loss:.4f}",
            (BOOK_PROBABILITY, loss),
            xytext=(BOOK_PROBABILITY - 0.25, loss + 1.2),
            arrowprops={"arrowstyle": "->", "color": PALETTE["vermillion"]},
        )
    return fig


def random_search_history(
    X: np.ndarray,
    y: np.ndarray,
    rng: np.random.RandomState | np.random.Generator,
    iterations: int = 1000,
    step: float = 0.05,
) -> tuple[np.ndarray, float]:
    """Train the book's network (dense 2 -> 3, ReLU, dense 3 -> 3, softmax) by random search.

    The book's chapter 6: from the untrained network, add ``step`` times a standard normal
    draw to every weight and bias; keep the change if the mean loss went down, else go back
    to the best parameters so far.

    Args:
        X: array (n_samples, 2); y: class indices (n_samples,).
        rng: the generator of the layers' first weights and of every step.
        iterations: how many random steps.
        step: the size of a step, relative to a standard normal draw.

    Returns:
        losses: array (iterations + 1,), the lowest loss so far, the untrained one first.
        accuracy: float, the accuracy of the best parameters found.
    """
    layers = [DenseLayer(2, 3, rng), DenseLayer(3, 3, rng)]

    def probabilities() -> np.ndarray:
        return softmax(layers[1].forward(relu(layers[0].forward(X))))

    best = [(layer.weights, layer.biases) for layer in layers]
    lowest = float(np.mean(categorical_crossentropy(probabilities(), y)))
    best_accuracy = accuracy(probabilities(), y)
    losses = [lowest]
    for _ in range(iterations):
        for layer, (weights, biases) in zip(layers, best):
            layer.weights = weights + step * rng.standard_normal(weights.shape)
            layer.biases = biases + step * rng.standard_normal(biases.shape)
        tried = probabilities()
        loss = float(np.mean(categorical_crossentropy(tried, y)))
        if loss < lowest:
            lowest, best_accuracy = loss, accuracy(tried, y)
            best = [(layer.weights, layer.biases) for layer in layers]
        losses.append(lowest)
    return np.array(losses), best_accuracy


def random_search(iterations: int = 1000, step: float = 0.05) -> CourseFigure:
    """The lowest loss random search finds, step by step, on the vertical and the spiral data.

    Each dataset is the book's (100 samples of 3 classes, from ``RandomState(0)``), and the
    same generator goes on to make the layers and the steps, as in the book.

    Args:
        iterations, step: as for :func:`random_search_history`.

    Returns:
        The figure: one line per dataset (its final accuracy in the legend), and ln 3, the
        loss of a network that gives every class the same probability, dashed.
    """
    fig, axes = new_figure(figsize=(7.0, 4.0))
    ax = axes[0, 0]
    with course_style():
        for make_data, name, color in [
            (vertical_data, "vertical data", PALETTE["blue"]),
            (spiral_data, "spiral data", PALETTE["orange"]),
        ]:
            rng = np.random.RandomState(0)
            X, y = make_data(100, 3, random_state=rng)
            losses, final_accuracy = random_search_history(X, y, rng, iterations, step)
            ax.plot(losses, color=color, label=f"{name} (accuracy {final_accuracy:.2f} at the end)")
        ax.axhline(np.log(3), color=PALETTE["black"], linestyle="--", linewidth=1, label="ln 3")
        style_axes(
            ax,
            title="Random search: the lowest loss found so far",
            xlabel="random step",
            ylabel="loss",
            xlim=(0, iterations),
            ylim=(0.0, 1.25),
            zero_lines=False,
        )
        ax.legend(loc="lower left")
    return fig
