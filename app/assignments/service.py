"""The assignment lifecycle: pending -> accepted -> in_progress -> completed, or returned
("bukan wewenang") so the complaint is routed again; the complaint's status follows."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.assignments import outbox, repository
from app.assignments.repository import AssignmentFilter, ListedAssignment
from app.assignments.rules import is_overdue
from app.assignments.schemas import AssignmentCreate, FollowUpCreate
from app.auth import Principal
from app.categories import get_category
from app.complaints import (
    LinkRecord,
    get_complaint_locked,
    lock_for_routing,
    route_complaint,
    try_lock_complaint,
)
from app.kit import paging
from app.kit.errors import Conflict, Forbidden, InvalidInput, NotFound
from app.kit.preconditions import ANY, IfMatch
from app.kit.timeutil import day_ending_at, end_of_day, now, start_of_day
from app.kit.validation import check_day, day_bounds
from app.models import Assignment, Complaint, FollowUp
from app.models.roles import Role
from app.models.statuses import ComplaintStatus
from app.units import get_unit, require_unit
from app.workdays import BeyondCalendar, deadline, working_days_between

# Complaint statuses from which a complaint can be (re)assigned.
ASSIGNABLE = {
    ComplaintStatus.RECEIVED,
    ComplaintStatus.VERIFIED,
    ComplaintStatus.ASSIGNED,
    ComplaintStatus.IN_PROGRESS,
}


def _touch(assignment: Assignment) -> None:
    """One version on, changed now."""
    assignment.version += 1
    assignment.updated_at = now()


async def assign(
    session: AsyncSession, principal: Principal, ref: str, body: AssignmentCreate
) -> Assignment:
    """Give the complaint to a unit; a complaint already with a unit moves (coordination), or
    an agency passes it to its own sub-unit (disposition)."""
    complaint = await lock_for_routing(session, principal, ref)
    if ComplaintStatus(complaint.status) not in ASSIGNABLE:
        raise Conflict(f"A {complaint.status} complaint cannot be assigned.", field="status")
    unit = await require_unit(session, body.unit_code, field="unit_code")
    active = await repository.active_for(session, complaint.id)
    if principal.role is Role.AGENCY:
        # An agency routes only what it holds, and only down to its own sub-units.
        if active is None or active.unit_code != principal.unit_code:
            raise NotFound("No complaint has this id or tracking number.")
        if unit.parent_code != principal.unit_code:
            raise InvalidInput(
                "An agency can pass a complaint only to its own sub-unit.", field="unit_code"
            )
    if active is not None and active.unit_code == unit.code:
        raise Conflict("The complaint is already with this unit.", field="unit_code")

    previous = active or await repository.latest_for(session, complaint.id)
    if principal.role is Role.AGENCY:
        kind = "disposition"
    elif previous is not None:
        kind = "coordination"
    else:
        kind = "assignment"
    if active is not None:
        active.status = "moved"
        _touch(active)
        await session.flush()  # before the new one: one open assignment per complaint
        await outbox.changed(session, active, "assignment.moved")

    category = await get_category(session, complaint.category_code)
    given = now()
    # Stored as the instant each deadline passes (the end of its day in Jakarta), so that
    # "overdue" is a comparison with now; shown as the day (presenter).
    respond_by = (
        end_of_day(body.respond_by)
        if body.respond_by
        else await deadline(session, given, category.respond_days, field="respond_by")
    )
    finish_by = (
        end_of_day(body.finish_by)
        if body.finish_by
        else await deadline(session, given, category.finish_days, field="finish_by")
    )
    if finish_by < respond_by:
        raise InvalidInput("finish_by must not be before respond_by.", field="finish_by")
    assignment = await repository.add(
        session,
        Assignment(
            id=uuid.uuid4(),
            complaint_id=complaint.id,
            unit_code=unit.code,
            kind=kind,
            previous_id=previous.id if previous else None,
            status="pending",
            assignee_name=body.assignee_name,
            note=body.note,
            respond_by=respond_by,
            finish_by=finish_by,
            created_at=given,
            updated_at=given,
            created_by_key_id=principal.key_id,
            version=1,
        ),
    )
    await outbox.changed(session, assignment, "assignment.created")
    await route_complaint(
        session,
        principal,
        complaint,
        status=ComplaintStatus.ASSIGNED,
        unit_code=unit.code,
        routing_kind=kind,
        kind=kind,
        note=body.note,
        changes={
            "unit": {"from": active.unit_code if active else None, "to": unit.code},
            "respond_by": day_ending_at(respond_by).isoformat(),
            "finish_by": day_ending_at(finish_by).isoformat(),
        },
    )
    return assignment


def _may_act(principal: Principal, assignment: Assignment) -> bool:
    # The unit itself does its work; an admin may act for it.
    return principal.role is Role.ADMIN or (
        principal.role is Role.AGENCY and principal.unit_code == assignment.unit_code
    )


async def get(
    session: AsyncSession, principal: Principal, assignment_id: uuid.UUID, *, lock: bool = False
) -> Assignment:
    """An assignment; 404 if unknown or another unit's (for an agency key).

    `lock` locks its complaint first and then the assignment: the order `assign` and the
    escalation runner take too, so two requests never wait on each other in a circle."""
    assignment = await repository.get(session, assignment_id)
    if assignment is None or (
        principal.role is Role.AGENCY and assignment.unit_code != principal.unit_code
    ):
        raise NotFound("No assignment has this id.")
    if lock:
        await get_complaint_locked(session, assignment.complaint_id)
        assignment = await repository.get(session, assignment_id, lock=True)
        assert assignment is not None  # assignments are never deleted
    return assignment


async def _for_move(
    session: AsyncSession,
    principal: Principal,
    assignment_id: uuid.UUID,
    allowed_from: set[str],
    action: str,
    precondition: IfMatch,
) -> Assignment:
    assignment = await get(session, principal, assignment_id, lock=True)
    if not _may_act(principal, assignment):
        raise Forbidden(f"Only the assigned unit (or an admin) can {action} an assignment.")
    precondition.check(assignment.version)
    if assignment.status not in allowed_from:
        raise Conflict(f"A {assignment.status} assignment cannot be {action}ed.", field="status")
    return assignment


async def _complaint_follows(
    session: AsyncSession,
    principal: Principal,
    assignment: Assignment,
    status: ComplaintStatus,
    event: str,
    *,
    note: str | None = None,
    released: bool = False,
) -> None:
    """Move the assignment's complaint with it; `released`: no unit holds it any more."""
    complaint = await get_complaint_locked(session, assignment.complaint_id)
    await route_complaint(
        session,
        principal,
        complaint,
        status=status,
        unit_code=None if released else assignment.unit_code,
        routing_kind=None if released else assignment.kind,
        kind=event,
        note=note,
    )


