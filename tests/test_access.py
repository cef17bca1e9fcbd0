"""The access table of docs/access.md, enforced for every endpoint and every role."""

from __future__ import annotations

from typing import Any

import pytest

from app.models.roles import Role
from tests.factories import create_complaint, jaki_report, walk_in_body

ANYONE = "anyone"
ALL_ROLES = [None, *Role]

# (method, path template) -> roles that may call it; every other role gets 401 (no key) or 403.
# `agency` may list complaints but sees only its unit's, `client` only its channel's: a
# complaint outside its scope is 404.
TABLE: dict[tuple[str, str], set[Role] | str] = {
    ("GET", "/healthz"): ANYONE,
    ("GET", "/readyz"): ANYONE,
    ("GET", "/metrics"): {Role.ADMIN},
    ("GET", "/v1/regions"): ANYONE,
    ("GET", "/v1/regions/{code}"): ANYONE,
    ("GET", "/v1/categories"): ANYONE,
    ("GET", "/v1/categories/{code}"): ANYONE,
    ("GET", "/v1/channels"): ANYONE,
    ("GET", "/v1/channels/{code}"): ANYONE,
    ("GET", "/v1/channels/{code}/stats"): ANYONE,
    ("GET", "/v1/stats/daily"): ANYONE,
    ("GET", "/v1/units"): ANYONE,
    ("GET", "/v1/units/{code}"): ANYONE,
    ("GET", "/v1/holidays"): ANYONE,
    ("POST", "/v1/channels"): {Role.ADMIN},
    ("GET", "/v1/complaints"): {
        Role.VIEWER,
        Role.DESK,
        Role.AGENCY,
        Role.CLIENT,
        Role.ADMIN,
    },
    ("GET", "/v1/complaints/{ref}"): {
        Role.VIEWER,
        Role.DESK,
        Role.AGENCY,
        Role.CLIENT,
        Role.ADMIN,
    },
    ("GET", "/v1/channels/{code}/complaints/{external_id}"): {
        Role.VIEWER,
        Role.DESK,
        Role.AGENCY,
        Role.CLIENT,
        Role.ADMIN,
    },
    ("GET", "/v1/complaints/{ref}/history"): {
        Role.VIEWER,
        Role.DESK,
        Role.AGENCY,
        Role.CLIENT,
        Role.ADMIN,
    },
    ("POST", "/v1/complaints"): {Role.DESK, Role.CLIENT, Role.ADMIN},
    ("POST", "/v1/complaints/{ref}/receipt-code"): {Role.DESK, Role.CLIENT, Role.ADMIN},
    ("PATCH", "/v1/complaints/{ref}"): {Role.DESK, Role.ADMIN},
    ("POST", "/v1/complaints/{ref}/status"): {Role.DESK, Role.ADMIN},
    ("POST", "/v1/jaki/reports/batch"): {Role.INTEGRATION, Role.ADMIN},
    ("GET", "/v1/jaki/sync"): {Role.INTEGRATION, Role.ADMIN},
    ("POST", "/v1/complaints/{ref}/assignments"): {Role.DESK, Role.AGENCY, Role.ADMIN},
    ("GET", "/v1/assignments"): {Role.VIEWER, Role.DESK, Role.AGENCY, Role.ADMIN},
    ("GET", "/v1/complaints/{ref}/assignments"): {Role.VIEWER, Role.DESK, Role.AGENCY, Role.ADMIN},
    ("GET", "/v1/assignments/{assignment_id}"): {Role.VIEWER, Role.DESK, Role.AGENCY, Role.ADMIN},
    ("POST", "/v1/assignments/{assignment_id}/accept"): {Role.AGENCY, Role.ADMIN},
    ("POST", "/v1/assignments/{assignment_id}/return"): {Role.AGENCY, Role.ADMIN},
    ("POST", "/v1/assignments/{assignment_id}/follow-ups"): {Role.AGENCY, Role.ADMIN},
    ("POST", "/v1/assignments/{assignment_id}/complete"): {Role.AGENCY, Role.ADMIN},
    ("POST", "/v1/assignments/{assignment_id}/escalate"): {Role.DESK, Role.ADMIN},
    ("GET", "/v1/complaints/{ref}/route-suggestion"): {Role.DESK, Role.ADMIN},
    # Deprecated: the GET above, kept for one version.
    ("POST", "/v1/complaints/{ref}/route-suggestion"): {Role.DESK, Role.ADMIN},
    ("GET", "/v1/stats/sla"): ANYONE,
    ("POST", "/v1/api-keys"): {Role.ADMIN},
    ("GET", "/v1/api-keys"): {Role.ADMIN},
    ("POST", "/v1/api-keys/{key_id}/revoke"): {Role.ADMIN},
    ("GET", "/v1/complaints/{ref}/personal-data-reads"): {Role.ADMIN},
    ("POST", "/v1/dedup/matches"): {Role.DESK, Role.ADMIN},
    ("POST", "/v1/complaints/{ref}/duplicate-of"): {Role.DESK, Role.ADMIN},
    ("DELETE", "/v1/complaints/{ref}/duplicate-of"): {Role.DESK, Role.ADMIN},
    ("GET", "/v1/dedup/review"): {Role.DESK, Role.ADMIN},
    ("POST", "/v1/dedup/decisions"): {Role.DESK, Role.ADMIN},
    ("GET", "/v1/dedup/decisions"): {Role.ADMIN},
    ("GET", "/v1/events"): {
        Role.VIEWER,
        Role.DESK,
        Role.AGENCY,
        Role.CLIENT,
        Role.ADMIN,
    },
    ("GET", "/v1/events/types"): ANYONE,
    # A complainant's look-up: no key, the receipt code instead (tests/tracking).
    ("GET", "/v1/track/{tracking_number}"): ANYONE,
    # Open311 GeoReport v2 (docs/open311.md): reading needs no key; a request is sent with a
    # client key as the form's `api_key` (none, or another role's: 403 in Open311's format).
    ("GET", "/open311/v2/discovery.{format}"): ANYONE,
    ("GET", "/open311/v2/services.{format}"): ANYONE,
    ("GET", "/open311/v2/services/{service_code}.{format}"): ANYONE,
    ("GET", "/open311/v2/requests.{format}"): ANYONE,
    ("GET", "/open311/v2/requests/{service_request_id}.{format}"): ANYONE,
    ("POST", "/open311/v2/requests.{format}"): {Role.CLIENT},
    ("POST", "/v1/webhooks"): {Role.AGENCY, Role.CLIENT, Role.ADMIN},
    ("GET", "/v1/webhooks"): {Role.AGENCY, Role.CLIENT, Role.ADMIN},
    ("GET", "/v1/webhooks/{subscription_id}"): {Role.AGENCY, Role.CLIENT, Role.ADMIN},
    ("PATCH", "/v1/webhooks/{subscription_id}"): {Role.AGENCY, Role.CLIENT, Role.ADMIN},
    ("DELETE", "/v1/webhooks/{subscription_id}"): {Role.AGENCY, Role.CLIENT, Role.ADMIN},
    ("POST", "/v1/webhooks/{subscription_id}/rotate-secret"): {
        Role.AGENCY,
        Role.CLIENT,
        Role.ADMIN,
    },
    ("POST", "/v1/webhooks/{subscription_id}/ping"): {Role.AGENCY, Role.CLIENT, Role.ADMIN},
    ("GET", "/v1/webhooks/{subscription_id}/deliveries"): {Role.AGENCY, Role.CLIENT, Role.ADMIN},
    ("GET", "/v1/webhooks/{subscription_id}/deliveries/{delivery_id}"): {
        Role.AGENCY,
        Role.CLIENT,
        Role.ADMIN,
    },
    ("POST", "/v1/webhooks/{subscription_id}/deliveries/{delivery_id}/redeliver"): {
        Role.AGENCY,
        Role.CLIENT,
        Role.ADMIN,
    },
}

