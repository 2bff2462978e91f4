"""`make lab` serves the course: JupyterLab on the student's workspace (a copy of notebooks/)
with the widget, anywidget and nbgrader extensions, the instructor tools turned off."""

from __future__ import annotations

import json
import re

import pytest

from autograder.course.folders import NOTEBOOKS_DIR, REPO_ROOT
from autograder.course.release import assignment_ids
from tests.lab_server import running_lab

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    workspace = tmp_path_factory.mktemp("student") / "my-work"

    def make_lab(port: int, token: str) -> list[str]:
        return [
            "make",
            "lab",
            f"WORKSPACE={workspace}",
            f"LAB_ARGS=--no-browser --port={port} --ServerApp.port_retries=0 "
            f"--IdentityProvider.token={token}",
        ]

    with running_lab(make_lab, REPO_ROOT, tmp_path_factory.mktemp("lab") / "lab.log") as server:
        yield server


def test_lab_serves_the_student_notebooks(lab):
    listing = lab.json("/api/contents")
    assert (
        sorted(item["name"] for item in listing["content"] if item["type"] == "directory")
        == assignment_ids()
    )
    notebook = lab.json("/api/contents/01-single-neuron/01-single-neuron.ipynb")
    assert notebook["type"] == "notebook"
    assert "raise NotImplementedError()" in json.dumps(notebook["content"])


def test_lab_loads_the_widget_anywidget_and_nbgrader_extensions(lab):
    page = lab.request("/lab").decode()
    config = json.loads(
        re.search(
            r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', page, re.S
        ).group(1)
    )
    extensions = {e["name"] for e in config["federated_extensions"]}
    assert {
        "@jupyter-widgets/jupyterlab-manager",
        "anywidget",
        "@jupyter/nbgrader",
    } <= extensions
    assert not set(config.get("disabledExtensions", [])) & extensions
    # Of nbgrader, the student mode keeps only the Validate button.
    nbgrader = {p for p in config["disabledExtensions"] if p.startswith("@jupyter/nbgrader:")}
    assert nbgrader == {
        "@jupyter/nbgrader:" + plugin
        for plugin in ("menu", "formgrader", "create-assignment", "assignment-list", "course-list")
    }


def test_lab_asks_no_questions_about_news_or_updates(lab):
    # JupyterLab pops up "get notified about official Jupyter news?" unless fetchNews is set;
    # the course's settings defaults (installed with the package) answer "never".
    settings = lab.json("/lab/api/settings/@jupyterlab/apputils-extension:notification")
    defaults = {name: spec["default"] for name, spec in settings["schema"]["properties"].items()}
    assert defaults["fetchNews"] == "false" and defaults["checkForUpdates"] is False


def test_lab_starts_kernels(lab):
    specs = lab.json("/api/kernelspecs")
    assert specs["default"] == "python3"
    kernel = lab.json("/api/kernels", "POST", {"name": "python3"})
    try:
        assert lab.json(f"/api/kernels/{kernel['id']}")["execution_state"] in (
            "starting",
            "idle",
            "busy",
        )
    finally:
        lab.request(f"/api/kernels/{kernel['id']}", "DELETE")


@pytest.mark.parametrize("assignment", assignment_ids())
def test_each_notebook_runs_in_the_lab_through_the_validate_button(lab, assignment):
    # What nbgrader's Validate button does. The notebook runs in a kernel of the lab's
    # environment (it imports nbhelpers) and, untouched, fails every test with our message.
    # The workspace's copy, which `make lab` made from notebooks/.
    result = lab.json(f"/assignments/validate?path={assignment}/{assignment}.ipynb", "POST", {})
    assert result["success"], result
    failed = result["value"]["failed"]
    source = (NOTEBOOKS_DIR / assignment / f"{assignment}.ipynb").read_text()
    assert len(failed) == source.count('"grade": true')
    assert all("is not written yet" in cell["raw_error"] for cell in failed)
