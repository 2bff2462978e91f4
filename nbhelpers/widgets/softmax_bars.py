"""The softmax bars: logits, a temperature, and the softmax probabilities (chapter 4).

:func:`softmax_bars` builds a :class:`SoftmaxBars`, which computes p = softmax(z / T)
with the student's vectorised softmax and draws the probabilities as bars.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
from matplotlib.figure import Figure

from nbhelpers.plots import PALETTE, course_style, new_figure, student_values, style_axes
from nbhelpers.widgets import references
from nbhelpers.widgets.base import Demo, slider
from nbhelpers.widgets.canvas import BrowserCanvas


class SoftmaxBars(Demo):
    """Three logits z and a temperature T; bars of the probabilities p = softmax(z / T).

    Attributes:
        z0, z1, z2: the logit FloatSliders of classes 0, 1, 2; temperature: the T FloatSlider.
        reset_button: restores the book's layer outputs (4.8, 1.21, 2.385) and T = 1.
        readout: HTML with each z, each p and the sum of p.
        note: HTML that says whose softmax computes p (and why, if not the student's).
        probabilities: array of shape (3,), the probabilities drawn.
        figure: the matplotlib Figure; bars: the 3 Rectangles (the most probable class is
            orange and hatched); reference_bars: dashed outlines of the correct
            probabilities, visible only when the student's values are wrong; value_labels:
            the 3 Texts printing each probability.
    """

    Y_LIMITS = (0.0, 1.05)
    START = {"z0": 4.8, "z1": 1.21, "z2": 2.385, "temperature": 1.0}  # the book's layer outputs

    def __init__(
        self,
        softmax: Callable[[np.ndarray], np.ndarray] | None = None,
        exercise: str = "Exercise 3",
    ):
        self.softmax = softmax
        self.exercise = exercise
        self.probabilities = np.full(3, np.nan)
        logit = {"step": 0.005, "readout_format": ".3f"}
        # Classes are counted from 0, like the labels y of the datasets and numpy's indices.
        self.z0 = slider(
            "z₀ (logit, class 0)",
            self.START["z0"],
            -5,
            10,
            "class 0's score before softmax",
            **logit,
        )
        self.z1 = slider(
            "z₁ (logit, class 1)",
            self.START["z1"],
            -5,
            10,
            "class 1's score before softmax",
            **logit,
        )
        self.z2 = slider(
            "z₂ (logit, class 2)",
            self.START["z2"],
            -5,
            10,
            "class 2's score before softmax",
            **logit,
        )
        self.temperature = slider(
            "T (temperature)",
            self.START["temperature"],
            0.1,
            5,
            "divides every logit: high T evens out, low T sharpens",
        )
        self._make_controls("back to z = (4.8, 1.21, 2.385), T = 1")

        self.figure, axes = new_figure(figsize=(4.8, 3.4), figure_class=Figure)
        ax = axes[0, 0]
        positions = np.arange(3)
        with course_style():
            self.bars = list(
                ax.bar(positions, np.zeros(3), width=0.6, color=PALETTE["sky"], edgecolor="black")
            )
            self.reference_bars = list(
                ax.bar(
                    positions,
                    np.zeros(3),
                    width=0.6,
                    fill=False,
                    linestyle="--",
                    edgecolor=PALETTE["black"],
                    linewidth=1.2,
                )
            )
            for bar in self.reference_bars:
                bar.set_visible(False)
            self.value_labels = [
                ax.text(
                    i,
                    0.0,
                    "",
                    ha="center",
                    va="bottom",
                    fontsize=9,
                    bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 1},
                )
                for i in positions
            ]
            ax.set_xticks(positions, ["class 0", "class 1", "class 2"])
            style_axes(
                ax,
                title="Softmax: probabilities from logits",
                xlabel="",
                ylabel="probability p = softmax(z / T)",
                xlim=(-0.6, 2.6),
                ylim=self.Y_LIMITS,
                zero_lines=False,
            )
        self.canvas = BrowserCanvas(self.figure)
        self._set_dynamic([*self.bars, *self.reference_bars, *self.value_labels])
        self._assemble([self.z0, self.z1, self.z2, self.temperature])

    def update(self) -> None:
        """Recompute the probabilities from the sliders and redraw the bars in place."""
        z = np.array([self.z0.value, self.z1.value, self.z2.value])
        t = self.temperature.value
        batch = (z / t)[np.newaxis, :]
        curve = student_values(
            self.softmax,
            batch,
            references.softmax,
            self.exercise,
            input_name="z / T",
            reference_drawn_as="dashed outline",
        )
        p = curve.y[0].copy()
        correct = references.softmax(batch)[0]
        self.probabilities = p
        top = int(np.argmax(np.nan_to_num(p, nan=-np.inf)))
        heights = np.nan_to_num(p, nan=0.0, posinf=self.Y_LIMITS[1], neginf=0.0)
        wrong = curve.note is not None and curve.from_student
        for i, (bar, outline, label) in enumerate(
            zip(self.bars, self.reference_bars, self.value_labels)
        ):
            bar.set_height(heights[i])
            bar.set_facecolor(PALETTE["orange"] if i == top else PALETTE["sky"])
            bar.set_hatch("//" if i == top else "")
            outline.set_height(correct[i])
            outline.set_visible(wrong)
            inside = heights[i] > 0.92  # print near the top inside the bar rather than off the axes
            label.set_y(min(heights[i], 1.0) - 0.02 if inside else max(heights[i], 0.0) + 0.01)
            label.set_va("top" if inside else "bottom")
            label.set_text(f"{p[i]:.4f}" + (" (max)" if i == top else ""))

        source = self._credit(
            [curve],
            self.softmax,
            "softmax",
            "the reference softmax",
            done="The probabilities are computed by",
            todo="compute the probabilities",
        )
        rows = "<br>".join(
            f"z<sub>{i}</sub> = {z[i]:+.3f} → p<sub>{i}</sub> = <b>{p[i]:.4f}</b>" for i in range(3)
        )
        self.readout.value = (
            f"T = {t:.2f}<br>{rows}<br>Σ p = {float(np.sum(p)):.4f}<br>"
            f"<small>computed by {source}</small>"
        )
        self._show()


def softmax_bars(
    softmax: Callable[[np.ndarray], np.ndarray] | None = None, exercise: str = "Exercise 3"
) -> SoftmaxBars:
    """Build the softmax demo: three logit sliders, a temperature, and the probabilities as bars.

    Args:
        softmax: the student's ``softmax(inputs)``: array of shape (n_samples, n_classes)
            -> array of the same shape, each row summing to 1; called with
            ``(z / T)[np.newaxis, :]`` of shape (1, 3). While it is None, unfinished or
            failing, a reference computes the probabilities and a note says so.
        exercise: the exercise that writes ``softmax``, named in the notes.

    Returns:
        The demo widget; display it by ending a cell with it.
    """
    return SoftmaxBars(softmax, exercise)
