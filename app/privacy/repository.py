"""Every query of a data-subject request.

A request reaches every table that may hold a complainant's data, so its reads and writes are
kept together here: a new table with personal data has one place to be added.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from datetime import datetime

from sqlalchemy import LargeBinary, any_, bindparam, func, or_, select
from sqlalchemy.dialects.postgresql import ARRAY, insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from app.models import (
    Complaint,
    DedupCandidate,
    ErasedSubject,
    PersonalDataRead,
)

# The transaction-scoped advisory lock between an erasure and the JAKI ingest: an ingest holds
# it shared for its whole batch, an erasure exclusively, so a batch that read "not erased" cannot
# write personal data back after the erasure commits.
_ERASURE_LOCK = 0x5044_5045_7261_7365  # "PDPErase"
# A list of blind-index values, matched with `= ANY(...)` (the column's index is used).
ARRAY_BYTES = ARRAY(LargeBinary())


async def hold_off_erasure(session: AsyncSession) -> None:
    """Until this transaction ends, no erasure commits (erasures wait; ingests do not)."""
    await session.execute(select(func.pg_advisory_xact_lock_shared(_ERASURE_LOCK)))


async def exclude_ingest(session: AsyncSession) -> None:
    """Wait for running ingests to finish and keep new ones out until this transaction ends."""
    await session.execute(select(func.pg_advisory_xact_lock(_ERASURE_LOCK)))


async def erased_among(session: AsyncSession, nik_indexes: Collection[bytes]) -> set[bytes]:
    """Which of these NIK blind indexes belong to erased subjects (one query)."""
    if not nik_indexes:
        return set()
    stmt = select(ErasedSubject.nik_index).where(ErasedSubject.nik_index.in_(list(nik_indexes)))
    return set((await session.scalars(stmt)).all())


async def erased_at(session: AsyncSession, nik_indexes: list[bytes]) -> datetime | None:
    """When the subject with these NIK indexes (one NIK under each blind-index key) was first
    erased, if ever."""
    return await session.scalar(
        select(func.min(ErasedSubject.erased_at)).where(
            ErasedSubject.nik_index == any_(bindparam("nik_indexes", nik_indexes, ARRAY_BYTES))
        )
    )


async def add_tombstone(session: AsyncSession, nik_index: bytes, at: datetime) -> None:
    """Remember an erased subject; the first erasure's time is kept."""
    stmt = insert(ErasedSubject).values(nik_index=nik_index, erased_at=at)
    await session.execute(stmt.on_conflict_do_nothing(index_elements=[ErasedSubject.nik_index]))


async def complaints_of(
    session: AsyncSession, nik_indexes: list[bytes], *, lock: bool = False
) -> Sequence[Complaint]:
    """The complaints with one of these NIK indexes (one NIK under each blind-index key),
    oldest first, with their JAKI fields; `lock` holds them against concurrent changes until
    the transaction ends."""
    stmt = (
        select(Complaint)
        .options(selectinload(Complaint.jaki))
        .where(Complaint.nik_index == any_(bindparam("nik_indexes", nik_indexes, ARRAY_BYTES)))
        .order_by(Complaint.reported_at, Complaint.id)
    )
    if lock:
        stmt = stmt.with_for_update(of=Complaint)
    return (await session.scalars(stmt)).all()


async def others_sharing_contact(
    session: AsyncSession,
    nik_indexes: list[bytes],
    phone_indexes: list[bytes],
    email_indexes: list[bytes],
) -> int:
    """How many complaints without this NIK (its indexes under every key) share one of these
    phone or e-mail indexes."""
    if not phone_indexes and not email_indexes:
        return 0
    stmt = select(func.count()).where(
        or_(Complaint.phone_index.in_(phone_indexes), Complaint.email_index.in_(email_indexes)),
        or_(Complaint.nik_index.is_(None), Complaint.nik_index.not_in(nik_indexes)),
    )
    return int(await session.scalar(stmt) or 0)


async def dedup_candidates(
    session: AsyncSession, ids: Sequence[uuid.UUID]
) -> Sequence[DedupCandidate]:
    """The duplicate candidates found for, or pointing at, these complaints."""
    stmt = (
        select(DedupCandidate)
        .where(or_(DedupCandidate.complaint_id.in_(ids), DedupCandidate.candidate_id.in_(ids)))
        .order_by(DedupCandidate.found_at, DedupCandidate.complaint_id)
    )
    return (await session.scalars(stmt)).all()


async def reads(session: AsyncSession, ids: Sequence[uuid.UUID]) -> Sequence[PersonalDataRead]:
    """Who was shown these complaints' personal data unmasked, oldest first."""
    stmt = (
        select(PersonalDataRead)
        .where(PersonalDataRead.complaint_id.in_(ids))
        .order_by(PersonalDataRead.read_at, PersonalDataRead.id)
    )
    return (await session.scalars(stmt)).all()
