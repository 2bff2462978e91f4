"""Interactive demos: sliders that move a picture drawn by the student's own code.

Each demo is a function that builds and returns an ipywidgets container. The figure is
created once, on an ipympl canvas, and updated in place on every slider event. The
returned object exposes its sliders and plotted artists, so a test can set slider values
and read what is drawn, without a browser.
"""

from __future__ import annotations

from typing import Callable
from unittest import mock

import ipywidgets as w
import matplotlib
import numpy as np
from matplotlib.figure import Figure

# Importing ipympl runs matplotlib.use("module://ipympl.backend_nbagg"), which would change
# how the student's own pyplot figures display (and close any open ones). The demos need
# only ipympl's canvas widget, so the import is kept from switching the backend.
with mock.patch.object(matplotlib, "use"):
    from ipympl.backend_nbagg import Canvas, FigureManager

from nbhelpers.plots import PALETTE, course_style, new_figure, student_curve, style_axes

NeuronFunction = Callable[[list, list, float], float]


def _canvas_for(figure: Figure) -> Canvas:
    """Attach a fixed-size ipympl canvas (a widget) to a figure built without pyplot."""
    canvas = Canvas(figure)
    FigureManager(canvas, num=0)  # the manager is what sends drawings to the browser
    canvas.header_visible = False
    canvas.footer_visible = False
    canvas.toolbar_visible = False
    canvas.resizable = False
    return canvas


def _slider(description: str, value: float, low: float, high: float, tooltip: str) -> w.FloatSlider:
    return w.FloatSlider(value=value, min=low, max=high, step=0.05, description=description,
                         tooltip=tooltip, continuous_update=True, readout_format=".2f",
                         style={"description_width": "8.5em"}, layout=w.Layout(width="26em"))


class NeuronLine(w.VBox):
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
        self._resetting = False
        self.x = np.linspace(*self.X_LIMITS, 81)
        self.weight = _slider("w (weight)", self.START["weight"], -3, 3, "multiplies the input: sets the slope")
        self.bias = _slider("b (bias)", self.START["bias"], -3, 3, "is added at the end: shifts the line up or down")
        self.probe = _slider("x (input)", self.START["probe"], *self.X_LIMITS, "the input whose output is read out")
        self.reset_button = w.Button(description="Reset", icon="undo", tooltip="back to w = 1, b = 0")
        self.readout = w.HTML()
        self.note = w.HTML()

        self.figure, axes = new_figure(figsize=(5.6, 3.6), figure_class=Figure)
        ax = axes[0, 0]
        with course_style():
            style_axes(ax, title="Output of a single-input neuron", xlabel="input x",
                       ylabel="output y = w·x + b", xlim=self.X_LIMITS, ylim=self.Y_LIMITS)
            (self.reference_line,) = ax.plot(self.x, self.x, "--", color=PALETTE["black"], linewidth=1,
                                             visible=False, label="correct: w·x + b")
            (self.line,) = ax.plot(self.x, self.x, color=PALETTE["blue"], label="neuron output")
            (self.probe_marker,) = ax.plot([0.0], [0.0], "o", color=PALETTE["vermillion"], markersize=8)
        canvas = _canvas_for(self.figure)

        for slider in (self.weight, self.bias, self.probe):
            slider.observe(self._on_change, names="value")
        self.reset_button.on_click(lambda _: self.reset())
        controls = w.HBox([w.VBox([self.weight, self.bias, self.probe]),
                           w.VBox([self.readout, self.reset_button])])
        super().__init__([controls, canvas, self.note])
        self.update()

    def reset(self) -> None:
        """Put every slider back to its starting value (one redraw)."""
        self._resetting = True
        try:
            for name, value in self.START.items():
                getattr(self, name).value = value
        finally:
            self._resetting = False
        self.update()

    def _on_change(self, _change: dict) -> None:
        if not self._resetting:
            self.update()

    def update(self) -> None:
        """Recompute the line from the sliders and redraw the figure in place."""
        wt, b, x0 = self.weight.value, self.bias.value, self.probe.value
        curve = student_curve(self.neuron, self.x, lambda v: wt * v + b, self.exercise,
                              args_for=lambda xi: ([xi], [wt], b))
        y0 = float(np.interp(x0, self.x, curve.y))

        self.line.set_ydata(curve.y)
        self.reference_line.set_ydata(wt * self.x + b)
        self.reference_line.set_visible(curve.note is not None and curve.from_student)
        self.probe_marker.set_data([x0], [y0])
        source = "your neuron_output" if curve.from_student else "the reference neuron"
        self.readout.value = (f"<b>w</b> = {wt:+.2f} &nbsp; <b>b</b> = {b:+.2f}<br>"
                              f"at x = {x0:+.2f}: y = {wt:+.2f}·({x0:+.2f}) {b:+.2f} = <b>{y0:+.3f}</b><br>"
                              f"<small>computed by {source}</small>")
        if curve.note:
            self.note.value = f"<span style='color:{PALETTE['vermillion']}'>⚠ {curve.note}</span>"
        elif self.neuron is None:
            self.note.value = "Pass your <code>neuron_output</code> to draw the line with your own code."
        else:
            self.note.value = "✓ The line is drawn by your <code>neuron_output</code>."
        self.figure.canvas.draw_idle()


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
