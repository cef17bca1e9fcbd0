"""Wrong guesses of a secret without a key (a receipt code), counted per client address.

A public look-up that takes a short secret must not let anyone try secrets until one fits. Each
worker counts, per client address, the failed guesses of the last WINDOW: past `slow_after`
they are answered late (the wait doubles with each failure, up to `max_delay`), past
`refuse_after` refused (429, with Retry-After) until the oldest counted failure leaves the
window. A guess that fits does not clear the count: a caller holding one good code cannot use it
to reset its tries at others. Counts live in the worker's memory, as those of invalid keys
(app.ratelimit.invalid_keys): each of N workers allows its own `refuse_after`, still nothing
against the codes' 2^50. Past MAX_ADDRESSES addresses the least recently failing is forgotten.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass, field

from app.kit.errors import TooManyRequests

WINDOW = 900.0  # seconds a failed guess counts
MAX_ADDRESSES = 100_000


@dataclass(slots=True)
class Guesses:
    """Failed guesses per client address in the last WINDOW seconds, in this process."""

    slow_after: int = 3
    refuse_after: int = 10
    first_delay: float = 0.5
    max_delay: float = 4.0
    clock: Callable[[], float] = time.monotonic
    _failures: OrderedDict[str, deque[float]] = field(default_factory=OrderedDict)

    def _recent(self, address: str) -> deque[float]:
        times = self._failures.get(address)
        if times is None:
            return deque()
        cutoff = self.clock() - WINDOW
        while times and times[0] <= cutoff:
            times.popleft()
        if not times:
            del self._failures[address]
        return times

    async def admit(self, address: str) -> None:
        """429 if `address` has failed too often lately; otherwise count this guess as failed
        until `fitted` says otherwise (so a burst of guesses sent at once is counted as it
        arrives, not as each is answered), and wait as long as the earlier failures call for
        (nothing before `slow_after`): a guess costs time whatever its outcome."""
        failures = self._recent(address)
        if len(failures) >= self.refuse_after:
            retry = max(1, math.ceil(failures[0] + WINDOW - self.clock()))
            raise TooManyRequests(
                "Too many wrong tracking numbers or receipt codes from this address; "
                f"retry in {retry} s.",
                headers={"Retry-After": str(retry)},
            )
        earlier = len(failures)
        failures.append(self.clock())
        self._failures[address] = failures
        self._failures.move_to_end(address)
        while len(self._failures) > MAX_ADDRESSES:
            self._failures.popitem(last=False)
        if earlier >= self.slow_after:
            excess = earlier - self.slow_after
            await asyncio.sleep(min(self.first_delay * 2**excess, self.max_delay))

    def fitted(self, address: str) -> None:
        """The guess `admit` counted from `address` was right: it is no failure."""
        times = self._failures.get(address)
        if times:
            times.pop()
