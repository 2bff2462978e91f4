"""The training playground: a network the student wrote learns a dataset, live (chapters 5-10).

:func:`training_playground` builds a :class:`TrainingPlayground`: dense(2, hidden) ->
activation -> dense(hidden, classes) -> softmax with cross-entropy, trained by an optimizer,
on a dataset of the plane (spiral, vertical, XOR, circles). The student's own classes do
the work as far as they pass a check on a small case against the course's (each one on its
own); the others are the course's, and a note says which are whose.

Play does not block the kernel: an ipywidgets ``Play`` ticks in the browser, and each tick
is one frame in the kernel (``EPOCHS_PER_FRAME`` epochs, then one redraw of the changing
artists), so pause, the other controls and other cells are served between frames. The
browser's widget manager holds back a tick while the kernel is busy with the last one and
sends only the latest, so ticks never pile up.

Looking ahead (see :mod:`nbhelpers.widgets.ahead`) makes no sense here: a picture depends
on the training so far, not on the controls alone, and computing one ahead would mean
training. The playground draws only the picture of now: it sends no controls to the canvas
(so the browser never looks for a picture ahead) and computes none (:meth:`_show`).
"""

from __future__ import annotations

from typing import Callable

import ipywidgets as w
import numpy as np
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure

from nbhelpers import layers, optimizers
from nbhelpers.checks import try_call
from nbhelpers.datasets import spiral_data
from nbhelpers.plots import (
    CLASS_COLORS,
    CLASS_MARKERS,
    PALETTE,
    course_style,
    new_figure,
    style_axes,
)
from nbhelpers.probes import LayerParameters
from nbhelpers.widgets.base import Demo, slider
from nbhelpers.widgets.canvas import BrowserCanvas

EPOCHS_PER_FRAME = 10
MAX_EPOCHS = 3000  # the curves' fixed axis; play stops there
RESOLUTION = 50  # grid points per side of the decision-region picture (drawn smoothed)
# The curves are drawn through every CURVE_STRIDE-th epoch (and the last): 3000 epochs span
# about 400 pixels, so 5 epochs are less than a pixel apart, and a frame sends a fifth of it.
CURVE_STRIDE = 5
LIMITS = (-1.2, 1.2)
INSIDE = 1.15  # the data stay within this of the centre
MAX_CLASSES = 5
TICK_MS = 33  # the Play widget's interval: at most 30 frames a second
SEED, HELD_OUT_SEED = 0, 1

# The names a student's classes are passed under, and the course's versions.
COURSE = {
    "DenseLayer": layers.DenseLayer,
    "ReLU": layers.ReLU,
    "Sigmoid": layers.Sigmoid,
    "Tanh": layers.Tanh,
    "SoftmaxCrossentropy": layers.SoftmaxCrossentropy,
    "SGD": optimizers.SGD,
    "Adagrad": optimizers.Adagrad,
    "RMSprop": optimizers.RMSprop,
    "Adam": optimizers.Adam,
}
ACTIVATIONS = ("ReLU", "Tanh", "Sigmoid")
# label -> (class name, settings, starting learning rate)
OPTIMIZERS = {
    "SGD": ("SGD", {}, 1.0),
    "SGD with momentum 0.9": ("SGD", {"momentum": 0.9}, 0.1),
    "AdaGrad": ("Adagrad", {}, 0.5),
    "RMSProp": ("RMSprop", {"rho": 0.999}, 0.02),
    "Adam": ("Adam", {"decay": 5e-7}, 0.05),  # the book's chapter 10 run
}
RATES = (0.0001, 0.0003, 0.001, 0.003, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0)
# What optimizers keep on a layer (the book's names): dropped when the optimizer changes.
KEPT_ON_LAYERS = ("weight_momentums", "bias_momentums", "weight_cache", "bias_cache")


# ----------------------------------------------------------------------------- datasets


