"""Complaint request and response bodies, with the validation every client gets."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any, Literal

from fastapi import Path
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    JsonValue,
    ValidationInfo,
    field_validator,
    model_validator,
)

from app.kit.paging import CursorPage
from app.kit.validation import CleanStr, Documented, Text, Timestamp
from app.matching import CandidateOut
from app.models.statuses import ComplaintStatus
from app.personal import normalize_email, normalize_nik, normalize_phone

# The box around the mainland and Kepulauan Seribu.
LAT_MIN, LAT_MAX = -6.40, -5.10
LON_MIN, LON_MAX = 106.30, 107.00
KELURAHAN_CODE = r"^31\.\d{2}\.\d{2}\.\d{4}$"
_RT_RW = re.compile(r"^[0-9]{1,3}$")
# Clocks on desks and phones drift; a few minutes ahead is not "the future".
FUTURE_TOLERANCE = timedelta(minutes=10)


def _rt_rw(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    if not _RT_RW.match(value) or int(value) == 0:
        raise ValueError("must be a number from 1 to 999, as in RT 005")
    return f"{int(value):03d}"


# 1 to 999 with up to three digits ("5", "05", "005"), spaces around allowed.
RtRw = (
    Annotated[
        str,
        Field(max_length=3),
        AfterValidator(_rt_rw),
        Documented(r"^\s*(?:0{0,2}[1-9]|0?[1-9][0-9]|[1-9][0-9]{2})\s*$"),
    ]
    | None
)

Latitude = Annotated[
    float,
    Field(ge=LAT_MIN, le=LAT_MAX, description="WGS84 latitude inside Jakarta", examples=[-6.1815]),
]
Longitude = Annotated[
    float,
    Field(
        ge=LON_MIN, le=LON_MAX, description="WGS84 longitude inside Jakarta", examples=[106.8283]
    ),
]


class ComplainantIn(BaseModel):
    """Who complains. NIK, phone and e-mail are encrypted at rest and never echoed in errors."""

    model_config = ConfigDict(extra="forbid")

    name: Annotated[Text, Field(max_length=200)] | None = Field(
        default=None, examples=["Siti Rahmawati"]
    )
    nik: str | None = Field(
        default=None,
        max_length=32,
        description="16-digit NIK from the KTP",
        examples=["3171014505900002"],
    )
    phone: str | None = Field(
        default=None,
        max_length=32,
        description="08…, 628…, +62 … or +62 (0)…; stored as E.164",
        examples=["0812-3456-7890"],
    )
    email: str | None = Field(default=None, max_length=254, examples=["siti@example.com"])

    @field_validator("nik")
    @classmethod
    def _nik(cls, value: str | None) -> str | None:
        return None if value is None else normalize_nik(value)

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str | None) -> str | None:
        return None if value is None else normalize_phone(value)

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        return None if value is None else normalize_email(value)


_CREATE_EXAMPLE: dict[str, Any] = {
    "channel": "walk_in",
    "category": "bansos",
    "description": "Bansos BPNT bulan Oktober belum diterima, padahal sudah terdaftar di DTKS.",
    "kelurahan_code": "31.71.06.1003",
    "address": "Jl. Cikini Raya Gg. 5 No. 12",
    "rt": "005",
    "rw": "003",
    "lat": -6.1860,
    "lon": 106.8555,
    "complainant": {"name": "Siti Rahmawati", "nik": "3171014505900002", "phone": "0812-3456-7890"},
}


# A point is both coordinates or neither, said in the schema as well as checked: a number in
# one asks for a number in the other. Stated as `if`/`then` in `allOf`, which client generators
# pass over, rather than an `anyOf` of partial objects, which they read as a union of two
# models holding only lat and lon (openapi-python-client does).
_POINT_OR_NONE: list[JsonValue] = [
    {
        "if": {"required": [given], "properties": {given: {"type": "number"}}},
        "then": {"required": [other], "properties": {other: {"type": "number"}}},
    }
    for given, other in (("lat", "lon"), ("lon", "lat"))
]


class ComplaintCreate(BaseModel):
    """A new complaint. A walk-in complaint needs the complainant's name and a NIK or phone."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [_CREATE_EXAMPLE], "allOf": _POINT_OR_NONE},
    )

    channel: CleanStr = Field(
        default="walk_in",
        max_length=32,
        description="The door the complaint came through, a code of `GET /v1/channels`. A desk "
        "or admin key may use any active channel that is no mirror and is not an app's own (no "
        "client key is bound to it; such a channel is 409): `walk_in` (the default), "
        "`email`, `whatsapp`… A client key records in its own channel only (the default for "
        "it; another is 403). `jaki` is always 409: it is the mirror of JAKI, whose reports "
        "arrive only through the JAKI feed (docs/jaki-feed.md). An unknown or inactive "
        "channel is 422.",
        examples=["walk_in"],
    )
    external_id: CleanStr | None = Field(
        default=None,
        min_length=1,
        max_length=100,
        description="The complaint's id in the channel's own system, if it has one; unique per "
        "channel (a second complaint with it is 409, naming the first when the key may see "
        "it). Find the complaint by it with `GET /v1/channels/{code}/complaints/{external_id}`",
    )
    category: CleanStr = Field(max_length=32, examples=["bansos"])
    description: Annotated[Text, Field(max_length=5000)]
    kelurahan_code: str = Field(pattern=KELURAHAN_CODE, examples=["31.71.06.1003"])
    address: Annotated[Text, Field(max_length=500)] | None = None
    rt: RtRw = Field(default=None, examples=["005"])
    rw: RtRw = Field(default=None, examples=["003"])
    lat: Latitude | None = None
    lon: Longitude | None = Field(default=None, validate_default=True)
    reported_at: Timestamp | None = Field(
        default=None,
        description="When the citizen complained; default now. Without an offset, Jakarta time.",
    )
    complainant: ComplainantIn | None = None

    @field_validator("reported_at")
    @classmethod
    def _reported_at(cls, value: datetime | None) -> datetime | None:
        if value is not None and value > datetime.now(UTC) + FUTURE_TOLERANCE:
            raise ValueError("reported_at cannot be in the future")
        return value

    @field_validator("lon")
    @classmethod
    def _point(cls, value: float | None, info: ValidationInfo) -> float | None:
        if "lat" in info.data and (info.data["lat"] is None) != (value is None):
            raise ValueError("lat and lon come together")
        return value


