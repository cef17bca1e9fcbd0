"""The demo data generator: deterministic, realistic, and valid for Pintu's own validators."""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from app.complaints.schemas import ComplaintCreate
from app.demo.generator import (
    DEFAULT_START,
    LAT_MAX,
    LAT_MIN,
    LON_MAX,
    LON_MIN,
    jaki_reports,
    jaki_reports_with_origin,
    load_kelurahan,
    walk_in_complaints,
    walk_ins_with_sources,
    write_jsonl,
)
from app.mirror.schemas import JAKI_STATUSES, JakiReportIn
from app.personal.nik import normalize_nik
from app.personal.phone import normalize_phone

PINTU_CODES = {
    "bansos", "pertanahan", "kependudukan", "kesehatan", "pendidikan", "jalan", "saluran",
    "sampah", "penerangan_jalan", "ketertiban", "air_bersih", "perizinan", "transportasi",
    "lainnya",
}  # fmt: skip
KNOWN_JAKI_WORDS = {
    "Bantuan Sosial", "Pertanahan", "Administrasi Kependudukan", "Kesehatan", "Pendidikan",
    "Jalan Rusak", "Saluran Air, Kali/Sungai", "Banjir", "Sampah", "Penerangan Jalan Umum",
    "Parkir Liar", "Pedagang Kaki Lima", "Air Bersih", "Perizinan", "Transportasi",
}  # fmt: skip


@pytest.fixture(scope="module")
def reports() -> list[dict[str, Any]]:
    return list(jaki_reports(1000))


@pytest.fixture(scope="module")
def walk_ins(reports: list[dict[str, Any]]) -> list[tuple[dict[str, Any], str | None]]:
    return list(walk_ins_with_sources(300, jaki=reports))


def _share(items: list[Any], predicate: Any) -> float:
    return sum(1 for item in items if predicate(item)) / len(items)


def test_kelurahan_come_from_the_regions_file() -> None:
    places = load_kelurahan()
    assert len(places) == 267
    assert len({p.code for p in places}) == 267
    gambir = next(p for p in places if p.code == "31.71.01.1001")
    assert (gambir.name, gambir.kecamatan, gambir.kota_short) == (
        "Gambir",
        "Gambir",
        "Jakarta Pusat",
    )
    assert all(LAT_MIN <= p.lat <= LAT_MAX and LON_MIN <= p.lon <= LON_MAX for p in places)


def test_same_seed_same_output() -> None:
    assert list(jaki_reports(300, seed=3)) == list(jaki_reports(300, seed=3))
    assert list(jaki_reports(300, seed=3)) != list(jaki_reports(300, seed=4))
    jaki = list(jaki_reports(200))
    first = list(walk_in_complaints(100, seed=5, jaki=jaki))
    assert first == list(walk_in_complaints(100, seed=5, jaki=jaki))
    assert first != list(walk_in_complaints(100, seed=6, jaki=jaki))


def test_every_kelurahan_is_the_origin_of_a_report() -> None:
    pairs = list(jaki_reports_with_origin(1000))
    assert {place.code for _, place in pairs} == {p.code for p in load_kelurahan()}
    for report, place in pairs:
        assert report.get("kelurahan_code", place.code) == place.code


def test_reports_have_the_documented_shape(reports: list[dict[str, Any]]) -> None:
    assert len(reports) == 1000
    for report in reports:
        parsed = JakiReportIn.model_validate(report)
        assert parsed.status in JAKI_STATUSES
        assert re.fullmatch(r"JAKI-\d{4}-\d{7}", report["id"])
        assert all(
            re.fullmatch(r"https://jaki\.jakarta\.go\.id/media/\S+\.jpg", url)
            for url in report["photo_urls"]
        )
        assert 0 <= len(report["photo_urls"]) <= 3
        assert 0 <= report["support_count"] <= 200
    assert len({r["id"] for r in reports}) == len(reports)


def test_reporters_pass_the_personal_validators(
    reports: list[dict[str, Any]], walk_ins: list[tuple[dict[str, Any], str | None]]
) -> None:
    people = [r["reporter"] for r in reports if r["reporter"]]
    people += [body["complainant"] for body, _ in walk_ins]
    niks = [p["nik"] for p in people if "nik" in p]
    phones = [p["phone"] for p in people if "phone" in p]
    assert len(niks) > 500 and len(phones) > 400
    for nik in niks:
        assert normalize_nik(nik) == nik
    for phone in phones:
        assert normalize_phone(phone).startswith("+628")
    # Registered mostly in Jakarta, some in Jawa Barat or Banten; women add 40 to the day.
    assert 0.75 < _share(niks, lambda n: n.startswith("31")) < 0.95
    assert {n[:2] for n in niks} == {"31", "32", "36"}
    assert 0.3 < _share(niks, lambda n: int(n[6:8]) > 40) < 0.7
    # Phones in varied formats.
    assert {p[:2] for p in phones} >= {"08", "+6", "62"}


def test_points_times_and_places(reports: list[dict[str, Any]]) -> None:
    earliest = DEFAULT_START - timedelta(days=90)
    for report in reports:
        assert LAT_MIN <= report["lat"] <= LAT_MAX and LON_MIN <= report["lon"] <= LON_MAX
        created = datetime.fromisoformat(report["created_at"])
        updated = datetime.fromisoformat(report["updated_at"])
        assert report["created_at"].endswith("+07:00")
        assert earliest <= created <= updated < DEFAULT_START
        moments = [datetime.fromisoformat(f["at"]) for f in report["follow_ups"]]
        assert moments == sorted(moments)
        assert all(created <= m <= updated for m in moments)
        assert (report["status"] == "Menunggu") == (not report["follow_ups"])
        assert len(report["follow_ups"]) <= 3
    created_hours = Counter(datetime.fromisoformat(r["created_at"]).hour for r in reports)
    assert sum(created_hours[h] for h in range(7, 21)) > 0.8 * len(reports)
    assert 0.05 < _share(reports, lambda r: "kelurahan_code" not in r) < 0.25
    assert 0.8 < _share(reports, lambda r: "address" in r) < 0.97


