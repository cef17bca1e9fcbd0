"""Assignment moves from the wrong state: each is refused as problem+json naming the field, and
leaves the assignment, its follow-ups and the complaint's history as they were."""

from __future__ import annotations

import pytest

from app.models.roles import Role
from tests.assignments.test_lifecycle import act, assign
from tests.factories import create_complaint

PROBLEM = "application/problem+json"
REASON = "Bukan wewenang kelurahan: jalan provinsi"


async def _state(client, auth, assignment_id, complaint_id):
    """What a user can read of an assignment and its complaint: the assignment with its
    follow-ups and ETag, the complaint's status and version, and every line of its history."""
    desk = auth(Role.DESK)
    detail = await client.get(f"/v1/assignments/{assignment_id}", headers=desk)
    complaint = (await client.get(f"/v1/complaints/{complaint_id}", headers=desk)).json()
    history = await client.get(f"/v1/complaints/{complaint_id}/history", headers=desk)
    assert detail.status_code == history.status_code == 200
    return {
        "assignment": detail.json(),
        "etag": detail.headers["etag"],
        "complaint": (complaint["status"], complaint["version"], complaint["assigned_unit_code"]),
        "history": history.json()["events"],
    }


async def _pending(client, auth):
    complaint = await create_complaint(client, auth(Role.DESK))
    return complaint, await assign(client, auth(Role.DESK), complaint["id"])


async def _accepted(client, auth):
    complaint, assignment = await _pending(client, auth)
    response = await act(client, auth(Role.AGENCY), assignment["id"], "accept")
    assert response.status_code == 200, response.text
    return complaint, assignment


async def _completed(client, auth):
    complaint, assignment = await _accepted(client, auth)
    unit = auth(Role.AGENCY)
    response = await act(client, unit, assignment["id"], "follow-ups", note="Sudah dicek")
    assert response.status_code == 201, response.text
    response = await act(client, unit, assignment["id"], "complete")
    assert response.status_code == 200, response.text
    return complaint, assignment


async def _returned(client, auth):
    complaint, assignment = await _pending(client, auth)
    response = await act(client, auth(Role.AGENCY), assignment["id"], "return", reason=REASON)
    assert response.status_code == 200, response.text
    return complaint, assignment


# docs/statuses.md and app/assignments/service.py: accept from pending; follow-ups and complete
# from accepted or in progress (complete also needs a follow-up); return from any open state.
@pytest.mark.parametrize(
    ("make", "action", "body", "status", "field"),
    [
        pytest.param(_accepted, "accept", {}, 409, "status", id="accept-twice"),
        pytest.param(_completed, "accept", {}, 409, "status", id="accept-completed"),
        pytest.param(_returned, "accept", {}, 409, "status", id="accept-returned"),
        pytest.param(
            _pending, "follow-ups", {"note": "Sudah dicek"}, 409, "status", id="follow-up-pending"
        ),
        pytest.param(
            _completed, "follow-ups", {"note": "Lagi"}, 409, "status", id="follow-up-completed"
        ),
        pytest.param(_pending, "complete", {}, 409, "status", id="complete-never-accepted"),
        pytest.param(_accepted, "complete", {}, 409, "follow_ups", id="complete-no-follow-up"),
        pytest.param(_completed, "complete", {}, 409, "status", id="complete-twice"),
        pytest.param(_returned, "complete", {}, 409, "status", id="complete-returned"),
        pytest.param(
            _completed, "return", {"reason": REASON}, 409, "status", id="return-completed"
        ),
        pytest.param(_returned, "return", {"reason": REASON}, 409, "status", id="return-twice"),
        pytest.param(_pending, "return", {}, 422, "body", id="return-without-body"),
        pytest.param(_pending, "return", {"reason": None}, 422, "reason", id="return-null-reason"),
        pytest.param(_pending, "return", {"reason": "  "}, 422, "reason", id="return-blank-reason"),
        pytest.param(_accepted, "return", {"note": REASON}, 422, "reason", id="return-no-reason"),
    ],
)
async def test_a_move_from_the_wrong_state_is_refused_and_changes_nothing(
    client, auth, make, action, body, status, field
):
    complaint, assignment = await make(client, auth)
    before = await _state(client, auth, assignment["id"], complaint["id"])

    response = await act(client, auth(Role.AGENCY), assignment["id"], action, **body)

    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["field"] == field
    assert await _state(client, auth, assignment["id"], complaint["id"]) == before
