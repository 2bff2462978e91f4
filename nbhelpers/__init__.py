"""Helpers the course notebooks import.

Modules (import the one you need; importing has no side effects on numpy, matplotlib
or the random state):

* ``nbhelpers.checks``     -- checkers used by the test cells, with specific feedback
* ``nbhelpers.verdicts``   -- how the checkers judge a result and name its known mistakes
* ``nbhelpers.mistakes``   -- each notebook's catalogue of mistakes and their hints
* ``nbhelpers.isolation``  -- an answer run with the course's versions of other exercises
* ``nbhelpers.tracebacks`` -- the student's part of an exception, for the checkers' messages
* ``nbhelpers.datasets``   -- the book's datasets (spiral, vertical, sine), seeded explicitly
* ``nbhelpers.plots``      -- the course's colour-blind-safe figures
* ``nbhelpers.layers``     -- the course's DenseLayer, ReLU and Softmax, for later exercises
* ``nbhelpers.widgets``    -- interactive demos driven by the student's own functions
"""

__version__ = "0.1.0"
