"""Webhooks on committed data: a real HTTP receiver gets each event signed (verified with the
Standard Webhooks library), scoped like its subscription, in order per complaint, again after
it failed, once per attempt however many workers run."""

from __future__ import annotations

import asyncio
import uuid

import pytest
from sqlalchemy import text
from standardwebhooks import Webhook

from app.events.delivery import RetryPolicy
from app.models.roles import Role
from tests.events.receiver import Answer, Receiver
from tests.factories import walk_in_body

SITI_NIK = "3171014505900002"


async def record(own, **overrides) -> dict:
    response = await own.client.post(
        "/v1/complaints", json=walk_in_body(**overrides), headers=own.auth(Role.DESK)
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


async def assign(own, complaint_id: str, unit_code: str = "kelurahan-31.71.01.1001") -> dict:
    response = await own.client.post(
        f"/v1/complaints/{complaint_id}/assignments",
        json={"unit_code": unit_code},
        headers=own.auth(Role.DESK),
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


async def test_events_arrive_signed_and_verify_with_the_standard_library(hooks, receiver):
    subscription = await hooks.subscribe(receiver.url)
    assert subscription["secret"].startswith("whsec_")
    complaint = await record(hooks.own)

    assert await hooks.deliverer().run_once() == 1

    [got] = receiver.received
    payload = Webhook(subscription["secret"]).verify(got.body, got.headers)
    assert payload["type"] == "complaint.created"
    assert payload["data"]["id"] == complaint["id"]
    assert got.headers["webhook-id"] == payload["id"]
    assert got.headers["content-type"] == "application/json"
    # An admin's subscription gets personal data masked.
    assert payload["data"]["complainant"]["masked"] is True
    assert SITI_NIK not in got.body.decode()
    [delivery] = await hooks.deliveries(subscription)
    assert delivery["status"] == "delivered"
    assert (delivery["attempts"], delivery["last_status_code"]) == (1, 200)
    assert delivery["event_id"] == payload["id"]
    assert delivery["last_latency_ms"] >= 0


async def test_a_wrong_secret_does_not_verify(hooks, receiver):
    await hooks.subscribe(receiver.url)
    await record(hooks.own)
    await hooks.deliverer().run_once()
    [got] = receiver.received
    other = Webhook("whsec_" + "A" * 43 + "=")
    with pytest.raises(Exception, match="signature"):
        other.verify(got.body, got.headers)


async def test_only_the_types_asked_for(hooks, receiver):
    await hooks.subscribe(receiver.url, event_types=["assignment.created"])
    complaint = await record(hooks.own)
    await assign(hooks.own, complaint["id"])
    await hooks.deliverer().run_once()
    assert receiver.types() == ["assignment.created"]


async def test_an_agency_subscription_gets_only_its_units_events_unmasked(hooks, receiver):
    own = hooks.own
    other = Receiver()
    await other.start()
    try:
        ours = await hooks.subscribe(receiver.url, role=Role.AGENCY)
        assert ours["unit_code"] == "kelurahan-31.71.01.1001"
        admins = await hooks.subscribe(other.url)
        mine = await record(own)
        theirs = await record(own)
        await assign(own, mine["id"])
        await assign(own, theirs["id"], unit_code="kelurahan-31.71.01.1002")

        await hooks.deliverer().run_once()

        got = [r.json for r in receiver.received]
        assert {g["complaint_id"] for g in got} == {mine["id"]}
        assert [g["type"] for g in got] == ["assignment.created", "complaint.status_changed"]
        assert got[1]["data"]["complainant"]["nik"] == SITI_NIK
        for r in receiver.received:
            Webhook(ours["secret"]).verify(r.body, r.headers)
        # The admin's subscription heard of both complaints, masked.
        assert {r.json["complaint_id"] for r in other.received} == {mine["id"], theirs["id"]}
        assert SITI_NIK not in b"".join(r.body for r in other.received).decode()
        assert admins["unit_code"] is None
    finally:
        await other.stop()


async def test_a_client_subscription_gets_only_its_channels_events_masked(hooks, receiver):
    own = hooks.own
    ours = await hooks.subscribe(receiver.url, role=Role.CLIENT)
    assert ours["channel_code"] == "whatsapp"
    response = await own.client.post(
        "/v1/complaints", json=walk_in_body(category="jalan"), headers=own.auth(Role.CLIENT)
    )
    assert response.status_code == 201, response.text
    mine = response.json()
    theirs = await record(own)  # the desk's walk-in: another channel
    await assign(own, theirs["id"])

    await hooks.deliverer().run_once()

    got = [r.json for r in receiver.received]
    assert [(g["type"], g["complaint_id"]) for g in got] == [("complaint.created", mine["id"])]
    assert got[0]["data"]["complainant"]["masked"] is True
    assert SITI_NIK not in b"".join(r.body for r in receiver.received).decode()
    Webhook(ours["secret"]).verify(receiver.received[0].body, receiver.received[0].headers)
    # Its key revoked, the subscription stops.
    revoked = await own.client.post(
        f"/v1/api-keys/{own.key_ids[Role.CLIENT]}/revoke", headers=own.auth(Role.ADMIN)
    )
    assert revoked.status_code == 200, revoked.text
    later = await own.client.post(
        "/v1/complaints",
        json=walk_in_body(channel="whatsapp", category="jalan"),
        headers=own.auth(Role.ADMIN),
    )
    assert later.status_code == 201, later.text  # no app holds the channel any more
    await hooks.deliverer().run_once()
    assert len(receiver.received) == 1


async def test_a_failing_receiver_gets_the_event_later_with_the_same_id(hooks):
    receiver = Receiver(Answer(500), Answer(503), default=Answer(200))
    await receiver.start()
    try:
        subscription = await hooks.subscribe(receiver.url)
        await record(hooks.own)
        deliverer = hooks.deliverer()

        await deliverer.run_once()
        [delivery] = await hooks.deliveries(subscription)
        assert (delivery["status"], delivery["last_status_code"]) == ("pending", 500)
        await deliverer.run_once()  # not due yet: nothing is sent
        assert len(receiver.received) == 1

        hooks.clock.advance(10)  # past the first retry (5 s, jitter 20%)
        await deliverer.run_once()
        hooks.clock.advance(400)  # past the second (5 min)
        await deliverer.run_once()

        assert len(set(receiver.ids())) == 1 and len(receiver.ids()) == 3
        detail = await hooks.own.client.get(
            f"/v1/webhooks/{subscription['id']}/deliveries/{delivery['id']}",
            headers=hooks.own.auth(Role.ADMIN),
        )
        log = detail.json()["attempt_log"]
        assert [(a["attempt"], a["status_code"], a["succeeded"]) for a in log] == [
            (1, 500, False),
            (2, 503, False),
            (3, 200, True),
        ]
        assert detail.json()["status"] == "delivered"
    finally:
        await receiver.stop()


async def test_retry_after_is_respected(hooks):
    receiver = Receiver(Answer(429, headers={"Retry-After": "3600"}))
    await receiver.start()
    try:
        subscription = await hooks.subscribe(receiver.url)
        await record(hooks.own)
        deliverer = hooks.deliverer()
        await deliverer.run_once()
        hooks.clock.advance(600)  # the schedule alone would have tried again by now
        await deliverer.run_once()
        assert len(receiver.received) == 1
        hooks.clock.advance(3100)
        await deliverer.run_once()
        assert len(receiver.received) == 2
        [delivery] = await hooks.deliveries(subscription)
        assert delivery["status"] == "delivered"
    finally:
        await receiver.stop()


async def test_a_receiver_that_is_down_or_slow_gets_the_event_later(hooks):
    receiver = Receiver(Answer(200, delay=1.5))
    await receiver.start()
    port = receiver.port
    await receiver.stop()  # down: nothing listens on its port
    subscription = await hooks.subscribe(f"http://127.0.0.1:{port}/hooks/pintu")
    await record(hooks.own)
    deliverer = hooks.deliverer(webhook_timeout=0.5)

    await deliverer.run_once()
    [delivery] = await hooks.deliveries(subscription)
    assert delivery["last_status_code"] is None
    assert "could not connect" in delivery["last_error"]

    slow = Receiver(Answer(200, delay=1.5))
    slow.port = port
    slow._server = await asyncio.start_server(slow._serve, "127.0.0.1", port)
    try:
        hooks.clock.advance(10)
        await deliverer.run_once()
        [delivery] = await hooks.deliveries(subscription)
        assert delivery["last_error"] == "timed out"
        hooks.clock.advance(400)
        await deliverer.run_once()
        [delivery] = await hooks.deliveries(subscription)
        assert delivery["status"] == "delivered"
        assert len(set(slow.ids())) == 1
    finally:
        await slow.stop()


async def test_one_complaints_events_wait_for_an_earlier_one_that_failed(hooks):
    receiver = Receiver(Answer(500), default=Answer(200))
    await receiver.start()
    try:
        await hooks.subscribe(receiver.url)
        first = await record(hooks.own)
        other = await record(hooks.own)
        await assign(hooks.own, first["id"])  # two more events of the first complaint
        deliverer = hooks.deliverer(webhook_concurrency=1)

        await deliverer.run_once()
        # The first event failed: the first complaint's later ones wait; the other's goes.
        sent = [(r.json["complaint_id"], r.json["type"]) for r in receiver.received]
        assert sent == [(first["id"], "complaint.created"), (other["id"], "complaint.created")]

        hooks.clock.advance(10)
        await deliverer.run_once()
        order = [r.json["type"] for r in receiver.received if r.json["complaint_id"] == first["id"]]
        assert order == [
            "complaint.created",
            "complaint.created",
            "assignment.created",
            "complaint.status_changed",
        ]
    finally:
        await receiver.stop()


async def test_two_workers_never_make_one_attempt_twice(hooks):
    receiver = Receiver(default=Answer(200, delay=0.02))
    await receiver.start()
    try:
        await hooks.subscribe(receiver.url)
        for _ in range(12):
            await record(hooks.own)
        one, two = hooks.deliverer(), hooks.deliverer()

        made = await asyncio.gather(one.run_once(), two.run_once(), one.run_once())

        assert sum(made) == 12
        assert len(receiver.ids()) == len(set(receiver.ids())) == 12
        async with hooks.own.app.state.session_factory() as session:
            attempts = await session.scalar(text("SELECT count(*) FROM webhook_attempts"))
        assert attempts == 12
    finally:
        await receiver.stop()


async def test_a_delivery_failing_for_the_whole_window_is_given_up(hooks):
    receiver = Receiver(default=Answer(500))
    await receiver.start()
    try:
        subscription = await hooks.subscribe(receiver.url)
        await record(hooks.own)
        policy = RetryPolicy(schedule=(5,), give_up_after=30, disable_after=1000, jitter=0)
        deliverer = hooks.deliverer(policy)
        for _ in range(8):
            await deliverer.run_once()
            hooks.clock.advance(6)

        [delivery] = await hooks.deliveries(subscription)
        assert delivery["status"] == "failed"
        assert delivery["finished_at"] is not None and delivery["next_attempt_at"] is None
        # At 0, 6, 12, 18, 24 and 30 s; after the last, a retry would fall past 30 s.
        assert delivery["attempts"] == len(receiver.received) == 6
    finally:
        await receiver.stop()


async def test_a_subscription_failing_too_long_is_turned_off_until_turned_on(hooks):
    receiver = Receiver(default=Answer(500))
    await receiver.start()
    try:
        subscription = await hooks.subscribe(receiver.url)
        await record(hooks.own)
        policy = RetryPolicy(schedule=(5,), give_up_after=1000, disable_after=20, jitter=0)
        deliverer = hooks.deliverer(policy)
        for _ in range(6):
            await deliverer.run_once()
            hooks.clock.advance(6)

        url = f"/v1/webhooks/{subscription['id']}"
        shown = (await hooks.own.client.get(url, headers=hooks.own.auth(Role.ADMIN))).json()
        assert shown["enabled"] is False
        assert "every attempt failed" in shown["disabled_reason"]
        # Off after the attempt at 24 s, the first 20 s into the streak: no more attempts.
        assert shown["failure_streak"] == len(receiver.received) == 5

        # Off: its events wait, queued or not. Turned on by hand, they go.
        receiver.default = Answer(200)
        await record(hooks.own)
        await deliverer.run_once()
        assert len(receiver.received) == 5
        turned_on = await hooks.own.client.patch(
            url, json={"enabled": True}, headers=hooks.own.auth(Role.ADMIN)
        )
        assert turned_on.status_code == 200, turned_on.text
        assert (turned_on.json()["enabled"], turned_on.json()["failure_streak"]) == (True, 0)
        await deliverer.run_once()
        assert len(receiver.received) == 7
        assert {d["status"] for d in await hooks.deliveries(subscription)} == {"delivered"}
    finally:
        await receiver.stop()


async def test_a_rotated_secret_signs_beside_the_new_one(hooks, receiver):
    subscription = await hooks.subscribe(receiver.url)
    rotated = await hooks.own.client.post(
        f"/v1/webhooks/{subscription['id']}/rotate-secret", headers=hooks.own.auth(Role.ADMIN)
    )
    assert rotated.status_code == 200, rotated.text
    new = rotated.json()["secret"]
    assert new != subscription["secret"]
    await record(hooks.own)
    await hooks.deliverer().run_once()

    [got] = receiver.received
    assert len(got.headers["webhook-signature"].split(" ")) == 2
    for secret in (subscription["secret"], new):
        Webhook(secret).verify(got.body, got.headers)


async def test_a_ping_and_a_redelivery(hooks, receiver):
    subscription = await hooks.subscribe(receiver.url)
    base = f"/v1/webhooks/{subscription['id']}"
    admin = hooks.own.auth(Role.ADMIN)
    ping = await hooks.own.client.post(f"{base}/ping", headers=admin)
    assert ping.status_code == 202, ping.text
    assert (ping.json()["event_type"], ping.json()["status"]) == ("webhook.ping", "pending")
    await record(hooks.own)
    deliverer = hooks.deliverer()
    await deliverer.run_once()
    assert sorted(receiver.types()) == ["complaint.created", "webhook.ping"]
    for r in receiver.received:
        Webhook(subscription["secret"]).verify(r.body, r.headers)

    event_delivery = next(d for d in await hooks.deliveries(subscription) if d["event_id"])
    again = await hooks.own.client.post(
        f"{base}/deliveries/{event_delivery['id']}/redeliver", headers=admin
    )
    assert again.status_code == 202, again.text
    assert again.json()["redelivery_of"] == event_delivery["id"]
    await deliverer.run_once()
    event_ids = [
        r.headers["webhook-id"] for r in receiver.received if r.json["type"] != "webhook.ping"
    ]
    assert event_ids == [event_delivery["event_id"]] * 2


async def test_an_address_that_rebinds_inside_is_refused_at_delivery(hooks, receiver):
    answers = {"hooks.example.test": ["93.184.215.14"]}

    async def resolve(host: str, port: int) -> list[str]:
        return answers[host]

    hooks.own.app.state.webhook_resolver = resolve
    hooks.own.change_settings(webhook_allow_private=False)
    try:
        subscription = await hooks.subscribe("https://hooks.example.test/pintu")
        await record(hooks.own)
        answers["hooks.example.test"] = ["127.0.0.1"]  # the name now points inside
        deliverer = hooks.deliverer(webhook_allow_private=False)
        deliverer.resolve = resolve

        await deliverer.run_once()

        [delivery] = await hooks.deliveries(subscription)
        assert delivery["status"] == "pending"
        assert delivery["last_error"].startswith("not sent: hooks.example.test resolves to")
        assert "loopback" in delivery["last_error"]
        assert receiver.received == []
    finally:
        hooks.own.app.state.webhook_resolver = None


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://169.254.169.254/latest/meta-data", "https"),
        ("https://169.254.169.254/latest/meta-data", "link-local"),
        ("https://[fe80::1]/x", "link-local"),
        ("https://10.0.0.5/hook", "private"),
        ("https://192.168.1.10/hook", "private"),
        ("https://127.0.0.1:8443/hook", "loopback"),
        ("https://[::1]/hook", "loopback"),
        ("https://[::ffff:127.0.0.1]/hook", "loopback"),
        ("https://0.0.0.0/hook", "not a unicast"),
        ("https://240.0.0.1/hook", "not a public"),
        ("https://[64:ff9b::a00:1]/hook", "not a public"),
        ("https://[2002:a00:1::1]/hook", "not a public"),
        ("https://[::10.0.0.1]/hook", "not a public"),
        ("https://[fec0::1]/hook", "not a public"),
        ("https://100.64.0.1/hook", "not a public"),
        ("https://224.0.0.1/hook", "not a unicast"),
        ("http://203.0.113.10/hook", "https"),
        ("https://user:pw@203.0.113.10/hook", "user name"),
        ("ftp://203.0.113.10/hook", "https://"),
        ("https://203.0.113.10/hook#x", "fragment"),
        ("not a url", "https://"),
        ("https://localhost/hook", "loopback"),
    ],
)
async def test_a_hostile_url_is_refused_at_subscription(own_database, url, why):
    own_database.change_settings(webhook_allow_private=False)
    response = await own_database.client.post(
        "/v1/webhooks",
        json={"url": url, "event_types": ["*"]},
        headers=own_database.auth(Role.ADMIN),
    )
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["field"] == "url"
    assert why in response.json()["detail"]


