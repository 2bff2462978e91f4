"""Fitting sin(2πx) by hand with 8 pairs of ReLU neurons (chapter 4).

:func:`sine_fit` builds a :class:`SineFit`; its "Hand-tuned preset" button loads
:data:`HAND_TUNED_SINE`. The selected pair's area of effect is shaded as in
:mod:`nbhelpers.widgets.relu_pair`.
"""

from __future__ import annotations

import ipywidgets as w
import numpy as np
from matplotlib.figure import Figure

from nbhelpers.plots import PALETTE, Curve, course_style, new_figure, student_values, style_axes
from nbhelpers.widgets import references
from nbhelpers.widgets.base import Demo, canvas_for, slider
from nbhelpers.widgets.references import VectorFunction
from nbhelpers.widgets.relu_pair import area_of_effect, hatched_span, interval_text, show_span


# Hand-tuned preset for SineFit, built like the book's chapter 4 fit: a piecewise-linear
# approximation of sin(2πx) with 7 segments, one per pair. In pairs 1-7 the first neuron
# switches on where the segment starts (x = -b1/w1) and sets its slope (w1); the second
# neuron (w2 = -1) switches off where the first reaches b2, which ends the segment and
# sets its height; the output weight -1 makes the segment rise, +1 makes it fall. The
# knots (and their heights) came from a least-squares fit, rounded to the sliders' 0.01 steps:
#   pair 1: 0.00 < x < 0.14 rises 0.80    pair 5: 0.64 < x < 0.75 falls 0.24
#   pair 2: 0.14 < x < 0.25 rises 0.21    pair 6: 0.75 < x < 0.86 rises 0.24
#   pair 3: 0.26 < x < 0.37 falls 0.24    pair 7: 0.86 < x < 1.00 rises 0.78
#   pair 4: 0.36 < x < 0.64 falls 1.59
# Pair 8 (the bottom pair) shifts everything vertically: w1 = 0 keeps its first neuron
# silent, so its second neuron always outputs relu(b2) = 1, times wo = -0.02.
# MSE against sin(2πx) on np.linspace(0, 1, 201): 0.00024.
def _frozen(values: list[float]) -> np.ndarray:
    array = np.array(values, dtype=float)
    array.setflags(write=False)  # loading copies it; nobody edits the preset by accident
    return array


HAND_TUNED_SINE: dict[str, np.ndarray | float] = {
    "w1": _frozen([5.58, 1.91, 2.19, 5.82, 2.10, 2.21, 5.61, 0.0]),
    "b1": _frozen([0.0, -0.27, -0.56, -2.12, -1.34, -1.66, -4.83, 0.0]),
    "w2": _frozen([-1.0, -1.0, -1.0, -1.0, -1.0, -1.0, -1.0, -1.0]),
    "b2": _frozen([0.80, 0.21, 0.24, 1.59, 0.24, 0.24, 0.78, 1.0]),
    "wo": _frozen([-1.0, -1.0, 1.0, 1.0, 1.0, -1.0, -1.0, -0.02]),
    "bo": 0.0,
}


