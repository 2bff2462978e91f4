"""The training playground, driven as a learner drives it: play ticks, buttons, menus."""

from __future__ import annotations

import gc
import tracemalloc
from unittest import mock

import ipywidgets
import numpy as np
import pytest

from nbhelpers import layers, optimizers
from nbhelpers.datasets import spiral_data
from nbhelpers.widgets import TrainingPlayground, training_playground
from nbhelpers.widgets.canvas import BrowserCanvas
from nbhelpers.widgets.playground import EPOCHS_PER_FRAME, LIMITS, MAX_EPOCHS


def tick(demo: TrainingPlayground, frames: int = 1) -> None:
    """What the browser's Play widget does: its value goes up by one per tick."""
    for _ in range(frames):
        demo.play.value += 1


class MyDense(layers.DenseLayer):
    """A student's right DenseLayer (its own class)."""


class ForgetfulAdam(optimizers.Adam):
    """Adam without bias correction: a classic mistake."""

    def update_params(self, layer):
        self.iterations = 10**6  # (1 - beta ** huge) = 1: no correction
        super().update_params(layer)


class Unfinished:
    def __init__(self, *args, **kwargs):
        raise NotImplementedError()


def test_the_playground_is_a_widget_with_labelled_controls_play_step_reset_and_a_canvas():
    demo = training_playground()
    assert isinstance(demo, ipywidgets.VBox) and isinstance(demo.canvas, BrowserCanvas)
    assert isinstance(demo.play, ipywidgets.Play)
    labels = [
        c.description
        for c in (demo.dataset, demo.classes, demo.noise, demo.hidden, demo.activation)
    ]
    assert labels == ["dataset", "classes", "noise", "hidden neurons", "activation"]
    assert demo.step_button.description == "One step" and demo.reset_button.description == "Reset"
    assert list(demo.dataset.options) == ["spiral", "vertical", "XOR", "circles"]
    assert len(demo.X) == 300 and demo.hidden.value == 64 and demo.optimizer.value == "Adam"
    assert demo.epoch == 0 and "epoch 0" in demo.readout.value
    assert demo.canvas.background.startswith(b"\x89PNG") and demo.canvas.marks


def test_it_starts_on_the_books_data_network_and_adam():
    demo = training_playground()
    rng = np.random.RandomState(0)
    X, y = spiral_data(100, 3, random_state=rng, dtype=np.float64)
    dense1 = layers.DenseLayer(2, 64, rng)
    assert np.array_equal(demo.X, X) and np.array_equal(demo.y, y)
    assert np.array_equal(demo.dense1.weights, dense1.weights)  # the data's stream goes on
    assert (demo.opt.learning_rate, demo.opt.decay) == (0.05, 5e-7)


def test_play_ticks_train_the_spiral_past_90_percent_with_adam():
    demo = training_playground()
    tick(demo, 100)
    assert demo.epoch == 100 * EPOCHS_PER_FRAME
    assert demo.accuracies[demo.epoch] > 0.9 and demo.losses[demo.epoch] < demo.losses[1]
    assert f"{demo.accuracies[demo.epoch]:.3f}" in demo.readout.value
    assert 0.0 < demo.held_out[demo.epoch] <= 1.0  # measured at the end of every frame
    # The regions now carry the classes: the grid's most probable class matches the points'.
    nearest = np.argmin(((demo.grid[:, None] - demo.X[None]) ** 2).sum(axis=2), axis=0)
    assert np.mean(demo.probabilities[nearest].argmax(axis=1) == demo.y) > 0.85


def test_a_frame_sends_one_picture_and_nothing_ahead():
    demo = training_playground()
    sent = []
    with mock.patch.object(
        ipywidgets.Widget, "_send", lambda self, msg, buffers=None: sent.append((self, msg))
    ):
        tick(demo)
    pictures = [msg["state"] for widget, msg in sent if widget is demo.canvas]
    assert [sorted(state) for state in pictures] == [["marks"]]  # its key stays ""
    assert demo.canvas.controls == [] and demo.canvas.ahead == {"keys": [], "frames": []}


def test_the_play_widgets_stop_rewinds_without_training_and_the_step_button_trains_one_frame():
    demo = training_playground()
    tick(demo, 3)
    demo.play.value = 0  # the Play widget's stop button
    assert demo.epoch == 3 * EPOCHS_PER_FRAME
    demo.step_button.click()
    assert demo.epoch == 4 * EPOCHS_PER_FRAME


def test_switching_the_optimizer_mid_training_keeps_the_network_and_trains_on():
    demo = training_playground()
    tick(demo, 20)
    weights = demo.dense1.weights.copy()
    demo.optimizer.value = "SGD"
    assert np.array_equal(demo.dense1.weights, weights) and demo.epoch == 20 * EPOCHS_PER_FRAME
    assert isinstance(demo.opt, optimizers.SGD) and demo.learning_rate == 1.0
    assert not hasattr(demo.dense1, "weight_momentums")  # Adam's momentums do not carry over
    tick(demo, 5)
    assert np.isfinite(demo.losses[demo.epoch]) and "SGD, learning rate 1" in demo.readout.value
    demo.optimizer.value = "SGD with momentum 0.9"
    tick(demo, 5)
    assert demo.opt.momentum == 0.9 and np.isfinite(demo.losses[demo.epoch])


