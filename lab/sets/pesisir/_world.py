"""The world the set is drawn from: people, problems (incidents), JAKI reports, desk visits.

Labels come from here by construction. A report points to its incident; a walk-in restates one
incident; its truth is every report of that incident made before it. What keeps the labels right:
- a problem about a person belongs to that person, and one person has at most one problem per
  category (two of one person's bansos problems could be one matter);
- two place problems of one family (roads, drains, ...) are never closer than the family's
  spacing (`SPACING_M`), so a report of one can never be a report of the other;
- every person is made once, with a NIK and phone numbers of their own.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from random import Random

from lab.sets.pesisir._geo import Atlas, Kelurahan, SpacingIndex, Street, distance_m
from lab.sets.pesisir._lexicon import (
    BANKS,
    HOSPITALS,
    MONTHS,
    PERSON_CATEGORIES,
    PLACE_CATEGORIES,
    SPACING_M,
    STAGES,
    UNRELATED_PLACE_PAIRS,
    Problem,
    of_category,
)
from lab.sets.pesisir._people import COMMON_NAMES, People, Person, respell
from lab.sets.pesisir._voices import Spot

WIB = timezone(timedelta(hours=7))
START = datetime(2026, 6, 1, 0, 0, 0, tzinfo=WIB)
END = datetime(2026, 11, 30, 23, 59, 59, tzinfo=WIB)
# Days the desk is closed besides weekends (Pancasila, 1 Muharram, Independence Day, Maulid).
HOLIDAYS = (date(2026, 6, 1), date(2026, 6, 16), date(2026, 8, 17), date(2026, 8, 25))

KINDS = (
    "person_twin",
    "place_twin_same_reporter",
    "place_twin_neighbour",
    "no_twin",
    "same_person_other_problem",
    "same_street_other_problem",
    "neighbours_same_bansos",
    "common_name",
    "same_problem_other_street",
)
SHARES = {
    "person_twin": 0.12,
    "place_twin_same_reporter": 0.10,
    "place_twin_neighbour": 0.12,
    "no_twin": 0.16,
    "same_person_other_problem": 0.10,
    "same_street_other_problem": 0.10,
    "neighbours_same_bansos": 0.10,
    "common_name": 0.10,
    "same_problem_other_street": 0.10,
}
TWIN_KINDS = KINDS[:3]

# What JAKI receives, by Pintu category (reports of walk-ins' problems aside).
BACKGROUND_MIX = {
    "jalan": 15.0,
    "saluran": 16.0,
    "sampah": 11.0,
    "penerangan_jalan": 9.0,
    "ketertiban": 12.0,
    "air_bersih": 5.0,
    "perizinan": 4.0,
    "transportasi": 3.0,
    "lainnya": 4.0,
    "bansos": 9.0,
    "kesehatan": 4.0,
    "kependudukan": 4.0,
    "pendidikan": 3.0,
    "pertanahan": 1.5,
}
# What people bring to the desk themselves.
DESK_PERSON_MIX = {
    "bansos": 0.4,
    "kesehatan": 0.2,
    "kependudukan": 0.15,
    "pendidikan": 0.15,
    "pertanahan": 0.1,
}
DESK_PLACE_MIX = {
    "jalan": 0.22,
    "saluran": 0.25,
    "sampah": 0.13,
    "penerangan_jalan": 0.14,
    "ketertiban": 0.1,
    "air_bersih": 0.07,
    "perizinan": 0.04,
    "transportasi": 0.02,
    "lainnya": 0.03,
}
# How a JAKI reporter shows up in the feed.
IDENTS_BACKGROUND = {
    "full": 30,
    "phone": 35,
    "phone_only": 8,
    "name": 4,
    "old_phone": 5,
    "anon": 18,
}
IDENTS_OWN_PERSON = {"full": 40, "phone": 35, "phone_only": 5, "name": 8, "old_phone": 7, "anon": 5}
IDENTS_OWN_PLACE = {"full": 30, "phone": 40, "phone_only": 8, "name": 5, "old_phone": 5, "anon": 12}
IDENTS_NAMED = {"full": 40, "phone": 45, "name": 15}  # a reporter whose name is the point


def ages_for(problem: Problem) -> tuple[int, int]:
    """Ages of the people who have this problem."""
    if problem.key == "klj":
        return (60, 86)
    if problem.category == "pendidikan":
        return (28, 60)
    return (19, 78)


def fits_age(problem: Problem, age: int) -> bool:
    if problem.key == "klj":
        return age >= 60
    if problem.category == "pendidikan":
        return 26 <= age <= 64
    return True


def pick(rng: Random, table: dict[str, float] | dict[str, int]) -> str:
    keys = list(table)
    return rng.choices(keys, weights=[float(table[k]) for k in keys])[0]


@dataclass
class Incident:
    iid: int
    problem: Problem
    spot: Spot  # where the problem is; for a person's problem, their home
    person: Person | None  # whose problem, for a problem about a person
    onset: datetime
    slots: dict[str, str]
    reports: list[Report] = field(default_factory=list)

    @property
    def kel(self) -> Kelurahan:
        return self.spot.street.kel

    @property
    def point(self) -> tuple[float, float]:
        return self.spot.street.point(self.spot.pos)

    @property
    def family(self) -> str:
        return self.problem.category


@dataclass
class Report:
    seq: int
    incident: Incident
    reporter: Person | None
    ident: str  # how the reporter shows: full, phone, phone_only, name, old_phone, anon
    at: datetime
    role: str  # twin, decoy, later, distractor, background
    again: bool = False  # the same person reporting the same problem again
    jid: str = ""


@dataclass
class Visit:
    """A walk-in at the desk."""

    seq: int
    kind: str
    incident: Incident
    person: Person
    at: datetime
    decoys: list[Report]
    says_jaki: str | None  # "same" (I reported it), "neighbour", "other", "claims", None


class World:
    def __init__(self, rng: Random) -> None:
        self.rng = rng
        self.atlas = Atlas(rng)
        self.people = People(rng, self.atlas)
        self.spacing = SpacingIndex()
        self.incidents: list[Incident] = []
        self.reports: list[Report] = []
        self.visits: list[Visit] = []
        self.matters: set[tuple[int, str]] = set()
        weights = []
        for k in self.atlas.kelurahan:
            w = 0.35 if k.island else (1.6 if k.coastal else 1.0)
            weights.append(w)
        self._kel_weights = weights

    # -- basics --------------------------------------------------------------------------------

    def any_kel(self) -> Kelurahan:
        return self.rng.choices(self.atlas.kelurahan, weights=self._kel_weights)[0]

    def new_person(
        self,
        kel: Kelurahan | None = None,
        *,
        name: str | None = None,
        female: bool | None = None,
        age: tuple[int, int] = (19, 78),
    ) -> Person:
        home = self.people.home_in(kel or self.any_kel())
        return self.people.new(home, name=name, female=female, age=age)

    def person_problem(
        self, person: Person, mix: dict[str, float], avoid: tuple[str, ...] = ()
    ) -> Problem:
        """A problem of one of the mix's categories that this person can have."""
        fitting = {
            c: w
            for c, w in mix.items()
            if c not in avoid and any(fits_age(p, person.age) for p in of_category(c))
        }
        return self.problem_of(pick(self.rng, fitting), person.home.kel, age=person.age)

    def problem_of(
        self, category: str, kel: Kelurahan, like: Problem | None = None, age: int | None = None
    ) -> Problem:
        """A problem of the category that can happen here (rob only on the shore) and to this
        person (the elderly card to the elderly; school matters to parents)."""
        rng = self.rng
        options = [
            p
            for p in of_category(category)
            if (kel.coastal or not p.coastal) and (age is None or fits_age(p, age))
        ]
        if like is not None and like in options and rng.random() < 0.7:
            return like
        return rng.choices(options, weights=[p.weight for p in options])[0]

    def _slots(self, problem: Problem, kel: Kelurahan, onset: datetime) -> dict[str, str]:
        rng = self.rng
        month = MONTHS[onset.month - 1]
        n = rng.randint(1, 20)
        school = rng.choice(
            (
                f"SDN {kel.name} {rng.randint(1, 15):02d}",
                f"SMPN {rng.randint(1, 290)} Jakarta",
                f"SMAN {rng.randint(1, 117)} Jakarta",
                f"SMKN {rng.randint(1, 70)} Jakarta",
                f"MI Al-Hidayah {kel.name}",
            )
        )
        return {
            "ukuran": rng.choice(
                ("1 meter", "sebesar ban mobil", "50 cm", "1,5 meter", "sebesar meja", "2 meter")
            ),
            "dalam": rng.choice(("15 cm", "20 cm", "30 cm", "setengah meter", "40 cm")),
            "panjang": rng.choice(("20 meter", "50 meter", "100 meter", "30 meter", "75 meter")),
            "tinggi": rng.choice(
                ("30 cm", "selutut", "50 cm", "sepinggang", "semata kaki", "20 cm")
            ),
            "n_tiang": str(rng.randint(2, 6)),
            "bulan": month,
            "tahap": rng.choice(STAGES),
            "bank": rng.choice(BANKS),
            "faskes": rng.choice((*HOSPITALS, f"Puskesmas Kecamatan {kel.kecamatan_name}")),
            "sekolah": school,
            "rupiah": rng.choice(("350.000", "1.200.000", "2.750.000", "475.000", "4.500.000")),
            "luas": str(rng.choice((36, 45, 60, 72, 90, 120, 150, 200))),
            "tahun": str(rng.randint(2018, 2024)),
            "seed": str(n),
        }

    # -- incidents -----------------------------------------------------------------------------

    def person_incident(self, person: Person, problem: Problem, onset: datetime) -> Incident:
        key = (person.pid, problem.category)
        if key in self.matters:
            raise AssertionError("one person, one matter per category")
        self.matters.add(key)
        home = person.home
        spot = Spot(home.street, home.pos, home.gang, home.house_no, home.block)
        slots = self._slots(problem, home.kel, onset)
        slots["umur"] = str(person.age)
        inc = Incident(len(self.incidents) + 1, problem, spot, person, onset, slots)
        self.incidents.append(inc)
        return inc

    def place_incident(
        self,
        problem: Problem,
        onset: datetime,
        *,
        kel: Kelurahan | None = None,
        street: Street | None = None,
        around: tuple[float, float] | None = None,
        within: tuple[float, float] = (0.0, 300.0),
        avoid_street: Street | None = None,
        tries: int = 80,
    ) -> Incident | None:
        """A new place problem that keeps its family's spacing; None when there is no room."""
        rng = self.rng
        family = problem.category
        for _ in range(tries):
            if street is not None:
                st = street
            else:
                base = kel if kel is not None else self.any_kel()
                pool = self.atlas.streets[base.code]
                if around is not None and rng.random() < 0.4:
                    pool = pool + [
                        s
                        for n in self.atlas.neighbours[base.code][:2]
                        for s in self.atlas.streets[n.code]
                    ]
                st = rng.choice(pool)
            if avoid_street is not None and st is avoid_street:
                continue
            if problem.coastal and not st.kel.coastal:
                continue
            pos = rng.uniform(0, st.length)
            point = st.point(pos)
            if around is not None and not within[0] <= distance_m(point, around) <= within[1]:
                continue
            if not self.spacing.clear(family, point, SPACING_M[family]):
                continue
            self.spacing.add(family, point)
            gang = rng.choice(st.gangs) if st.gangs and rng.random() < 0.3 else None
            spot = Spot(st, pos, gang)
            inc = Incident(
                len(self.incidents) + 1,
                problem,
                spot,
                None,
                onset,
                self._slots(problem, st.kel, onset),
            )
            self.incidents.append(inc)
            return inc
        return None

    def report(
        self,
        inc: Incident,
        reporter: Person | None,
        at: datetime,
        role: str,
        idents: dict[str, int],
        again: bool = False,
    ) -> Report:
        rng = self.rng
        ident = "anon" if reporter is None else pick(rng, idents)
        if reporter is not None and ident == "old_phone" and reporter.old_phone is None:
            ident = "phone"
        r = Report(len(self.reports) + 1, inc, reporter, ident, at, role, again)
        inc.reports.append(r)
        self.reports.append(r)
        return r

    def neighbour_of(self, inc: Incident) -> Person:
        """Someone living by the problem (on its street, within ~250 m)."""
        spot = inc.spot
        home = self.people.home_in(spot.street.kel, spot.street)
        home.pos = min(spot.street.length, max(0.0, spot.pos + self.rng.uniform(-250, 250)))
        return self.people.new(home)

    # -- time ----------------------------------------------------------------------------------

    def jaki_time(self, lo: datetime, hi: datetime) -> datetime:
        """A moment people report: evenings and early mornings more than the small hours."""
        rng = self.rng
        lo, hi = max(lo, START), min(hi, END)
        if hi <= lo:
            return lo
        day0 = lo.date()
        days = (hi.date() - day0).days
        weights = (1, 0.5, 0.3, 0.3, 0.6, 2, 4, 5, 4, 3, 3, 3, 4, 3, 3, 3, 4, 4, 5, 6, 6, 5, 3, 2)
        for _ in range(20):
            d = day0 + timedelta(days=rng.randint(0, days))
            hour = rng.choices(range(24), weights=weights)[0]
            t = datetime(
                d.year, d.month, d.day, hour, rng.randint(0, 59), rng.randint(0, 59), tzinfo=WIB
            )
            if lo <= t <= hi:
                return t
        span = int((hi - lo).total_seconds())
        return lo + timedelta(seconds=rng.randint(0, span))

    def desk_time(self, lo: datetime, spread: int = 3) -> datetime | None:
        """A moment the desk is open, soon after `lo`: one of the next few working days, on a
        weekday morning (mostly 07:30-09:30, the Pendopo's hours; later at the other desks)."""
        rng = self.rng
        d = max(lo, START).date()
        open_days: list[date] = []
        while d <= END.date() and len(open_days) < spread + 1:
            if d.weekday() < 5 and d not in HOLIDAYS:
                open_days.append(d)
            d += timedelta(days=1)
        for _ in range(6):
            if not open_days:
                return None
            day = rng.choice(open_days)
            if rng.random() < 0.75:
                minute = rng.randint(7 * 60 + 30, 9 * 60 + 30)
            else:
                minute = rng.randint(9 * 60 + 30, 14 * 60 + 30)
            t = datetime(
                day.year,
                day.month,
                day.day,
                minute // 60,
                minute % 60,
                rng.randint(0, 59),
                tzinfo=WIB,
            )
            if t > lo:
                return t
            open_days.remove(day)
        return None

    def twin_times(self, count: int) -> tuple[list[datetime], datetime]:
        """Times of `count` JAKI reports of one problem and of the walk-in that follows them."""
        rng = self.rng
        for _ in range(50):
            first = self.jaki_time(START, datetime(2026, 11, 24, tzinfo=WIB))
            gap = min(150.0, 2 + rng.expovariate(1 / 28))
            walk = self.desk_time(first + timedelta(days=gap))
            if walk is None:
                continue
            times = [
                first,
                *sorted(self.jaki_time(first, walk - timedelta(hours=2)) for _ in range(count - 1)),
            ]
            if all(t < walk for t in times):
                return times, walk
        raise AssertionError("no room in the calendar")  # pragma: no cover

    def onset_before(self, t: datetime, person: bool) -> datetime:
        days = self.rng.uniform(10, 150) if person else self.rng.uniform(0.2, 30)
        return t - timedelta(days=days)


