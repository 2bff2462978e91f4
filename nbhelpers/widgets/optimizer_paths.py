"""Optimizers racing on a loss surface of two parameters (chapter 10).

:func:`optimizer_paths` builds an :class:`OptimizerPaths`: a loss L(x, y) drawn as a map
(a bowl, a long narrow valley, a saddle) and, from the same start, the paths of gradient
descent, SGD with momentum, AdaGrad, RMSProp and Adam, each step computed by the student's
optimizer classes acting on a layer whose "weights" are the point (x, y), shape (1, 2), and
whose gradient the surface gives. A learning-rate slider (shared by all) and a steps slider.
"""

from __future__ import annotations

from typing import Callable, NamedTuple

import ipywidgets as w
import numpy as np
from matplotlib.figure import Figure

from nbhelpers import optimizers
from nbhelpers.checks import try_call
from nbhelpers.plots import PALETTE, course_style, new_figure, style_axes
from nbhelpers.probes import LayerParameters
from nbhelpers.widgets.base import Demo, slider
from nbhelpers.widgets.canvas import BrowserCanvas


class Surface(NamedTuple):
    """A loss of two parameters: ``loss(x, y)`` (arrays) and its ``gradient(x, y)`` -> (dx, dy);
    ``start``: where every optimizer starts; ``formula``: L(x, y) in HTML."""

    loss: Callable
    gradient: Callable
    start: tuple[float, float]
    formula: str


SURFACES = {
    "long narrow valley": Surface(
        lambda x, y: 0.05 * x**2 + 5 * y**2,
        lambda x, y: (0.1 * x, 10 * y),
        (-4.5, 1.0),
        "0.05x² + 5y²",
    ),
    "bowl": Surface(
        lambda x, y: 0.5 * (x**2 + y**2), lambda x, y: (x, y), (-4.0, 3.0), "(x² + y²) / 2"
    ),
    "saddle": Surface(
        lambda x, y: 0.5 * (x**2 - y**2), lambda x, y: (x, -y), (-4.5, 0.01), "(x² − y²) / 2"
    ),
}
# (label, the class's name in the dict the student passes, settings, colour, line style)
RUNNERS = [
    ("gradient descent", "SGD", {"momentum": 0.0}, PALETTE["blue"], "-"),
    ("momentum 0.9", "SGD", {"momentum": 0.9}, PALETTE["orange"], "-"),
    ("AdaGrad", "Adagrad", {}, PALETTE["green"], "--"),
    ("RMSProp", "RMSprop", {}, PALETTE["purple"], "--"),
    ("Adam", "Adam", {}, PALETTE["vermillion"], "-"),
]
REFERENCES = {
    "SGD": optimizers.SGD,
    "Adagrad": optimizers.Adagrad,
    "RMSprop": optimizers.RMSprop,
    "Adam": optimizers.Adam,
}
STEPS = 50
COMPARED = 10  # steps of a student's path compared with the course's optimizer's
FAR = 1e3  # a path this far out has diverged: it stops there


def path(optimizer_class: type, settings: dict, surface: Surface, steps: int = STEPS) -> np.ndarray:
    """The points an optimizer visits from the surface's start, array (steps + 1, 2).

    The optimizer acts on a :class:`~nbhelpers.probes.LayerParameters` whose weights (1, 2)
    are the point and whose biases (1, 1) have a zero gradient. Raises what it raises.
    """
    optimizer = optimizer_class(**settings)
    layer = LayerParameters(np.array([surface.start]), np.zeros((1, 1)))
    points = np.empty((steps + 1, 2))
    points[0] = surface.start
    for i in range(1, steps + 1):
        x, y = points[i - 1]
        if abs(x) > FAR or abs(y) > FAR or not np.isfinite(points[i - 1]).all():
            points[i:] = points[i - 1]
            break
        layer.dweights = np.array([surface.gradient(x, y)], dtype=float)
        layer.dbiases = np.zeros((1, 1))
        optimizer.pre_update_params()
        optimizer.update_params(layer)
        optimizer.post_update_params()
        points[i] = np.ravel(layer.weights)[:2]
    return points


