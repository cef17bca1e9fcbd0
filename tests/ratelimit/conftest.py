"""Fixtures of the rate-limit tests: what a test counts in one minute stays in one minute.

Limits are counted per calendar minute, so a test that sends its requests across the turn of a
minute would see two counts and fail for no fault of the code, or pass for the wrong reason.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager
from datetime import UTC, datetime, timedelta

import pytest

from app.ratelimit.service import window_of


def _seconds_left(moment: datetime) -> float:
    start, _ = window_of(moment)
    return (start + timedelta(minutes=1) - moment).total_seconds()


@pytest.fixture
def one_minute() -> Callable[..., AbstractAsyncContextManager[None]]:
    """`async with one_minute():` runs its block inside one minute: when fewer than `needs`
    seconds are left of this one it waits for the next (at most that long), and it fails if
    the block still outlasted the minute, rather than letting a count be split silently."""

    @contextlib.asynccontextmanager
    async def within(needs: float = 5.0) -> AsyncIterator[None]:
        left = _seconds_left(datetime.now(UTC))
        if left < needs:
            await asyncio.sleep(left + 0.01)
        start, _ = window_of(datetime.now(UTC))
        yield
        end, _ = window_of(datetime.now(UTC))
        assert end == start, f"the block took more than the {needs:g} s it was given"

    return within
