"""nbhelpers.checks: what a test cell tells a student, and what it cannot be talked out of."""

from __future__ import annotations

import numpy as np
import pytest

from nbhelpers import checks
from nbhelpers.checks import (
    MATRIX_PRODUCT_ERRORS,
    CheckFailure,
    Mistake,
    attribute,
    check_call,
    check_raises,
    check_value,
    run,
    show_call,
    try_call,
)


def neuron(inputs, weights, bias):
    return sum(x * w for x, w in zip(inputs, weights)) + bias


BOOK = ([1.0, 2.0, 3.0], [0.2, 0.8, -0.5], 2.0)


def failure(func, *args, **options) -> CheckFailure:
    with pytest.raises(CheckFailure) as caught:
        check_call(func, *args, **options)
    return caught.value


def test_a_correct_result_passes_quietly(capsys):
    assert (
        check_call(neuron, *BOOK, expected=2.3) is None
    )  # None: a test cell never shows a stray value
    assert capsys.readouterr().out == ""


def test_a_wrong_value_shows_call_expected_got_tolerance_and_the_named_mistake():
    def no_bias(inputs, weights, bias):
        return neuron(inputs, weights, 0)

    error = failure(no_bias, *BOOK, expected=2.3, mistakes=[(0.3, "the bias is missing")])
    text = str(error)
    assert "no_bias([1.0, 2.0, 3.0], [0.2, 0.8, -0.5], 2.0): wrong value" in text
    assert "expected: 2.3" in text and "got:      0.3" in text
    assert "|got - expected| <= 1e-09 + 1e-07·|expected|" in text
    assert "Hint: the bias is missing" in text


def test_hidden_failures_reveal_neither_inputs_nor_values():
    def no_bias(inputs, weights, bias):
        return neuron(inputs, weights, 0)

    error = failure(
        no_bias,
        [0.5] * 7,
        [1.5] * 7,
        4.25,
        expected=9.5,
        hidden=True,
        case="a hidden case with 7 inputs",
        mistakes=[(5.25, "the bias is missing")],
    )
    text = str(error)
    assert text.startswith("no_bias on a hidden case with 7 inputs: wrong value")
    assert "the bias is missing" in text
    for secret in ("9.5", "5.25", "4.25", "0.5", "1.5"):
        assert secret not in text


SECRET_INPUTS = ([0.5] * 7, [1.5] * 7, 4.25)  # a hidden case: 7 inputs


class Leak_4_25(ValueError):  # noqa: N801 -- a class name that spells an input
    pass


def leaky(inputs, weights, bias):
    """Answers the visible cases; on others, raises with the inputs in its message."""
    raise ValueError(f"cannot handle inputs={inputs} weights={weights} bias={bias}")


def leaky_by_class(inputs, weights, bias):
    raise Leak_4_25("nothing")


def assert_no_secret(text: str) -> None:
    for secret in ("0.5", "1.5", "4.25", "4_25", "inputs=", "nothing"):
        assert secret not in text, f"{secret!r} shown: {text}"


@pytest.mark.parametrize("func", [leaky, leaky_by_class])
def test_an_error_on_a_hidden_case_shows_its_built_in_type_not_its_message(func):
    text = str(failure(func, *SECRET_INPUTS, expected=9.5, hidden=True, case="a hidden case"))
    assert text.startswith(f"{func.__name__} raised ValueError on a hidden case")
    assert "not shown" in text
    assert_no_secret(text)
    visible = str(failure(func, *BOOK, expected=2.3))
    assert "cannot handle inputs=" in visible or "Leak_4_25: nothing" in visible, (
        "on a visible case the student sees their own message"
    )


def test_a_hidden_error_message_check_names_neither_the_message_nor_the_sizes():
    def vague(inputs, weights):
        raise ValueError(f"lengths {len(inputs)} and {len(weights)} differ")

    with pytest.raises(CheckFailure) as caught:
        check_raises(
            vague,
            [1.0] * 7,
            [2.0] * 6,
            mentions=["seven", "six"],
            hidden=True,
            case="a hidden case",
        )
    text = str(caught.value)
    assert "does not say enough" in text and "should name the values that disagree" in text
    for secret in ("7", "6", "seven", "six", "lengths"):
        assert secret not in text.replace("a hidden case", "")
    with pytest.raises(CheckFailure) as caught:
        check_raises(leaky, *SECRET_INPUTS, exception=TypeError, hidden=True, case="a hidden case")
    assert "raised ValueError instead of TypeError" in str(caught.value)
    assert_no_secret(str(caught.value))


