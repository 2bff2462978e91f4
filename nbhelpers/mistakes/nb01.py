"""Notebook 01 · A single neuron: the mistakes its tests name.

One list per exercise: NEURON_OUTPUT, LINE_PARAMETERS, STEP and GATE_PARAMETERS. Most
mistakes are recognised by recomputing what the mistaken code returns for the test's own
inputs (``gives``), or by a property of the result (``shows``), so their hints fire on
hidden inputs too.

Two lists fit the way their tests call the student's code:

* STEP: the test calls ``step`` once per number of a list and checks the list of results
  (so a pattern such as "fires on both sides of 0" shows at once); its ``gives`` take that
  list of numbers.
* GATE_PARAMETERS: the test runs a reference step neuron, defined in the test cell, with
  the weights and bias ``gate_parameters(gate)`` returns, on each row of the gate's truth
  table; its ``shows`` read that list of 0s and 1s, and its ``raised`` name what the
  reference neuron raises when the parameters do not have the right form.
"""

from __future__ import annotations

import math
import numbers

from nbhelpers.checks import Mistake

HARD_CODED = "the result is the book's example whatever the input: is it hard-coded?"
BOOK_OUTPUTS = (2.3, 4.8)  # the book's three- and four-input neurons


def _close(a, b):
    """Whether two numbers agree as closely as the tests compare them."""
    return math.isclose(float(a), float(b), rel_tol=1e-7, abs_tol=1e-9)


# ----------------------------------------------------------------------------- neuron_output


def _weighted_sum(inputs, weights):
    """The sum of the products, without the bias."""
    return sum(x * w for x, w in zip(inputs, weights))


def _first_three(inputs, weights, bias):
    """The neuron written out for three inputs only: the terms of any further input are lost."""
    if len(inputs) <= 3:
        raise ValueError("the same as the correct output")
    return _weighted_sum(inputs[:3], weights[:3]) + bias


def _is_rounded(got, expected):
    """Whether the result is the correct one rounded to a few decimals, or to a whole number."""
    if not isinstance(got, numbers.Real) or _close(got, expected):
        return False
    cut = [round(expected, digits) for digits in range(5)] + [int(expected)]
    return any(_close(got, value) for value in cut)


NEURON_OUTPUT = [
    Mistake(
        "the bias is missing: the output is only the sum of the products.",
        gives=lambda inputs, weights, bias: _weighted_sum(inputs, weights),
    ),
    Mistake(
        "the bias is added once per input: look at where it is added.",
        gives=lambda inputs, weights, bias: _weighted_sum(inputs, weights) + len(inputs) * bias,
    ),
    Mistake(
        "the bias is subtracted: it is added to the sum of the products.",
        gives=lambda inputs, weights, bias: _weighted_sum(inputs, weights) - bias,
    ),
    Mistake(
        "the bias multiplies the sum: a bias is added, whatever the inputs.",
        gives=lambda inputs, weights, bias: _weighted_sum(inputs, weights) * bias,
    ),
    Mistake(
        "inputs and weights are added, not multiplied: each input is scaled by its weight.",
        gives=lambda inputs, weights, bias: sum(x + w for x, w in zip(inputs, weights)) + bias,
    ),
    Mistake(
        "every input is multiplied by every weight: each input belongs with its own weight "
        "only, the one at the same position.",
        gives=lambda inputs, weights, bias: sum(inputs) * sum(weights) + bias,
    ),
    Mistake(
        "only the first input counts: does the function return before the loop has visited "
        "every input?",
        gives=lambda inputs, weights, bias: inputs[0] * weights[0] + bias,
    ),
    Mistake(
        "only the last input counts: the running total is replaced on each pass of the loop "
        "instead of added to.",
        gives=lambda inputs, weights, bias: inputs[-1] * weights[-1] + bias,
    ),
    Mistake(
        "the last input is left out: check where the loop stops.",
        gives=lambda inputs, weights, bias: _weighted_sum(inputs[:-1], weights[:-1]) + bias,
    ),
    Mistake(
        "only the first three inputs count: the neuron must work for any number of inputs.",
        gives=_first_three,
    ),
    Mistake(
        "the result is a list of the products: they are added up into one number, and then "
        "the bias is added.",
        gives=lambda inputs, weights, bias: [x * w for x, w in zip(inputs, weights)],
    ),
    Mistake(
        "the result is rounded: return the full value (the tests compare numbers with a "
        "tolerance, so tiny decimal errors do no harm).",
        shows=_is_rounded,
    ),
    Mistake(
        HARD_CODED,
        shows=lambda got, expected: (
            any(_close(got, book) for book in BOOK_OUTPUTS)
            and not any(_close(expected, book) for book in BOOK_OUTPUTS)
        ),
    ),
    Mistake(
        "an index runs past the end of a list: check which positions the code reads.",
        raised="IndexError",
    ),
]


