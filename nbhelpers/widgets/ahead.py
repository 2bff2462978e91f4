"""Pictures ahead: the pictures for the next values of the slider a learner is moving.

A picture computed in the kernel reaches the screen one round trip after the key press
(browser -> server -> kernel -> server -> browser): 33 ms at the median and 65 ms at the
90th percentile on a quiet 2-core machine, for a single number (benchmarks/bench_browser.py).
So after each redraw, a demo also computes the pictures for the next few values of the
slider that moved last (in the direction it moved; see :data:`STEPS_AHEAD`) with the same
code, the student's included, and sends them along. When the learner presses the next
key, the browser finds that picture by the values of all the demo's controls (their
:func:`state_key`) and shows it at once; the kernel's own redraw, which follows, is the
same picture.

The pictures ahead are computed by moving the slider in the kernel and back, with every
message to the browser held back meanwhile and every widget put back afterwards
(:func:`rehearsal`), so that the browser sees none of it.
"""

from __future__ import annotations

import contextlib
from typing import Iterator
from unittest import mock

import ipywidgets as w

# Steps of the moving slider to compute ahead, in the direction it last moved, and the time
# they may take after each event (a slow student function gets fewer, not a slow demo).
STEPS_AHEAD = (1, 2, 3, 4, -1)
TIME_BUDGET_S = 0.05
# The controls whose values a picture depends on, and the sliders that can be looked ahead.
CONTROL_TYPES = (w.FloatSlider, w.IntSlider, w.Dropdown, w.ToggleButtons)
SLIDER_TYPES = (w.FloatSlider, w.IntSlider)


def controls_in(widget: w.Widget) -> list[w.ValueWidget]:
    """The value controls inside a widget and its children, in display order."""
    if isinstance(widget, CONTROL_TYPES):
        return [widget]
    return [c for child in getattr(widget, "children", ()) for c in controls_in(child)]


def state_key(controls: list[w.ValueWidget]) -> str:
    """The controls' values as a string that the browser computes the same way.

    Selections count by their index (what the browser's model holds); numbers are written
    with 6 decimals, as JavaScript's ``toFixed(6)`` does (a negative zero as a zero).
    """
    parts = []
    for control in controls:
        value = getattr(control, "index", control.value)
        parts.append(f"{float(value) + 0.0:.6f}" if value is not None else "null")
    return "|".join(parts)


def widgets_in(widget: w.Widget) -> list[w.Widget]:
    """The widget and every widget inside it."""
    return [widget, *(d for child in getattr(widget, "children", ()) for d in widgets_in(child))]


@contextlib.contextmanager
def rehearsal(demo: w.Widget) -> Iterator[None]:
    """Let the demo change its widgets freely, then put them back as they were, unseen.

    Every widget message to the browser is held back meanwhile (the kernel runs one thing
    at a time), and afterwards every synchronised value of every widget in the demo (slider
    values, texts, the picture) is put back without running observers: a control whose
    change has side effects (the sine fit leaves the book's steps when a slider moves) is
    as it was, as the browser still shows it.
    """
    saved = [
        (widget, {k: widget._trait_values[k] for k in widget.keys if k in widget._trait_values})
        for widget in widgets_in(demo)
    ]
    try:
        with mock.patch.object(w.Widget, "_send", lambda *args, **kwargs: None):
            yield
    finally:
        for widget, values in saved:
            widget._trait_values.update(values)  # traitlets' store: no observer runs


class Lookahead:
    """Which slider to look ahead on, from how the controls changed between redraws.

    Attributes:
        controls: the demo's value controls.
    """

    def __init__(self, controls: list[w.ValueWidget]):
        self.controls = controls
        self._values = [c.value for c in controls]
        sliders = [c for c in controls if isinstance(c, SLIDER_TYPES)]
        self._slider = sliders[0] if sliders else None
        self._direction = 1

    def next_values(self) -> tuple[w.ValueWidget | None, list[float]]:
        """The slider to look ahead on and its values ahead (within its range).

        It is the slider that alone changed since the last call (the learner is moving
        it), else the one chosen before; the values go on in the direction it moved.
        """
        values = [c.value for c in self.controls]
        changed = [
            (control, old, new)
            for control, old, new in zip(self.controls, self._values, values)
            if old != new
        ]
        self._values = values
        if len(changed) == 1 and isinstance(changed[0][0], SLIDER_TYPES):
            self._slider, old, new = changed[0]
            self._direction = 1 if new > old else -1
        slider = self._slider
        if slider is None:
            return None, []
        ahead = [round(slider.value + self._direction * k * slider.step, 10) for k in STEPS_AHEAD]
        return slider, [v for v in ahead if slider.min <= v <= slider.max]
