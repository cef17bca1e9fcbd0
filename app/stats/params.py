"""Query parameters shared by every per-day statistics endpoint."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Query

FromQuery = Annotated[
    date | None,
    Query(
        alias="from",
        description="First day (YYYY-MM-DD, Jakarta); default 29 days before `to`",
        examples=["2022-10-18"],
    ),
]
ToQuery = Annotated[
    date | None,
    Query(
        alias="to",
        description="Last day, included (YYYY-MM-DD, Jakarta); default today",
        examples=["2022-10-20"],
    ),
]
