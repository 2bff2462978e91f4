"""The names a cell reads and binds, found with Python's ``ast`` (no code is run).

The checker uses them to know which of a test's names to look up in the student's kernel;
grading uses them to decide which locked cells the tests need
(:func:`autograder.grading.cell_roles.cell_roles`).
"""

from __future__ import annotations

import ast
import functools
import threading

# CPython before 3.11.8 and 3.12.2 counts the depth of the syntax tree it builds in state
# shared by every thread (gh-106905): two threads parsing at once, one of them paused by the
# garbage collector mid-tree, make ``ast.parse`` raise "SystemError: AST constructor
# recursion depth mismatch". Grading parses cells in one thread per worker, so every parse
# takes this lock (reentrant: a finalizer that runs during a parse may parse too).
_PARSING = threading.RLock()


def parsed(source: str) -> ast.Module | None:
    """The syntax tree of Python ``source``; None if it is not Python (a syntax error, a
    null byte, or nesting too deep to build a tree of). Safe in any thread."""
    try:
        with _PARSING:
            return ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


class _Names(ast.NodeVisitor):
    """The names a cell reads (anywhere, function bodies too) and binds (at its top level)."""

    def __init__(self):
        self.used: set[str] = set()
        self.bound: set[str] = set()

    def visit_Name(self, node: ast.Name) -> None:
        (self.used if isinstance(node.ctx, ast.Load) else self.bound).add(node.id)

    def visit_Import(self, node: ast.Import) -> None:
        self.bound.update((alias.asname or alias.name).split(".")[0] for alias in node.names)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        self.bound.update(alias.asname or alias.name for alias in node.names if alias.name != "*")

    def _nested(self, node: ast.AST) -> None:
        """A nested scope: what it reads may be global, what it binds is its own."""
        inner = _Names()
        for child in ast.iter_child_nodes(node):
            inner.visit(child)
        self.used |= inner.used

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self.bound.add(node.name)
        self._nested(node)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.bound.add(node.name)
        self._nested(node)

    def visit_Lambda(self, node: ast.Lambda) -> None:
        self._nested(node)

    visit_ListComp = visit_SetComp = visit_DictComp = visit_GeneratorExp = visit_Lambda


@functools.lru_cache(maxsize=4096)  # grading asks again for every submission's copy of a cell
def names_of(source: str) -> tuple[frozenset[str], frozenset[str]]:
    """(names ``source`` reads, names it binds at module level); empty if it does not parse."""
    from IPython.core.inputtransformer2 import TransformerManager

    names = _Names()
    try:
        tree = parsed(TransformerManager().transform_cell(source))
    except (SyntaxError, ValueError):  # a cell IPython cannot tokenize
        tree = None
    if tree is not None:
        names.visit(tree)
    return frozenset(names.used), frozenset(names.bound)
