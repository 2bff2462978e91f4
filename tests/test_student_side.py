"""The student's side in a real browser: `make lab` (the student mode, on a workspace) and
`make instructor`, in headless Chromium driven by Playwright.

* The student mode shows none of nbgrader's instructor tools (the instructor mode does,
  which proves the check can fail) and keeps the Validate button.
* Run All on every untouched student notebook reaches the last cell (failing tests carry
  the ``raises-exception`` tag), opening one does not mark it changed (the released
  metadata is what JupyterLab writes), and running and saving it changes no tracked file.
* A notebook changed and saved in the browser survives a course update.

Screenshots are saved in test-artifacts/student-side/.
"""

from __future__ import annotations

import shutil
import subprocess

import nbformat
import pytest

from autograder.course.folders import NOTEBOOKS_DIR, REPO_ROOT
from autograder.course.release import assignment_ids
from nbhelpers.workspace import Workspace
from tests.browser import (
    DEMO_OUTPUT,
    EVERY_PICTURE,
    chromium,
    open_notebook,
    render_every_cell,
    run_all_cells,
)
from tests.lab_server import running_lab

pytestmark = pytest.mark.slow

SCREENSHOTS = REPO_ROOT / "test-artifacts" / "student-side"
INSTRUCTOR_TOOLS = ["Nbgrader", "Create Assignment"]  # the menu and the right sidebar's panel


def _make(target: str, *variables: str):
    def command(port: int, token: str) -> list[str]:
        return [
            "make",
            target,
            *variables,
            f"LAB_ARGS=--no-browser --port={port} --ServerApp.port_retries=0 "
            f"--IdentityProvider.token={token}",
        ]

    return command


