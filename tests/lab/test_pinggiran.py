"""The Pinggiran labelled set: reproducible, valid JAKI reports and walk-in bodies, labels that
follow the domain rule, and the style it was written in."""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from dataclasses import asdict
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from app.complaints.schemas import ComplaintCreate
from app.mirror.schemas import JakiReportIn
from app.personal.nik import PROVINCE_CODES, normalize_nik
from app.personal.phone import normalize_phone
from lab.sets import pinggiran
from lab.sets.pinggiran import JAKI_NAMES, KINDS, PERSON_CODES, SHARES, LabelledSet, build

REGIONS = Path(__file__).resolve().parents[2] / "migrations" / "data" / "jakarta_regions.csv"
NEGATIVE = set(KINDS) - pinggiran.TWIN_KINDS
NUMBER_WORDS = re.compile(
    r"\b(?:satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas|belas|puluh|"
    r"ratus)\b"
)
MONTH = "|".join(pinggiran.MONTHS)
SUNDA = re.compile(r"\b(?:punten|hatur nuhun|teu acan|pisan|atuh|mangga|euy|tos)\b")


@cache
def labelled(seed: int = 1) -> LabelledSet:
    return build(seed)


def dump(data: LabelledSet) -> str:
    plain = asdict(data)
    plain["truth"] = [sorted(t) for t in data.truth]
    return json.dumps(plain, sort_keys=True, ensure_ascii=False)


def kelurahan_codes() -> set[str]:
    with REGIONS.open(encoding="utf-8") as fh:
        return {r["code"] for r in csv.DictReader(fh) if r["level"] == "kelurahan"}


def when(text: str) -> datetime:
    return datetime.fromisoformat(text)


def code_of(category: str) -> set[str]:
    """The Pintu codes a JAKI category name of this set stands for."""
    out = {c for c, (usual, new) in JAKI_NAMES.items() if category in usual or category in new}
    out |= {c for (c, _), name in pinggiran._SUBTYPE_NAMES.items() if name == category}
    return out


