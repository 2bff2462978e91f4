"""Notebook 03 · numpy and the dot product: answers students write to its exercises.

See :mod:`tests.exercises` for what WRONG, RIGHT and ONLY_VISIBLE hold and how they are
read, and tests/test_exercises.py for how they are run.
"""

ASSIGNMENT = "03-numpy-and-the-dot-product"

# (answer cell, wrong answer, words the failure must contain)
WRONG = [
    # ---- shape_of
    (
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
        "shape_of",
        """
        def shape_of(data):
            return (len(data),) if isinstance(data, (list, tuple)) else ()
     """,
        "only the outer list is measured",
    ),
    (
        "shape_of",
        """
        def shape_of(data):
            return len(data) if isinstance(data, (list, tuple)) else ()
     """,
        "return a tuple of sizes",
    ),
    (
        "shape_of",
        """
        def shape_of(data):
            if not isinstance(data, (list, tuple)):
                return ()
            return (len(data),) + shape_of(data[0])
     """,
        "accepted bad input",
    ),
    # ---- dot
    (
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
        "dot",
        """
        def dot(a, b):
            return sum(x * y for x, y in zip(a, b))
     """,
        "accepted bad input",
    ),
    (
        "dot",
        """
        def dot(a, b):
            if len(a) != len(b):
                raise ValueError("the vectors must have the same length")
            return sum(x * y for x, y in zip(a, b))
     """,
        "does not say enough",
    ),
    # ---- neuron_numpy
    (
        "neuron_numpy",
        """
        import numpy as np
        def neuron_numpy(inputs, weights, bias):
            return np.dot(weights, inputs)
     """,
        "the bias is missing",
    ),
    (
        "neuron_numpy",
        """
        import numpy as np
        def neuron_numpy(inputs, weights, bias):
            return np.sum(np.multiply(weights, inputs) + bias)
     """,
        "the bias is added to every product",
    ),
    (
        "neuron_numpy",
        """
        import numpy as np
        def neuron_numpy(inputs, weights, bias):
            return np.multiply(weights, inputs) + bias
     """,
        "where a single number is expected",
    ),
    # ---- layer_numpy
    (
        "layer_numpy",
        """
        import numpy as np
        def layer_numpy(inputs, weights, biases):
            return np.dot(inputs, weights) + biases
     """,
        "Put the weights first",
    ),
    (
        "layer_numpy",
        """
        import numpy as np
        def layer_numpy(inputs, weights, biases):
            return np.dot(weights, inputs)
     """,
        "the biases are missing",
    ),
    (
        "layer_numpy",
        """
        import numpy as np
        def layer_numpy(inputs, weights, biases):
            return (np.dot(weights, inputs) + biases).tolist()
     """,
        "returned a Python list where a numpy array is expected",
    ),
]

# (answer cell, a correct answer written differently from the solution)
RIGHT = [
    (
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
        "shape_of",
        """
        import numpy as np
        def shape_of(data):
            return np.array(data).shape
     """,
    ),
    (
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
        "neuron_numpy",
        """
        import numpy as np
        def neuron_numpy(inputs, weights, bias):
            return np.array(inputs, dtype=float) @ np.array(weights, dtype=float) + bias
     """,
    ),
    (
        "neuron_numpy",
        """
        import numpy as np
        def neuron_numpy(inputs, weights, bias):
            return float(np.sum(np.multiply(inputs, weights)) + bias)
     """,
    ),
    (
        "layer_numpy",
        """
        import numpy as np
        def layer_numpy(inputs, weights, biases):
            return np.matmul(weights, inputs) + np.array(biases)
     """,
    ),
    (
        "layer_numpy",
        """
        import numpy as np
        def layer_numpy(inputs, weights, biases):
            return np.array([np.dot(row, inputs) + b for row, b in zip(weights, biases)])
     """,
    ),
]

# (answer cell, an answer that fits only the visible examples)
ONLY_VISIBLE = [
    (
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
        "dot",
        """
        def dot(a, b):
            if len(a) != len(b):
                raise ValueError(f"{len(a)} and {len(b)}")
            return 20 if list(a) == [1, 2, 3] else 2.8
     """,
    ),
    (
        "neuron_numpy",
        """
        def neuron_numpy(inputs, weights, bias):
            return 4.8 if len(inputs) == 4 else 2.3
     """,
    ),
    (
        "layer_numpy",
        """
        import numpy as np
        def layer_numpy(inputs, weights, biases):
            if len(inputs) == 4:
                return np.array([4.8, 1.21, 2.385])
            return np.array([0.5031, -1.04185, -2.03875])
     """,
    ),
]
