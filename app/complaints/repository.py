"""Every query on complaints, their history and tracking numbers."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Date, and_, cast, exists, func, or_, select, true, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload, selectinload

from app.models import ApiKey, Assignment, Category, Complaint, ComplaintEvent, TrackingCounter
from app.models.roles import Role

# What a complaint response needs besides the row: a mirrored report's JAKI fields (joined: one
# query, not two), and for a linked duplicate the complaint it follows, with that one's JAKI
# fields (a second query only when a loaded complaint is a linked duplicate).
WITH_DETAILS = (
    joinedload(Complaint.jaki),
    selectinload(Complaint.duplicate_of).joinedload(Complaint.jaki),
)
# The same for a row locked FOR UPDATE, which PostgreSQL refuses on the nullable side of an
# outer join: the details come in queries of their own.
LOCKED_WITH_DETAILS = (
    selectinload(Complaint.jaki),
    selectinload(Complaint.duplicate_of).selectinload(Complaint.jaki),
)


@dataclass(frozen=True, slots=True)
class Scope:
    """The complaints a key may see: an agency key those ever assigned to its unit, a client
    key those of its channel; neither set: every complaint."""

    unit_code: str | None = None
    channel_code: str | None = None

    def conditions(self) -> list[ColumnElement[bool]]:
        found: list[ColumnElement[bool]] = []
        if self.unit_code is not None:
            found.append(_assigned_to(self.unit_code))
        if self.channel_code is not None:
            found.append(Complaint.channel_code == self.channel_code)
        return found

    @property
    def everything(self) -> bool:
        return self.unit_code is None and self.channel_code is None


EVERYTHING = Scope()


@dataclass(frozen=True, slots=True)
class ComplaintFilter:
    """What a complaint list is narrowed to; None means no restriction."""

    channel: str | None = None
    statuses: Sequence[str] | None = None
    category: str | None = None
    region_column: str | None = None
    region_code: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    updated_since: datetime | None = None
    text: str | None = None
    external_id: str | None = None
    scope: Scope = EVERYTHING


async def an_apps_channel(session: AsyncSession, channel_code: str) -> bool:
    """Whether a client key that still works is bound to the channel."""
    found = await session.scalar(
        select(
            exists().where(
                ApiKey.channel_code == channel_code,
                ApiKey.role == Role.CLIENT.value,
                ApiKey.revoked_at.is_(None),
            )
        )
    )
    return bool(found)


async def receipt_hash(session: AsyncSession, number: str) -> tuple[uuid.UUID, bytes | None] | None:
    """The id and stored receipt-code hash of the complaint with this tracking number: only
    them, so that looking a code up costs the same whatever the complaint holds."""
    row = (
        await session.execute(
            select(Complaint.id, Complaint.receipt_code_hash).where(
                Complaint.tracking_number == number
            )
        )
    ).first()
    return None if row is None else (row[0], row[1])


async def reserve_serials(
    session: AsyncSession, channel_code: str, year: int, count: int = 1
) -> int:
    """Reserve `count` tracking serials for a channel and year; returns the first. Concurrent
    callers never share one (the counter row is locked until the transaction ends)."""
    stmt = (
        insert(TrackingCounter)
        .values(channel_code=channel_code, year=year, last_value=count)
        .on_conflict_do_update(
            index_elements=[TrackingCounter.channel_code, TrackingCounter.year],
            set_={"last_value": TrackingCounter.last_value + count},
        )
        .returning(TrackingCounter.last_value)
    )
    return int((await session.execute(stmt)).scalar_one()) - count + 1


async def add(session: AsyncSession, complaint: Complaint) -> Complaint:
    """Store a new complaint."""
    session.add(complaint)
    await session.flush()
    return complaint


async def get_by_id(
    session: AsyncSession, complaint_id: uuid.UUID, *, scope: Scope = EVERYTHING
) -> Complaint | None:
    """The complaint with this id, if it lies within `scope`."""
    return await _one(session, Complaint.id == complaint_id, scope)


async def get_by_tracking_number(
    session: AsyncSession, number: str, *, scope: Scope = EVERYTHING
) -> Complaint | None:
    """The complaint with this tracking number, if it lies within `scope`."""
    return await _one(session, Complaint.tracking_number == number, scope)


async def _one(
    session: AsyncSession, condition: ColumnElement[bool], scope: Scope
) -> Complaint | None:
    # The scope is part of the one query, so a complaint outside it costs what a missing one
    # costs: no second query whose time would tell that it exists.
    stmt = select(Complaint).options(*WITH_DETAILS).where(condition, *scope.conditions())
    return await session.scalar(stmt)


async def lock(
    session: AsyncSession, complaint_id: uuid.UUID, *, skip_locked: bool = False
) -> Complaint | None:
    """The complaint, locked against concurrent changes until the transaction ends; with
    `skip_locked`, None if another transaction holds it."""
    stmt = (
        select(Complaint)
        .options(*LOCKED_WITH_DETAILS)
        .where(Complaint.id == complaint_id)
        .with_for_update(skip_locked=skip_locked)
        .execution_options(populate_existing=True)
    )
    return await session.scalar(stmt)


def _conditions(f: ComplaintFilter) -> list[ColumnElement[bool]]:
    conditions = f.scope.conditions()
    if f.channel is not None:
        conditions.append(Complaint.channel_code == f.channel)
    if f.statuses:
        conditions.append(Complaint.status.in_(list(f.statuses)))
    if f.category is not None:
        conditions.append(Complaint.category_code == f.category)
    if f.region_column is not None and f.region_code is not None:
        conditions.append(getattr(Complaint, f.region_column) == f.region_code)
    if f.since is not None:
        conditions.append(Complaint.reported_at >= f.since)
    if f.until is not None:
        conditions.append(Complaint.reported_at < f.until)
    if f.updated_since is not None:
        conditions.append(Complaint.updated_at >= f.updated_since)
    if f.external_id is not None:
        conditions.append(Complaint.external_id == f.external_id)
    if f.text:
        query = func.websearch_to_tsquery("simple", f.text)
        conditions.append(Complaint.search_vector.op("@@")(query))
    return conditions


def _assigned_to(unit_code: str) -> ColumnElement[bool]:
    return exists().where(
        Assignment.complaint_id == Complaint.id, Assignment.unit_code == unit_code
    )


async def within(
    session: AsyncSession,
    scope: Scope,
    *,
    ids: Collection[uuid.UUID] = (),
    numbers: Collection[str] = (),
) -> list[tuple[uuid.UUID, str]]:
    """(id, tracking number) of those of these complaints, named by id or by tracking number,
    that lie within `scope`: one query however many."""
    stmt = select(Complaint.id, Complaint.tracking_number).where(
        or_(Complaint.id.in_(list(ids)), Complaint.tracking_number.in_(list(numbers))),
        *scope.conditions(),
    )
    return [(i, n) for i, n in (await session.execute(stmt)).all()]


async def search(
    session: AsyncSession,
    f: ComplaintFilter,
    *,
    limit: int,
    after: tuple[datetime, uuid.UUID] | None,
) -> Sequence[Complaint]:
    """Newest first (by reported_at, then id), starting after the cursor position."""
    stmt = select(Complaint).options(*WITH_DETAILS).where(and_(true(), *_conditions(f)))
    if after is not None:
        reported_at, complaint_id = after
        stmt = stmt.where(
            or_(
                Complaint.reported_at < reported_at,
                and_(Complaint.reported_at == reported_at, Complaint.id < complaint_id),
            )
        )
    stmt = stmt.order_by(Complaint.reported_at.desc(), Complaint.id.desc()).limit(limit)
    return (await session.scalars(stmt)).all()


async def add_event(session: AsyncSession, event: ComplaintEvent) -> None:
    """Append a line to a complaint's history."""
    session.add(event)
    await session.flush()


