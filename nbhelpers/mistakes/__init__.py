"""The mistakes students make, exercise by exercise, and the hints that name them.

One module per notebook (``nb01`` for notebook 01, ...), with one list of
:class:`nbhelpers.checks.Mistake` per exercise, named after the exercise in capitals::

    from nbhelpers.checks import check_call
    from nbhelpers.mistakes import nb01
    check_call(neuron_output, [1.0, 2.0, 3.0], [0.2, 0.8, -0.5], 2.0, expected=2.3,
               mistakes=nb01.NEURON_OUTPUT)

Keeping the catalogue here rather than in the test cells means a student meets a hint when
they make the mistake, not as a wall of strings in a test's source, and the visible and the
hidden tests of an exercise name the same mistakes. Mistakes are recognised by what the
mistaken code would return for the test's own inputs (``gives``) or by a property of the
result (``shows``), so a hint fires on any input, and only rarely by one fixed value.
What every exercise can get wrong (None, a list for an array, a wrong shape, integers for
floats, nan) is recognised by :mod:`nbhelpers.checks` itself.

A hint says what is wrong and where to look; it never hands over the code of the fix.
"""
