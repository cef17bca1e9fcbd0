"""Category lookups."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from app.categories import repository
from app.kit.errors import InvalidInput, NotFound
from app.models import Category

# The catch-all category ("other"): a JAKI report whose category name Pintu does not know yet
# is filed under it, and so is a complaint whose desk officer could not place it.
OTHER = "lainnya"


async def list_all(session: AsyncSession) -> Sequence[Category]:
    """Every category."""
    return await repository.list_all(session)


async def get(session: AsyncSession, code: str) -> Category:
    """The category `code`; 404 if unknown."""
    category = await repository.get(session, code)
    if category is None:
        raise NotFound(f"No category has code {code}.")
    return category


async def require(session: AsyncSession, code: str, *, field: str) -> Category:
    """The category `code`; 422 naming `field` if unknown."""
    category = await repository.get(session, code)
    if category is None:
        raise InvalidInput(f"{code} is not a known category; see GET /v1/categories.", field=field)
    return category
