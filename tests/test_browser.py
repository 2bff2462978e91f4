"""The demos in a real browser: JupyterLab in headless Chromium, driven by Playwright.

For each notebook with demos, a copy of its solution notebook (so that the student's
functions exist and drive the pictures) is opened in JupyterLab and every cell is run.
Then every demo must have rendered (no "Error displaying widget", no JavaScript error);
moving a slider with the keyboard must change the picture; moving it back must bring back
the first picture exactly; a held key (presses faster than the kernel answers) must end on
the same picture as slow presses to the same value, with the readout there too; and the
picture must look like matplotlib's own drawing of the same figure.
Screenshots of each demo, before and after the slider moved, are saved in
test-artifacts/browser/ (SCREENSHOTS below).

The training playground of notebook 12 has a test of its own, in the same lab: play on the
spiral must pass 0.9 accuracy within 30 s and change the decision regions; another optimizer
chosen while it plays must take over and another cell run; pause must stop the epoch counter.
"""

from __future__ import annotations

import base64
import io
import re
import shutil
import time

import numpy as np
import pytest
from PIL import Image

from autograder.course.folders import REPO_ROOT, SOLUTIONS_DIR
from nbhelpers import optimizers, widgets
from tests.browser import (
    COURSE_DEMOS,
    DEMO_OUTPUT,
    EVERY_PICTURE,
    PLAYGROUND,
    chromium,
    course_lab,
    open_notebook,
    run_all_cells,
)

pytestmark = pytest.mark.slow

SCREENSHOTS = REPO_ROOT / "test-artifacts" / "browser"
NOTEBOOKS = list(dict.fromkeys(demo.notebook for demo in COURSE_DEMOS))
# Each demo as it starts, drawn here by matplotlib (the references draw what the solutions do).
AT_START = {
    "neuron line (01)": widgets.neuron_line,
    "matrix-product stepper (04)": widgets.matmul_stepper,
    "dense explorer (05)": widgets.dense_explorer,
    "activation explorer (06)": lambda: widgets.activation_explorer({}),
    "ReLU pair (06)": widgets.relu_pair,
    "sine fit (06)": widgets.sine_fit,
    "softmax bars (07)": widgets.softmax_bars,
    "tangent slope (09)": widgets.tangent_slope,
    "neuron graph (10)": widgets.neuron_graph,
    "optimizer paths (11)": lambda: widgets.optimizer_paths(
        {
            "SGD": optimizers.SGD,
            "Adagrad": optimizers.Adagrad,
            "RMSprop": optimizers.RMSprop,
            "Adam": optimizers.Adam,
        }
    ),
}
# How far apart two pictures may be, as the 99th percentile of the colour differences of
# their 4 × 4 pixel blocks (0-255): anti-aliasing and text differ a little between the
# browser and matplotlib; a line moved by a slider step or a misplaced mark is over 100.
LOOKS_THE_SAME = 90.0
CHANGED_PIXELS = 200  # a moved line or bar changes far more pixels than this
CHANGE_TIMEOUT = 20.0  # seconds for a moved slider to change the picture (a busy machine too)
STEPS = 8


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    root = tmp_path_factory.mktemp("course")
    for demo in EVERY_PICTURE:
        if not (root / demo.assignment).exists():
            shutil.copytree(SOLUTIONS_DIR / demo.assignment, root / demo.assignment)
    with course_lab(root) as server:
        yield server


@pytest.fixture(scope="module")
def browser():
    with chromium(SCREENSHOTS) as launched:
        yield launched


def pixels(element) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(element.screenshot())).convert("RGB"), dtype=np.int16)


def changed(a: np.ndarray, b: np.ndarray) -> int:
    """How many pixels differ."""
    return int((np.abs(a - b).sum(axis=2) > 0).sum())


def settled_pixels(page, canvas) -> np.ndarray:
    """The canvas's pixels once the picture has stopped changing (the first frames of a
    demo arrive after it is shown, later on a loaded machine)."""
    start, last = time.monotonic(), pixels(canvas)
    while True:
        page.wait_for_timeout(300)
        now = pixels(canvas)
        if np.array_equal(now, last):
            return now
        assert time.monotonic() - start < CHANGE_TIMEOUT * 4, "the demo's picture never settled"
        last = now


