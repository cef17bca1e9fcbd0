"""The application factory: settings, engine, routers, error handlers, request logging."""

from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, Response
from fastapi.routing import APIRoute
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from app.assignments.router import router as assignments_router
from app.auth.cache import KeyCache
from app.auth.router import router as api_keys_router
from app.auth.usage import KeyUse
from app.categories.router import router as categories_router
from app.channels.router import router as channels_router
from app.complaints.router import router as complaints_router
from app.dedup.router import router as dedup_router
from app.events.delivery import Deliverer, http_client
from app.events.router import router as events_router
from app.health.router import router as health_router
from app.kit import refcache
from app.kit.config import Settings, get_settings
from app.kit.db import create_engine, create_session_factory
from app.kit.idempotency.service import Replay
from app.kit.logs import RequestLogMiddleware, configure_logging
from app.kit.migrate import head_revision
from app.kit.problems import install_error_handlers
from app.kit.sqlstate import database_unavailable
from app.metrics.middleware import MetricsMiddleware
from app.metrics.router import router as metrics_router
from app.metrics.runtime import MetricsRuntime
from app.mirror.router import BATCH_PATH, router as mirror_router
from app.open311.router import PREFIX as OPEN311_PREFIX, router as open311_router
from app.ratelimit.guesses import Guesses
from app.ratelimit.inflight import InFlight, InFlightMiddleware
from app.ratelimit.invalid_keys import InvalidKeys
from app.ratelimit.service import RateLimiter
from app.regions.router import router as regions_router
from app.server import openapi
from app.server.bodylimit import BodyLimitMiddleware
from app.server.bookkeeping import Bookkeeping
from app.server.conditional import NotModifiedMiddleware
from app.server.docs import router as docs_router
from app.server.head import HeadAsGetMiddleware
from app.server.nostore import NoStoreMiddleware
from app.server.shutdown import CutRequestMiddleware
from app.stats.router import router as stats_router
from app.tracking import tracking_router
from app.units.router import router as units_router
from app.workdays.router import router as holidays_router

logger = logging.getLogger("pintu.startup")

DESCRIPTION = """
Pintu records citizen complaints from Jakarta's walk-in desk at Balai Kota and every other
channel, keeps a mirror of JAKI reports, and shows how many complaints each channel took.

**Authentication**: send an API key as `Authorization: Bearer pintu_…`. Reference data,
statistics and health need no key. Roles and what each may do: `docs/access.md`.

**Errors** are RFC 9457 `application/problem+json`; for bad input, `field` and `errors[].field`
name what to fix. Personal data (NIK, phone, e-mail) is never echoed in an error. Each `type` is
a page that says when the problem happens and what to do (`/problems` lists them).

**Headers**: every answer carries `X-Request-ID` (send your own to follow a request through the
logs); each operation lists the others it sends (`ETag`, `Location`, `RateLimit`,
`Idempotent-Replayed`, `Retry-After`, `Cache-Control`).

**Times** are ISO 8601; days (`from`, `to`, statistics) are calendar days in Asia/Jakarta.
"""

TAGS = [
    {"name": "Complaints", "description": "Record, find, correct and move complaints."},
    {"name": "Assignments", "description": "Routing complaints to units, and their work."},
    {
        "name": "Reference data",
        "description": "Regions, categories, channels, units and holidays; reading is open to "
        "all, adding a channel is admin work.",
    },
    {"name": "Statistics", "description": "Aggregate counts; open to all, no personal data."},
    {
        "name": "JAKI mirror",
        "description": "Reports pushed by the JAKI feed (docs/jaki-feed.md), and the status of "
        "the pull sync, `pintu sync-jaki` (docs/operations.md).",
    },
    {
        "name": "Duplicates",
        "description": "The same problem reported twice: JAKI reports that may match a "
        "complaint, a person's review queue, decisions, and linking a duplicate to the "
        "complaint it follows (docs/dedup.md).",
    },
    {
        "name": "Events",
        "description": "Every change partners may hear of, in commit order (docs/events.md).",
    },
    {
        "name": "Webhooks",
        "description": "Events pushed to partners' receivers, signed (Standard Webhooks), with "
        "retries and a delivery log.",
    },
    {"name": "API keys", "description": "Keys and roles (admin)."},
    {"name": "Audit", "description": "Who read whose personal data (admin)."},
    {
        "name": "Health",
        "description": "Liveness and readiness probes, and metrics for Prometheus "
        "(docs/operations.md).",
    },
    {
        "name": "Tracking",
        "description": "A complainant's look-up with the tracking number and receipt code, "
        "without a key; never personal data.",
    },
    {
        "name": "Open311",
        "description": "Open311 GeoReport v2: public complaints about a place, and sending "
        "them with a client key (docs/open311.md).",
    },
]


def _operation_id(route: APIRoute) -> str:
    return route.name


async def _replay(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, Replay)
    return exc.response


def init_state(app: FastAPI, engine: AsyncEngine) -> None:
    """Attach the engine, the session factory and the per-process state the request
    dependencies use. The key cache and background writes start with the app's lifespan; an app
    used without it reads every key and counts every request in the database."""
    app.state.engine = engine
    app.state.session_factory = create_session_factory(engine)
    app.state.keys = KeyCache()
    app.state.limiter = RateLimiter()
    app.state.invalid_keys = InvalidKeys(app.state.settings.invalid_keys_per_minute)
    app.state.guesses = Guesses()
    app.state.key_use = KeyUse()
    app.state.bookkeeping = Bookkeeping(engine, app.state.limiter, app.state.key_use)


