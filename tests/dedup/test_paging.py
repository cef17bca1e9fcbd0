"""The review queue and the decision export page by cursor; the export's range is `from`/`to`
(Jakarta days, both included), `since` and `offset` still work, deprecated."""

from __future__ import annotations

from datetime import timedelta

from app.kit.timeutil import JAKARTA, now
from app.models.roles import Role
from tests.dedup.test_matches import BANSOS_JAKI, BANSOS_WALK_IN
from tests.factories import create_complaint, mirror_jaki_report
from tests.pages import refuses_a_tampered_cursor, walk


async def test_the_review_queue_pages_by_cursor_oldest_finding_first(client, auth):
    desk, feed, reader = auth(Role.DESK), auth(Role.INTEGRATION), auth(Role.VIEWER)
    nik = BANSOS_WALK_IN["complainant"]["nik"]
    unsure = {"name": BANSOS_WALK_IN["complainant"]["name"], "nik": nik[:-4] + "0007"}
    await mirror_jaki_report(client, feed, reader, **{**BANSOS_JAKI, "reporter": unsure})
    waiting = [(await create_complaint(client, desk, **BANSOS_WALK_IN))["id"] for _ in range(3)]

    pages = await walk(client, "/v1/dedup/review", headers=desk, limit=1)

    listed = [item["complaint_id"] for page in pages for item in page]
    assert [len(p) for p in pages] == [1, 1, 1]
    assert listed == waiting
    await refuses_a_tampered_cursor(client, "/v1/dedup/review", headers=desk)
    old = await client.get("/v1/dedup/review", params={"offset": 1}, headers=desk)
    assert "deprecation" in old.headers
    assert [i["complaint_id"] for i in old.json()["items"]] == waiting[1:]
    assert old.json()["total"] == 3


async def test_decisions_page_by_cursor_and_filter_by_jakarta_days(client, auth):
    desk, admin = auth(Role.DESK), auth(Role.ADMIN)
    feed, reader = auth(Role.INTEGRATION), auth(Role.VIEWER)
    jaki = await mirror_jaki_report(client, feed, reader, **BANSOS_JAKI)
    decided = []
    for _ in range(3):
        walk_in = await create_complaint(client, desk)
        made = await client.post(
            "/v1/dedup/decisions",
            json={
                "complaint_id": walk_in["id"],
                "candidate_id": jaki["id"],
                "decision": "not_match",
            },
            headers=desk,
        )
        assert made.status_code == 201, made.text
        decided.append(walk_in["id"])
    today = now().astimezone(JAKARTA).date()

    pages = await walk(client, "/v1/dedup/decisions", headers=admin, limit=2)
    assert [d["complaint_id"] for page in pages for d in page] == decided
    await refuses_a_tampered_cursor(client, "/v1/dedup/decisions", headers=admin)

    for params, expected in (
        ({"from": str(today), "to": str(today)}, decided),  # `to` includes its day
        ({"to": str(today - timedelta(days=1))}, []),
        ({"from": str(today + timedelta(days=1))}, []),
    ):
        found = await client.get("/v1/dedup/decisions", params=params, headers=admin)
        assert [d["complaint_id"] for d in found.json()["items"]] == expected, params
    backwards = {"from": str(today), "to": str(today - timedelta(days=1))}
    refused = await client.get("/v1/dedup/decisions", params=backwards, headers=admin)
    assert (refused.status_code, refused.json()["field"]) == (422, "to")

    # `since` still takes a time, as before, and says it is deprecated.
    since = (now() - timedelta(hours=1)).isoformat()
    old = await client.get("/v1/dedup/decisions", params={"since": since}, headers=admin)
    assert old.status_code == 200 and "deprecation" in old.headers
    assert [d["complaint_id"] for d in old.json()["items"]] == decided
    both = await client.get(
        "/v1/dedup/decisions", params={"since": since, "from": str(today)}, headers=admin
    )
    assert (both.status_code, both.json()["field"]) == (422, "since")
