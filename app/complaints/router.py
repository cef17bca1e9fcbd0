"""Complaint endpoints: thin wrappers that parse, call the service and present the result."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Response, status

from app.audit import AuditDep, PersonalDataReadOut, PersonalDataReadPage, reads_of_complaint
from app.auth import AdminDep, IfMatchDep, PintuRoute, Principal, require
from app.complaints import intake, presenter, service
from app.complaints.schemas import (
    ComplaintCreate,
    ComplaintHistory,
    ComplaintIntakeOut,
    ComplaintOut,
    ComplaintPage,
    ComplaintPatch,
    ComplaintRef,
    ReceiptCodeOut,
    StatusChange,
)
from app.kit.db import SessionDep
from app.kit.errors import error_responses
from app.kit.openapi import ETAG, LOCATION, sends
from app.kit.paging import CursorQuery, DeprecatedOffset, deprecated
from app.kit.validation import CleanStr, Day, UpdatedSinceQuery
from app.matching import candidate_out
from app.models.roles import Role
from app.models.statuses import ComplaintStatus

# One router for everything under /v1/complaints that this package answers, and the look-up of
# a complaint by the id its channel gave it; each route names its tag, since the audit log of a
# complaint is documented with the other audit reads.
PREFIX = "/v1/complaints"
router = APIRouter(route_class=PintuRoute)
TAGS: list[str | Enum] = ["Complaints"]

Reader = Annotated[Principal, Depends(require(Role.VIEWER, Role.DESK, Role.AGENCY, Role.CLIENT))]
Desk = Annotated[Principal, Depends(require(Role.DESK))]
# Who records complaints: the desk, and a client key (an app's backend) in its own channel.
Recorder = Annotated[Principal, Depends(require(Role.DESK, Role.CLIENT))]


@router.post(
    PREFIX,
    tags=TAGS,
    status_code=status.HTTP_201_CREATED,
    response_model=ComplaintIntakeOut,
    summary="Record a complaint",
    description="Records a walk-in complaint (the default channel) or one from another channel "
    "that takes complaints by hand; a client key records in its own channel (the default for "
    "it) and no other. JAKI reports arrive only through the JAKI feed. Returns the complaint "
    "with its tracking number, a `Location` header, its `receipt_code` (shown only now: the "
    "complainant tracks the complaint with it, `GET /v1/track/{tracking_number}`) and its "
    "`possible_duplicates`: the JAKI reports that may be the same problem (see "
    "`POST /v1/dedup/matches`).",
    responses=error_responses(401, 403, 409, 422),
    openapi_extra=sends(ETAG, LOCATION),
)
async def create_complaint(
    body: ComplaintCreate, session: SessionDep, principal: Recorder, response: Response
) -> ComplaintIntakeOut:
    recorded = await intake.record_with_candidates(session, principal, body)
    complaint = recorded.complaint
    response.headers["Location"] = f"/v1/complaints/{complaint.id}"
    shown = await presenter.answer(session, principal, complaint, response)
    # A client key sees its channel's complaints only; the candidates are JAKI's reports.
    found = [] if principal.role is Role.CLIENT else recorded.candidates
    return ComplaintIntakeOut(
        **shown.model_dump(),
        possible_duplicates=[candidate_out(m) for m in found],
        receipt_code=recorded.receipt_code,
    )


@router.get(
    PREFIX,
    tags=TAGS,
    response_model=ComplaintPage,
    summary="List complaints",
    description="Newest first by the time reported. Filters combine; `region` takes a code at "
    "any level (kota, kecamatan or kelurahan); `q` searches description and address; `from` "
    "and `to` are Jakarta days, both included; `channel` with `external_id` finds the complaint "
    "a channel's own system knows by that id (see also "
    "`GET /v1/channels/{code}/complaints/{external_id}`). Page with `cursor` = the previous "
    "page's `next_cursor`.",
    responses=error_responses(401, 403, 422),
)
async def list_complaints(
    session: SessionDep,
    principal: Reader,
    audit: AuditDep,
    channel: Annotated[
        CleanStr | None, Query(min_length=1, max_length=32, examples=["walk_in"])
    ] = None,
    status_: Annotated[
        list[ComplaintStatus] | None,
        Query(alias="status", description="One or more statuses (repeat the parameter)"),
    ] = None,
    category: Annotated[
        CleanStr | None, Query(min_length=1, max_length=32, examples=["jalan"])
    ] = None,
    region: Annotated[
        str | None,
        Query(
            pattern=r"^31(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$",
            examples=["31.71.06"],
            description="Kemendagri code at any level",
        ),
    ] = None,
    from_: Annotated[
        Day | None, Query(alias="from", description="Reported on or after this Jakarta day")
    ] = None,
    to: Annotated[Day | None, Query(description="Reported on or before this Jakarta day")] = None,
    q: Annotated[
        CleanStr | None,
        Query(
            min_length=1,
            max_length=200,
            description="Free text",
            examples=["bansos belum diterima"],
        ),
    ] = None,
    updated_since: UpdatedSinceQuery = None,
    external_id: Annotated[
        CleanStr | None,
        Query(
            min_length=1,
            max_length=100,
            description="The id the channel's own system gave the complaint (a JAKI report's "
            "JAKI id); with `channel`, at most one complaint",
            examples=["JAKI-2026-0012345"],
        ),
    ] = None,
    cursor: CursorQuery = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> ComplaintPage:
    rows, next_cursor = await service.search(
        session,
        principal,
        channel=channel,
        statuses=status_,
        category=category,
        region=region,
        from_day=from_,
        to_day=to,
        text=q,
        cursor=cursor,
        limit=limit,
        updated_since=updated_since,
        external_id=external_id,
    )
    await audit.shown(rows)
    return ComplaintPage(
        items=await presenter.shown(session, principal, rows),
        next_cursor=next_cursor,
        limit=limit,
    )


@router.get(
    PREFIX + "/{ref}",
    tags=TAGS,
    response_model=ComplaintOut,
    summary="Get a complaint",
    description="By id or tracking number. NIK, phone and e-mail are masked unless the key's "
    "role is desk, agency or admin. The `ETag` header is the complaint's version: send it as "
    "`If-Match` with a change.",
    responses=error_responses(401, 403, 404, 422),
    openapi_extra=sends(ETAG),
)
async def get_complaint(
    session: SessionDep, principal: Reader, ref: ComplaintRef, response: Response, audit: AuditDep
) -> ComplaintOut:
    complaint = await service.get(session, principal, ref)
    return await presenter.answer(session, principal, complaint, response, audit)


@router.patch(
    PREFIX + "/{ref}",
    tags=TAGS,
    response_model=ComplaintOut,
    summary="Correct a complaint",
    description="Corrects description, category or location; the history keeps the old values. "
    "A mirrored JAKI report or a linked duplicate cannot be corrected here (409). With "
    "`If-Match`, a complaint changed since that version is not touched (412).",
    responses=error_responses(401, 403, 404, 409, 412, 422, 428),
    openapi_extra=sends(ETAG),
)
async def patch_complaint(
    session: SessionDep,
    principal: Desk,
    ref: ComplaintRef,
    body: ComplaintPatch,
    precondition: IfMatchDep,
    response: Response,
    audit: AuditDep,
) -> ComplaintOut:
    complaint = await service.correct(session, principal, ref, body, precondition)
    return await presenter.answer(session, principal, complaint, response, audit)


@router.post(
    PREFIX + "/{ref}/status",
    tags=TAGS,
    response_model=ComplaintOut,
    summary="Move a complaint's status",
    description="Moves the status by hand with a note. A move the status machine does not allow "
    "(see docs/statuses.md), or any move on a mirrored JAKI report or a linked duplicate, is 409. "
    "With `If-Match`, a complaint changed since that version is not touched (412).",
    responses=error_responses(401, 403, 404, 409, 412, 422, 428),
    openapi_extra=sends(ETAG),
)
async def change_status(
    session: SessionDep,
    principal: Desk,
    ref: ComplaintRef,
    body: StatusChange,
    precondition: IfMatchDep,
    response: Response,
    audit: AuditDep,
) -> ComplaintOut:
    complaint = await service.change_status(session, principal, ref, body, precondition)
    return await presenter.answer(session, principal, complaint, response, audit)


@router.post(
    PREFIX + "/{ref}/receipt-code",
    tags=TAGS,
    response_model=ReceiptCodeOut,
    summary="Issue a new receipt code",
    description="For a complainant who lost their receipt, or a complaint recorded before "
    "receipt codes: a new code, shown only now; the old one stops working. The history notes "
    "who issued it. A mirrored JAKI report has none (409): it is tracked in JAKI.",
    responses=error_responses(401, 403, 404, 409, 422),
)
async def reissue_receipt_code(
    session: SessionDep, principal: Recorder, ref: ComplaintRef
) -> ReceiptCodeOut:
    complaint, code = await service.reissue_receipt(session, principal, ref)
    return ReceiptCodeOut(
        tracking_number=complaint.tracking_number,
        receipt_code=code,
        track_url=f"/v1/track/{complaint.tracking_number}",
    )


@router.get(
    PREFIX + "/{ref}/history",
    tags=TAGS,
    response_model=ComplaintHistory,
    summary="A complaint's history",
    description="Every change, oldest first: what, who, when and the note.",
    responses=error_responses(401, 403, 404, 422),
)
async def complaint_history(
    session: SessionDep, principal: Reader, ref: ComplaintRef
) -> ComplaintHistory:
    complaint, events, hidden = await service.history(session, principal, ref)
    return presenter.history_out(complaint, events, principal, hidden)


@router.get(
    PREFIX + "/{ref}/personal-data-reads",
    tags=["Audit"],
    response_model=PersonalDataReadPage,
    summary="Who read a complainant's personal data",
    description="Every response that showed this complaint's NIK, phone, e-mail or name "
    "unmasked: when, with which key and role, through which endpoint; newest first.",
    responses=error_responses(401, 403, 404, 422),
)
async def personal_data_reads(
    session: SessionDep,
    principal: AdminDep,
    ref: ComplaintRef,
    response: Response,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
    cursor: CursorQuery = None,
    offset: DeprecatedOffset = None,
) -> PersonalDataReadPage:
    complaint = await service.get(session, principal, ref)
    rows, next_cursor, total = await reads_of_complaint(
        session, complaint.id, limit=limit, cursor=cursor, offset=offset
    )
    if offset is not None:
        deprecated(response)
    return PersonalDataReadPage(
        complaint_id=complaint.id,
        items=[PersonalDataReadOut.model_validate(r) for r in rows],
        next_cursor=next_cursor,
        total=total,
        limit=limit,
        offset=offset or 0,
    )


@router.get(
    "/v1/channels/{code}/complaints/{external_id:path}",
    tags=TAGS,
    response_model=ComplaintOut,
    summary="Get a complaint by the id its channel gave it",
    description="The complaint that channel `code`'s own system knows by `external_id`: a "
    "JAKI report by its JAKI id (`/v1/channels/jaki/complaints/JAKI-2026-0012345`), an app's "
    "complaint by the `external_id` it was recorded with. The same answer, access rules and "
    "masking as `GET /v1/complaints/{ref}`, with `Content-Location` naming it by id.",
    responses=error_responses(401, 403, 404, 422),
)
async def get_complaint_by_external_id(
    session: SessionDep,
    principal: Reader,
    code: Annotated[CleanStr, Path(max_length=32, examples=["jaki"])],
    external_id: Annotated[
        CleanStr,
        Path(
            min_length=1,
            max_length=100,
            description="The id the channel's own system gave the complaint",
            examples=["JAKI-2026-0012345"],
        ),
    ],
    response: Response,
    audit: AuditDep,
) -> ComplaintOut:
    complaint = await service.get_by_external_id(session, principal, code, external_id)
    response.headers["Content-Location"] = f"{PREFIX}/{complaint.id}"
    return await presenter.answer(session, principal, complaint, response, audit)
