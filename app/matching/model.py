"""The matching model: how sure Pintu is that two complaints are one problem, and why.

The domain has two rules. A problem about a person is the same complaint only when it is the
same complainant *and* the same matter, so its score is the product of two factors,
P(same complainant) x P(same matter), and neither can make up for the other. A problem about a
place is the same complaint when it is the same problem at the same place, whoever reported it:
one factor over place, problem and time. Each factor is a logistic function of per-signal weights
(one per outcome level, like the log-likelihood ratios of a Fellegi-Sunter model); the weights are
data, learned from labelled pairs by `fit`, and the product is fitted as a whole by maximum
likelihood, so scores behave like probabilities on data like the training set. The bands are
probabilities declared here (`BANDS`), the same for every model.
"""

from __future__ import annotations

import itertools
import json
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from app.matching.features import ORDERS, SIGNALS

FORMAT = 1
SHIPPED = Path(__file__).with_name("model.json")
# Rule -> factor -> the signals it weighs.
RULES: dict[str, dict[str, tuple[str, ...]]] = {
    "person": {
        "complainant": ("nik", "phone", "name"),
        "matter": ("category", "text", "concepts", "chars", "polarity", "gap", "state"),
    },
    "place": {
        "place_problem": (
            "reporter",
            "distance",
            "region",
            "street",
            "category",
            "text",
            "concepts",
            "chars",
            "polarity",
            "gap",
            "state",
        ),
    },
}
# Outcomes that may not move a score, whatever the data say: for a place problem, another
# reporter (or one not known) says nothing against it ("whoever reported them").
NEUTRAL = frozenset({("reporter", "different"), ("reporter", "unknown")})
# The outcome of a signal a comparison does not hold (one stored before the signal existed):
# it weighs nothing, in scoring and in fitting.
NOT_COMPARED = "not_compared"
# The bands, as probabilities of one problem: `match` (safe to link) from four chances in five,
# `review` (worth a person's look) from one in fifty. Declared, not chosen on a training set's
# labels: a threshold learned where one set's pairs reach a precision moved with the set, and
# on a writing style no fit had seen it left most true twins in review (bench/README.md).
BANDS = {"match": 0.8, "review": 0.02}
FACTORS = {
    "complainant": "same complainant",
    "matter": "same matter",
    "place_problem": "same problem at the same place",
}
RULE_TEXT = {
    "person": "a problem about a person: the same complainant and the same matter",
    "place": "a problem about a place: the same problem at the same place, whoever reported it "
    "(the same reporter counts for it, another reporter does not count against it)",
}


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1 / (1 + math.exp(-z))
    e = math.exp(z)
    return e / (1 + e)


@dataclass(frozen=True, slots=True)
class Evidence:
    signal: str
    factor: str
    outcome: str
    weight: float


@dataclass(frozen=True, slots=True)
class Scored:
    score: float
    band: str  # match, review or below
    rule: str
    factors: dict[str, float]
    evidence: list[Evidence]


class Model:
    """Learned weights, ready to score comparisons."""

    def __init__(self, weights: dict[str, Any], version: int | None = None) -> None:
        if weights.get("format") != FORMAT or set(weights.get("rules", {})) != set(RULES):
            raise ValueError("not a matching model of this version")
        self.weights = weights
        self.version = version
        self.rare_name_below: float = weights["rare_name_below"]
        # Per rule, per factor: its bias and each signal's weights (scoring runs for every
        # candidate of every search).
        self._tables = {
            rule: [
                (
                    factor,
                    params["factors"][factor]["bias"],
                    [(s, params["factors"][factor]["signals"].get(s, {})) for s in signals],
                )
                for factor, signals in RULES[rule].items()
            ]
            for rule, params in weights["rules"].items()
        }

    def score(self, rule: str, comparison: dict[str, str], *, explain: bool = False) -> Scored:
        """Score one comparison under `rule` (`person` or `place`); with `explain`, list the
        weight each signal added."""
        params = self.weights["rules"][rule]
        probability, factors, evidence = 1.0, {}, []
        for factor, bias, tables in self._tables[rule]:
            z = bias
            for signal, table in tables:
                outcome = comparison.get(signal, NOT_COMPARED)
                w = table.get(outcome, 0.0)
                z += w
                if explain:
                    evidence.append(Evidence(signal, factor, outcome, round(w, 3)))
            factors[factor] = _sigmoid(z)
            probability *= factors[factor]
        bands = params["bands"]
        band = (
            "match"
            if probability >= bands["match"]
            else "review"
            if probability >= bands["review"]
            else "below"
        )
        return Scored(probability, band, rule, factors, evidence)


