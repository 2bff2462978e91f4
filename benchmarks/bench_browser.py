"""Key press to changed pixels, for every demo, in JupyterLab in headless Chromium.

What a learner feels when they hold an arrow key on a slider is the time from the key
press to the moment the picture on the screen changes. This script measures exactly that,
for every demo of the course (its notebook from ``solutions/``, so that the student's
functions draw it), next to the naive way (``interact`` redrawing an inline matplotlib
figure) in the same run:

1. JupyterLab starts on a free loopback port, on a temporary copy of the notebooks.
2. Each notebook is opened in Chromium and run to the end.
3. For each demo, a slider is focused and ``--presses`` arrow keys are pressed, one at a
   time. The page notes the key event's time, then checks after every frame it paints
   whether the picture's pixels differ from before the key; the time to the first frame
   that differs is one sample. The next key waits until the picture has changed.

With ``--candidates``, the same neuron line is also drawn by the widget plotting libraries
the course could use (bqplot, plotly's FigureWidget, ipympl redrawn the usual way) and
measured the same way: the figures the course's choice rests on (see README). Those
libraries are not course dependencies: ``pip install '.[bench]'``.

Usage: .venv/bin/python benchmarks/bench_browser.py [--presses 150] [--candidates]
The last line is ``worst_browser_p90_ms=<number>``: the slowest demo's 90th percentile.
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

import nbformat

from autograder.course.folders import SOLUTIONS_DIR
from tests.browser import (
    COURSE_DEMOS,
    DEMO_OUTPUT,
    Picture,
    chromium,
    course_lab,
    open_notebook,
    run_all_cells,
)

# The pictures' elements: the course's canvas, and the naive and candidate ways.
PICTURE_SELECTOR = ", ".join(
    [
        DEMO_OUTPUT,  # the course's demos
        ".jp-OutputArea-output:has(.widget-interact)",  # interact + inline figure
        ".jp-OutputArea-output:has(.jupyter-matplotlib)",  # ipympl
        ".jp-OutputArea-output:has(.bqplot)",  # bqplot
        ".jp-OutputArea-output:has(.js-plotly-plot)",  # plotly
        ".jp-OutputArea-output:has(.round-trip)",  # the floor: one value there and back
    ]
)
# What counts as the picture inside a demo's output (not its readout text).
DRAWING_SELECTOR = "canvas, img, svg.svg-figure, .js-plotly-plot svg.main-svg"

# In the page: a fingerprint of the picture's pixels (canvases), sources (images) or
# shapes (SVG), and a probe that times a key press to the first animation frame whose
# fingerprint differs.
PROBE_JS = """
([root, drawing]) => {
  const hash = (h, v) => Math.imul(h ^ v, 16777619) ^ (h >>> 15);  // FNV-1a, mixed
  const fingerprint = () => {
    let h = 7;
    for (const el of root.querySelectorAll(drawing)) {
      if (el.tagName === 'CANVAS') {
        const ctx = el.width && el.height && el.getContext('2d', {willReadFrequently: true});
        if (!ctx) continue;
        const pixels = new Uint32Array(ctx.getImageData(0, 0, el.width, el.height).data.buffer);
        for (let i = 0; i < pixels.length; i++) h = hash(h, pixels[i]);
      } else {
        const text = el.tagName === 'IMG' ? (el.complete ? el.src : '') : el.innerHTML;
        for (let i = 0; i < text.length; i += 3) h = hash(h, text.charCodeAt(i));
      }
    }
    return h;
  };
  const probe = {before: fingerprint(), pressed: null, ms: null};
  const onKey = (event) => { if (probe.pressed === null) probe.pressed = event.timeStamp; };
  window.addEventListener('keydown', onKey, true);
  // Checked once per frame, in a task queued from the frame's callbacks: it runs after
  // the frame was painted, whether the picture was drawn on a message or in a callback.
  const afterPaint = new MessageChannel();
  afterPaint.port1.onmessage = () => {
    const now = performance.now();
    if (probe.pressed !== null && fingerprint() !== probe.before) probe.ms = now - probe.pressed;
    else if (probe.pressed !== null && now - probe.pressed > 5000) probe.ms = -1;
    if (probe.ms === null) requestAnimationFrame(poll);
    else window.removeEventListener('keydown', onKey, true);
  };
  const poll = () => afterPaint.port2.postMessage(null);
  requestAnimationFrame(poll);
  window.__probe = probe;
}
"""


def naive_notebook() -> nbformat.NotebookNode:
    """The neuron line the naive way: ``interact`` drawing a new inline figure each time."""
    return _notebook(
        NEURON
        + """
