"""Fitting sin(2πx) by hand with 8 pairs of ReLU neurons (chapter 4).

:func:`sine_fit` builds a :class:`SineFit`. Its menu of the book's steps loads
:data:`BOOK_STEPS` (pair 1 and pair 2 parameter by parameter, as the book's Figs 4.20-4.31
set them, then one more pair at a time, each with the offset that goes with it); its
"Hand-tuned preset" button loads the finished fit, :data:`HAND_TUNED_SINE`. The selected
pair's area of effect is shaded as in :mod:`nbhelpers.widgets.relu_pair`.
"""

from __future__ import annotations

from typing import NamedTuple

import ipywidgets as w
import numpy as np
from matplotlib.figure import Figure

from nbhelpers.plots import PALETTE, Curve, course_style, new_figure, student_values, style_axes
from nbhelpers.widgets import references
from nbhelpers.widgets.base import Demo, slider
from nbhelpers.widgets.canvas import BrowserCanvas
from nbhelpers.widgets.references import VectorFunction
from nbhelpers.widgets.relu_pair import area_of_effect, hatched_span, interval_text, show_span

PAIRS = 8
KEYS = ("w1", "b1", "w2", "b2", "wo")  # a pair's parameters, in the order of its sliders

# The book's hand fit (chapter 4, Figs 4.20-4.33), pair by pair, as (w1, b1, w2, b2, wo).
# In each of pairs 1-7 the first neuron switches on at x = -b1/w1 with slope w1; the second
# (w2 = -1) gives b2 - h1 until h1 reaches b2, which ends the segment and sets its height;
# wo = -1 makes the segment rise, +1 fall. Outside its segment a pair is constant: wo·b2
# to its left, 0 to its right, so each pair also moves everything to its left.
# The book prints pair 1 (w1 = 6, b2 = 0.7) and pair 2 (w1 = 3.5, b2 = 0.27); pair 2's b1
# is where the book's rule puts it (switching on where pair 1 ends, x = 0.7/6), rounded to
# the sliders' 0.01 steps. Pairs 3-7 are ours, the same segments mirrored down the sine:
#   pair 1: 0.000 < x < 0.117 rises 0.7     pair 5: 0.617 < x < 0.694 falls 0.27
#   pair 2: 0.117 < x < 0.194 rises 0.27    pair 6: 0.806 < x < 0.883 rises 0.27
#   pair 3: 0.306 < x < 0.383 falls 0.27    pair 7: 0.883 < x < 1.000 rises 0.7
#   pair 4: 0.383 < x < 0.617 falls 1.4
# Pair 8 is the book's offset: w1 = 0 keeps its first neuron silent, so its second always
# outputs relu(b2) = 1, times wo; wo undoes what pairs 1-7 add at x = 0.
# MSE of all 8 pairs against sin(2πx) on np.linspace(0, 1, 201): 0.00022.
BOOK_PAIRS = (
    (6.0, 0.0, -1.0, 0.7, -1.0),
    (3.5, -0.41, -1.0, 0.27, -1.0),
    (3.5, -1.07, -1.0, 0.27, 1.0),
    (6.0, -2.30, -1.0, 1.4, 1.0),
    (3.5, -2.16, -1.0, 0.27, 1.0),
    (3.5, -2.82, -1.0, 0.27, -1.0),
    (6.0, -5.30, -1.0, 0.7, -1.0),
)
OFFSET_PAIR = 7  # the bottom pair (pair 8)


def _frozen(values) -> np.ndarray:
    array = np.array(values, dtype=float)
    array.setflags(write=False)  # loading copies it; nobody edits a preset by accident
    return array


def offset_for(pairs) -> float:
    """The offset pair's output weight that brings the output at x = 0 back to 0.

    Args:
        pairs: the (w1, b1, w2, b2, wo) of the pairs set so far, each with w2 = -1 and a
            segment at x >= 0, so that it adds wo·b2 at x = 0.

    Returns:
        -Σ wo·b2, rounded to the sliders' 0.01 steps.
    """
    return round(-sum(wo * b2 for _, _, _, b2, wo in pairs), 2) + 0.0


def network_parameters(pairs: dict, offset: float | None = None) -> dict:
    """Every parameter of the network, from the pairs set so far.

    Args:
        pairs: pair index (0..6) -> (w1, b1, w2, b2, wo); the other pairs are all 0.
        offset: the offset pair's output weight (its b2 is 1), or None while it is unused.

    Returns:
        dict like :attr:`SineFit.parameters`, with read-only arrays.
    """
    rows = np.zeros((PAIRS, len(KEYS)))
    for i, values in pairs.items():
        rows[i] = values
    if offset is not None:
        rows[OFFSET_PAIR] = (0.0, 0.0, 0.0, 1.0, offset)
    return {**{key: _frozen(rows[:, j]) for j, key in enumerate(KEYS)}, "bo": 0.0}


