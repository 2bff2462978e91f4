"""Grading: from a submitted folder to results in the gradebook, one pure step at a time.

For each submission (:mod:`.grade` runs them in parallel):

1. :mod:`.spec`: what the assignment is (from the gradebook and the released notebooks);
2. :mod:`.submission`: each notebook found among the student's files, then
3. :mod:`.rebuild`: rebuilt on the assignment's skeleton (only answers are the student's),
4. :mod:`.cell_roles`: each cell marked with the process that runs it,
5. run by a :mod:`.workers` process in the :mod:`.sandbox` (see :mod:`autograder.runner`),
6. :mod:`.score`: scored as nbgrader scores it, into :mod:`.results`,
7. :mod:`.record`: written to the gradebook and ``autograded/``.
"""