import matplotlib.pyplot as plt
from ipywidgets import FloatSlider, interact
%matplotlib inline

def draw(w=1.0, b=0.0):
    fig, ax = plt.subplots(figsize=(5.6, 3.6))
    ax.plot(X, [neuron_output([x], [w], b) for x in X])
    ax.set(xlim=(-2, 2), ylim=(-4, 4), xlabel="input x", ylabel="output y",
           title="Output of a single-input neuron")
    plt.show()

interact(draw, w=FloatSlider(1.0, min=-3, max=3, step=0.05),
         b=FloatSlider(0.0, min=-3, max=3, step=0.05));
"""
    )


NEURON = """
import numpy as np

def neuron_output(inputs, weights, bias):
    total = 0.0
    for x, w in zip(inputs, weights):
        total += x * w
    return total + bias

X = np.linspace(-2, 2, 81)
"""

# The same neuron line drawn by each candidate library, the way its documentation shows.
CANDIDATES = {
    "ipympl (draw_idle)": """
%matplotlib widget
import matplotlib.pyplot as plt
from ipywidgets import FloatSlider, VBox
w = FloatSlider(1.0, min=-3, max=3, step=0.05, description="w")
with plt.ioff():
    fig, ax = plt.subplots(figsize=(5.6, 3.6))
(line,) = ax.plot(X, [neuron_output([x], [w.value], 0.0) for x in X])
ax.set(xlim=(-2, 2), ylim=(-4, 4), xlabel="input x", ylabel="output y")
def redraw(change):
    line.set_ydata([neuron_output([x], [w.value], 0.0) for x in X])
    fig.canvas.draw_idle()
w.observe(redraw, names="value")
VBox([w, fig.canvas])
""",
    "bqplot": """
import bqplot as bq
from ipywidgets import FloatSlider, VBox
w = FloatSlider(1.0, min=-3, max=3, step=0.05, description="w")
xs, ys = bq.LinearScale(min=-2, max=2), bq.LinearScale(min=-4, max=4)
line = bq.Lines(x=X, y=[neuron_output([x], [w.value], 0.0) for x in X],
                scales={"x": xs, "y": ys})
fig = bq.Figure(marks=[line], axes=[bq.Axis(scale=xs, label="input x"),
                bq.Axis(scale=ys, orientation="vertical", label="output y")],
                animation_duration=0, layout={"width": "560px", "height": "360px"})
w.observe(lambda change: setattr(line, "y", [neuron_output([x], [w.value], 0.0) for x in X]),
          names="value")
VBox([w, fig])
""",
    "plotly FigureWidget": """
import plotly.graph_objects as go
from ipywidgets import FloatSlider, VBox
w = FloatSlider(1.0, min=-3, max=3, step=0.05, description="w")
fig = go.FigureWidget(go.Scatter(x=X, y=[neuron_output([x], [w.value], 0.0) for x in X]))
fig.update_layout(width=560, height=360, xaxis_range=[-2, 2], yaxis_range=[-4, 4])
def redraw(change):
    with fig.batch_update():
        fig.data[0].y = [neuron_output([x], [w.value], 0.0) for x in X]
w.observe(redraw, names="value")
VBox([w, fig])
""",
    "a bare round trip (the floor)": """
import anywidget, traitlets
from ipywidgets import FloatSlider, VBox
class Bar(anywidget.AnyWidget):
    _esm = '''export default { render({ model, el }) {
        const c = document.createElement("canvas");
        c.className = "round-trip"; c.width = 560; c.height = 40; el.append(c);
        const draw = () => { const g = c.getContext("2d"); g.clearRect(0, 0, 560, 40);
                             g.fillRect(0, 0, 280 + 80 * model.get("value"), 40); };
        model.on("change:value", draw); draw(); } }'''
    value = traitlets.Float(1.0).tag(sync=True)
