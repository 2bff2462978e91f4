"""nbhelpers.plots: one colour-blind-safe style, fixed axes, student code with a fallback."""

from __future__ import annotations

import subprocess
import sys

import matplotlib
import numpy as np
import pytest

from nbhelpers import plots
from nbhelpers.datasets import spiral_data

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def test_importing_the_helpers_changes_no_global_state():
    # rcParams are read with dict.__getitem__: rcParams["backend"] would itself import pyplot.
    code = """if True:
        import sys, matplotlib, numpy as np
        settings = lambda: {
            k: dict.__getitem__(matplotlib.rcParams, k) for k in matplotlib.rcParams
        }
        before = settings()
        np.random.seed(1)
        state = np.random.get_state()[1].copy()
        import nbhelpers, nbhelpers.plots, nbhelpers.widgets, nbhelpers.datasets, nbhelpers.checks
        changed = {k for k, v in settings().items() if before[k] != v}
        assert not changed, changed
        assert (np.random.get_state()[1] == state).all()
        assert "matplotlib.pyplot" not in sys.modules
    """
    subprocess.run([sys.executable, "-c", code], check=True)


def test_building_a_figure_leaves_matplotlib_settings_as_they_were():
    before = dict(matplotlib.rcParams)
    plots.neuron_line_panels([(1.0, 0.0)])
    assert dict(matplotlib.rcParams) == before


def test_figures_show_as_png_with_titles_labels_and_fixed_axes():
    fig = plots.neuron_line_panels([(1.0, 0.0), (2.0, -0.7)])
    assert fig._repr_png_().startswith(PNG_SIGNATURE)
    for ax, title in zip(fig.axes, ["w = 1, b = 0", "w = 2, b = -0.7"]):
        assert ax.get_title() == title and ax.get_xlabel() == "input x"
        assert ax.get_xlim() == (-2.0, 2.0) and ax.get_ylim() == (-3.0, 3.0)
        assert not ax.get_autoscalex_on() and not ax.get_autoscaley_on()
    assert fig.axes[0].get_ylabel() == "output"


def test_the_palette_is_okabe_ito():
    assert plots.CLASS_COLORS[:4] == ["#0072B2", "#E69F00", "#009E73", "#D55E00"]
    assert len(set(plots.CLASS_MARKERS)) == len(plots.CLASS_MARKERS) == len(plots.CLASS_COLORS)


def neuron(inputs, weights, bias):
    return sum(x * w for x, w in zip(inputs, weights)) + bias


def test_curves_are_drawn_by_the_students_function():
    calls = []

    def spy(inputs, weights, bias):
        calls.append(inputs)
        return neuron(inputs, weights, bias)

    fig = plots.neuron_line_panels([(2.0, 1.0)], neuron=spy)
    (line,) = fig.axes[0].get_lines()[2:]  # after the two zero lines
    assert len(calls) == len(line.get_xdata())
    assert np.allclose(line.get_ydata(), 2.0 * line.get_xdata() + 1.0)
    assert fig._supxlabel is None


@pytest.mark.parametrize(
    "student, note",
    [
        (
            lambda i, w, b: (_ for _ in ()).throw(NotImplementedError()),
            "is not written yet, so a reference draws this",
        ),
        (lambda i, w, b: i["x"], "raised TypeError"),
        (lambda i, w, b: "a lot", "returned str, not a number"),
    ],
)
def test_unfinished_or_failing_code_falls_back_to_the_reference_with_a_note(student, note):
    fig = plots.neuron_line_panels([(2.0, 1.0)], neuron=student)
    line = fig.axes[0].get_lines()[-1]
    assert np.allclose(line.get_ydata(), 2.0 * line.get_xdata() + 1.0)
    assert note in fig._supxlabel.get_text()


