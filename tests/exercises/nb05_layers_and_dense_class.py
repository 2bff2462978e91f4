"""Notebook 05 · Layers and the dense layer class: answers students write to its exercises.

See :mod:`tests.exercises` for what WRONG, RIGHT and ONLY_VISIBLE hold and how they are
read, and tests/test_exercises.py for how they are run.

A code line longer than this file's 100 characters goes on after a backslash at the end of
a line, at the start of the next: Python joins the two, so the answer has it as one line.
"""

ASSIGNMENT = "05-layers-and-dense-class"

# A correct DenseLayer, for the wrong answers that change one line of it.
_LAYER = """
import numpy as np
class DenseLayer:
    def __init__(self, n_inputs, n_neurons, rng):
        self.weights = {weights}
        self.biases = {biases}
    def forward(self, inputs):
        self.output = {output}
        return self.output
"""


def _layer(
    weights="0.01 * rng.standard_normal((n_inputs, n_neurons))",
    biases="np.zeros((1, n_neurons))",
    output="np.dot(inputs, self.weights) + self.biases",
):
    """A DenseLayer answer with one of its lines replaced."""
    return _LAYER.format(weights=weights, biases=biases, output=output)


# A correct Network, for the wrong answers that change its methods.
_NETWORK = """
class Network:
    def __init__(self):
        self.layers = []
    def add_layer(self, layer):
{add}
    def predict(self, inputs):
        if not self.layers:
            raise ValueError("no layers")
{predict}
"""
_CHAIN = """
        for layer in self.layers:
            inputs = layer.forward(inputs)
        return inputs"""


def _network(add="        self.layers.append(layer)", predict=_CHAIN):
    """A Network answer with add_layer's body or predict's loop replaced."""
    return _NETWORK.format(add=add, predict=predict.strip("\n"))


def _xor(weights1, biases1, weights2, biases2):
    """An xor_parameters answer returning these (as written)."""
    return f"""
import numpy as np
def xor_parameters():
    return np.array({weights1}), np.array({biases1}), np.array({weights2}), np.array({biases2})
"""


