"""Points coloured by class: spiral data, a network's predictions, where a step network fires."""

from __future__ import annotations

from typing import Any, Callable, Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import ListedColormap
from matplotlib.patches import Patch

from nbhelpers.checks import try_call
from nbhelpers.datasets import spiral_data
from nbhelpers.layers import DenseLayer, relu, softmax
from nbhelpers.plots.curves import student_values
from nbhelpers.plots.style import (
    CLASS_COLORS,
    CLASS_MARKERS,
    PALETTE,
    CourseFigure,
    course_style,
    new_figure,
    style_axes,
)


def _scatter_by_class(ax: Any, X: np.ndarray, classes: np.ndarray) -> None:
    """Draw points (n, 2) on ``ax``, each class (n,) in its own colour and marker."""
    for label in np.unique(classes):
        k = int(label) % len(CLASS_COLORS)
        points = X[classes == label]
        ax.scatter(
            points[:, 0],
            points[:, 1],
            s=14,
            color=CLASS_COLORS[k],
            marker=CLASS_MARKERS[k],
            label=f"class {int(label)}",
            edgecolors="none",
        )


def scatter_classes(
    X: np.ndarray,
    y: np.ndarray,
    *,
    title: str,
    xlim: tuple[float, float] = (-1.05, 1.05),
    ylim: tuple[float, float] = (-1.05, 1.05),
) -> CourseFigure:
    """Points coloured and shaped by class, e.g. the spiral data.

    Args:
        X: array of shape (n, 2), the points.
        y: integer array of shape (n,), the class of each point.
        title: figure title.
        xlim, ylim: fixed axes.

    Returns:
        The figure, with a legend of the classes.
    """
    X, y = np.asarray(X), np.asarray(y)
    if X.ndim != 2 or X.shape[1] != 2 or y.shape != (X.shape[0],):
        raise ValueError(f"X must have shape (n, 2) and y shape (n,); got {X.shape} and {y.shape}")
    fig, axes = new_figure(figsize=(4.8, 4.4))
    ax = axes[0, 0]
    with course_style():
        _scatter_by_class(ax, X, y)
        style_axes(
            ax,
            title=title,
            xlabel="feature 1",
            ylabel="feature 2",
            xlim=xlim,
            ylim=ylim,
            zero_lines=False,
        )
        ax.set_aspect("equal")
        ax.legend(loc="upper right", markerscale=1.3)
    return fig


def _book_generator() -> np.random.RandomState:
    """RandomState(0) just after it drew the book's spiral data: where the book's layers start."""
    rng = np.random.RandomState(0)
    spiral_data(100, 3, random_state=rng)
    return rng


def _untrained_network(X: np.ndarray) -> np.ndarray:
    """The book's untrained network (chapter 4) on X (n, 2): probabilities (n, 3)."""
    rng = _book_generator()
    first, second = DenseLayer(2, 3, rng), DenseLayer(3, 3, rng)
    return softmax(second.forward(relu(first.forward(X))))


def spiral_predictions(
    forward_pass: Callable | None, *, exercise: str = "Exercise 5"
) -> CourseFigure:
    """The book's spiral data twice: coloured by true class, and by a network's prediction.

    The network is the book's untrained one: the student's ``forward_pass(X, rng)``, given
    the book's data and the generator just after it made them (so it draws the book's
    weights). A point's predicted class is the one with its highest probability.

    Args:
        forward_pass: the student's function, (X of shape (n, 2), rng) -> probabilities of
            shape (n, 3); None, unfinished, failing or giving another shape means the
            course's network is drawn instead, with a note saying why.
        exercise: the exercise that writes ``forward_pass``, named in notes.

    Returns:
        The figure: two panels with the same axes, and the same colour and marker for a
        class in both; the right panel's title gives the accuracy of the predictions.
    """
    X, y = spiral_data(100, 3, random_state=0)
    student = None
    if forward_pass is not None:

        def student(points: np.ndarray) -> np.ndarray:
            return forward_pass(points, _book_generator())

        student.__name__ = getattr(forward_pass, "__name__", "forward_pass")
    curve = student_values(student, X, _untrained_network, exercise)
    note = curve.note
    if curve.from_student and note:  # the probabilities all lie near 1/3: say by how much
        gap = float(np.max(np.abs(curve.y - _untrained_network(X.astype(float)))))
        note = (
            f"Your {student.__name__}'s probabilities differ from the course's network by up "
            f"to {gap:.1e}: its predictions are drawn. The test of {exercise} says more."
        )
    predicted = np.argmax(curve.y, axis=1)
    fig, axes = new_figure(
        1, 2, figsize=(9.0, 4.6), title="The spiral data and the untrained network's guesses"
    )
    panels = [
        (y, "True classes"),
        (predicted, f"Predicted classes (accuracy {np.mean(predicted == y):.0%})"),
    ]
    with course_style():
        for ax, (classes, title) in zip(axes[0], panels):
            _scatter_by_class(ax, X, classes)
            style_axes(
                ax,
                title=title,
                xlabel="feature 1",
                ylabel="feature 2",
                xlim=(-1.05, 1.05),
                ylim=(-1.05, 1.05),
                zero_lines=False,
            )
            ax.set_aspect("equal")
            ax.legend(loc="upper right", markerscale=1.3)
    if note:
        fig.supxlabel(note, fontsize=9, color=PALETTE["vermillion"], wrap=True)
    return fig


