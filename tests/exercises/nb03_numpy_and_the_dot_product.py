"""Notebook 03 · numpy and the dot product: answers students write to its exercises.

See :mod:`tests.exercises` for what WRONG, RIGHT and ONLY_VISIBLE hold and how they are
read, and tests/test_exercises.py for how they are run. The wrong answers at the end of
WRONG name a secondary test: they pass the exercise's main test and lose only the points of
that requirement (a ValueError on a ragged list or on vectors of different lengths, a
message that names the lengths, an empty list).
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
        "only the outermost list is measured",
    ),
    (
        "shape_of",
        """
        def shape_of(data):
            if not isinstance(data, (list, tuple)) or not isinstance(data[0], (list, tuple)):
                return ()
            return (len(data),) + shape_of(data[0])
        """,
        "the last level, the lists that hold the numbers, is missing",
    ),
    (
        "shape_of",
        """
        def shape_of(data):
            if not isinstance(data, (list, tuple)):
                return ()
            if not isinstance(data[0], (list, tuple)):
                return (len(data),)
            return (len(data), len(data[0]))
        """,
        "the last level, the lists that hold the numbers, is missing",
    ),
    (
        "shape_of",
        """
        def shape_of(data):
            return len(data) if isinstance(data, (list, tuple)) else ()
        """,
        "a single number came back",
    ),
    (
        "shape_of",
        """
        def shape_of(data):
            if not isinstance(data, (list, tuple)):
                return ()
            inner = shape_of(data[0])
            return (len(data), inner) if inner else (len(data),)
        """,
        "the sizes are nested inside each other",
    ),
    (
        "shape_of",
        """
        def shape_of(data):
            shape = []
            level = [data]
            while isinstance(level[0], (list, tuple)):
                level = [item for part in level for item in part]
                shape.append(len(level))
            return tuple(shape)
        """,
        "each entry counts all the numbers or lists at its level",
    ),
    (
        "shape_of",
        """
        def shape_of(data):
            if not isinstance(data, (list, tuple)):
                return (1,)
            return (len(data),) + shape_of(data[0])
        """,
        "a number added a dimension of its own",
    ),
    (
        "shape_of",
        """
        def shape_of(data):
            if not isinstance(data, list):
                return ()
            shapes = [shape_of(item) for item in data]
            if any(s != shapes[0] for s in shapes):
                raise ValueError("not homologous")
            return (len(data),) + (shapes[0] if shapes else ())
        """,
        "a tuple was taken for a number",
    ),
    (
        "shape_of",
        """
        def shape_of(data):
            if isinstance(data, int):
                return ()
            shapes = [shape_of(item) for item in data]
            if any(s != shapes[0] for s in shapes):
                raise ValueError("not homologous")
            return (len(data),) + (shapes[0] if shapes else ())
        """,
        "floats are numbers too",
    ),
    (
        "shape_of",
        """
        def shape_of(data):
            if not isinstance(data, (list, tuple)):
                return None
            return (len(data),) + shape_of(data[0])
        """,
        "the shape of a number is not a tuple",
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
        "these are the products of the pairs",
    ),
    (
        "dot",
        """
        def dot(a, b):
            if len(a) != len(b):
                raise ValueError(f"{len(a)} != {len(b)}")
            return sum(x * y for x in a for y in b)
        """,
        "every element of a is multiplied with every element of b",
    ),
    (
        "dot",
        """
        def dot(a, b):
            if len(a) != len(b):
                raise ValueError(f"{len(a)} != {len(b)}")
            return sum(x + y for x, y in zip(a, b))
        """,
        "the pairs are added, not multiplied",
    ),
    (
        "dot",
        """
        def dot(a, b):
            if len(a) != len(b):
                raise ValueError(f"{len(a)} != {len(b)}")
            total = 0
            for x, y in zip(a, b):
                total += x * y
                return total
        """,
        "is the `return` inside the loop?",
    ),
    (
        "dot",
        """
        def dot(a, b):
            if len(a) != len(b):
                raise ValueError(f"{len(a)} != {len(b)}")
            for x, y in zip(a, b):
                total = 0
                total += x * y
            return total
        """,
        "only the last pair's product came back",
    ),
    (
        "dot",
        """
        def dot(a, b):
            if len(a) != len(b):
                raise ValueError(f"{len(a)} != {len(b)}")
            total = 0
            for i in range(len(a) - 1):
                total += a[i] * b[i]
            return total
        """,
        "the last pair is missing",
    ),
    (
        "dot",
        """
        def dot(a, b):
            if len(a) != len(b):
                raise ValueError(f"{len(a)} != {len(b)}")
            total = 0
            for i in range(1, len(a)):
                total += a[i] * b[i]
            return total
        """,
        "the first pair is missing",
    ),
    (
        "dot",
        """
        def dot(a, b):
            if len(a) != len(b):
                raise ValueError(f"{len(a)} != {len(b)}")
            return sum(x * y for x, y in zip(a, b)) / len(a)
        """,
        "the sum is divided by the number of pairs",
    ),
    (
        "dot",
        """
        def dot(a, b):
            if len(a) != len(b):
                raise ValueError(f"{len(a)} != {len(b)}")
            return round(sum(x * y for x, y in zip(a, b)))
        """,
        "a whole number came back",
    ),
    (
        "dot",
        """
        def dot(a, b):
            if len(a) != len(b):
                raise ValueError(f"{len(a)} != {len(b)}")
            return sum(x * x for x in a)
        """,
        "b never enters the result",
    ),
    (
        "dot",
        """
        def dot(a, b):
            if len(a) != len(b):
                raise ValueError(f"{len(a)} != {len(b)}")
            print(sum(x * y for x, y in zip(a, b)))
        """,
        "returned None",
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
            return np.dot(weights, inputs) * bias
        """,
        "the bias multiplies the weighted sum",
    ),
    (
        "neuron_numpy",
        """
        import numpy as np
        def neuron_numpy(inputs, weights, bias):
            return np.dot(weights, inputs) - bias
        """,
        "the bias is subtracted",
    ),
    (
        "neuron_numpy",
        """
        import numpy as np
        def neuron_numpy(inputs, weights, bias):
            return np.multiply(weights, inputs) + bias
        """,
        "these are the element-wise products",
    ),
    (
        "neuron_numpy",
        """
        import numpy as np
        def neuron_numpy(inputs, weights, bias):
            return np.sum(np.outer(weights, inputs)) + bias
        """,
        "an outer product",
    ),
    (
        "neuron_numpy",
        """
        import numpy as np
        def neuron_numpy(inputs, weights, bias):
            return np.mean(np.multiply(weights, inputs)) + bias
        """,
        "the products are averaged",
    ),
    (
        "neuron_numpy",
        """
        import numpy as np
        def neuron_numpy(inputs, weights, bias):
            return np.dot(weights, weights) + bias
        """,
        "the inputs never enter the result",
    ),
    (
        "neuron_numpy",
        """
        import numpy as np
        def neuron_numpy(inputs, weights, bias):
            return np.sum(inputs * weights) + bias
        """,
        "`*` between Python lists does not multiply element by element",
    ),
    (
        "neuron_numpy",
        """
        def neuron_numpy(inputs, weights, bias):
            return inputs @ weights + bias
        """,
        "`@` was given two Python lists or tuples",
    ),
    # ---- layer_numpy
    (
        "layer_numpy",
        """
        import numpy as np
        def layer_numpy(inputs, weights, biases):
            return np.dot(inputs, weights) + biases
        """,
        "in the wrong order for a layer",
    ),
    (
        "layer_numpy",
        """
        import numpy as np
        def layer_numpy(inputs, weights, biases):
            return np.array(inputs) @ np.array(weights) + np.array(biases)
        """,
        "in the wrong order for a layer",
    ),
    (
        "layer_numpy",
        """
        import numpy as np
        def layer_numpy(inputs, weights, biases):
            return np.einsum("i,ij->j", inputs, weights) + biases
        """,
        "in the wrong order for a layer",
    ),
    (
        "layer_numpy",
        """
        import numpy as np
        def layer_numpy(inputs, weights, biases):
            return np.dot(np.array(weights).T, inputs) + biases
        """,
        "or the weights are transposed",
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
            return np.sum(np.dot(weights, inputs) + biases)
        """,
        "the layer's outputs are added up into one number",
    ),
    (
        "layer_numpy",
        """
        import numpy as np
        def layer_numpy(inputs, weights, biases):
            return np.sum(np.multiply(weights, inputs)) + np.array(biases)
        """,
        "every neuron got the sum of ALL the products",
    ),
    (
        "layer_numpy",
        """
        import numpy as np
        def layer_numpy(inputs, weights, biases):
            return np.multiply(weights, inputs)
        """,
        "this is the table of element-wise products",
    ),
    (
        "layer_numpy",
        """
        import numpy as np
        def layer_numpy(inputs, weights, biases):
            return np.dot(weights, inputs) + np.array(biases).reshape(-1, 1)
        """,
        "the biases are a column",
    ),
    (
        "layer_numpy",
        """
        import numpy as np
        def layer_numpy(inputs, weights, biases):
            return np.dot(weights, inputs) + biases[0]
        """,
        "every neuron got the same bias",
    ),
    (
        "layer_numpy",
        """
        import numpy as np
        def layer_numpy(inputs, weights, biases):
            return np.array([np.dot(row, inputs) for row in weights] + biases)
        """,
        "the biases were appended after the outputs",
    ),
    (
        "layer_numpy",
        """
        import numpy as np
        def layer_numpy(inputs, weights, biases):
            outputs = []
            for row, bias in zip(weights, biases):
                outputs.append(np.dot(row, inputs) + bias)
                return np.array(outputs)
        """,
        "only the first neuron's output came back",
    ),
    (
        "layer_numpy",
        """
        import numpy as np
        def layer_numpy(inputs, weights, biases):
            for row, bias in zip(weights, biases):
                output = np.dot(row, inputs) + bias
            return output
        """,
        "only the last neuron's output came back",
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
    # ---- secondary requirements, each caught by its own test cell
    (
        "shape_of",
        """
        def shape_of(data):
            if not isinstance(data, (list, tuple)):
                return ()
            return (len(data),) + (shape_of(data[0]) if data else ())
        """,
        "shape_of accepted bad input",
        "test_shape_of_ragged",
    ),
    (
        "shape_of",
        """
        def shape_of(data):
            if not isinstance(data, (list, tuple)):
                return ()
            if data and isinstance(data[0], (list, tuple)):
                if len({len(item) for item in data}) > 1:
                    raise ValueError("rows of different lengths")
            return (len(data),) + (shape_of(data[0]) if data else ())
        """,
        "raised TypeError instead of ValueError",
        "test_shape_of_ragged",
    ),
    (
        "shape_of",
        """
        def shape_of(data):
            if not isinstance(data, (list, tuple)):
                return ()
            first = shape_of(data[0])
            if any(shape_of(item) != first for item in data):
                raise ValueError("not homologous")
            return (len(data),) + first
        """,
        "an empty list has no first item",
        "test_shape_of_empty",
    ),
    (
        "dot",
        """
        def dot(a, b):
            return sum(x * y for x, y in zip(a, b))
        """,
        "dot accepted bad input",
        "test_dot_lengths",
    ),
    (
        "dot",
        """
        def dot(a, b):
            assert len(a) == len(b), f"{len(a)} != {len(b)}"
            return sum(x * y for x, y in zip(a, b))
        """,
        "raised AssertionError instead of ValueError",
        "test_dot_lengths",
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
        "test_dot_message",
    ),
    (
        "shape_of",
        """
        def shape_of(data):
            if not isinstance(data, (list, tuple)):
                return ()
            item_shapes = [shape_of(item) for item in data]
            if any(shape != item_shapes[0] for shape in item_shapes):
                raise Exception("the list is not homologous")
            return (len(data),) + (item_shapes[0] if item_shapes else ())
        """,
        "raised Exception instead of ValueError",
        "test_shape_of_ragged",
    ),
    (
        "shape_of",
        """
        def shape_of(data):
            if not isinstance(data, (list, tuple)):
                return ()
            item_shapes = [shape_of(item) for item in data]
            assert all(shape == item_shapes[0] for shape in item_shapes), "not homologous"
            return (len(data),) + (item_shapes[0] if item_shapes else ())
        """,
        "raised AssertionError instead of ValueError",
        "test_shape_of_ragged",
    ),
    (
        "shape_of",
        """
        def shape_of(data):
            if not isinstance(data, (list, tuple)) or len(data) == 0:
                return ()
            item_shapes = [shape_of(item) for item in data]
            if any(shape != item_shapes[0] for shape in item_shapes):
                raise ValueError("not homologous")
            return (len(data),) + item_shapes[0]
        """,
        "an empty list came back with the shape of a number",
        "test_shape_of_empty",
    ),
    (
        "dot",
        """
        def dot(a, b):
            total = 0
            for i in range(len(a)):
                total += a[i] * b[i]
            return total
        """,
        "raised IndexError instead of ValueError",
        "test_dot_lengths",
    ),
    (
        "dot",
        """
        def dot(a, b):
            if len(a) != len(b):
                raise TypeError(f"vectors of lengths {len(a)} and {len(b)}")
            return sum(x * y for x, y in zip(a, b))
        """,
        "raised TypeError instead of ValueError",
        "test_dot_lengths",
    ),
    (
        "dot",
        """
        def dot(a, b):
            return sum(x * y for x, y in zip(a, b, strict=True))
        """,
        "dot raised ValueError, but its message does not say enough",
        "test_dot_message",
    ),
    (
        "dot",
        """
        def dot(a, b):
            if len(a) != len(b):
                raise ValueError(f"b should have {len(a)} elements")
            return sum(x * y for x, y in zip(a, b))
        """,
        "does not say enough",
        "test_dot_message",
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
        def shape_of(data):
            if not isinstance(data, (list, tuple)):
                return ()
            if len(data) == 0:
                return (0,)
            first = shape_of(data[0])
            for item in data[1:]:
                if shape_of(item) != first:
                    raise ValueError(f"item of shape {shape_of(item)} next to one of shape {first}")
            return (len(data),) + first
        """,
    ),
    (
        "shape_of",
        """
        import numbers
        def shape_of(data):
            if isinstance(data, numbers.Number):
                return ()
            shape = [len(data)]
            inner = None
            for item in data:
                s = shape_of(item)
                if inner is None:
                    inner = s
                elif s != inner:
                    raise ValueError("the list is not homologous")
            return tuple(shape) + (inner or ())
        """,
    ),
    (
        "shape_of",
        """
        def shape_of(data):
            shape = []
            level = [data]
            while all(isinstance(x, (list, tuple)) for x in level):
                sizes = {len(x) for x in level}
                if len(sizes) != 1:
                    raise ValueError(f"lists of lengths {sorted(sizes)} at one level")
                shape.append(sizes.pop())
                level = [item for x in level for item in x]
                if not level:
                    break
            if any(isinstance(x, (list, tuple)) for x in level):
                raise ValueError("numbers and lists mixed at one level")
            return tuple(shape)
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
        def dot(a, b):
            if len(a) != len(b):
                raise ValueError(f"got vectors of {len(a)} and {len(b)} elements")
            total = 0.0
            for i in range(len(a)):
                total = total + a[i] * b[i]
            return total
        """,
    ),
    (
        "dot",
        """
        def dot(a, b):
            if len(a) != len(b):
                raise ValueError("a has %d elements but b has %d" % (len(a), len(b)))
            total = 0
            for x, y in zip(a, b):
                total += x * y
            return total
        """,
    ),
    (
        "dot",
        """
        import math
        def dot(a, b):
            if len(a) != len(b):
                raise ValueError("lengths differ: " + str(len(a)) + " vs " + str(len(b)))
            return math.fsum(x * y for x, y in zip(a, b))
        """,
    ),
    (
        "dot",
        """
        def dot(a, b):
            if len(a) != len(b):
                raise ValueError(f"{len(a)=} {len(b)=}")
            return sum(map(lambda x, y: x * y, a, b))
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
        "neuron_numpy",
        """
        import numpy as np
        def neuron_numpy(inputs, weights, bias):
            return np.dot(inputs, weights) + bias
        """,
    ),
    (
        "neuron_numpy",
        """
        import numpy as np
        def neuron_numpy(inputs, weights, bias):
            return np.matmul(np.asarray(weights), np.asarray(inputs)) + bias
        """,
    ),
    (
        "neuron_numpy",
        """
        import numpy as np
        def neuron_numpy(inputs, weights, bias):
            return np.asarray(weights) @ inputs + bias
        """,
    ),
    (
        "neuron_numpy",
        """
        import numpy as np
        def neuron_numpy(inputs, weights, bias):
            return np.einsum("i,i->", weights, inputs) + bias
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
    (
        "layer_numpy",
        """
        import numpy as np
        def layer_numpy(inputs, weights, biases):
            return np.asarray(weights) @ np.asarray(inputs) + np.asarray(biases)
        """,
    ),
    (
        "layer_numpy",
        """
        import numpy as np
        def layer_numpy(inputs, weights, biases):
            return np.dot(inputs, np.array(weights).T) + biases
        """,
    ),
    (
        "layer_numpy",
        """
        import numpy as np
        def layer_numpy(inputs, weights, biases):
            return np.einsum("ij,j->i", weights, inputs) + biases
        """,
    ),
    (
        "layer_numpy",
        """
        import numpy as np
        def layer_numpy(inputs, weights, biases):
            weights = np.array(weights, dtype=float)
            inputs = np.array(inputs, dtype=float)
            return weights.dot(inputs) + np.array(biases, dtype=float)
        """,
    ),
]

# (answer cell, an answer that fits only the visible examples)
ONLY_VISIBLE = [
    (
        "shape_of",
        """
        def shape_of(data):
            if not isinstance(data, (list, tuple)):
                return ()
            if isinstance(data[0], (list, tuple)) and isinstance(data[0][0], (list, tuple)):
                return (3, 2, 4)
            if isinstance(data[0], (list, tuple)):
                return (len(data), 2)
            return (len(data),)
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