def test_a_hidden_shape_or_kind_mismatch_shows_no_sizes():
    text = str(
        failure(lambda x: np.zeros(7), [1.0] * 6, expected=np.zeros(6), hidden=True, case="a case")
    )
    assert "wrong shape" in text and "7" not in text and "6" not in text
    text = str(failure(lambda x: [0.0] * 7, [1.0] * 6, expected=3.0, hidden=True, case="a case"))
    assert "a list of numbers where a single number is expected" in text and "7" not in text


def test_hidden_checks_must_describe_their_case_without_the_inputs():
    with pytest.raises(TypeError, match="case"):
        check_call(neuron, *BOOK, expected=2.3, hidden=True)


def test_an_unfinished_exercise_is_named_even_when_called_through_another_function():
    def step(x):
        raise NotImplementedError()

    def fires(inputs, weights, bias):
        return step(neuron(inputs, weights, bias))

    error = failure(fires, *BOOK, expected=1.0)
    assert error.headline == "`step` is not written yet"
    assert "replace `raise NotImplementedError()`" in str(error)


def test_an_exception_in_student_code_shows_the_students_traceback_only():
    def broken(inputs, weights, bias):
        return inputs[0] * weights["first"]

    text = str(failure(broken, *BOOK, expected=2.3))
    assert "broken([1.0, 2.0, 3.0], [0.2, 0.8, -0.5], 2.0) raised TypeError" in text
    assert "in broken" in text and 'weights["first"]' in text
    assert "nbhelpers/checks.py" not in text


@pytest.mark.parametrize(
    "result, message, hint",
    [
        (None, "returned None", "printing a value does not return it"),
        (
            [0.2, 1.6, -1.5],
            "returned a list of 3 numbers where a single number is expected",
            "combining into one number",
        ),
        ("2.3", "returned a str where a single number is expected", None),
    ],
)
def test_wrong_kinds_of_result_for_a_number(result, message, hint):
    text = str(failure(lambda *a: result, *BOOK, expected=2.3))
    assert message in text
    if hint:
        assert hint in text


def test_list_versus_array():
    assert "returned a Python list where a numpy array is expected" in str(
        failure(lambda: [1.0, 2.0], expected=np.array([1.0, 2.0]))
    )
    assert "returned a numpy array where a Python list is expected" in str(
        failure(lambda: np.array([1.0, 2.0]), expected=[1.0, 2.0])
    )


@pytest.mark.parametrize(
    "got, expected, hint",
    [
        ([[4.8, 1.21, 2.385]], [4.8, 1.21, 2.385], "one level too deep"),
        (np.zeros((1, 3)), np.zeros(3), "one level too deep"),
        (np.zeros(3), np.zeros((1, 3)), "one level too shallow"),
        (np.zeros((3, 2)), np.zeros((2, 3)), "rows and columns are swapped"),
        ([1.0, 2.0], [1.0, 2.0, 3.0], "count what there should be one"),
    ],
)
def test_shape_mistakes_are_named(got, expected, hint):
    text = str(failure(lambda: got, expected=expected))
    assert "returned shape" in text and hint in text


def test_integer_arrays_are_named_when_they_cut_off_fractions():
    text = str(failure(lambda: np.array([1, 2]), expected=np.array([1.5, 2.5])))
    assert "wrong value" in text and "array of integers (int64)" in text
    check_call(
        lambda: np.array([1, 2]), expected=np.array([1.0, 2.0])
    )  # exact whole numbers are fine


def test_a_float_where_a_whole_number_is_expected():
    text = str(failure(lambda: 15.0, expected=15))
    assert "returned 15.0 where a whole number (int) is expected" in text
    check_call(lambda: np.int64(15), expected=15)


def test_ints_and_bools_pass_where_floats_are_expected():
    check_call(lambda: 20, expected=20.0)
    check_call(lambda: True, expected=1.0)


