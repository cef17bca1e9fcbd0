"""The labelled evaluation set: reproducible, valid feed records and request bodies, and labels
that follow the domain rule by construction."""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from datetime import datetime
from typing import Any

import pytest

from app.complaints.schemas import ComplaintCreate
from app.demo import generator as demo
from app.personal.nik import normalize_nik
from app.personal.phone import normalize_phone
from lab import evalset

JAKI_COUNT, WALK_IN_COUNT = 3000, 400
FEED_KEYS = {
    "id",
    "created_at",
    "updated_at",
    "status",
    "category",
    "description",
    "lat",
    "lon",
    "reporter",
    "is_public",
    "photo_urls",
    "support_count",
    "follow_ups",
}
OPTIONAL_FEED_KEYS = {"address", "kelurahan_code", "channel_detail"}


def _small(seed: int) -> evalset.EvalSet:
    return evalset.build(seed=seed, jaki_count=JAKI_COUNT, walk_in_count=WALK_IN_COUNT)


@pytest.fixture(scope="module")
def data() -> evalset.EvalSet:
    return _small(3)


def _dump(data: evalset.EvalSet) -> str:
    truth = [sorted(t) for t in data.truth]
    return json.dumps([data.jaki, data.walk_ins, truth, data.kinds], ensure_ascii=False)


def _at(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp)


def _metres(a: dict[str, Any], b: dict[str, Any]) -> float:
    dy = (a["lat"] - b["lat"]) * demo._M_PER_DEG_LAT
    dx = (a["lon"] - b["lon"]) * demo._M_PER_DEG_LON
    return math.hypot(dx, dy)


def _identity(person: dict[str, Any] | None) -> set[str]:
    if not person:
        return set()
    found = set()
    if person.get("nik"):
        found.add("nik:" + normalize_nik(person["nik"]))
    if person.get("phone"):
        found.add("tel:" + normalize_phone(person["phone"]))
    return found


def _code(report: dict[str, Any]) -> str:
    return demo.JAKI_TO_PINTU.get(report["category"].lower(), "lainnya")


def _cases(data: evalset.EvalSet, kind: str) -> list[tuple[dict[str, Any], frozenset[str]]]:
    found = [
        (b, t) for b, t, k in zip(data.walk_ins, data.truth, data.kinds, strict=True) if k == kind
    ]
    assert found, kind
    return found


def _by_kelurahan(data: evalset.EvalSet) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for report in data.jaki:
        if report.get("kelurahan_code"):
            found.setdefault(report["kelurahan_code"], []).append(report)
    return found


def test_the_same_seed_gives_the_same_set_and_another_seed_another(data):
    assert _dump(_small(3)) == _dump(data)
    other = _small(4)
    assert json.dumps(other.walk_ins) != json.dumps(data.walk_ins)
    assert json.dumps(other.jaki) != json.dumps(data.jaki)


def test_jaki_reports_are_feed_records(data):
    assert len(data.jaki) > JAKI_COUNT
    ids = [r["id"] for r in data.jaki]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"JAKI-\d{4}-\d{7}", i) for i in ids)
    assert any(i[10] == "9" for i in ids)
    created = [_at(r["created_at"]) for r in data.jaki]
    assert created == sorted(created)
    for report in data.jaki:
        assert FEED_KEYS <= set(report) <= FEED_KEYS | OPTIONAL_FEED_KEYS
        assert _at(report["created_at"]) <= _at(report["updated_at"]) < demo.DEFAULT_START
        assert report["status"] in demo.STATUS_WEIGHTS
        assert report["category"] in demo.CATEGORIES
        assert isinstance(report["follow_ups"], list)
        reporter = report["reporter"]
        assert reporter is None or reporter["name"]


def test_walk_ins_are_valid_request_bodies(data):
    assert len(data.walk_ins) == WALK_IN_COUNT
    codes = {k.code for k in demo.load_kelurahan()}
    stamps = [_at(b["reported_at"]) for b in data.walk_ins]
    assert stamps == sorted(stamps)
    for body in data.walk_ins:
        ComplaintCreate.model_validate(body)
        assert body["channel"] == "walk_in"
        assert body["kelurahan_code"] in codes
        assert body["reported_at"].endswith("+07:00")
        assert _at(body["reported_at"]) < demo.DEFAULT_START
        person = body["complainant"]
        assert person["name"] and (person.get("nik") or person.get("phone"))
        assert "nik" not in person or re.fullmatch(r"\d{16}", person["nik"])


def test_every_kind_is_there_and_a_third_are_duplicates(data):
    kinds = Counter(data.kinds)
    assert set(kinds) == set(evalset.KINDS)
    assert all(kinds[kind] >= 5 for kind in evalset.HARD_NEGATIVE_KINDS)
    assert 0.30 <= sum(kinds[k] for k in evalset.DUPLICATE_KINDS) / len(data.kinds) <= 0.40


