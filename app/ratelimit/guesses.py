"""Wrong guesses of a secret without a key (a receipt code), counted per client, in memory.

A public look-up that takes a short secret must not let anyone try secrets until one fits. Each
worker counts a client's failed guesses in a window of WINDOW seconds from its first one: past
`slow_after` they are answered late (the wait doubles with each failure, up to `max_delay`),
past `refuse_after` refused (429, with Retry-After) until the window ends. A guess is counted as
failed when it arrives and uncounted if it fits, so a burst sent at once is held to the limit;
a guess that fits does not clear the count, so one good code cannot reset the tries at others.

A client is its address; for IPv6 its /64, which one subscriber usually holds whole (counting
each address would let it guess 2^64 times as often). Counts live in the worker's memory, as
those of invalid keys (app.ratelimit.invalid_keys): each of N workers allows its own
`refuse_after`, still nothing against the codes' 2^50. Past MAX_CLIENTS clients the one whose
count changed longest ago is forgotten (about 150 bytes each).
"""

from __future__ import annotations

import asyncio
import ipaddress
import math
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from app.kit.errors import TooManyRequests

WINDOW = 900.0  # seconds a client's failures count from its first
MAX_CLIENTS = 100_000


def client_of(address: str) -> str:
    """Whom a guess is counted against: the IPv4 address, or the IPv6 address's /64."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, 64), strict=False))
    return str(ip)


@dataclass(slots=True)
class Guesses:
    """Failed guesses per client in its current window, in this process."""

    slow_after: int = 3
    refuse_after: int = 10
    first_delay: float = 0.5
    max_delay: float = 4.0
    clock: Callable[[], float] = time.monotonic
    # client -> [window start, failures in it]
    _failures: OrderedDict[str, list[float]] = field(default_factory=OrderedDict)

    def _entry(self, client: str) -> list[float]:
        at = self.clock()
        entry = self._failures.get(client)
        if entry is None or at - entry[0] >= WINDOW:
            entry = [at, 0.0]
            self._failures[client] = entry
        self._failures.move_to_end(client)
        while len(self._failures) > MAX_CLIENTS:
            self._failures.popitem(last=False)
        return entry

    async def admit(self, address: str) -> None:
        """429 if the client behind `address` has failed too often in its window; otherwise
        count this guess as failed (until `fitted`) and wait as long as the earlier failures
        call for (nothing before `slow_after`): a guess costs time whatever its outcome."""
        entry = self._entry(client_of(address))
        earlier = int(entry[1])
        if earlier >= self.refuse_after:
            retry = max(1, math.ceil(entry[0] + WINDOW - self.clock()))
            raise TooManyRequests(
                "Too many wrong tracking numbers or receipt codes from this address; "
                f"retry in {retry} s.",
                headers={"Retry-After": str(retry)},
            )
        entry[1] += 1
        if earlier >= self.slow_after:
            excess = earlier - self.slow_after
            await asyncio.sleep(min(self.first_delay * 2**excess, self.max_delay))

    def fitted(self, address: str) -> None:
        """The guess `admit` counted from `address` was right: it is no failure."""
        entry = self._failures.get(client_of(address))
        if entry is not None and entry[1] > 0:
            entry[1] -= 1