def test_inputs_changed_in_place_are_caught_and_named():
    def appends(inputs, weights, bias):
        inputs.append(0.0)
        return 2.3

    text = str(failure(appends, [1.0, 2.0, 3.0], [0.2, 0.8, -0.5], 2.0, expected=2.3))
    assert "changed its input `inputs` in place" in text

    def relu_in_place(x):
        x[x < 0] = 0
        return x

    text = str(failure(relu_in_place, np.array([-1.0, 2.0]), expected=np.array([0.0, 2.0])))
    assert "changed its input `x` in place" in text
    assert "build a new list or array" in text


def test_an_exercise_that_nudges_its_input_names_the_entry_not_put_back():
    """A numerical gradient changes x and must put it back: its own hint, not the general one."""

    def nudged(x):
        x[0] += 1e-5
        return 1.0

    put_back = Mistake("an entry was not put back.", raised=checks.CHANGED_INPUT)
    text = str(failure(nudged, np.array([0.1, 2.0]), expected=1.0, mistakes=[put_back]))
    assert "changed its input `x` in place" in text and "an entry was not put back." in text
    assert "build a new list or array" not in text


def test_nan_and_flipped_sign_get_their_own_hints():
    assert "contains nan or inf" in str(
        failure(lambda: np.array([np.nan, 1.0]), expected=np.array([0.5, 0.5]))
    )
    assert "sign is flipped" in str(failure(lambda: -2.3, expected=2.3))


def test_float32_results_are_compared_with_a_float32_tolerance():
    expected = np.array([0.1, 0.2, 0.3]) * 3
    check_call(lambda: np.array([0.1, 0.2, 0.3], dtype=np.float32) * 3, expected=expected)
    assert "wrong value" in str(failure(lambda: expected + 1e-5, expected=expected))


def test_check_value_names_the_value():
    check_value([0.0, 1.0], [0.0, 1.0], what="the OR truth table")
    with pytest.raises(CheckFailure, match="the AND truth table: wrong value"):
        check_value([0.0, 1.0], [0.0, 0.0], what="the AND truth table")


def test_check_raises_requires_the_right_exception_and_a_helpful_message():
    def strict(a, b):
        if len(a) != len(b):
            raise ValueError(f"{len(a)} inputs but {len(b)} weights")

    check_raises(strict, [1, 2, 3], [1, 2], mentions=["3", "2"])

    with pytest.raises(CheckFailure, match="accepted bad input and returned 0"):
        check_raises(lambda a, b: 0, [1, 2, 3], [1, 2])
    with pytest.raises(CheckFailure, match="raised ZeroDivisionError instead of ValueError"):
        check_raises(lambda a, b: 1 / 0, [1, 2, 3], [1, 2])
    with pytest.raises(CheckFailure, match="does not say enough"):
        check_raises(
            lambda a, b: (_ for _ in ()).throw(ValueError("bad")), [1, 2, 3], [1, 2], mentions=["3"]
        )
    with pytest.raises(CheckFailure, match="is not written yet"):
        check_raises(lambda a, b: (_ for _ in ()).throw(NotImplementedError()), [1], [1])


def test_the_notebook_view_is_a_short_message_not_a_traceback():
    lines = failure(lambda: 1.0, expected=2.0)._render_traceback_()
    assert lines[0].startswith("\x1b[31m\x1b[1m✗ <lambda>(): wrong value")
    assert any("expected: 2.0" in line for line in lines)


def test_try_call_and_show_call_report_instead_of_raising(capsys):
    assert try_call(neuron, *BOOK)[:3] == (2.3, None, None)
    outcome = try_call(lambda: 1 / 0)
    assert (
        isinstance(outcome.error, ZeroDivisionError)
        and "raised ZeroDivisionError" in outcome.problem
    )
    assert "is not a function" in try_call(42).problem

    def layer_output(*args):
        raise NotImplementedError()

    show_call(neuron, *BOOK)
    show_call(layer_output, [1.0])
    out = capsys.readouterr().out
    assert "neuron([1.0, 2.0, 3.0], [0.2, 0.8, -0.5], 2.0) = 2.3" in out
    assert "`layer_output` is not written yet: finish that exercise" in out


