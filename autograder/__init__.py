"""Instructor tooling on top of nbgrader: release, collect, grade, feedback, export, report.

The packages follow the path of a grade (each ``__init__`` has its map):

* :mod:`autograder.course`: the class folder before grading: release, gradebook, collect;
* :mod:`autograder.grading`: a submission rebuilt, run and scored, recorded in the gradebook;
* :mod:`autograder.runner`: what runs inside the sandbox: the worker, the checker, the
  student's kernel, and the protocol between them;
* :mod:`autograder.outputs`: feedback pages, CSV exports, the class report.

``autograder/config/`` holds nbgrader's and JupyterLab's configuration for the course;
``python -m autograder`` (or ``autograder``) is the command line.
"""
