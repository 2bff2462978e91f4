"""What every demo shares: the canvas they draw on, their sliders, notes, and the Demo base class.

:class:`Demo` holds the plumbing of every demo: controls that redraw on every change, a
reset that redraws once, and fast redraws by blitting onto a :class:`DemoCanvas`, which
sends the browser only the pixels that changed. :func:`canvas_for` attaches that canvas to
a figure built without pyplot; :func:`slider` makes the demos' labelled sliders.
"""

from __future__ import annotations

import contextlib
from typing import Callable, Iterator
from unittest import mock

import ipywidgets as w
import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

# Importing ipympl runs matplotlib.use("module://ipympl.backend_nbagg"), which would change
# how the student's own pyplot figures display (and close any open ones). The demos need
# only ipympl's canvas widget, so the import is kept from switching the backend.
with mock.patch.object(matplotlib, "use"):
    from ipympl.backend_nbagg import Canvas, FigureManager

from nbhelpers.plots import PALETTE, Curve


class DemoCanvas(Canvas):
    """ipympl's canvas, for a demo that renders its own frames (blitting, see :class:`Demo`).

    ipympl's browser side keeps one frame in flight: it asks for a frame ("draw") only when
    it is not waiting for one, and a frame that arrives before the previous one is shown
    replaces it. Frames are sent as the pixels that changed since the last one, so a lost
    frame would leave stale pixels behind. A demo therefore never pushes frames: it renders
    one into the buffer, marks it ready and announces it (``draw_idle``); when the browser's
    request comes, the ready frame is sent as it is, instead of redrawing the whole figure.
    """

    ready_frame_renderer = None  # the renderer holding a frame that is ready to be sent

    def handle_draw(self, event) -> None:
        if (
            self.ready_frame_renderer is not None
            and self.ready_frame_renderer is self.get_renderer()
        ):
            self.ready_frame_renderer = None
            self._png_is_old = True
            self.manager.refresh_all()  # the changed pixels, as a PNG
        else:  # nothing rendered by the demo (or the canvas was resized since): a full draw
            self.ready_frame_renderer = None
            super().handle_draw(event)


def canvas_for(figure: Figure) -> Canvas:
    """Attach a fixed-size ipympl canvas (a widget) to a figure built without pyplot."""
    canvas = DemoCanvas(figure)
    FigureManager(canvas, num=0)  # the manager is what sends drawings to the browser
    canvas.header_visible = False
    canvas.footer_visible = False
    canvas.toolbar_visible = False
    canvas.resizable = False
    return canvas


def slider(
    description: str,
    value: float,
    low: float,
    high: float,
    tooltip: str,
    *,
    step: float = 0.05,
    readout_format: str = ".2f",
    label_width: float = 8.5,
) -> w.FloatSlider:
    """A labelled slider that redraws while it is dragged, with room for its label.

    Args:
        description: the label, e.g. "w (weight)"; tooltip: what the value does.
        value: the starting value; low, high: the range; step: the smallest change.
        readout_format: how the value is printed beside the slider.
        label_width: the label's width in em (the slider keeps its own length).
    """
    return w.FloatSlider(
        value=value,
        min=low,
        max=high,
        step=step,
        description=description,
        tooltip=tooltip,
        continuous_update=True,
        readout_format=readout_format,
        style={"description_width": f"{label_width}em"},
        layout=w.Layout(width=f"{label_width + 17.5}em"),
    )


def _warning(text: str) -> str:
    return f"<span style='color:{PALETTE['vermillion']}'>⚠ {text}</span>"


def _notes(curves: list[Curve]) -> list[str]:
    """The distinct notes of some curves, in order."""
    return list(dict.fromkeys(c.note for c in curves if c.note))


def position_text(value: float) -> str:
    """A position for a readout, without the sign of a negative zero."""
    return f"{value + 0.0:.2f}"


