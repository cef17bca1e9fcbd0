"""Learning new weights from the decisions people made (`pintu dedup-train`)."""

from __future__ import annotations

import itertools
import random
import uuid

from sqlalchemy import select

from app.matching.model import RULES, Model, shipped
from app.matching.service import train_from_decisions
from app.models import DedupModel
from app.models.roles import Role
from tests.dedup.test_matches import BANSOS_WALK_IN
from tests.factories import create_complaint, decided_pair


async def _decide_pairs(client, auth, session, count: int) -> None:
    """Decide `count` pairs: a duplicate has the same NIK, lies within 50 m and its JAKI report
    was closed recently (the citizen walked in because nothing was done); another has a different
    or no NIK, lies within 150 m and its report is open. `state` has no declared order, so what
    it weighs is what the decisions teach."""
    desk = auth(Role.DESK)
    ids = [uuid.UUID((await create_complaint(client, desk))["id"]) for _ in range(12)]
    rng = random.Random(4)
    for n, (a, b) in enumerate(itertools.permutations(ids, 2)):
        if n == count:
            break
        duplicate = rng.random() < 0.4
        session.add(
            decided_pair(
                a,
                b,
                rule="person" if n % 2 else "place",
                duplicate=duplicate,
                nik="equal" if duplicate else rng.choice(["different", "missing"]),
                distance="within_50m" if duplicate else "within_150m",
                state="closed_recently" if duplicate else "open",
            )
        )
    await session.flush()


async def test_too_few_decisions_teach_nothing(client, auth, session):
    await _decide_pairs(client, auth, session, 10)
    outcome = await train_from_decisions(session, min_per_class=20, store=True)
    assert not outcome.ok
    assert any("not enough decisions" in line for line in outcome.lines)


def _distance(model: Model, level: str) -> float:
    return model.weights["rules"]["place"]["factors"]["place_problem"]["signals"]["distance"][level]


def _state_lean(model: Model) -> float:
    state = model.weights["rules"]["place"]["factors"]["place_problem"]["signals"]["state"]
    return state["closed_recently"] - state["open"]


def _nik(model: Model, level: str) -> float:
    return model.weights["rules"]["person"]["factors"]["complainant"]["signals"]["nik"][level]


async def test_learned_weights_become_the_model_in_use(client, auth, session):
    desk = auth(Role.DESK)
    before = await client.post(
        "/v1/dedup/matches", json={"complaint": BANSOS_WALK_IN}, headers=desk
    )
    assert before.status_code == 200, before.text
    assert before.json()["model_version"] is None  # the shipped model
    await _decide_pairs(client, auth, session, 130)

    outcome = await train_from_decisions(session, min_per_class=10, store=True)

    assert outcome.ok, outcome.lines
    stored = (await session.scalars(select(DedupModel))).all()
    assert len(stored) == 1
    assert stored[0].source == "130 decisions"
    assert f"stored as model version {stored[0].version}; it is used from now on" in outcome.lines
    learned, old = Model(stored[0].weights), shipped()
    # The decisions said a recently closed report is a twin and an open one is not: the learned
    # model leans that way much more than the shipped one.
    assert _state_lean(learned) > 1.0
    assert _state_lean(learned) > _state_lean(old) + 1.0
    # Within 50 m was a duplicate every time, within 150 m never: an order the fit keeps.
    assert _distance(learned, "within_50m") > _distance(learned, "within_150m")
    # The same NIK was a duplicate every time, another or none never.
    assert _nik(learned, "equal") > max(_nik(learned, "different"), _nik(learned, "missing"))
    # A place problem whose report closed recently now scores above an open one, by far more
    # than it did.
    comparison = {s: "missing" for s in RULES["place"]["place_problem"]}

    def closed_over_open(model: Model) -> float:
        closed = model.score("place", {**comparison, "state": "closed_recently"}).score
        return closed - model.score("place", {**comparison, "state": "open"}).score

    assert closed_over_open(learned) > closed_over_open(old)
    assert closed_over_open(learned) > 0

    # The next match is made with the learned model, and says which version it used.
    response = await client.post(
        "/v1/dedup/matches", json={"complaint": BANSOS_WALK_IN}, headers=desk
    )
    assert response.status_code == 200, response.text
    assert response.json()["model_version"] == stored[0].version
