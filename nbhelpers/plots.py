"""One plotting style for the whole course.

Colours come from the Okabe–Ito palette, which stays distinguishable with the common
forms of colour blindness; classes also differ by marker shape and signs by text, so
nothing is told by colour alone. Every figure has a title, axis labels and fixed axes.

Figures are :class:`CourseFigure` objects built without pyplot: they show as a PNG when
they end a notebook cell, and importing this module changes no global matplotlib state
(the style is applied with a context manager while a figure is built and drawn).
"""

from __future__ import annotations

import contextlib
import io
from typing import Any, Callable, Iterator, NamedTuple, Sequence

import matplotlib
import numpy as np
from cycler import cycler
from matplotlib.axes import Axes
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from nbhelpers.checks import try_call
from nbhelpers.datasets import spiral_data
from nbhelpers.layers import DenseLayer, relu, softmax

# Okabe & Ito (2008), "Color Universal Design": order chosen so neighbours contrast.
PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "sky": "#56B4E9",
    "yellow": "#F0E442",
    "black": "#000000",
}
CLASS_COLORS = [
    PALETTE[c] for c in ("blue", "orange", "green", "vermillion", "purple", "sky", "yellow")
]
CLASS_MARKERS = ["o", "s", "^", "D", "v", "P", "X"]
# Diverging map for signed values (negative purple, positive orange); safe for colour blindness.
SIGNED_CMAP = "PuOr_r"

STYLE = {
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.labelsize": 10,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": cycler(color=CLASS_COLORS),
    "lines.linewidth": 2.0,
    "legend.frameon": False,
}


@contextlib.contextmanager
def course_style() -> Iterator[None]:
    """Apply the course style to figures built or drawn inside the ``with`` block."""
    with matplotlib.rc_context(STYLE):
        yield


class CourseFigure(Figure):
    """A matplotlib Figure that shows itself as a PNG in a notebook, in the course style."""

    def _repr_png_(self) -> bytes:
        buffer = io.BytesIO()
        with course_style():
            self.savefig(buffer, format="png", bbox_inches="tight")
        return buffer.getvalue()


def new_figure(
    nrows: int = 1,
    ncols: int = 1,
    *,
    figsize: tuple[float, float] = (6.0, 4.0),
    title: str | None = None,
    figure_class: type[Figure] = CourseFigure,
) -> tuple[Figure, np.ndarray]:
    """A figure with a grid of axes, in the course style.

    Args:
        nrows, ncols: the grid of axes.
        figsize: size in inches (fixed, so the picture never jumps).
        title: an overall title, or None.
        figure_class: the Figure class (widgets pass the plain Figure they draw on).

    Returns:
        fig: the figure.
        axes: array of shape (nrows, ncols) of matplotlib Axes.
    """
    with course_style():
        fig = figure_class(figsize=figsize, layout="constrained")
        axes = fig.subplots(nrows, ncols, squeeze=False)
        if title:
            fig.suptitle(title, fontweight="bold")
    return fig, axes


def style_axes(
    ax: Axes,
    *,
    title: str,
    xlabel: str,
    ylabel: str,
    xlim: tuple[float, float] | None = None,
    ylim: tuple[float, float] | None = None,
    zero_lines: bool = True,
) -> None:
    """Give an Axes its title, labels and fixed limits.

    Args:
        ax: the Axes.
        title, xlabel, ylabel: the texts.
        xlim, ylim: fixed limits (autoscaling is turned off for the given axis).
        zero_lines: draw thin lines through x = 0 and y = 0.
    """
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if xlim is not None:
        ax.set_xlim(*xlim)
        ax.set_autoscalex_on(False)
    if ylim is not None:
        ax.set_ylim(*ylim)
        ax.set_autoscaley_on(False)
    if zero_lines:
        ax.axhline(0, color="0.4", linewidth=0.8, zorder=0)
        ax.axvline(0, color="0.4", linewidth=0.8, zorder=0)


class Curve(NamedTuple):
    """Outputs of a student's function over a grid, or a reference where it cannot be used.

    Attributes:
        y: float array of the same shape as the inputs (shape (n,) for a curve), the
            values to plot.
        from_student: whether ``y`` came from the student's function.
        note: None, or a sentence for the student (unfinished exercise, error, mismatch).
    """

    y: np.ndarray
    from_student: bool
    note: str | None


