"""Region lookups; other domains ask here whether a kelurahan exists."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from app.kit import paging
from app.kit.errors import InvalidInput, NotFound
from app.kit.refcache import ReferenceCache
from app.models import Region
from app.regions import repository


def ancestor_codes(code: str) -> list[str]:
    """Codes of every region above `code`, province first (codes are hierarchical)."""
    parts = code.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


async def search(
    session: AsyncSession,
    *,
    level: str | None,
    parent: str | None,
    q: str | None,
    limit: int,
    cursor: str | None,
    offset: int | None = None,
) -> tuple[Sequence[Region], str | None, int]:
    """Regions matching the filters: a page in code order, the next page's cursor and how
    many match in all."""
    paging.one_way(cursor, offset)
    after = paging.decode_cursor(cursor, str)[0] if cursor else None
    rows, total = await repository.search(
        session, level=level, parent=parent, q=q, limit=limit + 1, offset=offset, after=after
    )
    page, last = paging.page_of(rows, limit)
    return page, paging.encode_cursor(last.code) if last else None, total


async def get_with_parents(session: AsyncSession, code: str) -> tuple[Region, list[Region]]:
    """A region and its parents, province first; 404 if unknown."""
    region = await repository.get(session, code)
    if region is None:
        raise NotFound(f"No region has code {code}.")
    found = await repository.get_many(session, ancestor_codes(code))
    return region, [found[c] for c in ancestor_codes(code) if c in found]


# Regions come from a migration and do not change while the service runs: each process reads
# every code's level once, and checks a code without a query from then on.
_levels = ReferenceCache("regions.levels", repository.levels)


async def _level_of(session: AsyncSession, code: str) -> str | None:
    return (await _levels.get(session)).get(code)


async def require_level(session: AsyncSession, code: str, level: str, *, field: str) -> None:
    """Nothing if the region `code` exists at `level`; otherwise a 422 naming `field`."""
    if await _level_of(session, code) != level:
        raise InvalidInput(f"{code} is not a known {level} code.", field=field)


async def require_any(session: AsyncSession, code: str, *, field: str) -> None:
    """Nothing if the region `code` exists, at any level; otherwise a 422 naming `field`."""
    if await _level_of(session, code) is None:
        raise InvalidInput(f"{code} is not a known region code.", field=field)


async def kelurahan_points(session: AsyncSession) -> Sequence[tuple[str, float, float, str]]:
    """(code, lat, lon, name) of every kelurahan with a reference point."""
    return await repository.kelurahan_points(session)
