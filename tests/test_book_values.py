"""The course's explicit-generator path reproduces the book's computations of chapters 3-4
(and the course's numerical gradient the derivatives of chapter 7 that notebook 09 quotes).

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
from nbhelpers.gradients import numerical_gradient
from nbhelpers.layers import DenseLayer, ReLU, Softmax, SoftmaxCrossentropy
from nbhelpers.widgets.references import sigmoid
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


# ------------------------------------------------------ chapter 7: derivatives (notebook 09)


def test_the_derivatives_notebook_09_quotes_are_the_books_and_the_course_checkers():
    """Chapter 7's forward differences of 2x² (the book divides by x2 - x1 as floats hold it),
    and the central ones the course's checker gives, which notebook 09's tests expect."""

    def book_f(x):
        return 2 * x**2

    step = 0.0001
    forward = [(book_f(x + step) - book_f(x)) / ((x + step) - x) for x in range(5)]
    assert forward == [
        0.00019999999999999998,
        4.0001999999987845,
        8.000199999998785,
        12.000199999998785,
        16.000200000016548,
    ]
    central = numerical_gradient(lambda x: book_f(x[0]), np.array([1.0]), h=step)
    assert central.tolist() == [3.9999999999984492]

    # The neuron of notebook 09's section 5: w = 0.5, b = -0.5, x = 2, y = 1.
    def loss(parameters):
        return (sigmoid(parameters[0] * 2.0 + parameters[1]) - 1.0) ** 2

    gradient = numerical_gradient(loss, np.array([0.5, -0.5]))
    assert np.allclose(gradient, [-0.35489383469854746, -0.17744691734927373], rtol=1e-9)


# ----------------------------------------------------------------------------- chapter 9: backward

# The book's forward pass (THE_BOOKS_WAY but its last line), then its backward pass.
THE_BOOKS_BACKWARD = THE_BOOKS_WAY.rsplit("np.savez", 1)[0] + textwrap.dedent("""
    def softmax_crossentropy_backward(dvalues, y_true):
        samples = len(dvalues)
        if len(y_true.shape) == 2:
            y_true = np.argmax(y_true, axis=1)
        dinputs = dvalues.copy()
        dinputs[range(samples), y_true] -= 1
        return dinputs / samples

    dloss = softmax_crossentropy_backward(probabilities, y)
    dweights2, dbiases2 = np.dot(relu1.T, dloss), np.sum(dloss, axis=0, keepdims=True)
    drelu = np.dot(dloss, weights2.T)
    drelu[dense1 <= 0] = 0
    dweights1, dbiases1 = np.dot(X.T, drelu), np.sum(drelu, axis=0, keepdims=True)
    combined = softmax_crossentropy_backward(
        np.array([[0.7, 0.1, 0.2], [0.1, 0.5, 0.4], [0.02, 0.9, 0.08]]), np.array([0, 1, 1])
    )

    # Chapter 10's training runs (notebook 12): dense(2, 64), ReLU, dense(64, 3), softmax with
    # cross-entropy on the spiral, 10,001 epochs, with SGD (1.0) and Adam (0.05, decay 5e-7);
    # the book's classes condensed, each run from nnfs.init()'s seed again.
    class SGD:
        def __init__(self, learning_rate=1.0):
            self.current_learning_rate = learning_rate

        def pre_update_params(self):
            pass

        def update(self, params, grads):
            for p, g in zip(params, grads):
                p += -self.current_learning_rate * g

        def post_update_params(self):
            pass

    class Adam:
        def __init__(self, learning_rate, decay, epsilon=1e-7, beta_1=0.9, beta_2=0.999):
            self.learning_rate = self.current_learning_rate = learning_rate
            self.decay, self.iterations, self.epsilon = decay, 0, epsilon
            self.beta_1, self.beta_2, self.m, self.c = beta_1, beta_2, None, None

        def pre_update_params(self):
            if self.decay:
                self.current_learning_rate = self.learning_rate * (
                    1.0 / (1.0 + self.decay * self.iterations))

        def update(self, params, grads):
            if self.m is None:
                self.m = [np.zeros_like(p) for p in params]
                self.c = [np.zeros_like(p) for p in params]
            step = self.iterations + 1
            for i, (p, g) in enumerate(zip(params, grads)):
                self.m[i] = self.beta_1 * self.m[i] + (1 - self.beta_1) * g
                self.c[i] = self.beta_2 * self.c[i] + (1 - self.beta_2) * g**2
                m = self.m[i] / (1 - self.beta_1**step)
                c = self.c[i] / (1 - self.beta_2**step)
                p += -self.current_learning_rate * m / (np.sqrt(c) + self.epsilon)

        def post_update_params(self):
            self.iterations += 1

    def train(optimizer, epochs=10001):
        np.random.seed(0)
        X, y = spiral_data(samples=100, classes=3)
        params = [0.01 * np.random.randn(2, 64), np.zeros((1, 64)),
                  0.01 * np.random.randn(64, 3), np.zeros((1, 3))]
        losses, accuracies = [], []
        for epoch in range(epochs):
            z1 = np.dot(X, params[0]) + params[1]
            a1 = np.maximum(0, z1)
            z2 = np.dot(a1, params[2]) + params[3]
            e = np.exp(z2 - np.max(z2, axis=1, keepdims=True))
            p = e / np.sum(e, axis=1, keepdims=True)
            clipped = np.clip(p, 1e-7, 1 - 1e-7)
            losses.append(np.mean(-np.log(clipped[range(len(clipped)), y])))
            accuracies.append(np.mean(np.argmax(p, axis=1) == y))
            d = softmax_crossentropy_backward(p, y)
            da1 = np.dot(d, params[2].T)
            da1[z1 <= 0] = 0
            grads = [np.dot(X.T, da1), np.sum(da1, axis=0, keepdims=True),
                     np.dot(a1.T, d), np.sum(d, axis=0, keepdims=True)]
            optimizer.pre_update_params()
            optimizer.update(params, grads)
            optimizer.post_update_params()
        return np.array(losses), np.array(accuracies)

    sgd_loss, sgd_accuracy = train(SGD())
    adam_loss, adam_accuracy = train(Adam(learning_rate=0.05, decay=5e-7))
    np.savez(sys.argv[1], dweights1=dweights1, dbiases1=dbiases1, dweights2=dweights2,
             dbiases2=dbiases2, combined=combined, sgd_loss=sgd_loss, sgd_accuracy=sgd_accuracy,
             adam_loss=adam_loss, adam_accuracy=adam_accuracy)
