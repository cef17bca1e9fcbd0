"""How the demo generator's word lists are written: one comma-separated string per list."""

from __future__ import annotations


def words(text: str) -> tuple[str, ...]:
    """The comma-separated items of `text`."""
    return tuple(word.strip() for word in text.split(","))
