"""Notebook 06 · Activation functions: answers students write to its exercises.

See :mod:`tests.exercises` for what WRONG, RIGHT and ONLY_VISIBLE hold and how they are
read, and tests/test_exercises.py for how they are run.

Mistakes that only the test of a secondary requirement catches (linear returning its input
itself, a sigmoid or tanh that overflows far from 0) name that test as their fourth field:
``test_step_linear_new_array``, ``test_sigmoid_large`` or ``test_tanh_large``.
"""

ASSIGNMENT = "06-activation-functions"

# A correct linear, for the cases whose mistake is in step (and the other way round).
_LINEAR = """
def linear(x):
    return np.array(x, dtype=float)
"""
_STEP = """
def step(x):
    return np.where(np.asarray(x) > 0, 1.0, 0.0)
"""


def _step(body: str) -> str:
    """An answer to Exercise 1 with this step and a correct linear."""
    return "import numpy as np\n" + body + _LINEAR


def _linear(body: str) -> str:
    """An answer to Exercise 1 with a correct step and this linear."""
    return "import numpy as np\n" + _STEP + body


# (answer cell, wrong answer, words the failure must contain)
WRONG = [
    # ---- step and linear
    (
        "step_linear",
        _step("def step(x):\n    return np.where(x >= 0, 1.0, 0.0)\n"),
        "at x = 0 the step gave 1",
    ),
    (
        "step_linear",
        _step("def step(x):\n    return np.heaviside(x, 1.0)\n"),
        "at x = 0 the step gave 1",
    ),
    (
        "step_linear",
        _step("def step(x):\n    return 1.0 if x > 0 else 0.0\n"),
        "Python's `if`",
    ),
    (
        "step_linear",
        _step("def step(x):\n    if (x > 0).any():\n        return 1.0\n    return 0.0\n"),
        "one number came back for a whole array",
    ),
    (
        "step_linear",
        _step("def step(x):\n    return np.where(x > 0, 0.0, 1.0)\n"),
        "1 and 0 are swapped",
    ),
    (
        "step_linear",
        _step("def step(x):\n    return np.sign(x)\n"),
        "as the sign function does",
    ),
    (
        "step_linear",
        _step("def step(x):\n    return np.where(x > 0, x, 0.0)\n"),
        "positive inputs kept their own values",
    ),
    (
        "step_linear",
        _step("def step(x):\n    return np.heaviside(x, 0.5)\n"),
        "at x = 0 the step gave 0.5",
    ),
    (
        "step_linear",
        _step("def step(x):\n    x[x > 0] = 1.0\n    x[x <= 0] = 0.0\n    return x\n"),
        "changed its input `x` in place",
    ),
    (
        "step_linear",
        _step("def step(x):\n    return [1.0 if v > 0 else 0.0 for v in x]\n"),
        "returned a Python list where a numpy array is expected",
    ),
    (
        "step_linear",
        _linear("def linear(x):\n    return np.array(x, dtype=int)\n"),
        "the values were cut to whole numbers",
    ),
    (
        "step_linear",
        _linear("def linear(x):\n    return np.ones_like(x)\n"),
        "the slope of y = x",
    ),
    (
        "step_linear",
        _linear("def linear(x):\n    out = np.zeros_like(x)\n    return out\n"),
        "never filled",
    ),
    (
        "step_linear",
        _linear("def linear(x):\n    return x\n"),
        "linear returned x itself",
        "test_step_linear_new_array",
    ),
    (
        "step_linear",
        _linear("def linear(x):\n    return np.asarray(x, dtype=float)\n"),
        "linear returned x itself",
        "test_step_linear_new_array",
    ),
    (
        "step_linear",
        _linear("def linear(x):\n    return x.view()\n"),
        "linear returned x itself (or a view of it)",
        "test_step_linear_new_array",
    ),
    # ---- sigmoid
    (
        "sigmoid",
        """
        import numpy as np
        def sigmoid(x):
            return 1 / (1 + np.exp(x))
        """,
        "the result is sigmoid(-x)",
    ),
    (
        "sigmoid",
        """
        import numpy as np
        def sigmoid(x):
            z = np.exp(-np.abs(x))
            return np.where(x >= 0, z / (1 + z), 1 / (1 + z))
        """,
        "the result is sigmoid(-x)",
    ),
    (
        "sigmoid",
        """
        import numpy as np
        def sigmoid(x):
            return 1 / 1 + np.exp(-x)
        """,
        "this is 1 + e^-x, the denominator alone",
    ),
    (
        "sigmoid",
        """
        import numpy as np
        def sigmoid(x):
            return 1 / (1 - np.exp(-x))
        """,
        "some values lie outside 0 to 1",
    ),
    (
        "sigmoid",
        """
        import numpy as np
        def sigmoid(x):
            return 1 / (1 + np.exp(-np.abs(x)))
        """,
        "for negative x the result is sigmoid(|x|)",
    ),
    (
        "sigmoid",
        """
        import numpy as np
        def sigmoid(x):
            z = np.exp(-np.abs(x))
            return z / (1 + z)
        """,
        "for positive x the result is sigmoid(-x)",
    ),
    (
        "sigmoid",
        """
        import numpy as np
        def sigmoid(x):
            return np.tanh(x)
        """,
        "this is tanh",
    ),
    (
        "sigmoid",
        """
        import numpy as np
        def sigmoid(x):
            out = np.empty_like(x)
            positive = x >= 0
            out[positive] = 1 / (1 + np.exp(-x[positive]))
            e = np.exp(x[~positive])
            out[~positive] = e / (1 + e)
            return out
        """,
        "the result holds integers",
    ),
    (
        "sigmoid",
        """
        import numpy as np
        def sigmoid(x):
            return np.round(1 / (1 + np.exp(-x)), 2)
        """,
        "the values are rounded",
    ),
    (
        "sigmoid",
        """
        import math
        def sigmoid(x):
            return 1 / (1 + math.exp(-x))
        """,
        "the functions of Python's `math` module take one number at a time",
    ),
    (
        "sigmoid",
        """
        import numpy as np
        def sigmoid(x):
            if x >= 0:
                return 1 / (1 + np.exp(-x))
            return np.exp(x) / (1 + np.exp(x))
        """,
        "Python's `if`",
    ),
    (
        "sigmoid",
        """
        import numpy as np
        def sigmoid(x):
            x[:] = 1 / (1 + np.exp(-x))
            return x
        """,
        "changed its input `x` in place",
    ),
    (
        "sigmoid",
        """
        import numpy as np
        def sigmoid(x):
            return 1 / (1 + np.exp(-x))
        """,
        "exponentiate only numbers that are never positive",
        "test_sigmoid_large",
    ),
    (
        "sigmoid",
        """
        import numpy as np
        def sigmoid(x):
            return np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x)))
        """,
        "np.where computes both of its branches",
        "test_sigmoid_large",
    ),
    (
        "sigmoid",
        """
        import numpy as np
        def sigmoid(x):
            return np.exp(x) / (1 + np.exp(x))
        """,
        "an exponential overflowed",
        "test_sigmoid_large",
    ),
    # ---- tanh
    (
        "tanh",
        """
        def tanh(x):
            return sigmoid(2 * x)
        """,
        "this is sigmoid(2x)",
    ),
    (
        "tanh",
        """
        def tanh(x):
            return 2 * sigmoid(x) - 1
        """,
        "this is tanh(x/2)",
    ),
    (
        "tanh",
        """
        def tanh(x):
            return 2 * sigmoid(2 * x)
        """,
        "the shift down by 1 is missing",
    ),
    (
        "tanh",
        """
        def tanh(x):
            return sigmoid(2 * x) - 1
        """,
        "not stretched to twice its height",
    ),
    (
        "tanh",
        """
        def tanh(x):
            return 1 - 2 * sigmoid(2 * x)
        """,
        "the sign is flipped",
    ),
    (
        "tanh",
        """
        import numpy as np
        def tanh(x):
            return (np.exp(-x) - np.exp(x)) / (np.exp(x) + np.exp(-x))
        """,
        "the sign is flipped",
    ),
    (
        "tanh",
        """
        import numpy as np
        def tanh(x):
            return (np.exp(x) - np.exp(-x)) / (np.exp(x) - np.exp(-x))
        """,
        "the denominator is a sum",
    ),
    (
        "tanh",
        """
        import numpy as np
        def tanh(x):
            return (np.exp(x) - np.exp(-x)) / 2
        """,
        "the hyperbolic sine",
    ),
    (
        "tanh",
        """
        import numpy as np
        def tanh(x):
            return np.exp(x) - np.exp(-x) / np.exp(x) + np.exp(-x)
        """,
        "only e^-x was divided",
    ),
    (
        "tanh",
        """
        import numpy as np
        def tanh(x):
            return np.tan(x)
        """,
        "np.tan is the tangent of trigonometry",
    ),
    (
        "tanh",
        """
        import math
        def tanh(x):
            return math.tanh(x)
        """,
        "the functions of Python's `math` module take one number at a time",
    ),
    (
        "tanh",
        """
        import numpy as np
        def tanh(x):
            return (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))
        """,
        "an exponential overflowed for a large |x|",
        "test_tanh_large",
    ),
    (
        "tanh",
        """
        import numpy as np
        def tanh(x):
            return np.sinh(x) / np.cosh(x)
        """,
        "an exponential overflowed for a large |x|",
        "test_tanh_large",
    ),
    (
        "tanh",
        """
        import numpy as np
        def tanh(x):
            e = np.exp(-2 * x)
            return (1 - e) / (1 + e)
        """,
        "use a form that never exponentiates a large positive number",
        "test_tanh_large",
    ),
    # ---- relu
    (
        "relu",
        """
        import numpy as np
        def relu(x):
            return np.max(0, x)
        """,
        "np.max looks for the largest element",
    ),
    (
        "relu",
        """
        import numpy as np
        def relu(x):
            return np.max(x)
        """,
        "np.max looks for the largest element",
    ),
    (
        "relu",
        """
        import numpy as np
        def relu(x):
            return np.max(x, 0)
        """,
        "np.max looks for the largest element",
    ),
    (
        "relu",
        """
        def relu(x):
            x[x < 0] = 0
            return x
        """,
        "changed its input `x` in place",
    ),
    (
        "relu",
        """
        import numpy as np
        def relu(x):
            return np.maximum(0, x, out=x)
        """,
        "changed its input `x` in place",
    ),
    (
        "relu",
        """
        import numpy as np
        def relu(x):
            return np.where(x > 0, 1.0, 0.0)
        """,
        "this is the step function",
    ),
    (
        "relu",
        """
        import numpy as np
        def relu(x):
            return np.abs(x)
        """,
        "negative values had their sign flipped",
    ),
    (
        "relu",
        """
        import numpy as np
        def relu(x):
            return np.minimum(0, x)
        """,
        "the smaller of 0 and x",
    ),
    (
        "relu",
        """
        import numpy as np
        def relu(x):
            return np.clip(x, 0, 1)
        """,
        "values above 1 were cut down to 1",
    ),
    (
        "relu",
        """
        import numpy as np
        def relu(x):
            return np.maximum(0.01 * x, x)
        """,
        "some values are still negative",
    ),
    (
        "relu",
        """
        import numpy as np
        def relu(x):
            for row in x:
                return np.maximum(0, row)
        """,
        "is the `return` inside the loop?",
    ),
    (
        "relu",
        """
        import numpy as np
        def relu(x):
            return np.maximum(0, x).tolist()
        """,
        "returned a Python list where a numpy array is expected",
    ),
    (
        "relu",
        """
        def relu(x):
            return [v if v > 0 else 0.0 for v in x]
        """,
        "Python's `if` (and `and`, `or` and the built-in `max`)",
    ),
    (
        "relu",
        """
        def relu(x):
            return max(0, x)
        """,
        "Python's `if` (and `and`, `or` and the built-in `max`)",
    ),
    # ---- collapse
    (
        "collapse",
        """
        import numpy as np
        def collapsed_weights(weights1, weights2):
            return weights2 @ weights1
        def collapsed_biases(biases1, weights2, biases2):
            return biases1 @ weights2 + biases2
        """,
        "the order is reversed",
    ),
    (
        "collapse",
        """
        import numpy as np
        def collapsed_weights(weights1, weights2):
            return weights1 * weights2
        def collapsed_biases(biases1, weights2, biases2):
            return biases1 @ weights2 + biases2
        """,
        "`*` multiplies element by element",
    ),
    (
        "collapse",
        """
        import numpy as np
        def collapsed_weights(weights1, weights2):
            return weights1 + weights2
        def collapsed_biases(biases1, weights2, biases2):
            return biases1 @ weights2 + biases2
        """,
        "the weights were added",
    ),
    (
        "collapse",
        """
        import numpy as np
        def collapsed_weights(weights1, weights2):
            return np.dot(weights1, weights2.T)
        def collapsed_biases(biases1, weights2, biases2):
            return np.dot(biases1, weights2) + biases2
        """,
        "a transpose too many",
    ),
    (
        "collapse",
        """
        import numpy as np
        def collapsed_weights(weights1, weights2):
            return (weights1 @ weights2).T
        def collapsed_biases(biases1, weights2, biases2):
            return biases1 @ weights2 + biases2
        """,
        "rows and columns are swapped",
    ),
    (
        "collapse",
        """
        import numpy as np
        def collapsed_weights(weights1, weights2):
            return weights1
        def collapsed_biases(biases1, weights2, biases2):
            return biases1 @ weights2 + biases2
        """,
        "this is the first layer's weights alone",
    ),
    (
        "collapse",
        """
        import numpy as np
        def collapsed_weights(weights1, weights2):
            return weights1 @ weights2
        def collapsed_biases(biases1, weights2, biases2):
            return biases1 + biases2
        """,
        "they pass through the second layer's weights first",
    ),
    (
        "collapse",
        """
        import numpy as np
        def collapsed_weights(weights1, weights2):
            return weights1 @ weights2
        def collapsed_biases(biases1, weights2, biases2):
            return biases2
        """,
        "the first layer's biases are missing",
    ),
    (
        "collapse",
        """
        import numpy as np
        def collapsed_weights(weights1, weights2):
            return weights1 @ weights2
        def collapsed_biases(biases1, weights2, biases2):
            return biases1 @ weights2
        """,
        "the second layer's biases are missing",
    ),
    (
        "collapse",
        """
        import numpy as np
        def collapsed_weights(weights1, weights2):
            return weights1 @ weights2
        def collapsed_biases(biases1, weights2, biases2):
            return biases1 @ weights2 - biases2
        """,
        "the second layer's biases are subtracted",
    ),
    (
        "collapse",
        """
        import numpy as np
        def collapsed_weights(weights1, weights2):
            return weights1 @ weights2
        def collapsed_biases(biases1, weights2, biases2):
            return (biases1 + biases2) @ weights2
        """,
        "b2 went through the second layer's weights too",
    ),
    (
        "collapse",
        """
        import numpy as np
        def collapsed_weights(weights1, weights2):
            return weights1 @ weights2
        def collapsed_biases(biases1, weights2, biases2):
            return weights2 @ biases1 + biases2
        """,
        "so they come first in the product",
    ),
    (
        "collapse",
        """
        import numpy as np
        def collapsed_weights(weights1, weights2):
            return weights1 @ weights2
        def collapsed_biases(biases1, weights2, biases2):
            return biases1 * weights2 + biases2
        """,
        "b1 passes through the second layer's weights as an input would",
    ),
    # ---- ReLU
    (
        "ReLU",
        """
        import numpy as np
        class ReLU:
            def forward(self, inputs):
                self.output = np.maximum(0, inputs)
        """,
        "returned None",
    ),
    (
        "ReLU",
        """
        import numpy as np
        class ReLU:
            def forward(self, inputs):
                return np.maximum(0, inputs)
        """,
        "no attribute `output`",
    ),
    (
        "ReLU",
        """
        import numpy as np
        class ReLU:
            def forward(self, inputs):
                self.outputs = np.maximum(0, inputs)
                return self.outputs
        """,
        "no attribute `output`",
    ),
    (
        "ReLU",
        """
        class ReLU:
            def forward(self, inputs):
                inputs[inputs < 0] = 0
                self.output = inputs
                return inputs
        """,
        "changed its input `inputs` in place",
    ),
    (
        "ReLU",
        """
        import numpy as np
        class ReLU:
            def forward(self, inputs):
                self.output = np.max(0, inputs)
                return self.output
        """,
        "np.max looks for the largest element",
    ),
    (
        "ReLU",
        """
        import numpy as np
        class ReLU:
            def forward(inputs):
                return np.maximum(0, inputs)
        """,
        "its first parameter receives the object itself",
    ),
    (
        "ReLU",
        """
        import numpy as np
        class ReLU:
            def __init__(self, inputs):
                self.inputs = inputs
            def forward(self, inputs):
                self.output = np.maximum(0, inputs)
                return self.output
        """,
        "ReLU() is made without arguments",
    ),
    (
        "ReLU",
        """
        import numpy as np
        class ReLU:
            def forward(self, inputs):
                self.output = np.maximum(0, self.inputs)
                return self.output
        """,
        "reads an attribute of the object that nothing has set",
    ),
    (
        "ReLU",
        """
        import numpy as np
        class ReLU:
            def forward(self, inputs):
                self.output = np.maximum(0, inputs)
                return inputs
        """,
        "forward returned its input unchanged",
    ),
    (
        "ReLU",
        """
        import numpy as np
        class ReLU:
            def forward(self, inputs):
                self.output = np.maximum(0, inputs)
                return self
        """,
        "forward returned the object itself",
    ),
    (
        "ReLU",
        """
        import numpy as np
        class ReLU:
            def forward(self, inputs):
                self.output = np.clip(inputs, 0, 1)
                return self.output
        """,
        "values above 1 were cut down to 1",
    ),
    # ---- more secondary requirements, each caught by its own test cell
    (
        "step_linear",
        _linear("def linear(x):\n    return x[:]\n"),
        "linear returned x itself (or a view of it)",
        "test_step_linear_new_array",
    ),
    (
        "step_linear",
        _linear("def linear(x):\n    return x.reshape(x.shape)\n"),
        "linear returned x itself (or a view of it)",
        "test_step_linear_new_array",
    ),
    (
        "sigmoid",
        """
        import math
        import numpy as np
        def sigmoid(x):
            values = [1 / (1 + math.exp(-v)) for v in np.ravel(x)]
            return np.array(values).reshape(np.shape(x))
        """,
        "an exponential overflowed",
        "test_sigmoid_large",
    ),
    (
        "tanh",
        """
        import numpy as np
        def tanh(x):
            e = np.exp(2 * x)
            return (e - 1) / (e + 1)
        """,
        "an exponential overflowed for a large |x|",
        "test_tanh_large",
    ),
    (
        "tanh",
        """
        import math
        import numpy as np
        def tanh(x):
            values = []
            for v in np.ravel(x):
                values.append((math.exp(v) - math.exp(-v)) / (math.exp(v) + math.exp(-v)))
            return np.array(values).reshape(np.shape(x))
        """,
        "an exponential overflowed for a large |x|",
        "test_tanh_large",
    ),
]