def _arms(n: int, classes: int, noise: float, rng) -> tuple[np.ndarray, np.ndarray]:
    """The book's spiral (:func:`~nbhelpers.datasets.spiral_data`), one arm per class."""
    X, y = spiral_data(n, classes, random_state=rng, dtype=np.float64, noise=noise)
    return X, y.astype(int)


def _vertical(n: int, classes: int, noise: float, rng) -> tuple[np.ndarray, np.ndarray]:
    """Blobs side by side (the book's vertical data, centred on the picture)."""
    label = np.repeat(np.arange(classes), n)
    centres = np.linspace(-0.8, 0.8, classes) if classes > 1 else np.zeros(1)
    spread = 0.1 + noise / 2
    x = centres[label] + rng.standard_normal(n * classes) * spread
    return np.c_[x, rng.standard_normal(n * classes) * spread * 2], label


def _xor(n: int, classes: int, noise: float, rng) -> tuple[np.ndarray, np.ndarray]:
    """Four corners, opposite corners of one class (two classes)."""
    points = rng.uniform(-1.0, 1.0, (n * classes, 2))
    points += np.sign(points) * 0.05 + rng.standard_normal(points.shape) * noise / 3
    return points, (np.sign(points[:, 0]) != np.sign(points[:, 1])).astype(int)


def _circles(n: int, classes: int, noise: float, rng) -> tuple[np.ndarray, np.ndarray]:
    """Rings around the centre, one per class."""
    label = np.repeat(np.arange(classes), n)
    radius = (label + 0.5) / classes + rng.standard_normal(n * classes) * noise / 3
    angle = rng.uniform(0, 2 * np.pi, n * classes)
    return np.c_[radius * np.cos(angle), radius * np.sin(angle)], label


# name -> (maker, classes fixed or None, default noise)
DATASETS = {
    "spiral": (_arms, None, 0.2),
    "vertical": (_vertical, None, 0.1),
    "XOR": (_xor, 2, 0.1),
    "circles": (_circles, None, 0.1),
}


def dataset(name: str, classes: int, noise: float, seed, n: int = 100):
    """Points (n * classes, 2) and their classes (n * classes,) of a playground dataset,
    inside the picture (a point the noise threw further out is put on its edge).

    ``seed``: an int, or a ``RandomState`` that goes on to make the network, as in the book
    (the spiral of 3 classes with noise 0.2 from seed 0 is the book's data, float64).
    """
    make, fixed, _noise = DATASETS[name]
    classes = fixed or classes
    rng = seed if isinstance(seed, np.random.RandomState) else np.random.RandomState(seed)
    X, y = make(n, classes, noise, rng)
    return np.clip(X, -INSIDE, INSIDE).astype(float), y.astype(int)


# ----------------------------------------------------------------------------- the student's parts


def _same(a, b) -> bool:
    return np.shape(a) == np.shape(b) and np.allclose(a, b, rtol=1e-6, atol=1e-9)


def _check_layer(cls) -> str | None:
    rng = np.random.RandomState(3)
    inputs, dvalues = rng.standard_normal((4, 2)), rng.standard_normal((4, 3))
    mine, course = cls(2, 3, np.random.RandomState(0)), layers.DenseLayer(2, 3, rng)
    if np.shape(mine.weights) != (2, 3) or np.shape(mine.biases) != (1, 3):
        return "its weights or biases have the wrong shape"
    mine.weights, mine.biases = course.weights.copy(), rng.standard_normal((1, 3))
    course.biases = mine.biases.copy()
    if not _same(mine.forward(inputs), course.forward(inputs)):
        return "its forward pass differs from the course's"
    mine.backward(dvalues)
    course.backward(dvalues)
    for name in ("dweights", "dbiases", "dinputs"):
        if not _same(getattr(mine, name, None), getattr(course, name)):
            return f"its backward pass gives another {name} than the course's"
    return None


