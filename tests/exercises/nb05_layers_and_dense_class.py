"""Notebook 05 · Layers and the dense layer class: answers students write to its exercises.

See :mod:`tests.exercises` for what WRONG, RIGHT and ONLY_VISIBLE hold and how they are
read, and tests/test_exercises.py for how they are run.

A code line longer than this file's 100 characters goes on after a backslash at the end of
a line, at the start of the next: Python joins the two, so the answer has it as one line.
"""

ASSIGNMENT = "05-layers-and-dense-class"

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
            out = np.dot(inputs, np.array(weights1).T) + biases1
            return np.dot(inputs, np.array(weights2).T) + biases2
     """,
        "layer 2's inputs are layer 1's outputs",
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
    # ---- DenseLayer
    (
        "DenseLayer",
        """
        import numpy as np
        class DenseLayer:
            def __init__(self, n_inputs, n_neurons, rng):
                self.weights = 0.01 * rng.standard_normal((n_neurons, n_inputs))
                self.biases = np.zeros((1, n_neurons))
            def forward(self, inputs):
                self.output = np.dot(inputs, self.weights.T) + self.biases
                return self.output
     """,
        "the weights are (n_neurons, n_inputs)",
    ),
    (
        "DenseLayer",
        """
        import numpy as np
        class DenseLayer:
            def __init__(self, n_inputs, n_neurons, rng):
                self.weights = rng.standard_normal((n_inputs, n_neurons))
                self.biases = np.zeros((1, n_neurons))
            def forward(self, inputs):
                self.output = np.dot(inputs, self.weights) + self.biases
                return self.output
     """,
        "the weights are not scaled",
    ),
    (
        "DenseLayer",
        """
        import numpy as np
        class DenseLayer:
            def __init__(self, n_inputs, n_neurons, rng):
                self.weights = 0.01 * rng.standard_normal((n_inputs, n_neurons))
                self.biases = np.zeros(n_neurons)
            def forward(self, inputs):
                self.output = np.dot(inputs, self.weights) + self.biases
                return self.output
     """,
        "the biases need shape (1, n_neurons)",
    ),
    (
        "DenseLayer",
        """
        import numpy as np
        class DenseLayer:
            def __init__(self, n_inputs, n_neurons, rng):
                self.weights = 0.01 * np.random.randn(n_inputs, n_neurons)
                self.biases = np.zeros((1, n_neurons))
            def forward(self, inputs):
                self.output = np.dot(inputs, self.weights) + self.biases
                return self.output
     """,
        "used numpy's global random state",
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
        "forward returns None",
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
                self.output = np.dot(inputs, self.weights)
                return self.output
     """,
        "forward ignores the biases",
    ),
    # ---- Network
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
                    raise ValueError("no layers")
                for layer in reversed(self.layers):
                    inputs = layer.forward(inputs)
                return inputs
     """,
        "the layers run in reverse order",
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
                    raise ValueError("no layers")
                for layer in self.layers:
                    output = layer.forward(inputs)
                return output
     """,
        "only the last layer runs, on the original inputs",
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
        "accepted bad input",
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
]

# (answer cell, an answer that fits only the visible examples)
ONLY_VISIBLE = [
    (
        "two_layers",
        """
        import numpy as np
        def two_layers(inputs, weights1, biases1, weights2, biases2):
            return np.array([[0.5031, -1.04185, -2.03875], [0.2434, -2.7332, -5.7633], [-0.99314, \
1.41254, -0.35655]])
     """,
    ),
    (
        "DenseLayer",
        """
        import numpy as np
        class DenseLayer:  # rng.randn works for RandomState only, not for np.random.Generator
            def __init__(self, n_inputs, n_neurons, rng):
                self.weights = 0.01 * rng.randn(n_inputs, n_neurons)
                self.biases = np.zeros((1, n_neurons))
            def forward(self, inputs):
                self.output = np.dot(inputs, self.weights) + self.biases
                return self.output
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
                    raise ValueError("no layers")
                return self.layers[1].forward(self.layers[0].forward(inputs))
     """,
    ),
]
