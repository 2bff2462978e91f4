"""Interactive demos: sliders that move a picture drawn by the student's own code.

Each demo is a function that builds and returns an ipywidgets container. The figure is
created once, on an ipympl canvas, and updated in place on every slider event. The
returned object exposes its sliders and plotted artists, so a test can set slider values
and read what is drawn, without a browser.

Demos:

* :func:`neuron_line` -- weight and bias of a single-input neuron (chapter 1);
* :func:`activation_explorer` -- one neuron followed by step, linear, sigmoid, tanh or ReLU;
* :func:`relu_pair` -- two chained ReLU neurons and their "area of effect" (chapter 4);
* :func:`sine_fit` -- 8 pairs of ReLU neurons fitted to a sine by hand (chapter 4);
* :func:`softmax_bars` -- logits, temperature and the softmax probabilities (chapter 4).

Functions the student wrote point by point (``neuron_output``) are called once per grid
point; vectorised ones (``relu``, ``softmax``) once per redraw on the whole array (see
:func:`nbhelpers.plots.student_values`). Either way a failing or unfinished function is
replaced by a reference and a note under the figure says why.
"""

from __future__ import annotations

import contextlib
import math
from typing import Callable, Iterator
from unittest import mock

import ipywidgets as w
import matplotlib
import numpy as np
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

# Importing ipympl runs matplotlib.use("module://ipympl.backend_nbagg"), which would change
# how the student's own pyplot figures display (and close any open ones). The demos need
# only ipympl's canvas widget, so the import is kept from switching the backend.
with mock.patch.object(matplotlib, "use"):
    from ipympl.backend_nbagg import Canvas, FigureManager

from nbhelpers.plots import PALETTE, Curve, course_style, new_figure, student_curve, student_values, style_axes

NeuronFunction = Callable[[list, list, float], float]
VectorFunction = Callable[[np.ndarray], np.ndarray]


def _canvas_for(figure: Figure) -> Canvas:
    """Attach a fixed-size ipympl canvas (a widget) to a figure built without pyplot."""
    canvas = Canvas(figure)
    FigureManager(canvas, num=0)  # the manager is what sends drawings to the browser
    canvas.header_visible = False
    canvas.footer_visible = False
    canvas.toolbar_visible = False
    canvas.resizable = False
    return canvas


def _slider(description: str, value: float, low: float, high: float, tooltip: str, *,
            step: float = 0.05, readout_format: str = ".2f", label_width: float = 8.5) -> w.FloatSlider:
    return w.FloatSlider(value=value, min=low, max=high, step=step, description=description,
                         tooltip=tooltip, continuous_update=True, readout_format=readout_format,
                         style={"description_width": f"{label_width}em"},
                         layout=w.Layout(width=f"{label_width + 17.5}em"))


def _warning(text: str) -> str:
    return f"<span style='color:{PALETTE['vermillion']}'>⚠ {text}</span>"


def _notes(curves: list[Curve]) -> list[str]:
    """The distinct notes of some curves, in order."""
    return list(dict.fromkeys(c.note for c in curves if c.note))


def _x(value: float) -> str:
    """A position for a readout, without the sign of a negative zero."""
    return f"{value + 0.0:.2f}"


