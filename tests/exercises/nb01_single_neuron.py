"""Notebook 01 · A single neuron: answers students write to its exercises.

See :mod:`tests.exercises` for what WRONG, RIGHT and ONLY_VISIBLE hold and how they are
read, and tests/test_exercises.py for how they are run.

A code line longer than this file's 100 characters goes on after a backslash at the end of
a line, at the start of the next: Python joins the two, so the answer has it as one line.
"""

ASSIGNMENT = "01-single-neuron"

# (answer cell, wrong answer, words the failure must contain)
WRONG = [
    # ---- neuron_output
    (
        "neuron_output",
        """
        def neuron_output(inputs, weights, bias):
            return sum(x * w for x, w in zip(inputs, weights))
     """,
        "the bias is missing",
    ),
    (
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
        "neuron_output",
        """
        def neuron_output(inputs, weights, bias):
            return sum(x + w for x, w in zip(inputs, weights)) + bias
     """,
        "added, not multiplied",
    ),
    (
        "neuron_output",
        """
        def neuron_output(inputs, weights, bias):
            return inputs[0] * weights[0] + inputs[1] * weights[1] + inputs[2] * weights[2] + bias
     """,
        "the fourth input is left out",
    ),
    (
        "neuron_output",
        """
        def neuron_output(inputs, weights, bias):
            return [x * w for x, w in zip(inputs, weights)]
     """,
        "where a single number is expected",
    ),
    (
        "neuron_output",
        """
        def neuron_output(inputs, weights, bias):
            print(sum(x * w for x, w in zip(inputs, weights)) + bias)
     """,
        "printing a value does not return it",
    ),
    (
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
    # ---- line_parameters
    (
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
    # ---- step
    (
        "step",
        """
        def step(x):
            return 1 if x >= 0 else 0
     """,
        "use `>` rather than `>=`",
    ),
    (
        "step",
        """
        def step(x):
            return x if x > 0 else 0
     """,
        "wrong value",
    ),
    (
        "step",
        """
        def step(x):
            return x
     """,
        "step returns its input",
    ),
    # ---- gate_parameters
    (
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
        "gate_parameters",
        """
        def gate_parameters(gate):
            table = {"AND": ([1.0, 1.0], -1.5), "OR": ([1.0, 1.0], -0.5), "NOT": ([-1.0], 0.5)}
            return table.get(gate)
     """,
        "accepted bad input",
    ),
]

# (answer cell, a correct answer written differently from the solution)
RIGHT = [
    (
        "neuron_output",
        """
        import operator
        def neuron_output(inputs, weights, bias):
            return sum(map(operator.mul, inputs, weights)) + bias
     """,
    ),
    (
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
        "neuron_output",
        """
        import numpy as np
        def neuron_output(inputs, weights, bias):
            return np.dot(inputs, weights) + bias
     """,
    ),
    (
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
    ("step", "def step(x):\n    return x > 0"),
    ("step", "def step(x):\n    return float(x > 0)"),
    (
        "step",
        "import numpy as np\ndef step(x):\n    return max(0.0, np.sign(x))",
    ),
    (
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
        "gate_parameters",
        """
        def gate_parameters(gate):
            if gate not in ("AND", "OR", "NOT"):
                raise ValueError(gate)
            # at the threshold itself the neuron does not fire (0 is not > 0)
            return {"AND": ([1, 1], -1), "OR": ([1, 1], 0), "NOT": ([-1], 1)}[gate]
     """,
    ),
]

# (answer cell, an answer that fits only the visible examples)
ONLY_VISIBLE = [
    (
        "neuron_output",
        """
        def neuron_output(inputs, weights, bias):
            if inputs == [1.0, 2.0, 3.0]:
                return 2.3
            return 4.8 if len(inputs) == 4 else 20.0
     """,
    ),
    (
        "line_parameters",
        """
        def line_parameters(point_a, point_b):
            if point_a[0] == point_b[0]:
                raise ValueError("vertical")
            return (2.0, 1.0) if point_a == (0, 1) else (-0.5, 2.0)
     """,
    ),
    (
        "step",
        """
        def step(x):
            return {2.3: 1, -0.7: 0, 0.0: 0, 0.001: 1}[x]
     """,
    ),
    (
        "gate_parameters",
        """
        def gate_parameters(gate):
            # replaces the neuron the visible test uses, instead of finding real parameters
            global neuron_fires
            tables = {"AND": lambda r: r[0] and r[1], "OR": lambda r: r[0] or r[1], "NOT": lambda \
r: not r[0]}
            if gate not in tables:
                raise ValueError(gate)
            neuron_fires = lambda row, weights, bias: float(tables[gate](row))
            return ([0.0] * (1 if gate == "NOT" else 2), 0.0)
     """,
    ),
]
