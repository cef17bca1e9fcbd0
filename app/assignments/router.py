"""Assignment endpoints: routing a complaint to a unit and the unit's work on it."""

from __future__ import annotations

import uuid
from enum import Enum
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Path, Query, Response, status

from app.assignments import presenter, service, sla, suggest
from app.assignments.params import DueAfter, DueBefore, DueFrom, DueTo
from app.assignments.schemas import (
    AssignmentCreate,
    AssignmentDetail,
    AssignmentOut,
    AssignmentPage,
    AssignmentStatus,
    FollowUpCreate,
    FollowUpOut,
    ReturnBody,
    RouteSuggestion,
    RouteSuggestions,
    SlaRow,
    SlaStats,
)
from app.assignments.service import DueRange
from app.auth import IfMatchDep, PintuRoute, Principal, require
from app.complaints import ComplaintRef, get_complaint
from app.kit.db import SessionDep
from app.kit.errors import error_responses
from app.kit.openapi import ETAG, LOCATION, sends
from app.kit.paging import CursorQuery, DeprecatedOffset, deprecated
from app.kit.preconditions import etag
from app.kit.validation import CleanStr, UpdatedSinceQuery
from app.models.roles import Role
from app.stats import FromQuery, ToQuery

# One router for the package; each route names its path in full and its tag (the SLA figures
# are documented with the other statistics).
router = APIRouter(route_class=PintuRoute)
TAGS: list[str | Enum] = ["Assignments"]

Router = Annotated[Principal, Depends(require(Role.DESK, Role.AGENCY))]
Reader = Annotated[Principal, Depends(require(Role.VIEWER, Role.DESK, Role.AGENCY))]
Unit = Annotated[Principal, Depends(require(Role.AGENCY))]
Escalator = Annotated[Principal, Depends(require(Role.DESK))]
AssignmentId = Annotated[uuid.UUID, Path(description="The assignment's id")]


@router.post(
    "/v1/complaints/{ref}/assignments",
    tags=TAGS,
    status_code=status.HTTP_201_CREATED,
    response_model=AssignmentOut,
    summary="Assign a complaint to a unit (disposisi)",
    description="Gives the complaint to a unit with deadlines in working days (from the "
    "category unless given). A complaint already with a unit moves to the new one "
    "(coordination); an agency key may pass what it holds to its own sub-unit (disposition). "
    "Mirrored JAKI reports are routed by JAKI (409). `respond_by` and `finish_by` are days "
    "(Jakarta), each due by its end; a deadline counted in working days that would fall after "
    "the working-day calendar's last day is refused (409, `beyond-calendar`): give it as a day.",
    responses=error_responses(401, 403, 404, 409, 422),
    openapi_extra=sends(ETAG, LOCATION),
)
async def assign(
    session: SessionDep,
    principal: Router,
    ref: ComplaintRef,
    body: AssignmentCreate,
    response: Response,
) -> AssignmentOut:
    assignment = await service.assign(session, principal, ref, body)
    response.headers["Location"] = f"/v1/assignments/{assignment.id}"
    return presenter.answer(response, assignment, principal)


ROUTE_SUGGESTION = "/v1/complaints/{ref}/route-suggestion"


@router.get(
    ROUTE_SUGGESTION,
    tags=TAGS,
    response_model=RouteSuggestions,
    summary="Suggest units for a complaint",
    description="From the category and the kelurahan: for a road in Kelurahan X, that "
    "kelurahan's office, then the kota's Suku Dinas Bina Marga; each with the reason. Only "
    "reads: nothing is assigned.",
    responses=error_responses(401, 403, 404, 422),
)
async def route_suggestion(
    session: SessionDep, principal: Escalator, ref: ComplaintRef
) -> RouteSuggestions:
    return await _suggestions(session, principal, ref)


@router.post(
    ROUTE_SUGGESTION,
    tags=TAGS,
    response_model=RouteSuggestions,
    summary="Suggest units for a complaint (deprecated: use GET)",
    description="Deprecated (goes in the next version): the same answer as `GET` on this "
    "path, which it only reads; the answer carries a `Deprecation` header and a `Link` to it.",
    responses=error_responses(401, 403, 404, 422),
    deprecated=True,
)
async def route_suggestion_by_post(
    session: SessionDep, principal: Escalator, ref: ComplaintRef, response: Response
) -> RouteSuggestions:
    suggestions = await _suggestions(session, principal, ref)
    deprecated(response, successor=ROUTE_SUGGESTION.format(ref=quote(ref, safe="")))
    return suggestions


