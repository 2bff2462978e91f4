"""Numbers as people read them, the same in CSV files and on HTML pages."""

from __future__ import annotations


def number(value: float, places: int = 6) -> str:
    """A number as text without float noise: 3.0 -> "3", 2.5 -> "2.5", 0.1 + 0.2 -> "0.3".

    Args:
        value: the number.
        places: the most decimals kept (the rest is rounded off).

    Returns:
        The shortest text with at most ``places`` decimals; never "-0".
    """
    text = f"{value:.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text
