"""Channel endpoints: open reference data; adding a channel is admin work. (A channel's counts per
day are statistics: app.stats answers them.)"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response, status

from app.auth import AdminDep, PintuRoute
from app.channels import service
from app.channels.schemas import ChannelCreate, ChannelList, ChannelOut
from app.kit.db import SessionDep
from app.kit.errors import error_responses
from app.kit.openapi import LOCATION, sends
from app.kit.validation import CleanStr

router = APIRouter(route_class=PintuRoute, prefix="/v1/channels", tags=["Reference data"])

ChannelCode = Annotated[CleanStr, Path(max_length=32, examples=["walk_in"])]


@router.get("", response_model=ChannelList, summary="List intake channels")
async def list_channels(session: SessionDep) -> ChannelList:
    return ChannelList(
        items=[ChannelOut.model_validate(c) for c in await service.list_all(session)]
    )


@router.get(
    "/{code}",
    response_model=ChannelOut,
    summary="Get a channel",
    responses=error_responses(404, 422),
)
async def get_channel(session: SessionDep, code: ChannelCode) -> ChannelOut:
    return ChannelOut.model_validate(await service.get(session, code))


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=ChannelOut,
    summary="Add a channel",
    description="Adds an intake channel (another CRM door) without a code change.",
    responses=error_responses(401, 403, 409, 422),
    openapi_extra=sends(LOCATION),
)
async def create_channel(
    session: SessionDep, body: ChannelCreate, _: AdminDep, response: Response
) -> ChannelOut:
    channel = ChannelOut.model_validate(await service.create(session, body))
    response.headers["Location"] = f"/v1/channels/{channel.code}"
    return channel
