"""The demos in a real browser: JupyterLab in headless Chromium, driven by Playwright.

For each notebook with demos, a copy of its solution notebook (so that the student's
functions exist and drive the pictures) is opened in JupyterLab and every cell is run.
Then every demo must have rendered (no "Error displaying widget", no JavaScript error),
moving a slider with the keyboard must change the picture within a few seconds, and moving
it back must bring back the first picture exactly.
Screenshots of each demo, before and after the slider moved, are saved in
test-artifacts/browser/ (SCREENSHOTS below).

Chromium comes from the system (Debian's `chromium` package, which `.ci/run` installs);
set CHROMIUM to use another binary.
"""

from __future__ import annotations

import io
import os
import shutil
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from autograder.course.folders import REPO_ROOT, SOLUTIONS_DIR
from tests.lab_server import running_lab

pytestmark = pytest.mark.slow

SCREENSHOTS = REPO_ROOT / "test-artifacts" / "browser"
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# The notebooks with demos and, for each demo in order, the slider to move: one that changes
# the picture from the demo's start (the explorer starts on the step function, where the
# weight does not move the step, so its bias slider is used).
DEMOS = {
    "01-single-neuron": [0],
    "05-layers-and-dense-class": [0],
    "06-activation-functions": [1, 0, 0],
    "07-softmax": [0],
}
CHANGED_PIXELS = 200  # a moved line or bar changes far more pixels than this
CHANGE_TIMEOUT = 20.0  # seconds for a moved slider to change the picture (a busy machine too)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    root = tmp_path_factory.mktemp("course")
    for assignment in DEMOS:
        shutil.copytree(SOLUTIONS_DIR / assignment, root / assignment)
    jupyter = Path(sys.executable).parent / "jupyter"

    def command(port: int, token: str) -> list[str]:
        return [
            str(jupyter),
            "lab",
            "--no-browser",
            f"--port={port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root}",
            "--allow-root",
        ]

    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
    env["PATH"] = os.pathsep.join([str(jupyter.parent), env["PATH"]])
    # Settings and workspaces of its own, so that the test changes nothing of the user's.
    env["JUPYTERLAB_SETTINGS_DIR"], env["JUPYTERLAB_WORKSPACES_DIR"] = (
        str(root / "settings"),
        str(root / "workspaces"),
    )
    with running_lab(command, root, root / "lab.log", env) as server:
        # JupyterLab renders only the cells near the viewport; the test looks at all of them.
        server.request(
            "/lab/api/settings/@jupyterlab/notebook-extension:tracker",
            "PUT",
            {"raw": '{"windowingMode": "none"}'},
        )
        yield server


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: install Debian's package (apt install chromium), "
            "or set CHROMIUM to the browser's path."
        )
    from playwright.sync_api import sync_playwright

    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    SCREENSHOTS.mkdir(parents=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


def pixels(element) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(element.screenshot())).convert("RGB"), dtype=np.int16)


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


def run_all_cells(page, notebook: str) -> None:
    """Open a notebook in a fresh workspace, run every cell, and wait until all have run."""
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook", timeout=60_000)
    page.wait_for_function(
        "() => document.querySelector('.jp-Notebook .jp-Cell') !== null", timeout=30_000
    )
    page.click("li.lm-MenuBar-item:has-text('Run')")
    page.click("li.lm-Menu-item:has-text('Run All Cells')")
    # Every code cell's prompt shows an execution count once it has run ("[*]" while running).
    page.wait_for_function(
        """() => {
            const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
            return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
        }""",
        timeout=180_000,
    )


@pytest.mark.parametrize("notebook", DEMOS)
def test_demos_render_and_follow_the_keyboard_in_chromium(lab, browser, notebook):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(lab.url(f"/lab/tree/{notebook}/{notebook}.ipynb?reset"))
        run_all_cells(page, notebook)

        demos = page.query_selector_all(".jp-OutputArea-output:has(> .widget-vbox)")
        assert len(demos) == len(DEMOS[notebook]), (
            f"{notebook}: {len(demos)} demos rendered, {len(DEMOS[notebook])} expected"
        )
        assert page.query_selector("text=Error displaying widget") is None
        for i, (demo, slider) in enumerate(zip(demos, DEMOS[notebook])):
            demo.scroll_into_view_if_needed()
            canvas = demo.wait_for_selector(".jupyter-matplotlib-canvas-div", timeout=30_000)
            preset = demo.query_selector("button:has-text('Hand-tuned preset')")
            if preset:  # the sine fit starts with every weight 0: no slider changes it alone
                empty = settled_pixels(page, canvas)
                preset.click()
                start = time.monotonic()
                while np.array_equal(pixels(canvas), empty):
                    assert time.monotonic() - start < CHANGE_TIMEOUT, (
                        f"{notebook}: the preset changed nothing"
                    )
                    page.wait_for_timeout(100)
            before = settled_pixels(page, canvas)
            demo.screenshot(path=str(SCREENSHOTS / f"{notebook}-demo{i + 1}-before.png"))

            demo.query_selector_all(".widget-slider .noUi-handle")[slider].focus()
            start = time.monotonic()
            for _ in range(8):
                page.keyboard.press("ArrowRight")
            while (np.abs(pixels(canvas) - before).sum(axis=2) > 0).sum() < CHANGED_PIXELS:
                assert time.monotonic() - start < CHANGE_TIMEOUT, (
                    f"{notebook} demo {i + 1}: the picture did not change "
                    f"within {CHANGE_TIMEOUT} s of the key presses"
                )
                page.wait_for_timeout(100)
            demo.screenshot(path=str(SCREENSHOTS / f"{notebook}-demo{i + 1}-after.png"))

            # Back by as many steps: the picture must be the first one again, pixel for pixel.
            # (Frames carry only the pixels that changed; a lost or stale frame would show.)
            for _ in range(8):
                page.keyboard.press("ArrowLeft")
            start = time.monotonic()
            while (np.abs(pixels(canvas) - before).sum(axis=2) > 0).sum() > 0:
                assert time.monotonic() - start < CHANGE_TIMEOUT, (
                    f"{notebook} demo {i + 1}: back at the start, "
                    "the picture differs from the first one"
                )
                page.wait_for_timeout(100)
        assert not errors, f"{notebook}: JavaScript errors in the console: {errors}"
    finally:
        page.close()
