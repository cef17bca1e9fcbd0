"""Client keys: an app's backend bound to one channel records and reads that channel's
complaints (personal data unmasked: it registered them), hears of their events, and nothing
else."""

from __future__ import annotations

import pytest

from app.models.roles import Role
from tests.events.test_feed import read_all
from tests.factories import CLIENT_CHANNEL, create_complaint, mirror_jaki_report, walk_in_body

SITI_NIK = "3171014505900002"


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"name": "Aplikasi warga", "role": "client"}, 422),
        ({"name": "Aplikasi warga", "role": "desk", "channel_code": "whatsapp"}, 422),
        ({"name": "Aplikasi warga", "role": "client", "channel_code": "merpati"}, 422),
        ({"name": "Aplikasi warga", "role": "client", "channel_code": "jaki"}, 409),
    ],
    ids=["no-channel", "channel-on-a-desk-key", "unknown-channel", "mirror-channel"],
)
async def test_a_client_key_needs_a_channel_that_takes_complaints_and_only_it_has_one(
    client, auth, body, status
):
    response = await client.post("/v1/api-keys", json=body, headers=auth(Role.ADMIN))

    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert "channel_code" in str(response.json())


async def test_a_client_key_needs_a_channel_no_other_door_recorded_in(client, auth):
    await create_complaint(client, auth(Role.DESK), channel="email")

    refused = await client.post(
        "/v1/api-keys",
        json={"name": "Bot e-mail", "role": "client", "channel_code": "email"},
        headers=auth(Role.ADMIN),
    )

    assert refused.status_code == 409, refused.text
    assert refused.json()["field"] == "channel_code"


async def test_only_an_apps_client_keys_record_in_its_channel(client, auth):
    for role in (Role.DESK, Role.ADMIN):
        refused = await client.post(
            "/v1/complaints", json=walk_in_body(channel=CLIENT_CHANNEL), headers=auth(role)
        )
        assert refused.status_code == 409, refused.text
        assert refused.json()["field"] == "channel"
    recorded = await client.post("/v1/complaints", json=walk_in_body(), headers=auth(Role.CLIENT))
    assert recorded.status_code == 201


async def test_a_client_key_is_created_with_its_channel(client, auth):
    # A second key of the app (to rotate to, say) on the app's channel.
    made = await client.post(
        "/v1/api-keys",
        json={"name": "Bot WhatsApp 2", "role": "client", "channel_code": "whatsapp"},
        headers=auth(Role.ADMIN),
    )

    assert made.status_code == 201, made.text
    assert made.json()["channel_code"] == "whatsapp" and made.json()["unit_code"] is None
    recorded = await client.post(
        "/v1/complaints",
        json=walk_in_body(),
        headers={"Authorization": f"Bearer {made.json()['key']}"},
    )
    assert recorded.status_code == 201 and recorded.json()["channel"] == "whatsapp"


async def test_a_client_records_in_its_own_channel_unmasked_without_other_channels_candidates(
    client, auth
):
    response = await client.post(
        "/v1/complaints", json=walk_in_body(category="jalan"), headers=auth(Role.CLIENT)
    )

    assert response.status_code == 201, response.text
    body = response.json()
    assert body["channel"] == CLIENT_CHANNEL
    assert body["tracking_number"].startswith("WA-")
    assert body["complainant"]["nik"] == SITI_NIK and body["complainant"]["masked"] is False
    assert body["possible_duplicates"] == []
    assert len(body["receipt_code"]) == 11


async def test_a_client_may_not_record_in_another_channel(client, auth):
    before = await client.get("/v1/complaints", params={"limit": 100}, headers=auth(Role.ADMIN))

    response = await client.post(
        "/v1/complaints", json=walk_in_body(channel="walk_in"), headers=auth(Role.CLIENT)
    )

    assert response.status_code == 403, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["field"] == "channel"
    after = await client.get("/v1/complaints", params={"limit": 100}, headers=auth(Role.ADMIN))
    assert after.json()["items"] == before.json()["items"]


