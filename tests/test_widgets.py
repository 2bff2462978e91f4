"""nbhelpers.widgets: the weight-and-bias slider, driven from a test as a student would drive it."""

from __future__ import annotations

import gc
import html
import time
import tracemalloc
import warnings
from functools import partial
from unittest import mock

import ipywidgets
import numpy as np
import pytest

from nbhelpers import optimizers
from nbhelpers.widgets import (
    HAND_TUNED_SINE,
    REFERENCE_ACTIVATIONS,
    ActivationExplorer,
    DenseExplorer,
    MatmulStepper,
    NeuronGraph,
    NeuronLine,
    OptimizerPaths,
    ReluPair,
    SineFit,
    SoftmaxBars,
    TangentSlope,
    activation_explorer,
    dense_explorer,
    matmul_stepper,
    neuron_graph,
    neuron_line,
    optimizer_paths,
    relu_pair,
    sine_fit,
    softmax_bars,
    tangent_slope,
)
from nbhelpers.widgets.canvas import BrowserCanvas
from nbhelpers.widgets.optimizer_paths import SURFACES
from nbhelpers.widgets.relu_pair import area_of_effect
from nbhelpers.widgets.sine_fit import BOOK_PAIRS, BOOK_STEPS, OFFSET_PAIR
from nbhelpers.widgets.tangent_slope import SHAPES


def neuron_output(inputs, weights, bias):
    total = 0.0
    for x, w in zip(inputs, weights):
        total += x * w
    return total + bias


def test_the_demo_is_a_widget_with_labelled_sliders_reset_and_a_live_canvas():
    demo = neuron_line(neuron_output)
    assert isinstance(demo, ipywidgets.VBox)
    assert [s.description for s in (demo.weight, demo.bias, demo.probe)] == [
        "w (weight)",
        "b (bias)",
        "x (input)",
    ]
    canvas = demo.canvas
    assert isinstance(canvas, BrowserCanvas) and canvas in demo.children
    assert canvas.background.startswith(b"\x89PNG") and canvas.marks  # drawn once already


def test_a_notebook_run_by_nbgrader_draws_no_background_but_runs_the_students_code(monkeypatch):
    """Graded, no browser shows the demo: the background (a full drawing) is left out, and
    the student's function still computes every picture."""
    calls = []

    def spy(inputs, weights, bias):
        calls.append(bias)
        return neuron_output(inputs, weights, bias)

    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    demo = neuron_line(spy)
    assert demo.canvas.background == b"" and demo.canvas.marks and calls
    calls.clear()
    demo.bias.value = -0.5
    assert -0.5 in calls and demo.canvas.background == b""


def test_moving_the_sliders_redraws_the_line_from_the_students_function():
    calls = []

    def spy(inputs, weights, bias):
        calls.append((tuple(inputs), tuple(weights), bias))
        return neuron_output(inputs, weights, bias)

    demo = neuron_line(spy)
    calls.clear()
    demo.weight.value = 2.0
    demo.bias.value = -0.5
    demo.probe.value = 1.5
    assert calls[-1][1:] == ((2.0,), -0.5)
    assert np.allclose(demo.line.get_ydata(), 2.0 * demo.x - 0.5)
    assert demo.probe_marker.get_data() == ([1.5], [2.5])
    assert "<b>w</b> = +2.00" in demo.readout.value and "<b>+2.500</b>" in demo.readout.value
    assert (
        "computed by your <code>spy</code>" in demo.readout.value
    )  # the student's function, by its name
    assert "drawn by your" in demo.note.value and not demo.reference_line.get_visible()


def test_axes_stay_fixed_and_the_figure_is_updated_in_place():
    demo = neuron_line(neuron_output)
    ax = demo.figure.axes[0]
    lines = list(ax.get_lines())
    for value in np.linspace(-3, 3, 25):
        demo.weight.value = float(value)
        demo.bias.value = float(-value)
    assert ax.get_xlim() == NeuronLine.X_LIMITS and ax.get_ylim() == NeuronLine.Y_LIMITS
    assert list(ax.get_lines()) == lines and demo.figure.axes == [ax]


def test_reset_restores_the_books_first_picture():
    demo = neuron_line(neuron_output)
    demo.weight.value, demo.bias.value, demo.probe.value = -1.2, 2.0, -0.5
    demo.reset_button.click()
    assert (demo.weight.value, demo.bias.value, demo.probe.value) == (1.0, 0.0, 1.0)
    assert np.allclose(demo.line.get_ydata(), demo.x)


def test_an_unfinished_exercise_falls_back_to_the_reference_and_says_so():
    def neuron_output(inputs, weights, bias):
        raise NotImplementedError()

    demo = neuron_line(neuron_output)
    demo.weight.value = 0.5
    assert np.allclose(demo.line.get_ydata(), 0.5 * demo.x)
    assert (
        "`neuron_output` is not written yet" in demo.note.value and "Exercise 1" in demo.note.value
    )
    assert "the reference neuron" in demo.readout.value


def test_a_wrong_function_is_drawn_with_the_correct_line_dashed_beside_it():
    demo = neuron_line(lambda inputs, weights, bias: neuron_output(inputs, weights, 0.0))
    demo.bias.value = 1.0
    assert np.allclose(demo.line.get_ydata(), demo.x)
    assert demo.reference_line.get_visible()
    assert np.allclose(demo.reference_line.get_ydata(), demo.x + 1.0)
    assert "but the correct value is" in demo.note.value
    demo.bias.value = 0.0
    assert not demo.reference_line.get_visible()


def test_without_a_function_the_reference_draws_and_the_note_invites_the_students_own():
    demo = neuron_line()
    assert np.allclose(demo.line.get_ydata(), demo.x)
    assert "Pass your <code>neuron_output</code>" in demo.note.value


# ----------------------------------------------------------------------------- shared helpers


def relu(z):
    return np.maximum(0, z)


def unfinished(z):
    raise NotImplementedError()


def spying(func, calls):
    """func, recording a copy of every argument it is called with."""

    def spy(z):
        calls.append(np.array(z, copy=True))
        return func(z)

    spy.__name__ = func.__name__
    return spy


def redraws(demo, action) -> int:
    """How many new pictures `action()` sends to the browser."""
    with mock.patch.object(demo.canvas, "show", wraps=demo.canvas.show) as show:
        action()
    return show.call_count


def text(widget) -> str:
    return html.unescape(widget.value)


def assert_fixed_under_events(demo, sliders, xlim, ylim, events=200, extra=lambda k: None):
    """200 slider events: limits, axes and the number of artists stay the same."""
    (ax,) = demo.figure.axes
    children = len(ax.get_children())
    rng = np.random.default_rng(0)
    for k in range(events):
        slider = sliders[k % len(sliders)]
        slider.value = float(rng.uniform(slider.min, slider.max))
        extra(k)
    assert ax.get_xlim() == xlim and ax.get_ylim() == ylim
    assert not ax.get_autoscalex_on() and not ax.get_autoscaley_on()
    assert demo.figure.axes == [ax] and len(ax.get_children()) == children


def assert_demo_layout(demo, sliders, descriptions):
    assert isinstance(demo, ipywidgets.VBox)
    assert [s.description for s in sliders] == descriptions
    assert isinstance(demo.canvas, BrowserCanvas) and demo.canvas in demo.children
    assert isinstance(demo.reset_button, ipywidgets.Button)
    assert isinstance(demo.readout, ipywidgets.HTML) and isinstance(demo.note, ipywidgets.HTML)


# ----------------------------------------------------------------------------- activation explorer

NUMPY_ACTIVATIONS = {
    "step": lambda z: (z > 0).astype(float),
    "linear": lambda z: z.copy(),
    "sigmoid": lambda z: 1 / (1 + np.exp(-z)),
    "tanh": np.tanh,
    "ReLU": relu,
}


def test_activation_explorer_has_labelled_sliders_and_the_five_activations():
    demo = activation_explorer()
    assert_demo_layout(demo, [demo.weight, demo.bias], ["w (weight)", "b (bias)"])
    assert tuple(demo.activation.options) == ("step", "linear", "sigmoid", "tanh", "ReLU")
    assert demo.x.shape == (401,) and demo.x[0] == -2 and demo.x[-1] == 2
    with pytest.raises(ValueError, match="softplus"):
        activation_explorer({"softplus": np.log1p})


@pytest.mark.parametrize("name", list(NUMPY_ACTIVATIONS))
def test_activation_explorer_draws_the_students_activation_of_w_x_plus_b(name):
    calls = []
    demo = activation_explorer({name: spying(NUMPY_ACTIVATIONS[name], calls)})
    demo.activation.value = name
    demo.weight.value, demo.bias.value = 1.5, -0.5
    z = 1.5 * demo.x - 0.5
    assert np.array_equal(calls[-1], z)
    assert np.allclose(demo.line.get_ydata(), NUMPY_ACTIVATIONS[name](z))
    assert np.allclose(demo.line.get_ydata(), REFERENCE_ACTIVATIONS[name](z))
    assert not demo.reference_line.get_visible()
    assert f"<b>{name}</b>" in demo.readout.value and "<b>w</b> = +1.50" in demo.readout.value
    assert "<b>b</b> = -0.50" in demo.readout.value and "computed by your" in demo.readout.value
    assert "✓" in demo.note.value


