"""What the test cells call a student's class through, kept out of the cells themselves.

A test cell is read twice: by the student, as a short specification (its example calls),
and in nbgrader's Validate dialog, which shows a failing cell's whole source before its
message. So the scaffolding that turns a class into functions a checker can call (make a
layer, set its parameters, run ``forward``) lives here, and the cell says only what it
checks. Each function keeps the name the hints and messages use (``new_weights``, ...).

* :func:`dense_layer_probes` -- notebook 05's DenseLayer: its new weights and biases, and
  ``forward`` with parameters set by the test;
* :func:`network_probe` -- notebook 05's Network: layers added in order, then ``predict``;
* :class:`Scale`, :class:`Shift` -- layers whose outputs are easy to predict;
* :func:`neuron_gradient_probes`, :func:`dense_backward_probes`, :func:`relu_backward_probe`,
  :func:`spiral_gradient_probes` -- notebook 10's backward passes: one gradient at a time;
* :class:`LayerParameters`, :func:`optimizer_probes` -- notebook 11's optimizers: parameters
  after some steps, and the learning rate and step counter of each step;
* :func:`train_epoch_probes`, :func:`history_probe`, :func:`evaluate_probe`,
  :func:`xor_probe` -- notebook 12's training loops, each given the course's layers and
  optimizer (:func:`training_run`).
"""

from __future__ import annotations

import contextlib
import io
from typing import Callable

import numpy as np

from nbhelpers import layers, optimizers, training
from nbhelpers.datasets import spiral_data


def dense_layer_probes(layer_class: type) -> tuple[Callable, Callable, Callable]:
    """``new_weights``, ``new_biases`` and ``forward_with`` for a DenseLayer class.

    * ``new_weights(n_inputs, n_neurons, rng)``: the ``weights`` of a new layer;
    * ``new_biases(n_inputs, n_neurons, rng)``: its ``biases``;
    * ``forward_with(weights, biases, inputs)``: ``forward(inputs)`` of a layer whose
      ``weights`` (n_inputs, n_neurons) and ``biases`` (1, n_neurons) were set to these.
    """

    def new_weights(n_inputs, n_neurons, rng):
        return layer_class(n_inputs, n_neurons, rng).weights

    def new_biases(n_inputs, n_neurons, rng):
        return layer_class(n_inputs, n_neurons, rng).biases

    def forward_with(weights, biases, inputs):
        layer = layer_class(*np.shape(weights), np.random.RandomState(0))
        layer.weights, layer.biases = weights, biases
        return layer.forward(inputs)

    return new_weights, new_biases, forward_with


def network_probe(network_class: type) -> Callable:
    """``predict_with(layers, inputs, built_before=())`` for a Network class: a new network,
    ``layers`` added in order, then ``predict(inputs)``; ``built_before`` are added to
    another network made just before this one (each network has its own layers)."""

    def predict_with(layers, inputs, built_before=()):
        if built_before:
            other = network_class()
            for layer in built_before:
                other.add_layer(layer)
        network = network_class()
        for layer in layers:
            network.add_layer(layer)
        return network.predict(inputs)

    return predict_with


class Scale:
    """A test layer that multiplies its inputs by a number."""

    def __init__(self, factor: float):
        self.factor = factor

    def __repr__(self) -> str:
        return f"Scale({self.factor})"

    def forward(self, inputs):
        self.output = np.asarray(inputs) * self.factor
        return self.output


class Shift:
    """A test layer that adds a number to its inputs."""

    def __init__(self, amount: float):
        self.amount = amount

    def __repr__(self) -> str:
        return f"Shift({self.amount})"

    def forward(self, inputs):
        self.output = np.asarray(inputs) + self.amount
        return self.output


# ----------------------------------------------------------------------------- backward passes
# Notebook 10: a backward pass sets attributes (dweights, dbiases, dinputs) rather than
# returning them, so each probe runs forward and backward on a new layer and returns one of
# them, and a test checks each against the numerical gradient with its own mistakes.


def _unpacked(result, count: int, what: str):
    """``result``, checked to be a tuple or list of ``count`` things; ``what`` says what the
    function returns, for the ValueError raised otherwise."""
    if not isinstance(result, (tuple, list)) or len(result) != count:
        size = f" of {len(result)}" if isinstance(result, (tuple, list)) else ""
        raise ValueError(f"{what}, not {type(result).__name__}{size}")
    return result


