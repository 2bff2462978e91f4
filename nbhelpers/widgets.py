"""Interactive demos: sliders that move a picture drawn by the student's own code.

Each demo is a function that builds and returns an ipywidgets container. The figure is
created once, on an ipympl canvas, and updated in place on every slider event. The
returned object exposes its sliders and plotted artists, so a test can set slider values
and read what is drawn, without a browser.

Demos:

* :func:`neuron_line` -- weight and bias of a single-input neuron (chapter 1);
* :func:`activation_explorer` -- one neuron followed by step, linear, sigmoid, tanh or ReLU;
* :func:`relu_pair` -- two chained ReLU neurons and their "area of effect" (chapter 4);
* :func:`dense_explorer` -- a dense layer's 3 neurons over the plane of the spiral data (chapter 3);
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
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.transforms import Bbox

# Importing ipympl runs matplotlib.use("module://ipympl.backend_nbagg"), which would change
# how the student's own pyplot figures display (and close any open ones). The demos need
# only ipympl's canvas widget, so the import is kept from switching the backend.
with mock.patch.object(matplotlib, "use"):
    from ipympl.backend_nbagg import Canvas, FigureManager

from nbhelpers.datasets import spiral_data
from nbhelpers.plots import (
    CLASS_COLORS,
    CLASS_MARKERS,
    PALETTE,
    SIGNED_CMAP,
    Curve,
    course_style,
    new_figure,
    student_curve,
    student_values,
    style_axes,
)

NeuronFunction = Callable[[list, list, float], float]
VectorFunction = Callable[[np.ndarray], np.ndarray]


class _DemoCanvas(Canvas):
    """ipympl's canvas, for a demo that renders its own frames (blitting, see :class:`_Demo`).

    ipympl's browser side keeps one frame in flight: it asks for a frame ("draw") only when
    it is not waiting for one, and a frame that arrives before the previous one is shown
    replaces it. Frames are sent as the pixels that changed since the last one, so a lost
    frame would leave stale pixels behind. A demo therefore never pushes frames: it renders
    one into the buffer, marks it ready and announces it (``draw_idle``); when the browser's
    request comes, the ready frame is sent as it is, instead of redrawing the whole figure.
    """

    ready_frame_renderer = None  # the renderer holding a frame that is ready to be sent

    def handle_draw(self, event) -> None:
        if (
            self.ready_frame_renderer is not None
            and self.ready_frame_renderer is self.get_renderer()
        ):
            self.ready_frame_renderer = None
            self._png_is_old = True
            self.manager.refresh_all()  # the changed pixels, as a PNG
        else:  # nothing rendered by the demo (or the canvas was resized since): a full draw
            self.ready_frame_renderer = None
            super().handle_draw(event)


def _canvas_for(figure: Figure) -> Canvas:
    """Attach a fixed-size ipympl canvas (a widget) to a figure built without pyplot."""
    canvas = _DemoCanvas(figure)
    FigureManager(canvas, num=0)  # the manager is what sends drawings to the browser
    canvas.header_visible = False
    canvas.footer_visible = False
    canvas.toolbar_visible = False
    canvas.resizable = False
    return canvas


def _slider(
    description: str,
    value: float,
    low: float,
    high: float,
    tooltip: str,
    *,
    step: float = 0.05,
    readout_format: str = ".2f",
    label_width: float = 8.5,
) -> w.FloatSlider:
    return w.FloatSlider(
        value=value,
        min=low,
        max=high,
        step=step,
        description=description,
        tooltip=tooltip,
        continuous_update=True,
        readout_format=readout_format,
        style={"description_width": f"{label_width}em"},
        layout=w.Layout(width=f"{label_width + 17.5}em"),
    )


def _warning(text: str) -> str:
    return f"<span style='color:{PALETTE['vermillion']}'>⚠ {text}</span>"


def _notes(curves: list[Curve]) -> list[str]:
    """The distinct notes of some curves, in order."""
    return list(dict.fromkeys(c.note for c in curves if c.note))


def _x(value: float) -> str:
    """A position for a readout, without the sign of a negative zero."""
    return f"{value + 0.0:.2f}"


class _Demo(w.VBox):
    """Shared plumbing: controls redraw on every change; reset redraws once; fast redraws.

    Subclasses set ``START`` (attribute name of a control -> starting value) and
    ``_dynamic`` (the artists that change between redraws), observe their controls with
    :meth:`_on_change`, implement :meth:`update`, and end it with :meth:`_show`.

    Redrawing a whole figure and sending it to the browser takes 40-80 ms, too slow for
    a slider. :meth:`_show` uses blitting instead: the static parts (axes, ticks, labels,
    legend, target curves) are drawn once into a background; each redraw restores that
    background, draws only the changing artists on it, and the browser gets the pixels
    that changed, at its own pace (see :class:`_DemoCanvas`).
    """

    START: dict[str, object] = {}
    _quiet = False
    _dynamic: list = []
    _groups: list = []
    _background = None
    _background_key = None

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

    def _set_dynamic(self, *groups: list) -> None:
        """Declare the artists that change between redraws, each group in drawing order.

        A blitted frame must look exactly like a full redraw. So the changing artists get
        z-orders above every static artist of their axes (a full redraw draws them last
        too), and the spines of those axes, which a full redraw puts on top, are redrawn
        after them on every frame. Legends go outside the axes, where nothing changes.

        Args:
            *groups: lists of artists; a group whose artists all lie in one axes can later be
                redrawn on its own with :meth:`_show` (for the dense layer's panels).
        """
        self._groups = []
        for group in groups:
            axes = list(dict.fromkeys(artist.axes for artist in group))
            self._groups.append([*group, *(spine for ax in axes for spine in ax.spines.values())])
        self._dynamic = [artist for group in self._groups for artist in group]
        for i, artist in enumerate(self._dynamic):
            artist.set_zorder(3 + i / 1000)

    def _show(self, region: tuple[list, Bbox] | None = None) -> None:
        """Draw the changing artists over the static background and send what changed.

        Args:
            region: None to redraw every changing artist; or (artists, bbox) when only
                those artists, all inside ``bbox`` (display coordinates: pixels from the
                bottom left), changed since the last redraw: then only that part is
                restored and drawn.
        """
        canvas = self.figure.canvas
        renderer = canvas.get_renderer()
        key = (id(renderer), renderer.width, renderer.height)  # a new size means a new renderer
        if self._background is None or self._background_key != key:
            if self.figure.get_layout_engine() is not None:
                # Lay the figure out once, with everything shown, then keep the positions:
                # a background laid out without the changing artists would be shifted.
                FigureCanvasAgg.draw(canvas)
                self.figure.set_layout_engine("none")
            shown = [artist.get_visible() for artist in self._dynamic]
            for artist in self._dynamic:
                artist.set_visible(False)
            FigureCanvasAgg.draw(canvas)  # the background only, without sending it
            self._background, self._background_key = canvas.copy_from_bbox(self.figure.bbox), key
            for artist, visible in zip(self._dynamic, shown):
                artist.set_visible(visible)
        if region is None:
            artists = self._dynamic
            canvas.restore_region(self._background)
        else:
            artists, bbox = region
            # Agg restores a box given in buffer pixels, counted from the top; xy=(0, 0) puts
            # it back where it was in the saved (whole-figure) background.
            height = renderer.height
            box = (
                np.floor(bbox.x0),
                height - np.ceil(bbox.y1),
                np.ceil(bbox.x1),
                height - np.floor(bbox.y0),
            )
            canvas.restore_region(self._background, bbox=box, xy=(0, 0))
        for artist in artists:
            self.figure.draw_artist(artist)  # skips invisible artists
        # Announce the frame; the browser asks for it when it is ready (see _DemoCanvas).
        # Before the browser's widget is ready, ipympl would keep a frame as a broken data
        # URL (ipympl issue #472) and the widget would fail to show; the browser's own first
        # full draw picks up this frame then.
        if not canvas.syncing_data_url:
            canvas.ready_frame_renderer = renderer
            canvas.draw_idle()

    def _assemble(
        self, sliders: list[w.Widget], canvas: Canvas, above: tuple[w.Widget, ...] = ()
    ) -> None:
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

    def _credit(
        self,
        curves: list[Curve],
        func: Callable | None,
        name: str,
        reference: str,
        done: str,
        todo: str,
    ) -> str:
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
        return (
            f"your <code>{student}</code>"
            if func is not None and all(c.from_student for c in curves)
            else reference
        )


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
        self.weight = _slider(
            "w (weight)", self.START["weight"], -3, 3, "multiplies the input: sets the slope"
        )
        self.bias = _slider(
            "b (bias)", self.START["bias"], -3, 3, "is added at the end: shifts the line up or down"
        )
        self.probe = _slider(
            "x (input)", self.START["probe"], *self.X_LIMITS, "the input whose output is read out"
        )
        self.reset_button = w.Button(
            description="Reset", icon="undo", tooltip="back to w = 1, b = 0"
        )
        self.readout = w.HTML()
        self.note = w.HTML()

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
        canvas = _canvas_for(self.figure)
        self._set_dynamic([self.reference_line, self.line, self.probe_marker])
        self._assemble([self.weight, self.bias, self.probe], canvas)

    def update(self) -> None:
        """Recompute the line from the sliders and redraw the figure in place."""
        wt, b, x0 = self.weight.value, self.bias.value, self.probe.value
        curve = student_curve(
            self.neuron,
            self.x,
            lambda v: wt * v + b,
            self.exercise,
            args_for=lambda xi: ([xi], [wt], b),
        )
        y0 = float(np.interp(x0, self.x, curve.y))

        self.line.set_ydata(curve.y)
        self.reference_line.set_ydata(wt * self.x + b)
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
    "step": _step,
    "linear": _linear,
    "sigmoid": _sigmoid,
    "tanh": _tanh,
    "ReLU": _relu,
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
    band = Rectangle(
        (0.0, 0.0),
        0.0,
        1.0,
        transform=ax.get_xaxis_transform(),
        facecolor=to_rgba(color, 0.18),
        edgecolor=color,
        hatch="//",
        linewidth=0.0,
        zorder=0.5,
        visible=False,
    )
    ax.add_patch(band)
    return band


def _show_span(
    band: Rectangle, interval: tuple[float, float] | None, limits: tuple[float, float]
) -> None:
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
        self.weight = _slider(
            "w (weight)", self.START["weight"], -3, 3, "multiplies the input: sets the slope"
        )
        self.bias = _slider(
            "b (bias)", self.START["bias"], -3, 3, "is added to w·x: shifts the curve sideways"
        )
        self.activation = w.ToggleButtons(
            options=ACTIVATIONS,
            value="step",
            description="activation",
            tooltips=[f"y = {n}(z)" for n in ACTIVATIONS],
            style={"button_width": "5.5em"},
        )
        self.reset_button = w.Button(
            description="Reset", icon="undo", tooltip="back to w = 1, b = 0"
        )
        self.readout = w.HTML()
        self.note = w.HTML()

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
        canvas = _canvas_for(self.figure)
        self._set_dynamic([self.reference_line, self.line, self.switch_line, self.switch_label])
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
        self.w1 = _slider(
            "w₁ (weight 1)", self.START["w1"], -3, 3, "first neuron's weight: its slope"
        )
        self.b1 = _slider(
            "b₁ (bias 1)", self.START["b1"], -3, 3, "first neuron's bias: where it switches"
        )
        self.w2 = _slider(
            "w₂ (weight 2)", self.START["w2"], -3, 3, "second neuron's weight, applied to h"
        )
        self.b2 = _slider(
            "b₂ (bias 2)", self.START["b2"], -3, 3, "second neuron's bias: shifts its input"
        )
        self.reset_button = w.Button(
            description="Reset", icon="undo", tooltip="back to w₁ = -1, b₁ = 0.5, w₂ = -2, b₂ = 1"
        )
        self.readout = w.HTML()
        self.note = w.HTML()

        self.figure, axes = new_figure(
            figsize=(5.6, 3.8), figure_class=Figure, title="Two ReLU neurons in a chain"
        )
        ax = axes[0, 0]
        with course_style():
            style_axes(
                ax,
                title="",
                xlabel="input x",
                ylabel="output y = relu(w₂·h + b₂)",
                xlim=self.X_LIMITS,
                ylim=self.Y_LIMITS,
            )
            self.area = _hatched_span(ax, PALETTE["sky"])
            self.activation_line = ax.axvline(
                0.0, color=PALETTE["green"], linestyle="--", linewidth=1.5
            )
            self.deactivation_line = ax.axvline(
                0.0, color=PALETTE["vermillion"], linestyle="-.", linewidth=1.5
            )
            label = {
                "transform": ax.get_xaxis_transform(),
                "va": "bottom",
                "fontsize": 8,
                "bbox": {"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 1},
            }
            self.activation_label = ax.text(
                0.0, 0.02, "", ha="right", color=PALETTE["green"], **label
            )
            self.deactivation_label = ax.text(
                0.0, 0.02, "", ha="left", color=PALETTE["vermillion"], **label
            )
            (self.hidden_line,) = ax.plot(
                self.x,
                self.x,
                ":",
                color=PALETTE["orange"],
                linewidth=1.5,
                label="hidden h = relu(w₁·x + b₁)",
            )
            (self.reference_line,) = ax.plot(
                self.x,
                self.x,
                "--",
                color=PALETTE["black"],
                linewidth=1,
                label="correct y (dashed)",
            )
            (self.line,) = ax.plot(self.x, self.x, color=PALETTE["blue"], label="output y")
            # Above the plot, outside the area redrawn on every frame; made before hiding the
            # reference line, so that its key is drawn.
            ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3, fontsize=8)
            self.reference_line.set_visible(False)
        canvas = _canvas_for(self.figure)
        self._set_dynamic(
            [
                self.area,
                self.activation_line,
                self.deactivation_line,
                self.hidden_line,
                self.reference_line,
                self.line,
                self.activation_label,
                self.deactivation_label,
            ]
        )
        self._assemble([self.w1, self.b1, self.w2, self.b2], canvas)

    def update(self) -> None:
        """Recompute both neurons from the sliders and redraw the figure in place."""
        w1, b1, w2, b2 = self.w1.value, self.b1.value, self.w2.value, self.b2.value
        drawn_as = "the correct output is dashed"
        hidden = student_values(
            self.relu,
            w1 * self.x + b1,
            _relu,
            self.exercise,
            input_name="z",
            reference_drawn_as=drawn_as,
        )
        output = student_values(
            self.relu,
            w2 * hidden.y + b2,
            _relu,
            self.exercise,
            input_name="z",
            reference_drawn_as=drawn_as,
        )
        curves = [hidden, output]
        wrong = any(c.note is not None and c.from_student for c in curves)
        self.hidden_line.set_ydata(hidden.y)
        self.line.set_ydata(output.y)
        self.reference_line.set_ydata(_relu(w2 * _relu(w1 * self.x + b1) + b2))
        self.reference_line.set_visible(wrong)

        self.area_of_effect = area = _area_of_effect(w1, b1, w2, b2)
        _show_span(self.area, area, self.X_LIMITS)
        ends = (None, None) if area is None else area
        for end, line, label, word in (
            (ends[0], self.activation_line, self.activation_label, "activation"),
            (ends[1], self.deactivation_line, self.deactivation_label, "deactivation"),
        ):
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

        source = self._credit(
            curves,
            self.relu,
            "relu",
            "the reference ReLU",
            done="The curves are drawn by",
            todo="draw the curves",
        )
        self.readout.value = (
            f"<b>w₁</b> = {w1:+.2f} &nbsp; <b>b₁</b> = {b1:+.2f} &nbsp; "
            f"<b>w₂</b> = {w2:+.2f} &nbsp; <b>b₂</b> = {b2:+.2f}<br>"
            f"<b>{effect}</b><br><small>computed by {source}</small>"
        )
        self._show()


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


# ----------------------------------------------------------------------------- a dense layer on the plane


class DenseExplorer(_Demo):
    """A dense layer with 2 inputs and 3 neurons, each neuron's output drawn over the plane.

    Neuron j computes w₁ⱼ·x₁ + w₂ⱼ·x₂ + bⱼ at every point (x₁, x₂) of the plane where
    the spiral data lie. Each panel colours one neuron's output (orange positive, purple
    negative, with a colour scale), draws the line where it is 0 and marks its sides "+"
    and "−" (so the sign never depends on colour alone), with the spiral points on top.

    Attributes:
        neuron: Dropdown choosing the neuron the sliders edit (value 0..2).
        w1, w2, b: the FloatSliders of the selected neuron (its two weights and its bias).
        reset_button: restores the starting parameters.
        readout: HTML with the selected neuron's formula and the line where it is 0.
        note: HTML that says whose DenseLayer computes the outputs (and why, if not the student's).
        weights: array of shape (2, 3), column j holds neuron j's weights (as in DenseLayer).
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
    )  # neuron 0: x₁; neuron 1: x₂; neuron 2: x₁ - x₂ + 0.3
    START_BIASES = ((0.0, 0.0, 0.3),)

    def __init__(self, layer_class: type | None = None, exercise: str = "Exercise 2"):
        self.layer_class = layer_class
        self.exercise = exercise
        self.weights = np.array(self.START_WEIGHTS)
        self.biases = np.array(self.START_BIASES)
        axis = np.linspace(*self.LIMITS, self.RESOLUTION)
        x1, x2 = np.meshgrid(axis, axis[::-1])  # image rows run top to bottom
        self.grid = np.column_stack([x1.ravel(), x2.ravel()])
        self.outputs = self.grid @ self.weights + self.biases
        self.neuron = w.Dropdown(
            options=[(f"neuron {j}", j) for j in range(3)],
            value=0,
            description="edit",
            layout=w.Layout(width="14em"),
        )
        self.w1 = _slider("w₁ (weight of x₁)", 0.0, -3, 3, "how much the first feature counts")
        self.w2 = _slider("w₂ (weight of x₂)", 0.0, -3, 3, "how much the second feature counts")
        self.b = _slider("b (bias)", 0.0, -3, 3, "shifts the line where the output is 0")
        self.reset_button = w.Button(
            description="Reset", icon="undo", tooltip="back to the starting parameters"
        )
        self.readout = w.HTML()
        self.note = w.HTML()

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
                    title=f"neuron {j}",
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
                # what changes in this panel, in drawing order: the spiral points go above the colours
                self._panels.append([self.images[-1], *points, line, *self.signs[-1]])
            self.figure.colorbar(
                self.images[0], ax=axes[0].tolist(), shrink=0.8, label="neuron output"
            )
        canvas = _canvas_for(self.figure)
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
        w.VBox.__init__(self, [controls, canvas, self.note])
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
        self.update(changed=j)

    def _student_forward(self) -> Callable[[np.ndarray], np.ndarray] | None:
        """The student's DenseLayer with the current parameters, as a function of the points."""
        if self.layer_class is None:
            return None
        layer_class = self.layer_class

        def forward(points: np.ndarray) -> np.ndarray:
            layer = layer_class(2, 3, np.random.RandomState(0))
            layer.weights, layer.biases = self.weights.copy(), self.biases.copy()
            return layer.forward(points)

        forward.__name__ = f"{getattr(layer_class, '__name__', 'DenseLayer')}.forward"
        return forward

    def update(self, changed: int | None = None) -> None:
        """Recompute every neuron's output over the plane and redraw in place.

        Args:
            changed: the only neuron whose parameters changed since the last redraw (its
                panel alone is redrawn), or None to redraw every panel.
        """
        curve = student_values(
            self._student_forward(),
            self.grid,
            lambda g: g @ self.weights + self.biases,
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
            f"<b>neuron {j}</b>: output = {w1:+.2f}·x₁ {w2:+.2f}·x₂ {b:+.2f}<br>{zero}<br>"
            "orange: positive, purple: negative<br>"
            f"<small>computed by {source}</small>"
        )
        # The panel's box, with room for its spines' strokes, which reach past its edges.
        self._show(
            None
            if changed is None
            else (self._groups[changed], self.figure.axes[changed].bbox.padded(4))
        )


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
        self.w1 = _slider(
            "w₁ (weight, layer 1)",
            0.0,
            -10,
            10,
            "first neuron: slope, and with b₁ where it switches on",
            **fine,
        )
        self.b1 = _slider(
            "b₁ (bias, layer 1)", 0.0, -10, 10, "first neuron: switches on at x = -b₁/w₁", **fine
        )
        self.w2 = _slider(
            "w₂ (weight, layer 2)", 0.0, -3, 3, "second neuron: -1 makes it switch off", **fine
        )
        self.b2 = _slider(
            "b₂ (bias, layer 2)",
            0.0,
            -3,
            3,
            "second neuron: where it switches off (and the segment's height)",
            **fine,
        )
        self.wo = _slider(
            "wₒ (output weight)", 0.0, -3, 3, "scales the pair's segment; its sign flips it", **fine
        )
        self.bo = _slider(
            "bₒ (output bias)", 0.0, -3, 3, "shifts the whole output up or down", **fine
        )
        self.preset_button = w.Button(
            description="Hand-tuned preset",
            icon="magic",
            layout=w.Layout(width="auto"),
            tooltip="load a hand-tuned preset that fits the sine",
        )
        self.reset_button = w.Button(
            description="Reset",
            icon="undo",
            layout=w.Layout(width="auto"),
            tooltip="every parameter back to 0",
        )
        self.readout = w.HTML()
        self.note = w.HTML()

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
            self.area = _hatched_span(ax, PALETTE["sky"])
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
        canvas = _canvas_for(self.figure)
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
            _relu,
            self.exercise,
            input_name="z",
            reference_drawn_as=drawn_as,
        )
        layer2 = student_values(
            relu,
            p["w2"] * layer1.y + p["b2"],
            _relu,
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
        self.z0 = _slider(
            "z₀ (logit, class 0)",
            self.START["z0"],
            -5,
            10,
            "class 0's score before softmax",
            **logit,
        )
        self.z1 = _slider(
            "z₁ (logit, class 1)",
            self.START["z1"],
            -5,
            10,
            "class 1's score before softmax",
            **logit,
        )
        self.z2 = _slider(
            "z₂ (logit, class 2)",
            self.START["z2"],
            -5,
            10,
            "class 2's score before softmax",
            **logit,
        )
        self.temperature = _slider(
            "T (temperature)",
            self.START["temperature"],
            0.1,
            5,
            "divides every logit: high T evens out, low T sharpens",
        )
        self.reset_button = w.Button(
            description="Reset", icon="undo", tooltip="back to z = (4.8, 1.21, 2.385), T = 1"
        )
        self.readout = w.HTML()
        self.note = w.HTML()

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
        canvas = _canvas_for(self.figure)
        self._set_dynamic([*self.bars, *self.reference_bars, *self.value_labels])
        self._assemble([self.z0, self.z1, self.z2, self.temperature], canvas)

    def update(self) -> None:
        """Recompute the probabilities from the sliders and redraw the bars in place."""
        z = np.array([self.z0.value, self.z1.value, self.z2.value])
        t = self.temperature.value
        batch = (z / t)[np.newaxis, :]
        curve = student_values(
            self.softmax,
            batch,
            _softmax,
            self.exercise,
            input_name="z / T",
            reference_drawn_as="dashed outline",
        )
        p = curve.y[0].copy()
        correct = _softmax(batch)[0]
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
