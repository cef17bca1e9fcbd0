"""API-key endpoints (admin only)."""

from __future__ import annotations

from fastapi import APIRouter, status

from app.auth import service
from app.auth.deps import AdminDep
from app.auth.schemas import ApiKeyCreate, ApiKeyCreated, ApiKeyOut, ApiKeyPage
from app.db import SessionDep
from app.errors import error_responses

router = APIRouter(prefix="/v1/api-keys", tags=["API keys"])


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=ApiKeyCreated,
    summary="Create an API key",
    description="Creates a key with a role. The response is the only time the key is shown.",
    responses=error_responses(401, 403, 422),
)
async def create_api_key(body: ApiKeyCreate, session: SessionDep, _: AdminDep) -> ApiKeyCreated:
    record, secret = await service.issue_key(session, body)
    return ApiKeyCreated.model_validate(
        {**ApiKeyOut.model_validate(record).model_dump(), "key": secret}
    )


@router.get(
    "",
    response_model=ApiKeyPage,
    summary="List API keys",
    description="Every key with its role and dates; never the keys themselves.",
    responses=error_responses(401, 403),
)
async def list_api_keys(session: SessionDep, _: AdminDep) -> ApiKeyPage:
    keys = await service.list_keys(session)
    return ApiKeyPage(items=[ApiKeyOut.model_validate(k) for k in keys])
