"""Paging by cursor, the one style of every list: `limit`, and an opaque `next_cursor` (null at
the end) that the next request passes back as `cursor`.

A cursor names the last row of a page by the columns the list is ordered by (its keyset, ending
in an id so no two rows tie); the next page starts after that row, so a row added or removed
meanwhile neither repeats nor skips one. Clients must not read a cursor: it is JSON in base64
only so that Pintu can check it, and one it did not make is refused (422 naming `cursor`).

The lists paged by `offset` before keep it, deprecated, for one version: `DeprecatedOffset`
and `deprecated` (a `Deprecation` header, RFC 9745) are how every one of them says so.
"""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Annotated, Any, TypeVar

from fastapi import Query, Response
from pydantic import BaseModel, Field
from sqlalchemy import ColumnElement, tuple_

from app.kit.errors import InvalidInput
from app.kit.validation import in_range

FIELD = "cursor"

# When the parameters and routes replaced in issue 18 were deprecated (2026-12-08, 00:00 UTC),
# as RFC 9745 writes a date: seconds since 1970 after an @. They go in the next version.
DEPRECATED_SINCE = "@1796688000"

CursorValue = datetime | uuid.UUID | int | str
T = TypeVar("T")

# The largest whole number a cursor may carry (PostgreSQL's bigint).
_BIGINT = 2**63 - 1

CursorQuery = Annotated[
    str | None,
    Query(
        max_length=200,
        description="The previous page's `next_cursor`; leave out for the first page",
    ),
]
DeprecatedOffset = Annotated[
    int | None,
    Query(
        ge=0,
        le=100_000,
        deprecated=True,
        description="Deprecated (goes in the next version): page with `cursor` instead. Skips "
        "this many rows; an answer to it carries a `Deprecation` header, and its "
        "`next_cursor` carries on from where it ends.",
    ),
]


class CursorPage(BaseModel):
    """What every list answers besides its items: the cursor of the next page and the limit."""

    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next page; null at the end"
    )
    limit: int


class OffsetPage(CursorPage):
    """A list paged by `offset` before: its count and offset stay for one version."""

    total: int = Field(
        deprecated=True,
        description="Deprecated (goes in the next version): how many rows match in all",
    )
    offset: int = Field(
        deprecated=True,
        description="Deprecated (goes in the next version): the `offset` asked for, 0 without",
    )


def encode_cursor(*values: CursorValue) -> str:
    """An opaque cursor holding `values`, the keyset of a page's last row."""
    raw = json.dumps(
        [v.isoformat() if isinstance(v, datetime) else v for v in _plain(values)],
        separators=(",", ":"),
    )
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _plain(values: Sequence[CursorValue]) -> list[datetime | int | str]:
    return [str(v) if isinstance(v, uuid.UUID) else v for v in values]


def decode_cursor(cursor: str, *kinds: type) -> tuple[Any, ...]:
    """The values a cursor holds, one of each of `kinds` (datetime, UUID, int or str); 422
    naming `cursor` if Pintu did not make it."""
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if not isinstance(values, list) or len(values) != len(kinds):
            raise TypeError("a cursor holds one value per column of the order")
        return tuple(_value(v, kind) for v, kind in zip(values, kinds, strict=True))
    except (ValueError, TypeError, OverflowError, binascii.Error, UnicodeDecodeError):
        raise InvalidInput(
            "The cursor is not valid; use next_cursor from a previous page.", field=FIELD
        ) from None


def _value(value: object, kind: type) -> Any:
    if kind is int:
        if isinstance(value, bool) or not isinstance(value, int) or abs(value) > _BIGINT:
            raise TypeError("not a whole number a column holds")
        return value
    if not isinstance(value, str) or len(value) > 200:
        raise TypeError("not a string")
    if kind is uuid.UUID:
        return uuid.UUID(value)
    if kind is datetime:
        instant = datetime.fromisoformat(value)
        # Every time stored lies within a day of 2000-2100 (rows stored before times were
        # checked in UTC may lie up to a day outside): a cursor made from any of them is taken,
        # nothing far enough out to overflow the arithmetic is.
        if instant.tzinfo is None or not in_range(instant, slack=timedelta(days=1)):
            raise ValueError("not a time Pintu stores")
        return instant
    return value


def after(
    columns: Sequence[Any], values: Sequence[Any], *, descending: bool = False
) -> ColumnElement[bool]:
    """The rows after the one whose keyset is `values`, in the order of `columns` (all
    ascending, or all descending): one row comparison, which an index on them serves."""
    row = tuple_(*columns)
    return row < tuple(values) if descending else row > tuple(values)


def page_of(rows: Sequence[T], limit: int) -> tuple[Sequence[T], T | None]:
    """A page from `limit + 1` rows fetched, and its last row when another page follows."""
    page = rows[:limit]
    return page, (page[-1] if len(rows) > limit else None)


def one_way(cursor: str | None, offset: int | None) -> None:
    """A request pages by cursor or by the deprecated offset, not both (422 naming `offset`).
    An empty `cursor` is none, as everywhere a list takes one: the first page."""
    if cursor and offset is not None:
        raise InvalidInput("Page with `cursor` or `offset`, not both.", field="offset")


def deprecated(response: Response, *, successor: str | None = None) -> None:
    """Mark an answer as given to a deprecated request (RFC 9745), naming what replaces it."""
    response.headers["Deprecation"] = DEPRECATED_SINCE
    if successor is not None:
        response.headers["Link"] = f'<{successor}>; rel="successor-version"'