def test_status_anonymity_and_category_shares(reports: list[dict[str, Any]]) -> None:
    statuses = Counter(r["status"] for r in reports)
    expected = {"Menunggu": 0.20, "Koordinasi": 0.05, "Disposisi": 0.10, "Proses": 0.25,
                "Selesai": 0.37, "Ditolak": 0.03}  # fmt: skip
    for status, share in expected.items():
        assert abs(statuses[status] / len(reports) - share) < 0.05, status
    assert 0.18 < _share(reports, lambda r: r["reporter"] is None) < 0.32
    assert 0.7 < _share(reports, lambda r: r["is_public"]) < 0.9
    categories = Counter(r["category"] for r in reports)
    assert set(categories) >= KNOWN_JAKI_WORDS
    assert 0 < sum(n for c, n in categories.items() if c not in KNOWN_JAKI_WORDS) < 30
    place = sum(categories[c] for c in ("Jalan Rusak", "Sampah", "Saluran Air, Kali/Sungai"))
    person = sum(categories[c] for c in ("Bantuan Sosial", "Pertanahan", "Kesehatan"))
    assert place > 2 * person
    assert any("channel_detail" in r for r in reports)
    assert _share(reports, lambda r: r["support_count"] <= 5) > 0.8


def test_descriptions_are_varied_and_informal(reports: list[dict[str, Any]]) -> None:
    descriptions = [r["description"] for r in reports]
    assert len(set(descriptions)) > 0.95 * len(descriptions)
    text = " ".join(descriptions).lower()
    for word in ("yg", "gk", "blm", "udh", "sdh", "tdk", "dkt", "bgt", "krn", "tlg", "mhn"):
        assert re.search(rf"\b{word}\b", text), word
    assert any(d.endswith("!!!") for d in descriptions)
    assert any(d == d.lower() and re.search("[a-z]", d) for d in descriptions)


def test_walk_ins_are_valid_complaint_bodies(
    walk_ins: list[tuple[dict[str, Any], str | None]],
) -> None:
    bodies = [body for body, _ in walk_ins]
    assert len(bodies) == 300
    for body in bodies:
        ComplaintCreate.model_validate(body)
        assert body["channel"] == "walk_in"
        assert body["category"] in PINTU_CODES
        assert re.fullmatch(r"\d{3}", body["rt"]) and re.fullmatch(r"\d{3}", body["rw"])
        assert body["complainant"]["name"]
        assert body["complainant"].get("nik") or body["complainant"].get("phone")
        assert body["reported_at"].endswith("+07:00")
        assert datetime.fromisoformat(body["reported_at"]).weekday() < 5
    desk_hours = _share(bodies, lambda b: "08:00" <= b["reported_at"][11:16] <= "09:30")
    assert desk_hours > 0.8
    assert Counter(b["category"] for b in bodies).most_common(1)[0][0] == "bansos"


def test_walk_in_duplicates_restate_their_jaki_report(
    reports: list[dict[str, Any]], walk_ins: list[tuple[dict[str, Any], str | None]]
) -> None:
    by_id = {r["id"]: r for r in reports}
    pairs = [(body, by_id[source]) for body, source in walk_ins if source is not None]
    assert 0.25 < len(pairs) / len(walk_ins) < 0.35
    assert len({r["id"] for _, r in pairs}) == len(pairs)
    with_nik = 0
    for body, report in pairs:
        reporter = report["reporter"] or {}
        if reporter.get("nik"):
            with_nik += 1
            assert body["complainant"]["nik"] == reporter["nik"]
        if reporter.get("name"):
            assert body["complainant"]["name"] == reporter["name"]
        if reporter.get("phone"):
            assert normalize_phone(body["complainant"]["phone"]) == normalize_phone(
                reporter["phone"]
            )
        if "kelurahan_code" in report:
            assert body["kelurahan_code"] == report["kelurahan_code"]
        delay = datetime.fromisoformat(body["reported_at"]) - datetime.fromisoformat(
            report["created_at"]
        )
        assert timedelta(days=0) < delay <= timedelta(days=21)
        if "lat" in body:
            assert abs(body["lat"] - report["lat"]) < 0.002
            assert abs(body["lon"] - report["lon"]) < 0.002
        assert body["description"] != report["description"]
    assert with_nik > 30
    # Without JAKI reports there is nothing to restate.
    assert all(source is None for _, source in walk_ins_with_sources(20))


def test_write_jsonl_round_trips_plain_and_gzip(
    tmp_path: Path, reports: list[dict[str, Any]]
) -> None:
    sample = reports[:50]
    plain, packed = tmp_path / "reports.jsonl", tmp_path / "reports.jsonl.gz"
    assert write_jsonl(sample, plain) == 50
    assert write_jsonl(iter(sample), packed) == 50
    assert [json.loads(line) for line in plain.read_text(encoding="utf-8").splitlines()] == sample
    with gzip.open(packed, "rt", encoding="utf-8") as f:
        assert [json.loads(line) for line in f] == sample
    forced = tmp_path / "forced.jsonl"
    assert write_jsonl(sample, forced, gzip_output=True) == 50
    assert forced.read_bytes()[:2] == b"\x1f\x8b"
    assert write_jsonl([], tmp_path / "empty.jsonl") == 0
