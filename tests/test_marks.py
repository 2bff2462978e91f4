"""Matplotlib artists as marks for the browser, and the pictures computed ahead.

The browser's renderer (nbhelpers/widgets/canvas.js) draws marks where they say; these
tests check that the marks say where matplotlib draws each artist, in figure pixels from
the top left, and which slider a demo looks ahead on. The renderer itself is checked in
the browser (tests/test_browser.py).
"""

from __future__ import annotations

import ipywidgets as w
import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from nbhelpers.widgets.ahead import Lookahead, state_key
from nbhelpers.widgets.canvas import BrowserCanvas, background_png
from nbhelpers.widgets.marks import marks_of


def floats(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype=np.float32).reshape(-1, 2)


@pytest.fixture
def axes():
    figure = Figure(figsize=(4, 3), dpi=100)  # 400 × 300 pixels
    ax = figure.add_axes((0.1, 0.1, 0.8, 0.8))  # from (40, 30) to (360, 270), from below
    ax.set(xlim=(0, 10), ylim=(0, 10))
    return ax


def test_a_line_is_a_path_in_pixels_from_the_top_left_with_its_style(axes):
    (line,) = axes.plot([0, 5, 10], [0, 10, 5], "--", color="#0072b2", linewidth=2)
    (mark,) = marks_of([line])
    assert mark["kind"] == "path" and mark["stroke"] == "#0072b2"
    assert np.allclose(floats(mark["parts"][0]), [[40, 270], [200, 30], [360, 150]])
    assert mark["width"] == pytest.approx(2 * 100 / 72)
    assert len(mark["dash"]) == 2 and mark["dash"][0] > mark["width"]  # dashes, in pixels
    assert mark["clip"] == pytest.approx([40, 30, 360, 270])  # the axes, from the top


def test_markers_sit_on_the_points_and_hidden_artists_are_not_sent(axes):
    (probe,) = axes.plot([5], [5], "o", color="red", markersize=10)
    hidden = axes.plot([1, 2], [1, 2], visible=False)[0]
    (mark,) = marks_of([probe, hidden])
    assert mark["kind"] == "markers" and mark["fill"] == "#ff0000"
    assert np.allclose(floats(mark["at"]), [[200, 150]])
    shape = floats(mark["shape"])
    assert np.allclose(np.ptp(shape, axis=0), 10 * 100 / 72, rtol=0.02)  # 10 points across


def test_a_hatched_bar_is_a_closed_filled_path(axes):
    (bar,) = axes.bar([5], [4], width=2, color="#e69f00", edgecolor="black", hatch="//")
    (mark,) = marks_of([bar])
    assert mark["closed"] and mark["fill"] == "#e69f00" and mark["hatch"] == "#000000"
    corners = floats(mark["parts"][0])
    assert np.allclose(corners.min(axis=0), [168, 174]) and np.allclose(
        corners.max(axis=0), [232, 270]
    )


def test_a_text_keeps_its_anchor_alignment_lines_and_box(axes):
    text = axes.text(
        5, 0, "on\noff", ha="right", va="bottom", fontsize=9, bbox={"facecolor": "white"}
    )
    (mark,) = marks_of([text])
    assert (mark["x"], mark["y"]) == pytest.approx((200, 270))
    assert (mark["align"], mark["baseline"], mark["text"]) == ("right", "bottom", "on\noff")
    assert mark["size"] == pytest.approx(9 * 100 / 72) and mark["box"] == "#ffffff"
    assert marks_of([axes.text(1, 1, "")]) == []  # an empty text draws nothing


def test_an_image_is_its_colours_stretched_over_its_extent(axes):
    data = np.array([[0.0, 1.0], [1.0, 0.0]])
    image = axes.imshow(data, cmap="gray", extent=(0, 10, 0, 10), interpolation="bilinear")
    (mark,) = marks_of([image])
    rgba = np.frombuffer(mark["rgba"], dtype=np.uint8).reshape(2, 2, 4)
    assert rgba[0, 0, 0] == 0 and rgba[0, 1, 0] == 255  # the first row is at the top
    assert mark["box"] == pytest.approx([40, 30, 360, 270]) and mark["smooth"]


def test_scatter_points_carry_their_marker_and_colours(axes):
    points = axes.scatter([2, 8], [2, 8], s=16, marker="s", color="#009e73", edgecolors="white")
    background_png(axes.figure, [])  # drawn at twice the dpi first, as a demo's background is
    (mark,) = marks_of([points])
    assert np.allclose(floats(mark["at"]), [[104, 222], [296, 78]])
    assert mark["fill"] == "#009e73" and mark["stroke"] == "#ffffff"
    assert np.allclose(np.ptp(floats(mark["shape"]), axis=0), 4 * 100 / 72, rtol=0.02)


def test_an_artist_the_browser_cannot_draw_is_named(axes):
    fill = axes.fill_between([0, 1], [0, 1])
    with pytest.raises(TypeError, match="PolyCollection"):
        marks_of([fill])


def test_the_background_leaves_out_the_changing_artists_and_shows_them_again(axes):
    (line,) = axes.plot([0, 10], [0, 10], linewidth=8, color="black")
    band = axes.add_patch(Rectangle((2, 0), 1, 10, color="red"))
    with_all = background_png(axes.figure, [])
    without = background_png(axes.figure, [line, band])
    assert without != with_all and line.get_visible() and band.get_visible()
    canvas = BrowserCanvas(axes.figure)
    canvas.show([line, band], key="k")
    assert canvas.background == without and canvas.size == [400.0, 300.0]
    assert [m["kind"] for m in canvas.marks] == ["path", "path"] and canvas.key == "k"


def test_state_keys_are_written_as_javascript_writes_them():
    controls = [
        w.FloatSlider(value=-0.0, min=-1, max=1),
        w.Dropdown(options=["a", "b"], value="b"),
        w.Dropdown(options=["a", "b"], value=None),
    ]
    assert state_key(controls) == "0.000000|1.000000|null"


def test_the_lookahead_follows_the_slider_that_moved_in_its_direction():
    first = w.FloatSlider(value=0.0, min=-1, max=1, step=0.1)
    second = w.FloatSlider(value=0.95, min=-1, max=1, step=0.05)
    lookahead = Lookahead([w.Dropdown(options=[1, 2]), first, second])
    assert lookahead.next_values() == (first, [0.1, 0.2, 0.3, 0.4, -0.1])  # at the start
    second.value = 0.9  # moving down
    slider, values = lookahead.next_values()
    assert slider is second and values == [0.85, 0.8, 0.75, 0.7, 0.95]
    second.value, first.value = 1.0, 0.5  # two at once (a reset): the same slider as before
    slider, values = lookahead.next_values()
    assert slider is second and values == [0.95, 0.9, 0.85, 0.8]  # 1.05 is out of range
