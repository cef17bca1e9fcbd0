"""The nine kinds of walk-in case, each made with the JAKI reports that make it what it is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from lab.sets.kantor.people import COMMON_NAMES, FEMALE, Person, desk_name, desk_phone
from lab.sets.kantor.places import Spot, desk_address, desk_rt_rw, near, spot_on
from lab.sets.kantor.problems import PERSON, PLACE, Family
from lab.sets.kantor.reports import END, START, desk_moment, file_report, jaki_before
from lab.sets.kantor.world import Incident, World
from lab.sets.kantor.writing import desk_text

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
SHARE = (0.175, 0.15, 0.175, 0.15, 0.075, 0.075, 0.075, 0.0625, 0.0625)
PLACE_WEIGHTS = (3, 3, 3, 2, 1, 1, 1, 1, 0.5)  # as PLACE
PERSON_WEIGHTS = (4, 2, 2, 1, 1)  # as PERSON
BANSOS = PERSON[0]
# What a busy officer sometimes files a problem under instead.
CONFUSED = {
    "saluran": "sampah",
    "sampah": "saluran",
    "penerangan_jalan": "jalan",
    "air_bersih": "lainnya",
    "perizinan": "lainnya",
    "kesehatan": "bansos",
    "pendidikan": "bansos",
}


@dataclass
class WalkIn:
    body: dict[str, Any]
    incident: Incident
    kind: str
    when: datetime


def place_family(world: World, not_key: str | None = None) -> Family:
    while True:
        fam = world.rng.choices(PLACE, PLACE_WEIGHTS)[0]
        if fam.key != not_key:
            return fam


def person_family(world: World, not_key: str | None = None) -> Family:
    while True:
        fam = world.rng.choices(PERSON, PERSON_WEIGHTS)[0]
        if fam.key != not_key:
            return fam


def desk_day(world: World) -> datetime:
    first = START + timedelta(days=21)
    return desk_moment(world.rng, (first + timedelta(days=world.rng.randint(0, 161))).date())


def onset_before(world: World, moment: datetime) -> datetime:
    return moment - timedelta(days=world.rng.randint(2, 25), hours=world.rng.randint(0, 23))


def place_problem(
    world: World, street: Spot | None = None, not_key: str | None = None
) -> tuple[Family, Spot]:
    """A family and a free spot for it, on the street of `street` if one is free there."""
    while True:
        fam = place_family(world, not_key)
        spot = None
        if street is not None:
            spot = world.free_spot(fam, street=street.street, at_m=street.at_m, tries=8)
        spot = spot or world.free_spot(fam)
        if spot is not None:
            return fam, spot


def complainant(world: World, person: Person) -> dict[str, str]:
    """Who complains, as typed at the desk: a NIK not always asked, a phone in any form."""
    rng = world.rng
    out = {"name": desk_name(rng, person.name)}
    nik, phone = rng.random() < 0.7, rng.random() < 0.8
    if not (nik or phone):
        nik, phone = (True, False) if rng.random() < 0.5 else (False, True)
    if nik:
        n = person.nik
        out["nik"] = f"{n[:4]} {n[4:8]} {n[8:12]} {n[12:]}" if rng.random() < 0.08 else n
    if phone:
        number = person.phone
        if person.other_phone is not None and rng.random() < 0.5:
            number = person.other_phone
        out["phone"] = desk_phone(rng, number)
    return out


def walk_in(
    world: World,
    kind: str,
    person: Person,
    incident: Incident,
    when: datetime,
    note: str = "",
    own_house: bool = False,
) -> WalkIn:
    """The desk's record of a complaint about an incident, by a person, at a moment."""
    rng = world.rng
    fam = incident.family
    place = fam.about == "place"
    days = max((when - incident.onset).days, 1)
    text = desk_text(
        rng,
        incident.variant,
        incident.facts,
        incident.spot if place else None,
        days,
        note,
        own_house,
    )
    where = incident.spot if place else person.home
    code = where.kel.code
    if place and rng.random() < 0.04:  # the officer picked the kelurahan next door
        code = rng.choice(world.same_kecamatan(where.kel) or [where.kel]).code
    category = fam.category
    if category in CONFUSED and rng.random() < 0.08:
        category = CONFUSED[category]
    body: dict[str, Any] = {
        "channel": "walk_in",
        "category": category,
        "description": text,
        "kelurahan_code": code,
    }
    address = desk_address(rng, where)
    if address is not None:
        body["address"] = address
    rt, rw = desk_rt_rw(rng, where)
    if rt is not None:
        body["rt"] = rt
    if rw is not None:
        body["rw"] = rw
    if place and rng.random() < 0.25:  # pointed on the desk's map
        body["lat"], body["lon"] = near(rng, where.point, 40)
    body["reported_at"] = when.isoformat()
    body["complainant"] = complainant(world, person)
    return WalkIn(body, incident, kind, when)