async def _suggestions(session: SessionDep, principal: Principal, ref: str) -> RouteSuggestions:
    complaint, suggestions = await suggest.route_suggestion(session, principal, ref)
    return RouteSuggestions(
        complaint_id=complaint.id,
        category=complaint.category_code,
        suggestions=[
            RouteSuggestion(unit_code=u.code, name=u.name, reason=r) for u, r in suggestions
        ],
    )


@router.get(
    "/v1/stats/sla",
    tags=["Statistics"],
    response_model=SlaStats,
    response_model_by_alias=True,
    summary="Deadlines kept, per unit and per category",
    description="For assignments given in the range (Jakarta days; default the last 30): how "
    "many were assigned, completed, completed on time, overdue, and the median hours to "
    "respond and to finish. At most 366 days per answer: see `next_from`.",
    responses=error_responses(422),
)
async def sla_stats(session: SessionDep, from_: FromQuery = None, to: ToQuery = None) -> SlaStats:
    days, units, categories = await sla.sla(session, from_, to)
    return SlaStats.model_validate(
        {
            "from": days.start,
            "to": days.end,
            "next_from": days.next_from,
            "units": [SlaRow.model_validate(r) for r in units],
            "categories": [SlaRow.model_validate(r) for r in categories],
        }
    )


@router.get(
    "/v1/assignments",
    tags=TAGS,
    response_model=AssignmentPage,
    summary="List assignments",
    description="Deadline (`finish_by`) first, then id; each row with its complaint's "
    "tracking number, category, kelurahan and the start of its description. An agency key "
    "sees only its own unit's assignments. `due_from` and `due_to` are Jakarta days of the "
    "deadline, both included. Page with `cursor` = the previous page's `next_cursor`.",
    responses=error_responses(401, 403, 422),
)
async def list_assignments(
    session: SessionDep,
    principal: Reader,
    response: Response,
    unit: Annotated[CleanStr | None, Query(min_length=1, max_length=40)] = None,
    status_: Annotated[list[AssignmentStatus] | None, Query(alias="status")] = None,
    overdue: Annotated[bool, Query(description="Only those open past a deadline")] = False,
    due_from: DueFrom = None,
    due_to: DueTo = None,
    due_before: DueBefore = None,
    due_after: DueAfter = None,
    updated_since: UpdatedSinceQuery = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: CursorQuery = None,
    offset: DeprecatedOffset = None,
) -> AssignmentPage:
    due = DueRange(due_from=due_from, due_to=due_to, due_after=due_after, due_before=due_before)
    rows, next_cursor, total = await service.search(
        session,
        principal,
        unit_code=unit,
        statuses=[s.value for s in status_ or []] or None,
        overdue=overdue,
        due=due,
        limit=limit,
        cursor=cursor,
        offset=offset,
        updated_since=updated_since,
    )
    if offset is not None or due.deprecated:
        deprecated(response)
    return AssignmentPage(
        items=[presenter.row_out(r, principal) for r in rows],
        next_cursor=next_cursor,
        total=total,
        limit=limit,
        offset=offset or 0,
    )


@router.get(
    "/v1/complaints/{ref}/assignments",
    tags=TAGS,
    response_model=AssignmentPage,
    summary="A complaint's assignments",
    description="Every unit the complaint was given to, in the order and with the rows of "
    "`GET /v1/assignments`; an agency key sees only its own unit's. Page with `cursor`.",
    responses=error_responses(401, 403, 404, 422),
)
async def complaint_assignments(
    session: SessionDep,
    principal: Reader,
    ref: ComplaintRef,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: CursorQuery = None,
) -> AssignmentPage:
    complaint = await get_complaint(session, principal, ref)
    rows, next_cursor, total = await service.search(
        session,
        principal,
        unit_code=None,
        statuses=None,
        overdue=False,
        limit=limit,
        cursor=cursor,
        complaint_id=complaint.id,
    )
    return AssignmentPage(
        items=[presenter.row_out(r, principal) for r in rows],
        next_cursor=next_cursor,
        total=total,
        limit=limit,
        offset=0,
    )


@router.get(
    "/v1/assignments/{assignment_id}",
    tags=TAGS,
    response_model=AssignmentDetail,
    summary="Get an assignment with its follow-ups",
    responses=error_responses(401, 403, 404, 422),
    openapi_extra=sends(ETAG),
)
async def get_assignment(
    session: SessionDep, principal: Reader, assignment_id: AssignmentId, response: Response
) -> AssignmentDetail:
    assignment = await service.get(session, principal, assignment_id)
    follow_ups = await service.follow_ups(session, assignment)
    return AssignmentDetail(
        **presenter.answer(response, assignment, principal).model_dump(),
        follow_ups=[presenter.follow_up_out(f, principal) for f in follow_ups],
    )


