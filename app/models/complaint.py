"""Complaints, their history and the per-channel tracking-number counters."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Computed,
    DateTime,
    Float,
    ForeignKey,
    Identity,
    Index,
    Integer,
    LargeBinary,
    PrimaryKeyConstraint,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, TSVECTOR, UUID
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.kit.orm import Base, CreatedAtMixin
from app.models.mirror import JakiReport
from app.models.statuses import ComplaintStatus

_STATUS_VALUES = ", ".join(repr(s.value) for s in ComplaintStatus)


class Complaint(CreatedAtMixin, Base):
    """One complaint from any channel; personal fields are encrypted with a blind index."""

    __tablename__ = "complaints"
    __table_args__ = (
        CheckConstraint(f"status IN ({_STATUS_VALUES})", name="status"),
        CheckConstraint("lat IS NULL OR (lat BETWEEN -90 AND 90)", name="lat"),
        CheckConstraint("lon IS NULL OR (lon BETWEEN -180 AND 180)", name="lon"),
        CheckConstraint("(lat IS NULL) = (lon IS NULL)", name="point"),
        UniqueConstraint("channel_code", "external_id", name="uq_complaints_channel_external_id"),
        Index("ix_complaints_reported_at_id", "reported_at", "id"),
        Index("ix_complaints_updated_at", "updated_at"),
        Index("ix_complaints_channel_reported_at", "channel_code", "reported_at"),
        Index("ix_complaints_kelurahan_reported_at", "kelurahan_code", "reported_at"),
        Index("ix_complaints_kecamatan_reported_at", "kecamatan_code", "reported_at"),
        Index("ix_complaints_kabkota_reported_at", "kabkota_code", "reported_at"),
        Index("ix_complaints_search_vector", "search_vector", postgresql_using="gin"),
        Index("ix_complaints_match_vector", "match_vector", postgresql_using="gin"),
        Index("ix_complaints_place_keys", "place_keys", postgresql_using="gin"),
        Index(
            "ix_complaints_point_reported_at",
            text("point(lon, lat)"),
            "reported_at",
            postgresql_using="gist",
            postgresql_where=text("lat IS NOT NULL"),
        ),
        Index(
            "ix_complaints_category_kecamatan_reported_at",
            "category_code",
            "kecamatan_code",
            "reported_at",
        ),
        Index(
            "ix_complaints_duplicate_of_id",
            "duplicate_of_id",
            postgresql_where=text("duplicate_of_id IS NOT NULL"),
        ),
        CheckConstraint("duplicate_of_id <> id", name="not_own_duplicate"),
    )

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    tracking_number: Mapped[str] = mapped_column(String(20), nullable=False, unique=True)
    channel_code: Mapped[str] = mapped_column(
        String(32), ForeignKey("channels.code"), nullable=False
    )
    external_id: Mapped[str | None] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(20), nullable=False, index=True)
    category_code: Mapped[str] = mapped_column(
        String(32), ForeignKey("categories.code"), nullable=False
    )
    description: Mapped[str] = mapped_column(Text, nullable=False)
    # Kecamatan and kota are copied from the kelurahan so a filter at any level uses an index.
    kelurahan_code: Mapped[str] = mapped_column(
        String(13), ForeignKey("regions.code"), nullable=False
    )
    kecamatan_code: Mapped[str] = mapped_column(String(13), nullable=False)
    kabkota_code: Mapped[str] = mapped_column(String(13), nullable=False)
    address: Mapped[str | None] = mapped_column(String(500))
    rt: Mapped[str | None] = mapped_column(String(3))
    rw: Mapped[str | None] = mapped_column(String(3))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    reported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), nullable=False
    )
    complainant_name: Mapped[str | None] = mapped_column(String(200))
    # AES-GCM ciphertexts and HMAC blind indexes: a dump shows neither values nor plain hashes.
    nik_encrypted: Mapped[bytes | None] = mapped_column(LargeBinary)
    nik_index: Mapped[bytes | None] = mapped_column(LargeBinary, index=True)
    phone_encrypted: Mapped[bytes | None] = mapped_column(LargeBinary)
    phone_index: Mapped[bytes | None] = mapped_column(LargeBinary, index=True)
    email_encrypted: Mapped[bytes | None] = mapped_column(LargeBinary)
    email_index: Mapped[bytes | None] = mapped_column(LargeBinary, index=True)
    created_by_key_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("api_keys.id", ondelete="SET NULL")
    )
    version: Mapped[int] = mapped_column(Integer, nullable=False, server_default="1")
    # A keyed hash of the receipt code the citizen tracks it with (app.kit.security.receipt_
    # code_hash); null for a JAKI report, tracked in JAKI, and for complaints from before codes.
    receipt_code_hash: Mapped[bytes | None] = mapped_column(LargeBinary(32))
    # Set when the complainant's personal data was erased on request (`pintu pdp-erase`): a
    # later update of the same report from a feed must not bring it back.
    personal_data_erased_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The status in the words of the channel's own system of record (JAKI's), when it has one.
    source_status: Mapped[str | None] = mapped_column(String(40))
    # The unit holding it now (its active assignment) and how it got there, for scoping and
    # for JAKI's words (Koordinasi, Disposisi).
    assigned_unit_code: Mapped[str | None] = mapped_column(
        String(40), ForeignKey("units.code"), index=True
    )
    routing_kind: Mapped[str | None] = mapped_column(String(20))
    jaki: Mapped[JakiReport | None] = relationship(lazy="raise", uselist=False)
    # Search vectors are only ever read by the database: never loaded with the row.
    search_vector: Mapped[Any] = mapped_column(
        TSVECTOR,
        Computed(
            "to_tsvector('simple'::regconfig, "
            "coalesce(description, '') || ' ' || coalesce(address, ''))",
            persisted=True,
        ),
        deferred=True,
    )
    # Description and address normalised for matching (app.kit.textnorm), set at ingest.
    match_text: Mapped[str | None] = mapped_column(Text)
    match_vector: Mapped[Any] = mapped_column(
        TSVECTOR,
        Computed("to_tsvector('simple'::regconfig, coalesce(match_text, ''))", persisted=True),
        deferred=True,
    )
    # The streets and gangs it names, each with its kabupaten/kota (app.kit.textnorm.place_keys),
    # set with the match text; null until worked out (`pintu dedup-reindex` fills it in).
    place_keys: Mapped[list[str] | None] = mapped_column(ARRAY(Text))
    # Its street, gang, house number and RT/RW as the matcher reads them
    # (app.kit.textnorm.place_record), set with the place keys, so a candidate met in many
    # searches is not parsed again; null until worked out (`pintu dedup-reindex`).
    place_record: Mapped[str | None] = mapped_column(Text)
    # The complaint this one duplicates: it follows that one's status ("link, don't close").
    duplicate_of_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("complaints.id")
    )
    duplicate_of: Mapped[Complaint | None] = relationship(
        lazy="raise", remote_side=[id], foreign_keys=[duplicate_of_id]
    )


class ComplaintEvent(Base):
    """One line of a complaint's history: what changed, who did it, when, and why."""

    __tablename__ = "complaint_events"
    __table_args__ = (Index("ix_complaint_events_complaint_id_id", "complaint_id", "id"),)

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    complaint_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("complaints.id", ondelete="CASCADE"), nullable=False
    )
    kind: Mapped[str] = mapped_column(String(30), nullable=False)
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str | None] = mapped_column(String(20))
    # Field-level changes, {"field": {"from": …, "to": …}}; personal fields are never stored here.
    changes: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    note: Mapped[str | None] = mapped_column(Text)
    actor_key_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("api_keys.id", ondelete="SET NULL")
    )
    actor_name: Mapped[str] = mapped_column(String(100), nullable=False)
    actor_role: Mapped[str] = mapped_column(String(20), nullable=False)
    occurred_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), nullable=False
    )


class TrackingCounter(Base):
    """The last tracking-number serial handed out per channel and year."""

    __tablename__ = "tracking_counters"
    __table_args__ = (PrimaryKeyConstraint("channel_code", "year"),)

    channel_code: Mapped[str] = mapped_column(
        String(32), ForeignKey("channels.code"), nullable=False
    )
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    last_value: Mapped[int] = mapped_column(Integer, nullable=False)
