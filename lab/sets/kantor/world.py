"""The state of one build: people, places, problems (incidents) and the JAKI reports of them.

An incident is one complaint in DOMAIN.md's sense: a place problem is one problem at one place
(whoever reports it), a person problem is one matter of one person. Labels come from here: a
walk-in's truth is every JAKI report of its incident made before it. So that the rule cannot be
bent by chance, a place holds at most one incident of a family per street, none within
MIN_GAP_M of another of its family (GAP_M for some) nor within RELATED_GAP_M of one of a
related family, and a person at most one incident per family.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime

from lab.sets.kantor.people import Person, make_name, make_nik, make_phone
from lab.sets.kantor.places import Spot, Street, spot_on, streets_for
from lab.sets.kantor.problems import Family, Variant, details
from lab.sets.kantor.regions import Kelurahan, distance_m, load_kelurahan

MIN_GAP_M = 350.0
# A water outage covers a neighbourhood: two of them in one kelurahan could be one problem.
GAP_M = {"air": 1500.0}
# Problems that can be one thing told two ways (a road caved in by a drain; a drain blocked by
# rubbish, by vendors' stalls or by a building; vendors and parking on one pavement) stand at
# least RELATED_GAP_M apart.
RELATED = {
    "jalan": ("saluran",),
    "saluran": ("jalan", "sampah", "pkl", "bangunan"),
    "sampah": ("saluran",),
    "parkir": ("pkl",),
    "pkl": ("parkir", "saluran"),
    "bangunan": ("saluran",),
}
RELATED_GAP_M = 150.0
CELL_DEG = 0.004  # about 445 m
CELL_M = 440.0


@dataclass
class Incident:
    iid: int
    family: Family
    variant: Variant
    facts: dict[str, str]
    onset: datetime
    spot: Spot  # where a place problem is; the home of a person problem's person
    person: Person | None = None  # whose matter, for a problem about a person


@dataclass
class Report:
    """A JAKI report before it is written out (reports.py gives it its id and statuses)."""

    incident: Incident
    reporter: Person | None
    created: datetime
    description: str
    category: str
    address: str | None
    kelurahan_code: str | None
    point: tuple[float, float] | None
    is_public: bool
    support: int
    photos: int
    closed_before: datetime | None = None  # "Selesai" already before this moment
    rid: str = ""


@dataclass
class World:
    rng: random.Random
    kelurahan: list[Kelurahan] = field(default_factory=list)
    streets: dict[str, list[Street]] = field(default_factory=dict)
    persons: list[Person] = field(default_factory=list)
    incidents: list[Incident] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)
    _weights: list[float] = field(default_factory=list)
    _niks: set[str] = field(default_factory=set)
    _phones: set[str] = field(default_factory=set)
    _street_family: set[tuple[int, str]] = field(default_factory=set)
    _grid: dict[tuple[str, int, int], list[tuple[float, float]]] = field(default_factory=dict)
    _person_family: set[tuple[int, str]] = field(default_factory=set)

    @classmethod
    def create(cls, rng: random.Random) -> World:
        world = cls(rng=rng, kelurahan=load_kelurahan())
        sid = 0
        for kel in world.kelurahan:
            world.streets[kel.code] = streets_for(rng, kel, sid)
            sid += len(world.streets[kel.code])
        world._weights = [0.15 if k.islands else 1.0 for k in world.kelurahan]
        return world

    # places ---------------------------------------------------------------------------------
    def any_kelurahan(self) -> Kelurahan:
        return self.rng.choices(self.kelurahan, self._weights)[0]

    def any_street(self, kel: Kelurahan | None = None) -> Street:
        return self.rng.choice(self.streets[(kel or self.any_kelurahan()).code])

    def same_kecamatan(self, kel: Kelurahan) -> list[Kelurahan]:
        return [k for k in self.kelurahan if k.kecamatan_code == kel.kecamatan_code and k != kel]

    def _cell(self, key: str, point: tuple[float, float]) -> tuple[str, int, int]:
        return key, int(point[0] // CELL_DEG), int(point[1] // CELL_DEG)

    def place_free(self, family: Family, spot: Spot) -> bool:
        """Whether a new incident of this family may stand here without clashing (see above)."""
        if (spot.street.sid, family.key) in self._street_family:
            return False
        gaps = [(family.key, GAP_M.get(family.key, MIN_GAP_M))]
        gaps += [(key, RELATED_GAP_M) for key in RELATED.get(family.key, ())]
        for key, gap in gaps:
            _, ci, cj = self._cell(key, spot.point)
            reach = int(gap // CELL_M) + 1
            for di in range(-reach, reach + 1):
                for dj in range(-reach, reach + 1):
                    for other in self._grid.get((key, ci + di, cj + dj), ()):
                        if distance_m(other, spot.point) < gap:
                            return False
        return True

    def free_spot(
        self,
        family: Family,
        street: Street | None = None,
        kel: Kelurahan | None = None,
        at_m: float | None = None,
        tries: int = 30,
    ) -> Spot | None:
        """A spot for a new incident: on the street given, else in the kelurahan, else anywhere."""
        for _ in range(tries):
            s = street or self.any_street(kel)
            spot = spot_on(self.rng, s, at_m)
            if self.place_free(family, spot):
                return spot
            if street is not None and at_m is not None:
                at_m = self.rng.uniform(0, street.length_m)
        return None

    # people ---------------------------------------------------------------------------------
    def person(
        self,
        home: Spot | None = None,
        role: str = "warga",
        name: str | None = None,
        female: bool | None = None,
    ) -> Person:
        """Someone new, with a unique NIK and phone number."""
        rng = self.rng
        home = home or spot_on(rng, self.any_street())
        female = rng.random() < 0.5 if female is None else female
        born = date(rng.randint(1950, 2004), rng.randint(1, 12), rng.randint(1, 28))
        old = born.year < 1972 and rng.random() < 0.55
        nik = make_nik(rng, home.kel.kecamatan_code, born, female)
        while nik in self._niks:
            nik = make_nik(rng, home.kel.kecamatan_code, born, female)
        self._niks.add(nik)
        person = Person(
            pid=len(self.persons),
            name=name or make_name(rng, female, old),
            female=female,
            born=born,
            nik=nik,
            phone=self._phone(),
            home=home,
            role=role,
            jaki_nik=rng.random() < 0.85,
            jaki_phone_local=rng.random() < 0.25,
        )
        if rng.random() < 0.15:
            person.other_phone = self._phone()
        self.persons.append(person)
        return person

    def _phone(self) -> str:
        phone = make_phone(self.rng)
        while phone in self._phones:
            phone = make_phone(self.rng)
        self._phones.add(phone)
        return phone

    def neighbour(self, spot: Spot, within_m: float = 120.0, role: str = "warga") -> Person:
        """Someone living on the same street, near a spot."""
        at = spot.at_m + self.rng.uniform(-within_m, within_m)
        return self.person(spot_on(self.rng, spot.street, at), role=role)

    # incidents ------------------------------------------------------------------------------
    def place_incident(
        self, family: Family, spot: Spot, onset: datetime, variant: Variant | None = None
    ) -> Incident:
        assert self.place_free(family, spot), "place incidents must not clash"
        self._street_family.add((spot.street.sid, family.key))
        self._grid.setdefault(self._cell(family.key, spot.point), []).append(spot.point)
        return self._incident(family, spot, onset, variant, None, None)

    def person_free(self, person: Person, family: Family) -> bool:
        return (person.pid, family.key) not in self._person_family

    def person_incident(
        self,
        person: Person,
        family: Family,
        onset: datetime,
        variant: Variant | None = None,
        facts: dict[str, str] | None = None,
    ) -> Incident:
        assert self.person_free(person, family), "one incident per person and family"
        self._person_family.add((person.pid, family.key))
        return self._incident(family, person.home, onset, variant, facts, person)

    def _incident(
        self,
        family: Family,
        spot: Spot,
        onset: datetime,
        variant: Variant | None,
        facts: dict[str, str] | None,
        person: Person | None,
    ) -> Incident:
        incident = Incident(
            iid=len(self.incidents),
            family=family,
            variant=variant or self.rng.choice(family.variants),
            facts=facts or details(self.rng, onset.month),
            onset=onset,
            spot=spot,
            person=person,
        )
        self.incidents.append(incident)
        return incident
