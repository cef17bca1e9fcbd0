"""Finding a complaint by the id its channel's own system gave it: a JAKI report by its JAKI
id, an app's complaint by its `external_id`; and a 409 for a repeated one that says which
complaint holds it."""

from __future__ import annotations

from app.models.roles import Role
from tests.factories import create_complaint, jaki_report, mirror_jaki_report, walk_in_body

JAKI_ID = "JAKI-2026-0012345"


async def test_a_mirrored_report_is_found_by_its_jaki_id_masked_as_by_its_own_id(client, auth):
    feed, viewer, desk = auth(Role.INTEGRATION), auth(Role.VIEWER), auth(Role.DESK)
    mirrored = await mirror_jaki_report(client, feed, viewer, id=JAKI_ID)

    for headers in (viewer, desk):
        found = await client.get(f"/v1/channels/jaki/complaints/{JAKI_ID}", headers=headers)
        by_id = await client.get(f"/v1/complaints/{mirrored['id']}", headers=headers)
        assert found.status_code == 200, found.text
        assert found.json() == by_id.json()
        assert found.headers["etag"] == by_id.headers["etag"]
        assert found.headers["content-location"] == f"/v1/complaints/{mirrored['id']}"
    # The desk was shown the reporter unmasked: the audit log names the endpoint as documented.
    reads = await client.get(
        f"/v1/complaints/{mirrored['id']}/personal-data-reads", headers=auth(Role.ADMIN)
    )
    assert "GET /v1/channels/{code}/complaints/{external_id}" in {
        r["endpoint"] for r in reads.json()["items"]
    }
    masked = (await client.get(f"/v1/channels/jaki/complaints/{JAKI_ID}", headers=viewer)).json()
    assert masked["complainant"]["masked"] is True
    assert "3171061205880003" not in str(masked)

    listed = await client.get(
        "/v1/complaints", params={"channel": "jaki", "external_id": JAKI_ID}, headers=viewer
    )
    assert [c["id"] for c in listed.json()["items"]] == [mirrored["id"]]
    # By its id in JAKI, not by its tracking number's look.
    assert (await client.get(f"/v1/complaints/{JAKI_ID}", headers=viewer)).status_code == 404


async def test_an_unknown_id_another_channels_or_one_outside_the_keys_scope_is_404(client, auth):
    feed, viewer = auth(Role.INTEGRATION), auth(Role.VIEWER)
    await mirror_jaki_report(client, feed, viewer, id=JAKI_ID)
    for path, headers in (
        ("/v1/channels/jaki/complaints/JAKI-2026-0099999", viewer),
        (f"/v1/channels/walk_in/complaints/{JAKI_ID}", viewer),
        (f"/v1/channels/nowhere/complaints/{JAKI_ID}", viewer),
        (f"/v1/channels/jaki/complaints/{JAKI_ID}", auth(Role.AGENCY)),  # not its unit's
        (f"/v1/channels/jaki/complaints/{JAKI_ID}", auth(Role.CLIENT)),  # not its channel
    ):
        response = await client.get(path, headers=headers)
        assert response.status_code == 404, path
        assert response.headers["content-type"] == "application/problem+json"


async def test_an_external_id_with_a_slash_is_found_too(client, auth):
    desk = auth(Role.DESK)
    created = await create_complaint(client, desk, channel="lapor", external_id="LPR/2026/7")
    found = await client.get("/v1/channels/lapor/complaints/LPR/2026/7", headers=desk)
    assert found.status_code == 200 and found.json()["id"] == created["id"]


async def test_a_repeated_external_id_is_409_naming_the_complaint_that_holds_it(client, auth):
    desk = auth(Role.DESK)
    first = await create_complaint(client, desk, channel="lapor", external_id="LPR-1")

    again = await client.post(
        "/v1/complaints", json=walk_in_body(channel="lapor", external_id="LPR-1"), headers=desk
    )

    assert again.status_code == 409
    assert again.json()["field"] == "external_id"
    assert first["tracking_number"] in again.json()["detail"]
    assert first["id"] in again.json()["detail"]
    assert again.headers["content-location"] == f"/v1/complaints/{first['id']}"


async def test_a_client_key_is_told_which_of_its_complaints_holds_the_id(client, auth):
    app_key = auth(Role.CLIENT)
    first = await create_complaint(client, app_key, external_id="WA-77")
    again = await client.post(
        "/v1/complaints", json=walk_in_body(external_id="WA-77"), headers=app_key
    )
    assert again.status_code == 409
    assert first["tracking_number"] in again.json()["detail"]
    found = await client.get("/v1/channels/whatsapp/complaints/WA-77", headers=app_key)
    assert found.status_code == 200 and found.json()["id"] == first["id"]


async def test_the_jaki_channel_is_409_at_intake_and_its_description_says_why(client, auth, app):
    refused = await client.post(
        "/v1/complaints", json=walk_in_body(channel="jaki"), headers=auth(Role.DESK)
    )
    assert refused.status_code == 409 and refused.json()["field"] == "channel"
    schema = app.openapi()["components"]["schemas"]["ComplaintCreate"]["properties"]["channel"]
    assert "jaki" in schema["description"] and "JAKI feed" in schema["description"]
    assert schema["examples"] == ["walk_in"]
    pushed = await client.post(
        "/v1/jaki/reports/batch", json={"reports": [jaki_report()]}, headers=auth(Role.INTEGRATION)
    )
    assert pushed.status_code == 200
