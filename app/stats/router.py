"""Statistics endpoints: aggregate counts, open to everyone."""

from __future__ import annotations

from fastapi import APIRouter

from app.db import SessionDep
from app.kit.errors import error_responses
from app.routing import PintuRoute
from app.stats import service
from app.stats.params import FromQuery, ToQuery
from app.stats.schemas import DailyStats

router = APIRouter(route_class=PintuRoute, prefix="/v1/stats", tags=["Statistics"])


@router.get(
    "/daily",
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
