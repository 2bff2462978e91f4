"""Matplotlib artists as marks the browser draws: pixel coordinates, colours, widths.

A demo's figure is drawn by matplotlib once, without the artists that change (the
background, see :mod:`nbhelpers.widgets.canvas`). On every change, :func:`marks_of` turns
the changing artists into plain data in figure pixels, and the browser draws them over the
background. Matplotlib stays the single description of the picture: a demo moves its
artists as before (``set_ydata``, ``set_visible``, ...), and the marks follow.

Coordinates are pixels of the figure at its own dpi, from the top left (the browser's
convention); arrays are sent as float32 bytes. Every mark is a dict with a ``kind``:

* ``"path"``: polylines ``parts`` (list of xy bytes), ``stroke``/``fill`` colours (CSS or
  None), ``width`` (px), ``dash`` (list of px), ``hatch`` (a colour, or None);
* ``"markers"``: one marker ``shape`` (xy bytes, relative to its centre) at every point of
  ``at`` (xy bytes), with ``fill``/``stroke`` (one CSS colour, or a list of them, one per
  point) and ``width``;
* ``"text"``: ``text`` (its lines split at newlines) at ``x``, ``y`` with ``align`` and
  ``baseline``, ``size`` (px), ``font``, ``color``, ``weight``, and an optional ``box``
  colour behind it, ``pad`` px around;
* ``"image"``: ``rgba`` bytes of a ``rows`` × ``columns`` image stretched over ``box``
  (left, top, right, bottom), ``smooth`` for a bilinear picture.

Every mark may carry ``clip`` (left, top, right, bottom): it is drawn only inside.
"""

from __future__ import annotations

import numpy as np
from matplotlib.artist import Artist
from matplotlib.collections import PathCollection
from matplotlib.colors import to_hex, to_rgba
from matplotlib.image import AxesImage
from matplotlib.lines import Line2D
from matplotlib.markers import MarkerStyle
from matplotlib.patches import Patch
from matplotlib.text import Text
from matplotlib.transforms import Affine2D


def marks_of(artists: list[Artist]) -> list[dict]:
    """The visible artists as marks, in drawing order (see the module's docstring)."""
    marks = []
    for artist in artists:
        if not artist.get_visible():
            continue
        clip = _clip_box(artist)
        for mark in _marks(artist):
            if clip is not None:
                mark["clip"] = clip
            marks.append(mark)
    return marks


def _marks(artist: Artist) -> list[dict]:
    if isinstance(artist, Line2D):
        return _line(artist)
    if isinstance(artist, Patch):
        return [_patch(artist)]
    if isinstance(artist, Text):
        return [_text(artist)] if artist.get_text() else []
    if isinstance(artist, AxesImage):
        return [_image(artist)]
    if isinstance(artist, PathCollection):
        return [_points(artist)]
    raise TypeError(f"cannot draw a {type(artist).__name__} in the browser")


def _pixels(figure, xy: np.ndarray) -> np.ndarray:
    """Display coordinates (from the bottom left) -> pixels from the top left, float32."""
    xy = np.asarray(xy, dtype=float).reshape(-1, 2)
    return np.column_stack([xy[:, 0], figure.bbox.height - xy[:, 1]]).astype(np.float32)


def _bytes(xy: np.ndarray) -> bytes:
    return np.ascontiguousarray(xy, dtype=np.float32).tobytes()


def _px(figure, points: float) -> float:
    """A length in points (line widths, font sizes) in the figure's pixels."""
    return float(points) * figure.dpi / 72.0


def _css(color, alpha: float | None = None) -> str | None:
    """A colour as CSS (None when fully transparent or absent)."""
    if color is None or (isinstance(color, str) and color == "none"):
        return None
    r, g, b, a = to_rgba(color, alpha)
    if a == 0:
        return None
    return to_hex((r, g, b)) if a == 1 else f"rgba({r * 255:.0f},{g * 255:.0f},{b * 255:.0f},{a})"


def _clip_box(artist: Artist) -> list[float] | None:
    box = artist.get_clip_box() if artist.get_clip_on() else None
    if box is None:
        return None
    height = artist.figure.bbox.height
    return [box.x0, height - box.y1, box.x1, height - box.y0]


def _dash(figure, artist: Line2D | Patch) -> list[float]:
    """The artist's dashes in pixels ([] for a solid line)."""
    # Matplotlib keeps no public getter for the pattern it draws: (offset, on-off lengths
    # in points, already scaled by the line width).
    _offset, pattern = artist._dash_pattern
    return [] if pattern is None else [_px(figure, p) for p in pattern]


_NONE = (None, "None", "none", "", " ")