def _jaki_note(world: World, closed: bool, neighbour: Person | None = None) -> str:
    rng = world.rng
    if neighbour is not None:
        if rng.random() > 0.25:
            return ""
        if neighbour.role == "ketua_rt" and rng.random() < 0.6:
            return ". pak rt sdh lapor jaki katanya"
        return rng.choice((". tetangga sdh lapor jaki", ". katanya sdh ada yg lapor di jaki"))
    if rng.random() > 0.45:
        return ""
    if closed and rng.random() < 0.6:
        return ". di jaki statusnya selesai tp di lapangan blm dikerjakan"
    return rng.choice(
        (
            ". sdh lapor jaki blm ada tindakan",
            ". sdh pernah lapor lwt aplikasi jaki",
            ". sdh lapor jaki",
        )
    )


def _maybe_closed(world: World, report_created: datetime, when: datetime) -> datetime | None:
    """Whether the JAKI twin was already "Selesai" when the citizen came (nothing happened)."""
    if when - report_created >= timedelta(days=4) and world.rng.random() < 0.4:
        return when
    return None


def person_twin(world: World) -> WalkIn:
    rng = world.rng
    when = desk_day(world)
    person = world.person()
    first = jaki_before(rng, when, 3, 80)
    incident = world.person_incident(person, person_family(world), onset_before(world, first))
    elsewhere = rng.choice(world.same_kecamatan(person.home.kel) or [person.home.kel])
    report = file_report(
        world, incident, person, first, from_kel=elsewhere if rng.random() < 0.1 else None
    )
    report.closed_before = _maybe_closed(world, first, when)
    if when - first > timedelta(days=20) and rng.random() < 0.15:  # reported again in JAKI
        again = jaki_before(rng, when, 1, (when - first).days - 10)
        file_report(world, incident, person, again, again=True)
    note = _jaki_note(world, report.closed_before is not None)
    return walk_in(world, "person_twin", person, incident, when, note)


def place_twin_same_reporter(world: World) -> WalkIn:
    rng = world.rng
    when = desk_day(world)
    fam, spot = place_problem(world)
    role = rng.choices(("warga", "ketua_rt", "relawan"), (6, 3, 1))[0]
    person = world.neighbour(spot, 60, role)
    first = jaki_before(rng, when, 1, 60)
    incident = world.place_incident(fam, spot, onset_before(world, first))
    report = file_report(world, incident, person, first)
    report.closed_before = _maybe_closed(world, first, when)
    _more_neighbours(world, incident, first, when)
    note = _jaki_note(world, report.closed_before is not None)
    own = abs(person.home.at_m - spot.at_m) < 30
    return walk_in(world, "place_twin_same_reporter", person, incident, when, note, own)


