"""Region endpoints: open reference data."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from app.auth import PintuRoute
from app.kit.db import SessionDep
from app.kit.errors import error_responses
from app.kit.paging import CursorQuery, DeprecatedOffset, deprecated
from app.kit.validation import CleanStr
from app.regions import service
from app.regions.schemas import RegionDetail, RegionLevel, RegionOut, RegionPage

router = APIRouter(route_class=PintuRoute, prefix="/v1/regions", tags=["Reference data"])

REGION_CODE = r"^31(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$"


@router.get(
    "",
    response_model=RegionPage,
    summary="List Jakarta regions",
    description="All 318 Kemendagri regions of DKI Jakarta, filtered by level, parent or "
    "name; in code order. Page with `cursor` = the previous page's `next_cursor`.",
    responses=error_responses(422),
)
async def list_regions(
    session: SessionDep,
    response: Response,
    level: Annotated[RegionLevel | None, Query(description="Only this level")] = None,
    parent: Annotated[
        str | None,
        Query(
            pattern=REGION_CODE,
            description="Only direct children of this code",
            examples=["31.71.01"],
        ),
    ] = None,
    q: Annotated[
        CleanStr | None,
        Query(
            min_length=1,
            max_length=100,
            description="Name contains (any case)",
            examples=["menteng"],
        ),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    cursor: CursorQuery = None,
    offset: DeprecatedOffset = None,
) -> RegionPage:
    rows, next_cursor, total = await service.search(
        session,
        level=level.value if level else None,
        parent=parent,
        q=q,
        limit=limit,
        cursor=cursor,
        offset=offset,
    )
    if offset is not None:
        deprecated(response)
    return RegionPage(
        items=[RegionOut.model_validate(r) for r in rows],
        next_cursor=next_cursor,
        total=total,
        limit=limit,
        offset=offset or 0,
    )


@router.get(
    "/{code}",
    response_model=RegionDetail,
    summary="Get a region with its parents",
    responses=error_responses(404, 422),
)
async def get_region(
    session: SessionDep,
    code: Annotated[str, Path(pattern=REGION_CODE, examples=["31.71.01.1001"])],
) -> RegionDetail:
    region, parents = await service.get_with_parents(session, code)
    return RegionDetail.model_validate(
        {
            **RegionOut.model_validate(region).model_dump(),
            "parents": [RegionOut.model_validate(p) for p in parents],
        }
    )
