"""Input rules shared by every domain: text PostgreSQL can store, days in a sane range; and stored
JSON made safe to write into a response."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated, Any

from fastapi import Query
from pydantic import AfterValidator, BeforeValidator, GetJsonSchemaHandler, StringConstraints
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from app.kit.errors import InvalidInput

# NUL cannot be stored in PostgreSQL text, nor a lone UTF-16 surrogate (not valid UTF-8); other
# C0 controls are never meant in a complaint.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(2100, 12, 31)


# What neither PostgreSQL text nor UTF-8 can carry, even where other controls are kept as given.
_UNSTORABLE = re.compile(r"[\x00\ud800-\udfff]")


def unstorable_at(value: object) -> tuple[str | int, ...] | None:
    """Where decoded JSON holds a NUL or a lone surrogate, in a value or in a name, at any depth:
    the path to the first one found, or None when all of it can be stored."""
    # A loop, not recursion: a client decides how deep its JSON nests.
    pending: list[tuple[tuple[str | int, ...], object]] = [((), value)]
    while pending:
        path, item = pending.pop()
        if isinstance(item, str):
            if _UNSTORABLE.search(item):
                return path
        elif isinstance(item, dict):
            for key in item:
                if isinstance(key, str) and _UNSTORABLE.search(key):
                    return (*path, key)
            pending.extend(((*path, key), child) for key, child in reversed(item.items()))
        elif isinstance(item, list):
            pending.extend(((*path, i), child) for i, child in reversed(list(enumerate(item))))
    return None


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _writable(text: str) -> str:
    return _SURROGATE.sub("\ufffd", text)


def renderable(value: Any) -> Any:
    """Decoded JSON that any encoder can write back: a lone surrogate, in a value or a name at
    any depth, becomes U+FFFD. Rows stored before input was checked for them may hold some, and
    a read that rendered one as given would fail."""
    # A loop, not recursion, as in unstorable_at; containers are replaced in place.
    root = [value]
    pending: list[tuple[list[Any] | dict[str, Any], Any]] = [(root, 0)]
    while pending:
        parent, at = pending.pop()
        item = parent[at]
        if isinstance(item, str):
            parent[at] = _writable(item)
        elif isinstance(item, list):
            pending.extend((item, i) for i in range(len(item)))
        elif isinstance(item, dict):
            # Two names that differed only in their surrogates become one: the later wins.
            named = {_writable(k) if isinstance(k, str) else k: v for k, v in item.items()}
            parent[at] = named
            pending.extend((named, k) for k in named)
    return root[0]


def _clean(value: str) -> str:
    if _CONTROL.search(value):
        raise ValueError("must not contain control characters or lone surrogates")
    return value


# The same rule for the OpenAPI document, so clients and generated tests know it. Surrogates
# are left out: a JSON Schema regex cannot name them portably, and UTF-8 cannot carry them.
_ALLOWED = r"[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
_CLEAN_PATTERN = f"^{_ALLOWED}*$"
# Free text must keep a character other than white space once it is stripped.
_TEXT_PATTERN = rf"^{_ALLOWED}*[^\s\x00-\x08\x0b\x0c\x0e-\x1f\x7f]{_ALLOWED}*$"


@dataclass(frozen=True, slots=True)
class Documented:
    """Adds a `pattern` to a string's JSON schema without validating with it (a validator
    does, with a message a person can act on)."""

    pattern: str

    def __get_pydantic_json_schema__(
        self, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        schema = handler(core_schema)
        schema.setdefault("pattern", self.pattern)  # a field's own, stricter pattern stays
        return schema


def _clean_as_sent(value: object) -> object:
    # Before stripping: a control character that is also white space (\v, \f) at either end
    # is refused as it is anywhere else, as the documented pattern says.
    return _clean(value) if isinstance(value, str) else value


NoControlChars = AfterValidator(_clean)
CleanStr = Annotated[str, NoControlChars, Documented(_CLEAN_PATTERN)]
# Free text: surrounding spaces dropped, not empty, no control characters.
Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1),
    BeforeValidator(_clean_as_sent),
    Documented(_TEXT_PATTERN),
]


# The instants Pintu stores: from the first moment of 2000 to the last of 2100, in UTC. A time
# is checked once converted, so that every stored time (and every cursor made from one) is
# inside them, whatever offset it was written with.
FIRST_INSTANT = datetime.combine(FIRST_DAY, time.min, tzinfo=UTC)
END_INSTANT = datetime.combine(LAST_DAY + timedelta(days=1), time.min, tzinfo=UTC)
_OUT_OF_RANGE = "must be between 2000-01-01T00:00:00Z and 2100-12-31T23:59:59Z (in UTC)"


def in_range(instant: datetime, *, slack: timedelta = timedelta(0)) -> bool:
    """Whether an aware `instant` lies in 2000-2100, UTC (widened by `slack` at each end): the
    times Pintu stores."""
    return FIRST_INSTANT - slack <= instant < END_INSTANT + slack


def as_utc(value: datetime) -> datetime:
    """A client's time in UTC, between 2000 and 2100 once converted; without an offset it is
    Jakarta time."""
    # A loose look at the year as written comes first: timezone arithmetic overflows near the
    # years 1 and 9999, and no offset moves a time by more than a day.
    if not FIRST_DAY.year - 1 <= value.year <= LAST_DAY.year + 1:
        raise ValueError(_OUT_OF_RANGE)
    from app.kit.timeutil import JAKARTA

    # A time without an offset is read as Jakarta time, the time on a desk's clock.
    aware = value if value.tzinfo is not None else value.replace(tzinfo=JAKARTA)
    instant = aware.astimezone(UTC)
    if not in_range(instant):
        raise ValueError(_OUT_OF_RANGE)
    return instant


# Years Pintu takes (2000-2100), shown to clients as the start of the pattern of a day or time.
_YEARS = r"^(?:20\d\d|2100)-"
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_day(value: object) -> object:
    # Pydantic would also read 0, "0" or "2026-10-03T00:00" as a day; the schema says YYYY-MM-DD.
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _ISO_DAY.fullmatch(value):
        raise ValueError("must be a day as YYYY-MM-DD")
    return value


def _iso_time(value: object) -> object:
    # Pydantic would also read a number, or a string of one, as seconds since 1970.
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not _ISO_DAY.match(value):
        raise ValueError("must be a time as YYYY-MM-DDTHH:MM:SS, with an offset or in Jakarta time")
    return value


# A calendar day from a client, as YYYY-MM-DD (whoever takes it checks the 2000-2100 range).
Day = Annotated[date, BeforeValidator(_iso_day), Documented(_YEARS + r"\d\d-\d\d$")]
# A point in time from a client: 2000-2100, naive means Asia/Jakarta, stored as UTC.
Timestamp = Annotated[
    datetime, BeforeValidator(_iso_time), AfterValidator(as_utc), Documented(_YEARS)
]


# A list's `updated_since` query parameter: the rows changed at or after a time.
UpdatedSinceQuery = Annotated[
    Timestamp | None,
    Query(
        description="Only those changed at or after this time (ISO 8601; naive means Jakarta), "
        "for catching up; the event feed (`GET /v1/events`) is the exact way",
        examples=["2026-12-07T08:00:00+07:00"],
    ),
]


def check_day(day: date | None, *, field: str) -> date | None:
    """`day` if it lies between 2000 and 2100; otherwise a 422 naming `field`."""
    if day is not None and not FIRST_DAY <= day <= LAST_DAY:
        raise InvalidInput(f"{field} must be between {FIRST_DAY} and {LAST_DAY}.", field=field)
    return day


def day_bounds(
    start: date | None, end: date | None, *, fields: tuple[str, str] = ("from", "to")
) -> tuple[datetime | None, datetime | None]:
    """A list's range of Jakarta days, `from` and `to` both included, as the instants
    [first midnight, the midnight after the last day); 422 naming the field if a day lies
    outside 2000-2100 or `to` comes before `from`."""
    from app.kit.timeutil import start_of_day

    check_day(start, field=fields[0])
    check_day(end, field=fields[1])
    if start is not None and end is not None and end < start:
        raise InvalidInput(f"`{fields[1]}` must not be before `{fields[0]}`.", field=fields[1])
    return (
        start_of_day(start) if start is not None else None,
        start_of_day(end + timedelta(days=1)) if end is not None else None,
    )
