"""API keys: creation, authentication and the development admin key."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import repository
from app.auth.cache import KnownKey
from app.auth.schemas import ApiKeyCreate
from app.auth.usage import KeyUse
from app.kit.errors import Conflict, InvalidInput, NotFound, Unauthorized
from app.kit.security import display_prefix, generate_api_key, hash_api_key
from app.models import ApiKey
from app.models.roles import UNMASKED_ROLES, Role


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling: the key's id, name and role; a job run from the command line has no key."""

    key_id: uuid.UUID | None
    name: str
    role: Role
    unit_code: str | None = None
    rate_limit: int | None = None  # requests a minute; None: the service's default
    channel_code: str | None = None  # the channel a client key records and reads

    @property
    def sees_personal_data(self) -> bool:
        return self.role in UNMASKED_ROLES


async def create_key(
    session: AsyncSession,
    *,
    name: str,
    role: Role,
    expires_at: datetime | None = None,
    unit_code: str | None = None,
    channel_code: str | None = None,
    key: str | None = None,
    rate_limit_per_minute: int | None = None,
) -> tuple[ApiKey, str]:
    """Store a new key (random unless given) and return it with its secret."""
    secret = key or generate_api_key()
    record = ApiKey(
        id=uuid.uuid4(),
        name=name,
        role=role.value,
        key_hash=hash_api_key(secret),
        key_prefix=display_prefix(secret),
        expires_at=expires_at,
        unit_code=unit_code,
        channel_code=channel_code,
        rate_limit_per_minute=rate_limit_per_minute,
    )
    return await repository.add(session, record), secret


async def issue_key(session: AsyncSession, body: ApiKeyCreate) -> tuple[ApiKey, str]:
    """A new key as asked for; an agency key's unit must exist (422 naming unit_code), and a
    client key's channel must take complaints through the API (422 naming channel_code)."""
    if body.unit_code is not None and not await repository.unit_exists(session, body.unit_code):
        raise InvalidInput(
            f"{body.unit_code} is not a known unit; see GET /v1/units.", field="unit_code"
        )
    if body.channel_code is not None:
        channel = await repository.channel(session, body.channel_code)
        if channel is None or not channel.is_active:
            raise InvalidInput(
                f"{body.channel_code} is not an active channel; see GET /v1/channels.",
                field="channel_code",
            )
        if channel.is_mirror:
            raise Conflict(
                f"Complaints of channel {body.channel_code} are mirrored from its own system "
                "and arrive only through its feed: no client key records there.",
                field="channel_code",
            )
        # A client key reads its channel's complaints unmasked: the channel must be its app's
        # own, holding nothing another door recorded (the desk's walk-in, say).
        if await repository.holds_others_complaints(session, body.channel_code):
            raise Conflict(
                f"Channel {body.channel_code} holds complaints recorded by other keys, which a "
                "client key would read; give each app a channel of its own (POST /v1/channels).",
                field="channel_code",
            )
    return await create_key(
        session,
        name=body.name,
        role=body.role,
        expires_at=body.expires_at,
        unit_code=body.unit_code,
        channel_code=body.channel_code,
        rate_limit_per_minute=body.rate_limit_per_minute,
    )


async def ensure_key(session: AsyncSession, *, name: str, role: Role, key: str) -> ApiKey:
    """Make sure `key` exists with `role` (the development admin key); idempotent."""
    existing = await repository.get_by_hash(session, hash_api_key(key))
    if existing is not None:
        existing.role = role.value
        existing.revoked_at = None
        await session.flush()
        return existing
    record, _ = await create_key(session, name=name, role=role, key=key)
    return record


async def find_key(session: AsyncSession, key_hash: bytes) -> KnownKey | None:
    """The key whose hash is `key_hash`, read from the database."""
    record = await repository.get_by_hash(session, key_hash)
    return KnownKey.of(record) if record is not None else None


def principal_of(key: KnownKey | None, at: datetime) -> Principal:
    """The caller behind `key`, or 401 if the key is unknown, revoked or expired at `at`."""
    if key is None or key.revoked_at is not None:
        raise Unauthorized("The API key is not valid.")
    if key.expires_at is not None and key.expires_at <= at:
        raise Unauthorized("The API key has expired.")
    return Principal(
        key_id=key.id,
        name=key.name,
        role=key.role,
        unit_code=key.unit_code,
        rate_limit=key.rate_limit,
        channel_code=key.channel_code,
    )


async def list_keys(session: AsyncSession, key_use: KeyUse) -> list[ApiKey]:
    """Every key, newest first, with its last use as of now (what is noted is written first)."""
    await key_use.write(session)
    return list(await repository.list_all(session))


async def revoke(session: AsyncSession, principal: Principal, key_id: uuid.UUID) -> ApiKey:
    """Stop a key from working from now on; revoking it again changes nothing. An admin cannot
    revoke the key it is calling with (409): that would lock the caller out mid-request."""
    record = await repository.get_locked(session, key_id)
    if record is None:
        raise NotFound("No API key has this id.")
    if record.id == principal.key_id:
        raise Conflict("A key cannot revoke itself; use another admin key.", field="key_id")
    if record.revoked_at is None:
        record.revoked_at = datetime.now(UTC)
        await session.flush()
    return record
