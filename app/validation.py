"""Input rules shared by every domain: text PostgreSQL can store, days in a sane range."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from pydantic import AfterValidator

from app.errors import InvalidInput

# NUL cannot be stored in PostgreSQL text; other C0 controls are never meant in a complaint.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(2100, 12, 31)


def _clean(value: str) -> str:
    if _CONTROL.search(value):
        raise ValueError("must not contain control characters")
    return value


NoControlChars = AfterValidator(_clean)
CleanStr = Annotated[str, NoControlChars]


def check_day(day: date | None, *, field: str) -> date | None:
    """`day` if it lies between 2000 and 2100; otherwise a 422 naming `field`."""
    if day is not None and not FIRST_DAY <= day <= LAST_DAY:
        raise InvalidInput(f"{field} must be between {FIRST_DAY} and {LAST_DAY}.", field=field)
    return day
