"""The tangent and the step: a curve's slope estimated with a step h, and how h goes wrong.

:func:`tangent_slope` builds a :class:`TangentSlope`: a curve with a movable point x₀, its
tangent (the true slope), and the secants of the central difference (computed by the
student's ``numerical_derivative``) and of the forward one, for a step h chosen on a
logarithmic scale; beside it, the error of both estimates over every step, which shows a
step too large (the secant cuts the curve away from x₀) and one too small (rounding).
"""

from __future__ import annotations

import math
from typing import Callable, NamedTuple

import ipywidgets as w
import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator

from nbhelpers.plots import PALETTE, Curve, course_style, new_figure, student_curve, style_axes
from nbhelpers.widgets import references
from nbhelpers.widgets.base import Demo, slider
from nbhelpers.widgets.canvas import BrowserCanvas

DerivativeFunction = Callable[[Callable[[float], float], float, float], float]


class Shape(NamedTuple):
    """A curve the demo can draw.

    Attributes:
        f: the function of one float (the student's code evaluates it).
        slope: its derivative, of one float (the tangent's slope).
        formula: f(x) in HTML; slope_formula: f′(x) in HTML.
    """

    f: Callable[[float], float]
    slope: Callable[[float], float]
    formula: str
    slope_formula: str


SHAPES = {
    "2x² (the book's)": Shape(lambda v: 2 * v * v, lambda v: 4 * v, "2x²", "4x₀"),
    "tanh(x)": Shape(math.tanh, lambda v: 1 - math.tanh(v) ** 2, "tanh(x)", "1 − tanh²(x₀)"),
}


class _Estimates(NamedTuple):
    """The estimates of the slope at one point, one per step: the central ones (by the
    student's function, or the reference), the correct central ones, the forward ones."""

    central: Curve
    correct: np.ndarray
    forward: np.ndarray


def _power_of_ten(value: float, _position: int) -> str:
    """A tick label such as 1e-12, in plain text (TeX labels take a second to lay out)."""
    return f"1e{round(math.log10(value))}"


