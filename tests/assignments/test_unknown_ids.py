"""Unknown and malformed assignment ids: reading or moving one is 404 (422 naming the id when it
is no UUID at all), and another unit's assignment gets the same answer as one that does not
exist."""

from __future__ import annotations

import pytest

from app.models.roles import Role
from tests.assignments.test_lifecycle import KECAMATAN_GAMBIR, agency_key, assign
from tests.factories import create_complaint

PROBLEM = "application/problem+json"
MISSING_ID = "00000000-0000-0000-0000-000000000000"

# Each way to read or move an assignment, with a body it would take: what is refused is the id.
REQUESTS = [
    ("GET", "", None),
    ("POST", "/accept", None),
    ("POST", "/return", {"reason": "Bukan wewenang kelurahan."}),
    ("POST", "/follow-ups", {"note": "Sudah dicek."}),
    ("POST", "/complete", None),
]
IDS = [f"{method} {suffix or '/'}" for method, suffix, _ in REQUESTS]


async def _send(client, headers, assignment_id, method, suffix, body):
    # A guessed version: the id is looked up before the version is compared.
    return await client.request(
        method,
        f"/v1/assignments/{assignment_id}{suffix}",
        json=body,
        headers={**headers, "If-Match": '"1"'},
    )


def _without_request(problem: dict) -> dict:
    return {k: v for k, v in problem.items() if k not in {"instance", "request_id"}}


@pytest.mark.parametrize(("method", "suffix", "body"), REQUESTS, ids=IDS)
async def test_an_unknown_assignment_is_404_problem(client, auth, method, suffix, body):
    for role in (Role.AGENCY, Role.ADMIN):
        response = await _send(client, auth(role), MISSING_ID, method, suffix, body)
        assert response.status_code == 404, response.text
        assert response.headers["content-type"] == PROBLEM
        assert response.json()["detail"] == "No assignment has this id."


async def test_escalating_an_unknown_assignment_is_404_problem(client, auth):
    response = await _send(client, auth(Role.DESK), MISSING_ID, "POST", "/escalate", None)
    assert response.status_code == 404, response.text
    assert response.headers["content-type"] == PROBLEM


# An assignment's id is a UUID: a tracking number or any other text there is malformed input.
@pytest.mark.parametrize("bad_id", ["WI-2026-000001", "x", f"{MISSING_ID}0", "1"])
@pytest.mark.parametrize(("method", "suffix", "body"), REQUESTS, ids=IDS)
async def test_an_id_that_is_no_uuid_is_422_naming_it(client, auth, bad_id, method, suffix, body):
    response = await _send(client, auth(Role.AGENCY), bad_id, method, suffix, body)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["field"] == "assignment_id"


@pytest.mark.parametrize(("method", "suffix", "body"), REQUESTS, ids=IDS)
async def test_another_units_assignment_is_answered_as_a_missing_one(
    client, auth, session, method, suffix, body
):
    other = await agency_key(session, KECAMATAN_GAMBIR)
    complaint = await create_complaint(client, auth(Role.DESK))
    hidden = await assign(client, auth(Role.DESK), complaint["id"])  # Kelurahan Gambir's

    missing = await _send(client, other, MISSING_ID, method, suffix, body)
    outside = await _send(client, other, hidden["id"], method, suffix, body)

    assert missing.status_code == outside.status_code == 404
    assert _without_request(outside.json()) == _without_request(missing.json())
    # Nothing moved: its own unit still finds it pending, at its first version.
    own = await client.get(f"/v1/assignments/{hidden['id']}", headers=auth(Role.AGENCY))
    assert (own.json()["status"], own.json()["follow_ups"]) == ("pending", [])
    assert own.headers["etag"] == '"1"'
