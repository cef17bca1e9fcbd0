"""Per-day complaint counts by calendar day in Asia/Jakarta (UTC+7), open to anyone."""

import pytest

from app.models.roles import Role
from tests.factories import create_complaint

PROBLEM_JSON = "application/problem+json"
MARCH = {"from": "2026-03-01", "to": "2026-03-05"}
DAYS = ["2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05"]


async def _report(client, auth, reported_at, channel="walk_in"):
    body = {"reported_at": reported_at, "channel": channel}
    if channel != "walk_in":
        body["complainant"] = None
    return await create_complaint(client, auth(Role.DESK), **body)


async def _walk_in_days(client, **params):
    response = await client.get("/v1/channels/walk_in/stats", params={**MARCH, **params})
    assert response.status_code == 200, response.text
    return {d["date"]: d["count"] for d in response.json()["days"]}


@pytest.mark.parametrize(
    ("reported_at", "jakarta_day"),
    [
        pytest.param("2026-03-02T23:30:00+00:00", "2026-03-03", id="late-utc-is-next-day"),
        pytest.param("2026-03-02T16:59:00+00:00", "2026-03-02", id="23:59-wib"),
        pytest.param("2026-03-02T17:00:00+00:00", "2026-03-03", id="midnight-wib"),
        pytest.param("2026-02-28T17:00:00+00:00", "2026-03-01", id="first-minute-of-range"),
        pytest.param("2026-03-03T00:30:00+07:00", "2026-03-03", id="wib-offset"),
        pytest.param("2026-03-04T06:00:00", "2026-03-04", id="no-offset-is-wib"),
    ],
)
async def test_a_complaint_counts_on_its_jakarta_day(client, auth, reported_at, jakarta_day):
    await _report(client, auth, reported_at)

    days = await _walk_in_days(client)
    assert days == {d: int(d == jakarta_day) for d in DAYS}


async def test_channel_stats_cover_every_day_with_zeros_and_a_total(client, auth):
    for reported_at in [
        "2026-03-02T16:59:00+00:00",  # 2 March 23:59 WIB
        "2026-03-02T23:30:00+00:00",  # 3 March 06:30 WIB
        "2026-03-03T02:00:00+00:00",  # 3 March 09:00 WIB
        "2026-02-28T16:59:00+00:00",  # 28 February 23:59 WIB: before the range
        "2026-03-05T17:00:00+00:00",  # 6 March 00:00 WIB: after the range
    ]:
        await _report(client, auth, reported_at)
    await _report(client, auth, "2026-03-04T03:00:00+00:00", channel="email")

    response = await client.get("/v1/channels/walk_in/stats", params=MARCH)

    assert response.status_code == 200
    body = response.json()
    assert body["channel"] == "walk_in"
    assert (body["from"], body["to"]) == ("2026-03-01", "2026-03-05")
    assert body["timezone"] == "Asia/Jakarta"
    assert body["days"] == [
        {"date": "2026-03-01", "count": 0},
        {"date": "2026-03-02", "count": 1},
        {"date": "2026-03-03", "count": 2},
        {"date": "2026-03-04", "count": 0},
        {"date": "2026-03-05", "count": 0},
    ]
    assert body["total"] == 3


async def test_a_single_day_range(client, auth):
    await _report(client, auth, "2026-03-03T01:00:00+00:00")

    response = await client.get(
        "/v1/channels/walk_in/stats", params={"from": "2026-03-03", "to": "2026-03-03"}
    )

    assert response.status_code == 200
    assert response.json()["days"] == [{"date": "2026-03-03", "count": 1}]
    assert response.json()["total"] == 1


async def test_daily_stats_put_every_channel_side_by_side(client, auth):
    await _report(client, auth, "2026-03-02T16:59:00+00:00")  # walk_in, 2 March
    await _report(client, auth, "2026-03-02T23:30:00+00:00")  # walk_in, 3 March
    await _report(client, auth, "2026-03-03T10:00:00+00:00", channel="email")  # 3 March
    await _report(client, auth, "2026-03-05T16:00:00+00:00", channel="lapor")  # 5 March 23:00

    response = await client.get("/v1/stats/daily", params=MARCH)

    assert response.status_code == 200
    body = response.json()
    channels = {c["code"] for c in (await client.get("/v1/channels")).json()["items"]}
    assert (body["from"], body["to"], body["timezone"]) == (
        "2026-03-01",
        "2026-03-05",
        "Asia/Jakarta",
    )
    assert set(body["channels"]) == channels
    assert [d["date"] for d in body["days"]] == DAYS
    for day in body["days"]:
        assert set(day["counts"]) == channels
        assert day["total"] == sum(day["counts"].values())
    by_day = {d["date"]: d for d in body["days"]}
    assert by_day["2026-03-01"]["total"] == 0
    assert by_day["2026-03-02"]["counts"]["walk_in"] == 1
    assert by_day["2026-03-02"]["total"] == 1
    assert by_day["2026-03-03"]["counts"]["walk_in"] == 1
    assert by_day["2026-03-03"]["counts"]["email"] == 1
    assert by_day["2026-03-03"]["total"] == 2
    assert by_day["2026-03-04"]["total"] == 0
    assert by_day["2026-03-05"]["counts"]["lapor"] == 1
    assert by_day["2026-03-05"]["total"] == 1
    assert body["totals"] == {c: 0 for c in channels} | {"walk_in": 2, "email": 1, "lapor": 1}


