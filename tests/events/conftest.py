"""A database of the test's own with loopback receivers allowed, a receiver, and a deliverer
whose clock the test moves."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest

from app.events.delivery import Deliverer, RetryPolicy, http_client
from app.kit.timeutil import now
from app.models.roles import Role
from tests.events.receiver import Receiver


@dataclass
class Clock:
    """The time, moved forward by the test (retries wait for it)."""

    ahead: timedelta = field(default_factory=timedelta)

    def __call__(self) -> datetime:
        return now() + self.ahead

    def advance(self, seconds: float) -> None:
        self.ahead += timedelta(seconds=seconds)


@dataclass
class Hooks:
    own: Any
    clock: Clock
    http: httpx.AsyncClient

    def deliverer(self, policy: RetryPolicy | None = None, **settings: Any) -> Deliverer:
        changed = self.own.app.state.settings.model_copy(update=settings)
        return Deliverer(
            self.own.app.state.session_factory,
            self.http,
            changed,
            policy=policy,
            clock=self.clock,
            rng=random.Random(7),
        )

    async def subscribe(
        self, url: str, *, role: Role = Role.ADMIN, headers: dict[str, str] | None = None, **body
    ) -> dict[str, Any]:
        response = await self.own.client.post(
            "/v1/webhooks",
            json={"url": url, "event_types": ["*"], **body},
            headers=headers or self.own.auth(role),
        )
        assert response.status_code == 201, response.text
        return dict(response.json())

    async def deliveries(self, subscription: dict[str, Any], **params: Any) -> list[dict]:
        response = await self.own.client.get(
            f"/v1/webhooks/{subscription['id']}/deliveries",
            params={"limit": 100, **params},
            headers=self.own.auth(Role.ADMIN),
        )
        assert response.status_code == 200, response.text
        return list(response.json()["items"])


@pytest.fixture
async def hooks(own_database) -> AsyncIterator[Hooks]:
    own_database.change_settings(webhook_allow_private=True, webhook_timeout=2.0)
    own_database.allow_in_flight(20)
    async with http_client(own_database.app.state.settings) as http:
        yield Hooks(own_database, Clock(), http)


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    found = Receiver()
    await found.start()
    yield found
    await found.stop()
