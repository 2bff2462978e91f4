"""The matrix-product stepper: one output of a batch through a layer at a time (chapter 2).

:func:`matmul_stepper` builds a :class:`MatmulStepper`, which shows the book's batch of
inputs (3 samples × 4 features), the transposed weights (4 inputs × 3 neurons) and their
product, computed by the student's ``matmul``. A slider steps through the 9 outputs: the
row of the inputs and the column of the weights that make the current one are highlighted,
the outputs so far are filled in, and the readout writes the sum out.
"""

from __future__ import annotations

from typing import Callable

import ipywidgets as w
import numpy as np
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from nbhelpers.plots import PALETTE, course_style, new_figure, student_values
from nbhelpers.widgets.base import Demo
from nbhelpers.widgets.canvas import BrowserCanvas

# The book's batch and layer (chapter 2): inputs (3, 4), weights one row per neuron (3, 4).
BOOK_INPUTS = np.array([[1.0, 2.0, 3.0, 2.5], [2.0, 5.0, -1.0, 2.0], [-1.5, 2.7, 3.3, -0.8]])
BOOK_WEIGHTS = np.array(
    [[0.2, 0.8, -0.5, 1.0], [0.5, -0.91, 0.26, -0.5], [-0.26, -0.27, 0.17, 0.87]]
)
MatmulFunction = Callable[[list, list], list]


