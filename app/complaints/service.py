"""Complaint rules: intake, scope, corrections, the status machine and history."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import Principal
from app.categories import require_category
from app.channels import get_channel, require_intake_channel, require_known_channel
from app.complaints import outbox, receipts, repository, rows
from app.complaints.repository import EVERYTHING, ComplaintFilter, Scope
from app.complaints.schemas import ComplaintCreate, ComplaintPatch, StatusChange
from app.complaints.scope import NOTHING_HIDDEN, OutOfScope, linked_numbers
from app.kit import paging
from app.kit.errors import Conflict, Forbidden, InvalidInput, NotFound
from app.kit.preconditions import ANY, IfMatch
from app.kit.timeutil import JAKARTA, now, start_of_day
from app.kit.validation import check_day
from app.models import Channel, Complaint, ComplaintEvent
from app.models.roles import Role
from app.models.statuses import MANUAL_TRANSITIONS, ComplaintStatus
from app.regions import require_region, require_region_level

# API field name -> column, where they differ.
_COLUMN = {"category": "category_code"}
_REGION_COLUMN = {2: "kabkota_code", 3: "kecamatan_code", 4: "kelurahan_code"}


def _event(complaint: Complaint, principal: Principal, kind: str, **fields: Any) -> ComplaintEvent:
    return rows.event(complaint.id, principal, kind, at=now(), **fields)


async def tracking_numbers(
    session: AsyncSession, channel: Channel, count: int, *, at: datetime
) -> list[str]:
    """`count` new tracking numbers: the channel's prefix, the year in Jakarta, a serial."""
    year = at.astimezone(JAKARTA).year
    first = await repository.reserve_serials(session, channel.code, year, count)
    return [f"{channel.tracking_prefix}-{year}-{n:06d}" for n in range(first, first + count)]


@dataclass(frozen=True, slots=True)
class Draft:
    """A complaint checked and built but not stored, without its tracking number yet, and the
    channel that will number it (`record`)."""

    complaint: Complaint
    channel: Channel
    receipt_code: str


async def create(session: AsyncSession, principal: Principal, body: ComplaintCreate) -> Complaint:
    """Record a complaint from a channel that takes complaints through the API."""
    return await record(session, principal, await draft(session, principal, body))


async def draft(session: AsyncSession, principal: Principal, body: ComplaintCreate) -> Draft:
    """The complaint `body` describes, checked and built but not stored, with its receipt code.
    A client key records in its own channel (the default for it) and no other (403)."""
    channel_code = body.channel
    if principal.role is Role.CLIENT:
        assert principal.channel_code is not None  # every client key has one
        if "channel" not in body.model_fields_set:
            channel_code = principal.channel_code
        elif channel_code != principal.channel_code:
            raise Forbidden(
                f"This key records complaints of channel {principal.channel_code} only.",
                field="channel",
            )
    channel = await require_intake_channel(session, channel_code, field="channel")
    if principal.role is not Role.CLIENT and await repository.an_apps_channel(
        session, channel.code
    ):
        # Its client keys read every complaint of it unmasked: only they record there.
        raise Conflict(
            f"Channel {channel.code} is an app's own: only its client keys record in it.",
            field="channel",
        )
    if channel.requires_identity:
        person = body.complainant
        if person is None or not person.name:
            raise InvalidInput(
                "A complaint at this desk needs the complainant's name.", field="complainant.name"
            )
        if person.nik is None and person.phone is None:
            raise InvalidInput(
                "A complaint at this desk needs the complainant's NIK or phone.",
                field="complainant.nik",
            )
    await require_category(session, body.category, field="category")
    await require_region_level(session, body.kelurahan_code, "kelurahan", field="kelurahan_code")
    if body.external_id is not None:
        await _refuse_taken_external_id(session, principal, channel.code, body.external_id)

    recorded_at = now()
    receipt_code = receipts.new_code()
    complaint = Complaint(
        id=uuid.uuid4(),
        channel_code=channel.code,
        external_id=body.external_id,
        status=ComplaintStatus.RECEIVED.value,
        category_code=body.category,
        description=body.description,
        address=body.address,
        rt=body.rt,
        rw=body.rw,
        lat=body.lat,
        lon=body.lon,
        reported_at=body.reported_at or recorded_at,
        created_at=recorded_at,
        updated_at=recorded_at,
        created_by_key_id=principal.key_id,
        version=1,
        receipt_code_hash=receipts.digest(receipt_code),
        jaki=None,
        duplicate_of=None,
        **rows.derived_columns(
            description=body.description,
            address=body.address,
            kelurahan_code=body.kelurahan_code,
            person=body.complainant,
        ),
    )
    return Draft(complaint, channel, receipt_code)