async def test_link_local_is_refused_even_where_private_addresses_are_allowed(hooks):
    response = await hooks.own.client.post(
        "/v1/webhooks",
        json={"url": "http://169.254.169.254/latest", "event_types": ["*"]},
        headers=hooks.own.auth(Role.ADMIN),
    )
    assert response.status_code == 422
    assert "link-local" in response.json()["detail"]


async def test_a_subscription_gets_only_what_commits_after_it(hooks, receiver):
    await record(hooks.own)
    await hooks.subscribe(receiver.url)
    later = await record(hooks.own)
    await hooks.deliverer().run_once()
    assert [r.json["complaint_id"] for r in receiver.received] == [later["id"]]


async def test_a_deleted_subscription_gets_nothing_more(hooks, receiver):
    subscription = await hooks.subscribe(receiver.url)
    await record(hooks.own)
    gone = await hooks.own.client.delete(
        f"/v1/webhooks/{subscription['id']}", headers=hooks.own.auth(Role.ADMIN)
    )
    assert gone.status_code == 204
    await hooks.deliverer().run_once()
    assert receiver.received == []
    assert uuid.UUID(subscription["id"])


async def test_a_retry_after_that_is_no_number_is_an_ordinary_failure(hooks):
    receiver = Receiver(Answer(503, headers={"Retry-After": "²"}), default=Answer(200))
    await receiver.start()
    try:
        subscription = await hooks.subscribe(receiver.url)
        await record(hooks.own)
        deliverer = hooks.deliverer()
        await deliverer.run_once()
        [delivery] = await hooks.deliveries(subscription)
        assert (delivery["status"], delivery["last_status_code"]) == ("pending", 503)
        hooks.clock.advance(10)
        await deliverer.run_once()
        [delivery] = await hooks.deliveries(subscription)
        assert delivery["status"] == "delivered"
    finally:
        await receiver.stop()


