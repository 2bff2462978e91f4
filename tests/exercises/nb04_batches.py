"""Notebook 04 · Batches: answers students write to its exercises.

See :mod:`tests.exercises` for what WRONG, RIGHT and ONLY_VISIBLE hold and how they are
read, and tests/test_exercises.py for how they are run.

A code line longer than this file's 100 characters goes on after a backslash at the end of
a line, at the start of the next: Python joins the two, so the answer has it as one line.
"""

ASSIGNMENT = "04-batches"

# (answer cell, wrong answer, words the failure must contain)
WRONG = [
    # ---- matmul
    (
        "matmul",
        """
        def matmul(a, b):
            return [sum(a[i][t] * b[t][j] for t in range(len(b))) for i in range(len(a)) \
for j in range(len(b[0]))]
     """,
        "the result is flat",
    ),
    (
        "matmul",
        """
        def matmul(a, b):
            if len(a[0]) != len(b):
                raise ValueError(f"shapes ({len(a)}, {len(a[0])}) and ({len(b)}, {len(b[0])})")
            return [[sum(a[i][t] * b[t][j] for t in range(len(b))) for i in range(len(a))] \
for j in range(len(b[0]))]
     """,
        "the result is transposed",
    ),
    (
        "matmul",
        """
        def matmul(a, b):
            return [[sum(x * y for x, y in zip(row, col)) for col in zip(*a)] for row in b]
     """,
        "this is b times a",
    ),
    (
        "matmul",
        """
        def matmul(a, b):
            return [[[x * y for x, y in zip(row, col)] for col in zip(*b)] for row in a]
     """,
        "each entry is a list of products",
    ),
    (
        "matmul",
        """
        def matmul(a, b):
            return [[sum(x * y for x, y in zip(row, other)) for other in b] for row in a]
     """,
        "each row of a is dotted with a row of b",
    ),
    (
        "matmul",
        """
        def matmul(a, b):
            k = len(b)
            return [[sum(a[i][t] * b[t][j] for t in range(1, k)) for j in range(len(b[0]))] \
for i in range(len(a))]
     """,
        "one term of every dot product is missing",
    ),
    (
        "matmul",
        """
        def matmul(a, b):
            result = []
            for i in range(len(a)):
                row = []
                for j in range(len(b[0])):
                    total = 0
                    for t in range(len(a)):
                        total += a[i][t] * b[t][j]
                    row.append(total)
                result.append(row)
            return result
     """,
        "the sum runs over the number of rows of a",
    ),
    (
        "matmul",
        """
        def matmul(a, b):
            result = []
            for row in a:
                result.append([sum(x * y for x, y in zip(row, col)) for col in zip(*b)])
                return result
     """,
        "look for a return inside a loop",
    ),
    (
        "matmul",
        """
        def matmul(a, b):
            n, m = len(a), len(b[0])
            result = [[0] * m] * n
            for i in range(n):
                for j in range(m):
                    result[i][j] = sum(a[i][t] * b[t][j] for t in range(len(b)))
            return result
     """,
        "every row of the result is the same",
    ),
    (
        "matmul",
        """
        def matmul(a, b):
            result = []
            for i in range(len(a)):
                row = []
                for j in range(len(b)):
                    row.append(sum(a[i][t] * b[t][j] for t in range(len(b))))
                result.append(row)
            return result
     """,
        "an index ran past the end of a list",
    ),
    (
        "matmul",
        """
        import numpy as np
        def matmul(a, b):
            return np.dot(a, b)
     """,
        "returned a numpy array where a Python list is expected",
    ),
    # ---- transpose
    (
        "transpose",
        "def transpose(matrix):\n    return matrix",
        "the result is the input unchanged",
    ),
    (
        "transpose",
        """
        def transpose(matrix):
            return [row[j] for j in range(len(matrix[0])) for row in matrix]
     """,
        "the result is flat",
    ),
    (
        "transpose",
        """
        def transpose(matrix):
            return [[row[j] for row in matrix] for j in range(len(matrix))]
     """,
        "one row per ROW of the input",
    ),
    (
        "transpose",
        "def transpose(matrix):\n    return list(zip(*matrix))",
        "the rows are tuples",
    ),
    (
        "transpose",
        """
        def transpose(matrix):
            return [[row[j] for row in reversed(matrix)] for j in range(len(matrix[0]))]
     """,
        "the matrix is rotated, not transposed",
    ),
    (
        "transpose",
        """
        def transpose(matrix):
            result = []
            for j in range(len(matrix[0])):
                result.append([row[j] for row in matrix])
                return result
     """,
        "look for a return inside the loop",
    ),
    (
        "transpose",
        """
        def transpose(matrix):
            n, m = len(matrix), len(matrix[0])
            result = [[0] * n] * m
            for i in range(n):
                for j in range(m):
                    result[j][i] = matrix[i][j]
            return result
     """,
        "every row of the result is the same",
    ),
    (
        "transpose",
        """
        def transpose(matrix):
            return [[matrix[j][i] for j in range(len(matrix[0]))] for i in range(len(matrix))]
     """,
        "an index ran past the end of a list",
    ),
    (
        "transpose",
        "import numpy as np\ndef transpose(matrix):\n    return np.array(matrix).T",
        "returned a numpy array where a Python list is expected",
    ),
    # ---- vectors
    (
        "vectors",
        """
        import numpy as np
        def row_vector(v):
            return np.array(v)
        def column_vector(v):
            return np.array([v]).T
     """,
        "still a 1-D vector of shape (n,)",
    ),
    (
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
        "vectors",
        """
        import numpy as np
        def row_vector(v):
            return np.array([v])
        def column_vector(v):
            return np.array([v])
     """,
        "this is a row vector (1, n)",
    ),
    (
        "vectors",
        """
        import numpy as np
        def row_vector(v):
            return np.array([v]).T
        def column_vector(v):
            return np.array([v]).T
     """,
        "this is a column (n, 1), not a row",
    ),
    (
        "vectors",
        """
        import numpy as np
        def row_vector(v):
            return [list(v)]
        def column_vector(v):
            return np.array([v]).T
     """,
        "returned a Python list where a numpy array is expected",
    ),
    (
        "vectors",
        """
        import numpy as np
        def row_vector(v):
            return np.array([v])
        def column_vector(v):
            return [[x] for x in v]
     """,
        "returned a Python list where a numpy array is expected",
    ),
    (
        "vectors",
        """
        import numpy as np
        def row_vector(v):
            return np.array([[v]])
        def column_vector(v):
            return np.array([v]).T
     """,
        "nested one level too deep",
    ),
    (
        "vectors",
        """
        import numpy as np
        def row_vector(v):
            return v.reshape(1, -1)
        def column_vector(v):
            return np.array([v]).T
     """,
        "have no numpy attributes",
    ),
    (
        "vectors",
        """
        import numpy as np
        def row_vector(v):
            return np.array([v])
        def column_vector(v):
            v = np.asarray(v)
            v.shape = (len(v), 1)
            return v
     """,
        "changed its input `v` in place",
    ),
    # ---- broadcast_shape
    (
        "broadcast_shape",
        """
        from itertools import zip_longest
        def broadcast_shape(shape_a, shape_b):
            return tuple(max(x, y) for x, y in zip_longest(shape_a, shape_b, fillvalue=1))
     """,
        "the shapes are lined up from the left",
    ),
    (
        "broadcast_shape",
        """
        def broadcast_shape(shape_a, shape_b):
            pairs = zip(reversed(shape_a), reversed(shape_b))
            return tuple(reversed([max(x, y) for x, y in pairs]))
     """,
        "as many dimensions as the longer of the two shapes",
    ),
    (
        "broadcast_shape",
        """
        def broadcast_shape(shape_a, shape_b):
            return max(shape_a, shape_b)
     """,
        "the result is one of the two shapes unchanged",
    ),
    (
        "broadcast_shape",
        """
        def broadcast_shape(shape_a, shape_b):
            return shape_a if len(shape_a) >= len(shape_b) else shape_b
     """,
        "the result is one of the two shapes unchanged",
    ),
    (
        "broadcast_shape",
        """
        def broadcast_shape(shape_a, shape_b):
            n = max(len(shape_a), len(shape_b))
            a = (1,) * (n - len(shape_a)) + shape_a
            b = (1,) * (n - len(shape_b)) + shape_b
            return tuple(min(x, y) for x, y in zip(a, b))
     """,
        "a size 1 won over the other size",
    ),
    (
        "broadcast_shape",
        """
        def broadcast_shape(shape_a, shape_b):
            n = max(len(shape_a), len(shape_b))
            a = (1,) * (n - len(shape_a)) + shape_a
            b = (1,) * (n - len(shape_b)) + shape_b
            return tuple(x * y for x, y in zip(a, b))
     """,
        "sizes were multiplied",
    ),
    (
        "broadcast_shape",
        """
        def broadcast_shape(shape_a, shape_b):
            a, b = list(reversed(shape_a)), list(reversed(shape_b))
            result = []
            for i in range(max(len(a), len(b))):
                x = a[i] if i < len(a) else 1
                y = b[i] if i < len(b) else 1
                result.append(max(x, y))
            return tuple(result)
     """,
        "the dimensions come out in reverse order",
    ),
    (
        "broadcast_shape",
        """
        def broadcast_shape(shape_a, shape_b):
            return shape_a + shape_b
     """,
        "the two shapes are joined end to end",
    ),
    (
        "broadcast_shape",
        """
        def broadcast_shape(shape_a, shape_b):
            if len(shape_a) != len(shape_b):
                raise ValueError("the shapes have different lengths")
            return tuple(max(x, y) for x, y in zip(shape_a, shape_b))
     """,
        "ValueError for shapes that do broadcast",
    ),
    (
        "broadcast_shape",
        """
        def broadcast_shape(shape_a, shape_b):
            n = max(len(shape_a), len(shape_b))
            a = (1,) * (n - len(shape_a)) + shape_a
            b = (1,) * (n - len(shape_b)) + shape_b
            if a != b:
                raise ValueError(f"{shape_a} and {shape_b} differ")
            return a
     """,
        "ValueError for shapes that do broadcast",
    ),
    (
        "broadcast_shape",
        """
        def broadcast_shape(shape_a, shape_b):
            return (max(shape_a[0], shape_b[0]), max(shape_a[1], shape_b[1]))
     """,
        "an index ran past the end of a shape",
    ),
    (
        "broadcast_shape",
        """
        def broadcast_shape(shape_a, shape_b):
            n = max(len(shape_a), len(shape_b))
            a = (1,) * (n - len(shape_a)) + shape_a
            b = (1,) * (n - len(shape_b)) + shape_b
            result = []
            for x, y in zip(a, b):
                if x != y and 1 not in (x, y):
                    raise ValueError(f"{x} and {y} do not fit")
                result.append(max(x, y))
     """,
        "returned None",
    ),
    # ---- layer_batch
    (
        "layer_batch",
        """
        import numpy as np
        def layer_batch(inputs, weights, biases):
            return np.dot(inputs, weights) + biases
     """,
        "the weights are not transposed",
    ),
    (
        "layer_batch",
        """
        import numpy as np
        def layer_batch(inputs, weights, biases):
            return np.asarray(inputs) @ np.asarray(weights) + biases
     """,
        "the weights are not transposed",
    ),
    (
        "layer_batch",
        """
        import numpy as np
        def layer_batch(inputs, weights, biases):
            return np.dot(weights, np.array(inputs).T) + biases
     """,
        "organised neuron by sample",
    ),
    (
        "layer_batch",
        """
        import numpy as np
        def layer_batch(inputs, weights, biases):
            return np.dot(weights, np.array(inputs).T) + np.array(biases).reshape(-1, 1)
     """,
        "the result is transposed",
    ),
    (
        "layer_batch",
        """
        import numpy as np
        def layer_batch(inputs, weights, biases):
            return np.dot(inputs, np.array(weights).T) + np.array(biases).reshape(-1, 1)
     """,
        "the biases are added as a column",
    ),
    (
        "layer_batch",
        """
        import numpy as np
        def layer_batch(inputs, weights, biases):
            return np.dot(inputs, np.array(weights).T)
     """,
        "the biases are missing",
    ),
    (
        "layer_batch",
        """
        import numpy as np
        def layer_batch(inputs, weights, biases):
            return np.dot(inputs, np.array(weights).T) + sum(biases)
     """,
        "the same number is added to every output",
    ),
    (
        "layer_batch",
        """
        import numpy as np
        def layer_batch(inputs, weights, biases):
            outputs = np.zeros((len(inputs), len(weights)))
            for i, sample in enumerate(inputs):
                for j, (neuron, bias) in enumerate(zip(weights, biases)):
                    for x, w in zip(sample, neuron):
                        outputs[i, j] += x * w + bias
            return outputs
     """,
        "each bias is added more than once",
    ),
    (
        "layer_batch",
        """
        import numpy as np
        def layer_batch(inputs, weights, biases):
            return [[float(np.dot(sample, neuron)) + bias for neuron, bias in \
zip(weights, biases)] for sample in inputs]
     """,
        "returned a Python list where a numpy array is expected",
    ),
    (
        "layer_batch",
        """
        import numpy as np
        def layer_batch(inputs, weights, biases):
            return np.squeeze(np.dot(inputs, np.array(weights).T) + biases)
     """,
        "a batch of one sample must still give a 2-D result",
    ),
    (
        "layer_batch",
        """
        import numpy as np
        def layer_batch(inputs, weights, biases):
            return np.dot(inputs, weights.T) + biases
     """,
        "a nested list (or tuple) has no .T",
    ),
    (
        "layer_batch",
        """
        import numpy as np
        def layer_batch(inputs, weights, biases):
            return np.sum(np.array(inputs) * np.array(weights), axis=1) + biases
     """,
        "each sample met only one neuron's weights",
    ),
    (
        "layer_batch",
        """
        import numpy as np
        def layer_batch(inputs, weights, biases):
            for sample in inputs:
                return np.dot(weights, sample) + biases
     """,
        "look for a return inside the loop over the samples",
    ),
    # ---- secondary requirements, each caught by its own test cell
    (
        "matmul",
        """
        def matmul(a, b):
            n, k, m = len(a), len(a[0]), len(b[0])
            return [[sum(a[i][t] * b[t][j] for t in range(k)) for j in range(m)] for i in range(n)]
        """,
        "raised IndexError instead of ValueError",
        "test_matmul_shapes",
    ),
    (
        "matmul",
        """
        def matmul(a, b):
            return [[sum(x * y for x, y in zip(row, column)) for column in zip(*b)] for row in a]
        """,
        "matmul accepted bad input",
        "test_matmul_shapes",
    ),
    (
        "matmul",
        """
        def matmul(a, b):
            if len(a[0]) != len(b):
                raise ValueError("the shapes of a and b do not fit")
            return [[sum(x * y for x, y in zip(row, column)) for column in zip(*b)] for row in a]
        """,
        "matmul raised ValueError, but its message does not say enough",
        "test_matmul_shapes",
    ),
    (
        "matmul",
        """
        def matmul(a, b):
            n, k, m = len(a), len(a[0]), len(b[0])
            if k != len(b):
                raise ValueError(f"shapes ({n}, {k}) and ({len(b)}, {m}) do not fit")
            return [[sum(a[i][t] * b[t][j] for t in range(k)) for j in range(m)] for i in range(n)]
        """,
        "raised IndexError instead of ValueError",
        "test_matmul_shapes",
    ),
    (
        "matmul",
        """
        def matmul(a, b):
            n, k, m = len(a), len(a[0]), len(b[0])
            assert k == len(b), f"shapes ({n}, {k}) and ({len(b)}, {m}) do not fit"
            return [[sum(a[i][t] * b[t][j] for t in range(k)) for j in range(m)] for i in range(n)]
        """,
        "raised AssertionError instead of ValueError",
        "test_matmul_shapes",
    ),
    (
        "broadcast_shape",
        """
        def broadcast_shape(shape_a, shape_b):
            n = max(len(shape_a), len(shape_b))
            padded_a = (1,) * (n - len(shape_a)) + tuple(shape_a)
            padded_b = (1,) * (n - len(shape_b)) + tuple(shape_b)
            return tuple(max(x, y) for x, y in zip(padded_a, padded_b))
        """,
        "broadcast_shape accepted bad input",
        "test_broadcast_shape_mismatch",
    ),
    (
        "broadcast_shape",
        """
        def broadcast_shape(shape_a, shape_b):
            n = max(len(shape_a), len(shape_b))
            padded_a = (1,) * (n - len(shape_a)) + tuple(shape_a)
            padded_b = (1,) * (n - len(shape_b)) + tuple(shape_b)
            result = []
            for x, y in zip(padded_a, padded_b):
                if x != y and 1 not in (x, y):
                    return None
                result.append(max(x, y))
            return tuple(result)
        """,
        "broadcast_shape accepted bad input and returned None",
        "test_broadcast_shape_mismatch",
    ),
    (
        "broadcast_shape",
        """
        def broadcast_shape(shape_a, shape_b):
            n = max(len(shape_a), len(shape_b))
            padded_a = (1,) * (n - len(shape_a)) + tuple(shape_a)
            padded_b = (1,) * (n - len(shape_b)) + tuple(shape_b)
            result = []
            for x, y in zip(padded_a, padded_b):
                if x != y and 1 not in (x, y):
                    raise Exception(f"cannot broadcast {shape_a} and {shape_b}")
                result.append(max(x, y))
            return tuple(result)
        """,
        "raised Exception instead of ValueError",
        "test_broadcast_shape_mismatch",
    ),
    (
        "broadcast_shape",
        """
        def broadcast_shape(shape_a, shape_b):
            n = max(len(shape_a), len(shape_b))
            padded_a = (1,) * (n - len(shape_a)) + tuple(shape_a)
            padded_b = (1,) * (n - len(shape_b)) + tuple(shape_b)
            result = []
            for x, y in zip(padded_a, padded_b):
                assert x == y or 1 in (x, y), f"cannot broadcast {shape_a} and {shape_b}"
                result.append(max(x, y))
            return tuple(result)
        """,
        "raised AssertionError instead of ValueError",
        "test_broadcast_shape_mismatch",
    ),
]

