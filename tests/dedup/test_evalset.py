"""The labelled evaluation set: valid, reproducible, and its labels right by construction."""

from __future__ import annotations

import json
import math
from collections import Counter
from datetime import datetime

import pytest

from app.complaints.schemas import ComplaintCreate
from app.dedup import evalset
from app.personal.nik import normalize_nik
from app.personal.phone import normalize_phone


@pytest.fixture(scope="module")
def data() -> evalset.EvalSet:
    return evalset.build(seed=5, jaki_count=4000, walk_in_count=500)


def _metres(a: dict, b: dict) -> float:
    dy = (a["lat"] - b["lat"]) * 110_574
    dx = (a["lon"] - b["lon"]) * 110_670
    return math.hypot(dx, dy)


def test_the_same_seed_gives_the_same_set_and_another_seed_another(data):
    again = evalset.build(seed=5, jaki_count=4000, walk_in_count=500)
    other = evalset.build(seed=6, jaki_count=4000, walk_in_count=500)
    assert json.dumps([data.jaki, data.walk_ins]) == json.dumps([again.jaki, again.walk_ins])
    assert data.truth == again.truth
    assert json.dumps(data.walk_ins) != json.dumps(other.walk_ins)


def test_every_kind_is_there_and_labels_point_at_earlier_reports(data):
    kinds = Counter(data.kinds)
    assert set(kinds) == {*evalset.KINDS, "duplicate_of_place_cluster"}
    by_id = {r["id"]: r for r in data.jaki}
    assert len(by_id) == len(data.jaki)
    for body, truth, kind in zip(data.walk_ins, data.truth, data.kinds, strict=True):
        ComplaintCreate.model_validate(body)
        assert bool(truth) == kind.startswith("duplicate"), kind
        at = datetime.fromisoformat(body["reported_at"])
        assert all(datetime.fromisoformat(by_id[t]["created_at"]) < at for t in truth)
    duplicates = sum(bool(t) for t in data.truth) / len(data.truth)
    assert 0.30 <= duplicates <= 0.40


def test_place_clusters_are_one_spot(data):
    by_id = {r["id"]: r for r in data.jaki}
    clusters = [t for t, k in zip(data.truth, data.kinds, strict=True) if len(t) > 1]
    assert clusters
    for cluster in clusters:
        reports = [by_id[i] for i in cluster]
        assert len({r["category"] for r in reports}) == 1
        assert max(_metres(a, b) for a in reports for b in reports) <= 80


def _identity(person: dict | None) -> set[str]:
    if not person:
        return set()
    found = set()
    if person.get("nik"):
        found.add(normalize_nik(person["nik"]))
    if person.get("phone"):
        found.add(normalize_phone(person["phone"]))
    return found


@pytest.mark.parametrize("kind", ["neighbour_same_bansos", "common_name"])
def test_hard_negatives_share_place_and_matter_but_not_the_person(data, kind):
    by_kelurahan: dict[str, list[dict]] = {}
    for report in data.jaki:
        if report.get("kelurahan_code"):
            by_kelurahan.setdefault(report["kelurahan_code"], []).append(report)
    cases = [b for b, k in zip(data.walk_ins, data.kinds, strict=True) if k == kind]
    assert cases
    for body in cases:
        nearby = by_kelurahan.get(body["kelurahan_code"], [])
        me = _identity(body["complainant"])
        assert not any(me & _identity(r.get("reporter")) for r in nearby)
        if kind == "common_name":
            names = {(r.get("reporter") or {}).get("name") for r in nearby}
            assert body["complainant"]["name"] in names
