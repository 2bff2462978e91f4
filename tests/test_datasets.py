"""nbhelpers.datasets reproduces the nnfs package's arrays exactly, without global state."""

from __future__ import annotations

import textwrap

import numpy as np
import pytest

from nbhelpers.datasets import sine_data, spiral_data, vertical_data
from tests.nnfs_reference import arrays_from

NNFS_REFERENCE = textwrap.dedent("""
    import sys
    import numpy as np
    import nnfs
    from nnfs.datasets import sine_data, spiral_data, vertical_data

    out = {}
    np.random.seed(0)  # without nnfs.init(): float64
    out["spiral64_X"], out["spiral64_y"] = spiral_data(samples=50, classes=4)
    nnfs.init()        # the book's setting: seed 0, float32
    out["spiral_X"], out["spiral_y"] = spiral_data(samples=100, classes=3)
    out["layer_weights"] = 0.01 * np.random.randn(2, 3)  # the book's Layer_Dense(2, 3), next
    nnfs.init()
    out["vertical_X"], out["vertical_y"] = vertical_data(samples=100, classes=3)
    out["sine_X"], out["sine_y"] = sine_data()
    np.savez(sys.argv[1], **out)
""")


@pytest.fixture(scope="module")
def nnfs_arrays(tmp_path_factory):
    return arrays_from(NNFS_REFERENCE, tmp_path_factory.mktemp("nnfs"))


def assert_identical(ours: np.ndarray, reference: np.ndarray) -> None:
    assert ours.dtype == reference.dtype and ours.shape == reference.shape
    assert np.array_equal(ours, reference)


def test_spiral_data_is_the_books(nnfs_arrays):
    X, y = spiral_data(samples=100, classes=3)
    assert_identical(X, nnfs_arrays["spiral_X"])
    assert_identical(y, nnfs_arrays["spiral_y"])


def test_one_generator_continues_the_books_stream_into_the_first_layer(nnfs_arrays):
    rng = np.random.RandomState(0)
    X, _ = spiral_data(100, 3, random_state=rng)
    assert_identical(X, nnfs_arrays["spiral_X"])
    assert_identical(0.01 * rng.randn(2, 3).astype(np.float32), nnfs_arrays["layer_weights"])


def test_float64_matches_nnfs_without_init(nnfs_arrays):
    X, y = spiral_data(50, 4, random_state=0, dtype=np.float64)
    assert_identical(X, nnfs_arrays["spiral64_X"])
    assert_identical(y, nnfs_arrays["spiral64_y"])


def test_vertical_and_sine_data_are_the_books(nnfs_arrays):
    X, y = vertical_data(samples=100, classes=3)
    assert_identical(X, nnfs_arrays["vertical_X"])
    assert_identical(y, nnfs_arrays["vertical_y"])
    X, y = sine_data()
    assert_identical(X, nnfs_arrays["sine_X"])
    assert_identical(y, nnfs_arrays["sine_y"])


@pytest.mark.parametrize("make", [spiral_data, vertical_data])
def test_classification_data_shapes_and_labels(make):
    X, y = make(7, 5)
    assert X.shape == (35, 2) and y.shape == (35,) and y.dtype == np.uint8
    assert np.array_equal(y, np.repeat(np.arange(5), 7))


def test_the_global_random_state_is_never_touched():
    np.random.seed(123)
    before = np.random.get_state()[1].copy()
    spiral_data(10, 2)
    vertical_data(10, 2, random_state=np.random.default_rng(1))
    sine_data(10, noise=0.1, random_state=4)
    assert np.array_equal(np.random.get_state()[1], before)


def test_seeds_and_generators():
    assert np.array_equal(
        spiral_data(20, 3, random_state=5)[0], spiral_data(20, 3, random_state=5)[0]
    )
    assert not np.array_equal(
        spiral_data(20, 3, random_state=5)[0], spiral_data(20, 3, random_state=6)[0]
    )
    a = spiral_data(20, 3, random_state=np.random.default_rng(9))[0]
    b = spiral_data(20, 3, random_state=np.random.default_rng(9))[0]
    assert np.array_equal(a, b) and not np.array_equal(a, spiral_data(20, 3)[0])


def test_sine_noise_is_seeded_and_optional():
    clean_X, clean_y = sine_data(200)
    X, y = sine_data(200, noise=0.05, random_state=3)
    assert np.array_equal(X, clean_X)
    assert 0.02 < np.std(y - clean_y) < 0.08
    assert np.array_equal(y, sine_data(200, noise=0.05, random_state=3)[1])


@pytest.mark.parametrize(
    "call, error",
    [
        (lambda: spiral_data(0, 3), "samples must be a positive whole number"),
        (lambda: vertical_data(10, 2.5), "classes must be a positive whole number"),
        (lambda: spiral_data(10, 3, random_state="seed"), "random_state must be"),
        (lambda: sine_data(10, noise=-1), "cannot be negative"),
    ],
)
def test_bad_arguments_get_clear_errors(call, error):
    with pytest.raises((ValueError, TypeError), match=error):
        call()
