"""Duplicate matching on data it was not tuned on: every style against every other.

    .venv/bin/python bench/eval_styles.py [--train-seed 1] [--test-seed 7] [--styles ...]

A style is a labelled set's way of writing: `pintu` is the generator the matcher was first
built on (lab.evalset); the others (lab.sets.*) were written from the domain documents alone by
someone who had not read the matcher. For each style, the set is built on the training seed and
on the test seed, its JAKI reports are mirrored through the real ingest into a fresh database,
and each walk-in's candidates are found and compared as `POST /v1/dedup/matches` does (one
search per walk-in; every model then scores the same comparisons).

Models: the shipped one (app/matching/model.json); one fitted on each style's training seed;
one fitted on every style but one (leave one style out); one fitted on all styles. Each is
measured on every style's test seed, so a model is always also measured on styles it never saw.
Prints, per model and style: the match band's precision, recall and F1, and candidate recall
(true reports among the at most 5 candidates shown); then, for the shipped model, per style and
per kind of case where the true reports ended up, and a calibration table.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import select

from app.kit.db import create_engine, create_session_factory
from app.matching.model import SHIPPED, Model, fit, order_violations, shipped
from app.matching.service import refresh_name_counts
from app.models import Complaint
from bench.common import fresh_database, machine
from lab import evalset, matching


def _pintu(seed: int) -> Any:
    return evalset.build(seed=seed, jaki_count=4400, walk_in_count=400)


def _written(name: str) -> Callable[[int], Any]:
    def build(seed: int) -> Any:
        return importlib.import_module(f"lab.sets.{name}").build(seed=seed)

    return build


STYLES: dict[str, Callable[[int], Any]] = {
    "pintu": _pintu,
    "kampung": _written("kampung"),
    "kantor": _written("kantor"),
    "pesisir": _written("pesisir"),
    "pinggiran": _written("pinggiran"),
}
# Seeds looked at while the matcher was built: 1 fits, 2 (pintu) and 3 were for development.
SEEN = (1, 2, 3)


def _say(text: str) -> None:
    print(text, flush=True)


@dataclass
class Measured:
    """One style on one seed: the set, every walk-in's candidates compared, and what the
    mirror stored of each JAKI report (for Splink, which sees the same candidates)."""

    data: Any
    run: matching.Run
    mirrored: dict[str, dict[str, Any]]


async def _compare(url: str, data: Any) -> tuple[matching.Run, dict[str, dict[str, Any]]]:
    """Mirror the set and compare every walk-in with its candidates (no weights needed)."""
    engine = create_engine(url, pool_size=2)
    sessions = create_session_factory(engine)
    try:
        stored, refused = await matching.load_mirror_counted(sessions, data.jaki)
        async with sessions() as session, session.begin():
            await refresh_name_counts(session)
        if refused:
            _say(f"    ({refused:,} of {stored + refused:,} reports refused by the feed's checks)")
        run = await matching.score_walk_ins(sessions, data, matching.blank_model())
        async with sessions() as session:
            rows = await session.execute(
                select(
                    Complaint.external_id, Complaint.category_code, Complaint.kelurahan_code
                ).where(Complaint.channel_code == "jaki")
            )
            mirrored = {
                r.external_id: {
                    "category_code": r.category_code,
                    "kelurahan_code": r.kelurahan_code,
                }
                for r in rows
            }
        return run, mirrored
    finally:
        await engine.dispose()


def collect(style: str, seed: int) -> Measured:
    started = time.perf_counter()
    data = STYLES[style](seed)
    with fresh_database(f"eval_{style}_{seed}") as url:
        run, mirrored = asyncio.run(_compare(url, data))
    _say(
        f"  {style:<8} seed {seed}: {len(data.jaki):,} JAKI reports, {len(data.walk_ins):,} "
        f"walk-ins, {run.truth_total:,} true reports, {len(run.pairs):,} pairs compared "
        f"({time.perf_counter() - started:.0f}s)"
    )
    return Measured(data, run, mirrored)


def models_for(styles: list[str], train: dict[str, matching.Run]) -> dict[str, tuple[Model, set]]:
    """Each model and the styles it was fitted on."""
    fitted_on = shipped().weights.get("trained_on", {}).get("styles", ["pintu"])
    out: dict[str, tuple[Model, set]] = {"shipped": (shipped(), set(fitted_on))}

    def fitted(on: list[str]) -> Model:
        weights = fit([p for s in on for p in matching.training_pairs(train[s])])
        violations = order_violations(weights)
        if violations:  # fit keeps the declared orders: a model out of them is a defect
            raise SystemExit(f"fitted on {', '.join(on)}: out of order: {violations}")
        return Model(weights)

    for style in styles:
        out[f"fitted on {style}"] = (fitted([style]), {style})
    if len(styles) > 2:
        for style in styles:
            rest = [s for s in styles if s != style]
            out[f"all but {style}"] = (fitted(rest), set(rest))
    if len(styles) > 1:
        out["all styles"] = (fitted(styles), set(styles))
    return out


def cut(run: matching.Run, threshold: float) -> matching.Run:
    """The same scores, banded at one threshold: `match` at or above it, every other candidate
    shown for review (so candidate recall counts the best five, whatever their score)."""
    pairs = [replace(p, band="match" if p.score >= threshold else "review") for p in run.pairs]
    return replace(run, pairs=pairs)


def best_cut(run: matching.Run) -> dict[str, Any]:
    """The figures at the threshold with the best F1 on this run's own labels: how well the
    scores rank, whatever the bands; the most a threshold could do, not a figure to expect."""
    thresholds = sorted({round(p.score, 3) for p in run.pairs if p.duplicate})
    best = max(
        (matching.evaluate(cut(run, t)) for t in thresholds[:: max(1, len(thresholds) // 60)]),
        key=lambda r: r["match"]["f1"],
        default=matching.evaluate(run),
    )
    return best


def splink_run(measured: Measured) -> matching.Run:
    """Splink's probabilities for the same candidate pairs (bench/splink_baseline.py)."""
    from bench import splink_baseline

    started = time.perf_counter()
    scores = splink_baseline.score(measured.data, measured.run.pairs, measured.mirrored)
    _say(
        f"  splink trained and scored {len(scores):,} pairs ({time.perf_counter() - started:.0f}s)"
    )
    pairs = [
        replace(p, score=scores.get((p.walk_in, p.external_id), 0.0)) for p in measured.run.pairs
    ]
    return cut(replace(measured.run, pairs=pairs), 0.5)