def _start_deliverer(app: FastAPI) -> Callable[[], Awaitable[None]]:
    """Deliver events from inside the server (`pintu serve --deliver-events`, as `make run`
    does, so one process shows deliveries at once); returns what stops it."""
    settings: Settings = app.state.settings
    stop = asyncio.Event()
    http = http_client(settings)
    deliverer = Deliverer(app.state.session_factory, http, settings)
    task = asyncio.create_task(deliverer.run(stop), name="deliver-events")

    async def close() -> None:
        stop.set()
        await task
        await http.aclose()

    return close


async def load_reference_data(session_factory: async_sessionmaker[AsyncSession]) -> None:
    """Read every reference cache (app.kit.refcache) once, before the first request. Nothing
    read here stops the start: a database that cannot be reached now, or a cache whose value
    cannot be built (a stored model of another format), leaves each cache to load on first use,
    where its error surfaces as it did before there was a start-up read."""
    try:
        async with session_factory() as session:
            await refcache.load_all(session)
    except Exception as exc:
        if database_unavailable(exc):
            logger.warning(
                "reference data not read at start-up (%s); each cache loads on first use",
                type(exc).__name__,
            )
        else:
            logger.exception("reference data not read at start-up; each cache loads on first use")
        refcache.clear_all()


def create_app(settings: Settings | None = None, *, configure_logs: bool = True) -> FastAPI:
    """Build the Pintu application (uvicorn calls this in each worker process)."""
    settings = settings or get_settings()
    if configure_logs:
        configure_logging(settings.log_style, settings.log_level)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = None
        if getattr(app.state, "engine", None) is None:  # tests may attach their own
            if not settings.database_url:
                raise RuntimeError("DATABASE_URL is not set; start Pintu with `pintu serve`")
            engine = create_engine(settings.database_url, pool_size=settings.db_pool_size)
            init_state(app, engine)
        await load_reference_data(app.state.session_factory)
        if engine is not None:
            # What start-up built (routes, schemas, models, reference data) lives as long as the
            # process: keep it out of the garbage collector's full passes, whose pauses showed
            # as the latency tail.
            gc.collect()
            gc.freeze()
        app.state.keys.start(app.state.engine)
        app.state.bookkeeping.start()
        metrics = MetricsRuntime(app.state.engine, app.state.session_factory, app.state.settings)
        await metrics.start()
        app.state.metrics = metrics
        deliverer = _start_deliverer(app) if settings.deliver_events_in_server else None
        try:
            yield
        finally:
            if deliverer is not None:
                await deliverer()
            await metrics.close()
            await app.state.bookkeeping.close()
            await app.state.keys.close()
            if engine is not None:
                await engine.dispose()
                app.state.engine = None

    app = FastAPI(
        title="Pintu",
        summary="Jakarta's complaint service: walk-in desk and JAKI, routed, tracked, matched.",
        description=DESCRIPTION,
        version="0.1.0",
        openapi_tags=TAGS,
        lifespan=lifespan,
        # A redirect to the path without its trailing slash would be built from the request's
        # Host header, which the client chooses: answer 404 (naming the right path) instead.
        redirect_slashes=False,
        # An operation's id is its function's name (`create_complaint`), unique across the app
        # and listed in tests/openapi_operation_ids.txt: renaming one renames a generated
        # client's method, and shows in that list.
        generate_unique_id_function=_operation_id,
        # Served by app.server.docs from Pintu's own copy of the pages' files (no CDN).
        docs_url=None,
        redoc_url=None,
    )
    app.state.engine = None
    app.state.settings = settings
    app.state.schema_head = head_revision()
    install_error_handlers(app)
    app.add_exception_handler(Replay, _replay)
    app.openapi = openapi.builder(app, open311_prefix=OPEN311_PREFIX)  # type: ignore[method-assign]
    app.state.in_flight = InFlight()
    app.add_middleware(InFlightMiddleware, in_flight=app.state.in_flight)
    app.add_middleware(
        BodyLimitMiddleware,
        default=settings.max_body_bytes,
        per_path={BATCH_PATH: settings.max_batch_body_bytes},
        timeout=settings.body_timeout,
    )
    app.add_middleware(CutRequestMiddleware)  # a request cut by shutdown: 503, not 500
    app.add_middleware(NotModifiedMiddleware)  # If-None-Match: inside HEAD, which runs as GET
    app.add_middleware(HeadAsGetMiddleware)
    app.add_middleware(NoStoreMiddleware)  # around every answer to a key, refusals too
    app.add_middleware(MetricsMiddleware)  # counts the refusals too, by route template
    app.add_middleware(RequestLogMiddleware)  # outermost: it logs the refusals too
    for router in (
        health_router,
        complaints_router,
        assignments_router,
        regions_router,
        categories_router,
        channels_router,
        units_router,
        holidays_router,
        stats_router,
        mirror_router,
        dedup_router,
        events_router,
        api_keys_router,
        open311_router,
        tracking_router,
        metrics_router,
        docs_router,
    ):
        app.include_router(router)
    return app