def test_activation_explorer_readout_shows_each_formula():
    demo = activation_explorer()
    formulas = {
        "step": "y = 1 if z > 0, else 0",
        "linear": "y = z",
        "sigmoid": "y = 1 / (1 + e<sup>−z</sup>)",
        "tanh": "y = tanh(z)",
        "ReLU": "y = max(0, z)",
    }
    for name, formula in formulas.items():
        demo.activation.value = name
        assert formula in text(demo.readout)


def test_activation_explorer_uses_the_reference_for_names_not_given_and_says_so():
    calls = []
    demo = activation_explorer({"ReLU": spying(relu, calls)})
    demo.activation.value = "tanh"
    calls.clear()
    demo.weight.value = 2.0
    assert not calls
    assert np.allclose(demo.line.get_ydata(), np.tanh(2.0 * demo.x))
    assert (
        "Pass your <code>tanh</code>" in demo.note.value
        and "the reference tanh" in demo.readout.value
    )


def test_activation_explorer_falls_back_when_the_exercise_is_unfinished():
    def sigmoid(z):
        raise NotImplementedError()

    demo = activation_explorer({"sigmoid": sigmoid}, exercise="Exercise 2")
    demo.activation.value = "sigmoid"
    demo.weight.value = 2.0
    assert np.allclose(demo.line.get_ydata(), 1 / (1 + np.exp(-2.0 * demo.x)))
    assert "`sigmoid` is not written yet" in demo.note.value and "Exercise 2" in demo.note.value
    assert not demo.reference_line.get_visible()


def test_activation_explorer_draws_a_wrong_activation_beside_the_dashed_correct_one():
    def relu(z):
        return np.abs(z)

    demo = activation_explorer({"ReLU": relu})
    demo.activation.value = "ReLU"
    assert np.allclose(demo.line.get_ydata(), np.abs(demo.x))
    assert demo.reference_line.get_visible() and demo.reference_line.get_linestyle() == "--"
    assert np.allclose(demo.reference_line.get_ydata(), np.maximum(0, demo.x))
    assert "`relu` gives 2 at z = -2, but the correct value is 0" in demo.note.value


@pytest.mark.parametrize("name", ["step", "ReLU"])
def test_the_switch_point_is_drawn_and_read_out_for_step_and_relu(name):
    demo = activation_explorer()
    demo.activation.value = name
    demo.weight.value, demo.bias.value = 2.0, -1.0
    assert "the neuron switches on at x = 0.50" in text(demo.readout)
    assert demo.switch_line.get_visible() and list(demo.switch_line.get_xdata()) == [0.5, 0.5]
    assert demo.switch_label.get_text() == "off | on" and demo.switch_label.get_position()[0] == 0.5

    demo.weight.value, demo.bias.value = -2.0, -1.0
    assert "the neuron switches off at x = -0.50" in text(demo.readout)
    assert (
        list(demo.switch_line.get_xdata()) == [-0.5, -0.5]
        and demo.switch_label.get_text() == "on | off"
    )

    demo.weight.value = 0.0
    assert "never switches (w = 0)" in text(demo.readout)
    assert not demo.switch_line.get_visible() and not demo.switch_label.get_visible()

    demo.weight.value, demo.bias.value = 0.5, -1.5
    assert "switches on at x = 3.00 (off the plot)" in text(demo.readout)
    assert not demo.switch_line.get_visible()


def test_the_switch_line_is_hidden_for_smooth_activations():
    demo = activation_explorer()
    demo.activation.value = "ReLU"
    assert demo.switch_line.get_visible()
    for name in ("linear", "sigmoid", "tanh"):
        demo.activation.value = name
        assert not demo.switch_line.get_visible() and "switches" not in demo.readout.value


def test_the_reference_activations_are_exact_and_sigmoid_does_not_overflow():
    z = np.array([-1e4, -3.0, 0.0, 3.0, 1e4])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        sigmoid = REFERENCE_ACTIVATIONS["sigmoid"](z)
    assert np.allclose(
        sigmoid, [0.0, 1 / (1 + np.exp(3)), 0.5, 1 / (1 + np.exp(-3)), 1.0], rtol=1e-12, atol=0
    )
    assert list(REFERENCE_ACTIVATIONS["step"](z)) == [0, 0, 0, 1, 1]
    assert list(REFERENCE_ACTIVATIONS["ReLU"](z)) == [0, 0, 0, 3, 1e4]
    assert list(REFERENCE_ACTIVATIONS["linear"](z)) == list(z)


def test_activation_explorer_reset_restores_w_and_b_with_one_redraw():
    demo = activation_explorer()
    demo.activation.value = "ReLU"
    demo.weight.value, demo.bias.value = -2.5, 1.5
    assert redraws(demo, demo.reset_button.click) == 1
    assert (demo.weight.value, demo.bias.value) == (1.0, 0.0) and demo.activation.value == "ReLU"
    assert np.allclose(demo.line.get_ydata(), np.maximum(0, demo.x))


def test_activation_explorer_axes_and_artists_stay_fixed():
    demo = activation_explorer(NUMPY_ACTIVATIONS)
    names = list(NUMPY_ACTIVATIONS)
    assert_fixed_under_events(
        demo,
        [demo.weight, demo.bias],
        ActivationExplorer.X_LIMITS,
        ActivationExplorer.Y_LIMITS,
        extra=lambda k: setattr(demo.activation, "value", names[k % 5]) if k % 7 == 0 else None,
    )


# ----------------------------------------------------------------------------- two ReLU neurons


def pair_output(x, w1, b1, w2, b2):
    return np.maximum(0, w2 * np.maximum(0, w1 * x + b1) + b2)


def test_relu_pair_has_four_labelled_sliders():
    demo = relu_pair(relu)
    assert_demo_layout(
        demo,
        [demo.w1, demo.b1, demo.w2, demo.b2],
        ["w₁ (weight 1)", "b₁ (bias 1)", "w₂ (weight 2)", "b₂ (bias 2)"],
    )
    assert all((s.min, s.max) == (-3, 3) for s in (demo.w1, demo.b1, demo.w2, demo.b2))


def test_relu_pair_starts_at_the_books_fig_4_18():
    demo = relu_pair(relu)
    x, y = demo.x, demo.line.get_ydata()
    assert (demo.w1.value, demo.b1.value, demo.w2.value, demo.b2.value) == (-1.0, 0.5, -2.0, 1.0)
    assert np.allclose(y[x <= 0], 0) and np.allclose(y[x >= 0.5], 1)
    inside = (x > 0) & (x < 0.5)
    assert np.allclose(y[inside], 2 * x[inside])


def test_relu_pair_draws_both_neurons_with_the_students_relu():
    calls = []
    demo = relu_pair(spying(relu, calls))
    calls.clear()
    demo.w1.value, demo.b1.value, demo.w2.value, demo.b2.value = 1.5, -0.5, -1.0, 1.0
    x = demo.x
    hidden = np.maximum(0, 1.5 * x - 0.5)
    assert np.array_equal(calls[-2], 1.5 * x - 0.5) and np.allclose(calls[-1], -1.0 * hidden + 1.0)
    assert np.allclose(demo.hidden_line.get_ydata(), hidden)
    assert np.allclose(demo.line.get_ydata(), pair_output(x, 1.5, -0.5, -1.0, 1.0))
    assert "computed by your <code>relu</code>" in demo.readout.value and "✓" in demo.note.value
    assert not demo.reference_line.get_visible()


def test_relu_pair_area_of_effect_for_the_start_values():
    demo = relu_pair(relu)
    low, high = demo.area_of_effect
    assert abs(low - 0.0) <= 0.02 and abs(high - 0.5) <= 0.02
    assert demo.area.get_visible() and demo.area.get_hatch() == "//"
    assert np.isclose(demo.area.get_x(), low) and np.isclose(demo.area.get_width(), high - low)
    assert (
        list(demo.activation_line.get_xdata()) == [low, low] and demo.activation_line.get_visible()
    )
    assert (
        list(demo.deactivation_line.get_xdata()) == [high, high]
        and demo.deactivation_line.get_visible()
    )
    assert demo.activation_label.get_text() == "activation\nx = 0.00"
    assert demo.deactivation_label.get_text() == "deactivation\nx = 0.50"
    assert "area of effect: 0.00 < x < 0.50" in text(demo.readout)