# (answer cell, wrong answer, words the failure must contain)
WRONG = [
    # ---- two_layers
    (
        "two_layers",
        """
        import numpy as np
        def two_layers(inputs, weights1, biases1, weights2, biases2):
            return np.dot(inputs, np.array(weights1).T) + biases1
        """,
        "these are layer 1's outputs",
    ),
    (
        "two_layers",
        """
        import numpy as np
        def two_layers(inputs, weights1, biases1, weights2, biases2):
            out = np.dot(inputs, np.array(weights1).T) + biases1
            return np.dot(out, weights2) + biases2
        """,
        "layer 2's weights are not transposed",
    ),
    (
        "two_layers",
        """
        import numpy as np
        def two_layers(inputs, weights1, biases1, weights2, biases2):
            out = np.dot(inputs, weights1) + biases1
            return np.dot(out, np.array(weights2).T) + biases2
        """,
        "layer 1's weights are not transposed",
    ),
    (
        "two_layers",
        """
        import numpy as np
        def two_layers(inputs, weights1, biases1, weights2, biases2):
            out = np.dot(inputs, np.array(weights1).T) + biases1
            return np.dot(inputs, np.array(weights2).T) + biases2
        """,
        "layer 2 ran on the original inputs",
    ),
    (
        "two_layers",
        """
        import numpy as np
        def two_layers(inputs, weights1, biases1, weights2, biases2):
            out = np.dot(inputs, np.array(weights1).T) + biases1
            return np.dot(out, np.array(weights2).T)
        """,
        "layer 2's biases are missing",
    ),
    (
        "two_layers",
        """
        import numpy as np
        def two_layers(inputs, weights1, biases1, weights2, biases2):
            out = np.dot(inputs, np.array(weights1).T)
            return np.dot(out, np.array(weights2).T) + biases2
        """,
        "layer 1's biases are missing",
    ),
    (
        "two_layers",
        """
        import numpy as np
        def two_layers(inputs, weights1, biases1, weights2, biases2):
            out = np.dot(inputs, np.array(weights1).T) + biases2
            return np.dot(out, np.array(weights2).T) + biases1
        """,
        "the biases are swapped",
    ),
    (
        "two_layers",
        """
        import numpy as np
        def two_layers(inputs, weights1, biases1, weights2, biases2):
            out = np.dot(inputs, np.array(weights2).T) + biases1
            return np.dot(out, np.array(weights1).T) + biases2
        """,
        "the weights are swapped",
    ),
    (
        "two_layers",
        """
        import numpy as np
        def two_layers(inputs, weights1, biases1, weights2, biases2):
            out = np.dot(weights1, inputs) + biases1
            return np.dot(weights2, out) + biases2
        """,
        "the operands of a product are in the wrong order",
    ),
    (
        "two_layers",
        """
        import numpy as np
        def two_layers(inputs, weights1, biases1, weights2, biases2):
            out = np.dot(inputs, np.array(weights1).T) + biases1
            return (np.dot(out, np.array(weights2).T) + biases2).tolist()
        """,
        "returned a Python list where a numpy array is expected",
    ),
    # ---- DenseLayer: the weights
    (
        "DenseLayer",
        _layer(
            weights="0.01 * rng.standard_normal((n_neurons, n_inputs))",
            output="np.dot(inputs, self.weights.T) + self.biases",
        ),
        "the weights are (n_neurons, n_inputs)",
    ),
    (
        "DenseLayer",
        _layer(weights="rng.standard_normal((n_inputs, n_neurons))"),
        "the weights are not scaled",
    ),
    (
        "DenseLayer",
        _layer(weights="rng.normal(0, 0.1, (n_inputs, n_neurons))"),
        "the right draws times the wrong factor",
    ),
    (
        "DenseLayer",
        _layer(weights="0.01 * rng.standard_normal((n_neurons, n_inputs)).T"),
        "the right numbers in the wrong places",
    ),
    (
        "DenseLayer",
        _layer(weights="np.zeros((n_inputs, n_neurons))"),
        "the weights are all zero",
    ),
    (
        "DenseLayer",
        _layer(weights="0.01 * rng.random((n_inputs, n_neurons))"),
        "the weights are never negative",
    ),
    (
        "DenseLayer",
        _layer(weights="0.01 * np.random.randn(n_inputs, n_neurons)"),
        "used numpy's global random state",
    ),
    (
        "DenseLayer",
        _layer(weights="0.01 * rng.randn(n_inputs, n_neurons)"),
        "a np.random.Generator has no randn",
    ),
    (
        "DenseLayer",
        _layer(weights="0.01 * rng.standard_normal(n_inputs, n_neurons)"),
        "the shape of the draws is one argument",
    ),
    (
        "DenseLayer",
        _layer(weights="0.01 * np.random.RandomState(0).standard_normal((n_inputs, n_neurons))"),
        "the weights do not depend on the generator passed in",
    ),
    # ---- DenseLayer: the biases
    (
        "DenseLayer",
        _layer(biases="np.zeros(n_neurons)"),
        "the biases are a flat array",
    ),
    (
        "DenseLayer",
        _layer(biases="np.zeros((n_neurons, 1))"),
        "the biases are a column",
    ),
    (
        "DenseLayer",
        _layer(biases="np.zeros((1, n_inputs))"),
        "there is one bias per input",
    ),
    (
        "DenseLayer",
        _layer(biases="0.01 * rng.standard_normal((1, n_neurons))"),
        "the biases must start at zero",
    ),
    # ---- DenseLayer: forward
    (
        "DenseLayer",
        """
        import numpy as np
        class DenseLayer:
            def __init__(self, n_inputs, n_neurons, rng):
                self.weights = 0.01 * rng.standard_normal((n_inputs, n_neurons))
                self.biases = np.zeros((1, n_neurons))
            def forward(self, inputs):
                return np.dot(inputs, self.weights) + self.biases
        """,
        "no attribute `output`",
    ),
    (
        "DenseLayer",
        """
        import numpy as np
        class DenseLayer:
            def __init__(self, n_inputs, n_neurons, rng):
                self.weights = 0.01 * rng.standard_normal((n_inputs, n_neurons))
                self.biases = np.zeros((1, n_neurons))
            def forward(self, inputs):
                self.output = np.dot(inputs, self.weights) + self.biases
        """,
        "returned None",
    ),
    (
        "DenseLayer",
        _layer(output="np.dot(inputs, self.weights)"),
        "forward ignores the biases",
    ),
    (
        "DenseLayer",
        _layer(output="np.dot(X, self.weights) + self.biases"),
        "does it read a variable from outside",
    ),
    (
        "DenseLayer",
        _layer(output="np.dot(inputs, self.weights.T) + self.biases"),
        "in forward, the shapes of the product do not fit",
    ),
    # ---- Network
    (
        "Network",
        _network(predict=_CHAIN.replace("self.layers:", "reversed(self.layers):")),
        "the layers ran in reverse order",
    ),
    (
        "Network",
        _network(add="        self.layers.insert(0, layer)"),
        "the layers ran in reverse order",
    ),
    (
        "Network",
        _network(add="        self.layers = [layer]"),
        "only the last layer added ran, on the original inputs",
    ),
    (
        "Network",
        _network(
            predict="""
        for layer in self.layers:
            output = layer.forward(inputs)
        return output"""
        ),
        "only the last layer added ran, on the original inputs",
    ),
    (
        "Network",
        _network(
            predict="""
        for layer in self.layers:
            inputs = layer.forward(inputs)
            return inputs"""
        ),
        "only the first layer ran",
    ),
    (
        "Network",
        _network(predict=_CHAIN.replace("self.layers:", "self.layers[1:]:")),
        "the first layer was skipped",
    ),
    (
        "Network",
        _network(
            predict="""
        for i in range(len(self.layers) - 1):
            inputs = self.layers[i].forward(inputs)
        return inputs"""
        ),
        "the last layer was skipped",
    ),
    (
        "Network",
        _network(
            predict="""
        for layer in self.layers:
            layer.forward(inputs)
        return inputs"""
        ),
        "predict returned its inputs unchanged",
    ),
    (
        "Network",
        """
        class Network:
            layers = []
            def add_layer(self, layer):
                self.layers.append(layer)
            def predict(self, inputs):
                if not self.layers:
                    raise ValueError("no layers")
                for layer in self.layers:
                    inputs = layer.forward(inputs)
                return inputs
        """,
        "also ran the layers added to another network",
    ),
    (
        "Network",
        _network(
            predict="""
        outputs = []
        for layer in self.layers:
            inputs = layer.forward(inputs)
            outputs.append(inputs)
        return outputs"""
        ),
        "predict returned every layer's output",
    ),
    (
        "Network",
        _network(predict=_CHAIN.replace("layer.forward(inputs)", "layer(inputs)")),
        "calls a layer as if it were a function",
    ),
    (
        "Network",
        _network(predict="        return self.layers.forward(inputs)"),
        "calls forward on the list of layers",
    ),
    (
        "Network",
        _network(predict=_CHAIN.replace("        return inputs", "")),
        "returned None",
    ),
    (
        "Network",
        """
        class Network:
            def __init__(self):
                self.layers = []
            def add_layer(self, layer):
                self.layers.append(layer)
            def predict(self, inputs):
                for layer in self.layers:
                    inputs = layer.forward(inputs)
                return inputs
        """,
        "accepted bad input",
        "test_Network_empty",
    ),
    (
        "Network",
        """
        class Network:
            def __init__(self):
                self.layers = []
            def add_layer(self, layer):
                self.layers.append(layer)
            def predict(self, inputs):
                values = self.layers[0].forward(inputs)
                for layer in self.layers[1:]:
                    values = layer.forward(values)
                return values
        """,
        "raised IndexError instead of ValueError",
        "test_Network_empty",
    ),
    # ---- xor_parameters (the gates: OR = [1, 1], -0.5; AND = [1, 1], -1.5; NAND = [-1, -1], 1.5)
    (
        "xor_parameters",
        _xor("[[1, 1], [1, 1]]", "[[-0.5, -1.5]]", "[[1], [1]]", "[[-0.5]]"),
        "your network computes OR",
    ),
    (
        "xor_parameters",
        _xor("[[1, 1], [1, 1]]", "[[-0.5, -1.5]]", "[[1], [1]]", "[[-1.5]]"),
        "your network computes AND",
    ),
    (
        "xor_parameters",
        _xor("[[1, 1], [1, 1]]", "[[-0.5, -1.5]]", "[[-1], [-1]]", "[[1.5]]"),
        "your network computes NAND",
    ),
    (
        "xor_parameters",
        _xor("[[1, -1], [1, -1]]", "[[-0.5, 1.5]]", "[[-1], [-1]]", "[[1.5]]"),
        "the opposite of XOR on every input",
    ),
    (
        "xor_parameters",
        _xor("[[1, -1], [1, -1]]", "[[-0.5, 1.5]]", "[[1], [1]]", "[[-5.0]]"),
        "your network never fires",
    ),
    (
        "xor_parameters",
        _xor("[[1, -1], [1, -1]]", "[[-0.5, 1.5]]", "[[1], [1]]", "[[-0.5]]"),
        "your network always fires",
    ),
    (
        "xor_parameters",
        _xor("[[1, 1], [-1, -1]]", "[[-0.5, 1.5]]", "[[1], [1]]", "[[-1.5]]"),
        "weights1 is laid out one row per neuron",
    ),
    (
        "xor_parameters",
        _xor("[[1, -1], [1, -1]]", "[[0.5, -1.5]]", "[[1], [1]]", "[[1.5]]"),
        "the biases have the wrong sign",
    ),
    (
        "xor_parameters",
        _xor("[[1, -1], [1, -1]]", "[[-0.5, 1.5]]", "[[1], [-1]]", "[[-0.5]]"),
        "your hidden layer would do: the mistake is in the output neuron",
    ),
    (
        "xor_parameters",
        _xor("[[1, 1], [1, 1]]", "[[-0.5, -0.5]]", "[[1], [1]]", "[[-1.5]]"),
        "no output neuron could turn your hidden layer's answers into XOR",
    ),
    (
        "xor_parameters",
        _xor("[[1, -1], [1, -1]]", "[-0.5, 1.5]", "[[1], [1]]", "-1.5"),
        "a bias is a flat list or a single number",
    ),
    (
        "xor_parameters",
        _xor("[[1, -1], [1, -1]]", "[[-0.5], [1.5]]", "[[1], [1]]", "[[-1.5]]"),
        "biases1 is a column",
    ),
    (
        "xor_parameters",
        _xor("[[1, -1], [1, -1]]", "[[-0.5, 1.5]]", "[[1, 1]]", "[[-1.5]]"),
        "weights2 has one row per neuron",
    ),
    (
        "xor_parameters",
        """
        import numpy as np
        def xor_parameters():
            return np.array([[1, -1], [1, -1]]), np.array([[-0.5, 1.5]]), np.array([[1], [1]])
        """,
        "xor_parameters returns four things",
    ),
]