def test_wrong_values_are_drawn_next_to_a_dashed_reference():
    fig = plots.neuron_line_panels([(2.0, 1.0)], neuron=lambda i, w, b: neuron(i, w, 0.0))
    dashed, drawn = fig.axes[0].get_lines()[-2:]
    assert dashed.get_linestyle() == "--"
    assert np.allclose(drawn.get_ydata(), 2.0 * drawn.get_xdata())
    assert "but the correct value is" in fig._supxlabel.get_text()


def test_activation_derivatives_draw_each_students_derivative_beside_its_activation():
    def relu_derivative(x):
        return np.where(x > 0, 1.0, 0.0)

    def tanh_derivative(x):
        return 1 - np.tanh(x)  # not squared

    fig = plots.activation_derivatives(
        {"ReLU": relu_derivative, "tanh": tanh_derivative}, exercise="Exercises 2–4"
    )
    titles = [ax.get_title() for ax in fig.axes]
    assert titles == ["ReLU", "sigmoid", "tanh"]
    relu_panel, sigmoid_panel, tanh_panel = (ax.get_lines()[2:] for ax in fig.axes)
    backdrop, drawn = relu_panel  # the activation in grey, the derivative over it
    x = drawn.get_xdata()
    assert np.allclose(backdrop.get_ydata(), np.maximum(0, x))
    assert np.allclose(drawn.get_ydata(), x > 0)
    s = 1 / (1 + np.exp(-x))
    assert np.allclose(sigmoid_panel[-1].get_ydata(), s * (1 - s))  # the reference stands in
    assert tanh_panel[-2].get_linestyle() == "--"  # the correct derivative, dashed
    assert np.allclose(tanh_panel[-2].get_ydata(), 1 - np.tanh(x) ** 2)
    note = fig._supxlabel.get_text()
    assert "`tanh_derivative` gives" in note and "Exercises 2–4" in note
    assert all(ax.get_xlim() == (-4.0, 4.0) and ax.get_ylim() == (-1.2, 1.6) for ax in fig.axes)


def test_matrix_figure_prints_every_value_with_its_sign():
    fig = plots.matrix_figure(
        [[0.2, -0.5], [1.0, 0.0]], row_labels=["n1", "n2"], col_labels=["x1", "x2"], title="W"
    )
    texts = sorted(t.get_text() for t in fig.axes[0].texts)
    assert texts == sorted(["+0.2", "-0.5", "+1", "+0"])
    with pytest.raises(ValueError, match="do not match"):
        plots.matrix_figure([[1.0, 2.0]], row_labels=["a", "b"], col_labels=["x", "y"], title="bad")


def test_bar_figure_highlights_by_hatching_as_well_as_colour():
    fig = plots.bar_figure(
        [4.8, 1.21, 2.385], labels=["a", "b", "c"], highlight=0, title="t", ylabel="y"
    )
    bars = fig.axes[0].patches
    assert [b.get_hatch() for b in bars] == ["//", "", ""]
    assert bars[0].get_facecolor() != bars[1].get_facecolor()


def test_scatter_classes_uses_a_marker_and_a_colour_per_class():
    X, y = spiral_data(30, 3)
    fig = plots.scatter_classes(X, y, title="Spiral data")
    collections = fig.axes[0].collections
    assert len(collections) == 3
    assert [c.get_label() for c in collections] == ["class 0", "class 1", "class 2"]
    assert len({tuple(c.get_facecolor()[0]) for c in collections}) == 3
    assert (
        len({c.get_paths()[0].vertices.tobytes() for c in collections}) == 3
    )  # three marker shapes
    with pytest.raises(ValueError, match="shape"):
        plots.scatter_classes(X[:, :1], y, title="bad")


def _book_forward_pass(X, rng):
    """The book's untrained network, dense → ReLU → dense → softmax, as a student writes it."""
    from nbhelpers.layers import DenseLayer, relu

    first, second = DenseLayer(2, 3, rng), DenseLayer(3, 3, rng)
    logits = second.forward(relu(first.forward(X)))
    exponentials = np.exp(logits - logits.max(axis=1, keepdims=True))
    return exponentials / exponentials.sum(axis=1, keepdims=True)


