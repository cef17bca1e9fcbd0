"""The assignment lists: paged by cursor, ranged by `due_from`/`due_to`, and each row telling
what its complaint is (number, category, kelurahan, the start of its description masked as the
complaint's is) without a GET per row, nor a query per row."""

from __future__ import annotations

from app.models.roles import Role
from tests.assignments.test_lifecycle import GAMBIR_OFFICE, assign
from tests.factories import create_complaint
from tests.pages import refuses_a_tampered_cursor, walk
from tests.statements import statements_sent

LONG = (
    "Jalan berlubang besar di depan SDN 01 Gambir, sudah dua minggu belum diperbaiki. "
    "Warga bisa dihubungi di 0812-3456-7890 untuk menunjukkan lokasi persisnya, dekat halte."
)


async def _assigned(client, desk, **complaint_fields):
    complaint = await create_complaint(client, desk, **complaint_fields)
    assignment = await assign(client, desk, complaint["id"])
    return complaint, assignment


async def test_a_row_tells_what_its_complaint_is_masked_as_the_complaint_is(client, auth):
    desk, viewer = auth(Role.DESK), auth(Role.VIEWER)
    complaint, assignment = await _assigned(client, desk, category="jalan", description=LONG)

    for headers in (viewer, desk):
        listed = await client.get("/v1/assignments", params={"limit": 100}, headers=headers)
        [row] = [a for a in listed.json()["items"] if a["id"] == assignment["id"]]
        shown = (await client.get(f"/v1/complaints/{complaint['id']}", headers=headers)).json()
        summary = row["complaint"]
        assert (summary["tracking_number"], summary["category"]) == (
            complaint["tracking_number"],
            "jalan",
        )
        assert (summary["kelurahan_code"], summary["kelurahan_name"]) == (
            "31.71.01.1001",
            "Gambir",
        )
        assert len(summary["excerpt"]) <= 140
        assert summary["excerpt"].endswith("…")
        assert shown["description"].startswith(summary["excerpt"][:-1])
    # The viewer's is struck out, as the description it reads; the desk's is as written.
    assert "0812" not in viewer_excerpt(await client.get("/v1/assignments", headers=viewer))
    assert "0812-3456-7890" in viewer_excerpt(await client.get("/v1/assignments", headers=desk))


def viewer_excerpt(response) -> str:
    return " ".join(a["complaint"]["excerpt"] for a in response.json()["items"])


async def test_a_short_description_is_the_excerpt_whole(client, auth):
    desk = auth(Role.DESK)
    complaint, _ = await _assigned(client, desk, description="Lampu jalan mati.")
    listed = await client.get(f"/v1/complaints/{complaint['id']}/assignments", headers=desk)
    assert listed.json()["items"][0]["complaint"]["excerpt"] == "Lampu jalan mati."


async def test_the_rows_cost_the_same_queries_for_two_as_for_six(client, auth, engine):
    desk = auth(Role.DESK)
    sent_for = []
    for count in (2, 4):
        for _ in range(count):
            await _assigned(client, desk)
        with statements_sent(engine) as sent:
            listed = await client.get("/v1/assignments", params={"limit": 100}, headers=desk)
        assert listed.status_code == 200
        sent_for.append(len(sent))
    assert len(listed.json()["items"]) == 6
    assert sent_for[0] == sent_for[1]


async def test_assignments_page_by_cursor_deadline_first(client, auth):
    desk = auth(Role.DESK)
    for finish_by in ("2026-12-20", "2026-12-10", "2026-12-10", "2026-12-30"):
        complaint = await create_complaint(client, desk)
        await assign(client, desk, complaint["id"], respond_by="2026-01-05", finish_by=finish_by)

    pages = await walk(client, "/v1/assignments", headers=desk, limit=3)

    rows = [a for page in pages for a in page]
    assert [len(p) for p in pages] == [3, 1]
    assert [(a["finish_by"], a["id"]) for a in rows] == sorted(
        (a["finish_by"], a["id"]) for a in rows
    )
    await refuses_a_tampered_cursor(client, "/v1/assignments", headers=desk)
    old = await client.get("/v1/assignments", params={"offset": 2}, headers=desk)
    assert "deprecation" in old.headers
    assert [a["id"] for a in old.json()["items"]] == [a["id"] for a in rows[2:]]
    assert old.json()["total"] == 4


async def test_due_from_and_due_to_include_their_days_and_the_old_names_work_as_before(
    client, auth
):
    desk = auth(Role.DESK)
    made = {}
    for finish_by in ("2026-12-09", "2026-12-10", "2026-12-11"):
        complaint = await create_complaint(client, desk)
        made[finish_by] = (
            await assign(
                client, desk, complaint["id"], respond_by="2026-01-05", finish_by=finish_by
            )
        )["id"]

    async def days(**params):
        response = await client.get("/v1/assignments", params=params, headers=desk)
        assert response.status_code == 200, response.text
        found = {a["id"] for a in response.json()["items"]}
        return sorted(d for d, i in made.items() if i in found), response

    shown, response = await days(due_from="2026-12-10", due_to="2026-12-10")
    assert shown == ["2026-12-10"] and "deprecation" not in response.headers
    assert (await days(due_to="2026-12-10"))[0] == ["2026-12-09", "2026-12-10"]
    # The old names compared instants with the start of their day, and a deadline is the
    # midnight after its last day: they still do, deprecated.
    shown, response = await days(due_before="2026-12-11")
    assert shown == ["2026-12-09"] and "deprecation" in response.headers
    assert (await days(due_after="2026-12-11"))[0] == ["2026-12-10", "2026-12-11"]
    for params, field in (
        ({"due_to": "2026-12-10", "due_before": "2026-12-10"}, "due_before"),
        ({"due_from": "2026-12-10", "due_after": "2026-12-10"}, "due_after"),
        ({"due_from": "2026-12-11", "due_to": "2026-12-10"}, "due_to"),
        ({"due_to": "1999-12-31"}, "due_to"),
    ):
        refused = await client.get("/v1/assignments", params=params, headers=desk)
        assert (refused.status_code, refused.json()["field"]) == (422, field), params


async def test_a_complaints_assignments_are_listed_under_it(client, auth):
    desk, unit = auth(Role.DESK), auth(Role.AGENCY)
    complaint, first = await _assigned(client, desk)
    moved = await assign(client, desk, complaint["id"], unit_code="kecamatan-31.71.01")
    await _assigned(client, desk)  # another complaint's

    listed = await client.get(
        f"/v1/complaints/{complaint['tracking_number']}/assignments", headers=desk
    )

    assert listed.status_code == 200, listed.text
    rows = listed.json()["items"]
    assert {a["id"] for a in rows} == {first["id"], moved["id"]}
    assert {a["complaint"]["tracking_number"] for a in rows} == {complaint["tracking_number"]}
    # The agency key sees its own unit's only, of a complaint it held.
    own = await client.get(f"/v1/complaints/{complaint['id']}/assignments", headers=unit)
    assert [a["id"] for a in own.json()["items"]] == [first["id"]]
    assert own.json()["items"][0]["unit_code"] == GAMBIR_OFFICE
