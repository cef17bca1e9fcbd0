"""The world behind the set: problems (the truth), who reports them, and when, at either door."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from lab.sets.kampung import feed, texts
from lab.sets.kampung.feed import END, START
from lab.sets.kampung.geo import Kelurahan, Spot, Street, Town, jitter
from lab.sets.kampung.people import People, Person, app_name, desk_name, email_of, phone_as
from lab.sets.kampung.words import BY_CODE, JAKI_WEIGHTS, Family

HOLIDAYS = {date(2026, 6, 1), date(2026, 8, 17)}
# Hours of the day people report in the app (0 … 23), by weight.
APP_HOURS = (1, 1, 1, 1, 2, 4, 7, 9, 9, 8, 7, 6, 6, 6, 5, 5, 6, 7, 8, 8, 7, 5, 3, 2)


@dataclass
class Problem:
    """One real problem. Reports of the same problem, at either door, are the same complaint."""

    pid: int
    family: Family
    issue: int
    spot: Spot  # where it is; for a problem about a person, their home
    since: date
    prog: int
    person: Person | None  # whose problem, for a problem about a person
    reserved: bool  # a negative walk-in's own problem: no JAKI report may be made of it


@dataclass
class Draft:
    """A JAKI report before its id: the id follows the order of creation."""

    created: datetime
    problem: int
    body: dict[str, Any]
    photos: int


@dataclass
class WalkIn:
    reported: datetime
    problem: int
    body: dict[str, Any]
    kind: str


@dataclass
class World:
    rng: random.Random
    town: Town
    people: People
    problems: list[Problem] = field(default_factory=list)
    keys: dict[tuple[Any, ...], int] = field(default_factory=dict)
    drafts: list[Draft] = field(default_factory=list)
    walk_ins: list[WalkIn] = field(default_factory=list)

    @classmethod
    def make(cls, rng: random.Random) -> World:
        return cls(rng, Town(rng), People(rng))

    # --- times -------------------------------------------------------------------------------

    def desk_time(self) -> datetime:
        """A morning at the Balai Kota desk (Mon–Fri, 08:00–09:30, some come at 07:30)."""
        rng = self.rng
        first = START + timedelta(days=10)
        while True:
            day = first + timedelta(days=rng.randrange((END - first).days + 1))
            if day.weekday() < 5 and day.date() not in HOLIDAYS:
                break
        minute = rng.randint(0, 90) if rng.random() < 0.9 else rng.randint(-30, 105)
        return day.replace(hour=8, minute=0) + timedelta(minutes=minute, seconds=rng.randint(0, 59))

    def app_time(self, lo: datetime, hi: datetime) -> datetime:
        """A moment between lo and hi, at an hour people use the app."""
        rng = self.rng
        lo, hi = max(lo, START), min(hi, END)
        if hi <= lo:
            return hi
        if hi <= lo + timedelta(hours=2):
            return lo + (hi - lo) * rng.random()
        for _ in range(20):
            t = lo + (hi - lo) * rng.random()
            hour = rng.choices(range(24), weights=APP_HOURS)[0]
            t = t.replace(hour=hour, minute=rng.randint(0, 59), second=rng.randint(0, 59))
            if lo <= t < hi:
                return t
        return lo + (hi - lo) * rng.random()

    def before(self, t: datetime, max_days: float = 75.0) -> datetime:
        """A JAKI report made some days before a desk visit at t (people go to the desk when
        the app brought nothing)."""
        days = min(self.rng.expovariate(1 / 18) + 0.3, max_days)
        target = max(START + timedelta(hours=12), t - timedelta(days=days))
        hi = min(target + timedelta(hours=12), t - timedelta(hours=1))
        return self.app_time(target - timedelta(hours=12), hi)

    # --- problems ----------------------------------------------------------------------------

    def _add(self, key: tuple[Any, ...], problem: Problem) -> Problem:
        self.keys[key] = problem.pid
        self.problems.append(problem)
        return problem

    def place_problem(
        self, family: Family, street: Street, anchor: datetime, near: Spot | None = None,
        reserved: bool = False,
    ) -> Problem | None:  # fmt: skip
        """A new problem at a place, or None when that street has one of the kind already."""
        key = ("place", street.kel.code, street.name, family.code)
        if key in self.keys:
            return None
        rng = self.rng
        spot = self.town.spot(rng, street, near=near)
        since = (anchor - timedelta(days=rng.uniform(3, 70))).date()
        problem = Problem(
            len(self.problems), family, rng.randrange(len(family.issues)), spot, since,
            rng.randrange(6), None, reserved,
        )  # fmt: skip
        return self._add(key, problem)

    def person_problem(
        self, person: Person, family: Family, anchor: datetime, reserved: bool = False,
        like: Problem | None = None,
    ) -> Problem | None:  # fmt: skip
        """A person's own matter; `like` gives it another household's very same story."""
        key = ("person", person.pid, family.code)
        if key in self.keys:
            return None
        rng = self.rng
        if like is not None:
            issue, since, prog = like.issue, like.since, like.prog
        else:
            issue = rng.randrange(len(family.issues))
            since = (anchor - timedelta(days=rng.uniform(10, 120))).date()
            prog = rng.randrange(6)
        problem = Problem(
            len(self.problems), family, issue, person.home, since, prog, person, reserved
        )
        return self._add(key, problem)

    def any_family(self, about: str | None = None, weights: dict[str, int] | None = None) -> Family:
        table = weights or JAKI_WEIGHTS
        codes = [c for c in table if about is None or BY_CODE[c].about == about]
        return BY_CODE[self.rng.choices(codes, weights=[table[c] for c in codes])[0]]

    # --- people ------------------------------------------------------------------------------

    def resident(self, kel: Kelurahan | None = None) -> Person:
        street = self.town.any_street(self.rng, kel)
        return self.people.make(self.town.spot(self.rng, street))

    def local(self, spot: Spot) -> Person:
        """Someone living a few houses from `spot`."""
        return self.people.make(self.town.spot(self.rng, spot.street, near=spot))

    # --- the two doors -----------------------------------------------------------------------

    def reporter(self, p: Person, shows: str) -> dict[str, str]:
        """What JAKI's feed says of its reporter. `shows`: both, phone, nik, name, other_phone."""
        rng = self.rng
        out = {"name": app_name(rng, p)}
        if shows in ("both", "nik"):
            out["nik"] = p.nik
        if shows in ("both", "phone"):
            out["phone"] = phone_as(rng, p.phone)
        if shows == "other_phone":  # the spouse's or a child's phone
            out["phone"] = phone_as(rng, self.people.fresh_phone())
        return out

    def some_shows(self) -> str:
        return self.rng.choices(
            ("both", "phone", "nik", "name", "other_phone"), weights=(35, 45, 10, 6, 4)
        )[0]

    def report(
        self,
        problem: Problem,
        reporter: Person | None,
        created: datetime,
        shows: str | None = None,
        at: Spot | None = None,
        away_m: float = 40.0,
        landmark_only: bool = False,
        border: bool = False,
        no_point: bool | None = None,
    ) -> None:
        """A JAKI report of `problem`, made at `at` (the problem's place unless given)."""
        assert not problem.reserved, "a negative walk-in's own problem is never in JAKI"
        rng = self.rng
        fam = problem.family
        where = at or problem.spot
        kel = where.kel
        if border and self.town.neighbours[kel.code]:
            kel = self.town.neighbours[kel.code][0]  # routed to the kelurahan next door
        if no_point is None:
            no_point = rng.random() < 0.1
        body: dict[str, Any] = {
            "created_at": feed.iso(created),
            "status": "",
            "category": rng.choice(fam.jaki_categories),
            "description": texts.app_text(
                rng,
                fam,
                problem.issue,
                problem.spot,
                problem.since,
                created.date(),
                problem.prog,
                landmark_only,
            ),
        }
        if not no_point:
            body["lat"], body["lon"] = jitter(rng, where.lat, where.lon, away_m)
        address = texts.address_app(rng, where, landmark_only)
        if address:
            body["address"] = address
        if no_point or rng.random() < 0.94:
            body["kelurahan_code"] = kel.code
        if reporter is None:
            if rng.random() < 0.5:
                body["reporter"] = None
        else:
            body["reporter"] = self.reporter(reporter, shows or self.some_shows())
        public = rng.random() < (0.55 if fam.about == "person" else 0.93)
        if not public or rng.random() < 0.3:
            body["is_public"] = public
        status, notes, updated = feed.follow_ups(rng, fam, kel, created)
        body["status"] = status
        body["updated_at"] = feed.iso(updated)
        body["support_count"] = feed.support(rng, fam.about, public)
        if notes:
            body["follow_ups"] = notes
        if rng.random() < 0.25:
            body["platform"] = rng.choice(("android", "android", "ios"))
        if status == "Selesai" and rng.random() < 0.4:
            body["rating"] = rng.choices((1, 2, 3, 4, 5), weights=(2, 1, 2, 3, 5))[0]
        photos = 0 if fam.about == "person" and rng.random() < 0.7 else rng.randint(0, 3)
        self.drafts.append(Draft(created, problem.pid, body, photos))

    def walk_in(
        self,
        problem: Problem,
        person: Person,
        t: datetime,
        kind: str,
        extra: str = "",
    ) -> None:
        """The desk officer's record of `person` complaining about `problem` at t."""
        rng = self.rng
        fam = problem.family
        description = texts.desk_text(
            rng, fam, problem.issue, problem.spot, problem.since, t.date(), problem.prog, extra
        )
        if fam.about == "person":
            where, address = person.home, texts.address_desk(rng, person.home)
        else:
            where = problem.spot
            lives_there = person.home.street is problem.spot.street
            if lives_there and rng.random() < 0.4:
                where, address = person.home, texts.address_desk(rng, person.home)
            else:
                address = texts.place_desk(rng, where).split(" RT")[0]
        who: dict[str, str] = {"name": desk_name(rng, person)}
        if rng.random() < 0.96:
            who["nik"] = person.nik
        if rng.random() < 0.75 or "nik" not in who:
            who["phone"] = phone_as(rng, person.phone)
        if rng.random() < 0.05:
            who["email"] = email_of(rng, person)
        category = fam.category if rng.random() < 0.97 else "lainnya"
        body: dict[str, Any] = {
            "channel": "walk_in",
            "category": category,
            "description": description,
            "kelurahan_code": where.kel.code,
            "address": address,
        }
        if rng.random() < 0.85:
            body["rt"] = rng.choice((f"{where.rt:03d}", str(where.rt)))
            body["rw"] = rng.choice((f"{where.rw:03d}", str(where.rw)))
        if fam.about == "place" and rng.random() < 0.1:
            body["lat"], body["lon"] = jitter(rng, where.lat, where.lon, 120)
        body["reported_at"] = feed.iso(t)
        body["complainant"] = who
        self.walk_ins.append(WalkIn(t, problem.pid, body, kind))
