# ruff: noqa: E501 -- the answers are students' cells, whose lines run as long as students write them
"""Notebook 12 · Training a network: answers students write to its exercises.

See :mod:`tests.exercises` for what WRONG, RIGHT and ONLY_VISIBLE hold and how they are
read. Most wrong answers are the solution with one change (:func:`_variant`).
"""

ASSIGNMENT = "12-training-a-network"

TRAIN_EPOCH = """
def train_epoch(X, y, network, optimizer):
    dense1, activation1, dense2, loss_activation = network
    dense1.forward(X)
    activation1.forward(dense1.output)
    dense2.forward(activation1.output)
    loss = loss_activation.forward(dense2.output, y)
    accuracy = layers.accuracy(loss_activation.output, y)

    loss_activation.backward(loss_activation.output, y)
    dense2.backward(loss_activation.dinputs)
    activation1.backward(dense2.dinputs)
    dense1.backward(activation1.dinputs)

    optimizer.pre_update_params()
    optimizer.update_params(dense1)
    optimizer.update_params(dense2)
    optimizer.post_update_params()
    return float(loss), float(accuracy)
"""
TRAIN = """
def train(X, y, network, optimizer, epochs, print_every=100):
    history = {"loss": [], "accuracy": []}
    for epoch in range(epochs):
        loss, accuracy = train_epoch(X, y, network, optimizer)
        history["loss"].append(loss)
        history["accuracy"].append(accuracy)
        if epoch % print_every == 0:
            print(f"epoch {epoch}, loss {loss:.3f}, accuracy {accuracy:.3f}")
    return history
"""
EVALUATE = """
def evaluate(X, y, network):
    dense1, activation1, dense2, loss_activation = network
    dense1.forward(X)
    activation1.forward(dense1.output)
    dense2.forward(activation1.output)
    loss = loss_activation.forward(dense2.output, y)
    classes = np.argmax(y, axis=1) if len(y.shape) == 2 else y
    accuracy = np.mean(np.argmax(loss_activation.output, axis=1) == classes)
    return float(loss), float(accuracy)
"""
TRAIN_XOR = """
def train_xor(X, y, network, optimizer, epochs):
    dense1, activation1, dense2, activation2, loss = network
    for epoch in range(epochs):
        dense1.forward(X)
        activation1.forward(dense1.output)
        dense2.forward(activation1.output)
        activation2.forward(dense2.output)
        loss.backward(activation2.output, y)
        activation2.backward(loss.dinputs)
        dense2.backward(activation2.dinputs)
        activation1.backward(dense2.dinputs)
        dense1.backward(activation1.dinputs)
        optimizer.pre_update_params()
        optimizer.update_params(dense1)
        optimizer.update_params(dense2)
        optimizer.post_update_params()
    dense1.forward(X)
    activation1.forward(dense1.output)
    dense2.forward(activation1.output)
    return activation2.forward(dense2.output)
"""
SOURCES = {"train_epoch": TRAIN_EPOCH, "train": TRAIN, "evaluate": EVALUATE, "train_xor": TRAIN_XOR}


def _variant(answer: str, *replace: tuple[str, str]) -> str:
    """The solution-like answer with each (old, new) replaced once (old must be there)."""
    code = SOURCES[answer]
    for old, new in replace:
        assert old in code, old
        code = code.replace(old, new, 1)
    return code


def _wrong(answer: str, hint: str, *replace: tuple[str, str]) -> tuple[str, str, str]:
    return answer, _variant(answer, *replace), hint


UPDATE = """    optimizer.pre_update_params()
    optimizer.update_params(dense1)
    optimizer.update_params(dense2)
    optimizer.post_update_params()
"""
BACKWARD = """    loss_activation.backward(loss_activation.output, y)
    dense2.backward(loss_activation.dinputs)
    activation1.backward(dense2.dinputs)
    dense1.backward(activation1.dinputs)
"""

