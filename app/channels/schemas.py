"""Channel request and response bodies."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from app.kit.validation import CleanStr, Text

_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


class OpeningHours(BaseModel):
    """When a desk is open: ISO weekdays (1 = Monday) and local times."""

    model_config = ConfigDict(extra="forbid")

    days: list[Annotated[int, Field(ge=1, le=7)]] = Field(
        min_length=1, max_length=7, examples=[[1, 2, 3, 4, 5]]
    )
    opens: str = Field(examples=["08:00"], json_schema_extra={"pattern": _TIME.pattern})
    closes: str = Field(
        examples=["09:30"],
        json_schema_extra={"pattern": _TIME.pattern},
        description="After `opens`",
    )

    @field_validator("days")
    @classmethod
    def _days(cls, value: list[int]) -> list[int]:
        if any(d < 1 or d > 7 for d in value):
            raise ValueError("days are ISO weekdays, 1 (Monday) to 7 (Sunday)")
        return sorted(set(value))

    @field_validator("opens", "closes")
    @classmethod
    def _time(cls, value: str) -> str:
        if not _TIME.match(value):
            raise ValueError("times are HH:MM, 24-hour")
        return value

    @field_validator("closes")
    @classmethod
    def _order(cls, closes: str, info: ValidationInfo) -> str:
        # On the field, not the model, so that the error names closes.
        opens = info.data.get("opens")
        if opens is not None and closes <= opens:
            raise ValueError("closes must be after opens")
        return closes


_EXAMPLE: dict[str, Any] = {
    "code": "walk_in",
    "name": "Pengaduan Langsung Balai Kota",
    "description": "Walk-in desk at the Pendopo of Balai Kota; the complainant brings a KTP.",
    "tracking_prefix": "WI",
    "is_mirror": False,
    "requires_identity": True,
    "location_region_code": "31.71.01.1001",
    "location_name": "Pendopo Balai Kota, Jl. Medan Merdeka Selatan",
    "timezone": "Asia/Jakarta",
    "opening_hours": [{"days": [1, 2, 3, 4, 5], "opens": "08:00", "closes": "09:30"}],
    "is_active": True,
}


class ChannelOut(BaseModel):
    model_config = ConfigDict(from_attributes=True, json_schema_extra={"examples": [_EXAMPLE]})

    code: str
    name: str
    description: str
    tracking_prefix: str = Field(description="Starts this channel's tracking numbers")
    is_mirror: bool = Field(
        description="Complaints are mirrored from another system of record (JAKI) and change "
        "only through its feed"
    )
    requires_identity: bool = Field(
        description="A complaint needs the complainant's name and a NIK or phone"
    )
    location_region_code: str | None
    location_name: str | None
    timezone: str
    opening_hours: list[OpeningHours] | None = Field(
        description="Information only: complaints are accepted at any time"
    )
    is_active: bool


class ChannelCreate(BaseModel):
    """A new channel (admin): adding a door is data, not code."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "code": "walk_in_kota_barat",
                    "name": "Pengaduan Langsung Wali Kota Jakarta Barat",
                    "tracking_prefix": "WB",
                    "requires_identity": True,
                    "location_region_code": "31.73.04.1001",
                    "opening_hours": [
                        {"days": [1, 2, 3, 4, 5], "opens": "08:00", "closes": "15:00"}
                    ],
                }
            ]
        },
    )

    code: str = Field(pattern=r"^[a-z][a-z0-9_]{1,31}$")
    name: Text = Field(max_length=100)
    description: CleanStr = Field(default="", max_length=2000)
    tracking_prefix: str = Field(pattern=r"^[A-Z]{2,4}$")
    requires_identity: bool = False
    location_region_code: CleanStr | None = Field(default=None, max_length=13)
    location_name: Text | None = Field(default=None, max_length=200)
    opening_hours: list[OpeningHours] | None = Field(default=None, min_length=1, max_length=14)


class ChannelList(BaseModel):
    items: list[ChannelOut]
