"""The course's look: the palette, the style, and a figure built without pyplot."""

from __future__ import annotations

import contextlib
import io
from typing import Iterator

import matplotlib
import numpy as np
from cycler import cycler
from matplotlib.axes import Axes
from matplotlib.figure import Figure

# Okabe & Ito (2008), "Color Universal Design": order chosen so neighbours contrast.
PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "sky": "#56B4E9",
    "yellow": "#F0E442",
    "black": "#000000",
}
CLASS_COLORS = [
    PALETTE[c] for c in ("blue", "orange", "green", "vermillion", "purple", "sky", "yellow")
]
CLASS_MARKERS = ["o", "s", "^", "D", "v", "P", "X"]
# Diverging map for signed values (negative purple, positive orange); safe for colour blindness.
SIGNED_CMAP = "PuOr_r"

STYLE = {
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.labelsize": 10,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": cycler(color=CLASS_COLORS),
    "lines.linewidth": 2.0,
    "legend.frameon": False,
}


@contextlib.contextmanager
def course_style() -> Iterator[None]:
    """Apply the course style to figures built or drawn inside the ``with`` block."""
    with matplotlib.rc_context(STYLE):
        yield


class CourseFigure(Figure):
    """A matplotlib Figure that shows itself as a PNG in a notebook, in the course style."""

    def _repr_png_(self) -> bytes:
        buffer = io.BytesIO()
        with course_style():
            self.savefig(buffer, format="png", bbox_inches="tight")
        return buffer.getvalue()


def new_figure(
    nrows: int = 1,
    ncols: int = 1,
    *,
    figsize: tuple[float, float] = (6.0, 4.0),
    title: str | None = None,
    figure_class: type[Figure] = CourseFigure,
) -> tuple[Figure, np.ndarray]:
    """A figure with a grid of axes, in the course style.

    Args:
        nrows, ncols: the grid of axes.
        figsize: size in inches (fixed, so the picture never jumps).
        title: an overall title, or None.
        figure_class: the Figure class (widgets pass the plain Figure they draw on).

    Returns:
        fig: the figure.
        axes: array of shape (nrows, ncols) of matplotlib Axes.
    """
    with course_style():
        fig = figure_class(figsize=figsize, layout="constrained")
        axes = fig.subplots(nrows, ncols, squeeze=False)
        if title:
            fig.suptitle(title, fontweight="bold")
    return fig, axes


def style_axes(
    ax: Axes,
    *,
    title: str,
    xlabel: str,
    ylabel: str,
    xlim: tuple[float, float] | None = None,
    ylim: tuple[float, float] | None = None,
    zero_lines: bool = True,
) -> None:
    """Give an Axes its title, labels and fixed limits.

    Args:
        ax: the Axes.
        title, xlabel, ylabel: the texts.
        xlim, ylim: fixed limits (autoscaling is turned off for the given axis).
        zero_lines: draw thin lines through x = 0 and y = 0.
    """
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if xlim is not None:
        ax.set_xlim(*xlim)
        ax.set_autoscalex_on(False)
    if ylim is not None:
        ax.set_ylim(*ylim)
        ax.set_autoscaley_on(False)
    if zero_lines:
        ax.axhline(0, color="0.4", linewidth=0.8, zorder=0)
        ax.axvline(0, color="0.4", linewidth=0.8, zorder=0)
