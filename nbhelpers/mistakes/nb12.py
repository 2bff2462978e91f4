"""Notebook 12 · Training a network: the mistakes its tests name.

Each exercise is a training loop, checked through the probes of :mod:`nbhelpers.probes`
(:func:`~nbhelpers.probes.train_epoch_probes`, :func:`~nbhelpers.probes.history_probe`,
:func:`~nbhelpers.probes.evaluate_probe`, :func:`~nbhelpers.probes.xor_probe`) on a *run*
(which data, network and optimizer; the course's layers and optimizers). Each mistake's
``gives`` runs the same probe on a loop that makes it (:func:`_epoch`, :func:`_train`,
:func:`_evaluate`, :func:`_xor`), so its hint fires on hidden runs too.

Lists: EPOCH_RESULTS, EPOCH_PARAMETERS, EPOCH_RATES (Exercise 1, by probe), TRAIN,
EVALUATE, TRAIN_XOR.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from nbhelpers import layers, optimizers, training
from nbhelpers.checks import MATRIX_PRODUCT_ERRORS, Mistake
from nbhelpers.probes import evaluate_probe, history_probe, train_epoch_probes, xor_probe

# Hints more than one exercise gives.
UPDATE_FIRST = (
    "the optimizer ran before backward: on the first epoch there are no gradients yet "
    "(no dweights). An epoch is forward, loss, backward, and only then the update."
)
NOT_PREDICTIONS = (
    "the accuracy is not of the network's predictions: take the argmax of the softmax's "
    "outputs (loss_activation.output), the last layer, not of a hidden layer's outputs."
)
SWAPPED = "the result is (accuracy, loss): return them in the order (loss, accuracy)."
PERCENT = "the accuracy is in percent: it is a fraction between 0 and 1."
NEVER_GROWS = (
    "the optimizer's step counter (iterations) does not grow: post_update_params is not "
    "called after the updates of each epoch (decay and Adam's correction need it)."
)


# ----------------------------------------------------------------------------- train_epoch


def _epoch(X, y, network, optimizer, flaws: dict):
    """train_epoch, with ``flaws`` (see the mistakes below for each one's meaning)."""
    dense1, activation1, dense2, loss_activation = network
    hidden = dense1.forward(X) if flaws.get("no_relu") else activation1.forward(dense1.forward(X))
    logits = dense2.forward(hidden)
    loss = loss_activation.forward(logits, y)
    seen = {"dense1": dense1.output, "hidden": hidden}.get(flaws.get("accuracy_of"))
    accuracy = layers.accuracy(loss_activation.output if seen is None else seen, y)
    loss_activation.backward(logits if flaws.get("logits_backward") else loss_activation.output, y)
    dense2.backward(loss_activation.dinputs)
    if flaws.get("no_relu") or flaws.get("skips_relu_backward"):
        dense1.backward(dense2.dinputs)
    else:
        dense1.backward(activation1.backward(dense2.dinputs))
    fixed = flaws.get("fixed", lambda network: None)(network)
    updated = [layer for layer in (dense1, dense2) if layer is not fixed]
    # One step of the whole network, or (per_layer) one step per layer.
    for group in [[layer] for layer in updated] if flaws.get("per_layer") else [updated]:
        if not flaws.get("no_pre"):
            optimizer.pre_update_params()
        for layer in group:
            optimizer.update_params(layer)
        if not flaws.get("no_post"):
            optimizer.post_update_params()
    if flaws.get("after_update"):
        loss, accuracy = training.evaluate(X, y, network)
    if flaws.get("percent"):
        accuracy *= 100
    return (accuracy, loss) if flaws.get("swapped") else (loss, accuracy)


def _epoch_mistakes(probe: int, shown: set[str] | None = None) -> list[Mistake]:
    """Exercise 1's mistakes, as probe number ``probe`` of train_epoch_probes shows them: those
    recognised by what they raise, and of the others those whose flaw is in ``shown`` (all
    when None)."""

    def gives(**flaws) -> Callable | None:
        if shown is not None and not shown & set(flaws):
            return None

        def mistaken(X, y, network, optimizer):
            return _epoch(X, y, network, optimizer, flaws)

        return train_epoch_probes(mistaken)[probe]

    mistakes = [
        Mistake(
            UPDATE_FIRST,
            raised=("has no attribute 'dweights'", "has no attribute 'dbiases'"),
        ),
        Mistake(
            "the backward passes ran in the wrong order: they go from the loss back to dense1, "
            "each layer's backward given the dinputs of the layer AFTER it (the one that has "
            "just run its backward).",
            raised="has no attribute 'dinputs'",
        ),
        Mistake(
            "the learning rate never decays: pre_update_params is not called before the "
            "updates of each epoch.",
            gives=gives(no_pre=True),
        ),
        Mistake(
            NEVER_GROWS,
            gives=gives(no_post=True),
        ),
        Mistake(
            "pre_update_params and post_update_params ran once per LAYER: they mark the "
            "start and end of one step of the whole network, once per epoch; only "
            "update_params runs for every layer.",
            gives=gives(per_layer=True),
        ),
        Mistake(
            "dense1 is never updated: update_params runs for every layer with parameters.",
            gives=gives(fixed=lambda network: network[0]),
        ),
        Mistake(
            "dense2 is never updated: update_params runs for every layer with parameters.",
            gives=gives(fixed=lambda network: network[2]),
        ),
        Mistake(
            NOT_PREDICTIONS,
            gives=gives(accuracy_of="hidden"),
        ),
        Mistake(
            NOT_PREDICTIONS,
            gives=gives(accuracy_of="dense1"),
        ),
        Mistake(
            "the loss and accuracy are those of the network AFTER this epoch's update: "
            "return those of the forward pass the gradients were computed from.",
            gives=gives(after_update=True),
        ),
        Mistake(
            SWAPPED,
            gives=gives(swapped=True),
        ),
        Mistake(
            PERCENT,
            gives=gives(percent=True),
        ),
        Mistake(
            "the ReLU is skipped: dense2's inputs are activation1's outputs, and the "
            "backward pass goes through activation1's backward too.",
            gives=gives(no_relu=True),
        ),
        Mistake(
            "the backward pass skips the ReLU: dense1's backward takes activation1's "
            "dinputs, which activation1's backward computes from dense2's.",
            gives=gives(skips_relu_backward=True),
        ),
        Mistake(
            "the loss's backward was given dense2's outputs: it takes the softmax's outputs, "
            "the probabilities (loss_activation.output).",
            gives=gives(logits_backward=True),
        ),
        Mistake(
            "the ReLU's backward has nothing to work from: every layer's forward must run "
            "(in order) before the backward passes.",
            raised="has no attribute 'inputs'",
        ),
        Mistake(
            "train_epoch returns two numbers, (loss, accuracy).",
            raised="train_epoch returns two numbers",
        ),
    ]
    return [m for m in mistakes if m.gives is not None or m.raised is not None]


EPOCH_RESULTS = _epoch_mistakes(0)
# The parameters and the optimizer's counters show only some of the mistakes; the others
# would be named whenever these checks fail for another reason.
EPOCH_PARAMETERS = _epoch_mistakes(
    1,
    {
        "no_pre",
        "no_post",
        "per_layer",
        "fixed",
        "no_relu",
        "skips_relu_backward",
        "logits_backward",
    },
)
EPOCH_RATES = _epoch_mistakes(2, {"no_pre", "no_post", "per_layer"})


# ----------------------------------------------------------------------------- train


def _train(X, y, network, optimizer, epochs, print_every, flaws: dict):
    """train (with the course's train_epoch), with ``flaws``."""
    history = {"loss": [], "accuracy": []}
    first = None
    for epoch in range(epochs + flaws.get("extra", 0)):
        loss, accuracy = training.train_epoch(X, y, network, optimizer)
        if flaws.get("after_update"):
            loss, accuracy = training.evaluate(X, y, network)
        if flaws.get("twice"):
            training.train_epoch(X, y, network, optimizer)
        first = first or (loss, accuracy)
        if flaws.get("first_only"):
            loss, accuracy = first
        if flaws.get("only_printed") and epoch % print_every:
            continue
        if flaws.get("rounded"):
            loss, accuracy = round(loss, 3), round(accuracy, 3)
        history["loss"].append(accuracy if flaws.get("swapped") else loss)
        history["accuracy"].append(
            loss if flaws.get("swapped") else accuracy * flaws.get("scale", 1)
        )
    if flaws.get("last_only"):
        history = {"loss": history["loss"][-1:], "accuracy": history["accuracy"][-1:]}
    return history


def _gives_train(**flaws) -> Callable:
    def train(X, y, network, optimizer, epochs, print_every=100):
        return _train(X, y, network, optimizer, epochs, print_every, flaws)

    return history_probe(train)


TRAIN = [
    Mistake(
        "the history is one epoch short: train runs `epochs` epochs, numbered 0 to "
        "epochs - 1, and keeps the loss and accuracy of every one.",
        gives=_gives_train(extra=-1),
    ),
    Mistake(
        "the history has one epoch too many: train runs exactly `epochs` epochs (the "
        "book's range(10001) is 10,001 epochs).",
        gives=_gives_train(extra=1),
    ),
    Mistake(
        "the history keeps only the printed epochs: it keeps the loss and accuracy of EVERY "
        "epoch; print_every only says which ones are printed.",
        gives=_gives_train(only_printed=True),
    ),
    Mistake(
        'the history\'s lists are swapped: "loss" holds the losses, "accuracy" the accuracies.',
        gives=_gives_train(swapped=True),
    ),
    Mistake(
        "each epoch trained the network twice (train_epoch called a second time, e.g. to "
        "print): call it once per epoch, and print from what it returned.",
        gives=_gives_train(twice=True),
    ),
    Mistake(
        "the history repeats the first epoch's values: append each epoch's own loss and "
        "accuracy, inside the loop.",
        gives=_gives_train(first_only=True),
    ),
    Mistake(
        "the history holds only the last epoch: append to its lists at every epoch, "
        "instead of making them anew.",
        gives=_gives_train(last_only=True),
    ),
    Mistake(
        "the accuracies are in percent: keep them as fractions between 0 and 1.",
        gives=_gives_train(scale=100),
    ),
    Mistake(
        "the history holds rounded values: keep the numbers train_epoch returns; round "
        "only what you print.",
        gives=_gives_train(rounded=True),
    ),
    Mistake(
        "the history was measured again after each update (with another forward pass): "
        "keep what train_epoch returned, the loss and accuracy the epoch trained on.",
        gives=_gives_train(after_update=True),
    ),
    Mistake(
        'train returns a dict with two lists: {"loss": [...], "accuracy": [...]}.',
        raised="train returns a dict",
    ),
]


# ----------------------------------------------------------------------------- evaluate


def _evaluate(X, y, network, flaws: dict):
    """evaluate, with ``flaws``."""
    dense1, activation1, dense2, loss_activation = network
    hidden = dense1.forward(X) if flaws.get("no_relu") else activation1.forward(dense1.forward(X))
    if flaws.get("trains"):
        training.train_epoch(X, y, network, optimizers.SGD())
    logits = dense2.forward(hidden)
    loss = loss_activation.forward(logits, y)
    if flaws.get("loss_of_logits"):
        loss = layers.CategoricalCrossentropy().calculate(logits, y)
    seen = {"dense1": dense1.output, "hidden": hidden}.get(flaws.get("accuracy_of"))
    predictions = np.argmax(loss_activation.output if seen is None else seen, axis=1)
    correct = predictions == layers.class_indices(y)
    accuracy = float(np.sum(correct)) if flaws.get("count") else float(np.mean(correct))
    accuracy *= flaws.get("scale", 1)
    return (accuracy, loss) if flaws.get("swapped") else (loss, accuracy)


def _gives_evaluate(**flaws) -> Callable:
    def evaluate(X, y, network):
        return _evaluate(X, y, network, flaws)

    return evaluate_probe(evaluate)


CHANGED_NETWORK = (
    "evaluate changed the network: it only measures, with a forward pass (no backward, no "
    "optimizer), so that the data it measures on stay data the network never learnt from."
)

EVALUATE = [
    Mistake(CHANGED_NETWORK, gives=_gives_evaluate(trains=True)),
    Mistake(CHANGED_NETWORK, raised=("changed the network's weights", "cannot be changed")),
    Mistake(
        NOT_PREDICTIONS,
        gives=_gives_evaluate(accuracy_of="hidden"),
    ),
    Mistake(
        NOT_PREDICTIONS,
        gives=_gives_evaluate(accuracy_of="dense1"),
    ),
    Mistake(
        SWAPPED,
        gives=_gives_evaluate(swapped=True),
    ),
    Mistake(
        "the accuracy is a count of right answers: it is their fraction, between 0 and 1.",
        gives=_gives_evaluate(count=True),
    ),
    Mistake(
        PERCENT,
        gives=_gives_evaluate(scale=100),
    ),
    Mistake(
        "the ReLU is skipped: the forward pass goes through every layer of the network, "
        "activation1 included.",
        gives=_gives_evaluate(no_relu=True),
    ),
    Mistake(
        "the loss was computed from dense2's outputs: the cross-entropy takes the softmax's "
        "probabilities (loss_activation.forward computes both).",
        gives=_gives_evaluate(loss_of_logits=True),
    ),
    Mistake(
        "the layers ran in the wrong order: dense1 takes the data (2 inputs), dense2 the "
        "activation's outputs.",
        raised=MATRIX_PRODUCT_ERRORS,
    ),
    Mistake(
        "the targets may be one-hot rows (n_samples, n_classes): compare the predictions with "
        "class indices (the argmax of each row) in that case.",
        raised="could not be broadcast together",
    ),
    Mistake(
        "evaluate returns two numbers, (loss, accuracy).", raised="evaluate returns two numbers"
    ),
]


# ----------------------------------------------------------------------------- train_xor


def _xor(X, y, network, optimizer, epochs, flaws: dict):
    """train_xor, with ``flaws``."""
    dense1, activation1, dense2, activation2, loss = network
    outputs = None
    for _ in range(epochs + flaws.get("extra", 0)):
        outputs = activation2.forward(dense2.forward(activation1.forward(dense1.forward(X))))
        loss.backward(dense2.output if flaws.get("logits_backward") else outputs, y)
        if flaws.get("skips_sigmoid"):
            dense2.backward(loss.dinputs)
        else:
            dense2.backward(activation2.backward(loss.dinputs))
        if flaws.get("skips_tanh"):
            dense1.backward(dense2.dinputs)
        else:
            dense1.backward(activation1.backward(dense2.dinputs))
        if not flaws.get("no_pre"):
            optimizer.pre_update_params()
        optimizer.update_params(dense1)
        if not flaws.get("dense2_fixed"):
            optimizer.update_params(dense2)
        if not flaws.get("no_post"):
            optimizer.post_update_params()
    if not flaws.get("stale"):
        outputs = activation2.forward(dense2.forward(activation1.forward(dense1.forward(X))))
    if flaws.get("hidden"):
        outputs = activation1.output
    return np.round(outputs) if flaws.get("rounded") else outputs


def _gives_xor(**flaws) -> Callable:
    def train_xor(X, y, network, optimizer, epochs):
        return _xor(X, y, network, optimizer, epochs, flaws)

    return xor_probe(train_xor)


TRAIN_XOR = [
    Mistake(
        "the sigmoid's backward is skipped: the loss's gradient is with respect to the "
        "sigmoid's OUTPUTS, and activation2.backward turns it into the gradient dense2's "
        "backward needs.",
        gives=_gives_xor(skips_sigmoid=True),
    ),
    Mistake(
        "the hidden activation's backward is skipped: dense1's backward takes "
        "activation1's dinputs, which activation1's backward computes from dense2's.",
        gives=_gives_xor(skips_tanh=True),
    ),
    Mistake(
        "the loss's backward was given dense2's outputs: it takes the network's outputs, "
        "the sigmoid's (the probabilities of a 1).",
        gives=_gives_xor(logits_backward=True),
    ),
    Mistake(
        "the outputs returned are those before the last update: after the loop, run the "
        "forward pass once more and return its outputs.",
        gives=_gives_xor(stale=True),
    ),
    Mistake(
        "the outputs were rounded: return the sigmoid's outputs as they are (the test "
        "compares them, and rounds them itself to read them as answers).",
        gives=_gives_xor(rounded=True),
    ),
    Mistake(
        "the outputs returned are the hidden layer's: return the network's outputs, "
        "activation2's, one per sample (shape (n_samples, 1)).",
        gives=_gives_xor(hidden=True),
    ),
    Mistake(
        "dense2 is never updated: update_params runs for both dense layers.",
        gives=_gives_xor(dense2_fixed=True),
    ),
    Mistake(
        NEVER_GROWS,
        gives=_gives_xor(no_post=True),
    ),
    Mistake(
        "the number of epochs is off by one: the loop runs exactly `epochs` times.",
        gives=_gives_xor(extra=1),
    ),
    Mistake(
        "the number of epochs is off by one: the loop runs exactly `epochs` times.",
        gives=_gives_xor(extra=-1),
    ),
    Mistake(
        UPDATE_FIRST,
        raised=("has no attribute 'dweights'", "has no attribute 'dbiases'"),
    ),
    Mistake(
        "the backward passes ran in the wrong order: they go from the loss back to dense1, "
        "each given the dinputs of the layer after it.",
        raised="has no attribute 'dinputs'",
    ),
]