def _more_neighbours(world: World, incident: Incident, first: datetime, when: datetime) -> None:
    """Other neighbours reporting the same problem, each from where they stand (up to ~70 m)."""
    rng = world.rng
    if rng.random() > 0.25:
        return
    for _ in range(rng.choice((1, 1, 2))):
        told = spot_on(rng, incident.spot.street, incident.spot.at_m + rng.uniform(-60, 60))
        other = None if rng.random() < 0.3 else world.person(told)
        if rng.random() < 0.15:  # after the walk-in: not in its truth (a matcher looks back)
            created = when + timedelta(days=rng.randint(1, 10), hours=rng.randint(1, 9))
            if created > END - timedelta(hours=1):
                continue
        else:
            created = first + (when - first) * rng.uniform(0.05, 0.95)
        file_report(world, incident, other, created, told_at=told)


def place_twin_neighbour(world: World) -> WalkIn:
    rng = world.rng
    when = desk_day(world)
    fam, spot = place_problem(world)
    role = rng.choices(("warga", "ketua_rt", "relawan", "anonymous"), (35, 35, 15, 15))[0]
    reporter = None if role == "anonymous" else world.neighbour(spot, 80, role)
    first = jaki_before(rng, when, 1, 60)
    incident = world.place_incident(fam, spot, onset_before(world, first))
    told = (
        spot if rng.random() < 0.5 else spot_on(rng, spot.street, spot.at_m + rng.uniform(-60, 60))
    )
    report = file_report(world, incident, reporter, first, told_at=told)
    report.closed_before = _maybe_closed(world, first, when)
    _more_neighbours(world, incident, first, when)
    person = world.neighbour(spot, 150)
    note = _jaki_note(world, False, reporter or person)
    own = abs(person.home.at_m - spot.at_m) < 30
    return walk_in(world, "place_twin_neighbour", person, incident, when, note, own)


def no_twin(world: World) -> WalkIn:
    when = desk_day(world)
    onset = onset_before(world, when)
    if world.rng.random() < 0.55:
        fam, spot = place_problem(world)
        person = world.neighbour(spot, 150)
        incident = world.place_incident(fam, spot, onset)
    else:
        person = world.person()
        incident = world.person_incident(person, person_family(world), onset)
    return walk_in(world, "no_twin", person, incident, when)


def same_person_other_problem(world: World) -> WalkIn:
    rng = world.rng
    when = desk_day(world)
    person = world.person(role=rng.choice(("warga", "warga", "ketua_rt")))
    first = jaki_before(rng, when, 3, 120)
    if rng.random() < 0.5:
        fam_a = person_family(world)
        before = world.person_incident(person, fam_a, onset_before(world, first))
    else:
        fam_a, spot_a = place_problem(world, person.home)
        before = world.place_incident(fam_a, spot_a, onset_before(world, first))
    file_report(world, before, person, first)
    onset = onset_before(world, when)
    if rng.random() < 0.55:
        incident = world.person_incident(person, person_family(world, fam_a.key), onset)
    else:
        fam_b, spot_b = place_problem(world, person.home, not_key=fam_a.key)
        incident = world.place_incident(fam_b, spot_b, onset)
    note = ". pernah lapor jaki soal lain" if rng.random() < 0.1 else ""
    return walk_in(world, "same_person_other_problem", person, incident, when, note)


def same_street_other_problem(world: World) -> WalkIn:
    rng = world.rng
    when = desk_day(world)
    fam_a, spot_a = place_problem(world)
    reporter = None if rng.random() < 0.2 else world.neighbour(spot_a, 100, "ketua_rt")
    first = jaki_before(rng, when, 1, 90)
    before = world.place_incident(fam_a, spot_a, onset_before(world, first))
    file_report(world, before, reporter, first)
    at = spot_a.at_m + rng.uniform(-80, 80) if rng.random() < 0.5 else None
    while True:
        fam_b = place_family(world, fam_a.key)
        spot_b = world.free_spot(fam_b, street=spot_a.street, at_m=at, tries=10)
        if spot_b is not None:
            break
    incident = world.place_incident(fam_b, spot_b, onset_before(world, when))
    person = world.neighbour(spot_b, 150)
    return walk_in(world, "same_street_other_problem", person, incident, when)


