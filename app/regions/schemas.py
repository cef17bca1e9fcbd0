"""Region response bodies."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from app.kit.paging import OffsetPage


class RegionLevel(StrEnum):
    PROVINSI = "provinsi"
    KABKOTA = "kabkota"
    KECAMATAN = "kecamatan"
    KELURAHAN = "kelurahan"


class RegionOut(BaseModel):
    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [
                {
                    "code": "31.71.01.1001",
                    "name": "Gambir",
                    "level": "kelurahan",
                    "parent_code": "31.71.01",
                    "lat": -6.1725,
                    "lon": 106.8237,
                }
            ]
        },
    )

    code: str = Field(description="Kemendagri code, PP.KK.CC.NNNN")
    name: str
    level: RegionLevel
    parent_code: str | None
    lat: float | None = Field(description="A point inside the kelurahan (kelurahan only)")
    lon: float | None


class RegionDetail(RegionOut):
    parents: list[RegionOut] = Field(description="From the province down to the direct parent")


class RegionPage(OffsetPage):
    items: list[RegionOut]
