"""The dense explorer: a dense layer's 3 neurons over the plane of the spiral data (chapter 3).

:func:`dense_explorer` builds a :class:`DenseExplorer`, which computes each neuron's
output over a grid of the plane with the student's ``DenseLayer`` and draws it as a
colour map, with the line where the output is 0 and the spiral points on top.
"""

from __future__ import annotations

from typing import Callable

import ipywidgets as w
import numpy as np
from matplotlib.figure import Figure

from nbhelpers.datasets import spiral_data
from nbhelpers.plots import (
    CLASS_COLORS,
    CLASS_MARKERS,
    PALETTE,
    SIGNED_CMAP,
    course_style,
    new_figure,
    student_values,
    style_axes,
)
from nbhelpers.widgets import references
from nbhelpers.widgets.base import Demo, slider
from nbhelpers.widgets.canvas import BrowserCanvas


class DenseExplorer(Demo):
    """A dense layer with 2 inputs and 3 neurons, each neuron's output drawn over the plane.

    Neuron j computes w₁ⱼ·x₁ + w₂ⱼ·x₂ + bⱼ at every point (x₁, x₂) of the plane where
    the spiral data lie. Each panel colours one neuron's output (orange positive, purple
    negative, with a colour scale), draws the line where it is 0 and marks its sides "+"
    and "−" (so the sign never depends on colour alone), with the spiral points on top.

    Attributes:
        neuron: Dropdown choosing the neuron the sliders edit (labels neuron 1..3, values 0..2).
        w1, w2, b: the FloatSliders of the selected neuron (its two weights and its bias).
        reset_button: restores the starting parameters.
        readout: HTML with the selected neuron's formula and the line where it is 0.
        note: HTML that says whose DenseLayer computes the outputs (and why, if not the student's).
        weights: array of shape (2, 3), column j holds neuron j + 1's weights (as in DenseLayer).
        biases: array of shape (1, 3).
        outputs: array of shape (n_points, 3), the outputs drawn, one column per neuron.
        grid: array of shape (n_points, 2), the points of the plane the outputs are computed at.
        figure: the matplotlib Figure; images: the 3 AxesImages; zero_lines: the 3 Line2Ds
            where a neuron's output is 0; signs: 3 pairs of Texts ("+", "−") on their sides.
    """

    LIMITS = (-1.05, 1.05)
    RESOLUTION = 48
    COLOR_LIMIT = 1.5
    START_WEIGHTS = (
        (1.0, 0.0, 1.0),
        (0.0, 1.0, -1.0),
    )  # neuron 1: x₁; neuron 2: x₂; neuron 3: x₁ - x₂ + 0.3
    START_BIASES = ((0.0, 0.0, 0.3),)

    def __init__(self, layer_class: type | None = None, exercise: str = "Exercise 2"):
        self.layer_class = layer_class
        self.exercise = exercise
        self.weights = np.array(self.START_WEIGHTS)
        self.biases = np.array(self.START_BIASES)
        axis = np.linspace(*self.LIMITS, self.RESOLUTION)
        x1, x2 = np.meshgrid(axis, axis[::-1])  # image rows run top to bottom
        self.grid = np.column_stack([x1.ravel(), x2.ravel()])
        self.outputs = np.full((len(self.grid), 3), np.nan)  # set by update
        self.neuron = w.Dropdown(
            options=[(f"neuron {j + 1}", j) for j in range(3)],  # counted from 1, as in the text
            value=0,
            description="edit",
            layout=w.Layout(width="14em"),
        )
        self.w1 = slider("w₁ (weight of x₁)", 0.0, -3, 3, "how much the first feature counts")
        self.w2 = slider("w₂ (weight of x₂)", 0.0, -3, 3, "how much the second feature counts")
        self.b = slider("b (bias)", 0.0, -3, 3, "shifts the line where the output is 0")
        self._make_controls("back to the starting parameters")

        X, y = spiral_data(samples=60, classes=3)
        self.figure, axes = new_figure(
            1,
            3,
            figsize=(8.4, 3.0),
            figure_class=Figure,
            title="A dense layer's 3 neurons over the plane of the spiral data",
        )
        self.images, self.zero_lines, self.signs, self._panels = [], [], [], []
        with course_style():
            for j, ax in enumerate(axes[0]):
                style_axes(
                    ax,
                    title=f"neuron {j + 1}",
                    xlabel="x₁",
                    ylabel="x₂" if j == 0 else "",
                    xlim=self.LIMITS,
                    ylim=self.LIMITS,
                    zero_lines=False,
                )
                ax.grid(False)
                ax.set_aspect("equal")
                self.images.append(
                    ax.imshow(
                        np.zeros((self.RESOLUTION, self.RESOLUTION)),
                        cmap=SIGNED_CMAP,
                        vmin=-self.COLOR_LIMIT,
                        vmax=self.COLOR_LIMIT,
                        extent=(*self.LIMITS, *self.LIMITS),
                        interpolation="bilinear",
                    )
                )
                (line,) = ax.plot([], [], color=PALETTE["black"], linewidth=1.5)
                self.zero_lines.append(line)
                sign = {
                    "ha": "center",
                    "va": "center",
                    "fontsize": 13,
                    "fontweight": "bold",
                    "color": PALETTE["black"],
                    "clip_on": True,
                }
                self.signs.append((ax.text(0, 0, "+", **sign), ax.text(0, 0, "−", **sign)))
                points = [
                    ax.scatter(
                        *X[y == label].T,
                        s=7,
                        color=CLASS_COLORS[int(label)],
                        marker=CLASS_MARKERS[int(label)],
                        edgecolors="white",
                        linewidths=0.3,
                    )
                    for label in np.unique(y)
                ]
                # What changes in this panel, in drawing order: the spiral points go above
                # the colours.
                self._panels.append([self.images[-1], *points, line, *self.signs[-1]])
            self.figure.colorbar(
                self.images[0], ax=axes[0].tolist(), shrink=0.8, label="neuron output"
            )
        self.canvas = BrowserCanvas(self.figure)
        self._set_dynamic(*self._panels)

        for key in ("w1", "w2", "b"):
            getattr(self, key).observe(
                lambda change, key=key: self._on_parameter(key, change), names="value"
            )
        self.neuron.observe(lambda _: self._load_sliders(), names="value")
        self.reset_button.on_click(lambda _: self.reset())
        controls = w.HBox(
            [
                w.VBox([self.neuron, self.w1, self.w2, self.b]),
                w.VBox([self.readout, self.reset_button]),
            ]
        )
        w.VBox.__init__(self, [controls, self.canvas, self.note])
        self._load_sliders()

    def reset(self) -> None:
        """Back to the starting weights and biases (one redraw)."""
        self.weights[:] = self.START_WEIGHTS
        self.biases[:] = self.START_BIASES
        self._load_sliders()

    def _load_sliders(self) -> None:
        """Show the selected neuron's parameters on the sliders, changing none (one redraw)."""
        j = int(self.neuron.value)
        with self._held():
            self.w1.value, self.w2.value, self.b.value = (
                float(self.weights[0, j]),
                float(self.weights[1, j]),
                float(self.biases[0, j]),
            )
        self.update()

    def _on_parameter(self, key: str, change: dict) -> None:
        if self._quiet:
            return
        j = int(self.neuron.value)
        if key == "b":
            self.biases[0, j] = float(change["new"])
        else:
            self.weights[0 if key == "w1" else 1, j] = float(change["new"])
        self.update()

    def _forward(self, layer_class: type) -> Callable[[np.ndarray], np.ndarray]:
        """A layer of ``layer_class`` with the current parameters, as a function of the points."""

        def forward(points: np.ndarray) -> np.ndarray:
            layer = layer_class(2, 3, np.random.RandomState(0))
            layer.weights, layer.biases = self.weights.copy(), self.biases.copy()
            return layer.forward(points)

        forward.__name__ = f"{getattr(layer_class, '__name__', 'DenseLayer')}.forward"
        return forward

    def update(self) -> None:
        """Recompute every neuron's output over the plane and redraw in place."""
        curve = student_values(
            None if self.layer_class is None else self._forward(self.layer_class),
            self.grid,
            self._forward(references.DenseLayer),
            self.exercise,
            input_name="points",
            reference_drawn_as="the reference layer",
        )
        self.outputs = curve.y
        for j, (image, line, (plus, minus)) in enumerate(
            zip(self.images, self.zero_lines, self.signs)
        ):
            image.set_data(curve.y[:, j].reshape(self.RESOLUTION, self.RESOLUTION))
            w1, w2, b = self.weights[0, j], self.weights[1, j], self.biases[0, j]
            ends = _line_in_box(w1, w2, b, self.LIMITS)
            line.set_visible(ends is not None)
            plus.set_visible(ends is not None)
            minus.set_visible(ends is not None)
            if ends is not None:
                (xa, ya), (xb, yb) = ends
                line.set_data([xa, xb], [ya, yb])
                middle = np.array([(xa + xb) / 2, (ya + yb) / 2])
                step = 0.22 * np.array([w1, w2]) / np.hypot(w1, w2)  # towards larger outputs
                plus.set_position(middle + step)
                minus.set_position(middle - step)

        j = int(self.neuron.value)
        w1, w2, b = self.weights[0, j], self.weights[1, j], self.biases[0, j]
        zero = (
            "the output is the same everywhere (w₁ = w₂ = 0)"
            if w1 == 0 and w2 == 0
            else f"output 0 on the line {w1:+.2f}·x₁ {w2:+.2f}·x₂ {b:+.2f} = 0"
        )
        source = self._credit(
            [curve],
            self.layer_class,
            "DenseLayer",
            "the reference layer",
            done="The outputs are computed by",
            todo="compute the outputs",
        )
        self.readout.value = (
            f"<b>neuron {j + 1}</b>: output = {w1:+.2f}·x₁ {w2:+.2f}·x₂ {b:+.2f}<br>{zero}<br>"
            "orange: positive, purple: negative<br>"
            f"<small>computed by {source}</small>"
        )
        self._show()


