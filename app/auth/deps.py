"""Dependencies that authenticate the caller and check its role."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Request, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from app.auth import service
from app.auth.roles import Role
from app.auth.service import Principal
from app.db import SessionDep
from app.errors import Forbidden, Unauthorized
from app.ratelimit import service as ratelimit
from app.security import hash_api_key
from app.timeutil import now

_bearer = HTTPBearer(auto_error=False, description="An API key: `Authorization: Bearer pintu_…`")


async def get_principal(
    request: Request,
    response: Response,
    session: SessionDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    """The authenticated caller, within its rate limit; 401 without a valid key, 429 over it.

    A cached key costs no query: its request is counted in memory and its use noted for the
    next background write (app.bookkeeping). An uncached key is counted in PostgreSQL first,
    then read in the request's session."""
    if credentials is None or not credentials.credentials:
        raise Unauthorized("Send an API key as `Authorization: Bearer <key>`.")
    state = request.app.state
    key_hash = hash_api_key(credentials.credentials)
    at = now()
    key = state.keys.get(key_hash)
    default_limit: int = state.settings.rate_limit_per_minute
    limit = (key.rate_limit or default_limit) if key is not None else None
    counted = await state.limiter.hit(state.engine, key_hash, at, limit)
    if key is None:
        key = await service.find_key(session, key_hash)
        if key is not None:
            state.keys.put(key)
    principal = service.principal_of(key, at)
    request.state.principal = principal
    quota = ratelimit.enforce(counted, principal.rate_limit or default_limit)
    state.key_use.seen(principal.key_id, at)
    response.headers.update(quota.headers())
    return principal


def require(*roles: Role) -> Callable[..., Awaitable[Principal]]:
    """A dependency that lets only `roles` (and admin) through: 403 for any other role."""
    allowed = frozenset(roles) | {Role.ADMIN}

    async def _check(principal: Annotated[Principal, Depends(get_principal)]) -> Principal:
        if principal.role not in allowed:
            raise Forbidden(f"The {principal.role.value} role may not call this endpoint.")
        return principal

    return _check


AdminDep = Annotated[Principal, Depends(require(Role.ADMIN))]
