"""`pintu deliver-events`: queue each subscription's events as deliveries, and deliver them,
signed, at least once, in order per complaint, with retries for up to three days.

Safe with several copies on several machines: queueing locks each subscription it works on, and
a delivery is claimed with its row locked (`FOR UPDATE SKIP LOCKED`) for the whole attempt, so no
two workers ever make the same attempt. The lock lives in the attempt's transaction: a worker
that dies mid-delivery (or a database restart) leaves the delivery pending, and it is sent again
— the receiver sees the same `webhook-id` twice and keeps one. One complaint's deliveries to one
subscription go one at a time in commit order: a delivery waits while an earlier one of the same
complaint is pending, retries included.
"""

from __future__ import annotations

import asyncio
import contextlib
import email.utils
import json
import logging
import random
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.auth import Principal
from app.events import repository, webhooks
from app.events.repository import FeedFilter
from app.events.service import event_out
from app.events.signing import signed_headers
from app.events.types import PING
from app.events.urls import (
    RefusedUrl,
    Resolver,
    names_not_resolved,
    system_resolver,
    target,
)
from app.kit.config import Settings
from app.kit.timeutil import now
from app.models import OutboxEvent, WebhookDelivery, WebhookSubscription
from app.models.roles import Role

logger = logging.getLogger("pintu.events")

USER_AGENT = "Pintu-Webhooks/1"
# Events queued for one subscription per pass.
FAN_OUT_BATCH = 1000


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """When a failed delivery is tried again: after each of `schedule` (seconds), then every
    last step, with `jitter` either way, and never sooner than the receiver's `Retry-After`;
    given up `give_up_after` seconds after it was queued. A subscription whose every attempt
    failed for `disable_after` seconds is turned off."""

    schedule: tuple[float, ...] = (5, 300, 1800, 7200, 18000, 36000)
    give_up_after: float = 3 * 86400
    disable_after: float = 3 * 86400
    jitter: float = 0.2
    max_retry_after: float = 86400

    def delay(self, attempt: int, retry_after: float | None, rng: random.Random) -> float:
        """Seconds before the next attempt, after `attempt` attempts failed."""
        step = self.schedule[min(attempt, len(self.schedule)) - 1]
        step *= 1 + rng.uniform(-self.jitter, self.jitter)
        if retry_after is not None:
            step = max(step, min(retry_after, self.max_retry_after))
        return step


def retry_after(response: httpx.Response, at: datetime) -> float | None:
    """Seconds the receiver asked to wait (`Retry-After`: seconds or an HTTP date)."""
    value = (response.headers.get("retry-after") or "").strip()
    if not value:
        return None
    if value.isascii() and value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return max(0.0, (when - at).total_seconds()) if when.tzinfo else None


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one attempt came to."""

    status_code: int | None
    latency_ms: int
    error: str | None
    retry_after: float | None = None

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


_MASKED = Principal(key_id=None, name="webhooks", role=Role.VIEWER)


def body_of(
    subscription: WebhookSubscription,
    delivery: WebhookDelivery,
    event: OutboxEvent | None,
    at: datetime,
) -> tuple[str, bytes]:
    """(webhook-id, JSON body): the event as the subscription's scope shows it, or a ping."""
    if event is None:
        payload: dict[str, Any] = {
            "id": str(delivery.id),
            "type": PING,
            "occurred_at": at.isoformat(),
            "object": None,
            "complaint_id": None,
            "data": {"subscription_id": str(subscription.id)},
        }
        return str(delivery.id), json.dumps(payload, separators=(",", ":")).encode()
    reader = _MASKED
    if subscription.unit_code is not None:
        reader = Principal(
            key_id=None, name="webhooks", role=Role.AGENCY, unit_code=subscription.unit_code
        )
    elif subscription.channel_code is not None:
        reader = Principal(
            key_id=None, name="webhooks", role=Role.CLIENT, channel_code=subscription.channel_code
        )
    out = event_out(event, reader)
    return str(event.id), out.model_dump_json().encode()


