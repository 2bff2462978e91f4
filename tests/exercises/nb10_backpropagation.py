"""Notebook 10 · Backpropagation: answers students write to its exercises.

See :mod:`tests.exercises` for what WRONG, RIGHT and ONLY_VISIBLE hold and how they are
read, and tests/test_exercises.py for how they are run. The class exercises give
``__init__`` and ``forward``; their answers here are whole cells, built from the given
part and a ``backward``.
"""

import textwrap

ASSIGNMENT = "10-backpropagation"

NEURON_GRADIENTS = """
def neuron_gradients(inputs, weights, bias, dvalue):
    z = sum(x * w for x, w in zip(inputs, weights)) + bias
    dz = dvalue * (1.0 if z > 0 else 0.0)
    return [dz * w for w in weights], [dz * x for x in inputs], dz
"""
GRADIENT_STEP = """
def gradient_step(parameters, gradients, learning_rate):
    return [p - learning_rate * g for p, g in zip(parameters, gradients)]
"""
DENSE_LAYER = """
class DenseLayer:
    def __init__(self, n_inputs, n_neurons, rng):
        self.weights = 0.01 * rng.standard_normal((n_inputs, n_neurons))
        self.biases = np.zeros((1, n_neurons))

    def forward(self, inputs):
        self.inputs = inputs
        self.output = np.dot(inputs, self.weights) + self.biases
        return self.output

    def backward(self, dvalues):
"""
RELU = """
class ReLU:
    def forward(self, inputs):
        self.inputs = inputs
        self.output = np.maximum(0, inputs)
        return self.output

    def backward(self, dvalues):
"""


def _neuron(body: str) -> str:
    """The neuron cell with this neuron_gradients body (z and dz as in the solution unless
    the body says otherwise) and the right gradient_step."""
    return f"def neuron_gradients(inputs, weights, bias, dvalue):\n{body}\n{GRADIENT_STEP}"


def _step(body: str) -> str:
    """The neuron cell with the right neuron_gradients and this gradient_step body."""
    return f"{NEURON_GRADIENTS}\ndef gradient_step(parameters, gradients, learning_rate):\n{body}"


def _dense(body: str) -> str:
    """The DenseLayer cell with this backward body (indented 8 spaces)."""
    return DENSE_LAYER + body


def _relu(body: str) -> str:
    """The ReLU cell with this backward body (indented 8 spaces)."""
    return RELU + body


def _indented(body: str, spaces: int) -> str:
    """A block of code, dedented, then indented by ``spaces``."""
    return textwrap.indent(textwrap.dedent(body).strip("\n"), " " * spaces) + "\n"


def _spiral(body: str) -> str:
    """spiral_gradients: the layers made, the forward pass, then this body."""
    return SPIRAL + _indented(body, 4)


Z = "    z = sum(x * w for x, w in zip(inputs, weights)) + bias\n"
RIGHT_DWEIGHTS = "        self.dweights = self.inputs.T @ dvalues\n"
RIGHT_DBIASES = "        self.dbiases = np.sum(dvalues, axis=0, keepdims=True)\n"
RIGHT_DINPUTS = "        self.dinputs = dvalues @ self.weights.T\n"
# spiral_gradients: the layers made, the forward pass, then the lines given.
SPIRAL = """
def spiral_gradients(X, y, rng):
    dense1, dense2 = layers.DenseLayer(2, 3, rng), layers.DenseLayer(3, 3, rng)
    relu, loss = layers.ReLU(), layers.SoftmaxCrossentropy()
    loss.forward(dense2.forward(relu.forward(dense1.forward(X))), y)
"""

