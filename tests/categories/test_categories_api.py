"""GET /v1/categories and /v1/categories/{code}: the 14 contract codes, open to anyone."""

import pytest

PROBLEM_JSON = "application/problem+json"
HANDLERS = {"kelurahan", "kecamatan", "kota", "agency"}

# The public contract: clients and reports depend on these codes and their kind.
CONTRACT = {
    "bansos": "person",
    "pertanahan": "person",
    "kependudukan": "person",
    "kesehatan": "person",
    "pendidikan": "person",
    "jalan": "place",
    "saluran": "place",
    "sampah": "place",
    "penerangan_jalan": "place",
    "ketertiban": "place",
    "air_bersih": "place",
    "perizinan": "place",
    "transportasi": "place",
    "lainnya": "place",
}


async def test_exactly_the_contract_categories_are_listed_without_a_key(client):
    response = await client.get("/v1/categories")

    assert response.status_code == 200
    items = response.json()["items"]
    assert len(items) == 14
    assert {c["code"]: c["kind"] for c in items} == CONTRACT


async def test_every_category_has_both_names_and_a_known_handler(client):
    items = (await client.get("/v1/categories")).json()["items"]

    for category in items:
        assert category["name_id"].strip(), category["code"]
        assert category["name_en"].strip(), category["code"]
        assert category["handled_by"] in HANDLERS, category["code"]


@pytest.mark.parametrize(("code", "kind"), sorted(CONTRACT.items()))
async def test_each_contract_code_can_be_fetched(client, code, kind):
    response = await client.get(f"/v1/categories/{code}")

    assert response.status_code == 200
    body = response.json()
    assert body["code"] == code
    assert body["kind"] == kind
    assert body["handled_by"] in HANDLERS


async def test_jalan_is_a_damaged_road_handled_by_the_kelurahan(client):
    response = await client.get("/v1/categories/jalan")

    assert response.status_code == 200
    body = response.json()
    description = body.pop("description")
    assert body == {
        "code": "jalan",
        "name_id": "Jalan Rusak",
        "name_en": "Damaged roads",
        "kind": "place",
        "handled_by": "kelurahan",
    }
    assert "Potholes" in description


@pytest.mark.parametrize("code", ["banjir", "JALAN", "jalan_rusak"])
async def test_unknown_category_is_404_problem(client, code):
    response = await client.get(f"/v1/categories/{code}")

    assert response.status_code == 404
    assert response.headers["content-type"] == PROBLEM_JSON
    problem = response.json()
    assert problem["status"] == 404
    assert problem["type"].endswith("/not-found")
    assert code in problem["detail"]


async def test_overlong_category_code_is_422_problem(client):
    response = await client.get("/v1/categories/" + "x" * 33)

    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM_JSON
    assert response.json()["field"] == "code"


async def test_a_nul_in_the_category_code_is_a_client_error(client):
    response = await client.get("/v1/categories/jal%00an")

    assert response.status_code in (404, 422)
    assert response.headers["content-type"] == PROBLEM_JSON
