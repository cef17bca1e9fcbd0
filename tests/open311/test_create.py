"""POST requests.json / requests.xml on a running Pintu: form bodies as Open311 clients send
them, a complaint recorded in the client key's channel, and one refusal per rule."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
import requests

from tests.open311.conftest import CLIENT_CHANNEL, SECRETS, Open311Server, parse_xml
from tests.open311.test_georeport_client import _errors

MONAS = {"lat": "-6.1754", "long": "106.8272"}  # in Kelurahan Gambir
PULAU_PRAMUKA = {"lat": "-5.7450", "long": "106.6140"}  # Kepulauan Seribu, by sea
FORM = {
    "service_code": "jalan",
    **MONAS,
    "description": "Jalan berlubang di depan halte, membahayakan pengendara motor.",
    "address_string": "Jl. Medan Merdeka Barat No. 5",
    "first_name": "Siti",
    "last_name": "Rahmawati",
    "phone": "0812-3456-7890",
    "email": "siti@example.com",
    "device_id": "android-3f2a",
    "media_url": "https://example.com/lubang.jpg",
    "attribute[depth]": "20cm",
}


def _post(server: Open311Server, form: str = "json", **fields: str) -> requests.Response:
    return requests.post(f"{server.root}/requests.{form}", data=fields, timeout=30)


def _complaint(server: Open311Server, number: str) -> dict[str, Any]:
    response = httpx.get(f"{server.base_url}/v1/complaints/{number}", headers=server.admin)
    assert response.status_code == 200, response.text
    return dict(response.json())


def _count(server: Open311Server) -> int:
    page = httpx.get(
        f"{server.base_url}/v1/complaints",
        params={"channel": CLIENT_CHANNEL, "limit": 100},
        headers=server.admin,
    )
    return len(page.json()["items"])


def test_a_request_is_recorded_in_the_client_keys_channel(open311: Open311Server) -> None:
    response = _post(open311, api_key=open311.client_key, **FORM)

    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["cache-control"] == "no-store"  # it holds the receipt code
    [created] = response.json()
    assert list(created) == ["service_request_id", "service_notice", "account_id", "receipt_code"]
    number, code = created["service_request_id"], created["receipt_code"]
    assert number.startswith("WA-") and created["account_id"] is None
    assert number in created["service_notice"] and code in created["service_notice"]
    for secret in SECRETS:
        assert secret.encode() not in response.content, secret

    stored = _complaint(open311, number)
    assert stored["channel"] == CLIENT_CHANNEL
    assert (stored["category"], stored["kelurahan_code"]) == ("jalan", "31.71.01.1001")
    assert (stored["lat"], stored["lon"]) == (-6.1754, 106.8272)
    assert stored["address"] == FORM["address_string"]
    assert stored["complainant"]["name"] == "Siti Rahmawati"
    assert stored["complainant"]["phone"] == "+6281234567890"

    # Public at once, without the complainant.
    shown = requests.get(f"{open311.root}/requests/{number}.json", timeout=30)
    assert shown.status_code == 200
    assert shown.json()[0]["description"] == FORM["description"]
    for secret in SECRETS:
        assert secret.encode() not in shown.content, secret


def test_a_request_in_xml_and_at_sea_in_kepulauan_seribu(open311: Open311Server) -> None:
    response = _post(
        open311,
        "xml",
        api_key=open311.client_key,
        jurisdiction_id="jakarta.go.id",
        service_code="sampah",
        description="Sampah plastik terdampar di dermaga.",
        **PULAU_PRAMUKA,
    )

    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/xml")
    root = parse_xml(response.content)
    assert root.tag == "service_requests"
    [request] = root
    assert request.tag == "request"
    assert [c.tag for c in request] == [
        "service_request_id",
        "service_notice",
        "account_id",
        "receipt_code",
    ]
    stored = _complaint(open311, request.findtext("service_request_id") or "")
    assert stored["kelurahan_code"] == "31.01.01.1001"  # Pulau Panggang
    assert stored["complainant"] is None


def _without(*names: str, **changes: str) -> dict[str, str]:
    return {k: v for k, v in {**FORM, **changes}.items() if k not in names}


REFUSALS = [
    # (what, the form, status, the description's start)
    ("no service_code", _without("service_code"), 400, "service_code: Field required"),
    ("a person category", _without(service_code="bansos"), 400, "service_code: bansos is not"),
    ("an unknown service", _without(service_code="jalan_tol"), 400, "service_code: jalan_tol is"),
    ("a phone as a service", _without(service_code="081234567890"), 400, "service_code: it is"),
    ("not a code", _without(service_code="Jalan Rusak"), 400, "service_code: String should"),
    ("no lat", _without("lat"), 400, "lat: send lat and long"),
    ("no long, an address", _without("long"), 400, "long: send lat and long"),
    ("lat not a number", _without(lat="enam"), 400, "lat: "),
    ("lat not finite", _without(lat="nan"), 400, "lat: "),
    ("in Bandung", _without(lat="-6.9175", long="107.6191"), 400, "lat: the point"),
    ("in Bekasi", _without(lat="-6.2383", long="106.9756"), 400, "lat: the point"),
    ("no description", _without("description"), 400, "description: "),
    ("a control character", _without(description="Jalan\x0brusak"), 400, "description: "),
    ("a bad phone", _without(phone="12345"), 400, "phone: "),
    ("a bad e-mail", _without(email="siti-at-example"), 400, "email: "),
    ("another jurisdiction", _without(jurisdiction_id="bandung.go.id"), 400, "jurisdiction_id"),
]


@pytest.mark.parametrize("form", ["json", "xml"])
@pytest.mark.parametrize(
    ("what", "fields", "status", "start"), REFUSALS, ids=[r[0] for r in REFUSALS]
)
def test_each_rule_refuses_naming_the_field(
    open311: Open311Server, form: str, what: str, fields: dict[str, str], status: int, start: str
) -> None:
    before = _count(open311)

    response = _post(open311, form, api_key=open311.client_key, **fields)

    assert response.status_code == status, response.text
    [(code, description)] = _errors(response)
    assert code == status and description.startswith(start), description
    assert _count(open311) == before
    for value in ("12345", "siti-at-example", "0812-3456-7890", "Rahmawati"):
        assert value.encode() not in response.content


@pytest.mark.parametrize(
    ("what", "key", "start"),
    [
        ("no key", None, "api_key: send a client key"),
        ("a made-up key", "pintu_not-a-real-key", "api_key: the key is not valid"),
        ("a desk key", "desk", "api_key: this key may not send service requests"),
        ("an admin key", "admin", "api_key: this key may not send service requests"),
    ],
)
def test_a_request_needs_a_client_key(
    open311: Open311Server, what: str, key: str | None, start: str
) -> None:
    keys = {"desk": open311.desk_key, "admin": open311.admin["Authorization"].split()[1]}
    fields = dict(FORM)
    if key is not None:
        fields["api_key"] = keys.get(key, key)

    response = _post(open311, **fields)

    assert response.status_code == 403, response.text
    [(code, description)] = _errors(response)
    assert code == 403 and description.startswith(start), description


def test_only_a_form_is_read(open311: Open311Server) -> None:
    as_json = requests.post(
        f"{open311.root}/requests.json", json={"api_key": open311.client_key, **FORM}, timeout=30
    )
    assert as_json.status_code == 400
    assert _errors(as_json) == [
        (400, "body: send the fields as application/x-www-form-urlencoded.")
    ]

    twice = requests.post(
        f"{open311.root}/requests.json",
        data=[("api_key", open311.client_key), *FORM.items(), ("service_code", "sampah")],
        timeout=30,
    )
    assert twice.status_code == 400
    assert _errors(twice) == [(400, "service_code: a field came twice; send each once.")]

    latin1 = requests.post(
        f"{open311.root}/requests.json",
        data="description=Jalan%20rusak%20di%20depan%20\xe9".encode("latin-1"),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        timeout=30,
    )
    assert latin1.status_code == 400
    assert _errors(latin1) == [(400, "body: the form is not UTF-8.")]
