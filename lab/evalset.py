"""A labelled evaluation set for a duplicate matcher: walk-in complaints against the JAKI mirror.

`build(seed=...)` returns JAKI feed reports (what the mirror holds), walk-in complaint bodies
(what the desk sends to `POST /v1/complaints`) and, per walk-in, the ids of the JAKI reports that
*are* the same complaint. It measures a matcher: recall on the duplicates, precision on the hard
non-duplicates placed next to them. Everything comes from the demo generator (`app.demo`) and
one seeded `random.Random`: the same arguments give the same set.

The labels follow the domain rule. A problem about a person (bansos, land, civil registry,
health insurance, school aid) is the same complaint only for the same complainant and the same
matter; a problem about a place is the same complaint for the same problem at the same place,
whoever reported it. A matcher looks back: a JAKI report created after the walk-in is never in
its truth, even when it is about the same thing.

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

Truth is right by construction. Every report and walk-in belongs to one *matter* (one problem of
one place, or one matter of one person); a walk-in's truth is its matter's reports created before
it. A case is kept only if no report of another matter looks like the same complaint under a
generous reading of the rule (`_same_complaint`: same category and the same person, or within
60 m, or within 300 m on the same street), so chance coincidences in the random background never
become duplicates the truth leaves out.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from app.demo import generator as demo
from app.demo import names, phrasing, recall, scenes

__all__ = ["DUPLICATE_KINDS", "HARD_NEGATIVE_KINDS", "KINDS", "SHARES", "EvalSet", "build"]

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

CLUSTER_RADIUS_M = 28
SAME_SPOT_M = 60
SAME_STREET_M = 300
AREA_M = 700
OTHER_SPOT_M = (550.0, 1000.0)
OTHER_STREET_M = (300.0, 800.0)
OTHER_KECAMATAN_M = 2000.0
CELL_M = 300.0
EXTRA_SERIAL = 9_000_000

PLACE_CATEGORIES = tuple(c for c in demo.CATEGORIES if c not in demo.PERSON_CATEGORIES)
CIVIL_REGISTRY = "Administrasi Kependudukan"
DOC_TEMPLATES = tuple(
    i for i, (typed, _) in enumerate(phrasing.TEMPLATES[CIVIL_REGISTRY]) if "{doc}" in typed
)
FEMALE_NAMES = frozenset(names.FEMALE_GIVEN + names.FEMALE_SINGLE)
TITLES = {False: ("Bapak ", "Bpk. ", "Pak ", "H. "), True: ("Ibu ", "Bu ", "Ny. ", "Hj. ")}
SPELLINGS: dict[str, tuple[str, ...]] = {
    "Muhammad": ("Mohammad", "Muhamad", "Mohamad", "M."),
    "Ahmad": ("Achmad", "Akhmad"),
    "Rizki": ("Rizky", "Rizqi"),
    "Yusuf": ("Yusup", "Jusuf"),
    "Taufik": ("Taufiq",),
    "Joko": ("Djoko",),
    "Rahmat": ("Rachmat",),
    "Wahyu": ("Wahju",),
    "Slamet": ("Selamet",),
    "Siti": ("Sitti",),
    "Fitri": ("Fitry",),
    "Aisyah": ("Aisah",),
    "Hidayat": ("Hidajat",),
    "Rahmawati": ("Rachmawati",),
    "Susanto": ("Soesanto",),
    "Sutrisno": ("Soetrisno",),
    "Suparman": ("Soeparman",),
    "Sukirman": ("Soekirman",),
    "Ramadhan": ("Ramadan",),
    "Firmansyah": ("Firmansah",),
}
_CANONICAL = {v.casefold(): w.casefold() for w, variants in SPELLINGS.items() for v in variants}
_TITLE_WORDS = frozenset(t.strip().casefold() for titles in TITLES.values() for t in titles)
_SCENE_KEYS = tuple(scenes.new_scene(random.Random(0), kel="", kec="", kota_code=""))  # noqa: S311


@dataclass(frozen=True, slots=True)
class EvalSet:
    """JAKI feed reports, walk-in bodies, and per walk-in its truth and the kind it was made as."""

    jaki: list[dict[str, Any]]
    walk_ins: list[dict[str, Any]]
    truth: list[frozenset[str]]
    kinds: list[str]


def _at(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp)


def _code(category: str) -> str:
    return demo.JAKI_TO_PINTU.get(category.lower(), "lainnya")


PERSON_CODES = frozenset(_code(c) for c in demo.PERSON_CATEGORIES)


def _metres(lat: float, lon: float) -> tuple[float, float]:
    return lon * demo._M_PER_DEG_LON, lat * demo._M_PER_DEG_LAT


def _distance(a: tuple[float, float], b: tuple[float, float]) -> float:
    return math.hypot(a[0] - b[0], a[1] - b[1])


def _national(phone: str) -> str:
    digits = "".join(c for c in phone if c.isdigit())
    return digits[2:] if digits.startswith("62") else digits.removeprefix("0")


def _identity(person: dict[str, Any] | None) -> frozenset[str]:
    """The person's NIK and phone (as a national number), tagged by kind."""
    if not person:
        return frozenset()
    found = set()
    if person.get("nik"):
        found.add("nik:" + person["nik"])
    if person.get("phone"):
        found.add("tel:" + _national(person["phone"]))
    return frozenset(found)


