"""The training playground in a real browser: JupyterLab in headless Chromium, via Playwright.

A notebook holding the playground (the course's notebook 12 once it exists; until then a
small notebook written here) is opened in JupyterLab and run. Play is pressed on the spiral
data: within 30 s the accuracy readout must pass 0.9 and the decision regions must have
changed; another optimizer chosen while it plays must take over and training go on, and
another cell must run; pause must stop the epoch counter. Screenshots before, while and
after are saved in test-artifacts/browser/ with the other demos'.
"""

from __future__ import annotations

import re
import time

import nbformat
import numpy as np
import pytest

from autograder.course.folders import REPO_ROOT
from tests.browser import DEMO_OUTPUT, chromium, course_lab, open_notebook, run_all_cells
from tests.test_browser import changed, pixels, settled_pixels

pytestmark = pytest.mark.slow

SCREENSHOTS = REPO_ROOT / "test-artifacts" / "browser"
TRAINED_WITHIN = 30.0  # seconds from the play button to an accuracy over 0.9
CHANGED_PIXELS = 5000  # regions that learnt the spiral differ from the first ones in far more


def playground_notebook() -> nbformat.NotebookNode:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# The training playground"),
        nbformat.v4.new_code_cell(
            "from nbhelpers.widgets import training_playground\ntraining_playground()"
        ),
        nbformat.v4.new_code_cell("6 * 7"),
    ]
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
    }
    return notebook


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


def test_play_trains_the_spiral_past_90_percent_and_pause_stops_it(tmp_path):
    # A folder of its own (the lab of test_browser copies only the course's notebooks).
    nbformat.write(playground_notebook(), tmp_path / "playground.ipynb")
    with course_lab(tmp_path) as lab, chromium() as browser:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page = browser.new_page(viewport={"width": 1400, "height": 1100})
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        open_notebook(page, lab, "playground.ipynb")
        run_all_cells(page)
        demo = page.wait_for_selector(DEMO_OUTPUT, timeout=30_000)
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
        assert changed(pixels(canvas), before) > CHANGED_PIXELS, "the regions did not change"
        demo.screenshot(path=str(SCREENSHOTS / "playground-playing.png"))

        # The kernel answers between frames: another optimizer, while it plays.
        demo.query_selector("select >> nth=2").select_option("SGD")
        wait_for_readout(page, demo, "SGD, learning rate 1<")
        going_on = readout(demo)[0]
        wait_for_readout(page, demo, "SGD", after=going_on)
        # And another cell runs while it plays.
        other = page.locator(".jp-CodeCell").nth(1)
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
        assert np.isfinite(trained_in) and not errors, f"JavaScript errors: {errors}"
        print(f"accuracy over 0.9 after {trained_in:.1f} s of play, epoch {epoch}")
        page.close()