def _class_styles(ax):
    """{label: (face colour, marker path)} of the point sets of a panel."""
    return {
        c.get_label(): (tuple(c.get_facecolor()[0]), c.get_paths()[0].vertices.tobytes())
        for c in ax.collections
    }


def test_spiral_predictions_show_the_true_classes_beside_the_predicted_ones():
    fig = plots.spiral_predictions(_book_forward_pass)
    truth, predicted = fig.axes
    assert "True" in truth.get_title() and "Predicted" in predicted.get_title()
    assert "accuracy 34%" in predicted.get_title()  # the book's untrained network (chapter 5)
    assert fig._supxlabel is None
    true_styles, predicted_styles = _class_styles(truth), _class_styles(predicted)
    assert sorted(true_styles) == ["class 0", "class 1", "class 2"]
    assert len(set(true_styles.values())) == 3  # a colour and a marker per class
    assert all(predicted_styles[c] == true_styles[c] for c in predicted_styles)  # same in both
    assert sum(len(c.get_offsets()) for c in predicted.collections) == 300
    assert truth.get_xlim() == predicted.get_xlim() and truth.get_ylim() == predicted.get_ylim()


def _returns_none(X, rng):
    return None


def _without_relu(X, rng):
    from nbhelpers.layers import DenseLayer

    first, second = DenseLayer(2, 3, rng), DenseLayer(3, 3, rng)
    logits = second.forward(first.forward(X))
    return np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)


@pytest.mark.parametrize(
    "student, note",
    [
        (_returns_none, "returned NoneType"),
        (lambda X, rng: 1 / 0, "ZeroDivisionError"),
        (lambda X, rng: np.ones((len(X), 2)) / 2, "returned shape (300, 2)"),
        (_without_relu, "differ from the course's network by up to"),
    ],
)
def test_spiral_predictions_say_when_the_students_network_cannot_be_drawn_or_differs(student, note):
    fig = plots.spiral_predictions(student, exercise="Exercise 5")
    text = fig._supxlabel.get_text()
    assert note in text and "Exercise 5" in text
    if note.startswith("differ"):
        return  # the student's own predictions are drawn
    assert "accuracy 34%" in fig.axes[1].get_title()  # the course's network stands in


def test_spiral_predictions_without_a_function_draw_the_course_network_without_a_note():
    fig = plots.spiral_predictions(None)
    assert "accuracy 34%" in fig.axes[1].get_title() and fig._supxlabel is None


# ----------------------------------------------------------------------------- student_values


def relu(z):
    return np.maximum(0.0, z)


def test_student_values_calls_a_vectorised_function_once_on_the_whole_array():
    calls = []

    def spy(z):
        calls.append(z.copy())
        return relu(z)

    x = np.linspace(-2, 2, 9)
    curve = plots.student_values(spy, x, relu, "Exercise 4")
    assert len(calls) == 1 and np.array_equal(calls[0], x)
    assert curve.from_student and curve.note is None
    assert np.array_equal(curve.y, relu(x))


def test_student_values_without_a_function_gives_the_reference_and_no_note():
    x = np.linspace(-1, 1, 5)
    curve = plots.student_values(None, x, relu, "Exercise 4")
    assert np.array_equal(curve.y, relu(x)) and not curve.from_student and curve.note is None