def metres(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    return pinggiran.metres(lat1, lon1, lat2, lon2)


def test_same_seed_same_set_and_another_seed_another() -> None:
    assert dump(build(1)) == dump(labelled(1))
    assert dump(build(7)) != dump(labelled(1))


def test_default_sizes() -> None:
    data = labelled()
    assert len(data.jaki) == 4400
    assert len(data.walk_ins) == len(data.truth) == len(data.kinds) == 400
    assert len({r["id"] for r in data.jaki}) == 4400


def test_other_sizes_and_too_small_refused() -> None:
    small = build(3, jaki_count=900, walk_ins=100)
    assert (len(small.jaki), len(small.walk_ins)) == (900, 100)
    with pytest.raises(ValueError, match="too small"):
        build(1, jaki_count=300)


def test_jaki_reports_validate() -> None:
    codes = kelurahan_codes()
    for report in labelled().jaki:
        parsed = JakiReportIn.model_validate(report)
        assert parsed.kelurahan_code is None or parsed.kelurahan_code in codes
        assert parsed.updated_at >= parsed.created_at
        assert code_of(report["category"]), report["category"]


def test_walk_ins_validate() -> None:
    codes = kelurahan_codes()
    for body in labelled().walk_ins:
        parsed = ComplaintCreate.model_validate(body)
        assert parsed.channel == "walk_in"
        assert parsed.kelurahan_code in codes
        assert parsed.complainant is not None and parsed.complainant.name
        assert parsed.complainant.nik or parsed.complainant.phone
        assert parsed.category in PERSON_CODES + pinggiran.PLACE_CODES


def nik_ok(raw: str) -> bool:
    nik = re.sub(r"[ .-]", "", raw)
    if not re.fullmatch(r"\d{16}", nik) or nik[:2] not in PROVINCE_CODES:
        return False
    if nik[2:4] == "00" or nik[4:6] == "00" or nik[12:] == "0000":
        return False
    day, month = int(nik[6:8]), int(nik[8:10])
    day -= 40 if day > 40 else 0
    return 1 <= day <= 31 and 1 <= month <= 12


def test_niks_follow_the_domain_format() -> None:
    data = labelled()
    niks = [b["complainant"]["nik"] for b in data.walk_ins if "nik" in b["complainant"]]
    niks += [
        r["reporter"]["nik"] for r in data.jaki if r.get("reporter") and "nik" in r["reporter"]
    ]
    assert len(niks) > 1000
    assert all(nik_ok(n) for n in niks)
    women = sum(int(re.sub(r"\D", "", n)[6:8]) > 40 for n in niks)
    assert 0.3 < women / len(niks) < 0.7


def test_truth_ids_exist_and_are_earlier() -> None:
    data = labelled()
    created = {r["id"]: when(r["created_at"]) for r in data.jaki}
    for body, truth in zip(data.walk_ins, data.truth, strict=True):
        for jaki_id in truth:
            assert created[jaki_id] < when(body["reported_at"])


def test_kinds_have_their_shares_and_labels() -> None:
    data = labelled()
    counts = Counter(data.kinds)
    assert set(counts) == set(KINDS)
    total = sum(SHARES.values())
    for kind in KINDS:
        assert abs(counts[kind] / 400 - SHARES[kind] / total) < 0.01, kind
    for kind, truth in zip(data.kinds, data.truth, strict=True):
        assert bool(truth) == (kind not in NEGATIVE), kind
    pairs = sum(len(t) for t in data.truth)
    assert 200 <= pairs <= 290
    assert 200 <= sum(len(t) for t in build(7).truth) <= 290


def test_truth_matches_the_walk_in() -> None:
    data = labelled()
    by_id = {r["id"]: r for r in data.jaki}
    for body, kind, truth in zip(data.walk_ins, data.kinds, data.truth, strict=True):
        for jaki_id in truth:
            report = by_id[jaki_id]
            assert body["category"] in code_of(report["category"])
            if kind == "person_twin":
                assert body["category"] in PERSON_CODES
            else:
                assert body["category"] not in PERSON_CODES


def test_no_earlier_report_of_the_same_place_problem_is_left_out() -> None:
    # Sites of one category lie 700 m apart; points drift a few hundred metres at most.
    data = labelled()
    near = 0
    for body, truth in zip(data.walk_ins, data.truth, strict=True):
        if body["category"] in PERSON_CODES or "lat" not in body:
            continue
        for r in data.jaki:
            if "lat" not in r or when(r["created_at"]) >= when(body["reported_at"]):
                continue
            same = body["category"] in code_of(r["category"])
            if same and metres(body["lat"], body["lon"], r["lat"], r["lon"]) < 150:
                assert r["id"] in truth
                near += 1
    assert near > 30


def identifiers(person: dict[str, Any] | None) -> set[str]:
    if not person:
        return set()
    out = {normalize_nik(person["nik"])} if person.get("nik") else set()
    return out | ({normalize_phone(person["phone"])} if person.get("phone") else set())


def test_no_earlier_report_by_the_same_person_on_the_matter_is_left_out() -> None:
    # One matter per person per category: an earlier report of the walk-in's person category
    # carrying the complainant's NIK or phone is the same complaint.
    data = labelled()
    shared = 0
    for body, kind, truth in zip(data.walk_ins, data.kinds, data.truth, strict=True):
        if body["category"] not in PERSON_CODES:
            continue
        mine = identifiers(body["complainant"])
        for r in data.jaki:
            if when(r["created_at"]) >= when(body["reported_at"]):
                continue
            if mine & identifiers(r.get("reporter")):
                if body["category"] in code_of(r["category"]):
                    assert r["id"] in truth
                    shared += 1
                else:
                    assert kind == "same_person_other_problem"
    assert shared > 30


def test_negative_kinds_are_built_as_described() -> None:
    data = labelled()
    for body, kind in zip(data.walk_ins, data.kinds, strict=True):
        if kind == "neighbours_same_bansos":
            assert body["category"] == "bansos"
        if kind == "common_name":
            name = body["complainant"]["name"].lower()
            firsts = {c.split()[0].lower() for c, _ in pinggiran.COMMON_NAMES}
            assert any(f in name for f in firsts), name


def share(items: list[Any], test: Any) -> float:
    return sum(1 for i in items if test(i)) / len(items)


def test_jaki_style_markers() -> None:
    jaki = labelled().jaki
    text = [r["description"] for r in jaki]
    assert share(text, lambda t: t.startswith("[Diteruskan]")) > 0.15
    assert share(text, lambda t: "kami warga" in t.lower()) > 0.08
    assert share(text, lambda t: SUNDA.search(t.lower())) > 0.5
    assert share(text, lambda t: NUMBER_WORDS.search(t)) > 0.3
    assert share(text, lambda t: re.search(rf"\btgl \d{{1,2}} (?:{MONTH})\b", t)) > 0.2
    places = [r.get("address", "") + " " + r["description"] for r in jaki]
    assert share(places, lambda t: re.search(r"\bKp\. ", t)) > 0.3
    assert share(places, lambda t: re.search(r"\b(?:Perum|Cluster) ", t)) > 0.08
    assert share(jaki, lambda r: "kelurahan_code" not in r) > 0.08
    assert share(jaki, lambda r: "lat" not in r) > 0.15
    assert share(jaki, lambda r: r.get("reporter") is None) > 0.08
    usual = {names[0][0] for names in JAKI_NAMES.values()}
    assert 0.05 < share(jaki, lambda r: r["category"] not in usual) < 0.5


def test_south_and_east_weigh_more() -> None:
    data = labelled()
    south_east = share(data.walk_ins, lambda b: b["kelurahan_code"][:5] in ("31.74", "31.75"))
    assert south_east > 0.6
    placed = [r for r in data.jaki if "kelurahan_code" in r]
    assert share(placed, lambda r: r["kelurahan_code"][:5] in ("31.74", "31.75")) > 0.6
    assert len({r["kelurahan_code"] for r in placed}) > 200


def test_desk_style_markers() -> None:
    walk_ins = labelled().walk_ins
    text = [b["description"] for b in walk_ins]
    assert share(text, lambda t: t.startswith("KRONOLOGI:")) > 0.3
    assert share(text, lambda t: re.match(r"[A-Z0-9/() -]{8,}\.", t)) > 0.4
    people = [b["complainant"] for b in walk_ins]
    assert share(people, lambda c: "nik" not in c) > 0.1
    assert share(people, lambda c: "," in c["name"]) > 0.1
    assert (
        share(people, lambda c: re.search(r"\((?:Bu|Teh|Ceu|Mpok|Pak|Kang|Abah|Bang) ", c["name"]))
        > 0.08
    )
    assert share(people, lambda c: " " not in c["name"].strip()) > 0.05
    phones = [c["phone"] for c in people if "phone" in c]
    assert share(phones, lambda p: re.search(r"\d[ -]\d", p)) > 0.4
    assert share(text, lambda t: "HP LAIN:" in t) > 0.1
    hours = [when(b["reported_at"]) for b in walk_ins]
    assert all(h.weekday() < 5 and 8 <= h.hour <= 9 for h in hours)