async def test_a_client_reads_and_lists_only_its_channels_complaints(client, auth):
    mine = await create_complaint(client, auth(Role.CLIENT))
    desks = await create_complaint(client, auth(Role.DESK))

    listed = await client.get("/v1/complaints", params={"limit": 100}, headers=auth(Role.CLIENT))
    assert listed.status_code == 200
    ids = {c["id"] for c in listed.json()["items"]}
    assert mine["id"] in ids and desks["id"] not in ids
    assert {c["channel"] for c in listed.json()["items"]} == {CLIENT_CHANNEL}
    # Naming another channel finds nothing rather than widening the scope.
    other = await client.get(
        "/v1/complaints", params={"channel": "walk_in"}, headers=auth(Role.CLIENT)
    )
    assert other.status_code == 200 and other.json()["items"] == []

    for ref in (mine["id"], mine["tracking_number"]):
        read = await client.get(f"/v1/complaints/{ref}", headers=auth(Role.CLIENT))
        assert read.status_code == 200 and read.json()["complainant"]["nik"] == SITI_NIK
    history = await client.get(f"/v1/complaints/{mine['id']}/history", headers=auth(Role.CLIENT))
    assert history.status_code == 200 and history.json()["events"][0]["kind"] == "created"
    for path in (
        f"/v1/complaints/{desks['id']}",
        f"/v1/complaints/{desks['tracking_number']}",
        f"/v1/complaints/{desks['id']}/history",
    ):
        hidden = await client.get(path, headers=auth(Role.CLIENT))
        assert hidden.status_code == 404, path
        assert SITI_NIK not in hidden.text


async def test_a_client_changes_nothing_but_records(client, auth):
    mine = await create_complaint(client, auth(Role.CLIENT))
    for method, path, body in (
        ("PATCH", f"/v1/complaints/{mine['id']}", {"address": "Jl. Kebon Sirih"}),
        ("POST", f"/v1/complaints/{mine['id']}/status", {"status": "verified", "note": "ok"}),
        ("POST", f"/v1/complaints/{mine['id']}/assignments", {"unit_code": "dinas-sosial"}),
        ("GET", "/v1/assignments", None),
        ("POST", "/v1/dedup/matches", {"complaint_id": mine["id"]}),
    ):
        response = await client.request(
            method, path, json=body, headers={**auth(Role.CLIENT), "If-Match": '"1"'}
        )
        assert response.status_code == 403, (method, path, response.text)


async def test_a_client_hears_of_its_channels_events_only_and_not_of_what_lies_outside(
    client, auth
):
    mine = await create_complaint(client, auth(Role.CLIENT), category="jalan")
    desks = await create_complaint(client, auth(Role.DESK))
    report = await mirror_jaki_report(client, auth(Role.INTEGRATION), auth(Role.ADMIN))
    linked = await client.post(
        f"/v1/complaints/{mine['id']}/duplicate-of",
        json={"canonical_id": report["id"]},
        headers=auth(Role.DESK),
    )
    assert linked.status_code == 200, linked.text

    events, _ = await read_all(client, auth(Role.CLIENT))

    seen = {e["complaint_id"] for e in events}
    assert str(mine["id"]) in seen
    assert desks["id"] not in seen and report["id"] not in seen
    [link] = [e for e in events if e["type"] == "complaint.linked"]
    assert link["data"]["duplicate_of"] == {"outside_scope": True}
    assert report["tracking_number"] not in str(events)
    assert link["data"]["status"] == "linked"
    # The desk, which sees every channel, reads the link in full.
    everything, _ = await read_all(client, auth(Role.DESK))
    [full] = [e for e in everything if e["type"] == "complaint.linked"]
    assert full["data"]["duplicate_of"]["tracking_number"] == report["tracking_number"]


async def test_assignment_events_the_database_names_the_channel_of_reach_the_client_too(
    client, auth
):
    """An assignment's events are written without the complaint at hand: the database fills
    in its channel (migration 0015), and the client's feed scopes them like the rest."""
    mine = await create_complaint(client, auth(Role.CLIENT), category="jalan")
    desks = await create_complaint(client, auth(Role.DESK), category="jalan")
    for complaint in (mine, desks):
        routed = await client.post(
            f"/v1/complaints/{complaint['id']}/assignments",
            json={"unit_code": "kelurahan-31.71.01.1001"},
            headers=auth(Role.DESK),
        )
        assert routed.status_code == 201, routed.text

    events, _ = await read_all(client, auth(Role.CLIENT))

    assigned = [e["complaint_id"] for e in events if e["type"] == "assignment.created"]
    assert assigned == [mine["id"]]


async def test_a_clients_subscriptions_are_its_channels(client, auth):
    made = await client.post(
        "/v1/webhooks",
        json={"url": "https://93.184.215.14/hooks/app", "event_types": ["complaint.created"]},
        headers=auth(Role.CLIENT),
    )
    assert made.status_code == 201, made.text
    assert made.json()["channel_code"] == CLIENT_CHANNEL and made.json()["unit_code"] is None
    theirs = await client.post(
        "/v1/webhooks",
        json={"url": "https://93.184.215.14/hooks/kelurahan", "event_types": ["*"]},
        headers=auth(Role.AGENCY),
    )
    listed = await client.get("/v1/webhooks", headers=auth(Role.CLIENT))
    assert [s["id"] for s in listed.json()["items"]] == [made.json()["id"]]
    hidden = await client.get(f"/v1/webhooks/{theirs.json()['id']}", headers=auth(Role.CLIENT))
    assert hidden.status_code == 404