class _Demo(w.VBox):
    """Shared plumbing: controls redraw on every change; reset redraws once.

    Subclasses set ``START`` (attribute name of a control -> starting value), observe
    their controls with :meth:`_on_change`, and implement :meth:`update`.
    """

    START: dict[str, object] = {}
    _quiet = False

    @contextlib.contextmanager
    def _held(self) -> Iterator[None]:
        """Change several controls with a single redraw, by the caller, afterwards."""
        self._quiet = True
        try:
            yield
        finally:
            self._quiet = False

    def reset(self) -> None:
        """Put every control back to its starting value (one redraw)."""
        with self._held():
            for name, value in self.START.items():
                getattr(self, name).value = value
        self.update()

    def _on_change(self, _change: dict) -> None:
        if not self._quiet:
            self.update()

    def update(self) -> None:  # pragma: no cover -- every demo has its own
        raise NotImplementedError

    def _assemble(self, sliders: list[w.Widget], canvas: Canvas, above: tuple[w.Widget, ...] = ()) -> None:
        """Lay out the demo (controls, figure, note), wire its controls, and draw it once.

        Args:
            sliders: the controls beside the readout; each redraws the demo when it changes.
            canvas: the figure's canvas widget.
            above: controls shown above the rest (they must be observed by the caller).
        """
        for slider in sliders:
            slider.observe(self._on_change, names="value")
        self.reset_button.on_click(lambda _: self.reset())
        controls = w.HBox([w.VBox(list(sliders)), w.VBox([self.readout, self.reset_button])])
        w.VBox.__init__(self, [*above, controls, canvas, self.note])
        self.update()

    def _credit(self, curves: list[Curve], func: Callable | None, name: str, reference: str,
                done: str, todo: str) -> str:
        """Set the note under the figure, and say for the readout whose code computed it.

        Args:
            curves: the Curves the picture was drawn from.
            func: the student's function, or None.
            name: what the exercise calls the function, e.g. "relu".
            reference: what computes the picture without it, e.g. "the reference ReLU".
            done: the note's start when the student's function did the work,
                e.g. "The curves are drawn by".
            todo: what the function would do, for the note when none is given,
                e.g. "draw the curves".

        Returns:
            "your <code>name</code>" or ``reference``, for "computed by ...".
        """
        student = getattr(func, "__name__", name)
        notes = _notes(curves)
        if notes:
            self.note.value = "<br>".join(_warning(n) for n in notes)
        elif func is None:
            self.note.value = f"Pass your <code>{name}</code> to {todo} with your own code."
        else:
            self.note.value = f"✓ {done} your <code>{student}</code>."
        return f"your <code>{student}</code>" if func is not None and all(c.from_student for c in curves) else reference


class NeuronLine(_Demo):
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

        self._assemble([self.weight, self.bias, self.probe], canvas)

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
        source = self._credit([curve], self.neuron, "neuron_output", "the reference neuron",
                              done="The line is drawn by", todo="draw the line")
        self.readout.value = (f"<b>w</b> = {wt:+.2f} &nbsp; <b>b</b> = {b:+.2f}<br>"
                              f"at x = {x0:+.2f}: y = {wt:+.2f}·({x0:+.2f}) {b:+.2f} = <b>{y0:+.3f}</b><br>"
                              f"<small>computed by {source}</small>")
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


# ----------------------------------------------------------------------------- references

def _step(z: np.ndarray) -> np.ndarray:
    return (np.asarray(z) > 0).astype(float)


def _linear(z: np.ndarray) -> np.ndarray:
    return np.array(z, dtype=float)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    """1 / (1 + e^-z) without overflow: e^-|z| is at most 1."""
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _tanh(z: np.ndarray) -> np.ndarray:
    return np.tanh(np.asarray(z, dtype=float))


def _relu(z: np.ndarray) -> np.ndarray:
    return np.maximum(0.0, np.asarray(z, dtype=float))


def _softmax(z: np.ndarray) -> np.ndarray:
    """Softmax of each row of a batch (n_samples, n_classes), stable for large logits."""
    exp = np.exp(z - np.max(z, axis=1, keepdims=True))
    return exp / np.sum(exp, axis=1, keepdims=True)


ACTIVATIONS = ("step", "linear", "sigmoid", "tanh", "ReLU")
REFERENCE_ACTIVATIONS: dict[str, VectorFunction] = {
    "step": _step, "linear": _linear, "sigmoid": _sigmoid, "tanh": _tanh, "ReLU": _relu,
}
FORMULAS = {
    "step": "y = 1 if z &gt; 0, else 0",
    "linear": "y = z",
    "sigmoid": "y = 1 / (1 + e<sup>−z</sup>)",
    "tanh": "y = tanh(z) = (e<sup>z</sup> − e<sup>−z</sup>) / (e<sup>z</sup> + e<sup>−z</sup>)",
    "ReLU": "y = max(0, z)",
}