def neuron_gradient_probes(neuron_gradients: Callable) -> tuple[Callable, Callable, Callable]:
    """Three probes for notebook 10's ``neuron_gradients``, one per thing it returns.

    Each takes ``(inputs, weights, bias, dvalue)`` and returns one of the three things
    ``neuron_gradients`` returns, ``(dinputs, dweights, dbias)``; messages call them
    "dinputs of neuron_gradients", and so on.

    Raises:
        ValueError: (from a probe) the function did not return three things.
    """

    def part(index: int, name: str) -> Callable:
        def probe(inputs, weights, bias, dvalue):
            result = neuron_gradients(inputs, weights, bias, dvalue)
            what = "neuron_gradients returns three things, (dinputs, dweights, dbias)"
            return _unpacked(result, 3, what)[index]

        probe.__name__ = f"{name} of neuron_gradients"
        return probe

    return part(0, "dinputs"), part(1, "dweights"), part(2, "dbias")


PARAMETERS = ("weights", "biases")


def dense_backward_probes(layer_class: type) -> tuple[Callable, Callable, Callable]:
    """Three probes for a DenseLayer class's backward: its dweights, dbiases and dinputs.

    Each takes ``(weights, biases, inputs, dvalues)``: a new layer gets these ``weights``
    (n_inputs, n_neurons) and ``biases`` (1, n_neurons), runs ``forward(inputs)`` then
    ``backward(dvalues)``, and the probe returns the attribute it is named after
    ("dweights after backward", ...).

    Raises:
        ValueError: (from a probe) backward changed the layer's weights or biases (read
            back from the layer, so that a change is seen where the layer is a copy, as
            when grading, too).
    """

    def part(name: str) -> Callable:
        def probe(weights, biases, inputs, dvalues):
            layer = layer_class(*np.shape(weights), np.random.RandomState(0))
            parameters = np.array(weights, copy=True), np.array(biases, copy=True)
            layer.weights, layer.biases = weights, biases
            layer.forward(inputs)
            layer.backward(dvalues)
            if not all(
                np.array_equal(getattr(layer, n), p) for n, p in zip(PARAMETERS, parameters)
            ):
                raise ValueError("backward changed the layer's weights or biases")
            return getattr(layer, name)

        probe.__name__ = f"{name} after backward"
        return probe

    return part("dweights"), part("dbiases"), part("dinputs")


def relu_backward_probe(relu_class: type) -> Callable:
    """``dinputs_after(inputs, dvalues)``: a new ReLU layer runs ``forward(inputs)``, then
    ``backward(dvalues)``; the probe returns its ``dinputs``."""

    def dinputs_after(inputs, dvalues):
        layer = relu_class()
        layer.forward(inputs)
        layer.backward(dvalues)
        return layer.dinputs

    return dinputs_after


def spiral_gradient_probes(spiral_gradients: Callable) -> tuple[Callable, ...]:
    """Four probes for notebook 10's ``spiral_gradients(X, y, rng)``, which returns the two
    dense layers after the backward pass: each takes ``(X, y, rng)`` and returns one
    layer's dweights or dbiases ("dense1.dweights after spiral_gradients", ...).

    Raises:
        ValueError: (from a probe) the function did not return two things.
    """

    def part(index: int, name: str) -> Callable:
        def probe(X, y, rng):
            result = spiral_gradients(X, y, rng)
            what = "spiral_gradients returns the two dense layers, (dense1, dense2)"
            return getattr(_unpacked(result, 2, what)[index], name)

        probe.__name__ = f"dense{index + 1}.{name} after spiral_gradients"
        return probe

    return (
        part(0, "dweights"),
        part(0, "dbiases"),
        part(1, "dweights"),
        part(1, "dbiases"),
    )


# ----------------------------------------------------------------------------- optimizers
# Notebook 11: an optimizer changes the layers it is given; the optimizer-paths demo gives it
# a LayerParameters holding a point of a loss surface.


class LayerParameters:
    """A layer as an optimizer sees it: ``weights``, ``biases``, ``dweights``, ``dbiases``.

    Reading an array attribute gives a copy, and assigning one stores a copy: the layer
    changes only by assignment, as a layer of another process does. Whatever an optimizer
    stores on it (``weight_momentums``, ``weight_cache``, ...) is kept the same way.

    Args:
        weights: array (n_inputs, n_neurons); biases: array (1, n_neurons).
    """

    def __init__(self, weights, biases):
        self.weights, self.biases = np.asarray(weights), np.asarray(biases)

    def __getattribute__(self, name: str):
        value = object.__getattribute__(self, name)
        return value.copy() if isinstance(value, np.ndarray) else value

    def __setattr__(self, name: str, value) -> None:
        object.__setattr__(self, name, value.copy() if isinstance(value, np.ndarray) else value)

    def __repr__(self) -> str:
        return f"LayerParameters(weights {np.shape(self.weights)}, biases {np.shape(self.biases)})"


