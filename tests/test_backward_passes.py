"""The course's backward passes (nbhelpers.layers) agree with numerical gradients.

Notebook 10's tests compare students' gradients with numerical ones, and its last exercise
and its XOR example with the course's layers: so every backward pass of the course is
checked here the same way, on random inputs kept away from ReLU's kink, and
:func:`nbhelpers.gradients.backward_gradients`, which the tests use, with them.
"""

from __future__ import annotations

import numpy as np
import pytest

from nbhelpers import layers
from nbhelpers.gradients import backward_gradients, numerical_gradient, relative_error

AGREE = (
    1e-6  # a right gradient against a central difference in float64: 1e-7 or so; a wrong one: ~1
)


@pytest.fixture
def rng():
    return np.random.default_rng(10)


def test_a_dense_layers_backward_is_the_numerical_gradient(rng):
    layer = layers.DenseLayer(4, 3, rng)
    layer.weights, layer.biases = rng.normal(size=(4, 3)), rng.normal(size=(1, 3))
    inputs, dvalues = rng.normal(size=(5, 4)), rng.normal(size=(5, 3))
    layer.forward(inputs)
    layer.backward(dvalues)
    expected = backward_gradients(
        lambda w, b, x: x @ w + b, dvalues, layer.weights, layer.biases, inputs
    )
    for got, want in zip((layer.dweights, layer.dbiases, layer.dinputs), expected):
        assert got.shape == want.shape and relative_error(got, want) < AGREE


def test_backward_gradients_leaves_its_arrays_alone_and_works_on_float32(rng):
    inputs = rng.normal(size=(3, 2)).astype(np.float32)
    dvalues = rng.normal(size=(3, 2))
    before = inputs.copy()
    (gradient,) = backward_gradients(np.tanh, dvalues, inputs)
    assert np.array_equal(inputs, before) and inputs.dtype == np.float32
    assert gradient.dtype == np.float64
    assert relative_error(gradient, dvalues * (1 - np.tanh(before.astype(float)) ** 2)) < 1e-6


@pytest.mark.parametrize("name", ["ReLU", "Sigmoid", "Tanh"])
def test_an_activations_backward_is_the_numerical_gradient(rng, name):
    activation = getattr(layers, name)()
    inputs = rng.normal(size=(6, 4)) * 3
    inputs = np.where(np.abs(inputs) < 0.01, 0.5, inputs)  # away from ReLU's kink
    dvalues = rng.normal(size=(6, 4))
    activation.forward(inputs)
    activation.backward(dvalues)
    (expected,) = backward_gradients(lambda x: getattr(layers, name)().forward(x), dvalues, inputs)
    assert relative_error(activation.dinputs, expected) < AGREE


def test_relus_gradient_is_0_where_its_input_was_0_or_below():
    relu = layers.ReLU()
    relu.forward(np.array([[-1.0, 0.0, 2.0]]))
    assert np.array_equal(relu.backward(np.array([[5.0, 5.0, 5.0]])), [[0.0, 0.0, 5.0]])


def test_the_sigmoid_is_exact_and_does_not_overflow():
    with np.errstate(over="raise"):
        values = layers.sigmoid(np.array([-1000.0, -1.0, 0.0, 2.0, 1000.0]))
    assert np.allclose(values, [0.0, 1 / (1 + np.e), 0.5, 1 / (1 + np.exp(-2.0)), 1.0])


def test_softmax_with_cross_entropys_gradient_is_the_numerical_one_for_both_kinds_of_target(rng):
    z, labels = rng.normal(size=(5, 4)), rng.integers(0, 4, size=5)
    loss = layers.CategoricalCrossentropy()
    expected = numerical_gradient(lambda z: loss.calculate(layers.softmax(z), labels), z.copy())
    combined = layers.SoftmaxCrossentropy()
    combined.forward(z, labels)
    for targets in (labels, np.eye(4)[labels]):
        assert relative_error(combined.backward(combined.output, targets), expected) < AGREE


def test_the_log_losss_gradient_is_the_numerical_one_and_with_a_sigmoid_it_is_a_minus_y(rng):
    predictions = rng.uniform(0.05, 0.95, size=(6, 2))
    targets = rng.integers(0, 2, size=(6, 2)).astype(float)
    loss = layers.BinaryCrossentropy()
    expected = numerical_gradient(lambda p: loss.calculate(p, targets), predictions.copy())
    assert relative_error(loss.backward(predictions, targets), expected) < AGREE
    z = rng.normal(size=(6, 2))
    sigmoid = layers.Sigmoid()
    sigmoid.backward(loss.backward(sigmoid.forward(z), targets))
    assert np.allclose(sigmoid.dinputs, (layers.sigmoid(z) - targets) / z.size)
