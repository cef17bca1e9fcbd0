"""Reference data: regions, complaint categories and intake channels."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, CheckConstraint, Float, ForeignKey, Integer, String, Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from app.kit.orm import Base

REGION_LEVELS = ("provinsi", "kabkota", "kecamatan", "kelurahan")
CATEGORY_KINDS = ("person", "place")
HANDLER_LEVELS = ("kelurahan", "kecamatan", "kota", "agency")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Region(Base):
    """A Kemendagri region of DKI Jakarta: province, kota/kabupaten, kecamatan or kelurahan."""

    __tablename__ = "regions"
    __table_args__ = (CheckConstraint(_in("level", REGION_LEVELS), name="level"),)

    code: Mapped[str] = mapped_column(String(13), primary_key=True)
    name: Mapped[str] = mapped_column(String(100), nullable=False)
    level: Mapped[str] = mapped_column(String(10), nullable=False, index=True)
    parent_code: Mapped[str | None] = mapped_column(
        String(13), ForeignKey("regions.code"), index=True
    )
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)


class Category(Base):
    """A complaint category; its code is part of the public contract."""

    __tablename__ = "categories"
    __table_args__ = (
        CheckConstraint(_in("kind", CATEGORY_KINDS), name="kind"),
        CheckConstraint(_in("handled_by", HANDLER_LEVELS), name="handled_by"),
    )

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name_id: Mapped[str] = mapped_column(String(100), nullable=False)
    name_en: Mapped[str] = mapped_column(String(100), nullable=False)
    kind: Mapped[str] = mapped_column(String(10), nullable=False)
    handled_by: Mapped[str] = mapped_column(String(10), nullable=False)
    description: Mapped[str] = mapped_column(Text, nullable=False, server_default="")
    sort_order: Mapped[int] = mapped_column(Integer, nullable=False, server_default="0")
    # Deadlines in working days: respond (accept or return) and finish (follow-up, complete).
    respond_days: Mapped[int] = mapped_column(Integer, nullable=False, server_default="3")
    finish_days: Mapped[int] = mapped_column(Integer, nullable=False, server_default="7")
    # The provincial agency whose Suku Dinas handles it, when one does.
    agency_code: Mapped[str | None] = mapped_column(String(40), ForeignKey("units.code"))


class Channel(Base):
    """A door complaints come through (walk-in desk, JAKI, LAPOR!, …); adding one is data."""

    __tablename__ = "channels"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(100), nullable=False)
    description: Mapped[str] = mapped_column(Text, nullable=False, server_default="")
    tracking_prefix: Mapped[str] = mapped_column(String(4), nullable=False, unique=True)
    # A mirror channel's complaints belong to another system of record (JAKI): only its feed
    # writes them, never a person through the API.
    is_mirror: Mapped[bool] = mapped_column(Boolean, nullable=False, server_default="false")
    requires_identity: Mapped[bool] = mapped_column(Boolean, nullable=False, server_default="false")
    location_region_code: Mapped[str | None] = mapped_column(String(13), ForeignKey("regions.code"))
    location_name: Mapped[str | None] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(40), nullable=False, server_default="Asia/Jakarta")
    # [{"days": [1, 2, 3, 4, 5], "opens": "08:00", "closes": "09:30"}], ISO weekdays.
    opening_hours: Mapped[list[dict[str, Any]] | None] = mapped_column(JSONB)
    is_active: Mapped[bool] = mapped_column(Boolean, nullable=False, server_default="true")
    sort_order: Mapped[int] = mapped_column(Integer, nullable=False, server_default="0")
