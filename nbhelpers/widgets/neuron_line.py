"""The neuron line: weight and bias sliders for a single-input neuron (chapter 1).

:func:`neuron_line` builds a :class:`NeuronLine`, which draws y = w·x + b with the
student's ``neuron_output``, called once per point of the line.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
from matplotlib.figure import Figure

from nbhelpers.plots import PALETTE, course_style, new_figure, student_curve, style_axes
from nbhelpers.widgets import references
from nbhelpers.widgets.base import Demo, slider
from nbhelpers.widgets.canvas import BrowserCanvas

NeuronFunction = Callable[[list, list, float], float]


class NeuronLine(Demo):
    """A single-input neuron, y = w·x + b, with sliders for w, b and a probe input x.

    Attributes:
        weight, bias, probe: the FloatSliders (w, b, and the input x read out).
        reset_button: restores the starting values.
        readout: HTML with w, b and the output at the probe.
        note: HTML that says whose code draws the line (and why, if not the student's).
        figure: the matplotlib Figure; line: the Line2D of y over x; reference_line: the
            dashed correct line, visible only when the student's values differ from it;
            probe_marker: the Line2D marking (x, y) at the probe.
        x: array of shape (n,), the inputs the line is drawn at.
    """

    X_LIMITS = (-2.0, 2.0)
    Y_LIMITS = (-4.0, 4.0)
    START = {"weight": 1.0, "bias": 0.0, "probe": 1.0}  # the book's Fig 1.04

    def __init__(self, neuron: NeuronFunction | None = None, exercise: str = "Exercise 1"):
        self.neuron = neuron
        self.exercise = exercise
        self.x = np.linspace(*self.X_LIMITS, 81)
        self.weight = slider(
            "w (weight)", self.START["weight"], -3, 3, "multiplies the input: sets the slope"
        )
        self.bias = slider(
            "b (bias)", self.START["bias"], -3, 3, "is added at the end: shifts the line up or down"
        )
        self.probe = slider(
            "x (input)", self.START["probe"], *self.X_LIMITS, "the input whose output is read out"
        )
        self._make_controls("back to w = 1, b = 0")

        self.figure, axes = new_figure(figsize=(5.6, 3.6), figure_class=Figure)
        ax = axes[0, 0]
        with course_style():
            style_axes(
                ax,
                title="Output of a single-input neuron",
                xlabel="input x",
                ylabel="output y = w·x + b",
                xlim=self.X_LIMITS,
                ylim=self.Y_LIMITS,
            )
            (self.reference_line,) = ax.plot(
                self.x,
                self.x,
                "--",
                color=PALETTE["black"],
                linewidth=1,
                visible=False,
                label="correct: w·x + b",
            )
            (self.line,) = ax.plot(self.x, self.x, color=PALETTE["blue"], label="neuron output")
            (self.probe_marker,) = ax.plot(
                [0.0], [0.0], "o", color=PALETTE["vermillion"], markersize=8
            )
        self.canvas = BrowserCanvas(self.figure)
        self._set_dynamic([self.reference_line, self.line, self.probe_marker])
        self._assemble([self.weight, self.bias, self.probe])

    def update(self) -> None:
        """Recompute the line from the sliders and redraw the figure in place."""
        wt, b, x0 = self.weight.value, self.bias.value, self.probe.value
        curve = student_curve(
            self.neuron,
            self.x,
            lambda v: references.neuron(v, wt, b),
            self.exercise,
            args_for=lambda xi: ([xi], [wt], b),
        )
        y0 = float(np.interp(x0, self.x, curve.y))

        self.line.set_ydata(curve.y)
        self.reference_line.set_ydata(references.neuron(self.x, wt, b))
        self.reference_line.set_visible(curve.note is not None and curve.from_student)
        self.probe_marker.set_data([x0], [y0])
        source = self._credit(
            [curve],
            self.neuron,
            "neuron_output",
            "the reference neuron",
            done="The line is drawn by",
            todo="draw the line",
        )
        self.readout.value = (
            f"<b>w</b> = {wt:+.2f} &nbsp; <b>b</b> = {b:+.2f}<br>"
            f"at x = {x0:+.2f}: y = {wt:+.2f}·({x0:+.2f}) {b:+.2f} = <b>{y0:+.3f}</b><br>"
            f"<small>computed by {source}</small>"
        )
        self._show()


def neuron_line(neuron: NeuronFunction | None = None, exercise: str = "Exercise 1") -> NeuronLine:
    """Build the weight-and-bias slider for a single-input neuron (book Figs 1.04–1.08).

    Args:
        neuron: the student's ``neuron_output(inputs, weights, bias) -> float``, called as
            ``neuron([x], [w], b)``. While it is unfinished or failing, a reference draws
            the line and a note says so.
        exercise: the exercise that writes ``neuron``, named in the notes.

    Returns:
        The demo widget; display it by ending a cell with it.
    """
    return NeuronLine(neuron, exercise)
