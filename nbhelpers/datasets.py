"""The book's toy datasets, with explicit randomness.

The book draws its data with the ``nnfs`` package after ``nnfs.init()``, which seeds
numpy's *global* legacy generator with 0 and makes numpy return float32. These functions
never touch global state: randomness comes from the ``random_state`` argument. Passing
the integer 0 (the default) uses ``np.random.RandomState(0)``, the generator
``nnfs.init()`` seeds, so the arrays equal the book's exactly::

    X, y = spiral_data(samples=100, classes=3)            # the book's spiral data

To continue drawing from the same stream, as the book does when it initialises a layer
right after creating its data, pass one generator to both::

    rng = np.random.RandomState(0)
    X, y = spiral_data(100, 3, random_state=rng)
    weights = 0.01 * rng.randn(2, 3).astype(np.float32)   # the book's first dense layer

A ``np.random.Generator`` (``np.random.default_rng(seed)``) is accepted too, for new
code; it gives different numbers from the book's.

The spiral generator is from Andrej Karpathy's CS231n notes ("Neural Networks Case
Study", https://cs231n.github.io/neural-networks-case-study/), MIT licence, copyright
(c) 2015 Andrej Karpathy, as adapted by the ``nnfs`` package; the vertical data are a
variant of it from the same package.
"""

from __future__ import annotations

from typing import Callable, Union

import numpy as np

RandomState = Union[int, np.random.RandomState, np.random.Generator]


def _generator(random_state: RandomState) -> np.random.RandomState | np.random.Generator:
    if isinstance(random_state, (np.random.RandomState, np.random.Generator)):
        return random_state
    if isinstance(random_state, (int, np.integer)) and not isinstance(random_state, bool):
        return np.random.RandomState(int(random_state))
    raise TypeError(
        "random_state must be an int seed, a np.random.RandomState or a "
        f"np.random.Generator, not {type(random_state).__name__}"
    )


def _standard_normal(
    rng: np.random.RandomState | np.random.Generator, n: int, dtype: np.dtype
) -> np.ndarray:
    """n draws from N(0, 1) in ``dtype``.

    They are drawn in float64, then cast, as nnfs.init() makes randn do.
    """
    draws = rng.randn(n) if isinstance(rng, np.random.RandomState) else rng.standard_normal(n)
    return draws.astype(dtype)


def _check_sizes(samples: int, classes: int) -> None:
    for name, value in (("samples", samples), ("classes", classes)):
        if not isinstance(value, (int, np.integer)) or isinstance(value, bool) or value < 1:
            raise ValueError(f"{name} must be a positive whole number, got {value!r}")


def _class_by_class(
    samples: int,
    classes: int,
    random_state: RandomState,
    dtype: np.dtype | type,
    draw: Callable[[np.random.RandomState | np.random.Generator, int], np.ndarray],
) -> tuple[np.ndarray, np.ndarray]:
    """Points for each class in turn: X of shape (samples * classes, 2) from
    ``draw(rng, label) -> (samples, 2)``, and y of shape (samples * classes,), uint8."""
    _check_sizes(samples, classes)
    rng = _generator(random_state)
    X = np.zeros((samples * classes, 2), dtype=dtype)
    y = np.zeros(samples * classes, dtype=np.uint8)
    for label in range(classes):
        rows = slice(samples * label, samples * (label + 1))
        X[rows] = draw(rng, label)
        y[rows] = label
    return X, y


def spiral_data(
    samples: int,
    classes: int,
    *,
    random_state: RandomState = 0,
    dtype: np.dtype | type = np.float32,
    noise: float = 0.2,
) -> tuple[np.ndarray, np.ndarray]:
    """Points on interleaved spiral arms, one arm per class.

    Each class is an arm whose radius grows from 0 to 1 while its angle turns, with
    Gaussian noise (standard deviation ``noise`` before scaling, the book's 0.2) on the
    angle. No straight line separates the classes, which is why the course needs
    nonlinear activations.

    Args:
        samples: points per class.
        classes: number of classes (arms).
        random_state: an int seed for ``np.random.RandomState`` (0, the default, gives
            the book's data), a ``RandomState`` or a ``np.random.Generator``.
        dtype: dtype of ``X``; float32 by default, as under ``nnfs.init()``.
        noise: the angle's noise (the training playground's noise control).

    Returns:
        X: array of shape (samples * classes, 2), the points, class by class.
        y: uint8 array of shape (samples * classes,), the class of each point.
    """
    radius = np.linspace(0.0, 1, samples)

    def arm(rng, label):
        angle = (
            np.linspace(label * 4, (label + 1) * 4, samples)
            + _standard_normal(rng, samples, dtype) * noise
        )
        return np.c_[radius * np.sin(angle * 2.5), radius * np.cos(angle * 2.5)]

    return _class_by_class(samples, classes, random_state, dtype, arm)


def vertical_data(
    samples: int,
    classes: int,
    *,
    random_state: RandomState = 0,
    dtype: np.dtype | type = np.float32,
) -> tuple[np.ndarray, np.ndarray]:
    """Gaussian blobs side by side, one per class: data a straight line can split.

    Class k is centred at (k / 3, 0.5) with standard deviation 0.1 on each axis.

    Args:
        samples: points per class.
        classes: number of classes (blobs).
        random_state: as for :func:`spiral_data`.
        dtype: dtype of ``X``; float32 by default, as under ``nnfs.init()``.

    Returns:
        X: array of shape (samples * classes, 2), the points, class by class.
        y: uint8 array of shape (samples * classes,), the class of each point.
    """

    def blob(rng, label):
        return np.c_[
            _standard_normal(rng, samples, dtype) * 0.1 + label / 3,
            _standard_normal(rng, samples, dtype) * 0.1 + 0.5,
        ]

    return _class_by_class(samples, classes, random_state, dtype, blob)


def sine_data(
    samples: int = 1000,
    *,
    noise: float = 0.0,
    random_state: RandomState = 0,
    dtype: np.dtype | type = np.float64,
) -> tuple[np.ndarray, np.ndarray]:
    """One period of a sine wave, for regression: y = sin(2π·x) on x in [0, 1).

    Without noise the data are deterministic and equal the book's (float64, as
    ``nnfs`` gives them even after ``nnfs.init()``).

    Args:
        samples: number of points, evenly spaced: x = 0, 1/samples, ..., (samples-1)/samples.
        noise: standard deviation of Gaussian noise added to y (0 for the book's data).
        random_state: as for :func:`spiral_data`; used only when ``noise`` > 0.
        dtype: dtype of both arrays.

    Returns:
        X: array of shape (samples, 1), the inputs.
        y: array of shape (samples, 1), the targets.
    """
    _check_sizes(samples, 1)
    if noise < 0:
        raise ValueError(f"noise is a standard deviation and cannot be negative, got {noise}")
    X = np.arange(samples).reshape(-1, 1) / samples
    y = np.sin(2 * np.pi * X)
    if noise > 0:
        y = y + noise * _standard_normal(_generator(random_state), samples, np.float64).reshape(
            -1, 1
        )
    return X.astype(dtype), y.astype(dtype)