""")


@pytest.fixture(scope="module")
def book_backward(tmp_path_factory):
    return arrays_from(THE_BOOKS_BACKWARD, tmp_path_factory.mktemp("book-backward"))


@pytest.fixture(scope="module")
def course_backward():
    """The course's backward pass of the book's network (notebook 10's spiral_gradients)."""
    rng = np.random.RandomState(0)
    X, y = spiral_data(samples=100, classes=3, random_state=rng)
    dense1, dense2 = DenseLayer(2, 3, rng), DenseLayer(3, 3, rng)
    relu1, loss = ReLU(), SoftmaxCrossentropy()
    loss.forward(dense2.forward(relu1.forward(dense1.forward(X))), y)
    dense1.backward(relu1.backward(dense2.backward(loss.backward(loss.output, y))))
    return {
        "dweights1": dense1.dweights,
        "dbiases1": dense1.dbiases,
        "dweights2": dense2.dweights,
        "dbiases2": dense2.dbiases,
    }


@pytest.mark.parametrize("gradient", ["dweights1", "dbiases1", "dweights2"])
def test_the_spiral_networks_gradients_agree_with_the_books_to_float32_precision(
    book_backward, course_backward, gradient
):
    assert book_backward[gradient].dtype == np.float32
    assert np.allclose(course_backward[gradient], book_backward[gradient], rtol=2e-5, atol=1e-10)


def test_the_last_biases_gradient_agrees_to_float32s_rounding_of_its_sum(
    book_backward, course_backward
):
    # dense2.dbiases adds 300 values of about 1/300 that almost cancel, to about 1e-5: each
    # float32 value is off by up to 2e-10, so the sum by up to about 1e-7 (the book prints
    # -1.0729e-05 where float64 gives -1.0652e-05). A wrong gradient is off by 1e-5 or more.
    assert np.allclose(course_backward["dbiases2"], book_backward["dbiases2"], rtol=0, atol=2e-7)


def test_the_gradients_notebook_10_quotes_are_the_books(book_backward, course_backward):
    # The first layer's dweights, printed in the book (chapter 9) and quoted in notebook 10.
    quoted = [[1.5766e-04, 7.8369e-05, 4.7324e-05], [1.8161e-04, 1.1046e-05, -3.3096e-05]]
    assert np.allclose(book_backward["dweights1"], quoted, rtol=5e-5)
    assert np.allclose(course_backward["dweights1"], quoted, rtol=5e-5)
    # The combined softmax and cross-entropy gradient of chapter 9's example batch.
    combined = [[-0.1, 0.0333, 0.0667], [0.0333, -0.1667, 0.1333], [0.0067, -0.0333, 0.0267]]
    assert np.allclose(book_backward["combined"], combined, atol=5e-5)
    probabilities = np.array([[0.7, 0.1, 0.2], [0.1, 0.5, 0.4], [0.02, 0.9, 0.08]])
    course = SoftmaxCrossentropy().backward(probabilities, np.array([0, 1, 1]))
    assert np.allclose(course, book_backward["combined"], rtol=1e-6)


# ------------------------------------------------------------- chapter 10: training (notebook 12)


def test_the_book_runs_notebook_12_quotes_are_what_nnfs_computes(book_backward):
    """nbhelpers.training.BOOK_RUNS, which notebook 12 prints as the book's: the last epoch's
    accuracy and loss of chapter 10's runs, and the first epoch above 0.9 accuracy."""
    from nbhelpers.training import BOOK_RUNS

    for run, prefix in (
        ("SGD(learning_rate=1.0)", "sgd"),
        ("Adam(learning_rate=0.05, decay=5e-7)", "adam"),
    ):
        loss, accuracy = book_backward[f"{prefix}_loss"], book_backward[f"{prefix}_accuracy"]
        assert loss.dtype == np.float32 and len(loss) == 10001
        over = np.flatnonzero(accuracy > 0.9)
        quoted = BOOK_RUNS[run]
        assert f"{accuracy[-1]:.3f}" == f"{quoted['accuracy']:.3f}", run
        assert f"{loss[-1]:.3f}" == f"{quoted['loss']:.3f}", run
        assert (int(over[0]) if over.size else None) == quoted["first_over_0.9"], run


def test_the_courses_training_loop_follows_the_books_for_its_first_epochs(book_backward):
    """The course's loop (float64) and the book's (float32) from the same start: the same
    losses to 1e-5 for 20 epochs; then they drift apart (notebook 12 says so)."""
    from nbhelpers import optimizers, training

    for prefix, optimizer in (("sgd", optimizers.SGD()), ("adam", optimizers.Adam(0.05, 5e-7))):
        rng = np.random.RandomState(0)
        X, y = spiral_data(100, 3, random_state=rng)
        history = training.train(X, y, training.spiral_network(rng), optimizer, 20)
        assert np.allclose(history["loss"], book_backward[f"{prefix}_loss"][:20], rtol=1e-5)
        # The accuracy of a network whose probabilities are all near 1/3 hangs on float32's
        # last digits (which class is largest): only the first epoch's is the same.
        assert history["accuracy"][0] == book_backward[f"{prefix}_accuracy"][0] == 0.36
