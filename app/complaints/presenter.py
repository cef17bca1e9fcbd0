"""Complaints as callers see them: personal data decrypted, then masked unless the role needs it."""

from __future__ import annotations

import json
from collections.abc import Sequence

from sqlalchemy import inspect

from app.auth.service import Principal
from app.complaints.schemas import (
    Actor,
    ComplainantOut,
    ComplaintHistory,
    ComplaintOut,
    HistoryEvent,
    JakiDetails,
    LinkOut,
)
from app.complaints.statuses import JAKI_STATUS, OPEN311_STATUS, ComplaintStatus
from app.errors import echoable
from app.models import Complaint, ComplaintEvent, JakiReport
from app.personal.email import mask_email
from app.personal.name import mask_name
from app.personal.nik import mask_nik
from app.personal.phone import mask_phone
from app.security import get_cipher

_MASKS = {"nik": mask_nik, "phone": mask_phone, "email": mask_email}


def _complainant(complaint: Complaint, reveal: bool) -> ComplainantOut | None:
    cipher = get_cipher()
    values: dict[str, str | None] = {}
    for field, mask in _MASKS.items():
        blob: bytes | None = getattr(complaint, f"{field}_encrypted")
        if blob is None:
            values[field] = None
            continue
        plain = cipher.decrypt(field, blob)
        values[field] = plain if reveal else mask(plain)
    name = complaint.complainant_name
    if name is None and not any(values.values()):
        return None
    shown_name = name if reveal or name is None else mask_name(name)
    return ComplainantOut(name=shown_name, masked=not reveal, **values)


def _jaki(details: JakiReport, reveal: bool) -> JakiDetails:
    raw = None
    if reveal and details.raw_encrypted is not None:
        raw = json.loads(get_cipher().decrypt("jaki_raw", details.raw_encrypted))
    return JakiDetails(
        category_text=details.category_text,
        is_public=details.is_public,
        photo_urls=details.photo_urls,
        support_count=details.support_count,
        follow_ups=details.follow_ups,  # type: ignore[arg-type]  # validated from JSON
        kelurahan_source=details.kelurahan_source,
        kelurahan_distance_m=details.kelurahan_distance_m,
        jaki_updated_at=details.jaki_updated_at,
        # Rows stored before names were screened may hold one that is a personal value.
        raw_fields=[n for n in details.raw_fields if echoable(n)] if details.raw_fields else None,
        raw=raw,
    )


# How an assigned complaint got to its unit decides JAKI's word (DOMAIN: Koordinasi = passed
# from one agency to another, Disposisi = an agency instructing its sub-unit).
_ROUTED_WORD = {
    "assignment": "Menunggu",
    "coordination": "Koordinasi",
    "escalation": "Koordinasi",
    "disposition": "Disposisi",
}


def _jaki_word(status: ComplaintStatus, routing_kind: str | None) -> str:
    if status is ComplaintStatus.ASSIGNED and routing_kind in _ROUTED_WORD:
        return _ROUTED_WORD[routing_kind]
    return JAKI_STATUS[status]


def _word(complaint: Complaint) -> str:
    status = ComplaintStatus(complaint.status)
    return complaint.source_status or _jaki_word(status, complaint.routing_kind)


def _link(canonical: Complaint) -> LinkOut:
    return LinkOut(
        id=canonical.id,
        tracking_number=canonical.tracking_number,
        channel=canonical.channel_code,
        external_id=canonical.external_id,
        status=ComplaintStatus(canonical.status),
        jaki_status=_word(canonical),
        assigned_unit_code=canonical.assigned_unit_code,
        updated_at=canonical.updated_at,
        follow_ups=canonical.jaki.follow_ups if canonical.jaki else [],  # type: ignore[arg-type]
    )


def complaint_out(complaint: Complaint, principal: Principal) -> ComplaintOut:
    """One complaint for this caller; a linked duplicate shows the state of the one it follows
    ("link, don't close")."""
    status = ComplaintStatus(complaint.status)
    link = None
    if complaint.duplicate_of_id is not None and "duplicate_of" not in inspect(complaint).unloaded:
        link = _link(complaint.duplicate_of) if complaint.duplicate_of else None
    public = ComplaintStatus(link.status) if link else status
    return ComplaintOut(
        id=complaint.id,
        tracking_number=complaint.tracking_number,
        channel=complaint.channel_code,
        external_id=complaint.external_id,
        status=status,
        jaki_status=link.jaki_status if link else _word(complaint),
        open311_status=OPEN311_STATUS[public],
        category=complaint.category_code,
        description=complaint.description,
        kelurahan_code=complaint.kelurahan_code,
        kecamatan_code=complaint.kecamatan_code,
        kabkota_code=complaint.kabkota_code,
        address=complaint.address,
        rt=complaint.rt,
        rw=complaint.rw,
        lat=complaint.lat,
        lon=complaint.lon,
        reported_at=complaint.reported_at,
        created_at=complaint.created_at,
        updated_at=complaint.updated_at,
        complainant=_complainant(complaint, principal.sees_personal_data),
        assigned_unit_code=complaint.assigned_unit_code,
        jaki=_jaki(complaint.jaki, principal.sees_personal_data) if complaint.jaki else None,
        duplicate_of=link,
        version=complaint.version,
    )


def history_out(complaint: Complaint, events: Sequence[ComplaintEvent]) -> ComplaintHistory:
    """A complaint's history."""
    return ComplaintHistory(
        complaint_id=complaint.id,
        tracking_number=complaint.tracking_number,
        events=[
            HistoryEvent(
                id=e.id,
                kind=e.kind,
                from_status=e.from_status,
                to_status=e.to_status,
                changes=e.changes,
                note=e.note,
                actor=Actor(name=e.actor_name, role=e.actor_role),
                occurred_at=e.occurred_at,
            )
            for e in events
        ],
    )