# (answer cell, a correct answer written differently from the solution)
RIGHT = [
    (
        "two_layers",
        """
        import numpy as np
        def two_layers(inputs, weights1, biases1, weights2, biases2):
            hidden = np.array(inputs) @ np.array(weights1).T + np.array(biases1)
            return hidden @ np.array(weights2).T + np.array(biases2)
        """,
    ),
    (
        "two_layers",
        """
        import numpy as np
        def layer(inputs, weights, biases):
            return np.matmul(inputs, np.transpose(weights)) + biases
        def two_layers(inputs, weights1, biases1, weights2, biases2):
            return layer(layer(inputs, weights1, biases1), weights2, biases2)
        """,
    ),
    (
        "two_layers",
        """
        import numpy as np
        def two_layers(inputs, weights1, biases1, weights2, biases2):
            values = inputs
            for weights, biases in ((weights1, biases1), (weights2, biases2)):
                values = [[sum(x * w for x, w in zip(sample, row)) + b
                           for row, b in zip(weights, biases)] for sample in values]
            return np.array(values)
        """,
    ),
    (
        "two_layers",
        """
        import numpy as np
        def two_layers(inputs, weights1, biases1, weights2, biases2):
            hidden = np.einsum("si,ni->sn", inputs, weights1) + biases1
            return np.einsum("sh,nh->sn", hidden, weights2) + biases2
        """,
    ),
    (
        "DenseLayer",
        """
        import numpy as np
        class DenseLayer:
            def __init__(self, n_inputs, n_neurons, rng):
                self.weights = (rng.standard_normal(size=(n_inputs, n_neurons)) * \
0.01).astype(np.float32)
                self.biases = np.zeros(n_neurons).reshape(1, -1)
            def forward(self, inputs):
                self.output = inputs @ self.weights + self.biases
                return self.output
        """,
    ),
    (
        "DenseLayer",
        """
        import numpy as np
        class DenseLayer:
            def __init__(self, n_inputs, n_neurons, rng):
                self.weights = rng.normal(0, 0.01, size=(n_inputs, n_neurons))
                self.biases = np.zeros_like(self.weights[:1])
            def forward(self, inputs):
                self.output = np.matmul(inputs, self.weights) + self.biases
                return self.output
        """,
    ),
    (
        "DenseLayer",
        """
        import numpy as np
        class DenseLayer:
            def __init__(self, n_inputs, n_neurons, rng):
                self.weights = np.empty((n_inputs, n_neurons))
                for i in range(n_inputs):
                    for j in range(n_neurons):
                        self.weights[i, j] = 0.01 * rng.standard_normal()
                self.biases = np.zeros((1, n_neurons), dtype=float)
            def forward(self, inputs):
                outputs = np.dot(inputs, self.weights)
                outputs += self.biases
                self.output = outputs
                return outputs
        """,
    ),
    (
        "Network",
        """
        import functools
        class Network:
            def __init__(self):
                self.layers = []
            def add_layer(self, layer):
                self.layers.append(layer)
                return self
            def predict(self, inputs):
                if len(self.layers) == 0:
                    raise ValueError("empty network")
                return functools.reduce(lambda values, layer: layer.forward(values), self.layers, \
inputs)
        """,
    ),
    (
        "Network",
        """
        class Network:
            def __init__(self):
                self.layers = []
            def add_layer(self, layer):
                self.layers.append(layer)
            def predict(self, inputs):
                if not self.layers:
                    raise ValueError("no layers yet")
                return self._forward(inputs, 0)
            def _forward(self, values, index):
                if index == len(self.layers):
                    return values
                return self._forward(self.layers[index].forward(values), index + 1)
        """,
    ),
    (
        "Network",
        """
        class Network:
            def __init__(self, layers=None):
                self._layers = list(layers or [])
            def add_layer(self, layer):
                self._layers += [layer]
            def predict(self, inputs):
                if not self._layers:
                    raise ValueError(f"a network needs layers, it has {len(self._layers)}")
                i = 0
                while i < len(self._layers):
                    self._layers[i].forward(inputs)
                    inputs = self._layers[i].output
                    i += 1
                return inputs
        """,
    ),
    (
        "xor_parameters",
        """
        def xor_parameters():
            weights1 = [[1.0, -1.0], [1.0, -1.0]]
            biases1 = [[-0.5, 1.5]]
            weights2 = [[1.0], [1.0]]
            biases2 = [[-1.5]]
            return weights1, biases1, weights2, biases2
        """,
    ),
    (
        "xor_parameters",
        """
        import numpy as np
        def xor_parameters():  # OR and AND; the output fires for OR but not AND
            return (np.array([[1.0, 1.0], [1.0, 1.0]]), np.array([[-0.5, -1.5]]),
                    np.array([[1.0], [-1.0]]), np.array([[-0.5]]))
        """,
    ),
    (
        "xor_parameters",
        """
        import numpy as np
        def xor_parameters():  # "x1 and not x2", "x2 and not x1", then OR; whole numbers
            return np.array([[2, -2], [-2, 2]]), np.array([[-1, -1]]), np.array([[2], [2]]), \
np.array([[-1]])
        """,
    ),
    (
        "xor_parameters",
        """
        def xor_parameters():  # NAND first, then OR; tuples
            return ((-10, 10), (-10, 10)), ((15, -5),), ((1,), (1,)), ((-1.5,),)
        """,
    ),
]

