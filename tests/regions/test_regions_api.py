"""GET /v1/regions and /v1/regions/{code}: Jakarta's 318 Kemendagri regions, open to anyone."""

import pytest

from tests.pages import refuses_a_tampered_cursor, walk

PROBLEM_JSON = "application/problem+json"
GAMBIR_KELURAHAN = [
    "31.71.01.1001",
    "31.71.01.1002",
    "31.71.01.1003",
    "31.71.01.1004",
    "31.71.01.1005",
    "31.71.01.1006",
]


async def test_all_318_regions_are_listed_without_a_key(client):
    response = await client.get("/v1/regions")

    assert response.status_code == 200
    body = response.json()
    assert body["total"] == 318
    assert (body["limit"], body["offset"]) == (100, 0)
    assert len(body["items"]) == 100


async def test_paging_through_every_region_gives_each_once_in_code_order(client):
    codes: list[str] = []
    for offset in range(0, 400, 150):
        page = (await client.get("/v1/regions", params={"limit": 150, "offset": offset})).json()
        assert page["total"] == 318
        codes += [r["code"] for r in page["items"]]

    assert len(codes) == 318
    assert len(set(codes)) == 318
    assert codes == sorted(codes)
    assert codes[0] == "31"


@pytest.mark.parametrize(
    ("level", "count"),
    [("provinsi", 1), ("kabkota", 6), ("kecamatan", 44), ("kelurahan", 267)],
)
async def test_count_per_level(client, level, count):
    response = await client.get("/v1/regions", params={"level": level, "limit": 500})

    assert response.status_code == 200
    body = response.json()
    assert body["total"] == count
    assert len(body["items"]) == count
    assert {r["level"] for r in body["items"]} == {level}


async def test_parent_filter_lists_the_kelurahan_of_kecamatan_gambir_with_points(client):
    response = await client.get("/v1/regions", params={"parent": "31.71.01"})

    assert response.status_code == 200
    body = response.json()
    assert body["total"] == len(GAMBIR_KELURAHAN)
    assert [r["code"] for r in body["items"]] == GAMBIR_KELURAHAN
    for region in body["items"]:
        assert region["level"] == "kelurahan"
        assert region["parent_code"] == "31.71.01"
        assert isinstance(region["lat"], float)
        assert isinstance(region["lon"], float)
        assert -6.4 < region["lat"] < -5.1
        assert 106.3 < region["lon"] < 107.0
    assert body["items"][0]["name"] == "Gambir"


async def test_parent_and_level_filters_combine(client):
    response = await client.get("/v1/regions", params={"parent": "31.71", "level": "kelurahan"})

    # Kelurahan hang under kecamatan, never directly under a kota.
    assert response.status_code == 200
    assert response.json()["total"] == 0


@pytest.mark.parametrize("q", ["menteng", "MENTENG", "Menteng"])
async def test_name_search_is_case_insensitive_and_finds_kecamatan_and_kelurahan_menteng(client, q):
    response = await client.get("/v1/regions", params={"q": q})

    assert response.status_code == 200
    items = response.json()["items"]
    found = {(r["code"], r["level"]) for r in items if r["name"] == "Menteng"}
    assert found == {("31.71.06", "kecamatan"), ("31.71.06.1001", "kelurahan")}
    # Every hit contains the text; e.g. Menteng Dalam and Menteng Atas are found too.
    assert all("menteng" in r["name"].lower() for r in items)
    assert {"Menteng Dalam", "Menteng Atas"} <= {r["name"] for r in items}


@pytest.mark.parametrize("q", ["%", "_", "%enteng", "Ment_ng", "\\"])
async def test_wildcards_in_q_are_matched_literally(client, q):
    response = await client.get("/v1/regions", params={"q": q})

    assert response.status_code == 200
    assert response.json()["total"] == 0
    assert response.json()["items"] == []


async def test_q_and_level_combine(client):
    response = await client.get("/v1/regions", params={"q": "menteng", "level": "kecamatan"})

    assert response.status_code == 200
    assert [r["code"] for r in response.json()["items"]] == ["31.71.06"]