async def _refuse_taken_external_id(
    session: AsyncSession, principal: Principal, channel_code: str, external_id: str
) -> None:
    """409 if the channel already has a complaint with `external_id`, naming it when the
    caller may see it (so a retried push finds what the first one made)."""
    if await repository.get_by_external_id(session, channel_code, external_id) is None:
        return
    holder = await repository.get_by_external_id(
        session, channel_code, external_id, scope=scope_of(principal)
    )
    detail = "This channel already has a complaint with that external_id"
    if holder is None:
        raise Conflict(f"{detail}.", field="external_id")
    raise Conflict(
        f"{detail}: {holder.tracking_number} (id {holder.id}).",
        field="external_id",
        headers={"Content-Location": f"/v1/complaints/{holder.id}"},
    )


async def get_by_external_id(
    session: AsyncSession, principal: Principal, channel_code: str, external_id: str
) -> Complaint:
    """A complaint by its channel and the id the channel's own system gave it (a JAKI report
    by its JAKI id); 404 if unknown or outside the caller's scope."""
    complaint = await repository.get_by_external_id(
        session, channel_code, external_id, scope=scope_of(principal)
    )
    if complaint is None:
        raise NotFound("No complaint of this channel has this external id.")
    return complaint


async def record(session: AsyncSession, principal: Principal, draft: Draft) -> Complaint:
    """Give a drafted complaint its tracking number and store it, with its first history line.
    Numbering locks the channel's counter until the transaction ends: do slow work before."""
    complaint = draft.complaint
    [complaint.tracking_number] = await tracking_numbers(
        session, draft.channel, 1, at=complaint.created_at
    )
    await repository.add(session, complaint)
    await repository.add_event(
        session, _event(complaint, principal, "created", to_status=complaint.status)
    )
    await outbox.changed(session, complaint, "complaint.created", unassigned=True)
    return complaint


def scope_of(principal: Principal) -> Scope:
    """The complaints a key may see: an agency key only those ever assigned to its unit, a
    client key only those of its channel; any other key every complaint."""
    if principal.role is Role.AGENCY:
        assert principal.unit_code is not None  # the api_keys table holds every agency key to one
        return Scope(unit_code=principal.unit_code)
    if principal.role is Role.CLIENT:
        assert principal.channel_code is not None  # and every client key to a channel
        return Scope(channel_code=principal.channel_code)
    return EVERYTHING


async def get(session: AsyncSession, principal: Principal, ref: str) -> Complaint:
    """A complaint by id or tracking number; 404 if unknown or outside the caller's scope."""
    scope = scope_of(principal)
    complaint: Complaint | None
    try:
        complaint = await repository.get_by_id(session, uuid.UUID(ref), scope=scope)
    except ValueError:
        complaint = await repository.get_by_tracking_number(session, ref.upper(), scope=scope)
    if complaint is None:
        raise NotFound("No complaint has this id or tracking number.")
    return complaint


async def reissue_receipt(
    session: AsyncSession, principal: Principal, ref: str
) -> tuple[Complaint, str]:
    """A new receipt code for a complaint (the complainant lost theirs, or it was recorded
    before codes existed); the old one stops working. A JAKI report has none: it is tracked in
    JAKI (409)."""
    complaint = await _get_locked(session, principal, ref)
    channel = await get_channel(session, complaint.channel_code)
    if channel.is_mirror:
        raise Conflict(
            "This complaint is mirrored from JAKI; its reporter tracks it in JAKI, not here."
        )
    code = receipts.new_code()
    complaint.receipt_code_hash = receipts.digest(code)
    # Not a change of the complaint (its version and ETag stay), but the history says who did it.
    await repository.add_event(session, _event(complaint, principal, "receipt_code_issued"))
    return complaint, code


async def out_of_scope(
    session: AsyncSession,
    principal: Principal,
    complaints: Sequence[Complaint],
    events: Sequence[ComplaintEvent] = (),
) -> OutOfScope:
    """The complaints that these (and these history events) are linked to and the key may not
    see: one query for a whole page, none for a key that sees every complaint."""
    scope = scope_of(principal)
    ids = {c.duplicate_of_id for c in complaints if c.duplicate_of_id is not None}
    numbers = linked_numbers(events)
    if scope.everything or not (ids or numbers):
        return NOTHING_HIDDEN
    seen = await repository.within(session, scope, ids=ids, numbers=numbers)
    return OutOfScope(
        ids=frozenset(ids - {i for i, _ in seen}),
        numbers=frozenset(numbers - {n for _, n in seen}),
    )