async def test_daily_stats_include_a_channel_added_later(client, auth):
    added = await client.post(
        "/v1/channels",
        json={"code": "telegram", "name": "Telegram", "tracking_prefix": "TG"},
        headers=auth(Role.ADMIN),
    )
    assert added.status_code == 201
    await _report(client, auth, "2026-03-04T03:00:00+00:00", channel="telegram")

    body = (await client.get("/v1/stats/daily", params=MARCH)).json()

    assert "telegram" in body["channels"]
    assert body["totals"]["telegram"] == 1
    assert body["days"][3]["counts"]["telegram"] == 1


async def test_stats_need_no_key(client):
    for path in ("/v1/stats/daily", "/v1/channels/jaki/stats"):
        response = await client.get(path, params=MARCH)
        assert response.status_code == 200, path


async def test_default_range_is_the_last_30_days(client):
    body = (await client.get("/v1/stats/daily")).json()

    assert len(body["days"]) == 30
    assert body["days"][0]["date"] == body["from"]
    assert body["days"][-1]["date"] == body["to"]


@pytest.mark.parametrize("path", ["/v1/stats/daily", "/v1/channels/walk_in/stats"])
@pytest.mark.parametrize(
    ("params", "field"),
    [
        pytest.param({"from": "2026-03-05", "to": "2026-03-01"}, "to", id="from-after-to"),
        pytest.param({"from": "2026-03-32", "to": "2026-04-01"}, "from", id="bad-from"),
        pytest.param({"from": "kemarin"}, "from", id="from-not-a-date"),
        pytest.param({"from": "2026-03-01", "to": "03/05/2026"}, "to", id="bad-to"),
        pytest.param({"from": "1999-12-31", "to": "2000-01-01"}, "from", id="before-2000"),
    ],
)
async def test_bad_range_is_422_naming_the_field(client, path, params, field):
    response = await client.get(path, params=params)

    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM_JSON
    problem = response.json()
    assert problem["status"] == 422
    assert problem["field"] == field


@pytest.mark.parametrize("path", ["/v1/stats/daily", "/v1/channels/walk_in/stats"])
async def test_a_range_of_exactly_366_days_is_answered_whole(client, path):
    response = await client.get(path, params={"from": "2025-03-02", "to": "2026-03-02"})

    assert response.status_code == 200
    assert len(response.json()["days"]) == 366
    assert response.json()["next_from"] is None


@pytest.mark.parametrize("path", ["/v1/stats/daily", "/v1/channels/walk_in/stats"])
async def test_a_longer_range_is_answered_366_days_at_a_time(client, auth, path):
    await create_complaint(client, auth(Role.DESK), reported_at="2026-03-02T09:00:00+07:00")
    asked = {"from": "2025-03-01", "to": "2026-03-02"}  # 367 days

    first = await client.get(path, params=asked)
    assert first.status_code == 200, first.text
    assert (first.json()["from"], first.json()["to"]) == ("2025-03-01", "2026-03-01")
    assert len(first.json()["days"]) == 366
    assert first.json()["next_from"] == "2026-03-02"

    rest = await client.get(path, params={**asked, "from": first.json()["next_from"]})
    assert [d["date"] for d in rest.json()["days"]] == ["2026-03-02"]
    assert rest.json()["next_from"] is None
    assert first.json()["days"][-1]["date"] < rest.json()["days"][0]["date"]
    assert rest.json()["days"][0].get("total", rest.json()["days"][0].get("count")) == 1


async def test_a_longer_range_of_deadlines_is_answered_366_days_at_a_time(client):
    response = await client.get("/v1/stats/sla", params={"from": "2000-01-01", "to": "2100-12-31"})

    assert response.status_code == 200, response.text
    assert (response.json()["from"], response.json()["to"]) == ("2000-01-01", "2000-12-31")
    assert response.json()["next_from"] == "2001-01-01"


async def test_stats_of_an_unknown_channel_are_404(client):
    response = await client.get("/v1/channels/fax/stats", params=MARCH)

    assert response.status_code == 404
    assert response.headers["content-type"] == PROBLEM_JSON


async def test_a_lone_from_after_today_is_blamed_on_from(client):
    response = await client.get("/v1/stats/daily", params={"from": "2099-01-01"})
    assert response.status_code == 422
    assert response.json()["field"] == "from"


async def test_a_lone_from_far_back_counts_its_first_366_days(client):
    response = await client.get("/v1/stats/daily", params={"from": "2020-01-01"})
    assert response.status_code == 200
    assert (response.json()["from"], response.json()["to"]) == ("2020-01-01", "2020-12-31")
    assert response.json()["next_from"] == "2021-01-01"
