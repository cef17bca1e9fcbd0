"""Per-day counts in Jakarta time, with empty days filled in."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from app.channels import all_channels, get_channel
from app.complaints import complaints_per_day
from app.kit.errors import InvalidInput
from app.kit.timeutil import day_range, start_of_day, today_jakarta
from app.kit.validation import check_day
from app.stats.schemas import ChannelStats, DailyRow, DailyStats, DayCount

MAX_DAYS = 366
DEFAULT_DAYS = 30


@dataclass(frozen=True, slots=True)
class DayRange:
    """The days one answer counts, and where the rest of a longer range asked for starts."""

    start: date
    end: date
    next_from: date | None = None


def resolve_range(start: date | None, end: date | None) -> DayRange:
    """The inclusive day range asked for (by default the 30 days up to today in Jakarta), cut
    to its first 366 days."""
    check_day(start, field="from")
    check_day(end, field="to")
    # Blame the parameter the client sent: a lone `from` is wrong on its own.
    blamed = "to" if end is not None else "from"
    end = end or today_jakarta()
    start = start or end - timedelta(days=DEFAULT_DAYS - 1)
    if end < start:
        raise InvalidInput("`from` must not be after `to` (default: today).", field=blamed)
    # A longer range is answered a part at a time rather than refused: no schema can relate
    # two parameters, so a client cannot know beforehand that its range is too long.
    last = start + timedelta(days=MAX_DAYS - 1)
    if end > last:
        return DayRange(start, last, next_from=last + timedelta(days=1))
    return DayRange(start, end)


async def _counts(
    session: AsyncSession, start: date, end: date, channel_code: str | None
) -> dict[date, dict[str, int]]:
    rows = await complaints_per_day(
        session,
        since=start_of_day(start),
        until=start_of_day(end + timedelta(days=1)),
        channel_code=channel_code,
    )
    by_day: dict[date, dict[str, int]] = defaultdict(dict)
    for day, channel, count in rows:
        by_day[day][channel] = count
    return by_day


async def channel_stats(
    session: AsyncSession, code: str, start: date | None, end: date | None
) -> ChannelStats:
    """Complaints channel `code` took per day."""
    channel = await get_channel(session, code)
    days_asked = resolve_range(start, end)
    start, end = days_asked.start, days_asked.end
    by_day = await _counts(session, start, end, channel.code)
    days = [
        DayCount(date=d, count=by_day.get(d, {}).get(channel.code, 0))
        for d in day_range(start, end)
    ]
    return ChannelStats.model_validate(
        {
            "channel": channel.code,
            "from": start,
            "to": end,
            "total": sum(d.count for d in days),
            "days": days,
            "next_from": days_asked.next_from,
        }
    )


async def daily(session: AsyncSession, start: date | None, end: date | None) -> DailyStats:
    """Complaints per day for every channel side by side."""
    days_asked = resolve_range(start, end)
    start, end = days_asked.start, days_asked.end
    codes = [c.code for c in await all_channels(session)]
    by_day = await _counts(session, start, end, None)
    rows = []
    for d in day_range(start, end):
        counts = {c: by_day.get(d, {}).get(c, 0) for c in codes}
        rows.append(DailyRow(date=d, counts=counts, total=sum(counts.values())))
    totals = {c: sum(r.counts[c] for r in rows) for c in codes}
    return DailyStats.model_validate(
        {
            "from": start,
            "to": end,
            "next_from": days_asked.next_from,
            "channels": codes,
            "totals": totals,
            "days": rows,
        }
    )
