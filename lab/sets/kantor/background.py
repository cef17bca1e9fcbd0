"""The rest of the mirror: JAKI reports from all over Jakarta that no walk-in is about."""

from __future__ import annotations

from datetime import timedelta

from lab.sets.kantor.people import Person
from lab.sets.kantor.places import spot_on
from lab.sets.kantor.problems import BACKGROUND_PLACE, PERSON, PLACE
from lab.sets.kantor.reports import END, START, file_report, jaki_moment
from lab.sets.kantor.world import World

FAMILIES = PLACE + BACKGROUND_PLACE + PERSON
# jalan saluran sampah lampu parkir pkl air pohon bangunan | halte bising fasum | person …
WEIGHTS = (20, 20, 17, 12, 7, 6, 6, 4, 3, 2, 1, 1, 10, 5, 5, 3, 3)
DAYS = (END - START).days + 1


def fill(world: World, count: int) -> None:
    """Add reports until the mirror holds `count` (each new problem brings one to three)."""
    rng = world.rng
    active: dict[str, list[Person]] = {}  # per kelurahan: RT heads and volunteers who report
    stuck = 0
    while len(world.reports) < count and stuck < 10_000:
        fam = rng.choices(FAMILIES, WEIGHTS)[0]
        day = START.date() + timedelta(days=min(int(DAYS * rng.random() ** 0.85), DAYS - 1))
        created = min(jaki_moment(rng, day), END - timedelta(hours=2))
        onset = created - timedelta(days=rng.randint(1, 30), hours=rng.randint(0, 23))
        if fam.about == "person":
            person = world.person()
            incident = world.person_incident(person, fam, onset)
            file_report(world, incident, None if rng.random() < 0.02 else person, created)
            if rng.random() < 0.06 and created < END - timedelta(days=15):
                later = created + timedelta(days=rng.randint(10, 40), hours=rng.randint(0, 9))
                if later < END - timedelta(hours=2) and len(world.reports) < count:
                    file_report(world, incident, person, later, again=True)
            continue
        spot = world.free_spot(fam, tries=6)
        if spot is None:
            stuck += 1
            continue
        incident = world.place_incident(fam, spot, onset)
        who = rng.random()
        reporter: Person | None
        if who < 0.15:
            reporter = None
        elif who < 0.45:
            pool = active.setdefault(spot.kel.code, [])
            if len(pool) < 3 and (not pool or rng.random() < 0.3):
                home = spot_on(rng, world.any_street(spot.kel))
                pool.append(
                    world.person(home, role=rng.choice(("ketua_rt", "ketua_rw", "relawan")))
                )
            reporter = rng.choice(pool)
        else:
            reporter = world.neighbour(spot, 150)
        file_report(world, incident, reporter, created)
        if rng.random() < 0.12:  # neighbours report the same problem too
            for _ in range(rng.choice((1, 1, 2))):
                if len(world.reports) >= count:
                    break
                told = spot_on(rng, spot.street, spot.at_m + rng.uniform(-60, 60))
                later = created + timedelta(days=rng.uniform(0.1, 12))
                if later < END - timedelta(hours=2):
                    other = None if rng.random() < 0.3 else world.person(told)
                    file_report(world, incident, other, later, told_at=told)
