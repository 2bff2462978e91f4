"""Where grading's time goes: seconds per stage, summed over notebooks.

Cheap enough to keep on (a clock read per stage); ``benchmarks/bench_grading.py`` prints
them per notebook. Stages measured in the worker (see :mod:`autograder.runner.worker`)
arrive with each :class:`~autograder.runner.execution.Execution`.
"""

from __future__ import annotations

import collections
import contextlib
import time
from typing import Iterator


class Timings(collections.Counter):
    """Seconds (float) per stage name; ``update`` adds another's seconds to these."""

    @contextlib.contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Add the wall time of the ``with`` block to stage ``name``."""
        started = time.perf_counter()
        try:
            yield
        finally:
            self[name] += time.perf_counter() - started
