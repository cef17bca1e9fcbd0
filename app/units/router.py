"""Unit endpoints: open reference data."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from app.auth import PintuRoute
from app.kit.db import SessionDep
from app.kit.errors import error_responses
from app.kit.paging import CursorQuery, DeprecatedOffset, deprecated
from app.kit.validation import CleanStr
from app.units import service
from app.units.schemas import UnitKind, UnitOut, UnitPage

router = APIRouter(route_class=PintuRoute, prefix="/v1/units", tags=["Reference data"])


@router.get(
    "",
    response_model=UnitPage,
    summary="List units",
    description="Offices and agencies complaints are routed to, filtered by kind, the region "
    "they serve, their parent (escalation) or name; in display order. Page with `cursor` = "
    "the previous page's `next_cursor`.",
    responses=error_responses(422),
)
async def list_units(
    session: SessionDep,
    response: Response,
    kind: Annotated[UnitKind | None, Query()] = None,
    region: Annotated[
        str | None, Query(pattern=r"^31(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$", examples=["31.71"])
    ] = None,
    parent: Annotated[
        CleanStr | None, Query(min_length=1, max_length=40, examples=["dinas-sosial"])
    ] = None,
    q: Annotated[
        CleanStr | None, Query(min_length=1, max_length=100, examples=["bina marga"])
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    cursor: CursorQuery = None,
    offset: DeprecatedOffset = None,
) -> UnitPage:
    rows, next_cursor, total = await service.search(
        session,
        kind=kind.value if kind else None,
        region=region,
        parent=parent,
        q=q,
        limit=limit,
        cursor=cursor,
        offset=offset,
    )
    if offset is not None:
        deprecated(response)
    return UnitPage(
        items=[UnitOut.model_validate(u) for u in rows],
        next_cursor=next_cursor,
        total=total,
        limit=limit,
        offset=offset or 0,
    )


@router.get(
    "/{code}", response_model=UnitOut, summary="Get a unit", responses=error_responses(404, 422)
)
async def get_unit(
    session: SessionDep,
    code: Annotated[CleanStr, Path(max_length=40, examples=["kelurahan-31.71.01.1001"])],
) -> UnitOut:
    return UnitOut.model_validate(await service.get(session, code))
