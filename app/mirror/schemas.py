"""The JAKI report as Pintu accepts it (docs/jaki-feed.md), and the batch endpoint's bodies."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, field_validator, model_validator
from pydantic_core import PydanticCustomError

from app.complaints import KELURAHAN_CODE, ComplainantIn, Latitude, Longitude
from app.kit.errors import echoable, field_path
from app.kit.validation import CleanStr, Text, Timestamp, unstorable_at

MAX_BATCH = 1000

# JAKI's status words, as Pintu writes them; the feed may use any case.
JAKI_STATUSES = ("Menunggu", "Koordinasi", "Disposisi", "Proses", "Selesai", "Ditolak")
_BY_LOWER = {s.lower(): s for s in JAKI_STATUSES}


class JakiReporter(ComplainantIn):
    """The reporter; absent for an anonymous one. Unknown fields here are not stored: personal
    data Pintu does not need is not kept (UU PDP, data minimisation)."""

    model_config = ConfigDict(extra="ignore")


class JakiFollowUp(BaseModel):
    """One of JAKI's follow-up notes (tindak lanjut)."""

    model_config = ConfigDict(extra="forbid")

    at: Timestamp
    unit: Annotated[Text, Field(max_length=200)]
    note: Annotated[Text, Field(max_length=5000)]


def _echoable(path: tuple[str | int, ...]) -> str | None:
    # Where in the uninterpreted fields the error is, repeated (and so in the sync job's log)
    # only if every name on the way is one that cannot be personal data (app.kit.errors.echoable).
    return field_path(path) if all(map(echoable, path)) else None


class JakiReportIn(BaseModel):
    """One JAKI report; fields Pintu does not know are kept as given (`model_extra`), as long as
    PostgreSQL and UTF-8 can carry them."""

    model_config = ConfigDict(extra="allow", str_strip_whitespace=False)

    id: Annotated[Text, Field(max_length=100)]
    created_at: Timestamp
    updated_at: Timestamp
    status: str
    category: Annotated[Text, Field(max_length=200)]
    description: Annotated[Text, Field(max_length=5000)]
    lat: Latitude | None = None
    lon: Longitude | None = Field(default=None, validate_default=True)
    address: Annotated[Text, Field(max_length=500)] | None = None
    kelurahan_code: str | None = Field(default=None, pattern=KELURAHAN_CODE)
    reporter: JakiReporter | None = None
    is_public: bool = True
    photo_urls: list[HttpUrl] = Field(default_factory=list, max_length=20)
    support_count: int = Field(default=0, ge=0, le=10_000_000)
    follow_ups: list[JakiFollowUp] = Field(default_factory=list, max_length=100)

    @model_validator(mode="before")
    @classmethod
    def _storable_extras(cls, data: Any) -> Any:
        # The named fields refuse NUL and lone surrogates themselves; the others are kept as
        # given, so they are checked here, names too and at any depth: once stored, such a
        # value could not be written into a response. Before the fields are read, since
        # pydantic refuses a lone surrogate in a top-level name without saying where.
        if not isinstance(data, dict):
            return data
        extras = {k: v for k, v in data.items() if k not in cls.model_fields}
        where = unstorable_at(extras)
        if where is not None:
            raise PydanticCustomError(
                "unstorable_text",
                "a field Pintu does not interpret holds a NUL character or a lone surrogate, "
                "which cannot be stored",
                {"field": _echoable(where)},  # the error's own location is the whole report
            )
        return data

    @field_validator("status")
    @classmethod
    def _status(cls, value: str) -> str:
        word = _BY_LOWER.get(value.strip().lower())
        if word is None:
            raise ValueError(f"must be one of {', '.join(JAKI_STATUSES)}")
        return word

    @field_validator("lon")
    @classmethod
    def _point(cls, value: float | None, info: Any) -> float | None:
        if "lat" in info.data and (info.data["lat"] is None) != (value is None):
            raise ValueError("lat and lon come together")
        return value

    @model_validator(mode="after")
    def _placed(self) -> JakiReportIn:
        if self.kelurahan_code is None and self.lat is None:
            raise ValueError("a report needs kelurahan_code or a point (lat, lon)")
        if self.updated_at < self.created_at:
            raise ValueError("updated_at is before created_at")
        if self.model_extra:
            for key in self.model_extra:
                if len(key) > 100:
                    raise ValueError("unknown field names are at most 100 characters")
        return self


