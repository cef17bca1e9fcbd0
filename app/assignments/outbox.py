"""The events an assignment's moves write (app.events), in the same transaction: the assignment
(or follow-up) with its notes struck of identifiers, and as its unit's agency keys read it."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from app.assignments.presenter import assignment_out, follow_up_out
from app.auth import Principal
from app.events import NewEvent, emit
from app.kit.timeutil import now
from app.models import Assignment, FollowUp
from app.models.roles import Role

_MASKED = Principal(key_id=None, name="events", role=Role.VIEWER)


def _agency(assignment: Assignment) -> Principal:
    return Principal(key_id=None, name="events", role=Role.AGENCY, unit_code=assignment.unit_code)


async def changed(session: AsyncSession, assignment: Assignment, type_: str) -> None:
    """Write the event of this move of the assignment (its new state)."""
    await emit(
        session,
        NewEvent(
            type=type_,
            object_id=assignment.id,
            object_version=assignment.version,
            complaint_id=assignment.complaint_id,
            occurred_at=now(),
            data=assignment_out(assignment, _MASKED).model_dump(mode="json"),
            sealed=assignment_out(assignment, _agency(assignment)).model_dump(mode="json"),
            unit_codes=[assignment.unit_code],
        ),
    )


async def follow_up_added(
    session: AsyncSession, assignment: Assignment, follow_up: FollowUp
) -> None:
    """Write `follow_up.added`: the follow-up, with the assignment it belongs to."""

    def data(principal: Principal) -> dict[str, object]:
        return {
            **follow_up_out(follow_up, principal).model_dump(mode="json"),
            "assignment_id": str(assignment.id),
            "complaint_id": str(assignment.complaint_id),
            "unit_code": assignment.unit_code,
        }

    await emit(
        session,
        NewEvent(
            type="follow_up.added",
            object_id=follow_up.id,
            object_version=1,
            complaint_id=assignment.complaint_id,
            occurred_at=follow_up.created_at,
            data=data(_MASKED),
            sealed=data(_agency(assignment)),
            unit_codes=[assignment.unit_code],
        ),
    )
