"""Free text shown to a caller who sees personal data masked: identifiers in it are struck out."""

from __future__ import annotations

from app.models.roles import Role
from app.personal.freetext import REDACTED
from tests.assignments.test_lifecycle import assign
from tests.factories import create_complaint, mirror_jaki_report

# A neighbour's identifiers, not the complainant's: what no role-blind mask would know to hide.
NEIGHBOUR = "Tetangga (NIK 3171061205880003, HP 0813-1111-2222, budi@example.com) sama."
STRUCK = f"Tetangga (NIK {REDACTED}, HP {REDACTED}, {REDACTED}) sama."
CALLED = "Pelapor dihubungi di +62 812 9876 5432."
CALLED_STRUCK = f"Pelapor dihubungi di {REDACTED}."


async def _read(client, headers, complaint_id):
    one = (await client.get(f"/v1/complaints/{complaint_id}", headers=headers)).json()
    history = await client.get(f"/v1/complaints/{complaint_id}/history", headers=headers)
    return one, history.json()["events"]


async def test_a_viewer_gets_description_and_notes_with_identifiers_struck(client, auth):
    desk = auth(Role.DESK)
    complaint = await create_complaint(client, desk, description=f"Bansos belum cair. {NEIGHBOUR}")
    moved = await client.post(
        f"/v1/complaints/{complaint['id']}/status",
        json={"status": "verified", "note": CALLED},
        headers=desk,
    )
    assert moved.status_code == 200, moved.text
    corrected = await client.patch(
        f"/v1/complaints/{complaint['id']}",
        json={"description": "Bansos belum cair; hubungi 081234567890."},
        headers=desk,
    )
    assert corrected.status_code == 200, corrected.text

    viewed, viewed_history = await _read(client, auth(Role.VIEWER), complaint["id"])
    listed = await client.get("/v1/complaints", params={"limit": 100}, headers=auth(Role.VIEWER))
    written, written_history = await _read(client, desk, complaint["id"])

    assert viewed["description"] == f"Bansos belum cair; hubungi {REDACTED}."
    [in_list] = [c for c in listed.json()["items"] if c["id"] == complaint["id"]]
    assert in_list["description"] == viewed["description"]
    [note] = [e["note"] for e in viewed_history if e["kind"] == "status_changed"]
    assert note == CALLED_STRUCK
    [change] = [e["changes"]["description"] for e in viewed_history if e["kind"] == "updated"]
    assert change == {
        "from": f"Bansos belum cair. {STRUCK}",
        "to": f"Bansos belum cair; hubungi {REDACTED}.",
    }
    # The desk needs them, and gets the text as written.
    assert written["description"] == "Bansos belum cair; hubungi 081234567890."
    [note] = [e["note"] for e in written_history if e["kind"] == "status_changed"]
    assert note == CALLED
    [change] = [e["changes"]["description"] for e in written_history if e["kind"] == "updated"]
    assert change["from"] == f"Bansos belum cair. {NEIGHBOUR}"


async def test_jaki_follow_ups_are_struck_for_a_viewer_also_through_a_link(client, auth):
    desk, viewer = auth(Role.DESK), auth(Role.VIEWER)
    report = await mirror_jaki_report(
        client,
        auth(Role.INTEGRATION),
        viewer,
        follow_ups=[{"at": "2026-10-05T10:00:00+07:00", "unit": "Kelurahan", "note": CALLED}],
    )
    duplicate = await create_complaint(client, desk)
    linked = await client.post(
        f"/v1/complaints/{duplicate['id']}/duplicate-of",
        json={"canonical_id": report["id"]},
        headers=desk,
    )
    assert linked.status_code == 200, linked.text

    mirrored = (await client.get(f"/v1/complaints/{report['id']}", headers=viewer)).json()
    follows = (await client.get(f"/v1/complaints/{duplicate['id']}", headers=viewer)).json()
    as_written = (await client.get(f"/v1/complaints/{report['id']}", headers=desk)).json()

    assert [f["note"] for f in mirrored["jaki"]["follow_ups"]] == [CALLED_STRUCK]
    assert [f["note"] for f in follows["duplicate_of"]["follow_ups"]] == [CALLED_STRUCK]
    assert [f["note"] for f in as_written["jaki"]["follow_ups"]] == [CALLED]


async def test_an_agency_gets_its_own_units_complaint_as_written(client, auth):
    complaint = await create_complaint(client, auth(Role.DESK), description=NEIGHBOUR)
    await assign(client, auth(Role.DESK), complaint["id"], note=CALLED)

    seen, history = await _read(client, auth(Role.AGENCY), complaint["id"])

    assert seen["description"] == NEIGHBOUR
    assert [e["note"] for e in history if e["kind"] == "assignment"] == [CALLED]
