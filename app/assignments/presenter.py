"""Assignments as callers see them: notes are free text and may hold anyone's NIK, phone or
e-mail, struck out for a caller who sees personal data masked."""

from __future__ import annotations

from fastapi import Response

from app.assignments.repository import ListedAssignment
from app.assignments.rules import is_overdue
from app.assignments.schemas import (
    EXCERPT_LENGTH,
    AssignmentOut,
    AssignmentRow,
    ComplaintSummary,
    FollowUpOut,
)
from app.auth import Principal
from app.kit.preconditions import etag
from app.kit.timeutil import day_ending_at
from app.models import Assignment, FollowUp
from app.personal import as_shown


def free_text(text: str | None, principal: Principal) -> str | None:
    """A note as this caller may read it."""
    return as_shown(text, reveal=principal.sees_personal_data)


def assignment_out(assignment: Assignment, principal: Principal) -> AssignmentOut:
    fields = {
        name: getattr(assignment, name) for name in AssignmentOut.model_fields if name != "overdue"
    }
    # Stored as the instant each deadline passes; shown as the Jakarta day it is due.
    fields["respond_by"] = day_ending_at(assignment.respond_by)
    fields["finish_by"] = day_ending_at(assignment.finish_by)
    fields["note"] = free_text(assignment.note, principal)
    fields["return_reason"] = free_text(assignment.return_reason, principal)
    return AssignmentOut.model_validate({**fields, "overdue": is_overdue(assignment)})


def excerpt(description: str, principal: Principal) -> str:
    """The start of a complaint's description as this caller may read it: masked whole first,
    as the complaint's description would be, then cut short (a cut never splits an identifier
    into a piece the masking would miss)."""
    shown = as_shown(description, reveal=principal.sees_personal_data)
    if len(shown) <= EXCERPT_LENGTH:
        return shown
    return shown[: EXCERPT_LENGTH - 1].rstrip() + "…"


def row_out(row: ListedAssignment, principal: Principal) -> AssignmentRow:
    """A listed assignment with what its complaint is."""
    return AssignmentRow(
        **assignment_out(row.assignment, principal).model_dump(),
        complaint=ComplaintSummary(
            tracking_number=row.tracking_number,
            category=row.category_code,
            kelurahan_code=row.kelurahan_code,
            kelurahan_name=row.kelurahan_name,
            excerpt=excerpt(row.description, principal),
        ),
    )


def follow_up_out(follow_up: FollowUp, principal: Principal) -> FollowUpOut:
    shown = FollowUpOut.model_validate(follow_up)
    return shown.model_copy(update={"note": free_text(shown.note, principal)})


def answer(response: Response, assignment: Assignment, principal: Principal) -> AssignmentOut:
    """The tail of every endpoint that answers with one assignment: its version as the `ETag`,
    and the assignment as the caller may see it."""
    response.headers["ETag"] = etag(assignment.version)
    return assignment_out(assignment, principal)
