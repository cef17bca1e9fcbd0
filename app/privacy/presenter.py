"""A complaint as `pintu pdp-export` shows it to the person it is about: all of it, decrypted."""

from __future__ import annotations

from collections.abc import Sequence

from app.audit import PersonalDataReadOut
from app.kit.security import get_cipher
from app.kit.timeutil import day_ending_at
from app.models import (
    Assignment,
    Complaint,
    ComplaintEvent,
    DedupCandidate,
    FollowUp,
    JakiReport,
    PersonalDataRead,
)
from app.privacy.schemas import (
    ActorOut,
    AssignmentOut,
    CandidateOut,
    ComplaintExport,
    EventOut,
    FollowUpOut,
    JakiOut,
    PersonOut,
)


def _event(e: ComplaintEvent) -> EventOut:
    return EventOut(
        kind=e.kind,
        from_status=e.from_status,
        to_status=e.to_status,
        changes=e.changes,
        note=e.note,
        actor=ActorOut(name=e.actor_name, role=e.actor_role),
        occurred_at=e.occurred_at,
    )


def _assignment(a: Assignment, follow_ups: Sequence[FollowUp]) -> AssignmentOut:
    return AssignmentOut(
        unit_code=a.unit_code,
        kind=a.kind,
        status=a.status,
        assignee_name=a.assignee_name,
        note=a.note,
        respond_by=day_ending_at(a.respond_by),
        finish_by=day_ending_at(a.finish_by),
        created_at=a.created_at,
        accepted_at=a.accepted_at,
        completed_at=a.completed_at,
        returned_at=a.returned_at,
        return_reason=a.return_reason,
        escalated_at=a.escalated_at,
        follow_ups=[
            FollowUpOut(
                note=f.note,
                photo_urls=f.photo_urls,
                actor=ActorOut(name=f.actor_name, role=f.actor_role),
                created_at=f.created_at,
            )
            for f in follow_ups
            if f.assignment_id == a.id
        ],
    )


def _jaki(details: JakiReport) -> JakiOut:
    raw = None
    if details.raw_encrypted is not None:
        raw = get_cipher().decrypt_json("jaki_raw", details.raw_encrypted)
    return JakiOut(
        jaki_status=details.jaki_status,
        category_text=details.category_text,
        is_public=details.is_public,
        photo_urls=details.photo_urls,
        support_count=details.support_count,
        follow_ups=details.follow_ups,
        raw=raw,
        kelurahan_source=details.kelurahan_source,
        kelurahan_distance_m=details.kelurahan_distance_m,
        jaki_created_at=details.jaki_created_at,
        jaki_updated_at=details.jaki_updated_at,
    )


def _candidate(d: DedupCandidate) -> CandidateOut:
    decided_by = None
    if d.decided_by_name and d.decided_by_role:
        decided_by = ActorOut(name=d.decided_by_name, role=d.decided_by_role)
    return CandidateOut(
        complaint_id=d.complaint_id,
        candidate_id=d.candidate_id,
        score=d.score,
        band=d.band,
        rule=d.rule,
        comparison=d.comparison,
        found_at=d.found_at,
        decision=d.decision,
        decided_at=d.decided_at,
        decided_by=decided_by,
    )


def complaint_export(
    c: Complaint,
    person: PersonOut,
    events: Sequence[ComplaintEvent],
    assignments: Sequence[Assignment],
    follow_ups: Sequence[FollowUp],
    candidates: Sequence[DedupCandidate],
    reads: Sequence[PersonalDataRead],
) -> ComplaintExport:
    """One complaint with what hangs off it, picked out of rows read for all of them."""
    return ComplaintExport(
        id=c.id,
        tracking_number=c.tracking_number,
        channel=c.channel_code,
        external_id=c.external_id,
        status=c.status,
        source_status=c.source_status,
        category=c.category_code,
        description=c.description,
        address=c.address,
        rt=c.rt,
        rw=c.rw,
        kelurahan_code=c.kelurahan_code,
        kecamatan_code=c.kecamatan_code,
        kabkota_code=c.kabkota_code,
        lat=c.lat,
        lon=c.lon,
        reported_at=c.reported_at,
        created_at=c.created_at,
        updated_at=c.updated_at,
        assigned_unit_code=c.assigned_unit_code,
        duplicate_of_id=c.duplicate_of_id,
        personal_data_erased_at=c.personal_data_erased_at,
        complainant=person,
        history=[_event(e) for e in events if e.complaint_id == c.id],
        assignments=[_assignment(a, follow_ups) for a in assignments if a.complaint_id == c.id],
        jaki=_jaki(c.jaki) if c.jaki else None,
        dedup_candidates=[
            _candidate(d) for d in candidates if c.id in (d.complaint_id, d.candidate_id)
        ],
        personal_data_reads=[
            PersonalDataReadOut.model_validate(r) for r in reads if r.complaint_id == c.id
        ],
    )
