"""The nine kinds of case: each makes one walk-in and the JAKI reports that make it hard."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from lab.sets.kampung.feed import END
from lab.sets.kampung.geo import Street, metres
from lab.sets.kampung.people import Person
from lab.sets.kampung.words import (
    BY_CODE,
    DESK_NEIGHBOUR_JAKI,
    DESK_PERSON_WEIGHTS,
    DESK_PLACE_WEIGHTS,
    DESK_SAID_JAKI,
    PERSON,
    PLACE,
    TOO_CLOSE,
    Family,
)
from lab.sets.kampung.world import Problem, World

# kind: share of the walk-ins; about half are true twins
KINDS = {
    "person_twin": 0.20,
    "place_twin_same_reporter": 0.15,
    "place_twin_neighbour": 0.15,
    "no_twin": 0.125,
    "same_person_other_problem": 0.075,
    "same_street_other_problem": 0.075,
    "neighbours_same_bansos": 0.075,
    "common_name": 0.075,
    "same_problem_other_street": 0.075,
}
TWIN_KINDS = ("person_twin", "place_twin_same_reporter", "place_twin_neighbour")


def _times_before(w: World, t: datetime, n: int) -> list[datetime]:
    """n JAKI reports before t: the first some days ahead, the others between it and t."""
    first = w.before(t)
    out = [first]
    for _ in range(n - 1):
        out.append(w.app_time(first + timedelta(hours=2), t - timedelta(hours=1)))
    return sorted(out)


def _desk_person_family(w: World, not_: Family | None = None) -> Family:
    while True:
        fam = w.any_family(PERSON, DESK_PERSON_WEIGHTS)
        if fam is not not_:
            return fam


def _place_on(
    w: World, t: datetime, street: Street | None = None, reserved: bool = False,
    avoid: Family | None = None, near_home: Person | None = None,
) -> Problem:  # fmt: skip
    """A new place problem for the desk's mix of families, on `street` if it can be."""
    for attempt in range(60):
        fam = w.any_family(PLACE, DESK_PLACE_WEIGHTS)
        if avoid is not None and (fam is avoid or frozenset((fam.code, avoid.code)) in TOO_CLOSE):
            continue
        s = street if street is not None and attempt < 40 else w.town.any_street(w.rng)
        near = near_home.home if near_home is not None and s is near_home.home.street else None
        problem = w.place_problem(
            fam, s, anchor=t - timedelta(days=20), near=near, reserved=reserved
        )
        if problem is not None:
            return problem
    raise RuntimeError("no street left for a new place problem")  # pragma: no cover


def _hard_place_report(w: World, problem: Problem, reporter: Person | None, when: datetime,
                       shows: str | None = None) -> None:  # fmt: skip
    """A JAKI report of a place problem, made hard now and then the way real ones are: sent
    from the reporter's house up to ~150 m off, naming only a landmark, routed next door,
    without a point."""
    rng = w.rng
    away = rng.random() < 0.18 and reporter is not None
    w.report(
        problem,
        reporter,
        when,
        shows=shows,
        at=reporter.home if away and reporter is not None else None,
        away_m=100.0 if away else 40.0,
        landmark_only=rng.random() < 0.18,
        border=rng.random() < 0.07,
        no_point=rng.random() < 0.12,
    )


def _at(problem: Problem) -> tuple[float, float]:
    return problem.spot.lat, problem.spot.lon


def person_twin(w: World, t: datetime) -> None:
    rng = w.rng
    person = w.resident()
    fam = _desk_person_family(w)
    problem = w.person_problem(person, fam, anchor=t - timedelta(days=30))
    assert problem is not None
    n = rng.choices((1, 2, 3), weights=(78, 18, 4))[0]
    for when in _times_before(w, t, n):
        at = None if rng.random() < 0.8 else w.town.spot(rng, w.town.any_street(rng))
        w.report(problem, person, when, shows=w.some_shows(), at=at)
    if rng.random() < 0.25:  # the same person also reported something else in JAKI
        other = _desk_person_family(w, not_=fam)
        extra = w.person_problem(person, other, anchor=t)
        if extra is not None:
            w.report(extra, person, w.app_time(t - timedelta(days=120), END), shows="both")
    w.walk_in(problem, person, t, "person_twin", DESK_SAID_JAKI if rng.random() < 0.4 else "")