# The four input pairs of a two-input logic gate, in truth-table order.
GATE_INPUTS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])


def _step_network(
    points: np.ndarray, parameters: tuple[np.ndarray, ...]
) -> tuple[np.ndarray, np.ndarray]:
    """A two-layer network of step neurons: its hidden sums and its outputs for each point.

    Args:
        points: array (n, 2).
        parameters: weights1 (2, h), biases1 (1, h), weights2 (h, 1), biases2 (1, 1).

    Returns:
        sums: array (n, h), each hidden neuron's weighted sum plus bias (0 on its line).
        fires: array (n,) of 0.0 and 1.0, the output neuron's answer.
    """
    weights1, biases1, weights2, biases2 = parameters
    sums = points @ weights1 + biases1
    fires = ((sums > 0).astype(float) @ weights2 + biases2 > 0).astype(float)
    return sums, fires[:, 0]


def _step_parameters(make_parameters: Callable, exercise: str) -> tuple[tuple | None, str | None]:
    """The parameters a student's function returns, as float arrays of DenseLayer's shapes.

    Returns:
        (parameters, None), or (None, a note saying why there are none to draw).
    """
    name = getattr(make_parameters, "__name__", "your function")
    outcome = try_call(make_parameters)
    if outcome.problem is not None:
        if isinstance(outcome.error, NotImplementedError):
            return None, (
                f"{outcome.problem}, so only the four points are drawn; your network's "
                f"regions appear once {exercise} is done."
            )
        return None, f"{outcome.problem}. Only the points are drawn until {exercise} works."
    try:
        weights1, biases1, weights2, biases2 = (np.asarray(p, dtype=float) for p in outcome.value)
        n_hidden = weights1.shape[1]
        if weights1.shape != (2, n_hidden):
            raise ValueError
        parameters = (
            weights1,
            biases1.reshape(1, n_hidden),
            weights2.reshape(n_hidden, 1),
            biases2.reshape(1, 1),
        )
    except (TypeError, ValueError, IndexError):
        return None, (
            f"`{name}` did not return (weights1, biases1, weights2, biases2) of shapes "
            f"(2, n), (1, n), (n, 1), (1, 1). Only the points are drawn until {exercise} works."
        )
    return parameters, None