def kind_counts(total: int) -> dict[str, int]:
    """How many walk-ins of each kind: the shares, rounded by largest remainder."""
    raw = {k: SHARES[k] * total for k in KINDS}
    counts = {k: math.floor(v) for k, v in raw.items()}
    rest = total - sum(counts.values())
    for k in sorted(KINDS, key=lambda k: (-(raw[k] - counts[k]), KINDS.index(k)))[:rest]:
        counts[k] += 1
    return counts


class Planter:
    """Plants the walk-ins of each kind, with the JAKI reports that make the kind what it is."""

    def __init__(self, world: World) -> None:
        self.w = world
        self.rng = world.rng

    def visit(
        self,
        kind: str,
        inc: Incident,
        person: Person,
        at: datetime,
        decoys: list[Report],
        says: str | None,
    ) -> Visit:
        v = Visit(len(self.w.visits) + 1, kind, inc, person, at, decoys, says)
        self.w.visits.append(v)
        return v

    def _desk_place_problem(self, kel: Kelurahan) -> Problem:
        return self.w.problem_of(pick(self.rng, DESK_PLACE_MIX), kel)

    def _desk_person_problem(self, person: Person, avoid: tuple[str, ...] = ()) -> Problem:
        return self.w.person_problem(person, DESK_PERSON_MIX, avoid)

    def _near_home(self, person: Person, problem: Problem, onset: datetime) -> Incident | None:
        """A place problem by the person's home: on their street, or a street close by."""
        w = self.w
        home = person.home
        if self.rng.random() < 0.6:
            inc = w.place_incident(
                problem, onset, street=home.street, around=home.point, within=(0, 250), tries=40
            )
            if inc is not None:
                return inc
        return w.place_incident(problem, onset, kel=home.kel, around=home.point, within=(0, 600))

    def _place_twin(self, kind: str) -> None:
        w, rng = self.w, self.rng
        for _ in range(20):
            person = w.new_person()
            problem = self._desk_place_problem(person.home.kel)
            n_own = (1 if rng.random() < 0.7 else 2) if kind == "place_twin_same_reporter" else 0
            n_other = (
                rng.choices((0, 1, 2), weights=(65, 25, 10))[0]
                if n_own
                else rng.choices((1, 2, 3), weights=(55, 30, 15))[0]
            )
            times, walk = w.twin_times(n_own + n_other)
            inc = self._near_home(person, problem, w.onset_before(times[0], person=False))
            if inc is None:
                continue
            reporters: list[Person | None] = [person] * n_own
            for _ in range(n_other):
                reporters.append(None if rng.random() < 0.1 else w.neighbour_of(inc))
            rng.shuffle(reporters)
            seen: set[int] = set()
            for t, who in zip(times, reporters, strict=True):
                again = who is not None and who.pid in seen
                if who is not None:
                    seen.add(who.pid)
                idents = IDENTS_OWN_PLACE if who is person else IDENTS_BACKGROUND
                w.report(inc, who, t, "twin", idents, again=again)
            self._maybe_later(inc, walk, 0.08, person if n_own else None)
            if kind == "place_twin_same_reporter":
                says = "same" if rng.random() < 0.5 else None
            else:
                says = "neighbour" if rng.random() < 0.35 else None
            self.visit(kind, inc, person, walk, [], says)
            self._distractor(inc, walk)
            return
        raise AssertionError("could not plant a place twin")  # pragma: no cover

    def _maybe_later(
        self, inc: Incident, walk: datetime, chance: float, who: Person | None
    ) -> None:
        """Sometimes the problem is reported in JAKI after the walk-in too (not in the truth)."""
        w, rng = self.w, self.rng
        if rng.random() >= chance or walk > END - timedelta(days=1):
            return
        at = w.jaki_time(walk + timedelta(hours=3), END)
        if at <= walk:
            return
        if inc.person is not None:
            w.report(inc, inc.person, at, "later", IDENTS_OWN_PERSON, again=bool(inc.reports))
        else:
            reporter = who or (None if rng.random() < 0.3 else w.neighbour_of(inc))
            w.report(inc, reporter, at, "later", IDENTS_BACKGROUND)

    def _distractor(self, inc: Incident, walk: datetime) -> None:
        """Often another problem of the same category in the same kelurahan, reported before."""
        w, rng = self.w, self.rng
        if rng.random() >= 0.4:
            return
        at = w.jaki_time(walk - timedelta(days=90), walk - timedelta(hours=1))
        kel = inc.kel
        if inc.person is not None:
            other = w.new_person(kel, age=ages_for(inc.problem))
            problem = w.problem_of(inc.problem.category, kel, like=inc.problem, age=other.age)
            d = w.person_incident(other, problem, w.onset_before(at, person=True))
            w.report(d, other, at, "distractor", IDENTS_BACKGROUND)
            return
        problem = w.problem_of(inc.family, kel, like=inc.problem)
        d_inc = w.place_incident(problem, w.onset_before(at, person=False), kel=kel, tries=30)
        if d_inc is not None:
            who = None if rng.random() < 0.2 else w.neighbour_of(d_inc)
            w.report(d_inc, who, at, "distractor", IDENTS_BACKGROUND)

    # -- the nine kinds ------------------------------------------------------------------------

    def person_twin(self) -> None:
        w, rng = self.w, self.rng
        person = w.new_person()
        problem = self._desk_person_problem(person)
        n = rng.choices((1, 2, 3), weights=(55, 33, 12))[0]
        times, walk = w.twin_times(n)
        inc = w.person_incident(person, problem, w.onset_before(times[0], person=True))
        for i, t in enumerate(times):
            w.report(inc, person, t, "twin", IDENTS_OWN_PERSON, again=i > 0)
        self._maybe_later(inc, walk, 0.08, person)
        self.visit("person_twin", inc, person, walk, [], "same" if rng.random() < 0.45 else None)
        self._distractor(inc, walk)

    def place_twin_same_reporter(self) -> None:
        self._place_twin("place_twin_same_reporter")

    def place_twin_neighbour(self) -> None:
        self._place_twin("place_twin_neighbour")

    def no_twin(self) -> None:
        w, rng = self.w, self.rng
        for _ in range(20):
            person = w.new_person()
            walk = w.desk_time(w.jaki_time(datetime(2026, 6, 8, tzinfo=WIB), END))
            if walk is None:
                continue
            if rng.random() < 0.45:
                problem = self._desk_person_problem(person)
                inc: Incident | None = w.person_incident(
                    person, problem, w.onset_before(walk, True)
                )
            else:
                problem = self._desk_place_problem(person.home.kel)
                inc = self._near_home(person, problem, w.onset_before(walk, False))
            if inc is None:
                continue
            self._maybe_later(inc, walk, 0.12, None)
            self.visit("no_twin", inc, person, walk, [], "claims" if rng.random() < 0.05 else None)
            self._distractor(inc, walk)
            return
        raise AssertionError("could not plant a walk-in without a twin")  # pragma: no cover

    def same_person_other_problem(self) -> None:
        w, rng = self.w, self.rng
        for _ in range(20):
            person = w.new_person()
            kel = person.home.kel
            (at,), walk = w.twin_times(1)
            mode = rng.choices(
                ("person_person", "place_person", "person_place"), weights=(2, 1, 1)
            )[0]
            if mode == "person_person":
                jp = self._desk_person_problem(person)
                wp = self._desk_person_problem(person, avoid=(jp.category,))
            elif mode == "place_person":
                jp, wp = self._desk_place_problem(kel), self._desk_person_problem(person)
            else:
                jp, wp = self._desk_person_problem(person), self._desk_place_problem(kel)
            if jp.person:
                j_inc: Incident | None = w.person_incident(person, jp, w.onset_before(at, True))
            else:
                j_inc = self._near_home(person, jp, w.onset_before(at, False))
            if j_inc is None:
                continue
            if wp.person:
                w_inc: Incident | None = w.person_incident(person, wp, w.onset_before(walk, True))
            else:
                w_inc = self._near_home(person, wp, w.onset_before(walk, False))
            if w_inc is None:
                continue
            decoys = [w.report(j_inc, person, at, "decoy", IDENTS_OWN_PERSON)]
            if rng.random() < 0.25:
                t2 = w.jaki_time(at + timedelta(days=3), walk - timedelta(hours=2))
                if at < t2 < walk:
                    decoys.append(
                        w.report(j_inc, person, t2, "decoy", IDENTS_OWN_PERSON, again=True)
                    )
            says = "other" if rng.random() < 0.3 else None
            self.visit("same_person_other_problem", w_inc, person, walk, decoys, says)
            return
        raise AssertionError(
            "could not plant another problem of the same person"
        )  # pragma: no cover

    def same_street_other_problem(self) -> None:
        w, rng = self.w, self.rng
        for _ in range(30):
            person = w.new_person()
            kel = person.home.kel
            fam_w, fam_j = rng.choice(UNRELATED_PLACE_PAIRS)
            if rng.random() < 0.5:
                fam_w, fam_j = fam_j, fam_w
            (at,), walk = w.twin_times(1)
            w_inc = self._near_home(person, w.problem_of(fam_w, kel), w.onset_before(walk, False))
            if w_inc is None:
                continue
            street = w_inc.spot.street
            j_inc = w.place_incident(
                w.problem_of(fam_j, street.kel),
                w.onset_before(at, False),
                street=street,
                around=w_inc.point,
                within=(15, 200),
                tries=60,
            )
            if j_inc is None:
                continue
            roll = rng.random()
            reporter = None if roll < 0.25 else (person if roll < 0.35 else w.neighbour_of(j_inc))
            decoy = w.report(j_inc, reporter, at, "decoy", IDENTS_BACKGROUND)
            self.visit("same_street_other_problem", w_inc, person, walk, [decoy], None)
            return
        raise AssertionError(
            "could not plant another problem on the same street"
        )  # pragma: no cover

    def neighbours_same_bansos(self) -> None:
        w, rng = self.w, self.rng
        person = w.new_person()
        kel = person.home.kel
        problem = w.problem_of("bansos", kel, age=person.age)
        n = 1 if rng.random() < 0.7 else 2
        times, walk = w.twin_times(n)
        inc = w.person_incident(person, problem, w.onset_before(times[0], True))
        decoys = []
        for t in times:
            home = w.people.home_next_to(person.home, same_rt=True)
            neighbour = w.people.new(home, age=ages_for(problem))
            n_inc = w.person_incident(neighbour, problem, w.onset_before(t, True))
            if rng.random() < 0.7:
                n_inc.slots["bulan"] = inc.slots["bulan"]  # the same distribution round failed
            decoys.append(w.report(n_inc, neighbour, t, "decoy", IDENTS_BACKGROUND))
        says = "neighbour" if rng.random() < 0.35 else None
        self.visit("neighbours_same_bansos", inc, person, walk, decoys, says)

    def common_name(self) -> None:
        w, rng = self.w, self.rng
        for _ in range(20):
            name, female = rng.choice(COMMON_NAMES)
            person = w.new_person(name=name, female=female)
            kel = person.home.kel
            roll = rng.random()
            if roll < 0.4:
                others = [
                    k for k in w.atlas.kelurahan if k.kecamatan == kel.kecamatan and k is not kel
                ]
            elif roll < 0.7:
                others = [k for k in w.atlas.kelurahan if k.kota == kel.kota and k is not kel]
            else:
                others = [k for k in w.atlas.kelurahan if k is not kel]
            twin_name = respell(name, rng) if rng.random() < 0.25 else name
            elsewhere = rng.choice(others or w.atlas.kelurahan)
            (at,), walk = w.twin_times(1)
            if rng.random() < 0.75:
                wp = self._desk_person_problem(person)
                w_inc: Incident | None = w.person_incident(person, wp, w.onset_before(walk, True))
                namesake = w.new_person(elsewhere, name=twin_name, female=female, age=ages_for(wp))
                jp = w.problem_of(wp.category, elsewhere, like=wp, age=namesake.age)
                j_inc: Incident | None = w.person_incident(namesake, jp, w.onset_before(at, True))
            else:
                wp = self._desk_place_problem(kel)
                w_inc = self._near_home(person, wp, w.onset_before(walk, False))
                namesake = w.new_person(elsewhere, name=twin_name, female=female)
                jp = w.problem_of(wp.category, elsewhere, like=wp)
                j_inc = self._near_home(namesake, jp, w.onset_before(at, False))
            if w_inc is None or j_inc is None:
                continue
            decoy = w.report(j_inc, namesake, at, "decoy", IDENTS_NAMED)
            self.visit("common_name", w_inc, person, walk, [decoy], None)
            return
        raise AssertionError("could not plant a common name")  # pragma: no cover

    def same_problem_other_street(self) -> None:
        w, rng = self.w, self.rng
        for _ in range(30):
            person = w.new_person()
            kel = person.home.kel
            problem = self._desk_place_problem(kel)
            (at,), walk = w.twin_times(1)
            w_inc = self._near_home(person, problem, w.onset_before(walk, False))
            if w_inc is None:
                continue
            spacing = SPACING_M[problem.category]
            j_inc = w.place_incident(
                w.problem_of(problem.category, kel, like=problem),
                w.onset_before(at, False),
                kel=w_inc.kel,
                around=w_inc.point,
                within=(spacing + 20, spacing + 650),
                avoid_street=w_inc.spot.street,
                tries=150,
            )
            if j_inc is None:
                continue
            reporter = None if rng.random() < 0.25 else w.neighbour_of(j_inc)
            decoy = w.report(j_inc, reporter, at, "decoy", IDENTS_BACKGROUND)
            self.visit("same_problem_other_street", w_inc, person, walk, [decoy], None)
            return
        raise AssertionError(
            "could not plant the same problem on another street"
        )  # pragma: no cover