async def latest_event(
    session: AsyncSession, complaint_id: uuid.UUID, kind: str
) -> ComplaintEvent | None:
    """The complaint's newest history line of this kind."""
    stmt = (
        select(ComplaintEvent)
        .where(ComplaintEvent.complaint_id == complaint_id, ComplaintEvent.kind == kind)
        .order_by(ComplaintEvent.occurred_at.desc(), ComplaintEvent.id.desc())
        .limit(1)
    )
    return await session.scalar(stmt)


async def events(session: AsyncSession, complaint_id: uuid.UUID) -> Sequence[ComplaintEvent]:
    """A complaint's history, oldest first."""
    stmt = (
        select(ComplaintEvent)
        .where(ComplaintEvent.complaint_id == complaint_id)
        .order_by(ComplaintEvent.id)
    )
    return (await session.scalars(stmt)).all()


async def events_of(
    session: AsyncSession, complaint_ids: Sequence[uuid.UUID]
) -> Sequence[ComplaintEvent]:
    """The history lines of several complaints, each complaint's in order."""
    stmt = (
        select(ComplaintEvent)
        .where(ComplaintEvent.complaint_id.in_(complaint_ids))
        .order_by(ComplaintEvent.complaint_id, ComplaintEvent.id)
    )
    return (await session.scalars(stmt)).all()


