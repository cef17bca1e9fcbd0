"""Statistics response bodies."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

NEXT_FROM = (
    "The first day not counted, when the range asked for is longer than the 366 days one "
    "answer covers: ask again with it as `from` (and the same `to`) for the rest; null when "
    "this answer covers the whole range"
)


class DayCount(BaseModel):
    date: dt.date
    count: int


class ChannelStats(BaseModel):
    """Complaints a channel took per calendar day in Asia/Jakarta, days with none included."""

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "channel": "walk_in",
                    "from": "2022-10-18",
                    "to": "2022-10-20",
                    "timezone": "Asia/Jakarta",
                    "total": 84,
                    "days": [
                        {"date": "2022-10-18", "count": 7},
                        {"date": "2022-10-19", "count": 20},
                        {"date": "2022-10-20", "count": 57},
                    ],
                }
            ]
        },
        "populate_by_name": True,
    }

    channel: str
    from_: dt.date = Field(alias="from")
    to: dt.date
    next_from: dt.date | None = Field(default=None, description=NEXT_FROM)
    timezone: str = "Asia/Jakarta"
    total: int
    days: list[DayCount]


class DailyRow(BaseModel):
    date: dt.date
    counts: dict[str, int] = Field(description="Complaints per channel code")
    total: int


class DailyStats(BaseModel):
    """Every channel side by side, per calendar day in Asia/Jakarta."""

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "from": "2022-10-18",
                    "to": "2022-10-18",
                    "timezone": "Asia/Jakarta",
                    "channels": ["walk_in", "jaki"],
                    "totals": {"walk_in": 7, "jaki": 102},
                    "days": [
                        {"date": "2022-10-18", "counts": {"walk_in": 7, "jaki": 102}, "total": 109}
                    ],
                }
            ]
        },
        "populate_by_name": True,
    }

    from_: dt.date = Field(alias="from")
    to: dt.date
    next_from: dt.date | None = Field(default=None, description=NEXT_FROM)
    timezone: str = "Asia/Jakarta"
    channels: list[str]
    totals: dict[str, int]
    days: list[DailyRow]