class TangentSlope(Demo):
    """A curve, the tangent at x₀, and the secants of a step h; the error over every step.

    Attributes:
        log_step: the FloatSlider of log₁₀ h, from -15 to 0.5 in steps of 0.1.
        point: the FloatSlider of x₀; shape: the Dropdown of the curves in :data:`SHAPES`.
        reset_button: restores the book's curve 2x², x₀ = 1 and h = 10^-0.5.
        readout: HTML with h, both estimates, their errors and the true slope.
        note: HTML that says whose code computes the central estimate (and why, if not
            the student's).
        steps: array (156,), every step h the slider offers (10^-15 to 10^0.5).
        h, estimate, forward, slope: the step, the central estimate (the student's, or
            the reference's), the forward estimate and the true slope, as drawn.
        figure: the matplotlib Figure; its left axes: curve_line, tangent, central_secant,
            reference_secant (dotted, the correct central secant, visible only when the
            student's estimate differs), forward_secant, points (x₀ - h, x₀ + h) and
            point (x₀); its right axes (log-log): central_errors, reference_errors
            (dotted, visible only when the student's estimates differ), forward_errors,
            step_line (at h) and error_marks (both errors at h).
    """

    X_LIMITS = (-2.0, 2.0)
    Y_LIMITS = (-1.5, 5.0)
    STEP_LIMITS = (-15.0, 0.5)  # log₁₀ h
    ERROR_LIMITS = (1e-17, 1e3)
    START = {"shape": "2x² (the book's)", "log_step": -0.5, "point": 1.0}
    _CACHED = 64  # (curve, x₀) pairs whose estimates over every step are kept

    def __init__(self, derivative: DerivativeFunction | None = None, exercise: str = "Exercise 1"):
        self.derivative = derivative
        self.exercise = exercise
        exponents = np.round(np.arange(self.STEP_LIMITS[0], self.STEP_LIMITS[1] + 0.05, 0.1), 1)
        self.steps = 10.0**exponents
        self.x = np.linspace(*self.X_LIMITS, 201)
        self._estimates: dict[tuple[str, float], _Estimates] = {}
        self._curves = {
            name: np.array([shape.f(float(v)) for v in self.x]) for name, shape in SHAPES.items()
        }
        self.shape = w.Dropdown(
            options=list(SHAPES), value=self.START["shape"], description="curve f(x)"
        )
        self.log_step = slider(
            "log₁₀ h (step)",
            self.START["log_step"],
            *self.STEP_LIMITS,
            "the step h is 10 to this power: -5 means h = 0.00001",
            step=0.1,
            readout_format=".1f",
        )
        self.point = slider(
            "x₀ (point)", self.START["point"], -1.5, 1.5, "where the slope is estimated"
        )
        self._make_controls("back to the book's curve, x₀ = 1, h = 10^-0.5")

        self.figure, axes = new_figure(1, 2, figsize=(8.8, 3.7), figure_class=Figure)
        left, right = axes[0]
        zeros = np.zeros(2)
        with course_style():
            style_axes(
                left,
                title="The slope at x₀: tangent and secants",
                xlabel="x",
                ylabel="f(x)",
                xlim=self.X_LIMITS,
                ylim=self.Y_LIMITS,
            )
            (self.curve_line,) = left.plot(self.x, self.x, color=PALETTE["black"], label="f(x)")
            (self.tangent,) = left.plot(
                zeros, zeros, color=PALETTE["green"], label="tangent: the true slope"
            )
            (self.reference_secant,) = left.plot(
                zeros, zeros, ":", color=PALETTE["black"], linewidth=1.5, visible=False
            )
            (self.central_secant,) = left.plot(
                zeros, zeros, color=PALETTE["blue"], label="central secant: through x₀ − h, x₀ + h"
            )
            (self.forward_secant,) = left.plot(
                zeros,
                zeros,
                "--",
                color=PALETTE["orange"],
                label="forward secant (the book's): x₀, x₀ + h",
            )
            (self.points,) = left.plot(zeros, zeros, "o", color=PALETTE["blue"], markersize=5)
            (self.point_mark,) = left.plot(
                [0.0], [0.0], "o", color=PALETTE["vermillion"], markersize=8
            )

            right.set_xscale("log")
            right.set_yscale("log")
            style_axes(
                right,
                title="Error of the estimate, for every step h",
                xlabel="step h",
                ylabel="|estimate − true slope|",
                xlim=(float(self.steps[0]), float(self.steps[-1])),
                ylim=self.ERROR_LIMITS,
                zero_lines=False,
            )
            for axis, exponents in (
                (right.xaxis, range(-15, 1, 3)),
                (right.yaxis, range(-16, 3, 4)),
            ):
                axis.set_major_locator(FixedLocator([10.0**e for e in exponents]))
                axis.set_major_formatter(FuncFormatter(_power_of_ten))
                axis.set_minor_locator(NullLocator())
            (self.reference_errors,) = right.plot(
                self.steps, self.steps, ":", color=PALETTE["black"], linewidth=1.5, visible=False
            )
            (self.central_errors,) = right.plot(
                self.steps,
                self.steps,
                color=PALETTE["blue"],
                label="error of the central difference",
            )
            (self.forward_errors,) = right.plot(
                self.steps,
                self.steps,
                "--",
                color=PALETTE["orange"],
                label="error of the forward difference",
            )
            (self.step_line,) = right.plot(zeros, self.ERROR_LIMITS, color="0.5", linewidth=1)
            (self.error_marks,) = right.plot(
                zeros, zeros, "o", color=PALETTE["vermillion"], markersize=6
            )
            # One legend for both panels, above them, where the lines that move never cross it.
            self.figure.legend(
                handles=[
                    self.curve_line,
                    self.tangent,
                    self.central_secant,
                    self.forward_secant,
                    self.central_errors,
                    self.forward_errors,
                ],
                loc="outside lower center",
                ncol=3,
                fontsize=8,
            )
        self.canvas = BrowserCanvas(self.figure)
        self._set_dynamic(
            [
                self.curve_line,
                self.tangent,
                self.reference_secant,
                self.central_secant,
                self.forward_secant,
                self.points,
                self.point_mark,
            ],
            [
                self.reference_errors,
                self.central_errors,
                self.forward_errors,
                self.step_line,
                self.error_marks,
            ],
        )
        self.shape.observe(self._on_change, names="value")
        self._assemble([self.log_step, self.point], above=(self.shape,))

    def _at_point(self, shape: Shape, name: str, x0: float) -> _Estimates:
        """The estimates at x₀ for every step, the student's central ones first (cached)."""
        key = (name, x0)
        if key not in self._estimates:
            if len(self._estimates) >= self._CACHED:
                del self._estimates[next(iter(self._estimates))]
            correct = np.array(
                [references.numerical_derivative(shape.f, x0, float(h)) for h in self.steps]
            )
            # Largest step first: a note on wrong estimates names the first step they differ
            # at, and differences at the largest steps are the ones a learner can see.
            curve = student_curve(
                self.derivative,
                self.steps[::-1],
                lambda _steps: correct[::-1],
                self.exercise,
                args_for=lambda h: (shape.f, x0, h),
                input_name="h",
                reference_drawn_as="dotted line",
            )
            forward = [references.forward_difference(shape.f, x0, float(h)) for h in self.steps]
            self._estimates[key] = _Estimates(
                curve._replace(y=curve.y[::-1]), correct, np.array(forward)
            )
        return self._estimates[key]

    def _through(self, x: float, y: float, slope: float) -> np.ndarray:
        """The heights of the line through (x, y) with this slope, at the axes' two ends."""
        ends = np.array(self.X_LIMITS)
        return y + slope * (ends - x)

    def update(self) -> None:
        """Recompute the estimates from the controls and redraw both panels in place."""
        name, x0 = self.shape.value, self.point.value
        shape = SHAPES[name]
        i = int(round((self.log_step.value - self.STEP_LIMITS[0]) * 10))
        i = min(max(i, 0), len(self.steps) - 1)
        h = float(self.steps[i])
        slope = shape.slope(x0)
        curve, correct, forward = self._at_point(shape, name, x0)
        self.h, self.estimate, self.forward, self.slope = (
            h,
            float(curve.y[i]),
            float(forward[i]),
            slope,
        )
        wrong = curve.note is not None and curve.from_student

        y0, below, above = shape.f(x0), shape.f(x0 - h), shape.f(x0 + h)
        ends = np.array(self.X_LIMITS)
        self.curve_line.set_ydata(self._curves[name])
        self.tangent.set_data(ends, self._through(x0, y0, slope))
        middle = (below + above) / 2
        self.central_secant.set_data(ends, self._through(x0, middle, self.estimate))
        self.reference_secant.set_data(ends, self._through(x0, middle, float(correct[i])))
        self.reference_secant.set_visible(wrong)
        self.forward_secant.set_data(ends, self._through(x0, y0, self.forward))
        self.points.set_data([x0 - h, x0 + h], [below, above])
        self.point_mark.set_data([x0], [y0])

        def errors(estimates: np.ndarray) -> np.ndarray:
            gaps = np.abs(np.nan_to_num(estimates, nan=np.inf) - slope)
            return np.clip(gaps, self.ERROR_LIMITS[0], None)

        central, forward_gaps = errors(curve.y), errors(forward)
        self.central_errors.set_ydata(central)
        self.reference_errors.set_ydata(errors(correct))
        self.reference_errors.set_visible(wrong)
        self.forward_errors.set_ydata(forward_gaps)
        self.step_line.set_xdata([h, h])
        self.error_marks.set_data([h, h], [central[i], forward_gaps[i]])

        source = self._credit(
            [curve],
            self.derivative,
            "numerical_derivative",
            "the reference central difference",
            done="The central estimates are computed by",
            todo="compute the central estimates",
        )
        self.readout.value = (
            f"f(x) = {shape.formula}, x₀ = {x0:+.2f}, h = 10<sup>{self.log_step.value:.1f}</sup>"
            f" = {h:.2e}<br>"
            f"central (f(x₀+h) − f(x₀−h)) / 2h = <b>{self.estimate:.10f}</b>, "
            f"error {abs(self.estimate - slope):.1e}<br>"
            f"forward (f(x₀+h) − f(x₀)) / h = {self.forward:.10f}, "
            f"error {abs(self.forward - slope):.1e}<br>"
            f"true slope f′(x₀) = {shape.slope_formula} = <b>{slope:.10f}</b><br>"
            f"<small>central estimate computed by {source}</small>"
        )
        self._show()


def tangent_slope(
    numerical_derivative: DerivativeFunction | None = None, exercise: str = "Exercise 1"
) -> TangentSlope:
    """Build the step-size demo: a curve's tangent at x₀ and the secants of a step h.

    Args:
        numerical_derivative: the student's ``numerical_derivative(f, x, h)``, the central
            difference (f(x + h) - f(x - h)) / (2h), called with a function of one float,
            x₀ and each step h the slider offers (156 calls when the curve or x₀ changes).
            While it is None, unfinished or failing, the reference computes the estimates
            and a note says so.
        exercise: the exercise that writes it, named in the notes.

    Returns:
        The demo widget; display it by ending a cell with it.
    """
    return TangentSlope(numerical_derivative, exercise)
