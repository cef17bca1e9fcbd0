"""The kinds of walk-in the set is made of, and how a case of each kind is made.

Kinds of walk-in (`EvalSet.kinds`):

- `duplicate`: restates one JAKI report in the desk's formal words, person or place problem, the
  source sometimes anonymous (place problems only) or restated by a neighbour; the complainant as
  the desk writes them: a title (Bapak, Ibu, H.), an old or other spelling (Mohammad, Achmad,
  Djoko), capitals as on the KTP, only the phone or only the NIK, the phone written otherwise.
- `duplicate_of_place_cluster`: a duplicate of a place problem that 1-3 other people (or
  anonymous reporters) also reported within a few days, every report within 28 m of the first:
  the truth is the whole cluster (those created before the walk-in).
- `fresh`: a complaint nobody reported in JAKI.
- `same_person_other_problem`: a JAKI reporter (same NIK and/or phone, same name) about another
  matter: another category, or another document of the civil registry (KTP-el against akta).
- `same_street_other_problem`: the same street and RT as a JAKI report, another kind of place
  problem (waste where the report is about the road).
- `same_street_other_spot`: the same kind of place problem on the same street 550-1000 m away
  (the walk-in's point at least 400 m away), or in the same kelurahan on another street.
- `neighbour_same_bansos`: another person of the same kelurahan and RW with the same bansos
  complaint (same programme, same words): a different complainant, so not the same complaint.
- `common_name`: another person (another NIK and phone) with the name of a JAKI reporter of the
  same kelurahan, about a problem of the same person category.
- `street_name_other_kecamatan`: the same kind of problem on a street of the same name in
  another kecamatan, at least 2 km away.
- `jaki_after_walk_in`: the same complaint as a JAKI report that was created after the walk-in
  (1-10 days later): not in the truth.

Hard non-duplicates are also in the mirror: next to reports that duplicates restate, extra JAKI
reports by the same reporter about another matter, about another problem on the same street, the
same problem at another spot or in another kecamatan, by a namesake, by neighbours with the same
bansos complaint, and same-problem reports created after the walk-in. Extra reports have ids
`JAKI-YYYY-9xxxxxx`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from app.demo import generator as demo
from lab.evalset.reading import without_jaki_mention
from lab.evalset.reports import Reports

# Share of the walk-ins made as each kind; `fresh` takes the rest (about a quarter).
SHARES: dict[str, float] = {
    "duplicate": 0.35,
    "same_person_other_problem": 0.07,
    "same_street_other_problem": 0.06,
    "same_street_other_spot": 0.06,
    "neighbour_same_bansos": 0.06,
    "common_name": 0.06,
    "street_name_other_kecamatan": 0.05,
    "jaki_after_walk_in": 0.04,
}
DUPLICATE_KINDS = ("duplicate", "duplicate_of_place_cluster")
HARD_NEGATIVE_KINDS = tuple(kind for kind in SHARES if kind != "duplicate")
KINDS = (*DUPLICATE_KINDS, "fresh", *HARD_NEGATIVE_KINDS)


@dataclass(slots=True)
class Case:
    """One walk-in of a kind, the matter it belongs to, and the extra reports placed for it."""

    kind: str
    body: dict[str, Any]
    matter: int
    told: dict[str, Any] | None  # the report the walk-in restates, in the mirror or invented
    extras: list[tuple[dict[str, Any], int]] = field(default_factory=list)


Maker = Callable[[dict[str, Any], datetime, bool], dict[str, Any] | None]


class Cases(Reports):
    """Makes one case of a kind: the walk-in, the report it restates, the extras next to it."""

    background: list[dict[str, Any]]  # the demo generator's reports
    matter_of: dict[str, int]  # per report id
    matters: int  # the last matter's number
    used: set[str]  # background reports a case was drawn from

    def _new_matter(self) -> int:
        self.matters += 1
        return self.matters

    def _distractors(self, s: dict[str, Any]) -> list[Maker]:
        rng, known = self.rng, self.facts[s["id"]]
        person = s["category"] in demo.PERSON_CATEGORIES
        options: list[Maker] = []
        if known.ident:
            options.append(self._own_other_matter)
        if not person and known.read().street:
            options += [self._other_problem_here, self._other_spot, self._other_kecamatan]
        if person and known.ident:
            options.append(self._namesake)
        chosen = rng.sample(options, min(len(options), rng.choices((0, 1, 2), (40, 45, 15))[0]))
        if s["category"] == "Bantuan Sosial" and known.ident and rng.random() < 0.7:
            chosen += [self._neighbour] * rng.randint(1, 2)
        return chosen

    def _duplicate(self, s: dict[str, Any]) -> Case | None:
        rng = self.rng
        when = self._desk_after(s)
        if when is None:
            return None
        body = demo.walk_in_body(rng, when, s)
        place_problem = s["category"] not in demo.PERSON_CATEGORIES
        if s["reporter"] and place_problem and rng.random() < 0.2:
            body["complainant"] = demo.desk_complainant(rng, None)
        elif s["reporter"]:
            body["complainant"] = self._as_written(body["complainant"], s["reporter"])
        matter = self.matter_of[s["id"]]
        case = Case("duplicate", body, matter, s)
        if place_problem and rng.random() < 0.5:
            for _ in range(rng.randint(1, 3)):
                extra = self._same_problem(s, self._around(s, 3), self._reporter_or_none())
                self._keep(case, extra, matter)
        if rng.random() < 0.12:
            later = when + timedelta(hours=rng.uniform(2, 240))
            reporter = self._reporter_or_none() if place_problem else s["reporter"]
            if later < self.end - timedelta(hours=1):
                self._keep(case, self._same_problem(s, later, reporter), matter)
        for make in self._distractors(s):
            self._keep(case, make(s, self._around(s, 20), False), self._new_matter())
        return case

    def _keep(self, case: Case, report: dict[str, Any] | None, matter: int) -> None:
        if report is not None:
            self.matter_of[report["id"]] = matter
            case.extras.append((report, matter))

    def _negative(self, kind: str, r: dict[str, Any]) -> Case | None:
        rng = self.rng
        if kind == "jaki_after_walk_in":
            when = self._desk_before(r)
            if when is None:
                return None
            body = demo.walk_in_body(rng, when, r)
            body["description"] = without_jaki_mention(body["description"])
            if r["reporter"]:
                body["complainant"] = self._as_written(body["complainant"], r["reporter"])
            return Case(kind, body, self.matter_of[r["id"]], r)
        when = self._desk_after(r)
        make: Maker = {
            "same_person_other_problem": self._own_other_matter,
            "same_street_other_problem": self._other_problem_here,
            "same_street_other_spot": self._other_spot,
            "neighbour_same_bansos": self._neighbour,
            "common_name": self._namesake,
            "street_name_other_kecamatan": self._other_kecamatan,
        }[kind]
        told = make(r, when - timedelta(days=rng.uniform(0.5, 5)), True) if when else None
        if when is None or told is None:
            return None
        body = demo.walk_in_body(rng, when, told)
        body["description"] = without_jaki_mention(body["description"])
        if kind == "same_person_other_problem":
            body["complainant"] = self._as_written(body["complainant"], r["reporter"])
        if kind == "same_street_other_spot" and "lat" not in body:
            body["lat"], body["lon"] = demo.point_near(rng, told["lat"], told["lon"], 150)
        return Case(kind, body, self._new_matter(), told)

    def _fresh(self) -> Case:
        body = demo.walk_in_body(self.rng, self._desk_any(), None)
        return Case("fresh", body, self._new_matter(), None)

    def _weight(self, kind: str, r: dict[str, Any]) -> float:
        known = self.facts[r["id"]]
        person = r["category"] in demo.PERSON_CATEGORIES
        if kind == "jaki_after_walk_in":
            if known.at < self.first + timedelta(days=3):
                return 0.0
        elif known.at > self.end - timedelta(days=3):
            return 0.0
        if kind in ("duplicate", "jaki_after_walk_in"):
            if person and not known.ident:
                return 0.0
            return (3.0 if person else 1.0) * (2.0 if r["reporter"] else 1.0)
        if kind == "same_person_other_problem":
            return float(bool(known.ident))
        if kind == "neighbour_same_bansos":
            bansos = r["category"] == "Bantuan Sosial" and "kelurahan_code" in r
            return float(bool(known.ident) and bansos)
        if kind == "common_name":
            return float(bool(known.ident) and person and "kelurahan_code" in r)
        return float(not person)

    def _fits(self, kind: str, r: dict[str, Any]) -> bool:
        known = self.facts[r["id"]].read()
        if kind in ("same_street_other_problem", "same_street_other_spot"):
            return known.street is not None
        if kind == "street_name_other_kecamatan":
            return known.street is not None and known.template is not None
        if kind == "neighbour_same_bansos":
            return known.template is not None
        return True

    def _sources(self, kind: str) -> Iterator[dict[str, Any]]:
        """Background reports for `kind`, drawn by weight without replacement."""
        keyed = []
        for i, r in enumerate(self.background):
            if (weight := self._weight(kind, r)) > 0:
                keyed.append((self.rng.random() ** (1 / weight), i))
        keyed.sort(reverse=True)
        for _, i in keyed:
            r = self.background[i]
            if r["id"] not in self.used and self._fits(kind, r):
                yield r
