"""Managing webhook subscriptions through the API: who may manage which, what is refused and
how, secrets shown once, versions, paging. (Delivery: test_webhooks.py.)"""

from __future__ import annotations

import base64
import json

import pytest

from app.models.roles import Role
from tests.assignments.test_lifecycle import agency_key

# A public address given literally: no lookup; nothing is delivered in these tests.
URL = "https://93.184.215.14/hooks/pintu"


async def subscribe(client, headers, **body):
    response = await client.post(
        "/v1/webhooks", json={"url": URL, "event_types": ["*"], **body}, headers=headers
    )
    assert response.status_code == 201, response.text
    return response


async def test_the_secret_is_shown_once_and_never_listed(client, auth):
    made = await subscribe(client, auth(Role.ADMIN), description="Dashboard kota")
    body = made.json()
    assert body["secret"].startswith("whsec_") and len(base64.b64decode(body["secret"][6:])) == 32
    assert made.headers["location"] == f"/v1/webhooks/{body['id']}"
    assert made.headers["etag"] == '"1"'
    one = await client.get(f"/v1/webhooks/{body['id']}", headers=auth(Role.ADMIN))
    listed = await client.get("/v1/webhooks", headers=auth(Role.ADMIN))
    for shown in (one.text, listed.text):
        assert "secret" not in json.loads(shown).get("items", [json.loads(shown)])[0]
        assert body["secret"] not in shown
    assert one.json()["description"] == "Dashboard kota"


async def test_an_agency_manages_only_its_units_subscriptions(client, auth, session):
    ours = (await subscribe(client, auth(Role.AGENCY))).json()
    admins = (await subscribe(client, auth(Role.ADMIN))).json()
    assert (ours["unit_code"], admins["unit_code"]) == ("kelurahan-31.71.01.1001", None)
    other_unit = await agency_key(session, "kelurahan-31.71.01.1002")

    listed = await client.get("/v1/webhooks", headers=auth(Role.AGENCY))
    assert [s["id"] for s in listed.json()["items"]] == [ours["id"]]
    for path in (f"/v1/webhooks/{admins['id']}", f"/v1/webhooks/{ours['id']}/deliveries"):
        response = await client.get(path, headers=other_unit)
        assert response.status_code == 404, path
    everyone = await client.get("/v1/webhooks", headers=auth(Role.ADMIN))
    assert {ours["id"], admins["id"]} <= {s["id"] for s in everyone.json()["items"]}


async def test_changes_name_the_version_and_an_agency_must_send_it(client, auth):
    made = (await subscribe(client, auth(Role.AGENCY))).json()
    path = f"/v1/webhooks/{made['id']}"
    bare = await client.patch(path, json={"enabled": False}, headers=auth(Role.AGENCY))
    assert bare.status_code == 428
    stale = await client.patch(
        path, json={"enabled": False}, headers={**auth(Role.AGENCY), "If-Match": '"7"'}
    )
    assert stale.status_code == 412
    off = await client.patch(
        path, json={"enabled": False}, headers={**auth(Role.AGENCY), "If-Match": '"1"'}
    )
    assert off.status_code == 200, off.text
    assert (off.json()["enabled"], off.json()["version"]) == (False, 2)
    assert off.json()["disabled_reason"].startswith("turned off by")
    assert off.headers["etag"] == '"2"'


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"event_types": ["assignment.exploded"]}, "event_types.0"),
        ({"event_types": ["*", "assignment.created"]}, "event_types"),
        ({"event_types": []}, "event_types"),
        ({"url": "https://10.1.2.3/x"}, "url"),
        ({"secret": "whsec_mine"}, "secret"),
    ],
)
async def test_a_refused_subscription_names_the_field_and_stores_nothing(client, auth, body, field):
    response = await client.post(
        "/v1/webhooks", json={"url": URL, "event_types": ["*"], **body}, headers=auth(Role.ADMIN)
    )
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert field in {e["field"] for e in response.json()["errors"]}
    listed = await client.get("/v1/webhooks", headers=auth(Role.ADMIN))
    assert listed.json()["items"] == []


@pytest.mark.parametrize("body", [{"enabled": None}, {"url": None}, {"event_types": None}])
async def test_a_change_cannot_null_what_a_subscription_needs(client, auth, body):
    made = (await subscribe(client, auth(Role.ADMIN))).json()
    response = await client.patch(f"/v1/webhooks/{made['id']}", json=body, headers=auth(Role.ADMIN))
    assert response.status_code == 422
    assert response.json()["field"] == next(iter(body))


@pytest.mark.parametrize(
    ("path", "cursor"),
    [
        ("/v1/webhooks", "not-a-cursor"),
        ("/v1/webhooks/{id}/deliveries", "not-a-cursor"),
        # A time without its offset, and a list of the wrong shape.
        ("/v1/webhooks/{id}/deliveries", "WyIyMDI2LTEyLTA3VDEwOjAwOjAwIiwgIngiXQ"),
        ("/v1/webhooks/{id}/deliveries", "WzEsIDIsIDNd"),
    ],
)
async def test_a_cursor_not_made_by_the_api_is_refused(client, auth, path, cursor):
    made = (await subscribe(client, auth(Role.ADMIN))).json()
    response = await client.get(
        path.format(id=made["id"]), params={"cursor": cursor}, headers=auth(Role.ADMIN)
    )
    assert response.status_code == 422, response.text
    assert response.json()["field"] == "cursor"


async def test_lists_page_with_their_cursor(client, auth):
    made = {(await subscribe(client, auth(Role.ADMIN))).json()["id"] for _ in range(5)}
    seen, cursor = [], None
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = (await client.get("/v1/webhooks", params=params, headers=auth(Role.ADMIN))).json()
        seen += [s["id"] for s in page["items"]]
        if (cursor := page["next_cursor"]) is None:
            break
    assert sorted(seen) == sorted(made)


async def test_a_rotated_secret_answers_with_the_new_version_and_reads_are_conditional(
    client, auth
):
    admin = auth(Role.ADMIN)
    made = await subscribe(client, admin)
    path = f"/v1/webhooks/{made.json()['id']}"

    rotated = await client.post(f"{path}/rotate-secret", headers=admin)

    assert rotated.status_code == 200, rotated.text
    current = await client.get(path, headers=admin)
    assert rotated.headers["etag"] == current.headers["etag"] == '"2"'
    cached = await client.get(path, headers={**admin, "If-None-Match": made.headers["etag"]})
    assert cached.status_code == 200  # the version it names is gone
    cached = await client.get(path, headers={**admin, "If-None-Match": '"2"'})
    assert (cached.status_code, cached.content) == (304, b"")
    listed = await client.get("/v1/webhooks", params={"limit": 7}, headers=admin)
    assert listed.json()["limit"] == 7


async def test_a_deleted_subscription_is_gone(client, auth):
    made = (await subscribe(client, auth(Role.ADMIN))).json()
    assert (
        await client.delete(f"/v1/webhooks/{made['id']}", headers=auth(Role.ADMIN))
    ).status_code == 204
    gone = await client.get(f"/v1/webhooks/{made['id']}", headers=auth(Role.ADMIN))
    assert gone.status_code == 404
    assert gone.headers["content-type"] == "application/problem+json"