def canvas_pixels(canvas) -> np.ndarray:
    """What the canvas holds, pixel for pixel (its size is the figure's at device ratio 1)."""
    url = canvas.evaluate("c => c.toDataURL('image/png')")
    png = base64.b64decode(url.split(",", 1)[1])
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=float)


def matplotlib_pixels(demo) -> np.ndarray:
    """The demo's whole figure, drawn by matplotlib at its own size."""
    buffer = io.BytesIO()
    demo.figure.savefig(buffer, format="png", dpi=demo.figure.dpi)
    return np.asarray(Image.open(buffer).convert("RGB"), dtype=float)


def difference(a: np.ndarray, b: np.ndarray) -> float:
    """The 99th percentile of the colour differences of two pictures' 4 × 4 pixel blocks."""
    assert a.shape == b.shape, f"pictures of sizes {a.shape} and {b.shape}"
    h, w = a.shape[0] // 4 * 4, a.shape[1] // 4 * 4

    def blocks(x):
        return x[:h, :w].reshape(h // 4, 4, w // 4, 4, 3).mean(axis=(1, 3))

    return float(np.percentile(np.abs(blocks(a) - blocks(b)).max(axis=2), 99))


def wait_until(condition, message: str, page) -> None:
    start = time.monotonic()
    while not condition():
        assert time.monotonic() - start < CHANGE_TIMEOUT, message
        page.wait_for_timeout(100)


def press(page, handle, key: str, times: int, wait_ms: int = 0) -> None:
    handle.focus()
    for _ in range(times):
        page.keyboard.press(key)
        page.wait_for_timeout(wait_ms)


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_demos_render_and_follow_the_keyboard_in_chromium(lab, browser, notebook):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        open_notebook(page, lab, notebook)
        run_all_cells(page)

        expected = [demo for demo in COURSE_DEMOS if demo.notebook == notebook]
        demos = page.query_selector_all(DEMO_OUTPUT)
        assert len(demos) == len(expected), (
            f"{notebook}: {len(demos)} demos rendered, {len(expected)} expected"
        )
        assert page.query_selector("text=Error displaying widget") is None
        for i, (demo, picture) in enumerate(zip(demos, expected)):
            name, shot = picture.name, f"{picture.assignment}-demo{i + 1}"
            demo.scroll_into_view_if_needed()
            canvas = demo.wait_for_selector("canvas.nnfs-figure", timeout=30_000)
            settled_pixels(page, canvas)
            # The browser's picture is matplotlib's drawing of the same figure.
            reference = AT_START[picture.name]()
            assert (
                difference(canvas_pixels(canvas), matplotlib_pixels(reference)) < LOOKS_THE_SAME
            ), f"{name}: the browser's picture differs from matplotlib's drawing of it"
            if isinstance(reference, widgets.NeuronLine):  # which tells another weight apart
                reference.weight.value += 0.2
                assert difference(canvas_pixels(canvas), matplotlib_pixels(reference)) > (
                    LOOKS_THE_SAME
                )
            if picture.preset:
                empty = settled_pixels(page, canvas)
                demo.query_selector(f"button:has-text('{picture.preset}')").click()
                wait_until(
                    lambda: not np.array_equal(pixels(canvas), empty),  # noqa: B023
                    f"{name}: the preset changed nothing",
                    page,
                )
            before = settled_pixels(page, canvas)
            demo.screenshot(path=str(SCREENSHOTS / f"{shot}-before.png"))

            handle = demo.query_selector_all(".widget-slider .noUi-handle")[picture.slider]
            press(page, handle, "ArrowRight", STEPS)
            wait_until(
                lambda: changed(pixels(canvas), before) >= CHANGED_PIXELS,  # noqa: B023
                f"{name}: the picture did not change within {CHANGE_TIMEOUT} s of the keys",
                page,
            )
            held = settled_pixels(page, canvas)  # the keys came faster than the kernel answers
            readout = demo.query_selector(".widget-html").inner_text()
            demo.screenshot(path=str(SCREENSHOTS / f"{shot}-after.png"))

            # Back by as many steps: the picture must be the first one again, pixel for pixel.
            press(page, handle, "ArrowLeft", STEPS)
            wait_until(
                lambda: changed(pixels(canvas), before) == 0,  # noqa: B023
                f"{name}: back at the start, the picture differs from the first one",
                page,
            )
            # And on again, one key at a time: the same picture as the held key gave.
            press(page, handle, "ArrowRight", STEPS, wait_ms=250)
            assert changed(settled_pixels(page, canvas), held) == 0, (
                f"{name}: the held key ended on another picture than slow presses"
            )
            assert demo.query_selector(".widget-html").inner_text() == readout
        assert not errors, f"{notebook}: JavaScript errors in the console: {errors}"
    finally:
        page.close()


# ----------------------------------------------------------------------------- the playground

TRAINED_WITHIN = 30.0  # seconds from the play button to an accuracy over 0.9
TRAINED_PIXELS = 5000  # regions that learnt the spiral differ from the first ones in far more


def readout(demo) -> tuple[int, float]:
    """The epoch and the training accuracy the readout shows (NaN before the first epoch)."""
    text = demo.query_selector(".widget-html").inner_text()
    epoch = re.search(r"epoch (\d+)", text)
    accuracy = re.search(r"accuracy ([0-9.]+|–)", text)
    assert epoch and accuracy, f"no epoch or accuracy in the readout: {text!r}"
    return int(epoch.group(1)), float(accuracy.group(1).replace("–", "nan"))


def wait_for_readout(page, demo, text: str, after: int = -1) -> None:
    """Wait until the readout's HTML holds ``text`` at an epoch later than ``after``."""
    started = time.monotonic()
    while not (
        text in demo.query_selector(".widget-html").inner_html() and readout(demo)[0] > after
    ):
        assert time.monotonic() - started < 10, f"the readout never showed {text!r}"
        page.wait_for_timeout(100)


def test_the_playground_of_notebook_12_trains_the_spiral_past_90_percent_and_pauses(lab, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        open_notebook(page, lab, PLAYGROUND.notebook)
        run_all_cells(page)
        demos = page.query_selector_all(DEMO_OUTPUT)
        assert len(demos) == 1, f"{len(demos)} live pictures in notebook 12, one expected"
        demo = demos[0]
        demo.scroll_into_view_if_needed()
        canvas = demo.wait_for_selector("canvas.nnfs-figure", timeout=30_000)
        before = settled_pixels(page, canvas)
        assert readout(demo)[0] == 0
        demo.screenshot(path=str(SCREENSHOTS / "playground-before.png"))

        play = demo.query_selector(".widget-play button")  # play, and pause once playing
        play.click()
        started, accuracy = time.monotonic(), 0.0
        while accuracy <= 0.9:
            assert time.monotonic() - started < TRAINED_WITHIN, (
                f"accuracy {accuracy} after {TRAINED_WITHIN} s of play (epoch {readout(demo)[0]})"
            )
            page.wait_for_timeout(200)
            epoch, accuracy = readout(demo)
        trained_in = time.monotonic() - started
        assert changed(pixels(canvas), before) > TRAINED_PIXELS, "the regions did not change"
        demo.screenshot(path=str(SCREENSHOTS / "playground-playing.png"))

        # The kernel answers between frames: another optimizer, while it plays.
        demo.query_selector("select >> nth=2").select_option("SGD")
        wait_for_readout(page, demo, "SGD, learning rate 1<")
        going_on = readout(demo)[0]
        wait_for_readout(page, demo, "SGD", after=going_on)
        # And another cell runs while it plays: the setup cell, which changes nothing.
        other = page.locator(".jp-CodeCell").first
        prompt = other.locator(".jp-InputPrompt").first
        ran = prompt.inner_text()
        other.locator(".jp-InputArea-editor").click()
        page.keyboard.press("Control+Enter")
        started = time.monotonic()
        while prompt.inner_text() in (ran, "[*]:"):
            assert time.monotonic() - started < 10, "another cell did not run while it played"
            page.wait_for_timeout(100)
        assert readout(demo)[0] > going_on

        play.click()  # pause
        page.wait_for_timeout(500)  # a frame under way when pause was pressed ends
        paused = readout(demo)[0]
        page.wait_for_timeout(1500)
        assert readout(demo)[0] == paused, "the epoch counter went on after pause"
        assert 0 < paused < 3000
        demo.screenshot(path=str(SCREENSHOTS / "playground-paused.png"))
        assert not errors, f"JavaScript errors: {errors}"
        print(f"accuracy over 0.9 after {trained_in:.1f} s of play, epoch {epoch}")
    finally:
        page.close()
