"""The OpenAPI page is a product: every operation documented, with errors and examples."""

import json
import re
from pathlib import Path

import jsonschema_rs
import pytest

from app.kit.openapi import SENDS
from tests.factories import GAMBIR, walk_in_body

OPEN311 = "/open311/"


def _operations(app, *, open311=True):
    """Every operation; without Open311's (`open311=False`) for the rules of Pintu's own
    shapes (422 for bad input, problem+json, JSON bodies), which Open311 answers in GeoReport
    v2's instead (400, its own error list, form bodies): tests/open311/test_api.py checks
    those."""
    for path, operations in app.openapi()["paths"].items():
        if not open311 and path.startswith(OPEN311):
            continue
        for method, operation in operations.items():
            yield f"{method.upper()} {path}", operation


def test_every_operation_has_a_summary_and_a_success_response(app):
    for name, operation in _operations(app):
        assert operation.get("summary"), name
        assert any(code.startswith("2") for code in operation["responses"]), name


def test_operations_with_parameters_or_bodies_document_their_refusals(app):
    for name, operation in _operations(app, open311=False):
        takes_input = operation.get("parameters") or operation.get("requestBody")
        if takes_input:
            assert "422" in operation["responses"], name
        if operation.get("security"):
            assert {"401", "403"} <= set(operation["responses"]), name


