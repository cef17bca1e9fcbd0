"""A complaint as a caller sees it: personal data decrypted, then masked unless the role needs
it; free text with identifiers struck out for a caller who sees personal data masked. Pure: no
session (the presenter and the outbox both build on it)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import inspect

from app.auth import Principal
from app.complaints.schemas import (
    ComplainantOut,
    ComplaintOut,
    JakiDetails,
    JakiFollowUpOut,
    LinkOut,
    LinkOutsideScope,
)
from app.complaints.scope import OutOfScope
from app.kit.security import get_cipher
from app.models import Complaint, JakiReport
from app.models.statuses import JAKI_STATUS, OPEN311_STATUS, ComplaintStatus
from app.personal import as_shown, mask_email, mask_name, mask_nik, mask_phone, strike_identifiers

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


def free_json(value: Any, reveal: bool) -> Any:
    """Every string in a JSON value (a history event's changes) as `as_shown` shows it."""
    if reveal or value is None:
        return value
    if isinstance(value, str):
        return strike_identifiers(value)
    if isinstance(value, list):
        return [free_json(v, reveal) for v in value]
    if isinstance(value, dict):
        return {k: free_json(v, reveal) for k, v in value.items()}
    return value


def _follow_ups(follow_ups: list[dict[str, Any]] | None, reveal: bool) -> list[JakiFollowUpOut]:
    return [
        JakiFollowUpOut.model_validate({**f, "note": as_shown(f["note"], reveal=reveal)})
        for f in follow_ups or []
    ]


def _jaki(details: JakiReport, reveal: bool) -> JakiDetails:
    # The names of the fields are read from them: a name can be personal data as much as a value.
    raw = None
    if reveal and details.raw_encrypted is not None:
        raw = get_cipher().decrypt_json("jaki_raw", details.raw_encrypted)
    return JakiDetails(
        category_text=details.category_text,
        is_public=details.is_public,
        photo_urls=details.photo_urls,
        support_count=details.support_count,
        follow_ups=_follow_ups(details.follow_ups, reveal),
        kelurahan_source=details.kelurahan_source,
        kelurahan_distance_m=details.kelurahan_distance_m,
        jaki_updated_at=details.jaki_updated_at,
        raw_fields=sorted(raw) if raw else None,
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


def _link(canonical: Complaint, reveal: bool) -> LinkOut:
    return LinkOut(
        id=canonical.id,
        tracking_number=canonical.tracking_number,
        channel=canonical.channel_code,
        external_id=canonical.external_id,
        status=ComplaintStatus(canonical.status),
        jaki_status=_word(canonical),
        assigned_unit_code=canonical.assigned_unit_code,
        updated_at=canonical.updated_at,
        follow_ups=_follow_ups(canonical.jaki.follow_ups if canonical.jaki else [], reveal),
    )


def followed(complaint: Complaint) -> Complaint | None:
    """The complaint a linked duplicate follows, if it was loaded with it."""
    if complaint.duplicate_of_id is None or "duplicate_of" in inspect(complaint).unloaded:
        return None
    return complaint.duplicate_of


def status_words(complaint: Complaint) -> tuple[ComplaintStatus, str, str]:
    """(status, JAKI's word, Open311's word) as anyone may be told them: a linked duplicate
    stands as the complaint it follows does ("link, don't close"), without naming it."""
    shown = followed(complaint) or complaint
    status = ComplaintStatus(shown.status)
    return status, _word(shown), OPEN311_STATUS[status]


def complaint_out(complaint: Complaint, principal: Principal, hidden: OutOfScope) -> ComplaintOut:
    """One complaint for this caller; a linked duplicate shows the state of the one it follows
    ("link, don't close"), unless that one is `hidden` from the caller."""
    reveal = principal.sees_personal_data
    status = ComplaintStatus(complaint.status)
    link: LinkOut | LinkOutsideScope | None = None
    public, word = status, _word(complaint)
    if complaint.duplicate_of_id in hidden.ids:
        # Not even the status it follows: that would tell how the other complaint stands.
        link = LinkOutsideScope()
    elif (canonical := followed(complaint)) is not None:
        link = _link(canonical, reveal)
        public, word = link.status, link.jaki_status
    return ComplaintOut(
        id=complaint.id,
        tracking_number=complaint.tracking_number,
        channel=complaint.channel_code,
        external_id=complaint.external_id,
        status=status,
        jaki_status=word,
        open311_status=OPEN311_STATUS[public],
        category=complaint.category_code,
        description=as_shown(complaint.description, reveal=reveal),
        kelurahan_code=complaint.kelurahan_code,
        kecamatan_code=complaint.kecamatan_code,
        kabkota_code=complaint.kabkota_code,
        address=as_shown(complaint.address, reveal=reveal),
        rt=complaint.rt,
        rw=complaint.rw,
        lat=complaint.lat,
        lon=complaint.lon,
        reported_at=complaint.reported_at,
        created_at=complaint.created_at,
        updated_at=complaint.updated_at,
        complainant=_complainant(complaint, reveal),
        assigned_unit_code=complaint.assigned_unit_code,
        jaki=_jaki(complaint.jaki, reveal) if complaint.jaki else None,
        duplicate_of=link,
        version=complaint.version,
    )
