"""A labelled evaluation set for duplicate matching, built from the demo generator.

JAKI reports come from `app.mirror.demo` (informal, as citizens type them), plus extra reports
placed next to chosen ones to make matching hard; walk-in complaints are written the way the desk
writes them. Each walk-in has the ids of the JAKI reports that *are* the same complaint (its
truth, possibly empty) and the kind it was made as:

- `duplicate`: restates a JAKI report (other words, phone written otherwise, titles, spelling).
- `duplicate_of_place_cluster`: restates a place report that neighbours also reported (1-3 more
  reports within 40 m): every report of the cluster is the same problem.
- `fresh`: a complaint JAKI does not have.
- `same_person_other_problem`: a JAKI reporter comes about another matter.
- `same_street_other_problem`: the same spot, another kind of place problem.
- `same_street_other_spot`: the same kind of problem on the same street, 400-900 m away.
- `neighbour_same_bansos`: a neighbour with the same bansos complaint: another complainant.
- `common_name`: another person with a JAKI reporter's (common) name, same kelurahan and matter.
- `street_name_other_kecamatan`: the same street name and problem in another kecamatan.
- `jaki_after_walk_in`: the JAKI report was made after the walk-in: not an earlier report.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from app.mirror import demo
from app.mirror import demo_texts as texts

KINDS: dict[str, float] = {
    "duplicate": 0.35,
    "fresh": 0.25,
    "same_person_other_problem": 0.07,
    "same_street_other_problem": 0.06,
    "same_street_other_spot": 0.06,
    "neighbour_same_bansos": 0.06,
    "common_name": 0.06,
    "street_name_other_kecamatan": 0.05,
    "jaki_after_walk_in": 0.04,
}
TITLES = ("Bapak ", "Ibu ", "H. ", "Hj. ", "")
SPELLINGS = {"Muhammad": "Mohammad", "Ahmad": "Achmad", "Siti": "Sitti"}


@dataclass(frozen=True, slots=True)
class EvalSet:
    jaki: list[dict[str, Any]]
    walk_ins: list[dict[str, Any]]
    truth: list[frozenset[str]]
    kinds: list[str]


def _at(report: dict[str, Any]) -> datetime:
    return datetime.fromisoformat(report["created_at"])


def _is_place(report: dict[str, Any]) -> bool:
    return report["category"] not in demo.PERSON_CATEGORIES


# Which JAKI reports each kind of walk-in can be made from (default: a place report).
SOURCE_TESTS: dict[str, Callable[[dict[str, Any]], bool]] = {
    # A problem about a person is the same complaint only for the same complainant: an anonymous
    # JAKI report of one can never be confirmed, so it is not made a source of duplicates.
    "duplicate": lambda r: _is_place(r) or bool(r.get("reporter")),
    "neighbour_same_bansos": lambda r: r["category"] == "Bantuan Sosial",
    "common_name": lambda r: not _is_place(r) and bool(r.get("reporter")) and "kelurahan_code" in r,
    "same_person_other_problem": lambda r: bool(r.get("reporter")),
}


class _Builder:
    def __init__(self, seed: int, jaki_count: int, start: datetime | None, days: int) -> None:
        self.rng = random.Random(seed * 7919 + 1)  # noqa: S311 - reproducible on purpose
        self.end = demo._wib(start)
        self.days = days
        placed = list(demo.jaki_reports_with_origin(jaki_count, seed=seed, start=start, days=days))
        self.jaki = [r for r, _ in placed]
        self.origin = {r["id"]: k for r, k in placed}
        self.clusters: dict[str, list[str]] = {}
        self.serial = 9_000_000
        self.walk_ins: list[dict[str, Any]] = []
        self.truth: list[frozenset[str]] = []
        self.kinds: list[str] = []
        self.used: set[str] = set()

    # --- JAKI reports -------------------------------------------------------------------------

    def _extra_report(
        self, like: dict[str, Any], created: datetime, reporter: dict[str, Any] | None
    ) -> dict[str, Any]:
        """A new report about what `like` says: own wording, near its point."""
        self.serial += 1
        place = self.origin[like["id"]]
        report = demo._jaki_report(self.rng, self.serial, created, place, self.end)
        scene = texts.new_scene(
            self.rng, kel=place.name, kec=place.kecamatan, kota_code=place.code[:5]
        )
        texts.recall_scene(like, scene)
        report.update(
            category=like["category"],
            description=texts.informal(self.rng, like["category"], scene, place=_is_place(like)),
            reporter=reporter,
            kelurahan_code=like.get("kelurahan_code", place.code),
        )
        if like.get("address"):
            report["address"] = like["address"]
        self.origin[report["id"]] = place
        self.jaki.append(report)
        return report

    def _cluster(self, source: dict[str, Any]) -> None:
        for _ in range(self.rng.randint(1, 3)):
            created = _at(source) + timedelta(hours=self.rng.uniform(-48, 48))
            other = self._person() if self.rng.random() < 0.7 else None
            extra = self._extra_report(source, min(created, self.end - timedelta(days=2)), other)
            extra["lat"], extra["lon"] = demo._near(self.rng, source["lat"], source["lon"], 40)
            self.clusters.setdefault(source["id"], []).append(extra["id"])

    def _person(self) -> dict[str, Any]:
        return demo._person(self.rng)

    # --- walk-ins -----------------------------------------------------------------------------

    def _when_after(self, created: datetime) -> datetime | None:
        days = demo._desk_days(created, self.end)
        return demo._desk_time(self.rng, self.rng.choice(days)) if days else None

    def _add(self, kind: str, body: dict[str, Any], truth: set[str]) -> None:
        when = datetime.fromisoformat(body["reported_at"])
        by_id = self._by_id
        self.walk_ins.append(body)
        self.truth.append(frozenset(t for t in truth if _at(by_id[t]) < when))
        self.kinds.append(kind)

    def _pick(self, test: Callable[[dict[str, Any]], bool]) -> dict[str, Any] | None:
        for _ in range(200):
            report = self.rng.choice(self.base)
            if report["id"] not in self.used and test(report):
                self.used.add(report["id"])
                return report
        return None

    def _variant(self, complainant: dict[str, Any]) -> dict[str, Any]:
        """The same person as the desk writes them down: a title, an old spelling."""
        name = complainant.get("name")
        if name and self.rng.random() < 0.4:
            first, _, rest = name.partition(" ")
            first = SPELLINGS.get(first, first) if self.rng.random() < 0.5 else first
            name = f"{self.rng.choice(TITLES)}{first} {rest}".strip()
        return {**complainant, "name": name}

    def build(self, walk_in_count: int) -> EvalSet:
        self.base = [r for r in self.jaki if r.get("lat") is not None]
        counts = {k: round(share * walk_in_count) for k, share in KINDS.items()}
        counts["fresh"] += walk_in_count - sum(counts.values())
        plan = [kind for kind, n in counts.items() for _ in range(n)]
        sources: list[tuple[str, dict[str, Any]]] = []
        for kind in plan:
            if kind == "fresh":
                sources.append((kind, {}))
                continue
            test = SOURCE_TESTS.get(kind, _is_place)
            latest = self.end - timedelta(days=3)
            picked = self._pick(lambda r: test(r) and _at(r) < latest)  # noqa: B023 - used now
            if picked is not None:
                sources.append((kind, picked))
        # Extra JAKI reports first, so every walk-in sees the final mirror.
        for kind, source in sources:
            if kind == "duplicate" and _is_place(source) and self.rng.random() < 0.35:
                self._cluster(source)
            # Neighbours who report the same bansos programme: near-identical, another person.
            if source.get("category") == "Bantuan Sosial" and source.get("reporter"):
                created = _at(source) + timedelta(hours=self.rng.uniform(-72, 24))
                self._extra_report(source, min(created, self.end), self._person())
        self._by_id = {r["id"]: r for r in self.jaki}
        for kind, source in sources:
            self._walk_in(kind, source)
        order = sorted(range(len(self.walk_ins)), key=lambda i: self.walk_ins[i]["reported_at"])
        self.jaki.sort(key=_at)
        return EvalSet(
            jaki=self.jaki,
            walk_ins=[self.walk_ins[i] for i in order],
            truth=[self.truth[i] for i in order],
            kinds=[self.kinds[i] for i in order],
        )

    def _walk_in(self, kind: str, source: dict[str, Any]) -> None:
        rng = self.rng
        if kind == "fresh":
            day = self.end.date() - timedelta(days=rng.randint(1, self.days))
            body = demo._walk_in(rng, demo._desk_time(rng, day), None)
            self._add(kind, body, set())
            return
        when = self._when_after(_at(source))
        if when is None:
            return
        if kind == "jaki_after_walk_in":
            when = _at(source) - timedelta(days=rng.uniform(1, 10))
        body = demo._walk_in(rng, when, source)
        place = self.origin[source["id"]]
        if kind in ("duplicate", "jaki_after_walk_in"):
            body["complainant"] = self._variant(body["complainant"])
            cluster = {source["id"], *self.clusters.get(source["id"], [])}
            if kind == "duplicate" and len(cluster) > 1:
                kind = "duplicate_of_place_cluster"
            self._add(kind, body, cluster if kind != "jaki_after_walk_in" else set())
            return
        if kind == "same_person_other_problem":
            other = rng.choice(
                [c for c in demo.CATEGORIES if demo.CATEGORIES[c][0] != body["category"]]
            )
            fresh = demo._walk_in(rng, when, None)
            body.update(
                category=demo.JAKI_TO_PINTU.get(other.lower(), "lainnya"),
                description=texts.formal(
                    rng,
                    other,
                    texts.new_scene(
                        rng, kel=place.name, kec=place.kecamatan, kota_code=place.code[:5]
                    ),
                    via_jaki=False,
                ),
                address=fresh["address"],
            )
            body.pop("lat", None), body.pop("lon", None)
        elif kind == "same_street_other_problem":
            others = [
                c
                for c in demo.CATEGORIES
                if c not in demo.PERSON_CATEGORIES
                and demo.CATEGORIES[c][0] not in (body["category"], "lainnya")
            ]
            other = rng.choice(others)
            scene = texts.new_scene(
                rng, kel=place.name, kec=place.kecamatan, kota_code=place.code[:5]
            )
            texts.recall_scene(source, scene)
            scene["matter"] = None  # the same street, another kind of problem
            body.update(
                category=demo.JAKI_TO_PINTU[other.lower()],
                description=texts.formal(rng, other, scene, via_jaki=False),
                complainant=demo._complainant(rng, None),
            )
        elif kind == "same_street_other_spot":
            angle, far = rng.uniform(0, 2 * math.pi), rng.uniform(400, 900)
            body["lat"] = round(source["lat"] + far * math.sin(angle) / 110_574.0, 6)
            body["lon"] = round(source["lon"] + far * math.cos(angle) / 110_670.0, 6)
            scene = texts.new_scene(
                rng, kel=place.name, kec=place.kecamatan, kota_code=place.code[:5]
            )
            texts.recall_scene(source, scene)
            scene["lm"], scene["no"] = rng.randrange(len(texts.LANDMARKS)), rng.randint(151, 400)
            body["description"] = texts.formal(rng, source["category"], scene, via_jaki=False)
            body["complainant"] = demo._complainant(rng, None)
        elif kind == "neighbour_same_bansos":
            body["complainant"] = demo._complainant(rng, None)
        elif kind == "common_name":
            name = (source.get("reporter") or {}).get("name")
            stranger = demo._complainant(rng, None)
            body["complainant"] = {**stranger, "name": name or stranger["name"]}
            body["description"] = texts.formal(
                rng,
                source["category"],
                texts.new_scene(rng, kel=place.name, kec=place.kecamatan, kota_code=place.code[:5]),
                via_jaki=False,
            )
        elif kind == "street_name_other_kecamatan":
            elsewhere = rng.choice(
                [k for k in demo.load_kelurahan() if k.code[:8] != place.code[:8]]
            )
            scene = texts.new_scene(
                rng, kel=elsewhere.name, kec=elsewhere.kecamatan, kota_code=elsewhere.code[:5]
            )
            texts.recall_scene(source, scene)
            body.update(
                kelurahan_code=elsewhere.code,
                description=texts.formal(rng, source["category"], scene, via_jaki=False),
                complainant=demo._complainant(rng, None),
            )
            body["lat"], body["lon"] = demo._near(rng, elsewhere.lat, elsewhere.lon, 500)
        self._add(kind, body, set())


def build(
    *,
    seed: int,
    jaki_count: int = 20_000,
    walk_in_count: int = 2_000,
    start: datetime | None = None,
    days: int = 90,
) -> EvalSet:
    """The labelled set for `seed`: the same seed gives the same set."""
    return _Builder(seed, jaki_count, start, days).build(walk_in_count)