def _name_key(name: str | None) -> str | None:
    """A name without titles, case and old spellings: how two writings of one name compare."""
    if not name:
        return None
    words = [w for w in name.casefold().split() if w not in _TITLE_WORDS]
    return " ".join(_CANONICAL.get(w, w) for w in words) or None


def _recall(report: dict[str, Any]) -> dict[str, Any]:
    """What a report says (street, RT, matter, document …); None where it says nothing."""
    scene: dict[str, Any] = dict.fromkeys(_SCENE_KEYS)
    recall.recall_scene(report, scene)
    return scene


def _without_jaki_mention(description: str) -> str:
    return description.replace(" " + phrasing.JAKI_MENTION, "")


@dataclass(slots=True, eq=False)
class _Facts:
    """What the look-alike test reads from a JAKI report or a walk-in."""

    matter: int
    at: datetime
    code: str
    kel: str
    anchor: tuple[float, float]  # the point in metres, or the kelurahan's reference point
    pointed: bool
    ident: frozenset[str]
    name: str | None
    anonymous: bool
    unread: dict[str, Any] | None = None  # a report whose details are recalled when needed
    street: str | None = None
    rt: int | None = None
    template: int | None = None
    doc: str | None = None
    deadline: datetime | None = None  # guarded facts: when the matter's walk-in was made

    def read(self) -> _Facts:
        if self.unread is not None:
            told, self.unread = _recall(self.unread), None
            self.street, self.rt, self.template, self.doc = (
                told["street"],
                told["rt"],
                told["matter"],
                told["doc"],
            )
        return self


def _same_person(a: _Facts, b: _Facts) -> bool:
    if a.anonymous or b.anonymous:
        return False
    if a.ident & b.ident:
        return True
    if {i.partition(":")[0] for i in a.ident} & {i.partition(":")[0] for i in b.ident}:
        return False  # the same kind of identifier with different values: two people
    return a.kel == b.kel and a.name is not None and a.name == b.name


def _other_document(a: _Facts, b: _Facts) -> bool:
    a, b = a.read(), b.read()
    return (
        a.code == _code(CIVIL_REGISTRY)
        and a.template in DOC_TEMPLATES
        and b.template in DOC_TEMPLATES
        and a.doc is not None
        and b.doc is not None
        and a.doc != b.doc
    )


def _same_place(a: _Facts, b: _Facts) -> bool:
    d = _distance(a.anchor, b.anchor)
    if a.pointed and b.pointed and d <= SAME_SPOT_M:
        return True
    if d > (SAME_STREET_M if a.pointed and b.pointed else AREA_M):
        return False
    a, b = a.read(), b.read()
    street = a.street is None or b.street is None or a.street.casefold() == b.street.casefold()
    rt = a.rt is None or b.rt is None or a.rt == b.rt
    return street and (rt or (a.pointed and b.pointed))


