"""Numerical gradients: the course's checker for every gradient a student writes.

A backward pass is easy to get almost right: a missing transpose or a sum over the wrong
axis still gives an array, often of the right shape. The numerical gradient needs no
calculus at all, only the function itself: nudge one entry of a parameter a little up and
a little down and see how much the (scalar) function changes,

    d f / d x[i]  ≈  (f(x + h·e_i) - f(x - h·e_i)) / (2h),

which is wrong only by a term in h² (the one-sided difference (f(x + h) - f(x)) / h is
wrong by a term in h). Notebook 09 has students write this; notebook 10 and later test
every backward pass against this module's version.

To check a layer's backward, which receives ``dvalues`` (d loss / d outputs) rather than a
loss, use the scalar ``np.sum(outputs * dvalues)``: its gradient with respect to anything
the outputs depend on is exactly what backward must return for those ``dvalues``.

Example::

    layer = DenseLayer(3, 2, rng)
    inputs, dvalues = rng.standard_normal((4, 3)), rng.standard_normal((4, 2))
    expected = numerical_gradient(lambda w: np.sum(layer.forward(inputs) * dvalues),
                                  layer.weights)
    layer.forward(inputs); layer.backward(dvalues)
    relative_error(layer.dweights, expected)  # about 1e-10
"""

from __future__ import annotations

from typing import Callable

import numpy as np

STEP = 1e-5  # small enough for the h² error, large enough for float64's rounding (~1e-16 / h)


def numerical_gradient(
    f: Callable[[np.ndarray], float], x: np.ndarray, h: float = STEP
) -> np.ndarray:
    """Central-difference gradient of a scalar function with respect to every entry of x.

    Each entry of ``x`` is changed in place, one at a time, and put back, so ``f`` may read
    ``x`` through another reference (a layer's ``weights``) instead of its argument.

    Args:
        f: function of x returning a number (e.g. a loss); called 2 · x.size times.
        x: float array of any shape (a parameter or an input), changed and restored.
        h: the step.

    Returns:
        array of x's shape, in float64: the estimate of d f / d x.

    Raises:
        TypeError: x is not a numpy array of floats (an integer array cannot take a small step).
    """
    if not isinstance(x, np.ndarray) or not np.issubdtype(x.dtype, np.floating):
        raise TypeError(
            f"numerical_gradient needs a numpy array of floats to nudge, not {type(x).__name__}"
            f"{f' of {x.dtype}' if isinstance(x, np.ndarray) else ''}"
        )
    gradient = np.zeros(x.shape, dtype=np.float64)
    for index in np.ndindex(x.shape):
        original = x[index]
        x[index] = original + h
        above = float(f(x))
        x[index] = original - h
        below = float(f(x))
        x[index] = original
        gradient[index] = (above - below) / (2 * h)
    return gradient


def relative_error(a: np.ndarray, b: np.ndarray) -> float:
    """The largest relative difference between two gradients, entry by entry.

    ``|a - b| / max(|a| + |b|, 1e-8)``: about 1e-7 or less when an analytic gradient and a
    central-difference estimate agree (in float64), about 1 when one of them is wrong.

    Args:
        a, b: arrays of the same shape.

    Returns:
        float, 0 for two empty arrays.
    """
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a.size == 0:
        return 0.0
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), 1e-8)))


def backward_gradients(
    forward: Callable[..., np.ndarray], dvalues: np.ndarray, *arrays: np.ndarray, h: float = STEP
) -> list[np.ndarray]:
    """What a layer's backward must give for ``dvalues``, numerically, for each of its arrays.

    The gradient of the scalar ``np.sum(forward(*arrays) * dvalues)`` with respect to each
    array (see the module's docstring), computed on float64 copies, so the arrays passed in
    are left as they are (float32 ones too).

    Args:
        forward: the course's forward pass, e.g. ``lambda w, b, x: x @ w + b``.
        dvalues: array of the shape ``forward`` returns, d loss / d outputs.
        *arrays: the arguments of ``forward`` (parameters and inputs).
        h: the step.

    Returns:
        list of float64 arrays, one per argument, each of that argument's shape.
    """
    copies = [np.array(a, dtype=np.float64) for a in arrays]
    dvalues = np.asarray(dvalues, dtype=np.float64)
    return [
        numerical_gradient(lambda _: float(np.sum(forward(*copies) * dvalues)), x, h)
        for x in copies
    ]