# (answer cell, wrong answer, words the failure must contain)
WRONG = [
    # ---- neuron_gradients and gradient_step
    (
        "neuron_gradients",
        _neuron(
            Z + "    dz = dvalue * (1.0 if z > 0 else 0.0)\n"
            "    return [dz * x for x in inputs], [dz * w for w in weights], dz"
        ),
        "the gradients of the inputs and of the weights are swapped",
    ),
    (
        "neuron_gradients",
        _neuron("    return [dvalue * w for w in weights], [dvalue * x for x in inputs], dvalue"),
        "the gradient passes through ReLU even where",
    ),
    (
        "neuron_gradients",
        _neuron(
            Z + "    dz = dvalue * max(0, z)\n"
            "    return [dz * w for w in weights], [dz * x for x in inputs], dz"
        ),
        "ReLU's derivative is 1 (where z > 0) or 0, not its output",
    ),
    (
        "neuron_gradients",
        _neuron(
            Z + "    dz = dvalue if z >= 0 else 0.0\n"
            "    return [dz * w for w in weights], [dz * x for x in inputs], dz"
        ),
        "at z = 0 exactly",
    ),
    (
        "neuron_gradients",
        _neuron(
            Z + "    dz = 1.0 if z > 0 else 0.0\n"
            "    return [dz * w for w in weights], [dz * x for x in inputs], dz"
        ),
        "dvalue, is not used",
    ),
    (
        "neuron_gradients",
        _neuron(
            "    z = sum(x * w for x, w in zip(inputs, weights))\n"
            "    dz = dvalue * (1.0 if z > 0 else 0.0)\n"
            "    return [dz * w for w in weights], [dz * x for x in inputs], dz"
        ),
        "leaves out the bias",
    ),
    (
        "neuron_gradients",
        _neuron(
            Z + "    dz = dvalue * (1.0 if z > 0 else 0.0)\n"
            "    products = [x * w for x, w in zip(inputs, weights)]\n"
            "    return [dz * w for w in weights], [dz * p for p in products], dz"
        ),
        "the derivative of x·w with respect to w is x alone",
    ),
    (
        "neuron_gradients",
        _neuron(
            Z + "    dz = dvalue * (1.0 if z > 0 else 0.0)\n"
            "    return [dz * w for w in weights], [dz * x for x in inputs], bias"
        ),
        "dbias is the bias's value",
    ),
    (
        "neuron_gradients",
        _neuron(
            Z + "    dz = dvalue * (1.0 if z > 0 else 0.0)\n"
            "    return [dz * w for w in weights], [dz * x for x in inputs]"
        ),
        "returns the three gradients together",
    ),
    (
        "neuron_gradients",
        _neuron(
            Z + "    dz = dvalue * (1.0 if z > 0 else 0.0)\n"
            "    return np.array(weights) * dz, np.array(inputs) * dz, dz"
        ),
        "returned a numpy array where a Python list is expected",
    ),
    (
        "neuron_gradients",
        _step("    return [p + learning_rate * g for p, g in zip(parameters, gradients)]"),
        "the step goes ALONG the gradient",
    ),
    (
        "neuron_gradients",
        _step("    return [p - g for p, g in zip(parameters, gradients)]"),
        "the learning rate is not used",
    ),
    (
        "neuron_gradients",
        _step("    return [-learning_rate * g for g in gradients]"),
        "these are the changes",
    ),
    (
        "neuron_gradients",
        _step("    return [p - g / learning_rate for p, g in zip(parameters, gradients)]"),
        "the gradient is divided by the learning rate",
    ),
    (
        "neuron_gradients",
        _step(
            "    for i in range(len(parameters)):\n"
            "        parameters[i] -= learning_rate * gradients[i]\n"
            "    return parameters"
        ),
        "changed its input `parameters` in place",
    ),
    (
        "neuron_gradients",
        _step(
            "    new = []\n"
            "    for p, g in zip(parameters, gradients):\n"
            "        new.append(p - learning_rate * g)\n"
            "        return new"
        ),
        "look for a return inside the loop",
    ),
    # ---- DenseLayer.backward
    (
        "DenseLayer",
        _dense("        self.dweights = self.inputs @ dvalues\n" + RIGHT_DBIASES + RIGHT_DINPUTS),
        "a missing transpose?",
    ),
    (
        "DenseLayer",
        _dense("        self.dweights = dvalues.T @ self.inputs\n" + RIGHT_DBIASES + RIGHT_DINPUTS),
        "dweights has rows and columns swapped",
    ),
    (
        "DenseLayer",
        _dense(
            "        self.dweights = self.inputs.T @ dvalues / len(dvalues)\n"
            + RIGHT_DBIASES
            + RIGHT_DINPUTS
        ),
        "divided by the number of samples",
    ),
    (
        "DenseLayer",
        _dense("        self.dweights = self.output.T @ dvalues\n" + RIGHT_DBIASES + RIGHT_DINPUTS),
        "dweights is made from the layer's outputs",
    ),
    (
        "DenseLayer",
        _dense(
            RIGHT_DWEIGHTS
            + "        self.dbiases = np.sum(dvalues, axis=1, keepdims=True)\n"
            + RIGHT_DINPUTS
        ),
        "dbiases is summed over each sample's neurons",
    ),
    (
        "DenseLayer",
        _dense(RIGHT_DWEIGHTS + "        self.dbiases = np.sum(dvalues, axis=0)\n" + RIGHT_DINPUTS),
        "Look at keepdims",
    ),
    (
        "DenseLayer",
        _dense(RIGHT_DWEIGHTS + "        self.dbiases = np.sum(dvalues)\n" + RIGHT_DINPUTS),
        "dbiases is one number for the whole batch",
    ),
    (
        "DenseLayer",
        _dense(RIGHT_DWEIGHTS + "        self.dbiases = dvalues\n" + RIGHT_DINPUTS),
        "dbiases is dvalues itself",
    ),
    (
        "DenseLayer",
        _dense(
            RIGHT_DWEIGHTS
            + "        self.dbiases = np.mean(dvalues, axis=0, keepdims=True)\n"
            + RIGHT_DINPUTS
        ),
        "divided by the number of samples",
    ),
    (
        "DenseLayer",
        _dense(RIGHT_DWEIGHTS + RIGHT_DBIASES + "        self.dinputs = dvalues @ self.weights\n"),
        "a missing transpose?",
    ),
    (
        "DenseLayer",
        _dense(
            RIGHT_DWEIGHTS + RIGHT_DBIASES + "        self.dinputs = self.weights @ dvalues.T\n"
        ),
        "dinputs has rows and columns swapped",
    ),
    (
        "DenseLayer",
        _dense(
            "        m = len(dvalues)  # the article's 1/m\n"
            "        self.dweights = self.inputs.T @ dvalues / m\n"
            "        self.dbiases = np.sum(dvalues, axis=0, keepdims=True) / m\n"
            "        self.dinputs = dvalues @ self.weights.T / m\n"
        ),
        "divided by the number of samples",
    ),
    (
        "DenseLayer",
        _dense(
            "        self.dweights = -(self.inputs.T @ dvalues)\n" + RIGHT_DBIASES + RIGHT_DINPUTS
        ),
        "the sign is flipped",
    ),
    (
        "DenseLayer",
        _dense(
            "        self.dw = self.inputs.T @ dvalues\n"
            "        self.db = np.sum(dvalues, axis=0, keepdims=True)\n"
            "        self.dx = dvalues @ self.weights.T\n"
        ),
        "stores its three gradients on the layer",
    ),
    (
        "DenseLayer",
        _dense(
            "        dweights = self.inputs.T @ dvalues\n"
            "        dbiases = np.sum(dvalues, axis=0, keepdims=True)\n"
            "        return dvalues @ self.weights.T\n"
        ),
        "local variables vanish when the method returns",
    ),
    (
        "DenseLayer",
        _dense(
            "        dvalues /= 1.0 + np.abs(dvalues).max()  # scaled, for safety\n"
            + RIGHT_DWEIGHTS
            + RIGHT_DBIASES
            + RIGHT_DINPUTS
        ),
        "changed its input `dvalues` in place",
    ),
    (
        "DenseLayer",
        _dense(
            RIGHT_DWEIGHTS
            + RIGHT_DBIASES
            + RIGHT_DINPUTS
            + "        self.weights -= 0.001 * self.dweights  # a step, while we are here\n"
        ),
        "backward only computes the gradients",
    ),
    (
        "DenseLayer",
        _dense("        # YOUR CODE HERE\n        raise NotImplementedError()\n"),
        "`DenseLayer.backward` is not written yet",
    ),
    # ---- ReLU.backward
    (
        "ReLU",
        _relu("        self.dinputs = dvalues.copy()\n"),
        "the gradient passes everywhere",
    ),
    (
        "ReLU",
        _relu("        self.dinputs = dvalues.copy()\n        self.dinputs[self.output < 0] = 0\n"),
        "the gradient passes everywhere",
    ),
    (
        "ReLU",
        _relu("        self.dinputs = dvalues.copy()\n        self.dinputs[dvalues <= 0] = 0\n"),
        "ReLU was applied to the gradient",
    ),
    (
        "ReLU",
        _relu("        self.dinputs = np.maximum(0, dvalues)\n"),
        "ReLU was applied to the gradient",
    ),
    (
        "ReLU",
        _relu("        self.dinputs = dvalues.copy()\n        self.dinputs[self.inputs < 0] = 0\n"),
        "at an input of exactly 0",
    ),
    (
        "ReLU",
        _relu("        self.dinputs = dvalues.copy()\n        self.dinputs[self.inputs > 0] = 0\n"),
        "the mask is inverted",
    ),
    (
        "ReLU",
        _relu("        self.dinputs = dvalues * self.inputs\n"),
        "dvalues were multiplied by the inputs",
    ),
    (
        "ReLU",
        _relu("        self.dinputs = dvalues * self.output\n"),
        "dvalues were multiplied by ReLU's output",
    ),
    (
        "ReLU",
        _relu("        self.dinputs = (self.inputs > 0).astype(float)\n"),
        "this is ReLU's derivative alone",
    ),
    (
        "ReLU",
        _relu("        self.dinputs = dvalues\n        self.dinputs[self.inputs <= 0] = 0\n"),
        "changed its input `dvalues` in place",
    ),
    (
        "ReLU",
        _relu(
            "        dinputs = dvalues.copy()\n        dinputs[self.inputs <= 0] = 0\n"
            "        return dinputs\n"
        ),
        "backward stores its result on the layer, as self.dinputs",
    ),
    # ---- softmax_crossentropy_backward
    (
        "softmax_crossentropy_backward",
        """
        def softmax_crossentropy_backward(probabilities, targets):
            if targets.ndim == 2:
                targets = np.argmax(targets, axis=1)
            dinputs = probabilities.copy()
            dinputs[np.arange(len(dinputs)), targets] -= 1
            return dinputs
        """,
        "not divided by the number of samples",
    ),
    (
        "softmax_crossentropy_backward",
        """
        def softmax_crossentropy_backward(probabilities, targets):
            n_classes = probabilities.shape[1]
            if targets.ndim == 1:
                targets = np.eye(n_classes)[targets]
            return (probabilities - targets) / n_classes
        """,
        "divided by the number of classes",
    ),
    (
        "softmax_crossentropy_backward",
        """
        def softmax_crossentropy_backward(probabilities, targets):
            if targets.ndim == 1:
                targets = np.eye(probabilities.shape[1])[targets]
            return (targets - probabilities) / len(probabilities)
        """,
        "the sign is flipped",
    ),
    (
        "softmax_crossentropy_backward",
        """
        def softmax_crossentropy_backward(probabilities, targets):
            return (probabilities - 1) / len(probabilities)
        """,
        "1 was subtracted from every probability",
    ),
    (
        "softmax_crossentropy_backward",
        """
        def softmax_crossentropy_backward(probabilities, targets):
            dinputs = probabilities.copy()
            predicted = np.argmax(probabilities, axis=1)
            dinputs[np.arange(len(dinputs)), predicted] -= 1
            return dinputs / len(dinputs)
        """,
        "1 was subtracted at each sample's most probable class",
    ),
    (
        "softmax_crossentropy_backward",
        """
        def softmax_crossentropy_backward(probabilities, targets):
            if targets.ndim == 1:
                targets = np.eye(probabilities.shape[1])[targets]
            return -targets / probabilities / len(probabilities)
        """,
        "the loss's gradient with respect to the probabilities",
    ),
    (
        "softmax_crossentropy_backward",
        """
        def softmax_crossentropy_backward(probabilities, targets):
            return (probabilities - targets) / len(probabilities)
        """,
        "subtracted as if they were one-hot rows",
    ),
    (
        "softmax_crossentropy_backward",
        """
        def softmax_crossentropy_backward(probabilities, targets):
            dinputs = probabilities.copy()
            dinputs[range(len(dinputs)), targets] -= 1
            return dinputs / len(dinputs)
        """,
        "were used as class indices",
    ),
    (
        "softmax_crossentropy_backward",
        """
        def softmax_crossentropy_backward(probabilities, targets):
            one_hot = np.eye(probabilities.shape[1])[targets]
            return (probabilities - one_hot) / len(probabilities)
        """,
        "were used as class indices",
    ),
    (
        "softmax_crossentropy_backward",
        """
        def softmax_crossentropy_backward(probabilities, targets):
            if targets.ndim == 2:
                targets = np.argmax(targets, axis=1)
            dinputs = probabilities
            dinputs[np.arange(len(dinputs)), targets] -= 1
            return dinputs / len(dinputs)
        """,
        "changed its input `probabilities` in place",
    ),
    (
        "softmax_crossentropy_backward",
        """
        def softmax_crossentropy_backward(probabilities, targets):
            if targets.ndim == 1:
                targets = np.eye(probabilities.shape[1])[targets]
            return np.mean(probabilities - targets, axis=0)
        """,
        "averaged over the samples into one row",
    ),
    (
        "softmax_crossentropy_backward",
        """
        def softmax_crossentropy_backward(probabilities, targets):
            if targets.ndim == 1:
                targets = np.eye(probabilities.shape[1])[targets]
            return probabilities / len(probabilities) - targets
        """,
        "the probabilities alone were divided",
    ),
    # ---- spiral_gradients
    (
        "spiral_gradients",
        _spiral("""
            loss.backward(loss.output, y)
            dense2.backward(loss.dinputs)
            dense1.backward(dense2.dinputs)
            return dense1, dense2
        """),
        "ReLU's backward is missing",
    ),
    (
        "spiral_gradients",
        _spiral("""
            loss.backward(dense2.output, y)
            dense2.backward(loss.dinputs)
            relu.backward(dense2.dinputs)
            dense1.backward(relu.dinputs)
            return dense1, dense2
        """),
        "the loss's backward was given dense2's outputs",
    ),
    (
        "spiral_gradients",
        _spiral("""
            dense2.backward(loss.output)
            relu.backward(dense2.dinputs)
            dense1.backward(relu.dinputs)
            return dense1, dense2
        """),
        "the loss's backward is missing",
    ),
    (
        "spiral_gradients",
        _spiral("""
            loss.backward(loss.output, y)
            dense2.backward(loss.dinputs)
            relu.backward(loss.dinputs)
            dense1.backward(relu.dinputs)
            return dense1, dense2
        """),
        "dense2's backward was skipped",
    ),
    (
        "spiral_gradients",
        """
        def spiral_gradients(X, y, rng):
            dense2 = layers.DenseLayer(3, 3, rng)
            dense1 = layers.DenseLayer(2, 3, rng)
            relu, loss = layers.ReLU(), layers.SoftmaxCrossentropy()
            loss.forward(dense2.forward(relu.forward(dense1.forward(X))), y)
            loss.backward(loss.output, y)
            dense1.backward(relu.backward(dense2.backward(loss.dinputs)))
            return dense1, dense2
        """,
        "the second dense layer was created first",
    ),
    (
        "spiral_gradients",
        """
        def spiral_gradients(X, y, rng):
            rng = np.random.RandomState(0)
            dense1, dense2 = layers.DenseLayer(2, 3, rng), layers.DenseLayer(3, 3, rng)
            relu, loss = layers.ReLU(), layers.SoftmaxCrossentropy()
            loss.forward(dense2.forward(relu.forward(dense1.forward(X))), y)
            loss.backward(loss.output, y)
            dense1.backward(relu.backward(dense2.backward(loss.dinputs)))
            return dense1, dense2
        """,
        "the layers draw from a new generator",
    ),
    (
        "spiral_gradients",
        _spiral("""
            loss.backward(loss.output, y)
            dense1.backward(relu.backward(dense2.backward(loss.dinputs)))
            return dense2, dense1
        """),
        "the two layers came back in the wrong order",
    ),
    (
        "spiral_gradients",
        _spiral("""
            return dense1, dense2
        """),
        "a layer has no gradients yet",
    ),
    (
        "spiral_gradients",
        """
        def spiral_gradients(X, y, rng):
            dense1, dense2 = layers.DenseLayer(2, 3, rng), layers.DenseLayer(3, 3, rng)
            relu, loss = layers.ReLU(), layers.SoftmaxCrossentropy()
            loss.backward(loss.output, y)
            dense1.backward(relu.backward(dense2.backward(loss.dinputs)))
            loss.forward(dense2.forward(relu.forward(dense1.forward(X))), y)
            return dense1, dense2
        """,
        "ran before its forward",
    ),
    (
        "spiral_gradients",
        _spiral("""
            loss.backward(loss.output, y)
            dense1.backward(relu.backward(dense2.backward(loss.dinputs)))
            return dense1
        """),
        "spiral_gradients returns the two dense layers",
    ),
]

