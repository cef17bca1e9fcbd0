"""The events a complaint's changes write (app.events), in the same transaction: the complaint
as a key that sees personal data masked reads it, and, if units hold or held it, as their
agency keys read it (personal data unmasked; kept encrypted)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from types import SimpleNamespace
from typing import Any, cast

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import Principal
from app.complaints import repository
from app.complaints.scope import NOTHING_HIDDEN, OutOfScope
from app.complaints.views import complaint_out
from app.events import NewEvent, emit, emit_many
from app.models import Complaint, JakiReport
from app.models.roles import Role

_MASKED = Principal(key_id=None, name="events", role=Role.VIEWER)
# Every column, unset, for the stand-ins of rows just mirrored.
_COMPLAINT_COLUMNS = dict.fromkeys(c.key for c in Complaint.__table__.columns)
_JAKI_COLUMNS = dict.fromkeys(c.key for c in JakiReport.__table__.columns)


def _data(complaint: Complaint, principal: Principal, hidden: OutOfScope) -> dict[str, Any]:
    return complaint_out(complaint, principal, hidden).model_dump(mode="json")


async def _events(
    session: AsyncSession, complaints: Sequence[Complaint], type_: str, *, unassigned: bool = False
) -> list[NewEvent]:
    units = {} if unassigned else await repository.units_of(session, [c.id for c in complaints])
    canonicals = {c.duplicate_of_id for c in complaints if c.duplicate_of_id is not None}
    canonical_units = await repository.units_of(session, canonicals)
    events = []
    for complaint in complaints:
        own = units.get(complaint.id, [])
        sealed = None
        if own:
            # Agency keys see a linked complaint only if it was ever their unit's too.
            followed = complaint.duplicate_of_id
            hidden = (
                OutOfScope(ids=frozenset({followed}))
                if followed is not None and not set(own) <= set(canonical_units.get(followed, []))
                else NOTHING_HIDDEN
            )
            agency = Principal(key_id=None, name="events", role=Role.AGENCY, unit_code=own[0])
            sealed = _data(complaint, agency, hidden)
        events.append(
            NewEvent(
                type=type_,
                object_id=complaint.id,
                object_version=complaint.version,
                complaint_id=complaint.id,
                occurred_at=complaint.updated_at,
                data=_data(complaint, _MASKED, NOTHING_HIDDEN),
                sealed=sealed,
                unit_codes=own,
                channel_code=complaint.channel_code,
            )
        )
    return events


async def changed(
    session: AsyncSession, complaint: Complaint, type_: str, *, unassigned: bool = False
) -> None:
    """Write the event of this change to the complaint (its new state); `unassigned`: the
    caller knows no unit ever held it (a complaint just recorded)."""
    await emit(session, *await _events(session, [complaint], type_, unassigned=unassigned))


async def mirrored_new(
    session: AsyncSession, complaints: Sequence[dict[str, Any]], details: Sequence[dict[str, Any]]
) -> None:
    """`jaki_report.created` for reports just mirrored, from the rows written (no unit holds a
    mirrored report: JAKI routes it)."""
    events = []
    for columns, jaki in zip(complaints, details, strict=True):
        # Stand-ins with the rows' values: building ORM objects cost about half the import's
        # time for events; complaint_out only reads attributes (and a new report follows no
        # other complaint).
        details_of = SimpleNamespace(**{**_JAKI_COLUMNS, **jaki})
        complaint = cast(
            Complaint,
            SimpleNamespace(
                **{**_COMPLAINT_COLUMNS, **columns}, jaki=details_of, duplicate_of=None
            ),
        )
        events.append(
            NewEvent(
                type="jaki_report.created",
                object_id=complaint.id,
                object_version=complaint.version,
                complaint_id=complaint.id,
                occurred_at=complaint.updated_at,
                data=_data(complaint, _MASKED, NOTHING_HIDDEN),
                channel_code=complaint.channel_code,
            )
        )
    await emit_many(session, events)


async def mirrored_changed(session: AsyncSession, complaint_ids: Sequence[uuid.UUID]) -> None:
    """`jaki_report.updated` for reports a newer version was just written of, as stored now."""
    if complaint_ids:
        complaints = await repository.with_details(session, complaint_ids)
        await emit_many(session, await _events(session, complaints, "jaki_report.updated"))
