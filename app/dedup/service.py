"""Duplicates: linking a complaint to the one it restates, recording decisions on candidates,
and matching on request. This package owns linking: a link changes the complaint's status
(through app.complaints) and ends its open assignment (through app.assignments); the matcher
(app.matching) scores and keeps the pair and the decision."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from app.assignments import Restored, release_for_link, restore_after_unlink
from app.auth import Principal
from app.categories import require_category
from app.channels import get_channel
from app.complaints import (
    ComplaintCreate,
    get_complaint,
    has_duplicates,
    last_link,
    lock_pair,
    mark_linked,
    mark_unlinked,
    sealed_complainant,
)
from app.dedup.schemas import MatchRequest
from app.kit.errors import Conflict, InvalidInput
from app.kit.preconditions import ANY, IfMatch
from app.kit.timeutil import now
from app.matching import (
    Match,
    Model,
    Side,
    also_indexes,
    find_candidates,
    matching_reference,
    record_decision,
    shown_candidates,
    side_of_complaint,
    stored_pair,
)
from app.models import Complaint, DedupCandidate
from app.models.statuses import ComplaintStatus
from app.regions import require_region_level

FINAL = {ComplaintStatus.RESOLVED, ComplaintStatus.CLOSED, ComplaintStatus.REJECTED}


async def side_of_body(session: AsyncSession, body: ComplaintCreate) -> Side:
    """A complaint not stored (yet): validated as intake would, then compared like one."""
    known = await matching_reference(session)
    if body.category not in known.kinds:
        await require_category(session, body.category, field="complaint.category")
    if body.kelurahan_code not in known.kelurahan:
        await require_region_level(
            session, body.kelurahan_code, "kelurahan", field="complaint.kelurahan_code"
        )
    sealed = sealed_complainant(body.complainant)
    return Side.of(
        category_code=body.category,
        kelurahan_code=body.kelurahan_code,
        reported_at=body.reported_at or now(),
        description=body.description,
        address=body.address,
        rt=body.rt,
        rw=body.rw,
        lat=body.lat,
        lon=body.lon,
        nik_index=sealed["nik_index"],
        phone_index=sealed["phone_index"],
        name=body.complainant.name if body.complainant else None,
        status="received",
        nik_also=also_indexes("nik", sealed["nik_encrypted"]),
        phone_also=also_indexes("phone", sealed["phone_encrypted"]),
    )


async def matches(
    session: AsyncSession, principal: Principal, body: MatchRequest
) -> tuple[list[Match], Model]:
    """The candidates for a stored or an unsaved complaint; nothing is stored."""
    if (body.complaint_id is None) == (body.complaint is None):
        raise InvalidInput(
            "Give either complaint_id (a stored complaint) or complaint (an unsaved one).",
            field="complaint_id",
        )
    exclude = None
    if body.complaint_id is not None:
        stored = await get_complaint(session, principal, body.complaint_id)
        side, exclude = side_of_complaint(stored), stored.id
    else:
        assert body.complaint is not None
        side = await side_of_body(session, body.complaint)
    found, model = await find_candidates(session, side, channels=body.channels, exclude=exclude)
    return shown_candidates(found, body.limit, model), model


async def link(
    session: AsyncSession,
    principal: Principal,
    ref: str,
    canonical_ref: str,
    *,
    field: str = "canonical_id",
    precondition: IfMatch = ANY,
) -> Complaint:
    """Link a complaint to the one it duplicates: it follows that one from now on. Problems
    with the canonical complaint name `field`, the request's name for it."""
    complaint, canonical = await lock_pair(
        session, principal, ref, canonical_ref, other_field=field
    )
    precondition.check(complaint.version)
    if complaint.id == canonical.id:
        raise InvalidInput("A complaint cannot duplicate itself.", field=field)
    if complaint.duplicate_of_id == canonical.id:
        return complaint  # already so: a retry changes nothing
    if complaint.duplicate_of_id is not None:
        raise Conflict(
            "This complaint is already linked to another; unlink it first.", field="status"
        )
    if canonical.duplicate_of_id is not None:
        raise Conflict(
            "That complaint is itself a linked duplicate; link to the one it follows "
            f"({canonical.duplicate_of_id}).",
            field=field,
        )
    if await has_duplicates(session, complaint):
        raise Conflict(
            "Other complaints are linked to this one; it cannot become a duplicate itself.",
            field="status",
        )
    if (await get_channel(session, complaint.channel_code)).is_mirror:
        raise Conflict("A mirrored JAKI report is managed by JAKI; link the other way round.")
    if ComplaintStatus(complaint.status) in FINAL:
        raise Conflict(f"A {complaint.status} complaint cannot be linked.", field="status")
    ended = await release_for_link(session, principal, complaint)
    await mark_linked(session, principal, complaint, canonical, ended=ended)
    await record_decision(session, principal, complaint, canonical, "match")
    return complaint


async def unlink(
    session: AsyncSession, principal: Principal, ref: str, precondition: IfMatch = ANY
) -> tuple[Complaint, Restored]:
    """Undo a link: the pair is recorded as not a duplicate, and the assignment the link ended
    is given back to its unit (or the answer says why not); without one, the complaint waits
    to be routed on its own."""
    complaint = await get_complaint(session, principal, ref)
    if complaint.duplicate_of_id is None:
        raise Conflict("This complaint is not linked to another.", field="status")
    complaint, canonical = await lock_pair(
        session, principal, ref, str(complaint.duplicate_of_id), other_field="canonical_id"
    )
    precondition.check(complaint.version)
    if complaint.duplicate_of_id != canonical.id:  # unlinked or relinked meanwhile
        raise Conflict("The link changed meanwhile; read the complaint again.", field="status")
    link = await last_link(session, complaint)
    await mark_unlinked(session, principal, complaint, canonical)
    restored = await restore_after_unlink(session, principal, complaint, link)
    await record_decision(session, principal, complaint, canonical, "not_match")
    return complaint, restored


async def decide(
    session: AsyncSession, principal: Principal, ref: str, candidate_ref: str, decision: str
) -> DedupCandidate:
    """Accept (link) or reject a candidate."""
    if decision == "match":
        complaint = await link(session, principal, ref, candidate_ref, field="candidate_id")
        assert complaint.duplicate_of_id is not None
        stored = await stored_pair(session, complaint.id, complaint.duplicate_of_id)
        assert stored is not None
        return stored
    complaint, candidate = await lock_pair(
        session, principal, ref, candidate_ref, other_field="candidate_id"
    )
    if complaint.id == candidate.id:
        raise InvalidInput("A complaint is not a candidate of itself.", field="candidate_id")
    if complaint.duplicate_of_id == candidate.id:
        raise Conflict(
            "This complaint is linked to that one; unlink it (DELETE duplicate-of) instead.",
            field="decision",
        )
    return await record_decision(session, principal, complaint, candidate, "not_match")
