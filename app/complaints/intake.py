"""The intake use case: a complaint is checked, the matcher is asked for earlier reports of the
same problem, the complaint is numbered and stored, and the candidates are kept for review."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import Principal
from app.complaints import service
from app.complaints.schemas import ComplaintCreate
from app.matching import (
    Match,
    find_candidates,
    remember_candidates,
    shown_candidates,
    side_of_complaint,
)
from app.models import Complaint


@dataclass(frozen=True, slots=True)
class Intake:
    """A complaint just recorded, its best possible duplicates, and its receipt code (shown
    once: only its hash is stored)."""

    complaint: Complaint
    candidates: list[Match]
    receipt_code: str


async def record_with_candidates(
    session: AsyncSession, principal: Principal, body: ComplaintCreate, *, limit: int = 5
) -> Intake:
    """Record the complaint `body` describes and find its possible duplicates, kept for review;
    the complaint, the best `limit` and the receipt code. The search runs before the complaint
    is recorded: recording locks the channel's tracking-number counter until the transaction
    ends, and desks recording at the same time would otherwise queue behind each search."""
    draft = await service.draft(session, principal, body)
    found, model = await find_candidates(
        session, side_of_complaint(draft.complaint), exclude=draft.complaint.id
    )
    complaint = await service.record(session, principal, draft)
    await remember_candidates(session, complaint.id, found, model)
    return Intake(complaint, shown_candidates(found, limit, model), draft.receipt_code)
