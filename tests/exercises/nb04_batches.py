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
            if len(a[0]) != len(b):
                raise ValueError(f"shapes ({len(a)}, {len(a[0])}) and ({len(b)}, {len(b[0])})")
            return [sum(a[i][t] * b[t][j] for t in range(len(b))) for i in range(len(a)) for j in \
range(len(b[0]))]
     """,
        "the result is a list of rows",
    ),
    (
        "matmul",
        """
        def matmul(a, b):
            if len(a[0]) != len(b):
                raise ValueError(f"shapes ({len(a)}, {len(a[0])}) and ({len(b)}, {len(b[0])})")
            return [[sum(a[i][t] * b[t][j] for t in range(len(b))) for i in range(len(a))] for j \
in range(len(b[0]))]
     """,
        "rows and columns of the result are swapped",
    ),
    (
        "matmul",
        """
        def matmul(a, b):
            return [[sum(x * y for x, y in zip(row, col)) for col in zip(*b)] for row in a]
     """,
        "accepted bad input",
    ),
    (
        "matmul",
        """
        def matmul(a, b):
            if len(a[0]) != len(b):
                raise ValueError("these matrices cannot be multiplied")
            return [[sum(x * y for x, y in zip(row, col)) for col in zip(*b)] for row in a]
     """,
        "does not say enough",
    ),
    # ---- transpose
    (
        "transpose",
        "def transpose(matrix):\n    return matrix",
        "rows must become columns",
    ),
    (
        "transpose",
        "def transpose(matrix):\n    return [x for row in matrix for x in row]",
        "the result is flat",
    ),
    (
        "transpose",
        """
        def transpose(matrix):
            return [[row[j] for row in matrix] for j in range(len(matrix))]
     """,
        "returned shape",
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
        "this is still a 1-D vector",
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
        "this is a row vector",
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
            return np.dot(weights, np.array(inputs).T) + biases
     """,
        "organised neuron by sample",
    ),
    (
        "layer_batch",
        """
        import numpy as np
        def layer_batch(inputs, weights, biases):
            return np.dot(inputs, np.array(weights).T) + np.array(biases).reshape(-1, 1)
     """,
        "added per sample (as a column)",
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
            return np.dot(inputs, np.array(weights).T)[0] + biases
     """,
        "returned shape",
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
        "transpose",
        "def transpose(matrix):\n    return [list(column) for column in zip(*matrix)]",
    ),
    ("transpose", "def transpose(matrix):\n    return list(zip(*matrix))"),
    (
        "transpose",
        "import numpy as np\ndef transpose(matrix):\n    return np.array(matrix).T.tolist()",
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
]

# (answer cell, an answer that fits only the visible examples)
ONLY_VISIBLE = [
    (
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
        "transpose",
        """
        def transpose(matrix):
            if len(matrix) == 1:
                return [[1], [2], [3]]
            return [[0, 5, 10, 15], [1, 6, 11, 16], [2, 7, 12, 17], [3, 8, 13, 18], [4, 9, 14, 19]]
     """,
    ),
    (
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
        "layer_batch",
        """
        import numpy as np
        def layer_batch(inputs, weights, biases):
            book = np.array([[4.8, 1.21, 2.385], [8.9, -1.81, 0.2], [1.41, 1.051, 0.026]])
            return book[:len(inputs)]
     """,
    ),
]