@pytest.mark.parametrize(
    "w1, b1, w2, b2",
    [
        (-1.0, 0.5, -2.0, 1.0),
        (1.0, 0.0, -1.0, 0.7),
        (2.0, -1.0, 1.0, -0.5),
        (-1.5, 0.3, 1.0, 0.2),
        (0.5, 0.5, 2.0, -1.0),
        (1.0, 1.0, 1.0, 0.0),
        (-0.5, -1.0, 1.5, 0.5),
        (1.2, -0.3, -0.8, 2.5),
    ],
)
def test_relu_pair_area_of_effect_is_where_the_sampled_output_changes(w1, b1, w2, b2):
    demo = relu_pair(relu)
    demo.w1.value, demo.b1.value, demo.w2.value, demo.b2.value = w1, b1, w2, b2
    x, y = demo.x, demo.line.get_ydata()
    moving = np.abs(np.diff(y)) > 1e-12
    spacing = x[1] - x[0]
    if not moving.any():
        assert (
            demo.area_of_effect is None
            or demo.area_of_effect[1] <= -2
            or demo.area_of_effect[0] >= 2
        )
        return
    low, high = demo.area_of_effect
    assert max(low, -2.0) == pytest.approx(x[:-1][moving].min(), abs=spacing)
    assert min(high, 2.0) == pytest.approx(x[1:][moving].max(), abs=spacing)


def test_relu_pair_with_a_constant_output_has_no_area_of_effect():
    demo = relu_pair(relu)
    demo.w2.value = 0.0
    assert demo.area_of_effect is None
    assert "no area of effect: the output is 1.00 for every x" in text(demo.readout)
    assert not demo.area.get_visible() and not demo.activation_line.get_visible()
    assert not demo.deactivation_line.get_visible() and not demo.deactivation_label.get_visible()
    demo.w2.value, demo.w1.value, demo.b1.value, demo.b2.value = 1.0, 1.0, 0.0, 0.0
    assert demo.area_of_effect == (0.0, float("inf"))
    assert (
        "area of effect: x > 0.00" in text(demo.readout)
        and not demo.deactivation_line.get_visible()
    )
    assert demo.area.get_x() == 0.0 and demo.area.get_width() == 2.0


def test_relu_pair_falls_back_when_relu_is_unfinished():
    demo = relu_pair(unfinished)
    demo.b2.value = 0.5
    assert np.allclose(demo.line.get_ydata(), pair_output(demo.x, -1.0, 0.5, -2.0, 0.5))
    assert "`unfinished` is not written yet" in demo.note.value and "Exercise 4" in demo.note.value
    assert demo.note.value.count("⚠") == 1 and "the reference ReLU" in demo.readout.value
    assert not demo.reference_line.get_visible()


def test_relu_pair_draws_a_wrong_relu_beside_the_dashed_correct_output():
    def relu(z):
        return np.maximum(0, z) + 0.25

    demo = relu_pair(relu)
    x = demo.x
    assert np.allclose(
        demo.line.get_ydata(), np.maximum(0, -2.0 * (np.maximum(0, 0.5 - x) + 0.25) + 1.0) + 0.25
    )
    assert demo.reference_line.get_visible()
    assert np.allclose(demo.reference_line.get_ydata(), pair_output(x, -1.0, 0.5, -2.0, 1.0))
    assert "`relu` gives" in demo.note.value and "but the correct value is" in demo.note.value


def test_relu_pair_reset_restores_fig_4_18_with_one_redraw():
    demo = relu_pair(relu)
    demo.w1.value, demo.b1.value, demo.w2.value, demo.b2.value = 2.0, -2.0, 1.0, 3.0
    assert redraws(demo, demo.reset_button.click) == 1
    assert (demo.w1.value, demo.b1.value, demo.w2.value, demo.b2.value) == (-1.0, 0.5, -2.0, 1.0)
    assert np.allclose(demo.line.get_ydata(), pair_output(demo.x, -1.0, 0.5, -2.0, 1.0))
    assert demo.area_of_effect == (0.0, 0.5)


def test_relu_pair_axes_and_artists_stay_fixed():
    demo = relu_pair(relu)
    assert_fixed_under_events(
        demo, [demo.w1, demo.b1, demo.w2, demo.b2], ReluPair.X_LIMITS, ReluPair.Y_LIMITS
    )


# ----------------------------------------------------------------------------- fitting a sine


def network(x, p):
    h1 = np.maximum(0, np.outer(x, p["w1"]) + p["b1"])
    h2 = np.maximum(0, p["w2"] * h1 + p["b2"])
    return h2 @ p["wo"] + p["bo"]


def snapshot(parameters):
    return {k: np.array(v, copy=True) for k, v in parameters.items()}


def same(a, b):
    return a.keys() == b.keys() and all(np.array_equal(a[k], b[k]) for k in a)


def test_sine_fit_has_a_pair_selector_labelled_sliders_and_two_buttons():
    demo = sine_fit(relu)
    sliders = [demo.w1, demo.b1, demo.w2, demo.b2, demo.wo, demo.bo]
    assert_demo_layout(
        demo,
        sliders,
        [
            "w₁ (weight, layer 1)",
            "b₁ (bias, layer 1)",
            "w₂ (weight, layer 2)",
            "b₂ (bias, layer 2)",
            "wₒ (output weight)",
            "bₒ (output bias)",
        ],
    )
    assert [label for label, _ in demo.pair.options] == [f"pair {i}" for i in range(1, 9)]
    assert [(s.min, s.max) for s in sliders] == [
        (-10, 10),
        (-10, 10),
        (-3, 3),
        (-3, 3),
        (-3, 3),
        (-3, 3),
    ]
    assert all(s.step == 0.01 for s in sliders)
    assert demo.preset_button.description == "Hand-tuned preset"
    assert demo.x.shape == (201,) and np.allclose(demo.target, np.sin(2 * np.pi * demo.x))
    assert demo.target_line.get_linestyle() == "--" and demo.line.get_linestyle() == "-"


def test_the_hand_tuned_preset_fits_the_sine_within_the_slider_ranges():
    x = np.linspace(0, 1, 201)
    assert np.mean((network(x, HAND_TUNED_SINE) - np.sin(2 * np.pi * x)) ** 2) <= 0.005
    demo = sine_fit(relu)
    demo.preset_button.click()
    assert demo.mse <= 0.005 and f"MSE = {demo.mse:.4f}" in demo.readout.value
    assert same(demo.parameters, HAND_TUNED_SINE)
    ranges = {"w1": 10, "b1": 10, "w2": 3, "b2": 3, "wo": 3, "bo": 3}
    for key, limit in ranges.items():
        values = np.atleast_1d(HAND_TUNED_SINE[key])
        assert np.all(np.abs(values) <= limit)
        assert np.allclose(values * 100, np.round(values * 100))  # on the sliders' 0.01 steps
    for key in ("w1", "b1", "w2", "b2", "wo"):
        assert HAND_TUNED_SINE[key].shape == (8,)


def test_sine_fit_output_and_mse_follow_the_formula():
    calls = []
    demo = sine_fit(spying(relu, calls))
    demo.preset_button.click()
    assert calls[-2].shape == (201, 8) and np.allclose(
        calls[-2], np.outer(demo.x, demo.parameters["w1"]) + demo.parameters["b1"]
    )
    expected = network(demo.x, demo.parameters)
    assert np.allclose(demo.line.get_ydata(), expected) and np.allclose(
        demo.output(demo.x), expected
    )
    assert demo.mse == pytest.approx(
        np.mean((expected - np.sin(2 * np.pi * demo.x)) ** 2), abs=1e-12
    )
    x = np.array([0.1, 0.5])
    assert np.allclose(demo.output(x), network(x, demo.parameters))
    assert "your <code>relu</code>" in demo.readout.value and not demo.reference_line.get_visible()


def test_sine_fit_reset_sets_every_parameter_to_zero_with_one_redraw():
    demo = sine_fit(relu)
    demo.preset_button.click()
    demo.pair.value = 4
    assert redraws(demo, demo.reset_button.click) == 1
    assert all(
        np.array_equal(demo.parameters[k], np.zeros(8)) for k in ("w1", "b1", "w2", "b2", "wo")
    )
    assert demo.parameters["bo"] == 0.0
    assert all(s.value == 0.0 for s in (demo.w1, demo.b1, demo.w2, demo.b2, demo.wo, demo.bo))
    mean_square = np.mean(np.sin(2 * np.pi * demo.x) ** 2)
    assert demo.mse == pytest.approx(mean_square) and abs(demo.mse - 0.4975) < 1e-4
    assert "MSE = 0.4975" in demo.readout.value and np.allclose(demo.line.get_ydata(), 0)
    assert HAND_TUNED_SINE["w1"][0] != 0  # loading copied the preset: resetting left it alone


def test_switching_pairs_loads_the_sliders_and_changes_no_parameter():
    demo = sine_fit(relu)
    demo.preset_button.click()
    before, mse = snapshot(demo.parameters), demo.mse
    for i in (3, 7, 0, 5):
        assert redraws(demo, partial(setattr, demo.pair, "value", i)) == 1
        assert same(demo.parameters, before) and demo.mse == mse
        assert [demo.w1.value, demo.b1.value, demo.w2.value, demo.b2.value, demo.wo.value] == [
            HAND_TUNED_SINE[k][i] for k in ("w1", "b1", "w2", "b2", "wo")
        ]
        assert f"pair {i + 1}: w₁ = {HAND_TUNED_SINE['w1'][i]:+.2f}" in demo.readout.value