async def test_limit_and_offset_page_the_results(client):
    everything = (await client.get("/v1/regions", params={"level": "kabkota"})).json()["items"]
    first = (await client.get("/v1/regions", params={"level": "kabkota", "limit": 2})).json()
    second = (
        await client.get("/v1/regions", params={"level": "kabkota", "limit": 2, "offset": 2})
    ).json()
    beyond = (await client.get("/v1/regions", params={"level": "kabkota", "offset": 6})).json()

    assert [r["code"] for r in first["items"]] == [r["code"] for r in everything[:2]]
    assert [r["code"] for r in second["items"]] == [r["code"] for r in everything[2:4]]
    assert (first["limit"], first["offset"], first["total"]) == (2, 0, 6)
    assert (second["limit"], second["offset"], second["total"]) == (2, 2, 6)
    assert beyond["items"] == []
    assert beyond["total"] == 6


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"level": "desa"}, "level"),
        ({"level": "KELURAHAN"}, "level"),
        ({"parent": "32.01"}, "parent"),
        ({"parent": "31.71.1"}, "parent"),
        ({"limit": 0}, "limit"),
        ({"limit": 501}, "limit"),
        ({"limit": "ten"}, "limit"),
        ({"offset": -1}, "offset"),
        ({"q": "x" * 101}, "q"),
    ],
    ids=[
        "level-desa",
        "level-upper",
        "parent-jabar",
        "parent-short",
        "limit-0",
        "limit-501",
        "limit-text",
        "offset-negative",
        "q-too-long",
    ],
)
async def test_bad_filters_are_422_problem_naming_the_field(client, params, field):
    response = await client.get("/v1/regions", params=params)

    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM_JSON
    problem = response.json()
    assert problem["status"] == 422
    assert problem["type"].endswith("/validation")
    assert problem["title"]
    assert problem["field"] == field
    assert [e["field"] for e in problem["errors"]] == [field]


async def test_kelurahan_gambir_comes_with_its_parents_province_first(client):
    response = await client.get("/v1/regions/31.71.01.1001")

    assert response.status_code == 200
    body = response.json()
    assert body["code"] == "31.71.01.1001"
    assert body["name"] == "Gambir"
    assert body["level"] == "kelurahan"
    assert body["parent_code"] == "31.71.01"
    assert body["lat"] is not None and body["lon"] is not None
    assert [p["code"] for p in body["parents"]] == ["31", "31.71", "31.71.01"]
    assert [p["level"] for p in body["parents"]] == ["provinsi", "kabkota", "kecamatan"]
    assert body["parents"][2]["name"] == "Gambir"


async def test_the_province_has_no_parents(client):
    response = await client.get("/v1/regions/31")

    assert response.status_code == 200
    body = response.json()
    assert body["level"] == "provinsi"
    assert body["parent_code"] is None
    assert body["parents"] == []


async def test_unknown_well_formed_code_is_404_problem(client):
    response = await client.get("/v1/regions/31.79.99.9999")

    assert response.status_code == 404
    assert response.headers["content-type"] == PROBLEM_JSON
    problem = response.json()
    assert problem["status"] == 404
    assert problem["type"].endswith("/not-found")
    assert "31.79.99.9999" in problem["detail"]
    assert problem["instance"] == "/v1/regions/31.79.99.9999"


@pytest.mark.parametrize("code", ["abc", "31.71.01.100", "32.71", "31.71.01.1001.1"])
async def test_malformed_code_is_422_problem(client, code):
    response = await client.get(f"/v1/regions/{code}")

    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM_JSON
    assert response.json()["field"] == "code"


async def test_paging_by_cursor_gives_every_region_once_in_code_order(client):
    pages = await walk(client, "/v1/regions", limit=150)
    codes = [r["code"] for page in pages for r in page]

    assert [len(p) for p in pages] == [150, 150, 18]
    assert codes == sorted(set(codes)) and len(codes) == 318
    await refuses_a_tampered_cursor(client, "/v1/regions")


async def test_offset_still_pages_but_says_it_is_deprecated(client):
    response = await client.get("/v1/regions", params={"limit": 5, "offset": 10})

    assert response.status_code == 200
    assert response.headers["deprecation"].startswith("@")
    body = response.json()
    assert (body["offset"], body["total"]) == (10, 318)
    # Its next_cursor carries on from where the offset page ends.
    after = await client.get("/v1/regions", params={"limit": 5, "cursor": body["next_cursor"]})
    every = (await client.get("/v1/regions", params={"limit": 20})).json()["items"]
    assert [r["code"] for r in after.json()["items"]] == [r["code"] for r in every[15:20]]
    assert "deprecation" not in after.headers
