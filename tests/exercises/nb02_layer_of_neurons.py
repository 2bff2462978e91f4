"""Notebook 02 · A layer of neurons: answers students write to its exercises.

See :mod:`tests.exercises` for what WRONG, RIGHT and ONLY_VISIBLE hold and how they are
read, and tests/test_exercises.py for how they are run.

A code line longer than this file's 100 characters goes on after a backslash at the end of
a line, at the start of the next: Python joins the two, so the answer has it as one line.
"""

ASSIGNMENT = "02-layer-of-neurons"

# (answer cell, wrong answer, words the failure must contain)
WRONG = [
    # ---- layer_output
    (
        "layer_output",
        """
        def layer_output(inputs, weights, biases):
            return [sum(x * w for x, w in zip(inputs, row)) for row in weights]
     """,
        "the biases are missing",
    ),
    (
        "layer_output",
        """
        def layer_output(inputs, weights, biases):
            return [sum(x * w for x, w in zip(inputs, row)) + biases[0] for row in weights]
     """,
        "every neuron gets the first bias",
    ),
    (
        "layer_output",
        """
        def layer_output(inputs, weights, biases):
            for row, bias in zip(weights, biases):
                return sum(x * w for x, w in zip(inputs, row)) + bias
     """,
        "only the first neuron's output",
    ),
    (
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
        "layer_output",
        """
        def layer_output(inputs, weights, biases):
            return sum(sum(x * w for x, w in zip(inputs, row)) + b for row, b in zip(weights, \
biases))
     """,
        "added together",
    ),
    (
        "layer_output",
        """
        def layer_output(inputs, weights, biases):
            return [[sum(x * w for x, w in zip(inputs, row)) + b for row, b in zip(weights, \
biases)]]
     """,
        "one level too deep",
    ),
    (
        "layer_output",
        """
        def layer_output(inputs, weights, biases):
            outputs = [sum(x * w for x, w in zip(inputs, row)) + b for row, b in zip(weights, \
biases)]
            return outputs[0] if len(outputs) == 1 else outputs
     """,
        "still returns a list",
    ),
    (
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
    # ---- layer_sizes
    (
        "layer_sizes",
        """
        def layer_sizes(inputs, weights, biases):
            return len(weights), len(inputs)
     """,
        "the sizes are swapped",
    ),
    (
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
        "layer_sizes",
        """
        def layer_sizes(inputs, weights, biases):
            if not weights or len(biases) != len(weights) or any(len(r) != len(inputs) for r in \
weights):
                raise ValueError("the sizes do not match")
            return len(inputs), len(weights)
     """,
        "does not say enough",
    ),
    (
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
    # ---- count_parameters
    (
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
        "count_parameters",
        """
        def count_parameters(sizes):
            return sum(a * b + b for a, b in zip(sizes[:-1], sizes[1:]))
     """,
        "accepted bad input",
    ),
    (
        "count_parameters",
        """
        def count_parameters(sizes):
            if len(sizes) < 2:
                raise ValueError("no layer")
            return float(sum(a * b + b for a, b in zip(sizes[:-1], sizes[1:])))
     """,
        "where a whole number (int) is expected",
    ),
    # ---- predicted_class
    (
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
]

# (answer cell, a correct answer written differently from the solution)
RIGHT = [
    (
        "layer_output",
        """
        def layer_output(inputs, weights, biases):
            return [sum(x * w for x, w in zip(inputs, row)) + b for row, b in zip(weights, biases)]
     """,
    ),
    (
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
        "layer_output",
        """
        import numpy as np
        def layer_output(inputs, weights, biases):
            return (np.array(weights) @ np.array(inputs) + np.array(biases)).tolist()
     """,
    ),
    (
        "layer_sizes",
        """
        def layer_sizes(inputs, weights, biases):
            rows = len(weights)
            bad = [(i, len(r)) for i, r in enumerate(weights) if len(r) != len(inputs)]
            if bad:
                i, n = bad[0]
                raise ValueError(f"row {i} of the weights has {n} numbers, expected {len(inputs)} \
(one per input)")
            if rows < 1:
                raise ValueError("no neurons")
            if len(biases) != rows:
                raise ValueError(f"expected {rows} biases, got {len(biases)}")
            return len(inputs), rows
     """,
    ),
    (
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
        "predicted_class",
        """
        def predicted_class(outputs):
            return list(outputs).index(max(outputs))
     """,
    ),
    (
        "predicted_class",
        """
        import numpy as np
        def predicted_class(outputs):
            if len(outputs) == 0:
                raise ValueError("no outputs")
            return np.argmax(outputs)
     """,
    ),
]

# (answer cell, an answer that fits only the visible examples)
ONLY_VISIBLE = [
    (
        "layer_output",
        """
        def layer_output(inputs, weights, biases):
            return [4.8, 1.21, 2.385] if len(weights) == 3 else [2.3]
     """,
    ),
    (
        "layer_sizes",
        """
        def layer_sizes(inputs, weights, biases):
            if not weights:
                raise ValueError("no neurons")
            if len(biases) != len(weights):
                raise ValueError(f"{len(weights)} rows of weights but {len(biases)} biases")
            if len(weights[0]) != len(inputs):
                raise ValueError(f"weights[0] has {len(weights[0])} values but there are \
{len(inputs)} inputs")
            return len(inputs), len(weights)
     """,
    ),
    (
        "count_parameters",
        """
        def count_parameters(sizes):
            if len(sizes) < 2:
                raise ValueError("no layer")
            return {(4, 3): 15, (4, 3, 3): 27, (784, 128, 10): 101770}[tuple(sizes)]
     """,
    ),
    (
        "predicted_class",
        """
        def predicted_class(outputs):
            if not outputs:
                raise ValueError("empty")
            return 0 if outputs[0] > 4 else 1
     """,
    ),
]
