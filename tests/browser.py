"""JupyterLab in headless Chromium, for the browser tests and the browser benchmark.

:func:`course_lab` starts JupyterLab on a folder (settings and workspaces of its own, every
cell rendered); :func:`chromium` launches the system's Chromium through Playwright;
:func:`open_notebook` opens a notebook in a fresh workspace and :func:`run_all_cells`
runs it to the end.

Chromium comes from the system (Debian's `chromium` package, which `.ci/run` installs);
set CHROMIUM to use another binary.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from tests.lab_server import Lab, running_lab

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


@dataclass(frozen=True)
class Picture:
    """A live picture in a notebook, and the slider that moves it.

    Attributes:
        name: how reports call it.
        notebook: its notebook's path, relative to the course folder.
        index: which of the notebook's pictures (0 for the first).
        slider: which of the picture's sliders changes it from its start (0 for the first).
        preset: the text of a button to click first (a demo whose start no slider moves).
        course: True for the course's own demos, False for others measured beside them.
        each_way: how many steps the slider can go right from its start and back.
    """

    name: str
    notebook: str
    index: int = 0
    slider: int = 0
    preset: str | None = None
    course: bool = True
    each_way: int = 20

    @property
    def assignment(self) -> str:
        return self.notebook.split("/")[0]


_NB06 = "06-activation-functions/06-activation-functions.ipynb"
# Every demo of the course, in notebook order.
COURSE_DEMOS = [
    Picture("neuron line (01)", "01-single-neuron/01-single-neuron.ipynb"),
    Picture("matrix-product stepper (04)", "04-batches/04-batches.ipynb", each_way=8),
    Picture("dense explorer (05)", "05-layers-and-dense-class/05-layers-and-dense-class.ipynb"),
    # The explorer starts on the step function, whose step the weight does not move.
    Picture("activation explorer (06)", _NB06, 0, slider=1),
    Picture("ReLU pair (06)", _NB06, 1),
    Picture("sine fit (06)", _NB06, 2, preset="Hand-tuned preset"),
    Picture("softmax bars (07)", "07-softmax/07-softmax.ipynb"),
    # The step starts 10 of its slider's steps below its largest value.
    Picture(
        "tangent slope (09)",
        "09-derivatives-and-gradients/09-derivatives-and-gradients.ipynb",
        each_way=10,
    ),
    Picture("neuron graph (10)", "10-backpropagation/10-backpropagation.ipynb"),
    Picture("optimizer paths (11)", "11-optimizers/11-optimizers.ipynb"),
]
# The training playground (12) is trained, not moved by a slider: test_browser.py gives it a
# test of its own (play, pause, another optimizer) instead of COURSE_DEMOS' slider checks.
PLAYGROUND = Picture(
    "training playground (12)", "12-training-a-network/12-training-a-network.ipynb"
)
EVERY_PICTURE = [*COURSE_DEMOS, PLAYGROUND]  # every live picture of the course, in notebook order
# A demo's output in a notebook.
DEMO_OUTPUT = ".jp-OutputArea-output:has(.nnfs-figure)"


@contextlib.contextmanager
def course_lab(root: Path, extra_args: tuple[str, ...] = ()) -> Iterator[Lab]:
    """JupyterLab on ``root`` (a loopback port, a token), stopped afterwards.

    It keeps its settings and workspaces in ``root`` (nothing of the user's changes), and
    renders every cell of a notebook, not only those near the viewport, so that a test
    can look at all of them.
    """
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
            *extra_args,
        ]

    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
    env["PATH"] = os.pathsep.join([str(jupyter.parent), env["PATH"]])
    env["JUPYTERLAB_SETTINGS_DIR"] = str(root / ".lab-settings")
    env["JUPYTERLAB_WORKSPACES_DIR"] = str(root / ".lab-workspaces")
    with running_lab(command, root, root / ".lab.log", env) as lab:
        render_every_cell(lab)
        yield lab


def render_every_cell(lab: Lab) -> None:
    """Have the lab render every cell of a notebook, not only those near the viewport."""
    lab.request(
        "/lab/api/settings/@jupyterlab/notebook-extension:tracker",
        "PUT",
        {"raw": '{"windowingMode": "none"}'},
    )


@contextlib.contextmanager
def chromium(screenshots: Path | None = None) -> Iterator[object]:
    """The system's Chromium, headless, as a Playwright Browser.

    Args:
        screenshots: a folder for the caller's screenshots, emptied first.
    """
    if screenshots is not None:
        shutil.rmtree(screenshots, ignore_errors=True)
        screenshots.mkdir(parents=True)
    if not CHROMIUM.exists():
        raise FileNotFoundError(
            f"Chromium not found at {CHROMIUM}: install Debian's package (apt install chromium), "
            "or set CHROMIUM to the browser's path."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


def open_notebook(page, lab: Lab, path: str) -> None:
    """Open the notebook at ``path`` (relative to the lab's root) in a fresh workspace, and
    wait until its kernel is ready (cells run before that are not run at all)."""
    page.goto(lab.url(f"/lab/tree/{path}?reset"))
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell", timeout=60_000)
    # JupyterLab sometimes asks which kernel to start, when it opens a notebook before it
    # has the list of kernels: the notebook's own is preselected. The toolbar says "Idle"
    # before the kernel starts too, with "No Kernel" beside it.
    choose = ".jp-Dialog:has-text('Select Kernel') button.jp-mod-accept"
    page.wait_for_function(
        """() => {
            const dialogs = [...document.querySelectorAll('.jp-Dialog')];
            if (dialogs.some(d => d.textContent.includes('Select Kernel'))) return true;
            const name = document.querySelector('.jp-NotebookPanel-toolbar .jp-KernelName');
            const toolbar = '.jp-NotebookPanel-toolbar .jp-Toolbar-item';
            const items = [...document.querySelectorAll(toolbar)];
            return name && name.textContent.trim() !== 'No Kernel'
                && items.some(i => i.textContent.trim() === 'Kernel status: Idle');
        }""",
        timeout=120_000,
    )
    if page.query_selector(choose):
        page.click(choose)
        page.wait_for_function(
            """() => [...document.querySelectorAll('.jp-NotebookPanel-toolbar .jp-Toolbar-item')]
                .some(i => i.textContent.trim() === 'Kernel status: Idle')""",
            timeout=120_000,
        )


def run_all_cells(page, timeout_ms: int = 180_000) -> None:
    """Run every cell of the open notebook and wait until the last one has run."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    started = """() => [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
        .some(p => /\\[(\\*|\\d+)\\]/.test(p.textContent))"""
    for attempt in range(3):
        page.click("li.lm-MenuBar-item:has-text('Run')")
        page.click("li.lm-Menu-item:has-text('Run All Cells')")
        try:
            # A kernel that JupyterLab replaced just then (the dialog above) drops the run.
            page.wait_for_function(started, timeout=20_000)
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
    # The kernel runs cells in order: once the last one has its number, all have run.
    page.wait_for_function(
        """() => {
            const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
            return /\\[\\d+\\]/.test(prompts[prompts.length - 1].textContent);
        }""",
        timeout=timeout_ms,
    )
