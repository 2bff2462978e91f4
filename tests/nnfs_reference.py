"""Running code the book's way, with the nnfs package, for the tests to compare against.

``nnfs.init()`` seeds numpy's global generator and patches numpy functions for the whole
process, so the book's way of computing always runs in a child process.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np


def arrays_from(script: str, directory: Path) -> dict[str, np.ndarray]:
    """Run a script in a child Python and return the arrays it saved.

    Args:
        script: Python source that ends with ``np.savez(sys.argv[1], name=array, ...)``.
        directory: where the arrays are written.

    Returns:
        The saved arrays by name.
    """
    path = directory / "arrays.npz"
    subprocess.run([sys.executable, "-c", script, str(path)], check=True)
    with np.load(path) as data:
        return dict(data)