class SineStep(NamedTuple):
    """One step of the book's hand fit, for the demo's menu.

    Attributes:
        label: str, the menu entry, e.g. "Fig 4.22 · pair 1: w₁ = 6".
        pair: int, the pair (0..7) the step changes, selected when it is loaded.
        caption: str, HTML, what the step does.
        parameters: dict like :attr:`SineFit.parameters`, every parameter after the step.
    """

    label: str
    pair: int
    caption: str
    parameters: dict


def _book_steps() -> tuple[SineStep, ...]:
    """The book's steps: pair 1 and 2 parameter by parameter, then a pair at a time."""
    p1, p2 = BOOK_PAIRS[:2]
    on = (1.0, 0.0, 1.0, 0.0, 1.0)  # a pair's weights 1, its biases 0: it adds x
    steps = [
        ("Fig 4.20 · every weight 0", 0, {}, None, "Every weight and bias is 0: so is the output."),
        (
            "Fig 4.21 · pair 1: weights 1",
            0,
            {0: on},
            None,
            "Pair 1's three weights are 1: the output is relu(relu(x)) = x.",
        ),
        (
            "Fig 4.22 · pair 1: w₁ = 6",
            0,
            {0: (6.0, 0.0, 1.0, 0.0, 1.0)},
            None,
            "w₁ = 6 sets the slope, close to the sine's 2π ≈ 6.3 at x = 0.",
        ),
        (
            "Fig 4.23 · pair 1: b₂ = 0.7",
            0,
            {0: (6.0, 0.0, 1.0, 0.7, 1.0)},
            None,
            "b₂ = 0.7 lifts the line by 0.7: the second neuron's bias moves it up, not sideways.",
        ),
        (
            "Fig 4.24 · pair 1: w₂ = −1",
            0,
            {0: (6.0, 0.0, -1.0, 0.7, 1.0)},
            None,
            "w₂ = −1: the second neuron gives 0.7 − 6x, so it switches off where the first "
            "neuron reaches 0.7, at x = 0.7/6 ≈ 0.117.",
        ),
        (
            "Fig 4.25 · pair 1: wₒ = −1",
            0,
            {0: p1},
            None,
            "wₒ = −1 flips the segment: it now rises, from −0.7 at x = 0 to 0 at x ≈ 0.117.",
        ),
        (
            "Fig 4.26 · pair 1 + offset",
            OFFSET_PAIR,
            {0: p1},
            offset_for([p1]),
            "Pair 8's first neuron is silent (w₁ = 0), so its second always gives relu(b₂) = 1; "
            "with b₂ = 1 and wₒ = 0.7 it adds 0.7 everywhere. Pair 1's segment now rises from "
            "0 to 0.7.",
        ),
        (
            "Fig 4.27 · pair 2: weights 1",
            1,
            {0: p1, 1: on},
            offset_for([p1]),
            "Pair 2's weights are 1: it adds x everywhere, and spoils pair 1's segment.",
        ),
        (
            "Fig 4.28 · pair 2: w₁ = 3.5, b₁ = −0.41",
            1,
            {0: p1, 1: (3.5, -0.41, 1.0, 0.0, 1.0)},
            offset_for([p1]),
            "w₁ = 3.5 and b₁ = −0.41: pair 2 switches on at x = 0.41/3.5 ≈ 0.117, where "
            "pair 1 ends (the book gives no number for b₁; this is where its rule puts it).",
        ),
        (
            "Fig 4.29 · pair 2: w₂ = −1, b₂ = 0.27",
            1,
            {0: p1, 1: (3.5, -0.41, -1.0, 0.27, 1.0)},
            offset_for([p1]),
            "w₂ = −1 and b₂ = 0.27: pair 2 switches off 0.27 higher, at x ≈ 0.194.",
        ),
        (
            "Fig 4.30 · pair 2: wₒ = −1",
            1,
            {0: p1, 1: p2},
            offset_for([p1]),
            "wₒ = −1 makes pair 2's segment rise; as it does, it pulls everything to its "
            "left down by 0.27.",
        ),
        (
            "Fig 4.31 · pairs 1–2 + offset",
            OFFSET_PAIR,
            {0: p1, 1: p2},
            offset_for([p1, p2]),
            "Pair 8's wₒ = 0.97 makes up for both pairs: the output rises from 0 to 0.97.",
        ),
    ]
    later = [
        "Pair 3 (ours from here on, built the same way): after a flat top it falls 0.27, "
        "from x ≈ 0.306; it lifts everything to its left by 0.27, so the offset drops to 0.7.",
        "Pair 4 falls 1.4 at slope 6, from x ≈ 0.383 to 0.617, through 0 at x = 0.5; offset −0.7.",
        "Pair 5 falls the last 0.27, down to −0.97 at x ≈ 0.694; offset −0.97.",
        "Pair 6: after a flat bottom it rises 0.27, from x ≈ 0.806; offset −0.7.",
        "Pair 7 rises the last 0.7 at slope 6. The rises and falls of a whole period cancel, "
        "so the offset is back to 0 (pair 8 now adds nothing).",
    ]
    for n, caption in enumerate(later, start=3):
        pairs = BOOK_PAIRS[:n]
        label = f"pairs 1–{n} + offset"
        steps.append(
            (
                f"Fig 4.33 · {label}" if n == len(BOOK_PAIRS) else label,
                n - 1,
                dict(enumerate(pairs)),
                offset_for(pairs),
                caption,
            )
        )
    return tuple(
        SineStep(label, pair, caption, network_parameters(pairs, offset))
        for label, pair, pairs, offset, caption in steps
    )