def _area_of_effect(w1: float, b1: float, w2: float, b2: float) -> tuple[float, float] | None:
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


def _interval_text(interval: tuple[float, float] | None) -> str:
    if interval is None:
        return "none"
    low, high = interval
    if math.isinf(low) and math.isinf(high):
        return "every x"
    if math.isinf(low):
        return f"x &lt; {_x(high)}"
    if math.isinf(high):
        return f"x &gt; {_x(low)}"
    return f"{_x(low)} &lt; x &lt; {_x(high)}"


def _hatched_span(ax, color: str) -> Rectangle:
    """A full-height band over an x-interval (hatched, so it does not rely on colour), hidden."""
    band = Rectangle((0.0, 0.0), 0.0, 1.0, transform=ax.get_xaxis_transform(), facecolor=to_rgba(color, 0.18),
                     edgecolor=color, hatch="//", linewidth=0.0, zorder=0.5, visible=False)
    ax.add_patch(band)
    return band


def _show_span(band: Rectangle, interval: tuple[float, float] | None, limits: tuple[float, float]) -> None:
    """Move the band to the part of the interval inside the axes (hide it if none is)."""
    if interval is None:
        band.set_visible(False)
        return
    low, high = max(interval[0], limits[0]), min(interval[1], limits[1])
    band.set_visible(low < high)
    if low < high:
        band.set_x(low)
        band.set_width(high - low)


# ----------------------------------------------------------------------------- activation explorer

class ActivationExplorer(_Demo):
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

    def __init__(self, functions: dict[str, VectorFunction] | None = None, exercise: str = "the exercises above"):
        self.functions = dict(functions or {})
        unknown = set(self.functions) - set(ACTIVATIONS)
        if unknown:
            raise ValueError(f"unknown activation name(s) {sorted(unknown)}; use some of {list(ACTIVATIONS)}")
        self.exercise = exercise
        self.x = np.linspace(*self.X_LIMITS, 401)
        self.weight = _slider("w (weight)", self.START["weight"], -3, 3, "multiplies the input: sets the slope")
        self.bias = _slider("b (bias)", self.START["bias"], -3, 3, "is added to w·x: shifts the curve sideways")
        self.activation = w.ToggleButtons(options=ACTIVATIONS, value="step", description="activation",
                                          tooltips=[f"y = {n}(z)" for n in ACTIVATIONS],
                                          style={"button_width": "5.5em"})
        self.reset_button = w.Button(description="Reset", icon="undo", tooltip="back to w = 1, b = 0")
        self.readout = w.HTML()
        self.note = w.HTML()

        self.figure, axes = new_figure(figsize=(5.6, 3.6), figure_class=Figure)
        ax = axes[0, 0]
        with course_style():
            style_axes(ax, title="A neuron with an activation function", xlabel="input x",
                       ylabel="output y = f(w·x + b)", xlim=self.X_LIMITS, ylim=self.Y_LIMITS)
            (self.reference_line,) = ax.plot(self.x, self.x, "--", color=PALETTE["black"], linewidth=1,
                                             visible=False)
            (self.line,) = ax.plot(self.x, self.x, color=PALETTE["blue"])
            self.switch_line = ax.axvline(0.0, color=PALETTE["vermillion"], linestyle="--", linewidth=1.5)
            self.switch_label = ax.text(0.0, 0.96, "", transform=ax.get_xaxis_transform(), ha="center",
                                        va="top", color=PALETTE["vermillion"], fontweight="bold",
                                        bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8})
        canvas = _canvas_for(self.figure)

        self.activation.observe(self._on_change, names="value")
        self._assemble([self.weight, self.bias], canvas, above=(self.activation,))

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
                switch = f"switches {'on' if wt > 0 else 'off'} at x = {_x(x0)}"
                on_axes = self.X_LIMITS[0] <= x0 <= self.X_LIMITS[1]
                if not on_axes:
                    switch += " (off the plot)"
                self.switch_line.set_xdata([x0, x0])
                self.switch_line.set_visible(on_axes)
                self.switch_label.set_x(x0)
                self.switch_label.set_text("off | on" if wt > 0 else "on | off")
                self.switch_label.set_visible(on_axes)
            switch = f"<br>the neuron {switch}"

        source = self._credit([curve], func, name, f"the reference {name}", done="The curve is drawn by",
                              todo=f"draw this curve (as <code>functions={{\"{name}\": ...}}</code>)")
        self.readout.value = (f"<b>w</b> = {wt:+.2f} &nbsp; <b>b</b> = {b:+.2f} &nbsp; z = w·x + b<br>"
                              f"<b>{name}</b>: {FORMULAS[name]}{switch}<br>"
                              f"<small>computed by {source}</small>")
        self.figure.canvas.draw_idle()