w = FloatSlider(1.0, min=-3, max=3, step=0.05, description="w")
bar = Bar()
w.observe(lambda change: setattr(bar, "value", change["new"]), names="value")
VBox([w, bar])
""",
    "the course's canvas": """
from nbhelpers import widgets
widgets.neuron_line(neuron_output)
""",
}


def _notebook(*sources: str) -> nbformat.NotebookNode:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(s.strip()) for s in sources]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    return notebook


def prepare(root: Path, candidates: bool) -> list[Picture]:
    """Copy the course's notebooks and write the others into ``root``; what to measure."""
    pictures = list(COURSE_DEMOS)
    for picture in pictures:
        if not (root / picture.assignment).exists():
            shutil.copytree(SOLUTIONS_DIR / picture.assignment, root / picture.assignment)
    nbformat.write(naive_notebook(), root / "naive.ipynb")
    pictures.append(Picture("naive: interact + inline figure", "naive.ipynb", course=False))
    if candidates:
        for library in ("bqplot", "plotly", "ipympl"):
            if importlib.util.find_spec(library) is None:
                sys.exit(f"--candidates needs {library}: pip install '.[bench]'")
        for i, (name, source) in enumerate(CANDIDATES.items()):
            nbformat.write(_notebook(NEURON, source), root / f"candidate-{i}.ipynb")
            pictures.append(Picture(f"neuron line, {name}", f"candidate-{i}.ipynb", course=False))
    return pictures


def measure(page, picture: Picture, presses: int) -> list[float]:
    """Milliseconds from key press to changed pixels, for ``presses`` presses."""
    demo = page.query_selector_all(PICTURE_SELECTOR)[picture.index]
    demo.scroll_into_view_if_needed()
    if picture.preset:
        demo.query_selector(f"button:has-text('{picture.preset}')").click()
        page.wait_for_timeout(1000)
    handle = demo.query_selector_all(".widget-slider .noUi-handle")[picture.slider]
    times = []
    for i in range(presses):
        # Right, then left as far, and so on, so that the slider never reaches an end.
        key = "ArrowRight" if (i // picture.each_way) % 2 == 0 else "ArrowLeft"
        handle.focus()
        page.evaluate(PROBE_JS, [demo, DRAWING_SELECTOR])
        page.keyboard.press(key)
        page.wait_for_function("() => window.__probe.ms !== null", timeout=10_000)
        ms = page.evaluate("() => window.__probe.ms")
        if ms < 0:
            raise RuntimeError(f"{picture.name}: a key press did not change the picture")
        times.append(ms)
        page.wait_for_timeout(60)  # let the last frames land before the next press
    return times


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=150, help="key presses per picture")
    parser.add_argument("--candidates", action="store_true", help="also measure the libraries")
    parser.add_argument("--only", default="", help="measure only pictures whose name has this")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        pictures = [p for p in prepare(root, args.candidates) if args.only in p.name]
        results: dict[str, list[float]] = {}
        with course_lab(root) as lab, chromium() as browser:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            opened = None
            for picture in pictures:
                if picture.notebook != opened:
                    open_notebook(page, lab, picture.notebook)
                    run_all_cells(page)
                    page.wait_for_timeout(1500)  # the widgets' first frames
                    opened = picture.notebook
                results[picture.name] = measure(page, picture, args.presses)
                times = results[picture.name]
                print(
                    f"{picture.name:42s} median {statistics.median(times):6.1f} ms   "
                    f"p90 {percentile(times, 90):6.1f} ms   max {max(times):6.1f} ms",
                    flush=True,
                )
    course = [p.name for p in pictures if p.course]
    worst = max(percentile(results[name], 90) for name in course)
    print(f"worst_browser_p90_ms={worst:.1f}")


if __name__ == "__main__":
    sys.exit(main())