# (answer cell, a correct answer written differently from the solution)
RIGHT = [
    (
        "neuron_gradients",
        """
        def neuron_gradients(inputs, weights, bias, dvalue):
            z = bias
            for x, w in zip(inputs, weights):
                z += x * w
            drelu = dvalue if z > 0 else 0.0
            dinputs, dweights = [], []
            for x, w in zip(inputs, weights):
                dinputs.append(drelu * w)
                dweights.append(drelu * x)
            return dinputs, dweights, drelu

        def gradient_step(parameters, gradients, learning_rate):
            stepped = []
            for p, g in zip(parameters, gradients):
                stepped.append(p + -learning_rate * g)
            return stepped
        """,
    ),
    (
        "neuron_gradients",
        """
        def neuron_gradients(inputs, weights, bias, dvalue):
            x, w = np.array(inputs, dtype=float), np.array(weights, dtype=float)
            dz = dvalue * float(np.dot(x, w) + bias > 0)
            return [(dz * w).tolist(), (dz * x).tolist(), dz]

        def gradient_step(parameters, gradients, learning_rate):
            return list(np.subtract(parameters, np.multiply(learning_rate, gradients)))
        """,
    ),
    (
        "DenseLayer",
        _dense(
            _indented(
                """
                self.dweights = np.einsum("si,sj->ij", self.inputs, dvalues)
                self.dbiases = dvalues.sum(axis=0).reshape(1, -1)
                self.dinputs = np.einsum("sj,ij->si", dvalues, self.weights)
                """,
                8,
            )
        ),
    ),
    (
        "DenseLayer",
        _dense(
            _indented(
                """
                n_samples = len(self.inputs)
                self.dweights = np.zeros(np.shape(self.weights))
                self.dbiases = np.zeros(np.shape(self.biases))
                self.dinputs = np.zeros(np.shape(self.inputs))
                for s in range(n_samples):
                    self.dweights += np.outer(self.inputs[s], dvalues[s])
                    self.dbiases += dvalues[s]
                    self.dinputs[s] = np.dot(self.weights, dvalues[s])
                return self.dinputs
                """,
                8,
            )
        ),
    ),
    (
        "DenseLayer",
        _dense(
            _indented(
                """
                self.dweights = np.matmul(self.inputs.T, dvalues)
                self.dbiases = np.sum(dvalues, axis=0, keepdims=True)
                self.dinputs = np.matmul(dvalues, self.weights.T)
                return self.dinputs
                """,
                8,
            )
        ),
    ),
    (
        "ReLU",
        RELU + "        self.dinputs = np.where(self.inputs > 0, dvalues, 0.0)\n",
    ),
    (
        "ReLU",
        RELU + "        self.dinputs = dvalues * (self.output > 0)\n",
    ),
    (
        "ReLU",
        RELU
        + "        self.dinputs = dvalues.copy()\n"
        + "        self.dinputs[self.output == 0] = 0  # 0 where the input was <= 0\n",
    ),
    (
        "softmax_crossentropy_backward",
        """
        def softmax_crossentropy_backward(probabilities, targets):
            n_samples, n_classes = probabilities.shape
            if len(np.shape(targets)) == 1:
                targets = np.eye(n_classes)[targets]
            return (probabilities - targets) / n_samples
        """,
    ),
    (
        "softmax_crossentropy_backward",
        """
        def softmax_crossentropy_backward(probabilities, targets):
            rows = []
            for p, t in zip(probabilities.tolist(), targets.tolist()):
                true_class = t.index(max(t)) if isinstance(t, list) else t
                rows.append([(q - (j == true_class)) / len(probabilities) for j, q in enumerate(p)])
            return np.array(rows)
        """,
    ),
    (
        "spiral_gradients",
        """
        def spiral_gradients(X, y, rng):
            network = [layers.DenseLayer(2, 3, rng), layers.ReLU(), layers.DenseLayer(3, 3, rng)]
            values = X
            for layer in network:
                values = layer.forward(values)
            loss = layers.SoftmaxCrossentropy()
            loss.forward(values, y)
            gradient = loss.backward(loss.output, y)
            for layer in reversed(network):
                gradient = layer.backward(gradient)
            return network[0], network[2]
        """,
    ),
    (
        "spiral_gradients",
        """
        def spiral_gradients(X, y, rng):
            dense1, dense2 = DenseLayer(2, 3, rng), DenseLayer(3, 3, rng)  # the notebook's
            relu = ReLU()
            probabilities = layers.softmax(dense2.forward(relu.forward(dense1.forward(X))))
            dense2.backward(softmax_crossentropy_backward(probabilities, y))
            relu.backward(dense2.dinputs)
            dense1.backward(relu.dinputs)
            return dense1, dense2
        """,
    ),
]

