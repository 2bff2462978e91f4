"""Notebook 07 · Softmax and the full forward pass: answers students write to its exercises.

See :mod:`tests.exercises` for what WRONG, RIGHT and ONLY_VISIBLE hold and how they are
read, and tests/test_exercises.py for how they are run.
"""

ASSIGNMENT = "07-softmax"

# (answer cell, wrong answer, words the failure must contain)
WRONG = [
    # ---- softmax_python
    (
        "softmax_python",
        """
        def softmax_python(outputs):
            return [z / sum(outputs) for z in outputs]
     """,
        "exponentiate them first",
    ),
    (
        "softmax_python",
        """
        import math
        def softmax_python(outputs):
            return [math.exp(z) for z in outputs]
     """,
        "divide each by their sum",
    ),
    (
        "softmax_python",
        """
        import math
        def softmax_python(outputs):
            exponentials = [math.exp(z) for z in outputs]
            return [e / max(exponentials) for e in exponentials]
     """,
        "divided by the largest one",
    ),
    (
        "softmax_python",
        """
        import numpy as np
        def softmax_python(outputs):
            e = np.exp(outputs)
            return e / e.sum()
     """,
        "returned a numpy array where a Python list is expected",
    ),
    # ---- row_sums and row_maxima
    (
        "row_sums_maxima",
        """
        import numpy as np
        def row_sums(batch):
            return np.sum(batch, axis=0)
        def row_maxima(batch):
            return np.max(batch, axis=1, keepdims=True)
     """,
        "sums down the columns (axis=0)",
    ),
    (
        "row_sums_maxima",
        """
        import numpy as np
        def row_sums(batch):
            return np.sum(batch, axis=1)
        def row_maxima(batch):
            return np.max(batch, axis=1, keepdims=True)
     """,
        "keepdims=True keeps them as a column",
    ),
    (
        "row_sums_maxima",
        """
        import numpy as np
        def row_sums(batch):
            return np.sum(batch)
        def row_maxima(batch):
            return np.max(batch, axis=1, keepdims=True)
     """,
        "this is the sum of everything",
    ),
    (
        "row_sums_maxima",
        """
        import numpy as np
        def row_sums(batch):
            return np.sum(batch, axis=1, keepdims=True)
        def row_maxima(batch):
            return np.max(batch, axis=0, keepdims=True)
     """,
        "these are the column maxima (axis=0)",
    ),
    # ---- softmax
    (
        "softmax",
        """
        import numpy as np
        def softmax(batch):
            e = np.exp(batch)
            return e / np.sum(e, axis=1, keepdims=True)
     """,
        "subtract each row's maximum before exponentiating",
    ),
    (
        "softmax",
        """
        import numpy as np
        def softmax(batch):
            e = np.exp(batch - np.max(batch))
            return e / np.sum(e, axis=1, keepdims=True)
     """,
        "subtract each row's *own* maximum",
    ),
    (
        "softmax",
        """
        import numpy as np
        def softmax(batch):
            e = np.exp(batch - np.max(batch, axis=1, keepdims=True))
            return e / np.sum(e, axis=0, keepdims=True)
     """,
        "the columns sum to 1, not the rows",
    ),
    (
        "softmax",
        """
        import numpy as np
        def softmax(batch):
            e = np.exp(batch - np.max(batch, axis=1, keepdims=True))
            return e / np.sum(e, axis=1)
     """,
        "Without keepdims=True the row sums form a row",
    ),
    # ---- Softmax
    (
        "Softmax",
        """
        class Softmax:
            def forward(self, inputs):
                self.output = softmax(inputs)
     """,
        "returned None",
    ),
    (
        "Softmax",
        """
        class Softmax:
            def forward(self, inputs):
                return softmax(inputs)
     """,
        "no attribute `output`",
    ),
    # ---- forward_pass
    (
        "forward_pass",
        """
        def forward_pass(X, rng):
            dense1, dense2 = DenseLayer(2, 3, rng), DenseLayer(3, 3, rng)
            return Softmax().forward(dense2.forward(dense1.forward(X)))
     """,
        "the ReLU is missing",
    ),
    (
        "forward_pass",
        """
        def forward_pass(X, rng):
            dense2 = DenseLayer(3, 3, rng)
            dense1 = DenseLayer(2, 3, rng)
            return Softmax().forward(dense2.forward(ReLU().forward(dense1.forward(X))))
     """,
        "the second dense layer was created first",
    ),
    (
        "forward_pass",
        """
        import numpy as np
        def forward_pass(X, rng):
            rng = np.random.RandomState(0)
            dense1, dense2 = DenseLayer(2, 3, rng), DenseLayer(3, 3, rng)
            return Softmax().forward(dense2.forward(ReLU().forward(dense1.forward(X))))
     """,
        "the layers draw from a new generator",
    ),
    (
        "forward_pass",
        """
        def forward_pass(X, rng):
            dense1, dense2 = DenseLayer(2, 3, rng), DenseLayer(3, 3, rng)
            return dense2.forward(ReLU().forward(dense1.forward(X)))
     """,
        "the last step is softmax",
    ),
    (
        "forward_pass",
        """
        import numpy as np
        def forward_pass(X, rng):
            W1, W2 = 0.01 * np.random.randn(2, 3), 0.01 * np.random.randn(3, 3)
            return softmax(np.maximum(0, X @ W1) @ W2)
     """,
        "used numpy's global random state",
    ),
]