_KEPT = ("description", "category", "kelurahan_code")


def _patch_shape(schema: dict[str, Any]) -> None:
    # What the validator below checks, for clients and generated tests: at least one field;
    # a field that cannot be removed takes no null; lat and lon together, both null or neither.
    schema["examples"] = [{"category": "saluran", "address": "Jl. Cikini Raya Gg. 5, depan musala"}]
    schema["minProperties"] = 1
    for name in _KEPT:
        field = schema["properties"][name]
        choices = [c for c in field.pop("anyOf") if c.get("type") != "null"]
        field.update(choices[0])
    schema["dependentRequired"] = {"lat": ["lon"], "lon": ["lat"]}
    schema["allOf"] = _POINT_OR_NONE


class ComplaintPatch(BaseModel):
    """Corrections to a complaint: description, category and location. Send only what changes."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=_patch_shape)

    description: Annotated[Text, Field(max_length=5000)] | None = None
    category: CleanStr | None = Field(default=None, max_length=32)
    kelurahan_code: str | None = Field(default=None, pattern=KELURAHAN_CODE)
    address: Annotated[Text, Field(max_length=500)] | None = None
    rt: RtRw = None
    rw: RtRw = None
    lat: Latitude | None = None
    lon: Longitude | None = None

    @model_validator(mode="after")
    def _shape(self) -> ComplaintPatch:
        if not self.model_fields_set:
            raise ValueError("send at least one field to change")
        for name in _KEPT:
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{name} cannot be removed")
        if ("lat" in self.model_fields_set) != ("lon" in self.model_fields_set) or (
            (self.lat is None) != (self.lon is None)
        ):
            raise ValueError("lat and lon change together")
        return self


class StatusChange(BaseModel):
    """A status move by hand, with the reason."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"status": "verified", "note": "KTP dicek, data DTKS cocok."}]
        },
    )

    status: ComplaintStatus
    note: Annotated[Text, Field(max_length=2000)]


