"""The "kantor" evaluation set: tidy JAKI reports (RT/RW heads, volunteers), messy desk notes.

Written from the domain documents alone. Each walk-in is made as one of nine kinds of case; its
truth is every JAKI report of the same complaint (DOMAIN.md: a person's matter, or a place's
problem whoever reports it) made before it, background reports included.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from lab.sets.kantor.background import fill
from lab.sets.kantor.cases import KINDS, MAKERS, SHARE, WalkIn
from lab.sets.kantor.reports import write_out
from lab.sets.kantor.world import World

__all__ = ["KINDS", "LabelledSet", "build"]


@dataclass(frozen=True)
class LabelledSet:
    jaki: list[dict]  # JAKI feed reports as docs/jaki-feed.md describes them
    walk_ins: list[dict]  # bodies for POST /v1/complaints
    truth: list[frozenset[str]]  # per walk-in: ids of the JAKI reports of the same complaint
    kinds: list[str]  # per walk-in: which of KINDS it was made as


def counts(total: int) -> list[int]:
    """How many walk-ins of each kind: SHARE of the total, largest remainders first."""
    raw = [total * s for s in SHARE]
    out = [int(r) for r in raw]
    if total >= len(KINDS):
        out = [max(n, 1) for n in out]
    order = sorted(range(len(raw)), key=lambda i: (out[i] - raw[i], i))
    i = 0
    while sum(out) < total:
        out[order[i % len(order)]] += 1
        i += 1
    while sum(out) > total:
        j = max(range(len(out)), key=lambda k: (out[k], -k))
        out[j] -= 1
    return out


def build(seed: int = 1, jaki_count: int = 4400, walk_ins: int = 400) -> LabelledSet:
    """The set for a seed: the same arguments give the same set, byte for byte."""
    rng = random.Random(f"pintu-kantor-{seed}")  # noqa: S311 - a reproducible sample
    world = World.create(rng)
    plan = [kind for kind, n in zip(KINDS, counts(walk_ins), strict=True) for _ in range(n)]
    rng.shuffle(plan)
    cases: list[WalkIn] = [MAKERS[kind](world) for kind in plan]
    fill(world, jaki_count)
    jaki = write_out(rng, world.reports)
    by_incident: dict[int, list[int]] = {}
    for index, report in enumerate(world.reports):
        by_incident.setdefault(report.incident.iid, []).append(index)
    cases.sort(key=lambda c: c.when)
    truth = [
        frozenset(
            world.reports[i].rid
            for i in by_incident.get(case.incident.iid, [])
            if world.reports[i].created < case.when
        )
        for case in cases
    ]
    return LabelledSet(
        jaki=jaki,
        walk_ins=[case.body for case in cases],
        truth=truth,
        kinds=[case.kind for case in cases],
    )
