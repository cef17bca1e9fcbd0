"""Logging each response that shows a complainant's personal data unmasked."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.audit import repository
from app.auth import Principal
from app.kit import paging
from app.models import Complaint, PersonalDataRead


def _holds_personal_data(complaint: Complaint) -> bool:
    return any(
        value is not None
        for value in (
            complaint.complainant_name,
            complaint.nik_encrypted,
            complaint.phone_encrypted,
            complaint.email_encrypted,
        )
    )


@dataclass(frozen=True, slots=True)
class PersonalDataAudit:
    """The log as one request writes to it: the caller and the endpoint are known already."""

    session: AsyncSession
    principal: Principal
    endpoint: str

    async def shown(self, complaints: Iterable[Complaint]) -> None:
        """Log the complaints this response shows: those with personal data, if the caller's
        role sees it unmasked. In the request's transaction: no response without its entry."""
        if not self.principal.sees_personal_data:
            return
        rows = [
            {
                "complaint_id": complaint.id,
                "api_key_id": self.principal.key_id,
                "key_name": self.principal.name,
                "role": self.principal.role.value,
                "endpoint": self.endpoint,
            }
            for complaint in complaints
            if _holds_personal_data(complaint)
        ]
        if rows:
            await repository.add_reads(self.session, rows)


async def reads_of(
    session: AsyncSession,
    complaint_id: uuid.UUID,
    *,
    limit: int,
    cursor: str | None,
    offset: int | None = None,
) -> tuple[Sequence[PersonalDataRead], str | None, int]:
    """Who read a complaint's personal data, newest first: a page, the next page's cursor and
    how many reads there are in all."""
    paging.one_way(cursor, offset)
    after = paging.decode_cursor(cursor, datetime, int) if cursor else None
    rows, total = await repository.reads_of(
        session, complaint_id, limit=limit + 1, offset=offset, after=after
    )
    page, last = paging.page_of(rows, limit)
    return page, paging.encode_cursor(last.read_at, last.id) if last else None, total


async def log_reads(
    session: AsyncSession, complaint_ids: Sequence[uuid.UUID], reader: Principal, *, at: datetime
) -> None:
    """Log that `reader` (a command, not a request) was shown these complaints' personal data:
    a data-subject export logs every complaint it hands out."""
    if complaint_ids:
        await repository.add_reads(
            session,
            [
                {
                    "complaint_id": complaint_id,
                    "read_at": at,
                    "api_key_id": reader.key_id,
                    "key_name": reader.name,
                    "role": reader.role.value,
                    "endpoint": reader.name,
                }
                for complaint_id in complaint_ids
            ],
        )
