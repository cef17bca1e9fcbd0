"""GET /v1/units: every office and agency a complaint can be routed to, with escalation."""

import pytest

from app.models.roles import Role
from tests.pages import refuses_a_tampered_cursor, walk


async def _all(client, **params):
    response = await client.get("/v1/units", params={"limit": 500, **params})
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize(
    ("kind", "count"),
    [
        ("kelurahan", 267),
        ("kecamatan", 44),
        ("kota", 6),
        ("dinas", 10),
        ("suku_dinas", 60),
        ("badan", 2),
    ],
)
async def test_every_region_office_agency_and_suku_dinas_is_a_unit(client, kind, count):
    assert (await _all(client, kind=kind))["total"] == count


async def test_units_escalate_kelurahan_to_kecamatan_to_kota(client):
    kelurahan = (await client.get("/v1/units/kelurahan-31.71.01.1001")).json()
    assert kelurahan["name"] == "Kelurahan Gambir"
    kecamatan = (await client.get(f"/v1/units/{kelurahan['parent_code']}")).json()
    assert (kecamatan["code"], kecamatan["kind"]) == ("kecamatan-31.71.01", "kecamatan")
    kota = (await client.get(f"/v1/units/{kecamatan['parent_code']}")).json()
    assert (kota["code"], kota["name"]) == ("kota-31.71", "Kantor Wali Kota Jakarta Pusat")
    assert kota["parent_code"] is None


async def test_a_suku_dinas_escalates_to_its_dinas(client):
    branches = (await _all(client, parent="dinas-bina-marga"))["items"]
    assert {b["region_code"] for b in branches} == {
        "31.01",
        "31.71",
        "31.72",
        "31.73",
        "31.74",
        "31.75",
    }
    pusat = next(b for b in branches if b["region_code"] == "31.71")
    assert pusat["name"] == "Suku Dinas Bina Marga Jakarta Pusat"


@pytest.mark.parametrize(
    "name",
    [
        "Dinas Sosial",
        "Dinas Kependudukan",
        "Dinas Bina Marga",
        "Dinas Sumber Daya Air",
        "Dinas Lingkungan Hidup",
        "Dinas Kesehatan",
        "Dinas Pendidikan",
        "Satuan Polisi Pamong Praja",
        "Dinas Perhubungan",
        "Dinas Cipta Karya",
        "PAM Jaya",
        "Biro Pemerintahan",
    ],
)
async def test_the_agencies_that_handle_the_categories_exist(client, name):
    found = await _all(client, q=name, region="31")
    assert found["total"] == 1, found


async def test_units_filter_by_region_and_name(client):
    gambir = await _all(client, region="31.71.01.1001")
    assert [u["code"] for u in gambir["items"]] == ["kelurahan-31.71.01.1001"]
    assert (await _all(client, q="%"))["total"] == 0


@pytest.mark.parametrize(
    ("path", "status"), [("/v1/units/tidak-ada", 404), ("/v1/units?kind=rt", 422)]
)
async def test_unknown_units_and_kinds_are_refused(client, path, status):
    response = await client.get(path)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"


async def test_an_agency_key_acts_for_its_unit(client, auth, keys):
    listed = (await client.get("/v1/api-keys", headers=auth(Role.ADMIN))).json()["items"]
    agency = next(k for k in listed if k["role"] == "agency")
    assert agency["unit_code"] == "kelurahan-31.71.01.1001"


async def test_paging_by_cursor_gives_every_unit_once_in_display_order(client):
    every = (await _all(client))["items"]
    pages = await walk(client, "/v1/units", limit=37)

    assert [u["code"] for page in pages for u in page] == [u["code"] for u in every]
    assert len(every) == 267 + 44 + 6 + 10 + 60 + 2
    await refuses_a_tampered_cursor(client, "/v1/units")
    deprecated = await client.get("/v1/units", params={"offset": 3, "limit": 2})
    assert "deprecation" in deprecated.headers
    assert [u["code"] for u in deprecated.json()["items"]] == [u["code"] for u in every[3:5]]
