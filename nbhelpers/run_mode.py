"""Whether a notebook is being graded: nbgrader (or the course's autograder) runs it.

Nobody looks at a demo's pictures then: the helpers skip what is only for the eye (a
demo's background drawing, the long training runs' epochs beyond the first hundred) and
still run every line of the student's code they would have run.
"""

from __future__ import annotations

import os


def run_by_nbgrader() -> bool:
    """True while nbgrader or the autograder runs the notebook (both set NBGRADER_EXECUTION)."""
    return bool(os.environ.get("NBGRADER_EXECUTION"))
