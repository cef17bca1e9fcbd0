"""Unit lookups; other domains ask here whether a unit exists."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

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
    offset: int,
) -> tuple[Sequence[Unit], int]:
    """Units matching the filters."""
    return await repository.search(
        session, kind=kind, region=region, parent=parent, q=q, limit=limit, offset=offset
    )


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
