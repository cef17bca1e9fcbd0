"""Open311 GeoReport v2 bodies: what the spec names, in its field names and order.

The JSON and the XML answers are rendered from the same models (app.open311.xml writes the
XML), so a field is named once. Times are W3C datetimes in Jakarta time (`+07:00`), seconds
precision, as the spec's examples write them.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, WithJsonSchema

from app.kit.timeutil import JAKARTA

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
JURISDICTION = "jakarta.go.id"


class Format(StrEnum):
    """The two representations every Open311 resource has: the path's suffix."""

    JSON = "json"
    XML = "xml"


def w3c(moment: datetime) -> str:
    """A time as a W3C datetime in Jakarta time: `2026-12-07T09:15:00+07:00`."""
    return moment.astimezone(JAKARTA).replace(microsecond=0).isoformat()


# A time in an answer, written by `w3c`.
W3CDateTime = Annotated[
    datetime,
    PlainSerializer(w3c, return_type=str),
    WithJsonSchema(
        {"type": "string", "format": "date-time", "examples": ["2026-12-07T09:15:00+07:00"]}
    ),
]


class Open311Error(BaseModel):
    """One refusal: the HTTP status again, and what is wrong (naming the field)."""

    code: int = Field(examples=[400])
    description: str = Field(
        examples=["service_code: jalan_tol is not a service; see services.json"]
    )


class Endpoint(BaseModel):
    specification: str = Field(examples=[SPECIFICATION])
    url: str = Field(examples=["https://pintu.jakarta.go.id/open311/v2"])
    changeset: W3CDateTime
    type: str = Field(description="`production` or `test`", examples=["production"])
    formats: list[str] = Field(examples=[["text/xml", "application/json"]])


class Discovery(BaseModel):
    """Where the GeoReport v2 API is and what it speaks (the Open311 discovery document)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "changeset": "2026-12-08T00:00:00+07:00",
                    "contact": "Pintu, Pemerintah Provinsi DKI Jakarta",
                    "key_service": "Keys for POST requests are issued by Pintu's administrators",
                    "endpoints": [
                        {
                            "specification": SPECIFICATION,
                            "url": "https://pintu.jakarta.go.id/open311/v2",
                            "changeset": "2026-12-08T00:00:00+07:00",
                            "type": "production",
                            "formats": ["text/xml", "application/json"],
                        }
                    ],
                }
            ]
        }
    )

    changeset: W3CDateTime
    contact: str
    key_service: str
    endpoints: list[Endpoint]


class Service(BaseModel):
    """A service: one of Pintu's categories of problems about a place."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "service_code": "jalan",
                    "service_name": "Jalan Rusak",
                    "description": "Damaged roads: potholes and damaged pavements; kelurahan, "
                    "then Suku Dinas Bina Marga",
                    "metadata": False,
                    "type": "realtime",
                    "keywords": "damaged roads,jalan rusak",
                    "group": "kelurahan",
                }
            ]
        }
    )

    service_code: str = Field(description="Pintu's category code")
    service_name: str = Field(description="The category's Indonesian name")
    description: str
    metadata: bool = Field(description="Always false: no service asks for extra attributes")
    type: str = Field(description="Always `realtime`")
    keywords: str = Field(description="Comma-separated: the English and Indonesian names")
    group: str = Field(
        description="Who handles it first: `kelurahan`, `kecamatan`, `kota` or `agency`"
    )


class ServiceDefinition(BaseModel):
    """A service's extra attributes: none, for every Pintu service."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"service_code": "jalan", "attributes": []}]}
    )

    service_code: str
    attributes: list[dict[str, Any]] = Field(description="Always empty")


class ServiceRequest(BaseModel):
    """A service request: a complaint about a place, as anyone may see it. No field holds the
    complainant's name or contact; free text has identifiers and the complainant's name struck
    out."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "service_request_id": "WI-2026-000042",
                    "status": "open",
                    "status_notes": "Sudah dicek ke lokasi, perbaikan dijadwalkan.",
                    "service_name": "Jalan Rusak",
                    "service_code": "jalan",
                    "description": "Jalan berlubang di depan SDN 03, membahayakan pengendara.",
                    "agency_responsible": "Kelurahan Gambir",
                    "service_notice": None,
                    "requested_datetime": "2026-12-07T09:15:00+07:00",
                    "updated_datetime": "2026-12-08T10:02:11+07:00",
                    "expected_datetime": "2026-12-17T00:00:00+07:00",
                    "address": "Jl. Medan Merdeka Barat No. 5",
                    "address_id": None,
                    "zipcode": None,
                    "lat": -6.1754,
                    "long": 106.8272,
                    "media_url": None,
                }
            ]
        }
    )

    service_request_id: str = Field(description="The complaint's tracking number")
    status: str = Field(description="`open` or `closed`")
    status_notes: str | None = Field(description="The latest follow-up (tindak lanjut) note")
    service_name: str
    service_code: str
    description: str
    agency_responsible: str | None = Field(description="The unit holding it now")
    service_notice: str | None
    requested_datetime: W3CDateTime
    updated_datetime: W3CDateTime
    expected_datetime: W3CDateTime | None = Field(
        description="When the unit holding it must finish (its assignment's deadline)"
    )
    address: str | None
    address_id: str | None = Field(description="Always null: Pintu has no address ids")
    zipcode: str | None = Field(description="Always null")
    lat: float | None
    long: float | None
    media_url: str | None = Field(description="A mirrored JAKI report's first photo")


class ServiceRequestCreated(BaseModel):
    """A request just recorded: its id, what happens next, and the receipt code."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "service_request_id": "WA-2026-000007",
                    "service_notice": "Diterima sebagai WA-2026-000007. Kode tanda terima "
                    "7KQ2M-XC9RT: simpan untuk melacak laporan, kode ini hanya ditunjukkan "
                    "sekali. Target selesai 7 hari kerja setelah diteruskan ke unit.",
                    "account_id": None,
                    "receipt_code": "7KQ2M-XC9RT",
                }
            ]
        }
    )

    service_request_id: str = Field(description="The complaint's tracking number")
    service_notice: str
    account_id: str | None = Field(description="Always null: Pintu keeps no accounts")
    receipt_code: str | None = Field(
        description="Pintu's addition: the secret the citizen tracks the complaint with, shown "
        "once and stored only as a keyed hash"
    )