def _tracked_state() -> tuple[str, dict]:
    """git's view of notebooks/ and solutions/, and notebooks/'s bytes."""
    status = subprocess.run(
        ["git", "status", "--porcelain", "--", "notebooks", "solutions"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return status, {p: p.read_bytes() for p in NOTEBOOKS_DIR.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def tracked_before():
    return _tracked_state()


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    return tmp_path_factory.mktemp("student") / "my-work"


@pytest.fixture(scope="module")
def student_lab(workspace, tracked_before):
    """`make lab` on a workspace of its own, with windowing off (the test reads every cell)."""
    had_gradebook = (REPO_ROOT / "gradebook.db").exists()
    with running_lab(
        _make("lab", f"WORKSPACE={workspace}"), REPO_ROOT, workspace.parent / "lab.log"
    ) as lab:
        render_every_cell(lab)
        yield lab
    assert not list(workspace.rglob("gradebook.db")), "the student mode made a gradebook"
    assert (REPO_ROOT / "gradebook.db").exists() == had_gradebook


@pytest.fixture(scope="module")
def browser():
    with chromium(SCREENSHOTS) as launched:
        yield launched


@pytest.fixture
def page(browser, request):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    yield page
    page.close()
    if "student_lab" in request.fixturenames:  # a kernel per notebook would fill 2 cores
        lab = request.getfixturevalue("student_lab")
        for session in lab.json("/api/sessions"):
            lab.request(f"/api/sessions/{session['id']}", "DELETE")


def _wait_until_saved(page, message: str) -> None:
    """Wait until no tab is marked as having unsaved changes; fail with ``message``."""
    try:
        page.wait_for_function(
            "() => !document.querySelector('.lm-TabBar-tab.jp-mod-dirty')", timeout=10_000
        )
    except Exception as error:  # noqa: BLE001 -- Playwright's timeout, said in the test's words
        raise AssertionError(message) from error


def _instructor_tools_shown(page) -> list[str]:
    page.wait_for_selector("li.lm-MenuBar-item:has-text('Help')", timeout=60_000)
    page.wait_for_timeout(1000)  # the extensions' plugins add their menu and panels after
    menus = page.eval_on_selector_all("li.lm-MenuBar-item", "els => els.map(e => e.textContent)")
    panels = page.eval_on_selector_all(
        ".jp-SideBar .lm-TabBar-tab", "els => els.map(e => e.title || e.textContent)"
    )
    return [tool for tool in INSTRUCTOR_TOOLS if any(tool in name for name in menus + panels)]


def test_the_student_mode_shows_no_instructor_tools_and_keeps_validate(student_lab, page):
    open_notebook(page, student_lab, "01-single-neuron/01-single-neuron.ipynb")
    assert _instructor_tools_shown(page) == []
    assert page.query_selector(".jp-NotebookPanel-toolbar :text-is('Validate')") is not None
    page.screenshot(path=str(SCREENSHOTS / "student-mode.png"))
    for extension in ("formgrader", "assignments", "courses"):  # their server side is off too
        with pytest.raises(Exception, match="404"):
            student_lab.request(f"/{extension}")


def test_the_instructor_mode_shows_them(tmp_path, page):
    with running_lab(_make("instructor"), REPO_ROOT, tmp_path / "lab.log") as lab:
        page.goto(lab.url("/lab?reset"))
        assert _instructor_tools_shown(page) == INSTRUCTOR_TOOLS
        page.screenshot(path=str(SCREENSHOTS / "instructor-mode.png"))


@pytest.mark.parametrize("assignment", assignment_ids())
def test_run_all_reaches_the_last_cell_and_changes_nothing_but_outputs(
    student_lab, workspace, page, assignment
):
    path = f"{assignment}/{assignment}.ipynb"
    open_notebook(page, student_lab, path)
    # The released metadata is what JupyterLab writes when the kernel starts, so nothing
    # is left to save (with the metadata of the earlier release, the tab stays marked).
    _wait_until_saved(page, "opening the notebook changed it")
    run_all_cells(page)
    # Every demo below the failing tests is drawn (by the course's references).
    demos = len([demo for demo in EVERY_PICTURE if demo.notebook == path])
    page.wait_for_function(
        f"() => document.querySelectorAll('{DEMO_OUTPUT} canvas').length === {demos}",
        timeout=30_000,
    )
    assert page.query_selector("text=Error displaying widget") is None
    page.keyboard.press("Control+s")
    _wait_until_saved(page, "the notebook was not saved")
    if assignment == "01-single-neuron":
        page.screenshot(path=str(SCREENSHOTS / "run-all-01.png"), full_page=True)

    saved = nbformat.read(str(workspace / path), as_version=4)
    released = nbformat.read(str(NOTEBOOKS_DIR / path), as_version=4)
    assert saved.metadata == released.metadata
    code = [c for c in saved.cells if c.cell_type == "code"]
    assert code[-1].execution_count is not None, "Run All stopped before the last cell"
    assert any(o.output_type == "error" for c in code for o in c.outputs), "the tests failed"
    assert Workspace(workspace).sync(NOTEBOOKS_DIR).lines(workspace) == [
        f"{workspace} is up to date with the course."
    ], "a notebook that was only run counts as untouched"


def test_a_notebook_changed_in_the_browser_survives_a_course_update(
    student_lab, workspace, page, tmp_path, tracked_before
):
    path = "02-layer-of-neurons/02-layer-of-neurons.ipynb"
    open_notebook(page, student_lab, path)
    answer = page.locator(".jp-CodeCell:has-text('YOUR CODE HERE') .cm-content").first
    answer.click()
    page.keyboard.press("Control+End")
    page.keyboard.type("\n# my own note")
    page.keyboard.press("Escape")
    page.keyboard.press("Control+s")
    _wait_until_saved(page, "the notebook was not saved")
    mine = (workspace / path).read_bytes()
    assert b"# my own note" in mine

    # The course is updated (a new release of this notebook): the student's copy stays.
    course = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOKS_DIR, course)
    nb = nbformat.read(str(course / path), as_version=4)
    nb.cells[0].source += "\n\nAn updated introduction."
    nbformat.write(nb, str(course / path))
    report = Workspace(workspace).sync(course)
    new = workspace / "02-layer-of-neurons" / "02-layer-of-neurons.new.ipynb"
    assert [(workspace / a, workspace / b) for a, b in report.placed] == [(workspace / path, new)]
    assert (workspace / path).read_bytes() == mine
    placed = nbformat.read(str(new), as_version=4)
    assert placed.cells[0].source.endswith("An updated introduction.")

    # Nothing of the repository changed: the student worked in the workspace only.
    assert _tracked_state() == tracked_before
