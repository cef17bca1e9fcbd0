"""Queries on assignments and follow-ups."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.kit import paging
from app.models import Assignment, Complaint, EscalationStats, FollowUp, Region, Unit
from app.models.assignment import ACTIVE


@dataclass(frozen=True, slots=True)
class AssignmentFilter:
    unit_code: str | None = None
    statuses: Sequence[str] | None = None
    overdue_at: datetime | None = None  # only those overdue at this time
    due_later_than: datetime | None = None  # finish_by after this instant
    due_by: datetime | None = None  # finish_by at or before this instant
    due_before: datetime | None = None  # finish_by before this instant (deprecated name)
    due_after: datetime | None = None  # finish_by at or after this instant (deprecated name)
    complaint_id: uuid.UUID | None = None
    updated_since: datetime | None = None


def overdue_condition(at: datetime) -> ColumnElement[bool]:
    """Open past a deadline: not accepted by respond_by, or not completed by finish_by."""
    return or_(
        and_(Assignment.status == "pending", Assignment.respond_by < at),
        and_(Assignment.status.in_(ACTIVE), Assignment.finish_by < at),
    )


async def add(session: AsyncSession, assignment: Assignment) -> Assignment:
    session.add(assignment)
    await session.flush()
    return assignment


async def active_for(session: AsyncSession, complaint_id: uuid.UUID) -> Assignment | None:
    """The complaint's open assignment, locked."""
    stmt = (
        select(Assignment)
        .where(Assignment.complaint_id == complaint_id, Assignment.status.in_(ACTIVE))
        .with_for_update()
    )
    return await session.scalar(stmt)


async def latest_for(session: AsyncSession, complaint_id: uuid.UUID) -> Assignment | None:
    """The complaint's most recent assignment."""
    stmt = (
        select(Assignment)
        .where(Assignment.complaint_id == complaint_id)
        .order_by(Assignment.created_at.desc())
        .limit(1)
    )
    return await session.scalar(stmt)


async def get(
    session: AsyncSession, assignment_id: uuid.UUID, *, lock: bool = False
) -> Assignment | None:
    stmt = select(Assignment).where(Assignment.id == assignment_id)
    if lock:
        stmt = stmt.with_for_update().execution_options(populate_existing=True)
    return await session.scalar(stmt)


@dataclass(frozen=True, slots=True)
class ListedAssignment:
    """An assignment as a list shows it: with what its complaint is, so that no row needs a
    GET of its complaint (the description whole: it is masked before it is cut short)."""

    assignment: Assignment
    tracking_number: str
    category_code: str
    kelurahan_code: str
    kelurahan_name: str | None
    description: str


async def search(
    session: AsyncSession,
    f: AssignmentFilter,
    *,
    limit: int,
    offset: int | None,
    after: tuple[datetime, uuid.UUID] | None,
) -> tuple[list[ListedAssignment], int]:
    """Assignments deadline first (then id), after the cursor's, each with its complaint's
    number, category, kelurahan and description in the same query; and how many match."""
    stmt = select(Assignment)
    if f.unit_code is not None:
        stmt = stmt.where(Assignment.unit_code == f.unit_code)
    if f.statuses:
        stmt = stmt.where(Assignment.status.in_(list(f.statuses)))
    if f.overdue_at is not None:
        stmt = stmt.where(overdue_condition(f.overdue_at))
    if f.due_later_than is not None:
        stmt = stmt.where(Assignment.finish_by > f.due_later_than)
    if f.due_by is not None:
        stmt = stmt.where(Assignment.finish_by <= f.due_by)
    if f.due_before is not None:
        stmt = stmt.where(Assignment.finish_by < f.due_before)
    if f.due_after is not None:
        stmt = stmt.where(Assignment.finish_by >= f.due_after)
    if f.complaint_id is not None:
        stmt = stmt.where(Assignment.complaint_id == f.complaint_id)
    if f.updated_since is not None:
        stmt = stmt.where(Assignment.updated_at >= f.updated_since)
    total = await session.scalar(select(func.count()).select_from(stmt.subquery()))
    if after is not None:
        stmt = stmt.where(paging.after([Assignment.finish_by, Assignment.id], after))
    page = (
        stmt.add_columns(
            Complaint.tracking_number,
            Complaint.category_code,
            Complaint.kelurahan_code,
            Region.name,
            Complaint.description,
        )
        .join(Complaint, Complaint.id == Assignment.complaint_id)
        .outerjoin(Region, Region.code == Complaint.kelurahan_code)
        .order_by(Assignment.finish_by, Assignment.id)
        .limit(limit)
        .offset(offset or 0)
    )
    rows = (await session.execute(page)).all()
    return [ListedAssignment(*row) for row in rows], int(total or 0)


async def lock_overdue_batch(
    session: AsyncSession, at: datetime, limit: int
) -> Sequence[Assignment]:
    """Overdue assignments whose unit has a parent, locked; rows another runner holds are
    skipped, so several runners at once never escalate the same one."""
    stmt = (
        select(Assignment)
        .join(Unit, Unit.code == Assignment.unit_code)
        .where(overdue_condition(at), Unit.parent_code.is_not(None))
        .order_by(Assignment.finish_by, Assignment.id)
        .limit(limit)
        .with_for_update(of=Assignment, skip_locked=True)
    )
    return (await session.scalars(stmt)).all()


