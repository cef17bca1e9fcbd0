"""GET /v1/holidays and the calendar read from the database."""

from datetime import date, datetime

import pytest

from app.kit.timeutil import JAKARTA
from app.workdays import service


async def test_holidays_of_a_year_include_national_days_and_cuti_bersama(client):
    items = (await client.get("/v1/holidays", params={"year": 2025})).json()["items"]
    by_day = {i["day"]: i for i in items}
    assert by_day["2025-08-17"]["kind"] == "national"
    assert by_day["2025-04-02"]["kind"] == "cuti_bersama"
    assert all(i["day"].startswith("2025-") for i in items)


@pytest.mark.parametrize("year", range(2022, 2031))
async def test_every_year_from_2022_to_2030_is_covered(client, year):
    answer = (await client.get("/v1/holidays", params={"year": year})).json()
    days = {i["day"] for i in answer["items"]}
    assert {f"{year}-01-01", f"{year}-08-17", f"{year}-12-25"} <= days
    assert (answer["first_day"], answer["last_day"]) == ("2022-01-01", "2030-12-31")


async def test_2027_follows_its_skb_and_later_years_are_provisional(client):
    items = (await client.get("/v1/holidays", params={"year": 2027})).json()["items"]
    by_day = {i["day"]: i["kind"] for i in items}
    # The seven weekday cuti bersama the provisional 2027 lacked, and Nyepi on 8 March.
    for day in ["02-05", "03-12", "03-15", "03-25", "05-18", "05-19", "12-24"]:
        assert by_day[f"2027-{day}"] == "cuti_bersama", day
    assert by_day["2027-03-08"] == "national"
    assert "provisional" not in by_day.values()
    later = (await client.get("/v1/holidays", params={"year": 2028})).json()["items"]
    assert {i["kind"] for i in later} == {"provisional"}


async def test_skb_amendments_apply(client):
    items = (await client.get("/v1/holidays")).json()["items"]
    by_day = {i["day"]: i["kind"] for i in items}
    assert "2022-12-26" not in by_day  # SKB 375/2022 dropped the Christmas cuti bersama
    assert by_day["2026-03-20"] == "cuti_bersama"  # Idul Fitri 1447 H is on 21-22 March
    assert by_day["2026-03-21"] == by_day["2026-03-22"] == "national"


async def test_a_year_past_the_calendar_is_empty_and_says_where_it_ends(client):
    answer = (await client.get("/v1/holidays", params={"year": 2031})).json()
    assert answer["items"] == [] and answer["last_day"] == "2030-12-31"


async def test_bad_year_is_422(client):
    response = await client.get("/v1/holidays", params={"year": 1999})
    assert response.status_code == 422
    assert response.json()["field"] == "year"


async def test_deadline_from_the_database_skips_17_august(session):
    # Friday 15 August 2025: Mon 18 (cuti bersama) is skipped -> Tue 19, Wed 20, Thu 21.
    start = datetime(2025, 8, 15, 10, tzinfo=JAKARTA)
    assert await service.due_day(session, start, 3, field="finish_by") == date(2025, 8, 21)
    due = await service.deadline(session, start, 3, field="finish_by")
    assert due == datetime(2025, 8, 22, tzinfo=JAKARTA)  # the instant the 21st ends