# (answer cell, an answer that fits only the visible examples)
ONLY_VISIBLE = [
    (
        "neuron_gradients",
        """
        def neuron_gradients(inputs, weights, bias, dvalue):
            inputs, weights = inputs[:3], weights[:3]  # at most three inputs
            z = sum(x * w for x, w in zip(inputs, weights)) + bias
            dz = dvalue * (1.0 if z > 0 else 0.0)
            return [dz * w for w in weights], [dz * x for x in inputs], dz

        def gradient_step(parameters, gradients, learning_rate):
            return [p - learning_rate * g for p, g in zip(parameters[:3], gradients[:3])]
        """,
    ),
    (
        "DenseLayer",
        DENSE_LAYER
        + "        self.dweights = self.inputs.T @ dvalues\n"
        + "        self.dbiases = dvalues[0:1] + dvalues[1:2] + dvalues[2:3]  # three samples\n"
        + "        self.dinputs = dvalues @ self.weights.T\n",
    ),
    (
        "ReLU",
        RELU
        + "        self.dinputs = dvalues.copy()\n"
        + "        self.dinputs[:, :4][self.inputs[:, :4] <= 0] = 0  # four values a sample\n",
    ),
    (
        "softmax_crossentropy_backward",
        """
        def softmax_crossentropy_backward(probabilities, targets):
            if targets.shape == (3, 3):  # the one-hot targets of the example
                targets = np.argmax(targets, axis=1)
            dinputs = probabilities.copy()
            dinputs[np.arange(len(dinputs)), targets] -= 1
            return dinputs / len(dinputs)
        """,
    ),
    (
        "spiral_gradients",
        """
        def spiral_gradients(X, y, rng):
            book = np.random.RandomState(0)  # the book's generator, whatever rng is given
            spiral_data(100, 3, random_state=book)
            dense1, dense2 = layers.DenseLayer(2, 3, book), layers.DenseLayer(3, 3, book)
            relu, loss = layers.ReLU(), layers.SoftmaxCrossentropy()
            loss.forward(dense2.forward(relu.forward(dense1.forward(X))), y)
            loss.backward(loss.output, y)
            dense1.backward(relu.backward(dense2.backward(loss.dinputs)))
            return dense1, dense2
        """,
    ),
]