# ----------------------------------------------------------------------------- line_parameters


def _slope(point_a, point_b):
    """The correct weight: the change in y over the change in x."""
    (x1, y1), (x2, y2) = point_a, point_b
    return (y2 - y1) / (x2 - x1)


def _through_first(w, point_a):
    """The pair (w, b) whose line has slope w and passes through the first point."""
    x1, y1 = point_a
    return (w, y1 - w * x1)


def _swapped(got, expected):
    """Whether the result is (b, w) instead of (w, b)."""
    w, b = expected
    return not _close(w, b) and _close(got[0], b) and _close(got[1], w)


LINE_PARAMETERS = [
    Mistake(
        "the slope is upside down: it is the change in y for each unit of x.",
        gives=lambda a, b: _through_first((b[0] - a[0]) / (b[1] - a[1]), a),
    ),
    Mistake(
        "the slope has the wrong sign: are both differences taken in the same order?",
        gives=lambda a, b: _through_first(-_slope(a, b), a),
    ),
    Mistake(
        "the slope is rounded down to a whole number: look at the division.",
        gives=lambda a, b: _through_first((b[1] - a[1]) // (b[0] - a[0]), a),
    ),
    Mistake(
        "the weight and the bias are swapped: the function returns (w, b) in that order.",
        shows=_swapped,
    ),
    Mistake(
        "the bias has a sign error: solve y1 = w·x1 + b for b once more.",
        gives=lambda a, b: (_slope(a, b), a[1] + _slope(a, b) * a[0]),
    ),
    Mistake(
        "the bias is the negative of the right one: solve y1 = w·x1 + b for b once more.",
        gives=lambda a, b: (_slope(a, b), _slope(a, b) * a[0] - a[1]),
    ),
    Mistake(
        "the bias is y1 itself: that is only right when x1 = 0; the line must pass through "
        "the first point, wherever it is.",
        gives=lambda a, b: (_slope(a, b), a[1]),
    ),
    Mistake(
        "the bias mixes the two points: x and y in its formula must come from the same point.",
        gives=lambda a, b: (_slope(a, b), b[1] - _slope(a, b) * a[0]),
    ),
    Mistake(
        "the coordinates are read in the wrong order: point_a is (x1, y1) and point_b is (x2, y2).",
        gives=lambda a, b: _through_first((b[1] - b[0]) / (a[1] - a[0]), (a[0], b[0])),
    ),
    Mistake(
        "only the weight came back: the function returns the pair (w, b).",
        gives=_slope,
    ),
    Mistake(
        "the function raised ValueError for two points with different x: only points with "
        "the same x have no neuron (a flat line, with both y the same, has weight 0).",
        raised="ValueError",
    ),
]


# ----------------------------------------------------------------------------- step
# The test calls step on each number of a list: these take that list.


def _each(rule):
    """A mistaken step, applied to each number of a list."""
    return lambda xs: [rule(x) for x in xs]


def _returned_none(got, some):
    """Whether step returned None for all the numbers (some=False) or only for some (True)."""
    nones = [v is None for v in got]
    return any(nones) and (not all(nones)) == some


STEP = [
    Mistake(
        "an output of exactly 0 fired: the step fires only for outputs greater than 0.",
        gives=_each(lambda x: 1 if x >= 0 else 0),
    ),
    Mistake(
        "step returned the neuron's output itself: it should turn it into 1 or 0.",
        gives=_each(lambda x: x),
    ),
    Mistake(
        "positive outputs come back unchanged: a step gives 1 for every one of them "
        "(keeping the value is what ReLU does, in notebook 06).",
        gives=_each(lambda x: x if x > 0 else 0),
    ),
    Mistake(
        "the step fires on the wrong side of 0 (or on both sides): only outputs above 0 fire.",
        gives=_each(lambda x: 1 if x < 0 else 0),
    ),
    Mistake(
        "1 and 0 are the wrong way round: the step gives 1 for outputs above 0, and 0 for the "
        "others.",
        gives=_each(lambda x: 0 if x > 0 else 1),
    ),
    Mistake(
        "every output that is not 0 fires, negative ones too: whether a number counts as "
        "true only says whether it is 0.",
        gives=_each(lambda x: 1 if x else 0),
    ),
    Mistake(
        "outputs that do not fire give −1: a step neuron that stays quiet gives 0.",
        shows=lambda got, expected: -1 in got,
    ),
    Mistake(
        "small positive outputs do not fire: the step's threshold is 0, however small the "
        "output above it.",
        gives=_each(lambda x: 1 if x > 0.5 else 0),
    ),
    Mistake(
        "small positive outputs do not fire: the step's threshold is 0, however small the "
        "output above it.",
        gives=_each(lambda x: 1 if x >= 1 else 0),
    ),
    Mistake(
        "step returned None for some outputs: every way through the function needs its own return.",
        shows=lambda got, expected: _returned_none(got, some=True),
    ),
    Mistake(
        "step returned None: printing a value does not return it.",
        shows=lambda got, expected: _returned_none(got, some=False),
    ),
    Mistake(
        "step divided by 0: for an output of exactly 0 a division is undefined, while a "
        "comparison with 0 is not.",
        raised="ZeroDivisionError",
    ),
    Mistake(
        "step returned text: it should return the number 1 or 0.",
        shows=lambda got, expected: any(isinstance(v, str) for v in got),
    ),
]


# ----------------------------------------------------------------------------- gate_parameters
# The test checks which rows of the truth table a reference step neuron fires on, with the
# parameters gate_parameters returned: these read that list (expected and got).

AND, OR, NOT = [0.0, 0.0, 0.0, 1.0], [0.0, 1.0, 1.0, 1.0], [1.0, 0.0]


def _table_is(table, got, expected, gate):
    """Whether the gate ``expected`` describes came out as ``table``."""
    return list(expected) == gate and [float(v) for v in got] == table


GATE_PARAMETERS = [
    Mistake(
        "the neuron never fires: the bias is too negative (or the weights too small); "
        "remember that a sum of exactly 0 does not fire.",
        shows=lambda got, expected: 1 in expected and all(v == 0 for v in got),
    ),
    Mistake(
        "the neuron always fires: the bias is too large.",
        shows=lambda got, expected: 0 in expected and all(v == 1 for v in got),
    ),
    Mistake(
        "that is OR: one input alone is enough to make this neuron fire; AND needs both, so "
        "the bias must hold it back further.",
        shows=lambda got, expected: _table_is(OR, got, expected, AND),
    ),
    Mistake(
        "that is AND: this neuron needs both inputs to fire; for OR one is enough, so the bias "
        "must hold it back less (a sum of exactly 0 does not fire).",
        shows=lambda got, expected: _table_is(AND, got, expected, OR),
    ),
    Mistake(
        "the neuron copies its input: NOT must fire when its input is 0 and stay quiet when "
        "it is 1; look at the sign of the weight.",
        shows=lambda got, expected: _table_is([0.0, 1.0], got, expected, NOT),
    ),
    Mistake(
        "the neuron fires exactly where the gate should stay quiet, and the other way round: "
        "look at the signs of the weights and the bias.",
        shows=lambda got, expected: (
            len(expected) == 4 and [float(v) for v in got] == [1.0 - e for e in expected]
        ),
    ),
    Mistake(
        "the neuron follows one input and ignores the other: both weights must count.",
        shows=lambda got, expected: (
            len(expected) == 4 and [float(v) for v in got] in ([0, 0, 1, 1], [0, 1, 0, 1])
        ),
    ),
    Mistake(
        "the number of weights does not fit the gate: AND and OR have two inputs, so two "
        "weights, and NOT has one.",
        raised="zip() argument 2 is",
    ),
    Mistake(
        "gate_parameters returns two things, in this order: the list of weights, then the bias.",
        raised=("too many values to unpack", "not enough values to unpack"),
    ),
    Mistake(
        "the weights are not a list of numbers: the first of the two things returned is the "
        "list of weights (one per input), the second the bias.",
        raised="object is not iterable",
    ),
    Mistake(
        "the bias is not a single number: the second thing returned is the bias, one number.",
        raised="unsupported operand type(s) for +",
    ),
    Mistake(
        "gate_parameters returned None: printing a value does not return it.",
        raised="cannot unpack non-iterable NoneType",
    ),
    Mistake(
        'a gate\'s name was not found: the names are "AND", "OR" and "NOT", in capitals.',
        raised="KeyError",
    ),
]