WRONG = [
    # ---- train_epoch
    _wrong(
        "train_epoch",
        "the optimizer ran before backward",
        (BACKWARD + "\n" + UPDATE, UPDATE + "\n" + BACKWARD),
    ),
    _wrong(
        "train_epoch",
        "the backward passes ran in the wrong order",
        (
            "    activation1.backward(dense2.dinputs)\n    dense1.backward(activation1.dinputs)\n",
            "    dense1.backward(activation1.dinputs)\n    activation1.backward(dense2.dinputs)\n",
        ),
    ),
    _wrong(
        "train_epoch", "the learning rate never decays", ("    optimizer.pre_update_params()\n", "")
    ),
    _wrong(
        "train_epoch", "(iterations) does not grow", ("    optimizer.post_update_params()\n", "")
    ),
    _wrong(
        "train_epoch",
        "ran once per LAYER",
        (
            UPDATE,
            "    for layer in (dense1, dense2):\n        optimizer.pre_update_params()\n"
            "        optimizer.update_params(layer)\n        optimizer.post_update_params()\n",
        ),
    ),
    _wrong("train_epoch", "dense1 is never updated", ("    optimizer.update_params(dense1)\n", "")),
    _wrong("train_epoch", "dense2 is never updated", ("    optimizer.update_params(dense2)\n", "")),
    _wrong(
        "train_epoch",
        "the accuracy is not of the network's predictions",
        ("layers.accuracy(loss_activation.output, y)", "layers.accuracy(activation1.output, y)"),
    ),
    _wrong(
        "train_epoch",
        "AFTER this epoch's update",
        (
            "    return float(loss), float(accuracy)",
            "    loss = loss_activation.forward(dense2.forward(activation1.forward(dense1.forward(X))), y)\n"
            "    accuracy = layers.accuracy(loss_activation.output, y)\n"
            "    return float(loss), float(accuracy)",
        ),
    ),
    _wrong(
        "train_epoch",
        "the result is (accuracy, loss)",
        ("return float(loss), float(accuracy)", "return float(accuracy), float(loss)"),
    ),
    _wrong(
        "train_epoch",
        "the accuracy is in percent",
        ("return float(loss), float(accuracy)", "return float(loss), 100 * float(accuracy)"),
    ),
    _wrong(
        "train_epoch",
        "the backward pass skips the ReLU",
        (
            "    activation1.backward(dense2.dinputs)\n    dense1.backward(activation1.dinputs)\n",
            "    dense1.backward(dense2.dinputs)\n",
        ),
    ),
    _wrong(
        "train_epoch",
        "the loss's backward was given dense2's outputs",
        (
            "loss_activation.backward(loss_activation.output, y)",
            "loss_activation.backward(dense2.output, y)",
        ),
    ),
    # ---- train
    _wrong("train", "one epoch short", ("range(epochs)", "range(1, epochs)")),
    _wrong("train", "one epoch too many", ("range(epochs)", "range(epochs + 1)")),
    _wrong(
        "train",
        "keeps only the printed epochs",
        (
            '        history["loss"].append(loss)\n        history["accuracy"].append(accuracy)\n        if epoch % print_every == 0:\n',
            '        if epoch % print_every == 0:\n            history["loss"].append(loss)\n            history["accuracy"].append(accuracy)\n',
        ),
    ),
    _wrong(
        "train",
        "the history's lists are swapped",
        ('history["loss"].append(loss)', 'history["loss"].append(accuracy)'),
        ('history["accuracy"].append(accuracy)', 'history["accuracy"].append(loss)'),
    ),
    _wrong(
        "train",
        "trained the network twice",
        (
            "        loss, accuracy = train_epoch(X, y, network, optimizer)\n",
            "        loss, accuracy = train_epoch(X, y, network, optimizer)\n        train_epoch(X, y, network, optimizer)\n",
        ),
    ),
    _wrong(
        "train",
        "repeats the first epoch's values",
        (
            "    for epoch in range(epochs):\n",
            "    first = train_epoch(X, y, network, optimizer)\n    for epoch in range(epochs):\n",
        ),
        (
            "        loss, accuracy = train_epoch(X, y, network, optimizer)\n",
            "        if epoch:\n            train_epoch(X, y, network, optimizer)\n        loss, accuracy = first\n",
        ),
    ),
    _wrong(
        "train",
        "holds only the last epoch",
        (
            '    history = {"loss": [], "accuracy": []}\n    for epoch in range(epochs):\n',
            '    for epoch in range(epochs):\n        history = {"loss": [], "accuracy": []}\n',
        ),
    ),
    _wrong(
        "train",
        "the accuracies are in percent",
        ('history["accuracy"].append(accuracy)', 'history["accuracy"].append(accuracy * 100)'),
    ),
    _wrong(
        "train",
        "the history holds rounded values",
        ('history["loss"].append(loss)', 'history["loss"].append(round(loss, 3))'),
        ('history["accuracy"].append(accuracy)', 'history["accuracy"].append(round(accuracy, 3))'),
    ),
    _wrong(
        "train",
        "train returns a dict with two lists",
        ('    history = {"loss": [], "accuracy": []}\n', "    history = []\n"),
        (
            '        history["loss"].append(loss)\n        history["accuracy"].append(accuracy)\n',
            "        history.append((loss, accuracy))\n",
        ),
    ),
    # ---- evaluate
    _wrong(
        "evaluate",
        "evaluate changed the network",
        (
            "    dense1.forward(X)\n",
            "    train_epoch(X, y, network, optimizers.SGD())\n    dense1.forward(X)\n",
        ),
    ),
    _wrong(
        "evaluate",
        "the accuracy is not of the network's predictions",
        ("np.argmax(loss_activation.output, axis=1)", "np.argmax(activation1.output, axis=1)"),
    ),
    _wrong(
        "evaluate",
        "the result is (accuracy, loss)",
        ("return float(loss), float(accuracy)", "return float(accuracy), float(loss)"),
    ),
    _wrong("evaluate", "a count of right answers", ("accuracy = np.mean(", "accuracy = np.sum(")),
    _wrong(
        "evaluate",
        "the accuracy is in percent",
        ("return float(loss), float(accuracy)", "return float(loss), 100 * float(accuracy)"),
    ),
    _wrong(
        "evaluate",
        "the ReLU is skipped",
        ("dense2.forward(activation1.output)", "dense2.forward(dense1.output)"),
    ),
    _wrong(
        "evaluate",
        "the loss was computed from dense2's outputs",
        (
            "    loss = loss_activation.forward(dense2.output, y)\n",
            "    loss_activation.forward(dense2.output, y)\n    loss = layers.CategoricalCrossentropy().calculate(dense2.output, y)\n",
        ),
    ),
    _wrong(
        "evaluate",
        "the layers ran in the wrong order",
        (
            "    dense1.forward(X)\n    activation1.forward(dense1.output)\n    dense2.forward(activation1.output)\n",
            "    dense2.forward(X)\n    activation1.forward(dense2.output)\n    dense1.forward(activation1.output)\n",
        ),
    ),
    _wrong(
        "evaluate",
        "the targets may be one-hot rows",
        ("    classes = np.argmax(y, axis=1) if len(y.shape) == 2 else y\n", "    classes = y\n"),
    ),
    # ---- train_xor
    _wrong(
        "train_xor",
        "the sigmoid's backward is skipped",
        (
            "        activation2.backward(loss.dinputs)\n        dense2.backward(activation2.dinputs)\n",
            "        dense2.backward(loss.dinputs)\n",
        ),
    ),
    _wrong(
        "train_xor",
        "the hidden activation's backward is skipped",
        (
            "        activation1.backward(dense2.dinputs)\n        dense1.backward(activation1.dinputs)\n",
            "        dense1.backward(dense2.dinputs)\n",
        ),
    ),
    _wrong(
        "train_xor",
        "the loss's backward was given dense2's outputs",
        ("loss.backward(activation2.output, y)", "loss.backward(dense2.output, y)"),
    ),
    _wrong(
        "train_xor",
        "the outputs returned are those before the last update",
        (
            "    dense1.forward(X)\n    activation1.forward(dense1.output)\n    dense2.forward(activation1.output)\n    return activation2.forward(dense2.output)\n",
            "    return activation2.output\n",
        ),
    ),
    _wrong(
        "train_xor",
        "the outputs were rounded",
        (
            "    return activation2.forward(dense2.output)",
            "    return np.round(activation2.forward(dense2.output))",
        ),
    ),
    _wrong(
        "train_xor",
        "the outputs returned are the hidden layer's",
        (
            "    return activation2.forward(dense2.output)",
            "    activation2.forward(dense2.output)\n    return activation1.output",
        ),
    ),
    _wrong(
        "train_xor", "dense2 is never updated", ("        optimizer.update_params(dense2)\n", "")
    ),
    _wrong(
        "train_xor", "(iterations) does not grow", ("        optimizer.post_update_params()\n", "")
    ),
    _wrong(
        "train_xor", "the number of epochs is off by one", ("range(epochs)", "range(epochs + 1)")
    ),
    _wrong(
        "train_xor",
        "the optimizer ran before backward",
        (
            "        loss.backward(activation2.output, y)\n",
            "        optimizer.update_params(dense1)\n        loss.backward(activation2.output, y)\n",
        ),
    ),
]

