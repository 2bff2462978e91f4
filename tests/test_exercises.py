"""Every exercise against answers students write: wrong ones are named, other right ones pass.

Each case replaces one answer cell of a source notebook and runs the cells in this
process (see tests/notebooks.py):

* a wrong answer must fail the *visible* test, with the hint that names its mistake;
* a correct answer written differently must pass the *full* test (visible and hidden);
* an answer that only fits the visible examples must pass the visible test and fail the
  hidden one, whose message must not reveal the expected values.
"""

from __future__ import annotations

import textwrap

import pytest

from autograder import course
from nbhelpers.checks import CheckFailure
from tests.notebooks import grade_id, is_answer, is_test, read, run_cells, source_path


def src(code: str) -> str:
    return textwrap.dedent(code).strip("\n")


# (assignment, answer cell, wrong answer, words the failure must contain)
WRONG = [
    # ---- 01 · neuron_output
    (
        "01-single-neuron",
        "neuron_output",
        """
        def neuron_output(inputs, weights, bias):
            return sum(x * w for x, w in zip(inputs, weights))
     """,
        "the bias is missing",
    ),
    (
        "01-single-neuron",
        "neuron_output",
        """
        def neuron_output(inputs, weights, bias):
            total = 0.0
            for x, w in zip(inputs, weights):
                total += x * w + bias
            return total
     """,
        "added once per input",
    ),
    (
        "01-single-neuron",
        "neuron_output",
        """
        def neuron_output(inputs, weights, bias):
            return sum(x + w for x, w in zip(inputs, weights)) + bias
     """,
        "added, not multiplied",
    ),
    (
        "01-single-neuron",
        "neuron_output",
        """
        def neuron_output(inputs, weights, bias):
            return inputs[0] * weights[0] + inputs[1] * weights[1] + inputs[2] * weights[2] + bias
     """,
        "the fourth input is left out",
    ),
    (
        "01-single-neuron",
        "neuron_output",
        """
        def neuron_output(inputs, weights, bias):
            return [x * w for x, w in zip(inputs, weights)]
     """,
        "where a single number is expected",
    ),
    (
        "01-single-neuron",
        "neuron_output",
        """
        def neuron_output(inputs, weights, bias):
            print(sum(x * w for x, w in zip(inputs, weights)) + bias)
     """,
        "printing a value does not return it",
    ),
    (
        "01-single-neuron",
        "neuron_output",
        """
        def neuron_output(inputs, weights, bias):
            inputs.append(1.0)
            weights.append(bias)
            return sum(x * w for x, w in zip(inputs, weights))
     """,
        "changed its input `inputs` in place",
    ),
    (
        "01-single-neuron",
        "neuron_output",
        """
        def neuron_output(inputs, weights, bias):
            total = 0
            for i in range(len(inputs)):
                total += inputs[i] * weights[i + 1]
            return total + bias
     """,
        "raised IndexError",
    ),
    # ---- 01 · line_parameters
    (
        "01-single-neuron",
        "line_parameters",
        """
        def line_parameters(point_a, point_b):
            (x1, y1), (x2, y2) = point_a, point_b
            if x1 == x2:
                raise ValueError("vertical")
            w = (x2 - x1) / (y2 - y1)
            return w, y1 - w * x1
     """,
        "the slope is upside down",
    ),
    (
        "01-single-neuron",
        "line_parameters",
        """
        def line_parameters(point_a, point_b):
            (x1, y1), (x2, y2) = point_a, point_b
            if x1 == x2:
                raise ValueError("vertical")
            w = (y2 - y1) / (x2 - x1)
            return y1 - w * x1, w
     """,
        "the weight and the bias are swapped",
    ),
    (
        "01-single-neuron",
        "line_parameters",
        """
        def line_parameters(point_a, point_b):
            (x1, y1), (x2, y2) = point_a, point_b
            if x1 == x2:
                raise ValueError("vertical")
            w = (y2 - y1) / (x2 - x1)
            return w, y1 + w * x1
     """,
        "the bias has a sign error",
    ),
    (
        "01-single-neuron",
        "line_parameters",
        """
        def line_parameters(point_a, point_b):
            (x1, y1), (x2, y2) = point_a, point_b
            if x1 == x2:
                raise ValueError("vertical")
            w = (y2 - y1) / (x1 - x2)
            return w, y1 - w * x1
     """,
        "the slope has the wrong sign",
    ),
    (
        "01-single-neuron",
        "line_parameters",
        """
        def line_parameters(point_a, point_b):
            (x1, y1), (x2, y2) = point_a, point_b
            w = (y2 - y1) / (x2 - x1)
            return w, y1 - w * x1
     """,
        "raised ZeroDivisionError instead of ValueError",
    ),
    (
        "01-single-neuron",
        "line_parameters",
        """
        def line_parameters(point_a, point_b):
            (x1, y1), (x2, y2) = point_a, point_b
            if x1 == x2:
                return None
            w = (y2 - y1) / (x2 - x1)
            return w, y1 - w * x1
     """,
        "accepted bad input",
    ),
    # ---- 01 · step
    (
        "01-single-neuron",
        "step",
        """
        def step(x):
            return 1 if x >= 0 else 0
     """,
        "use `>` rather than `>=`",
    ),
    (
        "01-single-neuron",
        "step",
        """
        def step(x):
            return x if x > 0 else 0
     """,
        "wrong value",
    ),
    (
        "01-single-neuron",
        "step",
        """
        def step(x):
            return x
     """,
        "step returns its input",
    ),
    # ---- 01 · gate_parameters
    (
        "01-single-neuron",
        "gate_parameters",
        """
        def gate_parameters(gate):
            table = {"AND": ([1.0, 1.0], -0.5), "OR": ([1.0, 1.0], -0.5), "NOT": ([-1.0], 0.5)}
            if gate not in table:
                raise ValueError(gate)
            return table[gate]
     """,
        "that is OR",
    ),
    (
        "01-single-neuron",
        "gate_parameters",
        """
        def gate_parameters(gate):
            table = {"AND": ([1.0, 1.0], -1.5), "OR": ([1.0, 1.0], -1.5), "NOT": ([-1.0], 0.5)}
            if gate not in table:
                raise ValueError(gate)
            return table[gate]
     """,
        "that is AND",
    ),
    (
        "01-single-neuron",
        "gate_parameters",
        """
        def gate_parameters(gate):
            table = {"AND": ([1.0, 1.0], -2.5), "OR": ([1.0, 1.0], -0.5), "NOT": ([-1.0], 0.5)}
            if gate not in table:
                raise ValueError(gate)
            return table[gate]
     """,
        "never fires",
    ),
    (
        "01-single-neuron",
        "gate_parameters",
        """
        def gate_parameters(gate):
            table = {"AND": ([1.0, 1.0], -1.5), "OR": ([1.0, 1.0], -0.5), "NOT": ([1.0], 0.0)}
            if gate not in table:
                raise ValueError(gate)
            return table[gate]
     """,
        "NOT needs a negative weight",
    ),
    (
        "01-single-neuron",
        "gate_parameters",
        """
        def gate_parameters(gate):
            table = {"AND": ([1.0, 1.0], -1.5), "OR": ([1.0, 1.0], -0.5), "NOT": ([-1.0], 0.5)}
            return table.get(gate)
     """,
        "accepted bad input",
    ),
    # ---- 02 · layer_output
    (
        "02-layer-of-neurons",
        "layer_output",
        """
        def layer_output(inputs, weights, biases):
            return [sum(x * w for x, w in zip(inputs, row)) for row in weights]
     """,
        "the biases are missing",
    ),
    (
        "02-layer-of-neurons",
        "layer_output",
        """
        def layer_output(inputs, weights, biases):
            return [sum(x * w for x, w in zip(inputs, row)) + biases[0] for row in weights]
     """,
        "every neuron gets the first bias",
    ),
    (
        "02-layer-of-neurons",
        "layer_output",
        """
        def layer_output(inputs, weights, biases):
            for row, bias in zip(weights, biases):
                return sum(x * w for x, w in zip(inputs, row)) + bias
     """,
        "only the first neuron's output",
    ),
    (
        "02-layer-of-neurons",
        "layer_output",
        """
        def layer_output(inputs, weights, biases):
            for row, bias in zip(weights, biases):
                output = sum(x * w for x, w in zip(inputs, row)) + bias
            return output
     """,
        "only the last neuron's output",
    ),
    (
        "02-layer-of-neurons",
        "layer_output",
        """
        def layer_output(inputs, weights, biases):
            return sum(sum(x * w for x, w in zip(inputs, row)) + b for row, b in zip(weights, biases))
     """,
        "added together",
    ),
    (
        "02-layer-of-neurons",
        "layer_output",
        """
        def layer_output(inputs, weights, biases):
            return [[sum(x * w for x, w in zip(inputs, row)) + b for row, b in zip(weights, biases)]]
     """,
        "one level too deep",
    ),
    (
        "02-layer-of-neurons",
        "layer_output",
        """
        def layer_output(inputs, weights, biases):
            outputs = [sum(x * w for x, w in zip(inputs, row)) + b for row, b in zip(weights, biases)]
            return outputs[0] if len(outputs) == 1 else outputs
     """,
        "still returns a list",
    ),
    (
        "02-layer-of-neurons",
        "layer_output",
        """
        def layer_output(inputs, weights, biases):
            outputs = biases
            for i, row in enumerate(weights):
                for x, w in zip(inputs, row):
                    outputs[i] += x * w
            return outputs
     """,
        "changed its input `biases` in place",
    ),
    # ---- 02 · layer_sizes
    (
        "02-layer-of-neurons",
        "layer_sizes",
        """
        def layer_sizes(inputs, weights, biases):
            return len(weights), len(inputs)
     """,
        "the sizes are swapped",
    ),
    (
        "02-layer-of-neurons",
        "layer_sizes",
        """
        def layer_sizes(inputs, weights, biases):
            if len(biases) != len(weights) or not weights:
                raise ValueError(f"{len(weights)} rows of weights but {len(biases)} biases")
            return len(inputs), len(weights)
     """,
        "accepted bad input",
    ),
    (
        "02-layer-of-neurons",
        "layer_sizes",
        """
        def layer_sizes(inputs, weights, biases):
            if not weights or len(biases) != len(weights) or any(len(r) != len(inputs) for r in weights):
                raise ValueError("the sizes do not match")
            return len(inputs), len(weights)
     """,
        "does not say enough",
    ),
    (
        "02-layer-of-neurons",
        "layer_sizes",
        """
        def layer_sizes(inputs, weights, biases):
            assert weights and len(biases) == len(weights)
            for row in weights:
                assert len(row) == len(inputs), f"{len(row)} weights but {len(inputs)} inputs"
            return len(inputs), len(weights)
     """,
        "raised AssertionError instead of ValueError",
    ),
    # ---- 02 · count_parameters
    (
        "02-layer-of-neurons",
        "count_parameters",
        """
        def count_parameters(sizes):
            if len(sizes) < 2:
                raise ValueError("no layer")
            return sum(a * b for a, b in zip(sizes[:-1], sizes[1:]))
     """,
        "the biases are not counted",
    ),
    (
        "02-layer-of-neurons",
        "count_parameters",
        """
        def count_parameters(sizes):
            if len(sizes) < 2:
                raise ValueError("no layer")
            return sum(a * b + a for a, b in zip(sizes[:-1], sizes[1:]))
     """,
        "counted per input instead of per neuron",
    ),
    (
        "02-layer-of-neurons",
        "count_parameters",
        """
        def count_parameters(sizes):
            if len(sizes) < 2:
                raise ValueError("no layer")
            return sum(sizes)
     """,
        "added instead of multiplied",
    ),
    (
        "02-layer-of-neurons",
        "count_parameters",
        """
        def count_parameters(sizes):
            if len(sizes) < 2:
                raise ValueError("no layer")
            return sizes[0] * sizes[1] + sizes[1]
     """,
        "only the first layer is counted",
    ),
    (
        "02-layer-of-neurons",
        "count_parameters",
        """
        def count_parameters(sizes):
            return sum(a * b + b for a, b in zip(sizes[:-1], sizes[1:]))
     """,
        "accepted bad input",
    ),
    (
        "02-layer-of-neurons",
        "count_parameters",
        """
        def count_parameters(sizes):
            if len(sizes) < 2:
                raise ValueError("no layer")
            return float(sum(a * b + b for a, b in zip(sizes[:-1], sizes[1:])))
     """,
        "where a whole number (int) is expected",
    ),
    # ---- 02 · predicted_class
    (
        "02-layer-of-neurons",
        "predicted_class",
        """
        def predicted_class(outputs):
            if not outputs:
                raise ValueError("empty")
            return max(outputs)
     """,
        "the largest output itself",
    ),
    (
        "02-layer-of-neurons",
        "predicted_class",
        """
        def predicted_class(outputs):
            if not outputs:
                raise ValueError("empty")
            best, best_value = 0, 0
            for i, v in enumerate(outputs):
                if v > best_value:
                    best, best_value = i, v
            return best
     """,
        "start from the first output",
    ),
    (
        "02-layer-of-neurons",
        "predicted_class",
        """
        def predicted_class(outputs):
            if not outputs:
                raise ValueError("empty")
            best = 0
            for i, v in enumerate(outputs):
                if v >= outputs[best]:
                    best = i
            return best
     """,
        "return the first of the largest",
    ),
    (
        "02-layer-of-neurons",
        "predicted_class",
        """
        def predicted_class(outputs):
            best = 0
            for i, v in enumerate(outputs):
                if v > outputs[best]:
                    best = i
            return best
     """,
        "accepted bad input",
    ),
    # ---- 03 · shape_of
    (
        "03-numpy-and-the-dot-product",
        "shape_of",
        """
        def shape_of(data):
            if not isinstance(data, (list, tuple)):
                return ()
            return shape_of(data[0]) + (len(data),)
     """,
        "the dimensions come out in reverse",
    ),
    (
        "03-numpy-and-the-dot-product",
        "shape_of",
        """
        def shape_of(data):
            return (len(data),) if isinstance(data, (list, tuple)) else ()
     """,
        "only the outer list is measured",
    ),
    (
        "03-numpy-and-the-dot-product",
        "shape_of",
        """
        def shape_of(data):
            return len(data) if isinstance(data, (list, tuple)) else ()
     """,
        "return a tuple of sizes",
    ),
    (
        "03-numpy-and-the-dot-product",
        "shape_of",
        """
        def shape_of(data):
            if not isinstance(data, (list, tuple)):
                return ()
            return (len(data),) + shape_of(data[0])
     """,
        "accepted bad input",
    ),
    # ---- 03 · dot
    (
        "03-numpy-and-the-dot-product",
        "dot",
        """
        def dot(a, b):
            if len(a) != len(b):
                raise ValueError(f"{len(a)} != {len(b)}")
            return [x * y for x, y in zip(a, b)]
     """,
        "these are the products",
    ),
    (
        "03-numpy-and-the-dot-product",
        "dot",
        """
        def dot(a, b):
            if len(a) != len(b):
                raise ValueError(f"{len(a)} != {len(b)}")
            return sum(a) * sum(b)
     """,
        "the sums are multiplied",
    ),
    (
        "03-numpy-and-the-dot-product",
        "dot",
        """
        def dot(a, b):
            return sum(x * y for x, y in zip(a, b))
     """,
        "accepted bad input",
    ),
    (
        "03-numpy-and-the-dot-product",
        "dot",
        """
        def dot(a, b):
            if len(a) != len(b):
                raise ValueError("the vectors must have the same length")
            return sum(x * y for x, y in zip(a, b))
     """,
        "does not say enough",
    ),
    # ---- 03 · neuron_numpy
    (
        "03-numpy-and-the-dot-product",
        "neuron_numpy",
        """
        import numpy as np
        def neuron_numpy(inputs, weights, bias):
            return np.dot(weights, inputs)
     """,
        "the bias is missing",
    ),
    (
        "03-numpy-and-the-dot-product",
        "neuron_numpy",
        """
        import numpy as np
        def neuron_numpy(inputs, weights, bias):
            return np.sum(np.multiply(weights, inputs) + bias)
     """,
        "the bias is added to every product",
    ),
    (
        "03-numpy-and-the-dot-product",
        "neuron_numpy",
        """
        import numpy as np
        def neuron_numpy(inputs, weights, bias):
            return np.multiply(weights, inputs) + bias
     """,
        "where a single number is expected",
    ),
    # ---- 03 · layer_numpy
    (
        "03-numpy-and-the-dot-product",
        "layer_numpy",
        """
        import numpy as np
        def layer_numpy(inputs, weights, biases):
            return np.dot(inputs, weights) + biases
     """,
        "Put the weights first",
    ),
    (
        "03-numpy-and-the-dot-product",
        "layer_numpy",
        """
        import numpy as np
        def layer_numpy(inputs, weights, biases):
            return np.dot(weights, inputs)
     """,
        "the biases are missing",
    ),
    (
        "03-numpy-and-the-dot-product",
        "layer_numpy",
        """
        import numpy as np
        def layer_numpy(inputs, weights, biases):
            return (np.dot(weights, inputs) + biases).tolist()
     """,
        "returned a Python list where a numpy array is expected",
    ),
    # ---- 04 · matmul
    (
        "04-batches",
        "matmul",
        """
        def matmul(a, b):
            if len(a[0]) != len(b):
                raise ValueError(f"shapes ({len(a)}, {len(a[0])}) and ({len(b)}, {len(b[0])})")
            return [sum(a[i][t] * b[t][j] for t in range(len(b))) for i in range(len(a)) for j in range(len(b[0]))]
     """,
        "the result is a list of rows",
    ),
    (
        "04-batches",
        "matmul",
        """
        def matmul(a, b):
            if len(a[0]) != len(b):
                raise ValueError(f"shapes ({len(a)}, {len(a[0])}) and ({len(b)}, {len(b[0])})")
            return [[sum(a[i][t] * b[t][j] for t in range(len(b))) for i in range(len(a))] for j in range(len(b[0]))]
     """,
        "rows and columns of the result are swapped",
    ),
    (
        "04-batches",
        "matmul",
        """
        def matmul(a, b):
            return [[sum(x * y for x, y in zip(row, col)) for col in zip(*b)] for row in a]
     """,
        "accepted bad input",
    ),
    (
        "04-batches",
        "matmul",
        """
        def matmul(a, b):
            if len(a[0]) != len(b):
                raise ValueError("these matrices cannot be multiplied")
            return [[sum(x * y for x, y in zip(row, col)) for col in zip(*b)] for row in a]
     """,
        "does not say enough",
    ),
    # ---- 04 · transpose
    (
        "04-batches",
        "transpose",
        "def transpose(matrix):\n    return matrix",
        "rows must become columns",
    ),
    (
        "04-batches",
        "transpose",
        "def transpose(matrix):\n    return [x for row in matrix for x in row]",
        "the result is flat",
    ),
    (
        "04-batches",
        "transpose",
        """
        def transpose(matrix):
            return [[row[j] for row in matrix] for j in range(len(matrix))]
     """,
        "returned shape",
    ),
    # ---- 04 · vectors
    (
        "04-batches",
        "vectors",
        """
        import numpy as np
        def row_vector(v):
            return np.array(v)
        def column_vector(v):
            return np.array([v]).T
     """,
        "this is still a 1-D vector",
    ),
    (
        "04-batches",
        "vectors",
        """
        import numpy as np
        def row_vector(v):
            return np.array([v])
        def column_vector(v):
            return np.array(v).T
     """,
        ".T on a 1-D array changes nothing",
    ),
    (
        "04-batches",
        "vectors",
        """
        import numpy as np
        def row_vector(v):
            return np.array([v])
        def column_vector(v):
            return np.array([v])
     """,
        "this is a row vector",
    ),
    # ---- 04 · layer_batch
    (
        "04-batches",
        "layer_batch",
        """
        import numpy as np
        def layer_batch(inputs, weights, biases):
            return np.dot(inputs, weights) + biases
     """,
        "the weights are not transposed",
    ),
    (
        "04-batches",
        "layer_batch",
        """
        import numpy as np
        def layer_batch(inputs, weights, biases):
            return np.dot(weights, np.array(inputs).T) + biases
     """,
        "organised neuron by sample",
    ),
    (
        "04-batches",
        "layer_batch",
        """
        import numpy as np
        def layer_batch(inputs, weights, biases):
            return np.dot(inputs, np.array(weights).T) + np.array(biases).reshape(-1, 1)
     """,
        "added per sample (as a column)",
    ),
    (
        "04-batches",
        "layer_batch",
        """
        import numpy as np
        def layer_batch(inputs, weights, biases):
            return np.dot(inputs, np.array(weights).T)
     """,
        "the biases are missing",
    ),
    (
        "04-batches",
        "layer_batch",
        """
        import numpy as np
        def layer_batch(inputs, weights, biases):
            return np.dot(inputs, np.array(weights).T)[0] + biases
     """,
        "returned shape",
    ),
    # ---- 05 · two_layers
    (
        "05-layers-and-dense-class",
        "two_layers",
        """
        import numpy as np
        def two_layers(inputs, weights1, biases1, weights2, biases2):
            return np.dot(inputs, np.array(weights1).T) + biases1
     """,
        "these are layer 1's outputs",
    ),
    (
        "05-layers-and-dense-class",
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
        "05-layers-and-dense-class",
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
        "05-layers-and-dense-class",
        "two_layers",
        """
        import numpy as np
        def two_layers(inputs, weights1, biases1, weights2, biases2):
            out = np.dot(inputs, np.array(weights1).T) + biases1
            return np.dot(out, np.array(weights2).T)
     """,
        "layer 2's biases are missing",
    ),
    # ---- 05 · DenseLayer
    (
        "05-layers-and-dense-class",
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
        "05-layers-and-dense-class",
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
        "05-layers-and-dense-class",
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
        "05-layers-and-dense-class",
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
        "05-layers-and-dense-class",
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
        "05-layers-and-dense-class",
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
        "05-layers-and-dense-class",
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
    # ---- 05 · Network
    (
        "05-layers-and-dense-class",
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
        "05-layers-and-dense-class",
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
        "05-layers-and-dense-class",
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
    # ---- 06 · step and linear
    (
        "06-activation-functions",
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
        "06-activation-functions",
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
        "06-activation-functions",
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
    # ---- 06 · sigmoid
    (
        "06-activation-functions",
        "sigmoid",
        """
        import numpy as np
        def sigmoid(x):
            return 1 / (1 + np.exp(-x))
     """,
        "for x = -1000, e^-x overflows",
    ),
    (
        "06-activation-functions",
        "sigmoid",
        """
        import numpy as np
        def sigmoid(x):
            return np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x)))
     """,
        "np.where computes both of its branches",
    ),
    (
        "06-activation-functions",
        "sigmoid",
        """
        import numpy as np
        def sigmoid(x):
            return 1 / (1 + np.exp(x))
     """,
        "the sign of x is flipped",
    ),
    (
        "06-activation-functions",
        "sigmoid",
        """
        import numpy as np
        def sigmoid(x):
            return 1 + np.exp(-x)
     """,
        "is the denominator",
    ),
    # ---- 06 · tanh
    (
        "06-activation-functions",
        "tanh",
        """
        import numpy as np
        def tanh(x):
            return (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))
     """,
        "e^x overflows for large |x|",
    ),
    (
        "06-activation-functions",
        "tanh",
        """
        import numpy as np
        def tanh(x):
            return sigmoid(2 * x)
     """,
        "this is sigmoid(2x)",
    ),
    # ---- 06 · relu
    (
        "06-activation-functions",
        "relu",
        """
        import numpy as np
        def relu(x):
            return np.max(0, x)
     """,
        "np.maximum(0, x) compares element by element",
    ),
    (
        "06-activation-functions",
        "relu",
        """
        def relu(x):
            x[x < 0] = 0
            return x
     """,
        "changed its input `x` in place",
    ),
    (
        "06-activation-functions",
        "relu",
        """
        import numpy as np
        def relu(x):
            return np.where(x > 0, 1.0, 0.0)
     """,
        "this is the step function",
    ),
    (
        "06-activation-functions",
        "relu",
        """
        def relu(x):
            return [v if v > 0 else 0.0 for v in x]
     """,
        "returned a Python list where a numpy array is expected",
    ),
    # ---- 06 · collapse
    (
        "06-activation-functions",
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
        "06-activation-functions",
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
        "06-activation-functions",
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
        "06-activation-functions",
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
    # ---- 06 · ReLU
    (
        "06-activation-functions",
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
        "06-activation-functions",
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
        "06-activation-functions",
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
    # ---- 07 · softmax_python
    (
        "07-softmax",
        "softmax_python",
        """
        def softmax_python(outputs):
            return [z / sum(outputs) for z in outputs]
     """,
        "exponentiate them first",
    ),
    (
        "07-softmax",
        "softmax_python",
        """
        import math
        def softmax_python(outputs):
            return [math.exp(z) for z in outputs]
     """,
        "divide each by their sum",
    ),
    (
        "07-softmax",
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
        "07-softmax",
        "softmax_python",
        """
        import numpy as np
        def softmax_python(outputs):
            e = np.exp(outputs)
            return e / e.sum()
     """,
        "returned a numpy array where a Python list is expected",
    ),
    # ---- 07 · row_sums and row_maxima
    (
        "07-softmax",
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
        "07-softmax",
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
        "07-softmax",
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
        "07-softmax",
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
    # ---- 07 · softmax
    (
        "07-softmax",
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
        "07-softmax",
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
        "07-softmax",
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
        "07-softmax",
        "softmax",
        """
        import numpy as np
        def softmax(batch):
            e = np.exp(batch - np.max(batch, axis=1, keepdims=True))
            return e / np.sum(e, axis=1)
     """,
        "Without keepdims=True the row sums form a row",
    ),
    # ---- 07 · Softmax
    (
        "07-softmax",
        "Softmax",
        """
        class Softmax:
            def forward(self, inputs):
                self.output = softmax(inputs)
     """,
        "returned None",
    ),
    (
        "07-softmax",
        "Softmax",
        """
        class Softmax:
            def forward(self, inputs):
                return softmax(inputs)
     """,
        "no attribute `output`",
    ),
    # ---- 07 · forward_pass
    (
        "07-softmax",
        "forward_pass",
        """
        def forward_pass(X, rng):
            dense1, dense2 = DenseLayer(2, 3, rng), DenseLayer(3, 3, rng)
            return Softmax().forward(dense2.forward(dense1.forward(X)))
     """,
        "the ReLU is missing",
    ),
    (
        "07-softmax",
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
        "07-softmax",
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
        "07-softmax",
        "forward_pass",
        """
        def forward_pass(X, rng):
            dense1, dense2 = DenseLayer(2, 3, rng), DenseLayer(3, 3, rng)
            return dense2.forward(ReLU().forward(dense1.forward(X)))
     """,
        "the last step is softmax",
    ),
    (
        "07-softmax",
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

# (assignment, answer cell, a correct answer written differently from the solution)
RIGHT = [
    (
        "01-single-neuron",
        "neuron_output",
        """
        import operator
        def neuron_output(inputs, weights, bias):
            return sum(map(operator.mul, inputs, weights)) + bias
     """,
    ),
    (
        "01-single-neuron",
        "neuron_output",
        """
        def neuron_output(inputs, weights, bias):
            output = bias
            for i in range(len(inputs)):
                output = output + inputs[i] * weights[i]
            return output
     """,
    ),
    (
        "01-single-neuron",
        "neuron_output",
        """
        import numpy as np
        def neuron_output(inputs, weights, bias):
            return np.dot(inputs, weights) + bias
     """,
    ),
    (
        "01-single-neuron",
        "line_parameters",
        """
        def line_parameters(point_a, point_b):
            x1, y1 = point_a
            x2, y2 = point_b
            if x2 - x1 == 0:
                raise ValueError("same x: no single-input neuron has a vertical line")
            slope = (y1 - y2) / (x1 - x2)
            return [slope, y2 - slope * x2]
     """,
    ),
    ("01-single-neuron", "step", "def step(x):\n    return x > 0"),
    ("01-single-neuron", "step", "def step(x):\n    return float(x > 0)"),
    (
        "01-single-neuron",
        "step",
        "import numpy as np\ndef step(x):\n    return max(0.0, np.sign(x))",
    ),
    (
        "01-single-neuron",
        "gate_parameters",
        """
        def gate_parameters(gate):
            if gate == "AND":
                return [0.5, 0.5], -0.75
            elif gate == "OR":
                return (2, 2), -1
            elif gate == "NOT":
                return [-1], 0.5
            raise ValueError(f"no such gate: {gate}")
     """,
    ),
    (
        "01-single-neuron",
        "gate_parameters",
        """
        def gate_parameters(gate):
            if gate not in ("AND", "OR", "NOT"):
                raise ValueError(gate)
            # at the threshold itself the neuron does not fire (0 is not > 0)
            return {"AND": ([1, 1], -1), "OR": ([1, 1], 0), "NOT": ([-1], 1)}[gate]
     """,
    ),
    (
        "02-layer-of-neurons",
        "layer_output",
        """
        def layer_output(inputs, weights, biases):
            return [sum(x * w for x, w in zip(inputs, row)) + b for row, b in zip(weights, biases)]
     """,
    ),
    (
        "02-layer-of-neurons",
        "layer_output",
        """
        def layer_output(inputs, weights, biases):
            outputs = []
            for i in range(len(weights)):
                total = biases[i]
                for j in range(len(inputs)):
                    total += weights[i][j] * inputs[j]
                outputs.append(total)
            return outputs
     """,
    ),
    (
        "02-layer-of-neurons",
        "layer_output",
        """
        import numpy as np
        def layer_output(inputs, weights, biases):
            return (np.array(weights) @ np.array(inputs) + np.array(biases)).tolist()
     """,
    ),
    (
        "02-layer-of-neurons",
        "layer_sizes",
        """
        def layer_sizes(inputs, weights, biases):
            rows = len(weights)
            bad = [(i, len(r)) for i, r in enumerate(weights) if len(r) != len(inputs)]
            if bad:
                i, n = bad[0]
                raise ValueError(f"row {i} of the weights has {n} numbers, expected {len(inputs)} (one per input)")
            if rows < 1:
                raise ValueError("no neurons")
            if len(biases) != rows:
                raise ValueError(f"expected {rows} biases, got {len(biases)}")
            return len(inputs), rows
     """,
    ),
    (
        "02-layer-of-neurons",
        "count_parameters",
        """
        def count_parameters(sizes):
            if len(sizes) < 2:
                raise ValueError("sizes needs the input size and at least one layer")
            total = 0
            for i in range(1, len(sizes)):
                total += sizes[i] * (sizes[i - 1] + 1)
            return total
     """,
    ),
    (
        "02-layer-of-neurons",
        "count_parameters",
        """
        import numpy as np
        def count_parameters(sizes):
            if len(sizes) < 2:
                raise ValueError("need at least two sizes")
            s = np.array(sizes)
            return int(np.sum(s[:-1] * s[1:] + s[1:]))
     """,
    ),
    (
        "02-layer-of-neurons",
        "predicted_class",
        """
        def predicted_class(outputs):
            return list(outputs).index(max(outputs))
     """,
    ),
    (
        "02-layer-of-neurons",
        "predicted_class",
        """
        import numpy as np
        def predicted_class(outputs):
            if len(outputs) == 0:
                raise ValueError("no outputs")
            return np.argmax(outputs)
     """,
    ),
    (
        "03-numpy-and-the-dot-product",
        "shape_of",
        """
        def shape_of(data):
            if isinstance(data, (int, float)):
                return ()
            shapes = {shape_of(item) for item in data}
            if len(shapes) > 1:
                raise ValueError("ragged")
            return (len(data), *shapes.pop()) if shapes else (len(data),)
     """,
    ),
    (
        "03-numpy-and-the-dot-product",
        "shape_of",
        """
        import numpy as np
        def shape_of(data):
            return np.array(data).shape
     """,
    ),
    (
        "03-numpy-and-the-dot-product",
        "dot",
        """
        import operator
        def dot(a, b):
            if len(a) != len(b):
                raise ValueError(f"lengths {len(a)} and {len(b)} differ")
            return sum(map(operator.mul, a, b))
     """,
    ),
    (
        "03-numpy-and-the-dot-product",
        "dot",
        """
        import numpy as np
        def dot(a, b):
            if len(a) != len(b):
                raise ValueError(f"got vectors of {len(a)} and {len(b)} elements")
            return np.dot(a, b)
     """,
    ),
    (
        "03-numpy-and-the-dot-product",
        "neuron_numpy",
        """
        import numpy as np
        def neuron_numpy(inputs, weights, bias):
            return np.array(inputs, dtype=float) @ np.array(weights, dtype=float) + bias
     """,
    ),
    (
        "03-numpy-and-the-dot-product",
        "neuron_numpy",
        """
        import numpy as np
        def neuron_numpy(inputs, weights, bias):
            return float(np.sum(np.multiply(inputs, weights)) + bias)
     """,
    ),
    (
        "03-numpy-and-the-dot-product",
        "layer_numpy",
        """
        import numpy as np
        def layer_numpy(inputs, weights, biases):
            return np.matmul(weights, inputs) + np.array(biases)
     """,
    ),
    (
        "03-numpy-and-the-dot-product",
        "layer_numpy",
        """
        import numpy as np
        def layer_numpy(inputs, weights, biases):
            return np.array([np.dot(row, inputs) + b for row, b in zip(weights, biases)])
     """,
    ),
    (
        "04-batches",
        "matmul",
        """
        import numpy as np
        def matmul(a, b):
            return np.dot(np.array(a, dtype=float), np.array(b, dtype=float)).tolist()
     """,
    ),
    (
        "04-batches",
        "matmul",
        """
        def matmul(a, b):
            k = len(b)
            if any(len(row) != k for row in a) or len({len(row) for row in b}) > 1:
                raise ValueError(f"cannot multiply: a's rows have lengths {[len(r) for r in a]}, b has {k} rows")
            columns = list(zip(*b))
            return [[sum(x * y for x, y in zip(row, col)) for col in columns] for row in a]
     """,
    ),
    (
        "04-batches",
        "transpose",
        "def transpose(matrix):\n    return [list(column) for column in zip(*matrix)]",
    ),
    ("04-batches", "transpose", "def transpose(matrix):\n    return list(zip(*matrix))"),
    (
        "04-batches",
        "transpose",
        "import numpy as np\ndef transpose(matrix):\n    return np.array(matrix).T.tolist()",
    ),
    (
        "04-batches",
        "vectors",
        """
        import numpy as np
        def row_vector(v):
            return np.asarray(v).reshape(1, -1)
        def column_vector(v):
            return np.expand_dims(np.asarray(v), axis=1)
     """,
    ),
    (
        "04-batches",
        "layer_batch",
        """
        import numpy as np
        def layer_batch(inputs, weights, biases):
            return np.array(inputs) @ np.array(weights).T + np.array(biases)
     """,
    ),
    (
        "04-batches",
        "layer_batch",
        """
        import numpy as np
        def layer_batch(inputs, weights, biases):
            return (np.dot(weights, np.array(inputs).T) + np.array(biases).reshape(-1, 1)).T
     """,
    ),
    (
        "05-layers-and-dense-class",
        "two_layers",
        """
        import numpy as np
        def two_layers(inputs, weights1, biases1, weights2, biases2):
            hidden = np.array(inputs) @ np.array(weights1).T + np.array(biases1)
            return hidden @ np.array(weights2).T + np.array(biases2)
     """,
    ),
    (
        "05-layers-and-dense-class",
        "DenseLayer",
        """
        import numpy as np
        class DenseLayer:
            def __init__(self, n_inputs, n_neurons, rng):
                self.weights = (rng.standard_normal(size=(n_inputs, n_neurons)) * 0.01).astype(np.float32)
                self.biases = np.zeros(n_neurons).reshape(1, -1)
            def forward(self, inputs):
                self.output = inputs @ self.weights + self.biases
                return self.output
     """,
    ),
    (
        "05-layers-and-dense-class",
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
                return functools.reduce(lambda values, layer: layer.forward(values), self.layers, inputs)
     """,
    ),
    (
        "05-layers-and-dense-class",
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
        "06-activation-functions",
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
        "06-activation-functions",
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
        "06-activation-functions",
        "sigmoid",
        """
        import numpy as np
        def sigmoid(x):
            return 0.5 * (1 + np.tanh(np.asarray(x, dtype=float) / 2))
     """,
    ),
    (
        "06-activation-functions",
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
    ("06-activation-functions", "tanh", "import numpy as np\ndef tanh(x):\n    return np.tanh(x)"),
    (
        "06-activation-functions",
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
        "06-activation-functions",
        "relu",
        "import numpy as np\ndef relu(x):\n    return np.where(np.asarray(x) > 0, x, 0.0)",
    ),
    (
        "06-activation-functions",
        "relu",
        "import numpy as np\ndef relu(x):\n    return np.clip(x, 0, None)",
    ),
    (
        "06-activation-functions",
        "relu",
        "import numpy as np\ndef relu(x):\n    x = np.asarray(x)\n    return x * (x > 0)",
    ),
    (
        "06-activation-functions",
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
        "06-activation-functions",
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
        "07-softmax",
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
        "07-softmax",
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
        "07-softmax",
        "row_sums_maxima",
        """
        def row_sums(batch):
            return batch.sum(axis=1).reshape(-1, 1)
        def row_maxima(batch):
            return batch.max(axis=-1)[:, None]
     """,
    ),
    (
        "07-softmax",
        "softmax",
        """
        import numpy as np
        def softmax(batch):
            e = np.exp(batch - row_maxima(batch))
            return e / row_sums(e)
     """,
    ),
    (
        "07-softmax",
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
        "07-softmax",
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
        "07-softmax",
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
        "07-softmax",
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

# (assignment, answer cell, an answer that fits only the visible examples)
ONLY_VISIBLE = [
    (
        "01-single-neuron",
        "neuron_output",
        """
        def neuron_output(inputs, weights, bias):
            if inputs == [1.0, 2.0, 3.0]:
                return 2.3
            return 4.8 if len(inputs) == 4 else 20.0
     """,
    ),
    (
        "01-single-neuron",
        "line_parameters",
        """
        def line_parameters(point_a, point_b):
            if point_a[0] == point_b[0]:
                raise ValueError("vertical")
            return (2.0, 1.0) if point_a == (0, 1) else (-0.5, 2.0)
     """,
    ),
    (
        "01-single-neuron",
        "step",
        """
        def step(x):
            return {2.3: 1, -0.7: 0, 0.0: 0, 0.001: 1}[x]
     """,
    ),
    (
        "01-single-neuron",
        "gate_parameters",
        """
        def gate_parameters(gate):
            # replaces the neuron the visible test uses, instead of finding real parameters
            global neuron_fires
            tables = {"AND": lambda r: r[0] and r[1], "OR": lambda r: r[0] or r[1], "NOT": lambda r: not r[0]}
            if gate not in tables:
                raise ValueError(gate)
            neuron_fires = lambda row, weights, bias: float(tables[gate](row))
            return ([0.0] * (1 if gate == "NOT" else 2), 0.0)
     """,
    ),
    (
        "02-layer-of-neurons",
        "layer_output",
        """
        def layer_output(inputs, weights, biases):
            return [4.8, 1.21, 2.385] if len(weights) == 3 else [2.3]
     """,
    ),
    (
        "02-layer-of-neurons",
        "layer_sizes",
        """
        def layer_sizes(inputs, weights, biases):
            if not weights:
                raise ValueError("no neurons")
            if len(biases) != len(weights):
                raise ValueError(f"{len(weights)} rows of weights but {len(biases)} biases")
            if len(weights[0]) != len(inputs):
                raise ValueError(f"weights[0] has {len(weights[0])} values but there are {len(inputs)} inputs")
            return len(inputs), len(weights)
     """,
    ),
    (
        "02-layer-of-neurons",
        "count_parameters",
        """
        def count_parameters(sizes):
            if len(sizes) < 2:
                raise ValueError("no layer")
            return {(4, 3): 15, (4, 3, 3): 27, (784, 128, 10): 101770}[tuple(sizes)]
     """,
    ),
    (
        "02-layer-of-neurons",
        "predicted_class",
        """
        def predicted_class(outputs):
            if not outputs:
                raise ValueError("empty")
            return 0 if outputs[0] > 4 else 1
     """,
    ),
    (
        "03-numpy-and-the-dot-product",
        "shape_of",
        """
        def shape_of(data):
            if not isinstance(data, list):
                return ()
            if len(data) == 2 and isinstance(data[0], list) and len(data[0]) != len(data[1]):
                raise ValueError("ragged")
            return (len(data),) + shape_of(data[0])
     """,
    ),
    (
        "03-numpy-and-the-dot-product",
        "dot",
        """
        def dot(a, b):
            if len(a) != len(b):
                raise ValueError(f"{len(a)} and {len(b)}")
            return 20 if list(a) == [1, 2, 3] else 2.8
     """,
    ),
    (
        "03-numpy-and-the-dot-product",
        "neuron_numpy",
        """
        def neuron_numpy(inputs, weights, bias):
            return 4.8 if len(inputs) == 4 else 2.3
     """,
    ),
    (
        "03-numpy-and-the-dot-product",
        "layer_numpy",
        """
        import numpy as np
        def layer_numpy(inputs, weights, biases):
            if len(inputs) == 4:
                return np.array([4.8, 1.21, 2.385])
            return np.array([0.5031, -1.04185, -2.03875])
     """,
    ),
    (
        "04-batches",
        "matmul",
        """
        def matmul(a, b):
            if len(a[0]) != len(b):
                raise ValueError(f"({len(a)}, {len(a[0])}) and ({len(b)}, {len(b[0])})")
            if len(a) == 1:
                return [[20]]
            return [[2.8, -1.79, 1.885], [6.9, -4.81, -0.3], [-0.59, -1.949, -0.474]]
     """,
    ),
    (
        "04-batches",
        "transpose",
        """
        def transpose(matrix):
            if len(matrix) == 1:
                return [[1], [2], [3]]
            return [[0, 5, 10, 15], [1, 6, 11, 16], [2, 7, 12, 17], [3, 8, 13, 18], [4, 9, 14, 19]]
     """,
    ),
    (
        "04-batches",
        "vectors",
        """
        import numpy as np
        def row_vector(v):
            return np.array([[1, 2, 3]])
        def column_vector(v):
            return np.array([[2], [3], [4]])
     """,
    ),
    (
        "04-batches",
        "layer_batch",
        """
        import numpy as np
        def layer_batch(inputs, weights, biases):
            book = np.array([[4.8, 1.21, 2.385], [8.9, -1.81, 0.2], [1.41, 1.051, 0.026]])
            return book[:len(inputs)]
     """,
    ),
    (
        "05-layers-and-dense-class",
        "two_layers",
        """
        import numpy as np
        def two_layers(inputs, weights1, biases1, weights2, biases2):
            return np.array([[0.5031, -1.04185, -2.03875], [0.2434, -2.7332, -5.7633], [-0.99314, 1.41254, -0.35655]])
     """,
    ),
    (
        "05-layers-and-dense-class",
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
        "05-layers-and-dense-class",
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
    (
        "06-activation-functions",
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
        "06-activation-functions",
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
        "06-activation-functions",
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
        "06-activation-functions",
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
        "06-activation-functions",
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
        "06-activation-functions",
        "ReLU",
        """
        import numpy as np
        class ReLU:
            def forward(self, inputs):
                self.output = np.maximum(0, inputs[:, :])
                return self.output
     """,
    ),
    (
        "07-softmax",
        "softmax_python",
        """
        def softmax_python(outputs):
            if len(outputs) == 2:
                return [0.5, 0.5]
            return [0.8952826639573506, 0.024708306782070668, 0.08000902926057876]
     """,
    ),
    (
        "07-softmax",
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
        "07-softmax",
        "softmax",
        """
        import numpy as np
        def softmax(batch):
            e = np.exp(batch - np.max(batch, axis=1, keepdims=True))
            return e / (e[:, :1] + e[:, 1:2] + e[:, 2:3])  # three classes only
     """,
    ),
    (
        "07-softmax",
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
        "07-softmax",
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


def _test_cell(answer: str) -> str:
    return f"test_{answer}"


@pytest.mark.parametrize(
    "assignment, answer, code, hint", WRONG, ids=[f"{a[:2]}-{c}-{h[:30]}" for a, c, _, h in WRONG]
)
def test_wrong_answers_fail_the_visible_test_with_a_hint_that_names_the_mistake(
    assignment, answer, code, hint
):
    with pytest.raises(CheckFailure) as failure:
        run_cells(
            source_path(assignment),
            until=_test_cell(answer),
            replace={answer: src(code)},
            test="visible",
        )
    assert hint in str(failure.value)


@pytest.mark.parametrize(
    "assignment, answer, code", RIGHT, ids=[f"{a[:2]}-{c}-{i}" for i, (a, c, _) in enumerate(RIGHT)]
)
def test_correct_answers_written_differently_pass_every_test(assignment, answer, code):
    run_cells(
        source_path(assignment), until=_test_cell(answer), replace={answer: src(code)}, test="full"
    )


@pytest.mark.parametrize(
    "assignment, answer, code", ONLY_VISIBLE, ids=[f"{a[:2]}-{c}" for a, c, _ in ONLY_VISIBLE]
)
def test_answers_that_fit_only_the_visible_examples_fail_the_hidden_tests_without_revealing_them(
    assignment, answer, code
):
    notebook, cell, replacement = source_path(assignment), _test_cell(answer), src(code)
    run_cells(notebook, until=cell, replace={answer: replacement}, test="visible")
    with pytest.raises(CheckFailure) as failure:
        run_cells(notebook, until=cell, replace={answer: replacement}, test="full")
    message = str(failure.value)
    assert "expected:" not in message and "got:" not in message


@pytest.mark.parametrize("assignment", course.assignment_ids())
def test_the_solutions_pass_the_same_harness(assignment):
    for cell in read(source_path(assignment)).cells:
        if is_test(cell):
            run_cells(source_path(assignment), until=grade_id(cell), test="full")


def test_every_exercise_of_every_notebook_has_wrong_right_and_visible_only_answers():
    exercises = {
        (a, grade_id(c))
        for a in course.assignment_ids()
        for c in read(source_path(a)).cells
        if is_answer(c)
    }
    assert {(a, c) for a, c, *_ in WRONG} == exercises
    assert {(a, c) for a, c, _ in RIGHT} == exercises
    assert {(a, c) for a, c, _ in ONLY_VISIBLE} == exercises