def _fallback(
    expected: np.ndarray, problem: str, error: BaseException | None, exercise: str
) -> Curve:
    """The reference values, with a note on why the student's function could not draw them."""
    if isinstance(error, NotImplementedError):
        return Curve(
            expected,
            False,
            f"{problem}, so a reference draws this; your code takes over once {exercise} is done.",
        )
    return Curve(expected, False, f"{problem}. A reference draws this until {exercise} works.")


def _judged(
    y: np.ndarray,
    expected: np.ndarray,
    x: np.ndarray,
    name: str,
    exercise: str,
    input_name: str,
    reference_drawn_as: str,
) -> Curve:
    """The student's values, with a note at the first place they differ from the reference."""
    wrong = ~np.isclose(y, expected, rtol=1e-7, atol=1e-9)
    if not wrong.any():
        return Curve(y, True, None)
    i = int(np.argmax(wrong))
    same_shape = x.shape == y.shape  # then the output at i belongs to the input at i
    if y.ndim == 1 and same_shape:
        where = f"{input_name} = {x[i]:.3g}"
    else:
        position = tuple(int(k) for k in np.unravel_index(i, y.shape))
        where = f"position {position}" + (
            f" ({input_name} = {x.flat[i]:.3g})" if same_shape else ""
        )
    return Curve(
        y,
        True,
        f"`{name}` gives {y.flat[i]:.4g} at {where}, but the correct value is "
        f"{expected.flat[i]:.4g} ({reference_drawn_as}). The test of {exercise} says more.",
    )


def student_curve(
    func: Callable | None,
    x: np.ndarray,
    reference: Callable[[np.ndarray], np.ndarray],
    exercise: str,
    args_for: Callable[[float], tuple] = lambda xi: (xi,),
) -> Curve:
    """Evaluate a student's function point by point on a grid, falling back to a reference.

    Args:
        func: the student's function, or None.
        x: array of shape (n,), the inputs.
        reference: the correct function, vectorised: array (n,) -> array (n,).
        exercise: the exercise that writes ``func``, for the notes (e.g. "Exercise 1").
        args_for: turns one input into the arguments of ``func`` (by default ``(x,)``;
            for a neuron, ``lambda x: ([x], [w], b)``).

    Returns:
        A :class:`Curve` with ``y`` of shape (n,). The student's values are used whenever
        the function runs and returns numbers (even wrong ones, with a note saying where
        they disagree); the reference is used, with a note, while the exercise is
        unfinished or failing.
    """
    expected = reference(x)
    if func is None:
        return Curve(expected, False, None)
    name = getattr(func, "__name__", "your function")
    values = []
    for xi in x:
        outcome = try_call(func, *args_for(float(xi)))
        if outcome.problem is None:
            try:
                values.append(float(outcome.value))
                continue
            except (TypeError, ValueError):
                outcome = outcome._replace(
                    problem=f"`{name}` returned {type(outcome.value).__name__}, not a number"
                )
        return _fallback(expected, outcome.problem, outcome.error, exercise)
    return _judged(np.array(values), expected, x, name, exercise, "x", "dashed line")


