"""Tokens that are no key write nothing, and a flood of them is refused without reading keys."""

import secrets
from datetime import UTC, datetime

import httpx
import pytest
from sqlalchemy import func, select

from app.kit.config import get_settings
from app.kit.errors import TooManyRequests
from app.models import RateLimitWindow
from app.models.roles import Role
from app.ratelimit import invalid_keys
from tests.statements import statements_sent

LIMIT = get_settings().invalid_keys_per_minute


def _random_token() -> dict[str, str]:
    return {"Authorization": f"Bearer pintu_{secrets.token_urlsafe(32)}"}


async def _windows(own_database) -> int:
    async with own_database.engine.connect() as conn:
        return int(await conn.scalar(select(func.count()).select_from(RateLimitWindow)) or 0)


async def test_random_tokens_write_no_rate_limit_rows(own_database):
    before = await _windows(own_database)

    for _ in range(LIMIT):
        response = await own_database.client.get("/v1/complaints", headers=_random_token())
        assert response.status_code == 401

    assert await _windows(own_database) == before


async def test_a_flood_of_invalid_keys_is_refused_without_reading_keys(
    own_database, workers, one_minute
):
    worker = await workers()
    viewer = own_database.auth(Role.VIEWER)
    assert (await worker.client.get("/v1/complaints", headers=viewer)).status_code == 200
    async with one_minute(needs=10):  # the counts are per minute
        for _ in range(LIMIT):
            response = await worker.client.get("/v1/complaints", headers=_random_token())
            assert response.status_code == 401

        with statements_sent(worker.engine) as sent:
            flooded = await worker.client.get("/v1/complaints", headers=_random_token())
        also_refused = await worker.client.get(
            "/v1/complaints", headers={"Authorization": "Bearer pintu_not-a-key"}
        )
        known = await worker.client.get("/v1/complaints", headers=viewer)

    assert flooded.status_code == 429
    assert flooded.headers["content-type"] == "application/problem+json"
    assert 1 <= int(flooded.headers["retry-after"]) <= 60
    # Refused before any key is looked up. (The background write of the viewer key's last use,
    # app.server.bookkeeping, may land in the same moment: it reads no key.)
    lookups = [s for s in sent if "api_keys" in s and not s.startswith("UPDATE api_keys")]
    assert lookups == []
    assert also_refused.status_code == 429
    assert known.status_code == 200  # a key the worker knows still passes from that address


async def test_invalid_keys_are_counted_per_client_address(own_database):
    app = own_database.app
    for _ in range(LIMIT):
        assert (
            await own_database.client.get("/v1/complaints", headers=_random_token())
        ).status_code == 401

    elsewhere = httpx.ASGITransport(app=app, raise_app_exceptions=False, client=("10.1.2.3", 5000))
    async with httpx.AsyncClient(transport=elsewhere, base_url="http://test") as other:
        response = await other.get("/v1/complaints", headers=_random_token())

    assert response.status_code == 401  # another address has its own count


async def test_a_key_seen_valid_passes_a_flooded_address_even_when_not_cached(
    own_database, one_minute
):
    # This app has no key cache running: every request reads its key.
    client = own_database.client
    viewer, desk = own_database.auth(Role.VIEWER), own_database.auth(Role.DESK)
    assert (await client.get("/v1/complaints", headers=viewer)).status_code == 200
    async with one_minute(needs=10):  # the counts are per minute
        for _ in range(LIMIT):
            response = await client.get("/v1/complaints", headers=_random_token())
            assert response.status_code == 401

        vouched = await client.get("/v1/complaints", headers=viewer)
        unknown_here = await client.get("/v1/complaints", headers=desk)

    assert vouched.status_code == 200
    assert unknown_here.status_code == 429  # a valid key this worker has not seen waits too


def test_past_the_addresses_counted_in_a_minute_new_ones_are_not_refused(monkeypatch):
    monkeypatch.setattr(invalid_keys, "MAX_ADDRESSES", 2)
    counts = invalid_keys.InvalidKeys(limit=1)
    at = datetime.now(UTC)
    for address in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):
        counts.failed(address, at)

    with pytest.raises(TooManyRequests):
        counts.check("10.0.0.1", b"unknown", at)
    counts.check("10.0.0.3", b"unknown", at)  # not counted, so not refused with the others
