"""API-key endpoints (admin only)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Request, status

from app.auth import service
from app.auth.deps import AdminDep, PintuRoute
from app.auth.schemas import ApiKeyCreate, ApiKeyCreated, ApiKeyOut, ApiKeyPage
from app.kit.db import SessionDep
from app.kit.errors import error_responses

router = APIRouter(route_class=PintuRoute, prefix="/v1/api-keys", tags=["API keys"])


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
async def list_api_keys(request: Request, session: SessionDep, _: AdminDep) -> ApiKeyPage:
    keys = await service.list_keys(session, request.app.state.key_use)
    return ApiKeyPage(items=[ApiKeyOut.model_validate(k) for k in keys])


@router.post(
    "/{key_id}/revoke",
    response_model=ApiKeyOut,
    summary="Revoke an API key",
    description="The key stops working at once: its next request gets 401. Revoking a revoked "
    "key changes nothing. A key cannot revoke itself (409).",
    responses=error_responses(401, 403, 404, 409, 422),
)
async def revoke_api_key(
    key_id: Annotated[uuid.UUID, Path(description="The key's id (GET /v1/api-keys)")],
    request: Request,
    session: SessionDep,
    principal: AdminDep,
) -> ApiKeyOut:
    record = await service.revoke(session, principal, key_id)
    # Other processes drop the key when the change commits (app.auth.cache); this one now.
    request.app.state.keys.forget(record.key_hash)
    return ApiKeyOut.model_validate(record)
