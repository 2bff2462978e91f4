"""Cell outputs the grader can trust: the student's kernel's rebuilt field by field, and
errors whose class names could pass for the grader's own renamed unless they are.

The student's kernel runs the student's code, so its report of a cell may hold anything.
Scoring reads outputs as nbformat does (and the graded notebook is validated), and reads
meaning into two class names: ``CheckFailure`` (a check's verdict, shown to the student)
and ``CellTimeoutError`` (the time limit). So each output from the student's kernel is
rebuilt from the fields its type has, with the types nbformat wants, or dropped; and an
error keeps one of those two names only when it is the grader's own.
"""

from __future__ import annotations

from autograder.runner.protocol.errors import CellTimeoutError
from nbhelpers.verdicts import CheckFailure

# The grader's classes whose names mean something to scoring.
RESERVED = {CheckFailure.__name__: CheckFailure, CellTimeoutError.__name__: CellTimeoutError}


def student_outputs(outputs: list, time_is_up: bool) -> list[dict]:
    """The outputs of a cell the student's kernel ran, rebuilt; malformed ones dropped.

    Args:
        outputs: what the student's kernel reported (a list; its items unchecked).
        time_is_up: whether the cell's time limit had come when the report arrived: only
            then can a ``CellTimeoutError`` in it be the kernel's timer.
    """
    rebuilt = [output for output in map(_rebuilt, outputs) if output is not None]
    real = {CellTimeoutError.__name__} if time_is_up else set()
    return [_renamed_unless(output, real) for output in rebuilt]


def attributed(output: dict, error: BaseException | None) -> dict:
    """An output of a cell the checker ran, its error renamed if it only looks like one of
    the grader's own (a class the student's code named so, raised through a test)."""
    real = {name for name, cls in RESERVED.items() if isinstance(error, cls)}
    return _renamed_unless(output, real)


def _renamed_unless(output: dict, real: set[str]) -> dict:
    name = output.get("ename")
    if output.get("output_type") != "error" or name not in RESERVED or name in real:
        return output
    return {**output, "ename": f"{name} (a class of the student's code)"}


def _text(value: object) -> str | None:
    """nbformat's multiline string: a string, or a list of strings to join."""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(part, str) for part in value):
        return "".join(value)
    return None


def _rebuilt(output: object) -> dict | None:
    """One output with exactly the fields of its type, or None when it cannot be one."""
    if not isinstance(output, dict):
        return None
    kind = output.get("output_type")
    if kind == "stream":
        text = _text(output.get("text"))
        name = output.get("name") if output.get("name") in ("stdout", "stderr") else "stdout"
        return None if text is None else {"output_type": kind, "name": name, "text": text}
    if kind == "error":
        trace = output.get("traceback")
        return {
            "output_type": kind,
            "ename": str(output.get("ename", "Error")),
            "evalue": str(output.get("evalue", "")),
            "traceback": [str(line) for line in trace] if isinstance(trace, list) else [],
        }
    if kind in ("display_data", "execute_result"):
        data = output.get("data")
        if not isinstance(data, dict):
            return None
        # JSON types may hold any JSON (it came as JSON); the others are text.
        kept = {
            mime: value if mime.endswith("json") else _text(value)
            for mime, value in data.items()
            if isinstance(mime, str)
        }
        metadata = output.get("metadata")
        rebuilt = {
            "output_type": kind,
            "data": {mime: value for mime, value in kept.items() if value is not None},
            "metadata": metadata if isinstance(metadata, dict) else {},
        }
        if kind == "execute_result":
            count = output.get("execution_count")
            rebuilt["execution_count"] = count if type(count) is int else None
        return rebuilt
    return None
