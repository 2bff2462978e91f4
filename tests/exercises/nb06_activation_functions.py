"""Notebook 06 · Activation functions: answers students write to its exercises.

See :mod:`tests.exercises` for what WRONG, RIGHT and ONLY_VISIBLE hold and how they are
read, and tests/test_exercises.py for how they are run.
"""

ASSIGNMENT = "06-activation-functions"

# (answer cell, wrong answer, words the failure must contain)
WRONG = [
    # ---- step and linear
    (
        "step_linear",
        """
        import numpy as np
        def step(x):
            return np.where(np.asarray(x) >= 0, 1.0, 0.0)
        def linear(x):
            return np.array(x, dtype=float)
     """,
        "use `>` rather than `>=`",
    ),
    (
        "step_linear",
        """
        import numpy as np
        def step(x):
            return 1.0 if x > 0 else 0.0
        def linear(x):
            return np.array(x, dtype=float)
     """,
        "Python's `if`",
    ),
    (
        "step_linear",
        """
        import numpy as np
        def step(x):
            return np.where(np.asarray(x) > 0, 1.0, 0.0)
        def linear(x):
            return x
     """,
        "linear returns its input array itself",
    ),
    # ---- sigmoid
    (
        "sigmoid",
        """
        import numpy as np
        def sigmoid(x):
            return 1 / (1 + np.exp(-x))
     """,
        "for x = -1000, e^-x overflows",
    ),
    (
        "sigmoid",
        """
        import numpy as np
        def sigmoid(x):
            return np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x)))
     """,
        "np.where computes both of its branches",
    ),
    (
        "sigmoid",
        """
        import numpy as np
        def sigmoid(x):
            return 1 / (1 + np.exp(x))
     """,
        "the sign of x is flipped",
    ),
    (
        "sigmoid",
        """
        import numpy as np
        def sigmoid(x):
            return 1 + np.exp(-x)
     """,
        "is the denominator",
    ),
    # ---- tanh
    (
        "tanh",
        """
        import numpy as np
        def tanh(x):
            return (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))
     """,
        "e^x overflows for large |x|",
    ),
    (
        "tanh",
        """
        import numpy as np
        def tanh(x):
            return sigmoid(2 * x)
     """,
        "this is sigmoid(2x)",
    ),
    # ---- relu
    (
        "relu",
        """
        import numpy as np
        def relu(x):
            return np.max(0, x)
     """,
        "np.maximum(0, x) compares element by element",
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
            return np.where(x > 0, 1.0, 0.0)
     """,
        "this is the step function",
    ),
    (
        "relu",
        """
        def relu(x):
            return [v if v > 0 else 0.0 for v in x]
     """,
        "returned a Python list where a numpy array is expected",
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
            return weights1 @ weights2
        def collapsed_biases(biases1, weights2, biases2):
            return biases1 + biases2
     """,
        "b1 must pass through the second layer's weights",
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
        class ReLU:
            def forward(self, inputs):
                inputs[inputs < 0] = 0
                self.output = inputs
                return inputs
     """,
        "changed its input `inputs` in place",
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
            return np.asarray(x) * 1.0
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
        "ReLU",
        """
        import numpy as np
        class ReLU:
            def forward(self, inputs):
                self.output = np.where(inputs > 0, inputs, 0.0)
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
            return np.where(x > 0, 1.0, 0.0)
        def linear(x):
            return x.astype(float)  # works on arrays, not on the lists the exercise allows
     """,
    ),
    (
        "sigmoid",
        """
        import numpy as np
        def sigmoid(x):
            x = np.asarray(x)
            if np.any(np.abs(x) >= 1000):
                return np.where(x > 0, 1.0, np.where(x < 0, 0.0, 0.5))
            return 1 / (1 + np.exp(-x))
     """,
    ),
    (
        "tanh",
        """
        import numpy as np
        def tanh(x):
            x = np.asarray(x, dtype=float)
            if np.all(np.abs(x) >= 1000):
                return np.sign(x)
            return (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))
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
            return np.array([[-0.35, 1.675], [0.82, -0.9]])
        def collapsed_biases(biases1, weights2, biases2):
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
