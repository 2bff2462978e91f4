"""Training runs drawn: the book's spiral with SGD and Adam, and a network that overfits.

Notebook 12's longer runs (10,001 epochs, a few seconds each) live here, each in one call
that prints what the book prints and returns a figure of the curves: the student's own
``train`` and ``evaluate`` do the work where they run, the course's
(:mod:`nbhelpers.training`) where they do not, with a printed note saying so.
"""

from __future__ import annotations

import contextlib
import io
from typing import Callable

import numpy as np

from nbhelpers import optimizers, training
from nbhelpers.checks import try_call
from nbhelpers.datasets import spiral_data
from nbhelpers.plots.style import PALETTE, CourseFigure, course_style, new_figure, style_axes
from nbhelpers.run_mode import run_by_nbgrader

SEED, HELD_OUT_SEED = 0, 1
RUNS = {  # label -> (the book's name of the run, a new optimizer); chapter 10's settings
    "SGD, learning rate 1.0": ("SGD(learning_rate=1.0)", lambda: optimizers.SGD(learning_rate=1.0)),
    "Adam, learning rate 0.05, decay 5e-7": (
        "Adam(learning_rate=0.05, decay=5e-7)",
        lambda: optimizers.Adam(learning_rate=0.05, decay=5e-7),
    ),
}
COLORS = (PALETTE["blue"], PALETTE["orange"])
BOOK_EPOCHS = 10001
# While the notebook is graded nobody watches the runs: the student's train still runs,
# for this many epochs (a graded notebook would spend seconds on the book's 10,001).
GRADED_EPOCHS = 101


def _working(func: Callable | None, course: Callable, *trial, exercise: str) -> Callable:
    """``func`` if it runs on a small trial case, else ``course`` (with a printed note)."""
    if func is None:
        return course
    with contextlib.redirect_stdout(io.StringIO()):  # what a trial prints is not the run's
        outcome = try_call(func, *trial)
    if outcome.problem is None:
        return func
    print(f"Note: {outcome.problem}: the course's version runs instead, until {exercise} works.")
    return course


def _spiral_run(samples: int = 100):
    """The book's spiral and network, from RandomState(SEED): X, y, network."""
    rng = np.random.RandomState(SEED)
    X, y = spiral_data(samples, 3, random_state=rng)
    return X, y, training.spiral_network(rng)


def spiral_training(
    train: Callable | None = None,
    evaluate: Callable | None = None,
    *,
    epochs: int | None = None,
    print_every: int = 1000,
) -> CourseFigure:
    """The book's chapter 10 runs: SGD, then Adam, on the spiral (100 points per class).

    Each run trains a new network (dense(2, 64), ReLU, dense(64, 3), softmax with
    cross-entropy, weights drawn after the data from ``RandomState(0)``) with ``train``,
    which prints every ``print_every``-th epoch. Then the course's float64 results are
    printed beside the book's float32 ones (:data:`nbhelpers.training.BOOK_RUNS`), and
    Adam's network is measured with ``evaluate`` on its training data and on the held-out
    spiral (seed 1).

    Args:
        train: the student's ``train(X, y, network, optimizer, epochs, print_every)``
            returning ``{"loss": [...], "accuracy": [...]}``; None, unfinished or failing
            means the course's.
        evaluate: the student's ``evaluate(X, y, network)`` -> (loss, accuracy), likewise.
        epochs: as for train; None: the book's 10,001, or :data:`GRADED_EPOCHS` while
            nbgrader runs the notebook (with a printed note).
        print_every: as for train (a line every 1,000 epochs).

    Returns:
        The figure: loss and accuracy by epoch, one line per optimizer.
    """
    if epochs is None:
        epochs = GRADED_EPOCHS if run_by_nbgrader() else BOOK_EPOCHS
        if epochs == GRADED_EPOCHS:
            print(f"(Graded: {epochs} epochs per run instead of the book's {BOOK_EPOCHS:,}.)")
    X_small, y_small, small = _spiral_run(5)
    trial = (X_small, y_small, small, optimizers.SGD(), 1, print_every)
    train = _working(train, training.train, *trial, exercise="Exercise 2")
    evaluate = _working(evaluate, training.evaluate, X_small, y_small, small, exercise="Exercise 3")
    histories, network = {}, None
    for label, (book_name, new_optimizer) in RUNS.items():
        print(f"--- {label}")
        X, y, network = _spiral_run()
        history = train(X, y, network, new_optimizer(), epochs, print_every)
        histories[label] = {k: np.asarray(v, dtype=float) for k, v in history.items()}
        accuracies = histories[label]["accuracy"]
        book = training.BOOK_RUNS[book_name]
        over = np.flatnonzero(accuracies > 0.9)
        print(
            f"this run (float64): accuracy {accuracies[-1]:.3f}, loss {history['loss'][-1]:.3f}"
            + (f", above 0.9 first at epoch {over[0]}" if over.size else "")
        )
        print(
            f"the book's (float32): accuracy {book['accuracy']:.3f}, loss {book['loss']:.3f}"
            + (
                f", above 0.9 first at epoch {book['first_over_0.9']}"
                if book["first_over_0.9"]
                else ""
            )
        )
    print("--- Adam's network, measured by evaluate:")
    for name, seed_data in (("training data", (X, y)), ("held-out data", _held_out())):
        loss, accuracy = evaluate(*seed_data, network)
        print(f"{name:14}: loss {loss:.3f}, accuracy {accuracy:.3f}")
    return _curves(histories, epochs, "The book's spiral network, trained")


