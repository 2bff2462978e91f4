"""The two-command setup: dependencies in step, installs only when something changed."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib

import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

from autograder.course.folders import REPO_ROOT


def _pyproject() -> dict:
    return tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())


def _conda_dependencies() -> dict[str, SpecifierSet]:
    env = yaml.safe_load((REPO_ROOT / "environment.yml").read_text())
    found = {}
    for dep in env["dependencies"]:
        if isinstance(dep, str) and dep not in ("pip", "python=3.11"):
            requirement = Requirement(dep.replace(" ", ""))
            found[requirement.name.lower()] = requirement.specifier
    return found


def test_environment_yml_names_the_same_dependencies_as_pyproject_with_its_cluster_extra():
    project = _pyproject()["project"]
    pip = {
        (r := Requirement(d)).name.lower(): r.specifier
        for d in project["dependencies"] + project["optional-dependencies"]["cluster"]
    }
    assert set(pip) >= {
        *("numpy", "matplotlib", "jupyterlab", "nbgrader", "ipywidgets", "anywidget"),
        *("dask", "distributed"),
    }
    assert _conda_dependencies() == pip


def test_environment_yml_installs_this_project_and_its_python():
    env = yaml.safe_load((REPO_ROOT / "environment.yml").read_text())
    assert "python=3.11" in env["dependencies"]
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert pip_section == ["--editable ."]
    assert SpecifierSet(_pyproject()["project"]["requires-python"]).contains("3.11")


def _make_question(*args: str) -> int:
    """Exit status of `make -q`: 0 when the target is up to date, 1 when it would run."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
    return subprocess.run(
        ["make", "-q", *args], cwd=REPO_ROOT, env=env, capture_output=True
    ).returncode


def test_a_second_run_does_not_reinstall():
    # `make test` got here, so the environment is installed and nothing has changed since.
    assert _make_question(".venv/.installed-lab") == 0
    assert _make_question(".venv/.installed-test") == 0


def test_a_changed_pyproject_triggers_a_reinstall():
    # -W pretends pyproject.toml was just modified, without touching it.
    assert _make_question("-W", "pyproject.toml", ".venv/.installed-lab") == 1
    assert _make_question("-W", "pyproject.toml", ".venv/.installed-test") == 1


def test_ci_script_is_an_executable_valid_shell_script():
    script = REPO_ROOT / ".ci" / "run"
    assert os.access(script, os.X_OK)
    completed = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr


def test_a_python_that_cannot_make_environments_gets_a_clear_message_and_no_half_made_venv(
    tmp_path,
):
    # Debian's python3 without the python3-venv package fails half-way through `-m venv`.
    fake = tmp_path / "python3"
    fake.write_text(
        "#!/bin/sh\n"
        'if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then\n'
        '  mkdir -p "$3/bin" && touch "$3/bin/python"\n'
        '  echo "The virtual environment was not created: ensurepip is not available." >&2\n'
        "  exit 1\n"
        "fi\n"
        f'exec {sys.executable} "$@"\n'
    )
    fake.chmod(0o755)
    venv = tmp_path / "venv"
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
    done = subprocess.run(
        ["make", f"PYTHON={fake}", f"VENV={venv}", f"{venv}/bin/python"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode != 0
    assert "sudo apt install python3-venv" in done.stdout
    assert not venv.exists()