_EXAMPLE_REPORT: dict[str, Any] = {
    "id": "JAKI-2026-0012345",
    "created_at": "2026-10-03T07:41:12+07:00",
    "updated_at": "2026-10-05T10:02:55+07:00",
    "status": "Proses",
    "category": "Jalan Rusak",
    "description": "jln rusak parah depan SDN 03, udh bbrp kali motor jatoh. tlg segera diperbaiki",
    "lat": -6.18231,
    "lon": 106.84112,
    "address": "Jl. Cikini Raya Gg. 5 No. 12, RT 05/RW 03",
    "kelurahan_code": "31.71.06.1003",
    "reporter": {"name": "Budi Santoso", "phone": "+6281234567890"},
    "is_public": True,
    "photo_urls": ["https://jaki.jakarta.go.id/media/r/0012345-1.jpg"],
    "support_count": 14,
    "follow_ups": [
        {
            "at": "2026-10-04T09:15:00+07:00",
            "unit": "Kelurahan Cikini",
            "note": "Laporan diteruskan ke Suku Dinas Bina Marga Jakarta Pusat",
        }
    ],
}


class BatchIn(BaseModel):
    """Up to 1,000 reports; each is checked on its own, so one bad report refuses only itself."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"reports": [_EXAMPLE_REPORT]}]}
    )

    # Items are checked one by one by the service (JakiReportIn), so that a malformed report
    # is refused alone, with its index, instead of failing the whole batch.
    reports: list[Any] = Field(
        min_length=1, max_length=MAX_BATCH, description="JAKI reports, shaped as JakiReportIn"
    )


class ReportError(BaseModel):
    """A refused report: where it was in the batch, its id if readable, and why."""

    index: int
    id: CleanStr | None = None
    field: str | None = None
    detail: str


class BatchResult(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "created": 812,
                    "updated": 120,
                    "unchanged": 61,
                    "stale": 5,
                    "errors": [
                        {
                            "index": 17,
                            "id": "JAKI-2026-0012362",
                            "field": "reporter.nik",
                            "detail": "NIK does not hold a valid date of birth",
                        }
                    ],
                }
            ]
        }
    )

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    stale: int = 0
    errors: list[ReportError] = Field(default_factory=list)

    def add(self, other: BatchResult, *, index_offset: int = 0) -> None:
        """Fold another batch's result into this one."""
        self.created += other.created
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.stale += other.stale
        self.errors += [
            e.model_copy(update={"index": e.index + index_offset}) for e in other.errors
        ]


class SyncFailure(BaseModel):
    at: datetime = Field(description="When the pull stopped on the error")
    error: str = Field(description="What stopped it, in a few words (never personal data)")


class SyncStatusOut(BaseModel):
    """The JAKI pull sync (`pintu sync-jaki`) as stored by the job: docs/operations.md."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "state": "ok",
                    "feed_url_configured": True,
                    "cursor": "eyJhZnRlciI6IDEyMzQ1fQ",
                    "reports_seen": 12345,
                    "last_attempt_at": "2026-12-09T03:14:00Z",
                    "last_success_at": "2026-12-09T03:14:01Z",
                    "newest_report_at": "2026-12-09T03:12:40Z",
                    "lag_seconds": 42.5,
                    "stale_after_seconds": 900.0,
                    "last_error": "the feed failed 8 times; last: HTTP 503",
                    "last_error_at": "2026-12-08T22:05:13Z",
                    "failures_total": 3,
                    "recent_failures": [
                        {
                            "at": "2026-12-08T22:05:13Z",
                            "error": "the feed failed 8 times; last: HTTP 503",
                        }
                    ],
                }
            ]
        }
    )

    state: str = Field(
        description="`ok`; `stale`: no pull has reached the end of the feed for "
        "`stale_after_seconds` (or ever); `failing`: the last pull stopped on an error and "
        "none has reached the end since; `not_configured`: JAKI_FEED_URL is not set"
    )
    feed_url_configured: bool = Field(description="Whether JAKI_FEED_URL is set")
    cursor: str | None = Field(description="The feed's cursor after the last stored page")
    reports_seen: int = Field(description="Reports read from the feed, all pulls together")
    last_attempt_at: datetime | None = Field(description="When a pull last began a round")
    last_success_at: datetime | None = Field(
        description="When a pull last reached the end of the feed"
    )
    newest_report_at: datetime | None = Field(
        description="The newest `updated_at` among the reports read"
    )
    lag_seconds: float | None = Field(
        description="Seconds since `last_success_at`: how old the mirror's view of JAKI may be"
    )
    stale_after_seconds: float = Field(description="JAKI_SYNC_STALE_AFTER")
    last_error: str | None = Field(description="The error that last stopped a pull")
    last_error_at: datetime | None
    failures_total: int = Field(description="Pulls stopped by an error, ever")
    recent_failures: list[SyncFailure] = Field(description="The last ten, newest first")
