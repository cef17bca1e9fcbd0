"""Reading the audit log (admin)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from app.audit import service
from app.audit.schemas import PersonalDataReadOut, PersonalDataReadPage
from app.auth.deps import AdminDep
from app.complaints import service as complaints_service
from app.db import SessionDep
from app.kit.errors import error_responses
from app.kit.validation import CleanStr
from app.routing import PintuRoute

router = APIRouter(route_class=PintuRoute, prefix="/v1/complaints", tags=["Audit"])


@router.get(
    "/{ref}/personal-data-reads",
    response_model=PersonalDataReadPage,
    summary="Who read a complainant's personal data",
    description="Every response that showed this complaint's NIK, phone, e-mail or name "
    "unmasked: when, with which key and role, through which endpoint; newest first.",
    responses=error_responses(401, 403, 404, 422),
)
async def personal_data_reads(
    session: SessionDep,
    principal: AdminDep,
    ref: Annotated[
        CleanStr,
        Path(min_length=1, max_length=40, description="The complaint's id or tracking number"),
    ],
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> PersonalDataReadPage:
    complaint = await complaints_service.get(session, principal, ref)
    rows, total = await service.reads_of(session, complaint.id, limit=limit, offset=offset)
    return PersonalDataReadPage(
        complaint_id=complaint.id,
        items=[PersonalDataReadOut.model_validate(r) for r in rows],
        total=total,
        limit=limit,
        offset=offset,
    )