BOOK_STEPS = _book_steps()

# The finished fit; the demo's "Hand-tuned preset" button loads it.
HAND_TUNED_SINE: dict[str, np.ndarray | float] = BOOK_STEPS[-1].parameters


class SineFit(Demo):
    """Fit sin(2πx) by hand with 8 pairs of ReLU neurons and a linear output neuron.

    For pair i: h1_i = relu(w1[i]·x + b1[i]), h2_i = relu(w2[i]·h1_i + b2[i]); the output
    is y = Σ_i wo[i]·h2_i + bo.

    Attributes:
        steps: Dropdown of the book's steps (value: an index into :data:`BOOK_STEPS`, None
            when the parameters are not a step's, e.g. after a slider moved); choosing one
            loads it and selects the pair it changes. step_note: HTML, the step's caption.
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
    PAIRS = PAIRS
    KEYS = KEYS

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
        self.steps = w.Dropdown(
            options=[(step.label, i) for i, step in enumerate(BOOK_STEPS)],
            value=None,
            description="book's steps",
            style={"description_width": "7em"},
            layout=w.Layout(width="32em"),
        )
        self.step_note = w.HTML()
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
        self.canvas = BrowserCanvas(self.figure)
        # The target is redrawn too, so that it stays above the shaded area of effect.
        self._set_dynamic(
            [self.area, self.target_line, self.reference_line, self.line, self.area_label]
        )
        for key in self.KEYS:
            getattr(self, key).observe(
                lambda change, key=key: self._on_parameter(key, change), names="value"
            )
        self.bo.observe(lambda change: self._on_parameter("bo", change), names="value")
        self.pair.observe(self._on_pair, names="value")
        self.steps.observe(lambda change: self.choose_step(change["new"]), names="value")
        self.preset_button.on_click(lambda _: self.load_preset())
        self.reset_button.on_click(lambda _: self.reset())
        sliders = w.VBox([self.pair, *(getattr(self, k) for k in self.KEYS), self.bo])
        controls = w.HBox([sliders, w.VBox([self.readout, self.preset_button, self.reset_button])])
        super().__init__([self.steps, self.step_note, controls, self.canvas, self.note])
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

    def choose_step(self, index: int | None) -> None:
        """Load one of the book's steps and select the pair it changes (one redraw).

        Args:
            index: an index into :data:`BOOK_STEPS`; None does nothing.
        """
        if index is None:
            return
        step = BOOK_STEPS[index]
        with self._held():
            self.steps.value = index
            self.pair.value = step.pair
        self.step_note.value = f"<small>{step.caption}</small>"
        self.load(step.parameters)

    def load_preset(self) -> None:
        """Load the finished fit, :data:`HAND_TUNED_SINE` (one redraw); the pair stays."""
        self._leave_steps()
        self.load(HAND_TUNED_SINE)

    def _leave_steps(self) -> None:
        """Clear the steps menu: the parameters are no longer a step's."""
        with self._held():
            self.steps.value = None
        self.step_note.value = ""

    def reset(self) -> None:
        """Set every parameter to 0 (one redraw)."""
        self._leave_steps()
        self.load({**{k: np.zeros(self.PAIRS) for k in self.KEYS}, "bo": 0.0})

    def _load_sliders(self) -> None:
        """Show the selected pair's parameters on the sliders, changing none (one redraw)."""
        i = self.selected
        with self._held():
            for key in self.KEYS:
                getattr(self, key).value = float(self.parameters[key][i])
            self.bo.value = float(self.parameters["bo"])
        self.update()

    def _on_pair(self, _change: dict) -> None:
        if not self._quiet:
            self._load_sliders()

    def _on_parameter(self, key: str, change: dict) -> None:
        if self._quiet:
            return
        self._leave_steps()
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

    Starts with every parameter 0; the menu of the book's steps loads :data:`BOOK_STEPS`,
    "Hand-tuned preset" the finished fit, :data:`HAND_TUNED_SINE`.

    Args:
        relu: the student's vectorised ``relu(z)``: array of any shape (here (n, 8)) ->
            array of the same shape. While it is None, unfinished or failing, a reference
            computes the network and a note says so.
        exercise: the exercise that writes ``relu``, named in the notes.

    Returns:
        The demo widget; display it by ending a cell with it.
    """
    return SineFit(relu, exercise)
