"""GET /v1/holidays and the calendar read from the database."""

from datetime import date

import pytest

from app.kit.timeutil import JAKARTA
from app.workdays import service


async def test_holidays_of_a_year_include_national_days_and_cuti_bersama(client):
    items = (await client.get("/v1/holidays", params={"year": 2025})).json()["items"]
    by_day = {i["day"]: i for i in items}
    assert by_day["2025-08-17"]["kind"] == "national"
    assert by_day["2025-04-02"]["kind"] == "cuti_bersama"
    assert all(i["day"].startswith("2025-") for i in items)


@pytest.mark.parametrize("year", [2022, 2023, 2024, 2025, 2026, 2027])
async def test_every_year_from_2022_to_2027_is_covered(client, year):
    items = (await client.get("/v1/holidays", params={"year": year})).json()["items"]
    days = {i["day"] for i in items}
    assert {f"{year}-01-01", f"{year}-08-17", f"{year}-12-25"} <= days


async def test_2027_is_marked_provisional(client):
    items = (await client.get("/v1/holidays", params={"year": 2027})).json()["items"]
    assert {i["kind"] for i in items} == {"provisional"}


async def test_bad_year_is_422(client):
    response = await client.get("/v1/holidays", params={"year": 1999})
    assert response.status_code == 422
    assert response.json()["field"] == "year"


async def test_deadline_from_the_database_skips_17_august(session):
    from datetime import datetime

    # Friday 15 August 2025: Mon 18 (cuti bersama) is skipped -> Tue 19, Wed 20, Thu 21.
    start = datetime(2025, 8, 15, 10, tzinfo=JAKARTA)
    due = await service.deadline(session, start, 3)
    assert due.astimezone(JAKARTA).date() == date(2025, 8, 22)
