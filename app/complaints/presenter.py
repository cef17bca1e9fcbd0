"""Complaints as callers see them: personal data decrypted, then masked unless the role needs it.

Free text (description, address, notes, JAKI's follow-ups) may hold identifiers too, the
complainant's or anyone's: a caller who sees personal data masked gets it with everything shaped
like a NIK, a phone number or an e-mail address struck out.
"""

from __future__ import annotations

from collections.abc import Sequence

from fastapi import Response
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit import PersonalDataAudit
from app.auth import Principal
from app.complaints import service
from app.complaints.schemas import Actor, ComplaintHistory, ComplaintOut, HistoryEvent
from app.complaints.scope import OutOfScope, linked_number
from app.complaints.views import complaint_out, free_json
from app.kit.preconditions import etag
from app.models import Complaint, ComplaintEvent
from app.personal import as_shown


async def shown(
    session: AsyncSession, principal: Principal, complaints: Sequence[Complaint]
) -> list[ComplaintOut]:
    """These complaints for this caller, a link to one outside its scope hidden: at most one
    query for all of them (none for a key that sees every complaint)."""
    hidden = await service.out_of_scope(session, principal, complaints)
    return [complaint_out(c, principal, hidden) for c in complaints]


def history_out(
    complaint: Complaint,
    events: Sequence[ComplaintEvent],
    principal: Principal,
    hidden: OutOfScope,
) -> ComplaintHistory:
    """A complaint's history for this caller; a link event whose other complaint is `hidden`
    does not name it."""
    reveal = principal.sees_personal_data
    return ComplaintHistory(
        complaint_id=complaint.id,
        tracking_number=complaint.tracking_number,
        events=[
            HistoryEvent(
                id=e.id,
                kind=e.kind,
                from_status=e.from_status,
                to_status=e.to_status,
                changes=None
                if linked_number(e) in hidden.numbers
                else free_json(e.changes, reveal),
                note=as_shown(e.note, reveal=reveal),
                actor=Actor(name=e.actor_name, role=e.actor_role),
                occurred_at=e.occurred_at,
            )
            for e in events
        ],
    )


async def answer(
    session: AsyncSession,
    principal: Principal,
    complaint: Complaint,
    response: Response,
    audit: PersonalDataAudit | None = None,
) -> ComplaintOut:
    """The tail of every endpoint that answers with one complaint: its version as the `ETag`,
    the audit line when the caller is shown its personal data (`audit`; None where the caller
    only gets back what it sent), and the complaint as the caller may see it."""
    response.headers["ETag"] = etag(complaint.version)
    if audit is not None:
        await audit.shown([complaint])
    [out] = await shown(session, principal, [complaint])
    return out
