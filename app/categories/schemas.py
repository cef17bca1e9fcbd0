"""Category response bodies."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class CategoryOut(BaseModel):
    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [
                {
                    "code": "jalan",
                    "name_id": "Jalan Rusak",
                    "name_en": "Damaged roads",
                    "kind": "place",
                    "handled_by": "kelurahan",
                    "description": "Potholes and damaged pavements",
                }
            ]
        },
    )

    code: str = Field(description="Stable code, part of the public contract")
    name_id: str = Field(description="Indonesian name")
    name_en: str = Field(description="English name")
    kind: Literal["person", "place"] = Field(
        description="`person`: the same complaint needs the same complainant; "
        "`place`: the same place and problem, whoever reported it"
    )
    handled_by: Literal["kelurahan", "kecamatan", "kota", "agency"] = Field(
        description="The unit level that usually handles it"
    )
    description: str


class CategoryList(BaseModel):
    items: list[CategoryOut]
