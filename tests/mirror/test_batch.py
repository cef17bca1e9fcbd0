"""POST /v1/jaki/reports/batch: created, updated, unchanged, stale, and refusals one by one."""

import json

import pytest
from sqlalchemy import func, select, text

from app.models import Complaint, ComplaintEvent, JakiReport
from app.models.roles import Role
from tests.factories import CIKINI, jaki_report

URL = "/v1/jaki/reports/batch"


async def push(client, headers, *reports):
    response = await client.post(URL, json={"reports": list(reports)}, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def counts(result):
    return {k: result[k] for k in ("created", "updated", "unchanged", "stale")}


async def mirrored(client, headers, jaki_id):
    page = (
        await client.get(
            "/v1/complaints", params={"channel": "jaki", "limit": 100}, headers=headers
        )
    ).json()
    [found] = [c for c in page["items"] if c["external_id"] == jaki_id]
    return found


async def test_new_report_becomes_a_jaki_complaint(client, auth):
    result = await push(client, auth(Role.INTEGRATION), jaki_report(status="proses"))
    assert counts(result) == {"created": 1, "updated": 0, "unchanged": 0, "stale": 0}
    assert result["errors"] == []

    complaint = await mirrored(client, auth(Role.DESK), "JAKI-2026-0000001")
    assert complaint["tracking_number"].startswith("JK-")
    assert complaint["status"] == "in_progress"
    assert complaint["jaki_status"] == "Proses"
    assert complaint["category"] == "jalan"
    assert complaint["kelurahan_code"] == CIKINI
    assert complaint["reported_at"].startswith("2026-10-03T00:41:12")
    assert complaint["complainant"]["nik"] == "3171061205880003"
    assert complaint["complainant"]["phone"] == "+6281298765432"
    assert complaint["jaki"]["kelurahan_source"] == "feed"
    assert complaint["jaki"]["support_count"] == 3
    assert complaint["jaki"]["category_text"] == "Jalan Rusak"


async def test_viewer_sees_the_reporter_masked(client, auth):
    await push(client, auth(Role.INTEGRATION), jaki_report())
    complaint = await mirrored(client, auth(Role.VIEWER), "JAKI-2026-0000001")
    assert complaint["complainant"]["nik"] == "3171********0003"
    assert complaint["complainant"]["masked"] is True


@pytest.mark.parametrize(
    ("jaki_words", "status"),
    [
        ("Menunggu", "received"),
        ("Koordinasi", "assigned"),
        ("DISPOSISI", "assigned"),
        ("Proses", "in_progress"),
        ("Selesai", "closed"),
        ("ditolak", "rejected"),
    ],
)
async def test_jaki_status_maps_onto_pintu_and_is_kept(client, auth, jaki_words, status):
    await push(client, auth(Role.INTEGRATION), jaki_report(status=jaki_words))
    complaint = await mirrored(client, auth(Role.VIEWER), "JAKI-2026-0000001")
    assert complaint["status"] == status
    assert complaint["jaki_status"] == jaki_words.capitalize()


@pytest.mark.parametrize(
    ("words", "code"),
    [
        ("Bantuan Sosial", "bansos"),
        ("  banjir ", "saluran"),
        ("Parkir Liar", "ketertiban"),
        ("Pedagang Kaki Lima", "ketertiban"),
        ("Saluran Air, Kali/Sungai", "saluran"),
        ("Pohon Tumbang", "lainnya"),
        # A name without an alias yet: the one code of the aliases it holds as whole words.
        ("Pelayanan Kesehatan", "kesehatan"),
        ("Saluran Air, Kali/Sungai dan Banjir", "saluran"),
        ("Lampu Jalan Mati", "penerangan_jalan"),  # "jalan" lies inside "lampu jalan"
        ("Jalan Rusak dan Lampu Jalan", "lainnya"),  # two codes: no guess
        ("Lampu Jalan dan Jalan", "lainnya"),  # the second "jalan" stands on its own
        ("Kesehatan Lainnya", "kesehatan"),  # the catch-all's own name is no second code
        ("Kebersihan", "lainnya"),
        ("Jalanan", "lainnya"),  # not the word "jalan"
    ],
)
async def test_jaki_category_maps_by_data_and_unknown_is_lainnya_with_words_kept(
    client, auth, words, code
):
    await push(client, auth(Role.INTEGRATION), jaki_report(category=words))
    complaint = await mirrored(client, auth(Role.VIEWER), "JAKI-2026-0000001")
    assert complaint["category"] == code
    assert complaint["jaki"]["category_text"] == words.strip()


async def test_kelurahan_is_derived_from_the_point_when_the_feed_gives_none(client, auth):
    # A point a few metres from Kelurahan Gambir's reference point (-6.176384, 106.826707).
    report = jaki_report(kelurahan_code=None, lat=-6.1765, lon=106.8268)
    await push(client, auth(Role.INTEGRATION), report)
    complaint = await mirrored(client, auth(Role.VIEWER), "JAKI-2026-0000001")
    assert complaint["kelurahan_code"] == "31.71.01.1001"
    assert complaint["kecamatan_code"] == "31.71.01"
    assert complaint["jaki"]["kelurahan_source"] == "nearest_point"
    assert 0 < complaint["jaki"]["kelurahan_distance_m"] < 50


async def test_kelurahan_is_the_one_the_address_names_near_the_point(client, auth):
    # Nearer Cikini's reference point, but the address names Pegangsaan next door.
    report = jaki_report(
        kelurahan_code=None,
        lat=-6.1960,
        lon=106.8430,
        address="Jl. Proklamasi No.5, RT.1/RW.1, Pegangsaan, Kec. Menteng, Kota Jakarta Pusat",
    )
    await push(client, auth(Role.INTEGRATION), report)
    complaint = await mirrored(client, auth(Role.VIEWER), "JAKI-2026-0000001")
    assert complaint["kelurahan_code"] == "31.71.06.1002"
    assert complaint["jaki"]["kelurahan_source"] == "address"
    assert 0 < complaint["jaki"]["kelurahan_distance_m"] < 1000
    # Without an address, the description may name it.
    report = jaki_report(
        id="JAKI-2026-0000002",
        kelurahan_code=None,
        lat=-6.1960,
        lon=106.8430,
        address=None,
        description="tps liar di gang 5 kel. pegangsaan makin gede aja",
    )
    await push(client, auth(Role.INTEGRATION), report)
    complaint = await mirrored(client, auth(Role.VIEWER), "JAKI-2026-0000002")
    assert complaint["kelurahan_code"] == "31.71.06.1002"


async def test_unknown_fields_are_kept_not_dropped_and_shown_only_to_roles_that_see_pii(
    client, auth, session
):
    # A name can be personal data as much as a value: an e-mail address used as a key.
    report = {
        **jaki_report(channel_detail="android", reporter_nik="3171014505900002"),
        "budi.santoso@example.com": True,
    }
    await push(client, auth(Role.INTEGRATION), report)
    for role in (Role.DESK, Role.ADMIN):
        shown = await mirrored(client, auth(role), "JAKI-2026-0000001")
        assert shown["jaki"]["raw"] == {
            "channel_detail": "android",
            "reporter_nik": "3171014505900002",
            "budi.santoso@example.com": True,
        }
        assert shown["jaki"]["raw_fields"] == [
            "budi.santoso@example.com",
            "channel_detail",
            "reporter_nik",
        ]
    viewer = await mirrored(client, auth(Role.VIEWER), "JAKI-2026-0000001")
    assert viewer["jaki"]["raw"] is None and viewer["jaki"]["raw_fields"] is None
    assert "budi.santoso@example.com" not in json.dumps(viewer)
    # Encrypted at rest, names too: a dump does not show what JAKI sent.
    dump = (await session.execute(text("SELECT j::text FROM jaki_reports j"))).scalar_one()
    for sent in ("3171014505900002", "android", "budi.santoso@example.com", "channel_detail"):
        assert sent not in dump


async def test_an_unknown_field_named_like_personal_data_is_not_named_to_anyone_but_the_desk(
    client, auth, session
):
    report = jaki_report(channel_detail="android", **{"3171014505900002": "Siti"})
    await push(client, auth(Role.INTEGRATION), report)

    desk = await mirrored(client, auth(Role.DESK), "JAKI-2026-0000001")
    assert desk["jaki"]["raw"] == {"channel_detail": "android", "3171014505900002": "Siti"}
    viewer = await mirrored(client, auth(Role.VIEWER), "JAKI-2026-0000001")
    assert viewer["jaki"]["raw_fields"] is None
    assert "3171014505900002" not in json.dumps(viewer)
    dump = (await session.execute(text("SELECT j::text FROM jaki_reports j"))).scalar_one()
    assert "3171014505900002" not in dump


async def test_versions_are_updated_unchanged_or_stale_by_updated_at(client, auth):
    feed = auth(Role.INTEGRATION)
    first = jaki_report(updated_at="2026-10-04T08:00:00+07:00")
    assert counts(await push(client, feed, first))["created"] == 1

    assert counts(await push(client, feed, first))["unchanged"] == 1
    same_time_new_text = {**first, "description": "jalan makin parah, lubang tambah besar"}
    assert counts(await push(client, feed, same_time_new_text))["updated"] == 1
    newer = {**same_time_new_text, "updated_at": "2026-10-05T08:00:00+07:00", "status": "Proses"}
    assert counts(await push(client, feed, newer))["updated"] == 1
    older = {**first, "updated_at": "2026-10-04T09:00:00+07:00", "status": "Selesai"}
    assert counts(await push(client, feed, older))["stale"] == 1

    complaint = await mirrored(client, auth(Role.VIEWER), "JAKI-2026-0000001")
    assert complaint["status"] == "in_progress"
    assert complaint["description"] == "jalan makin parah, lubang tambah besar"
    assert complaint["version"] == 3


async def test_every_change_lands_in_the_history(client, auth):
    feed = auth(Role.INTEGRATION)
    await push(client, feed, jaki_report())
    await push(
        client,
        feed,
        jaki_report(updated_at="2026-10-06T10:00:00+07:00", status="Selesai", category="Banjir"),
    )
    complaint = await mirrored(client, auth(Role.VIEWER), "JAKI-2026-0000001")
    events = (
        await client.get(f"/v1/complaints/{complaint['id']}/history", headers=auth(Role.VIEWER))
    ).json()["events"]
    assert [e["kind"] for e in events] == ["created", "jaki_updated"]
    assert (events[1]["from_status"], events[1]["to_status"]) == ("received", "closed")
    assert events[1]["changes"]["jaki_status"] == {"from": "Menunggu", "to": "Selesai"}
    assert events[1]["changes"]["category"] == {"from": "jalan", "to": "saluran"}
    assert events[1]["actor"] == {"name": "test integration", "role": "integration"}


async def test_same_id_twice_in_a_batch_newest_wins_others_stale(client, auth):
    old = jaki_report(updated_at="2026-10-04T08:00:00+07:00", status="Menunggu")
    new = jaki_report(updated_at="2026-10-05T08:00:00+07:00", status="Proses")
    result = await push(client, auth(Role.INTEGRATION), new, old)
    assert counts(result) == {"created": 1, "updated": 0, "unchanged": 0, "stale": 1}
    complaint = await mirrored(client, auth(Role.VIEWER), "JAKI-2026-0000001")
    assert complaint["jaki_status"] == "Proses"


async def test_same_batch_twice_writes_nothing_the_second_time(client, auth, session):
    batch = [
        jaki_report(id=f"JAKI-2026-{n:07d}", updated_at="2026-10-04T08:00:00+07:00")
        for n in range(1, 51)
    ]
    first = await push(client, auth(Role.INTEGRATION), *batch)
    assert first["created"] == 50

    async def snapshot():
        return (
            await session.scalar(select(func.count()).select_from(ComplaintEvent)),
            await session.scalar(select(func.max(Complaint.updated_at))),
            await session.scalar(select(func.max(JakiReport.jaki_updated_at))),
        )

    before = await snapshot()
    second = await push(client, auth(Role.INTEGRATION), *batch)
    assert counts(second) == {"created": 0, "updated": 0, "unchanged": 50, "stale": 0}
    assert await snapshot() == before


async def test_refused_reports_are_listed_and_the_others_stored(client, auth):
    reports = [
        jaki_report(id="JAKI-OK-1"),
        jaki_report(id="JAKI-BAD-NIK", reporter={"name": "Ani", "nik": "3171063102880003"}),
        "not an object",
        jaki_report(id="JAKI-BAD-PLACE", kelurahan_code="31.71.06.9999"),
        jaki_report(id="JAKI-NO-PLACE", kelurahan_code=None, lat=None, lon=None),
        jaki_report(id="JAKI-BAD-STATUS", status="Dibatalkan"),
        {k: v for k, v in jaki_report(id="JAKI-NO-TIME").items() if k != "updated_at"},
        jaki_report(id="JAKI-OK-2", reporter=None),
    ]
    result = await push(client, auth(Role.INTEGRATION), *reports)

    assert result["created"] == 2
    errors = {e["index"]: e for e in result["errors"]}
    assert sorted(errors) == [1, 2, 3, 4, 5, 6]
    assert (errors[1]["id"], errors[1]["field"]) == ("JAKI-BAD-NIK", "reporter.nik")
    assert "3171063102880003" not in str(result)
    assert errors[2]["id"] is None
    assert errors[3]["field"] == "kelurahan_code"
    assert errors[5]["field"] == "status"
    assert errors[6]["field"] == "updated_at"
    anonymous = await mirrored(client, auth(Role.DESK), "JAKI-OK-2")
    assert anonymous["complainant"] is None


@pytest.mark.parametrize(
    "body",
    [
        {"reports": {"id": "x"}},
        {"reports": []},
        {"report": []},
        [jaki_report()],
        {"reports": [jaki_report(id=f"J-{n}") for n in range(1001)]},
    ],
    ids=["not-a-list", "empty", "misnamed", "bare-list", "over-1000"],
)
async def test_a_body_that_is_not_a_batch_is_422_and_stores_nothing(client, auth, session, body):
    response = await client.post(URL, json=body, headers=auth(Role.INTEGRATION))
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    jaki = select(func.count()).select_from(Complaint).where(Complaint.channel_code == "jaki")
    assert await session.scalar(jaki) == 0


async def test_mirrored_reports_count_in_the_channel_stats(client, auth):
    await push(
        client,
        auth(Role.INTEGRATION),
        jaki_report(
            id="A", created_at="2026-10-03T23:30:00+07:00", updated_at="2026-10-03T23:30:00+07:00"
        ),
        jaki_report(
            id="B", created_at="2026-10-04T00:30:00+07:00", updated_at="2026-10-04T00:30:00+07:00"
        ),
    )
    stats = (
        await client.get(
            "/v1/channels/jaki/stats", params={"from": "2026-10-03", "to": "2026-10-04"}
        )
    ).json()
    assert [d["count"] for d in stats["days"]] == [1, 1]


async def test_a_report_the_database_refuses_fails_alone(client, auth, session):
    # A rule of the database's that the checks do not know (added for this test only, inside its
    # rolled-back transaction): the bulk write fails, and Pintu retries the reports one by one.
    await session.execute(
        text(
            "ALTER TABLE jaki_reports ADD CONSTRAINT test_refused "
            "CHECK (category_text <> 'Ditolak basis data')"
        )
    )
    bad = jaki_report(id="BAD", category="Ditolak basis data")
    reports = [jaki_report(id="GOOD-1"), bad, jaki_report(id="GOOD-2")]
    result = await push(client, auth(Role.INTEGRATION), *reports)
    assert result["created"] == 2
    assert [(e["index"], e["id"]) for e in result["errors"]] == [(1, "BAD")]
    assert (await mirrored(client, auth(Role.VIEWER), "GOOD-2"))["channel"] == "jaki"


async def push_as_json_text(client, headers, *reports):
    # json.dumps escapes a lone surrogate as \ud800, the way a client's JSON would carry it
    # (httpx's own encoder would refuse to send it).
    body = json.dumps({"reports": list(reports)}).encode()
    response = await client.post(
        URL, content=body, headers={**headers, "content-type": "application/json"}
    )
    assert response.status_code == 200, response.text
    return response.json()


async def test_a_lone_surrogate_refuses_its_report_not_the_batch(client, auth):
    bad = jaki_report(id="SURROGATE", description="jalan rusak \ud800")
    result = await push_as_json_text(client, auth(Role.INTEGRATION), bad, jaki_report(id="OK"))
    assert result["created"] == 1
    assert [(e["id"], e["field"]) for e in result["errors"]] == [("SURROGATE", "description")]


# Extra fields are kept as given, but only what PostgreSQL and UTF-8 can carry: a report whose
# extra fields hold a NUL or a lone surrogate anywhere, in a value or a name, is refused. The
# field is named when its path is made of plain names; a name that is not (it may be anything,
# an e-mail address too) is never echoed.
@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"note": "a\ud800"}, "note"),
        ({"note": "a\x00b"}, "note"),
        ({"meta": {"device": {"os": "android \udfff"}}}, "meta.device.os"),
        ({"meta": {"tags": ["ok", "b\udc00"]}}, "meta.tags.1"),
        ({"meta": [{"x": 1}, {"y": "\x00"}]}, "meta.1.y"),
        ({"note\ud800": "x"}, None),
        ({"note\x00": "x"}, None),
        ({"meta": {"k\udbff": 1}}, None),
        ({"meta": [{"\x00": None}]}, None),
        ({"budi.santoso@example.com": {"note": "a\ud800"}}, None),
    ],
    ids=[
        "value",
        "nul-value",
        "nested-value",
        "value-in-list",
        "nul-in-list",
        "name",
        "nul-name",
        "nested-name",
        "nul-nested-name",
        "personal-name",
    ],
)
async def test_extra_fields_that_cannot_be_stored_refuse_their_report_only(
    client, auth, extra, field
):
    bad = {**jaki_report(id="BAD-EXTRA"), **extra}
    result = await push_as_json_text(
        client, auth(Role.INTEGRATION), jaki_report(id="OK-1"), bad, jaki_report(id="OK-2")
    )
    assert counts(result) == {"created": 2, "updated": 0, "unchanged": 0, "stale": 0}
    [error] = result["errors"]
    assert (error["index"], error["id"], error["field"]) == (1, "BAD-EXTRA", field)
    assert "NUL" in error["detail"] and "surrogate" in error["detail"]
    # Nothing of the report was stored, and the list that would have shown it still answers.
    page = await client.get("/v1/complaints", params={"channel": "jaki"}, headers=auth(Role.DESK))
    assert page.status_code == 200
    assert sorted(c["external_id"] for c in page.json()["items"]) == ["OK-1", "OK-2"]


async def test_a_new_version_of_the_address_moves_the_matchers_place_record(client, auth, session):
    feed = auth(Role.INTEGRATION)
    first = jaki_report(
        address="Gg. Haji Saman No.27, RT.15/RW.1", updated_at="2026-10-04T08:00:00+07:00"
    )
    await push(client, feed, first)
    moved = {**first, "address": "Jl. Kramat Raya", "updated_at": "2026-10-05T08:00:00+07:00"}
    stored = select(Complaint.place_record).where(Complaint.external_id == first["id"])

    first_record = await session.scalar(stored)
    assert first_record is not None
    assert first_record.split("\x1f")[:5] == ["", "haji saman", "27", "15", "1"]
    assert counts(await push(client, feed, moved))["updated"] == 1
    assert (await session.scalar(stored)).split("\x1f")[:3] == ["kramat raya", "", ""]