# Successful status per endpoint when the role may call it.
SUCCESS = {
    ("POST", "/v1/complaints"): 201,
    ("POST", "/v1/channels"): 201,
    ("POST", "/v1/api-keys"): 201,
    ("POST", "/v1/complaints/{ref}/assignments"): 201,
    ("POST", "/v1/assignments/{assignment_id}/follow-ups"): 201,
    ("POST", "/v1/assignments/{assignment_id}/escalate"): 201,
    ("POST", "/v1/dedup/decisions"): 201,
    ("POST", "/v1/webhooks"): 201,
    ("DELETE", "/v1/webhooks/{subscription_id}"): 204,
    ("POST", "/v1/webhooks/{subscription_id}/ping"): 202,
    ("POST", "/v1/webhooks/{subscription_id}/deliveries/{delivery_id}/redeliver"): 202,
}
# A webhook URL on a public address (literal: no lookup); nothing is delivered in these tests.
WEBHOOK_URL = "https://93.184.215.14/hooks/pintu"
# Endpoints about a pair of complaints: the second one, and whether the pair is linked first.
PAIRED = {
    ("POST", "/v1/complaints/{ref}/duplicate-of"): False,
    ("DELETE", "/v1/complaints/{ref}/duplicate-of"): True,
    ("POST", "/v1/dedup/decisions"): False,
}
# Roles that may call an endpoint but for which the object is out of scope.
OUT_OF_SCOPE = {
    (("GET", "/v1/complaints/{ref}"), Role.AGENCY),
    (("GET", "/v1/complaints/{ref}/history"), Role.AGENCY),
    (("GET", "/v1/complaints/{ref}/assignments"), Role.AGENCY),
    (("GET", "/v1/channels/{code}/complaints/{external_id}"), Role.AGENCY),
    # An agency routes only what its unit holds.
    (("POST", "/v1/complaints/{ref}/assignments"), Role.AGENCY),
    # The complaint is the desk's walk-in: outside a client key's channel.
    (("GET", "/v1/complaints/{ref}"), Role.CLIENT),
    (("GET", "/v1/complaints/{ref}/history"), Role.CLIENT),
    (("GET", "/v1/channels/{code}/complaints/{external_id}"), Role.CLIENT),
    (("POST", "/v1/complaints/{ref}/receipt-code"), Role.CLIENT),
    # The subscription is the agency's: another scope's looks absent to a client key.
    *(
        ((method, path), Role.CLIENT)
        for method, path in [
            ("GET", "/v1/webhooks/{subscription_id}"),
            ("PATCH", "/v1/webhooks/{subscription_id}"),
            ("DELETE", "/v1/webhooks/{subscription_id}"),
            ("POST", "/v1/webhooks/{subscription_id}/rotate-secret"),
            ("POST", "/v1/webhooks/{subscription_id}/ping"),
            ("GET", "/v1/webhooks/{subscription_id}/deliveries"),
            ("GET", "/v1/webhooks/{subscription_id}/deliveries/{delivery_id}"),
            ("POST", "/v1/webhooks/{subscription_id}/deliveries/{delivery_id}/redeliver"),
        ]
    ),
}
GAMBIR_OFFICE = "kelurahan-31.71.01.1001"  # the test agency key's unit
# How far the assignment must have gone for the call to succeed.
ASSIGNMENT_SETUP = {
    "/v1/assignments": ["assign"],
    "/v1/assignments/{assignment_id}": ["assign"],
    "/v1/assignments/{assignment_id}/accept": ["assign"],
    "/v1/assignments/{assignment_id}/return": ["assign"],
    "/v1/assignments/{assignment_id}/follow-ups": ["assign", "accept"],
    "/v1/assignments/{assignment_id}/complete": ["assign", "accept", "follow-up"],
    "/v1/assignments/{assignment_id}/escalate": ["assign-overdue"],
}