@lru_cache(maxsize=1)
def shipped() -> Model:
    """The model that comes with Pintu (learned from the synthetic set, see bench/README.md)."""
    return Model(json.loads(SHIPPED.read_text(encoding="utf-8")))


@dataclass(frozen=True, slots=True)
class Pair:
    """A labelled pair: the rule that applies, the comparison, and whether it is a duplicate."""

    rule: str
    comparison: dict[str, str]
    duplicate: bool


def order_violations(weights: dict[str, Any]) -> list[str]:
    """Where learned weights break the declared order of a signal's levels (ORDERS): each as
    "rule/factor: signal a (w) < b (w)". A level without a weight counts as 0."""
    found = []
    for rule, params in weights["rules"].items():
        for factor, learned in params["factors"].items():
            for signal, levels in learned["signals"].items():
                for chain in ORDERS.get(signal, ()):
                    for stronger, weaker in itertools.pairwise(chain):
                        a, b = levels.get(stronger, 0.0), levels.get(weaker, 0.0)
                        if a < b:
                            found.append(
                                f"{rule}/{factor}: {signal} {stronger} ({a}) < {weaker} ({b})"
                            )
    return found


def _keep_order(levels: dict[str, float], signal: str, fixed: frozenset[str]) -> None:
    """Project one signal's weights onto its declared order: a pair out of order is pooled to
    its mean (a level that may not move stays, and the other takes its value); a few passes
    settle chains that share levels."""
    pairs = [
        (stronger, weaker)
        for chain in ORDERS.get(signal, ())
        for stronger, weaker in itertools.pairwise(chain)
    ]
    for _ in range(2 * len(pairs) + 1):
        moved = False
        for stronger, weaker in pairs:
            if levels[stronger] >= levels[weaker]:
                continue
            moved = True
            if stronger in fixed:
                levels[weaker] = levels[stronger]
            elif weaker in fixed:
                levels[stronger] = levels[weaker]
            else:
                levels[stronger] = levels[weaker] = (levels[stronger] + levels[weaker]) / 2
        if not moved:
            return
    # Pooling pair by pair can leave a sliver out of order where chains share levels; close it
    # by lowering the weaker level (raising the stronger where the weaker may not move).
    for _ in range(len(pairs) + 1):
        moved = False
        for stronger, weaker in pairs:
            if levels[stronger] < levels[weaker]:
                moved = True
                if weaker in fixed:
                    levels[stronger] = levels[weaker]
                else:
                    levels[weaker] = levels[stronger]
        if not moved:
            return


def _factor_z(factor: dict[str, Any], signals: tuple[str, ...], levels: tuple[str, ...]) -> float:
    return factor["bias"] + sum(
        factor["signals"][s].get(level, 0.0) for s, level in zip(signals, levels, strict=True)
    )


