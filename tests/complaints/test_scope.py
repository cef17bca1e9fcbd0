"""An agency key's scope: what lies outside it cannot be told apart from what does not exist."""

from __future__ import annotations

from app.auth.roles import Role
from tests.assignments.test_lifecycle import KECAMATAN_GAMBIR, agency_key, assign
from tests.factories import create_complaint
from tests.statements import statements_sent

MISSING_ID = "00000000-0000-0000-0000-000000000000"
# Kept out of the count: the key's own bookkeeping (its lookup and its rate-limit counter),
# which does not depend on the complaint asked for and may fall on a new minute mid-test.
_BOOKKEEPING = ("api_keys", "rate_limit_windows")


def _lookups(sent: list[str]) -> list[str]:
    return [s for s in sent if not any(table in s for table in _BOOKKEEPING)]


def _without_request(problem: dict) -> dict:
    return {k: v for k, v in problem.items() if k not in {"instance", "request_id"}}


async def test_a_hidden_complaint_costs_the_same_work_as_a_missing_one(
    client, auth, session, connection
):
    other = await agency_key(session, KECAMATAN_GAMBIR)
    hidden = await create_complaint(client, auth(Role.DESK))
    await assign(client, auth(Role.DESK), hidden["id"])  # Kelurahan Gambir's, not the kecamatan's
    await client.get(f"/v1/complaints/{MISSING_ID}", headers=other)  # the key is known now

    answers, counts = [], []
    for ref in (MISSING_ID, hidden["id"], hidden["tracking_number"], "WI-1999-000001"):
        with statements_sent(connection) as sent:
            response = await client.get(f"/v1/complaints/{ref}", headers=other)
        answers.append(response)
        counts.append(len(_lookups(sent)))

    assert [a.status_code for a in answers] == [404] * 4
    assert counts == [counts[0]] * 4, counts
    bodies = [_without_request(a.json()) for a in answers]
    assert bodies == [bodies[0]] * 4
