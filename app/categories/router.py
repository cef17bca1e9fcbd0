"""Category endpoints: open reference data."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from app.auth import PintuRoute
from app.categories import service
from app.categories.schemas import CategoryList, CategoryOut
from app.kit.db import SessionDep
from app.kit.errors import error_responses
from app.kit.validation import CleanStr

router = APIRouter(route_class=PintuRoute, prefix="/v1/categories", tags=["Reference data"])


@router.get("", response_model=CategoryList, summary="List complaint categories")
async def list_categories(session: SessionDep) -> CategoryList:
    return CategoryList(
        items=[CategoryOut.model_validate(c) for c in await service.list_all(session)]
    )


@router.get(
    "/{code}",
    response_model=CategoryOut,
    summary="Get a category",
    responses=error_responses(404, 422),
)
async def get_category(
    session: SessionDep,
    code: Annotated[CleanStr, Path(max_length=32, examples=["bansos"])],
) -> CategoryOut:
    return CategoryOut.model_validate(await service.get(session, code))