class SineFit(Demo):
    """Fit sin(2πx) by hand with 8 pairs of ReLU neurons and a linear output neuron.

    For pair i: h1_i = relu(w1[i]·x + b1[i]), h2_i = relu(w2[i]·h1_i + b2[i]); the output
    is y = Σ_i wo[i]·h2_i + bo.

    Attributes:
        pair: Dropdown choosing the pair the sliders edit (value 0..7, labels "pair 1".."pair 8").
        w1, b1, w2, b2, wo: the FloatSliders of the selected pair; bo: the output bias slider.
        preset_button: loads :data:`HAND_TUNED_SINE`; reset_button: sets every parameter to 0.
        readout: HTML with the fit score (MSE), the selected pair's values and area of effect.
        note: HTML that says whose relu computes the network (and why, if not the student's).
        parameters: dict with arrays "w1", "b1", "w2", "b2", "wo" of shape (8,) and float "bo".
        mse: float, mean squared error of the output against sin(2πx) on ``x``.
        figure: the matplotlib Figure; target_line: dashed sin(2πx); line: the network's
            output; reference_line: the dotted correct output, visible only when the
            student's relu gives wrong values; area: the hatched Rectangle over the selected
            pair's area of effect, with Text area_label.
        x: array of shape (201,), np.linspace(0, 1, 201); target: sin(2πx), shape (201,).
    """

    X_LIMITS = (0.0, 1.0)
    Y_LIMITS = (-1.5, 1.5)
    PAIRS = 8
    KEYS = ("w1", "b1", "w2", "b2", "wo")

    def __init__(self, relu: VectorFunction | None = None, exercise: str = "Exercise 4"):
        self.relu = relu
        self.exercise = exercise
        self.x = np.linspace(*self.X_LIMITS, 201)
        self.target = np.sin(2 * np.pi * self.x)
        self.parameters: dict[str, np.ndarray | float] = {
            k: np.zeros(self.PAIRS) for k in self.KEYS
        }
        self.parameters["bo"] = 0.0
        self.mse = float("nan")
        self.pair = w.Dropdown(
            options=[(f"pair {i + 1}", i) for i in range(self.PAIRS)],
            value=0,
            description="edit",
            layout=w.Layout(width="14em"),
        )
        fine = {"step": 0.01, "label_width": 11.5}
        self.w1 = slider(
            "w₁ (weight, layer 1)",
            0.0,
            -10,
            10,
            "first neuron: slope, and with b₁ where it switches on",
            **fine,
        )
        self.b1 = slider(
            "b₁ (bias, layer 1)", 0.0, -10, 10, "first neuron: switches on at x = -b₁/w₁", **fine
        )
        self.w2 = slider(
            "w₂ (weight, layer 2)", 0.0, -3, 3, "second neuron: -1 makes it switch off", **fine
        )
        self.b2 = slider(
            "b₂ (bias, layer 2)",
            0.0,
            -3,
            3,
            "second neuron: where it switches off (and the segment's height)",
            **fine,
        )
        self.wo = slider(
            "wₒ (output weight)", 0.0, -3, 3, "scales the pair's segment; its sign flips it", **fine
        )
        self.bo = slider(
            "bₒ (output bias)", 0.0, -3, 3, "shifts the whole output up or down", **fine
        )
        self.preset_button = w.Button(
            description="Hand-tuned preset",
            icon="magic",
            layout=w.Layout(width="auto"),
            tooltip="load a hand-tuned preset that fits the sine",
        )
        self._make_controls("every parameter back to 0", layout=w.Layout(width="auto"))

        self.figure, axes = new_figure(
            figsize=(6.4, 4.0),
            figure_class=Figure,
            title="Fitting sin(2πx) with 8 pairs of ReLU neurons",
        )
        ax = axes[0, 0]
        with course_style():
            style_axes(
                ax,
                title="",
                xlabel="input x",
                ylabel="output y",
                xlim=self.X_LIMITS,
                ylim=self.Y_LIMITS,
            )
            self.area = hatched_span(ax, PALETTE["sky"])
            self.area_label = ax.text(
                0.0,
                0.97,
                "",
                transform=ax.get_xaxis_transform(),
                ha="center",
                va="top",
                fontsize=8,
                visible=False,
                bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 1},
            )
            (self.target_line,) = ax.plot(
                self.x,
                self.target,
                "--",
                color=PALETTE["black"],
                linewidth=1.2,
                label="target sin(2πx)",
            )
            (self.reference_line,) = ax.plot(
                self.x,
                self.target,
                ":",
                color=PALETTE["vermillion"],
                linewidth=1.5,
                label="correct output (dotted)",
            )
            (self.line,) = ax.plot(
                self.x, self.target, color=PALETTE["blue"], label="network output"
            )
            # Above the plot, outside the area redrawn on every frame; made before hiding the
            # reference line, so that its key is drawn.
            ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3, fontsize=8)
            self.reference_line.set_visible(False)
        canvas = canvas_for(self.figure)
        # The target is redrawn too, so that it stays above the shaded area of effect.
        self._set_dynamic(
            [self.area, self.target_line, self.reference_line, self.line, self.area_label]
        )
        for key in self.KEYS:
            getattr(self, key).observe(
                lambda change, key=key: self._on_parameter(key, change), names="value"
            )
        self.bo.observe(lambda change: self._on_parameter("bo", change), names="value")
        self.pair.observe(lambda _: self._load_sliders(), names="value")
        self.preset_button.on_click(lambda _: self.load(HAND_TUNED_SINE))
        self.reset_button.on_click(lambda _: self.reset())
        sliders = w.VBox([self.pair, *(getattr(self, k) for k in self.KEYS), self.bo])
        controls = w.HBox([sliders, w.VBox([self.readout, self.preset_button, self.reset_button])])
        super().__init__([controls, canvas, self.note])
        self._load_sliders()

    @property
    def selected(self) -> int:
        """Index (0..7) of the pair the sliders edit."""
        return int(self.pair.value)

    def load(self, parameters: dict[str, np.ndarray | float]) -> None:
        """Set every parameter (one redraw).

        Args:
            parameters: a dict like :attr:`parameters`: arrays "w1", "b1", "w2", "b2",
                "wo" of shape (8,) and a float "bo" (copied, never kept).

        Raises:
            ValueError: an array does not have shape (8,).
        """
        for key in self.KEYS:
            values = np.asarray(parameters[key], dtype=float)
            if values.shape != (self.PAIRS,):
                raise ValueError(
                    f"parameters[{key!r}] has shape {values.shape}, not ({self.PAIRS},)"
                )
            self.parameters[key][:] = values
        self.parameters["bo"] = float(parameters["bo"])
        self._load_sliders()

    def reset(self) -> None:
        """Set every parameter to 0 (one redraw)."""
        self.load({**{k: np.zeros(self.PAIRS) for k in self.KEYS}, "bo": 0.0})

    def _load_sliders(self) -> None:
        """Show the selected pair's parameters on the sliders, changing none (one redraw)."""
        i = self.selected
        with self._held():
            for key in self.KEYS:
                getattr(self, key).value = float(self.parameters[key][i])
            self.bo.value = float(self.parameters["bo"])
        self.update()

    def _on_parameter(self, key: str, change: dict) -> None:
        if self._quiet:
            return
        if key == "bo":
            self.parameters["bo"] = float(change["new"])
        else:
            self.parameters[key][self.selected] = float(change["new"])
        self.update()

    def _forward(
        self, x: np.ndarray, relu: VectorFunction | None
    ) -> tuple[np.ndarray, list[Curve]]:
        """The output for inputs x of shape (n,) -> (y of shape (n,), the two layers' Curves)."""
        p = self.parameters
        x = np.asarray(x, dtype=float)
        drawn_as = "the correct network output is dotted"
        layer1 = student_values(
            relu,
            np.outer(x, p["w1"]) + p["b1"],
            references.relu,
            self.exercise,
            input_name="z",
            reference_drawn_as=drawn_as,
        )
        layer2 = student_values(
            relu,
            p["w2"] * layer1.y + p["b2"],
            references.relu,
            self.exercise,
            input_name="z",
            reference_drawn_as=drawn_as,
        )
        return layer2.y @ p["wo"] + p["bo"], [layer1, layer2]

    def output(self, x: np.ndarray) -> np.ndarray:
        """The network's output with the current parameters.

        Args:
            x: array of shape (n,), the inputs.

        Returns:
            Array of shape (n,): Σ_i wo[i]·relu(w2[i]·relu(w1[i]·x + b1[i]) + b2[i]) + bo,
            computed with the student's relu when it runs and returns numbers of the right
            shape, else with the reference.
        """
        return self._forward(x, self.relu)[0]

    def update(self) -> None:
        """Recompute the output and the fit score, and redraw the figure in place."""
        y, curves = self._forward(self.x, self.relu)
        wrong = any(c.note is not None and c.from_student for c in curves)
        self.mse = float(np.mean((y - self.target) ** 2))
        self.line.set_ydata(y)
        self.reference_line.set_ydata(self._forward(self.x, None)[0])
        self.reference_line.set_visible(wrong)

        i, p = self.selected, self.parameters
        w1, b1, w2, b2, wo = (float(p[k][i]) for k in self.KEYS)
        area = area_of_effect(w1, b1, w2, b2) if wo != 0 else None
        show_span(self.area, area, self.X_LIMITS)
        if self.area.get_visible():
            self.area_label.set_x(self.area.get_x() + self.area.get_width() / 2)
            self.area_label.set_text(f"pair {i + 1}")
        self.area_label.set_visible(self.area.get_visible())
        if area is None:
            effect = f"pair {i + 1} adds the same amount everywhere (no area of effect)"
        else:
            direction = "rises" if wo * w2 * w1 > 0 else "falls"
            effect = f"pair {i + 1} shapes {interval_text(area)}: its part {direction} there"

        source = self._credit(
            curves,
            self.relu,
            "relu",
            "the reference ReLU",
            done="The network is computed by",
            todo="compute the network",
        )
        self.readout.value = (
            f"<b>MSE = {self.mse:.4f}</b> <small>(mean squared error against sin(2πx))</small><br>"
            f"pair {i + 1}: w₁ = {w1:+.2f}, b₁ = {b1:+.2f}, w₂ = {w2:+.2f}, "
            f"b₂ = {b2:+.2f}, wₒ = {wo:+.2f}; bₒ = {float(p['bo']):+.2f}<br>"
            f"{effect}<br><small>computed by {source}</small>"
        )
        self._show()


def sine_fit(relu: VectorFunction | None = None, exercise: str = "Exercise 4") -> SineFit:
    """Build the fit-a-sine-by-hand demo: 8 pairs of ReLU neurons, as in chapter 4 of the book.

    Starts with every parameter 0; "Hand-tuned preset" loads :data:`HAND_TUNED_SINE`.

    Args:
        relu: the student's vectorised ``relu(z)``: array of any shape (here (n, 8)) ->
            array of the same shape. While it is None, unfinished or failing, a reference
            computes the network and a note says so.
        exercise: the exercise that writes ``relu``, named in the notes.

    Returns:
        The demo widget; display it by ending a cell with it.
    """
    return SineFit(relu, exercise)
