"""Notebook 02 · A layer of neurons: the mistakes its tests name, exercise by exercise.

Each ``gives`` computes what the mistaken code returns for the test's own arguments, so a
hint fires on hidden inputs too; where a mistake would change nothing, the checkers do
not name it. A ``gives`` returns None where the mistake would look like another one (e.g.
"only the first neuron" on a layer of one neuron), so that only the fitting hint is shown.
Hints say what is wrong and where to look, never the fix.
"""

from __future__ import annotations

import math
import numbers

from nbhelpers.checks import Mistake

# The book's layer: what an answer that ignores its arguments returns.
BOOK_OUTPUTS = (4.8, 1.21, 2.385)


def _same(a, b):
    """Two numbers, or two sequences of numbers, agree to 1e-9."""
    if isinstance(a, numbers.Real) and isinstance(b, numbers.Real):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    return (
        isinstance(a, (list, tuple))
        and isinstance(b, (list, tuple))
        and len(a) == len(b)
        and all(_same(x, y) for x, y in zip(a, b))
    )


# ----------------------------------------------------------------------------- layer_output


def _sum_products(inputs, row):
    """The weighted sum of one neuron, without its bias (zip stops at the shorter)."""
    return sum(x * w for x, w in zip(inputs, row))


def _layer(inputs, weights, biases):
    """A layer's outputs, as the exercise asks."""
    return [_sum_products(inputs, row) + b for row, b in zip(weights, biases)]


def _without_biases(inputs, weights, biases):
    """Each neuron's weighted sum, no bias added."""
    return _layer(inputs, weights, [0] * len(biases))


def _first_bias_for_all(inputs, weights, biases):
    """Every neuron gets biases[0]."""
    return _layer(inputs, weights, [biases[0]] * len(biases))


def _bias_per_input(inputs, weights, biases):
    """The bias is added inside the inner loop, once per input."""
    return [sum(x * w + b for x, w in zip(inputs, row)) for row, b in zip(weights, biases)]


def _first_output(inputs, weights, biases):
    """The first neuron's output alone (a return inside the outer loop)."""
    return _layer(inputs, weights, biases)[0] if len(weights) > 1 else None


def _last_output(inputs, weights, biases):
    """The last neuron's output alone (a variable overwritten in the loop)."""
    return _layer(inputs, weights, biases)[-1] if len(weights) > 1 else None


def _outputs_added(inputs, weights, biases):
    """The neurons' outputs summed into one number."""
    return sum(_layer(inputs, weights, biases)) if len(weights) > 1 else None


def _single_output_unwrapped(got, expected):
    """A layer of one neuron returned its output as a bare number."""
    return (
        isinstance(got, numbers.Real)
        and len(expected) == 1
        and math.isclose(got, expected[0], rel_tol=1e-9, abs_tol=1e-9)
    )


def _read_by_columns(inputs, weights, biases):
    """Neuron i gets the weights of column i (weights[j][i] for input j)."""
    return [_sum_products(inputs, column) + b for column, b in zip(zip(*weights), biases)]


def _last_input_left_out(inputs, weights, biases):
    """The inner loop stops one input early."""
    return _layer(inputs[:-1], weights, biases)


def _first_input_left_out(inputs, weights, biases):
    """The inner loop starts at the second input."""
    return _layer(inputs[1:], [row[1:] for row in weights], biases)


def _last_neuron_left_out(inputs, weights, biases):
    """The outer loop stops one neuron early."""
    return _layer(inputs, weights, biases)[:-1] if len(weights) > 1 else None


def _running_total(inputs, weights, biases, keep_biases=False):
    """The sum is not reset between neurons (with keep_biases, biases pile up in it too)."""
    total, outputs = 0, []
    for row, b in zip(weights, biases):
        total += _sum_products(inputs, row) + (b if keep_biases else 0)
        outputs.append(total + (0 if keep_biases else b))
    return outputs if len(weights) > 1 else None


def _running_total_with_biases(inputs, weights, biases):
    """As _running_total, the biases added into the running sum."""
    return _running_total(inputs, weights, biases, keep_biases=True)


def _output_per_input(inputs, weights, biases):
    """An output kept after every input (inside the inner loop): bias plus the sum so far."""
    outputs = []
    for row, b in zip(weights, biases):
        total = b
        for x, w in zip(inputs, row):
            total += x * w
            outputs.append(total)
    return outputs