async def count_per_day(
    session: AsyncSession, *, since: datetime, until: datetime, channel_code: str | None
) -> list[tuple[date, str, int]]:
    """(Jakarta date, channel, count) for complaints reported in [since, until)."""
    day = cast(func.timezone("Asia/Jakarta", Complaint.reported_at), Date).label("day")
    stmt = (
        select(day, Complaint.channel_code, func.count())
        .where(Complaint.reported_at >= since, Complaint.reported_at < until)
        .group_by(day, Complaint.channel_code)
    )
    if channel_code is not None:
        stmt = stmt.where(Complaint.channel_code == channel_code)
    return [(d, c, int(n)) for d, c, n in (await session.execute(stmt)).all()]


async def get_by_external_id(
    session: AsyncSession, channel_code: str, external_id: str, *, scope: Scope | None = None
) -> Complaint | None:
    """The complaint a channel's own system knows by `external_id` (with its details, if it
    lies within `scope`; without a scope, the bare row whoever may see it)."""
    condition = and_(Complaint.channel_code == channel_code, Complaint.external_id == external_id)
    if scope is not None:
        return await _one(session, condition, scope)
    return await session.scalar(select(Complaint).where(condition))


async def any_exists(session: AsyncSession) -> bool:
    """Whether the complaints table holds any row."""
    return await session.scalar(select(Complaint.id).limit(1)) is not None


async def has_duplicates(session: AsyncSession, complaint_id: uuid.UUID) -> bool:
    """Whether any complaint is linked to this one as its duplicate."""
    stmt = select(exists().where(Complaint.duplicate_of_id == complaint_id))
    return bool(await session.scalar(stmt))


async def texts_after(
    session: AsyncSession, after: uuid.UUID | None, *, only_missing: bool, size: int
) -> Sequence[Any]:
    """The next `size` complaints by id after `after` (with `only_missing`, of those whose
    match text, place keys or place record were never worked out): id, description, address,
    kelurahan, and whether an erasure dropped its place (`place_dropped`: a complaint about a
    person whose complainant's data was erased)."""
    about_person = select(Category.code).where(Category.kind == "person")
    place_dropped = and_(
        Complaint.personal_data_erased_at.is_not(None), Complaint.category_code.in_(about_person)
    )
    stmt = select(
        Complaint.id,
        Complaint.description,
        Complaint.address,
        Complaint.kelurahan_code,
        place_dropped.label("place_dropped"),
    ).order_by(Complaint.id)
    if after is not None:
        stmt = stmt.where(Complaint.id > after)
    if only_missing:
        stmt = stmt.where(
            or_(
                Complaint.match_text.is_(None),
                Complaint.place_keys.is_(None),
                Complaint.place_record.is_(None),
            )
        )
    return (await session.execute(stmt.limit(size))).all()


async def set_match_texts(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    await session.execute(update(Complaint), rows)


async def units_of(
    session: AsyncSession, complaint_ids: Collection[uuid.UUID]
) -> dict[uuid.UUID, list[str]]:
    """The units each of these complaints was ever assigned to (its agency scope)."""
    if not complaint_ids:
        return {}
    rows = await session.execute(
        select(Assignment.complaint_id, Assignment.unit_code)
        .where(Assignment.complaint_id.in_(list(complaint_ids)))
        .distinct()
    )
    found: dict[uuid.UUID, list[str]] = {}
    for complaint_id, unit_code in rows:
        found.setdefault(complaint_id, []).append(unit_code)
    return found


async def with_details(
    session: AsyncSession, complaint_ids: Collection[uuid.UUID]
) -> Sequence[Complaint]:
    """These complaints with their JAKI fields and the complaint each follows, as read now."""
    stmt = (
        select(Complaint)
        .options(*LOCKED_WITH_DETAILS)
        .where(Complaint.id.in_(list(complaint_ids)))
        .execution_options(populate_existing=True)
    )
    return (await session.scalars(stmt)).all()