def test_the_learning_rate_slider_changes_the_running_optimizer():
    demo = training_playground()
    tick(demo, 2)
    optimizer = demo.opt
    demo.rate.value = 0.01
    assert demo.opt is optimizer and optimizer.current_learning_rate == pytest.approx(0.01)
    assert demo.epoch == 2 * EPOCHS_PER_FRAME  # a new rate trains nothing by itself


@pytest.mark.parametrize("name", ["spiral", "vertical", "XOR", "circles"])
def test_every_dataset_fits_the_fixed_axes_and_a_new_one_starts_a_new_network(name):
    demo = training_playground()
    tick(demo, 2)
    limits = [ax.get_xlim() + ax.get_ylim() for ax in demo.figure.axes]
    demo.dataset.value = "vertical" if name == "spiral" else name
    demo.dataset.value = name
    assert demo.noise.value == {"spiral": 0.2}.get(name, 0.1)  # the dataset's usual noise
    demo.noise.value = 0.5  # the most
    assert demo.epoch == 0 and np.isnan(demo.losses[1:]).all()
    assert np.abs(demo.X).max() < LIMITS[1] and np.abs(demo.X_held).max() < LIMITS[1]
    assert not np.array_equal(demo.X, demo.X_held)  # held-out data: another seed
    assert demo.classes.disabled == (name == "XOR")
    assert set(demo.y) == set(range(demo.n_classes))
    demo.noise.value = 0.2
    tick(demo, 30)
    assert demo.accuracies[demo.epoch] > 0.8
    assert [ax.get_xlim() + ax.get_ylim() for ax in demo.figure.axes] == limits


def test_the_students_classes_train_and_the_note_says_which_parts_are_theirs():
    demo = training_playground({"DenseLayer": MyDense, "ReLU": layers.ReLU, "Adam": ForgetfulAdam})
    note = demo.note.value
    assert isinstance(demo.dense1, MyDense) and isinstance(demo.opt, optimizers.Adam)
    assert type(demo.opt) is optimizers.Adam  # the mistaken Adam is replaced
    assert "your Adam: its steps with learning_rate=0.1, decay=0.01" in note
    assert "Yours: <code>DenseLayer</code>, <code>ReLU</code>." in note
    assert "The course's: <code>SoftmaxCrossentropy</code>, <code>Adam</code>." in note
    tick(demo, 5)
    assert np.isfinite(demo.losses[demo.epoch])


class SGDWithoutMomentum(optimizers.SGD):
    """Momentum ignored: right without it, wrong with it."""

    def __init__(self, learning_rate=1.0, decay=0.0, momentum=0.0):
        super().__init__(learning_rate, decay, 0.0)


def test_an_optimizer_is_checked_with_every_setting_the_playground_uses():
    demo = training_playground({"SGD": SGDWithoutMomentum})
    assert "your SGD: its steps with learning_rate=0.1, momentum=0.9, decay=0.01 differ" in (
        demo.note.value
    )
    assert "SGD" not in demo.students


def test_an_unfinished_class_falls_back_and_a_class_failing_mid_training_stops_play():
    demo = training_playground({"SoftmaxCrossentropy": Unfinished})
    assert "your SoftmaxCrossentropy: it raised NotImplementedError" in demo.note.value or (
        "not written yet" in demo.note.value
    )
    demo = training_playground({"DenseLayer": MyDense})
    demo.play.playing = True

    def broken(_dvalues):
        raise ValueError("shapes do not match")

    demo.dense2.backward = broken
    tick(demo)
    assert not demo.play.playing and "training stopped: ValueError" in demo.note.value


def test_reset_button_starts_a_new_network_with_the_controls_as_they_are():
    demo = training_playground()
    demo.hidden.value = 16
    first = demo.canvas.marks
    tick(demo, 3)
    demo.reset_button.click()
    assert demo.epoch == 0 and demo.hidden.value == 16 and demo.canvas.marks == first
    demo.reset()  # every control back to its start too
    assert demo.hidden.value == 64 and demo.canvas.marks == training_playground().canvas.marks


def test_play_stops_at_the_end_of_the_curves_axis():
    demo = training_playground()
    demo.hidden.value = 4  # cheap epochs
    demo.play.playing = True
    tick(demo, MAX_EPOCHS // EPOCHS_PER_FRAME + 2)
    assert demo.epoch == MAX_EPOCHS and not demo.play.playing


@pytest.mark.slow  # about 15 s under tracemalloc
def test_a_thousand_frames_leave_memory_and_the_figure_as_they_were():
    tracemalloc.start()
    try:
        demo = training_playground()
        artists = sum(len(ax.get_children()) for ax in demo.figure.axes)
        tick(demo, 50)  # let matplotlib's caches fill
        demo.reset_button.click()
        gc.collect()
        before = tracemalloc.get_traced_memory()[0]
        for frame in range(1000):
            if frame % 250 == 249:  # MAX_EPOCHS is 300 frames: start again before it
                demo.optimizer.value = "RMSProp" if frame % 500 == 249 else "Adam"
                demo.reset_button.click()
            tick(demo)
        demo.reset_button.click()
        gc.collect()
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert grown < 64 * 1000, f"{grown / 1024:.0f} KiB more after 1000 frames"
    assert sum(len(ax.get_children()) for ax in demo.figure.axes) == artists