def place_twin_same_reporter(w: World, t: datetime) -> None:
    rng = w.rng
    person = w.resident()
    problem = _place_on(w, t, street=person.home.street, near_home=person)
    times = _times_before(w, t, rng.choices((1, 2, 3), weights=(65, 25, 10))[0])
    mine = rng.randrange(len(times))
    for i, when in enumerate(times):
        if i == mine:
            shows = rng.choices(("both", "phone", "nik", "name"), weights=(30, 50, 12, 8))[0]
            _hard_place_report(w, problem, person, when, shows=shows)
        else:  # neighbours reported it too
            other = w.local(problem.spot) if rng.random() < 0.8 else None
            _hard_place_report(w, problem, other, when)
    extra = DESK_SAID_JAKI if rng.random() < 0.4 else ""
    w.walk_in(problem, person, t, "place_twin_same_reporter", extra)


def place_twin_neighbour(w: World, t: datetime) -> None:
    rng = w.rng
    problem = _place_on(w, t)
    times = _times_before(w, t, rng.choices((1, 2, 3, 4), weights=(60, 25, 10, 5))[0])
    for when in times:
        reporter = w.local(problem.spot) if rng.random() < 0.85 else None
        _hard_place_report(w, problem, reporter, when)
    neighbour = w.local(problem.spot)
    extra = DESK_NEIGHBOUR_JAKI if rng.random() < 0.25 else ""
    w.walk_in(problem, neighbour, t, "place_twin_neighbour", extra)


def no_twin(w: World, t: datetime) -> None:
    person = w.resident()
    if w.rng.random() < 0.6:
        problem = w.person_problem(person, _desk_person_family(w), anchor=t, reserved=True)
        assert problem is not None
    else:
        problem = _place_on(w, t, street=person.home.street, reserved=True, near_home=person)
    w.walk_in(problem, person, t, "no_twin")


def same_person_other_problem(w: World, t: datetime) -> None:
    rng = w.rng
    person = w.resident()
    if rng.random() < 0.5:
        first = w.person_problem(person, _desk_person_family(w), anchor=t - timedelta(days=20))
        assert first is not None
    else:
        first = _place_on(w, t, street=person.home.street, near_home=person)
    for when in _times_before(w, t, rng.choices((1, 2), weights=(80, 20))[0]):
        shows = rng.choices(("both", "phone", "nik"), weights=(40, 45, 15))[0]
        w.report(first, person, when, shows=shows)
    if first.family.about == PERSON and rng.random() < 0.75:
        problem = w.person_problem(
            person, _desk_person_family(w, not_=first.family), anchor=t, reserved=True
        )
        assert problem is not None
    else:
        problem = _place_on(
            w, t, street=person.home.street, reserved=True, avoid=first.family, near_home=person
        )
    w.walk_in(problem, person, t, "same_person_other_problem")


def same_street_other_problem(w: World, t: datetime) -> None:
    rng = w.rng
    first = _place_on(w, t)
    for when in _times_before(w, t, rng.choices((1, 2, 3), weights=(65, 25, 10))[0]):
        _hard_place_report(w, first, w.local(first.spot) if rng.random() < 0.85 else None, when)
    complainant = w.local(first.spot)
    problem = _place_on(
        w, t, street=first.spot.street, reserved=True, avoid=first.family, near_home=complainant
    )
    w.walk_in(problem, complainant, t, "same_street_other_problem")