def background(world: World, budget: int) -> None:
    """Fill JAKI up to `budget` more reports, every kelurahan first, then all over Jakarta."""
    w, rng = world, world.rng
    left = budget
    order: list[Kelurahan] = list(w.atlas.kelurahan)
    while left > 0:
        kel = order.pop(0) if order else w.any_kel()
        category = pick(rng, BACKGROUND_MIX)
        at = w.jaki_time(START, END)
        if category in PERSON_CATEGORIES:
            home_kel = kel or w.any_kel()
            problem = w.problem_of(category, home_kel)
            person = w.new_person(home_kel, age=ages_for(problem))
            inc = w.person_incident(person, problem, w.onset_before(at, True))
            times = [at]
            if rng.random() < 0.15 and at + timedelta(days=5) < END:
                times.append(w.jaki_time(at + timedelta(days=4), END))
            for i, t in enumerate(sorted(times)[:left]):
                w.report(inc, person, t, "background", IDENTS_BACKGROUND, again=i > 0)
                left -= 1
            continue
        assert category in PLACE_CATEGORIES
        problem = w.problem_of(category, kel or w.any_kel())
        p_inc = w.place_incident(problem, w.onset_before(at, False), kel=kel, tries=40)
        if p_inc is None:
            if kel is not None:
                order.insert(0, kel)  # its turn again, with another category
            continue
        n = rng.choices((1, 2, 3, 4), weights=(68, 20, 8, 4))[0]
        times = sorted([at] + [w.jaki_time(at, at + timedelta(days=40)) for _ in range(n - 1)])
        first: Person | None = None
        for t in times[:left]:
            if first is not None and rng.random() < 0.12:
                who: Person | None = first
            else:
                who = w.neighbour_of(p_inc)  # anonymous or not is how the feed shows them
            again = who is not None and who is first
            first = first or who
            w.report(p_inc, who, t, "background", IDENTS_BACKGROUND, again=again)
            left -= 1
