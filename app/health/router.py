"""`/healthz` (the process is up) and `/readyz` (database reachable, schema at head)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from app.auth import PintuRoute
from app.health.repository import schema_revision
from app.kit.errors import error_responses
from app.kit.problems import problem_response

router = APIRouter(route_class=PintuRoute, tags=["Health"])


class Health(BaseModel):
    model_config = {
        "json_schema_extra": {"examples": [{"status": "ready", "schema_revision": "0003"}]}
    }

    status: str = Field(description="`ok` (liveness) or `ready` (readiness)")
    schema_revision: str | None = Field(default=None, description="The database's migration")


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
    responses=error_responses(503),
)
async def readyz(request: Request) -> Health | JSONResponse:
    expected: str = request.app.state.schema_head
    try:
        revision = await schema_revision(request.app.state.engine)
    except Exception:  # any failure here means "not ready", whatever the driver raised
        return problem_response(
            request,
            status=503,
            type_="unavailable",
            title="Service temporarily unavailable",
            detail="The database cannot be reached.",
        )
    if revision != expected:
        return problem_response(
            request,
            status=503,
            type_="schema-outdated",
            title="Schema is not at head",
            detail=f"Database is at {revision}, code expects {expected}; run `pintu migrate`.",
        )
    return Health(status="ready", schema_revision=revision)