class ComplainantOut(BaseModel):
    """The complainant; name, NIK, phone and e-mail masked unless the role needs them."""

    name: str | None = Field(examples=["S*** R***"])
    nik: str | None = Field(examples=["3171********0002"])
    phone: str | None = Field(examples=["+62812****7890"])
    email: str | None = Field(examples=["s***@example.com"])
    masked: bool = Field(description="Whether name, nik, phone and email are masked")


class ComplaintOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "0b6f3c52-8f3e-4d59-9a51-3f6d2b8f4c11",
                    "tracking_number": "WI-2026-000042",
                    "channel": "walk_in",
                    "external_id": None,
                    "status": "received",
                    "jaki_status": "Menunggu",
                    "open311_status": "open",
                    "category": "bansos",
                    "description": str(_CREATE_EXAMPLE["description"]),
                    "kelurahan_code": "31.71.06.1003",
                    "kecamatan_code": "31.71.06",
                    "kabkota_code": "31.71",
                    "address": "Jl. Cikini Raya Gg. 5 No. 12",
                    "rt": "005",
                    "rw": "003",
                    "lat": -6.186,
                    "lon": 106.8555,
                    "reported_at": "2026-11-27T08:12:00+07:00",
                    "created_at": "2026-11-27T01:12:03Z",
                    "updated_at": "2026-11-27T01:12:03Z",
                    "complainant": {
                        "name": "S*** R***",
                        "nik": "3171********0002",
                        "phone": "+62812****7890",
                        "email": None,
                        "masked": True,
                    },
                    "version": 1,
                }
            ]
        }
    )

    id: uuid.UUID
    tracking_number: str = Field(description="Channel prefix, year and serial")
    channel: str
    external_id: str | None
    status: ComplaintStatus
    jaki_status: str = Field(description="The status in JAKI's words (docs/statuses.md)")
    open311_status: str = Field(description="`open` or `closed`, as Open311 GeoReport v2")
    category: str
    description: str
    kelurahan_code: str
    kecamatan_code: str
    kabkota_code: str
    address: str | None
    rt: str | None
    rw: str | None
    lat: float | None
    lon: float | None
    reported_at: datetime
    created_at: datetime
    updated_at: datetime
    complainant: ComplainantOut | None
    assigned_unit_code: str | None = Field(
        default=None, description="The unit holding it now (its open assignment)"
    )
    jaki: JakiDetails | None = Field(
        default=None, description="For a mirrored JAKI report (channel `jaki`): JAKI's fields"
    )
    duplicate_of: LinkOut | LinkOutsideScope | None = Field(
        default=None,
        description="For a linked duplicate (status `linked`): the complaint it follows. Its "
        "`jaki_status` and `open311_status` are that complaint's. To an agency key whose unit "
        'was never assigned that complaint, only `{"outside_scope": true}`, and '
        "`jaki_status` and `open311_status` are this complaint's own (`Menunggu`, `open`).",
    )
    version: int


class LinkOut(BaseModel):
    """The complaint a linked duplicate follows: its state now, and JAKI's follow-ups."""

    outside_scope: Literal[False] = Field(
        default=False, description="False: the key may see the complaint this one follows"
    )
    id: uuid.UUID
    tracking_number: str
    channel: str
    external_id: str | None
    status: ComplaintStatus
    jaki_status: str
    assigned_unit_code: str | None
    updated_at: datetime
    follow_ups: list[JakiFollowUpOut] = Field(
        description="A mirrored JAKI report's follow-ups (tindak lanjut), newest last"
    )