def test_a_slider_changes_only_the_selected_pairs_parameter():
    demo = sine_fit(relu)
    demo.preset_button.click()
    demo.pair.value = 2
    before = snapshot(demo.parameters)
    demo.b2.value = 0.5
    demo.bo.value = -0.25
    expected = snapshot(before)
    expected["b2"][2] = 0.5
    expected["bo"] = -0.25
    assert same(demo.parameters, expected)
    assert np.allclose(demo.line.get_ydata(), network(demo.x, expected))
    assert HAND_TUNED_SINE["b2"][2] == before["b2"][2]


def test_the_selected_pairs_area_of_effect_is_shaded():
    demo = sine_fit(relu)
    demo.preset_button.click()
    demo.pair.value = (
        3  # pair 4: from where its first neuron switches on to where its second switches off
    )
    low = -HAND_TUNED_SINE["b1"][3] / HAND_TUNED_SINE["w1"][3]
    high = (HAND_TUNED_SINE["b2"][3] - HAND_TUNED_SINE["b1"][3]) / HAND_TUNED_SINE["w1"][3]
    assert demo.area.get_visible() and demo.area.get_hatch() == "//"
    assert np.isclose(demo.area.get_x(), low) and np.isclose(
        demo.area.get_x() + demo.area.get_width(), high
    )
    assert demo.area_label.get_text() == "pair 4"
    assert "pair 4 shapes 0.38 < x < 0.62: its part falls there" in text(demo.readout)
    demo.pair.value = 7  # the offset pair changes the output everywhere by the same amount
    assert not demo.area.get_visible() and "no area of effect" in demo.readout.value


def pair_rows(parameters):
    """The (w1, b1, w2, b2, wo) of each of the 8 pairs, as an array of shape (8, 5)."""
    return np.stack([parameters[k] for k in ("w1", "b1", "w2", "b2", "wo")], axis=1)


def step(label_start):
    (found,) = [s for s in BOOK_STEPS if s.label.startswith(label_start)]
    return found


def test_the_book_steps_set_pair_1_parameter_by_parameter_as_figs_4_20_to_4_25_do():
    expected = [
        (0, 0, 0, 0, 0),  # Fig 4.20: every weight 0
        (1, 0, 1, 0, 1),  # Fig 4.21: the pair's weights 1
        (6, 0, 1, 0, 1),  # Fig 4.22: w1 = 6
        (6, 0, 1, 0.7, 1),  # Fig 4.23: b2 = 0.7
        (6, 0, -1, 0.7, 1),  # Fig 4.24: w2 = -1
        (6, 0, -1, 0.7, -1),  # Fig 4.25: wo = -1
    ]
    for number, (book_step, pair_1) in enumerate(zip(BOOK_STEPS, expected), start=20):
        assert book_step.label.startswith(f"Fig 4.{number} ")
        rows = pair_rows(book_step.parameters)
        assert np.array_equal(rows[0], pair_1) and not rows[1:].any()
        assert book_step.pair == 0 and book_step.parameters["bo"] == 0
    x = np.linspace(0, 1, 201)
    y = network(x, step("Fig 4.25").parameters)  # -relu(0.7 - 6x): rises from -0.7 to 0
    assert np.allclose(y, -np.maximum(0, 0.7 - 6 * x))
    assert area_of_effect(*BOOK_PAIRS[0][:4]) == pytest.approx((0, 0.7 / 6))


def test_the_offset_pair_adds_0_7_then_0_97_as_in_figs_4_26_and_4_31():
    x = np.linspace(0, 1, 201)
    fig_4_26 = step("Fig 4.26")
    assert fig_4_26.pair == OFFSET_PAIR == 7 and "pair 1 + offset" in fig_4_26.label
    assert np.array_equal(pair_rows(fig_4_26.parameters)[7], (0, 0, 0, 1.0, 0.7))
    assert np.allclose(network(x, fig_4_26.parameters), np.minimum(6 * x, 0.7))
    fig_4_31 = step("Fig 4.31")
    rows = pair_rows(fig_4_31.parameters)
    assert np.array_equal(rows[1], (3.5, -0.41, -1, 0.27, -1))  # the book's Figs 4.28-4.30
    assert np.array_equal(rows[7], (0, 0, 0, 1.0, 0.97)) and not rows[2:7].any()
    y = network(np.array([0.0, 0.7 / 6, 0.25]), fig_4_31.parameters)
    assert y == pytest.approx([0.0, 0.7, 0.97], abs=0.002)


def test_pair_2_switches_on_where_pair_1_switches_off():
    (_, end_1), (start_2, end_2) = (area_of_effect(*p[:4]) for p in BOOK_PAIRS[:2])
    assert start_2 == pytest.approx(end_1, abs=0.01 / 3.5) and end_2 == pytest.approx(
        0.194, abs=1e-3
    )
    assert [s.label for s in BOOK_STEPS[7:11]] == [
        "Fig 4.27 · pair 2: weights 1",
        "Fig 4.28 · pair 2: w₁ = 3.5, b₁ = −0.41",
        "Fig 4.29 · pair 2: w₂ = −1, b₂ = 0.27",
        "Fig 4.30 · pair 2: wₒ = −1",
    ]


def test_every_step_changes_only_its_own_pair_and_the_offset():
    for before, after in zip(BOOK_STEPS, BOOK_STEPS[1:]):
        changed = np.flatnonzero(
            (pair_rows(before.parameters) != pair_rows(after.parameters)).any(axis=1)
        )
        assert set(changed) <= {after.pair, OFFSET_PAIR} and after.pair in changed
        if OFFSET_PAIR in changed:
            assert after.label.endswith("+ offset")


def test_pairs_3_to_7_follow_the_sine_down_and_up_and_the_offset_returns_to_0():
    labels = [s.label for s in BOOK_STEPS[12:]]
    assert labels == [f"pairs 1–{n} + offset" for n in range(3, 7)] + [
        "Fig 4.33 · pairs 1–7 + offset"
    ]
    assert BOOK_STEPS[-1].parameters is HAND_TUNED_SINE and len(BOOK_STEPS) == 17
    offsets = [pair_rows(s.parameters)[7, 4] for s in BOOK_STEPS if s.label.endswith("offset")]
    assert offsets == [0.7, 0.97, 0.7, -0.7, -0.97, -0.7, 0.0]
    areas = [area_of_effect(*p[:4]) for p in BOOK_PAIRS]
    assert all(a[1] <= b[0] + 1e-3 for a, b in zip(areas, areas[1:]))  # side by side, in order
    assert areas[0][0] == 0 and areas[-1][1] == pytest.approx(1.0)
    x = np.linspace(0, 1, 201)
    for book_step in BOOK_STEPS:  # once the offset is set again, the output starts at 0
        if book_step.label.endswith("offset"):
            assert network(np.array([0.0]), book_step.parameters)[0] == pytest.approx(0, abs=1e-9)
    assert np.mean((network(x, HAND_TUNED_SINE) - np.sin(2 * np.pi * x)) ** 2) < 0.0003


def test_every_book_step_fits_the_sliders():
    for book_step in BOOK_STEPS:
        rows = pair_rows(book_step.parameters)
        assert np.all(np.abs(rows[:, :2]) <= 10) and np.all(np.abs(rows[:, 2:]) <= 3)
        assert np.allclose(rows * 100, np.round(rows * 100))


def test_choosing_a_book_step_loads_it_selects_its_pair_and_shows_what_it_does():
    demo = sine_fit(relu)
    assert demo.steps.value is None and [label for label, _ in demo.steps.options] == [
        s.label for s in BOOK_STEPS
    ]
    assert redraws(demo, partial(setattr, demo.steps, "value", 4)) == 1
    assert same(demo.parameters, BOOK_STEPS[4].parameters) and demo.pair.value == 0
    assert (demo.w1.value, demo.b2.value, demo.w2.value) == (6.0, 0.7, -1.0)
    assert "x = 0.7/6 ≈ 0.117" in text(demo.step_note)
    assert np.allclose(demo.line.get_ydata(), network(demo.x, BOOK_STEPS[4].parameters))
    assert redraws(demo, partial(setattr, demo.steps, "value", 11)) == 1
    assert demo.pair.value == OFFSET_PAIR and demo.wo.value == 0.97
    assert "no area of effect" in demo.readout.value
    demo.bo.value = 0.1  # the parameters are no longer the step's: the menu lets go of it
    assert demo.steps.value is None and demo.step_note.value == ""
    demo.steps.value = 11  # so that choosing the same step again loads it again
    assert same(demo.parameters, BOOK_STEPS[11].parameters)
    demo.reset_button.click()
    assert (
        demo.steps.value is None and demo.parameters["bo"] == 0 and not demo.parameters["wo"].any()
    )
    demo.steps.value = 3
    demo.preset_button.click()
    assert (
        demo.steps.value is None and demo.pair.value == 0 and same(demo.parameters, HAND_TUNED_SINE)
    )


def test_sine_fit_falls_back_when_relu_is_unfinished():
    demo = sine_fit(unfinished)
    demo.preset_button.click()
    assert demo.mse <= 0.005 and np.allclose(demo.output(demo.x), network(demo.x, HAND_TUNED_SINE))
    assert "`unfinished` is not written yet" in demo.note.value and "Exercise 4" in demo.note.value
    assert "the reference ReLU" in demo.readout.value and not demo.reference_line.get_visible()