@router.post(
    "/v1/assignments/{assignment_id}/accept",
    tags=TAGS,
    response_model=AssignmentOut,
    summary="Accept an assignment",
    description="The unit takes the complaint; the complaint is now in progress (Proses).",
    responses=error_responses(401, 403, 404, 409, 412, 422, 428),
    openapi_extra=sends(ETAG),
)
async def accept_assignment(
    session: SessionDep,
    principal: Unit,
    assignment_id: AssignmentId,
    precondition: IfMatchDep,
    response: Response,
) -> AssignmentOut:
    accepted = await service.accept(session, principal, assignment_id, precondition)
    return presenter.answer(response, accepted, principal)


@router.post(
    "/v1/assignments/{assignment_id}/return",
    tags=TAGS,
    response_model=AssignmentOut,
    summary="Return an assignment (bukan wewenang)",
    description="The unit gives the complaint back with the reason; it waits to be assigned "
    "again, never dropped.",
    responses=error_responses(401, 403, 404, 409, 412, 422, 428),
    openapi_extra=sends(ETAG),
)
async def return_assignment(
    session: SessionDep,
    principal: Unit,
    assignment_id: AssignmentId,
    body: ReturnBody,
    precondition: IfMatchDep,
    response: Response,
) -> AssignmentOut:
    returned = await service.return_(session, principal, assignment_id, body.reason, precondition)
    return presenter.answer(response, returned, principal)


@router.post(
    "/v1/assignments/{assignment_id}/follow-ups",
    tags=TAGS,
    status_code=status.HTTP_201_CREATED,
    response_model=FollowUpOut,
    summary="Record a follow-up (tindak lanjut)",
    description="Adds the unit's follow-up; the first moves an accepted assignment to in "
    "progress. Every follow-up is a new version of the assignment: the answer's `ETag` is the "
    "assignment's new one (send it as `If-Match` with `complete`), `Location` the assignment.",
    responses=error_responses(401, 403, 404, 409, 412, 422, 428),
)
async def add_follow_up(
    session: SessionDep,
    principal: Unit,
    assignment_id: AssignmentId,
    body: FollowUpCreate,
    precondition: IfMatchDep,
    response: Response,
) -> FollowUpOut:
    assignment, entry = await service.follow_up(
        session, principal, assignment_id, body, precondition
    )
    # The follow-up is a new version of its assignment: its ETag lets the unit complete next
    # without a GET first.
    response.headers["ETag"] = etag(assignment.version)
    response.headers["Location"] = f"/v1/assignments/{assignment.id}"
    return presenter.follow_up_out(entry, principal)


@router.post(
    "/v1/assignments/{assignment_id}/escalate",
    tags=TAGS,
    status_code=status.HTTP_201_CREATED,
    response_model=AssignmentOut,
    summary="Escalate an overdue assignment to the parent unit",
    description="Kelurahan -> kecamatan -> kota; Suku Dinas -> Dinas. Returns the new "
    "assignment; 409 if the assignment is not overdue, its unit has no parent, or the new "
    "deadlines would fall after the working-day calendar's last day (`beyond-calendar`).",
    responses=error_responses(401, 403, 404, 409, 412, 422, 428),
    openapi_extra=sends(ETAG, LOCATION),
)
async def escalate_assignment(
    session: SessionDep,
    principal: Escalator,
    assignment_id: AssignmentId,
    precondition: IfMatchDep,
    response: Response,
) -> AssignmentOut:
    escalated = await service.escalate(session, principal, assignment_id, precondition)
    response.headers["Location"] = f"/v1/assignments/{escalated.id}"
    return presenter.answer(response, escalated, principal)


@router.post(
    "/v1/assignments/{assignment_id}/complete",
    tags=TAGS,
    response_model=AssignmentOut,
    summary="Complete an assignment",
    description="Needs at least one follow-up; the complaint is then resolved.",
    responses=error_responses(401, 403, 404, 409, 412, 422, 428),
    openapi_extra=sends(ETAG),
)
async def complete_assignment(
    session: SessionDep,
    principal: Unit,
    assignment_id: AssignmentId,
    precondition: IfMatchDep,
    response: Response,
) -> AssignmentOut:
    return presenter.answer(
        response, await service.complete(session, principal, assignment_id, precondition), principal
    )