def step_network_regions(
    make_parameters: Callable | None,
    *,
    targets: Sequence[int] = (0, 1, 1, 0),
    title: str = "Where the network fires",
    exercise: str = "Exercise 4",
    lim: tuple[float, float] = (-0.5, 1.5),
    margin: float = 0.05,
) -> CourseFigure:
    """Where a two-input network of step neurons fires, over a square of the plane.

    The network: hidden = step(x · weights1 + biases1), output = step(hidden · weights2 +
    biases2), where step(z) is 1 for z > 0 and 0 otherwise, with parameters in DenseLayer's
    layout (one column per neuron).

    Args:
        make_parameters: the student's function, called without arguments, returning
            (weights1 (2, n_hidden), biases1 (1, n_hidden), weights2 (n_hidden, 1),
            biases2 (1, 1)); None draws only the points.
        targets: the wanted outputs (0 or 1) for the inputs (0, 0), (0, 1), (1, 0), (1, 1);
            XOR's by default.
        title: the figure's title.
        exercise: the exercise that writes ``make_parameters``, named in notes.
        lim: the square lim × lim that is drawn.
        margin: how far (in each coordinate) inputs may stray from a corner; a note names a
            hidden neuron whose line comes that close to a corner.

    Returns:
        The figure: where the network fires (orange, hatched) and where it does not (sky
        blue), each hidden neuron's line (dashed, where its weighted sum is 0, labelled
        "neuron 1", "neuron 2", ...), and the four input pairs, shaped and coloured by their
        target, circled where the network's answer differs. A note in the footer names each
        such pair and each line too close to a pair, or says why only the points are drawn
        (the function is unfinished, raises, or returns parameters of other shapes).
    """
    targets = np.asarray(targets, dtype=int)
    if targets.shape != (4,) or not np.isin(targets, (0, 1)).all():
        raise ValueError(f"targets must be 4 values, each 0 or 1; got {targets.tolist()}")
    parameters, note = (
        (None, None) if make_parameters is None else _step_parameters(make_parameters, exercise)
    )
    notes = [note] if note else []
    fig, axes = new_figure(figsize=(6.4, 4.4))
    ax = axes[0, 0]
    with course_style():
        style_axes(
            ax,
            title=title,
            xlabel="input x₁",
            ylabel="input x₂",
            xlim=lim,
            ylim=lim,
            zero_lines=False,
        )
        handles = []
        if parameters is not None:
            grid = np.linspace(*lim, 201)
            xx, yy = np.meshgrid(grid, grid)
            sums, fires = _step_network(np.column_stack([xx.ravel(), yy.ravel()]), parameters)
            fires = fires.reshape(xx.shape)
            ax.imshow(
                fires,
                origin="lower",
                extent=(*lim, *lim),
                cmap=ListedColormap([PALETTE["sky"], PALETTE["orange"]]),
                vmin=0,
                vmax=1,
                alpha=0.4,
                interpolation="nearest",
                aspect="auto",
            )
            if fires.any():
                ax.contourf(xx, yy, fires, levels=[0.5, 1.5], colors="none", hatches=["//"])
            for j in range(sums.shape[1]):
                z = sums[:, j].reshape(xx.shape)
                if z.min() < 0 < z.max():
                    lines = ax.contour(
                        xx, yy, z, levels=[0.0], colors=PALETTE["black"], linestyles="--"
                    )
                    ax.clabel(lines, fmt={0.0: f"neuron {j + 1}"}, fontsize=8)
            handles = [
                Patch(facecolor=PALETTE["orange"], alpha=0.4, hatch="//", label="fires (1)"),
                Patch(facecolor=PALETTE["sky"], alpha=0.4, label="quiet (0)"),
            ]
            notes += _corner_notes(ax, parameters, targets, margin)
        for k in (0, 1):
            at = GATE_INPUTS[targets == k]
            handles.append(
                ax.scatter(
                    at[:, 0],
                    at[:, 1],
                    s=110,
                    color=CLASS_COLORS[k],
                    marker=CLASS_MARKERS[k],
                    edgecolors="black",
                    zorder=3,
                    label=f"target {k}",
                )
            )
        ax.set_aspect("equal")
        ax.legend(
            handles=handles,
            loc="upper left",
            bbox_to_anchor=(1.02, 1.0),
        )
    if notes:
        fig.supxlabel("\n".join(notes), fontsize=9, color=PALETTE["vermillion"], wrap=True)
    return fig


def _corner_notes(
    ax: Axes, parameters: tuple[np.ndarray, ...], targets: np.ndarray, margin: float
) -> list[str]:
    """Circle the input pairs the network gets wrong; a note for each, and for lines too close."""
    sums, fires = _step_network(GATE_INPUTS, parameters)
    notes = []
    for (x1, x2), answer, target in zip(GATE_INPUTS, fires, targets):
        if answer != target:
            ax.scatter(
                [x1],
                [x2],
                s=420,
                facecolors="none",
                edgecolors=PALETTE["vermillion"],
                linewidths=2,
                zorder=2,
            )
            notes.append(
                f"At ({x1:g}, {x2:g}) the network answers {answer:g}; the target is {target}."
            )
    reach = margin * np.abs(parameters[0]).sum(axis=0)  # the most noise can move a sum
    for j in range(sums.shape[1]):
        close = [
            f"({x1:g}, {x2:g})"
            for (x1, x2), total in zip(GATE_INPUTS, sums[:, j])
            if abs(total) <= reach[j]
        ]
        if close:
            notes.append(
                f"Neuron {j + 1}'s line passes within {margin:g} of {', '.join(close)}: inputs "
                "a little off that point can get either answer."
            )
    return notes
