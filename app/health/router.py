"""`/healthz` (the process is up) and `/readyz` (database reachable, schema at head; the JAKI
sync's state reported, never a reason to leave rotation: docs/operations.md)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from app.auth import PintuRoute
from app.health.repository import schema_revision
from app.kit.errors import error_responses
from app.kit.problems import problem_response
from app.mirror import sync_status

router = APIRouter(route_class=PintuRoute, tags=["Health"])


class Health(BaseModel):
    model_config = {
        "json_schema_extra": {
            "examples": [{"status": "ready", "schema_revision": "0017", "jaki_sync": "ok"}]
        }
    }

    status: str = Field(description="`ok` (liveness) or `ready` (readiness)")
    schema_revision: str | None = Field(default=None, description="The database's migration")
    jaki_sync: str | None = Field(
        default=None,
        description="Readiness only: the JAKI pull sync, `ok`, `stale`, `failing` or "
        "`not_configured` (details: `GET /v1/jaki/sync`). Reported, and never a reason for "
        "503: the API serves without a fresh feed.",
    )


@router.get(
    "/healthz",
    response_model=Health,
    summary="Liveness: the process is up",
    description="Answers as long as the process runs; it does not touch the database.",
)
async def healthz() -> Health:
    return Health(status="ok")


@router.get(
    "/readyz",
    response_model=Health,
    summary="Readiness: database reachable and schema at head",
    description="200 when the database answers and its schema is at the code's head, else "
    "503. The body also says how the JAKI pull sync stands (`jaki_sync`), which does not "
    "change the status: a stale external feed does not make this instance unable to serve.",
    responses=error_responses(503),
)
async def readyz(request: Request) -> Health | JSONResponse:
    expected: str = request.app.state.schema_head
    settings = request.app.state.settings
    sync = None
    try:
        revision = await schema_revision(request.app.state.engine)
        if revision == expected:
            async with request.app.state.session_factory() as session:
                sync = await sync_status(
                    session,
                    feed_url_configured=bool(settings.jaki_feed_url),
                    stale_after=settings.jaki_sync_stale_after,
                )
    except Exception:  # any failure here means "not ready", whatever the driver raised
        return problem_response(
            request,
            status=503,
            type_="unavailable",
            title="Service temporarily unavailable",
            detail="The database cannot be reached.",
        )
    if sync is None:
        return problem_response(
            request,
            status=503,
            type_="schema-outdated",
            title="Schema is not at head",
            detail=f"Database is at {revision}, code expects {expected}; run `pintu migrate`.",
        )
    return Health(status="ready", schema_revision=revision, jaki_sync=sync.state.value)