async def accept(
    session: AsyncSession,
    principal: Principal,
    assignment_id: uuid.UUID,
    precondition: IfMatch = ANY,
) -> Assignment:
    """The unit takes the complaint: it is now being handled (JAKI: Proses)."""
    assignment = await _for_move(
        session, principal, assignment_id, {"pending"}, "accept", precondition
    )
    assignment.status, assignment.accepted_at = "accepted", now()
    _touch(assignment)
    await outbox.changed(session, assignment, "assignment.accepted")
    await _complaint_follows(
        session, principal, assignment, ComplaintStatus.IN_PROGRESS, "accepted"
    )
    return assignment


async def follow_up(
    session: AsyncSession,
    principal: Principal,
    assignment_id: uuid.UUID,
    body: FollowUpCreate,
    precondition: IfMatch = ANY,
) -> tuple[Assignment, FollowUp]:
    """Record a tindak lanjut; the first one moves an accepted assignment to in progress.
    Returns the assignment as it now is, with the follow-up."""
    assignment = await _for_move(
        session, principal, assignment_id, {"accepted", "in_progress"}, "follow up", precondition
    )
    if assignment.status == "accepted":
        assignment.status = "in_progress"
    # Every follow-up is a new version: the assignment as GET shows it holds its follow-ups, so
    # a version (ETag) that stayed would call a stale copy current.
    _touch(assignment)
    entry = await repository.add_follow_up(
        session,
        FollowUp(
            id=uuid.uuid4(),
            assignment_id=assignment.id,
            note=body.note,
            photo_urls=[str(u) for u in body.photo_urls],
            actor_name=principal.name,
            actor_role=principal.role.value,
            created_at=now(),
        ),
    )
    await outbox.follow_up_added(session, assignment, entry)
    await _complaint_follows(
        session, principal, assignment, ComplaintStatus.IN_PROGRESS, "follow_up", note=body.note
    )
    return assignment, entry


