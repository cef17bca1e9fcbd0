"""Duplicate matching quality: learn on one synthetic seed, measure on another.

    .venv/bin/python bench/eval_dedup.py [--train-seed 1] [--eval-seed 2]

Builds the labelled evaluation set (lab.evalset) twice: the training seed's pairs teach
the weights (and the baseline's threshold), the evaluation seed's pairs measure them. Prints the
match band's precision, recall and F1, the recall of true reports among the candidates returned,
a calibration table, and the same for a plain text-similarity baseline (rapidfuzz token-set
ratio of the raw descriptions, best candidate above a threshold); then the model Pintu ships
(app/matching/model.json, fitted on several styles by bench/eval_styles.py --write-model) on the
same evaluation pairs.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.kit.db import create_engine, create_session_factory
from app.matching.model import Model, fit, shipped
from app.matching.service import refresh_name_counts
from bench.common import fresh_database, machine
from lab import evalset, matching

TARGETS = {"precision": 0.99, "f1": 0.95, "candidate_recall": 0.98}


def _say(text: str) -> None:
    print(text, flush=True)


async def _run(url: str, seed: int, args: argparse.Namespace, model: Model | None) -> matching.Run:
    data = evalset.build(seed=seed, jaki_count=args.jaki, walk_in_count=args.walk_ins)
    _say(f"seed {seed}: {len(data.jaki):,} JAKI reports, {len(data.walk_ins):,} walk-ins")
    engine = create_engine(url, pool_size=2)
    sessions = create_session_factory(engine)
    try:
        started = time.perf_counter()
        stored = await matching.load_mirror(sessions, data.jaki)
        async with sessions() as session, session.begin():
            names = await refresh_name_counts(session)
        _say(
            f"  mirrored {stored:,} reports and counted {names:,} names "
            f"in {time.perf_counter() - started:.0f}s"
        )
        return await matching.score_walk_ins(
            sessions,
            data,
            model or matching.blank_model(),
            progress=lambda done, total: _say(f"  scored {done:,}/{total:,} walk-ins"),
        )
    finally:
        await engine.dispose()


def _line(name: str, figures: dict[str, float]) -> str:
    return (
        f"{name:<22} precision {figures['precision']:.4f}  recall {figures['recall']:.4f}  "
        f"F1 {figures['f1']:.4f}"
    )


def report(result: dict[str, Any]) -> None:
    m, b = result["match"], result["baseline"]
    _say("")
    _say(_line("match band", m))
    _say(f"{'candidate recall':<22} {result['candidate_recall']:.4f}")
    _say(
        f"{'':<22} ({result['true_reports']:,} true reports; the candidate queries missed "
        f"{result['unreached_by_queries']:,}; {result['pairs_scored']:,} pairs scored, "
        f"{result['ms_per_complaint']:.1f} ms per complaint)"
    )
    _say(_line(f"baseline (>= {b['threshold']:.2f})", b))
    _say(f"{'baseline cand. recall':<22} {b['candidate_recall']:.4f}")
    _say("")
    _say("calibration (evaluation seed): score bin, pairs, mean score, share true")
    for row in result["calibration"]:
        _say(
            f"  {row['from']:.1f}-{row['to']:.1f}  {row['pairs']:>7,}  "
            f"{row['mean_score']:.3f}  {row['true_share']:.3f}"
        )
    _say("")
    for name, target in TARGETS.items():
        value = m[name] if name in m else result[name]
        verdict = "met" if value >= target else "NOT met"
        _say(f"target {name} >= {target}: {value:.4f} ({verdict})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train-seed", type=int, default=1)
    parser.add_argument("--eval-seed", type=int, default=2)
    parser.add_argument("--jaki", type=int, default=20_000)
    parser.add_argument("--walk-ins", type=int, default=2_000)
    args = parser.parse_args()
    if args.train_seed == args.eval_seed:
        parser.error("learn and measure on different seeds")
    _say(f"duplicate matching, {machine()}")
    with fresh_database("dedup_train") as url:
        train = asyncio.run(_run(url, args.train_seed, args, None))
    weights = fit(matching.training_pairs(train))
    learned = Model(weights)
    trained = matching.evaluate(train)
    with fresh_database("dedup_eval") as url:
        evaluation = asyncio.run(_run(url, args.eval_seed, args, learned))
    result = matching.evaluate(evaluation, baseline_threshold=trained["baseline"]["threshold"])
    report(result)
    # The model Pintu ships (fitted on several styles, bench/eval_styles.py) on the same pairs.
    ships = matching.evaluate(matching.rescore(evaluation, shipped()))
    _say("")
    _say(_line("shipped model.json", ships["match"]))
    _say(f"{'  candidate recall':<22} {ships['candidate_recall']:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
