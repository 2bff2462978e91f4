"""The class record: who each folder under ``submitted/`` is, and what they handed in when.

``collect`` keeps it in ``students.json`` in the class folder, next to the gradebook, so
that later steps (export, report) can show names and late work, and so that a student
keeps their folder in every later collect. It is JSON, written whole or not at all::

    {
      "id_from": "login-and-id",
      "students": {
        "nguyenanh-3101": {"lms": "canvas", "lms_id": "3101", "login": "nguyenanh",
                           "name": "nguyenanh"}
      },
      "submissions": {
        "01-single-neuron": {
          "nguyenanh-3101": {
            "01-single-neuron": {"source": "nguyenanh_LATE_3101_9001_01-single-neuron.ipynb",
                                 "late": true, "submitted_at": "2025-03-02T23:59:12+01:00"}
          }
        }
      }
    }

``submissions`` lists, per assignment, every student whose files were in a download, with
the notebooks filed for them (an empty mapping: nothing of theirs could be used). Only what
is in ``submitted/`` is recorded: a file that was kept out (``--force`` not given) leaves
its notebook's entry as it was. ``submitted_at`` is the file's time in the download (the
upload time, in Canvas's and Moodle's downloads), or null when the download has none.

``roster`` is the class list ``autograder roster`` imported (see :mod:`.roster`): everyone
enrolled, handed in or not, with what the LMS's grade import identifies them by.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from autograder.atomic import write_atomically
from autograder.course.identity import IdFrom, Lms, Owner

RECORD_FILE = "students.json"


@dataclass(frozen=True)
class Handed:
    """A notebook as filed: where it came from, whether the LMS marked it late, and when."""

    source: str
    late: bool
    submitted_at: str | None

    @classmethod
    def at(cls, source: str, late: bool, mtime: float) -> Handed:
        """``mtime``: seconds since the epoch, 0 when unknown."""
        when = datetime.datetime.fromtimestamp(mtime).astimezone() if mtime else None
        return cls(source, late, when.isoformat(timespec="seconds") if when else None)


@dataclass(frozen=True)
class Enrolled:
    """A student on the LMS's class list.

    Attributes:
        lms: the LMS whose list it is.
        name: the name as the LMS shows it (Canvas: the sortable "Doe, Jane").
        lms_id: Canvas's user id ("" for Moodle, whose downloads number participants
            per assignment instead).
        sis_id: Canvas's SIS User ID, or Moodle's ID number ("" when none).
        login: Canvas's SIS Login ID, or Moodle's username ("" when none).
        email: the email address ("" when none).
        section: Canvas's section, or Moodle's groups ("" when none).
    """

    lms: Lms
    name: str
    lms_id: str = ""
    sis_id: str = ""
    login: str = ""
    email: str = ""
    section: str = ""


@dataclass
class ClassRecord:
    """The class record (see the module's doc).

    Attributes:
        id_from: how the class's folders are named; None before the first collect.
        students: folder -> the student it holds.
        submissions: assignment -> folder -> notebook -> what was filed.
        roster: the class list, in the LMS's order; empty when none was imported.
    """

    id_from: IdFrom | None = None
    students: dict[str, Owner] = field(default_factory=dict)
    submissions: dict[str, dict[str, dict[str, Handed]]] = field(default_factory=dict)
    roster: list[Enrolled] = field(default_factory=list)

    @classmethod
    def load(cls, path: Path) -> ClassRecord:
        """The record in ``path``, or an empty one when there is none yet.

        Raises:
            ValueError: the file exists but is not a class record.
        """
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            return cls(
                id_from=IdFrom(data["id_from"]) if data.get("id_from") else None,
                students={
                    folder: Owner(Lms(s["lms"]), s["lms_id"], s["login"], s["name"])
                    for folder, s in data.get("students", {}).items()
                },
                submissions={
                    assignment: {
                        folder: {nb: Handed(**handed) for nb, handed in notebooks.items()}
                        for folder, notebooks in folders.items()
                    }
                    for assignment, folders in data.get("submissions", {}).items()
                },
                roster=[Enrolled(**(e | {"lms": Lms(e["lms"])})) for e in data.get("roster", [])],
            )
        except FileNotFoundError:
            return cls()
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise ValueError(
                f"{path} is not a class record autograder can read ({type(error).__name__}: "
                f"{error}); it says who each folder in submitted/ is, so repair it from a "
                "backup rather than delete it"
            ) from None

    def save(self, path: Path) -> None:
        """Write the record to ``path`` whole (never half-written)."""
        data = {
            "id_from": self.id_from,
            "students": {folder: asdict(owner) for folder, owner in self.students.items()},
            "submissions": {
                assignment: {
                    folder: {nb: asdict(handed) for nb, handed in notebooks.items()}
                    for folder, notebooks in folders.items()
                }
                for assignment, folders in self.submissions.items()
            },
            "roster": [asdict(enrolled) for enrolled in self.roster],
        }
        write_atomically(
            Path(path), json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
        )