def neighbours_same_bansos(w: World, t: datetime) -> None:
    """Households on one gang, each missing the same bansos: each its own complaint."""
    rng = w.rng
    bansos = BY_CODE["bansos"]
    first_home = w.resident()
    story = w.person_problem(first_home, bansos, anchor=t - timedelta(days=25))
    assert story is not None
    households = [(first_home, story)]
    for _ in range(rng.choices((0, 1, 2), weights=(50, 35, 15))[0]):
        other = w.local(first_home.home)
        mine = w.person_problem(other, bansos, anchor=t, like=story)
        assert mine is not None
        households.append((other, mine))
    for person, problem in households:
        w.report(problem, person, w.before(t), shows=w.some_shows())
    names = {person.name for person, _ in households}
    complainant = w.local(first_home.home)
    while complainant.name in names:  # a namesake next door would be another kind of case
        complainant = w.local(first_home.home)
    own = w.person_problem(complainant, bansos, anchor=t, reserved=True, like=story)
    assert own is not None
    w.walk_in(own, complainant, t, "neighbours_same_bansos")


def common_name(w: World, t: datetime) -> None:
    """A walk-in whose name an unrelated JAKI reporter shares; never the same household."""
    rng = w.rng
    complainant = w.people.common(w.town.spot(rng, w.town.any_street(rng)))
    fam = _desk_person_family(w)
    own = w.person_problem(complainant, fam, anchor=t, reserved=True)
    assert own is not None
    for _ in range(rng.choices((1, 2), weights=(70, 30))[0]):
        home_kel = complainant.home.kel
        while True:
            kel = w.town.any_kelurahan(rng)
            far = kel.code[:8] != home_kel.code[:8] or rng.random() < 0.3
            if kel.code != home_kel.code and far:
                break
        namesake = w.people.common(w.town.spot(rng, w.town.any_street(rng, kel)), like=complainant)
        same_matter = rng.random() < 0.5
        theirs = w.person_problem(
            namesake,
            fam if same_matter else _desk_person_family(w, not_=fam),
            anchor=t,
            like=own if same_matter else None,
        )
        assert theirs is not None
        shows = rng.choices(("both", "phone", "nik"), weights=(30, 55, 15))[0]
        w.report(theirs, namesake, w.before(t), shows=shows)
    w.walk_in(own, complainant, t, "common_name")


def same_problem_other_street(w: World, t: datetime) -> None:
    """The same kind of place problem elsewhere: a namesake street in another kecamatan, or
    another street a few hundred metres off."""
    rng = w.rng
    complainant = w.resident()
    own = _place_on(w, t, street=complainant.home.street, reserved=True, near_home=complainant)
    for _ in range(40):
        elsewhere = None
        if rng.random() < 0.5:
            elsewhere = w.town.namesake_elsewhere(rng, own.spot.street)
        if elsewhere is None:
            elsewhere = w.town.other_street_nearby(rng, own.spot.street, 350.0)
        theirs = w.place_problem(own.family, elsewhere, anchor=t - timedelta(days=20))
        # another street, and far enough that no one could take it for the same spot
        if theirs is not None and metres(*_at(theirs), *_at(own)) >= 300:
            break
    else:  # pragma: no cover
        raise RuntimeError("no street left for the same problem elsewhere")
    theirs.issue = own.issue if rng.random() < 0.8 else theirs.issue
    for when in _times_before(w, t, rng.choices((1, 2), weights=(75, 25))[0]):
        _hard_place_report(w, theirs, w.local(theirs.spot) if rng.random() < 0.85 else None, when)
    w.walk_in(own, complainant, t, "same_problem_other_street")


BUILDERS: dict[str, Callable[[World, datetime], None]] = {
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


def allot(walk_ins: int) -> list[str]:
    """How many of each kind: the shares above, rounded by largest remainder, each kind at
    least once when there is room for all nine."""
    exact = {k: share * walk_ins for k, share in KINDS.items()}
    counts = {k: int(v) for k, v in exact.items()}
    if walk_ins >= len(KINDS):
        for k in counts:
            counts[k] = max(counts[k], 1)
    left = walk_ins - sum(counts.values())
    for k in sorted(exact, key=lambda k: exact[k] - int(exact[k]), reverse=True):
        if left <= 0:
            break
        counts[k] += 1
        left -= 1
    while left < 0:  # the minimum of one pushed past the total
        k = max(counts, key=lambda k: counts[k])
        counts[k] -= 1
        left += 1
    return [k for k in KINDS for _ in range(counts[k])]