def _book_outputs(got, expected):
    """The book's layer came back for another layer."""
    return _same(got, BOOK_OUTPUTS) and not _same(expected, BOOK_OUTPUTS)


LAYER_OUTPUT = [
    Mistake(
        "the biases are missing: these are the neurons' weighted sums alone.",
        gives=_without_biases,
    ),
    Mistake(
        "every neuron gets the first bias: look at which bias goes with which row of weights.",
        gives=_first_bias_for_all,
    ),
    Mistake(
        "the bias is added once per input instead of once per neuron: look at where in the "
        "loops the bias is added.",
        gives=_bias_per_input,
    ),
    Mistake(
        "only the first neuron's output came back: a `return` inside the loop over the neurons "
        "ends the function after the first one.",
        gives=_first_output,
    ),
    Mistake(
        "only the last neuron's output came back: each neuron's output replaces the one "
        "before, instead of being kept in a list.",
        gives=_last_output,
    ),
    Mistake(
        "the outputs of the neurons are added together into one number: a layer gives one "
        "output per neuron.",
        gives=_outputs_added,
    ),
    Mistake(
        "a layer with a single neuron still returns a list (of one output), not a bare number.",
        shows=_single_output_unwrapped,
    ),
    Mistake(
        "each neuron got a column of the weights instead of its row: weights[i] is the whole "
        "row of the neuron at index i. Look at the order of the two indices.",
        gives=_read_by_columns,
    ),
    Mistake(
        "an index ran past the end of a list: check which index picks a neuron (a row of "
        "weights) and which an input (a position in a row), and the range of each loop.",
        raised="IndexError",
    ),
    Mistake(
        "a number was multiplied by a whole list: each product pairs one input with one "
        "weight. Print what each loop variable holds.",
        raised="TypeError: can't multiply sequence",
    ),
    Mistake(
        "the last input is left out of every neuron's sum: check where the inner loop stops.",
        gives=_last_input_left_out,
    ),
    Mistake(
        "the first input is left out of every neuron's sum: check where the inner loop starts.",
        gives=_first_input_left_out,
    ),
    Mistake(
        "the last neuron is missing: check where the loop over the neurons stops.",
        gives=_last_neuron_left_out,
    ),
    Mistake(
        "the sum carries over from one neuron to the next: each neuron's sum has to start "
        "from zero.",
        gives=_running_total,
    ),
    Mistake(
        "the sum carries over from one neuron to the next: each neuron's sum has to start "
        "from zero.",
        gives=_running_total_with_biases,
    ),
    Mistake(
        "there are several outputs per neuron: an output is kept after every input, not once "
        "per neuron. Check the indentation of the line that stores an output.",
        gives=_output_per_input,
    ),
    Mistake(
        "the result is the book's layer whatever the inputs: does the function use its own "
        "arguments, or the notebook's variables (or fixed numbers)?",
        shows=_book_outputs,
    ),
]


# ----------------------------------------------------------------------------- layer_sizes


LAYER_SIZES = [
    Mistake(
        "the two sizes are swapped: the first is the number of inputs.",
        gives=lambda inputs, weights, biases: (len(weights), len(inputs)),
    ),
    Mistake(
        "the number of neurons is the number of rows of weights (one row per neuron), not the "
        "length of a row.",
        gives=lambda inputs, weights, biases: (len(inputs), len(weights[0])),
    ),
    Mistake(
        "the number of neurons counts every weight: each neuron has a whole row of them.",
        gives=lambda inputs, weights, biases: (len(inputs), sum(len(row) for row in weights)),
    ),
    Mistake(
        "a layer whose sizes fit was refused: check which two lengths each test compares.",
        raised="ValueError",
    ),
]


# ----------------------------------------------------------------------------- count_parameters


def _layers(sizes):
    """The (n_in, n_out) pair of each layer."""
    return list(zip(sizes[:-1], sizes[1:]))


def _count(pairs):
    """Weights and biases of the given layers."""
    return sum(n_in * n_out + n_out for n_in, n_out in pairs)