class LinkOutsideScope(BaseModel):
    """The complaint a linked duplicate follows lies outside the key's scope (an agency key
    whose unit was never assigned it): only that there is one is shown."""

    model_config = ConfigDict(extra="forbid")

    outside_scope: Literal[True] = Field(
        default=True, description="True: the complaint this one follows is not shown"
    )


class JakiFollowUpOut(BaseModel):
    at: datetime
    unit: str
    note: str


class JakiDetails(BaseModel):
    """What JAKI says of a mirrored report beyond the complaint itself."""

    category_text: str = Field(description="JAKI's category, in its words")
    is_public: bool
    photo_urls: list[str]
    support_count: int
    follow_ups: list[JakiFollowUpOut]
    kelurahan_source: str = Field(
        description="`feed` (JAKI gave it), `address` (the address names it, or the description "
        'after "kel.", near the point) or `nearest_point` (the kelurahan whose reference point '
        "is nearest)"
    )
    kelurahan_distance_m: float | None = Field(
        description="With `address` or `nearest_point`: metres from the kelurahan's reference point"
    )
    jaki_updated_at: datetime
    raw_fields: list[str] | None = Field(
        description="Names of the feed's fields Pintu does not interpret, sorted: a name may be "
        "personal data too (an e-mail address used as a key), so like `raw`, only for roles "
        "that see it; null for others"
    )
    raw: dict[str, Any] | None = Field(
        description="Those fields as JAKI sent them: they may hold personal data, so only for "
        "roles that see it (desk, admin); null for others"
    )


class ComplaintPage(CursorPage):
    items: list[ComplaintOut] = Field(description="Newest first (by `reported_at`, then id)")


class Actor(BaseModel):
    name: str
    role: str


class HistoryEvent(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": 17,
                    "kind": "status_changed",
                    "from_status": "received",
                    "to_status": "verified",
                    "changes": None,
                    "note": "KTP dicek, data DTKS cocok.",
                    "actor": {"name": "Meja pengaduan Balai Kota 1", "role": "desk"},
                    "occurred_at": "2026-11-27T01:20:00Z",
                }
            ]
        }
    )

    id: int
    kind: str = Field(description="created, updated or status_changed")
    from_status: str | None
    to_status: str | None
    changes: dict[str, Any] | None = Field(
        description="Changed fields with old and new values. Null on a link event (`linked`, "
        "`unlinked`, `duplicate_linked`, `duplicate_unlinked`) whose other complaint is outside "
        "the key's scope"
    )
    note: str | None
    actor: Actor
    occurred_at: datetime


class ComplaintHistory(BaseModel):
    complaint_id: uuid.UUID
    tracking_number: str
    events: list[HistoryEvent]


# Resolve the forward references now, so models built on these (in other modules) are complete.
ComplaintOut.model_rebuild()


class ComplaintIntakeOut(ComplaintOut):
    """A new complaint, with what the JAKI mirror already holds of the same problem."""

    possible_duplicates: list[CandidateOut] = Field(
        description="Earlier JAKI reports that may be this complaint, best first (at most 5); "
        "they are kept for review (`GET /v1/dedup/review`). Empty for a client key: they are "
        "other channels' reports"
    )
    receipt_code: str = Field(
        description="The code the complainant tracks the complaint with, with its tracking "
        "number (`GET /v1/track/{tracking_number}`); shown only now, print it on the receipt",
        examples=["7KQ2M-XC9RT"],
    )


class ReceiptCodeOut(BaseModel):
    """A new receipt code for a complaint: the old one no longer works."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "tracking_number": "WI-2026-000051",
                    "receipt_code": "7KQ2M-XC9RT",
                    "track_url": "/v1/track/WI-2026-000051",
                }
            ]
        }
    )

    tracking_number: str
    receipt_code: str = Field(description="Shown only now; only its hash is stored")
    track_url: str = Field(description="Where the complainant looks it up, with the code")


# A complaint named in a path: its id or its tracking number.
ComplaintRef = Annotated[
    CleanStr,
    Path(
        min_length=1,
        max_length=40,
        description="The complaint's id or tracking number",
        examples=["WI-2026-000042"],
    ),
]