def activation_explorer(functions: dict[str, VectorFunction] | None = None,
                        exercise: str = "the exercises above") -> ActivationExplorer:
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


# ----------------------------------------------------------------------------- two ReLU neurons

class ReluPair(_Demo):
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
        self.w1 = _slider("w₁ (weight 1)", self.START["w1"], -3, 3, "first neuron's weight: its slope")
        self.b1 = _slider("b₁ (bias 1)", self.START["b1"], -3, 3, "first neuron's bias: where it switches")
        self.w2 = _slider("w₂ (weight 2)", self.START["w2"], -3, 3, "second neuron's weight, applied to h")
        self.b2 = _slider("b₂ (bias 2)", self.START["b2"], -3, 3, "second neuron's bias: shifts its input")
        self.reset_button = w.Button(description="Reset", icon="undo",
                                     tooltip="back to w₁ = -1, b₁ = 0.5, w₂ = -2, b₂ = 1")
        self.readout = w.HTML()
        self.note = w.HTML()

        self.figure, axes = new_figure(figsize=(5.6, 3.6), figure_class=Figure)
        ax = axes[0, 0]
        with course_style():
            style_axes(ax, title="Two ReLU neurons in a chain", xlabel="input x",
                       ylabel="output y = relu(w₂·h + b₂)", xlim=self.X_LIMITS, ylim=self.Y_LIMITS)
            self.area = _hatched_span(ax, PALETTE["sky"])
            self.activation_line = ax.axvline(0.0, color=PALETTE["green"], linestyle="--", linewidth=1.5)
            self.deactivation_line = ax.axvline(0.0, color=PALETTE["vermillion"], linestyle="-.", linewidth=1.5)
            label = {"transform": ax.get_xaxis_transform(), "va": "bottom", "fontsize": 8,
                     "bbox": {"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 1}}
            self.activation_label = ax.text(0.0, 0.02, "", ha="right", color=PALETTE["green"], **label)
            self.deactivation_label = ax.text(0.0, 0.02, "", ha="left", color=PALETTE["vermillion"], **label)
            (self.hidden_line,) = ax.plot(self.x, self.x, ":", color=PALETTE["orange"], linewidth=1.5,
                                          label="hidden h = relu(w₁·x + b₁)")
            (self.reference_line,) = ax.plot(self.x, self.x, "--", color=PALETTE["black"], linewidth=1,
                                             label="correct y (dashed)")
            (self.line,) = ax.plot(self.x, self.x, color=PALETTE["blue"], label="output y")
            ax.legend(loc="upper right", fontsize=8)  # before hiding the line, so its key is drawn
            self.reference_line.set_visible(False)
        canvas = _canvas_for(self.figure)

        self._assemble([self.w1, self.b1, self.w2, self.b2], canvas)

    def update(self) -> None:
        """Recompute both neurons from the sliders and redraw the figure in place."""
        w1, b1, w2, b2 = self.w1.value, self.b1.value, self.w2.value, self.b2.value
        drawn_as = "the correct output is dashed"
        hidden = student_values(self.relu, w1 * self.x + b1, _relu, self.exercise, input_name="z",
                                reference_drawn_as=drawn_as)
        output = student_values(self.relu, w2 * hidden.y + b2, _relu, self.exercise, input_name="z",
                                reference_drawn_as=drawn_as)
        curves = [hidden, output]
        wrong = any(c.note is not None and c.from_student for c in curves)
        self.hidden_line.set_ydata(hidden.y)
        self.line.set_ydata(output.y)
        self.reference_line.set_ydata(_relu(w2 * _relu(w1 * self.x + b1) + b2))
        self.reference_line.set_visible(wrong)

        self.area_of_effect = area = _area_of_effect(w1, b1, w2, b2)
        _show_span(self.area, area, self.X_LIMITS)
        ends = (None, None) if area is None else area
        for end, line, label, word in ((ends[0], self.activation_line, self.activation_label, "activation"),
                                       (ends[1], self.deactivation_line, self.deactivation_label, "deactivation")):
            shown = end is not None and self.X_LIMITS[0] <= end <= self.X_LIMITS[1]
            line.set_visible(shown)
            label.set_visible(shown)
            if shown:
                line.set_xdata([end, end])
                label.set_x(end)
                label.set_text(f"{word}\nx = {_x(end)}")
        if area is None:
            effect = f"no area of effect: the output is {float(output.y[0]):.2f} for every x"
        else:
            effect = f"area of effect: {_interval_text(area)}"

        source = self._credit(curves, self.relu, "relu", "the reference ReLU",
                              done="The curves are drawn by", todo="draw the curves")
        self.readout.value = (f"<b>w₁</b> = {w1:+.2f} &nbsp; <b>b₁</b> = {b1:+.2f} &nbsp; "
                              f"<b>w₂</b> = {w2:+.2f} &nbsp; <b>b₂</b> = {b2:+.2f}<br>"
                              f"<b>{effect}</b><br><small>computed by {source}</small>")
        self.figure.canvas.draw_idle()


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


# ----------------------------------------------------------------------------- fitting a sine by hand

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


class SineFit(_Demo):
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
        self.parameters: dict[str, np.ndarray | float] = {k: np.zeros(self.PAIRS) for k in self.KEYS}
        self.parameters["bo"] = 0.0
        self.mse = float("nan")
        self.pair = w.Dropdown(options=[(f"pair {i + 1}", i) for i in range(self.PAIRS)], value=0,
                               description="edit", layout=w.Layout(width="14em"))
        fine = {"step": 0.01, "label_width": 11.5}
        self.w1 = _slider("w₁ (weight, layer 1)", 0.0, -10, 10,
                          "first neuron: slope, and with b₁ where it switches on", **fine)
        self.b1 = _slider("b₁ (bias, layer 1)", 0.0, -10, 10, "first neuron: switches on at x = -b₁/w₁", **fine)
        self.w2 = _slider("w₂ (weight, layer 2)", 0.0, -3, 3, "second neuron: -1 makes it switch off", **fine)
        self.b2 = _slider("b₂ (bias, layer 2)", 0.0, -3, 3,
                          "second neuron: where it switches off (and the segment's height)", **fine)
        self.wo = _slider("wₒ (output weight)", 0.0, -3, 3, "scales the pair's segment; its sign flips it", **fine)
        self.bo = _slider("bₒ (output bias)", 0.0, -3, 3, "shifts the whole output up or down", **fine)
        self.preset_button = w.Button(description="Hand-tuned preset", icon="magic", layout=w.Layout(width="auto"),
                                      tooltip="load a hand-tuned preset that fits the sine")
        self.reset_button = w.Button(description="Reset", icon="undo", layout=w.Layout(width="auto"),
                                     tooltip="every parameter back to 0")
        self.readout = w.HTML()
        self.note = w.HTML()

        self.figure, axes = new_figure(figsize=(6.4, 3.8), figure_class=Figure)
        ax = axes[0, 0]
        with course_style():
            style_axes(ax, title="Fitting sin(2πx) with 8 pairs of ReLU neurons", xlabel="input x",
                       ylabel="output y", xlim=self.X_LIMITS, ylim=self.Y_LIMITS)
            self.area = _hatched_span(ax, PALETTE["sky"])
            self.area_label = ax.text(0.0, 0.97, "", transform=ax.get_xaxis_transform(), ha="center",
                                      va="top", fontsize=8, visible=False,
                                      bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 1})
            (self.target_line,) = ax.plot(self.x, self.target, "--", color=PALETTE["black"], linewidth=1.2,
                                          label="target sin(2πx)")
            (self.reference_line,) = ax.plot(self.x, self.target, ":", color=PALETTE["vermillion"],
                                             linewidth=1.5, label="correct output (dotted)")
            (self.line,) = ax.plot(self.x, self.target, color=PALETTE["blue"], label="network output")
            ax.legend(loc="lower left", fontsize=8)  # before hiding the line, so its key is drawn
            self.reference_line.set_visible(False)
        canvas = _canvas_for(self.figure)

        for key in self.KEYS:
            getattr(self, key).observe(lambda change, key=key: self._on_parameter(key, change), names="value")
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
                raise ValueError(f"parameters[{key!r}] has shape {values.shape}, not ({self.PAIRS},)")
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

    def _forward(self, x: np.ndarray, relu: VectorFunction | None) -> tuple[np.ndarray, list[Curve]]:
        """The output for inputs x of shape (n,) -> (y of shape (n,), the two layers' Curves)."""
        p = self.parameters
        x = np.asarray(x, dtype=float)
        drawn_as = "the correct network output is dotted"
        layer1 = student_values(relu, np.outer(x, p["w1"]) + p["b1"], _relu, self.exercise,
                                input_name="z", reference_drawn_as=drawn_as)
        layer2 = student_values(relu, p["w2"] * layer1.y + p["b2"], _relu, self.exercise,
                                input_name="z", reference_drawn_as=drawn_as)
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
        area = _area_of_effect(w1, b1, w2, b2) if wo != 0 else None
        _show_span(self.area, area, self.X_LIMITS)
        if self.area.get_visible():
            self.area_label.set_x(self.area.get_x() + self.area.get_width() / 2)
            self.area_label.set_text(f"pair {i + 1}")
        self.area_label.set_visible(self.area.get_visible())
        if area is None:
            effect = f"pair {i + 1} adds the same amount everywhere (no area of effect)"
        else:
            direction = "rises" if wo * w2 * w1 > 0 else "falls"
            effect = f"pair {i + 1} shapes {_interval_text(area)}: its part {direction} there"

        source = self._credit(curves, self.relu, "relu", "the reference ReLU",
                              done="The network is computed by", todo="compute the network")
        self.readout.value = (f"<b>MSE = {self.mse:.4f}</b> <small>(mean squared error against sin(2πx))</small><br>"
                              f"pair {i + 1}: w₁ = {w1:+.2f}, b₁ = {b1:+.2f}, w₂ = {w2:+.2f}, "
                              f"b₂ = {b2:+.2f}, wₒ = {wo:+.2f}; bₒ = {float(p['bo']):+.2f}<br>"
                              f"{effect}<br><small>computed by {source}</small>")
        self.figure.canvas.draw_idle()


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


# ----------------------------------------------------------------------------- softmax

class SoftmaxBars(_Demo):
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

    def __init__(self, softmax: Callable[[np.ndarray], np.ndarray] | None = None, exercise: str = "Exercise 3"):
        self.softmax = softmax
        self.exercise = exercise
        self.probabilities = np.full(3, np.nan)
        logit = {"step": 0.005, "readout_format": ".3f"}
        # Classes are counted from 0, like the labels y of the datasets and numpy's indices.
        self.z0 = _slider("z₀ (logit, class 0)", self.START["z0"], -5, 10, "class 0's score before softmax", **logit)
        self.z1 = _slider("z₁ (logit, class 1)", self.START["z1"], -5, 10, "class 1's score before softmax", **logit)
        self.z2 = _slider("z₂ (logit, class 2)", self.START["z2"], -5, 10, "class 2's score before softmax", **logit)
        self.temperature = _slider("T (temperature)", self.START["temperature"], 0.1, 5,
                                   "divides every logit: high T evens out, low T sharpens")
        self.reset_button = w.Button(description="Reset", icon="undo",
                                     tooltip="back to z = (4.8, 1.21, 2.385), T = 1")
        self.readout = w.HTML()
        self.note = w.HTML()

        self.figure, axes = new_figure(figsize=(4.8, 3.4), figure_class=Figure)
        ax = axes[0, 0]
        positions = np.arange(3)
        with course_style():
            self.bars = list(ax.bar(positions, np.zeros(3), width=0.6, color=PALETTE["sky"], edgecolor="black"))
            self.reference_bars = list(ax.bar(positions, np.zeros(3), width=0.6, fill=False, linestyle="--",
                                              edgecolor=PALETTE["black"], linewidth=1.2))
            for bar in self.reference_bars:
                bar.set_visible(False)
            self.value_labels = [ax.text(i, 0.0, "", ha="center", va="bottom", fontsize=9,
                                         bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 1})
                                 for i in positions]
            ax.set_xticks(positions, ["class 0", "class 1", "class 2"])
            style_axes(ax, title="Softmax: probabilities from logits", xlabel="",
                       ylabel="probability p = softmax(z / T)", xlim=(-0.6, 2.6), ylim=self.Y_LIMITS,
                       zero_lines=False)
        canvas = _canvas_for(self.figure)

        self._assemble([self.z0, self.z1, self.z2, self.temperature], canvas)

    def update(self) -> None:
        """Recompute the probabilities from the sliders and redraw the bars in place."""
        z = np.array([self.z0.value, self.z1.value, self.z2.value])
        t = self.temperature.value
        batch = (z / t)[np.newaxis, :]
        curve = student_values(self.softmax, batch, _softmax, self.exercise, input_name="z / T",
                               reference_drawn_as="dashed outline")
        p = curve.y[0].copy()
        correct = _softmax(batch)[0]
        self.probabilities = p
        top = int(np.argmax(np.nan_to_num(p, nan=-np.inf)))
        heights = np.nan_to_num(p, nan=0.0, posinf=self.Y_LIMITS[1], neginf=0.0)
        wrong = curve.note is not None and curve.from_student
        for i, (bar, outline, label) in enumerate(zip(self.bars, self.reference_bars, self.value_labels)):
            bar.set_height(heights[i])
            bar.set_facecolor(PALETTE["orange"] if i == top else PALETTE["sky"])
            bar.set_hatch("//" if i == top else "")
            outline.set_height(correct[i])
            outline.set_visible(wrong)
            inside = heights[i] > 0.92  # print near the top inside the bar rather than off the axes
            label.set_y(min(heights[i], 1.0) - 0.02 if inside else max(heights[i], 0.0) + 0.01)
            label.set_va("top" if inside else "bottom")
            label.set_text(f"{p[i]:.4f}" + (" (max)" if i == top else ""))

        source = self._credit([curve], self.softmax, "softmax", "the reference softmax",
                              done="The probabilities are computed by", todo="compute the probabilities")
        rows = "<br>".join(f"z<sub>{i}</sub> = {z[i]:+.3f} → p<sub>{i}</sub> = <b>{p[i]:.4f}</b>"
                           for i in range(3))
        self.readout.value = (f"T = {t:.2f}<br>{rows}<br>Σ p = {float(np.sum(p)):.4f}<br>"
                              f"<small>computed by {source}</small>")
        self.figure.canvas.draw_idle()


def softmax_bars(softmax: Callable[[np.ndarray], np.ndarray] | None = None,
                 exercise: str = "Exercise 3") -> SoftmaxBars:
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
