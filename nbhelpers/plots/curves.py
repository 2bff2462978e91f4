"""Curves, matrices and bars from a student's function, or a reference where it fails."""

from __future__ import annotations

from typing import Callable, NamedTuple, Sequence

import numpy as np

from nbhelpers.checks import try_call
from nbhelpers.plots.style import (
    PALETTE,
    SIGNED_CMAP,
    CourseFigure,
    course_style,
    new_figure,
    style_axes,
)


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
    *,
    input_name: str = "x",
    reference_drawn_as: str = "dashed line",
) -> Curve:
    """Evaluate a student's function point by point on a grid, falling back to a reference.

    Args:
        func: the student's function, or None.
        x: array of shape (n,), the inputs.
        reference: the correct function, vectorised: array (n,) -> array (n,).
        exercise: the exercise that writes ``func``, for the notes (e.g. "Exercise 1").
        args_for: turns one input into the arguments of ``func`` (by default ``(x,)``;
            for a neuron, ``lambda x: ([x], [w], b)``).
        input_name: what to call the inputs in a note (e.g. "h" for a step size).
        reference_drawn_as: how the correct values are shown, for the note on wrong values.

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
    return _judged(np.array(values), expected, x, name, exercise, input_name, reference_drawn_as)


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
    drawn = [
        _Drawn(
            panel.title,
            student_curve(func, x, panel.reference, exercise, panel.args_for),
            panel.reference(x),
        )
        for panel in panels
    ]
    return _panels_figure(
        x,
        drawn,
        title=title,
        xlabel=xlabel,
        ylabel=ylabel,
        xlim=xlim,
        ylim=ylim,
        drawstyle=drawstyle,
        panel_size=panel_size,
    )


class _Drawn(NamedTuple):
    """One panel's curve as computed: its title, the Curve, the reference's values, and a
    curve drawn thin and grey behind them (or None)."""

    title: str
    curve: Curve
    reference: np.ndarray
    backdrop: np.ndarray | None = None


def _panels_figure(
    x: np.ndarray,
    drawn: Sequence[_Drawn],
    *,
    title: str,
    xlabel: str,
    ylabel: str,
    xlim: tuple[float, float],
    ylim: tuple[float, float],
    drawstyle: str = "default",
    panel_size: tuple[float, float] = (2.8, 2.8),
) -> CourseFigure:
    """Panels of curves over x with fixed axes: each curve in blue, with its reference dashed
    where the student's values differ from it, and the notes in the footer."""
    fig, axes = new_figure(
        1, len(drawn), figsize=(panel_size[0] * len(drawn), panel_size[1]), title=title
    )
    notes = []
    for i, (ax, panel) in enumerate(zip(axes[0], drawn)):
        curve = panel.curve
        with course_style():
            style_axes(
                ax,
                title=panel.title,
                xlabel=xlabel,
                ylabel=ylabel if i == 0 else "",
                xlim=xlim,
                ylim=ylim,
            )
            if panel.backdrop is not None:
                ax.plot(x, panel.backdrop, color="0.6", linewidth=1.5)
            if curve.note and curve.from_student:
                ax.plot(
                    x,
                    panel.reference,
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


def activation_derivatives(
    derivatives: dict[str, Callable | None], *, exercise: str
) -> CourseFigure:
    """ReLU, sigmoid and tanh (grey) with their derivatives drawn by the student's functions.

    Args:
        derivatives: the student's vectorised derivatives by activation name, some of
            "ReLU", "sigmoid", "tanh": array (n,) -> array (n,). A name left out, or a
            function unfinished or failing, is drawn by the reference, with a note.
        exercise: the exercise(s) that write them, named in notes.

    Returns:
        The figure: one panel per activation, the derivative in blue (its reference dashed
        where the student's values differ).
    """
    # Imported here: nbhelpers.widgets imports this module.
    from nbhelpers.widgets import references

    functions = {
        "ReLU": (references.relu, references.relu_derivative),
        "sigmoid": (references.sigmoid, references.sigmoid_derivative),
        "tanh": (references.tanh, references.tanh_derivative),
    }
    xlim = (-4.0, 4.0)
    x = np.linspace(*xlim, 401)
    drawn = [
        _Drawn(
            name,
            student_values(derivatives.get(name), x, derivative, exercise),
            derivative(x),
            activation(x),
        )
        for name, (activation, derivative) in functions.items()
    ]
    return _panels_figure(
        x,
        drawn,
        title="Activations (grey) and their derivatives (blue)",
        xlabel="x",
        ylabel="f(x) and f′(x)",
        xlim=xlim,
        ylim=(-1.2, 1.6),
        panel_size=(3.0, 2.9),
    )


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
