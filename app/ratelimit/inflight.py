"""Requests in progress per API key: one key cannot fill a worker with its own work.

A rate limit counts requests a minute; it does not stop a key from sending hundreds at the same
instant, each of which then waits on the event loop, the database pool and the CPU with every
other client's requests (and the liveness probe's) behind them. So each worker process lets a key
have at most MAX_IN_FLIGHT_PER_KEY requests in progress; one more is refused at once with 429 and
`Retry-After: 1`, which costs next to nothing. Within its rate limit, a key that sends one request
after another, or a few at a time, never meets this limit.

The slot is taken once the key is known (`app.auth.deps.get_principal`) and given back by
`InFlightMiddleware` when the response has been sent, whatever happened in between.
"""

from __future__ import annotations

import uuid

from starlette.types import ASGIApp, Receive, Scope, Send

from app.errors import TooManyRequests

RETRY_AFTER_SECONDS = 1
_SLOT = "in_flight_key"  # where the request's state names the key holding a slot


class InFlight:
    """How many requests each key has in progress in this process."""

    def __init__(self) -> None:
        self._counts: dict[uuid.UUID, int] = {}

    def count(self, key_id: uuid.UUID) -> int:
        return self._counts.get(key_id, 0)

    def acquire(self, state: dict[str, object], key_id: uuid.UUID, limit: int) -> None:
        """Take a slot for `key_id`, remembered in the request's `state`; 429 when the key
        already has `limit` requests in progress."""
        if _SLOT in state:
            return  # this request holds one already
        held = self._counts.get(key_id, 0)
        if held >= limit:
            raise TooManyRequests(
                f"This key has {held} requests in progress, the most one key may have at once; "
                "wait for an answer before sending more.",
                headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
            )
        self._counts[key_id] = held + 1
        state[_SLOT] = key_id

    def release(self, state: dict[str, object]) -> None:
        """Give back the slot the request in `state` holds, if any."""
        key_id = state.pop(_SLOT, None)
        if not isinstance(key_id, uuid.UUID):
            return
        left = self._counts.get(key_id, 0) - 1
        if left > 0:
            self._counts[key_id] = left
        else:
            self._counts.pop(key_id, None)


class InFlightMiddleware:
    """Gives back a request's in-flight slot once its response is sent (or it failed)."""

    def __init__(self, app: ASGIApp, in_flight: InFlight) -> None:
        self.app = app
        self.in_flight = in_flight

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state = scope.setdefault("state", {})
        try:
            await self.app(scope, receive, send)
        finally:
            self.in_flight.release(state)
