"""Two chained ReLU neurons and their "area of effect" (chapter 4).

:func:`relu_pair` builds a :class:`ReluPair`, which draws h = relu(w₁·x + b₁) and
y = relu(w₂·h + b₂) with the student's relu, and shades the interval of x where y
changes. The area of effect and its shading are also used by each pair of
:mod:`nbhelpers.widgets.sine_fit`.
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from nbhelpers.plots import PALETTE, course_style, new_figure, student_values, style_axes
from nbhelpers.widgets import references
from nbhelpers.widgets.base import Demo, position_text, slider
from nbhelpers.widgets.canvas import BrowserCanvas
from nbhelpers.widgets.references import VectorFunction


def area_of_effect(w1: float, b1: float, w2: float, b2: float) -> tuple[float, float] | None:
    """Where the output of relu(w2·relu(w1·x + b1) + b2) changes with x.

    Both neurons must be active: w1·x + b1 > 0 and, there, w2·(w1·x + b1) + b2 > 0. Each is
    a half-line of x, so together an interval.

    Args:
        w1, b1: weight and bias of the first neuron; w2, b2: of the second.

    Returns:
        (low, high) with low < high (either may be -inf or inf), or None when the output
        is the same for every x.
    """
    if w1 == 0 or w2 == 0:
        return None
    low, high = -math.inf, math.inf
    for slope, offset in ((w1, b1), (w2 * w1, w2 * b1 + b2)):  # slope·x + offset > 0
        if slope > 0:
            low = max(low, -offset / slope)
        else:
            high = min(high, -offset / slope)
    return (low + 0.0, high + 0.0) if low < high else None


def interval_text(interval: tuple[float, float] | None) -> str:
    """An interval of x for a readout (HTML): "a &lt; x &lt; b", "x &gt; a", "every x", "none"."""
    if interval is None:
        return "none"
    low, high = interval
    if math.isinf(low) and math.isinf(high):
        return "every x"
    if math.isinf(low):
        return f"x &lt; {position_text(high)}"
    if math.isinf(high):
        return f"x &gt; {position_text(low)}"
    return f"{position_text(low)} &lt; x &lt; {position_text(high)}"


def hatched_span(ax, color: str) -> Rectangle:
    """A full-height band over an x-interval (hatched, so it does not rely on colour), hidden."""
    band = Rectangle(
        (0.0, 0.0),
        0.0,
        1.0,
        transform=ax.get_xaxis_transform(),
        facecolor=to_rgba(color, 0.18),
        edgecolor=color,
        hatch="//",
        linewidth=0.0,
        zorder=0.5,
        visible=False,
    )
    ax.add_patch(band)
    return band


def show_span(
    band: Rectangle, interval: tuple[float, float] | None, limits: tuple[float, float]
) -> None:
    """Move the band to the part of the interval inside the axes (hide it if none is)."""
    if interval is None:
        band.set_visible(False)
        return
    low, high = max(interval[0], limits[0]), min(interval[1], limits[1])
    band.set_visible(low < high)
    if low < high:
        band.set_x(low)
        band.set_width(high - low)


class ReluPair(Demo):
    """Two single-input ReLU neurons in a chain: h = relu(w₁·x + b₁), y = relu(w₂·h + b₂).

    Attributes:
        w1, b1, w2, b2: the FloatSliders.
        reset_button: restores the book's Fig 4.18 (w₁ = -1, b₁ = 0.5, w₂ = -2, b₂ = 1).
        readout: HTML with the parameters and the area of effect.
        note: HTML that says whose relu draws the curves (and why, if not the student's).
        figure: the matplotlib Figure; line: the Line2D of y over x; hidden_line: the dotted
            Line2D of h over x; reference_line: the dashed correct y, visible only when the
            student's relu gives wrong values; area: the hatched Rectangle over the area of
            effect; activation_line, deactivation_line: the vertical Line2Ds at its ends,
            with Texts activation_label, deactivation_label.
        area_of_effect: (low, high), the x-interval where y changes with x (ends may be
            ±inf), or None when y is constant.
        x: array of shape (401,), the inputs the curves are drawn at.
    """

    X_LIMITS = (-2.0, 2.0)
    Y_LIMITS = (-0.5, 3.0)
    START = {"w1": -1.0, "b1": 0.5, "w2": -2.0, "b2": 1.0}  # the book's Fig 4.18

    def __init__(self, relu: VectorFunction | None = None, exercise: str = "Exercise 4"):
        self.relu = relu
        self.exercise = exercise
        self.area_of_effect: tuple[float, float] | None = None
        self.x = np.linspace(*self.X_LIMITS, 401)
        self.w1 = slider(
            "w₁ (weight 1)", self.START["w1"], -3, 3, "first neuron's weight: its slope"
        )
        self.b1 = slider(
            "b₁ (bias 1)", self.START["b1"], -3, 3, "first neuron's bias: where it switches"
        )
        self.w2 = slider(
            "w₂ (weight 2)", self.START["w2"], -3, 3, "second neuron's weight, applied to h"
        )
        self.b2 = slider(
            "b₂ (bias 2)", self.START["b2"], -3, 3, "second neuron's bias: shifts its input"
        )
        self._make_controls("back to w₁ = -1, b₁ = 0.5, w₂ = -2, b₂ = 1")

        self.figure, axes = new_figure(
            figsize=(5.6, 3.8), figure_class=Figure, title="Two ReLU neurons in a chain"
        )
        ax = axes[0, 0]
        with course_style():
            style_axes(
                ax,
                title="",
                xlabel="input x",
                ylabel="output y = relu(w₂·h + b₂)",
                xlim=self.X_LIMITS,
                ylim=self.Y_LIMITS,
            )
            self.area = hatched_span(ax, PALETTE["sky"])
            self.activation_line = ax.axvline(
                0.0, color=PALETTE["green"], linestyle="--", linewidth=1.5
            )
            self.deactivation_line = ax.axvline(
                0.0, color=PALETTE["vermillion"], linestyle="-.", linewidth=1.5
            )
            label = {
                "transform": ax.get_xaxis_transform(),
                "va": "bottom",
                "fontsize": 8,
                "bbox": {"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 1},
            }
            self.activation_label = ax.text(
                0.0, 0.02, "", ha="right", color=PALETTE["green"], **label
            )
            self.deactivation_label = ax.text(
                0.0, 0.02, "", ha="left", color=PALETTE["vermillion"], **label
            )
            (self.hidden_line,) = ax.plot(
                self.x,
                self.x,
                ":",
                color=PALETTE["orange"],
                linewidth=1.5,
                label="hidden h = relu(w₁·x + b₁)",
            )
            (self.reference_line,) = ax.plot(
                self.x,
                self.x,
                "--",
                color=PALETTE["black"],
                linewidth=1,
                label="correct y (dashed)",
            )
            (self.line,) = ax.plot(self.x, self.x, color=PALETTE["blue"], label="output y")
            # Above the plot, outside the area redrawn on every frame; made before hiding the
            # reference line, so that its key is drawn.
            ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3, fontsize=8)
            self.reference_line.set_visible(False)
        self.canvas = BrowserCanvas(self.figure)
        self._set_dynamic(
            [
                self.area,
                self.activation_line,
                self.deactivation_line,
                self.hidden_line,
                self.reference_line,
                self.line,
                self.activation_label,
                self.deactivation_label,
            ]
        )
        self._assemble([self.w1, self.b1, self.w2, self.b2])

    def update(self) -> None:
        """Recompute both neurons from the sliders and redraw the figure in place."""
        w1, b1, w2, b2 = self.w1.value, self.b1.value, self.w2.value, self.b2.value
        drawn_as = "the correct output is dashed"
        hidden = student_values(
            self.relu,
            w1 * self.x + b1,
            references.relu,
            self.exercise,
            input_name="z",
            reference_drawn_as=drawn_as,
        )
        output = student_values(
            self.relu,
            w2 * hidden.y + b2,
            references.relu,
            self.exercise,
            input_name="z",
            reference_drawn_as=drawn_as,
        )
        curves = [hidden, output]
        wrong = any(c.note is not None and c.from_student for c in curves)
        self.hidden_line.set_ydata(hidden.y)
        self.line.set_ydata(output.y)
        self.reference_line.set_ydata(references.relu(w2 * references.relu(w1 * self.x + b1) + b2))
        self.reference_line.set_visible(wrong)

        self.area_of_effect = area = area_of_effect(w1, b1, w2, b2)
        show_span(self.area, area, self.X_LIMITS)
        ends = (None, None) if area is None else area
        for end, line, label, word in (
            (ends[0], self.activation_line, self.activation_label, "activation"),
            (ends[1], self.deactivation_line, self.deactivation_label, "deactivation"),
        ):
            shown = end is not None and self.X_LIMITS[0] <= end <= self.X_LIMITS[1]
            line.set_visible(shown)
            label.set_visible(shown)
            if shown:
                line.set_xdata([end, end])
                label.set_x(end)
                label.set_text(f"{word}\nx = {position_text(end)}")
        if area is None:
            effect = f"no area of effect: the output is {float(output.y[0]):.2f} for every x"
        else:
            effect = f"area of effect: {interval_text(area)}"

        source = self._credit(
            curves,
            self.relu,
            "relu",
            "the reference ReLU",
            done="The curves are drawn by",
            todo="draw the curves",
        )
        self.readout.value = (
            f"<b>w₁</b> = {w1:+.2f} &nbsp; <b>b₁</b> = {b1:+.2f} &nbsp; "
            f"<b>w₂</b> = {w2:+.2f} &nbsp; <b>b₂</b> = {b2:+.2f}<br>"
            f"<b>{effect}</b><br><small>computed by {source}</small>"
        )
        self._show()


def relu_pair(relu: VectorFunction | None = None, exercise: str = "Exercise 4") -> ReluPair:
    """Build the two-ReLU-neuron demo with its area of effect (book Figs 4.12–4.19).

    Args:
        relu: the student's vectorised ``relu(z)``: array of shape (n,) -> array of shape
            (n,). While it is None, unfinished or failing, a reference draws and a note says so.
        exercise: the exercise that writes ``relu``, named in the notes.

    Returns:
        The demo widget; display it by ending a cell with it.
    """
    return ReluPair(relu, exercise)
