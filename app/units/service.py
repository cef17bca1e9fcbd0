"""Unit lookups; other domains ask here whether a unit exists."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from app.kit import paging
from app.kit.errors import InvalidInput, NotFound
from app.models import Unit
from app.units import repository


async def search(
    session: AsyncSession,
    *,
    kind: str | None,
    region: str | None,
    parent: str | None,
    q: str | None,
    limit: int,
    cursor: str | None,
    offset: int | None = None,
) -> tuple[Sequence[Unit], str | None, int]:
    """Units matching the filters: a page in display order, the next page's cursor and how
    many match in all."""
    paging.one_way(cursor, offset)
    rows, total = await repository.search(
        session,
        kind=kind,
        region=region,
        parent=parent,
        q=q,
        limit=limit + 1,
        offset=offset,
        after=paging.decode_cursor(cursor, int, str) if cursor else None,
    )
    page, last = paging.page_of(rows, limit)
    return page, paging.encode_cursor(last.sort_order, last.code) if last else None, total


async def get(session: AsyncSession, code: str) -> Unit:
    """The unit `code`; 404 if unknown."""
    unit = await repository.get(session, code)
    if unit is None:
        raise NotFound(f"No unit has code {code}.")
    return unit


async def find(session: AsyncSession, code: str) -> Unit | None:
    """The unit `code`, or None."""
    return await repository.get(session, code) if code else None


async def require(session: AsyncSession, code: str, *, field: str) -> Unit:
    """The unit `code`; 422 naming `field` if unknown."""
    unit = await repository.get(session, code)
    if unit is None:
        raise InvalidInput(f"{code} is not a known unit; see GET /v1/units.", field=field)
    return unit