class OptimizerPaths(Demo):
    """Five optimizers' paths on a loss surface of two parameters.

    Attributes:
        surface: Dropdown of :data:`SURFACES`; log_rate: FloatSlider of log₁₀ of the learning
            rate (-3 to 0.5); steps: FloatSlider of the steps shown (0 to STEPS, 50).
        reset_button, readout, note: as every demo's.
        paths: dict label -> array (STEPS + 1, 2), as drawn (all steps).
        figure: the Figure; map (AxesImage of the loss, darker lower), lines: dict label ->
            Line2D of the path, heads: dict label -> Line2D of its current point, start_mark.
    """

    LIMITS = (-5.0, 5.0)
    START = {"surface": "long narrow valley", "log_rate": -0.75, "steps": 40.0}
    _CACHED = 64

    def __init__(self, classes: dict | None = None, exercise: str = "Exercises 1-4"):
        self.classes = dict(classes or {})
        self.exercise = exercise
        self._cache: dict = {}
        self.surface = w.Dropdown(
            options=list(SURFACES), value=self.START["surface"], description="loss surface"
        )
        self.log_rate = slider(
            "log₁₀ learning rate",
            self.START["log_rate"],
            -3.0,
            0.5,
            "the learning rate of every optimizer is 10 to this power",
            step=0.05,
            label_width=10,
        )
        self.steps = slider(
            "steps",
            self.START["steps"],
            0,
            STEPS,
            "how many steps are drawn",
            step=1,
            readout_format=".0f",
        )
        self._make_controls("back to the valley, learning rate 10^-0.75, 40 steps")
        self.figure, axes = new_figure(1, 1, figsize=(6.4, 5.0), figure_class=Figure)
        ax = axes[0][0]
        grid = np.linspace(*self.LIMITS, 100)
        self._grid = np.meshgrid(grid, grid)
        with course_style():
            style_axes(
                ax,
                title="Paths of the optimizers from the same start",
                xlabel="x (weight 0)",
                ylabel="y (weight 1)",
                xlim=self.LIMITS,
                ylim=self.LIMITS,
                zero_lines=False,
            )
            self.map = ax.imshow(
                np.zeros((100, 100)),
                extent=(*self.LIMITS, *self.LIMITS),
                origin="lower",
                cmap="Greys_r",
                vmin=-0.7,  # the lowest loss a mid grey, under which the paths stay visible
                vmax=1.0,
                interpolation="nearest",
                aspect="auto",
            )
            self.lines, self.heads = {}, {}
            for label, _name, _settings, color, style in RUNNERS:
                (self.lines[label],) = ax.plot(
                    [0.0], [0.0], style, color=color, linewidth=1.6, label=label
                )
                (self.heads[label],) = ax.plot(
                    [0.0], [0.0], "o", color=color, markersize=6, markeredgecolor="white"
                )
            (self.start_mark,) = ax.plot([0.0], [0.0], "s", color=PALETTE["yellow"], markersize=8)
            (self.minimum_mark,) = ax.plot([0.0], [0.0], "*", color=PALETTE["sky"], markersize=12)
            # Below the axes, where the map (drawn over the background) cannot cover it.
            self.figure.legend(
                handles=list(self.lines.values()), loc="outside lower center", ncol=5, fontsize=8
            )
        self.canvas = BrowserCanvas(self.figure)
        self._set_dynamic(
            [
                self.map,
                *self.lines.values(),
                *self.heads.values(),
                self.start_mark,
                self.minimum_mark,
            ]
        )
        self.surface.observe(self._on_change, names="value")
        self._assemble([self.log_rate, self.steps], above=(self.surface,))

    def _map(self, surface: Surface) -> np.ndarray:
        """The loss on the grid, scaled to 0..1 in 12 bands (the bands read as contours)."""
        loss = surface.loss(*self._grid)
        scaled = (loss - loss.min()) / (loss.max() - loss.min())
        return np.floor(np.sqrt(scaled) * 12) / 12

    def _paths(self, name: str, rate: float) -> tuple[dict, list[str], list[str]]:
        """Every runner's path (cached), which ones are the student's, and the notes."""
        key = (name, rate)
        if key not in self._cache:
            if len(self._cache) >= self._CACHED:
                del self._cache[next(iter(self._cache))]
            surface = SURFACES[name]
            paths, students, notes = {}, [], []
            for label, class_name, settings, _color, _style in RUNNERS:
                settings = {"learning_rate": rate, **settings}
                student = self.classes.get(class_name)
                with np.errstate(all="ignore"):
                    outcome = (
                        None if student is None else try_call(path, student, settings, surface)
                    )
                    drawn = outcome is None or outcome.problem is not None
                    # The course's path: whole where it is drawn, else its first steps, to
                    # compare with the student's (a mistake shows within a few steps).
                    steps = STEPS if drawn else COMPARED
                    correct = path(REFERENCES[class_name], settings, surface, steps)
                if drawn:
                    paths[label] = correct
                if outcome is not None and outcome.problem is not None:
                    note = (
                        f"your {class_name}: {outcome.problem}; the course's {class_name} draws "
                        f"its paths until {self.exercise} works."
                    )
                    notes.append(note.replace("`path` raised", "it raised"))
                elif outcome is not None:
                    paths[label] = outcome.value
                    students.append(label)
                    first = outcome.value[: COMPARED + 1]
                    if not np.allclose(first, correct, rtol=1e-6, atol=1e-9, equal_nan=True):
                        notes.append(
                            f"your {class_name}'s path ({label}) differs from the course's "
                            f"{class_name}'s: its own path is drawn; the test of {self.exercise} "
                            "says more."
                        )
            self._cache[key] = (paths, students, list(dict.fromkeys(notes)))
        return self._cache[key]

    def update(self) -> None:
        """Recompute the paths for the surface and learning rate, and redraw them."""
        name = self.surface.value
        surface = SURFACES[name]
        self.learning_rate = rate = round(10.0**self.log_rate.value, 6)
        shown = int(round(self.steps.value))
        self.paths, students, notes = self._paths(name, rate)
        self.map.set_data(self._map(surface))
        finals = []
        for label, points in self.paths.items():
            drawn = points[: shown + 1]
            self.lines[label].set_data(drawn[:, 0], drawn[:, 1])
            self.heads[label].set_data(drawn[-1:, 0], drawn[-1:, 1])
            x, y = drawn[-1]
            loss = float(surface.loss(x, y)) if np.isfinite(drawn[-1]).all() else float("nan")
            far = abs(x) > FAR or abs(y) > FAR or not np.isfinite(loss)
            finals.append(f"{label}: {'diverged' if far else f'L = {loss:.3g}'}")
        self.start_mark.set_data([surface.start[0]], [surface.start[1]])
        self.minimum_mark.set_data([0.0], [0.0])
        self.minimum_mark.set_visible(name != "saddle")
        if notes:
            self.note.value = "<br>".join(
                f"<span style='color:{PALETTE['vermillion']}'>⚠ {n}</span>" for n in notes
            )
        elif not self.classes:
            self.note.value = "Pass your optimizer classes to draw the paths with your own code."
        else:
            self.note.value = "✓ The paths are computed by your optimizer classes."
        source = (
            "your optimizer classes"
            if len(students) == len(RUNNERS)
            else "the course's optimizers" + (" and yours" if students else "")
        )
        self.readout.value = (
            f"L(x, y) = {surface.formula}, start ({surface.start[0]:g}, {surface.start[1]:g})<br>"
            f"learning rate {rate:.4g}, step {shown} of {STEPS}<br>"
            + ", ".join(finals)
            + f"<br><small>paths computed by {source}</small>"
        )
        self._show()


def optimizer_paths(classes: dict | None = None, exercise: str = "Exercises 1-4") -> OptimizerPaths:
    """Build the race of optimizers on a loss surface of two parameters.

    Args:
        classes: dict name -> the student's optimizer class, names among "SGD", "Adagrad",
            "RMSprop", "Adam" (the book's interface: ``__init__(learning_rate, ...)``,
            ``pre_update_params()``, ``update_params(layer)``, ``post_update_params()``).
            A class missing, unfinished or failing is replaced by the course's, with a note.
        exercise: the exercises that write them, named in the notes.

    Returns:
        The demo widget; display it by ending a cell with it.
    """
    return OptimizerPaths(classes, exercise)
