"""GET /v1/complaints and GET /v1/complaints/{id}: finding complaints again."""

import base64
import json

import pytest

from app.models.roles import Role
from tests.factories import CIKINI, GAMBIR, create_complaint, jaki_report

CEMPAKA_PUTIH_TIMUR = "31.71.05.1001"


def _cursor(reported_at: str) -> str:
    """A cursor as Pintu encodes one, pointing at an arbitrary time."""
    raw = json.dumps([reported_at, "00000000-0000-0000-0000-000000000000"]).encode()
    return (
        base64.urlsafe_b64encode(raw).decode().rstrip("=")
    )  # Kelurahan Menteng, Kecamatan Menteng


async def test_get_by_id_and_by_tracking_number(client, auth):
    created = await create_complaint(client, auth(Role.DESK))
    by_id = await client.get(f"/v1/complaints/{created['id']}", headers=auth(Role.VIEWER))
    by_number = await client.get(
        f"/v1/complaints/{created['tracking_number'].lower()}", headers=auth(Role.VIEWER)
    )
    assert by_id.status_code == by_number.status_code == 200
    assert by_id.json()["id"] == by_number.json()["id"] == created["id"]


@pytest.mark.parametrize("ref", ["00000000-0000-0000-0000-000000000000", "WI-1999-000001", "x"])
async def test_unknown_complaint_is_404_problem(client, auth, ref):
    response = await client.get(f"/v1/complaints/{ref}", headers=auth(Role.VIEWER))
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize("ref", ["00000000-0000-0000-0000-000000000000", "WI-1999-000001", "x"])
async def test_the_history_of_an_unknown_complaint_is_404_problem(client, auth, ref):
    # A reference is an id or a tracking number, so text that is neither is simply not found.
    response = await client.get(f"/v1/complaints/{ref}/history", headers=auth(Role.VIEWER))
    assert response.status_code == 404, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"] == "No complaint has this id or tracking number."


async def test_list_is_newest_first_and_pages_with_a_cursor(client, auth):
    made = [
        await create_complaint(client, auth(Role.DESK), reported_at=f"2026-05-0{d}T09:00:00+07:00")
        for d in range(1, 6)
    ]
    seen: list[str] = []
    cursor = None
    for _ in range(5):
        params = {"limit": 2, "from": "2026-05-01", "to": "2026-05-05"}
        if cursor:
            params["cursor"] = cursor
        page = (await client.get("/v1/complaints", params=params, headers=auth(Role.VIEWER))).json()
        seen += [c["id"] for c in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [c["id"] for c in reversed(made)]


async def test_equal_report_times_page_without_loss_or_repeat(client, auth):
    made = {
        (await create_complaint(client, auth(Role.DESK), reported_at="2026-06-01T09:00:00+07:00"))[
            "id"
        ]
        for _ in range(5)
    }
    first = (
        await client.get(
            "/v1/complaints",
            params={"limit": 3, "from": "2026-06-01", "to": "2026-06-01"},
            headers=auth(Role.VIEWER),
        )
    ).json()
    second = (
        await client.get(
            "/v1/complaints",
            params={
                "limit": 3,
                "from": "2026-06-01",
                "to": "2026-06-01",
                "cursor": first["next_cursor"],
            },
            headers=auth(Role.VIEWER),
        )
    ).json()
    ids = [c["id"] for c in first["items"] + second["items"]]
    assert len(ids) == len(set(ids)) == 5
    assert set(ids) == made
    assert second["next_cursor"] is None


async def test_filters_combine(client, auth):
    desk = auth(Role.DESK)
    road = await create_complaint(
        client,
        desk,
        category="jalan",
        kelurahan_code=CEMPAKA_PUTIH_TIMUR,
        description="Jalan berlubang di depan sekolah",
        reported_at="2026-07-01T10:00:00+07:00",
    )
    await create_complaint(
        client,
        desk,
        category="jalan",
        kelurahan_code=GAMBIR,
        reported_at="2026-07-01T11:00:00+07:00",
    )
    drain = await create_complaint(
        client,
        desk,
        category="saluran",
        kelurahan_code=CIKINI,
        channel="email",
        complainant=None,
        description="Got mampet, air meluap ke jalan",
        reported_at="2026-07-02T10:00:00+07:00",
    )

    async def ids(**params):
        params = {"from": "2026-07-01", "to": "2026-07-02", **params}
        r = await client.get("/v1/complaints", params=params, headers=auth(Role.VIEWER))
        assert r.status_code == 200, r.text
        return {c["id"] for c in r.json()["items"]}

    assert await ids(category="jalan", region="31.71.05") == {road["id"]}
    assert await ids(region="31.71.05.1001") == {road["id"]}
    assert len(await ids(region="31.71")) == 3
    assert len(await ids(region="31")) == 3
    assert await ids(channel="email") == {drain["id"]}
    assert await ids(q="berlubang") == {road["id"]}
    assert await ids(q="mampet jalan") == {drain["id"]}
    assert await ids(to="2026-07-01", category="saluran") == set()
    assert await ids(status="received", category="saluran") == {drain["id"]}
    assert await ids(status="closed") == set()


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"region": "31.79"}, "region"),
        ({"region": "Jakarta"}, "region"),
        ({"status": "lost"}, "status.0"),
        ({"limit": 0}, "limit"),
        ({"limit": 101}, "limit"),
        ({"cursor": "not-a-cursor"}, "cursor"),
        ({"cursor": _cursor("0001-01-01T00:00:00+14:00")}, "cursor"),
        ({"cursor": _cursor("2101-01-03T00:00:00+00:00")}, "cursor"),
        (
            {"cursor": base64.urlsafe_b64encode(b'["2020-01-01T00:00:00+00:00", 1]').decode()},
            "cursor",
        ),
        ({"cursor": base64.urlsafe_b64encode(b"[1, 2]").decode()}, "cursor"),
        ({"from": "2026-02-30"}, "from"),
        ({"from": "9999-12-31"}, "from"),
        ({"to": "0001-01-01"}, "to"),
        ({"q": "banjir\x00"}, "q"),
        ({"channel": "walk\x00in"}, "channel"),
        ({"channel": "carrier_pigeon"}, "channel"),
        ({"category": "potholes"}, "category"),
        ({"from": "2026-07-02", "to": "2026-07-01"}, "to"),
    ],
)
async def test_bad_list_parameters_are_422_naming_the_parameter(client, auth, params, field):
    response = await client.get("/v1/complaints", params=params, headers=auth(Role.VIEWER))
    assert response.status_code == 422, response.text
    assert response.json()["field"] == field


