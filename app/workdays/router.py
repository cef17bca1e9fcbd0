"""The days-off calendar: open reference data."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from app.auth import PintuRoute
from app.kit.db import SessionDep
from app.kit.errors import error_responses
from app.workdays import service

router = APIRouter(route_class=PintuRoute, prefix="/v1/holidays", tags=["Reference data"])


class HolidayOut(BaseModel):
    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [
                {
                    "day": "2026-08-17",
                    "kind": "national",
                    "name": "Hari Kemerdekaan Republik Indonesia",
                }
            ]
        },
    )

    day: dt.date
    name: str
    kind: Literal["national", "cuti_bersama", "provisional"] = Field(
        description="`provisional`: expected, until the year's SKB 3 Menteri is published"
    )


class HolidayList(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "items": [
                        {
                            "day": "2026-08-17",
                            "kind": "national",
                            "name": "Hari Kemerdekaan Republik Indonesia",
                        }
                    ],
                    "first_day": "2022-01-01",
                    "last_day": "2030-12-31",
                }
            ]
        }
    )

    items: list[HolidayOut]
    first_day: dt.date = Field(description="The first day the calendar covers")
    last_day: dt.date = Field(
        description="The last day the calendar covers: a deadline in working days that would "
        "fall after it is refused (409, `beyond-calendar`), never counted without holidays"
    )


@router.get(
    "",
    response_model=HolidayList,
    summary="Days off that deadlines skip",
    description="National holidays and cuti bersama; with weekends, they are not working days. "
    "The answer says which days the calendar covers (`first_day`..`last_day`); years without a "
    "published SKB 3 Menteri are `provisional`.",
    responses=error_responses(422),
)
async def list_holidays(
    session: SessionDep, year: Annotated[int | None, Query(ge=2000, le=2100)] = None
) -> HolidayList:
    covered = await service.working_calendar(session)
    return HolidayList(
        items=[HolidayOut.model_validate(h) for h in await service.holidays(session, year)],
        first_day=covered.first_day,
        last_day=covered.last_day,
    )
