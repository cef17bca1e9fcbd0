"""`/metrics`: the text parses, requests count under their route template, the histogram
counts, the assignment gauges equal the database, and only an admin key (or the separate
listener) gets it."""

from __future__ import annotations

import socket
import uuid

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import func, select

from app.assignments import escalation_summary, service as assignments_service
from app.kit.config import get_settings
from app.kit.db import create_engine
from app.main import create_app, init_state
from app.metrics.middleware import UNMATCHED
from app.models import Assignment
from app.models.assignment import ACTIVE
from app.models.roles import Role
from tests.assignments.test_escalation import _seed_overdue
from tests.assignments.test_lifecycle import GAMBIR_OFFICE, assign
from tests.factories import create_complaint

Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


def parse(text: str) -> Samples:
    """Every sample of the exposition, by name and labels (prometheus_client's own parser)."""
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def value(samples: Samples, name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


async def scrape(client: httpx.AsyncClient, headers: dict[str, str]) -> Samples:
    response = await client.get("/metrics", headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain; version=0.0.4")
    return parse(response.text)


async def test_the_exposition_parses_and_names_every_family(client, auth):
    samples = await scrape(client, auth(Role.ADMIN))

    names = {name for name, _ in samples}
    assert {
        "pintu_database_up",
        "pintu_db_pool_size",
        "pintu_db_pool_max",
        "pintu_db_pool_checked_out",
        "pintu_db_pool_overflow",
        "pintu_jaki_sync_state",
        "pintu_jaki_sync_failures_total",
        "pintu_assignments_open",
        "pintu_assignments_overdue",
    } <= names
    assert value(samples, "pintu_database_up") == 1
    # The test app has no feed URL: one state is current, and it is that one.
    states = {
        dict(labels)["state"]: v
        for (name, labels), v in samples.items()
        if name == "pintu_jaki_sync_state"
    }
    assert states == {"ok": 0, "stale": 0, "failing": 0, "not_configured": 1}
    # Two connections per pool in the tests' engine (tests/conftest.py), doubled for overflow.
    assert value(samples, "pintu_db_pool_size") == 2
    assert value(samples, "pintu_db_pool_max") == 4
    assert value(samples, "pintu_db_pool_checked_out") >= 1  # this request's


async def test_a_request_counts_under_its_route_template_and_status(client, auth):
    admin = auth(Role.ADMIN)
    ref = f"WI-2026-{uuid.uuid4().int % 10**6:06d}"
    before = await scrape(client, admin)

    for _ in range(3):
        assert (await client.get(f"/v1/complaints/{ref}", headers=admin)).status_code == 404
    assert (await client.get("/v1/regions/31")).status_code == 200
    assert (await client.head("/v1/regions/31")).status_code == 200
    assert (await client.get(f"/v1/nowhere/{ref}")).status_code == 404
    assert (await client.get("/v1/complaints")).status_code == 401
    after = await scrape(client, admin)

    def delta(**labels: str) -> float:
        name = "http_requests_total"
        return value(after, name, **labels) - value(before, name, **labels)

    assert delta(method="GET", route="/v1/complaints/{ref}", status="404") == 3
    assert delta(method="GET", route="/v1/regions/{code}", status="200") == 1
    # A HEAD runs as a GET on a copy of the request: still its own method, same template.
    assert delta(method="HEAD", route="/v1/regions/{code}", status="200") == 1
    assert delta(method="GET", route=UNMATCHED, status="404") == 1
    assert delta(method="GET", route="/v1/complaints", status="401") == 1
    # No label ever carries a path's values.
    assert not [labels for _, labels in after if any(ref in v for _, v in labels)]


async def test_the_latency_histogram_counts_each_request_once(client, auth):
    admin = auth(Role.ADMIN)
    labels = {"method": "GET", "route": "/v1/categories/{code}"}
    before = await scrape(client, admin)

    for code in ("jalan", "nowhere", "banjir", "sampah"):
        await client.get(f"/v1/categories/{code}")
    after = await scrape(client, admin)

    def delta(name: str, **more: str) -> float:
        return value(after, name, **labels, **more) - value(before, name, **labels, **more)

    assert delta("http_request_duration_seconds_count") == 4
    assert delta("http_request_duration_seconds_bucket", le="+Inf") == 4
    assert delta("http_request_duration_seconds_bucket", le="30.0") == 4
    assert 0 < delta("http_request_duration_seconds_sum") < 30 * 4
    # Buckets are cumulative.
    buckets = [
        value(after, "http_request_duration_seconds_bucket", **labels, le=le)
        for le in ("0.005", "0.05", "0.5", "5.0", "+Inf")
    ]
    assert buckets == sorted(buckets)


async def test_assignment_gauges_equal_the_open_and_overdue_assignments(client, auth, session):
    desk = auth(Role.DESK)
    for late in (True, True, False):
        complaint = await create_complaint(client, desk)
        dates = {"respond_by": "2026-01-05", "finish_by": "2026-01-12"} if late else {}
        await assign(client, desk, complaint["id"], **dates)

    samples = await scrape(client, auth(Role.ADMIN))

    open_count = await session.scalar(
        select(func.count()).where(
            Assignment.unit_code == GAMBIR_OFFICE, Assignment.status.in_(ACTIVE)
        )
    )
    assert open_count == 3
    assert value(samples, "pintu_assignments_open", unit=GAMBIR_OFFICE) == 3
    assert value(samples, "pintu_assignments_overdue", unit=GAMBIR_OFFICE) == 2
    # Every unit has its series (zeros too): the labels are the units, a bounded set.
    units = {dict(labels)["unit"] for name, labels in samples if name == "pintu_assignments_open"}
    assert GAMBIR_OFFICE in units and "kecamatan-31.71.01" in units
    assert value(samples, "pintu_assignments_open", unit="kecamatan-31.71.01") == 0


@pytest.mark.parametrize("role", [None, *[r for r in Role if r is not Role.ADMIN]])
async def test_metrics_are_refused_without_an_admin_key(client, auth, role):
    headers = auth(role) if role else {}
    response = await client.get("/metrics", headers=headers)

    assert response.status_code == (401 if role is None else 403)
    assert response.headers["content-type"] == "application/problem+json"
    assert "http_requests_total" not in response.text


async def test_an_escalation_run_shows_from_the_database(own_database):
    await _seed_overdue(own_database.app.state.session_factory, 3)
    admin = own_database.auth(Role.ADMIN)
    before = await scrape(own_database.client, admin)
    assert value(before, "pintu_escalation_runs_total") == 0  # never ran: not shown

    escalated = await assignments_service.escalate_all_overdue(
        own_database.app.state.session_factory
    )
    samples = await scrape(own_database.client, admin)

    assert escalated == 3
    assert value(samples, "pintu_escalation_runs_total") == 1
    assert value(samples, "pintu_escalation_escalated_total") == 3
    assert value(samples, "pintu_escalation_failures_total") == 0
    assert value(samples, "pintu_escalation_last_run_escalated") == 3
    assert value(samples, "pintu_escalation_last_run_timestamp_seconds") > 0
    assert value(samples, "pintu_assignments_overdue", unit=GAMBIR_OFFICE) == 0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def test_the_separate_listener_serves_metrics_without_a_key(own_database):
    port = _free_port()
    settings = get_settings().model_copy(update={"metrics_port": port, "metrics_host": "127.0.0.1"})
    app = create_app(settings, configure_logs=False)
    engine = create_engine(own_database.url, pool_size=3)
    init_state(app, engine)
    api_transport = httpx.ASGITransport(app=app)
    try:
        async with (
            app.router.lifespan_context(app),
            httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http,
            httpx.AsyncClient(transport=api_transport, base_url="http://test") as api,
        ):
            scraped = await http.get("/metrics")
            elsewhere = await http.get("/v1/complaints")
            head = await http.head("/metrics")
            refused = await api.get("/metrics")  # the API's port still wants an admin key
    finally:
        await engine.dispose()

    assert scraped.status_code == 200
    samples = parse(scraped.text)
    assert value(samples, "pintu_database_up") == 1
    assert value(samples, "pintu_db_pool_size") >= 3
    assert elsewhere.status_code == 404
    assert (head.status_code, head.content) == (200, b"")
    assert refused.status_code == 401


async def test_a_scrape_answers_while_the_database_is_down():
    """The processes' own instruments are served, with pintu_database_up 0, never an error."""
    port = _free_port()
    settings = get_settings().model_copy(update={"metrics_port": port, "metrics_host": "127.0.0.1"})
    app = create_app(settings, configure_logs=False)
    engine = create_engine(f"postgresql://postgres@127.0.0.1:{_free_port()}/pintu", pool_size=1)
    init_state(app, engine)
    try:
        async with (
            app.router.lifespan_context(app),
            httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http,
        ):
            scraped = await http.get("/metrics")
    finally:
        await engine.dispose()

    assert scraped.status_code == 200
    samples = parse(scraped.text)
    assert value(samples, "pintu_database_up") == 0
    assert "pintu_assignments_open" not in {name for name, _ in samples}
    assert "http_requests_total" in {name for name, _ in samples}


async def test_a_failed_escalation_run_is_counted_and_keeps_the_last_good_one(
    own_database, monkeypatch
):
    sessions = own_database.app.state.session_factory
    await assignments_service.escalate_all_overdue(sessions)  # a good run, nothing to do

    async def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(assignments_service, "escalate_overdue_batch", broken)
    with pytest.raises(RuntimeError):
        await assignments_service.escalate_all_overdue(sessions)
    async with sessions() as session:
        summary = await escalation_summary(session)

    assert summary is not None
    assert (summary.runs, summary.failures, summary.escalated) == (2, 1, 0)
    assert summary.last_finished_at is not None and summary.last_escalated == 0
    assert summary.last_started_at > summary.last_finished_at  # the failed one began later