async def add_follow_up(session: AsyncSession, follow_up: FollowUp) -> FollowUp:
    session.add(follow_up)
    await session.flush()
    return follow_up


async def follow_ups(session: AsyncSession, assignment_id: uuid.UUID) -> Sequence[FollowUp]:
    stmt = (
        select(FollowUp)
        .where(FollowUp.assignment_id == assignment_id)
        .order_by(FollowUp.created_at, FollowUp.id)
    )
    return (await session.scalars(stmt)).all()


async def count_follow_ups(session: AsyncSession, assignment_id: uuid.UUID) -> int:
    stmt = select(func.count()).select_from(FollowUp).where(FollowUp.assignment_id == assignment_id)
    return int(await session.scalar(stmt) or 0)


def _sla_columns(at: datetime) -> list[Any]:
    hours = func.extract
    return [
        func.count().label("assigned"),
        func.count().filter(Assignment.status == "completed").label("completed"),
        func.count()
        .filter(Assignment.status == "completed", Assignment.completed_at <= Assignment.finish_by)
        .label("on_time"),
        func.count()
        .filter(
            or_(
                and_(
                    Assignment.status == "completed", Assignment.completed_at > Assignment.finish_by
                ),
                overdue_condition(at),
            )
        )
        .label("overdue"),
        func.percentile_cont(0.5)
        .within_group(hours("epoch", Assignment.accepted_at - Assignment.created_at) / 3600)
        .label("median_hours_to_respond"),
        func.percentile_cont(0.5)
        .within_group(hours("epoch", Assignment.completed_at - Assignment.created_at) / 3600)
        .label("median_hours_to_finish"),
    ]


async def sla(
    session: AsyncSession, *, since: datetime, until: datetime, at: datetime, by: str
) -> list[dict[str, Any]]:
    """Deadline figures of the assignments given in [since, until), per unit or category."""
    key = Assignment.unit_code if by == "unit" else Complaint.category_code
    stmt = (
        select(key.label("key"), *_sla_columns(at))
        .join(Complaint, Complaint.id == Assignment.complaint_id)
        .where(Assignment.created_at >= since, Assignment.created_at < until)
        .group_by(key)
        .order_by(key)
    )
    return [dict(row._mapping) for row in (await session.execute(stmt)).all()]


async def of_complaints(
    session: AsyncSession, complaint_ids: Sequence[uuid.UUID]
) -> Sequence[Assignment]:
    """The assignments of these complaints, oldest first."""
    stmt = (
        select(Assignment)
        .where(Assignment.complaint_id.in_(complaint_ids))
        .order_by(Assignment.created_at, Assignment.id)
    )
    return (await session.scalars(stmt)).all()


async def follow_ups_of(
    session: AsyncSession, assignment_ids: Sequence[uuid.UUID]
) -> Sequence[FollowUp]:
    """The follow-ups of these assignments, oldest first."""
    stmt = (
        select(FollowUp)
        .where(FollowUp.assignment_id.in_(assignment_ids))
        .order_by(FollowUp.created_at, FollowUp.id)
    )
    return (await session.scalars(stmt)).all()


async def workload_by_unit(session: AsyncSession, at: datetime) -> list[tuple[str, int, int]]:
    """(unit code, open, overdue at `at`) for every unit, zeros included: one query, over the
    open assignments only (the `ix_assignments_unit_status` index)."""
    open_ = (
        select(
            Assignment.unit_code,
            func.count().label("open"),
            func.count().filter(overdue_condition(at)).label("overdue"),
        )
        .where(Assignment.status.in_(ACTIVE))
        .group_by(Assignment.unit_code)
        .subquery()
    )
    stmt = (
        select(Unit.code, func.coalesce(open_.c.open, 0), func.coalesce(open_.c.overdue, 0))
        .outerjoin(open_, open_.c.unit_code == Unit.code)
        .order_by(Unit.code)
    )
    return [(code, n_open, n_overdue) for code, n_open, n_overdue in await session.execute(stmt)]


async def escalation_started(session: AsyncSession, name: str, at: datetime) -> None:
    """A run of `pintu escalate-overdue` began."""
    stmt = pg_insert(EscalationStats).values(name=name, last_started_at=at)
    stmt = stmt.on_conflict_do_update(
        index_elements=[EscalationStats.name],
        set_={"last_started_at": stmt.excluded.last_started_at},
    )
    await session.execute(stmt)


async def escalation_finished(
    session: AsyncSession, name: str, at: datetime, escalated: int, error: str | None
) -> None:
    """A run ended: counted, with what it escalated, and its error if it failed."""
    values: dict[str, Any] = {
        "runs_total": EscalationStats.runs_total + 1,
        "escalated_total": EscalationStats.escalated_total + escalated,
    }
    if error is None:
        values |= {"last_finished_at": at, "last_escalated": escalated}
    else:
        values |= {
            "failures_total": EscalationStats.failures_total + 1,
            "last_error": error,
            "last_error_at": at,
        }
    await session.execute(
        update(EscalationStats).where(EscalationStats.name == name).values(values)
    )


async def escalation_record(session: AsyncSession, name: str) -> EscalationStats | None:
    return await session.get(EscalationStats, name)