def _held_out(samples: int = 100):
    return spiral_data(samples, 3, random_state=HELD_OUT_SEED)


def _curves(histories: dict, epochs: int, title: str) -> CourseFigure:
    """Loss and accuracy by epoch, a line per entry of ``histories`` (label -> dict)."""
    fig, axes = new_figure(1, 2, figsize=(11.0, 4.0), title=title)
    with course_style():
        for (label, history), color in zip(histories.items(), COLORS * 2):
            dashed = "held-out" in label
            for ax, key in zip(axes[0], ("loss", "accuracy")):
                ax.plot(
                    history.get("epochs", np.arange(len(history[key]))),
                    history[key],
                    color=color,
                    linewidth=1.2,
                    linestyle="--" if dashed else "-",
                    label=label,
                )
        top = max(1.2, min(3.0, max(float(np.max(h["loss"])) for h in histories.values()) * 1.05))
        for ax, name, ylabel, ymax in (
            (axes[0, 0], "loss", "mean loss", top),
            (axes[0, 1], "accuracy", "accuracy", 1.0),
        ):
            style_axes(
                ax,
                title=name,
                xlabel="epoch",
                ylabel=ylabel,
                xlim=(0, epochs),
                ylim=(0.0, ymax),
                zero_lines=False,
            )
        axes[0, 1].axhline(0.9, color=PALETTE["black"], linestyle=":", linewidth=1, label="0.9")
        axes[0, 1].axhline(
            1 / 3, color=PALETTE["sky"], linestyle=":", linewidth=1, label="chance (1/3)"
        )
        axes[0, 1].legend(loc="lower right", fontsize=8)
    return fig


def overfitting(
    evaluate: Callable | None = None,
    *,
    samples: int = 20,
    hidden: int = 64,
    epochs: int = 2000,
    every: int = 50,
) -> CourseFigure:
    """A big network on few points: training and held-out loss and accuracy as it trains.

    The network (dense(2, ``hidden``), ReLU, dense(``hidden``, 3)) trains with the course's
    loop and Adam (0.05, decay 5e-7) on ``samples`` points per class of the spiral (seed 0);
    every ``every`` epochs ``evaluate`` measures it on those points and on the held-out
    spiral (seed 1, 100 points per class).

    Args:
        evaluate: the student's ``evaluate(X, y, network)``; None, unfinished or failing
            means the course's.

    Returns:
        The figure: loss and accuracy by epoch, training solid, held-out dashed.
    """
    rng = np.random.RandomState(SEED)
    X, y = spiral_data(samples, 3, random_state=rng)
    network = training.spiral_network(rng, hidden=hidden)
    evaluate = _working(evaluate, training.evaluate, X, y, network, exercise="Exercise 3")
    optimizer = optimizers.Adam(learning_rate=0.05, decay=5e-7)
    X_test, y_test = _held_out()
    curves = {"training data": [], "held-out data": []}
    for epoch in range(0, epochs + 1, every):
        curves["training data"].append((epoch, *evaluate(X, y, network)))
        curves["held-out data"].append((epoch, *evaluate(X_test, y_test, network)))
        training.train(X, y, network, optimizer, every)
    for name, points in curves.items():
        epoch, loss, accuracy = points[-1]
        print(f"after {epoch} epochs, {name:14}: loss {loss:.3f}, accuracy {accuracy:.3f}")
    histories = {
        name: {
            k: np.array([p[i] for p in points])
            for i, k in enumerate(("epochs", "loss", "accuracy"))
        }
        for name, points in curves.items()
    }
    return _curves(histories, epochs, f"{hidden} hidden neurons, {3 * samples} training points")