class Deliverer:
    """Queues and delivers; `run` loops until stopped, `run_once` does what is due now."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        http: httpx.AsyncClient,
        settings: Settings,
        *,
        resolve: Resolver = system_resolver,
        policy: RetryPolicy | None = None,
        clock: Callable[[], datetime] = now,
        rng: random.Random | None = None,
    ) -> None:
        self.sessions = sessions
        self.http = http
        self.settings = settings
        self.resolve = resolve
        self.policy = policy or RetryPolicy()
        self.clock = clock
        self.rng = rng or random.Random()  # noqa: S311 (jitter, not secrets)

    async def fan_out(self) -> int:
        """Queue, for every enabled subscription, the events committed since its last pass
        that it asked for and may see. How many deliveries were queued."""
        queued = 0
        async with self.sessions() as session, session.begin():
            last = await repository.head(session)
            after = None
            while batch := await repository.to_fan_out(session, after=after, limit=100):
                for subscription in batch:
                    queued += await self._queue(session, subscription, last)
                after = batch[-1].id
        return queued

    async def _queue(
        self, session: AsyncSession, subscription: WebhookSubscription, last: tuple[int, int]
    ) -> int:
        """Queue one subscription's events up to the last event committed, `last`."""
        every = webhooks.ALL_TYPES in subscription.event_types
        rows = await repository.feed(
            session,
            FeedFilter(
                after=(subscription.after_position, subscription.after_seq),
                until=last[0],
                unit_code=subscription.unit_code,
                channel_code=subscription.channel_code,
                types=[] if every else subscription.event_types,
            ),
            limit=FAN_OUT_BATCH,
        )
        at = self.clock()
        await repository.add_deliveries(
            session,
            [
                {
                    "id": uuid.uuid4(),
                    "subscription_id": subscription.id,
                    "event_seq": event.seq,
                    "event_type": event.type,
                    "complaint_id": event.complaint_id,
                    "position": position,
                    "seq": event.seq,
                    "status": "pending",
                    "attempts": 0,
                    "next_attempt_at": at,
                    "created_at": at,
                }
                for position, event in rows
            ],
        )
        place = (subscription.after_position, subscription.after_seq)
        if rows:
            place = (rows[-1][0], rows[-1][1].seq)
        if len(rows) < FAN_OUT_BATCH:
            # Every event up to `last` was read, those it does not get included.
            place = max(place, last)
        subscription.after_position, subscription.after_seq = place
        return len(rows)

    async def deliver_one(self) -> bool:
        """Claim one due delivery and attempt it; False when none is due."""
        async with self.sessions() as session, session.begin():
            at = self.clock()
            claimed = await repository.claim_due(session, at)
            if claimed is None:
                return False
            delivery, subscription, event = claimed
            outcome = await self._attempt(subscription, delivery, event, at)
            await self._record(session, subscription, delivery, outcome, at)
        return True

    async def _attempt(
        self,
        subscription: WebhookSubscription,
        delivery: WebhookDelivery,
        event: OutboxEvent | None,
        at: datetime,
    ) -> Outcome:
        started = time.perf_counter()

        def took() -> int:
            return round((time.perf_counter() - started) * 1000)

        try:
            where = await target(
                subscription.url,
                allow_private=self.settings.webhooks_may_reach_private,
                resolve=self.resolve if self.settings.webhook_resolve_names else names_not_resolved,
            )
        except RefusedUrl as exc:
            return Outcome(None, took(), f"not sent: {exc}"[:200])
        except Exception as exc:  # a resolver that failed otherwise: an attempt that failed
            return Outcome(None, took(), f"not sent: {type(exc).__name__} resolving the host")
        msg_id, body = body_of(subscription, delivery, event, at)
        headers = {
            "content-type": "application/json",
            "user-agent": USER_AGENT,
            "host": where.host_header(),
            **signed_headers(
                webhooks.secrets_of(subscription, at), msg_id, int(at.timestamp()), body
            ),
        }
        try:
            # The whole attempt within the timeout (httpx's own bounds each read, not the sum),
            # and the answer's body never read: only its status and headers matter.
            async with (
                asyncio.timeout(self.settings.webhook_timeout),
                self.http.stream(
                    "POST",
                    where.request_url(),
                    content=body,
                    headers=headers,
                    extensions=where.extensions(),
                ) as response,
            ):
                return Outcome(response.status_code, took(), None, retry_after(response, at))
        except (TimeoutError, httpx.TimeoutException):
            return Outcome(None, took(), "timed out")
        except httpx.HTTPError as exc:
            return Outcome(None, took(), f"{type(exc).__name__}: could not connect or send"[:200])

    async def _record(
        self,
        session: AsyncSession,
        subscription: WebhookSubscription,
        delivery: WebhookDelivery,
        outcome: Outcome,
        at: datetime,
    ) -> None:
        delivery.attempts += 1
        delivery.last_status_code = outcome.status_code
        delivery.last_latency_ms = outcome.latency_ms
        delivery.last_error = outcome.error
        await repository.add_attempt(
            session,
            {
                "delivery_id": delivery.id,
                "attempt": delivery.attempts,
                "attempted_at": at,
                "latency_ms": outcome.latency_ms,
                "status_code": outcome.status_code,
                "error": outcome.error,
                "succeeded": outcome.succeeded,
            },
        )
        if outcome.succeeded:
            delivery.status, delivery.finished_at = "delivered", at
            logger.info(
                "delivered %s to subscription %s (%d ms)",
                delivery.event_type,
                subscription.id,
                outcome.latency_ms,
            )
            # The subscription's row is written only to end a failure streak: healthy
            # deliveries in parallel lanes do not queue on it.
            if subscription.failure_streak or subscription.failing_since is not None:
                fresh = await repository.get_subscription(session, subscription.id, lock=True)
                if fresh is not None:  # None: deleted meanwhile
                    fresh.failure_streak, fresh.failing_since = 0, None
            return
        fresh = await repository.get_subscription(session, subscription.id, lock=True)
        if fresh is None:  # deleted meanwhile: its deliveries go with it
            return
        fresh.failure_streak += 1
        fresh.failing_since = fresh.failing_since or at
        wait = self.policy.delay(delivery.attempts, outcome.retry_after, self.rng)
        if at + timedelta(seconds=wait) > delivery.created_at + timedelta(
            seconds=self.policy.give_up_after
        ):
            delivery.status, delivery.finished_at = "failed", at
        else:
            delivery.next_attempt_at = at + timedelta(seconds=wait)
        if fresh.enabled and at - fresh.failing_since >= timedelta(
            seconds=self.policy.disable_after
        ):
            fresh.enabled = False
            fresh.disabled_reason = (
                f"every attempt failed since {fresh.failing_since.isoformat()} "
                f"({fresh.failure_streak} in a row); turn it on again when the receiver is back"
            )
            fresh.version += 1
            fresh.updated_at = at
            logger.warning("subscription %s disabled: %s", subscription.id, fresh.disabled_reason)
        logger.info(
            "delivery of %s to subscription %s failed (attempt %d: %s)%s",
            delivery.event_type,
            subscription.id,
            delivery.attempts,
            outcome.status_code or outcome.error,
            "; given up" if delivery.status == "failed" else f"; next in {wait:.0f} s",
        )

    async def run_once(self) -> int:
        """Queue new events, then deliver until nothing is due, `webhook_concurrency` at a
        time. How many attempts were made."""
        await self.fan_out()
        made = 0

        async def lane() -> None:
            nonlocal made
            while await self.deliver_one():
                made += 1

        # One lane failing (the database went away) stops the others, and the pass.
        async with asyncio.TaskGroup() as lanes:
            for _ in range(self.settings.webhook_concurrency):
                lanes.create_task(lane())
        return made

    async def run(self, stop: asyncio.Event) -> None:
        """Until `stop` is set: work, then wait `webhook_poll_interval` when idle."""
        while not stop.is_set():
            try:
                made = await self.run_once()
            except Exception:
                # The database went away, say: keep the worker alive and try again.
                logger.exception("event delivery pass failed; retrying")
                made = 0
            if made == 0:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), self.settings.webhook_poll_interval)


def http_client(settings: Settings) -> httpx.AsyncClient:
    """The client deliveries go out on: no redirects followed (a redirect could point
    anywhere), no proxy from the environment, bounded in time, and no connection kept for the
    next delivery: connections are pooled by address, so another receiver's name on the same
    address would get this one's connection, its certificate never checked."""
    return httpx.AsyncClient(
        follow_redirects=False,
        trust_env=False,
        timeout=settings.webhook_timeout,
        limits=httpx.Limits(
            max_connections=settings.webhook_concurrency * 2, max_keepalive_connections=0
        ),
    )
