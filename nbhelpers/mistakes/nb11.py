"""Notebook 11 · Optimizers: the mistakes its tests name.

Each exercise is an optimizer class, checked through the probes of
:func:`nbhelpers.probes.optimizer_probes`: ``parameters_after(settings, parameters,
gradients)`` (every parameter after some steps, flattened) and ``learning_rates(settings,
steps)`` (``[current_learning_rate, iterations]`` after each step). One list per exercise:
SGD, ADAGRAD, RMSPROP, ADAM; each mistake's ``gives`` runs the same steps with an
optimizer that makes it (:func:`mistaken`), so its hint fires on hidden steps too.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from nbhelpers.checks import Mistake

# The book's defaults (chapter 10), by optimizer.
DEFAULTS = {
    "SGD": {"learning_rate": 1.0, "decay": 0.0, "momentum": 0.0},
    "Adagrad": {"learning_rate": 1.0, "decay": 0.0, "epsilon": 1e-7},
    "RMSprop": {"learning_rate": 0.001, "decay": 0.0, "epsilon": 1e-7, "rho": 0.9},
    "Adam": {"learning_rate": 0.001, "decay": 0.0, "epsilon": 1e-7, "beta_1": 0.9, "beta_2": 0.999},
}


def _root(cache: np.ndarray, epsilon: float, flaws: dict) -> np.ndarray:
    """What a step divides by: sqrt(cache) + epsilon, or a mistaken form of it."""
    if flaws.get("no_sqrt"):
        return cache + epsilon
    if flaws.get("epsilon_inside"):
        return np.sqrt(cache + epsilon)
    return np.sqrt(cache) + epsilon


def _square(gradient: np.ndarray, flaws: dict) -> np.ndarray:
    return gradient if flaws.get("not_squared") else gradient**2


def _sgd(s, rate, iterations, gradient, kept, p, flaws):
    rate = 1.0 if flaws.get("no_rate") else rate
    if not s["momentum"] or flaws.get("no_momentum"):
        return -rate * gradient
    update = s["momentum"] * kept.get(("m", p), 0.0) - rate * gradient
    if not flaws.get("momentum_not_kept"):
        kept["m", p] = gradient if flaws.get("keeps_gradient") else update
    return update


def _cache(s, old, square, flaws):
    """The new cache: AdaGrad's sum, or RMSProp's moving average (``rho`` in ``s``)."""
    if "rho" not in s or flaws.get("accumulates"):
        return square if flaws.get("forgets") else old + square
    rho = s["rho"]
    if flaws.get("rho_swapped"):
        return (1 - rho) * old + rho * square
    if flaws.get("no_one_minus"):
        return rho * old + square
    return rho * old + (1 - rho) * square


def _adaptive(s, rate, iterations, gradient, kept, p, flaws):
    old = kept.get(("c", p), 0.0)
    cache = kept["c", p] = _cache(s, old, _square(gradient, flaws), flaws)
    used = old if flaws.get("cache_late") else cache
    return -rate * gradient / _root(used, s["epsilon"], flaws)


def _adam(s, rate, iterations, gradient, kept, p, flaws):
    beta_1, beta_2 = s["beta_1"], s["beta_2"]
    if flaws.get("betas_swapped"):
        beta_1, beta_2 = beta_2, beta_1
    momentum = beta_1 * kept.get(("m", p), 0.0) + (1 - beta_1) * gradient
    cache = beta_2 * kept.get(("c", p), 0.0) + (1 - beta_2) * _square(gradient, flaws)
    step = iterations + flaws.get("step_offset", 1)
    corrected, cache_corrected = momentum, cache
    if not flaws.get("no_correction"):
        cache_corrected = cache / (1 - beta_2**step)
        if not flaws.get("momentum_uncorrected"):
            corrected = momentum / (1 - beta_1**step)
    if flaws.get("stores_corrected"):
        momentum, cache = corrected, cache_corrected
    kept["m", p], kept["c", p] = momentum, cache
    return -rate * corrected / _root(cache_corrected, s["epsilon"], flaws)


_UPDATES = {"SGD": _sgd, "Adagrad": _adaptive, "RMSprop": _adaptive, "Adam": _adam}


def mistaken(kind: str, **flaws) -> Callable:
    """``parameters_after`` of an optimizer ``kind`` ("SGD", ...) that makes ``flaws``.

    Flaws every optimizer can have: ``along`` (the step goes with the gradient),
    ``no_decay``, ``compounding`` (the decayed rate decays again), ``decay_late`` (decay
    uses iterations + 1), ``no_increment`` (iterations stays 0), ``biases_fixed`` (only the
    weights move), ``unchanged`` (nothing moves), ``shared`` (what is kept per parameter is
    kept once for all layers); the others are those of :func:`_sgd`, :func:`_cache`,
    :func:`_adaptive`, :func:`_adam` and :func:`_root`.

    Returns:
        a function (settings, parameters, gradients) -> array, as the probe's.
    """

    def parameters_after(settings, parameters, gradients):
        s = {**DEFAULTS[kind], **settings}
        rate, iterations = s["learning_rate"], 0
        values = [[np.array(a, dtype=float) for a in layer] for layer in parameters]
        state: list[dict] = [{} for _ in values]
        shared: dict = {}
        with np.errstate(all="ignore"):
            for step in gradients:
                if s["decay"] and not flaws.get("no_decay"):
                    base = rate if flaws.get("compounding") else s["learning_rate"]
                    rate = base / (1 + s["decay"] * (iterations + bool(flaws.get("decay_late"))))
                for k, layer_gradients in enumerate(step):
                    for p, gradient in enumerate(layer_gradients):
                        gradient = np.array(gradient, dtype=float)
                        if flaws.get("along"):
                            gradient = -gradient
                        kept = shared if flaws.get("shared") else state[k]
                        update = _UPDATES[kind](s, rate, iterations, gradient, kept, p, flaws)
                        if not flaws.get("unchanged") and not (p and flaws.get("biases_fixed")):
                            values[k][p] = values[k][p] + update
                if not flaws.get("no_increment"):
                    iterations += 1
        return np.concatenate([np.ravel(a) for layer in values for a in layer])

    return parameters_after


def _rates(**flaws) -> Callable:
    """``learning_rates(settings, steps)`` of an optimizer with these flaws of the decay."""

    def learning_rates(settings, steps):
        rate, iterations, rates = settings.get("learning_rate", 1.0), 0, []
        decay = settings.get("decay", 0.0)
        for _ in range(steps):
            if decay and not flaws.get("no_decay"):
                base = rate if flaws.get("compounding") else settings.get("learning_rate", 1.0)
                rate = base / (1 + decay * (iterations + bool(flaws.get("decay_late"))))
            iterations += 0 if flaws.get("no_increment") else 1
            rates.append([rate, iterations])
        return rates

    return learning_rates


# ----------------------------------------------------------------------------- what all share

ALONG = (
    "the parameters moved ALONG the gradient, the direction in which the loss grows fastest: "
    "a step that lowers the loss goes against it (look at the sign of the step)."
)
NO_DECAY = (
    "the learning rate does not decay: pre_update_params sets current_learning_rate from "
    "learning_rate, decay and iterations, and the update uses current_learning_rate."
)
COMPOUNDING = (
    "the decay compounds: each step divides the already decayed rate again. The formula "
    "starts from the initial learning_rate every time."
)
DECAY_LATE = (
    "the decay is one step ahead: the first step uses the full learning rate (iterations is "
    "0 then), so look at which count the formula uses and where iterations is increased."
)
NO_INCREMENT = (
    "iterations never grows: post_update_params counts each step taken (by 1), and the decay "
    "(and Adam's correction) depend on it."
)
UNCHANGED = (
    "the layer's parameters did not change: update_params must assign the new values to "
    "layer.weights and layer.biases (e.g. with +=). Changing a local copy leaves the layer as "
    "it was."
)
BIASES_FIXED = "the biases did not move: update_params updates the biases as well as the weights."
SHARED = (
    "what the optimizer keeps for a parameter is shared between layers: it belongs on each "
    "LAYER (layer.weight_momentums, layer.weight_cache, ...), not on the optimizer, since "
    "every layer's parameters have their own history."
)


def _common(kind: str) -> list[Mistake]:
    """The mistakes every optimizer can make, recognised by ``parameters_after``."""
    return [
        Mistake(ALONG, gives=mistaken(kind, along=True)),
        Mistake(NO_DECAY, gives=mistaken(kind, no_decay=True)),
        Mistake(COMPOUNDING, gives=mistaken(kind, compounding=True)),
        Mistake(DECAY_LATE, gives=mistaken(kind, decay_late=True)),
        Mistake(UNCHANGED, gives=mistaken(kind, unchanged=True)),
        Mistake(BIASES_FIXED, gives=mistaken(kind, biases_fixed=True)),
        Mistake(SHARED, gives=mistaken(kind, shared=True)),
        # Layers of different shapes: a history shared between them cannot be combined with
        # the next layer's gradient (every other array here has its parameter's shape).
        Mistake(SHARED, raised="could not be broadcast together"),
        Mistake(
            "update_params found no gradients: it reads them from the layer, as "
            "layer.dweights and layer.dbiases.",
            raised=("has no attribute 'dweights'", "has no attribute 'dbiases'"),
        ),
    ]


# What learning_rates (the decay and the step counter) can show, for every optimizer.
LEARNING_RATES = [
    Mistake(NO_DECAY, gives=_rates(no_decay=True)),
    Mistake(COMPOUNDING, gives=_rates(compounding=True)),
    Mistake(DECAY_LATE, gives=_rates(decay_late=True)),
    Mistake(NO_INCREMENT, gives=_rates(no_increment=True)),
    Mistake(
        "the optimizer has no current_learning_rate: set it in __init__ (to learning_rate) and "
        "in pre_update_params.",
        raised="has no attribute 'current_learning_rate'",
    ),
    Mistake(
        "the optimizer has no step counter: __init__ sets iterations to 0.",
        raised="has no attribute 'iterations'",
    ),
]

NOT_SQUARED = (
    "the cache adds up the gradients themselves: it holds their SQUARES, so that its root is "
    "a size, whatever the gradients' signs."
)
NO_SQRT = (
    "the step is divided by the cache itself: divide by its square ROOT (plus epsilon), which "
    "has the gradient's units, so that the step stays about the learning rate."
)
EPSILON_INSIDE = (
    "epsilon went under the square root: it is added AFTER the root, sqrt(cache) + epsilon "
    "(under the root, 1e-7 becomes about 3e-4 and changes small steps)."
)
CACHE_LATE = (
    "the step used the cache from BEFORE this step's gradient was added: update the cache "
    "first, then divide by its root."
)

# ----------------------------------------------------------------------------- SGD

SGD = [
    *_common("SGD"),
    Mistake(
        "the learning rate is not used: the whole gradient is subtracted. Each step is "
        "current_learning_rate times the gradient.",
        gives=mistaken("SGD", no_rate=True),
    ),
    Mistake(
        "the momentum has no effect: with momentum > 0 each update adds momentum times the "
        "LAST update (kept on the layer as weight_momentums, bias_momentums).",
        gives=mistaken("SGD", no_momentum=True),
    ),
    Mistake(
        "the momentum is never remembered: after computing an update, store it on the layer "
        "(layer.weight_momentums, layer.bias_momentums), so the next step can use it.",
        gives=mistaken("SGD", momentum_not_kept=True),
    ),
    Mistake(
        "the layer keeps the gradient as its momentum: what is kept is the last UPDATE "
        "(momentum × previous update − learning rate × gradient).",
        gives=mistaken("SGD", keeps_gradient=True),
    ),
]

# ----------------------------------------------------------------------------- AdaGrad

ADAGRAD = [
    *_common("Adagrad"),
    Mistake(NOT_SQUARED, gives=mistaken("Adagrad", not_squared=True)),
    Mistake(NO_SQRT, gives=mistaken("Adagrad", no_sqrt=True)),
    Mistake(EPSILON_INSIDE, gives=mistaken("Adagrad", epsilon_inside=True)),
    Mistake(CACHE_LATE, gives=mistaken("Adagrad", cache_late=True)),
    Mistake(
        "the cache holds only the last squared gradient: AdaGrad's cache ADDS every squared "
        "gradient to what it held (that is what slows down parameters that moved a lot).",
        gives=mistaken("Adagrad", forgets=True),
    ),
]

# ----------------------------------------------------------------------------- RMSProp

RMSPROP = [
    *_common("RMSprop"),
    Mistake(
        "rho and 1 − rho are swapped: the cache KEEPS rho of what it held and takes 1 − rho "
        "of the new squared gradient.",
        gives=mistaken("RMSprop", rho_swapped=True),
    ),
    Mistake(
        "the new squared gradient is added whole: it is weighted by 1 − rho, so the cache is "
        "a moving average of the squares.",
        gives=mistaken("RMSprop", no_one_minus=True),
    ),
    Mistake(
        "the cache adds up every squared gradient, as AdaGrad's: RMSProp's keeps only rho of "
        "what it held.",
        gives=mistaken("RMSprop", accumulates=True),
    ),
    Mistake(NOT_SQUARED, gives=mistaken("RMSprop", not_squared=True)),
    Mistake(NO_SQRT, gives=mistaken("RMSprop", no_sqrt=True)),
    Mistake(EPSILON_INSIDE, gives=mistaken("RMSprop", epsilon_inside=True)),
    Mistake(CACHE_LATE, gives=mistaken("RMSprop", cache_late=True)),
]

# ----------------------------------------------------------------------------- Adam

ADAM = [
    *_common("Adam"),
    Mistake(
        "there is no bias correction: the momentum and the cache start at 0, so early on they "
        "are too small; divide each by 1 − beta ** (iterations + 1).",
        gives=mistaken("Adam", no_correction=True),
    ),
    Mistake(
        "the bias correction uses iterations (0 at the first step, where 1 − beta ** 0 = 0): "
        "this is step iterations + 1.",
        gives=mistaken("Adam", step_offset=0),
    ),
    Mistake(
        "the bias correction is one step late: at the first step, iterations is 0 and the "
        "correction divides by 1 − beta ** 1. Look at when iterations is increased.",
        gives=mistaken("Adam", step_offset=2),
    ),
    Mistake(
        NO_INCREMENT + " (Here the correction stays that of the first step.)",
        gives=mistaken("Adam", no_increment=True),
    ),
    Mistake(
        "beta_1 and beta_2 are swapped: beta_1 (0.9) goes with the momentum, beta_2 (0.999) "
        "with the cache of squared gradients.",
        gives=mistaken("Adam", betas_swapped=True),
    ),
    Mistake(
        "only the cache is corrected: the momentum needs the same correction, with beta_1.",
        gives=mistaken("Adam", momentum_uncorrected=True),
    ),
    Mistake(
        "the corrected momentum and cache were stored on the layer: keep the UNcorrected ones "
        "(the correction is applied afresh at each step, for the step's own number).",
        gives=mistaken("Adam", stores_corrected=True),
    ),
    Mistake(NOT_SQUARED, gives=mistaken("Adam", not_squared=True)),
    Mistake(NO_SQRT, gives=mistaken("Adam", no_sqrt=True)),
    Mistake(EPSILON_INSIDE, gives=mistaken("Adam", epsilon_inside=True)),
]


# ----------------------------------------------------------------------------- hidden cases


def random_steps(seed: int, shapes: list[tuple[int, int]], dtype, steps: int) -> tuple[list, list]:
    """Random layers and gradients for ``parameters_after``.

    Args:
        seed: int for ``np.random.default_rng``; shapes: (n_inputs, n_neurons) per layer;
        dtype: the arrays' dtype; steps: how many steps of gradients.

    Returns:
        (parameters, gradients): a list of (weights, biases) per layer, and one list per
        step of (dweights, dbiases) per layer, of the parameters' shapes.
    """
    rng = np.random.default_rng(seed)

    def pair(n_inputs, n_neurons):
        return (
            rng.normal(size=(n_inputs, n_neurons)).astype(dtype),
            rng.normal(size=(1, n_neurons)).astype(dtype),
        )

    parameters = [pair(*shape) for shape in shapes]
    gradients = [[pair(*shape) for shape in shapes] for _ in range(steps)]
    return parameters, gradients


def tolerance(dtype) -> dict:
    """check_call's tolerances for results computed from arrays of ``dtype``."""
    return {"rtol": 1e-4, "atol": 1e-5} if np.dtype(dtype) == np.float32 else {}