def neighbours_same_bansos(world: World) -> WalkIn:
    rng = world.rng
    when = desk_day(world)
    home = spot_on(rng, world.any_street())
    person = world.person(home)
    variant = rng.choice(BANSOS.variants)
    onset = onset_before(world, when - timedelta(days=46))
    mine = world.person_incident(person, BANSOS, onset, variant)
    surnames = {person.name.split()[-1]}
    for _ in range(rng.choice((1, 1, 2, 3))):
        other = world.neighbour(home, 70)
        if other.name.split()[-1] in surnames:  # another household, not a relative's
            continue
        surnames.add(other.name.split()[-1])
        theirs = world.person_incident(other, BANSOS, onset, variant, dict(mine.facts))
        file_report(world, theirs, other, jaki_before(rng, when, 1, 45))
    note = ", tetangga jg sdh lapor jaki" if rng.random() < 0.2 else ""
    return walk_in(world, "neighbours_same_bansos", person, mine, when, note)


def common_name(world: World) -> WalkIn:
    rng = world.rng
    when = desk_day(world)
    name = rng.choice(COMMON_NAMES)
    female = name.split()[0] in FEMALE
    person = world.person(name=name, female=female)
    own_family = person_family(world) if rng.random() < 0.7 else None
    for _ in range(rng.choice((1, 1, 2))):
        where = rng.random()
        kel = person.home.kel
        if where < 0.4:
            kel = rng.choice(world.same_kecamatan(kel) or [kel])
        elif where >= 0.55:
            kel = world.any_kelurahan()
        other = world.person(spot_on(rng, world.any_street(kel)), name=name, female=female)
        created = jaki_before(rng, when, 1, 120)
        if own_family is not None and rng.random() < 0.5:
            theirs = world.person_incident(other, own_family, onset_before(world, created))
        else:
            fam, spot = place_problem(world, other.home)
            theirs = world.place_incident(fam, spot, onset_before(world, created))
        file_report(world, theirs, other, created)
    onset = onset_before(world, when)
    if own_family is not None:
        incident = world.person_incident(person, own_family, onset)
    else:
        fam, spot = place_problem(world, person.home)
        incident = world.place_incident(fam, spot, onset)
    return walk_in(world, "common_name", person, incident, when)


def same_problem_other_street(world: World) -> WalkIn:
    rng = world.rng
    when = desk_day(world)
    fam, spot_a = place_problem(world)
    reporter = None if rng.random() < 0.2 else world.neighbour(spot_a, 100)
    first = jaki_before(rng, when, 1, 90)
    before = world.place_incident(fam, spot_a, onset_before(world, first))
    file_report(world, before, reporter, first)
    name = spot_a.street.name
    namesakes = [
        s
        for k in world.kelurahan
        if k.kecamatan_code != spot_a.kel.kecamatan_code
        for s in world.streets[k.code]
        if s.name == name
    ]
    spot_b = None
    for _ in range(20):
        if rng.random() < 0.5 and namesakes:
            street = rng.choice(namesakes)  # the same street name, another kecamatan
        else:
            street = rng.choice([s for s in world.streets[spot_a.kel.code] if s.name != name])
        spot_b = world.free_spot(fam, street=street, tries=5)
        if spot_b is not None:
            break
    if spot_b is None:
        spot_b = world.free_spot(fam, tries=200)
        assert spot_b is not None
    same = before.variant if rng.random() < 0.6 else None
    incident = world.place_incident(fam, spot_b, onset_before(world, when), same)
    person = world.neighbour(spot_b, 150)
    return walk_in(world, "same_problem_other_street", person, incident, when)


MAKERS = {
    "person_twin": person_twin,
    "place_twin_same_reporter": place_twin_same_reporter,
    "place_twin_neighbour": place_twin_neighbour,
    "no_twin": no_twin,
    "same_person_other_problem": same_person_other_problem,
    "same_street_other_problem": same_street_other_problem,
    "neighbours_same_bansos": neighbours_same_bansos,
    "common_name": common_name,
    "same_problem_other_street": same_problem_other_street,
}