# (answer cell, a correct answer written differently from the solution)
RIGHT = [
    (
        "step_linear",
        """
        import numpy as np
        def step(x):
            return (np.asarray(x) > 0).astype(float)
        def linear(x):
            return np.asarray(x, dtype=float).copy()
        """,
    ),
    (
        "step_linear",
        """
        import numpy as np
        def step(x):
            return np.heaviside(x, 0.0)
        def linear(x):
            return x * 1.0
        """,
    ),
    (
        "step_linear",
        """
        import numpy as np
        def step(x):
            return np.greater(x, 0) * 1.0
        def linear(x):
            return x.astype(float)
        """,
    ),
    (
        "step_linear",
        """
        import numpy as np
        def step(x):
            out = np.zeros(np.shape(x))
            out[x > 0] = 1.0
            return out
        def linear(x):
            return x + 0.0
        """,
    ),
    (
        "sigmoid",
        """
        import numpy as np
        def sigmoid(x):
            return 0.5 * (1 + np.tanh(np.asarray(x, dtype=float) / 2))
        """,
    ),
    (
        "sigmoid",
        """
        import numpy as np
        def sigmoid(x):
            x = np.asarray(x, dtype=float)
            out = np.empty_like(x)
            positive = x >= 0
            out[positive] = 1 / (1 + np.exp(-x[positive]))
            e = np.exp(x[~positive])
            out[~positive] = e / (1 + e)
            return out
        """,
    ),
    (
        "sigmoid",
        """
        import numpy as np
        def sigmoid(x):
            return np.exp(-np.logaddexp(0, -x))
        """,
    ),
    (
        "sigmoid",
        """
        import numpy as np
        def sigmoid(x):
            z = np.exp(-np.abs(x))
            return np.where(x < 0, z / (1 + z), 1 / (1 + z))
        """,
    ),
    ("tanh", "import numpy as np\ndef tanh(x):\n    return np.tanh(x)"),
    (
        "tanh",
        """
        import numpy as np
        def tanh(x):
            x = np.asarray(x, dtype=float)
            e = np.exp(-2 * np.abs(x))
            return np.sign(x) * (1 - e) / (1 + e)
        """,
    ),
    (
        "tanh",
        """
        def tanh(x):
            return 2 * sigmoid(2 * x) - 1
        """,
    ),
    (
        "tanh",
        """
        def tanh(x):
            return 1 - 2 * sigmoid(-2 * x)
        """,
    ),
    (
        "relu",
        "import numpy as np\ndef relu(x):\n    return np.where(np.asarray(x) > 0, x, 0.0)",
    ),
    (
        "relu",
        "import numpy as np\ndef relu(x):\n    return np.clip(x, 0, None)",
    ),
    (
        "relu",
        "import numpy as np\ndef relu(x):\n    x = np.asarray(x)\n    return x * (x > 0)",
    ),
    ("relu", "import numpy as np\ndef relu(x):\n    return np.maximum(x, 0.0)"),
    ("relu", "def relu(x):\n    return x * step(x)"),
    (
        "relu",
        """
        def relu(x):
            out = x.copy()
            out[out < 0] = 0
            return out
        """,
    ),
    (
        "collapse",
        """
        import numpy as np
        def collapsed_weights(weights1, weights2):
            return np.einsum("ij,jk->ik", weights1, weights2)
        def collapsed_biases(biases1, weights2, biases2):
            return np.matmul(biases1, weights2) + biases2
        """,
    ),
    (
        "collapse",
        """
        def collapsed_weights(weights1, weights2):
            return weights1 @ weights2
        def collapsed_biases(biases1, weights2, biases2):
            return biases1 @ weights2 + biases2
        """,
    ),
    (
        "collapse",
        """
        import numpy as np
        def collapsed_weights(weights1, weights2):
            rows, inner = weights1.shape
            columns = weights2.shape[1]
            out = np.zeros((rows, columns))
            for i in range(rows):
                for j in range(columns):
                    for k in range(inner):
                        out[i, j] += weights1[i, k] * weights2[k, j]
            return out
        def collapsed_biases(biases1, weights2, biases2):
            return collapsed_weights(biases1, weights2) + biases2
        """,
    ),
    (
        "ReLU",
        """
        import numpy as np
        class ReLU:
            def forward(self, inputs):
                self.output = np.where(inputs > 0, inputs, 0.0)
                return self.output
        """,
    ),
    (
        "ReLU",
        """
        class ReLU:
            def forward(self, inputs):
                self.output = relu(inputs)
                return self.output
        """,
    ),
    (
        "ReLU",
        """
        class ReLU:
            def __init__(self):
                self.output = None
            def forward(self, inputs):
                self.output = inputs.clip(min=0)
                return self.output
        """,
    ),
]