def _table(
    title: str,
    styles: list[str],
    results: dict[str, dict[str, dict[str, Any]]],
    models: dict[str, set],
    value: Callable[[dict[str, Any]], float],
) -> None:
    _say(f"\n{title} (* the model was fitted on this style, on another seed)")
    _say(f"{'model':<22}" + "".join(f"{s:>10}" for s in styles) + f"{'unseen':>10}")
    for name, per_style in results.items():
        seen = models[name]
        cells, unseen = [], []
        for style in styles:
            v = value(per_style[style])
            cells.append(f"{v:>9.3f}{'*' if style in seen else ' '}")
            if style not in seen:
                unseen.append(v)
        mean = f"{sum(unseen) / len(unseen):>10.3f}" if unseen else f"{'-':>10}"
        _say(f"{name:<22}" + "".join(cells) + mean)


def detail(style: str, data: Any, run: matching.Run) -> None:
    result = matching.evaluate(run)
    m, b = result["match"], result["baseline"]
    _say(
        f"\n{style}, shipped model: match band precision {m['precision']:.3f} recall "
        f"{m['recall']:.3f} F1 {m['f1']:.3f}; candidate recall {result['candidate_recall']:.3f} "
        f"(queries missed {result['unreached_by_queries']:,} of {result['true_reports']:,})"
    )
    _say(
        f"  baseline (text similarity, best threshold on these labels {b['threshold']:.2f}): "
        f"precision {b['precision']:.3f} recall {b['recall']:.3f} F1 {b['f1']:.3f}"
    )
    _say("  per kind of case: walk-ins, true reports -> match / review / not shown; false matches")
    for kind, row in matching.by_kind(run, data.kinds).items():
        _say(
            f"    {kind:<27} {row['walk_ins']:>4}  {row['true']:>4} -> {row['match']:>4} / "
            f"{row['review']:>4} / {row['hidden']:>4};  false matches {row['false_matches']:>3}"
        )
    _say("  calibration: score bin, pairs, mean score, share true")
    for row in result["calibration"]:
        _say(
            f"    {row['from']:.1f}-{row['to']:.1f}  {row['pairs']:>6,}  "
            f"{row['mean_score']:.3f}  {row['true_share']:.3f}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train-seed", type=int, default=1)
    parser.add_argument(
        "--test-seed", type=int, default=7, help="the held-out seed; 1-3 were looked at"
    )
    parser.add_argument("--styles", default=",".join(STYLES))
    parser.add_argument("--detail", action="store_true", help="per kind and calibration too")
    parser.add_argument("--no-splink", action="store_true", help="leave Splink's rows out")
    parser.add_argument(
        "--write-model",
        metavar="STYLES",
        help="fit on these styles' training seed (comma-separated) and store the result as the "
        "model Pintu ships (app/matching/model.json), before measuring",
    )
    args = parser.parse_args()
    styles = [s.strip() for s in args.styles.split(",") if s.strip()]
    unknown = set(styles) - set(STYLES)
    if unknown:
        parser.error(f"unknown styles: {', '.join(sorted(unknown))}")
    if args.train_seed == args.test_seed:
        parser.error("fit and measure on different seeds")
    _say(
        f"duplicate matching across styles: fitted on seed {args.train_seed}, measured on seed "
        f"{args.test_seed}{' (a seed looked at in development)' if args.test_seed in SEEN else ''}"
        f"; {machine()}"
    )
    train: dict[str, matching.Run] = {}
    test: dict[str, Measured] = {}
    for style in styles:
        train[style] = collect(style, args.train_seed).run
        test[style] = collect(style, args.test_seed)
    if args.write_model:
        chosen = [s.strip() for s in args.write_model.split(",") if s.strip()]
        if not set(chosen) <= set(styles):
            parser.error("--write-model names styles that are not measured")
        weights = fit([p for s in chosen for p in matching.training_pairs(train[s])])
        if order_violations(weights):
            parser.error(f"the weights break their orders: {order_violations(weights)}")
        weights["trained_on"].update(styles=chosen, seed=args.train_seed)
        SHIPPED.write_text(json.dumps(weights, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        shipped.cache_clear()
        _say(f"  wrote the model fitted on {', '.join(chosen)} to app/matching/model.json")
    models = models_for(styles, train)
    results = {
        name: {s: matching.evaluate(matching.rescore(test[s].run, model)) for s in styles}
        for name, (model, _) in models.items()
    }
    seen = {name: fitted_on for name, (_, fitted_on) in models.items()}
    results["shipped, best cut"] = {
        s: best_cut(matching.rescore(test[s].run, shipped())) for s in styles
    }
    seen["shipped, best cut"] = seen["shipped"]
    if not args.no_splink:
        splink = {s: splink_run(test[s]) for s in styles}
        results["splink, cut 0.5"] = {s: matching.evaluate(cut(splink[s], 0.5)) for s in styles}
        results["splink, best cut"] = {s: best_cut(splink[s]) for s in styles}
        seen["splink, cut 0.5"] = seen["splink, best cut"] = set()
    _table("match band F1", styles, results, seen, lambda r: r["match"]["f1"])
    _table("match band precision", styles, results, seen, lambda r: r["match"]["precision"])
    _table("match band recall", styles, results, seen, lambda r: r["match"]["recall"])
    _table("candidate recall", styles, results, seen, lambda r: r["candidate_recall"])
    _table(
        "calibration error (largest gap of a score bin of >= 30 pairs)",
        styles,
        results,
        seen,
        lambda r: r["calibration_error"],
    )
    if args.detail:
        for style in styles:
            detail(style, test[style].data, matching.rescore(test[style].run, shipped()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
