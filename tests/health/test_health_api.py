"""Health probes, request ids, and problem+json for paths and methods that do not exist."""

import pytest

from app.kit.migrate import head_revision

PROBLEM_JSON = "application/problem+json"


async def test_healthz_says_ok(client):
    response = await client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body.get("schema_revision") is None  # liveness does not touch the database


async def test_readyz_reports_the_head_schema_revision(client):
    response = await client.get("/readyz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ready"
    assert body["schema_revision"] == head_revision()


@pytest.mark.parametrize(
    "path", ["/healthz", "/readyz", "/v1/regions/31", "/v1/regions/abc", "/nowhere"]
)
async def test_every_response_carries_a_request_id(client, path):
    first = await client.get(path)
    second = await client.get(path)

    assert first.headers["x-request-id"]
    assert second.headers["x-request-id"]
    assert first.headers["x-request-id"] != second.headers["x-request-id"]


@pytest.mark.parametrize("request_id", ["desk-42", "A.b_C-9", "x" * 64])
async def test_a_sane_incoming_request_id_is_echoed(client, request_id):
    response = await client.get("/healthz", headers={"X-Request-ID": request_id})

    assert response.headers["x-request-id"] == request_id


@pytest.mark.parametrize(
    "request_id",
    [
        pytest.param("x" * 200, id="200-chars"),
        pytest.param("x" * 65, id="65-chars"),
        pytest.param("desk 42", id="space"),
        pytest.param("desk/42", id="slash"),
        pytest.param("<script>", id="markup"),
        pytest.param("", id="empty"),
    ],
)
async def test_an_unreasonable_request_id_is_replaced(client, request_id):
    response = await client.get("/healthz", headers={"X-Request-ID": request_id})

    echoed = response.headers["x-request-id"]
    assert echoed != request_id
    assert 1 <= len(echoed) <= 64
    assert echoed.replace("-", "").replace("_", "").replace(".", "").isalnum()


async def test_a_problem_carries_the_request_id_it_was_answered_under(client):
    response = await client.get("/v1/regions/abc", headers={"X-Request-ID": "desk-42"})

    assert response.status_code == 422
    assert response.headers["x-request-id"] == "desk-42"
    assert response.json()["request_id"] == "desk-42"


async def test_unknown_path_is_404_problem(client):
    response = await client.get("/v1/nowhere")

    assert response.status_code == 404
    assert response.headers["content-type"] == PROBLEM_JSON
    problem = response.json()
    assert problem["status"] == 404
    assert problem["title"] == "Not found"
    assert problem["type"].endswith("/not-found")
    assert problem["instance"] == "/v1/nowhere"


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("DELETE", "/v1/regions", {"GET", "HEAD"}),
        ("GET", "/v1/complaints/WI-2026-000001/status", {"POST"}),
        ("PUT", "/v1/categories/jalan", {"GET", "HEAD"}),
        ("POST", "/healthz", {"GET", "HEAD"}),
        ("POST", "/v1/stats/daily", {"GET", "HEAD"}),
    ],
)
async def test_wrong_method_is_405_problem(client, method, path, allowed):
    response = await client.request(method, path)

    assert response.status_code == 405
    assert response.headers["content-type"] == PROBLEM_JSON
    problem = response.json()
    assert problem["status"] == 405
    assert problem["type"].endswith("/method-not-allowed")
    assert problem["title"] == "Method not allowed"
    assert {m.strip() for m in response.headers["allow"].split(",")} == allowed


async def test_405_allow_header_lists_every_method_of_the_path(client):
    response = await client.delete("/v1/channels")

    assert response.status_code == 405
    assert {m.strip() for m in response.headers["allow"].split(",")} == {"GET", "HEAD", "POST"}
