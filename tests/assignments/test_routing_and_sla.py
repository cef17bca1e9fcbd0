"""Route suggestions from category and kelurahan, and the SLA figures per unit and category."""

from datetime import datetime, timedelta

import pytest
from sqlalchemy import update

from app.models import Assignment
from app.models.roles import Role
from tests.assignments.test_lifecycle import GAMBIR_OFFICE, act, assign
from tests.factories import CIKINI, create_complaint


@pytest.mark.parametrize(
    ("category", "expected"),
    [
        ("jalan", ["kelurahan-31.71.06.1003", "dinas-bina-marga-31.71"]),
        ("ketertiban", ["kecamatan-31.71.06", "satpol-pp-31.71"]),
        ("bansos", ["dinas-sosial-31.71", "kelurahan-31.71.06.1003"]),
        ("air_bersih", ["pam-jaya", "kelurahan-31.71.06.1003"]),
        ("lainnya", ["kelurahan-31.71.06.1003", "kecamatan-31.71.06"]),
    ],
)
async def test_route_suggestion_follows_category_and_kelurahan(client, auth, category, expected):
    complaint = await create_complaint(
        client, auth(Role.DESK), category=category, kelurahan_code=CIKINI
    )
    response = await client.get(
        f"/v1/complaints/{complaint['id']}/route-suggestion", headers=auth(Role.DESK)
    )
    assert response.status_code == 200, response.text
    suggestions = response.json()["suggestions"]
    assert [s["unit_code"] for s in suggestions] == expected
    assert all(s["reason"] for s in suggestions)
    if category == "jalan":
        assert "Kelurahan Cikini" in suggestions[0]["reason"]
        assert suggestions[1]["name"] == "Suku Dinas Bina Marga Jakarta Pusat"


async def test_the_post_that_asked_for_suggestions_still_answers_deprecated(client, auth):
    complaint = await create_complaint(client, auth(Role.DESK), kelurahan_code=CIKINI)
    path = f"/v1/complaints/{complaint['tracking_number']}/route-suggestion"

    posted = await client.post(path, headers=auth(Role.DESK))

    assert posted.status_code == 200, posted.text
    assert posted.json() == (await client.get(path, headers=auth(Role.DESK))).json()
    assert posted.headers["deprecation"].startswith("@")
    assert posted.headers["link"] == f'<{path}>; rel="successor-version"'


async def test_sla_counts_per_unit_and_category(client, auth):
    desk, unit = auth(Role.DESK), auth(Role.AGENCY)
    done = await assign(
        client, desk, (await create_complaint(client, desk, category="jalan"))["id"]
    )
    await act(client, unit, done["id"], "accept")
    await act(client, unit, done["id"], "follow-ups", note="Sudah ditambal")
    assert (await act(client, unit, done["id"], "complete")).status_code == 200
    await assign(
        client,
        desk,
        (await create_complaint(client, desk, category="jalan"))["id"],
        respond_by="2026-01-05",
        finish_by="2026-01-12",
    )
    await assign(client, desk, (await create_complaint(client, desk, category="sampah"))["id"])

    stats = (await client.get("/v1/stats/sla")).json()
    [gambir] = [u for u in stats["units"] if u["key"] == GAMBIR_OFFICE]
    assert (gambir["assigned"], gambir["completed"], gambir["on_time"], gambir["overdue"]) == (
        3,
        1,
        1,
        1,
    )
    by_category = {c["key"]: c["assigned"] for c in stats["categories"]}
    assert by_category == {"jalan": 2, "sampah": 1}


async def test_sla_medians_are_the_middle_of_the_known_times(client, auth, session):
    """Four assignments given on 2 and 3 March 2026 with times set by hand: accepted after 2,
    5 and 11 hours (one never), completed after 10 and 30 hours (two never)."""
    desk, unit = auth(Role.DESK), auth(Role.AGENCY)
    # (given, hours to accept or None, hours to complete or None)
    plan = [
        ("2026-03-02T08:00:00+07:00", 2, 10),
        ("2026-03-02T09:30:00+07:00", 5, 30),
        ("2026-03-03T07:00:00+07:00", 11, None),
        ("2026-03-03T08:00:00+07:00", None, None),
    ]
    for given, to_accept, to_complete in plan:
        complaint = await create_complaint(client, desk, category="jalan")
        assignment = await assign(client, desk, complaint["id"])
        if to_accept is not None:
            assert (await act(client, unit, assignment["id"], "accept")).status_code == 200
        if to_complete is not None:
            await act(client, unit, assignment["id"], "follow-ups", note="Sudah ditambal")
            assert (await act(client, unit, assignment["id"], "complete")).status_code == 200
        # The app stamps the real time of each step; the test needs hours it knows.
        at = datetime.fromisoformat(given)
        await session.execute(
            update(Assignment)
            .where(Assignment.id == assignment["id"])
            .values(
                created_at=at,
                accepted_at=None if to_accept is None else at + timedelta(hours=to_accept),
                completed_at=None if to_complete is None else at + timedelta(hours=to_complete),
            )
        )
    await session.commit()

    response = await client.get("/v1/stats/sla", params={"from": "2026-03-02", "to": "2026-03-03"})

    assert response.status_code == 200, response.text
    stats = response.json()
    [gambir] = [u for u in stats["units"] if u["key"] == GAMBIR_OFFICE]
    [jalan] = stats["categories"]
    for row in (gambir, jalan):
        assert (row["assigned"], row["completed"]) == (4, 2)
        # Respond: the middle of 2, 5 and 11 hours; the one not accepted is not a zero.
        assert row["median_hours_to_respond"] == pytest.approx(5.0)
        # Finish: halfway between 10 and 30 hours.
        assert row["median_hours_to_finish"] == pytest.approx(20.0)


async def test_sla_range_is_checked(client):
    response = await client.get("/v1/stats/sla", params={"from": "2026-05-02", "to": "2026-05-01"})
    assert (response.status_code, response.json()["field"]) == (422, "to")