def _check_activation(name: str) -> Callable:
    def check(cls) -> str | None:
        rng = np.random.RandomState(4)
        inputs, dvalues = rng.standard_normal((4, 3)), rng.standard_normal((4, 3))
        mine, course = cls(), COURSE[name]()
        if not _same(mine.forward(inputs), course.forward(inputs)):
            return "its forward pass differs from the course's"
        mine.backward(dvalues)
        course.backward(dvalues)
        if not _same(getattr(mine, "dinputs", None), course.dinputs):
            return "its backward pass gives another dinputs than the course's"
        return None

    return check


def _check_loss(cls) -> str | None:
    rng = np.random.RandomState(5)
    inputs, targets = rng.standard_normal((4, 3)), np.array([0, 2, 1, 2])
    mine, course = cls(), layers.SoftmaxCrossentropy()
    if not np.isclose(mine.forward(inputs, targets), course.forward(inputs, targets)):
        return "its loss differs from the course's"
    if not _same(mine.output, course.output):
        return "its probabilities differ from the course's"
    mine.backward(course.output, targets)
    course.backward(course.output, targets)
    if not _same(getattr(mine, "dinputs", None), course.dinputs):
        return "its backward pass gives another dinputs than the course's"
    return None


def _three_steps(optimizer) -> tuple[np.ndarray, np.ndarray]:
    """A layer's weights and biases after three steps of the optimizer on set gradients."""
    rng = np.random.RandomState(6)
    layer = LayerParameters(rng.standard_normal((2, 3)), rng.standard_normal((1, 3)))
    for _ in range(3):
        layer.dweights = rng.standard_normal((2, 3))
        layer.dbiases = rng.standard_normal((1, 3))
        optimizer.pre_update_params()
        optimizer.update_params(layer)
        optimizer.post_update_params()
    return layer.weights, layer.biases


def _check_optimizer(name: str) -> Callable:
    def check(cls) -> str | None:
        # Every way the playground uses it (SGD with and without momentum, ...), with decay.
        for used, settings, _rate in OPTIMIZERS.values():
            if used != name:
                continue
            settings = {"learning_rate": 0.1, **settings, "decay": 0.01}
            (weights, biases), (right_weights, right_biases) = (
                _three_steps(optimizer_class(**settings)) for optimizer_class in (cls, COURSE[name])
            )
            if not (_same(weights, right_weights) and _same(biases, right_biases)):
                shown = ", ".join(f"{k}={v:g}" for k, v in settings.items())
                return f"its steps with {shown} differ from the course's"
        return None

    return check


CHECKS = {
    "DenseLayer": _check_layer,
    **{name: _check_activation(name) for name in ACTIVATIONS},
    "SoftmaxCrossentropy": _check_loss,
    **{name: _check_optimizer(name) for name in ("SGD", "Adagrad", "RMSprop", "Adam")},
}


def checked_classes(classes: dict) -> tuple[dict, list[str], list[str]]:
    """The classes to train with, which names are the student's, and notes on the others.

    Each of the student's classes is checked once on a small case against the course's;
    one that fails, raises or is missing is replaced by the course's.
    """
    chosen, students, notes = dict(COURSE), [], []
    for name, cls in classes.items():
        if name not in CHECKS:
            notes.append(f"{name} is not a part of the playground's network: it is not used.")
            continue
        with np.errstate(all="ignore"):
            outcome = try_call(CHECKS[name], cls)
        problem = outcome.problem or outcome.value
        if problem:
            problem = problem.replace(f"`{CHECKS[name].__name__}` raised", "it raised")
            notes.append(f"your {name}: {problem}; the course's {name} is used instead.")
        else:
            chosen[name] = cls
            students.append(name)
    return chosen, students, notes


# ----------------------------------------------------------------------------- the demo