class Demo(w.VBox):
    """Shared plumbing: controls redraw on every change; reset redraws once; fast redraws.

    Subclasses set ``START`` (attribute name of a control -> starting value) and
    ``_dynamic`` (the artists that change between redraws), observe their controls with
    :meth:`_on_change`, implement :meth:`update`, and end it with :meth:`_show`.

    Redrawing a whole figure and sending it to the browser takes 40-80 ms, too slow for
    a slider. :meth:`_show` uses blitting instead: the static parts (axes, ticks, labels,
    legend, target curves) are drawn once into a background; each redraw restores that
    background, draws only the changing artists on it, and the browser gets the pixels
    that changed, at its own pace (see :class:`DemoCanvas`).
    """

    START: dict[str, object] = {}
    _quiet = False
    _dynamic: list = []
    _groups: list = []
    _background = None
    _background_key = None

    @contextlib.contextmanager
    def _held(self) -> Iterator[None]:
        """Change several controls with a single redraw, by the caller, afterwards."""
        self._quiet = True
        try:
            yield
        finally:
            self._quiet = False

    def _make_controls(self, reset_tooltip: str, **button: object) -> None:
        """The controls every demo has: ``reset_button`` (back to ``START``), ``readout``
        (the numbers, in HTML) and ``note`` (whose code draws the picture)."""
        self.reset_button = w.Button(
            description="Reset", icon="undo", tooltip=reset_tooltip, **button
        )
        self.readout = w.HTML()
        self.note = w.HTML()

    def reset(self) -> None:
        """Put every control back to its starting value (one redraw)."""
        with self._held():
            for name, value in self.START.items():
                getattr(self, name).value = value
        self.update()

    def _on_change(self, _change: dict) -> None:
        if not self._quiet:
            self.update()

    def update(self) -> None:  # pragma: no cover -- every demo has its own
        raise NotImplementedError

    def _set_dynamic(self, *groups: list) -> None:
        """Declare the artists that change between redraws, each group in drawing order.

        A blitted frame must look exactly like a full redraw. So the changing artists get
        z-orders above every static artist of their axes (a full redraw draws them last
        too), and the spines of those axes, which a full redraw puts on top, are redrawn
        after them on every frame. Legends go outside the axes, where nothing changes.

        Args:
            *groups: lists of artists; a group whose artists all lie in one axes can later be
                redrawn on its own with :meth:`_show` (for the dense layer's panels).
        """
        self._groups = []
        for group in groups:
            axes = list(dict.fromkeys(artist.axes for artist in group))
            self._groups.append([*group, *(spine for ax in axes for spine in ax.spines.values())])
        self._dynamic = [artist for group in self._groups for artist in group]
        for i, artist in enumerate(self._dynamic):
            artist.set_zorder(3 + i / 1000)

    def _show(self, region: tuple[list, Bbox] | None = None) -> None:
        """Draw the changing artists over the static background and send what changed.

        Args:
            region: None to redraw every changing artist; or (artists, bbox) when only
                those artists, all inside ``bbox`` (display coordinates: pixels from the
                bottom left), changed since the last redraw: then only that part is
                restored and drawn.
        """
        canvas = self.figure.canvas
        renderer = canvas.get_renderer()
        key = (id(renderer), renderer.width, renderer.height)  # a new size means a new renderer
        if self._background is None or self._background_key != key:
            if self.figure.get_layout_engine() is not None:
                # Lay the figure out once, with everything shown, then keep the positions:
                # a background laid out without the changing artists would be shifted.
                FigureCanvasAgg.draw(canvas)
                self.figure.set_layout_engine("none")
            shown = [artist.get_visible() for artist in self._dynamic]
            for artist in self._dynamic:
                artist.set_visible(False)
            FigureCanvasAgg.draw(canvas)  # the background only, without sending it
            self._background, self._background_key = canvas.copy_from_bbox(self.figure.bbox), key
            for artist, visible in zip(self._dynamic, shown):
                artist.set_visible(visible)
        if region is None:
            artists = self._dynamic
            canvas.restore_region(self._background)
        else:
            artists, bbox = region
            # Agg restores a box given in buffer pixels, counted from the top; xy=(0, 0) puts
            # it back where it was in the saved (whole-figure) background.
            height = renderer.height
            box = (
                np.floor(bbox.x0),
                height - np.ceil(bbox.y1),
                np.ceil(bbox.x1),
                height - np.floor(bbox.y0),
            )
            canvas.restore_region(self._background, bbox=box, xy=(0, 0))
        for artist in artists:
            self.figure.draw_artist(artist)  # skips invisible artists
        # Announce the frame; the browser asks for it when it is ready (see DemoCanvas).
        # Before the browser's widget is ready, ipympl would keep a frame as a broken data
        # URL (ipympl issue #472) and the widget would fail to show; the browser's own first
        # full draw picks up this frame then.
        if not canvas.syncing_data_url:
            canvas.ready_frame_renderer = renderer
            canvas.draw_idle()

    def _assemble(
        self, sliders: list[w.Widget], canvas: Canvas, above: tuple[w.Widget, ...] = ()
    ) -> None:
        """Lay out the demo (controls, figure, note), wire its controls, and draw it once.

        Args:
            sliders: the controls beside the readout; each redraws the demo when it changes.
            canvas: the figure's canvas widget.
            above: controls shown above the rest (they must be observed by the caller).
        """
        for slider in sliders:
            slider.observe(self._on_change, names="value")
        self.reset_button.on_click(lambda _: self.reset())
        controls = w.HBox([w.VBox(list(sliders)), w.VBox([self.readout, self.reset_button])])
        w.VBox.__init__(self, [*above, controls, canvas, self.note])
        self.update()

    def _credit(
        self,
        curves: list[Curve],
        func: Callable | None,
        name: str,
        reference: str,
        done: str,
        todo: str,
    ) -> str:
        """Set the note under the figure, and say for the readout whose code computed it.

        Args:
            curves: the Curves the picture was drawn from.
            func: the student's function, or None.
            name: what the exercise calls the function, e.g. "relu".
            reference: what computes the picture without it, e.g. "the reference ReLU".
            done: the note's start when the student's function did the work,
                e.g. "The curves are drawn by".
            todo: what the function would do, for the note when none is given,
                e.g. "draw the curves".

        Returns:
            "your <code>name</code>" or ``reference``, for "computed by ...".
        """
        student = getattr(func, "__name__", name)
        notes = _notes(curves)
        if notes:
            self.note.value = "<br>".join(_warning(n) for n in notes)
        elif func is None:
            self.note.value = f"Pass your <code>{name}</code> to {todo} with your own code."
        else:
            self.note.value = f"✓ {done} your <code>{student}</code>."
        return (
            f"your <code>{student}</code>"
            if func is not None and all(c.from_student for c in curves)
            else reference
        )
