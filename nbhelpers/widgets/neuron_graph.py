"""The neuron graph: one ReLU neuron's values forwards and its gradients backwards (chapter 9).

:func:`neuron_graph` builds a :class:`NeuronGraph`: the book's neuron (inputs [1, -2, 3],
weights [-3, -1, 2], bias 1) drawn as a graph of small functions, products, a sum and ReLU,
with every node's value and the gradient of the loss with respect to it. The gradients
come from the student's ``neuron_gradients``; sliders move the first input, the first
weight and the bias, and the edges carry the gradient back, thick where it is large and
dashed where ReLU stops it.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch

from nbhelpers.plots import PALETTE, Curve, course_style, new_figure, student_values
from nbhelpers.widgets.base import Demo, slider
from nbhelpers.widgets.canvas import BrowserCanvas

GradientsFunction = Callable[[list, list, float, float], tuple]

# The book's neuron (chapter 9) and the gradient the next layer sends back.
BOOK_INPUTS = (1.0, -2.0, 3.0)
BOOK_WEIGHTS = (-3.0, -1.0, 2.0)
BOOK_BIAS = 1.0
DVALUE = 1.0
LEARNING_RATE = 0.001
# What the 7 gradients are, in the order the demo keeps them: dinputs, dweights, dbias.
GRADIENT_NAMES = [*(f"dinputs[{i}]" for i in range(3)), *(f"dweights[{i}]" for i in range(3))]
GRADIENT_NAMES.append("dbias")
SUBSCRIPTS = "₀₁₂"


def reference_gradients(parameters: np.ndarray) -> np.ndarray:
    """The neuron's 7 gradients (dinputs, dweights, dbias) for parameters (x₀..x₂, w₀..w₂, b)."""
    inputs, weights, bias = parameters[:3], parameters[3:6], parameters[6]
    dz = DVALUE * float(inputs @ weights + bias > 0)
    return np.concatenate([dz * weights, dz * inputs, [dz]])


