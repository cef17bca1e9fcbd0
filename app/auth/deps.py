"""Dependencies that authenticate the caller and check its role."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Header, Request, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import service
from app.auth.cache import KnownKey
from app.auth.service import Principal
from app.kit.db import SessionDep
from app.kit.errors import AmbiguousRequest, Forbidden, PreconditionRequired, Unauthorized
from app.kit.preconditions import ANY, HEADER as IF_MATCH, IfMatch, versions
from app.kit.routing import idempotent_route
from app.kit.security import hash_api_key
from app.kit.timeutil import now
from app.models.roles import Role
from app.ratelimit import enforce_rate_limit

_bearer = HTTPBearer(auto_error=False, description="An API key: `Authorization: Bearer pintu_…`")


async def get_principal(
    request: Request,
    response: Response,
    session: SessionDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    """The authenticated caller, within its rate limit and its share of requests in progress;
    401 without a valid key, 429 over a limit, 400 for two Authorization headers.

    A cached key costs no query: its request is counted in memory and its use noted for the
    next background write (app.server.bookkeeping). An uncached key is read in the request's session
    first; only a valid key is then counted, in PostgreSQL, so a token that is no key writes
    nothing (it is counted per client address in memory: app.ratelimit.invalid_keys)."""
    if len(request.headers.getlist("authorization")) > 1:
        raise AmbiguousRequest(
            "Send one Authorization header; this request has several.", field="Authorization"
        )
    if credentials is None or not credentials.credentials:
        raise Unauthorized("Send an API key as `Authorization: Bearer <key>`.")
    state = request.app.state
    settings = state.settings
    key_hash = hash_api_key(credentials.credentials)
    at = now()
    address = request.client.host if request.client else "unknown"
    key = state.keys.get(key_hash)
    cached = key is not None
    if key is None:
        state.invalid_keys.check(address, key_hash, at)
        key = await _read_key(session, key_hash)
    try:
        principal = service.principal_of(key, at)
    except Unauthorized:
        state.invalid_keys.failed(address, at)
        raise
    assert key is not None  # principal_of refuses a missing key
    state.keys.put(key)
    state.invalid_keys.passed(key_hash)
    request.state.principal = principal
    # The slot first: a request parked here has written nothing and holds no connection, and
    # a key's burst is counted (in PostgreSQL, near its limit) only as fast as its slots free.
    await state.in_flight.acquire(
        request.scope["state"],
        key.id,
        limit=settings.max_in_flight_per_key,
        wait=settings.in_flight_wait,
    )
    limit: int = principal.rate_limit or settings.rate_limit_per_minute
    counted = await state.limiter.hit(state.engine, key_hash, at, limit, at_once=not cached)
    quota = enforce_rate_limit(counted, limit)
    state.key_use.seen(principal.key_id, at)
    response.headers.update(quota.headers())
    return principal


async def _read_key(session: AsyncSession, key_hash: bytes) -> KnownKey | None:
    """The key read in the request's session. The look-up's read-only transaction ends at once,
    giving its connection back before the rate limit takes one: a request never holds two, so
    a burst bigger than the pool waits for connections instead of deadlocking on them."""
    fresh = not session.in_transaction()
    key = await service.find_key(session, key_hash)
    if fresh:
        await session.rollback()
    return key


def require(*roles: Role) -> Callable[..., Awaitable[Principal]]:
    """A dependency that lets only `roles` (and admin) through: 403 for any other role."""
    allowed = frozenset(roles) | {Role.ADMIN}

    async def _check(principal: Annotated[Principal, Depends(get_principal)]) -> Principal:
        if principal.role not in allowed:
            raise Forbidden(f"The {principal.role.value} role may not call this endpoint.")
        return principal

    return _check


AdminDep = Annotated[Principal, Depends(require(Role.ADMIN))]


# Keys of systems outside City Hall, whose edits race with the desk's.
PARTNER_ROLES = frozenset({Role.AGENCY, Role.INTEGRATION, Role.CLIENT})


async def if_match(
    principal: Annotated[Principal, Depends(get_principal)],
    header: Annotated[
        str | None,
        Header(
            alias=IF_MATCH,
            max_length=1000,
            description="The ETag of the version this change is based on, as the record's "
            '`ETag` header gave it (a quoted number such as `"7"`); a stale one gets 412. '
            "Agency and integration keys must send one (428 without it, with `*` or with no "
            "strong entity tag); other keys may leave it out or send `*` (any version).",
        ),
    ] = None,
) -> IfMatch:
    """The request's If-Match; 428 when a partner key names no version."""
    value = (header or "").strip()
    wanted = IfMatch(frozenset(), any_version=True) if value == "*" else IfMatch(versions(value))
    if principal.role in PARTNER_ROLES and not wanted.versions:
        # `*`, a weak tag or a made-up value would let a partner's edit overwrite the desk's
        # without it having read the current version: the point of the rule.
        raise PreconditionRequired(
            "Send If-Match with the ETag of the version you read (GET it first); "
            "`*` and weak tags are not enough for this key.",
            field=IF_MATCH,
        )
    return ANY if not value else wanted


IfMatchDep = Annotated[IfMatch, Depends(if_match)]

# The route class of every router: its POSTs take an Idempotency-Key, kept per API key.
PintuRoute = idempotent_route(get_principal)