@pytest.mark.parametrize(
    "student, note",
    [
        (
            lambda z: (_ for _ in ()).throw(NotImplementedError()),
            "is not written yet, so a reference draws this; "
            "your code takes over once Exercise 4 is done",
        ),
        (lambda z: z["x"], "raised IndexError"),
        (
            lambda z: None,
            "returned NoneType, not an array of numbers. "
            "A reference draws this until Exercise 4 works",
        ),
        (
            lambda z: np.array(["a"] * len(z)),
            "returned an array of <U1 values, not an array of numbers",
        ),
        (lambda z: [[1.0], [1.0, 2.0]], "returned list, not an array of numbers"),
        (lambda z: relu(z)[:-1], "returned shape (8,) for input of shape (9,)"),
        (lambda z: relu(z)[np.newaxis, :], "returned shape (1, 9) for input of shape (9,)"),
        (lambda z: float(np.sum(z)), "returned shape () for input of shape (9,)"),
    ],
)
def test_student_values_falls_back_to_the_reference_with_a_note(student, note):
    x = np.linspace(-2, 2, 9)
    curve = plots.student_values(student, x, relu, "Exercise 4")
    assert np.array_equal(curve.y, relu(x)) and not curve.from_student
    assert note in curve.note


def test_student_values_draws_wrong_values_and_says_where_they_first_differ():
    x = np.linspace(-2, 2, 9)
    curve = plots.student_values(np.abs, x, relu, "Exercise 4", input_name="z")
    assert curve.from_student and np.array_equal(curve.y, np.abs(x))
    assert curve.note.startswith(
        "`absolute` gives 2 at z = -2, but the correct value is 0 (dashed line)."
    )
    assert "Exercise 4" in curve.note


def test_student_values_on_a_batch_names_the_position_that_differs():
    batch = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]])
    curve = plots.student_values(
        lambda z: np.where(z > 1.5, 0.0, z),
        batch,
        lambda z: z,
        "Exercise 3",
        input_name="z",
        reference_drawn_as="dashed outline",
    )
    assert curve.y.shape == (2, 3)
    assert "at position (0, 1) (z = 2), but the correct value is 2 (dashed outline)" in curve.note


def test_student_values_accepts_lists_and_booleans_of_the_right_shape():
    x = np.linspace(-1, 1, 5)
    listed = plots.student_values(lambda z: [max(0.0, v) for v in z], x, relu, "Exercise 4")
    assert listed.from_student and listed.note is None and listed.y.dtype == float
    step = plots.student_values(lambda z: z > 0, x, lambda z: (z > 0).astype(float), "Exercise 2")
    assert step.from_student and step.note is None and np.array_equal(step.y, [0, 0, 0, 1, 1])


def test_a_student_function_that_changes_its_input_cannot_change_the_callers_array():
    def relu_in_place(z):
        z[z < 0] = 0.0
        return z

    x = np.linspace(-2, 2, 9)
    before = x.copy()
    curve = plots.student_values(relu_in_place, x, relu, "Exercise 4")
    assert np.array_equal(x, before)
    assert curve.note is None and np.array_equal(curve.y, relu(before))
    later = plots.student_values(relu_in_place, x, relu, "Exercise 4")  # the same x again
    assert np.array_equal(later.y, relu(before))


# ----------------------------------------------------------------------------- step_network_regions


def xor_parameters():
    """OR and NAND in the hidden layer, AND at the output (DenseLayer's layout)."""
    return [[1.0, -1.0], [1.0, -1.0]], [[-0.5, 1.5]], [[1.0], [1.0]], [[-1.5]]


def test_step_network_regions_colour_where_the_students_network_fires_and_draw_its_lines():
    fig = plots.step_network_regions(xor_parameters)
    ax = fig.axes[0]
    assert ax.get_xlim() == ax.get_ylim() == (-0.5, 1.5) and fig._supxlabel is None
    fires = np.asarray(ax.images[0].get_array())
    grid = np.linspace(-0.5, 1.5, 201)  # the image's rows are x₂, its columns x₁
    points = [(0, 0), (0, 1), (1, 0), (1, 1), (-0.5, -0.5), (0.5, 0.5)]
    at = {
        (x1, x2): fires[np.argmin(abs(grid - x2)), np.argmin(abs(grid - x1))] for x1, x2 in points
    }
    assert at == {(0, 0): 0, (0, 1): 1, (1, 0): 1, (1, 1): 0, (-0.5, -0.5): 0, (0.5, 0.5): 1}
    assert sorted(t.get_text() for t in ax.texts) == ["neuron 1", "neuron 2"]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["fires (1)", "quiet (0)", "target 0", "target 1"]