async def _get_locked(session: AsyncSession, principal: Principal, ref: str) -> Complaint:
    complaint = await get(session, principal, ref)
    locked = await repository.lock(session, complaint.id)
    assert locked is not None  # it was just read in this transaction
    return locked


def encode_cursor(complaint: Complaint) -> str:
    """An opaque cursor pointing just after `complaint` in newest-first order."""
    return paging.encode_cursor(complaint.reported_at, complaint.id)


def decode_cursor(cursor: str) -> tuple[datetime, uuid.UUID]:
    """The position a cursor points at; 422 naming `cursor` if it was not made by Pintu."""
    reported_at, complaint_id = paging.decode_cursor(cursor, datetime, uuid.UUID)
    return reported_at, complaint_id


async def search(
    session: AsyncSession,
    principal: Principal,
    *,
    channel: str | None,
    statuses: Sequence[ComplaintStatus] | None,
    category: str | None,
    region: str | None,
    from_day: date | None,
    to_day: date | None,
    text: str | None,
    cursor: str | None,
    limit: int,
    updated_since: datetime | None = None,
    external_id: str | None = None,
) -> tuple[Sequence[Complaint], str | None]:
    """A page of complaints, newest first, and the cursor of the next page."""
    if channel is not None:
        await require_known_channel(session, channel, field="channel")
    if category is not None:
        await require_category(session, category, field="category")
    region_column = None
    if region is not None:
        await require_region(session, region, field="region")
        region_column = _REGION_COLUMN.get(len(region.split(".")))
    check_day(from_day, field="from")
    check_day(to_day, field="to")
    if from_day and to_day and to_day < from_day:
        raise InvalidInput("`to` must not be before `from`.", field="to")
    f = ComplaintFilter(
        channel=channel,
        statuses=[s.value for s in statuses] if statuses else None,
        category=category,
        region_column=region_column,
        region_code=region if region_column else None,
        since=start_of_day(from_day) if from_day else None,
        until=start_of_day(to_day + timedelta(days=1)) if to_day else None,
        updated_since=updated_since,
        text=text,
        external_id=external_id,
        scope=scope_of(principal),
    )
    after = decode_cursor(cursor) if cursor else None
    rows = await repository.search(session, f, limit=limit + 1, after=after)
    page = rows[:limit]
    next_cursor = encode_cursor(page[-1]) if len(rows) > limit else None
    return page, next_cursor


def _refuse_manual_change(complaint: Complaint, mirror: bool) -> None:
    if mirror:
        raise Conflict(
            "This complaint is mirrored from JAKI, its system of record; only the JAKI feed "
            "changes it."
        )
    if complaint.status == ComplaintStatus.LINKED:
        raise Conflict(
            "This complaint is linked to another and follows its status.", field="status"
        )


async def correct(
    session: AsyncSession,
    principal: Principal,
    ref: str,
    body: ComplaintPatch,
    precondition: IfMatch = ANY,
) -> Complaint:
    """Correct description, category or location, keeping the old values in the history."""
    complaint = await _get_locked(session, principal, ref)
    precondition.check(complaint.version)
    channel = await get_channel(session, complaint.channel_code)
    _refuse_manual_change(complaint, channel.is_mirror)
    fields = body.model_dump(exclude_unset=True)
    if "category" in fields:
        await require_category(session, fields["category"], field="category")
    if "kelurahan_code" in fields:
        await require_region_level(
            session, fields["kelurahan_code"], "kelurahan", field="kelurahan_code"
        )
    # History keys are the API's field names; values are never personal data.
    changes = {
        name: {"from": getattr(complaint, _COLUMN.get(name, name)), "to": value}
        for name, value in fields.items()
        if getattr(complaint, _COLUMN.get(name, name)) != value
    }
    if not changes:
        return complaint
    for name, change in changes.items():
        setattr(complaint, _COLUMN.get(name, name), change["to"])
    if "kelurahan_code" in changes:
        for name, value in rows.region_columns(complaint.kelurahan_code).items():
            setattr(complaint, name, value)
    if "description" in changes or "address" in changes:
        complaint.match_text = rows.matching_text(complaint.description, complaint.address)
    if changes.keys() & {"description", "address", "kelurahan_code"}:
        for name, value in rows.matching_places(
            complaint.description, complaint.address, complaint.kelurahan_code
        ).items():
            setattr(complaint, name, value)
    complaint.updated_at = now()
    complaint.version += 1
    await repository.add_event(session, _event(complaint, principal, "updated", changes=changes))
    await outbox.changed(session, complaint, "complaint.corrected")
    return complaint