COUNT_PARAMETERS = [
    Mistake(
        "the biases are not counted: every neuron has one.",
        gives=lambda sizes: sum(n_in * n_out for n_in, n_out in _layers(sizes)),
    ),
    Mistake(
        "a bias is counted per input of a layer instead of per neuron.",
        gives=lambda sizes: sum(n_in * n_out + n_in for n_in, n_out in _layers(sizes)),
    ),
    Mistake(
        "each layer gets one bias in all instead of one per neuron.",
        gives=lambda sizes: sum(n_in * n_out + 1 for n_in, n_out in _layers(sizes)),
    ),
    Mistake(
        "the inputs are counted as if they had biases: inputs have no parameters, only neurons do.",
        gives=lambda sizes: _count(_layers(sizes)) + sizes[0],
    ),
    Mistake(
        "the sizes are added up: that counts inputs and neurons, not the connections between "
        "them (each of a layer's neurons has a weight for every one of its inputs).",
        gives=lambda sizes: sum(sizes),
    ),
    Mistake(
        "all the sizes are multiplied together: a layer's weights depend only on its own "
        "inputs and neurons; count layer by layer, then add.",
        gives=lambda sizes: math.prod(sizes),
    ),
    Mistake(
        "only the first layer is counted: does the loop return after its first layer?",
        gives=lambda sizes: _count(_layers(sizes)[:1]),
    ),
    Mistake(
        "only the last layer is counted: each layer's count replaces the total so far instead "
        "of adding to it.",
        gives=lambda sizes: _count(_layers(sizes)[-1:]),
    ),
    Mistake(
        "the last layer is left out: check where the loop over the layers stops.",
        gives=lambda sizes: _count(_layers(sizes)[:-1]),
    ),
    Mistake(
        "a layer that does not exist is counted: the loop starts at sizes[0], which has no "
        "size before it (index -1 wraps around to the last size).",
        gives=lambda sizes: _count([(sizes[-1], sizes[0]), *_layers(sizes)]),
    ),
]


# ----------------------------------------------------------------------------- predicted_class


def _first_largest(outputs):
    """The index of the largest output, the first one on a tie."""
    return max(range(len(outputs)), key=lambda i: (outputs[i], -i))


def _last_largest(outputs):
    """The index of the largest output, the last one on a tie."""
    return max(range(len(outputs)), key=lambda i: (outputs[i], i))


def _best_from_zero(outputs):
    """A search whose best value so far starts at 0 (never beaten by negative outputs)."""
    best, best_value = 0, 0
    for i, value in enumerate(outputs):
        if value > best_value:
            best, best_value = i, value
    return best


def _beats_the_previous(outputs):
    """The last output that is larger than the one just before it."""
    best = 0
    for i in range(1, len(outputs)):
        if outputs[i] > outputs[i - 1]:
            best = i
    return best


PREDICTED_CLASS = [
    Mistake(
        "this is the largest output itself; the prediction is its position in the list.",
        gives=lambda outputs: max(outputs),
    ),
    Mistake(
        "on a tie this is the last of the largest outputs; the exercise asks for the first. "
        "Look at when the best index moves: on an equal value too?",
        gives=_last_largest,
    ),
    Mistake(
        "the position is counted from 1: Python's indices start at 0.",
        gives=lambda outputs: _first_largest(outputs) + 1,
    ),
    Mistake(
        "when every output is negative nothing beats a best value that starts at 0: the "
        "search has to start from an actual output.",
        gives=_best_from_zero,
    ),
    Mistake(
        "the answer is index 0 although a later output is larger: does the loop return after "
        "looking at the first output?",
        gives=lambda outputs: 0 if max(outputs) > 0 and outputs[0] < max(outputs) else None,
    ),
    Mistake(
        "this is the position of the smallest output: look at the direction of the comparison.",
        gives=lambda outputs: min(range(len(outputs)), key=lambda i: (outputs[i], i)),
    ),
    Mistake(
        "each output is compared with the one just before it, not with the largest so far.",
        gives=_beats_the_previous,
    ),
    Mistake(
        "the last output is never compared: check where the loop stops.",
        gives=lambda outputs: _first_largest(outputs[:-1]) if len(outputs) > 1 else None,
    ),
    Mistake(
        "the result is the last index whatever the values: when (index, value) pairs are "
        "compared, the index decides first.",
        gives=lambda outputs: len(outputs) - 1 if outputs[-1] < max(outputs) else None,
    ),
    Mistake(
        "a list of the positions of the largest output came back: the prediction is one index.",
        gives=lambda outputs: [i for i, v in enumerate(outputs) if v == max(outputs)],
    ),
]