# (answer cell, a correct answer written differently from the solution)
RIGHT = [
    (
        "softmax_python",
        """
        import math
        def softmax_python(outputs):
            top = max(outputs)
            exponentials = [math.exp(z - top) for z in outputs]
            return [e / sum(exponentials) for e in exponentials]
     """,
    ),
    (
        "softmax_python",
        """
        E = 2.71828182846
        def softmax_python(outputs):
            exp_values = [E ** z for z in outputs]
            norm_base = sum(exp_values)
            return [v / norm_base for v in exp_values]
     """,
    ),
    (
        "row_sums_maxima",
        """
        def row_sums(batch):
            return batch.sum(axis=1).reshape(-1, 1)
        def row_maxima(batch):
            return batch.max(axis=-1)[:, None]
     """,
    ),
    (
        "softmax",
        """
        import numpy as np
        def softmax(batch):
            e = np.exp(batch - row_maxima(batch))
            return e / row_sums(e)
     """,
    ),
    (
        "softmax",
        """
        import numpy as np
        def softmax(batch):
            rows = []
            for row in np.asarray(batch, dtype=float):
                e = np.exp(row - row.max())
                rows.append(e / e.sum())
            return np.array(rows)
     """,
    ),
    (
        "Softmax",
        """
        import numpy as np
        class Softmax:
            def forward(self, inputs):
                shifted = inputs - inputs.max(axis=1, keepdims=True)
                self.output = np.exp(shifted) / np.exp(shifted).sum(axis=1, keepdims=True)
                return self.output
     """,
    ),
    (
        "forward_pass",
        """
        def forward_pass(X, rng):
            layers = [DenseLayer(2, 3, rng), ReLU(), DenseLayer(3, 3, rng), Softmax()]
            values = X
            for layer in layers:
                values = layer.forward(values)
            return values
     """,
    ),
    (
        "forward_pass",
        """
        import numpy as np
        def forward_pass(X, rng):
            first, second = DenseLayer(2, 3, rng), DenseLayer(3, 3, rng)
            hidden = np.maximum(0, X @ first.weights + first.biases)
            return softmax(hidden @ second.weights + second.biases)
     """,
    ),
]

# (answer cell, an answer that fits only the visible examples)
ONLY_VISIBLE = [
    (
        "softmax_python",
        """
        def softmax_python(outputs):
            if len(outputs) == 2:
                return [0.5, 0.5]
            return [0.8952826639573506, 0.024708306782070668, 0.08000902926057876]
     """,
    ),
    (
        "row_sums_maxima",
        """
        import numpy as np
        def row_sums(batch):
            return np.array([[8.395], [7.29], [2.487]])
        def row_maxima(batch):
            return np.array([[4.8], [8.9], [1.41]])
     """,
    ),
    (
        "softmax",
        """
        import numpy as np
        def softmax(batch):
            e = np.exp(batch - np.max(batch, axis=1, keepdims=True))
            return e / (e[:, :1] + e[:, 1:2] + e[:, 2:3])  # three classes only
     """,
    ),
    (
        "Softmax",
        """
        import numpy as np
        class Softmax:
            def forward(self, inputs):
                e = np.exp(inputs)  # overflows for large outputs
                self.output = e / e.sum(axis=1, keepdims=True)
                return self.output
     """,
    ),
    (
        "forward_pass",
        """
        import numpy as np
        def forward_pass(X, rng):
            book = np.random.RandomState(0)  # the book's generator, whatever rng is given
            spiral_data(100, 3, random_state=book)
            dense1, dense2 = DenseLayer(2, 3, book), DenseLayer(3, 3, book)
            return Softmax().forward(dense2.forward(ReLU().forward(dense1.forward(X))))
     """,
    ),
]