def _fit_rule(
    rule: str, patterns: dict[tuple[tuple[str, ...], ...], list[int]], l2: float, steps: int
) -> dict[str, Any]:
    """Maximum-likelihood weights for one rule over aggregated patterns (Adam, L2 on weights)."""
    factors = RULES[rule]
    params: dict[str, Any] = {
        f: {"bias": 0.0, "signals": {s: {} for s in signals}} for f, signals in factors.items()
    }
    for key in patterns:
        for (f, signals), levels in zip(factors.items(), key, strict=True):
            for s, level in zip(signals, levels, strict=True):
                params[f]["signals"][s].setdefault(level, 0.0)
    # Every ordered level gets a weight, seen in the data or not, so that the order holds for
    # levels the training set never showed (they take their neighbours' values).
    for f, signals in factors.items():
        for s in signals:
            for chain in ORDERS.get(s, ()):
                for level in chain:
                    params[f]["signals"][s].setdefault(level, 0.0)
    fixed = {s: frozenset(level for signal, level in NEUTRAL if signal == s) for s in SIGNALS}
    total = sum(n for counts in patterns.values() for n in counts)
    moments: dict[tuple[str, ...], list[float]] = defaultdict(lambda: [0.0, 0.0])
    rate, beta1, beta2 = 0.05, 0.9, 0.999
    for step in range(1, steps + 1):
        grad: dict[tuple[str, ...], float] = defaultdict(float)
        for key, (positives, negatives) in patterns.items():
            sig = {
                f: _sigmoid(_factor_z(params[f], signals, levels))
                for (f, signals), levels in zip(factors.items(), key, strict=True)
            }
            p = min(math.prod(sig.values()), 1 - 1e-12)
            for (f, signals), levels in zip(factors.items(), key, strict=True):
                # d(-log-likelihood)/dz for a product of sigmoids; sigma - y for a single one.
                g = (1 - sig[f]) * (-positives + negatives * p / (1 - p)) / total
                grad[(f, "bias")] += g
                for s, level in zip(signals, levels, strict=True):
                    grad[(f, s, level)] += g
        for name, g in grad.items():
            f = name[0]
            if name[1:] in NEUTRAL or name[-1] == NOT_COMPARED:
                continue
            if len(name) == 2:
                value = params[f]["bias"]
            else:
                value = params[f]["signals"][name[1]][name[2]]
                g += l2 * value / total
            m = moments[name]
            m[0] = beta1 * m[0] + (1 - beta1) * g
            m[1] = beta2 * m[1] + (1 - beta2) * g * g
            value -= (
                rate * (m[0] / (1 - beta1**step)) / (math.sqrt(m[1] / (1 - beta2**step)) + 1e-9)
            )
            if len(name) == 2:
                params[f]["bias"] = value
            else:
                params[f]["signals"][name[1]][name[2]] = value
        for f, signals in factors.items():
            for s in signals:
                _keep_order(params[f]["signals"][s], s, fixed[s])
    for factor in params.values():
        factor["bias"] = round(factor["bias"], 4)
        for levels in factor["signals"].values():
            for level in levels:
                levels[level] = round(levels[level], 4)
    return {"factors": params}


def fit(
    pairs: Iterable[Pair],
    *,
    rare_name_below: float = 2e-4,
    l2: float = 1.0,
    steps: int = 1500,
) -> dict[str, Any]:
    """Learn weights from labelled pairs, with the bands at the declared probabilities
    (`BANDS`); the result is what `Model` reads."""
    grouped: dict[str, dict[tuple[tuple[str, ...], ...], list[int]]] = {r: {} for r in RULES}
    counts = {r: [0, 0] for r in RULES}
    for pair in pairs:
        key = tuple(
            tuple(pair.comparison.get(s, NOT_COMPARED) for s in signals)
            for signals in RULES[pair.rule].values()
        )
        cell = grouped[pair.rule].setdefault(key, [0, 0])
        cell[0 if pair.duplicate else 1] += 1
        counts[pair.rule][0 if pair.duplicate else 1] += 1
    weights: dict[str, Any] = {
        "format": FORMAT,
        "rare_name_below": rare_name_below,
        "signals": SIGNALS,
        "rules": {},
        "trained_on": {r: {"duplicates": c[0], "others": c[1]} for r, c in counts.items()},
    }
    for rule, patterns in grouped.items():
        if not patterns:
            raise ValueError(f"no labelled pairs for the {rule} rule")
        weights["rules"][rule] = _fit_rule(rule, patterns, l2, steps)
        weights["rules"][rule]["bands"] = dict(BANDS)
    return weights