# (answer cell, a correct answer written differently from the solution)
RIGHT = [
    (
        "matmul",
        """
        import numpy as np
        def matmul(a, b):
            return np.dot(np.array(a, dtype=float), np.array(b, dtype=float)).tolist()
     """,
    ),
    (
        "matmul",
        """
        def matmul(a, b):
            k = len(b)
            if any(len(row) != k for row in a) or len({len(row) for row in b}) > 1:
                raise ValueError(f"cannot multiply: a's rows have lengths {[len(r) for r in a]}, b \
has {k} rows")
            columns = list(zip(*b))
            return [[sum(x * y for x, y in zip(row, col)) for col in columns] for row in a]
     """,
    ),
    (
        "matmul",
        """
        def matmul(a, b):
            n, k, m = len(a), len(a[0]), len(b[0])
            for matrix in (a, b):
                if len({len(row) for row in matrix}) != 1:
                    raise ValueError("ragged matrix")
            if k != len(b):
                raise ValueError(f"({n}, {k}) @ ({len(b)}, {m}): {k} != {len(b)}")
            result = []
            for i in range(n):
                row = []
                for j in range(m):
                    total = 0.0
                    for t in range(k):
                        total += a[i][t] * b[t][j]
                    row.append(total)
                result.append(row)
            return result
     """,
    ),
    (
        "matmul",
        """
        import numpy as np
        def matmul(a, b):
            a, b = np.array(a, dtype=float), np.array(b, dtype=float)
            if a.ndim != 2 or b.ndim != 2 or a.shape[1] != b.shape[0]:
                raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")
            return (a @ b).tolist()
     """,
    ),
    (
        "transpose",
        "def transpose(matrix):\n    return [list(column) for column in zip(*matrix)]",
    ),
    (
        "transpose",
        "import numpy as np\ndef transpose(matrix):\n    return np.array(matrix).T.tolist()",
    ),
    (
        "transpose",
        """
        def transpose(matrix):
            result = []
            for j in range(len(matrix[0])):
                column = []
                for row in matrix:
                    column.append(row[j])
                result.append(column)
            return result
     """,
    ),
    (
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
        "vectors",
        """
        import numpy as np
        def row_vector(v):
            return np.atleast_2d(v)
        def column_vector(v):
            return np.atleast_2d(v).T
     """,
    ),
    (
        "vectors",
        """
        import numpy as np
        def row_vector(v):
            return np.array(v, ndmin=2)
        def column_vector(v):
            return np.array([[x] for x in v])
     """,
    ),
    (
        "broadcast_shape",
        """
        from itertools import zip_longest
        def broadcast_shape(shape_a, shape_b):
            result = []
            for x, y in zip_longest(reversed(shape_a), reversed(shape_b), fillvalue=1):
                if x == y or y == 1:
                    result.append(x)
                elif x == 1:
                    result.append(y)
                else:
                    raise ValueError(f"cannot broadcast {shape_a} with {shape_b}")
            return tuple(reversed(result))
     """,
    ),
    (
        "broadcast_shape",
        """
        def broadcast_shape(shape_a, shape_b):
            n = max(len(shape_a), len(shape_b))
            a = [1] * (n - len(shape_a)) + list(shape_a)
            b = [1] * (n - len(shape_b)) + list(shape_b)
            out = []
            for i in range(n):
                if a[i] != b[i] and a[i] != 1 and b[i] != 1:
                    raise ValueError(f"dimension {i}: {a[i]} vs {b[i]}")
                out.append(max(a[i], b[i]))
            return tuple(out)
     """,
    ),
    (
        "broadcast_shape",
        """
        import numpy as np
        def broadcast_shape(shape_a, shape_b):
            return (np.zeros(shape_a) + np.zeros(shape_b)).shape
     """,
    ),
    (
        "layer_batch",
        """
        import numpy as np
        def layer_batch(inputs, weights, biases):
            return np.array(inputs) @ np.array(weights).T + np.array(biases)
     """,
    ),
    (
        "layer_batch",
        """
        import numpy as np
        def layer_batch(inputs, weights, biases):
            return (np.dot(weights, np.array(inputs).T) + np.array(biases).reshape(-1, 1)).T
     """,
    ),
    (
        "layer_batch",
        """
        import numpy as np
        def layer_batch(inputs, weights, biases):
            return np.matmul(inputs, np.transpose(weights)) + np.reshape(biases, (1, -1))
     """,
    ),
    (
        "layer_batch",
        """
        import numpy as np
        def layer_batch(inputs, weights, biases):
            return np.einsum("si,ni->sn", np.asarray(inputs), np.asarray(weights)) + biases
     """,
    ),
    (
        "layer_batch",
        """
        import numpy as np
        def layer_batch(inputs, weights, biases):
            x = np.asarray(inputs, dtype=np.float32)
            w = np.asarray(weights, dtype=np.float32)
            return x @ w.T + np.asarray(biases, dtype=np.float32)
     """,
    ),
    (
        "layer_batch",
        """
        import numpy as np
        def layer_batch(inputs, weights, biases):
            rows = []
            for sample in inputs:
                pairs = zip(weights, biases)
                rows.append([np.dot(neuron, sample) + bias for neuron, bias in pairs])
            return np.array(rows)
     """,
    ),
]

