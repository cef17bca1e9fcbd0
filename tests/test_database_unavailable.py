"""With the database unreachable, requests get 503 problem+json, never a 500, and the app still
starts."""

import logging
import socket

import httpx
import pytest

from app.kit import refcache
from app.kit.config import get_settings
from app.kit.db import create_engine
from app.kit.refcache import ReferenceCache
from app.main import create_app, init_state


def _closed_port() -> int:
    # A port nothing listens on: bind, read the number, close.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
async def unreachable_app():
    app = create_app(get_settings(), configure_logs=False)
    engine = create_engine(f"postgresql://postgres@127.0.0.1:{_closed_port()}/pintu", pool_size=1)
    init_state(app, engine)
    yield app
    await engine.dispose()


@pytest.fixture
async def unreachable_client(unreachable_app):
    transport = httpx.ASGITransport(app=unreachable_app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


@pytest.mark.parametrize("path", ["/readyz", "/v1/regions", "/v1/complaints", "/v1/stats/daily"])
async def test_requests_get_503_problem_while_the_database_is_down(unreachable_client, path):
    response = await unreachable_client.get(path, headers={"Authorization": "Bearer pintu_x"})
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"


async def test_liveness_does_not_depend_on_the_database(unreachable_client):
    assert (await unreachable_client.get("/healthz")).status_code == 200


async def test_the_app_starts_and_reference_data_waits_for_its_first_use(
    unreachable_app, unreachable_client, caplog
):
    caplog.set_level(logging.WARNING, logger="pintu.startup")
    refcache.clear_all()

    async with unreachable_app.router.lifespan_context(unreachable_app):
        assert (await unreachable_client.get("/healthz")).status_code == 200
        assert (await unreachable_client.get("/v1/regions")).status_code == 503

    holding = [
        c.name
        for c in refcache.registered()
        if (c.loaded if isinstance(c, ReferenceCache) else c.held)
    ]
    assert holding == []
    warnings = [r.getMessage() for r in caplog.records if r.name == "pintu.startup"]
    assert len(warnings) == 1
    assert warnings[0].startswith("reference data not read at start-up")
