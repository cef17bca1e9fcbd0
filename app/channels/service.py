"""Channel rules: lookups, which channels take complaints by hand, adding a channel."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from app.channels import repository
from app.channels.schemas import ChannelCreate
from app.kit.errors import Conflict, InvalidInput, NotFound
from app.models import Channel
from app.regions import require_region


async def list_all(session: AsyncSession) -> Sequence[Channel]:
    """Every channel."""
    return await repository.list_all(session)


async def get(session: AsyncSession, code: str) -> Channel:
    """The channel `code`; 404 if unknown."""
    channel = await repository.get(session, code)
    if channel is None:
        raise NotFound(f"No channel has code {code}.")
    return channel


async def require_known(session: AsyncSession, code: str, *, field: str) -> Channel:
    """The channel `code`; 422 naming `field` if unknown."""
    channel = await repository.get(session, code)
    if channel is None:
        raise InvalidInput(f"{code} is not a known channel; see GET /v1/channels.", field=field)
    return channel


async def require_for_intake(session: AsyncSession, code: str, *, field: str) -> Channel:
    """A channel that takes complaints through the API; 422 if unknown or inactive, 409 if it is
    a mirror whose complaints only its feed writes."""
    channel = await repository.get(session, code)
    if channel is None or not channel.is_active:
        raise InvalidInput(f"{code} is not an active channel; see GET /v1/channels.", field=field)
    if channel.is_mirror:
        raise Conflict(
            f"Complaints of channel {code} are mirrored from its own system and arrive only "
            "through its feed.",
            field=field,
        )
    return channel


async def create(session: AsyncSession, body: ChannelCreate) -> Channel:
    """Add a channel; 409 if its code or tracking prefix is taken."""
    if await repository.find_clash(session, code=body.code, prefix=body.tracking_prefix):
        raise Conflict("A channel with this code or tracking prefix exists.", field="code")
    if body.location_region_code is not None:
        await require_region(session, body.location_region_code, field="location_region_code")
    channel = Channel(
        **body.model_dump(exclude={"opening_hours"}),
        opening_hours=[h.model_dump() for h in body.opening_hours] if body.opening_hours else None,
        is_mirror=False,
        timezone="Asia/Jakarta",
        is_active=True,
        sort_order=100,
    )
    return await repository.add(session, channel)
