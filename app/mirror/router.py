"""The JAKI feed's push endpoint, and the pull sync's status."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Depends, Request

from app.auth import PintuRoute, Principal, require
from app.kit.db import SessionDep
from app.kit.errors import error_responses
from app.mirror import service
from app.mirror.schemas import BatchIn, BatchResult, SyncStatusOut
from app.mirror.status import sync_status
from app.models.roles import Role

router = APIRouter(route_class=PintuRoute, prefix="/v1/jaki", tags=["JAKI mirror"])
BATCH_PATH = "/v1/jaki/reports/batch"  # takes bigger bodies than the rest (app.server.bodylimit)

Feed = Annotated[Principal, Depends(require(Role.INTEGRATION))]


@router.post(
    "/reports/batch",
    response_model=BatchResult,
    summary="Push a batch of JAKI reports",
    description="Mirrors up to 1,000 JAKI reports (shape: docs/jaki-feed.md). Each report is "
    "created, updated, unchanged or stale by its `updated_at`; a refused report is listed in "
    "`errors` with its index and id, and the others are stored. Sending the same batch twice "
    "writes nothing the second time. A body over 32 MiB is refused (413): split it. The answer "
    "counts outcomes; a mirrored report is found by its JAKI id with "
    "`GET /v1/channels/jaki/complaints/{id}` (or `GET /v1/complaints?channel=jaki&external_id=`"
    "), by any key that reads complaints.",
    responses=error_responses(401, 403, 413, 422),
)
async def push_batch(body: BatchIn, session: SessionDep, principal: Feed) -> BatchResult:
    return await service.ingest(session, principal, body.reports)


@router.get(
    "/sync",
    response_model=SyncStatusOut,
    summary="The JAKI pull sync's status",
    description="Where `pintu sync-jaki` stands, as it stored it: the feed's cursor, when a "
    "pull last reached the end of the feed and how long ago (`lag_seconds`), the newest report "
    "time seen, and the errors that stopped recent pulls. `state` is what `/readyz` reports as "
    '`jaki_sync` (docs/operations.md, "The JAKI sync").',
    responses=error_responses(401, 403),
)
async def get_sync_status(request: Request, session: SessionDep, _: Feed) -> SyncStatusOut:
    settings = request.app.state.settings
    status = await sync_status(
        session,
        feed_url_configured=bool(settings.jaki_feed_url),
        stale_after=settings.jaki_sync_stale_after,
    )
    return SyncStatusOut.model_validate(asdict(status))
