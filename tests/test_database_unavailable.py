"""With the database unreachable, requests get 503 problem+json, never a 500."""

import socket

import httpx
import pytest

from app.kit.config import get_settings
from app.kit.db import create_engine
from app.main import create_app, init_state


def _closed_port() -> int:
    # A port nothing listens on: bind, read the number, close.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
async def unreachable_client():
    app = create_app(get_settings(), configure_logs=False)
    engine = create_engine(f"postgresql://postgres@127.0.0.1:{_closed_port()}/pintu", pool_size=1)
    init_state(app, engine)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client
    await engine.dispose()


@pytest.mark.parametrize("path", ["/readyz", "/v1/regions", "/v1/complaints", "/v1/stats/daily"])
async def test_requests_get_503_problem_while_the_database_is_down(unreachable_client, path):
    response = await unreachable_client.get(path, headers={"Authorization": "Bearer pintu_x"})
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"


async def test_liveness_does_not_depend_on_the_database(unreachable_client):
    assert (await unreachable_client.get("/healthz")).status_code == 200