def test_reassigning_numpy_comparisons_does_not_change_a_verdict(monkeypatch):
    for name in ("allclose", "isclose", "array_equal", "asarray", "abs", "isfinite", "isnan"):
        monkeypatch.setattr(np, name, lambda *a, **k: True)
    monkeypatch.setattr(np.testing, "assert_allclose", lambda *a, **k: None)
    with pytest.raises(CheckFailure, match="wrong value"):
        check_call(lambda: np.array([1.0, 2.0]), expected=np.array([1.0, 3.0]))


def test_checkers_cannot_be_replaced_or_deleted():
    with pytest.raises(AttributeError, match="read-only"):
        checks.check_call = lambda *a, **k: None
    with pytest.raises(AttributeError, match="read-only"):
        del checks.check_value
    with pytest.raises(CheckFailure):
        check_call(lambda: 1.0, expected=2.0)


def test_expected_values_are_copied_before_the_students_code_runs():
    expected = np.array([1.0, 2.0])

    def sneaky():
        expected[:] = [9.0, 9.0]  # tries to make the expected value match its answer
        return np.array([9.0, 9.0])

    with pytest.raises(CheckFailure, match="wrong value"):
        check_call(sneaky, expected=expected)


def test_run_builds_a_students_object_or_explains_why_not():
    class Layer:
        def __init__(self, n):
            self.weights = [0.0] * n

    assert run(Layer, 3).weights == [0.0] * 3

    class Unfinished:
        def __init__(self, n):
            raise NotImplementedError()

    with pytest.raises(CheckFailure, match="`Unfinished.__init__` is not written yet"):
        run(Unfinished, 3)


def test_a_missing_attribute_is_named():
    class Layer:
        pass

    with pytest.raises(CheckFailure, match="Layer objects have no attribute `biases`") as caught:
        attribute(Layer(), "biases")
    assert "self.biases = ..." in str(caught.value)


def test_exceptions_get_hints_from_the_test_and_from_the_common_list():
    swapped = lambda inputs, weights: np.dot(inputs, weights)  # noqa: E731
    text = str(
        failure(
            swapped,
            np.ones(4),
            np.ones((3, 4)),
            expected=np.ones(3),
            errors=[("not aligned", "put the weights first: np.dot(weights, inputs)")],
        )
    )
    assert "raised ValueError" in text and "put the weights first" in text
    assert "check the order of the operands" in text  # the common hint for the same error


def test_strict_floats_turn_an_overflow_into_a_named_failure():
    def naive_sigmoid(x):
        return 1 / (1 + np.exp(-x))

    check_call(naive_sigmoid, np.array([0.0]), expected=np.array([0.5]), strict_floats=True)
    text = str(
        failure(naive_sigmoid, np.array([-1000.0]), expected=np.array([0.0]), strict_floats=True)
    )
    assert (
        "raised FloatingPointError" in text
        and "never exponentiates a large positive number" in text
    )


def test_warnings_become_notes_on_stdout_not_stderr(capsys):
    def naive_sigmoid(x):
        return 1 / (1 + np.exp(-x))

    check_call(naive_sigmoid, np.array([-1000.0]), expected=np.array([0.0]))
    out, err = capsys.readouterr()
    assert "Note: naive_sigmoid emitted a warning: overflow encountered in exp" in out
    assert err == ""


def test_using_the_global_random_state_is_caught_when_a_generator_is_given():
    def weights(n, rng):
        return 0.01 * np.random.randn(n)

    with pytest.raises(CheckFailure, match="used numpy's global random state") as caught:
        run(weights, 3, np.random.default_rng(0), keeps_random_state=True)
    assert "rng.standard_normal" in str(caught.value)
    run(lambda n, rng: rng.standard_normal(n), 3, np.random.default_rng(0), keeps_random_state=True)


def test_even_one_draw_from_the_global_random_state_is_caught():
    np.random.seed(5)
    np.random.randn()  # now the next draws only move the position in the generator's key
    with pytest.raises(CheckFailure, match="used numpy's global random state"):
        run(lambda: np.random.randn(), keeps_random_state=True)


