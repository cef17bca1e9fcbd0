"""Learning new weights from the decisions people made (`pintu dedup-train`)."""

from __future__ import annotations

import itertools
import random
import uuid

from app.auth.roles import Role
from app.dedup.model import RULES
from app.dedup.service import train_from_decisions
from app.models import DedupCandidate
from app.timeutil import now
from tests.dedup.test_matches import BANSOS_WALK_IN
from tests.dedup.test_model import PERSON
from tests.factories import create_complaint


async def _decide_pairs(client, auth, session, count: int) -> None:
    desk = auth(Role.DESK)
    ids = [uuid.UUID((await create_complaint(client, desk))["id"]) for _ in range(12)]
    rng = random.Random(4)
    for n, (a, b) in enumerate(itertools.permutations(ids, 2)):
        if n == count:
            break
        rule = "person" if n % 2 else "place"
        duplicate = rng.random() < 0.4
        comparison = {
            **PERSON,
            "nik": "equal" if duplicate else rng.choice(["different", "missing"]),
            "distance": "within_50m" if duplicate else "farther",
        }
        comparison = {s: comparison[s] for f in RULES[rule].values() for s in f} | comparison
        session.add(
            DedupCandidate(
                complaint_id=a,
                candidate_id=b,
                score=0.5,
                band="review",
                rule=rule,
                comparison=comparison,
                decision="match" if duplicate else "not_match",
                decided_at=now(),
                decided_by_name="uji",
                decided_by_role="desk",
            )
        )
    await session.flush()


async def test_too_few_decisions_teach_nothing(client, auth, session):
    await _decide_pairs(client, auth, session, 10)
    outcome = await train_from_decisions(session, min_per_class=20, store=True)
    assert not outcome.ok
    assert any("not enough decisions" in line for line in outcome.lines)


async def test_learned_weights_become_the_model_in_use(client, auth, session):
    await _decide_pairs(client, auth, session, 130)

    outcome = await train_from_decisions(session, min_per_class=10, store=True)

    assert outcome.ok, outcome.lines
    assert any("stored as model version" in line for line in outcome.lines)
    response = await client.post(
        "/v1/dedup/matches", json={"complaint": BANSOS_WALK_IN}, headers=auth(Role.DESK)
    )
    assert response.status_code == 200, response.text
    assert response.json()["model_version"] is not None
