"""Duplicate matching endpoints."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status

from app.assignments import assignment_out
from app.audit import AuditDep
from app.auth import IfMatchDep, PintuRoute, Principal, require
from app.complaints import ComplaintOut, ComplaintRef, complaint_answer
from app.dedup import service
from app.dedup.schemas import (
    DecidedBy,
    DecisionOut,
    DecisionPage,
    DecisionRequest,
    LinkRequest,
    MatchRequest,
    MatchResponse,
    Restoration,
    ReviewItem,
    ReviewPage,
    StoredCandidateOut,
    UnlinkOut,
)
from app.kit.db import SessionDep
from app.kit.errors import InvalidInput, error_responses
from app.kit.openapi import ETAG, sends
from app.kit.paging import CursorQuery, DeprecatedOffset, deprecated
from app.kit.validation import Day, Timestamp, day_bounds
from app.matching import awaiting_review, candidate_out, decided_pairs
from app.models import DedupCandidate
from app.models.roles import Role

router = APIRouter(route_class=PintuRoute, tags=["Duplicates"])

Desk = Annotated[Principal, Depends(require(Role.DESK))]


@router.post(
    "/v1/dedup/matches",
    response_model=MatchResponse,
    summary="Find earlier reports of the same problem",
    description="Searches the JAKI mirror (or the given `channels`) for reports of the same "
    "problem as a stored complaint (`complaint_id`) or an unsaved one (`complaint`, the body of "
    "`POST /v1/complaints`). Candidates come best first with a `score` that behaves like a "
    "probability, a `band` (`match`: safe to link; `review`: a person should look) and the "
    "`evidence` per signal. Candidates below the review band are left out; an empty list is a "
    "valid answer. Reporters are always masked. Nothing is stored.",
    responses=error_responses(401, 403, 404, 422),
)
async def find_matches(body: MatchRequest, session: SessionDep, principal: Desk) -> MatchResponse:
    found, model = await service.matches(session, principal, body)
    return MatchResponse(candidates=[candidate_out(m) for m in found], model_version=model.version)


Admin = Annotated[Principal, Depends(require(Role.ADMIN))]
Limit = Annotated[int, Query(ge=1, le=100)]


@router.post(
    "/v1/complaints/{ref}/duplicate-of",
    response_model=ComplaintOut,
    summary="Link a complaint to the one it duplicates",
    description="The complaint becomes `linked`: it leaves its unit and follows the canonical "
    "complaint's status and follow-ups (\"link, don't close\"). Links never chain: the "
    "canonical complaint must not be a linked duplicate itself, and a complaint others link to "
    "cannot become one. Linking again to the same complaint changes nothing. The pair is "
    "recorded as a `match` decision.",
    responses=error_responses(401, 403, 404, 409, 412, 422, 428),
    openapi_extra=sends(ETAG),
)
async def link_duplicate(
    ref: ComplaintRef,
    body: LinkRequest,
    session: SessionDep,
    principal: Desk,
    precondition: IfMatchDep,
    response: Response,
    audit: AuditDep,
) -> ComplaintOut:
    complaint = await service.link(
        session, principal, ref, body.canonical_id, precondition=precondition
    )
    return await complaint_answer(session, principal, complaint, response, audit)


@router.delete(
    "/v1/complaints/{ref}/duplicate-of",
    response_model=UnlinkOut,
    summary="Unlink a duplicate",
    description="The pair is recorded as a `not_match` decision, and the complaint is routed on "
    "its own again. If linking ended an open assignment, it is given back to its unit in the "
    "status it had (the complaint `assigned` or `in_progress` again), its deadlines moved on "
    "by the working days the complaint was linked; `restoration` says so, or why it could "
    "not be. Without one the complaint is `verified`, waiting to be routed.",
    responses=error_responses(401, 403, 404, 409, 412, 422, 428),
    openapi_extra=sends(ETAG),
)
async def unlink_duplicate(
    ref: ComplaintRef,
    session: SessionDep,
    principal: Desk,
    precondition: IfMatchDep,
    response: Response,
    audit: AuditDep,
) -> UnlinkOut:
    complaint, restored = await service.unlink(session, principal, ref, precondition)
    out = await complaint_answer(session, principal, complaint, response, audit)
    ended = restored.assignment
    return UnlinkOut(
        **dict(out),
        restoration=Restoration(
            restored=restored.restored,
            assignment=assignment_out(ended, principal) if ended is not None else None,
            reason=restored.reason,
        ),
    )


@router.get(
    "/v1/dedup/review",
    response_model=ReviewPage,
    summary="Complaints waiting for a duplicate review",
    description="Complaints whose candidates in the `review` band nobody has decided on yet, "
    "oldest finding first. Decide with `POST /v1/dedup/decisions`. Page with `cursor` = the "
    "previous page's `next_cursor` (a decided complaint leaves the queue without moving the "
    "pages after it).",
    responses=error_responses(401, 403, 422),
)
async def review_queue(
    session: SessionDep,
    principal: Desk,
    response: Response,
    limit: Limit = 20,
    cursor: CursorQuery = None,
    offset: DeprecatedOffset = None,
) -> ReviewPage:
    items, next_cursor, total = await awaiting_review(
        session, limit=limit, cursor=cursor, offset=offset
    )
    if offset is not None:
        deprecated(response)
    return ReviewPage(
        items=[
            ReviewItem(
                complaint_id=c.id,
                tracking_number=c.tracking_number,
                category=c.category_code,
                kelurahan_code=c.kelurahan_code,
                reported_at=c.reported_at,
                candidates=[
                    StoredCandidateOut(
                        candidate_id=r.candidate_id,
                        tracking_number=r.tracking_number,
                        external_id=r.external_id,
                        score=round(r.score, 4),
                        band=r.band,
                        found_at=r.found_at,
                    )
                    for r in rows
                ],
            )
            for c, rows in items
        ],
        next_cursor=next_cursor,
        total=total,
        limit=limit,
        offset=offset or 0,
    )


def _decision_out(d: DedupCandidate) -> DecisionOut:
    assert d.decision is not None and d.decided_at is not None
    return DecisionOut(
        complaint_id=d.complaint_id,
        candidate_id=d.candidate_id,
        decision=d.decision,
        rule=d.rule,
        comparison=d.comparison,
        score=round(d.score, 4),
        band=d.band,
        model_version=d.model_version,
        found_at=d.found_at,
        decided_at=d.decided_at,
        decided_by=DecidedBy(name=d.decided_by_name or "", role=d.decided_by_role or ""),
    )


@router.post(
    "/v1/dedup/decisions",
    status_code=status.HTTP_201_CREATED,
    response_model=DecisionOut,
    summary="Accept or reject a candidate",
    description="`match` links the complaint to the candidate (as `POST "
    "/v1/complaints/{ref}/duplicate-of`); `not_match` records that they are different "
    "problems. Either way the decision is kept with who made it and when.",
    responses=error_responses(401, 403, 404, 409, 422),
)
async def decide(body: DecisionRequest, session: SessionDep, principal: Desk) -> DecisionOut:
    decided = await service.decide(
        session, principal, body.complaint_id, body.candidate_id, body.decision
    )
    return _decision_out(decided)


@router.get(
    "/v1/dedup/decisions",
    response_model=DecisionPage,
    summary="Export the labelled pairs",
    description="Every decided pair, oldest decision first: the comparison outcomes (never "
    "personal values) and the verdict. `pintu dedup-train` learns new weights from them. "
    "`from` and `to` are Jakarta days of the decision, both included. Page with `cursor` = the "
    "previous page's `next_cursor`.",
    responses=error_responses(401, 403, 422),
)
async def export_decisions(
    session: SessionDep,
    principal: Admin,
    response: Response,
    from_: Annotated[
        Day | None, Query(alias="from", description="Decided on or after this Jakarta day")
    ] = None,
    to: Annotated[Day | None, Query(description="Decided on or before this Jakarta day")] = None,
    since: Annotated[
        Timestamp | None,
        Query(
            deprecated=True,
            description="Deprecated (goes in the next version): use `from`. Decided at or after "
            "this time.",
        ),
    ] = None,
    limit: Limit = 100,
    cursor: CursorQuery = None,
    offset: DeprecatedOffset = None,
) -> DecisionPage:
    start, end = day_bounds(from_, to)
    if since is not None:
        if from_ is not None:
            raise InvalidInput("Give `from` or the deprecated `since`, not both.", field="since")
        start = since
    rows, next_cursor, total = await decided_pairs(
        session, since=start, until=end, limit=limit, cursor=cursor, offset=offset
    )
    if offset is not None or since is not None:
        deprecated(response)
    return DecisionPage(
        items=[_decision_out(d) for d in rows],
        next_cursor=next_cursor,
        total=total,
        limit=limit,
        offset=offset or 0,
    )
