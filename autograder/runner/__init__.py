"""What runs inside the sandbox: the grading worker and the processes it forks per notebook.

A worker (:mod:`~autograder.runner.worker`) is started once per grading slot, preloads
the libraries, and for each notebook forks a *checker* (:mod:`~autograder.runner.checker`,
runs the test cells) which forks the *student's kernel* (:mod:`~autograder.runner.student`,
runs the student's cells). The two talk through :mod:`~autograder.runner.protocol`.

The sandbox binds this folder and ``nbhelpers/`` and nothing else of the project, so
modules here import only each other, ``nbhelpers``, the standard library and the
libraries the notebooks use (``tests/test_layout.py`` checks it). The grading side
imports only :mod:`~autograder.runner.execution`, :mod:`~autograder.runner.limits`,
:mod:`~autograder.runner.processes` and :mod:`~autograder.runner.seccomp` (the sandbox's
system call filter), which need nothing but the standard library.
"""
