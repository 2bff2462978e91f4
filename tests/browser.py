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
import sys
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
        lab.request(
            "/lab/api/settings/@jupyterlab/notebook-extension:tracker",
            "PUT",
            {"raw": '{"windowingMode": "none"}'},
        )
        yield lab


@contextlib.contextmanager
def chromium() -> Iterator[object]:
    """The system's Chromium, headless, as a Playwright Browser."""
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
    """Open the notebook at ``path`` (relative to the lab's root) in a fresh workspace."""
    page.goto(lab.url(f"/lab/tree/{path}?reset"))
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook", timeout=60_000)
    page.wait_for_function(
        "() => document.querySelector('.jp-Notebook .jp-Cell') !== null", timeout=30_000
    )


def run_all_cells(page, timeout_ms: int = 180_000) -> None:
    """Run every cell of the open notebook and wait until all have run."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    # Until its kernel is ready, the notebook ignores Run All (on a busy machine, seconds).
    # JupyterLab sometimes asks which kernel to start, when it opens a notebook before it
    # has the list of kernels: the notebook's own is preselected.
    idle = ".jp-NotebookPanel-toolbar .jp-Notebook-ExecutionIndicator[data-status='idle']"
    choose = ".jp-Dialog:has-text('Select Kernel') button.jp-mod-accept"
    page.wait_for_selector(f"{idle}, {choose}", timeout=120_000)
    if page.query_selector(choose):
        page.click(choose)
        page.wait_for_selector(idle, timeout=120_000)
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
    # Every code cell's prompt shows an execution count once it has run ("[*]" while running).
    page.wait_for_function(
        """() => {
            const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
            return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
        }""",
        timeout=timeout_ms,
    )
