"""Requests with keys that are not valid, counted per client address, in memory.

Rate limits are kept per key, in PostgreSQL; a token that is no key has no row and must not get
one (a flood of random tokens would write a row each). So a worker counts, per client address and
minute, the requests whose key turned out unknown, revoked or expired; past
INVALID_KEYS_PER_MINUTE, that address's requests with a key this worker cannot vouch for are
refused (429) without looking the key up, until the minute ends.

A key this worker has seen valid in the last VOUCHED_FOR seconds is never refused here, cached or
not (the key cache forgets a key after a minute, and knows none while it is not listening): one
broken client behind a shared address, or a flood from elsewhere, does not lock out keys in use.
Counts are per worker process and live as long as the minute. Past MAX_ADDRESSES addresses in a
minute, new addresses are not counted (a flood from many addresses then costs one indexed
look-up per request, and still writes nothing), rather than refused together with keys in use.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime

from app.kit.errors import TooManyRequests
from app.ratelimit.service import window_of

MAX_ADDRESSES = 10_000
VOUCHED_FOR = 3600.0  # seconds a key seen valid is let through the address check
MAX_VOUCHED = 10_000  # keys remembered as valid, the least recently seen dropped first


@dataclass(slots=True)
class InvalidKeys:
    """Failed key look-ups per client address in the current minute, in this process, and
    the keys lately seen valid."""

    limit: int
    _start: datetime | None = None
    _counts: dict[str, int] = field(default_factory=dict)
    _vouched: OrderedDict[bytes, float] = field(default_factory=OrderedDict)

    def _current(self, at: datetime) -> int:
        start, resets_in = window_of(at)
        if start != self._start:
            self._start, self._counts = start, {}
        return resets_in

    def check(self, address: str, key_hash: bytes, at: datetime) -> None:
        """429 if `address` has sent too many invalid keys this minute and `key_hash` is not
        one this worker has lately seen valid."""
        resets_in = self._current(at)
        if self._counts.get(address, 0) < self.limit or self._vouched_for(key_hash):
            return
        raise TooManyRequests(
            "Too many requests with keys that are not valid from this address; "
            f"retry in {resets_in} s with a valid key.",
            headers={"Retry-After": str(resets_in)},
        )

    def failed(self, address: str, at: datetime) -> None:
        """Count one request from `address` whose key was not valid."""
        self._current(at)
        if address in self._counts or len(self._counts) < MAX_ADDRESSES:
            self._counts[address] = self._counts.get(address, 0) + 1

    def passed(self, key_hash: bytes) -> None:
        """Remember that the key whose hash is `key_hash` was valid just now."""
        self._vouched[key_hash] = time.monotonic()
        self._vouched.move_to_end(key_hash)
        while len(self._vouched) > MAX_VOUCHED:
            self._vouched.popitem(last=False)

    def _vouched_for(self, key_hash: bytes) -> bool:
        seen = self._vouched.get(key_hash)
        return seen is not None and time.monotonic() - seen < VOUCHED_FOR