def _line_in_box(
    w1: float, w2: float, b: float, limits: tuple[float, float]
) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """The two ends of the segment of w1·x + w2·y + b = 0 inside the square ``limits``², or None."""
    low, high = limits
    points = []
    if w2 != 0:
        for x in (low, high):
            y = -(w1 * x + b) / w2
            if low <= y <= high:
                points.append((x, y))
    if w1 != 0:
        for y in (low, high):
            x = -(w2 * y + b) / w1
            if low <= x <= high:
                points.append((x, y))
    points = list(dict.fromkeys(points))  # a corner can be found twice
    return (points[0], points[-1]) if len(points) >= 2 else None


def dense_explorer(layer_class: type | None = None, exercise: str = "Exercise 2") -> DenseExplorer:
    """Build the dense-layer demo: 3 neurons with 2 inputs, their outputs over the spiral's plane.

    Args:
        layer_class: the student's ``DenseLayer`` class; the demo makes one with
            ``layer_class(2, 3, rng)``, sets its ``weights`` (2, 3) and ``biases`` (1, 3) from
            the sliders and calls ``forward`` on a grid of points of shape (n, 2). While it is
            None, unfinished or failing, a reference computes the outputs and a note says so.
        exercise: the exercise that writes ``layer_class``, named in the notes.

    Returns:
        The demo widget; display it by ending a cell with it.
    """
    return DenseExplorer(layer_class, exercise)
