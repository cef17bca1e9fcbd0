"""Putting the set together: the cases, a background like a real mirror, ids, and the truth."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from lab.sets.kampung.cases import BUILDERS, allot
from lab.sets.kampung.feed import END, START
from lab.sets.kampung.words import PERSON
from lab.sets.kampung.world import World

# JAKI's serial on 1 June 2026, and how many reports JAKI takes for each one the mirror sample
# keeps (about 450 a day in all).
FIRST_SERIAL = 61_000
PHOTO_URL = "https://jaki.jakarta.go.id/media/r/{serial:07d}-{n}.jpg"


@dataclass(frozen=True)
class LabelledSet:
    jaki: list[dict[str, Any]]  # JAKI feed reports as docs/jaki-feed.md describes them
    walk_ins: list[dict[str, Any]]  # bodies for POST /v1/complaints
    truth: list[frozenset[str]]  # per walk-in: ids of the JAKI reports that are the same complaint
    kinds: list[str]  # per walk-in: which kind of case it was made as


def _background(w: World, jaki_count: int) -> None:
    """Other people's reports, all over Jakarta, until the mirror holds `jaki_count`. Each is
    a new problem (never one a walk-in is about), reported by one to five people."""
    rng = w.rng
    while len(w.drafts) < jaki_count:
        fam = w.any_family()
        t0 = w.app_time(START, END)
        if fam.about == PERSON:
            person = w.resident()
            problem = w.person_problem(person, fam, anchor=t0)
            if problem is None:  # pragma: no cover (a new person has no problems)
                continue
            w.report(problem, person, t0)
            again = t0 + timedelta(days=3) < END and len(w.drafts) < jaki_count
            if rng.random() < 0.08 and again:  # asked again, later
                w.report(problem, person, w.app_time(t0 + timedelta(days=3), END))
            continue
        street = w.town.any_street(rng)
        place = w.place_problem(fam, street, anchor=t0)
        if place is None:
            continue
        n = rng.choices((1, 2, 3, 4, 5), weights=(70, 18, 7, 3, 2))[0]
        for i in range(min(n, jaki_count - len(w.drafts))):
            when = t0 if i == 0 else w.app_time(t0, t0 + timedelta(days=rng.uniform(1, 30)))
            reporter = w.local(place.spot) if rng.random() < 0.85 else None
            w.report(place, reporter, when, landmark_only=rng.random() < 0.1)


def build(seed: int = 1, jaki_count: int = 4400, walk_ins: int = 400) -> LabelledSet:
    """The kampung set: `walk_ins` desk complaints of nine kinds against a JAKI mirror of about
    `jaki_count` reports (more only if the cases alone need more), the same for the same
    arguments, byte for byte."""
    rng = random.Random(f"kampung-{seed}")  # noqa: S311 - a reproducible sample, not a secret
    w = World.make(rng)
    kinds = allot(walk_ins)
    rng.shuffle(kinds)
    for kind in kinds:
        BUILDERS[kind](w, w.desk_time())
    _background(w, jaki_count)

    # ids in the order JAKI made them, with gaps for the reports the sample left out
    drafts = sorted(w.drafts, key=lambda d: (d.created, d.problem))
    serial = FIRST_SERIAL + rng.randrange(500)
    ids_of_problem: dict[int, list[tuple[str, Any]]] = {}
    reports = []
    for d in drafts:
        serial += 1 + rng.randrange(36)
        rid = f"JAKI-{d.created.year}-{serial:07d}"
        body = {"id": rid, **d.body}
        if d.photos:
            body["photo_urls"] = [PHOTO_URL.format(serial=serial, n=n + 1) for n in range(d.photos)]
        reports.append(body)
        ids_of_problem.setdefault(d.problem, []).append((rid, d.created))

    # the truth: every earlier report of the walk-in's own problem, whoever made it
    visits = sorted(w.walk_ins, key=lambda v: (v.reported, v.kind))
    truth = [
        frozenset(rid for rid, created in ids_of_problem.get(v.problem, []) if created < v.reported)
        for v in visits
    ]
    reports.sort(key=lambda r: (r["updated_at"], r["id"]))  # the feed's order
    return LabelledSet(
        jaki=reports,
        walk_ins=[v.body for v in visits],
        truth=truth,
        kinds=[v.kind for v in visits],
    )