def test_a_mistake_can_be_named_by_a_property_of_the_result():
    def columns_normalised(batch):
        e = np.exp(batch)
        return e / e.sum(axis=0, keepdims=True)

    text = str(
        failure(
            columns_normalised,
            np.array([[1.0, 2.0], [3.0, 5.0]]),
            expected=np.array([[0.26894142, 0.73105858], [0.11920292, 0.88079708]]),
            rtol=1e-6,
            mistakes=[
                (lambda got: np.allclose(got.sum(axis=0), 1), "the columns sum to 1"),
                (lambda got: got["no such key"], "a property that fails is ignored"),
            ],
        )
    )
    assert "the columns sum to 1" in text and "ignored" not in text


def without_bias(inputs, weights, bias):
    return sum(x * w for x, w in zip(inputs, weights))


NEURON_MISTAKES = [
    Mistake("the bias is missing", gives=without_bias),
    Mistake("a whole number came back", shows=lambda got, expected: isinstance(got, int)),
    Mistake("a property that fails is ignored", shows=lambda got, expected: got["no key"]),
    Mistake("a mistake that cannot be computed is ignored", gives=lambda *args: 1 / 0),
]


@pytest.mark.parametrize(
    "inputs, weights, bias",
    [([1.0, 2.0, 3.0], [0.2, 0.8, -0.5], 2.0), ([4.0, -1.5], [0.25, 2.0], -7.5)],
)
def test_a_catalogued_mistake_is_recomputed_for_any_input(inputs, weights, bias):
    text = str(
        failure(
            without_bias,
            inputs,
            weights,
            bias,
            expected=neuron(inputs, weights, bias),
            mistakes=NEURON_MISTAKES,
        )
    )
    assert "the bias is missing" in text
    assert "whole number" not in text and "ignored" not in text


def test_a_catalogued_mistake_is_named_in_hidden_tests_too():
    text = str(
        failure(
            without_bias,
            [2.0],
            [3.0],
            1.0,
            expected=7.0,
            mistakes=NEURON_MISTAKES,
            hidden=True,
            case="a hidden neuron",
        )
    )
    assert "the bias is missing" in text and "expected" not in text


def test_a_catalogued_mistake_gets_fresh_copies_of_the_inputs():
    def adds_the_bias_into_the_weights(inputs, weights, bias):
        weights.append(bias)  # a mistake that changes its input must not change the next one
        return sum(x * w for x, w in zip(inputs, weights))

    text = str(
        failure(
            without_bias,
            [1.0],
            [2.0],
            3.0,
            expected=5.0,
            mistakes=[
                Mistake("changed its copy", gives=adds_the_bias_into_the_weights),
                Mistake("the bias is missing", gives=without_bias),
            ],
        )
    )
    assert "changed its copy" in text and "the bias is missing" in text


def test_a_catalogued_mistake_can_be_named_by_what_it_raises():
    def weights_first(inputs, weights):
        return np.asarray(weights) @ np.asarray(inputs)

    text = str(
        failure(
            weights_first,
            np.ones((2, 4)),
            np.ones((3, 4)),
            expected=np.full((2, 3), 4.0),
            mistakes=[Mistake("inputs come first in a batch", raised=MATRIX_PRODUCT_ERRORS)],
        )
    )
    assert "inputs come first in a batch" in text


@pytest.mark.parametrize(
    "product",
    [
        np.dot,
        np.matmul,
        lambda a, b: a @ b,
        lambda a, b: np.einsum("ij,jk->ik", a, b),
    ],
    ids=["np.dot", "np.matmul", "@", "einsum"],
)
def test_every_way_of_writing_a_matrix_product_gets_the_same_shape_hint(product):
    text = str(failure(product, np.ones((2, 3)), np.ones((2, 3)), expected=np.ones((2, 2))))
    assert "a matrix product a·b needs a's last dimension to equal b's first" in text


def test_a_catalogued_mistake_is_not_blamed_where_it_changes_nothing():
    def doubles(inputs, weights, bias):
        return 2 * neuron(inputs, weights, bias)

    text = str(failure(doubles, [1.0], [2.0], 0.0, expected=2.0, mistakes=NEURON_MISTAKES))
    assert "the bias is missing" not in text  # with a bias of 0 that mistake gives 2.0 too
