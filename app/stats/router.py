"""Statistics endpoints: aggregate counts, open to everyone."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from app.auth import PintuRoute
from app.kit.db import SessionDep
from app.kit.errors import error_responses
from app.kit.validation import CleanStr
from app.stats import service
from app.stats.params import FromQuery, ToQuery
from app.stats.schemas import ChannelStats, DailyStats

router = APIRouter(route_class=PintuRoute, tags=["Statistics"])

ChannelCode = Annotated[CleanStr, Path(max_length=32, examples=["walk_in"])]


@router.get(
    "/v1/stats/daily",
    response_model=DailyStats,
    response_model_by_alias=True,
    summary="Complaints per day, every channel side by side",
    description="Counts by the day a complaint was reported, in Asia/Jakarta time; days with "
    "none are included as 0. At most 366 days per answer: a longer range is answered "
    "366 days at a time, and `next_from` says where the rest starts.",
    responses=error_responses(422),
)
async def daily_stats(
    session: SessionDep, from_: FromQuery = None, to: ToQuery = None
) -> DailyStats:
    return await service.daily(session, from_, to)


@router.get(
    "/v1/channels/{code}/stats",
    response_model=ChannelStats,
    response_model_by_alias=True,
    summary="Complaints per day for one channel",
    description="Counts by the day a complaint was reported, in Asia/Jakarta time; days with "
    "none are included as 0. At most 366 days per answer: a longer range is answered "
    "366 days at a time, and `next_from` says where the rest starts.",
    responses=error_responses(404, 422),
)
async def channel_stats(
    session: SessionDep, code: ChannelCode, from_: FromQuery = None, to: ToQuery = None
) -> ChannelStats:
    return await service.channel_stats(session, code, from_, to)