# (answer cell, an answer that fits only the visible examples)
ONLY_VISIBLE = [
    (
        "step_linear",
        """
        import numpy as np
        def step(x):
            if np.shape(x) == (8,):
                return np.array([0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 1.0, 0.0])
            return np.array([[0.0, 0.0, 1.0], [1.0, 0.0, 1.0]])
        def linear(x):
            return np.array(x, dtype=float)
        """,
    ),
    (
        "sigmoid",
        """
        import numpy as np
        SEEN = {-4.0: 0.017986209962091555, -2.0: 0.11920292202211755, -1.0: 0.2689414213699951,
                0.0: 0.5, 0.5: 0.6224593312018546, 1.0: 0.7310585786300049, 2.5: 0.9241418199787566,
                3.0: 0.9525741268224334, 10.0: 0.9999546021312976}
        def sigmoid(x):
            return np.vectorize(lambda v: SEEN.get(float(v), 0.5), otypes=[float])(x)
        """,
    ),
    (
        "tanh",
        """
        import numpy as np
        SEEN = {0.0: 0.0, 1.0: 0.7615941559557649, -1.0: -0.7615941559557649,
                0.5: 0.46211715726000974, -2.0: -0.9640275800758169, 3.0: 0.9950547536867305,
                -0.25: -0.24491866240370913}
        def tanh(x):
            return np.vectorize(lambda v: SEEN.get(float(v), 0.0), otypes=[float])(x)
        """,
    ),
    (
        "relu",
        """
        import numpy as np
        def relu(x):
            x = np.asarray(x)
            if x.ndim == 1:
                return np.array([max(0.0, v) for v in x])
            return np.array([[max(0.0, v) for v in row] for row in x])
        """,
    ),
    (
        "collapse",
        """
        import numpy as np
        def collapsed_weights(weights1, weights2):
            if weights1.shape == (2, 2):
                return np.array([[1.0, -1.75], [1.875, 1.5]])
            return np.array([[-0.35, 1.675], [0.82, -0.9]])
        def collapsed_biases(biases1, weights2, biases2):
            if biases1.shape == (1, 2):
                return np.array([[0.5, 0.05]])
            return np.array([[0.66, -1.0]])
        """,
    ),
    (
        "ReLU",
        """
        import numpy as np
        class ReLU:
            def forward(self, inputs):
                self.output = np.maximum(0, inputs[:, :])
                return self.output
        """,
    ),
]
