"""The layout keeps its promises: no import cycles, layers that import only downwards, and a
sandbox that binds whole folders, which hold everything the code inside it imports."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from autograder.course.folders import REPO_ROOT
from autograder.grading import sandbox

PACKAGES = ("autograder", "nbhelpers")
# What each part of autograder may import of the others: course <- grading <- outputs, and
# the runner (inside the sandbox) nothing but itself. The command line uses them all.
MAY_IMPORT = {
    "autograder.runner": {"autograder.runner"},
    "autograder.course": {"autograder.course", "autograder.atomic"},
    "autograder.grading": {
        "autograder.grading",
        "autograder.course",
        "autograder.runner",
        "autograder.atomic",
    },
    "autograder.outputs": {
        "autograder.outputs",
        "autograder.grading",
        "autograder.course",
        "autograder.atomic",
    },
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(REPO_ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {
        _module_name(path): path
        for package in PACKAGES
        for path in sorted((REPO_ROOT / package).rglob("*.py"))
        if "config" not in path.relative_to(REPO_ROOT).parts  # nbgrader's, read by traitlets
    }


MODULES = _modules()


def _runtime_nodes(tree: ast.AST):
    """Every node of ``tree`` but those under ``if TYPE_CHECKING:`` (imports for type hints)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            stack.extend(node.orelse)
        else:
            stack.extend(ast.iter_child_nodes(node))


def _imports(name: str) -> set[str]:
    """The project's modules that module ``name`` imports, anywhere in it (lazy imports too)."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in _runtime_nodes(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            for alias in node.names:  # `from package import module` needs only the module
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base)
    return {module for module in found if module in MODULES and module != name}


def test_the_import_graph_has_no_cycle():
    graph = {name: _imports(name) for name in MODULES}
    done: set[str] = set()

    def visit(name: str, path: list[str]) -> None:
        if name in path:
            pytest.fail("import cycle: " + " -> ".join(path[path.index(name) :] + [name]))
        if name in done:
            return
        for imported in sorted(graph[name]):
            visit(imported, path + [name])
        done.add(name)

    for name in MODULES:
        visit(name, [])


@pytest.mark.parametrize("part", MAY_IMPORT)
def test_each_part_imports_only_the_parts_below_it(part):
    allowed = MAY_IMPORT[part]
    for name in MODULES:
        if name == part or name.startswith(part + "."):
            wrong = {
                imported
                for imported in _imports(name)
                if imported.startswith("autograder.")
                and not any(imported == a or imported.startswith(a + ".") for a in allowed)
            }
            assert not wrong, f"{name} imports {sorted(wrong)}"


def test_the_sandbox_binds_the_runner_and_the_helpers_as_whole_folders(tmp_path):
    box = sandbox.Sandbox(tmp_path / "slot", "layout-test", processes=8)
    try:
        command = box.command(["true"])
    finally:
        box.close()  # its cgroups, as root
    binds = {command[i + 1] for i, arg in enumerate(command) if arg in ("--ro-bind", "--bind")}
    project = {
        Path(bind).relative_to(REPO_ROOT).as_posix()
        for bind in binds
        if Path(bind).is_relative_to(REPO_ROOT)
        and not Path(sys.prefix).is_relative_to(bind)
        and not Path(bind).is_relative_to(sys.prefix)
    }
    assert project == {"autograder/runner", "nbhelpers"}


def test_grading_decides_where_cells_run_without_loading_numpy_or_the_checkers():
    script = (
        "import sys\n"
        "import autograder.__main__, autograder.grading.grade\n"
        "from autograder.grading.cell_roles import CellKind, cell_roles\n"
        "cell_roles([(CellKind.LOCKED, 'import numpy as np'), (CellKind.TEST, 'np.sum(1)')])\n"
        "print(sorted(m for m in ('numpy', 'nbhelpers.checks', 'matplotlib') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
