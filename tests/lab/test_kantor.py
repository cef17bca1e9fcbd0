"""The "kantor" evaluation set: reproducible, valid for Pintu's contracts, labelled sensibly."""

from __future__ import annotations

import csv
import json
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

from app.complaints.schemas import ComplainantIn, ComplaintCreate
from app.mirror.schemas import JakiReportIn
from lab.sets.kantor import KINDS, LabelledSet, build

REGIONS = Path(__file__).resolve().parents[2] / "migrations" / "data" / "jakarta_regions.csv"


@pytest.fixture(scope="module")
def labelled() -> LabelledSet:
    return build()


@pytest.fixture(scope="module")
def kelurahan() -> set[str]:
    with REGIONS.open(newline="", encoding="utf-8") as f:
        return {r["code"] for r in csv.DictReader(f) if r["level"] == "kelurahan"}


def _dump(s: LabelledSet) -> str:
    return json.dumps(
        [s.jaki, s.walk_ins, [sorted(t) for t in s.truth], s.kinds], ensure_ascii=False
    )


def test_same_seed_same_set_other_seed_other_set() -> None:
    first = build(seed=3, jaki_count=900, walk_ins=90)
    assert _dump(first) == _dump(build(seed=3, jaki_count=900, walk_ins=90))
    assert _dump(first) != _dump(build(seed=4, jaki_count=900, walk_ins=90))


def test_default_sizes(labelled: LabelledSet) -> None:
    assert len(labelled.jaki) == 4400
    assert len(labelled.walk_ins) == len(labelled.truth) == len(labelled.kinds) == 400
    assert len({r["id"] for r in labelled.jaki}) == 4400


def test_jaki_reports_follow_the_feed_contract(labelled: LabelledSet, kelurahan: set[str]) -> None:
    seen = set()
    for raw in labelled.jaki:
        report = JakiReportIn.model_validate(raw)
        if report.kelurahan_code is not None:
            assert report.kelurahan_code in kelurahan
            seen.add(report.kelurahan_code)
        assert "2026-06-01" <= raw["created_at"][:10] <= "2026-11-30"
        assert raw["updated_at"][:10] <= "2026-11-30"
    assert len(seen) > 250  # all over Jakarta
    assert len({r["category"] for r in labelled.jaki}) >= 15
    assert len({r["status"] for r in labelled.jaki}) == 6
    anonymous = sum(1 for r in labelled.jaki if not r.get("reporter"))
    pointless = sum(1 for r in labelled.jaki if "lat" not in r)
    assert 0.05 < anonymous / 4400 < 0.3
    assert 0.1 < pointless / 4400 < 0.5


def test_walk_ins_follow_the_intake_contract(labelled: LabelledSet, kelurahan: set[str]) -> None:
    for body in labelled.walk_ins:
        complaint = ComplaintCreate.model_validate(body)
        assert complaint.channel == "walk_in"
        assert complaint.reported_at is not None
        assert complaint.kelurahan_code in kelurahan
        assert complaint.complainant is not None and complaint.complainant.name
        assert complaint.complainant.nik or complaint.complainant.phone


def test_truth_is_earlier_jaki_reports(labelled: LabelledSet) -> None:
    created = {r["id"]: datetime.fromisoformat(r["created_at"]) for r in labelled.jaki}
    for body, truth in zip(labelled.walk_ins, labelled.truth, strict=True):
        when = datetime.fromisoformat(body["reported_at"])
        for rid in truth:
            assert rid in created
            assert created[rid] < when


def test_kinds_and_share_of_twins(labelled: LabelledSet) -> None:
    kinds = Counter(labelled.kinds)
    assert set(kinds) == set(KINDS)
    twins = sum(1 for t in labelled.truth if t)
    assert 0.4 <= twins / len(labelled.truth) <= 0.6
    for kind, truth in zip(labelled.kinds, labelled.truth, strict=True):
        assert bool(truth) == (kind in KINDS[:3]), kind


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
    assert total and shared / total >= 0.7
    assert shared < total  # people do give them differently sometimes