async def change_status(
    session: AsyncSession,
    principal: Principal,
    ref: str,
    body: StatusChange,
    precondition: IfMatch = ANY,
) -> Complaint:
    """Move a complaint's status by hand; 409 for a move the status machine does not allow."""
    complaint = await _get_locked(session, principal, ref)
    precondition.check(complaint.version)
    channel = await get_channel(session, complaint.channel_code)
    _refuse_manual_change(complaint, channel.is_mirror)
    current = ComplaintStatus(complaint.status)
    if complaint.assigned_unit_code is not None and current in {
        ComplaintStatus.ASSIGNED,
        ComplaintStatus.IN_PROGRESS,
    }:
        raise Conflict(
            "The complaint is with a unit: its assignment moves it (accept, follow-ups, "
            "complete, return), or assign it elsewhere.",
            field="status",
        )
    if body.status not in MANUAL_TRANSITIONS[current]:
        allowed = ", ".join(sorted(MANUAL_TRANSITIONS[current])) or "none"
        raise Conflict(
            f"A complaint cannot move from {current.value} to {body.status.value} "
            f"(allowed: {allowed}).",
            field="status",
        )
    complaint.status = body.status.value
    complaint.updated_at = now()
    complaint.version += 1
    await repository.add_event(
        session,
        _event(
            complaint,
            principal,
            "status_changed",
            note=body.note,
            from_status=current.value,
            to_status=body.status.value,
        ),
    )
    await outbox.changed(session, complaint, "complaint.status_changed")
    return complaint


async def route(
    session: AsyncSession,
    principal: Principal,
    complaint: Complaint,
    *,
    status: ComplaintStatus,
    unit_code: str | None,
    routing_kind: str | None,
    kind: str,
    note: str | None,
    changes: dict[str, Any] | None = None,
) -> None:
    """Move a complaint as its assignments move (the assignment lifecycle owns these moves)."""
    previous = complaint.status
    complaint.status = status.value
    complaint.assigned_unit_code = unit_code
    complaint.routing_kind = routing_kind
    complaint.updated_at = now()
    complaint.version += 1
    await repository.add_event(
        session,
        _event(
            complaint,
            principal,
            kind,
            note=note,
            changes=changes,
            from_status=previous if previous != status.value else None,
            to_status=status.value if previous != status.value else None,
        ),
    )
    if previous != status.value:
        await outbox.changed(session, complaint, "complaint.status_changed")


async def lock_for_routing(session: AsyncSession, principal: Principal, ref: str) -> Complaint:
    """The complaint, locked, if assignments may route it: not a mirrored JAKI report (JAKI
    routes those), not a linked duplicate; 404 outside the caller's scope."""
    complaint = await _get_locked(session, principal, ref)
    channel = await get_channel(session, complaint.channel_code)
    if channel.is_mirror:
        raise Conflict("A mirrored JAKI report is routed by JAKI; it is only mirrored here.")
    if complaint.status == ComplaintStatus.LINKED:
        raise Conflict("A linked duplicate follows its canonical complaint.", field="status")
    return complaint


async def get_locked_by_id(session: AsyncSession, complaint_id: uuid.UUID) -> Complaint:
    """A complaint by id, locked (for a lifecycle move on one of its assignments)."""
    complaint = await repository.lock(session, complaint_id)
    assert complaint is not None  # assignments reference existing complaints
    return complaint


async def try_lock_by_id(session: AsyncSession, complaint_id: uuid.UUID) -> Complaint | None:
    """The complaint, locked, or None if another transaction is changing it right now."""
    return await repository.lock(session, complaint_id, skip_locked=True)


async def history(
    session: AsyncSession, principal: Principal, ref: str
) -> tuple[Complaint, Sequence[ComplaintEvent], OutOfScope]:
    """A complaint and every change it went through, oldest first, with the linked complaints
    among them that the key may not see."""
    complaint = await get(session, principal, ref)
    events = await repository.events(session, complaint.id)
    return complaint, events, await out_of_scope(session, principal, [], events)


async def any_recorded(session: AsyncSession) -> bool:
    """Whether any complaint exists at all."""
    return await repository.any_exists(session)


async def count_per_day(
    session: AsyncSession, *, since: datetime, until: datetime, channel_code: str | None
) -> list[tuple[date, str, int]]:
    """(Jakarta date, channel, count) of complaints reported in [since, until)."""
    return await repository.count_per_day(
        session, since=since, until=until, channel_code=channel_code
    )


