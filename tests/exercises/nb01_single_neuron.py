"""Notebook 01 · A single neuron: answers students write to its exercises.

See :mod:`tests.exercises` for what WRONG, RIGHT and ONLY_VISIBLE hold and how they are
read, and tests/test_exercises.py for how they are run. The hints are those of
:mod:`nbhelpers.mistakes.nb01`.

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
        "the bias is added once per input",
    ),
    (
        "neuron_output",
        """
        def neuron_output(inputs, weights, bias):
            return sum(x * w for x, w in zip(inputs, weights)) - bias
     """,
        "the bias is subtracted",
    ),
    (
        "neuron_output",
        """
        def neuron_output(inputs, weights, bias):
            return sum(x * w for x, w in zip(inputs, weights)) * bias
     """,
        "the bias multiplies the sum",
    ),
    (
        "neuron_output",
        """
        def neuron_output(inputs, weights, bias):
            return sum(x + w for x, w in zip(inputs, weights)) + bias
     """,
        "inputs and weights are added, not multiplied",
    ),
    (
        "neuron_output",
        """
        def neuron_output(inputs, weights, bias):
            total = 0.0
            for x in inputs:
                for w in weights:
                    total += x * w
            return total + bias
     """,
        "every input is multiplied by every weight",
    ),
    (
        "neuron_output",
        """
        def neuron_output(inputs, weights, bias):
            total = 0.0
            for x, w in zip(inputs, weights):
                total += x * w
                return total + bias
     """,
        "only the first input counts",
    ),
    (
        "neuron_output",
        """
        def neuron_output(inputs, weights, bias):
            total = 0.0
            for x, w in zip(inputs, weights):
                total = x * w
            return total + bias
     """,
        "only the last input counts",
    ),
    (
        "neuron_output",
        """
        def neuron_output(inputs, weights, bias):
            total = 0.0
            for i in range(len(inputs) - 1):
                total += inputs[i] * weights[i]
            return total + bias
     """,
        "the last input is left out",
    ),
    (
        "neuron_output",
        """
        def neuron_output(inputs, weights, bias):
            return inputs[0] * weights[0] + inputs[1] * weights[1] + inputs[2] * weights[2] + bias
     """,
        "only the first three inputs count",
    ),
    (
        "neuron_output",
        """
        def neuron_output(inputs, weights, bias):
            return [x * w for x, w in zip(inputs, weights)]
     """,
        "the result is a list of the products",
    ),
    (
        "neuron_output",
        """
        def neuron_output(inputs, weights, bias):
            return round(sum(x * w for x, w in zip(inputs, weights)) + bias, 2)
     """,
        "the result is rounded",
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
        "an index runs past the end of a list",
    ),
    # ---- line_parameters
    (
        "line_parameters",
        """
        def line_parameters(point_a, point_b):
            (x1, y1), (x2, y2) = point_a, point_b
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
            w = (y2 - y1) // (x2 - x1)
            return w, y1 - w * x1
     """,
        "the slope is rounded down to a whole number",
    ),
    (
        "line_parameters",
        """
        def line_parameters(point_a, point_b):
            (x1, y1), (x2, y2) = point_a, point_b
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
            w = (y2 - y1) / (x2 - x1)
            return w, w * x1 - y1
     """,
        "the bias is the negative of the right one",
    ),
    (
        "line_parameters",
        """
        def line_parameters(point_a, point_b):
            (x1, y1), (x2, y2) = point_a, point_b
            return (y2 - y1) / (x2 - x1), y1
     """,
        "the bias is y1 itself",
    ),
    (
        "line_parameters",
        """
        def line_parameters(point_a, point_b):
            (x1, y1), (x2, y2) = point_a, point_b
            w = (y2 - y1) / (x2 - x1)
            return w, y2 - w * x1
     """,
        "the bias mixes the two points",
    ),
    (
        "line_parameters",
        """
        def line_parameters(point_a, point_b):
            x1, x2 = point_a
            y1, y2 = point_b
            w = (y2 - y1) / (x2 - x1)
            return w, y1 - w * x1
     """,
        "the coordinates are read in the wrong order",
    ),
    (
        "line_parameters",
        """
        def line_parameters(point_a, point_b):
            (x1, y1), (x2, y2) = point_a, point_b
            return (y2 - y1) / (x2 - x1)
     """,
        "only the weight came back",
    ),
    (
        "line_parameters",
        """
        def line_parameters(point_a, point_b):
            (x1, y1), (x2, y2) = point_a, point_b
            if x1 == x2 or y1 == y2:
                raise ValueError("no line")
            w = (y2 - y1) / (x2 - x1)
            return w, y1 - w * x1
     """,
        "raised ValueError for two points with different x",
    ),
    (
        "line_parameters",
        """
        def line_parameters(point_a, point_b):
            (x1, y1), (x2, y2) = point_a, point_b
            w = (y2 - y1) / (x2 - x1)
            print(w, y1 - w * x1)
     """,
        "printing a value does not return it",
    ),
    # ---- step
    (
        "step",
        """
        def step(x):
            return 1 if x >= 0 else 0
     """,
        "an output of exactly 0 fired",
    ),
    (
        "step",
        """
        def step(x):
            return x
     """,
        "step returned the neuron's output itself",
    ),
    (
        "step",
        """
        def step(x):
            return x if x > 0 else 0
     """,
        "positive outputs come back unchanged",
    ),
    (
        "step",
        """
        def step(x):
            return 1 if x < 0 else 0
     """,
        "the step fires on the wrong side of 0",
    ),
    (
        "step",
        """
        def step(x):
            return 0 if x > 0 else 1
     """,
        "1 and 0 are the wrong way round",
    ),
    (
        "step",
        """
        def step(x):
            return 1 if x else 0
     """,
        "every output that is not 0 fires",
    ),
    (
        "step",
        """
        def step(x):
            return 1 if x > 0 else -1
     """,
        "outputs that do not fire give −1",
    ),
    (
        "step",
        """
        def step(x):
            return max(0, x / abs(x))
     """,
        "step divided by 0",
    ),
    (
        "step",
        """
        def step(x):
            return 1 if x > 0.5 else 0
     """,
        "small positive outputs do not fire",
    ),
    (
        "step",
        """
        def step(x):
            if x > 0:
                return 1
     """,
        "step returned None for some outputs",
    ),
    (
        "step",
        """
        def step(x):
            print(1 if x > 0 else 0)
     """,
        "printing a value does not return it",
    ),
    (
        "step",
        """
        def step(x):
            return "1" if x > 0 else "0"
     """,
        "step returned text",
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
            table = {"AND": ([1.0, 1.0], -1.5), "OR": ([1.0, 1.0], -1.0), "NOT": ([-1.0], 0.5)}
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
            table = {"AND": ([1.0, 1.0], -2.0), "OR": ([1.0, 1.0], -0.5), "NOT": ([-1.0], 0.5)}
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
            table = {"AND": ([1.0, 1.0], -1.5), "OR": ([1.0, 1.0], 0.5), "NOT": ([-1.0], 0.5)}
            if gate not in table:
                raise ValueError(gate)
            return table[gate]
     """,
        "always fires",
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
        "the neuron copies its input",
    ),
    (
        "gate_parameters",
        """
        def gate_parameters(gate):
            table = {"AND": ([-1.0, -1.0], 1.5), "OR": ([1.0, 1.0], -0.5), "NOT": ([-1.0], 0.5)}
            if gate not in table:
                raise ValueError(gate)
            return table[gate]
     """,
        "fires exactly where the gate should stay quiet",
    ),
    (
        "gate_parameters",
        """
        def gate_parameters(gate):
            table = {"AND": ([1.0, 0.0], -0.5), "OR": ([1.0, 1.0], -0.5), "NOT": ([-1.0], 0.5)}
            if gate not in table:
                raise ValueError(gate)
            return table[gate]
     """,
        "follows one input and ignores the other",
    ),
    (
        "gate_parameters",
        """
        def gate_parameters(gate):
            table = {"AND": ([1.0, 1.0], -1.5), "OR": ([1.0, 1.0], -0.5), "NOT": ([-1.0, 0.0], 0.5)}
            if gate not in table:
                raise ValueError(gate)
            return table[gate]
     """,
        "the number of weights does not fit the gate",
    ),
    (
        "gate_parameters",
        """
        def gate_parameters(gate):
            table = {"AND": (-1.5, [1.0, 1.0]), "OR": (-0.5, [1.0, 1.0]), "NOT": (0.5, [-1.0])}
            if gate not in table:
                raise ValueError(gate)
            return table[gate]
     """,
        "the weights are not a list of numbers",
    ),
    (
        "gate_parameters",
        """
        def gate_parameters(gate):
            table = {"AND": [1.0, 1.0, -1.5], "OR": [1.0, 1.0, -0.5], "NOT": [-1.0, 0.5]}
            if gate not in table:
                raise ValueError(gate)
            return table[gate]
     """,
        "returns two things, in this order",
    ),
    (
        "gate_parameters",
        """
        def gate_parameters(gate):
            table = {"AND": ([1, 1], [-1.5]), "OR": ([1, 1], [-0.5]), "NOT": ([-1], [0.5])}
            if gate not in table:
                raise ValueError(gate)
            return table[gate]
     """,
        "the bias is not a single number",
    ),
    (
        "gate_parameters",
        """
        def gate_parameters(gate):
            table = {"AND": ([1.0, 1.0], -1.5), "OR": ([1.0, 1.0], -0.5), "NOT": ([-1.0], 0.5)}
            if gate not in table:
                raise ValueError(gate)
            print(table[gate])
     """,
        "gate_parameters returned None",
    ),
    (
        "gate_parameters",
        """
        def gate_parameters(gate):
            table = {"and": ([1.0, 1.0], -1.5), "or": ([1.0, 1.0], -0.5), "not": ([-1.0], 0.5)}
            return table[gate]
     """,
        "name was not found",
    ),
    # ---- secondary requirements, each caught by its own test cell
    (
        "line_parameters",
        """
        def line_parameters(point_a, point_b):
            (x1, y1), (x2, y2) = point_a, point_b
            w = (y2 - y1) / (x2 - x1)
            return (w, y1 - w * x1)
        """,
        "raised ZeroDivisionError instead of ValueError",
        "test_line_parameters_vertical",
    ),
    (
        "line_parameters",
        """
        def line_parameters(point_a, point_b):
            (x1, y1), (x2, y2) = point_a, point_b
            if point_a == point_b:
                raise ValueError("the two points are the same")
            w = (y2 - y1) / (x2 - x1)
            return (w, y1 - w * x1)
        """,
        "raised ZeroDivisionError instead of ValueError",
        "test_line_parameters_vertical",
    ),
    (
        "line_parameters",
        """
        def line_parameters(point_a, point_b):
            (x1, y1), (x2, y2) = point_a, point_b
            if x1 == x2:
                return None
            w = (y2 - y1) / (x2 - x1)
            return (w, y1 - w * x1)
        """,
        "line_parameters accepted bad input",
        "test_line_parameters_vertical",
    ),
    (
        "line_parameters",
        """
        def line_parameters(point_a, point_b):
            (x1, y1), (x2, y2) = point_a, point_b
            try:
                w = (y2 - y1) / (x2 - x1)
            except ZeroDivisionError:
                print("the line is vertical")
                return (0.0, 0.0)
            return (w, y1 - w * x1)
        """,
        "line_parameters accepted bad input",
        "test_line_parameters_vertical",
    ),
    (
        "line_parameters",
        """
        def line_parameters(point_a, point_b):
            (x1, y1), (x2, y2) = point_a, point_b
            assert x1 != x2, "the line would be vertical"
            w = (y2 - y1) / (x2 - x1)
            return (w, y1 - w * x1)
        """,
        "raised AssertionError instead of ValueError",
        "test_line_parameters_vertical",
    ),
    (
        "line_parameters",
        """
        def line_parameters(point_a, point_b):
            (x1, y1), (x2, y2) = point_a, point_b
            if x1 == x2:
                raise Exception("the line would be vertical")
            w = (y2 - y1) / (x2 - x1)
            return (w, y1 - w * x1)
        """,
        "raised Exception instead of ValueError",
        "test_line_parameters_vertical",
    ),
    (
        "gate_parameters",
        """
        def gate_parameters(gate):
            table = {"AND": ([1.0, 1.0], -1.5), "OR": ([1.0, 1.0], -0.5), "NOT": ([-1.0], 0.5)}
            return table[gate]
        """,
        "raised KeyError instead of ValueError",
        "test_gate_parameters_unknown",
    ),
    (
        "gate_parameters",
        """
        def gate_parameters(gate):
            table = {"AND": ([1.0, 1.0], -1.5), "OR": ([1.0, 1.0], -0.5), "NOT": ([-1.0], 0.5)}
            return table.get(gate)
        """,
        "gate_parameters accepted bad input and returned None",
        "test_gate_parameters_unknown",
    ),
    (
        "gate_parameters",
        """
        def gate_parameters(gate):
            if gate == "AND":
                return [1.0, 1.0], -1.5
            elif gate == "OR":
                return [1.0, 1.0], -0.5
            else:
                return [-1.0], 0.5
        """,
        "gate_parameters accepted bad input",
        "test_gate_parameters_unknown",
    ),
    (
        "gate_parameters",
        """
        def gate_parameters(gate):
            table = {"AND": ([1.0, 1.0], -1.5), "OR": ([1.0, 1.0], -0.5), "NOT": ([-1.0], 0.5)}
            weights, bias = table.get(gate)
            return weights, bias
        """,
        "raised TypeError instead of ValueError",
        "test_gate_parameters_unknown",
    ),
    (
        "gate_parameters",
        """
        def gate_parameters(gate):
            if gate == "AND":
                return [1.0, 1.0], -1.5
            if gate == "OR":
                return [1.0, 1.0], -0.5
            if gate == "NOT":
                return [-1.0], 0.5
            raise NameError(f"unknown gate {gate}")
        """,
        "raised NameError instead of ValueError",
        "test_gate_parameters_unknown",
    ),
    (
        "gate_parameters",
        """
        def gate_parameters(gate):
            table = {"AND": ([1.0, 1.0], -1.5), "OR": ([1.0, 1.0], -0.5), "NOT": ([-1.0], 0.5)}
            if gate not in table:
                print(f"unknown gate {gate}")
                return [], 0.0
            return table[gate]
        """,
        "gate_parameters accepted bad input",
        "test_gate_parameters_unknown",
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
        "neuron_output",
        """
        import math
        def neuron_output(inputs, weights, bias):
            return math.fsum([x * w for x, w in zip(inputs, weights, strict=True)]) + bias
     """,
    ),
    (
        "neuron_output",
        """
        def neuron_output(inputs, weights, bias):
            products = []
            for x, w in zip(inputs, weights):
                products.append(x * w)
            return sum(products) + bias
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
    (
        "line_parameters",
        """
        def line_parameters(point_a, point_b):
            if point_a[0] == point_b[0]:
                raise ValueError("vertical")
            rise = point_b[1] - point_a[1]
            run = point_b[0] - point_a[0]
            weight = rise / run
            bias = point_a[1] - weight * point_a[0]
            return weight, bias
     """,
    ),
    (
        "line_parameters",
        """
        def line_parameters(point_a, point_b):
            (x1, y1), (x2, y2) = point_a, point_b
            try:
                w = (y2 - y1) / (x2 - x1)
            except ZeroDivisionError:
                raise ValueError(f"x1 = x2 = {x1}") from None
            return float(w), float((y1 + y2 - w * (x1 + x2)) / 2)
     """,
    ),
    ("step", "def step(x):\n    return x > 0"),
    ("step", "def step(x):\n    return float(x > 0)"),
    (
        "step",
        "import numpy as np\ndef step(x):\n    return max(0.0, np.sign(x))",
    ),
    (
        "step",
        """
        def step(x):
            if x > 0:
                return 1
            else:
                return 0
     """,
    ),
    ("step", "def step(x):\n    return int(x > 0)"),
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
    (
        "gate_parameters",
        """
        def gate_parameters(gate):
            gate = gate.upper()  # "and" works too
            if gate == "NOT":
                return [-2.0], 1.0
            if gate in ("AND", "OR"):
                return [1.0, 1.0], -1.5 if gate == "AND" else -0.5
            raise ValueError("unknown gate: " + gate)
     """,
    ),
    (
        "gate_parameters",
        """
        import numpy as np
        def gate_parameters(gate):
            biases = {"AND": -1.5, "OR": -0.5}
            if gate == "NOT":
                return np.array([-1.0]), 0.5
            if gate not in biases:
                raise ValueError(f"{gate!r} is not AND, OR or NOT")
            return np.ones(2), biases[gate]
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
            return {4: 4.8, 3: 20.0, 1: -0.3125}[len(inputs)]
     """,
    ),
    (
        "line_parameters",
        """
        def line_parameters(point_a, point_b):
            return {(0, 1): (2.0, 1.0), (-1.0, 2.5): (-0.5, 2.0)}.get(tuple(point_a), (0.0, 4.0))
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
            # The visible test covers every name the exercise asks for, so no honest answer
            # fits it only: this one rebinds `zip`, which the test's reference neuron uses, so
            # that any weights pass, and returns names instead of numbers; the hidden test
            # checks the parameters with a second reference that does not use zip.
            global zip
            rules = {"AND": lambda r: r[0] and r[1], "OR": lambda r: r[0] or r[1], "NOT": lambda \
r: not r[0]}
            if gate not in rules:
                raise ValueError(gate)
            zip = lambda row, weights, strict=False: [(1, 1 if rules[weights[0]](row) else -1)]
            return [gate] * (1 if gate == "NOT" else 2), 0
     """,
    ),
]