async def complete(
    session: AsyncSession,
    principal: Principal,
    assignment_id: uuid.UUID,
    precondition: IfMatch = ANY,
) -> Assignment:
    """The unit has finished: needs at least one follow-up; the complaint is resolved."""
    assignment = await _for_move(
        session, principal, assignment_id, {"accepted", "in_progress"}, "complet", precondition
    )
    if await repository.count_follow_ups(session, assignment.id) == 0:
        raise Conflict(
            "Completing needs at least one follow-up (tindak lanjut).", field="follow_ups"
        )
    assignment.status, assignment.completed_at = "completed", now()
    _touch(assignment)
    await outbox.changed(session, assignment, "assignment.completed")
    await _complaint_follows(session, principal, assignment, ComplaintStatus.RESOLVED, "completed")
    return assignment


async def return_(
    session: AsyncSession,
    principal: Principal,
    assignment_id: uuid.UUID,
    reason: str,
    precondition: IfMatch = ANY,
) -> Assignment:
    """ "Bukan wewenang": the unit gives it back, and the complaint waits to be routed again."""
    assignment = await _for_move(
        session,
        principal,
        assignment_id,
        {"pending", "accepted", "in_progress"},
        "return",
        precondition,
    )
    assignment.status, assignment.returned_at = "returned", now()
    assignment.return_reason = reason
    _touch(assignment)
    await outbox.changed(session, assignment, "assignment.returned")
    await _complaint_follows(
        session,
        principal,
        assignment,
        ComplaintStatus.VERIFIED,
        "returned",
        note=reason,
        released=True,
    )
    return assignment


async def _escalate_locked(
    session: AsyncSession, principal: Principal, assignment: Assignment
) -> Assignment:
    unit = await get_unit(session, assignment.unit_code)
    if unit.parent_code is None:
        raise Conflict(f"{unit.name} has no parent unit to escalate to.", field="unit_code")
    given = now()
    assignment.status, assignment.escalated_at = "escalated", given
    _touch(assignment)
    await session.flush()  # before the new one: one open assignment per complaint
    await outbox.changed(session, assignment, "assignment.escalated")
    complaint = await get_complaint_locked(session, assignment.complaint_id)
    category = await get_category(session, complaint.category_code)
    escalated = await repository.add(
        session,
        Assignment(
            id=uuid.uuid4(),
            complaint_id=complaint.id,
            unit_code=unit.parent_code,
            kind="escalation",
            previous_id=assignment.id,
            status="pending",
            note=f"Escalated: {unit.name} missed its deadline.",
            respond_by=await deadline(session, given, category.respond_days, field="respond_by"),
            finish_by=await deadline(session, given, category.finish_days, field="finish_by"),
            created_at=given,
            updated_at=given,
            created_by_key_id=principal.key_id,
            version=1,
        ),
    )
    await outbox.changed(session, escalated, "assignment.created")
    await route_complaint(
        session,
        principal,
        complaint,
        status=ComplaintStatus.ASSIGNED,
        unit_code=unit.parent_code,
        routing_kind="escalation",
        kind="escalated",
        note=escalated.note,
        changes={"unit": {"from": unit.code, "to": unit.parent_code}},
    )
    return escalated


async def escalate(
    session: AsyncSession,
    principal: Principal,
    assignment_id: uuid.UUID,
    precondition: IfMatch = ANY,
) -> Assignment:
    """Send an overdue assignment up to its unit's parent; returns the new assignment."""
    assignment = await get(session, principal, assignment_id, lock=True)
    precondition.check(assignment.version)
    if not is_overdue(assignment):
        raise Conflict(
            "Only an open assignment past its deadline can be escalated.", field="status"
        )
    return await _escalate_locked(session, principal, assignment)


