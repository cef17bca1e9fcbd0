"""Query parameters shared by every per-day statistics endpoint."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from app.validation import Day

FromQuery = Annotated[
    Day | None,
    Query(
        alias="from",
        description="First day (YYYY-MM-DD, Jakarta); default 29 days before `to`",
        examples=["2022-10-18"],
    ),
]
ToQuery = Annotated[
    Day | None,
    Query(
        alias="to",
        description="Last day, included (YYYY-MM-DD, Jakarta); default today",
        examples=["2022-10-20"],
    ),
]
