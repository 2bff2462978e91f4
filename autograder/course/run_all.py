"""Run All reads ahead: graded test cells carry the ``raises-exception`` tag.

In an unfinished notebook every test cell fails, and JupyterLab's Run All sends each cell
with ``stop_on_error``, so the kernel drops every cell queued after the first failing
test: the explanations and demos below it never run. JupyterLab sends a cell tagged
``raises-exception`` with ``stop_on_error`` false (``OutputArea.execute`` in
@jupyterlab/outputarea), so the cells after it run, while the failure is still shown,
stored in the cell's outputs, and scored: nbgrader's validate and autograde, and
``autograder grade``, score a test by its error, never by its tags.

The tag is added when a notebook is generated, so ``make release``, ``nbgrader
generate_assignment`` and Formgrader's Generate give the same student notebooks (the
course's nbgrader configuration lists this preprocessor), and no source cell carries it
by hand.
"""

from __future__ import annotations

from nbgrader.preprocessors import NbGraderPreprocessor
from nbgrader.utils import is_grade, is_solution

TAG = "raises-exception"


class TagTestCells(NbGraderPreprocessor):
    """Add the ``raises-exception`` tag to every graded test cell (code, graded, no answer)."""

    def preprocess_cell(self, cell, resources, index):
        """Tag ``cell`` if it is a graded test. Returns (cell, resources), as nbconvert asks."""
        if cell.cell_type == "code" and is_grade(cell) and not is_solution(cell):
            tags = cell.metadata.setdefault("tags", [])
            if TAG not in tags:
                tags.append(TAG)
        return cell, resources
