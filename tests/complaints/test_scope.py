"""An agency key's scope: what lies outside it cannot be told apart from what does not exist."""

from __future__ import annotations

from app.models.roles import Role
from tests.assignments.test_lifecycle import GAMBIR_OFFICE, KECAMATAN_GAMBIR, agency_key, assign
from tests.factories import GAMBIR, create_complaint, mirror_jaki_report
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


async def test_a_hidden_complaints_history_is_answered_as_a_missing_ones(client, auth, session):
    other = await agency_key(session, KECAMATAN_GAMBIR)
    hidden = await create_complaint(client, auth(Role.DESK))
    await assign(client, auth(Role.DESK), hidden["id"])  # Kelurahan Gambir's, not the kecamatan's

    answers = [
        await client.get(f"/v1/complaints/{ref}/history", headers=other)
        for ref in (MISSING_ID, hidden["id"], hidden["tracking_number"], "WI-1999-000001")
    ]

    assert [a.status_code for a in answers] == [404] * 4
    assert {a.headers["content-type"] for a in answers} == {"application/problem+json"}
    bodies = [_without_request(a.json()) for a in answers]
    assert bodies == [bodies[0]] * 4


FINISHED = [{"at": "2026-10-20T10:00:00+07:00", "unit": "Suku Dinas Sosial", "note": "Sudah cair."}]


async def _link(client, desk, ref, canonical):
    response = await client.post(
        f"/v1/complaints/{ref}/duplicate-of", json={"canonical_id": canonical}, headers=desk
    )
    assert response.status_code == 200, response.text
    return response.json()


async def _finished_jaki_report(client, auth):
    """A JAKI report JAKI has finished, with its follow-up: no agency unit is ever assigned it."""
    return await mirror_jaki_report(
        client,
        auth(Role.INTEGRATION),
        auth(Role.VIEWER),
        id="JAKI-2026-0200001",
        status="Selesai",
        kelurahan_code=GAMBIR,
        follow_ups=FINISHED,
    )


def _mentions(text: str, complaint: dict) -> list[str]:
    """What of `complaint` shows in `text`."""
    return [complaint[k] for k in ("id", "tracking_number") if complaint[k] in text]


async def test_a_duplicate_linked_outside_the_agencys_unit_shows_only_that_it_is_linked(
    client, auth
):
    desk, agency = auth(Role.DESK), auth(Role.AGENCY)
    canonical = await _finished_jaki_report(client, auth)
    duplicate = await create_complaint(client, desk)
    await assign(client, desk, duplicate["id"])  # once Kelurahan Gambir's, so it stays visible
    await _link(client, desk, duplicate["id"], canonical["id"])

    seen = await client.get(f"/v1/complaints/{duplicate['id']}", headers=agency)
    listed = await client.get("/v1/complaints", params={"limit": 100}, headers=agency)
    history = await client.get(f"/v1/complaints/{duplicate['id']}/history", headers=agency)
    unlinked = await client.delete(f"/v1/complaints/{duplicate['id']}/duplicate-of", headers=desk)
    assert unlinked.status_code == 200, unlinked.text
    after = await client.get(f"/v1/complaints/{duplicate['id']}/history", headers=agency)

    canonical_read = await client.get(f"/v1/complaints/{canonical['id']}", headers=agency)
    assert canonical_read.status_code == 404
    [shown] = [c for c in listed.json()["items"] if c["id"] == duplicate["id"]]
    for complaint in (seen.json(), shown):
        assert complaint["status"] == "linked"
        assert complaint["duplicate_of"] == {"outside_scope": True}
        # Its own words for `linked`, not those of the finished report it follows.
        assert (complaint["jaki_status"], complaint["open311_status"]) == ("Menunggu", "open")
    for response in (seen, listed, history, after):
        assert _mentions(response.text, canonical) == []
        assert "Sudah cair" not in response.text
    kinds = {e["kind"]: e for e in after.json()["events"]}
    assert kinds["linked"]["changes"] is None and kinds["unlinked"]["changes"] is None
    assert kinds["linked"]["to_status"] == "linked"
    # The desk sees both ends.
    desk_view = (await client.get(f"/v1/complaints/{duplicate['id']}/history", headers=desk)).text
    assert _mentions(desk_view, canonical) == [canonical["tracking_number"]]


async def test_a_canonical_does_not_name_its_duplicates_outside_the_agencys_unit(client, auth):
    desk, agency = auth(Role.DESK), auth(Role.AGENCY)
    canonical = await create_complaint(client, desk)
    await assign(client, desk, canonical["id"])
    duplicate = await create_complaint(client, desk)  # never Kelurahan Gambir's
    await _link(client, desk, duplicate["id"], canonical["id"])

    history = await client.get(f"/v1/complaints/{canonical['id']}/history", headers=agency)

    assert history.status_code == 200
    [noted] = [e for e in history.json()["events"] if e["kind"] == "duplicate_linked"]
    assert noted["changes"] is None
    assert _mentions(history.text, duplicate) == []


async def test_an_agency_sees_a_link_whose_both_ends_its_unit_held(client, auth):
    desk, agency = auth(Role.DESK), auth(Role.AGENCY)
    canonical = await create_complaint(client, desk)
    await assign(client, desk, canonical["id"])
    duplicate = await create_complaint(client, desk)
    await assign(client, desk, duplicate["id"])
    await _link(client, desk, duplicate["id"], canonical["id"])

    seen = (await client.get(f"/v1/complaints/{duplicate['id']}", headers=agency)).json()
    history = await client.get(f"/v1/complaints/{canonical['id']}/history", headers=agency)

    assert seen["duplicate_of"]["id"] == canonical["id"]
    assert seen["duplicate_of"]["assigned_unit_code"] == GAMBIR_OFFICE
    [noted] = [e for e in history.json()["events"] if e["kind"] == "duplicate_linked"]
    assert noted["changes"]["duplicate"]["to"] == duplicate["tracking_number"]


async def test_a_page_of_linked_duplicates_checks_their_canonicals_in_one_query(
    client, auth, connection
):
    desk, agency = auth(Role.DESK), auth(Role.AGENCY)
    canonicals = [await create_complaint(client, desk) for _ in range(3)]
    for day, count in (("2026-03-02", 1), ("2026-03-03", 3)):
        for canonical in canonicals[:count]:
            duplicate = await create_complaint(client, desk, reported_at=f"{day}T09:00:00+07:00")
            await assign(client, desk, duplicate["id"])
            await _link(client, desk, duplicate["id"], canonical["id"])
    await client.get("/v1/complaints", headers=agency)  # the key is known now

    pages, counts = [], []
    for day in ("2026-03-02", "2026-03-03"):
        with statements_sent(connection) as sent:
            page = await client.get(
                "/v1/complaints", params={"from": day, "to": day}, headers=agency
            )
        pages.append(page.json()["items"])
        counts.append(len(_lookups(sent)))

    assert [len(p) for p in pages] == [1, 3]
    assert all(c["duplicate_of"] == {"outside_scope": True} for p in pages for c in p)
    assert counts[0] == counts[1], counts
