"""Linking a duplicate to its canonical complaint, reviewing candidates, exporting decisions."""

from __future__ import annotations

from app.models.roles import Role
from tests.dedup.test_matches import BANSOS_JAKI, BANSOS_WALK_IN
from tests.factories import create_complaint, jaki_report, mirror_jaki_report

DONE = [{"at": "2026-10-20T10:00:00+07:00", "unit": "Suku Dinas Sosial", "note": "Sudah cair."}]


async def _link(client, headers, ref, canonical):
    return await client.post(
        f"/v1/complaints/{ref}/duplicate-of", json={"canonical_id": canonical}, headers=headers
    )


async def test_a_linked_walk_in_follows_its_jaki_report_until_finished(client, auth):
    desk, feed, reader = auth(Role.DESK), auth(Role.INTEGRATION), auth(Role.VIEWER)
    jaki = await mirror_jaki_report(client, feed, reader, **BANSOS_JAKI)
    walk_in = await create_complaint(client, desk, **BANSOS_WALK_IN)

    response = await _link(client, desk, walk_in["tracking_number"], jaki["tracking_number"])

    assert response.status_code == 200, response.text
    linked = response.json()
    assert linked["status"] == "linked"
    assert linked["duplicate_of"]["id"] == jaki["id"]
    assert linked["jaki_status"] == "Menunggu"
    # JAKI finishes the report; the walk-in complaint shows it, with the follow-up.
    finished = {**BANSOS_JAKI, "status": "Selesai", "updated_at": "2026-10-20T10:00:00+07:00"}
    pushed = await client.post(
        "/v1/jaki/reports/batch",
        json={"reports": [jaki_report(**finished, follow_ups=DONE)]},
        headers=feed,
    )
    assert pushed.status_code == 200 and pushed.json()["updated"] == 1, pushed.text
    now = (await client.get(f"/v1/complaints/{walk_in['id']}", headers=desk)).json()
    assert (now["status"], now["jaki_status"], now["open311_status"]) == (
        "linked",
        "Selesai",
        "closed",
    )
    assert now["duplicate_of"]["status"] == "closed"
    assert now["duplicate_of"]["follow_ups"][0]["note"] == "Sudah cair."

    history = (await client.get(f"/v1/complaints/{walk_in['id']}/history", headers=desk)).json()
    assert history["events"][-1]["kind"] == "linked"
    canonical_history = (
        await client.get(f"/v1/complaints/{jaki['id']}/history", headers=desk)
    ).json()
    [noted] = [e for e in canonical_history["events"] if e["kind"] == "duplicate_linked"]
    assert noted["changes"]["duplicate"]["to"] == walk_in["tracking_number"]


async def test_linking_again_changes_nothing_and_unlinking_restores(client, auth):
    desk, feed, reader = auth(Role.DESK), auth(Role.INTEGRATION), auth(Role.VIEWER)
    jaki = await mirror_jaki_report(client, feed, reader, **BANSOS_JAKI)
    walk_in = await create_complaint(client, desk, **BANSOS_WALK_IN)
    first = (await _link(client, desk, walk_in["id"], jaki["id"])).json()
    again = await _link(client, desk, walk_in["id"], jaki["id"])
    assert again.status_code == 200 and again.json()["version"] == first["version"]

    response = await client.delete(f"/v1/complaints/{walk_in['id']}/duplicate-of", headers=desk)

    assert response.status_code == 200, response.text
    assert (response.json()["status"], response.json()["duplicate_of"]) == ("verified", None)
    again = await client.delete(f"/v1/complaints/{walk_in['id']}/duplicate-of", headers=desk)
    assert (again.status_code, again.json()["field"]) == (409, "status")
    decisions = (await client.get("/v1/dedup/decisions", headers=auth(Role.ADMIN))).json()
    [pair] = [d for d in decisions["items"] if d["complaint_id"] == walk_in["id"]]
    assert (pair["candidate_id"], pair["decision"]) == (jaki["id"], "not_match")
    assert pair["decided_by"]["role"] == "desk"