def _body(method: str, path: str, complaint: dict, other: dict | None) -> dict[str, Any] | None:
    if other is not None:
        return {
            ("POST", "/v1/complaints/{ref}/duplicate-of"): {"canonical_id": other["id"]},
            ("POST", "/v1/dedup/decisions"): {
                "complaint_id": complaint["id"],
                "candidate_id": other["id"],
                "decision": "not_match",
            },
        }.get((method, path))
    return {
        ("POST", "/v1/complaints"): walk_in_body(),
        ("PATCH", "/v1/complaints/{ref}"): {"address": "Jl. Medan Merdeka Barat"},
        ("POST", "/v1/complaints/{ref}/status"): {"status": "verified", "note": "KTP dicek"},
        ("POST", "/v1/channels"): {
            "code": "walk_in_test",
            "name": "Meja uji",
            "tracking_prefix": "ZZ",
        },
        ("POST", "/v1/api-keys"): {"name": "uji", "role": "viewer"},
        ("POST", "/v1/jaki/reports/batch"): {"reports": [jaki_report()]},
        ("POST", "/v1/complaints/{ref}/assignments"): {"unit_code": GAMBIR_OFFICE},
        ("POST", "/v1/assignments/{assignment_id}/return"): {"reason": "Bukan wewenang"},
        ("POST", "/v1/assignments/{assignment_id}/follow-ups"): {"note": "Sudah dicek"},
        ("POST", "/v1/dedup/matches"): {"complaint": walk_in_body()},
        ("POST", "/v1/webhooks"): {"url": WEBHOOK_URL, "event_types": ["*"]},
        ("PATCH", "/v1/webhooks/{subscription_id}"): {"description": "Sistem uji"},
    }.get((method, path))


