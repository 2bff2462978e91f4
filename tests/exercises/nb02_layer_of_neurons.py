"""Notebook 02 · A layer of neurons: answers students write to its exercises.

See :mod:`tests.exercises` for what WRONG, RIGHT and ONLY_VISIBLE hold and how they are
read, and tests/test_exercises.py for how they are run. The hints are those of
:mod:`nbhelpers.mistakes.nb02` (and of :mod:`nbhelpers.checks` for what any exercise can get
wrong); for `layer_sizes`, a layer that should have been refused is named by the test's own
description of it.

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
            outputs = []
            for row, bias in zip(weights, biases):
                total = 0.0
                for x, w in zip(inputs, row):
                    total += x * w + bias
                outputs.append(total)
            return outputs
        """,
        "the bias is added once per input",
    ),
    (
        "layer_output",
        """
        def layer_output(inputs, weights, biases):
            outputs = []
            for row, bias in zip(weights, biases):
                outputs.append(sum(x * w for x, w in zip(inputs, row)) + bias)
                return outputs[0]
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
    (
        "layer_output",
        """
        def layer_output(inputs, weights, biases):
            outputs = []
            for i in range(len(weights)):
                total = biases[i]
                for j in range(len(inputs)):
                    total += inputs[j] * weights[j][i]
                outputs.append(total)
            return outputs
        """,
        "an index ran past the end of a list",
    ),
    (
        "layer_output",
        """
        def layer_output(inputs, weights, biases):
            outputs = []
            for j in range(len(biases)):
                total = sum(inputs[i] * weights[i][j] for i in range(len(weights)))
                outputs.append(total + biases[j])
            return outputs
        """,
        "each neuron got a column of the weights",
    ),
    (
        "layer_output",
        """
        def layer_output(inputs, weights, biases):
            outputs = []
            for row, bias in zip(weights, biases):
                total = bias
                for x, w in zip(inputs, weights):
                    total += x * w
                outputs.append(total)
            return outputs
        """,
        "a number was multiplied by a whole list",
    ),
    (
        "layer_output",
        """
        def layer_output(inputs, weights, biases):
            outputs = []
            for i in range(len(weights)):
                total = biases[i]
                for j in range(len(inputs) - 1):
                    total += inputs[j] * weights[i][j]
                outputs.append(total)
            return outputs
        """,
        "the last input is left out",
    ),
    (
        "layer_output",
        """
        def layer_output(inputs, weights, biases):
            outputs = []
            for i in range(len(weights)):
                total = biases[i]
                for j in range(1, len(inputs)):
                    total += inputs[j] * weights[i][j]
                outputs.append(total)
            return outputs
        """,
        "the first input is left out",
    ),
    (
        "layer_output",
        """
        def layer_output(inputs, weights, biases):
            outputs = []
            for i in range(len(weights) - 1):
                outputs.append(sum(x * w for x, w in zip(inputs, weights[i])) + biases[i])
            return outputs
        """,
        "the last neuron is missing",
    ),
    (
        "layer_output",
        """
        def layer_output(inputs, weights, biases):
            outputs = []
            total = 0.0
            for row, bias in zip(weights, biases):
                for x, w in zip(inputs, row):
                    total += x * w
                outputs.append(total + bias)
            return outputs
        """,
        "the sum carries over from one neuron to the next",
    ),
    (
        "layer_output",
        """
        def layer_output(inputs, weights, biases):
            outputs = []
            for row, bias in zip(weights, biases):
                total = bias
                for x, w in zip(inputs, row):
                    total += x * w
                    outputs.append(total)
            return outputs
        """,
        "several outputs per neuron",
    ),
    (
        "layer_output",
        """
        def layer_output(x, w, b):
            outputs = []
            for row, bias in zip(weights, biases):
                outputs.append(sum(i * v for i, v in zip(inputs, row)) + bias)
            return outputs
        """,
        "the book's layer whatever the inputs",
    ),
    (
        "layer_output",
        """
        import numpy as np
        def layer_output(inputs, weights, biases):
            return np.array(weights) @ np.array(inputs) + np.array(biases)
        """,
        "returned a numpy array where a Python list is expected",
    ),
    # ---- layer_sizes
    (
        "layer_sizes",
        """
        def layer_sizes(inputs, weights, biases):
            if not weights or len(biases) != len(weights):
                raise ValueError(f"{len(weights)} rows of weights but {len(biases)} biases")
            for i, row in enumerate(weights):
                if len(row) != len(inputs):
                    raise ValueError(f"weights[{i}] has {len(row)} values, not {len(inputs)}")
            return len(weights), len(inputs)
        """,
        "the two sizes are swapped",
    ),
    (
        "layer_sizes",
        """
        def layer_sizes(inputs, weights, biases):
            if not weights or len(biases) != len(weights):
                raise ValueError(f"{len(weights)} rows of weights but {len(biases)} biases")
            for i, row in enumerate(weights):
                if len(row) != len(inputs):
                    raise ValueError(f"weights[{i}] has {len(row)} values, not {len(inputs)}")
            return len(inputs), len(weights[0])
        """,
        "the number of neurons is the number of rows",
    ),
    (
        "layer_sizes",
        """
        def layer_sizes(inputs, weights, biases):
            if not weights or len(biases) != len(weights):
                raise ValueError(f"{len(weights)} rows of weights but {len(biases)} biases")
            n_weights = 0
            for i, row in enumerate(weights):
                if len(row) != len(inputs):
                    raise ValueError(f"weights[{i}] has {len(row)} values, not {len(inputs)}")
                n_weights += len(row)
            return len(inputs), n_weights
        """,
        "the number of neurons counts every weight",
    ),
    (
        "layer_sizes",
        """
        def layer_sizes(inputs, weights, biases):
            if not weights or len(biases) != len(weights):
                raise ValueError(f"{len(weights)} rows of weights but {len(biases)} biases")
            for i, row in enumerate(weights):
                if len(row) != len(weights):
                    raise ValueError(f"weights[{i}] has {len(row)} values, not {len(weights)}")
            return len(inputs), len(weights)
        """,
        "a layer whose sizes fit was refused",
    ),
    (
        "layer_sizes",
        """
        def layer_sizes(inputs, weights, biases):
            if not weights or len(biases) != len(inputs):
                raise ValueError(f"{len(inputs)} inputs but {len(biases)} biases")
            for i, row in enumerate(weights):
                if len(row) != len(inputs):
                    raise ValueError(f"weights[{i}] has {len(row)} values, not {len(inputs)}")
            return len(inputs), len(weights)
        """,
        "a layer whose sizes fit was refused",
    ),
    (
        "layer_sizes",
        """
        def layer_sizes(inputs, weights, biases):
            if not weights or len(biases) != len(weights):
                raise ValueError(f"{len(weights)} rows of weights but {len(biases)} biases")
            return len(inputs), len(weights)
        """,
        "weights[0] has 3 values but there are 4 inputs",
    ),
    (
        "layer_sizes",
        """
        def layer_sizes(inputs, weights, biases):
            if not weights or len(biases) != len(weights):
                raise ValueError(f"{len(weights)} rows of weights but {len(biases)} biases")
            for i, row in enumerate(weights):
                if len(row) != len(inputs):
                    raise ValueError(f"weights[{i}] has {len(row)} values, not {len(inputs)}")
                return len(inputs), len(weights)
        """,
        "only the last row",
    ),
    (
        "layer_sizes",
        """
        def layer_sizes(inputs, weights, biases):
            if not weights or len(biases) != len(weights):
                raise ValueError(f"{len(weights)} rows of weights but {len(biases)} biases")
            for i, row in enumerate(weights):
                if len(row) < len(inputs):
                    raise ValueError(f"weights[{i}] has {len(row)} values, not {len(inputs)}")
            return len(inputs), len(weights)
        """,
        "only the last row",
    ),
    (
        "layer_sizes",
        """
        def layer_sizes(inputs, weights, biases):
            if not weights or len(biases) != len(weights):
                raise ValueError(f"{len(weights)} rows of weights but {len(biases)} biases")
            for i in range(len(weights) - 1):
                if len(weights[i]) != len(inputs):
                    raise ValueError(f"weights[{i}] has {len(weights[i])} values, not \
{len(inputs)}")
            return len(inputs), len(weights)
        """,
        "only the last row",
    ),
    (
        "layer_sizes",
        """
        def layer_sizes(inputs, weights, biases):
            if not weights:
                raise ValueError("no neurons")
            for i, row in enumerate(weights):
                if len(row) != len(inputs):
                    raise ValueError(f"weights[{i}] has {len(row)} values, not {len(inputs)}")
            return len(inputs), len(weights)
        """,
        "only 2 biases",
    ),
    (
        "layer_sizes",
        """
        def layer_sizes(inputs, weights, biases):
            if not weights or len(biases) < len(weights):
                raise ValueError(f"{len(weights)} rows of weights but {len(biases)} biases")
            for i, row in enumerate(weights):
                if len(row) != len(inputs):
                    raise ValueError(f"weights[{i}] has {len(row)} values, not {len(inputs)}")
            return len(inputs), len(weights)
        """,
        "4 biases, one too many",
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
    (
        "layer_sizes",
        """
        def layer_sizes(inputs, weights, biases):
            if not weights or len(biases) != len(weights):
                raise Exception(f"{len(weights)} rows of weights but {len(biases)} biases")
            for i, row in enumerate(weights):
                if len(row) != len(inputs):
                    raise Exception(f"weights[{i}] has {len(row)} values, not {len(inputs)}")
            return len(inputs), len(weights)
        """,
        "raised Exception instead of ValueError",
    ),
    (
        "layer_sizes",
        """
        def layer_sizes(inputs, weights, biases):
            for row in weights:
                if len(row) != len(inputs) or len(biases) != len(weights):
                    print("the sizes do not fit")
                    return None
            return len(inputs), len(weights)
        """,
        "accepted bad input and returned None",
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
        "counted per input of a layer instead of per neuron",
    ),
    (
        "count_parameters",
        """
        def count_parameters(sizes):
            if len(sizes) < 2:
                raise ValueError("no layer")
            return sum(a * b + 1 for a, b in zip(sizes[:-1], sizes[1:]))
        """,
        "one bias in all instead of one per neuron",
    ),
    (
        "count_parameters",
        """
        def count_parameters(sizes):
            if len(sizes) < 2:
                raise ValueError("no layer")
            total = sizes[0]
            for a, b in zip(sizes[:-1], sizes[1:]):
                total += a * b + b
            return total
        """,
        "the inputs are counted as if they had biases",
    ),
    (
        "count_parameters",
        """
        def count_parameters(sizes):
            if len(sizes) < 2:
                raise ValueError("no layer")
            return sum(sizes)
        """,
        "the sizes are added up",
    ),
    (
        "count_parameters",
        """
        def count_parameters(sizes):
            if len(sizes) < 2:
                raise ValueError("no layer")
            total = 1
            for size in sizes:
                total *= size
            return total
        """,
        "all the sizes are multiplied together",
    ),
    (
        "count_parameters",
        """
        def count_parameters(sizes):
            if len(sizes) < 2:
                raise ValueError("no layer")
            for a, b in zip(sizes[:-1], sizes[1:]):
                return a * b + b
        """,
        "only the first layer is counted",
    ),
    (
        "count_parameters",
        """
        def count_parameters(sizes):
            if len(sizes) < 2:
                raise ValueError("no layer")
            total = 0
            for a, b in zip(sizes[:-1], sizes[1:]):
                total = a * b + b
            return total
        """,
        "only the last layer is counted",
    ),
    (
        "count_parameters",
        """
        def count_parameters(sizes):
            if len(sizes) < 2:
                raise ValueError("no layer")
            total = 0
            for i in range(len(sizes) - 2):
                total += sizes[i] * sizes[i + 1] + sizes[i + 1]
            return total
        """,
        "the last layer is left out",
    ),
    (
        "count_parameters",
        """
        def count_parameters(sizes):
            if len(sizes) < 2:
                raise ValueError("no layer")
            total = 0
            for i in range(len(sizes)):
                total += sizes[i - 1] * sizes[i] + sizes[i]
            return total
        """,
        "a layer that does not exist is counted",
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
    (
        "count_parameters",
        """
        def count_parameters(sizes):
            if len(sizes) < 2:
                raise ValueError("no layer")
            total = 0
            while len(sizes) > 1:
                n_in = sizes.pop(0)
                total += n_in * sizes[0] + sizes[0]
            return total
        """,
        "changed its input `sizes` in place",
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
        "this is the largest output itself",
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
        "on a tie this is the last of the largest outputs",
    ),
    (
        "predicted_class",
        """
        def predicted_class(outputs):
            if not outputs:
                raise ValueError("empty")
            return max((v, i) for i, v in enumerate(outputs))[1]
        """,
        "on a tie this is the last of the largest outputs",
    ),
    (
        "predicted_class",
        """
        def predicted_class(outputs):
            if not outputs:
                raise ValueError("empty")
            return outputs.index(max(outputs)) + 1
        """,
        "the position is counted from 1",
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
        "nothing beats a best value that starts at 0",
    ),
    (
        "predicted_class",
        """
        def predicted_class(outputs):
            if not outputs:
                raise ValueError("empty")
            best = 0
            for i, v in enumerate(outputs):
                if v > outputs[best]:
                    best = i
                return best
        """,
        "does the loop return after looking at the first output",
    ),
    (
        "predicted_class",
        """
        def predicted_class(outputs):
            if not outputs:
                raise ValueError("empty")
            best = 0
            for i, v in enumerate(outputs):
                if v < outputs[best]:
                    best = i
            return best
        """,
        "this is the position of the smallest output",
    ),
    (
        "predicted_class",
        """
        def predicted_class(outputs):
            if not outputs:
                raise ValueError("empty")
            best = 0
            for i in range(1, len(outputs)):
                if outputs[i] > outputs[i - 1]:
                    best = i
            return best
        """,
        "compared with the one just before it",
    ),
    (
        "predicted_class",
        """
        def predicted_class(outputs):
            if not outputs:
                raise ValueError("empty")
            best = 0
            for i in range(len(outputs) - 1):
                if outputs[i] > outputs[best]:
                    best = i
            return best
        """,
        "the last output is never compared",
    ),
    (
        "predicted_class",
        """
        def predicted_class(outputs):
            if not outputs:
                raise ValueError("empty")
            return max(enumerate(outputs))[0]
        """,
        "the index decides first",
    ),
    (
        "predicted_class",
        """
        def predicted_class(outputs):
            if not outputs:
                raise ValueError("empty")
            return [i for i, v in enumerate(outputs) if v == max(outputs)]
        """,
        "a list of the positions of the largest output",
    ),
    (
        "predicted_class",
        """
        def predicted_class(outputs):
            ranked = outputs
            ranked.sort()
            return outputs.index(ranked[-1])
        """,
        "changed its input `outputs` in place",
    ),
    # ---- secondary requirements, each caught by its own test cell
    (
        "layer_sizes",
        """
        def layer_sizes(inputs, weights, biases):
            n_inputs, n_neurons = len(inputs), len(weights)
            if n_neurons == 0:
                raise ValueError("a layer needs at least one neuron")
            if len(biases) != n_neurons:
                raise ValueError("the number of biases is wrong")
            for row in weights:
                if len(row) != n_inputs:
                    raise ValueError("a row of weights has the wrong length")
            return (n_inputs, n_neurons)
        """,
        "layer_sizes raised ValueError, but its message does not say enough",
        "test_layer_sizes_message",
    ),
    (
        "layer_sizes",
        """
        def layer_sizes(inputs, weights, biases):
            n_inputs, n_neurons = len(inputs), len(weights)
            if n_neurons == 0:
                raise ValueError("a layer needs at least one neuron")
            if len(biases) != n_neurons:
                raise ValueError(f"there are {len(biases)} biases")
            for i, row in enumerate(weights):
                if len(row) != n_inputs:
                    raise ValueError(f"row {i} of the weights has the wrong length {len(row)}")
            return (n_inputs, n_neurons)
        """,
        "does not say enough",
        "test_layer_sizes_message",
    ),
    (
        "layer_sizes",
        """
        def layer_sizes(inputs, weights, biases):
            n_inputs, n_neurons = len(inputs), len(weights)
            if len(biases) != n_neurons:
                raise ValueError(f"{n_neurons} rows of weights but {len(biases)} biases")
            for i, row in enumerate(weights):
                if len(row) != n_inputs:
                    raise ValueError(f"weights[{i}] has {len(row)} values, not {n_inputs}")
            return (n_inputs, n_neurons)
        """,
        "layer_sizes accepted bad input",
        "test_layer_sizes_empty",
    ),
    (
        "layer_sizes",
        """
        def layer_sizes(inputs, weights, biases):
            n_inputs, n_neurons = len(weights[0]), len(weights)
            if n_inputs != len(inputs):
                raise ValueError(f"weights[0] has {n_inputs} values, not {len(inputs)}")
            if len(biases) != n_neurons:
                raise ValueError(f"{n_neurons} rows of weights but {len(biases)} biases")
            for i, row in enumerate(weights):
                if len(row) != n_inputs:
                    raise ValueError(f"weights[{i}] has {len(row)} values, not {n_inputs}")
            return (n_inputs, n_neurons)
        """,
        "raised IndexError instead of ValueError",
        "test_layer_sizes_empty",
    ),
    (
        "layer_sizes",
        """
        def layer_sizes(inputs, weights, biases):
            n_inputs, n_neurons = len(inputs), len(weights)
            if not weights:
                return (n_inputs, 0)
            if len(biases) != n_neurons:
                raise ValueError(f"{n_neurons} rows of weights but {len(biases)} biases")
            for i, row in enumerate(weights):
                if len(row) != n_inputs:
                    raise ValueError(f"weights[{i}] has {len(row)} values, not {n_inputs}")
            return (n_inputs, n_neurons)
        """,
        "layer_sizes accepted bad input and returned (4, 0)",
        "test_layer_sizes_empty",
    ),
    (
        "count_parameters",
        """
        def count_parameters(sizes):
            return sum(n_in * n_out + n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))
        """,
        "count_parameters accepted bad input and returned 0",
        "test_count_parameters_too_few",
    ),
    (
        "count_parameters",
        """
        def count_parameters(sizes):
            total = sizes[0] * sizes[1] + sizes[1]
            for i in range(2, len(sizes)):
                total += sizes[i - 1] * sizes[i] + sizes[i]
            return total
        """,
        "raised IndexError instead of ValueError",
        "test_count_parameters_too_few",
    ),
    (
        "count_parameters",
        """
        def count_parameters(sizes):
            assert len(sizes) >= 2, "need at least two sizes"
            return sum(n_in * n_out + n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))
        """,
        "raised AssertionError instead of ValueError",
        "test_count_parameters_too_few",
    ),
    (
        "count_parameters",
        """
        def count_parameters(sizes):
            if len(sizes) < 2:
                raise TypeError("need the number of inputs and at least one layer")
            return sum(n_in * n_out + n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))
        """,
        "raised TypeError instead of ValueError",
        "test_count_parameters_too_few",
    ),
    (
        "predicted_class",
        """
        def predicted_class(outputs):
            best = 0
            for i, value in enumerate(outputs):
                if value > outputs[best]:
                    best = i
            return best
        """,
        "predicted_class accepted bad input and returned 0",
        "test_predicted_class_empty",
    ),
    (
        "predicted_class",
        """
        def predicted_class(outputs):
            best, largest = 0, outputs[0]
            for i, value in enumerate(outputs):
                if value > largest:
                    best, largest = i, value
            return best
        """,
        "raised IndexError instead of ValueError",
        "test_predicted_class_empty",
    ),
    (
        "predicted_class",
        """
        def predicted_class(outputs):
            if not outputs:
                return None
            best = 0
            for i, value in enumerate(outputs):
                if value > outputs[best]:
                    best = i
            return best
        """,
        "predicted_class accepted bad input and returned None",
        "test_predicted_class_empty",
    ),
    (
        "predicted_class",
        """
        def predicted_class(outputs):
            if len(outputs) == 0:
                return -1
            best = 0
            for i, value in enumerate(outputs):
                if value > outputs[best]:
                    best = i
            return best
        """,
        "predicted_class accepted bad input and returned -1",
        "test_predicted_class_empty",
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
        import math
        def layer_output(inputs, weights, biases):
            outputs = []
            for i, neuron_weights in enumerate(weights):
                products = [inputs[j] * neuron_weights[j] for j in range(len(inputs))]
                outputs.append(math.fsum(products) + biases[i])
            return outputs
        """,
    ),
    (
        "layer_output",
        """
        def layer_output(inputs, weights, biases):
            outputs = [0.0] * len(weights)
            for i, (row, bias) in enumerate(zip(weights, biases)):
                for x, w in zip(inputs, row):
                    outputs[i] += x * w
                outputs[i] += bias
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
        "layer_sizes",
        """
        def layer_sizes(inputs, weights, biases):
            n_inputs = len(inputs)
            n_neurons = len(weights)
            if n_neurons == 0 or len(biases) != n_neurons:
                raise ValueError(f"{n_neurons} neurons and {len(biases)} biases do not fit")
            for number, row in enumerate(weights, start=1):
                if len(row) != n_inputs:
                    raise ValueError(f"neuron {number} has {len(row)} weights for {n_inputs} \
inputs")
            return n_inputs, n_neurons
        """,
    ),
    (
        "layer_sizes",
        """
        def layer_sizes(inputs, weights, biases):
            lengths = {len(row) for row in weights}
            if not weights:
                raise ValueError("empty layer")
            if lengths != {len(inputs)}:
                raise ValueError(f"rows have {sorted(lengths)} weights, inputs {len(inputs)}")
            if len(biases) != len(weights):
                raise ValueError(f"biases: {len(biases)}, rows of weights: {len(weights)}")
            return (len(inputs), len(weights))
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
        "count_parameters",
        """
        def count_parameters(sizes):
            if len(sizes) <= 1:
                raise ValueError(f"{list(sizes)} describes no layer")
            weights = sum(a * b for a, b in zip(sizes, sizes[1:]))
            biases = sum(sizes[1:])
            return weights + biases
        """,
    ),
    (
        "count_parameters",
        """
        def count_parameters(sizes):
            if len(sizes) < 2:
                raise ValueError("no layer")
            total, n_in = 0, sizes[0]
            for n_out in sizes[1:]:
                total += n_in * n_out + n_out
                n_in = n_out
            return total
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
    (
        "predicted_class",
        """
        def predicted_class(outputs):
            return max(range(len(outputs)), key=lambda i: outputs[i])
        """,
    ),
    (
        "predicted_class",
        """
        def predicted_class(outputs):
            if len(outputs) == 0:
                raise ValueError("an empty layer predicts nothing")
            best_index, best_value = 0, outputs[0]
            for index in range(1, len(outputs)):
                if outputs[index] > best_value:
                    best_index, best_value = index, outputs[index]
            return best_index
        """,
    ),
]

# (answer cell, an answer that fits only the visible examples)
ONLY_VISIBLE = [
    (
        "layer_output",
        """
        def layer_output(inputs, weights, biases):
            return {3: [4.8, 1.21, 2.385], 2: [1.0, -1.5], 1: [2.3]}[len(weights)]
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
            for i in (0, -1):
                if len(weights[i]) != len(inputs):
                    raise ValueError(f"weights[{i}] has {len(weights[i])} values but there are \
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
            return {4.8: 0, 0.05: 3, 3.0: 0}.get(outputs[0], 1)
        """,
    ),
]
