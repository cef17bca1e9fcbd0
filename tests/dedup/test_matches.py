"""POST /v1/dedup/matches and the possible duplicates shown at intake."""

from __future__ import annotations

import pytest

from app.models.roles import Role
from tests.factories import CIKINI, GAMBIR, mirror_jaki_report, walk_in_body

BANSOS_JAKI = {
    "id": "JAKI-2026-0100001",
    "category": "Bantuan Sosial",
    "description": "min bansos bpnt sy blm cair dr bln agustus, pdhl udh terdaftar dtks. "
    "tlg dicek dong",
    "kelurahan_code": GAMBIR,
    "address": "Jl. Medan Merdeka Selatan No.8, RT.5/RW.3",
    "lat": -6.18152,
    "lon": 106.82835,
    "reporter": {"name": "Siti Rahmawati", "phone": "+62 812 3456 7890"},
}
BANSOS_WALK_IN = walk_in_body(
    description="Pemohon menyampaikan bahwa bantuan sosial BPNT sejak bulan Agustus belum "
    "diterima, padahal telah terdaftar dalam DTKS.",
    reported_at="2026-10-10T08:30:00+07:00",
)
POTHOLE_WALK_IN = walk_in_body(
    category="jalan",
    description="Jalan rusak berlubang di depan SDN 03 Cikini; beberapa kali pengendara motor "
    "terjatuh. Mohon segera diperbaiki.",
    kelurahan_code=CIKINI,
    address="Jl. Cikini Raya Gang 5 No. 12",
    lat=-6.18625,
    lon=106.85562,
    reported_at="2026-10-09T09:00:00+07:00",
    complainant={"name": "Agus Setiawan", "phone": "0813-1111-2222"},
)


async def _match(client, auth, **body):
    return await client.post("/v1/dedup/matches", json=body, headers=auth(Role.DESK))


async def test_a_walk_in_written_very_differently_finds_its_jaki_twin(client, auth):
    feed, reader = auth(Role.INTEGRATION), auth(Role.VIEWER)
    twin = await mirror_jaki_report(client, feed, reader, **BANSOS_JAKI)
    neighbour = await mirror_jaki_report(
        client,
        feed,
        reader,
        **{
            **BANSOS_JAKI,
            "id": "JAKI-2026-0100002",
            "reporter": {"name": "Dewi Lestari", "phone": "0857-2222-3333"},
        },
    )

    response = await _match(client, auth, complaint=BANSOS_WALK_IN)

    assert response.status_code == 200, response.text
    candidates = response.json()["candidates"]
    best = candidates[0]
    assert (best["id"], best["band"], best["rule"]) == (twin["id"], "match", "person")
    assert best["external_id"] == "JAKI-2026-0100001"
    evidence = {e["signal"]: e for e in best["evidence"]}
    assert evidence["phone"]["outcome"] == "equal" and evidence["phone"]["weight"] > 0
    assert evidence["nik"]["outcome"] == "missing"
    assert best["reporter"] == {"name": "S*** R***", "phone": "+62812****7890"}
    # The neighbour with the same bansos complaint is another complainant: not a match.
    assert all(c["band"] != "match" for c in candidates if c["id"] == neighbour["id"])
    # The phone never shows beyond its masked form (its middle digits in any spelling; a
    # random id or a score may hold "3456" by chance).
    for middle in ("3456 7890", "3456-7890", "34567890"):
        assert middle not in response.text


async def test_an_anonymous_jaki_report_is_found_by_place_and_problem(client, auth):
    anonymous = await mirror_jaki_report(
        client,
        auth(Role.INTEGRATION),
        auth(Role.VIEWER),
        id="JAKI-2026-0100003",
        reporter=None,
    )

    response = await _match(client, auth, complaint=POTHOLE_WALK_IN)

    assert response.status_code == 200, response.text
    [best, *_] = response.json()["candidates"]
    assert (best["id"], best["rule"], best["reporter"]) == (anonymous["id"], "place", None)
    assert best["band"] in ("match", "review")
    assert best["distance_m"] < 50
    assert {e["signal"]: e["outcome"] for e in best["evidence"]}["region"] == "same_kelurahan"


async def test_a_complaint_with_no_match_gets_an_empty_list(client, auth):
    await mirror_jaki_report(
        client, auth(Role.INTEGRATION), auth(Role.VIEWER), id="JAKI-2026-0100004"
    )
    lonely = walk_in_body(
        category="perizinan",
        description="Pengurusan izin usaha mikro belum selesai setelah tiga bulan.",
        kelurahan_code="31.75.01.1001",
        address="Jl. Pemuda No. 2",
        lat=None,
        lon=None,
        complainant={"name": "Yusuf Nasution", "phone": "0896-1234-0000"},
    )
    response = await _match(client, auth, complaint=lonely)
    assert response.status_code == 200, response.text
    assert response.json()["candidates"] == []


async def test_a_stored_complaint_is_matched_by_id_or_tracking_number(client, auth):
    twin = await mirror_jaki_report(
        client, auth(Role.INTEGRATION), auth(Role.VIEWER), **BANSOS_JAKI
    )
    created = await client.post("/v1/complaints", json=BANSOS_WALK_IN, headers=auth(Role.DESK))
    assert created.status_code == 201, created.text
    walk_in = created.json()
    # Intake shows the same candidate at once.
    assert walk_in["possible_duplicates"][0]["id"] == twin["id"]

    for ref in (walk_in["id"], walk_in["tracking_number"]):
        response = await _match(client, auth, complaint_id=ref)
        assert response.status_code == 200, response.text
        assert response.json()["candidates"][0]["id"] == twin["id"]


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({}, 422, "complaint_id"),
        ({"complaint_id": "WI-2026-999999", "complaint": BANSOS_WALK_IN}, 422, "complaint_id"),
        ({"complaint_id": "WI-2026-999999"}, 404, None),
        ({"complaint": {**BANSOS_WALK_IN, "category": "tidak-ada"}}, 422, "complaint.category"),
        ({"complaint": BANSOS_WALK_IN, "limit": 0}, 422, "limit"),
        ({"complaint": BANSOS_WALK_IN, "channels": []}, 422, "channels"),
    ],
)
async def test_bad_match_requests_are_refused(client, auth, body, status, field):
    response = await _match(client, auth, **body)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    if field is not None:
        assert response.json()["field"] == field
