"""The activation explorer: one neuron followed by step, linear, sigmoid, tanh or ReLU.

:func:`activation_explorer` builds an :class:`ActivationExplorer`, which draws
y = f(w·x + b) with the student's vectorised activation functions, and marks where
the step and ReLU neurons switch on or off.
"""

from __future__ import annotations

import ipywidgets as w
import numpy as np
from matplotlib.figure import Figure

from nbhelpers.plots import PALETTE, course_style, new_figure, student_values, style_axes
from nbhelpers.widgets.base import Demo, position_text, slider
from nbhelpers.widgets.canvas import BrowserCanvas
from nbhelpers.widgets.references import (
    ACTIVATIONS,
    FORMULAS,
    REFERENCE_ACTIVATIONS,
    VectorFunction,
)


class ActivationExplorer(Demo):
    """One input, one neuron, z = w·x + b, followed by an activation function y = f(z).

    Attributes:
        weight, bias: the FloatSliders (w, b).
        activation: ToggleButtons with the names in :data:`ACTIVATIONS`.
        reset_button: restores w = 1, b = 0 (the activation stays as chosen).
        readout: HTML with w, b, the activation's name and formula, and where the
            neuron switches on or off (step and ReLU).
        note: HTML that says whose code draws the curve (and why, if not the student's).
        figure: the matplotlib Figure; line: the Line2D of y over x; reference_line: the
            dashed correct curve, visible only when the student's values differ from it;
            switch_line: the vertical dashed Line2D at x = -b/w (step and ReLU, when on
            the axes and w ≠ 0); switch_label: its Text ("off | on" or "on | off").
        x: array of shape (401,), the inputs the curve is drawn at.
        functions: the student's functions by activation name.
    """

    X_LIMITS = (-2.0, 2.0)
    Y_LIMITS = (-1.5, 2.5)
    START = {"weight": 1.0, "bias": 0.0}
    SWITCHING = ("step", "ReLU")

    def __init__(
        self,
        functions: dict[str, VectorFunction] | None = None,
        exercise: str = "the exercises above",
    ):
        self.functions = dict(functions or {})
        unknown = set(self.functions) - set(ACTIVATIONS)
        if unknown:
            raise ValueError(
                f"unknown activation name(s) {sorted(unknown)}; use some of {list(ACTIVATIONS)}"
            )
        self.exercise = exercise
        self.x = np.linspace(*self.X_LIMITS, 401)
        self.weight = slider(
            "w (weight)", self.START["weight"], -3, 3, "multiplies the input: sets the slope"
        )
        self.bias = slider(
            "b (bias)", self.START["bias"], -3, 3, "is added to w·x: shifts the curve sideways"
        )
        self.activation = w.ToggleButtons(
            options=ACTIVATIONS,
            value="step",
            description="activation",
            tooltips=[f"y = {n}(z)" for n in ACTIVATIONS],
            style={"button_width": "5.5em"},
        )
        self._make_controls("back to w = 1, b = 0")

        self.figure, axes = new_figure(figsize=(5.6, 3.6), figure_class=Figure)
        ax = axes[0, 0]
        with course_style():
            style_axes(
                ax,
                title="A neuron with an activation function",
                xlabel="input x",
                ylabel="output y = f(w·x + b)",
                xlim=self.X_LIMITS,
                ylim=self.Y_LIMITS,
            )
            (self.reference_line,) = ax.plot(
                self.x, self.x, "--", color=PALETTE["black"], linewidth=1, visible=False
            )
            (self.line,) = ax.plot(self.x, self.x, color=PALETTE["blue"])
            self.switch_line = ax.axvline(
                0.0, color=PALETTE["vermillion"], linestyle="--", linewidth=1.5
            )
            self.switch_label = ax.text(
                0.0,
                0.96,
                "",
                transform=ax.get_xaxis_transform(),
                ha="center",
                va="top",
                color=PALETTE["vermillion"],
                fontweight="bold",
                bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8},
            )
        self.canvas = BrowserCanvas(self.figure)
        self._set_dynamic([self.reference_line, self.line, self.switch_line, self.switch_label])
        self.activation.observe(self._on_change, names="value")
        self._assemble([self.weight, self.bias], above=(self.activation,))

    def update(self) -> None:
        """Recompute the curve from the controls and redraw the figure in place."""
        wt, b, name = self.weight.value, self.bias.value, self.activation.value
        reference = REFERENCE_ACTIVATIONS[name]
        z = wt * self.x + b
        func = self.functions.get(name)
        curve = student_values(func, z, reference, self.exercise, input_name="z")
        self.line.set_ydata(curve.y)
        self.reference_line.set_ydata(reference(z))
        self.reference_line.set_visible(curve.note is not None and curve.from_student)

        switch = ""
        self.switch_line.set_visible(False)
        self.switch_label.set_visible(False)
        if name in self.SWITCHING:
            if wt == 0:
                switch = "never switches (w = 0)"
            else:
                x0 = -b / wt + 0.0
                switch = f"switches {'on' if wt > 0 else 'off'} at x = {position_text(x0)}"
                on_axes = self.X_LIMITS[0] <= x0 <= self.X_LIMITS[1]
                if not on_axes:
                    switch += " (off the plot)"
                self.switch_line.set_xdata([x0, x0])
                self.switch_line.set_visible(on_axes)
                self.switch_label.set_x(x0)
                self.switch_label.set_text("off | on" if wt > 0 else "on | off")
                self.switch_label.set_visible(on_axes)
            switch = f"<br>the neuron {switch}"

        source = self._credit(
            [curve],
            func,
            name,
            f"the reference {name}",
            done="The curve is drawn by",
            todo=f'draw this curve (as <code>functions={{"{name}": ...}}</code>)',
        )
        self.readout.value = (
            f"<b>w</b> = {wt:+.2f} &nbsp; <b>b</b> = {b:+.2f} &nbsp; z = w·x + b<br>"
            f"<b>{name}</b>: {FORMULAS[name]}{switch}<br>"
            f"<small>computed by {source}</small>"
        )
        self._show()


def activation_explorer(
    functions: dict[str, VectorFunction] | None = None, exercise: str = "the exercises above"
) -> ActivationExplorer:
    """Build the activation-function explorer: y = f(w·x + b) with sliders for w and b.

    Args:
        functions: the student's vectorised activation functions by name, some of "step",
            "linear", "sigmoid", "tanh", "ReLU"; each takes an array z of shape (n,) and
            returns an array of shape (n,). Names left out are drawn by a reference; a
            function that is unfinished or failing is replaced by the reference, with a note.
        exercise: the exercise(s) that write ``functions``, named in the notes.

    Returns:
        The demo widget; display it by ending a cell with it.

    Raises:
        ValueError: ``functions`` has a name that is not one of the five.
    """
    return ActivationExplorer(functions, exercise)
