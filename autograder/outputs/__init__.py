"""What students and instructors read: feedback pages, CSV exports, the class report.

All of it is made from the results grading writes (:mod:`autograder.grading.results`),
never from notebooks: nothing hidden can reach a page that was not given it.
"""
