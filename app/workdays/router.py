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
    items: list[HolidayOut]


@router.get(
    "",
    response_model=HolidayList,
    summary="Days off that deadlines skip",
    description="National holidays and cuti bersama (2022-2027); with weekends, they are not "
    "working days.",
    responses=error_responses(422),
)
async def list_holidays(
    session: SessionDep, year: Annotated[int | None, Query(ge=2000, le=2100)] = None
) -> HolidayList:
    return HolidayList(
        items=[HolidayOut.model_validate(h) for h in await service.holidays(session, year)]
    )
