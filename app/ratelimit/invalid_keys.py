"""Requests with keys that are not valid, counted per client address, in memory.

Rate limits are kept per key, in PostgreSQL; a token that is no key has no row and must not get
one (a flood of random tokens would write a row each). So a worker counts, per client address and
minute, the requests whose key turned out unknown, revoked or expired; past
INVALID_KEYS_PER_MINUTE, that address's requests with a key this worker does not know are
refused (429) without looking the key up, until the minute ends. A known key from the same
address still passes: one broken client behind a shared address does not lock out the others'
cached keys. Counts are per worker process and live as long as the minute.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from app.errors import TooManyRequests
from app.ratelimit.service import window_of

# Addresses counted per minute at most; past it, the rest share one count, so a flood from many
# addresses cannot grow the table without bound (and is refused together).
MAX_ADDRESSES = 10_000
_OTHERS = "*"


@dataclass(slots=True)
class InvalidKeys:
    """Failed key look-ups per client address in the current minute, in this process."""

    limit: int
    _start: datetime | None = None
    _counts: dict[str, int] = field(default_factory=dict)

    def _bucket(self, address: str, at: datetime) -> tuple[str, int]:
        start, resets_in = window_of(at)
        if start != self._start:
            self._start, self._counts = start, {}
        if address not in self._counts and len(self._counts) >= MAX_ADDRESSES:
            address = _OTHERS
        return address, resets_in

    def check(self, address: str, at: datetime) -> None:
        """429 if `address` has sent too many invalid keys this minute."""
        bucket, resets_in = self._bucket(address, at)
        if self._counts.get(bucket, 0) >= self.limit:
            raise TooManyRequests(
                "Too many requests with keys that are not valid from this address; "
                f"retry in {resets_in} s with a valid key.",
                headers={"Retry-After": str(resets_in)},
            )

    def failed(self, address: str, at: datetime) -> None:
        """Count one request from `address` whose key was not valid."""
        bucket, _ = self._bucket(address, at)
        self._counts[bucket] = self._counts.get(bucket, 0) + 1