@pytest.mark.parametrize(
    "make_parameters, note",
    [
        (
            lambda: ([[1, 1], [1, 1]], [[-0.5, -1.5]], [[1], [1]], [[-0.5]]),
            "At (1, 1) the network answers 1; the target is 0.",
        ),
        (
            lambda: ([[1, -1], [1, -1]], [[0, 2]], [[1], [1]], [[-1]]),
            "Neuron 1's line passes within 0.05 of (0, 0)",
        ),
        (
            lambda: (_ for _ in ()).throw(NotImplementedError()),
            "is not written yet, so only the four points are drawn",
        ),
        (lambda: 1 / 0, "raised ZeroDivisionError"),
        (lambda: ([[1, 1]], [[0]], [[1]], [[0]]), "did not return (weights1, biases1"),
    ],
)
def test_step_network_regions_name_wrong_answers_close_lines_and_missing_parameters(
    make_parameters, note
):
    fig = plots.step_network_regions(make_parameters)
    assert note in fig._supxlabel.get_text()
    assert len(fig.axes[0].collections) >= 2  # the four points are always drawn


def test_step_network_regions_refuses_targets_that_are_not_a_truth_table():
    with pytest.raises(ValueError, match="4 values"):
        plots.step_network_regions(None, targets=(0, 1, 2, 0))


# ----------------------------------------------------------------------------- losses (notebook 08)


def test_loss_curve_is_drawn_by_the_students_one_sample_loss_and_marks_the_books_sample():
    def all_terms(probabilities, one_hot):  # takes the log of a probability of 0 at p = 1
        return -sum(y * np.log(p) for p, y in zip(probabilities, one_hot))

    fig = plots.loss_curve(lambda p, t: -np.log(p[t.index(1)]))
    ax = fig.axes[0]
    curve = next(line for line in ax.get_lines() if len(line.get_xdata()) > 2)
    assert np.allclose(curve.get_ydata(), -np.log(curve.get_xdata()))
    assert ax.get_xlim() == (0.01, 1.0) and fig._supxlabel is None
    assert "−ln 0.7 = 0.3567" in ax.texts[0].get_text()
    with np.errstate(divide="ignore", invalid="ignore"):
        note = plots.loss_curve(all_terms, exercise="Exercise 1")._supxlabel.get_text()
    assert "x = 1" in note and "Exercise 1" in note


def test_random_search_works_on_the_vertical_data_and_stalls_on_the_spiral():
    from nbhelpers.datasets import vertical_data

    results = {}
    for make_data in (vertical_data, spiral_data):
        rng = np.random.RandomState(0)
        X, y = make_data(100, 3, random_state=rng)
        losses, accuracy = plots.random_search_history(X, y, rng, iterations=300)
        assert losses.shape == (301,) and np.all(np.diff(losses) <= 0)  # the lowest loss so far
        assert losses[0] == pytest.approx(np.log(3), abs=1e-3)  # the untrained network
        results[make_data.__name__] = losses[-1], accuracy
    assert results["vertical_data"][0] < 0.8 < 1.05 < results["spiral_data"][0]
    assert results["vertical_data"][1] > 0.8
    fig = plots.random_search(iterations=20)
    assert [text.get_text().split(" (")[0] for text in fig.axes[0].get_legend().get_texts()] == [
        "vertical data",
        "spiral data",
        "ln 3",
    ]


# ----------------------------------------------------------------------------- xor_backprop


class StudentDense:
    """Notebook 10's DenseLayer as a student writes it (counting backward calls)."""

    backward_calls = 0

    def __init__(self, n_inputs, n_neurons, rng):
        self.weights = 0.01 * rng.standard_normal((n_inputs, n_neurons))
        self.biases = np.zeros((1, n_neurons))

    def forward(self, inputs):
        self.inputs = inputs
        self.output = inputs @ self.weights + self.biases
        return self.output

    def backward(self, dvalues):
        StudentDense.backward_calls += 1
        self.dweights = self.inputs.T @ dvalues
        self.dbiases = dvalues.sum(axis=0, keepdims=True)
        self.dinputs = dvalues @ self.weights.T


