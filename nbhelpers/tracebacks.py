"""The student's part of an exception: the function that raised it and the frames of their code.

The checkers (:mod:`nbhelpers.checks`) show these in a failed check's message. While
grading, the student's code runs in another process than the tests (see
``autograder.runner.protocol``), which sends them along with the exception as its
``__raised_in__`` and ``__student_traceback__``: :func:`raised_in` and
:func:`student_traceback` read those first.
"""

from __future__ import annotations

import traceback


def raising_function(error: BaseException) -> str | None:
    """Name of the function that raised ``error``: the unfinished one, even when called by
    another; None when it was raised at a cell's top level."""
    tb = error.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    if tb is None:
        return None
    code = tb.tb_frame.f_code
    # "DenseLayer.__init__" from Python 3.11 on; the part after "<locals>." for nested ones
    name = getattr(code, "co_qualname", code.co_name).rsplit("<locals>.", 1)[-1]
    return None if name.startswith("<") else name


def traceback_lines(error: BaseException, frames: list[traceback.FrameSummary]) -> list[str]:
    """The lines that show a student where ``error`` came from.

    Returns:
        The lines of ``frames`` (the student's), then the error's type and message.
    """
    lines = ["Traceback of your code (most recent call last):"]
    for line in traceback.format_list(frames):
        lines.extend("  " + part for part in line.rstrip("\n").split("\n"))
    lines.append(f"{type(error).__name__}: {error}")
    return lines


def builtin_name(error: BaseException) -> str:
    """The name of the closest built-in class of ``error`` ("ValueError" for a student's
    ``class BadInput(ValueError)``): a name the student's code cannot choose."""
    return next(c.__name__ for c in type(error).__mro__ if c.__module__ == "builtins")


def raised_in(error: BaseException, default: str) -> str:
    """Name of the function that raised ``error``, ``default`` if none did."""
    if hasattr(error, "__raised_in__"):  # raised in the student's kernel while grading
        return error.__raised_in__ or default
    return raising_function(error) or default


def student_traceback(error: BaseException | None, hide: str) -> list[str]:
    """The student's part of ``error``'s traceback: every frame but those of the file ``hide``."""
    if error is None:
        return []
    if hasattr(error, "__student_traceback__"):  # raised in the student's kernel while grading
        return list(error.__student_traceback__)
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename != hide]
    return traceback_lines(error, frames)