def test_sine_fit_draws_a_wrong_relu_beside_the_dotted_correct_output():
    def relu(z):
        return np.abs(z)

    demo = sine_fit(relu)
    demo.preset_button.click()
    wrong = (
        np.abs(
            demo.parameters["w2"]
            * np.abs(np.outer(demo.x, demo.parameters["w1"]) + demo.parameters["b1"])
            + demo.parameters["b2"]
        )
        @ demo.parameters["wo"]
        + demo.parameters["bo"]
    )
    assert np.allclose(demo.line.get_ydata(), wrong)
    assert demo.reference_line.get_visible()
    assert np.allclose(demo.reference_line.get_ydata(), network(demo.x, HAND_TUNED_SINE))
    assert (
        "`relu` gives" in demo.note.value
        and "the correct network output is dotted" in demo.note.value
    )


def test_sine_fit_axes_and_artists_stay_fixed():
    demo = sine_fit(relu)
    demo.preset_button.click()
    assert_fixed_under_events(
        demo,
        [demo.w1, demo.b1, demo.w2, demo.b2, demo.wo, demo.bo],
        SineFit.X_LIMITS,
        SineFit.Y_LIMITS,
        extra=lambda k: setattr(demo.pair, "value", k % 8) if k % 5 == 0 else None,
    )


# ----------------------------------------------------------------------------- softmax

BOOK_PROBABILITIES = [0.8952826639573506, 0.024708306782070668, 0.08000902926057876]


def softmax(inputs):
    exp = np.exp(inputs - np.max(inputs, axis=1, keepdims=True))
    return exp / np.sum(exp, axis=1, keepdims=True)


def test_softmax_bars_has_labelled_logit_and_temperature_sliders():
    demo = softmax_bars(softmax)
    assert_demo_layout(
        demo,
        [demo.z0, demo.z1, demo.z2, demo.temperature],
        ["z₀ (logit, class 0)", "z₁ (logit, class 1)", "z₂ (logit, class 2)", "T (temperature)"],
    )
    assert [(s.min, s.max) for s in (demo.z0, demo.z1, demo.z2)] == [(-5, 10)] * 3
    assert (demo.temperature.min, demo.temperature.max, demo.temperature.value) == (0.1, 5, 1.0)


def test_softmax_bars_start_at_the_books_probabilities():
    calls = []
    demo = softmax_bars(spying(softmax, calls))
    assert (demo.z0.value, demo.z1.value, demo.z2.value) == (4.8, 1.21, 2.385)
    assert calls[-1].shape == (1, 3) and np.allclose(calls[-1], [[4.8, 1.21, 2.385]])
    assert isinstance(demo.probabilities, np.ndarray) and demo.probabilities.shape == (3,)
    assert np.allclose(demo.probabilities, BOOK_PROBABILITIES, rtol=0, atol=1e-9)
    assert abs(demo.probabilities.sum() - 1) < 1e-12
    assert [b.get_height() for b in demo.bars] == list(demo.probabilities)
    assert [t.get_text() for t in demo.value_labels] == ["0.8953 (max)", "0.0247", "0.0800"]
    readout = text(demo.readout)
    for part in (
        "p0 = 0.8953",
        "p1 = 0.0247",
        "p2 = 0.0800",
        "Σ p = 1.0000",
        "z0 = +4.800",
        "z2 = +2.385",
    ):
        assert part in readout.replace("<sub>", "").replace("</sub>", "").replace(
            "<b>", ""
        ).replace("</b>", "")
    assert "your <code>softmax</code>" in demo.readout.value and "✓" in demo.note.value


def test_softmax_bars_divide_the_logits_by_the_temperature():
    calls = []
    demo = softmax_bars(spying(softmax, calls))
    demo.temperature.value = 2.0
    assert np.allclose(calls[-1], [[2.4, 0.605, 1.1925]])
    assert np.allclose(demo.probabilities, softmax(np.array([[2.4, 0.605, 1.1925]]))[0])
    spread_at_2 = np.ptp(demo.probabilities)
    demo.temperature.value = 5.0
    assert np.ptp(demo.probabilities) < spread_at_2 < np.ptp(BOOK_PROBABILITIES)
    entropy = -np.sum(demo.probabilities * np.log(demo.probabilities))
    assert entropy > -np.sum(np.array(BOOK_PROBABILITIES) * np.log(BOOK_PROBABILITIES))


def test_the_most_probable_bar_is_hatched_as_well_as_coloured():
    demo = softmax_bars(softmax)
    assert [b.get_hatch() or "" for b in demo.bars] == ["//", "", ""]
    assert demo.bars[0].get_facecolor() != demo.bars[1].get_facecolor()
    demo.z2.value = 9.0
    assert [b.get_hatch() or "" for b in demo.bars] == ["", "", "//"]
    assert demo.value_labels[2].get_text().endswith("(max)")


@pytest.mark.parametrize("student", [softmax, None])
def test_huge_logits_give_no_nan(student):
    demo = softmax_bars(student)
    demo.temperature.value = 0.1
    demo.z0.value = demo.z1.value = demo.z2.value = 10.0  # 100 after dividing by T
    assert np.all(np.isfinite(demo.probabilities)) and np.allclose(demo.probabilities, 1 / 3)
    demo.z1.value = demo.z2.value = -5.0
    assert np.all(np.isfinite(demo.probabilities)) and np.allclose(demo.probabilities, [1, 0, 0])
    assert "Σ p = 1.0000" in demo.readout.value and "nan" not in demo.readout.value


def test_softmax_bars_fall_back_when_softmax_is_unfinished_or_has_the_wrong_shape():
    def softmax(inputs):
        raise NotImplementedError()

    demo = softmax_bars(softmax)
    assert np.allclose(demo.probabilities, BOOK_PROBABILITIES, atol=1e-9)
    assert "`softmax` is not written yet" in demo.note.value and "Exercise 3" in demo.note.value
    assert "the reference softmax" in demo.readout.value

    def flat(inputs):
        exp = np.exp(inputs[0])
        return exp / exp.sum()

    demo = softmax_bars(flat)
    assert np.allclose(demo.probabilities, BOOK_PROBABILITIES, atol=1e-9)
    assert "returned shape (3,) for input of shape (1, 3)" in demo.note.value
    assert not any(b.get_visible() for b in demo.reference_bars)


def test_a_wrong_softmax_is_drawn_beside_dashed_outlines_of_the_correct_bars():
    def softmax(inputs):
        return np.exp(inputs)  # not normalised

    demo = softmax_bars(softmax)
    assert np.allclose(demo.probabilities, np.exp([4.8, 1.21, 2.385]))
    assert "Σ p = " in demo.readout.value and "Σ p = 1.0000" not in demo.readout.value
    assert all(b.get_visible() and b.get_linestyle() == "--" for b in demo.reference_bars)
    assert np.allclose([b.get_height() for b in demo.reference_bars], BOOK_PROBABILITIES)
    assert "`softmax` gives 121.5 at position (0, 0)" in demo.note.value
    assert (
        demo.figure.axes[0].get_ylim() == SoftmaxBars.Y_LIMITS
    )  # a bar too tall runs off, the axes stay


def test_softmax_bars_reset_restores_the_books_logits_with_one_redraw():
    demo = softmax_bars(softmax)
    demo.z0.value, demo.z1.value, demo.z2.value, demo.temperature.value = -1.0, 7.0, 0.0, 3.0
    assert redraws(demo, demo.reset_button.click) == 1
    assert (demo.z0.value, demo.z1.value, demo.z2.value, demo.temperature.value) == (
        4.8,
        1.21,
        2.385,
        1.0,
    )
    assert np.allclose(demo.probabilities, BOOK_PROBABILITIES, atol=1e-9)


def test_softmax_bars_axes_and_artists_stay_fixed():
    demo = softmax_bars(softmax)
    (ax,) = demo.figure.axes
    xlim = ax.get_xlim()
    assert_fixed_under_events(
        demo, [demo.z0, demo.z1, demo.z2, demo.temperature], xlim, SoftmaxBars.Y_LIMITS
    )
    assert len(ax.patches) == 6 and len(ax.texts) == 3


# ------------------------------------------------------------------------- dense layer on the plane


class StudentDense:
    """A student's DenseLayer, as notebook 05 asks for it (counting forward calls)."""

    calls = 0

    def __init__(self, n_inputs, n_neurons, rng):
        self.weights = 0.01 * rng.standard_normal((n_inputs, n_neurons))
        self.biases = np.zeros((1, n_neurons))

    def forward(self, inputs):
        StudentDense.calls += 1
        self.output = np.dot(inputs, self.weights) + self.biases
        return self.output