def student_values(
    func: Callable | None,
    x: np.ndarray,
    reference: Callable[[np.ndarray], np.ndarray],
    exercise: str,
    *,
    input_name: str = "x",
    reference_drawn_as: str = "dashed line",
) -> Curve:
    """Evaluate a student's vectorised function once on a whole array, falling back to a reference.

    The student's function gets a copy of ``x``, so it cannot change the caller's array.

    Args:
        func: the student's vectorised function (e.g. ``relu``, ``softmax`` on a batch of
            shape (n_samples, n_classes), or a layer's forward pass); or None.
        x: float array of any shape, the inputs, passed to ``func`` in one call.
        reference: the correct function: array of the shape of ``x`` -> the correct result,
            whose shape the student's result must have.
        exercise: the exercise that writes ``func``, for the notes (e.g. "Exercise 4").
        input_name: what to call the inputs in a note (e.g. "z" for a neuron's pre-activation).
        reference_drawn_as: how the correct values are shown, for the note on wrong values.

    Returns:
        A :class:`Curve` whose ``y`` is a float array of the reference's shape. The student's
        values are used when the function returns numbers of the right shape (even wrong
        ones, with a note saying where they first differ); the reference is used, with a
        note, while the function is None, unfinished, raises, or returns something of
        another shape or that is not numbers.
    """
    x = np.asarray(x, dtype=float)
    expected = np.asarray(reference(x.copy()), dtype=float)
    if func is None:
        return Curve(expected, False, None)
    name = getattr(func, "__name__", "your function")
    outcome = try_call(func, x.copy())
    if outcome.problem is not None:
        return _fallback(expected, outcome.problem, outcome.error, exercise)
    try:
        got = np.asarray(outcome.value)
    except (TypeError, ValueError):  # e.g. a ragged list
        got = np.asarray(None)
    if got.dtype.kind not in "biuf":
        what = (
            type(outcome.value).__name__
            if got.dtype.kind == "O"
            else f"an array of {got.dtype} values"
        )
        return _fallback(
            expected, f"`{name}` returned {what}, not an array of numbers", None, exercise
        )
    if got.shape != expected.shape:
        return _fallback(
            expected,
            f"`{name}` returned shape {got.shape} for input of shape {x.shape}, "
            f"where the result has shape {expected.shape}",
            None,
            exercise,
        )
    return _judged(got.astype(float), expected, x, name, exercise, input_name, reference_drawn_as)


class Panel(NamedTuple):
    """One panel of :func:`curves_figure`.

    Attributes:
        title: the panel's title.
        reference: the correct curve, vectorised: array (n,) -> array (n,).
        args_for: turns one input x into the arguments of the student's function.
    """

    title: str
    reference: Callable[[np.ndarray], np.ndarray]
    args_for: Callable[[float], tuple] = lambda xi: (xi,)


def curves_figure(
    func: Callable | None,
    panels: Sequence[Panel],
    *,
    title: str,
    xlabel: str,
    ylabel: str,
    xlim: tuple[float, float],
    ylim: tuple[float, float],
    exercise: str,
    drawstyle: str = "default",
    panel_size: tuple[float, float] = (2.8, 2.8),
) -> CourseFigure:
    """Curves drawn by a student's function, one panel each, with fixed axes.

    Args:
        func: the student's function (or None to draw the references).
        panels: what each panel draws (see :class:`Panel`).
        title: the figure's title; xlabel, ylabel: axis labels.
        xlim, ylim: the fixed axes of every panel.
        exercise: the exercise that writes ``func``, named in notes.
        drawstyle: matplotlib drawstyle ("steps-pre" draws a step function that jumps just
            after a grid point).
        panel_size: inches per panel.

    Returns:
        The figure. Where the student's function is unfinished or failing, the reference
        is drawn; where it disagrees with the reference, the reference is dashed; a note
        in the footer says which.
    """
    x = np.linspace(*xlim, 161)
    fig, axes = new_figure(
        1, len(panels), figsize=(panel_size[0] * len(panels), panel_size[1]), title=title
    )
    notes = []
    for i, (ax, panel) in enumerate(zip(axes[0], panels)):
        curve = student_curve(func, x, panel.reference, exercise, panel.args_for)
        with course_style():
            style_axes(
                ax,
                title=panel.title,
                xlabel=xlabel,
                ylabel=ylabel if i == 0 else "",
                xlim=xlim,
                ylim=ylim,
            )
            if curve.note and curve.from_student:
                ax.plot(
                    x,
                    panel.reference(x),
                    linestyle="--",
                    color=PALETTE["black"],
                    linewidth=1,
                    drawstyle=drawstyle,
                )
            ax.plot(x, curve.y, color=PALETTE["blue"], drawstyle=drawstyle)
        if curve.note and curve.note not in notes:
            notes.append(curve.note)
    if notes:
        fig.supxlabel("\n".join(notes), fontsize=9, color=PALETTE["vermillion"], wrap=True)
    return fig


