"""Building the set: the background, each planned case kept if nothing clashes, the truth."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from app.demo import generator as demo, recall
from lab.evalset.cases import SHARES, Case, Cases
from lab.evalset.labels import Facts, Index, same_complaint
from lab.evalset.people import identity, name_key
from lab.evalset.reading import code_of, metres, parse_time
from lab.evalset.reports import EXTRA_SERIAL


@dataclass(frozen=True, slots=True)
class EvalSet:
    """JAKI feed reports, walk-in bodies, and per walk-in its truth and the kind it was made as."""

    jaki: list[dict[str, Any]]
    walk_ins: list[dict[str, Any]]
    truth: list[frozenset[str]]
    kinds: list[str]


class Builder(Cases):
    """One set in the making: the mirror so far, the facts of each record, the cases kept."""

    def __init__(self, seed: int, jaki_count: int, start: datetime | None, days: int) -> None:
        if jaki_count >= EXTRA_SERIAL:
            raise ValueError(f"jaki_count must stay below {EXTRA_SERIAL:,}")
        self.rng = random.Random(f"pintu-evalset-{seed}")  # noqa: S311 - reproducible on purpose
        self.end = demo.as_wib(start)
        self.first = self.end - timedelta(days=days)
        self.days = days
        placed = list(demo.jaki_reports_with_origin(jaki_count, seed=seed, start=start, days=days))
        self.background = [report for report, _ in placed]
        self.place = {report["id"]: kelurahan for report, kelurahan in placed}
        self.kelurahan = {k.code: k for k in demo.load_kelurahan()}
        self.jaki = list(self.background)
        self.matter_of = {report["id"]: i for i, report in enumerate(self.background)}
        self.matters = len(self.background)
        self.serial = EXTRA_SERIAL
        self.facts = {}
        self.mirror = Index()
        for report in self.background:
            self.facts[report["id"]] = facts = self._report_facts(report, self.place[report["id"]])
            self.mirror.add(facts)
        self.guarded = Index()
        self.used = set()
        self.made: list[tuple[dict[str, Any], int, str]] = []

    # --- facts -----------------------------------------------------------------------------

    def _report_facts(self, report: dict[str, Any], place: demo.Kelurahan) -> Facts:
        reporter = report.get("reporter")
        return Facts(
            matter=self.matter_of[report["id"]],
            at=parse_time(report["created_at"]),
            code=code_of(report["category"]),
            kel=report.get("kelurahan_code") or place.code,
            anchor=metres(report["lat"], report["lon"]),
            pointed=True,
            ident=identity(reporter),
            name=name_key((reporter or {}).get("name")),
            anonymous=reporter is None,
            unread=report,
        )

    def _walk_in_facts(self, case: Case, told: Facts | None) -> Facts:
        body = case.body
        kel = self.kelurahan[body["kelurahan_code"]]
        pointed = body.get("lat") is not None
        return Facts(
            matter=case.matter,
            at=parse_time(body["reported_at"]),
            code=body["category"],
            kel=kel.code,
            anchor=metres(body["lat"], body["lon"]) if pointed else metres(kel.lat, kel.lon),
            pointed=pointed,
            ident=identity(body["complainant"]),
            name=name_key(body["complainant"].get("name")),
            anonymous=False,
            street=recall.street_of(body["address"]),
            rt=int(body["rt"]),
            template=told.template if told else None,
            doc=told.doc if told else None,
        )

    def _told_facts(self, case: Case) -> Facts | None:
        if case.told is None:
            return None
        if case.told["id"] in self.facts:
            return self.facts[case.told["id"]].read()
        self.matter_of[case.told["id"]] = case.matter
        return self._report_facts(case.told, self.place[case.told["id"]]).read()

    # --- keeping a case --------------------------------------------------------------------

    def _clashes(self, case: Case, walk_in: Facts, told: Facts | None, new: list[Facts]) -> bool:
        """Whether a report of another matter could be the same complaint as this case's."""
        own = [walk_in, *(f for f in new if f.matter == case.matter)]
        if told is not None:
            own.append(told)
        for x in own:
            for y in (*self.mirror.near(x), *new):
                if y.matter != case.matter and y.at < walk_in.at and same_complaint(x, y):
                    return True
        for e in new:
            for g in self.guarded.near(e):
                late = g.deadline is not None and e.at >= g.deadline
                if g.matter != e.matter and not late and same_complaint(e, g):
                    return True
        return False

    def _commit(self, case: Case) -> bool:
        told = self._told_facts(case)
        walk_in = self._walk_in_facts(case, told)
        new = [self._report_facts(r, self.place[r["id"]]) for r, _ in case.extras]
        if self._clashes(case, walk_in, told, new):
            return False
        for (report, _), facts in zip(case.extras, new, strict=True):
            self.jaki.append(report)
            self.facts[report["id"]] = facts
            self.mirror.add(facts)
        own = [walk_in, *(f for f in new if f.matter == case.matter)]
        if told is not None:
            own.append(told)
        for f in own:
            self.guarded.add(replace(f.read(), deadline=walk_in.at))
        self.made.append((case.body, case.matter, case.kind))
        return True

    def _add(self, kind: str, sources: Iterator[dict[str, Any]] | None) -> None:
        for _ in range(200):
            if kind == "fresh" or sources is None:
                case: Case | None = self._fresh()
            else:
                source = next(sources, None)
                if source is None:
                    sources = None
                    continue
                self.used.add(source["id"])
                case = (
                    self._duplicate(source) if kind == "duplicate" else self._negative(kind, source)
                )
            if case is not None and self._commit(case):
                return

    def build(self, walk_in_count: int) -> EvalSet:
        counts = {kind: round(share * walk_in_count) for kind, share in SHARES.items()}
        counts["fresh"] = max(0, walk_in_count - sum(counts.values()))
        plan = [kind for kind, n in counts.items() for _ in range(n)][:walk_in_count]
        self.rng.shuffle(plan)
        sources = {kind: self._sources(kind) for kind in counts if kind != "fresh"}
        for kind in plan:
            self._add(kind, sources.get(kind))
        members: defaultdict[int, list[dict[str, Any]]] = defaultdict(list)
        wanted = {matter for _, matter, _ in self.made}
        for report in self.jaki:
            if (matter := self.matter_of[report["id"]]) in wanted:
                members[matter].append(report)
        rows = []
        for body, matter, kind in self.made:
            when = parse_time(body["reported_at"])
            truth = frozenset(
                r["id"] for r in members[matter] if parse_time(r["created_at"]) < when
            )
            if kind == "duplicate" and len(truth) > 1:
                kind = "duplicate_of_place_cluster"
            rows.append((when, body, truth, kind))
        rows.sort(key=lambda row: row[0])
        return EvalSet(
            jaki=sorted(self.jaki, key=lambda r: (parse_time(r["created_at"]), r["id"])),
            walk_ins=[body for _, body, _, _ in rows],
            truth=[truth for _, _, truth, _ in rows],
            kinds=[kind for _, _, _, kind in rows],
        )


def build(
    *,
    seed: int,
    jaki_count: int = 20_000,
    walk_in_count: int = 2_000,
    start: datetime | None = None,
    days: int = 90,
) -> EvalSet:
    """The labelled set for `seed`: `jaki_count` background reports from the demo generator in
    the `days` before `start` (default `demo.DEFAULT_START`) plus the extra reports placed next
    to them, and `walk_in_count` walk-ins; the same arguments give the same set."""
    if walk_in_count < 0:
        raise ValueError("walk_in_count must be >= 0")
    return Builder(seed, jaki_count, start, days).build(walk_in_count)
