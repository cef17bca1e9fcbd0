"""Units that handle complaints (kelurahan, kecamatan and kota offices, agencies and their
branches), and the calendar of days off that deadlines skip."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Integer, String, true
from sqlalchemy.orm import Mapped, mapped_column

from app.kit.orm import Base

UNIT_KINDS = ("kelurahan", "kecamatan", "kota", "dinas", "suku_dinas", "badan")
HOLIDAY_KINDS = ("national", "cuti_bersama", "provisional")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Unit(Base):
    """An office that can be assigned a complaint; `parent_code` is where it escalates to."""

    __tablename__ = "units"
    __table_args__ = (CheckConstraint(_in("kind", UNIT_KINDS), name="kind"),)

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    kind: Mapped[str] = mapped_column(String(20), nullable=False, index=True)
    # The region it serves: its own for a kelurahan/kecamatan/kota office or a Suku Dinas
    # (its kota); the province for a provincial agency.
    region_code: Mapped[str] = mapped_column(
        String(13), ForeignKey("regions.code"), nullable=False, index=True
    )
    parent_code: Mapped[str | None] = mapped_column(
        String(40), ForeignKey("units.code"), index=True
    )
    sort_order: Mapped[int] = mapped_column(Integer, nullable=False, server_default="0")


class Holiday(Base):
    """A day off in Jakarta: national holiday or cuti bersama (SKB 3 Menteri)."""

    __tablename__ = "holidays"
    __table_args__ = (CheckConstraint(_in("kind", HOLIDAY_KINDS), name="kind"),)

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)


class HolidayCalendar(Base):
    """What the days off cover: one row, written by the migration that ships the days.

    Not derived from the days themselves: a year's last holiday is 25 or 26 December, and a
    migration may add one known future day (an election) without covering that year. A
    deadline that would need a day outside `first_day`..`last_day` is refused, not counted."""

    __tablename__ = "holiday_calendar"
    __table_args__ = (
        CheckConstraint("one_row", name="one_row"),
        CheckConstraint("first_day <= last_day", name="range"),
    )

    one_row: Mapped[bool] = mapped_column(Boolean, primary_key=True, server_default=true())
    first_day: Mapped[date] = mapped_column(Date, nullable=False)
    last_day: Mapped[date] = mapped_column(Date, nullable=False)