async def test_links_never_chain_or_cycle(client, auth):
    desk, feed, reader = auth(Role.DESK), auth(Role.INTEGRATION), auth(Role.VIEWER)
    jaki = await mirror_jaki_report(client, feed, reader, **BANSOS_JAKI)
    first = await create_complaint(client, desk, **BANSOS_WALK_IN)
    second = await create_complaint(client, desk, **BANSOS_WALK_IN)
    assert (await _link(client, desk, first["id"], jaki["id"])).status_code == 200

    # second -> first would be a chain (first is itself a duplicate).
    chained = await _link(client, desk, second["id"], first["id"])
    assert (chained.status_code, chained.json()["field"]) == (409, "canonical_id")
    # A JAKI report is JAKI's: it is never made a duplicate of a walk-in complaint.
    reverse = await _link(client, desk, jaki["id"], second["id"])
    assert reverse.status_code == 409
    # A complaint others follow cannot become a duplicate: unlink them first.
    assert (await _link(client, desk, second["id"], jaki["id"])).status_code == 200
    itself = await _link(client, desk, first["id"], first["id"])
    assert (itself.status_code, itself.json()["field"]) == (422, "canonical_id")
    unknown = await _link(client, desk, first["id"], "WI-2026-999999")
    assert (unknown.status_code, unknown.json()["field"]) == (422, "canonical_id")


async def test_review_queue_and_decisions(client, auth):
    desk, feed, reader = auth(Role.DESK), auth(Role.INTEGRATION), auth(Role.VIEWER)
    # The same bansos matter and the same name, but another NIK and no phone: a relative, or
    # a NIK mistyped at one of the doors? A person has to look (review), it is not a match.
    nik = BANSOS_WALK_IN["complainant"]["nik"]
    unsure = {"name": BANSOS_WALK_IN["complainant"]["name"], "nik": nik[:-4] + "0007"}
    unsure_report = await mirror_jaki_report(
        client, feed, reader, **{**BANSOS_JAKI, "reporter": unsure}
    )
    created = await client.post("/v1/complaints", json=BANSOS_WALK_IN, headers=desk)
    walk_in = created.json()
    [candidate] = walk_in["possible_duplicates"]
    assert (candidate["id"], candidate["band"]) == (unsure_report["id"], "review")

    queue = (await client.get("/v1/dedup/review", headers=desk)).json()
    waiting = {item["complaint_id"]: item for item in queue["items"]}
    assert waiting[walk_in["id"]]["candidates"][0]["candidate_id"] == unsure_report["id"]

    decided = await client.post(
        "/v1/dedup/decisions",
        json={
            "complaint_id": walk_in["id"],
            "candidate_id": unsure_report["id"],
            "decision": "not_match",
        },
        headers=desk,
    )
    assert decided.status_code == 201, decided.text
    body = decided.json()
    assert (body["decision"], body["decided_by"]["role"], body["band"]) == (
        "not_match",
        "desk",
        "review",
    )
    assert set(body["comparison"]) >= {"nik", "phone", "name", "text", "gap"}
    queue = (await client.get("/v1/dedup/review", headers=desk)).json()
    assert walk_in["id"] not in {item["complaint_id"] for item in queue["items"]}
    export = await client.get("/v1/dedup/decisions", headers=auth(Role.ADMIN))
    assert export.status_code == 200
    [pair] = [d for d in export.json()["items"] if d["complaint_id"] == walk_in["id"]]
    assert pair["decision"] == "not_match"
    name = BANSOS_WALK_IN["complainant"]["name"].split()[0]
    assert name not in export.text and "3171" not in export.text  # no personal values


async def test_a_decision_needs_two_complaints_both_known(client, auth):
    desk = auth(Role.DESK)
    walk_in = await create_complaint(client, desk, **BANSOS_WALK_IN)
    for candidate, status in ((walk_in["id"], 422), ("WI-2026-999999", 422)):
        response = await client.post(
            "/v1/dedup/decisions",
            json={"complaint_id": walk_in["id"], "candidate_id": candidate, "decision": "match"},
            headers=desk,
        )
        assert (response.status_code, response.json()["field"]) == (status, "candidate_id")
