"""One plotting style for the whole course.

Colours come from the Okabe–Ito palette, which stays distinguishable with the common
forms of colour blindness; classes also differ by marker shape and signs by text, so
nothing is told by colour alone. Every figure has a title, axis labels and fixed axes.

Figures are :class:`CourseFigure` objects built without pyplot: they show as a PNG when
they end a notebook cell, and importing this module changes no global matplotlib state
(the style is applied with a context manager while a figure is built and drawn).

Modules: :mod:`.style` (palette, style, :class:`CourseFigure`), :mod:`.curves` (a student's
function drawn as curves, matrices or bars, with a reference where it cannot be used),
:mod:`.classes` (points coloured by class: spiral data, predictions, where a step network
fires), :mod:`.losses` (one sample's loss as a curve, random search's loss history) and
:mod:`.backprop` (notebook 10's XOR network: a backward pass checked numerically, then
followed) and :mod:`.training` (notebook 12's runs: the book's spiral with SGD and Adam, and
a network that overfits). Notebooks use them as ``plots.<name>``.
"""

from nbhelpers.plots.backprop import xor_backprop
from nbhelpers.plots.classes import (
    GATE_INPUTS,
    scatter_classes,
    spiral_predictions,
    step_network_regions,
)
from nbhelpers.plots.curves import (
    Curve,
    Panel,
    activation_derivatives,
    bar_figure,
    curves_figure,
    matrix_figure,
    neuron_line_panels,
    student_curve,
    student_values,
)
from nbhelpers.plots.losses import loss_curve, random_search, random_search_history
from nbhelpers.plots.style import (
    CLASS_COLORS,
    CLASS_MARKERS,
    PALETTE,
    SIGNED_CMAP,
    STYLE,
    CourseFigure,
    course_style,
    new_figure,
    style_axes,
)
from nbhelpers.plots.training import overfitting, spiral_training

__all__ = [
    "CLASS_COLORS",
    "CLASS_MARKERS",
    "GATE_INPUTS",
    "PALETTE",
    "SIGNED_CMAP",
    "STYLE",
    "CourseFigure",
    "Curve",
    "Panel",
    "activation_derivatives",
    "bar_figure",
    "course_style",
    "curves_figure",
    "loss_curve",
    "matrix_figure",
    "neuron_line_panels",
    "new_figure",
    "overfitting",
    "random_search",
    "random_search_history",
    "scatter_classes",
    "spiral_predictions",
    "spiral_training",
    "step_network_regions",
    "student_curve",
    "student_values",
    "style_axes",
    "xor_backprop",
]
