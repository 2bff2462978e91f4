"""The widget a demo's picture is drawn on, in the browser.

A :class:`BrowserCanvas` shows a matplotlib figure in two layers: a background drawn by
matplotlib once (axes, ticks, labels, legend: everything that does not change), and over
it the changing artists, sent as marks (:mod:`nbhelpers.widgets.marks`) and drawn by a small
renderer in the browser (``canvas.js``, an anywidget module). A slider's change therefore
costs one message from the kernel, a few kilobytes of numbers, and no image round trip.
"""

from __future__ import annotations

import io
from pathlib import Path

import anywidget
import ipywidgets as w
import traitlets
from matplotlib.artist import Artist
from matplotlib.figure import Figure

from nbhelpers.run_mode import run_by_nbgrader
from nbhelpers.widgets.marks import marks_of

# The background is rendered at twice the figure's dpi, so that it stays sharp on
# high-density screens (the browser scales it down on others).
BACKGROUND_SCALE = 2


class BrowserCanvas(anywidget.AnyWidget):
    """A figure's background and its changing artists, drawn by the browser.

    Attributes (synchronised with the browser):
        size: [width, height] of the picture in CSS pixels (the figure's pixels).
        background: the PNG of the figure without its changing artists.
        marks: the changing artists as marks, in drawing order; key: the controls' values
            they were drawn for.
        controls: the demo's value controls (sliders, drop-downs), whose values the
            browser reads to find a picture in ``ahead``.
        ahead: {"keys": [...], "frames": [...]}: pictures (lists of marks) computed ahead
            for other values of the controls (see :mod:`nbhelpers.widgets.ahead`).
        description: what the picture shows (its titles), for screen readers.
    """

    _esm = Path(__file__).with_name("canvas.js")
    size = traitlets.List(traitlets.Float(), [0.0, 0.0]).tag(sync=True)
    background = traitlets.Bytes(b"").tag(sync=True)
    marks = traitlets.List([]).tag(sync=True)
    key = traitlets.Unicode("").tag(sync=True)
    controls = traitlets.List(traitlets.Instance(w.Widget)).tag(sync=True, **w.widget_serialization)
    ahead = traitlets.Dict({"keys": [], "frames": []}).tag(sync=True)
    description = traitlets.Unicode("").tag(sync=True)

    def __init__(self, figure: Figure, **kwargs):
        super().__init__(**kwargs)
        self.figure = figure
        titles = [figure.get_suptitle(), *(ax.get_title() for ax in figure.axes)]
        self.description = "; ".join(t for t in titles if t)
        self._dynamic: list[Artist] = []

    def show(self, dynamic: list[Artist], key: str = "") -> None:
        """Send the changing artists (after the background, the first time).

        Args:
            dynamic: the artists that change between calls, in drawing order; the same
                list on every call.
            key: the values of the controls (see :func:`~nbhelpers.widgets.ahead.state_key`)
                this picture is for.
        """
        with self.hold_sync():  # one message
            # Graded, no browser shows the picture: its background, a full drawing of the
            # figure (most of the time a demo takes to appear), is left out.
            if not (self.background or run_by_nbgrader()) or dynamic is not self._dynamic:
                self._dynamic = dynamic
                self.size = [float(self.figure.bbox.width), float(self.figure.bbox.height)]
                self.background = b"" if run_by_nbgrader() else background_png(self.figure, dynamic)
            self.marks = marks_of(dynamic)
            self.key = key


def background_png(figure: Figure, dynamic: list[Artist]) -> bytes:
    """The figure drawn without the ``dynamic`` artists, as a PNG.

    A figure with a layout engine (constrained layout) is laid out once with everything
    shown, and keeps those positions from then on, so that the marks drawn over the
    background fall where a full drawing would have put them.
    """
    if figure.get_layout_engine() is not None:
        figure.draw_without_rendering()  # lays the figure out
        figure.set_layout_engine("none")
    shown = [artist.get_visible() for artist in dynamic]
    for artist in dynamic:
        artist.set_visible(False)
    try:
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=figure.dpi * BACKGROUND_SCALE)
    finally:
        for artist, visible in zip(dynamic, shown):
            artist.set_visible(visible)
    return buffer.getvalue()