class PerSample(StudentDense):
    """A backward pass that divides dweights by the number of samples (the article's 1/m)."""

    def backward(self, dvalues):
        super().backward(dvalues)
        self.dweights = self.dweights / len(dvalues)


def _not_written(self, dvalues):
    raise NotImplementedError()


def _bars(ax) -> tuple[np.ndarray, np.ndarray]:
    """The heights of the two series of bars: the backward pass's, then the numerical ones."""
    heights = np.array([patch.get_height() for patch in ax.patches])
    return heights[:9], heights[9:]


def test_xor_backprop_shows_the_students_gradients_beside_numerical_ones_then_trains():
    calls = StudentDense.backward_calls
    fig = plots.xor_backprop(StudentDense, exercise="Exercise 2")
    gradients, training = fig.axes
    analytic, numerical = _bars(gradients)
    assert np.allclose(analytic, numerical, rtol=1e-6, atol=1e-9) and np.any(analytic)
    assert [t.get_text() for t in gradients.get_xticklabels()][:2] == ["W1[0,0]", "W1[0,1]"]
    assert "your backward pass" in [t.get_text() for t in gradients.get_legend().get_texts()]
    assert StudentDense.backward_calls > calls + 1000  # both layers, every step: the student's
    (losses,) = training.get_lines()
    assert losses.get_ydata()[-1] < 0.05 < 0.6 < losses.get_ydata()[0]
    outputs = training.texts[0].get_text()
    assert "0 xor 1 → 0.99" in outputs and "1 xor 1 → 0.00" in outputs
    assert fig._supxlabel is None


@pytest.mark.parametrize(
    "layer_class, note",
    [
        (PerSample, "gradient of W1[1,1] is"),
        (type("Unfinished", (StudentDense,), {"backward": _not_written}), "is not written yet"),
        (None, None),
    ],
)
def test_xor_backprop_trains_with_the_course_layer_and_says_why_while_the_students_disagrees(
    layer_class, note
):
    fig = plots.xor_backprop(layer_class, exercise="Exercise 2")
    if note is None:
        assert fig._supxlabel is None
    else:
        assert note in fig._supxlabel.get_text() and "Exercise 2" in fig._supxlabel.get_text()
    (losses,) = fig.axes[1].get_lines()
    assert losses.get_ydata()[-1] < 0.05  # the course's layer learns XOR


def test_spiral_training_runs_the_students_train_and_is_short_while_graded(monkeypatch, capsys):
    """Graded, the book's runs take GRADED_EPOCHS with the student's train (no one watches
    them); a train that fails falls back to the course's with a note."""
    from nbhelpers import training
    from nbhelpers.plots.training import GRADED_EPOCHS

    calls = []

    def spy(X, y, network, optimizer, epochs, print_every=100):
        calls.append(epochs)
        return training.train(X, y, network, optimizer, epochs, print_every)

    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    fig = plots.spiral_training(spy)
    printed = capsys.readouterr().out
    assert calls == [1, GRADED_EPOCHS, GRADED_EPOCHS]  # the trial, then SGD and Adam
    assert f"(Graded: {GRADED_EPOCHS} epochs per run" in printed and "Note:" not in printed
    assert [len(line.get_xdata()) for line in fig.axes[0].get_lines()] == [GRADED_EPOCHS] * 2

    def unfinished(X, y, network, optimizer, epochs, print_every=100):
        raise NotImplementedError()

    plots.spiral_training(unfinished, epochs=3)
    printed = capsys.readouterr().out
    assert "Note:" in printed and "the course's version runs instead" in printed
    assert "Graded" not in printed  # epochs given: no shortening to note