def optimizer_probes(optimizer_class: type) -> tuple[Callable, Callable]:
    """``parameters_after`` and ``learning_rates`` for an optimizer class.

    The layers the optimizer updates are other objects of its own class, given ``weights``,
    ``biases`` and their gradients as attributes: when grading, the optimizer's code runs in
    the student's kernel and may only change objects of that kernel (a test's own objects
    cannot be changed from there), so its layers must live there too; an object of the
    student's class is one the test can make there. An optimizer reads and assigns only the
    layer's attributes, so it cannot tell.

    * ``parameters_after(settings, parameters, gradients)``: a new optimizer
      ``optimizer_class(**settings)`` and one layer per pair ``(weights, biases)`` of
      ``parameters``; ``gradients`` holds one entry per step, a list of ``(dweights,
      dbiases)`` per layer. Each step sets the gradients, then calls ``pre_update_params()``,
      ``update_params(layer)`` for every layer in order and ``post_update_params()``.
      Returns every layer's weights then biases after the last step, flattened into one
      array (for one layer with weights (1, 2) and a bias (1, 1): ``[w0, w1, b]``).
    * ``learning_rates(settings, steps)``: a new optimizer takes ``steps`` steps of one
      layer with zero gradients; returns ``[current_learning_rate, iterations]`` read
      after each step's ``post_update_params()``.
    """

    def make_layer(settings, weights, biases):
        layer = optimizer_class(**settings)
        layer.weights, layer.biases = np.array(weights), np.array(biases)  # copies
        return layer

    def parameters_after(settings, parameters, gradients):
        optimizer = optimizer_class(**settings)
        held = [make_layer(settings, weights, biases) for weights, biases in parameters]
        for step in gradients:
            for layer, (dweights, dbiases) in zip(held, step):
                layer.dweights, layer.dbiases = np.array(dweights), np.array(dbiases)
            optimizer.pre_update_params()
            for layer in held:
                optimizer.update_params(layer)
            optimizer.post_update_params()
        return np.concatenate(
            [np.ravel(getattr(layer, name)) for layer in held for name in PARAMETERS]
        )

    def learning_rates(settings, steps):
        optimizer = optimizer_class(**settings)
        layer = make_layer(settings, np.zeros((1, 1)), np.zeros((1, 1)))
        layer.dweights, layer.dbiases = np.zeros((1, 1)), np.zeros((1, 1))
        rates = []
        for _ in range(steps):
            optimizer.pre_update_params()
            optimizer.update_params(layer)
            optimizer.post_update_params()
            rates.append([float(optimizer.current_learning_rate), optimizer.iterations])
        return rates

    return parameters_after, learning_rates


# ----------------------------------------------------------------------------- training
# Notebook 12: a training loop changes the network and the optimizer it is given. The tests
# give it the course's layers and optimizers (so a mistake of notebooks 05-11 costs nothing
# here), made afresh for each call from a *run*: a dict that says which data, network and
# optimizer, e.g. {"seed": 0, "samples": 20, "classes": 3, "hidden": 8, "optimizer": "Adam",
# "settings": {"learning_rate": 0.05}, "epochs": 3}; "one_hot": True gives one-hot targets.


def training_run(run: dict) -> tuple:
    """``(X, y, network, optimizer)`` of a run: the spiral from ``RandomState(seed)``, the
    network's weights drawn next from the same stream (as the book does), a new optimizer."""
    rng = np.random.RandomState(run.get("seed", 0))
    classes = run.get("classes", 3)
    X, y = spiral_data(run.get("samples", 20), classes, random_state=rng)
    network = training.spiral_network(rng, hidden=run.get("hidden", 8), classes=classes)
    optimizer = getattr(optimizers, run.get("optimizer", "Adam"))(**run.get("settings", {}))
    return X, _targets(y, classes, run), network, optimizer


def held_out(run: dict) -> tuple:
    """``(X, y)``: the run's spiral drawn from the next seed, data the network never saw."""
    classes = run.get("classes", 3)
    X, y = spiral_data(run.get("samples", 20), classes, random_state=run.get("seed", 0) + 1)
    return X, _targets(y, classes, run)


def _targets(y: np.ndarray, classes: int, run: dict) -> np.ndarray:
    return np.eye(classes)[y] if run.get("one_hot") else y


