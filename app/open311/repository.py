"""The queries behind Open311: services are place categories, service requests the complaints
anyone may see. Read-only: Open311 writes through the complaints package.

What is listed is decided here, in each query, so that no path can skip it: a complaint about a
place (`categories.kind = 'place'`), of any channel, except a mirrored JAKI report its reporter
kept private (`jaki_reports.is_public` false).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased, selectinload

from app.models import Assignment, Category, Complaint, FollowUp, JakiReport, Unit
from app.models.assignment import ACTIVE

PLACE = "place"


async def place_categories(session: AsyncSession) -> Sequence[Category]:
    """Every category about a place, in display order."""
    stmt = select(Category).where(Category.kind == PLACE).order_by(Category.sort_order)
    return (await session.scalars(stmt)).all()


async def place_category(session: AsyncSession, code: str) -> Category | None:
    """The category `code` if it is about a place."""
    stmt = select(Category).where(Category.code == code, Category.kind == PLACE)
    return await session.scalar(stmt)


@dataclass(frozen=True, slots=True)
class RequestFilter:
    """What a request list is narrowed to. `numbers` (tracking numbers) overrides the rest, as
    the spec's service_request_id does; None means no restriction."""

    numbers: Collection[str] | None = None
    codes: Collection[str] | None = None
    since: datetime | None = None
    until: datetime | None = None
    statuses: Collection[str] | None = None


def listed() -> ColumnElement[bool]:
    """A complaint anyone may see through Open311."""
    about_a_place = select(Category.code).where(Category.kind == PLACE)
    # Its own alias: the statement it is used in may join jaki_reports too.
    private = aliased(JakiReport)
    kept_private = select(private.complaint_id).where(
        private.complaint_id == Complaint.id, private.is_public.is_(False)
    )
    return and_(Complaint.category_code.in_(about_a_place), ~kept_private.exists())


def _statement() -> tuple[Select[Any], ColumnElement[str]]:
    followed = aliased(Complaint)
    # A linked duplicate stands as the complaint it follows does ("link, don't close"): the
    # filter reads that status here, the answer by complaints.status_words.
    public_status = func.coalesce(followed.status, Complaint.status)
    finish_by = (
        select(Assignment.finish_by)
        .where(Assignment.complaint_id == Complaint.id, Assignment.status.in_(ACTIVE))
        .limit(1)  # one active assignment at most (a unique index says so)
        .scalar_subquery()
    )
    latest_note = (
        select(FollowUp.note)
        .join(Assignment, FollowUp.assignment_id == Assignment.id)
        .where(Assignment.complaint_id == Complaint.id)
        .order_by(FollowUp.created_at.desc(), FollowUp.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    stmt: Select[Any] = (
        select(  # type: ignore[assignment]  # a row of many typed columns
            Complaint,
            Category.name_id.label("category_name"),
            Unit.name.label("unit_name"),
            finish_by.label("finish_by"),
            latest_note.label("note"),
            JakiReport.photo_urls,
            JakiReport.follow_ups.label("jaki_follow_ups"),
        )
        .options(selectinload(Complaint.duplicate_of))
        .join(Category, Category.code == Complaint.category_code)
        .outerjoin(followed, followed.id == Complaint.duplicate_of_id)
        .outerjoin(Unit, Unit.code == Complaint.assigned_unit_code)
        .outerjoin(JakiReport, JakiReport.complaint_id == Complaint.id)
        .where(listed())
    )
    return stmt, public_status


async def listed_requests(session: AsyncSession, f: RequestFilter, *, limit: int) -> Sequence[Any]:
    """Listed complaints, newest first by the time reported, each with the complaint it follows
    (if a linked duplicate) and what a service request shows besides: category name, unit,
    active deadline, latest follow-up note and JAKI fields."""
    stmt, public_status = _statement()
    if f.numbers is not None:
        stmt = stmt.where(Complaint.tracking_number.in_(list(f.numbers)))
    else:
        if f.codes is not None:
            stmt = stmt.where(Complaint.category_code.in_(list(f.codes)))
        if f.since is not None:
            stmt = stmt.where(Complaint.reported_at >= f.since)
        if f.until is not None:
            stmt = stmt.where(Complaint.reported_at <= f.until)
        if f.statuses is not None:
            stmt = stmt.where(public_status.in_(list(f.statuses)))
    stmt = stmt.order_by(Complaint.reported_at.desc(), Complaint.id.desc()).limit(limit)
    return (await session.execute(stmt)).all()