def test_dense_explorer_draws_each_neurons_output_from_the_students_layer():
    demo = dense_explorer(StudentDense)
    calls = StudentDense.calls
    demo.neuron.value = 2
    demo.w1.value, demo.w2.value, demo.b.value = 0.5, -2.0, 0.25
    assert StudentDense.calls > calls
    assert np.array_equal(demo.weights[:, 2], [0.5, -2.0]) and demo.biases[0, 2] == 0.25
    expected = demo.grid @ demo.weights + demo.biases
    for j, image in enumerate(demo.images):
        assert np.allclose(
            np.asarray(image.get_array()), expected[:, j].reshape(image.get_array().shape)
        )
    assert "neuron 3</b>: output = +0.50·x₁ -2.00·x₂ +0.25" in text(demo.readout)
    assert (
        "computed by your <code>StudentDense</code>" in text(demo.readout)
        and "✓" in demo.note.value
    )


def test_dense_explorer_zero_line_and_signs_sit_where_the_output_is_zero_positive_and_negative():
    demo = dense_explorer(StudentDense)
    demo.w1.value, demo.w2.value, demo.b.value = 1.0, 1.0, -0.5
    xs, ys = demo.zero_lines[0].get_data()
    assert np.allclose(np.add(xs, ys) - 0.5, 0.0)
    plus, minus = demo.signs[0]
    assert sum(plus.get_position()) - 0.5 > 0 > sum(minus.get_position()) - 0.5
    demo.w1.value = demo.w2.value = 0.0
    assert not demo.zero_lines[0].get_visible() and not plus.get_visible()
    assert "the same everywhere" in text(demo.readout)


def test_dense_explorer_pictures_depend_only_on_the_parameters_not_on_the_way_there():
    demo = dense_explorer(StudentDense)
    for value in np.linspace(-3, 3, 30):
        demo.w1.value = float(value)
    demo.neuron.value = 2
    demo.b.value = -1.0
    fresh = dense_explorer(StudentDense)
    fresh.weights[:], fresh.biases[:] = demo.weights, demo.biases
    fresh.neuron.value = 2  # loads the sliders from the parameters and redraws
    assert fresh.canvas.marks == demo.canvas.marks and fresh.canvas.key == demo.canvas.key


def test_dense_explorer_falls_back_while_the_class_is_unfinished_or_wrong():
    class DenseLayer:
        def __init__(self, n_inputs, n_neurons, rng):
            raise NotImplementedError()

    demo = dense_explorer(DenseLayer)
    assert "`DenseLayer.__init__` is not written yet" in demo.note.value
    assert np.allclose(demo.outputs, demo.grid @ demo.weights + demo.biases)

    class NoBiases(StudentDense):
        def forward(self, inputs):
            return np.dot(inputs, self.weights)

    demo = dense_explorer(NoBiases)
    demo.neuron.value = 2  # the starting bias of neuron 2 is 0.3
    assert "but the correct value is" in demo.note.value
    assert np.allclose(demo.outputs, demo.grid @ demo.weights)


def test_dense_explorer_switching_neurons_changes_no_parameter_and_reset_restores_the_start():
    demo = dense_explorer(StudentDense)
    demo.w2.value = 2.5
    weights, biases = demo.weights.copy(), demo.biases.copy()
    demo.neuron.value = 1
    assert np.array_equal(demo.weights, weights) and np.array_equal(demo.biases, biases)
    assert (demo.w1.value, demo.w2.value, demo.b.value) == (0.0, 1.0, 0.0)
    assert redraws(demo, demo.reset_button.click) == 1
    assert np.array_equal(demo.weights, DenseExplorer.START_WEIGHTS)


# ----------------------------------------------------------------------------- matmul stepper


def matmul(a, b):
    return [[sum(x * y for x, y in zip(row, column)) for column in zip(*b)] for row in a]


def test_the_stepper_highlights_the_row_and_column_that_make_each_output():
    demo = matmul_stepper(matmul)
    assert_demo_layout(demo, [demo.step], ["output"])
    assert (demo.step.min, demo.step.max) == (1, 9)
    for step in range(1, 10):
        demo.step.value = step
        i, j = divmod(step - 1, 3)
        assert demo.row_box.get_xy() == (MatmulStepper.INPUTS_AT, 3.0 - i)
        assert demo.column_box.get_xy() == (MatmulStepper.WEIGHTS_AT + j, 0.0)
        assert demo.cell_box.get_xy() == (MatmulStepper.OUTPUTS_AT + j, 3.0 - i)
        shown = [t.get_text() for t in demo.output_texts]
        assert all(shown[:step]) and not any(shown[step:])  # the outputs so far
    # The book's layer outputs without their biases (2, 3, 0.5): the sums written out.
    assert np.allclose(
        demo.outputs, [[2.8, -1.79, 1.885], [6.9, -4.81, -0.3], [-0.59, -1.949, -0.474]]
    )
    demo.step.value = 5
    assert "= 2·0.5 + 5·(-0.91) + (-1)·0.26 + 2·(-0.5)" in text(demo.readout)
    assert "<b>-4.81</b>" in demo.readout.value and "your <code>matmul</code>" in demo.readout.value


def test_the_stepper_falls_back_to_numpy_while_matmul_is_unfinished_or_wrong():
    def unfinished(a, b):
        raise NotImplementedError()

    demo = matmul_stepper(unfinished)
    assert "not written yet" in demo.note.value and "numpy's" in demo.readout.value
    assert np.allclose(demo.outputs, MatmulStepper(None).outputs)

    def transposed(a, b):  # a classic: the outputs' rows and columns swapped
        return [list(column) for column in zip(*matmul(a, b))]

    demo = matmul_stepper(transposed)
    assert "correct value" in demo.note.value
    assert np.allclose(demo.outputs, np.transpose(MatmulStepper(None).outputs))
    assert redraws(demo, demo.reset_button.click) == 1


# ----------------------------------------------------------------------------- tangent and step