async def escalate_overdue_batch(
    session: AsyncSession, principal: Principal, *, limit: int = 100
) -> int:
    """Escalate up to `limit` overdue assignments, each once; how many were escalated."""
    escalated = 0
    for assignment in await repository.lock_overdue_batch(session, now(), limit):
        # A request is changing this complaint (say, assigning it elsewhere): leave it to the
        # next run rather than wait, which could deadlock (it locks complaint, then assignment).
        if await try_lock_complaint(session, assignment.complaint_id) is None:
            continue
        await outbox.changed(session, assignment, "assignment.overdue")
        await _escalate_locked(session, principal, assignment)
        escalated += 1
    return escalated


@dataclass(frozen=True, slots=True)
class DueRange:
    """The deadlines (`finish_by`) a list asks for: `due_from` and `due_to`, the Jakarta days
    the deadlines fall on, both included; or the deprecated `due_after` and `due_before`, which
    work as they did (instants: `finish_by` at or after the start of `due_after`, before the
    start of `due_before`).

    A deadline is the end of its last day, midnight after it: it falls on that day, not the
    next, so the new names take a deadline at midnight as the day's before it."""

    due_from: date | None = None
    due_to: date | None = None
    due_after: date | None = None
    due_before: date | None = None

    def bounds(self) -> dict[str, datetime | None]:
        """The filter's instants; 422 naming the field for a day outside 2000-2100, a `due_to`
        before `due_from`, or a range given both ways."""
        if self.due_from is not None and self.due_after is not None:
            raise InvalidInput(
                "Give `due_from` or the deprecated `due_after`, not both.", field="due_after"
            )
        if self.due_to is not None and self.due_before is not None:
            raise InvalidInput(
                "Give `due_to` or the deprecated `due_before`, not both.", field="due_before"
            )
        start, end = day_bounds(self.due_from, self.due_to, fields=("due_from", "due_to"))
        check_day(self.due_after, field="due_after")
        check_day(self.due_before, field="due_before")
        return {
            "due_later_than": start,
            "due_by": end,
            "due_after": start_of_day(self.due_after) if self.due_after else None,
            "due_before": start_of_day(self.due_before) if self.due_before else None,
        }

    @property
    def deprecated(self) -> bool:
        """Whether the range was given by a deprecated name."""
        return self.due_after is not None or self.due_before is not None


NO_DUE_RANGE = DueRange()


async def search(
    session: AsyncSession,
    principal: Principal,
    *,
    unit_code: str | None,
    statuses: Sequence[str] | None,
    overdue: bool,
    due: DueRange = NO_DUE_RANGE,
    limit: int,
    cursor: str | None,
    offset: int | None = None,
    updated_since: datetime | None = None,
    complaint_id: uuid.UUID | None = None,
) -> tuple[list[ListedAssignment], str | None, int]:
    """Assignments by the filters, deadline first: a page, the next page's cursor and how many
    match. An agency key sees only its own unit's."""
    if principal.role is Role.AGENCY:
        unit_code = principal.unit_code
    elif unit_code is not None:
        await require_unit(session, unit_code, field="unit")
    paging.one_way(cursor, offset)
    after = paging.decode_cursor(cursor, datetime, uuid.UUID) if cursor else None
    f = AssignmentFilter(
        unit_code=unit_code,
        statuses=statuses,
        overdue_at=now() if overdue else None,
        **due.bounds(),
        updated_since=updated_since,
        complaint_id=complaint_id,
    )
    rows, total = await repository.search(session, f, limit=limit + 1, offset=offset, after=after)
    page, last = paging.page_of(rows, limit)
    if last is None:
        return list(page), None, total
    return list(page), paging.encode_cursor(last.assignment.finish_by, last.assignment.id), total


async def follow_ups(session: AsyncSession, assignment: Assignment) -> Sequence[FollowUp]:
    """An assignment's follow-ups, oldest first."""
    return await repository.follow_ups(session, assignment.id)


ESCALATION_ACTOR = Principal(key_id=None, name="escalate-overdue", role=Role.ADMIN)


ESCALATION_RUNNER = "escalate-overdue"


