"""The pinned clock the demo loader plays its stories with."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta, timezone

import pytest

from app.kit.timeutil import now, pinned_clock

WIB = timezone(timedelta(hours=7))


def test_now_is_the_pinned_moment_inside_the_block_only():
    moment = datetime(2026, 10, 5, 9, 0, tzinfo=WIB)
    with pinned_clock(moment):
        assert now() == moment and now().tzinfo is UTC
    assert abs(now() - datetime.now(UTC)) < timedelta(seconds=5)


def test_a_pin_holds_for_its_own_task_only():
    moment = datetime(2026, 1, 2, tzinfo=UTC)

    async def main() -> tuple[datetime, datetime]:
        pinned = asyncio.Event()

        async def elsewhere() -> datetime:  # a request served meanwhile
            await pinned.wait()
            return now()

        other = asyncio.create_task(elsewhere())
        with pinned_clock(moment):
            pinned.set()
            seen = await other
            return now(), seen

    inside, seen = asyncio.run(main())
    assert inside == moment and seen != moment


def test_a_naive_moment_is_refused():
    with pytest.raises(ValueError, match="timezone-aware"), pinned_clock(datetime(2026, 1, 2)):
        pass