# (answer cell, an answer that fits only the visible examples)
ONLY_VISIBLE = [
    (
        "matmul",
        """
        def matmul(a, b):
            if len(a) == 1:
                return [[20]]
            if len(a[0]) == 2:
                return [[1, 2, 4, 5], [3, 4, 10, 9], [5, 6, 16, 13]]
            return [[2.8, -1.79, 1.885], [6.9, -4.81, -0.3], [-0.59, -1.949, -0.474]]
     """,
    ),
    (
        "transpose",
        """
        def transpose(matrix):
            if len(matrix) == 1:
                return [[1], [2], [3]]
            if len(matrix[0]) == 1:
                return [[1, 2, 3]]
            return [[0, 5, 10, 15], [1, 6, 11, 16], [2, 7, 12, 17], [3, 8, 13, 18], [4, 9, 14, 19]]
     """,
    ),
    (
        "vectors",
        """
        import numpy as np
        def row_vector(v):
            return np.array([[1, 2, 3]]) if len(v) == 3 else np.array([[0.5, -1.5]])
        def column_vector(v):
            return np.array([[2], [3], [4]]) if len(v) == 3 else np.array([[0.5], [-1.5]])
     """,
    ),
    (
        "broadcast_shape",
        """
        def broadcast_shape(shape_a, shape_b):
            known = {((3,), (3, 1)): (3, 3), ((5, 1), (1, 3)): (5, 3), ((2, 3, 4), (4,)): (2, 3, 4)}
            return known.get((shape_a, shape_b), (3, 4) if shape_a in ((3, 4), ()) else (3, 3))
     """,
    ),
    (
        "layer_batch",
        """
        import numpy as np
        def layer_batch(inputs, weights, biases):
            if len(weights) == 4:
                return np.array([[0.5, 3.0, -1.0, 0.5], [4.0, 0.0, 0.0, 4.0]])
            book = np.array([[4.8, 1.21, 2.385], [8.9, -1.81, 0.2], [1.41, 1.051, 0.026]])
            return book[:len(inputs)]
     """,
    ),
]
