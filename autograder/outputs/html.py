"""What the HTML pages share: the Jinja2 environment of ``templates/``, how a status looks.

Pages are self-contained (no network), autoescaped, and fail loudly on a name the
template does not get (``StrictUndefined``).
"""

from __future__ import annotations

import functools
import hashlib
import re
from pathlib import Path
from typing import NamedTuple

import jinja2

from autograder.grading.results import Status
from autograder.outputs.numbers import number
from nbhelpers.plots import PALETTE

TEMPLATES = Path(__file__).parent / "templates"

# Symbol and word for each status: the status is never told by colour alone.
_LOOKS = {
    Status.PASSED: ("✓", "passed"),
    Status.PARTIAL: ("◐", "partial credit"),
    Status.FAILED: ("✗", "failed"),
    Status.ERROR: ("⚠", "error"),
    Status.TIMEOUT: ("◷", "timed out"),
    Status.NOT_RUN: ("○", "not run"),
    Status.MANUAL: ("✎", "graded by hand"),
}


class StatusLook(NamedTuple):
    """How a test's status is shown.

    Attributes:
        symbol: one character, e.g. "✓".
        word: what the status means, e.g. "passed" (the status itself when unknown).
        css: the CSS class that colours it, e.g. "status-not-run".
    """

    symbol: str
    word: str
    css: str


def status_look(status: str) -> StatusLook:
    """How ``status`` (e.g. "not run") is shown; unknown ones get a neutral dot."""
    symbol, word = _LOOKS.get(status, ("•", status))
    return StatusLook(symbol, word, "status-" + _plain(status))


def anchor(*parts: str) -> str:
    """An HTML id from ``parts``: "--"-joined, characters but [A-Za-z0-9_-] as "-".

    Ids that had to change end in a short hash of the original, so that two students whose
    names differ only there ("chloé", "chloè") never share an id, and a link to one never
    opens the other.
    """
    joined = "--".join(parts)
    plain = _plain(joined)
    if plain == joined:
        return plain
    return f"{plain}-{hashlib.sha256(joined.encode()).hexdigest()[:8]}"


def _plain(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text)


@functools.cache
def environment() -> jinja2.Environment:
    """The Jinja2 environment of the course's HTML pages: autoescaped, strict about undefined names.

    Filters: ``number`` (see :func:`autograder.outputs.numbers.number`), ``status`` (a status's
    :class:`StatusLook`), ``anchor`` (see :func:`anchor`). Global: ``palette``, the
    course's colours (:data:`nbhelpers.plots.PALETTE`).
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(number=number, status=status_look, anchor=anchor)
    env.globals["palette"] = PALETTE
    return env


def render(template: str, **context: object) -> str:
    """The HTML of ``template`` (a file in ``autograder/templates``) with ``context``."""
    return environment().get_template(template).render(**context)
