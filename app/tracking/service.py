"""A complaint looked up by its tracking number and receipt code: where it stands, who handles
it and what was done, with no one's personal data.

A wrong code and an unknown number are answered alike (the same 404, the same work: the code's
hash is worked out either way), and each counts as a failed guess of the caller's address
(app.ratelimit.guesses): past a few the answers come late, past a few more they are refused.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from app.assignments import assignments_of
from app.auth import Principal
from app.complaints import (
    followed_complaint,
    get_complaint,
    histories,
    receipt_hash,
    receipt_matches,
    status_words,
)
from app.kit.errors import NotFound
from app.kit.timeutil import day_ending_at
from app.models import Assignment, Complaint
from app.models.assignment import ACTIVE
from app.models.roles import Role
from app.personal import public_text
from app.ratelimit import Guesses
from app.tracking import repository
from app.tracking.schemas import Handler, Named, TimelineEntry, TrackingOut

# Reads every complaint (the code is the key) and is shown nothing personal.
_PUBLIC = Principal(key_id=None, name="public tracking", role=Role.VIEWER)
NOT_FOUND = "No complaint has this tracking number and receipt code."


async def track(
    session: AsyncSession, number: str, code: str, *, address: str, guesses: Guesses
) -> TrackingOut:
    """The complaint `number` as its complainant may see it, if `code` is its receipt code;
    404 otherwise, 429 after too many failures from `address`. Until the code fits, the work
    is the same whether the number exists or not: one query for its id and hash, one HMAC."""
    await guesses.admit(address)
    found = await receipt_hash(session, number.upper())
    if not receipt_matches(code, found[1] if found else None) or found is None:
        raise NotFound(NOT_FOUND)
    guesses.fitted(address)
    return await _answer(session, await get_complaint(session, _PUBLIC, str(found[0])))


def _active(assignments: list[Assignment], unit_code: str | None) -> Assignment | None:
    return next(
        (a for a in reversed(assignments) if a.status in ACTIVE and a.unit_code == unit_code),
        None,
    )


async def _answer(session: AsyncSession, complaint: Complaint) -> TrackingOut:
    followed = followed_complaint(complaint)
    handling = followed or complaint
    status, jaki_word, open311_word = status_words(complaint)
    own_ids = [complaint.id]
    assignments, follow_ups = await assignments_of(
        session, own_ids if followed is None else [*own_ids, followed.id]
    )
    active = _active(
        [a for a in assignments if a.complaint_id == handling.id], handling.assigned_unit_code
    )
    units = {a.unit_code for a in assignments}
    category, regions, unit_names = await repository.names(
        session,
        category=complaint.category_code,
        regions=[complaint.kelurahan_code, complaint.kecamatan_code],
        units=units,
    )
    # Its own steps only: the followed report's notes are written about its reporter.
    own_assignments = {a.id: a for a in assignments if a.complaint_id == complaint.id}
    timeline = [
        TimelineEntry(at=e.occurred_at, kind="status", status=e.to_status)
        for e in await histories(session, own_ids)
        if e.to_status is not None and e.to_status != e.from_status
    ]
    timeline += [
        TimelineEntry(
            at=f.created_at,
            kind="follow_up",
            unit=unit_names.get(own_assignments[f.assignment_id].unit_code),
            note=public_text(f.note, name=complaint.complainant_name),
        )
        for f in follow_ups
        if f.assignment_id in own_assignments
    ]
    timeline.sort(key=lambda entry: entry.at)
    return TrackingOut(
        tracking_number=complaint.tracking_number,
        status=status,
        jaki_status=jaki_word,
        open311_status="closed" if open311_word == "closed" else "open",
        channel=complaint.channel_code,
        category=Named(code=complaint.category_code, name=category),
        kelurahan=Named(
            code=complaint.kelurahan_code, name=regions.get(complaint.kelurahan_code, "")
        ),
        kecamatan=Named(
            code=complaint.kecamatan_code, name=regions.get(complaint.kecamatan_code, "")
        ),
        reported_at=complaint.reported_at,
        updated_at=max(complaint.updated_at, handling.updated_at),
        follows_known_report=followed is not None,
        handled_by=None
        if active is None
        else Handler(
            code=active.unit_code,
            name=unit_names.get(active.unit_code, active.unit_code),
            respond_by=day_ending_at(active.respond_by),
            finish_by=day_ending_at(active.finish_by),
        ),
        timeline=timeline,
    )
