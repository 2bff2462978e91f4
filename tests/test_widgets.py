"""nbhelpers.widgets: the weight-and-bias slider, driven from a test as a student would drive it."""

from __future__ import annotations

import ipywidgets
import numpy as np
from ipympl.backend_nbagg import Canvas

from nbhelpers.widgets import NeuronLine, neuron_line


def neuron_output(inputs, weights, bias):
    total = 0.0
    for x, w in zip(inputs, weights):
        total += x * w
    return total + bias


def test_the_demo_is_a_widget_with_labelled_sliders_reset_and_a_live_canvas():
    demo = neuron_line(neuron_output)
    assert isinstance(demo, ipywidgets.VBox)
    assert [s.description for s in (demo.weight, demo.bias, demo.probe)] == ["w (weight)", "b (bias)", "x (input)"]
    canvas = demo.figure.canvas
    assert isinstance(canvas, Canvas) and canvas in demo.children
    assert canvas.manager is not None  # what sends drawings to the browser


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
    assert "your neuron_output" in demo.readout.value
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
    assert "`neuron_output` is not written yet" in demo.note.value and "Exercise 1" in demo.note.value
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
