"""Open311 through the app in the test's transaction: what the OpenAPI page says of it, a linked
duplicate, the list's cap, and inputs that must be refused in Open311's format, never with a
500."""

from __future__ import annotations

import json

import pytest

from app.models.roles import Role
from app.open311 import service
from app.open311.router import PREFIX
from tests.factories import create_complaint


def _operations(app):
    for path, operations in app.openapi()["paths"].items():
        if path.startswith(PREFIX):
            for method, operation in operations.items():
                yield f"{method.upper()} {path}", operation


def test_the_openapi_page_documents_open311s_own_error_format(app):
    operations = dict(_operations(app))
    assert len(operations) == 6
    for name, operation in operations.items():
        responses = operation["responses"]
        assert operation["summary"] and operation["tags"] == ["Open311"], name
        assert set(responses["200"]["content"]) == {"application/json", "text/xml"}, name
        # Malformed input is 400 here, not Pintu's 422; every refusal is a list of errors.
        assert "422" not in responses, name
        assert "400" in responses or name.endswith("discovery.{format}"), name
        for code, response in responses.items():
            if code == "200":
                continue
            content = response["content"]
            assert set(content) == {"application/json", "text/xml"}, (name, code)
            items = content["application/json"]["schema"]["items"]
            assert items == {"$ref": "#/components/schemas/Open311Error"}, (name, code)
            assert content["text/xml"]["example"].count("<error>") == 1, (name, code)


def test_the_form_is_documented_with_an_example(app):
    operation = app.openapi()["paths"][f"{PREFIX}/requests.{{format}}"]["post"]
    schema = operation["requestBody"]["content"]["application/x-www-form-urlencoded"]["schema"]
    assert set(schema["required"]) == {"api_key", "service_code", "lat", "long", "description"}
    assert schema["examples"][0]["service_code"] == "jalan"


async def test_a_linked_duplicate_follows_the_complaint_it_repeats(client, auth):
    desk = auth(Role.DESK)
    pothole = {"category": "jalan", "description": "Jalan berlubang di depan SDN 03."}
    first = await create_complaint(client, desk, **pothole)
    second = await create_complaint(client, desk, **pothole)
    linked = await client.post(
        f"/v1/complaints/{second['id']}/duplicate-of",
        json={"canonical_id": first["id"]},
        headers=desk,
    )
    assert linked.status_code == 200, linked.text
    moved = await client.post(
        f"/v1/complaints/{first['id']}/status",
        json={"status": "rejected", "note": "Sudah diperbaiki oleh RW."},
        headers=desk,
    )
    assert moved.status_code == 200, moved.text

    response = await client.get(f"{PREFIX}/requests/{second['tracking_number']}.json")

    [shown] = response.json()
    assert shown["status"] == "closed"
    assert shown["service_notice"] == service.LINKED_NOTICE


async def test_the_list_stops_at_its_cap_newest_first(client, auth, monkeypatch):
    desk = auth(Role.DESK)
    made = [
        await create_complaint(
            client,
            desk,
            category="sampah",
            description=f"Sampah menumpuk, laporan {n}.",
            reported_at=f"2026-12-0{n}T08:00:00+07:00",
        )
        for n in (1, 2, 3)
    ]
    monkeypatch.setattr(service, "MAX_REQUESTS", 2)

    response = await client.get(
        f"{PREFIX}/requests.json",
        params={"service_code": "sampah", "start_date": "2026-11-30T00:00:00+07:00"},
    )

    assert [r["service_request_id"] for r in response.json()] == [
        made[2]["tracking_number"],
        made[1]["tracking_number"],
    ]


ODD_GETS = [
    f"{PREFIX}/services/%00.json",
    f"{PREFIX}/services/{'x' * 500}.xml",
    f"{PREFIX}/requests/%00.json",
    f"{PREFIX}/requests/%F0%9F%98%80.xml",
    f"{PREFIX}/requests.json?start_date=0001-01-01T00:00:00Z",
    f"{PREFIX}/requests.json?end_date=9999-12-31T23:59:59%2B14:00",
    f"{PREFIX}/requests.xml?start_date=2026-01-01T00:00:00-12:00&end_date=2026-01-01",
    f"{PREFIX}/requests.json?service_request_id=" + ",".join(["WI-2026-000001"] * 2000),
    f"{PREFIX}/requests.json?status=open,%00",
    f"{PREFIX}/requests.json?service_code=jalan&service_code=sampah",
    f"{PREFIX}/services.json?jurisdiction_id=%00",
    f"{PREFIX}/requests..json",
]


# A path no route matches (`discovery.`, an id holding a slash) is the API's own 404, in
# problem+json: nothing has yet told an Open311 path from another (docs/open311.md).
@pytest.mark.parametrize("path", ODD_GETS)
async def test_odd_reads_are_answered_never_with_a_500(client, path):
    response = await client.get(path)

    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        body = response.text
        if response.headers["content-type"].startswith("text/xml"):
            assert body.count("<error>") == 1 and "<description>" in body
        else:
            [error] = json.loads(body)
            assert error["code"] == response.status_code and error["description"]


# A lone surrogate sent percent-encoded arrives as U+FFFD (the form is decoded leniently).
ODD_FORMS = [
    b"",
    b"api_key",
    b"&&&===&&",
    b"api_key=%00&service_code=%00",
    b"service_code=jalan&lat=1e400&long=-1e400",
    b"service_code=jalan&lat=-6.1754&long=106.8272&description=%ED%A0%80",
    b"a=1&" * 150,
    b"lat=" + b"9" * 5000,
]


@pytest.mark.parametrize("body", ODD_FORMS)
@pytest.mark.parametrize("with_key", [False, True])
async def test_odd_forms_are_answered_never_with_a_500(client, keys, body, with_key):
    if with_key:
        body = b"api_key=" + keys[Role.CLIENT].encode() + b"&" + body
    response = await client.post(
        f"{PREFIX}/requests.json",
        content=body,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )

    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        [error] = response.json()
        assert error["code"] == response.status_code and error["description"]
