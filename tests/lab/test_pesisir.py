"""The "pesisir" evaluation set: reproducible, valid for Pintu's contracts, labelled by the rule.

No database: the set is built in memory and checked against the body schemas, the regions table
and the world it was drawn from.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from datetime import date, datetime
from itertools import combinations
from pathlib import Path

import pytest

from app.complaints.schemas import ComplainantIn, ComplaintCreate
from app.mirror.schemas import JakiReportIn
from lab.sets.pesisir import KINDS, SHARES, TWIN_KINDS, LabelledSet, World, build, build_world
from lab.sets.pesisir._geo import distance_m
from lab.sets.pesisir._lexicon import SPACING_M

REGIONS = Path(__file__).resolve().parents[2] / "migrations" / "data" / "jakarta_regions.csv"


@pytest.fixture(scope="module")
def built() -> tuple[LabelledSet, World]:
    return build_world()


@pytest.fixture(scope="module")
def labelled(built: tuple[LabelledSet, World]) -> LabelledSet:
    return built[0]


@pytest.fixture(scope="module")
def world(built: tuple[LabelledSet, World]) -> World:
    return built[1]


@pytest.fixture(scope="module")
def regions() -> dict[str, str]:
    with REGIONS.open(newline="", encoding="utf-8") as f:
        return {r["code"]: r["level"] for r in csv.DictReader(f)}


@pytest.fixture(scope="module")
def kelurahan(regions: dict[str, str]) -> set[str]:
    return {code for code, level in regions.items() if level == "kelurahan"}


def _dump(s: LabelledSet) -> str:
    return json.dumps(
        [s.jaki, s.walk_ins, [sorted(t) for t in s.truth], s.kinds], ensure_ascii=False
    )


def _share(flags: list[bool]) -> float:
    return sum(flags) / len(flags)


def test_same_seed_same_set_other_seed_other_set(labelled: LabelledSet) -> None:
    small = build(seed=3, jaki_count=900, walk_ins=90)
    assert _dump(small) == _dump(build(seed=3, jaki_count=900, walk_ins=90))
    assert _dump(small) != _dump(build(seed=4, jaki_count=900, walk_ins=90))
    assert _dump(labelled) == _dump(build(seed=1))


def test_default_sizes(labelled: LabelledSet) -> None:
    assert len(labelled.jaki) == 4400
    assert len(labelled.walk_ins) == len(labelled.truth) == len(labelled.kinds) == 400
    assert len({r["id"] for r in labelled.jaki}) == 4400


def test_too_few_jaki_reports_for_the_walk_ins_is_refused() -> None:
    with pytest.raises(ValueError, match="jaki_count"):
        build(jaki_count=100, walk_ins=400)


def test_jaki_reports_follow_the_feed_contract(labelled: LabelledSet, kelurahan: set[str]) -> None:
    seen = set()
    for raw in labelled.jaki:
        report = JakiReportIn.model_validate(raw)
        if report.kelurahan_code is not None:
            assert report.kelurahan_code in kelurahan
            seen.add(report.kelurahan_code)
        assert report.created_at.utcoffset() is not None
        assert raw["created_at"].endswith("+07:00")
        assert "2026-06-01" <= raw["created_at"][:10] <= "2026-11-30"
        assert raw["created_at"] <= raw["updated_at"] <= "2026-11-30T23:59:59+07:00"
        for follow in raw["follow_ups"]:
            assert raw["created_at"] <= follow["at"] <= raw["updated_at"]
    assert len(seen) >= 260  # all over Jakarta, the islands too
    assert {c for c in seen if c.startswith("31.01.")}
    assert len({r["category"] for r in labelled.jaki}) >= 15
    assert len({JakiReportIn.model_validate(r).status for r in labelled.jaki}) == 6
    ids = [r["id"] for r in labelled.jaki]
    assert ids == sorted(ids)  # JAKI numbers reports as they come in
    assert [r["created_at"] for r in labelled.jaki] == sorted(
        r["created_at"] for r in labelled.jaki
    )


def test_every_kelurahan_has_its_reports(world: World, kelurahan: set[str]) -> None:
    assert {r.incident.kel.code for r in world.reports} == kelurahan


def test_walk_ins_follow_the_intake_contract(
    labelled: LabelledSet, kelurahan: set[str], regions: dict[str, str]
) -> None:
    for body in labelled.walk_ins:
        complaint = ComplaintCreate.model_validate(body)
        assert complaint.channel == "walk_in"
        assert complaint.kelurahan_code in kelurahan
        assert complaint.reported_at is not None
        assert date(2026, 6, 1) <= complaint.reported_at.date() <= date(2026, 11, 30)
        assert complaint.reported_at.weekday() < 5  # the desk is open on working days
        person = complaint.complainant
        assert person is not None and person.name
        assert person.nik or person.phone
        if person.nik and person.nik.startswith("31"):
            kec = f"{person.nik[:2]}.{person.nik[2:4]}.{person.nik[4:6]}"
            assert regions.get(kec) == "kecamatan", person.nik[:6]
    codes = {
        "bansos", "pertanahan", "kependudukan", "kesehatan", "pendidikan", "jalan", "saluran",
        "sampah", "penerangan_jalan", "ketertiban", "air_bersih", "perizinan", "transportasi",
        "lainnya",
    }  # fmt: skip
    used = {body["category"] for body in labelled.walk_ins}
    assert used <= codes
    assert len(used) >= 12


def test_niks_follow_the_domain_format(world: World) -> None:
    people = {p.pid: p for p in [r.reporter for r in world.reports if r.reporter]}
    people.update({v.person.pid: v.person for v in world.visits})
    assert len({p.nik for p in people.values()}) == len(people)  # one NIK, one person
    phones = [p.phone for p in people.values()] + [
        p.old_phone for p in people.values() if p.old_phone
    ]
    assert len(set(phones)) == len(phones)
    for p in people.values():
        assert len(p.nik) == 16 and p.nik.isdigit()
        day = int(p.nik[6:8]) - (40 if p.female else 0)
        assert (day, int(p.nik[8:10]), int(p.nik[10:12])) == (
            p.birth.day,
            p.birth.month,
            p.birth.year % 100,
        )
        assert ComplainantIn(nik=p.nik).nik == p.nik


def test_truth_is_earlier_jaki_reports(labelled: LabelledSet) -> None:
    created = {r["id"]: datetime.fromisoformat(r["created_at"]) for r in labelled.jaki}
    for body, truth in zip(labelled.walk_ins, labelled.truth, strict=True):
        when = datetime.fromisoformat(body["reported_at"])
        for rid in truth:
            assert rid in created
            assert created[rid] < when


def test_kinds_and_their_shares(labelled: LabelledSet) -> None:
    kinds = Counter(labelled.kinds)
    assert set(kinds) == set(KINDS)
    assert sum(SHARES.values()) == pytest.approx(1.0)
    for kind in KINDS:
        assert kinds[kind] == pytest.approx(SHARES[kind] * 400, abs=1)
    twins = _share([bool(t) for t in labelled.truth])
    assert 0.3 <= twins <= 0.4
    for kind, truth in zip(labelled.kinds, labelled.truth, strict=True):
        assert bool(truth) == (kind in TWIN_KINDS), kind
    pairs = sum(len(t) for t in labelled.truth)
    assert 180 <= pairs <= 280
    assert max(len(t) for t in labelled.truth) >= 3  # some problems were reported again and again


def test_truth_is_the_domain_rule_applied_to_the_world(labelled: LabelledSet, world: World) -> None:
    """Recomputed from facts, not from the incident ids: a person problem is the same complaint
    for the same person and category; a place problem for the same family within its spacing."""
    visits = sorted(world.visits, key=lambda v: (v.at, v.seq))
    for v, truth in zip(visits, labelled.truth, strict=True):
        inc = v.incident
        same = set()
        for r in world.reports:
            if r.at >= v.at or r.incident.family != inc.family:
                continue
            if inc.person is not None:
                if r.incident.person is inc.person:
                    same.add(r.jid)
            elif r.incident.person is None and (
                distance_m(r.incident.point, inc.point) < SPACING_M[inc.family]
            ):
                same.add(r.jid)
        assert same == truth, v.kind


def test_planted_reports_are_not_in_the_truth(labelled: LabelledSet, world: World) -> None:
    visits = sorted(world.visits, key=lambda v: (v.at, v.seq))
    for v, truth in zip(visits, labelled.truth, strict=True):
        assert v.kind not in TWIN_KINDS or not v.decoys
        if v.kind in TWIN_KINDS or v.kind == "no_twin":
            continue
        assert v.decoys, v.kind
        for d in v.decoys:
            assert d.jid not in truth
            assert d.at < v.at  # a candidate a matcher would see


def test_place_problems_of_one_family_keep_their_distance(world: World) -> None:
    by_family: dict[str, list[tuple[float, float]]] = {}
    for inc in world.incidents:
        if inc.person is None:
            by_family.setdefault(inc.family, []).append(inc.point)
    for family, points in by_family.items():
        for a, b in combinations(points, 2):
            if abs(a[0] - b[0]) < 0.01 and abs(a[1] - b[1]) < 0.01:
                assert distance_m(a, b) >= SPACING_M[family], family


def test_one_matter_per_person_and_category(world: World) -> None:
    owned = Counter((inc.person.pid, inc.family) for inc in world.incidents if inc.person)
    assert max(owned.values()) == 1


def test_the_negative_kinds_are_what_they_say(world: World) -> None:
    for v in world.visits:
        inc = v.incident
        for d in v.decoys:
            other = d.incident
            if v.kind == "same_person_other_problem":
                assert d.reporter is v.person and other.family != inc.family
            elif v.kind == "same_street_other_problem":
                assert other.spot.street is inc.spot.street and other.family != inc.family
                assert distance_m(other.point, inc.point) <= 200
            elif v.kind == "neighbours_same_bansos":
                assert other.person is not v.person and other.problem is inc.problem
                home, there = v.person.home, other.person.home  # type: ignore[union-attr]
                assert (there.street, there.rt, there.rw) == (home.street, home.rt, home.rw)
            elif v.kind == "common_name":
                assert d.reporter is not None and d.reporter is not v.person
                assert d.reporter.nik != v.person.nik and d.reporter.phone != v.person.phone
                assert other.family == inc.family
            elif v.kind == "same_problem_other_street":
                assert other.family == inc.family and other.spot.street is not inc.spot.street
                gap = distance_m(other.point, inc.point)
                assert SPACING_M[inc.family] < gap <= SPACING_M[inc.family] + 700


def test_common_names_look_alike(labelled: LabelledSet, world: World) -> None:
    by_id = {r["id"]: r for r in labelled.jaki}
    visits = sorted(world.visits, key=lambda v: (v.at, v.seq))
    alike = total = 0
    for v in visits:
        if v.kind != "common_name":
            continue
        total += 1
        shown = by_id[v.decoys[0].jid].get("reporter") or {}
        alike += (shown.get("name") or "").lower() == v.person.name.lower()
    assert total and alike / total >= 0.4


def test_hard_true_pairs_are_there(labelled: LabelledSet, world: World) -> None:
    by_id = {r["id"]: r for r in labelled.jaki}
    visits = sorted(world.visits, key=lambda v: (v.at, v.seq))
    other_kel = far = anonymous = 0
    for v, body, truth in zip(visits, labelled.walk_ins, labelled.truth, strict=True):
        for rid in truth:
            r = by_id[rid]
            other_kel += r.get("kelurahan_code") not in (None, body["kelurahan_code"])
            anonymous += not r.get("reporter")
            if "lat" in r and v.incident.person is None:
                far += distance_m((r["lat"], r["lon"]), v.incident.point) > 100
    assert other_kel >= 5 and far >= 20 and anonymous >= 10


def test_person_twins_mostly_share_nik_or_phone(labelled: LabelledSet) -> None:
    by_id = {r["id"]: r for r in labelled.jaki}
    shared = total = 0
    for body, truth, kind in zip(labelled.walk_ins, labelled.truth, labelled.kinds, strict=True):
        if kind != "person_twin":
            continue
        total += 1
        desk = ComplainantIn.model_validate(body["complainant"])
        for rid in truth:
            reporter = ComplainantIn.model_validate(by_id[rid].get("reporter") or {})
            if (desk.nik and desk.nik == reporter.nik) or (
                desk.phone and desk.phone == reporter.phone
            ):
                shared += 1
                break
    assert total and 0.6 <= shared / total < 1


def test_shares_of_what_the_records_hold(labelled: LabelledSet) -> None:
    jaki = labelled.jaki
    assert 0.6 <= _share(["lat" in r for r in jaki]) <= 0.8
    assert 0.75 <= _share(["kelurahan_code" in r for r in jaki]) <= 0.95
    assert 0.6 <= _share(["address" in r for r in jaki]) <= 0.8
    assert 0.12 <= _share([not r.get("reporter") for r in jaki]) <= 0.25
    assert 0.2 <= _share(["nik" in (r.get("reporter") or {}) for r in jaki]) <= 0.4
    assert _share([bool(r.get("reporter")) and "name" not in r["reporter"] for r in jaki]) >= 0.03
    desk = labelled.walk_ins
    assert 0.1 <= _share(["lat" in b for b in desk]) <= 0.3
    assert 0.65 <= _share(["address" in b for b in desk]) <= 0.9
    assert 0.3 <= _share(["rt" in b for b in desk]) <= 0.6
    assert 0.8 <= _share(["nik" in b["complainant"] for b in desk]) <= 0.92
    assert 0.75 <= _share(["phone" in b["complainant"] for b in desk]) <= 0.9
    # the desk's four hands: a form with headings, and lowercase notes holding the address
    assert 0.15 <= _share([b["description"].startswith("Perihal:") for b in desk]) <= 0.35
    assert _share(["address" not in b and b["description"].islower() for b in desk]) >= 0.1


def test_the_style_is_there(labelled: LabelledSet) -> None:
    text = " ".join(r["description"] for r in labelled.jaki).lower()
    for word in ("kagak", "udeh", "pls", "nggih", "lobang2", "yg", ":pray:", "dpn", "rob"):
        assert word in text, word
    assert sum(r["description"].isupper() for r in labelled.jaki) >= 100
    addresses = " ".join(r.get("address") or "" for r in labelled.jaki)
    for form in ("RT.0", "Gg.", "Blok ", "RT. ", "Jln"):
        assert form in addresses, form
    desk = " ".join(b["description"] for b in labelled.walk_ins)
    for word in ("DTKS", "PBI", "KJP Plus", "Pendopo Balai Kota", "Mohon TL"):
        assert word in desk, word
