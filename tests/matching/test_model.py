"""The matching model: the two rules, learning from pairs, and calibrated bands."""

from __future__ import annotations

import random

from app.matching.model import BANDS, NOT_COMPARED, RULES, Model, Pair, fit, shipped

PLACE = {
    "reporter": "unknown",
    "distance": "within_50m",
    "region": "same_kelurahan",
    "street": "same_spot",
    "category": "same",
    "text": "high",
    "concepts": "several",
    "chars": "high",
    "polarity": "agree",
    "gap": "within_14d",
    "state": "open",
}
PERSON = {**PLACE, "nik": "equal", "phone": "missing", "name": "equal_common"}


def test_a_person_problem_needs_the_same_complainant():
    model = shipped()
    same = model.score("person", PERSON)
    neighbour = model.score("person", {**PERSON, "nik": "different", "name": "different"})
    assert same.band == "match"
    assert neighbour.band == "below"
    # However alike the matter, the complainant factor keeps the product low.
    assert neighbour.factors["matter"] > 0.9 and neighbour.score < 0.05


def test_a_place_problem_matches_whoever_reported_it():
    model = shipped()
    stranger = model.score("place", {**PLACE, "reporter": "different"})
    unknown = model.score("place", PLACE)
    assert stranger.band == "match" and stranger.score == unknown.score
    far = model.score("place", {**PLACE, "distance": "within_2000m", "street": "different"})
    assert far.band == "below"


def test_evidence_lists_every_signal_of_the_rule_only_when_asked():
    model = shipped()
    assert model.score("place", PLACE).evidence == []
    explained = model.score("place", PLACE, explain=True)
    assert [e.signal for e in explained.evidence] == list(RULES["place"]["place_problem"])
    assert sum(e.weight for e in explained.evidence) > 0


def _pairs(seed: int, n: int) -> list[Pair]:
    """Person pairs where a shared NIK and the same category mean a duplicate, with noise."""
    rng = random.Random(seed)
    pairs = []
    for _ in range(n):
        nik = rng.choice(["equal", "different", "missing"])
        category = rng.choice(["same", "different"])
        duplicate = nik == "equal" and category == "same"
        if rng.random() < 0.03:
            duplicate = not duplicate
        comparison = {
            **PERSON,
            "nik": nik,
            "category": category,
            "name": rng.choice(["equal_common", "different"]),
        }
        pairs.append(Pair("person", comparison, duplicate))
        pairs.append(Pair("place", {**PLACE, "text": rng.choice(["high", "none"])}, duplicate))
    return pairs


def test_the_shipped_model_bands_at_the_declared_probabilities():
    assert all(learned["bands"] == BANDS for learned in shipped().weights["rules"].values())


def test_fit_learns_weights_that_point_the_right_way_and_bands_that_hold():
    weights = fit(_pairs(1, 3000), steps=400)
    person = weights["rules"]["person"]["factors"]
    assert person["complainant"]["signals"]["nik"]["equal"] > 1
    assert person["complainant"]["signals"]["nik"]["different"] < 0
    assert person["matter"]["signals"]["category"]["same"] > 0
    assert all(learned["bands"] == BANDS for learned in weights["rules"].values())
    model = Model(weights)
    held_out = [p for p in _pairs(2, 2000) if p.rule == "person"]
    matched = [p for p in held_out if model.score("person", p.comparison).band == "match"]
    assert matched and sum(p.duplicate for p in matched) / len(matched) > 0.9


def test_a_comparison_stored_before_a_signal_existed_still_scores_and_teaches():
    """Decisions stored by an older Pintu lack the newer signals: those weigh nothing, in
    scoring and in fitting, and the rest still count."""
    model = shipped()
    older = {k: v for k, v in PLACE.items() if k not in ("concepts", "chars")}
    scored = model.score("place", older, explain=True)
    missing = [e for e in scored.evidence if e.outcome == NOT_COMPARED]
    assert {e.signal for e in missing} == {"concepts", "chars"}
    assert all(e.weight == 0 for e in missing)
    weights = fit(
        [
            Pair(p.rule, {k: v for k, v in p.comparison.items() if k != "chars"}, p.duplicate)
            for p in _pairs(1, 300)
        ]
    )
    for rule in RULES:
        for factor in weights["rules"][rule]["factors"].values():
            assert factor["signals"].get("chars", {}).get(NOT_COMPARED, 0.0) == 0.0