def network_parameters(network: tuple) -> np.ndarray:
    """Every dense layer's weights then biases, in order, flattened into one array."""
    return np.concatenate(
        [
            np.ravel(getattr(layer, name))
            for layer in network
            if hasattr(layer, "weights")
            for name in PARAMETERS
        ]
    )


def train_epoch_probes(train_epoch: Callable) -> tuple[Callable, Callable, Callable]:
    """``epoch_results``, ``parameters_after`` and ``learning_rates`` for a train_epoch.

    Each takes a run and calls ``train_epoch(X, y, network, optimizer)`` ``run["epochs"]``
    times on the run's data, network and optimizer:

    * ``epoch_results(run)``: array (epochs, 2), the (loss, accuracy) of each call;
    * ``parameters_after(run)``: the network's parameters after the last call
      (:func:`network_parameters`);
    * ``learning_rates(run)``: array (epochs, 2), the optimizer's
      ``[current_learning_rate, iterations]`` after each call.

    Raises:
        ValueError: (from a probe) train_epoch did not return two things.
    """

    def epochs(run):
        X, y, network, optimizer = training_run(run)
        results, rates = [], []
        for _ in range(run.get("epochs", 1)):
            result = train_epoch(X, y, network, optimizer)
            results.append(
                _unpacked(result, 2, "train_epoch returns two numbers, (loss, accuracy)")
            )
            rates.append([optimizer.current_learning_rate, optimizer.iterations])
        return np.array(results, dtype=float), network_parameters(network), np.array(rates)

    def epoch_results(run):
        return epochs(run)[0]

    def parameters_after(run):
        return epochs(run)[1]

    def learning_rates(run):
        return epochs(run)[2]

    return epoch_results, parameters_after, learning_rates


def history_probe(train: Callable, quiet: bool = False) -> Callable:
    """``history_of(run)``: ``train(X, y, network, optimizer, epochs, print_every)`` on the
    run's data, network and optimizer (``print_every`` from the run, else 10); returns the
    history's losses then accuracies, one array. ``quiet``: what train prints is dropped
    (for the expected history, so that a test cell shows only the student's lines).

    Raises:
        ValueError: (from the probe) train did not return a dict with "loss" and "accuracy".
    """

    def history_of(run):
        X, y, network, optimizer = training_run(run)
        with contextlib.redirect_stdout(io.StringIO()) if quiet else contextlib.nullcontext():
            history = train(X, y, network, optimizer, run["epochs"], run.get("print_every", 10))
        if not isinstance(history, dict) or not {"loss", "accuracy"} <= set(history):
            raise ValueError(
                'train returns a dict {"loss": [...], "accuracy": [...]}, not '
                f"{type(history).__name__}"
            )
        return np.concatenate([np.ravel(history["loss"]), np.ravel(history["accuracy"])])

    return history_of


def evaluate_probe(evaluate: Callable) -> Callable:
    """``evaluation(run)``: the run's network trained ``run["epochs"]`` epochs by the course's
    loop, then ``evaluate(X, y, network)`` on held-out data (:func:`held_out`); returns
    ``[loss, accuracy]``.

    Raises:
        ValueError: (from the probe) evaluate did not return two things, or changed the
            network's weights or biases.
    """

    def evaluation(run):
        X, y, network, optimizer = training_run(run)
        training.train(X, y, network, optimizer, run.get("epochs", 0))
        before = network_parameters(network)
        result = evaluate(*held_out(run), network)
        if not np.array_equal(network_parameters(network), before):
            raise ValueError("evaluate changed the network's weights or biases")
        return np.array(_unpacked(result, 2, "evaluate returns two numbers, (loss, accuracy)"))

    return evaluation


def xor_probe(train_xor: Callable) -> Callable:
    """``xor_outputs(run)``: ``train_xor(X, y, network, optimizer, epochs)`` on the four XOR
    points, the course's XOR network from ``RandomState(seed)`` (hidden activation
    ``run["activation"]``, "Tanh" or "Sigmoid") and a new optimizer; returns what it returns."""

    def xor_outputs(run):
        rng = np.random.RandomState(run.get("seed", 0))
        network = training.xor_network(rng, getattr(layers, run.get("activation", "Tanh")))
        optimizer = getattr(optimizers, run.get("optimizer", "SGD"))(**run.get("settings", {}))
        X, y = training.XOR_INPUTS.copy(), training.XOR_TARGETS.copy()
        return train_xor(X, y, network, optimizer, run.get("epochs", 1))

    return xor_outputs
