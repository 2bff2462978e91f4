"""The report's histogram of one question's scores: bars and an SVG picture of them.

Drawn with the course's plot style (:mod:`nbhelpers.plots`) into SVG with text as text and
fixed ids, so the same scores always give the same bytes, and the page holds the picture
inline as a ``data:`` URI (no network, no extra files).
"""

from __future__ import annotations

import base64
import io
from typing import Sequence

import matplotlib
import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from autograder.outputs.numbers import number
from nbhelpers.plots import PALETTE, course_style, new_figure, style_axes

# One bar per whole score up to this many points; more points (or fractional ones) get 10 bars.
MAX_WHOLE_BARS = 20
# Text as text (small images, fonts of the page) and fixed ids: the same results give the same page.
_SVG = {"svg.fonttype": "none", "svg.hashsalt": "autograder-report"}


def histogram(
    scores: Sequence[float], points: float, submissions: int
) -> tuple[list[tuple[str, int]], str]:
    """The histogram of one question's scores: its bars, and the picture of them as a data: URI.

    Bins are fixed by ``points`` alone, so one question's histograms always compare: one
    bar per whole score when there are few (a half point counts toward the higher one),
    otherwise ten equal bars from 0 to ``points``. The y axis runs to ``submissions``.
    """
    whole = points == int(points) and points <= MAX_WHOLE_BARS
    edges = np.arange(int(points) + 2) - 0.5 if whole else np.linspace(0.0, points, 11)
    # A score outside 0..points would otherwise drop out of the counts silently.
    counts, _ = np.histogram(np.clip(scores, 0.0, points), edges)
    labels = (
        [number(k) for k in range(len(counts))]
        if whole
        else [f"{number(lo, 2)}–{number(hi, 2)}" for lo, hi in zip(edges[:-1], edges[1:])]
    )

    fig, axes = new_figure(figsize=(2.5, 1.7), figure_class=Figure)
    ax = axes[0, 0]
    with course_style(), matplotlib.rc_context(_SVG):
        width = edges[1] - edges[0]
        bars = ax.bar(edges[:-1] + width / 2, counts, width=0.8 * width, color=PALETTE["blue"])
        ax.bar_label(bars, labels=[str(c) if c else "" for c in counts], padding=1, fontsize=8)
        style_axes(
            ax,
            title="",
            xlabel="points",
            ylabel="submissions",
            xlim=(edges[0], edges[-1]),
            ylim=(0, max(submissions, 1) * 1.18),
            zero_lines=False,
        )
        ax.grid(axis="x", visible=False)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=min(len(counts), 8), integer=whole))
        ax.set_yticks(sorted({0, submissions // 2, submissions}))  # the scale: out of how many
        svg = io.StringIO()
        fig.savefig(svg, format="svg", metadata={"Date": None})
    image = "data:image/svg+xml;base64," + base64.b64encode(svg.getvalue().encode()).decode("ascii")
    return list(zip(labels, map(int, counts))), image
