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
        "without being exponentiated first",
    ),
    (
        "softmax_python",
        """
        def softmax_python(outputs):
            return [math.exp(z) for z in outputs]
        """,
        "these are the exponentials, not yet normalised",
    ),
    (
        "softmax_python",
        """
        def softmax_python(outputs):
            exponentials = [math.exp(z) for z in outputs]
            return [e / max(exponentials) for e in exponentials]
        """,
        "divided by the largest one",
    ),
    (
        "softmax_python",
        """
        def softmax_python(outputs):
            return [math.exp(z) / sum(outputs) for z in outputs]
        """,
        "divided by the sum of the outputs",
    ),
    (
        "softmax_python",
        """
        def softmax_python(outputs):
            return [math.exp(z) / math.exp(sum(outputs)) for z in outputs]
        """,
        "e to the power of the sum of the outputs",
    ),
    (
        "softmax_python",
        """
        def softmax_python(outputs):
            return [math.exp(z) / len(outputs) for z in outputs]
        """,
        "divided by the number of outputs",
    ),
    (
        "softmax_python",
        """
        def softmax_python(outputs):
            total = 0
            probabilities = []
            for z in outputs:
                total += math.exp(z)
                probabilities.append(math.exp(z) / total)
            return probabilities
        """,
        "running total",
    ),
    (
        "softmax_python",
        """
        def softmax_python(outputs):
            exponentials = [math.exp(z) for z in outputs]
            total = sum(exponentials)
            return [e // total for e in exponentials]
        """,
        "floor division",
    ),
    (
        "softmax_python",
        """
        def softmax_python(outputs):
            exponentials = [math.exp(z) for z in outputs]
            probabilities = []
            for e in exponentials:
                probabilities.append(e / sum(exponentials))
                return probabilities
        """,
        "look for a return inside the loop",
    ),
    (
        "softmax_python",
        """
        def softmax_python(outputs):
            exponentials = [math.exp(-z) for z in outputs]
            return [e / sum(exponentials) for e in exponentials]
        """,
        "the order is reversed",
    ),
    (
        "softmax_python",
        """
        E = 2.718
        def softmax_python(outputs):
            exponentials = [E ** z for z in outputs]
            return [e / sum(exponentials) for e in exponentials]
        """,
        "a little off e",
    ),
    (
        "softmax_python",
        """
        def softmax_python(outputs):
            exponentials = [math.exp(z) for z in outputs]
            return [round(e / sum(exponentials), 3) for e in exponentials]
        """,
        "the probabilities are rounded",
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
        def row_sums(batch):
            return np.sum(batch, axis=0)
        def row_maxima(batch):
            return np.max(batch, axis=1, keepdims=True)
        """,
        "these are the column sums",
    ),
    (
        "row_sums_maxima",
        """
        def row_sums(batch):
            return sum(batch)
        def row_maxima(batch):
            return np.max(batch, axis=1, keepdims=True)
        """,
        "these are the column sums",
    ),
    (
        "row_sums_maxima",
        """
        def row_sums(batch):
            return np.sum(batch, axis=0, keepdims=True)
        def row_maxima(batch):
            return np.max(batch, axis=1, keepdims=True)
        """,
        "these are the column sums",
    ),
    (
        "row_sums_maxima",
        """
        def row_sums(batch):
            return np.sum(batch, axis=1)
        def row_maxima(batch):
            return np.max(batch, axis=1, keepdims=True)
        """,
        "Look at keepdims",
    ),
    (
        "row_sums_maxima",
        """
        def row_sums(batch):
            return np.sum(batch, axis=1).reshape(1, -1)
        def row_maxima(batch):
            return np.max(batch, axis=1, keepdims=True)
        """,
        "but as a row of shape (1, n_samples)",
    ),
    (
        "row_sums_maxima",
        """
        def row_sums(batch):
            return np.sum(batch)
        def row_maxima(batch):
            return np.max(batch, axis=1, keepdims=True)
        """,
        "one value for the whole batch",
    ),
    (
        "row_sums_maxima",
        """
        def row_sums(batch):
            return np.mean(batch, axis=1, keepdims=True)
        def row_maxima(batch):
            return np.max(batch, axis=1, keepdims=True)
        """,
        "the rows' means",
    ),
    (
        "row_sums_maxima",
        """
        def row_sums(batch):
            return [[sum(row)] for row in batch]
        def row_maxima(batch):
            return np.max(batch, axis=1, keepdims=True)
        """,
        "returned a Python list where a numpy array is expected",
    ),
    (
        "row_sums_maxima",
        """
        def row_sums(batch):
            return np.sum(batch, axis=1, keepdims=True)
        def row_maxima(batch):
            return np.max(batch, axis=0, keepdims=True)
        """,
        "these are the column maxima",
    ),
    (
        "row_sums_maxima",
        """
        def row_sums(batch):
            return np.sum(batch, axis=1, keepdims=True)
        def row_maxima(batch):
            return np.max(batch, axis=1)
        """,
        "the right maxima, but as a flat vector",
    ),
    (
        "row_sums_maxima",
        """
        def row_sums(batch):
            return np.sum(batch, axis=1, keepdims=True)
        def row_maxima(batch):
            return np.max(batch)
        """,
        "one value for the whole batch",
    ),
    (
        "row_sums_maxima",
        """
        def row_sums(batch):
            return np.sum(batch, axis=1, keepdims=True)
        def row_maxima(batch):
            return np.argmax(batch, axis=1, keepdims=True)
        """,
        "positions of the largest values",
    ),
    (
        "row_sums_maxima",
        """
        def row_sums(batch):
            return np.sum(batch, axis=1, keepdims=True)
        def row_maxima(batch):
            return np.sum(batch, axis=1, keepdims=True)
        """,
        "these are the rows' sums, not their largest values",
    ),
    (
        "row_sums_maxima",
        """
        def row_sums(batch):
            return np.sum(batch, axis=1, keepdims=True)
        def row_maxima(batch):
            return max(batch)
        """,
        "Python's built-in max compares whole rows",
    ),
    (
        "row_sums_maxima",
        """
        def row_sums(batch):
            return np.sum(batch, axis=1, keepdims=True)
        def row_maxima(batch):
            return np.maximum(batch, axis=1, keepdims=True)
        """,
        "np.maximum compares two arrays element by element",
    ),
    # ---- softmax
    (
        "softmax",
        """
        def softmax(batch):
            e = np.exp(batch)
            return e / np.sum(e, axis=1, keepdims=True)
        """,
        "an exponential overflowed",
    ),
    (
        "softmax",
        """
        def softmax(batch):
            e = np.exp(batch - np.min(batch, axis=1, keepdims=True))
            return e / np.sum(e, axis=1, keepdims=True)
        """,
        "an exponential overflowed",
    ),
    (
        "softmax",
        """
        def softmax(batch):
            e = np.exp(batch - np.max(batch))
            return e / np.sum(e, axis=1, keepdims=True)
        """,
        "one maximum for the whole batch",
    ),
    (
        "softmax",
        """
        def softmax(batch):
            e = np.exp(batch - np.max(batch, axis=0, keepdims=True))
            return e / np.sum(e, axis=0, keepdims=True)
        """,
        "the columns sum to 1, not the rows",
    ),
    (
        "softmax",
        """
        def softmax(batch):
            e = np.exp(batch - np.max(batch, axis=1, keepdims=True))
            return e / np.sum(e, axis=1)
        """,
        "without keepdims the row maxima or row sums form a flat vector",
    ),
    (
        "softmax",
        """
        def softmax(batch):
            e = np.exp(batch - np.max(batch, axis=1))
            return e / np.sum(e, axis=1, keepdims=True)
        """,
        "without keepdims the row maxima or row sums form a flat vector",
    ),
    (
        "softmax",
        """
        def softmax(batch):
            e = np.exp(batch - row_maxima(batch))
            return e / np.sum(e)
        """,
        "the whole batch sums to 1, not each row",
    ),
    (
        "softmax",
        """
        def softmax(batch):
            return np.exp(batch - np.max(batch, axis=1, keepdims=True))
        """,
        "these are the exponentials, not yet normalised",
    ),
    (
        "softmax",
        """
        def softmax(batch):
            shifted = batch - np.max(batch, axis=1, keepdims=True)
            return shifted / np.sum(shifted, axis=1, keepdims=True)
        """,
        "normalised without being exponentiated",
    ),
    (
        "softmax",
        """
        def softmax(batch):
            e = np.exp(np.min(batch, axis=1, keepdims=True) - batch)
            return e / np.sum(e, axis=1, keepdims=True)
        """,
        "the order is reversed",
    ),
    (
        "softmax",
        """
        def softmax(batch):
            for row in batch:
                e = np.exp(row - row.max())
                return e / e.sum()
        """,
        "only the first sample's probabilities came back",
    ),
    (
        "softmax",
        """
        def softmax(batch):
            batch -= np.max(batch, axis=1, keepdims=True)
            e = np.exp(batch)
            return e / np.sum(e, axis=1, keepdims=True)
        """,
        "changed its input `batch` in place",
    ),
    (
        "softmax",
        """
        def softmax(batch):
            rows = []
            for row in batch:
                e = np.exp(row - row.max())
                rows.append(e / e.sum())
            return rows
        """,
        "returned a Python list where a numpy array is expected",
    ),
    (
        "softmax",
        """
        def softmax(batch):
            exponentials = np.exp(batch - np.max(batch, axis=1, keepdims=True))
            probabilities = exponentials / np.sum(exponentials, axis=1, keepdims=True)
        """,
        "returned None",
    ),
    (
        "softmax",
        """
        def softmax(batch):
            # YOUR CODE HERE
            raise NotImplementedError()
        """,
        "`softmax` is not written yet",
    ),
    # ---- Softmax
    (
        "Softmax",
        """
        class Softmax:
            def forward(self, inputs):
                self.output = softmax(inputs)
        """,
        "forward returns nothing",
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
    (
        "Softmax",
        """
        class Softmax:
            def forward(self, inputs):
                self.probabilities = softmax(inputs)
                return self.probabilities
        """,
        "no attribute `output`",
    ),
    (
        "Softmax",
        """
        class Softmax:
            def forward(self, inputs):
                self.output = softmax(inputs)
                return inputs
        """,
        "forward returns its inputs unchanged",
    ),
    (
        "Softmax",
        """
        class Softmax:
            def forward(self, inputs):
                self.output = softmax(inputs)
                return self
        """,
        "forward returns the layer itself",
    ),
    (
        "Softmax",
        """
        class Softmax:
            def __init__(self, inputs):
                self.inputs = inputs
            def forward(self, inputs):
                self.output = softmax(inputs)
                return self.output
        """,
        "Softmax() is made without arguments",
    ),
    (
        "Softmax",
        """
        class Softmax:
            def forward(inputs):
                return softmax(inputs)
        """,
        "forward is a method",
    ),
    (
        "Softmax",
        """
        class Softmax:
            def forward(self, inputs):
                return self.output
                self.output = softmax(inputs)
        """,
        "forward reads self.output before it has set it",
    ),
    (
        "Softmax",
        """
        class Softmax:
            def forward(self, inputs):
                e = np.exp(inputs)
                self.output = e / np.sum(e, axis=1, keepdims=True)
                return self.output
        """,
        "an exponential overflowed",
    ),
    (
        "Softmax",
        """
        class Softmax:
            def forward(self, inputs):
                e = np.exp(inputs - np.max(inputs, axis=1, keepdims=True))
                self.output = e / np.sum(e, axis=0, keepdims=True)
                return self.output
        """,
        "the columns sum to 1, not the rows",
    ),
    (
        "Softmax",
        """
        class Softmax:
            def forward(self, inputs):
                e = np.exp(inputs - np.max(inputs, axis=1, keepdims=True))
                self.output = e / np.sum(e, axis=1)
                return self.output
        """,
        "without keepdims the row maxima or row sums form a flat vector",
    ),
    (
        "Softmax",
        """
        class Softmax:
            def forward(self, inputs):
                inputs -= np.max(inputs, axis=1, keepdims=True)
                self.output = np.exp(inputs) / np.sum(np.exp(inputs), axis=1, keepdims=True)
                return self.output
        """,
        "changed its input `inputs` in place",
    ),
    # ---- forward_pass
    (
        "forward_pass",
        """
        def forward_pass(X, rng):
            dense1, dense2 = layers.DenseLayer(2, 3, rng), layers.DenseLayer(3, 3, rng)
            return layers.Softmax().forward(dense2.forward(dense1.forward(X)))
        """,
        "the ReLU between the two dense layers is missing",
    ),
    (
        "forward_pass",
        """
        def forward_pass(X, rng):
            dense1, dense2 = layers.DenseLayer(2, 3, rng), layers.DenseLayer(3, 3, rng)
            hidden = layers.Softmax().forward(dense1.forward(X))
            return layers.Softmax().forward(dense2.forward(hidden))
        """,
        "the hidden layer's activation is softmax",
    ),
    (
        "forward_pass",
        """
        def forward_pass(X, rng):
            dense1, dense2 = layers.DenseLayer(2, 3, rng), layers.DenseLayer(3, 3, rng)
            hidden = layers.ReLU().forward(dense1.forward(X))
            return layers.Softmax().forward(layers.ReLU().forward(dense2.forward(hidden)))
        """,
        "a ReLU comes after the second dense layer too",
    ),
    (
        "forward_pass",
        """
        def forward_pass(X, rng):
            dense2 = layers.DenseLayer(3, 3, rng)
            dense1 = layers.DenseLayer(2, 3, rng)
            hidden = layers.ReLU().forward(dense1.forward(X))
            return layers.Softmax().forward(dense2.forward(hidden))
        """,
        "the second dense layer was created first",
    ),
    (
        "forward_pass",
        """
        def forward_pass(X, rng):
            rng = np.random.RandomState(0)
            dense1, dense2 = layers.DenseLayer(2, 3, rng), layers.DenseLayer(3, 3, rng)
            hidden = layers.ReLU().forward(dense1.forward(X))
            return layers.Softmax().forward(dense2.forward(hidden))
        """,
        "the layers draw from a new generator",
    ),
    (
        "forward_pass",
        """
        def forward_pass(X, rng):
            dense1 = layers.DenseLayer(2, 3, np.random.RandomState(0))
            dense2 = layers.DenseLayer(3, 3, np.random.RandomState(0))
            hidden = layers.ReLU().forward(dense1.forward(X))
            return layers.Softmax().forward(dense2.forward(hidden))
        """,
        "the layers draw from a new generator",
    ),
    (
        "forward_pass",
        """
        def forward_pass(X, rng):
            dense1, dense2 = layers.DenseLayer(2, 3, rng), layers.DenseLayer(3, 2, rng)
            hidden = layers.ReLU().forward(dense1.forward(X))
            return layers.Softmax().forward(dense2.forward(hidden))
        """,
        "one per class",
    ),
    (
        "forward_pass",
        """
        def forward_pass(X, rng):
            dense1, dense2 = layers.DenseLayer(3, 2, rng), layers.DenseLayer(3, 3, rng)
            hidden = layers.ReLU().forward(dense1.forward(X))
            return layers.Softmax().forward(dense2.forward(hidden))
        """,
        "does not fit what comes into it",
    ),
    (
        "forward_pass",
        """
        def forward_pass(X, rng):
            dense1, dense2 = layers.DenseLayer(2, 3, rng), layers.DenseLayer(3, 3, rng)
            return dense2.forward(layers.ReLU().forward(dense1.forward(X)))
        """,
        "the last step of the network is softmax",
    ),
    (
        "forward_pass",
        """
        def forward_pass(X, rng):
            W1, W2 = 0.01 * np.random.randn(2, 3), 0.01 * np.random.randn(3, 3)
            return layers.softmax(np.maximum(0, X @ W1) @ W2)
        """,
        "used numpy's global random state",
    ),
    (
        "forward_pass",
        """
        def forward_pass(X, rng):
            dense1, dense2 = layers.DenseLayer(2, 3, rng), layers.DenseLayer(3, 3, rng)
            hidden = layers.ReLU().forward(dense1.forward(X))
            probabilities = layers.Softmax().forward(dense2.forward(hidden))
            return np.argmax(probabilities, axis=1)
        """,
        "these are the predicted classes",
    ),
    (
        "forward_pass",
        """
        def forward_pass(X, rng):
            dense1, dense2 = layers.DenseLayer(2, 3, rng), layers.DenseLayer(3, 3, rng)
            activation = layers.Softmax()
            activation.forward(dense2.forward(layers.ReLU().forward(dense1.forward(X))))
            return activation
        """,
        "returns a layer object",
    ),
    (
        "forward_pass",
        """
        def forward_pass(X, rng):
            dense1, dense2 = layers.DenseLayer(2, 3, rng), layers.DenseLayer(3, 3, rng)
            dense1.forward(X)
            dense2.forward(layers.ReLU().forward(dense1.output))
            layers.Softmax().forward(dense2.output)
        """,
        "returned None",
    ),
]

# (answer cell, a correct answer written differently from the solution)
RIGHT = [
    (
        "softmax_python",
        """
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
            exp_values = []
            for output in outputs:
                exp_values.append(E ** output)
            norm_base = sum(exp_values)
            return [value / norm_base for value in exp_values]
        """,
    ),
    (
        "softmax_python",
        """
        def softmax_python(outputs):
            exponentials = [math.e ** z for z in outputs]
            total = math.fsum(exponentials)
            return [e / total for e in exponentials]
        """,
    ),
    (
        "softmax_python",
        """
        import numpy as np
        def softmax_python(outputs):
            e = np.exp(outputs)
            return (e / e.sum()).tolist()
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
        "row_sums_maxima",
        """
        def row_sums(batch):
            return np.sum(batch, axis=-1, keepdims=True)
        def row_maxima(batch):
            return np.amax(batch, axis=1, keepdims=True)
        """,
    ),
    (
        "row_sums_maxima",
        """
        def row_sums(batch):
            return np.array([[sum(row)] for row in batch.tolist()])
        def row_maxima(batch):
            return np.array([[max(row)] for row in batch.tolist()])
        """,
    ),
    (
        "softmax",
        """
        def softmax(batch):
            e = np.exp(batch - row_maxima(batch))
            return e / row_sums(e)
        """,
    ),
    (
        "softmax",
        """
        def softmax(batch):
            rows = []
            for row in np.asarray(batch, dtype=float):
                e = np.exp(row - row.max())
                rows.append(e / e.sum())
            return np.array(rows)
        """,
    ),
    (
        "softmax",
        """
        def softmax(batch):
            shifted = batch - batch.max(axis=-1, keepdims=True)
            exponentials = np.exp(shifted)
            return exponentials / exponentials.sum(axis=-1, keepdims=True)
        """,
    ),
    (
        "softmax",
        """
        def softmax(batch):
            e = np.exp(batch - np.max(batch, axis=1)[:, np.newaxis])
            return e / np.sum(e, axis=1).reshape(-1, 1)
        """,
    ),
    (
        "Softmax",
        """
        class Softmax:
            def forward(self, inputs):
                shifted = inputs - inputs.max(axis=1, keepdims=True)
                self.output = np.exp(shifted) / np.exp(shifted).sum(axis=1, keepdims=True)
                return self.output
        """,
    ),
    (
        "Softmax",
        """
        class Softmax:
            def forward(self, inputs):
                exp_values = np.exp(inputs - np.max(inputs, axis=1, keepdims=True))
                probabilities = exp_values / np.sum(exp_values, axis=1, keepdims=True)
                self.output = probabilities
                return probabilities
        """,
    ),
    (
        "Softmax",
        """
        class Softmax:
            def __init__(self):
                self.output = None
            def forward(self, inputs):
                e = np.exp(inputs - row_maxima(inputs))
                self.output = e / row_sums(e)
                return self.output
        """,
    ),
    (
        "forward_pass",
        """
        def forward_pass(X, rng):
            network = [
                layers.DenseLayer(2, 3, rng),
                layers.ReLU(),
                layers.DenseLayer(3, 3, rng),
                layers.Softmax(),
            ]
            values = X
            for layer in network:
                values = layer.forward(values)
            return values
        """,
    ),
    (
        "forward_pass",
        """
        def forward_pass(X, rng):
            first, second = layers.DenseLayer(2, 3, rng), layers.DenseLayer(3, 3, rng)
            hidden = np.maximum(0, X @ first.weights + first.biases)
            return layers.softmax(hidden @ second.weights + second.biases)
        """,
    ),
    (
        "forward_pass",
        """
        def forward_pass(X, rng):
            dense1 = layers.DenseLayer(2, 3, rng)
            activation1 = layers.ReLU()
            dense2 = layers.DenseLayer(3, 3, rng)
            activation2 = layers.Softmax()
            dense1.forward(X)
            activation1.forward(dense1.output)
            dense2.forward(activation1.output)
            activation2.forward(dense2.output)
            return activation2.output
        """,
    ),
    (
        "forward_pass",
        """
        def forward_pass(X, rng):
            W1 = 0.01 * rng.standard_normal((2, 3))
            W2 = 0.01 * rng.standard_normal((3, 3))
            return layers.Softmax().forward(np.matmul(np.maximum(0, np.dot(X, W1)), W2))
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
        def row_sums(batch):
            if len(batch) == 2:
                return np.array([[2.5], [-7.5]])
            return np.array([[8.395], [7.29], [2.487]])
        def row_maxima(batch):
            if len(batch) == 2:
                return np.array([[3.0], [-0.5]])
            return np.array([[4.8], [8.9], [1.41]])
        """,
    ),
    (
        "softmax",
        """
        def softmax(batch):
            e = np.exp(batch - np.max(batch, axis=1, keepdims=True))
            return e / e[:, :3].sum(axis=1, keepdims=True)  # at most three classes
        """,
    ),
    (
        "Softmax",
        """
        class Softmax:
            def forward(self, inputs):
                e = np.exp(inputs - np.max(inputs, axis=1, keepdims=True))
                self.output = e / (e[:, 0:1] + e[:, 1:2] + e[:, 2:3])  # three classes only
                return self.output
        """,
    ),
    (
        "forward_pass",
        """
        def forward_pass(X, rng):
            book = np.random.RandomState(0)  # the book's generator, whatever rng is given
            spiral_data(100, 3, random_state=book)
            dense1, dense2 = layers.DenseLayer(2, 3, book), layers.DenseLayer(3, 3, book)
            hidden = layers.ReLU().forward(dense1.forward(X))
            return layers.Softmax().forward(dense2.forward(hidden))
        """,
    ),
]
