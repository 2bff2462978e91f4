"""What students and instructors read: feedback pages, CSV exports, the class report.

All of it is made from the results grading writes (:mod:`autograder.grading.results`),
never from notebooks' text: nothing hidden can reach a page that was not given it. The
one reader of notebooks, :mod:`.similarity`, gives out only student and cell ids, counts
and a line of words.
"""