RIGHT = [
    (
        "train_epoch",
        """
        def train_epoch(X, y, network, optimizer):
            *hidden_layers, loss_activation = network
            outputs = X
            for layer in hidden_layers:
                outputs = layer.forward(outputs)
            loss = loss_activation.forward(outputs, y)
            targets = y.argmax(axis=1) if y.ndim == 2 else y
            accuracy = (loss_activation.output.argmax(axis=1) == targets).mean()
            gradient = loss_activation.backward(loss_activation.output, y)
            for layer in reversed(hidden_layers):
                gradient = layer.backward(gradient)
            optimizer.pre_update_params()
            for layer in hidden_layers:
                if hasattr(layer, "weights"):
                    optimizer.update_params(layer)
            optimizer.post_update_params()
            return loss, accuracy
        """,
    ),
    (
        "train",
        """
        def train(X, y, network, optimizer, epochs, print_every=100):
            losses, accuracies = [], []
            epoch = 0
            while epoch < epochs:
                result = train_epoch(X, y, network, optimizer)
                losses.append(result[0])
                accuracies.append(result[1])
                if not epoch % print_every:
                    print("epoch", epoch, "acc", round(result[1], 3), "loss", round(result[0], 3),
                          "lr", optimizer.current_learning_rate)
                epoch += 1
            return dict(loss=losses, accuracy=accuracies)
        """,
    ),
    (
        "evaluate",
        """
        def evaluate(X, y, network):
            dense1, relu, dense2, last = network
            loss = last.forward(dense2.forward(relu.forward(dense1.forward(X))), y)
            return loss, layers.accuracy(last.output, y)
        """,
    ),
    (
        "train_xor",
        """
        def train_xor(X, y, network, optimizer, epochs):
            *steps, loss = network

            def forward():
                values = X
                for step in steps:
                    values = step.forward(values)
                return values

            for _ in range(epochs):
                gradient = loss.backward(forward(), y)
                for step in steps[::-1]:
                    gradient = step.backward(gradient)
                optimizer.pre_update_params()
                for step in steps:
                    if hasattr(step, "dweights"):
                        optimizer.update_params(step)
                optimizer.post_update_params()
            return forward()
        """,
    ),
]