def test_request_bodies_carry_an_example(app):
    schemas = app.openapi()["components"]["schemas"]
    for name, operation in _operations(app, open311=False):
        body = operation.get("requestBody")
        if not body:
            continue
        ref = body["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
        assert schemas[ref].get("examples"), f"{name}: {ref} has no example"


def test_problem_responses_are_problem_json(app):
    for name, operation in _operations(app, open311=False):
        for code, response in operation["responses"].items():
            if code.startswith(("4", "5")) and code != "422":
                assert "application/problem+json" in response.get("content", {}), (name, code)


WALK_IN = {"category": "bansos", "description": "Bansos belum diterima", "kelurahan_code": GAMBIR}
POINT = {"lat": -6.18, "lon": 106.83}


@pytest.mark.parametrize(
    ("schema", "body", "valid"),
    [
        ("ComplaintCreate", {**WALK_IN, **POINT}, True),
        ("ComplaintCreate", {**WALK_IN, "lat": None}, True),
        ("ComplaintCreate", {**WALK_IN, "lat": -6.18}, False),
        ("ComplaintCreate", {**WALK_IN, "lat": None, "lon": 106.83}, False),
        ("ComplaintPatch", {"address": "Jl. Cikini Raya"}, True),
        ("ComplaintPatch", {"lat": None, "lon": None}, True),
        ("ComplaintPatch", {}, False),
        ("ComplaintPatch", {"description": None}, False),
        ("ComplaintPatch", {"lat": None}, False),
        ("ComplaintPatch", {"lat": -6.18, "lon": None}, False),
        ("ComplaintPatch", {"rt": "000"}, False),
        ("ApiKeyCreate", {"name": "Meja", "role": "desk"}, True),
        ("ApiKeyCreate", {"name": "Kelurahan", "role": "agency", "unit_code": "k-1"}, True),
        ("ApiKeyCreate", {"name": "Kelurahan", "role": "agency"}, False),
        ("ApiKeyCreate", {"name": "Meja", "role": "desk", "unit_code": "k-1"}, False),
        ("MatchRequest", {"complaint_id": "WI-2026-000042"}, True),
        ("MatchRequest", {"complaint": WALK_IN}, True),
        ("MatchRequest", {}, False),
        ("MatchRequest", {"complaint_id": "WI-2026-000042", "complaint": WALK_IN}, False),
    ],
)
def test_request_schemas_state_the_rules_between_fields(app, schema, body, valid):
    """What a validator checks across fields, the document says too, so that a client (or a
    generated test) can tell a body Pintu takes from one it refuses."""
    document = {"$ref": f"#/components/schemas/{schema}", **app.openapi()}
    assert jsonschema_rs.Draft202012Validator(document).is_valid(body) is valid


@pytest.mark.parametrize("header", ["Idempotency-Key", "If-Match"])
def test_request_headers_offer_no_value_a_client_would_send_twice(app, header):
    # A fixed example is what generated clients (and copy-paste) send: every request after
    # the first would collide with it (Idempotency-Key) or name a version that is not current.
    for name, operation in _operations(app):
        for parameter in operation.get("parameters", []):
            if parameter["in"] == "header" and parameter["name"] == header:
                offered = {"example", "examples"} & {*parameter, *parameter["schema"]}
                assert not offered, f"{name}: {header} offers {offered}"


def _query_strings(app):
    """Every string query parameter of a GET on a path without parameters."""
    for path, operations in app.openapi()["paths"].items():
        operation = operations.get("get")
        if "{" in path or operation is None:
            continue
        for parameter in operation.get("parameters", []):
            schema = parameter["schema"]
            schema = next((s for s in schema.get("anyOf", [schema]) if s.get("type")), schema)
            if parameter["in"] == "query" and schema.get("type") == "string":
                yield path, parameter["name"], schema


async def test_an_empty_query_value_the_server_refuses_the_schema_refuses_too(app, client, auth):
    from app.models.roles import Role

    checked = 0
    for path, name, schema in _query_strings(app):
        response = await client.get(path, params={name: ""}, headers=auth(Role.ADMIN))
        validator = jsonschema_rs.validator_for(schema)
        assert validator.is_valid("") == (response.status_code != 422), (path, name)
        checked += 1
    assert checked > 10


# The committed list of operationIds: a generated client's method names. Renaming an endpoint's
# function renames a method in every partner's client, so it shows here, in review.
OPERATION_IDS = Path(__file__).with_name("openapi_operation_ids.txt")


def test_operation_ids_are_the_function_names_unique_and_as_committed(app):
    ids = [operation["operationId"] for _, operation in _operations(app)]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", i) for i in ids), ids
    committed = OPERATION_IDS.read_text().split()
    assert sorted(ids) == committed, (
        "operationIds changed: a generated client's methods are renamed; if meant, update "
        f"{OPERATION_IDS.name}"
    )


def test_every_tag_is_described_and_every_operation_has_one(app):
    document = app.openapi()
    described = {t["name"] for t in document["tags"] if t.get("description")}
    for name, operation in _operations(app):
        assert len(operation.get("tags", [])) == 1, name
        assert set(operation["tags"]) <= described, f"{name}: tag {operation['tags']} undescribed"


def test_a_channels_counts_are_statistics_not_reference_data(app):
    operation = app.openapi()["paths"]["/v1/channels/{code}/stats"]["get"]
    assert operation["tags"] == ["Statistics"]


def test_no_route_declaration_is_left_in_the_document(app):
    assert SENDS not in json.dumps(app.openapi())


# Headers every client sees that describe the body or the connection, not the API.
TRANSPORT_HEADERS = {"content-type", "content-length", "date", "server", "connection", "vary"}


def _documented(app, method: str, template: str, status: int) -> dict[str, dict]:
    responses = app.openapi()["paths"][template][method.lower()]["responses"]
    response = responses.get(str(status)) or responses[f"{str(status)[0]}XX"]
    return {name.lower(): header for name, header in response.get("headers", {}).items()}


def assert_headers_documented(app, method: str, template: str, response) -> None:
    """Every header `response` carries is documented for its operation and status, and every
    header documented as required is there."""
    documented = _documented(app, method, template, response.status_code)
    carried = {name.lower() for name in response.headers} - TRANSPORT_HEADERS
    where = f"{method} {template} {response.status_code}"
    assert carried <= set(documented), f"{where}: undocumented {carried - set(documented)}"
    required = {name for name, header in documented.items() if header.get("required")}
    assert required <= carried, f"{where}: missing {required - carried}"


async def test_the_headers_of_real_answers_are_documented(app, client, auth, session):
    from app.auth import service as auth_service
    from app.models.roles import Role

    desk, admin = auth(Role.DESK), auth(Role.ADMIN)
    checked = []

    async def check(method, template, path, expect, **kwargs):
        response = await client.request(method, path, **kwargs)
        assert response.status_code == expect, response.text
        assert_headers_documented(app, method, template, response)
        checked.append(response)
        return response

    key = {"Idempotency-Key": "headers-test-1"}
    made = await check(
        "POST",
        "/v1/complaints",
        "/v1/complaints",
        201,
        json=walk_in_body(),
        headers={**desk, **key},
    )
    assert {"etag", "location", "ratelimit", "cache-control"} <= set(made.headers)
    replayed = await check(
        "POST",
        "/v1/complaints",
        "/v1/complaints",
        201,
        json=walk_in_body(),
        headers={**desk, **key},
    )
    assert replayed.headers["idempotent-replayed"] == "true"
    ref = made.json()["id"]
    got = await check("GET", "/v1/complaints/{ref}", f"/v1/complaints/{ref}", 200, headers=desk)
    assert got.headers["etag"] == made.headers["etag"]
    stale = await check(
        "PATCH",
        "/v1/complaints/{ref}",
        f"/v1/complaints/{ref}",
        412,
        json={"address": "Jl. Kebon Sirih"},
        headers={**desk, "If-Match": '"999"'},
    )
    assert stale.headers["etag"] == got.headers["etag"]
    await check("GET", "/v1/complaints/{ref}", "/v1/complaints/WI-2026-999999", 404, headers=desk)
    refused = await check("GET", "/v1/complaints", "/v1/complaints", 401)
    assert refused.headers["www-authenticate"] == "Bearer"
    await check("GET", "/v1/complaints", "/v1/complaints", 403, headers=auth(Role.INTEGRATION))
    assigned = await check(
        "POST",
        "/v1/complaints/{ref}/assignments",
        f"/v1/complaints/{ref}/assignments",
        201,
        json={"unit_code": "kelurahan-31.71.01.1001"},
        headers=desk,
    )
    assert {"etag", "location"} <= set(assigned.headers)
    channel = await check(
        "POST",
        "/v1/channels",
        "/v1/channels",
        201,
        json={"code": "hdr_test", "name": "Meja uji", "tracking_prefix": "HT"},
        headers=admin,
    )
    assert channel.headers["location"] == "/v1/channels/hdr_test"
    await check("GET", "/v1/regions", "/v1/regions", 200)
    await check("GET", "/v1/channels/{code}/stats", "/v1/channels/walk_in/stats", 200)
    tracked = await check(
        "GET",
        "/v1/track/{tracking_number}",
        f"/v1/track/{made.json()['tracking_number']}",
        200,
        headers={"Receipt-Code": made.json()["receipt_code"]},
    )
    assert tracked.headers["cache-control"] == "no-store"
    await check("POST", "/v1/complaints", "/v1/complaints", 422, json={}, headers=desk)

    _, once = await auth_service.create_key(
        session, name="one a minute", role=Role.VIEWER, rate_limit_per_minute=1
    )
    await session.commit()
    viewer = {"Authorization": f"Bearer {once}"}
    await check("GET", "/v1/complaints", "/v1/complaints", 200, headers=viewer)
    limited = await check("GET", "/v1/complaints", "/v1/complaints", 429, headers=viewer)
    assert {"retry-after", "ratelimit", "ratelimit-policy"} <= set(limited.headers)
    assert all("x-request-id" in r.headers for r in checked)