def _line(line: Line2D) -> list[dict]:
    """A line as a path, and its markers (either may be absent)."""
    figure = line.figure
    xy = _pixels(figure, line.get_transform().transform(np.column_stack(line.get_data())))
    xy = xy[np.isfinite(xy).all(axis=1)]
    marks = []
    if line.get_linestyle() not in _NONE:
        marks.append(
            {
                "kind": "path",
                "parts": [_bytes(xy)],
                "stroke": _css(line.get_color(), line.get_alpha()),
                "fill": None,
                "width": _px(figure, line.get_linewidth()),
                "dash": _dash(figure, line),
            }
        )
    if line.get_marker() not in _NONE:
        style = MarkerStyle(line.get_marker())
        size = _px(figure, line.get_markersize())
        shape = style.get_path().transformed(style.get_transform() + Affine2D().scale(size, -size))
        marks.append(
            {
                "kind": "markers",
                "shape": _bytes(shape.vertices),
                "at": _bytes(xy),
                "fill": _css(line.get_markerfacecolor(), line.get_alpha()),
                "stroke": _css(line.get_markeredgecolor(), line.get_alpha()),
                "width": _px(figure, line.get_markeredgewidth()),
            }
        )
    return marks


def _patch(patch: Patch) -> dict:
    figure = patch.figure
    path = patch.get_transform().transform_path(patch.get_path())
    closed = path.codes is not None and (path.codes == path.CLOSEPOLY).any()
    parts = [_pixels(figure, p) for p in path.to_polygons(closed_only=False)]
    linewidth = patch.get_linewidth()
    return {
        "kind": "path",
        "parts": [_bytes(p) for p in parts],
        "closed": bool(closed),
        "fill": _css(patch.get_facecolor()) if patch.get_fill() else None,
        "stroke": _css(patch.get_edgecolor()) if linewidth > 0 else None,
        "width": _px(figure, linewidth),
        "dash": _dash(figure, patch),
        "hatch": _css(patch.get_edgecolor()) if patch.get_hatch() else None,
    }


def _text(text: Text) -> dict:
    figure = text.figure
    x, y = _pixels(figure, text.get_transform().transform(text.get_position()))[0]
    box = text.get_bbox_patch()
    size = _px(figure, text.get_fontsize())
    return {
        "kind": "text",
        "text": text.get_text(),
        "x": float(x),
        "y": float(y),
        "align": {"left": "left", "right": "right"}.get(text.get_horizontalalignment(), "center"),
        "baseline": {"bottom": "bottom", "top": "top", "baseline": "alphabetic"}.get(
            text.get_verticalalignment(), "middle"
        ),
        "size": size,
        "font": f"'{text.get_fontname()}', sans-serif",
        "weight": "bold" if text.get_fontweight() in ("bold", 700, "heavy") else "normal",
        "color": _css(text.get_color(), text.get_alpha()),
        "box": None if box is None else _css(box.get_facecolor()),
        # Matplotlib's box padding is a fraction of the font size.
        "pad": 0.0 if box is None else box.get_boxstyle().pad * size,
    }


def _image(image: AxesImage) -> dict:
    rgba = image.to_rgba(image.get_array(), bytes=True)
    if image.origin == "lower":
        rgba = rgba[::-1]
    left, right, bottom, top = image.get_extent()
    corners = _pixels(image.figure, image.axes.transData.transform([(left, top), (right, bottom)]))
    return {
        "kind": "image",
        "rgba": np.ascontiguousarray(rgba, dtype=np.uint8).tobytes(),
        "rows": int(rgba.shape[0]),
        "columns": int(rgba.shape[1]),
        "box": [float(v) for v in corners.ravel()],
        "smooth": image.get_interpolation() not in ("nearest", "none"),
    }


def _points(points: PathCollection) -> dict:
    figure = points.figure
    (marker,) = points.get_paths()  # the marker, one unit across
    # A scatter's sizes are areas in points² (its own transforms hold them at the dpi of
    # its last drawing, which for a demo is the background's).
    scale = float(np.sqrt(points.get_sizes()[0])) * figure.dpi / 72.0
    shape = marker.transformed(Affine2D().scale(scale, -scale))
    at = _pixels(figure, points.get_offset_transform().transform(points.get_offsets()))
    faces = [_css(c) for c in points.get_facecolors()]
    edges = [_css(c) for c in points.get_edgecolors()]
    return {
        "kind": "markers",
        "shape": _bytes(shape.vertices),
        "at": _bytes(at),
        "fill": faces[0] if len(set(faces)) == 1 else faces,
        "stroke": edges[0] if len(set(edges)) == 1 else edges,
        "width": _px(figure, points.get_linewidths()[0]),
    }