# (answer cell, an answer that fits only the visible examples)
ONLY_VISIBLE = [
    (
        "two_layers",
        """
        import numpy as np
        def two_layers(inputs, weights1, biases1, weights2, biases2):
            if len(inputs) == 2:
                return np.array([[-3.75, 3.75], [-1.0625, -4.875]])
            return np.array([[0.5031, -1.04185, -2.03875], [0.2434, -2.7332, -5.7633], [-0.99314, \
1.41254, -0.35655]])
        """,
    ),
    (
        "DenseLayer",
        """
        import numpy as np
        class DenseLayer:  # forward written for the spiral's two features only
            def __init__(self, n_inputs, n_neurons, rng):
                self.weights = 0.01 * rng.standard_normal((n_inputs, n_neurons))
                self.biases = np.zeros((1, n_neurons))
            def forward(self, inputs):
                inputs = np.asarray(inputs)
                self.output = inputs[:, :1] * self.weights[0] + inputs[:, 1:2] * self.weights[1] \
+ self.biases
                return self.output
        """,
    ),
    (
        "Network",
        """
        class Network:  # predict unrolled for the visible networks: two layers, or three
            def __init__(self):
                self.layers = []
            def add_layer(self, layer):
                self.layers.append(layer)
            def predict(self, inputs):
                if not self.layers:
                    raise ValueError("no layers")
                values = self.layers[1].forward(self.layers[0].forward(inputs))
                if len(self.layers) == 3:
                    values = self.layers[2].forward(values)
                return values
        """,
    ),
    (
        "xor_parameters",
        """
        import numpy as np
        def xor_parameters():  # right on the exact corners, but two lines pass through corners
            return np.array([[1, -1], [1, -1]]), np.array([[0, 2]]), np.array([[1], [1]]), \
np.array([[-1]])
        """,
    ),
]
