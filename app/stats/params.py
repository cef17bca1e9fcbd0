"""Query parameters shared by every per-day statistics endpoint."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from app.kit.validation import Day

FromQuery = Annotated[
    Day | None,
    Query(
        alias="from",
        description="First day (YYYY-MM-DD, Jakarta); default 29 days before `to`. One answer "
        "covers at most 366 days from here: for a longer range its `to` is the last day "
        "counted and `next_from` the day to ask from next.",
        examples=["2022-10-18"],
    ),
]
ToQuery = Annotated[
    Day | None,
    Query(
        alias="to",
        description="Last day, included (YYYY-MM-DD, Jakarta), not before `from`; default "
        "today. A range longer than 366 days is answered 366 days at a time (`next_from`).",
        examples=["2022-10-20"],
    ),
]