def numerical_derivative(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / (2 * h)


def test_tangent_slope_has_a_curve_menu_and_labelled_step_and_point_sliders():
    demo = tangent_slope(numerical_derivative)
    assert_demo_layout(demo, [demo.log_step, demo.point], ["log₁₀ h (step)", "x₀ (point)"])
    assert tuple(demo.shape.options) == ("2x² (the book's)", "tanh(x)")
    assert (demo.log_step.min, demo.log_step.max, demo.log_step.step) == (-15, 0.5, 0.1)
    assert demo.steps.shape == (156,) and demo.steps[0] == 1e-15
    assert np.isclose(demo.steps[-1], 10**0.5)


def test_tangent_slope_starts_at_the_books_point_with_the_students_central_difference():
    calls = []

    def spy(f, x, h=1e-5):
        calls.append((x, h))
        return numerical_derivative(f, x, h)

    demo = tangent_slope(spy)
    assert demo.shape.value == "2x² (the book's)" and demo.point.value == 1.0
    assert {x for x, _ in calls} == {1.0} and sorted(h for _, h in calls) == sorted(demo.steps)
    h = 10**-0.5
    assert np.isclose(demo.h, h) and demo.slope == 4.0
    assert np.isclose(demo.estimate, 4.0, rtol=0, atol=1e-12)  # exact for a parabola
    assert np.isclose(demo.forward, 4 + 2 * h)  # the forward difference is off by 2h
    xs, ys = demo.tangent.get_data()
    assert np.allclose(np.diff(ys) / np.diff(xs), 4.0) and np.isclose(np.interp(1.0, xs, ys), 2.0)
    px, py = demo.points.get_data()
    assert np.allclose(px, [1 - h, 1 + h]) and np.allclose(py, [2 * (1 - h) ** 2, 2 * (1 + h) ** 2])
    assert np.allclose(np.interp(px, *demo.central_secant.get_data()), py)  # through x0 ± h
    assert np.allclose(np.interp([1.0, 1 + h], *demo.forward_secant.get_data()), [2.0, py[1]])
    assert demo.point_mark.get_data() == ([1.0], [2.0])
    readout = text(demo.readout)
    assert "f(x) = 2x²" in readout and "true slope f′(x₀) = 4x₀ = <b>4.0000000000</b>" in readout
    assert "error 6.3e-01" in readout and "your <code>spy</code>" in readout
    assert "✓" in demo.note.value and not demo.reference_secant.get_visible()


def test_a_step_too_large_or_too_small_misses_the_slope_that_h_near_1e_5_finds():
    demo = tangent_slope(numerical_derivative)
    demo.shape.value = "tanh(x)"
    errors = {}
    for exponent in (0.0, -5.0, -13.0):
        demo.log_step.value = exponent
        errors[exponent] = abs(demo.estimate - demo.slope)
    assert errors[-5.0] < 1e-9 < 1e-5 < errors[-13.0] and errors[0.0] > 1e-2
    assert np.isclose(demo.slope, 1 - np.tanh(1.0) ** 2)
    xs, ys = demo.error_marks.get_data()  # the dots sit at h, at both errors
    assert np.allclose(xs, [1e-13, 1e-13]) and np.isclose(ys[0], errors[-13.0])
    assert demo.step_line.get_xdata()[0] == demo.h


def test_the_central_error_falls_like_h_squared_and_the_forward_one_like_h():
    demo = tangent_slope(numerical_derivative)
    demo.shape.value = "tanh(x)"
    central, forward = demo.central_errors.get_ydata(), demo.forward_errors.get_ydata()
    at = {e: int(np.argmin(np.abs(np.log10(demo.steps) - e))) for e in (-2, -3)}
    assert np.isclose(central[at[-2]] / central[at[-3]], 100, rtol=0.05)
    assert np.isclose(forward[at[-2]] / forward[at[-3]], 10, rtol=0.05)


def test_the_central_difference_of_the_books_parabola_is_exact_but_for_rounding():
    demo = tangent_slope(numerical_derivative)
    central, forward = demo.central_errors.get_ydata(), demo.forward_errors.get_ydata()
    large, tiny = demo.steps >= 1e-3, demo.steps <= 1e-12
    assert central[large].max() < 1e-12 and np.allclose(forward[large], 2 * demo.steps[large])
    assert np.median(central[tiny]) > 1e-6  # rounding, about 1e-16 / h
    assert central.min() >= TangentSlope.ERROR_LIMITS[0]  # an exact 0 is drawn at the bottom


def test_tangent_slope_falls_back_while_numerical_derivative_is_unfinished():
    def numerical_derivative(f, x, h=1e-5):
        raise NotImplementedError()

    demo = tangent_slope(numerical_derivative)
    assert np.isclose(demo.estimate, 4.0)
    assert "`numerical_derivative` is not written yet" in demo.note.value
    assert "Exercise 1" in demo.note.value
    assert "the reference central difference" in demo.readout.value
    assert not demo.reference_secant.get_visible()


def test_a_forward_difference_is_drawn_beside_the_dotted_correct_central_secant():
    def numerical_derivative(f, x, h=1e-5):
        return (f(x + h) - f(x)) / h

    demo = tangent_slope(numerical_derivative)
    assert np.isclose(demo.estimate, demo.forward)
    assert demo.reference_secant.get_visible() and demo.reference_secant.get_linestyle() == ":"
    assert demo.reference_errors.get_visible()
    assert np.allclose(demo.central_errors.get_ydata(), demo.forward_errors.get_ydata())
    assert "gives 10.32 at h = 3.16, but the correct value is 4 (dotted line)" in demo.note.value
    assert "your <code>numerical_derivative</code>" in demo.readout.value


def test_tangent_slope_without_a_function_draws_the_reference_and_invites_the_students_own():
    demo = tangent_slope()
    assert np.isclose(demo.estimate, 4.0)
    assert "Pass your <code>numerical_derivative</code>" in demo.note.value


def test_tangent_slope_reset_restores_the_books_curve_point_and_step_with_one_redraw():
    demo = tangent_slope(numerical_derivative)
    demo.shape.value, demo.point.value, demo.log_step.value = "tanh(x)", -0.7, -9.0
    assert redraws(demo, demo.reset_button.click) == 1
    assert (demo.shape.value, demo.point.value, demo.log_step.value) == (
        "2x² (the book's)",
        1.0,
        -0.5,
    )
    assert np.isclose(demo.estimate, 4.0)


def test_tangent_slope_axes_and_artists_stay_fixed():
    demo = tangent_slope(numerical_derivative)
    axes = demo.figure.axes
    limits = [(ax.get_xlim(), ax.get_ylim()) for ax in axes]
    children = [len(ax.get_children()) for ax in axes]
    rng = np.random.default_rng(0)
    for k in range(40):
        slider = (demo.log_step, demo.point)[k % 2]
        slider.value = float(rng.uniform(slider.min, slider.max))
        if k % 10 == 0:
            demo.shape.value = list(SHAPES)[k // 10 % 2]
    assert demo.figure.axes == axes
    assert [(ax.get_xlim(), ax.get_ylim()) for ax in axes] == limits
    assert [len(ax.get_children()) for ax in axes] == children
    assert not any(ax.get_autoscalex_on() or ax.get_autoscaley_on() for ax in axes)


# ----------------------------------------------------------------------------- neuron graph


def neuron_gradients(inputs, weights, bias, dvalue):
    z = sum(x * w for x, w in zip(inputs, weights)) + bias
    dz = dvalue * (1.0 if z > 0 else 0.0)
    return [dz * w for w in weights], [dz * x for x in inputs], dz


def graph_texts(demo) -> dict:
    """Each node's two lines, value and gradient."""
    return {n: (demo.values[n].get_text(), demo.gradients[n].get_text()) for n in demo.values}


def test_the_neuron_graph_starts_at_the_books_neuron_and_its_gradients():
    calls = []

    def spy(*args):
        calls.append(args)
        return neuron_gradients(*args)

    spy.__name__ = "neuron_gradients"
    demo = neuron_graph(spy)
    assert_demo_layout(
        demo, [demo.x0, demo.w0, demo.bias], ["x₀ (input 0)", "w₀ (weight 0)", "b (bias)"]
    )
    assert calls[-1] == ([1.0, -2.0, 3.0], [-3.0, -1.0, 2.0], 1.0, 1.0)
    assert (demo.z, demo.output) == (6.0, 6.0)
    assert list(demo.dweights) == [1.0, -2.0, 3.0] and list(demo.dinputs) == [-3.0, -1.0, 2.0]
    assert demo.dbias == 1.0
    texts = graph_texts(demo)
    assert texts["x0"] == ("x₀ = 1.00", "∂L/∂x₀ = -3.00")
    assert texts["w2"] == ("w₂ = 2.00", "∂L/∂w₂ = 3.00")
    assert texts["p1"] == ("x₁·w₁ = 2.00", "∂L/∂(x₁w₁) = 1.00")
    assert texts["z"] == ("z = Σ + b = 6.00", "∂L/∂z = 1.00")
    assert texts["y"] == ("y = max(0, z) = 6.00", "∂L/∂y = 1.00")
    readout = text(demo.readout)
    # The book's step of 0.001 against the gradient, and the output after it.
    assert "w = [-3.001, -0.998, 1.997], b = 0.999, y = 5.985" in readout
    assert "your <code>neuron_gradients</code>" in readout and "✓" in demo.note.value


def test_a_weights_gradient_is_its_input_and_an_inputs_gradient_its_weight():
    demo = neuron_graph(neuron_gradients)
    demo.w0.value = 2.5
    assert demo.dweights[0] == 1.0 and demo.dinputs[0] == 2.5
    demo.x0.value = -1.5
    assert demo.dweights[0] == -1.5 and demo.dinputs[0] == 2.5
    assert graph_texts(demo)["x0"] == ("x₀ = -1.50", "∂L/∂x₀ = 2.50")
    edges = demo.edges
    assert edges["x0", "p0"].get_linewidth() > edges["w0", "p0"].get_linewidth()  # 2.5 > 1.5


def test_below_zero_relu_stops_every_gradient_and_the_edges_turn_dashed():
    demo = neuron_graph(neuron_gradients)
    demo.bias.value = -8.0  # z = -3
    assert demo.z == -3.0 and demo.output == 0.0
    assert not np.any(demo.dweights) and not np.any(demo.dinputs) and demo.dbias == 0.0
    assert all(gradient.endswith("= 0.00") for _, gradient in list(graph_texts(demo).values())[:-1])
    assert all(edge.get_linestyle() == "--" for edge in demo.edges.values())
    assert "ReLU is off" in text(demo.readout) and "-0.00" not in text(demo.readout)
    demo.bias.value = -5.0  # z = 0: the book's derivative at 0 is 0 too
    assert demo.z == 0.0 and demo.dbias == 0.0


def test_the_neuron_graph_falls_back_while_neuron_gradients_is_unfinished_or_malformed():
    def unfinished(inputs, weights, bias, dvalue):
        raise NotImplementedError()

    demo = neuron_graph(unfinished)
    assert "not written yet" in demo.note.value and "Exercise 1" in demo.note.value
    assert (
        list(demo.dweights) == [1.0, -2.0, 3.0] and "the reference gradients" in demo.readout.value
    )

    def two_things(inputs, weights, bias, dvalue):
        return neuron_gradients(inputs, weights, bias, dvalue)[:2]

    demo = neuron_graph(two_things)
    assert "raised ValueError" in demo.note.value and list(demo.dinputs) == [-3.0, -1.0, 2.0]


def test_wrong_gradients_are_drawn_and_the_note_names_the_first_wrong_one():
    def swapped(inputs, weights, bias, dvalue):
        dinputs, dweights, dbias = neuron_gradients(inputs, weights, bias, dvalue)
        return dweights, dinputs, dbias

    demo = neuron_graph(swapped)
    assert list(demo.dinputs) == [1.0, -2.0, 3.0]  # the student's values, as drawn
    note = html.unescape(demo.note.value)
    assert "`swapped` gives dinputs[0] = 1, but the correct value is -3" in note
    assert "your <code>swapped</code>" in demo.readout.value  # which drew them


def test_the_neuron_graph_reset_restores_the_book_with_one_redraw_and_the_axes_stay_fixed():
    demo = neuron_graph(neuron_gradients)
    (ax,) = demo.figure.axes
    assert_fixed_under_events(
        demo, [demo.x0, demo.w0, demo.bias], NeuronGraph.X_LIMITS, NeuronGraph.Y_LIMITS, events=80
    )
    assert redraws(demo, demo.reset_button.click) == 1
    assert (demo.x0.value, demo.w0.value, demo.bias.value) == (1.0, -3.0, 1.0)
    assert demo.z == 6.0 and list(demo.dweights) == [1.0, -2.0, 3.0]


# ----------------------------------------------------------------------------- optimizer paths

COURSE_OPTIMIZERS = {
    "SGD": optimizers.SGD,
    "Adagrad": optimizers.Adagrad,
    "RMSprop": optimizers.RMSprop,
    "Adam": optimizers.Adam,
}


def test_optimizer_paths_start_in_the_valley_where_momentum_and_adam_beat_gradient_descent():
    demo = optimizer_paths(COURSE_OPTIMIZERS)
    assert_demo_layout(demo, [demo.log_rate, demo.steps], ["log₁₀ learning rate", "steps"])
    assert demo.surface.value == "long narrow valley" and demo.steps.value == 40
    paths = demo.paths
    assert all(p.shape == (51, 2) for p in paths.values())
    loss = SURFACES["long narrow valley"].loss
    after = {label: loss(*p[40]) for label, p in paths.items()}
    assert after["momentum 0.9"] < after["gradient descent"] / 10
    assert after["Adam"] < after["gradient descent"] / 4
    # Plain gradient descent zig-zags across the valley: y changes sign step after step.
    assert np.all(np.diff(np.sign(paths["gradient descent"][:10, 1])) != 0)
    assert "✓" in demo.note.value and "your optimizer classes" in demo.readout.value


def test_optimizer_paths_follow_the_steps_slider_and_a_large_learning_rate_diverges():
    demo = optimizer_paths(COURSE_OPTIMIZERS)
    demo.steps.value = 5
    xs, _ = demo.lines["Adam"].get_data()
    assert len(xs) == 6
    demo.log_rate.value = 0.0  # 1.0: gradient descent's y grows by 9 each step
    assert "gradient descent: diverged" in text(demo.readout)


def test_optimizer_paths_fall_back_while_a_class_is_unfinished_or_moves_the_wrong_way():
    class Unfinished(optimizers.Adam):
        def update_params(self, layer):
            raise NotImplementedError()

    class Along(optimizers.SGD):
        def update_params(self, layer):
            layer.weights += self.current_learning_rate * layer.dweights
            layer.biases += self.current_learning_rate * layer.dbiases

    demo = optimizer_paths({**COURSE_OPTIMIZERS, "Adam": Unfinished, "SGD": Along})
    note = text(demo.note)
    assert "your Adam" in note and "not written yet" in note
    assert "your SGD's path (gradient descent) differs" in note
    reference = optimizer_paths(COURSE_OPTIMIZERS)
    assert np.array_equal(demo.paths["Adam"], reference.paths["Adam"])
    assert not np.allclose(demo.paths["gradient descent"], reference.paths["gradient descent"])
    assert "the course's optimizers and yours" in demo.readout.value
    assert "Pass your optimizer classes" in optimizer_paths().note.value


def test_a_learning_rate_event_draws_one_picture_in_a_few_milliseconds_of_cpu():
    """A guard against a picture that got far dearer (its speed is benchmarks/' business):
    CPU time, which another process's load does not inflate, with ample room."""
    demo = optimizer_paths(COURSE_OPTIMIZERS)
    demo._pictures_ahead = lambda: {"keys": [], "frames": []}  # this picture alone
    started = time.process_time()
    for value in np.arange(-2.5, 0.0, 0.1):
        demo.log_rate.value = round(float(value), 2)
    assert (time.process_time() - started) / 25 < 0.1  # about 8 ms on an idle machine


def test_optimizer_paths_reset_redraws_once_and_the_axes_stay_fixed():
    demo = optimizer_paths(COURSE_OPTIMIZERS)
    demo.surface.value = "saddle"
    assert_fixed_under_events(
        demo, [demo.log_rate, demo.steps], OptimizerPaths.LIMITS, OptimizerPaths.LIMITS, events=20
    )
    assert redraws(demo, demo.reset_button.click) == 1
    assert demo.surface.value == "long narrow valley" and demo.log_rate.value == -0.75


# ----------------------------------------------------------------------------- every demo


def with_preset(demo: SineFit) -> SineFit:
    demo.load_preset()
    return demo


EVERY_DEMO = {
    "neuron line": (lambda: neuron_line(neuron_output), "weight"),
    "matrix-product stepper": (lambda: matmul_stepper(matmul), "step"),
    "activation explorer": (lambda: activation_explorer({"ReLU": relu}), "bias"),
    "ReLU pair": (lambda: relu_pair(relu), "b1"),
    "dense layer": (lambda: dense_explorer(StudentDense), "w1"),
    # Every weight starts at 0, where no single slider changes the picture: the preset first.
    "sine fit": (lambda: with_preset(sine_fit(relu)), "w1"),
    "softmax": (lambda: softmax_bars(softmax), "z1"),
    "tangent slope": (lambda: tangent_slope(numerical_derivative), "log_step"),
    "neuron graph": (lambda: neuron_graph(neuron_gradients), "w0"),
    # The steps replay paths computed once per learning rate (the rate's events are timed
    # in the demo's own tests).
    "optimizer paths": (lambda: optimizer_paths(COURSE_OPTIMIZERS), "steps"),
}


EVENTS = 200  # each also computes pictures ahead: 5 more redraws
# Memory is traced for three demos that between them send every kind of mark (a line and
# markers; images, points and texts; bars and texts): tracing makes each event ten times
# slower. Every demo is checked for artists piling up.
TRACED = {"neuron line", "dense layer", "softmax"}


@pytest.mark.slow  # about a minute under tracemalloc
@pytest.mark.parametrize("name", EVERY_DEMO)
def test_hundreds_of_slider_events_leave_memory_and_the_figure_as_they_were(name):
    make, slider_name = EVERY_DEMO[name]
    traced = name in TRACED
    if traced:
        tracemalloc.start()  # before the demo exists, so that its buffers are traced too
    try:
        demo = make()
        slider = getattr(demo, slider_name)
        values = np.linspace(slider.min, slider.max, 50)
        artists = sum(len(ax.get_children()) for ax in demo.figure.axes)
        for i in range(50):  # let matplotlib's caches fill
            slider.value = float(values[i % len(values)])
        gc.collect()
        before = tracemalloc.get_traced_memory()[0]
        for i in range(EVENTS):
            slider.value = float(values[i % len(values)])
        gc.collect()
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    # A leak of 64 bytes per event (a small list kept each time) would show here.
    assert grown < 64 * EVENTS, f"{name}: {grown / 1024:.0f} KiB more after {EVENTS} events"
    assert sum(len(ax.get_children()) for ax in demo.figure.axes) == artists


@pytest.mark.parametrize("name", EVERY_DEMO)
def test_the_background_is_sent_once_and_each_event_sends_one_picture(name):
    make, slider_name = EVERY_DEMO[name]
    demo = make()
    slider = getattr(demo, slider_name)
    background = demo.canvas.background
    sent = []
    value = round(slider.value + 7 * slider.step, 10)
    with mock.patch.object(
        ipywidgets.Widget, "_send", lambda self, msg, buffers=None: sent.append((self, msg))
    ):
        slider.value = value
    pictures = [msg["state"] for widget, msg in sent if widget is demo.canvas]
    assert [sorted(state) for state in pictures] == [["key", "marks"], ["ahead"]]
    # The slider's own change only: none of the values the demo looked ahead at.
    assert [msg["state"] for widget, msg in sent if widget is slider] == [{"value": value}]
    assert demo.canvas.background == background


# Looking ahead stops after TIME_BUDGET_S of wall time; a busy machine gets fewer pictures
# ahead, by design. The tests of what is computed ahead give it all the time it needs.
ANY_TIME = mock.patch("nbhelpers.widgets.base.TIME_BUDGET_S", 60.0)


@ANY_TIME
@pytest.mark.parametrize("name", EVERY_DEMO)
def test_a_picture_computed_ahead_is_the_one_the_kernel_draws_when_the_slider_gets_there(name):
    make, slider_name = EVERY_DEMO[name]
    demo = make()
    slider = getattr(demo, slider_name)
    slider.value = round((slider.min + slider.max) / 2 + slider.step, 10)  # it is moving
    readout = demo.readout.value
    for direction in (1, 1, -1):  # on, and back: the first step back is ahead too
        ahead = dict(zip(demo.canvas.ahead["keys"], demo.canvas.ahead["frames"]))
        assert demo.readout.value == readout  # looking ahead left no trace
        slider.value = round(slider.value + direction * slider.step, 10)
        assert demo.canvas.key in ahead, f"{name}: the next picture was not computed ahead"
        assert ahead[demo.canvas.key] == demo.canvas.marks
        readout = demo.readout.value


@mock.patch("nbhelpers.widgets.base.TIME_BUDGET_S", 0.0)
def test_looking_ahead_stops_when_its_time_is_up_and_leaves_no_trace():
    demo = softmax_bars(softmax)
    demo.z1.value = round(demo.z1.value + demo.z1.step, 10)
    readout, marks = demo.readout.value, demo.canvas.marks
    assert demo.canvas.ahead == {"keys": [], "frames": []}
    assert (demo.readout.value, demo.canvas.marks) == (readout, marks)