async def lock_pair(
    session: AsyncSession, principal: Principal, ref: str, other_ref: str, *, other_field: str
) -> tuple[Complaint, Complaint]:
    """Two complaints, both locked, in the order of their ids so that two requests on the
    same pair never wait on each other in a circle; an unknown `other_ref` is a 422."""
    first = await get(session, principal, ref)
    try:
        second = await get(session, principal, other_ref)
    except NotFound:
        raise InvalidInput(
            "No complaint has this id or tracking number.", field=other_field
        ) from None
    for complaint in sorted({first, second}, key=lambda c: c.id):
        await repository.lock(session, complaint.id)
    return first, second


async def has_duplicates(session: AsyncSession, complaint: Complaint) -> bool:
    """Whether any complaint is linked to this one."""
    return await repository.has_duplicates(session, complaint.id)


@dataclass(frozen=True, slots=True)
class LinkRecord:
    """When a complaint was last linked, and the assignment that link ended (its id and the
    status it had), as the link's history line recorded them; links recorded before lines
    named the assignment have neither."""

    at: datetime
    assignment_id: uuid.UUID | None
    assignment_status: str | None


async def mark_linked(
    session: AsyncSession,
    principal: Principal,
    complaint: Complaint,
    canonical: Complaint,
    *,
    ended: tuple[uuid.UUID, str] | None = None,
) -> None:
    """Make `complaint` a linked duplicate of `canonical`; both histories say so, and the
    complaint's names the assignment the link `ended` (its id, and the status it had)."""
    complaint.assigned_unit_code = complaint.routing_kind = None
    changes: dict[str, Any] = {}
    if ended is not None:
        changes["assignment"] = {"id": str(ended[0]), "from": ended[1], "to": "moved"}
    await _record_link(session, principal, complaint, canonical, linked=True, changes=changes)


async def last_link(session: AsyncSession, complaint: Complaint) -> LinkRecord | None:
    """The complaint's latest link, as its history line recorded it (None: never linked)."""
    event = await repository.latest_event(session, complaint.id, "linked")
    if event is None:
        return None
    ended = (event.changes or {}).get("assignment") or {}
    return LinkRecord(
        at=event.occurred_at,
        assignment_id=uuid.UUID(ended["id"]) if ended.get("id") else None,
        assignment_status=ended.get("from"),
    )


async def mark_unlinked(
    session: AsyncSession, principal: Principal, complaint: Complaint, canonical: Complaint
) -> None:
    """Undo a link: the complaint waits to be routed on its own again."""
    await _record_link(session, principal, complaint, canonical, linked=False)


async def _record_link(
    session: AsyncSession,
    principal: Principal,
    complaint: Complaint,
    canonical: Complaint,
    *,
    linked: bool,
    changes: dict[str, Any] | None = None,
) -> None:
    previous = complaint.status
    complaint.status = (ComplaintStatus.LINKED if linked else ComplaintStatus.VERIFIED).value
    complaint.duplicate_of_id = canonical.id if linked else None
    complaint.duplicate_of = canonical if linked else None
    complaint.updated_at = now()
    complaint.version += 1
    ends = (None, canonical.tracking_number) if linked else (canonical.tracking_number, None)
    await repository.add_event(
        session,
        _event(
            complaint,
            principal,
            "linked" if linked else "unlinked",
            from_status=previous,
            to_status=complaint.status,
            changes={"duplicate_of": {"from": ends[0], "to": ends[1]}, **(changes or {})},
        ),
    )
    await outbox.changed(session, complaint, "complaint.linked" if linked else "complaint.unlinked")
    ends = (None, complaint.tracking_number) if linked else (complaint.tracking_number, None)
    await repository.add_event(
        session,
        _event(
            canonical,
            principal,
            "duplicate_linked" if linked else "duplicate_unlinked",
            changes={"duplicate": {"from": ends[0], "to": ends[1]}},
        ),
    )


async def reindex_batch(
    session: AsyncSession, *, after: uuid.UUID | None, only_missing: bool, size: int = 5000
) -> tuple[int, uuid.UUID | None]:
    """Normalise the texts of the next `size` complaints after `after` (by id)."""
    found = await repository.texts_after(session, after, only_missing=only_missing, size=size)
    if not found:
        return 0, after
    await repository.set_match_texts(
        session,
        [
            {
                "id": r.id,
                "match_text": rows.matching_text(r.description, r.address),
                **(
                    rows.no_place()
                    if r.place_dropped
                    else rows.matching_places(r.description, r.address, r.kelurahan_code)
                ),
            }
            for r in found
        ],
    )
    return len(found), found[-1].id


async def histories(
    session: AsyncSession, complaint_ids: Sequence[uuid.UUID]
) -> Sequence[ComplaintEvent]:
    """The history lines of several complaints, each complaint's in order."""
    return await repository.events_of(session, complaint_ids)
