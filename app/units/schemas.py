"""Unit response bodies."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from app.kit.paging import OffsetPage


class UnitKind(StrEnum):
    KELURAHAN = "kelurahan"
    KECAMATAN = "kecamatan"
    KOTA = "kota"
    DINAS = "dinas"
    SUKU_DINAS = "suku_dinas"
    BADAN = "badan"


class UnitOut(BaseModel):
    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [
                {
                    "code": "dinas-bina-marga-31.71",
                    "name": "Suku Dinas Bina Marga Jakarta Pusat",
                    "kind": "suku_dinas",
                    "region_code": "31.71",
                    "parent_code": "dinas-bina-marga",
                }
            ]
        },
    )

    code: str = Field(description="Stable code, e.g. kelurahan-31.71.01.1001, dinas-sosial")
    name: str
    kind: UnitKind = Field(
        description="kelurahan, kecamatan or kota office; dinas (provincial agency), its "
        "suku_dinas in one kota; badan: another provincial body (a biro, PAM Jaya)"
    )
    region_code: str = Field(description="The region it serves (31 for the province)")
    parent_code: str | None = Field(description="Where its work escalates to")


class UnitPage(OffsetPage):
    items: list[UnitOut]
