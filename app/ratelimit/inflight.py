"""Requests in progress per API key: one key cannot fill a worker with its own work.

A rate limit counts requests a minute; it does not stop a key from sending hundreds at the same
instant, each of which then competes for the event loop, the database pool and the CPU with every
other client's requests (and the liveness probe's). So each worker process lets a key have at
most MAX_IN_FLIGHT_PER_KEY requests in progress. One more waits, parked, for one of them to
finish — a parked request costs no CPU, and a client that sends its next request only when the
last one is answered is slowed to what its share can serve, instead of spinning on refusals —
and is refused with 429 and `Retry-After` if no slot frees within IN_FLIGHT_WAIT seconds, or at
once if MAX_WAITING of the key's requests are parked already. A key that sends one request after
another, or a few at a time, never meets any of this.

The slot is taken once the key is known (`app.auth.deps.get_principal`) and given back by
`InFlightMiddleware` when the response has been sent, whatever happened in between: straight to
the key's longest-waiting request, if one is parked.
"""

from __future__ import annotations

import asyncio
import uuid
from collections import deque

from starlette.types import ASGIApp, Receive, Scope, Send

from app.kit.errors import TooManyRequests

RETRY_AFTER_SECONDS = 1
# Requests one key may have parked in one worker; past it, refused at once. A parked request
# holds its (bounded) body and a coroutine.
MAX_WAITING = 1000
_SLOT = "in_flight_key"  # where the request's state names the key holding a slot


class InFlight:
    """How many requests each key has in progress in this process, and which wait for a slot."""

    def __init__(self) -> None:
        self._counts: dict[uuid.UUID, int] = {}
        self._waiting: dict[uuid.UUID, deque[asyncio.Future[None]]] = {}

    def count(self, key_id: uuid.UUID) -> int:
        return self._counts.get(key_id, 0)

    def waiting(self, key_id: uuid.UUID) -> int:
        return len(self._waiting.get(key_id, ()))

    async def acquire(
        self, state: dict[str, object], key_id: uuid.UUID, *, limit: int, wait: float
    ) -> None:
        """Take a slot for `key_id`, remembered in the request's `state`: at once if the key
        has fewer than `limit` requests in progress, else when one of them finishes, within
        `wait` seconds; 429 otherwise."""
        if _SLOT in state:
            return  # this request holds one already
        held = self._counts.get(key_id, 0)
        if held < limit:
            self._counts[key_id] = held + 1
        else:
            await self._wait_for_slot(key_id, held, wait)
        state[_SLOT] = key_id

    async def _wait_for_slot(self, key_id: uuid.UUID, held: int, wait: float) -> None:
        queue = self._waiting.setdefault(key_id, deque())
        if len(queue) >= MAX_WAITING:
            raise _refusal(held)
        handed: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        queue.append(handed)
        try:
            await asyncio.wait({handed}, timeout=wait)
        except asyncio.CancelledError:
            if handed.done() and not handed.cancelled():
                self._give_back(key_id)  # handed over as the request was cut: pass it on
            raise
        finally:
            if not handed.done():
                handed.cancel()
            if handed in queue:
                queue.remove(handed)
            # Only this queue, if it is still the key's: an emptied one may have been dropped
            # and a new one begun by later waiters meanwhile.
            if not queue and self._waiting.get(key_id) is queue:
                del self._waiting[key_id]
        if handed.cancelled():
            raise _refusal(held)
        # A finishing request handed its slot over: the count already includes this one.

    def release(self, state: dict[str, object]) -> None:
        """Give back the slot the request in `state` holds, if any."""
        key_id = state.pop(_SLOT, None)
        if isinstance(key_id, uuid.UUID):
            self._give_back(key_id)

    def _give_back(self, key_id: uuid.UUID) -> None:
        queue = self._waiting.get(key_id)
        while queue:
            waiter = queue.popleft()
            if not waiter.done():
                waiter.set_result(None)  # the slot goes to it; the count stays
                return
        left = self._counts.get(key_id, 0) - 1
        if left > 0:
            self._counts[key_id] = left
        else:
            self._counts.pop(key_id, None)


def _refusal(held: int) -> TooManyRequests:
    return TooManyRequests(
        f"This key has {held} requests in progress, the most one key may have at once, and "
        "more waiting; wait for answers before sending more.",
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


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
