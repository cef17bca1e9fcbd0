"""Assignment notes, return reasons and follow-ups: identifiers struck out for a viewer."""

from __future__ import annotations

from app.models.roles import Role
from app.personal.freetext import REDACTED
from tests.assignments.test_lifecycle import act, assign
from tests.factories import create_complaint

NOTE = "Hubungi pelapor di 0812-3456-7890 atau siti@example.com."
NOTE_STRUCK = f"Hubungi pelapor di {REDACTED} atau {REDACTED}."
REASON = "Bukan wewenang; NIK 3171014505900002 terdaftar di kelurahan lain."
REASON_STRUCK = f"Bukan wewenang; NIK {REDACTED} terdaftar di kelurahan lain."


async def test_a_viewer_gets_assignment_notes_with_identifiers_struck(client, auth):
    desk, unit, viewer = auth(Role.DESK), auth(Role.AGENCY), auth(Role.VIEWER)
    complaint = await create_complaint(client, desk)
    returned = await assign(client, desk, complaint["id"], note=NOTE)
    assert (await act(client, unit, returned["id"], "return", reason=REASON)).status_code == 200
    working = await assign(client, desk, complaint["id"], note=NOTE)
    assert (await act(client, unit, working["id"], "accept")).status_code == 200
    added = await act(client, unit, working["id"], "follow-ups", note=NOTE)
    assert added.status_code == 201, added.text

    first = (await client.get(f"/v1/assignments/{returned['id']}", headers=viewer)).json()
    second = (await client.get(f"/v1/assignments/{working['id']}", headers=viewer)).json()
    listed = (await client.get("/v1/assignments", params={"limit": 100}, headers=viewer)).json()
    own = (await client.get(f"/v1/assignments/{working['id']}", headers=unit)).json()

    assert (first["note"], first["return_reason"]) == (NOTE_STRUCK, REASON_STRUCK)
    assert [f["note"] for f in second["follow_ups"]] == [NOTE_STRUCK]
    mine = [a for a in listed["items"] if a["complaint_id"] == complaint["id"]]
    assert {a["note"] for a in mine} == {NOTE_STRUCK}
    assert {a["return_reason"] for a in mine} == {REASON_STRUCK, None}
    # The unit works with the complainant and gets the text as written.
    assert (own["note"], [f["note"] for f in own["follow_ups"]]) == (NOTE, [NOTE])
    assert added.json()["note"] == NOTE