def test_truth_names_earlier_reports_and_only_for_duplicates(data):
    by_id = {r["id"]: r for r in data.jaki}
    for body, truth, kind in zip(data.walk_ins, data.truth, data.kinds, strict=True):
        assert bool(truth) == (kind in evalset.DUPLICATE_KINDS), kind
        assert (len(truth) > 1) == (kind == "duplicate_of_place_cluster")
        reported = _at(body["reported_at"])
        for report in map(by_id.__getitem__, truth):
            assert _at(report["created_at"]) < reported
            assert _code(report) == body["category"]


def test_a_person_duplicate_is_the_same_person_and_a_place_duplicate_the_same_spot(data):
    by_id = {r["id"]: r for r in data.jaki}
    for body, truth, kind in zip(data.walk_ins, data.truth, data.kinds, strict=True):
        for report in (by_id[i] for i in truth):
            if report["category"] in demo.PERSON_CATEGORIES:
                assert _identity(body["complainant"]) & _identity(report["reporter"]), kind
            elif body.get("lat") is not None:
                assert _metres(body, report) <= 180, kind


def test_duplicates_are_written_differently(data):
    by_id = {r["id"]: r for r in data.jaki}
    renamed = anonymous = one_identifier = 0
    for body, truth in _cases(data, "duplicate"):
        source = by_id[min(truth)]
        reporter, person = source["reporter"], body["complainant"]
        assert body["description"] != source["description"]
        if reporter is None:
            anonymous += 1
            assert source["category"] not in demo.PERSON_CATEGORIES
        elif _identity(person) & _identity(reporter):
            renamed += person["name"] != reporter["name"]
            one_identifier += ("nik" in person) != ("phone" in person)
    assert renamed and anonymous and one_identifier


def test_place_clusters_are_one_problem_at_one_spot(data):
    by_id = {r["id"]: r for r in data.jaki}
    for _, truth in _cases(data, "duplicate_of_place_cluster"):
        reports = [by_id[i] for i in truth]
        assert len({r["category"] for r in reports}) == 1
        assert reports[0]["category"] not in demo.PERSON_CATEGORIES
        assert max(_metres(a, b) for a in reports for b in reports) <= 60


def test_a_neighbour_with_the_same_bansos_complaint_is_another_person(data):
    in_kelurahan = _by_kelurahan(data)
    for body, _ in _cases(data, "neighbour_same_bansos"):
        nearby = in_kelurahan.get(body["kelurahan_code"], [])
        assert any(_code(r) == body["category"] == "bansos" for r in nearby)
        me = _identity(body["complainant"])
        assert not any(me & _identity(r["reporter"]) for r in nearby)


def test_a_common_name_is_not_the_same_person(data):
    in_kelurahan = _by_kelurahan(data)
    for body, _ in _cases(data, "common_name"):
        nearby = in_kelurahan.get(body["kelurahan_code"], [])
        assert body["complainant"]["name"] in {(r["reporter"] or {}).get("name") for r in nearby}
        me = _identity(body["complainant"])
        assert not any(me & _identity(r["reporter"]) for r in nearby)


def test_same_person_other_problem_is_a_known_reporter(data):
    for body, _ in _cases(data, "same_person_other_problem"):
        me = _identity(body["complainant"])
        assert any(me & _identity(r["reporter"]) for r in data.jaki)


def test_a_jaki_report_made_after_the_walk_in_is_not_in_the_truth(data):
    for body, _ in _cases(data, "jaki_after_walk_in"):
        reported = _at(body["reported_at"])
        later = [
            r for r in data.jaki if _at(r["created_at"]) > reported and _code(r) == body["category"]
        ]
        if body["category"] in {demo.CATEGORIES[c][0] for c in demo.PERSON_CATEGORIES}:
            me = _identity(body["complainant"])
            assert any(me & _identity(r["reporter"]) for r in later)
        else:
            assert any(
                r.get("kelurahan_code", body["kelurahan_code"]) == body["kelurahan_code"]
                for r in later
            )


def test_another_spot_is_far_from_every_earlier_report_of_its_kind_on_its_street(data):
    for body, _ in _cases(data, "same_street_other_spot"):
        street = body["address"].split(" No. ")[0].split(" Gg. ")[0]
        reported = _at(body["reported_at"])
        alike = [
            r
            for r in data.jaki
            if _code(r) == body["category"]
            and _at(r["created_at"]) < reported
            and street in (r.get("address") or "")
        ]
        assert all(_metres(body, r) > 300 for r in alike)


def test_arguments_are_checked():
    with pytest.raises(ValueError):
        evalset.build(seed=1, jaki_count=10, walk_in_count=-1)
