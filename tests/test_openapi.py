"""The OpenAPI page is a product: every operation documented, with errors and examples."""

import jsonschema_rs
import pytest

from tests.factories import GAMBIR

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
