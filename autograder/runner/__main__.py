"""``python -m autograder.runner``: a grading worker (see :mod:`autograder.runner.worker`)."""

from autograder.runner.worker import main

main()