class NeuronGraph(Demo):
    """y = max(0, x₀w₀ + x₁w₁ + x₂w₂ + b) as a graph, forwards and backwards.

    Attributes:
        x0, w0, bias: the FloatSliders of the first input, the first weight and the bias.
        reset_button: back to the book's neuron.
        readout: HTML with z, y, the three gradients and one step against them.
        note: HTML that says whose code computed the gradients (and why, if not the student's).
        inputs, weights: arrays (3,); bias_value, z, output: floats; the neuron as drawn.
        dinputs, dweights: arrays (3,); dbias: float; the gradients drawn.
        figure: the matplotlib Figure; values, gradients: dicts node name -> Text (a
            node's value, and the gradient of the loss with respect to it); edges: dict
            (from, to) -> Line2D, each as wide as the gradient it carries back.
    """

    START = {"x0": BOOK_INPUTS[0], "w0": BOOK_WEIGHTS[0], "bias": BOOK_BIAS}
    X_LIMITS, Y_LIMITS = (0.0, 12.4), (0.0, 7.6)
    # Where the nodes sit (box centres, in the axes' units), and how wide their boxes are.
    LEAVES = {
        **{f"x{i}": (1.0, 6.9 - 2.15 * i) for i in range(3)},
        **{f"w{i}": (1.0, 6.1 - 2.15 * i) for i in range(3)},
        "b": (4.3, 0.5),
    }
    PRODUCTS = {f"p{i}": (4.3, 6.5 - 2.15 * i) for i in range(3)}
    SUM, RELU, OUT = (7.9, 3.55), (11.05, 3.55), (11.05, 2.5)
    # Where an edge meets the left side of the node it enters, above or below its middle.
    ARRIVES = {"x": 0.12, "w": -0.12, "p0": 0.24, "p1": 0.08, "p2": -0.08, "b": -0.24}

    def __init__(self, neuron_gradients: GradientsFunction | None = None, exercise="Exercise 1"):
        self.neuron_gradients = neuron_gradients
        self.exercise = exercise
        self.x0 = slider("x₀ (input 0)", self.START["x0"], -3, 3, "the first input", step=0.1)
        self.w0 = slider("w₀ (weight 0)", self.START["w0"], -4, 4, "the first weight", step=0.1)
        self.bias = slider(
            "b (bias)", self.START["bias"], -10, 4, "added to the sum before ReLU", step=0.1
        )
        self._make_controls("back to the book's neuron")

        self.figure, axes = new_figure(
            figsize=(7.8, 4.8),
            figure_class=Figure,
            title="One ReLU neuron: values go forward (→), gradients come back (←)",
        )
        ax = axes[0, 0]
        self.values, self.gradients, self.edges = {}, {}, {}
        with course_style():
            ax.set_axis_off()
            ax.set_xlim(*self.X_LIMITS)
            ax.set_ylim(*self.Y_LIMITS)
            for i in range(3):
                self._edge(ax, f"x{i}", f"p{i}")
                self._edge(ax, f"w{i}", f"p{i}")
                self._edge(ax, f"p{i}", "z")
            self._edge(ax, "b", "z")
            self._edge(ax, "z", "y")
            for name in self._widths:
                self._node(ax, name)
            ax.plot(*zip(self.RELU, self.OUT), color=PALETTE["orange"], linewidth=1.6, zorder=1)
            ax.text(
                *self.OUT,
                f"from the next layer:\n∂L/∂y = {DVALUE:g}",
                ha="center",
                va="top",
                fontsize=8.5,
                color=PALETTE["vermillion"],
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 1},
            )
            ax.text(
                0.0,
                -0.15,
                "value = … (black)   ∂L/∂… = gradient of the loss (vermillion);"
                "  an edge's width: the gradient it carries back, dashed when it is 0",
                fontsize=7.5,
                va="top",
                transform=ax.transAxes,
            )
        self.canvas = BrowserCanvas(self.figure)
        self._set_dynamic(
            list(self.edges.values()), [*self.values.values(), *self.gradients.values()]
        )
        self._assemble([self.x0, self.w0, self.bias])

    @property
    def _widths(self) -> dict[str, float]:
        """Each node's box width, in the axes' units."""
        return {
            **dict.fromkeys(self.LEAVES, 1.7),
            **dict.fromkeys(self.PRODUCTS, 2.3),
            "z": 2.0,
            "y": 2.5,
        }

    def _position(self, name: str) -> tuple[float, float]:
        every = {**self.LEAVES, **self.PRODUCTS, "z": self.SUM, "y": self.RELU}
        return every[name]

    def _edge(self, ax, start: str, end: str) -> None:
        """A line from node ``start``'s right side to node ``end``'s left side: it never
        crosses a box (the browser draws it over the picture's background, boxes included)."""
        (x0, y0), (x1, y1) = self._position(start), self._position(end)
        x0, x1 = x0 + self._widths[start] / 2 + 0.05, x1 - self._widths[end] / 2 - 0.05
        y1 += self.ARRIVES.get(start, self.ARRIVES.get(start[0], 0.0))
        (self.edges[start, end],) = ax.plot(
            [x0, x1], [y0, y1], color=PALETTE["orange"], solid_capstyle="butt", zorder=1
        )

    def _node(self, ax, name: str) -> None:
        """A node's box (static) and its two lines, value and gradient (changing)."""
        (x, y), width = self._position(name), self._widths[name]
        ax.add_patch(
            FancyBboxPatch(
                (x - width / 2, y - 0.33),
                width,
                0.66,
                boxstyle="round,pad=0.04",
                facecolor="white",
                edgecolor=PALETTE["black"],
                linewidth=0.8,
                zorder=2,
            )
        )
        text = {"ha": "center", "fontsize": 8.5, "zorder": 3}
        self.values[name] = ax.text(x, y + 0.03, "", va="bottom", **text)
        self.gradients[name] = ax.text(
            x, y - 0.03, "", va="top", color=PALETTE["vermillion"], **text
        )

    def _computed(self, parameters: np.ndarray) -> Curve:
        """The 7 gradients: the student's, or the reference's with a note on why not."""
        student = None
        if self.neuron_gradients is not None:

            def student(values: np.ndarray) -> np.ndarray:
                dinputs, dweights, dbias = self.neuron_gradients(
                    values[:3].tolist(), values[3:6].tolist(), float(values[6]), DVALUE
                )
                return np.concatenate([np.ravel(dinputs), np.ravel(dweights), np.ravel(dbias)])

            student.__name__ = getattr(self.neuron_gradients, "__name__", "neuron_gradients")
        curve = student_values(
            student, parameters, reference_gradients, self.exercise, input_name="parameter"
        )
        if curve.from_student and curve.note:  # name the gradient, not a position
            expected = reference_gradients(parameters)
            i = int(np.argmax(~np.isclose(curve.y, expected, rtol=1e-7, atol=1e-9)))
            curve = curve._replace(
                note=f"`{student.__name__}` gives {GRADIENT_NAMES[i]} = {curve.y[i]:.4g}, but "
                f"the correct value is {expected[i]:.4g}: its values are drawn. The test of "
                f"{self.exercise} says more."
            )
        return curve

    def update(self) -> None:
        """Recompute the neuron from the sliders, its gradients, and redraw the graph."""
        self.inputs = np.array([self.x0.value, *BOOK_INPUTS[1:]])
        self.weights = np.array([self.w0.value, *BOOK_WEIGHTS[1:]])
        self.bias_value = b = float(self.bias.value)
        products = self.inputs * self.weights
        self.z = float(products.sum() + b)
        self.output = max(0.0, self.z)
        curve = self._computed(np.concatenate([self.inputs, self.weights, [b]]))
        self.dinputs, self.dweights = curve.y[:3].copy(), curve.y[3:6].copy()
        self.dbias = dz = float(curve.y[6])  # ∂L/∂z: the sum's derivative with respect to b is 1

        for i in range(3):
            s = SUBSCRIPTS[i]
            self._set(f"x{i}", f"x{s} = {_n(self.inputs[i])}", f"∂L/∂x{s} = {_n(self.dinputs[i])}")
            self._set(
                f"w{i}", f"w{s} = {_n(self.weights[i])}", f"∂L/∂w{s} = {_n(self.dweights[i])}"
            )
            self._set(f"p{i}", f"x{s}·w{s} = {_n(products[i])}", f"∂L/∂(x{s}w{s}) = {_n(dz)}")
            self._carry(f"x{i}", f"p{i}", self.dinputs[i])
            self._carry(f"w{i}", f"p{i}", self.dweights[i])
            self._carry(f"p{i}", "z", dz)
        self._set("b", f"b = {_n(b)}", f"∂L/∂b = {_n(self.dbias)}")
        self._set("z", f"z = Σ + b = {_n(self.z)}", f"∂L/∂z = {_n(dz)}")
        self._set("y", f"y = max(0, z) = {_n(self.output)}", f"∂L/∂y = {_n(DVALUE)}")
        self._carry("b", "z", self.dbias)
        self._carry("z", "y", dz)

        source = self._credit(
            [curve],
            self.neuron_gradients,
            "neuron_gradients",
            "the reference gradients",
            done="The gradients are computed by",
            todo="compute the gradients",
        )
        self.readout.value = self._readout(products, source)
        self._show()

    def _set(self, node: str, value: str, gradient: str) -> None:
        self.values[node].set_text(value)
        self.gradients[node].set_text(gradient)

    def _carry(self, start: str, end: str, gradient: float) -> None:
        """Draw an edge as wide as the gradient it carries back, dashed when that is 0."""
        edge = self.edges[start, end]
        size = min(abs(gradient), 4.0) / 4.0
        edge.set_linewidth(0.8 + 3.2 * size)
        edge.set_linestyle("-" if abs(gradient) > 1e-12 else "--")
        edge.set_color(PALETTE["orange"] if abs(gradient) > 1e-12 else PALETTE["black"])

    def _readout(self, products: np.ndarray, source: str) -> str:
        terms = " + ".join(f"({_n(v)})" if v < 0 else _n(v) for v in [*products, self.bias_value])
        gate = (
            "z &gt; 0: ReLU passes the gradient back (its derivative is 1)"
            if self.z > 0
            else "z ≤ 0: ReLU is off, no gradient gets through (its derivative is 0)"
        )
        weights = self.weights - LEARNING_RATE * self.dweights
        bias = self.bias_value - LEARNING_RATE * self.dbias
        after = max(0.0, float(self.inputs @ weights + bias))
        return (
            f"z = {terms} = <b>{_n(self.z)}</b>, "
            f"y = max(0, z) = <b>{_n(self.output)}</b><br>{gate}<br>"
            f"dweights = {_listed(self.dweights)}, dbias = {_n(self.dbias)}<br>"
            f"dinputs = {_listed(self.dinputs)}<br>"
            f"one step of {LEARNING_RATE:g} against the gradient: w = {_listed(weights, 3)}, "
            f"b = {_n(bias, 3)}, y = {_n(after, 3)}<br>"
            f"<small>gradients computed by {source}</small>"
        )


def _n(value: float, digits: int = 2) -> str:
    """A number with ``digits`` decimals, without the sign of a negative zero."""
    return f"{value + 0.0:.{digits}f}"


def _listed(values: np.ndarray, digits: int = 2) -> str:
    """Numbers as a list for the readout."""
    return "[" + ", ".join(_n(v, digits) for v in values) + "]"


def neuron_graph(
    neuron_gradients: GradientsFunction | None = None, exercise: str = "Exercise 1"
) -> NeuronGraph:
    """Build the book's ReLU neuron as a graph, with its values and gradients (chapter 9).

    Args:
        neuron_gradients: the student's ``neuron_gradients(inputs, weights, bias, dvalue)``
            -> ``(dinputs, dweights, dbias)`` (lists of 3 numbers and a number), called with
            the sliders' neuron and dvalue 1.0. While it is None, unfinished or failing, a
            reference computes the gradients and a note says so.
        exercise: the exercise that writes ``neuron_gradients``, named in the notes.

    Returns:
        The demo widget; display it by ending a cell with it.
    """
    return NeuronGraph(neuron_gradients, exercise)
