"""The matching lab: labelled pairs from a synthetic evaluation set (lab.evalset), for
learning weights and for measuring the match band against a plain text-similarity baseline.

Pairs come from the real path: the JAKI reports go through the mirror's ingest, each walk-in
complaint is validated as intake would and its candidates come from the indexed queries.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from rapidfuzz import fuzz
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.auth.service import Principal
from app.complaints.schemas import ComplaintCreate
from app.dedup.service import side_of_body
from app.matching.model import FORMAT, RULES, Model, Pair
from app.matching.service import find
from app.mirror import service as mirror_service
from app.models.roles import Role

logger = logging.getLogger(__name__)


class LabelledSet(Protocol):
    """JAKI reports, walk-in complaint bodies, and per walk-in the ids of its true twins."""

    @property
    def jaki(self) -> list[dict[str, Any]]: ...
    @property
    def walk_ins(self) -> list[dict[str, Any]]: ...
    @property
    def truth(self) -> list[frozenset[str]]: ...


FEED = Principal(key_id=None, name="matching lab", role=Role.INTEGRATION)
SHOWN = ("match", "review")


def blank_model(rare_name_below: float = 2e-4) -> Model:
    """A model that weighs nothing: for collecting comparisons before any were learned."""
    return Model(
        {
            "format": FORMAT,
            "rare_name_below": rare_name_below,
            "rules": {
                rule: {
                    "factors": {f: {"bias": 0.0, "signals": {}} for f in factors},
                    "bands": {"match": 1.0, "review": 0.0},
                }
                for rule, factors in RULES.items()
            },
        }
    )


async def load_mirror(
    sessions: async_sessionmaker[AsyncSession], reports: list[dict[str, Any]], batch: int = 1000
) -> int:
    """Mirror the reports through the real ingest; how many were stored."""
    stored, _ = await load_mirror_counted(sessions, reports, batch)
    return stored


async def load_mirror_counted(
    sessions: async_sessionmaker[AsyncSession], reports: list[dict[str, Any]], batch: int = 1000
) -> tuple[int, int]:
    """Mirror the reports through the real ingest; how many were stored and how many refused
    (a set written elsewhere may hold reports the feed's checks refuse)."""
    stored = refused = 0
    for start in range(0, len(reports), batch):
        async with sessions() as session, session.begin():
            result = await mirror_service.ingest(session, FEED, reports[start : start + batch])
        stored += result.created
        refused += len(result.errors)
    return stored, refused


@dataclass(slots=True)
class ScoredPair:
    """One walk-in against one candidate, with both the model's and the baseline's view."""

    walk_in: int
    external_id: str
    rule: str
    comparison: dict[str, str]
    score: float
    band: str
    baseline: float
    duplicate: bool


@dataclass(slots=True)
class Run:
    pairs: list[ScoredPair] = field(default_factory=list)
    truth_total: int = 0
    truth_unreached: int = 0  # true reports the candidate queries did not bring back
    truth_sizes: list[int] = field(default_factory=list)  # per walk-in, its true reports
    seconds: float = 0.0


async def score_walk_ins(
    sessions: async_sessionmaker[AsyncSession],
    data: LabelledSet,
    model: Model,
    progress: Callable[[int, int], None] | None = None,
) -> Run:
    """Find and score the candidates of every walk-in complaint of `data`."""
    run = Run()
    started = time.perf_counter()
    async with sessions() as session:
        for i, (body, truth) in enumerate(zip(data.walk_ins, data.truth, strict=True)):
            side = await side_of_body(session, ComplaintCreate.model_validate(body))
            found, _ = await find(session, side, model=model)
            run.truth_total += len(truth)
            run.truth_sizes.append(len(truth))
            reached = set()
            for m in found:
                external = m.row.external_id
                reached.add(external)
                baseline = fuzz.token_set_ratio(
                    body["description"].lower(), m.row.description.lower()
                )
                run.pairs.append(
                    ScoredPair(
                        walk_in=i,
                        external_id=external,
                        rule=m.scored.rule,
                        comparison=m.comparison,
                        score=m.scored.score,
                        band=m.scored.band,
                        baseline=baseline / 100,
                        duplicate=external in truth,
                    )
                )
            run.truth_unreached += len(truth - reached)
            if progress and (i + 1) % 200 == 0:
                progress(i + 1, len(data.walk_ins))
    run.seconds = time.perf_counter() - started
    return run


def rescore(run: Run, model: Model) -> Run:
    """The same pairs scored by another model: comparisons do not depend on the weights (only
    on `rare_name_below`, which every model here shares), so one search serves every model."""
    pairs = []
    for p in run.pairs:
        scored = model.score(p.rule, p.comparison)
        pairs.append(replace(p, score=scored.score, band=scored.band))
    return Run(pairs, run.truth_total, run.truth_unreached, run.truth_sizes, run.seconds)


def training_pairs(run: Run) -> list[Pair]:
    return [Pair(p.rule, p.comparison, p.duplicate) for p in run.pairs]


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def evaluate(
    run: Run, *, limit: int = 5, baseline_threshold: float | None = None
) -> dict[str, Any]:
    """Precision, recall and F1 of the match band; recall of the true reports among the
    candidates returned (at most `limit` per complaint); the same for the baseline, whose
    threshold is the given one or, if None, the one with the best F1 on this run."""
    by_walk_in: dict[int, list[ScoredPair]] = {}
    for p in run.pairs:
        by_walk_in.setdefault(p.walk_in, []).append(p)
    tp = fp = returned_true = 0
    for pairs in by_walk_in.values():
        shown = sorted((p for p in pairs if p.band in SHOWN), key=lambda p: -p.score)[:limit]
        returned_true += sum(p.duplicate for p in shown)
        tp += sum(p.duplicate for p in shown if p.band == "match")
        fp += sum(not p.duplicate for p in shown if p.band == "match")
    result: dict[str, Any] = {
        "match": _prf(tp, fp, run.truth_total - tp),
        "candidate_recall": returned_true / run.truth_total if run.truth_total else 1.0,
        "unreached_by_queries": run.truth_unreached,
        "true_reports": run.truth_total,
        "pairs_scored": len(run.pairs),
        "ms_per_complaint": 1000 * run.seconds / max(1, len(by_walk_in) or 1),
    }
    result["calibration"] = calibration(run)
    result["calibration_error"] = calibration_error(result["calibration"])

    def baseline_at(threshold: float) -> dict[str, float]:
        b_tp = b_fp = 0
        for pairs in by_walk_in.values():
            best = max(pairs, key=lambda p: p.baseline)
            if best.baseline >= threshold:
                b_tp += best.duplicate
                b_fp += not best.duplicate
        return _prf(b_tp, b_fp, run.truth_total - b_tp)

    if baseline_threshold is None:
        baseline_threshold = max(
            (t / 100 for t in range(30, 100)), key=lambda t: baseline_at(t)["f1"]
        )
    top5 = 0
    for pairs in by_walk_in.values():
        top5 += sum(p.duplicate for p in sorted(pairs, key=lambda p: -p.baseline)[:limit])
    result["baseline"] = {
        "threshold": baseline_threshold,
        **baseline_at(baseline_threshold),
        "candidate_recall": top5 / run.truth_total if run.truth_total else 1.0,
    }
    return result


_KIND_COLUMNS = ("walk_ins", "true", "match", "review", "hidden", "false_matches")


def by_kind(run: Run, kinds: list[str], *, limit: int = 5) -> dict[str, dict[str, int]]:
    """Per kind of case: walk-ins, their true reports, where those ended up among the (at most
    `limit`) candidates shown — in the match band, in review, or not shown at all — and the
    false matches (non-duplicates in the match band)."""
    by_walk_in: dict[int, list[ScoredPair]] = {}
    for p in run.pairs:
        by_walk_in.setdefault(p.walk_in, []).append(p)
    table: dict[str, dict[str, int]] = {}
    for i, kind in enumerate(kinds):
        row = table.setdefault(
            kind,
            {"walk_ins": 0, "true": 0, "match": 0, "review": 0, "hidden": 0, "false_matches": 0},
        )
        row["walk_ins"] += 1
        row["true"] += run.truth_sizes[i]
        shown = sorted(
            (p for p in by_walk_in.get(i, []) if p.band in SHOWN), key=lambda p: -p.score
        )[:limit]
        row["match"] += sum(p.duplicate for p in shown if p.band == "match")
        row["review"] += sum(p.duplicate for p in shown if p.band == "review")
        row["false_matches"] += sum(not p.duplicate for p in shown if p.band == "match")
    for row in table.values():
        row["hidden"] = row["true"] - row["match"] - row["review"]
    return dict(sorted(table.items()))


def calibration(run: Run, bins: int = 10) -> list[dict[str, float]]:
    """Per score decile: how many pairs, their mean score, and how many were true."""
    table = []
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        inside = [p for p in run.pairs if low <= p.score < high or (b == bins - 1 and p.score == 1)]
        if inside:
            table.append(
                {
                    "from": low,
                    "to": high,
                    "pairs": len(inside),
                    "mean_score": sum(p.score for p in inside) / len(inside),
                    "true_share": sum(p.duplicate for p in inside) / len(inside),
                }
            )
    return table


def calibration_error(table: list[dict[str, float]], min_pairs: int = 30) -> float:
    """The largest gap between the mean score and the share of true pairs, over the score bins
    that hold at least `min_pairs` pairs (fewer say little); 0 if none does."""
    gaps = [abs(r["mean_score"] - r["true_share"]) for r in table if r["pairs"] >= min_pairs]
    return max(gaps, default=0.0)