async def _prepare_webhook(client, keys, template) -> tuple[str | None, str | None]:
    """A subscription of the agency key's unit (an admin manages it too), and a delivery."""
    if "{subscription_id}" not in template:
        return None, None
    made = await client.post(
        "/v1/webhooks",
        json={"url": WEBHOOK_URL, "event_types": ["*"]},
        headers={"Authorization": f"Bearer {keys[Role.AGENCY]}"},
    )
    assert made.status_code == 201, made.text
    ping = await client.post(
        f"/v1/webhooks/{made.json()['id']}/ping",
        headers={"Authorization": f"Bearer {keys[Role.ADMIN]}"},
    )
    assert ping.status_code == 202, ping.text
    return made.json()["id"], ping.json()["id"]


async def _prepare_assignment(client, keys, complaint, template) -> str | None:
    steps = ASSIGNMENT_SETUP.get(template, [])
    admin = {"Authorization": f"Bearer {keys[Role.ADMIN]}"}
    assignment_id = None
    for step in steps:
        if step.startswith("assign"):
            late = {"respond_by": "2026-01-05", "finish_by": "2026-01-12"}
            response = await client.post(
                f"/v1/complaints/{complaint['id']}/assignments",
                json={"unit_code": GAMBIR_OFFICE, **(late if step == "assign-overdue" else {})},
                headers=admin,
            )
            assignment_id = response.json()["id"]
        elif step == "accept":
            response = await client.post(f"/v1/assignments/{assignment_id}/accept", headers=admin)
        else:
            response = await client.post(
                f"/v1/assignments/{assignment_id}/follow-ups",
                json={"note": "Dicek ke lokasi"},
                headers=admin,
            )
        assert response.status_code in {200, 201}, response.text
    return assignment_id


def test_every_endpoint_is_in_the_access_table(app):
    routes = {
        (method.upper(), path)
        for path, operations in app.openapi()["paths"].items()
        for method in operations
    }
    assert routes == set(TABLE)


OPEN311 = "/open311/"
OPEN311_FORM = {
    "service_code": "jalan",
    "lat": "-6.1754",
    "long": "106.8272",
    "description": "Jalan berlubang di depan halte.",
}


async def _open311_post(client, keys, path, role) -> None:
    """Open311's POST takes its key in the form, and refuses in Open311's format: 403 for no
    key as for a key of another role."""
    form = {**OPEN311_FORM, **({"api_key": keys[role]} if role else {})}
    response = await client.post(path, data=form)
    expected = 200 if role is Role.CLIENT else 403
    assert response.status_code == expected, response.text
    if expected >= 400:
        assert response.json()[0]["code"] == 403