_LAYERS = [(3, 4), (4, 2)]
# Per optimizer: (seed, settings, layer shapes, dtype, steps, description) of its hidden tests.
HIDDEN_CASES = {
    "SGD": [
        (11, {}, [(2, 3)], np.float64, 1, "the book's defaults, one step"),
        (12, {"learning_rate": 0.3, "decay": 0.05}, _LAYERS, np.float64, 5, "two layers, decay"),
        (
            13,
            {"learning_rate": 0.2, "momentum": 0.9},
            _LAYERS,
            np.float64,
            6,
            "two layers, momentum",
        ),
        (
            14,
            {"learning_rate": 0.5, "decay": 0.01, "momentum": 0.5},
            [(5, 3)],
            np.float32,
            4,
            "float32 arrays, decay and momentum",
        ),
    ],
    "Adagrad": [
        (21, {}, [(2, 3)], np.float64, 1, "the book's defaults, one step"),
        (22, {"learning_rate": 0.5, "decay": 0.1}, _LAYERS, np.float64, 5, "two layers, decay"),
        (
            23,
            {"learning_rate": 0.1, "epsilon": 1e-3},
            [(4, 4)],
            np.float32,
            4,
            "float32, epsilon 1e-3",
        ),
    ],
    "RMSprop": [
        (31, {}, [(2, 3)], np.float64, 1, "the book's defaults, one step"),
        (
            32,
            {"learning_rate": 0.02, "decay": 0.1, "rho": 0.95},
            _LAYERS,
            np.float64,
            6,
            "two layers, decay, rho 0.95",
        ),
        (33, {"learning_rate": 0.01, "rho": 0.5}, [(4, 4)], np.float32, 4, "float32, rho 0.5"),
    ],
    "Adam": [
        (41, {}, [(2, 3)], np.float64, 1, "the book's defaults, one step"),
        (42, {"learning_rate": 0.05, "decay": 0.1}, _LAYERS, np.float64, 6, "two layers, decay"),
        (
            43,
            {"learning_rate": 0.02, "beta_1": 0.8, "beta_2": 0.99},
            _LAYERS,
            np.float64,
            8,
            "two layers, beta_1 0.8, beta_2 0.99",
        ),
        (44, {"learning_rate": 0.01}, [(4, 4)], np.float32, 5, "float32 arrays"),
    ],
}