@pytest.mark.parametrize("suffix", ["", "/history"])
async def test_a_control_character_in_the_reference_is_422(client, auth, suffix):
    response = await client.get(f"/v1/complaints/WI%00{suffix}", headers=auth(Role.VIEWER))
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["field"] == "ref"


async def test_every_cursor_handed_out_is_taken_back_at_both_ends_of_time(client, auth):
    # The earliest and latest instants Pintu stores, written with the widest offsets, and two
    # times dated inside 2000-2100 as written but outside it once in UTC.
    sent = {
        "FIRST": "2000-01-01T14:00:00+14:00",
        "FIRST-Z": "2000-01-01T00:00:00Z",
        "LAST": "2100-12-31T11:59:59.999999-12:00",
        "LAST-Z": "2100-12-31T23:59:59.999999Z",
        "BEFORE": "2000-01-01T00:00:00+14:00",
        "AFTER": "2100-12-31T23:59:59-12:00",
    }
    reports = [
        jaki_report(id=name, created_at=at, updated_at=at, kelurahan_code=GAMBIR)
        for name, at in sent.items()
    ]
    response = await client.post(
        "/v1/jaki/reports/batch", json={"reports": reports}, headers=auth(Role.INTEGRATION)
    )
    assert response.status_code == 200, response.text
    refused = {(e["id"], e["field"]) for e in response.json()["errors"]}
    assert refused == {("BEFORE", "created_at"), ("AFTER", "created_at")}

    seen: list[str] = []
    params: dict[str, str | int] = {"channel": "jaki", "limit": 1}
    while True:
        page = await client.get("/v1/complaints", params=params, headers=auth(Role.VIEWER))
        assert page.status_code == 200, page.text
        seen += [c["external_id"] for c in page.json()["items"]]
        if page.json()["next_cursor"] is None:
            break
        params["cursor"] = page.json()["next_cursor"]
    assert sorted(seen) == ["FIRST", "FIRST-Z", "LAST", "LAST-Z"]
    assert seen[-2:] in (["FIRST", "FIRST-Z"], ["FIRST-Z", "FIRST"])


@pytest.mark.parametrize("reported_at", ["1999-12-31T10:00:00+00:00", "2101-01-01T04:00:00+00:00"])
async def test_a_cursor_made_from_a_time_stored_before_times_were_checked_in_utc_is_taken(
    client, auth, reported_at
):
    # Such rows (a day outside 2000-2100 in UTC) may exist from before; their cursors were
    # handed out and must still page on.
    response = await client.get(
        "/v1/complaints", params={"cursor": _cursor(reported_at)}, headers=auth(Role.VIEWER)
    )

    assert response.status_code == 200, response.text


async def test_updated_since_lists_only_complaints_changed_since(client, auth):
    desk = auth(Role.DESK)
    earlier = await create_complaint(client, desk)
    later = await create_complaint(client, desk)

    def listed(page) -> list[str]:
        return [c["id"] for c in page.json()["items"] if c["id"] in {earlier["id"], later["id"]}]

    page = await client.get(
        "/v1/complaints", params={"updated_since": later["updated_at"]}, headers=desk
    )
    assert listed(page) == [later["id"]]

    corrected = await client.patch(
        f"/v1/complaints/{earlier['id']}", json={"rt": "7"}, headers=desk
    )
    assert corrected.status_code == 200, corrected.text
    page = await client.get(
        "/v1/complaints",
        params={"updated_since": corrected.json()["updated_at"]},
        headers=desk,
    )
    assert listed(page) == [earlier["id"]]

    refused = await client.get(
        "/v1/complaints", params={"updated_since": "yesterday"}, headers=desk
    )
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "updated_since"
