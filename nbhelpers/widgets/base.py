"""What every demo shares: the canvas they draw on, their sliders, notes, and the Demo base class.

:class:`Demo` holds the plumbing of every demo: controls that redraw on every change, a
reset that redraws once, and redraws that send the browser only the changing artists (to
the demo's :class:`~nbhelpers.widgets.canvas.BrowserCanvas`); :func:`slider` makes the
demos' labelled sliders.
"""

from __future__ import annotations

import contextlib
import time
from typing import Callable, Iterator

import ipywidgets as w

from nbhelpers.plots import PALETTE, Curve
from nbhelpers.widgets.ahead import (
    TIME_BUDGET_S,
    Lookahead,
    controls_in,
    rehearsal,
    state_key,
)
from nbhelpers.widgets.canvas import BrowserCanvas
from nbhelpers.widgets.marks import marks_of


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

    Redrawing a whole figure and sending it to the browser as an image takes 40-80 ms,
    too slow for a slider. So the static parts (axes, ticks, labels, legend, target
    curves) are drawn once, as the canvas's background, and each redraw sends only the
    changing artists, which the browser draws over it (see :mod:`nbhelpers.widgets.canvas`).
    """

    START: dict[str, object] = {}
    _quiet = False
    _dynamic: list = []
    _lookahead: Lookahead | None = None
    _rehearsal: list | None = None  # while computing pictures ahead: where they go
    canvas: BrowserCanvas

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

        The background holds every other artist, spines included; a changing artist that
        covers part of its axes (an image, a band) would hide their spines, so the spines
        of those axes are drawn again on top, as a full drawing would.

        Args:
            *groups: lists of artists, drawn one group after the other.
        """
        self._dynamic = []
        for group in groups:
            axes = list(dict.fromkeys(artist.axes for artist in group))
            self._dynamic += [*group, *(spine for ax in axes for spine in ax.spines.values())]

    def _show(self) -> None:
        """Send the browser the changing artists as they are now, then pictures ahead."""
        if self._rehearsal is not None:
            self._rehearsal.append(marks_of(self._dynamic))
            return
        if self._lookahead is None:
            self._lookahead = Lookahead(controls_in(self))
            self.canvas.controls = self._lookahead.controls
        self.canvas.show(self._dynamic, state_key(self._lookahead.controls))
        self.canvas.ahead = self._pictures_ahead()

    def _pictures_ahead(self) -> dict:
        """The pictures for the next values of the moving slider (see :mod:`.ahead`)."""
        slider, values = self._lookahead.next_values()
        keys, frames = [], []
        if slider is None:
            return {"keys": keys, "frames": frames}
        start, started = slider.value, time.perf_counter()
        self._rehearsal = frames
        try:
            with rehearsal(self):
                for value in values:
                    if time.perf_counter() - started > TIME_BUDGET_S:
                        break
                    drawn = len(frames)
                    slider.value = value  # the demo's own observers redraw it, into frames
                    if len(frames) == drawn + 1:
                        keys.append(state_key(self._lookahead.controls))
                    del frames[len(keys) :]
                slider.value = start  # and back, which puts back what is not a widget
                del frames[len(keys) :]
        finally:
            self._rehearsal = None
        return {"keys": keys, "frames": frames}

    def _assemble(self, sliders: list[w.Widget], above: tuple[w.Widget, ...] = ()) -> None:
        """Lay out the demo (controls, figure, note), wire its controls, and draw it once.

        Args:
            sliders: the controls beside the readout; each redraws the demo when it changes.
            above: controls shown above the rest (they must be observed by the caller).
        """
        for slider in sliders:
            slider.observe(self._on_change, names="value")
        self.reset_button.on_click(lambda _: self.reset())
        # The sliders keep their width (a long readout wraps instead of squeezing them, which
        # would hide their values).
        sliders_box = w.VBox(list(sliders), layout=w.Layout(flex="0 0 auto"))
        controls = w.HBox([sliders_box, w.VBox([self.readout, self.reset_button])])
        w.VBox.__init__(self, [*above, controls, self.canvas, self.note])
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
