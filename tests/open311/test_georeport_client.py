"""Pintu's Open311 API read by a real GeoReport v2 client (the `georeport` package, over
`requests`, on a real socket), in JSON and in XML, and its XML read again with the standard
library against the element names of the GeoReport v2 spec."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import httpx
import pytest
import requests
from georeport import GeoReport

from app.kit.timeutil import JAKARTA, end_of_day, now
from tests.open311.conftest import PUBLIC_BASE_URL, SECRETS, Open311Server, parse_xml

PLACE_SERVICES = {
    "jalan",
    "saluran",
    "sampah",
    "penerangan_jalan",
    "ketertiban",
    "air_bersih",
    "perizinan",
    "transportasi",
    "lainnya",
}
PERSON_SERVICES = {"bansos", "pertanahan", "kependudukan", "kesehatan", "pendidikan"}
# The spec's fields, in its order.
SERVICE_FIELDS = [
    "service_code",
    "service_name",
    "description",
    "metadata",
    "type",
    "keywords",
    "group",
]
REQUEST_FIELDS = [
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
]
FORMATS = ["json", "xml"]


def _client(server: Open311Server, form: str) -> GeoReport:
    return GeoReport(server.root, jurisdiction="jakarta.go.id", output_format=form)


def _as_list(found: Any) -> list[dict[str, Any]]:
    # xmltodict gives one child element as a dict, several as a list.
    return found if isinstance(found, list) else [found]


def _raw(server: Open311Server, path: str, **params: str) -> requests.Response:
    return requests.get(f"{server.root}/{path}", params=params, timeout=30)


def _ids(found: list[dict[str, Any]]) -> set[str]:
    return {r["service_request_id"] for r in found}


@pytest.mark.parametrize("form", FORMATS)
def test_services_are_the_place_categories(open311: Open311Server, form: str) -> None:
    services = _as_list(_client(open311, form).get_service_list())

    assert {s["service_code"] for s in services} == PLACE_SERVICES
    jalan = next(s for s in services if s["service_code"] == "jalan")
    assert list(jalan) == SERVICE_FIELDS
    assert jalan["service_name"] == "Jalan Rusak"
    assert jalan["type"] == "realtime"
    assert jalan["metadata"] in (False, "false")
    assert "damaged roads" in jalan["keywords"].split(",")


@pytest.mark.parametrize("form", FORMATS)
def test_a_service_definition_has_no_attributes(open311: Open311Server, form: str) -> None:
    definition = _client(open311, form).get_service_definition("saluran")

    assert definition["service_code"] == "saluran"
    assert definition["attributes"] in ([], None)  # XML: an empty <attributes/>


@pytest.mark.parametrize("form", FORMATS)
@pytest.mark.parametrize("code", ["bansos", "no_such_service"])
def test_a_person_category_is_no_service(open311: Open311Server, form: str, code: str) -> None:
    response = _raw(open311, f"services/{code}.{form}")

    assert response.status_code == 404
    assert _errors(response) == [
        (404, f"service_code: {code} is not a service; services.json lists them.")
    ]


def _errors(response: requests.Response) -> list[tuple[int, str]]:
    """The refusals of an Open311 error answer, read from JSON or from XML."""
    if response.headers["content-type"].startswith("text/xml"):
        root = parse_xml(response.content)
        assert root.tag == "errors"
        found = []
        for error in root:
            assert error.tag == "error" and [c.tag for c in error] == ["code", "description"]
            found.append((int(error.findtext("code") or 0), error.findtext("description") or ""))
        return found
    assert response.headers["content-type"].startswith("application/json")
    return [(e["code"], e["description"]) for e in response.json()]


@pytest.mark.parametrize("form", FORMATS)
def test_the_list_shows_public_complaints_about_a_place(open311: Open311Server, form: str) -> None:
    found = _as_list(_client(open311, form).get_service_requests())

    numbers = open311.numbers
    assert _ids(found) == {numbers["place"], numbers["closed"], numbers["jaki_public"]}
    assert all(list(r) == REQUEST_FIELDS for r in found)
    times = [r["requested_datetime"] for r in found]
    assert times == sorted(times, reverse=True)  # newest first


@pytest.mark.parametrize("form", FORMATS)
def test_each_filter(open311: Open311Server, form: str) -> None:
    client, numbers = _client(open311, form), open311.numbers

    by_id = client.get_service_requests(
        service_request_id=",".join(
            [numbers["place"], numbers["old"], numbers["person"], numbers["jaki_private"]]
        ),
        start_date="2020-01-01T00:00:00Z",  # overridden by the ids
        end_date="2020-01-02T00:00:00Z",
    )
    assert _ids(_as_list(by_id)) == {numbers["place"], numbers["old"]}

    by_code = client.get_service_requests(service_code="jalan,bansos")
    assert _ids(_as_list(by_code)) == {numbers["place"], numbers["jaki_public"]}

    opened = client.get_service_requests(status="open")
    assert _ids(_as_list(opened)) == {numbers["place"], numbers["jaki_public"]}
    closed = client.get_service_requests(status="closed")
    assert _ids(_as_list(closed)) == {numbers["closed"]}
    both = client.get_service_requests(status="open,closed")
    assert len(_as_list(both)) == 3

    start = (now() - timedelta(days=120)).astimezone(JAKARTA).replace(microsecond=0)
    window = client.get_service_requests(
        start_date=start.isoformat(), end_date=(start + timedelta(days=30)).isoformat()
    )
    assert _ids(_as_list(window)) == {numbers["old"]}
    # Only a start: the 90 days after it.
    after = client.get_service_requests(start_date=start.isoformat())
    assert _ids(_as_list(after)) == {numbers["old"]}


@pytest.mark.parametrize("form", FORMATS)
def test_one_request_as_the_spec_maps_it(open311: Open311Server, form: str) -> None:
    number = open311.numbers["place"]

    found = _client(open311, form).get_service_request(number)

    assert found["service_request_id"] == number
    assert found["status"] == "open"
    assert found["service_code"] == "jalan" and found["service_name"] == "Jalan Rusak"
    assert found["agency_responsible"] == open311.unit_name
    assert (
        found["status_notes"]
        == "Sudah dicek bersama [dihapus], telp [dihapus]; penambalan pekan depan."
    )
    assert found["description"] == (
        "Jalan berlubang besar depan rumah [dihapus]; kabari [dihapus] atau [dihapus]."
    )
    assert found["address"] == "Jl. Medan Merdeka Selatan No. 8 (rumah [dihapus])"
    assert float(found["lat"]) == -6.1815 and float(found["long"]) == 106.8283
    assert found["address_id"] is None and found["zipcode"] is None
    assert found["media_url"] is None and found["service_notice"] is None
    for name in ("requested_datetime", "updated_datetime", "expected_datetime"):
        assert found[name].endswith("+07:00"), name
        datetime.fromisoformat(found[name])
    # Open311 wants a datetime: the end of the day the assignment is due, in Jakarta.
    expected = datetime.fromisoformat(found["expected_datetime"])
    assert expected == end_of_day(date.fromisoformat(open311.finish_by))


@pytest.mark.parametrize("form", FORMATS)
def test_a_public_jaki_report_shows_its_first_photo(open311: Open311Server, form: str) -> None:
    found = _client(open311, form).get_service_request(open311.numbers["jaki_public"])

    assert found["media_url"] == "https://jaki.jakarta.go.id/media/r/0000001-1.jpg"
    assert found["agency_responsible"] is None and found["expected_datetime"] is None


@pytest.mark.parametrize("form", FORMATS)
@pytest.mark.parametrize("name", ["person", "jaki_private", "jaki_person"])
def test_what_is_not_public_is_not_found(open311: Open311Server, form: str, name: str) -> None:
    response = _raw(open311, f"requests/{open311.numbers[name]}.{form}")

    assert response.status_code == 404
    assert _errors(response) == [(404, "service_request_id: No service request has this id.")]


def test_the_xml_uses_the_specs_element_names(open311: Open311Server) -> None:
    services = parse_xml(_raw(open311, "services.xml").content)
    assert services.tag == "services"
    assert {child.tag for child in services} == {"service"}
    assert all([f.tag for f in s] == SERVICE_FIELDS for s in services)

    definition = parse_xml(_raw(open311, "services/jalan.xml").content)
    assert definition.tag == "service_definition"
    assert [c.tag for c in definition] == ["service_code", "attributes"]

    listed = parse_xml(_raw(open311, "requests.xml").content)
    assert listed.tag == "service_requests"
    assert {child.tag for child in listed} == {"request"}
    assert all([f.tag for f in r] == REQUEST_FIELDS for r in listed)

    one = parse_xml(_raw(open311, f"requests/{open311.numbers['place']}.xml").content)
    assert one.tag == "service_requests" and len(one) == 1

    discovery = parse_xml(_raw(open311, "discovery.xml").content)
    assert discovery.tag == "discovery"
    assert [c.tag for c in discovery] == ["changeset", "contact", "key_service", "endpoints"]
    [endpoint] = discovery.find("endpoints") or []
    assert endpoint.tag == "endpoint"
    assert [c.tag for c in endpoint] == ["specification", "url", "changeset", "type", "formats"]
    assert [f.text for f in endpoint.find("formats") or []] == ["text/xml", "application/json"]


def test_discovery_names_the_configured_public_endpoint_whatever_the_host_header(
    open311: Open311Server,
) -> None:
    response = _raw(open311, "discovery.json")
    forged = httpx.get(
        f"{open311.root}/discovery.json", headers={"Host": "attacker.example"}, timeout=30
    )

    assert response.status_code == forged.status_code == 200
    [endpoint] = response.json()["endpoints"]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"] == f"{PUBLIC_BASE_URL}/open311/v2"
    assert endpoint["formats"] == ["text/xml", "application/json"]
    assert forged.json() == response.json()
    # The endpoint it names is the one a client reads (here on loopback, under the same path).
    assert endpoint["url"].removeprefix(PUBLIC_BASE_URL) == "/open311/v2"
    services = GeoReport(open311.root).get_service_list()
    assert {s["service_code"] for s in services} == PLACE_SERVICES


def test_no_answer_shows_a_name_or_an_identifier(open311: Open311Server) -> None:
    numbers = ",".join(open311.numbers.values())
    paths = [
        ("services.json", {}),
        ("requests.json", {}),
        ("requests.json", {"service_request_id": numbers}),
        ("requests.xml", {"service_request_id": numbers}),
        *[(f"requests/{n}.{f}", {}) for n in open311.numbers.values() for f in FORMATS],
    ]
    for path, params in paths:
        body = _raw(open311, path, **params).content
        for secret in SECRETS:
            assert secret.encode() not in body, (path, secret)
    # Nor does anything about a person, listed or not.
    everything = _raw(open311, "requests.json", service_request_id=numbers).content
    assert b"Bansos" not in everything and b"laporan pribadi" not in everything


@pytest.mark.parametrize(
    ("params", "field"),
    [
        (
            {"start_date": "2026-01-01T00:00:00+07:00", "end_date": "2026-06-01T00:00:00+07:00"},
            "end_date",
        ),
        ({"start_date": "2026-06-01T00:00:00Z", "end_date": "2026-05-01T00:00:00Z"}, "end_date"),
        ({"start_date": "yesterday"}, "start_date"),
        ({"status": "pending"}, "status"),
        ({"service_code": "Jalan Rusak"}, "service_code"),
        ({"jurisdiction_id": "bandung.go.id"}, "jurisdiction_id"),
        ({"service_request_id": "WI-2026-000001;DROP"}, "service_request_id"),
    ],
)
@pytest.mark.parametrize("form", FORMATS)
def test_a_bad_filter_is_refused_naming_it(
    open311: Open311Server, form: str, params: dict[str, str], field: str
) -> None:
    response = _raw(open311, f"requests.{form}", **params)

    assert response.status_code == 400, response.text
    [(code, description)] = _errors(response)
    assert code == 400 and description.startswith(f"{field}: "), description


def test_the_one_jurisdiction_is_accepted(open311: Open311Server) -> None:
    response = _raw(open311, "services.json", jurisdiction_id="jakarta.go.id")
    assert response.status_code == 200


@pytest.mark.parametrize("path", ["services.html", "requests.csv", "services/jalan.yaml"])
def test_another_suffix_is_not_found(open311: Open311Server, path: str) -> None:
    response = _raw(open311, path)

    assert response.status_code == 404
    assert _errors(response) == [(404, "format: a path ends in .json or .xml, nothing else")]


def test_the_client_library_raises_on_a_refusal(open311: Open311Server) -> None:
    with pytest.raises(requests.HTTPError) as raised:
        _client(open311, "json").get_service_request("WI-1999-000001")
    assert raised.value.response.status_code == 404