async def test_an_agency_subscription_stops_when_the_key_that_made_it_is_revoked(hooks, receiver):
    own = hooks.own
    await hooks.subscribe(receiver.url, role=Role.AGENCY)
    complaint = await record(own)
    await assign(own, complaint["id"])
    revoked = await own.client.post(
        f"/v1/api-keys/{own.key_ids[Role.AGENCY]}/revoke", headers=own.auth(Role.ADMIN)
    )
    assert revoked.status_code == 200, revoked.text

    await hooks.deliverer().run_once()

    assert receiver.received == []


async def test_the_server_delivers_by_itself_when_asked_to(own_database, receiver):
    # `pintu serve --deliver-events` (what `make run` runs): the app's lifespan delivers.
    import httpx

    from app.kit.db import create_engine
    from app.main import create_app, init_state

    settings = own_database.app.state.settings.model_copy(
        update={
            "deliver_events_in_server": True,
            "webhook_allow_private": True,
            "webhook_poll_interval": 0.05,
        }
    )
    engine = create_engine(own_database.url, pool_size=5)
    app = create_app(settings, configure_logs=False)
    init_state(app, engine)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    try:
        async with (
            app.router.lifespan_context(app),
            httpx.AsyncClient(transport=transport, base_url="http://test") as client,
        ):
            made = await client.post(
                "/v1/webhooks",
                json={"url": receiver.url, "event_types": ["*"]},
                headers=own_database.auth(Role.ADMIN),
            )
            assert made.status_code == 201, made.text
            recorded = await client.post(
                "/v1/complaints", json=walk_in_body(), headers=own_database.auth(Role.DESK)
            )
            assert recorded.status_code == 201, recorded.text
            for _ in range(200):
                if receiver.received:
                    break
                await asyncio.sleep(0.05)
            [got] = receiver.received
            event = Webhook(made.json()["secret"]).verify(got.body, got.headers)
            assert (event["type"], event["complaint_id"]) == (
                "complaint.created",
                recorded.json()["id"],
            )
    finally:
        await engine.dispose()
