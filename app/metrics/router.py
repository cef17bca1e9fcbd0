"""`GET /metrics` on the API's port, for admin keys (docs/operations.md: a separate listener,
METRICS_PORT, serves it without a key for Prometheus)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from prometheus_client.exposition import CONTENT_TYPE_PLAIN_0_0_4

from app.auth import AdminDep, PintuRoute
from app.kit.db import SessionDep
from app.kit.errors import error_responses
from app.metrics import database
from app.metrics.instruments import exposition, sample_pool

router = APIRouter(route_class=PintuRoute, tags=["Health"])

EXAMPLE = """\
# HELP http_requests_total HTTP requests answered, by method, route template and status
# TYPE http_requests_total counter
http_requests_total{method="GET",route="/v1/complaints/{ref}",status="200"} 1027.0
# HELP pintu_jaki_sync_lag_seconds Seconds since a pull last reached the end of the JAKI feed
# TYPE pintu_jaki_sync_lag_seconds gauge
pintu_jaki_sync_lag_seconds 42.5
"""


@router.get(
    "/metrics",
    summary="Metrics for Prometheus (admin)",
    description="Prometheus text format: requests by route template and status with their "
    "latency, the database pools, the JAKI sync, the escalation runner and open and overdue "
    "assignments by unit (docs/operations.md). With several workers the counts are all of "
    "theirs. Prometheus itself scrapes the separate METRICS_PORT listener, without a key.",
    response_class=Response,
    responses={
        200: {"content": {CONTENT_TYPE_PLAIN_0_0_4: {"example": EXAMPLE}}},
        **error_responses(401, 403),
    },
)
async def metrics(request: Request, session: SessionDep, _: AdminDep) -> Response:
    sample_pool(request.app.state.engine)
    families = await database.read(session, request.app.state.settings)
    return Response(exposition(families), media_type=CONTENT_TYPE_PLAIN_0_0_4)