ONLY_VISIBLE = [
    # The targets taken as class indices: the visible test's are.
    (
        "train_epoch",
        _variant(
            "train_epoch",
            (
                "layers.accuracy(loss_activation.output, y)",
                "np.mean(np.argmax(loss_activation.output, axis=1) == y)",
            ),
        ),
    ),
    # The visible test's 25 epochs, whatever `epochs` says.
    ("train", _variant("train", ("range(epochs)", "range(25)"))),
    # One-hot rows turned into indices for 3 classes only, the visible test's.
    (
        "evaluate",
        _variant(
            "evaluate",
            (
                "np.argmax(y, axis=1) if len(y.shape) == 2 else y",
                "y @ np.arange(3) if len(y.shape) == 2 else y",
            ),
        ),
    ),
    # tanh and its derivative written out: the visible test's hidden activation, not sigmoid.
    (
        "train_xor",
        _variant(
            "train_xor",
            (
                "        activation1.forward(dense1.output)\n        dense2.forward(activation1.output)\n        activation2.forward(dense2.output)\n",
                "        hidden = np.tanh(dense1.output)\n        dense2.forward(hidden)\n        activation2.forward(dense2.output)\n",
            ),
            (
                "        activation1.backward(dense2.dinputs)\n        dense1.backward(activation1.dinputs)\n",
                "        dense1.backward(dense2.dinputs * (1 - hidden**2))\n",
            ),
            (
                "    activation1.forward(dense1.output)\n    dense2.forward(activation1.output)\n    return",
                "    dense2.forward(np.tanh(dense1.output))\n    return",
            ),
        ),
    ),
]
