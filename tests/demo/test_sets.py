"""Demo sets of different sizes agree on every id they share."""

from __future__ import annotations

from datetime import datetime, timedelta

from app.complaints.schemas import ComplaintCreate
from app.demo.generator import DEFAULT_START
from app.demo.sets import anchor, demo_jaki, demo_walk_ins
from app.mirror.schemas import JakiReportIn


def test_a_smaller_jaki_set_is_part_of_a_bigger_one_unchanged():
    small, big = demo_jaki(300, start=DEFAULT_START), demo_jaki(1500, start=DEFAULT_START)
    by_id = {r["id"]: r for r in big}
    assert len(by_id) == 1500 and len({r["id"] for r in small}) == 300
    assert all(by_id[r["id"]] == r for r in small)
    assert demo_jaki(300, start=DEFAULT_START) == small  # and the same again
    # The small set spreads over the whole period, not its oldest days.
    created = sorted(datetime.fromisoformat(r["created_at"]) for r in small)
    assert created == [datetime.fromisoformat(r["created_at"]) for r in small]
    assert created[0] < DEFAULT_START - timedelta(days=80)
    assert created[-1] > DEFAULT_START - timedelta(days=10)
    for report in small[:50]:
        JakiReportIn.model_validate(report)
        serial = report["id"].rsplit("-", 1)[1]
        assert all(f"/{serial}-" in url for url in report["photo_urls"])


def test_the_same_day_gives_the_same_set_whatever_the_hour():
    morning = DEFAULT_START + timedelta(hours=8, minutes=3)
    evening = DEFAULT_START + timedelta(hours=21, minutes=47)
    assert anchor(morning) == anchor(evening) == DEFAULT_START
    assert demo_jaki(50, start=morning) == demo_jaki(50, start=evening)


def test_walk_ins_of_one_jaki_set_grow_without_changing():
    jaki = demo_jaki(1000, start=DEFAULT_START)
    few = demo_walk_ins(20, jaki, start=DEFAULT_START)
    many = demo_walk_ins(80, jaki, start=DEFAULT_START)
    by_id = {body["external_id"]: (body, source) for body, source in many}
    assert all(by_id[body["external_id"]] == (body, source) for body, source in few)
    assert {body["external_id"] for body, _ in many} == {f"DEMO-1000-{n:05d}" for n in range(1, 81)}
    # About 30% restate a report of the set, after it was made; all are valid bodies.
    restating = [(body, source) for body, source in many if source]
    assert 10 <= len(restating) <= 40
    created = {r["id"]: datetime.fromisoformat(r["created_at"]) for r in jaki}
    for body, source in restating:
        assert datetime.fromisoformat(body["reported_at"]) > created[source]
    for body, _ in many:
        ComplaintCreate.model_validate(body)
        assert datetime.fromisoformat(body["reported_at"]).weekday() < 5
        assert datetime.fromisoformat(body["reported_at"]) < DEFAULT_START
    # Another JAKI set: other walk-ins, under other ids.
    other = demo_walk_ins(20, demo_jaki(400, start=DEFAULT_START), start=DEFAULT_START)
    assert {b["external_id"] for b, _ in other}.isdisjoint(by_id)