def neuron_line_panels(
    cases: Sequence[tuple[float, float]],
    neuron: Callable | None = None,
    *,
    xlim: tuple[float, float] = (-2.0, 2.0),
    ylim: tuple[float, float] = (-3.0, 3.0),
    exercise: str = "Exercise 1",
) -> CourseFigure:
    """Small multiples of a single-input neuron's output y = w·x + b, one panel per (w, b).

    Args:
        cases: pairs (weight, bias), one panel each.
        neuron: the student's ``neuron_output(inputs, weights, bias)``, called as
            ``neuron([x], [w], b)``; None, unfinished or failing means the reference is drawn.
        xlim, ylim: the fixed axes of every panel.
        exercise: the exercise that writes ``neuron``, for notes.

    Returns:
        The figure.
    """
    panels = [
        Panel(
            f"w = {w:g}, b = {b:g}",
            lambda v, w=w, b=b: w * v + b,
            lambda xi, w=w, b=b: ([xi], [w], b),
        )
        for w, b in cases
    ]
    return curves_figure(
        neuron,
        panels,
        title="A single-input neuron: output = weight · input + bias",
        xlabel="input x",
        ylabel="output",
        xlim=xlim,
        ylim=ylim,
        exercise=exercise,
    )


def matrix_figure(
    values: Sequence[Sequence[float]],
    *,
    row_labels: Sequence[str],
    col_labels: Sequence[str],
    title: str,
    figsize: tuple[float, float] | None = None,
) -> CourseFigure:
    """A table of signed numbers as a heatmap, each cell labelled with its value.

    Args:
        values: 2-D, shape (n_rows, n_cols), e.g. a layer's weights (one row per neuron).
        row_labels: n_rows labels; col_labels: n_cols labels.
        title: figure title.
        figsize: size in inches; by default from the table's size.

    Returns:
        The figure. Colour shows sign and size, the printed value shows both exactly.
    """
    table = np.asarray(values, dtype=float)
    if table.ndim != 2 or table.shape != (len(row_labels), len(col_labels)):
        raise ValueError(
            f"values of shape {table.shape} do not match {len(row_labels)} row "
            f"labels and {len(col_labels)} column labels"
        )
    n_rows, n_cols = table.shape
    limit = float(np.abs(table).max()) or 1.0
    fig, axes = new_figure(figsize=figsize or (1.2 + 1.1 * n_cols, 0.9 + 0.6 * n_rows))
    ax = axes[0, 0]
    with course_style():
        ax.imshow(table, cmap=SIGNED_CMAP, vmin=-limit, vmax=limit)
        for (i, j), v in np.ndenumerate(table):
            ax.text(
                j,
                i,
                f"{v:+.3g}",
                ha="center",
                va="center",
                color="white" if abs(v) > 0.6 * limit else "black",
            )
        ax.set_xticks(range(n_cols), col_labels)
        ax.set_yticks(range(n_rows), row_labels)
        ax.grid(False)
        ax.set_title(title)
    return fig


def bar_figure(
    values: Sequence[float],
    *,
    labels: Sequence[str],
    title: str,
    ylabel: str,
    highlight: int | None = None,
    ylim: tuple[float, float] | None = None,
) -> CourseFigure:
    """Bars with their values printed on them; one bar may be highlighted (by hatching too).

    Args:
        values: shape (n,), the bar heights.
        labels: n labels under the bars.
        title, ylabel: texts.
        highlight: index of the bar to emphasise, or None.
        ylim: fixed y-limits, or None for limits that fit the values.

    Returns:
        The figure.
    """
    heights = np.asarray(values, dtype=float)
    if heights.shape != (len(labels),):
        raise ValueError(
            f"{heights.shape[0] if heights.ndim == 1 else heights.shape} values "
            f"but {len(labels)} labels"
        )
    fig, axes = new_figure(figsize=(1.5 + 1.0 * len(labels), 3.2))
    ax = axes[0, 0]
    colors = [PALETTE["orange"] if i == highlight else PALETTE["sky"] for i in range(len(labels))]
    with course_style():
        bars = ax.bar(
            range(len(labels)),
            heights,
            color=colors,
            edgecolor="black",
            hatch=["//" if i == highlight else "" for i in range(len(labels))],
        )
        ax.bar_label(bars, labels=[f"{h:.4g}" for h in heights], padding=2)
        ax.set_xticks(range(len(labels)), labels)
        top = max(0.0, float(heights.max())) * 1.2 + 0.1
        bottom = min(0.0, float(heights.min())) * 1.2
        style_axes(
            ax, title=title, xlabel="", ylabel=ylabel, ylim=ylim or (bottom, top), zero_lines=False
        )
        ax.axhline(0, color="0.4", linewidth=0.8)
    return fig


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