def _same_complaint(a: _Facts, b: _Facts) -> bool:
    """Whether two complaints could be the same under a generous reading of the domain rule."""
    if a.code != b.code:
        return False
    if a.code in PERSON_CODES:
        return _same_person(a, b) and not _other_document(a, b)
    return _same_place(a, b)


class _Index:
    """Facts by category and person (NIK, phone, name in a kelurahan) or by 300 m cell."""

    def __init__(self) -> None:
        self._found: defaultdict[tuple[Any, ...], list[_Facts]] = defaultdict(list)

    @staticmethod
    def _keys(f: _Facts, *, around: int) -> Iterator[tuple[Any, ...]]:
        if f.code in PERSON_CODES:
            yield from (("id", f.code, i) for i in f.ident)
            yield ("name", f.code, f.kel, f.name)
            return
        x, y = int(f.anchor[0] // CELL_M), int(f.anchor[1] // CELL_M)
        for dx in range(-around, around + 1):
            for dy in range(-around, around + 1):
                yield ("cell", f.code, x + dx, y + dy)

    def add(self, f: _Facts) -> None:
        for key in self._keys(f, around=0):
            self._found[key].append(f)

    def near(self, f: _Facts) -> list[_Facts]:
        seen: dict[int, _Facts] = {}
        for key in self._keys(f, around=math.ceil(AREA_M / CELL_M)):
            for other in self._found.get(key, ()):
                seen.setdefault(id(other), other)
        return list(seen.values())


@dataclass(slots=True)
class _Case:
    kind: str
    body: dict[str, Any]
    matter: int
    told: dict[str, Any] | None  # the report the walk-in restates, in the mirror or invented
    extras: list[tuple[dict[str, Any], int]] = field(default_factory=list)


_Maker = Callable[[dict[str, Any], datetime, bool], dict[str, Any] | None]


class _Builder:
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
        self.facts: dict[str, _Facts] = {}
        self.mirror = _Index()
        for report in self.background:
            self.facts[report["id"]] = facts = self._report_facts(report, self.place[report["id"]])
            self.mirror.add(facts)
        self.guarded = _Index()
        self.used: set[str] = set()
        self.made: list[tuple[dict[str, Any], int, str]] = []

    # --- facts -----------------------------------------------------------------------------

    def _report_facts(self, report: dict[str, Any], place: demo.Kelurahan) -> _Facts:
        reporter = report.get("reporter")
        return _Facts(
            matter=self.matter_of[report["id"]],
            at=_at(report["created_at"]),
            code=_code(report["category"]),
            kel=report.get("kelurahan_code") or place.code,
            anchor=_metres(report["lat"], report["lon"]),
            pointed=True,
            ident=_identity(reporter),
            name=_name_key((reporter or {}).get("name")),
            anonymous=reporter is None,
            unread=report,
        )

    def _walk_in_facts(self, case: _Case, told: _Facts | None) -> _Facts:
        body = case.body
        kel = self.kelurahan[body["kelurahan_code"]]
        pointed = body.get("lat") is not None
        return _Facts(
            matter=case.matter,
            at=_at(body["reported_at"]),
            code=body["category"],
            kel=kel.code,
            anchor=_metres(body["lat"], body["lon"]) if pointed else _metres(kel.lat, kel.lon),
            pointed=pointed,
            ident=_identity(body["complainant"]),
            name=_name_key(body["complainant"].get("name")),
            anonymous=False,
            street=recall.street_of(body["address"]),
            rt=int(body["rt"]),
            template=told.template if told else None,
            doc=told.doc if told else None,
        )

    def _told_facts(self, case: _Case) -> _Facts | None:
        if case.told is None:
            return None
        if case.told["id"] in self.facts:
            return self.facts[case.told["id"]].read()
        self.matter_of[case.told["id"]] = case.matter
        return self._report_facts(case.told, self.place[case.told["id"]]).read()

    # --- people, places, times -------------------------------------------------------------

    def _stranger(self, avoid: str | None = None) -> dict[str, Any]:
        """A new person with a name, a NIK and a phone: clearly not anyone already known."""
        person = demo.new_person(self.rng)
        while person["name"] == avoid:
            person = demo.new_person(self.rng)
        return person

    def _reporter_or_none(self) -> dict[str, Any] | None:
        if self.rng.random() < 0.3:
            return None
        person, shape = self._stranger(), self.rng.random()
        if shape < 0.35:
            del person["phone"]
        elif shape > 0.75:
            del person["nik"]
        return person

    def _as_written(self, complainant: dict[str, Any], reporter: dict[str, Any]) -> dict[str, Any]:
        """The same person as the desk writes them down."""
        rng, out = self.rng, dict(complainant)
        shared = [
            k
            for k in ("nik", "phone")
            if k in out and _identity({k: out[k]}) <= _identity(reporter)
        ]
        if "nik" in out and "phone" in out and rng.random() < 0.25:
            droppable = [k for k in ("nik", "phone") if any(s != k for s in shared)]
            if droppable:
                del out[rng.choice(droppable)]
        name = str(out["name"])
        if rng.random() < 0.2:
            words = name.split()
            spelt = [i for i, w in enumerate(words) if w in SPELLINGS]
            if spelt:
                i = rng.choice(spelt)
                words[i] = rng.choice(SPELLINGS[words[i]])
                name = " ".join(words)
        if rng.random() < 0.25:
            name = rng.choice(TITLES[name.split()[0] in FEMALE_NAMES]) + name
        if rng.random() < 0.1:
            name = name.upper()
        out["name"] = name
        return out

    def _ring(self, lat: float, lon: float, near: float, far: float) -> tuple[float, float] | None:
        """A point `near`-`far` metres from (lat, lon), inside Jakarta's box."""
        for _ in range(20):
            r = math.sqrt(self.rng.uniform(near * near, far * far))
            angle = self.rng.uniform(0, 2 * math.pi)
            point = (
                round(lat + r * math.sin(angle) / demo._M_PER_DEG_LAT, 6),
                round(lon + r * math.cos(angle) / demo._M_PER_DEG_LON, 6),
            )
            if (
                demo.LAT_MIN <= point[0] <= demo.LAT_MAX
                and demo.LON_MIN <= point[1] <= demo.LON_MAX
            ):
                return point
        return None

    def _within(self, moment: datetime) -> datetime:
        return min(max(moment, self.first), self.end - timedelta(hours=1))

    def _around(self, report: dict[str, Any], days: float) -> datetime:
        shift = timedelta(days=self.rng.uniform(-days, days))
        return self._within(_at(report["created_at"]) + shift)

    def _desk_after(self, report: dict[str, Any]) -> datetime | None:
        days = demo.desk_days_after(_at(report["created_at"]), self.end)
        return demo.desk_time(self.rng, self.rng.choice(days)) if days else None

    def _desk_before(self, report: dict[str, Any]) -> datetime | None:
        created = _at(report["created_at"]).date()
        days = [
            day
            for day in (created - timedelta(days=k) for k in range(1, 11))
            if day.weekday() < 5 and day >= self.first.date()
        ]
        return demo.desk_time(self.rng, self.rng.choice(days)) if days else None

    def _desk_any(self) -> datetime:
        day: date = self.end.date() - timedelta(days=self.rng.randint(1, self.days))
        while day.weekday() >= 5 and self.days > 2:
            day = self.end.date() - timedelta(days=self.rng.randint(1, self.days))
        return demo.desk_time(self.rng, day)

    # --- JAKI reports ----------------------------------------------------------------------

    def _scene(self, report: dict[str, Any], place: demo.Kelurahan) -> dict[str, Any]:
        scene = scenes.new_scene(
            self.rng, kel=place.name, kec=place.kecamatan, kota_code=place.code[:5]
        )
        recall.recall_scene(report, scene)
        return scene

    def _informal(self, category: str, scene: dict[str, Any], template: int | None) -> str | None:
        """A citizen's text about `scene`; with `template`, one that says that same matter."""
        for _ in range(1 if template is None else 60):
            text = phrasing.informal(
                self.rng, category, scene, place=category not in demo.PERSON_CATEGORIES
            )
            if template is None or recall.template_of(category, text) == template:
                return text
        return None

    def _report(
        self,
        *,
        created: datetime,
        place: demo.Kelurahan,
        category: str,
        scene: dict[str, Any],
        point: tuple[float, float] | None,
        reporter: dict[str, Any] | None,
        template: int | None,
        told: bool,
    ) -> dict[str, Any] | None:
        """A JAKI report in the feed's shape; `told`: only for a walk-in to restate, so with an
        address and a kelurahan for it to repeat."""
        text = self._informal(category, scene, template)
        if text is None or point is None:
            return None
        self.serial += 1
        report = demo.jaki_report(self.rng, self.serial, created, place, self.end)
        self.place[report["id"]] = place
        report.update(category=category, description=text, lat=point[0], lon=point[1])
        report["reporter"] = reporter
        if "address" in report or told:
            report["address"] = demo.jaki_address(self.rng, scene, place)
        if "kelurahan_code" in report or told:
            report["kelurahan_code"] = place.code
        updated = _at(report["updated_at"])
        report["follow_ups"] = demo.jaki_follow_ups(self.rng, report, place, created, updated)
        return report

    def _same_problem(
        self, s: dict[str, Any], created: datetime, reporter: dict[str, Any] | None
    ) -> dict[str, Any] | None:
        """Another report of what `s` says, at the same spot."""
        place = self.place[s["id"]]
        scene = self._scene(s, place)
        if scene["matter"] is None or self.facts[s["id"]].read().street is None:
            return None
        scene["no"] = max(1, scene["no"] + self.rng.randint(-3, 3))
        return self._report(
            created=created,
            place=place,
            category=s["category"],
            scene=scene,
            point=demo.point_near(self.rng, s["lat"], s["lon"], CLUSTER_RADIUS_M),
            reporter=reporter,
            template=scene["matter"],
            told=False,
        )

    def _own_other_matter(
        self, s: dict[str, Any], created: datetime, told: bool
    ) -> dict[str, Any] | None:
        """`s`'s reporter about another matter: another category or another document."""
        rng, place = self.rng, self.place[s["id"]]
        reporter = dict(s["reporter"])
        if "phone" in reporter:
            reporter["phone"] = demo.format_phone(rng, _national(reporter["phone"]))
        scene, template = self._scene(s, place), None
        known = self.facts[s["id"]].read()
        point = demo.point_near(rng, s["lat"], s["lon"], 30)
        if (
            s["category"] == CIVIL_REGISTRY
            and known.template in DOC_TEMPLATES
            and known.doc
            and rng.random() < 0.5
        ):
            category, template = CIVIL_REGISTRY, rng.choice(DOC_TEMPLATES)
            scene["doc"] = rng.choice([d for d in scenes.DOCS if d != known.doc])
        else:
            about_person = rng.random() < 0.7
            pool = [
                c
                for c in demo.CATEGORIES
                if _code(c) not in (_code(s["category"]), "lainnya")
                and (c in demo.PERSON_CATEGORIES) == about_person
            ]
            category = rng.choices(pool, [demo.CATEGORIES[c][2] for c in pool])[0]
            if not about_person:
                scene = scenes.new_scene(
                    rng, kel=place.name, kec=place.kecamatan, kota_code=place.code[:5]
                )
                point = demo.point_near(rng, place.lat, place.lon, 600)
        return self._report(
            created=created,
            place=place,
            category=category,
            scene=scene,
            point=point,
            reporter=reporter,
            template=template,
            told=told,
        )

    def _other_problem_here(
        self, s: dict[str, Any], created: datetime, told: bool
    ) -> dict[str, Any] | None:
        """Another kind of place problem on `s`'s street and RT, within 100 m."""
        rng, place = self.rng, self.place[s["id"]]
        category = rng.choice(
            [c for c in PLACE_CATEGORIES if _code(c) not in (_code(s["category"]), "lainnya")]
        )
        same_person = s["reporter"] is not None and rng.random() < 0.2
        return self._report(
            created=created,
            place=place,
            category=category,
            scene=self._scene(s, place),
            point=self._ring(s["lat"], s["lon"], 15, 100),
            reporter=dict(s["reporter"]) if same_person else self._reporter_or_none(),
            template=None,
            told=told,
        )

    def _other_spot(
        self, s: dict[str, Any], created: datetime, told: bool
    ) -> dict[str, Any] | None:
        """The same kind of problem far along the same street, or on another street nearby."""
        rng, place = self.rng, self.place[s["id"]]
        scene = self._scene(s, place)
        if rng.random() < 0.7:
            point = self._ring(s["lat"], s["lon"], *OTHER_SPOT_M)
        else:
            streets = scenes.STREETS_BY_KOTA.get(place.code[:5], ()) + scenes.GENERIC_STREETS
            scene["street"] = rng.choice([st for st in streets if st != scene["street"]])
            point = self._ring(s["lat"], s["lon"], *OTHER_STREET_M)
        old_no, old_rt, old_lm = scene["no"], scene["rt"], scene["lm"]
        scene.update(
            no=rng.choice([no for no in range(1, 151) if no != old_no]),
            rt=rng.choice([rt for rt in range(1, 16) if rt != old_rt]),
            rw=rng.randint(1, 12),
            lm=rng.choice([lm for lm in range(len(scenes.LANDMARKS)) if lm != old_lm]),
            gang=rng.choice(scenes.GANGS),
            in_gang=rng.random() < 0.45,
        )
        return self._report(
            created=created,
            place=place,
            category=s["category"],
            scene=scene,
            point=point,
            reporter=self._reporter_or_none(),
            template=scene["matter"],
            told=told,
        )

    def _other_kecamatan(
        self, s: dict[str, Any], created: datetime, told: bool
    ) -> dict[str, Any] | None:
        """The same kind of problem on a street of the same name in another kecamatan."""
        rng, place = self.rng, self.place[s["id"]]
        known = self._scene(s, place)
        local = known["street"] in scenes.STREETS_BY_KOTA.get(place.code[:5], ())
        here = _metres(s["lat"], s["lon"])
        options = [
            k
            for k in self.kelurahan.values()
            if k.code[:8] != place.code[:8]
            and (not local or k.code[:5] == place.code[:5])
            and _distance(_metres(k.lat, k.lon), here) >= OTHER_KECAMATAN_M + 800
        ]
        if not options:
            return None
        there = rng.choice(options)
        scene = scenes.new_scene(rng, kel=there.name, kec=there.kecamatan, kota_code=there.code[:5])
        scene.update(street=known["street"], lm=known["lm"], kali=known["kali"])
        return self._report(
            created=created,
            place=there,
            category=s["category"],
            scene=scene,
            point=demo.point_near(rng, there.lat, there.lon, 600),
            reporter=self._reporter_or_none(),
            template=known["matter"],
            told=told,
        )

    def _neighbour(self, s: dict[str, Any], created: datetime, told: bool) -> dict[str, Any] | None:
        """Another person of `s`'s RW with the same bansos complaint, in nearly the same words."""
        rng, place = self.rng, self.place[s["id"]]
        scene = self._scene(s, place)
        if scene["matter"] is None:
            return None
        scene["no"] = rng.randint(1, 150)
        if rng.random() < 0.5:
            scene["rt"] = rng.randint(1, 15)
        return self._report(
            created=created,
            place=place,
            category=s["category"],
            scene=scene,
            point=self._ring(s["lat"], s["lon"], 10, 100),
            reporter=self._stranger(avoid=s["reporter"]["name"]),
            template=scene["matter"],
            told=told,
        )

    def _namesake(self, s: dict[str, Any], created: datetime, told: bool) -> dict[str, Any] | None:
        """Another person of the same kelurahan with the name of `s`'s reporter."""
        rng, place = self.rng, self.place[s["id"]]
        scene = scenes.new_scene(rng, kel=place.name, kec=place.kecamatan, kota_code=place.code[:5])
        template = self.facts[s["id"]].read().template if rng.random() < 0.5 else None
        return self._report(
            created=created,
            place=place,
            category=s["category"],
            scene=scene,
            point=demo.point_near(rng, place.lat, place.lon, 600),
            reporter={**self._stranger(), "name": s["reporter"]["name"]},
            template=template,
            told=told,
        )

    # --- cases -----------------------------------------------------------------------------

    def _new_matter(self) -> int:
        self.matters += 1
        return self.matters

    def _distractors(self, s: dict[str, Any]) -> list[_Maker]:
        rng, known = self.rng, self.facts[s["id"]]
        person = s["category"] in demo.PERSON_CATEGORIES
        options: list[_Maker] = []
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

    def _duplicate(self, s: dict[str, Any]) -> _Case | None:
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
        case = _Case("duplicate", body, matter, s)
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

    def _keep(self, case: _Case, report: dict[str, Any] | None, matter: int) -> None:
        if report is not None:
            self.matter_of[report["id"]] = matter
            case.extras.append((report, matter))

    def _negative(self, kind: str, r: dict[str, Any]) -> _Case | None:
        rng = self.rng
        if kind == "jaki_after_walk_in":
            when = self._desk_before(r)
            if when is None:
                return None
            body = demo.walk_in_body(rng, when, r)
            body["description"] = _without_jaki_mention(body["description"])
            if r["reporter"]:
                body["complainant"] = self._as_written(body["complainant"], r["reporter"])
            return _Case(kind, body, self.matter_of[r["id"]], r)
        when = self._desk_after(r)
        make: _Maker = {
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
        body["description"] = _without_jaki_mention(body["description"])
        if kind == "same_person_other_problem":
            body["complainant"] = self._as_written(body["complainant"], r["reporter"])
        if kind == "same_street_other_spot" and "lat" not in body:
            body["lat"], body["lon"] = demo.point_near(rng, told["lat"], told["lon"], 150)
        return _Case(kind, body, self._new_matter(), told)

    def _fresh(self) -> _Case:
        body = demo.walk_in_body(self.rng, self._desk_any(), None)
        return _Case("fresh", body, self._new_matter(), None)

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

    # --- keeping a case --------------------------------------------------------------------

    def _clashes(
        self, case: _Case, walk_in: _Facts, told: _Facts | None, new: list[_Facts]
    ) -> bool:
        """Whether a report of another matter could be the same complaint as this case's."""
        own = [walk_in, *(f for f in new if f.matter == case.matter)]
        if told is not None:
            own.append(told)
        for x in own:
            for y in (*self.mirror.near(x), *new):
                if y.matter != case.matter and y.at < walk_in.at and _same_complaint(x, y):
                    return True
        for e in new:
            for g in self.guarded.near(e):
                late = g.deadline is not None and e.at >= g.deadline
                if g.matter != e.matter and not late and _same_complaint(e, g):
                    return True
        return False

    def _commit(self, case: _Case) -> bool:
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
                case: _Case | None = self._fresh()
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
            when = _at(body["reported_at"])
            truth = frozenset(r["id"] for r in members[matter] if _at(r["created_at"]) < when)
            if kind == "duplicate" and len(truth) > 1:
                kind = "duplicate_of_place_cluster"
            rows.append((when, body, truth, kind))
        rows.sort(key=lambda row: row[0])
        return EvalSet(
            jaki=sorted(self.jaki, key=lambda r: (_at(r["created_at"]), r["id"])),
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
    return _Builder(seed, jaki_count, start, days).build(walk_in_count)
