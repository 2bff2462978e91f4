"""Late work: when each submission was handed in, whether late, and the penalty.

The time and the LMS's LATE marker come from the class record (collect keeps them, and
writes nbgrader's ``timestamp.txt`` too). A due date and a penalty rule are optional,
given to ``autograder export``::

    --due 01-single-neuron=2026-12-01T23:59   (repeat per assignment; local time unless an
                                                offset is given, e.g. ...T23:59+01:00)
    --late-penalty 10%/day                      (or 2%/hour, or 10% once; at most 100%)

With a due date and a known time, a submission is late when it came after the due date;
otherwise when the LMS marked it late. The penalty counts each started day (or hour) after
the due date; a late submission without both loses one period's worth.
The penalty is applied in the export only, beside the raw score, which is never changed.
"""

from __future__ import annotations

import datetime
import math
import re
from dataclasses import dataclass
from typing import Mapping

from autograder.course.class_record import ClassRecord

_PENALTY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*%\s*(?:/\s*(day|hour))?\s*$")


@dataclass(frozen=True)
class Penalty:
    """A late-penalty rule: ``percent`` of the score per started ``per`` (None: once)."""

    percent: float
    per: str | None = None

    @classmethod
    def parse(cls, text: str) -> Penalty:
        """``"10%/day"``, ``"2%/hour"`` or ``"10%"``.

        Raises:
            ValueError: anything else, or more than 100%.
        """
        match = _PENALTY.match(text)
        if not match or float(match[1]) > 100:
            raise ValueError(
                f"late penalty {text!r}: give a percentage per day, per hour or once, "
                "e.g. 10%/day, 2%/hour or 10%"
            )
        return cls(float(match[1]), match[2])

    def fraction(self, late_by: datetime.timedelta | None) -> float:
        """The share of the score taken off for handing in ``late_by`` after the due date
        (None: late, by an unknown time)."""
        if self.per is None or late_by is None:
            periods = 1
        else:
            unit = datetime.timedelta(days=1) if self.per == "day" else datetime.timedelta(hours=1)
            periods = math.ceil(late_by / unit)
        return min(1.0, periods * self.percent / 100)


def parse_due(items: list[str]) -> dict[str, datetime.datetime]:
    """``["01-single-neuron=2026-12-01T23:59", ...]`` as {assignment: aware datetime}.

    Raises:
        ValueError: an item is not ``ASSIGNMENT=DATE``.
    """
    due = {}
    for item in items:
        assignment, _, when = item.partition("=")
        try:
            moment = datetime.datetime.fromisoformat(when.strip())
        except ValueError:
            moment = None
        if not assignment.strip() or moment is None:
            raise ValueError(
                f"due date {item!r}: give ASSIGNMENT=DATE, e.g. 01-single-neuron=2026-12-01T23:59"
            )
        due[assignment.strip()] = moment if moment.tzinfo else moment.astimezone()
    return due


@dataclass(frozen=True)
class Lateness:
    """When a submission was handed in, and what that costs.

    Attributes:
        submitted_at: the latest upload time of its notebooks (ISO 8601), or "" if unknown.
        marked: the LMS marked a notebook of it LATE.
        late: late by the due date given, else by the LMS's marker.
        penalty: the share of the score taken off (0 without a penalty rule).
    """

    submitted_at: str
    marked: bool
    late: bool
    penalty: float = 0.0


def lateness(
    record: ClassRecord,
    due: Mapping[str, datetime.datetime] | None = None,
    penalty: Penalty | None = None,
) -> dict[tuple[str, str], Lateness]:
    """{(student folder, assignment): Lateness} for every submission the class record has."""
    found = {}
    for assignment, folders in record.submissions.items():
        deadline = (due or {}).get(assignment)
        for student, notebooks in folders.items():
            if not notebooks:
                continue
            times = [h.submitted_at for h in notebooks.values() if h.submitted_at]
            when = max(times, key=datetime.datetime.fromisoformat) if times else ""
            marked = any(h.late for h in notebooks.values())
            late_by = (
                datetime.datetime.fromisoformat(when) - deadline if deadline and when else None
            )
            late = late_by > datetime.timedelta(0) if late_by is not None else marked
            cost = penalty.fraction(late_by) if late and penalty else 0.0
            found[(student, assignment)] = Lateness(when, marked, late, cost)
    return found