@pytest.mark.parametrize("endpoint", sorted(TABLE), ids=lambda e: f"{e[0]} {e[1]}")
@pytest.mark.parametrize("role", ALL_ROLES, ids=lambda r: r.value if r else "no-key")
async def test_access(client, keys, endpoint, role):
    method, template = endpoint
    # Open311 shows only complaints about a place: the complaint reported is a pothole.
    place = {"category": "jalan"} if template.startswith(OPEN311) else {}
    known = {"external_id": "MEJA-2026-0042"} if "{external_id}" in template else {}
    complaint = await create_complaint(
        client, {"Authorization": f"Bearer {keys[Role.DESK]}"}, **place, **known
    )
    assignment_id = await _prepare_assignment(client, keys, complaint, template)
    subscription_id, delivery_id = await _prepare_webhook(client, keys, template)
    other = None
    if endpoint in PAIRED:
        other = await create_complaint(client, {"Authorization": f"Bearer {keys[Role.DESK]}"})
        if PAIRED[endpoint]:
            linked = await client.post(
                f"/v1/complaints/{complaint['id']}/duplicate-of",
                json={"canonical_id": other["id"]},
                headers={"Authorization": f"Bearer {keys[Role.ADMIN]}"},
            )
            assert linked.status_code == 200, linked.text
    key_id = None
    if "{key_id}" in template:
        made = await client.post(
            "/v1/api-keys",
            json={"name": "to revoke", "role": "viewer"},
            headers={"Authorization": f"Bearer {keys[Role.ADMIN]}"},
        )
        key_id = made.json()["id"]
    path = template.format(
        assignment_id=assignment_id,
        subscription_id=subscription_id,
        delivery_id=delivery_id,
        key_id=key_id,
        code={
            "/v1/regions/{code}": "31.71",
            "/v1/categories/{code}": "jalan",
            "/v1/units/{code}": "dinas-sosial",
        }.get(template, "walk_in"),
        ref=complaint["id"],
        external_id=complaint["external_id"],
        tracking_number=complaint["tracking_number"],
        format="json",
        service_code="jalan",
        service_request_id=complaint["tracking_number"],
    )
    if method == "POST" and template.startswith(OPEN311):
        await _open311_post(client, keys, path, role)
        return
    headers = {"Authorization": f"Bearer {keys[role]}"} if role else {}
    if template.startswith("/v1/track/"):
        headers["Receipt-Code"] = complaint["receipt_code"]
    if method != "GET":
        # Partner keys must name the version they change (tests/kit/test_preconditions.py).
        target = (
            f"/v1/assignments/{assignment_id}"
            if "{assignment_id}" in template
            else f"/v1/webhooks/{subscription_id}"
            if subscription_id
            else f"/v1/complaints/{complaint['id']}"
        )
        read = await client.get(target, headers={"Authorization": f"Bearer {keys[Role.ADMIN]}"})
        headers["If-Match"] = read.headers["etag"]
    response = await client.request(
        method, path, json=_body(method, template, complaint, other), headers=headers
    )

    allowed = TABLE[endpoint]
    if allowed == ANYONE or role in allowed:
        expected = 404 if (endpoint, role) in OUT_OF_SCOPE else SUCCESS.get(endpoint, 200)
    else:
        expected = 401 if role is None else 403
    assert response.status_code == expected, response.text
    if expected >= 400:
        assert response.headers["content-type"] == "application/problem+json"


async def test_an_agency_key_cannot_reach_another_units_complaints_by_any_road(
    client, keys, session
):
    """Not by id, not by tracking number, not by list filters naming it, not by its work."""
    from app.auth import service as auth_service

    _, secret = await auth_service.create_key(
        session, name="kecamatan", role=Role.AGENCY, unit_code="kecamatan-31.71.01"
    )
    other = {"Authorization": f"Bearer {secret}"}
    desk = {"Authorization": f"Bearer {keys[Role.DESK]}"}
    complaint = await create_complaint(client, desk)
    assigned = await client.post(
        f"/v1/complaints/{complaint['id']}/assignments",
        json={"unit_code": GAMBIR_OFFICE},
        headers=desk,
    )
    assignment_id = assigned.json()["id"]

    for path in (
        f"/v1/complaints/{complaint['id']}",
        f"/v1/complaints/{complaint['tracking_number']}",
        f"/v1/complaints/{complaint['tracking_number']}/history",
        f"/v1/assignments/{assignment_id}",
    ):
        response = await client.get(path, headers=other)
        assert response.status_code == 404, path
        assert "3171014505900002" not in response.text
    for params in (
        {"region": "31.71.01.1001"},
        {"q": "BPNT"},
        {"category": "bansos", "status": "assigned"},
        {"channel": "walk_in"},
    ):
        listed = await client.get("/v1/complaints", params=params, headers=other)
        assert complaint["id"] not in {c["id"] for c in listed.json()["items"]}, params
    work = await client.get("/v1/assignments", params={"unit": GAMBIR_OFFICE}, headers=other)
    assert work.status_code == 200 and work.json()["total"] == 0
    for action, body in (
        ("accept", None),
        ("return", {"reason": "Bukan wewenang unit ini."}),
        ("complete", None),
        ("follow-ups", {"note": "Sudah dicek ke lokasi."}),
    ):
        moved = await client.post(
            f"/v1/assignments/{assignment_id}/{action}",
            json=body,
            headers={**other, "If-Match": '"1"'},  # a guessed version
        )
        assert moved.status_code == 404, action
    # Dedup candidates are the desk's: an agency key is refused there outright.
    matched = await client.post(
        "/v1/dedup/matches", json={"complaint_id": complaint["id"]}, headers=other
    )
    assert matched.status_code == 403