async def escalate_all_overdue(
    sessions: async_sessionmaker[AsyncSession], *, batch_size: int = 100
) -> int:
    """`pintu escalate-overdue`: batches in transactions of their own until none is left. The
    run is recorded (`escalation_stats`) for `/metrics`, which any API process serves."""
    async with sessions() as session, session.begin():
        await repository.escalation_started(session, ESCALATION_RUNNER, now())
    total = 0
    try:
        while True:
            async with sessions() as session, session.begin():
                done = await escalate_overdue_batch(session, ESCALATION_ACTOR, limit=batch_size)
            total += done
            if done == 0:
                break
    except Exception as exc:
        await _escalation_finished(sessions, total, f"{type(exc).__name__}")
        raise
    await _escalation_finished(sessions, total, None)
    return total


async def _escalation_finished(
    sessions: async_sessionmaker[AsyncSession], escalated: int, error: str | None
) -> None:
    try:
        async with sessions() as session, session.begin():
            await repository.escalation_finished(
                session, ESCALATION_RUNNER, now(), escalated, error
            )
    except Exception:
        if error is None:
            raise
        # The database that failed the run fails this too; the run's own error is raised.


async def escalation_summary(session: AsyncSession) -> EscalationSummary | None:
    """What `pintu escalate-overdue` has done, for `/metrics` (None: it has never run)."""
    record = await repository.escalation_record(session, ESCALATION_RUNNER)
    if record is None:
        return None
    return EscalationSummary(
        runs=record.runs_total,
        escalated=record.escalated_total,
        failures=record.failures_total,
        last_started_at=record.last_started_at,
        last_finished_at=record.last_finished_at,
        last_escalated=record.last_escalated,
    )


async def workload_by_unit(session: AsyncSession) -> list[tuple[str, int, int]]:
    """(unit code, open assignments, overdue ones) for every unit, for `/metrics`."""
    return await repository.workload_by_unit(session, now())


@dataclass(frozen=True, slots=True)
class EscalationSummary:
    runs: int
    escalated: int
    failures: int
    last_started_at: datetime | None
    last_finished_at: datetime | None
    last_escalated: int | None


async def release_for_link(
    session: AsyncSession, principal: Principal, complaint: Complaint
) -> tuple[uuid.UUID, str] | None:
    """A complaint becoming a linked duplicate leaves its unit: its open assignment ends as
    `moved` (the complaint it now follows is handled instead). Returns that assignment's id and
    the status it had, for the link's history line (unlinking gives it back from there), or
    None. The complaint is locked."""
    active = await repository.active_for(session, complaint.id)
    if active is None:
        return None
    ended = (active.id, active.status)
    active.status = "moved"
    _touch(active)
    await session.flush()
    await outbox.changed(session, active, "assignment.moved")
    return ended


@dataclass(frozen=True, slots=True)
class Restored:
    """What unlinking did about the assignment the link had ended: `assignment` is that
    assignment (restored when `reason` is None), or None when the link ended none."""

    assignment: Assignment | None
    reason: str | None = None

    @property
    def restored(self) -> bool:
        return self.assignment is not None and self.reason is None


async def _status_before_link(session: AsyncSession, assignment: Assignment) -> str:
    # Only accepting sets accepted_at, and only a follow-up moves accepted to in_progress.
    if assignment.accepted_at is None:
        return "pending"
    if await repository.count_follow_ups(session, assignment.id):
        return "in_progress"
    return "accepted"


async def _shifted(
    session: AsyncSession, due: datetime, linked_at: datetime, days: int, *, field: str
) -> datetime:
    """`due` moved on by the working days the complaint spent linked; a deadline already
    missed when it was linked stays missed."""
    if days == 0 or due <= linked_at:
        return due
    # Deadlines are the end of a Jakarta day: count on from that day.
    return await deadline(session, due - timedelta(microseconds=1), days, field=field)


# A link's history line and the assignment it moved are written in one request, moments apart.
SAME_REQUEST = timedelta(seconds=60)


async def _ended_by(
    session: AsyncSession, complaint: Complaint, link: LinkRecord
) -> Assignment | None:
    """The assignment `link` ended, if it is still as the link left it (moved)."""
    if link.assignment_id is not None:
        ended = await repository.get(session, link.assignment_id, lock=True)
        return ended if ended is not None and ended.status == "moved" else None
    # A link recorded before its history line named the assignment: the complaint's latest
    # assignment, if the link (same request) moved it; an older moved one is an earlier
    # link's, already left moved by the unlink of its day, and is not this link's to give back.
    ended = await repository.latest_for(session, complaint.id)
    if ended is None or ended.status != "moved":
        return None
    return ended if abs(ended.updated_at - link.at) <= SAME_REQUEST else None


