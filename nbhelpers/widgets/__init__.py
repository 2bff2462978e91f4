"""Interactive demos: sliders that move a picture drawn by the student's own code.

Each demo is a function that builds and returns an ipywidgets container. The figure is
created once with matplotlib and shown on a canvas the browser draws (the changing parts
are sent as data on every slider event, see :mod:`nbhelpers.widgets.canvas`). The
returned object exposes its sliders and plotted artists, so a test can set slider values
and read what is drawn, without a browser.

Demos, one module each:

* :func:`neuron_line` -- weight and bias of a single-input neuron (chapter 1);
* :func:`matmul_stepper` -- a batch through a layer, one output of the matrix product at a
  time (chapter 2);
* :func:`activation_explorer` -- one neuron followed by step, linear, sigmoid, tanh or ReLU;
* :func:`relu_pair` -- two chained ReLU neurons and their "area of effect" (chapter 4);
* :func:`dense_explorer` -- a dense layer's 3 neurons over the plane of the spiral data
  (chapter 3);
* :func:`sine_fit` -- 8 pairs of ReLU neurons fitted to a sine by hand (chapter 4);
* :func:`softmax_bars` -- logits, temperature and the softmax probabilities (chapter 4);
* :func:`tangent_slope` -- a curve's tangent and the secants of a step h, and the error of
  the estimate for every step (chapter 7).
* :func:`neuron_graph` -- one ReLU neuron's values forwards and gradients backwards (chapter 9).
* :func:`optimizer_paths` -- optimizers' paths on a loss surface of two parameters (chapter 10).
* :func:`training_playground` -- a network of the student's classes trained live on data of the
  plane, with play, pause and one step (chapters 5-10).

What they share (the canvas, the sliders, the :class:`~nbhelpers.widgets.base.Demo` base
class) is in :mod:`nbhelpers.widgets.base`; the correct functions they fall back to are in
:mod:`nbhelpers.widgets.references`.

Functions the student wrote point by point (``neuron_output``) are called once per grid
point; vectorised ones (``relu``, ``softmax``) once per redraw on the whole array (see
:func:`nbhelpers.plots.student_values`). Either way a failing or unfinished function is
replaced by a reference and a note under the figure says why.

Importing the package imports every demo (the grading worker preloads it by name) and
changes no global numpy or matplotlib state.
"""

from nbhelpers.widgets.activation_explorer import ActivationExplorer, activation_explorer
from nbhelpers.widgets.dense_explorer import DenseExplorer, dense_explorer
from nbhelpers.widgets.matmul_stepper import MatmulStepper, matmul_stepper
from nbhelpers.widgets.neuron_graph import NeuronGraph, neuron_graph
from nbhelpers.widgets.neuron_line import NeuronLine, neuron_line
from nbhelpers.widgets.optimizer_paths import OptimizerPaths, optimizer_paths
from nbhelpers.widgets.playground import TrainingPlayground, training_playground
from nbhelpers.widgets.references import ACTIVATIONS, FORMULAS, REFERENCE_ACTIVATIONS
from nbhelpers.widgets.relu_pair import ReluPair, relu_pair
from nbhelpers.widgets.sine_fit import HAND_TUNED_SINE, SineFit, sine_fit
from nbhelpers.widgets.softmax_bars import SoftmaxBars, softmax_bars
from nbhelpers.widgets.tangent_slope import TangentSlope, tangent_slope

__all__ = [
    "ACTIVATIONS",
    "FORMULAS",
    "HAND_TUNED_SINE",
    "REFERENCE_ACTIVATIONS",
    "ActivationExplorer",
    "DenseExplorer",
    "MatmulStepper",
    "NeuronGraph",
    "NeuronLine",
    "OptimizerPaths",
    "ReluPair",
    "SineFit",
    "SoftmaxBars",
    "TangentSlope",
    "TrainingPlayground",
    "activation_explorer",
    "dense_explorer",
    "matmul_stepper",
    "neuron_graph",
    "neuron_line",
    "optimizer_paths",
    "relu_pair",
    "sine_fit",
    "softmax_bars",
    "tangent_slope",
    "training_playground",
]