class TrainingPlayground(Demo):
    """A network of the student's classes learning a dataset of the plane, frame by frame.

    Attributes:
        dataset, classes, noise: the data (Dropdown, IntSlider 2-5, FloatSlider).
        hidden, activation: the hidden layer's size (IntSlider) and activation (Dropdown).
        optimizer, rate: the optimizer (Dropdown of :data:`OPTIMIZERS`) and its
            learning rate; changing either keeps the network's parameters.
        play: the Play widget whose ticks are the frames; step_button: one frame;
            reset_button: a new network (same data), epoch 0.
        readout: epoch, loss, accuracy, held-out accuracy; note: whose classes train.
        epoch: epochs trained; losses, accuracies: arrays (MAX_EPOCHS + 1,) by epoch;
            held_out: array (MAX_EPOCHS + 1,), NaN but at the end of each frame.
        probabilities: array (RESOLUTION², classes) over the grid, as drawn.
        figure, regions (AxesImage), points (one PathCollection per class), loss_line,
            accuracy_line, held_out_line.
    """

    START = {
        "dataset": "spiral",
        "classes": 3,
        "noise": 0.2,
        "hidden": 64,
        "activation": "ReLU",
        "optimizer": "Adam",
        "rate": 0.05,
    }

    def __init__(self, classes: dict | None = None):
        self.chosen, self.students, notes = checked_classes(dict(classes or {}))
        self._notes = notes
        self.given = bool(classes)
        self.dataset = w.Dropdown(options=list(DATASETS), description="dataset")
        self.classes = w.IntSlider(min=2, max=MAX_CLASSES, description="classes")
        self.noise = slider("noise", 0.2, 0.0, 0.5, "how much the points scatter")
        self.hidden = w.IntSlider(min=2, max=128, step=2, description="hidden neurons")
        self.activation = w.Dropdown(options=list(ACTIVATIONS), description="activation")
        self.optimizer = w.Dropdown(options=list(OPTIMIZERS), description="optimizer")
        self.rate = w.SelectionSlider(
            options=RATES,
            description="learning rate",
            tooltip="how far each step goes against the gradient",
        )
        controls = (self.dataset, self.classes, self.hidden, self.activation, self.optimizer)
        for control in (*controls, self.rate):
            control.style = {"description_width": "8.5em"}
            control.layout = w.Layout(width="25em")
        with self._held():
            for name, value in self.START.items():
                getattr(self, name).value = value
        self.play = w.Play(
            value=0,
            min=0,
            max=10**9,
            interval=TICK_MS,
            description="play",
            tooltip="play / pause the training (■ pauses too)",
            show_repeat=False,
        )
        self.step_button = w.Button(
            description="One step",
            icon="step-forward",
            tooltip=f"{EPOCHS_PER_FRAME} epochs, then the picture",
        )
        self._make_controls("a new network with fresh random weights, epoch 0")
        self._build_figure()
        self._set_dynamic(
            [self.regions, *self.points],
            [self.loss_line],
            [self.accuracy_line, self.held_out_line],
        )
        self.dataset.observe(self._on_dataset, names="value")
        self.classes.observe(self._on_data, names="value")
        self.noise.observe(self._on_data, names="value")
        self.hidden.observe(self._on_network, names="value")
        self.activation.observe(self._on_network, names="value")
        self.optimizer.observe(self._on_optimizer, names="value")
        self.rate.observe(self._on_rate, names="value")
        self.play.observe(self._on_tick, names="value")
        self.step_button.on_click(lambda _: self.frame())
        self.reset_button.on_click(lambda _: self.restart())
        buttons = w.HBox([w.Label("train"), self.play, self.step_button, self.reset_button])
        left = w.VBox([self.dataset, self.classes, self.noise, self.hidden])
        right = w.VBox([self.activation, self.optimizer, self.rate])
        w.VBox.__init__(
            self, [w.HBox([left, right]), w.HBox([buttons, self.readout]), self.canvas, self.note]
        )
        self._on_data()

    # ---------------------------------------------------------------- the picture, made once

    def _build_figure(self) -> None:
        self.figure, axes = new_figure(
            1,
            2,
            figsize=(9.0, 4.0),
            figure_class=Figure,
            title="A network learning to tell the classes apart",
        )
        regions_ax, curves_ax = axes[0]
        axis = np.linspace(*LIMITS, RESOLUTION)
        x1, x2 = np.meshgrid(axis, axis[::-1])  # image rows run top to bottom
        self.grid = np.column_stack([x1.ravel(), x2.ravel()])
        self._colours = np.array([to_rgb(c) for c in CLASS_COLORS[:MAX_CLASSES]])
        with course_style():
            style_axes(
                regions_ax,
                title="decision regions (stronger colour: surer)",
                xlabel="x₁",
                ylabel="x₂",
                xlim=LIMITS,
                ylim=LIMITS,
                zero_lines=False,
            )
            regions_ax.grid(False)
            regions_ax.set_aspect("equal")
            self.regions = regions_ax.imshow(
                np.ones((RESOLUTION, RESOLUTION, 3)),
                extent=(*LIMITS, *LIMITS),
                interpolation="bilinear",
            )
            self.points = [
                regions_ax.scatter(
                    [],
                    [],
                    s=9,
                    color=CLASS_COLORS[k],
                    marker=CLASS_MARKERS[k],
                    edgecolors="black",
                    linewidths=0.3,
                    label=f"class {k}",
                )
                for k in range(MAX_CLASSES)
            ]
            style_axes(
                curves_ax,
                title="training by epoch",
                xlabel="epoch",
                ylabel="loss / accuracy",
                xlim=(0, MAX_EPOCHS),
                ylim=(0, 1.5),
                zero_lines=False,
            )
            (self.loss_line,) = curves_ax.plot(
                [], [], color=PALETTE["vermillion"], linewidth=1.6, label="training loss"
            )
            (self.accuracy_line,) = curves_ax.plot(
                [], [], color=PALETTE["blue"], linewidth=1.6, label="training accuracy"
            )
            (self.held_out_line,) = curves_ax.plot(
                [], [], "--", color=PALETTE["green"], linewidth=1.6, label="held-out accuracy"
            )
            curves_ax.axhline(1.0, color="0.6", linewidth=0.8, zorder=0)
            curves_ax.legend(loc="upper right", fontsize=8)
        self.canvas = BrowserCanvas(self.figure)

    # ---------------------------------------------------------------- controls

    def _on_dataset(self, _change: dict) -> None:
        """Another dataset, with its usual noise."""
        if self._quiet:
            return
        with self._held():
            self.noise.value = DATASETS[self.dataset.value][2]
        self._on_data()

    def _on_data(self, _change: dict | None = None) -> None:
        if self._quiet:
            return
        name = self.dataset.value
        fixed = DATASETS[name][1]
        self.classes.disabled = fixed is not None
        self.n_classes = fixed or int(self.classes.value)
        noise = float(self.noise.value)
        rng = np.random.RandomState(SEED)
        self.X, self.y = dataset(name, self.n_classes, noise, rng)
        self._network_seed = rng.get_state()  # the network goes on from the data's stream
        self.X_held, self.y_held = dataset(name, self.n_classes, noise, HELD_OUT_SEED)
        for k, points in enumerate(self.points):
            points.set_offsets(self.X[self.y == k] if k < self.n_classes else np.empty((0, 2)))
        self.restart()

    def _on_network(self, _change: dict) -> None:
        if not self._quiet:
            self.restart()

    def _make_optimizer(self) -> None:
        class_name, settings, _rate = OPTIMIZERS[self.optimizer.value]
        self.learning_rate = float(self.rate.value)
        self.opt = self.chosen[class_name](learning_rate=self.learning_rate, **settings)
        for layer in (self.dense1, self.dense2):
            for name in KEPT_ON_LAYERS:
                if hasattr(layer, name):
                    delattr(layer, name)

    def _on_optimizer(self, _change: dict) -> None:
        """Another optimizer from the next epoch on, with its usual learning rate; the
        network keeps what it learnt."""
        if self._quiet:
            return
        with self._held():
            self.rate.value = OPTIMIZERS[self.optimizer.value][2]
        self._make_optimizer()
        self.update()

    def _on_rate(self, _change: dict) -> None:
        if self._quiet:
            return
        self.learning_rate = float(self.rate.value)
        self.opt.learning_rate = self.opt.current_learning_rate = self.learning_rate
        self.update()

    def _on_tick(self, change: dict) -> None:
        if change["new"] > change["old"]:  # the Play's stop button rewinds it: no frame
            self.frame()

    def reset(self) -> None:
        """Every control back to its start, a new network (one redraw)."""
        with self._held():
            for name, value in self.START.items():
                getattr(self, name).value = value
        self._on_data()

    def restart(self) -> None:
        """A new network with fresh random weights (the same every time), epoch 0.

        Its weights come from the random stream that made the training data, as in the
        book: on the spiral (3 classes, noise 0.2) with Adam at 0.05 this is the book's run.
        """
        rng = np.random.RandomState()
        rng.set_state(self._network_seed)
        dense, activation = self.chosen["DenseLayer"], self.chosen[self.activation.value]
        self.dense1 = dense(2, int(self.hidden.value), rng)
        self.activation_layer = activation()
        self.dense2 = dense(int(self.hidden.value), self.n_classes, rng)
        self.loss_layer = self.chosen["SoftmaxCrossentropy"]()
        self._make_optimizer()
        self.epoch = 0
        self.losses = np.full(MAX_EPOCHS + 1, np.nan)
        self.accuracies = np.full(MAX_EPOCHS + 1, np.nan)
        self.held_out = np.full(MAX_EPOCHS + 1, np.nan)
        self._epochs = np.arange(MAX_EPOCHS + 1, dtype=float)
        self._trouble = None
        self._evaluate()
        self.update()

    # ---------------------------------------------------------------- training

    def _forward(self, X: np.ndarray) -> np.ndarray:
        hidden = self.activation_layer.forward(self.dense1.forward(X))
        return self.dense2.forward(hidden)

    def _epoch(self) -> None:
        """One epoch: forward, loss, backward, update (the whole batch)."""
        logits = self._forward(self.X)
        loss = self.loss_layer.forward(logits, self.y)
        probabilities = self.loss_layer.output
        self.epoch += 1
        self.losses[self.epoch] = loss
        self.accuracies[self.epoch] = np.mean(np.argmax(probabilities, axis=1) == self.y)
        self.loss_layer.backward(probabilities, self.y)
        self.dense2.backward(self.loss_layer.dinputs)
        self.activation_layer.backward(self.dense2.dinputs)
        self.dense1.backward(self.activation_layer.dinputs)
        self.opt.pre_update_params()
        self.opt.update_params(self.dense1)
        self.opt.update_params(self.dense2)
        self.opt.post_update_params()

    def _evaluate(self) -> None:
        """The held-out accuracy now, and the probabilities over the grid."""
        logits = self._forward(np.concatenate([self.X_held, self.grid]))
        logits = logits - logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        probabilities = exp / exp.sum(axis=1, keepdims=True)
        n = len(self.X_held)
        self.held_out[self.epoch] = np.mean(np.argmax(probabilities[:n], axis=1) == self.y_held)
        self.probabilities = probabilities[n:]

    def frame(self) -> None:
        """``EPOCHS_PER_FRAME`` epochs and one redraw; at ``MAX_EPOCHS`` play stops."""
        if self.epoch >= MAX_EPOCHS:
            self.play.playing = False
            return
        try:
            with np.errstate(all="ignore"):
                for _ in range(min(EPOCHS_PER_FRAME, MAX_EPOCHS - self.epoch)):
                    self._epoch()
                self._evaluate()
        except Exception as error:  # noqa: BLE001 -- a student's class failing mid-training
            self.play.playing = False
            self._trouble = f"training stopped: {type(error).__name__}: {error}"
        if self.epoch >= MAX_EPOCHS:
            self.play.playing = False
        self.update()

    # ---------------------------------------------------------------- drawing

    def update(self) -> None:
        """Redraw the regions, the curves and the readout for the network as it is."""
        p = self.probabilities
        strongest = p.max(axis=1)
        if not np.isfinite(strongest).all():
            strength = np.zeros_like(strongest)
        else:  # 1 / classes (a guess) is white, 1 (sure) is 60 % of the class colour
            strength = 0.6 * np.clip(
                (strongest - 1 / self.n_classes) / (1 - 1 / self.n_classes), 0, 1
            )
        colours = self._colours[np.nan_to_num(p, nan=0).argmax(axis=1)]
        rgb = 1 - strength[:, None] * (1 - colours)
        self.regions.set_data(rgb.reshape(RESOLUTION, RESOLUTION, 3))
        upto = self.epoch + 1
        drawn = np.r_[1:upto:CURVE_STRIDE, self.epoch] if self.epoch else np.zeros(0, int)
        self.loss_line.set_data(self._epochs[drawn], self.losses[drawn])
        self.accuracy_line.set_data(self._epochs[drawn], self.accuracies[drawn])
        frames = np.isfinite(self.held_out[:upto])
        self.held_out_line.set_data(self._epochs[:upto][frames], self.held_out[:upto][frames])
        last = self.epoch
        loss, accuracy, held_out = (
            _number(a[last]) for a in (self.losses, self.accuracies, self.held_out)
        )
        self.readout.value = (
            f"<b>epoch {last}</b> &nbsp; loss {loss} &nbsp; "
            f"accuracy <span class='nnfs-accuracy'>{accuracy}</span> &nbsp; held-out {held_out}"
            f"<br><small>{self.optimizer.value}, learning rate {self.learning_rate:g}</small>"
        )
        self._write_note()
        self._show()

    def _write_note(self) -> None:
        warnings = list(self._notes)
        if self._trouble:
            warnings.append(self._trouble)
        used = [
            "DenseLayer",
            self.activation.value,
            "SoftmaxCrossentropy",
            OPTIMIZERS[self.optimizer.value][0],
        ]
        yours = [n for n in used if n in self.students]
        course = [n for n in used if n not in self.students]
        lines = [f"<span style='color:{PALETTE['vermillion']}'>⚠ {n}</span>" for n in warnings]
        if yours:
            lines.append("✓ Yours: " + ", ".join(f"<code>{n}</code>" for n in yours) + ".")
        if course:
            lines.append(
                "The course's: "
                + ", ".join(f"<code>{n}</code>" for n in course)
                + "."
                + ("" if self.given else " Pass your classes to train with your own code.")
            )
        self.note.value = "<br>".join(lines)

    def _show(self) -> None:
        """Send the picture of now, and nothing ahead: the canvas gets no controls, so the
        browser looks for no picture ahead, and none is computed (it would mean training)."""
        if self._rehearsal is not None:  # pragma: no cover -- nothing rehearses the playground
            return
        self.canvas.show(self._dynamic)


def _number(value: float) -> str:
    """A readout's number, or a dash before there is one."""
    return f"{value:.3f}" if np.isfinite(value) else "–"


def training_playground(classes: dict | None = None) -> TrainingPlayground:
    """Build the training playground: a network trained live on a dataset of the plane.

    Args:
        classes: dict name -> the student's class, names among "DenseLayer", "ReLU",
            "Sigmoid", "Tanh", "SoftmaxCrossentropy", "SGD", "Adagrad", "RMSprop", "Adam"
            (the interfaces of notebooks 05-11). Each is checked once on a small case
            against the course's; one missing, unfinished or different is replaced by the
            course's, and the note under the picture says which parts are yours.

    Returns:
        The demo widget; display it by ending a cell with it, then press play.
    """
    return TrainingPlayground(classes)
