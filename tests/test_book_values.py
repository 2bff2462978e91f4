"""The course's explicit-generator path reproduces the book's computations of chapters 3-4.

The book seeds numpy's global generator with ``nnfs.init()`` (which also makes numpy
compute in float32) and draws every layer's weights from it. The course passes one
``RandomState`` instead. Here the book's way runs in a child process (``nnfs.init()``
changes numpy for the whole process) and must give the same numbers as the course's way:
the spiral data, the first dense layer's outputs, ReLU, and the full forward pass (the
course's ``DenseLayer``, ``ReLU`` and ``Softmax``).
The notebooks' own tests compare the same path with the values printed in the book.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pytest

from nbhelpers.datasets import spiral_data
from nbhelpers.layers import DenseLayer, ReLU, Softmax
from tests.nnfs_reference import arrays_from

THE_BOOKS_WAY = textwrap.dedent("""
    import sys
    import numpy as np
    import nnfs
    from nnfs.datasets import spiral_data

    nnfs.init()
    X, y = spiral_data(samples=100, classes=3)
    weights1, biases1 = 0.01 * np.random.randn(2, 3), np.zeros((1, 3))
    weights2, biases2 = 0.01 * np.random.randn(3, 3), np.zeros((1, 3))
    dense1 = np.dot(X, weights1) + biases1
    relu1 = np.maximum(0, dense1)
    dense2 = np.dot(relu1, weights2) + biases2
    exponentials = np.exp(dense2 - np.max(dense2, axis=1, keepdims=True))
    probabilities = exponentials / np.sum(exponentials, axis=1, keepdims=True)
    np.savez(sys.argv[1], X=X, dense1=dense1, relu1=relu1, probabilities=probabilities)
""")


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    return arrays_from(THE_BOOKS_WAY, tmp_path_factory.mktemp("book"))


@pytest.fixture(scope="module")
def course():
    rng = np.random.RandomState(0)
    X, _ = spiral_data(samples=100, classes=3, random_state=rng)
    dense1, dense2 = DenseLayer(2, 3, rng), DenseLayer(3, 3, rng)
    relu1 = ReLU().forward(dense1.forward(X))
    return {
        "X": X,
        "dense1": dense1.output,
        "relu1": relu1,
        "probabilities": Softmax().forward(dense2.forward(relu1)),
    }


def test_the_spiral_data_are_identical(book, course):
    assert course["X"].dtype == book["X"].dtype and np.array_equal(course["X"], book["X"])


@pytest.mark.parametrize("stage", ["dense1", "relu1"])
def test_layer_outputs_agree_to_float32_precision(book, course, stage):
    # The book computes in float32; the course's layers keep float64 weights.
    assert np.allclose(course[stage], book[stage], rtol=1e-5, atol=1e-10)


def test_the_full_forward_pass_agrees_as_differences_from_one_third(book, course):
    # All probabilities lie within 1e-4 of 1/3. The book's float32 values are resolved to one
    # float32 step there (3e-8); a missing ReLU or a wrong draw order moves them by ~3e-7.
    float32_step = np.spacing(np.float32(1 / 3))
    assert np.allclose(
        course["probabilities"], book["probabilities"], rtol=0, atol=2 * float32_step
    )
    assert np.allclose(course["probabilities"].sum(axis=1), 1.0)


def test_the_values_the_notebooks_quote_are_the_books(course):
    # Printed in the book (chapters 3 and 4) and quoted in notebooks 05-07.
    assert np.allclose(
        course["dense1"][1], [-1.0475188e-04, 1.1395361e-04, -4.7983500e-05], rtol=1e-6
    )
    assert np.allclose(course["relu1"][4], [0.0, 0.00071401, 0.0], atol=5e-9)
    assert np.allclose(course["probabilities"][1], [0.33333316, 0.3333332, 0.33333364], atol=5e-8)


# ------------------------------------------------- chapter 5: the loss and accuracy (notebook 08)

THE_BOOKS_LOSS = THE_BOOKS_WAY + textwrap.dedent("""
    # The same untrained network's mean loss (clipped cross-entropy) and accuracy, in float32.
    clipped = np.clip(probabilities, 1e-7, 1 - 1e-7)
    loss = np.mean(-np.log(clipped[range(len(clipped)), y]))
    accuracy = np.mean(np.argmax(probabilities, axis=1) == y)
    np.savez(sys.argv[1], loss=loss, accuracy=accuracy)
""")


@pytest.fixture(scope="module")
def book_loss(tmp_path_factory):
    return arrays_from(THE_BOOKS_LOSS, tmp_path_factory.mktemp("book_loss"))


def test_the_untrained_networks_loss_and_accuracy_are_the_books(book_loss, course):
    # The book prints loss 1.0986104 (float32) and accuracy 0.34; notebook 08 quotes both and the
    # course's float64 loss, which must agree with the book's to one float32 step.
    from nbhelpers.layers import CategoricalCrossentropy, accuracy

    _, y = spiral_data(samples=100, classes=3)
    loss = CategoricalCrossentropy().calculate(course["probabilities"], y)
    assert book_loss["loss"].dtype == np.float32 and f"{book_loss['loss']:.7f}" == "1.0986104"
    assert abs(loss - book_loss["loss"]) <= np.spacing(np.float32(loss))
    assert loss == pytest.approx(1.098610461546517, rel=0, abs=1e-15)
    assert accuracy(course["probabilities"], y) == book_loss["accuracy"] == 0.34