async def restore_after_unlink(
    session: AsyncSession, principal: Principal, complaint: Complaint, link: LinkRecord | None
) -> Restored:
    """Undo what `release_for_link` did: the assignment `link` ended is open again with its
    unit, in the status it had, its deadlines moved on by the working days the complaint was
    linked (so the link's time is not counted against the unit); the complaint follows it.
    When it cannot be, `reason` says why. The complaint is locked and no longer linked."""
    ended = await _ended_by(session, complaint, link) if link is not None else None
    if ended is None or link is None:
        return Restored(None)
    active = await repository.active_for(session, complaint.id)
    if active is not None:
        return Restored(
            ended,
            f"The complaint already has an open assignment (with {active.unit_code}); the "
            "one the link ended stays moved.",
        )
    linked_at, at = link.at, now()
    days = await working_days_between(session, linked_at, at)
    status = link.assignment_status or await _status_before_link(session, ended)
    try:
        # Only a pending assignment still has a response to give by respond_by.
        respond_by = (
            await _shifted(session, ended.respond_by, linked_at, days, field="respond_by")
            if status == "pending"
            else ended.respond_by
        )
        finish_by = await _shifted(session, ended.finish_by, linked_at, days, field="finish_by")
    except BeyondCalendar as exc:
        return Restored(
            ended,
            f"Its deadlines cannot be moved on: {exc.detail or exc.title} The assignment stays "
            "moved; route the complaint again with the days it is due.",
        )
    changes = {
        "unit": {"from": None, "to": ended.unit_code},
        "assignment": {"id": str(ended.id), "from": "moved", "to": status},
        # Deadlines are days everywhere (docs/statuses.md), in the history too.
        "respond_by": {
            "from": day_ending_at(ended.respond_by).isoformat(),
            "to": day_ending_at(respond_by).isoformat(),
        },
        "finish_by": {
            "from": day_ending_at(ended.finish_by).isoformat(),
            "to": day_ending_at(finish_by).isoformat(),
        },
    }
    ended.status, ended.respond_by, ended.finish_by = status, respond_by, finish_by
    _touch(ended)
    await session.flush()
    await outbox.changed(session, ended, "assignment.restored")
    await route_complaint(
        session,
        principal,
        complaint,
        status=ComplaintStatus.ASSIGNED if status == "pending" else ComplaintStatus.IN_PROGRESS,
        unit_code=ended.unit_code,
        routing_kind=ended.kind,
        kind="restored",
        note="Unlinked: the assignment the link ended is back with its unit.",
        changes=changes,
    )
    return Restored(ended)


async def of_complaints(
    session: AsyncSession, complaint_ids: Sequence[uuid.UUID]
) -> tuple[Sequence[Assignment], Sequence[FollowUp]]:
    """Every assignment of these complaints and every follow-up of those, oldest first."""
    assignments = await repository.of_complaints(session, complaint_ids)
    follow_ups = await repository.follow_ups_of(session, [a.id for a in assignments])
    return assignments, follow_ups


async def strike_from_notes(
    session: AsyncSession,
    complaint_ids: Sequence[uuid.UUID],
    strike: Callable[[uuid.UUID], Callable[[str], str]],
) -> None:
    """Rewrite the free text of these complaints' assignments and follow-ups through
    `strike(complaint_id)` (erasure strikes a complainant's identifiers out of them)."""
    assignments, follow_ups = await of_complaints(session, complaint_ids)
    for assignment in assignments:
        struck = strike(assignment.complaint_id)
        if assignment.note is not None:
            assignment.note = struck(assignment.note)
        if assignment.return_reason is not None:
            assignment.return_reason = struck(assignment.return_reason)
    complaint_of = {a.id: a.complaint_id for a in assignments}
    for follow_up in follow_ups:
        follow_up.note = strike(complaint_of[follow_up.assignment_id])(follow_up.note)
    await session.flush()