class MatmulStepper(Demo):
    """inputs (3, 4) · weightsᵀ (4, 3) = outputs (3, 3), one output at a time.

    Attributes:
        step: the IntSlider (1-9) choosing the output, row by row.
        reset_button: back to the first output.
        readout: HTML with the current output's sum, term by term.
        note: HTML that says whose matmul computed the outputs (and why, if not the student's).
        inputs, weights_t: the matrices multiplied, shapes (3, 4) and (4, 3).
        outputs: array of shape (3, 3), the product drawn.
        figure: the matplotlib Figure; row_box, column_box, cell_box: the Rectangles that
            highlight the current row, column and output; output_texts: the 9 Texts of the
            outputs (those after the current one hidden).
    """

    START = {"step": 1}
    # Where the three matrices sit, in the axes' units (one unit per entry).
    INPUTS_AT, WEIGHTS_AT, OUTPUTS_AT = 0.0, 5.4, 9.8

    def __init__(self, matmul: MatmulFunction | None = None, exercise: str = "Exercise 1"):
        self.matmul = matmul
        self.exercise = exercise
        self.inputs, self.weights_t = BOOK_INPUTS, BOOK_WEIGHTS.T
        self.step = w.IntSlider(
            value=1,
            min=1,
            max=9,
            description="output",
            tooltip="which output to compute: row by row, left to right",
            continuous_update=True,
            style={"description_width": "8.5em"},
            layout=w.Layout(width="26em"),
        )
        self._make_controls("back to the first output")

        self.figure, axes = new_figure(
            figsize=(7.6, 2.9),
            figure_class=Figure,
            title="A batch through a layer: inputs · weightsᵀ",
        )
        ax = axes[0, 0]
        with course_style():
            ax.set_axis_off()
            ax.set_xlim(-0.6, 13.4)
            ax.set_ylim(-0.9, 4.9)
            self._matrix(ax, self.inputs, self.INPUTS_AT, "inputs (3 samples × 4)")
            self._matrix(ax, self.weights_t, self.WEIGHTS_AT, "weightsᵀ (4 × 3 neurons)")
            self._matrix(ax, np.full((3, 3), np.nan), self.OUTPUTS_AT, "outputs (3 × 3)")
            ax.text(4.7, 2.0, "·", ha="center", va="center", fontsize=22)
            ax.text(9.1, 2.0, "=", ha="center", va="center", fontsize=16)
            self.row_box = self._box(ax, PALETTE["sky"], (4, 1))
            self.column_box = self._box(ax, PALETTE["orange"], (1, 4))
            self.cell_box = self._box(ax, PALETTE["green"], (1, 1))
            self.output_texts = [
                ax.text(*self._centre(self.OUTPUTS_AT, i, j), "", ha="center", va="center")
                for i in range(3)
                for j in range(3)
            ]
        self.canvas = BrowserCanvas(self.figure)
        self._set_dynamic([self.row_box, self.column_box, self.cell_box, *self.output_texts])
        self.outputs = self._product()
        self._assemble([self.step])

    @staticmethod
    def _centre(left: float, i: int, j: int) -> tuple[float, float]:
        """Centre of entry (i, j) of a matrix whose first column starts at ``left``."""
        return left + j + 0.5, 3.5 - i

    def _matrix(self, ax, values: np.ndarray, left: float, title: str) -> None:
        """A matrix's entries (NaN: blank), its brackets and its title, top row at y = 3.5."""
        rows, columns = values.shape
        for (i, j), value in np.ndenumerate(values):
            if not np.isnan(value):
                ax.text(*self._centre(left, i, j), f"{value:g}", ha="center", va="center")
        top, bottom = 4.0, 4.0 - rows
        for x, tick in ((left, 0.15), (left + columns, -0.15)):
            ax.plot([x + tick, x, x, x + tick], [top, top, bottom, bottom], color="black", lw=1)
        ax.text(left + columns / 2, 4.3, title, ha="center", va="bottom", fontsize=9)

    @staticmethod
    def _box(ax, color: str, size: tuple[int, int]) -> Rectangle:
        """A highlight of ``size`` (columns, rows) entries: filled, with a solid outline."""
        box = Rectangle((0, 0), *size, facecolor=to_rgba(color, 0.35), edgecolor=color, linewidth=2)
        ax.add_patch(box)
        return box

    def _product(self) -> np.ndarray:
        """The outputs: the student's matmul on the book's lists, else numpy's, with a note."""

        def product(_: np.ndarray) -> list:
            return self.matmul(self.inputs.tolist(), self.weights_t.tolist())

        product.__name__ = getattr(self.matmul, "__name__", "matmul")
        self._curve = student_values(
            None if self.matmul is None else product,
            np.zeros((3, 3)),
            lambda _: self.inputs @ self.weights_t,
            self.exercise,
            input_name="the book's matrices",
            reference_drawn_as="the correct values",
        )
        return self._curve.y

    def update(self) -> None:
        """Highlight the current output's row and column, and fill in the outputs so far."""
        k = int(self.step.value) - 1
        i, j = divmod(k, 3)
        self.row_box.set_xy((self.INPUTS_AT, 3.0 - i))
        self.column_box.set_xy((self.WEIGHTS_AT + j, 0.0))
        self.cell_box.set_xy((self.OUTPUTS_AT + j, 3.0 - i))
        for n, text in enumerate(self.output_texts):
            text.set_text(f"{self.outputs.flat[n]:.4g}" if n <= k else "")
            text.set_fontweight("bold" if n == k else "normal")
        terms = " + ".join(
            f"{_signed(a)}·{_signed(b)}" for a, b in zip(self.inputs[i], self.weights_t[:, j])
        )
        source = self._credit(
            [self._curve],
            self.matmul,
            "matmul",
            "numpy's <code>@</code>",
            done="The outputs are computed by",
            todo="compute the outputs",
        )
        self.readout.value = (
            f"<b>output ({i + 1}, {j + 1})</b>: sample {i + 1} · neuron {j + 1}'s weights<br>"
            f"= {terms}<br>= <b>{self.outputs[i, j]:.4g}</b><br>"
            f"<small>computed by {source}</small>"
        )
        self._show()


def _signed(value: float) -> str:
    """A number for a sum written out: negative ones in parentheses."""
    return f"({value:g})" if value < 0 else f"{value:g}"


def matmul_stepper(
    matmul: MatmulFunction | None = None, exercise: str = "Exercise 1"
) -> MatmulStepper:
    """Build the matrix-product stepper on the book's batch and layer (chapter 2).

    Args:
        matmul: the student's ``matmul(a, b)``: lists of rows of shapes (n, k) and (k, m)
            -> list of n rows of m numbers. While it is None, unfinished or failing, numpy
            computes the outputs and a note says so.
        exercise: the exercise that writes ``matmul``, named in the notes.

    Returns:
        The demo widget; display it by ending a cell with it.
    """
    return MatmulStepper(matmul, exercise)
