"""Duplicate matching on data it was not tuned on: the shipped model, scored on each style.

    .venv/bin/python bench/eval_styles.py [--seed 3] [--styles pintu,kampung,kantor]

A style is a labelled set's way of writing: `pintu` is the generator the shipped weights were
fitted on (lab.evalset, fitted on seed 1 and looked at on seed 2); the others (lab.sets.*) were
written from the domain documents alone by someone who had not read the matcher. For each
style: the set is built on `--seed`, its JAKI reports are mirrored through the real ingest into
a fresh database, and each walk-in's candidates are found and scored by the shipped model
(app/matching/model.json), as `POST /v1/dedup/matches` does. Prints, per style: the match
band's precision, recall and F1, candidate recall (true reports among the at most 5 candidates
shown), a calibration table; and per kind of case, where the true reports ended up (match,
review, not shown) and how many false matches there were. Nothing here fits anything.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.kit.db import create_engine, create_session_factory
from app.matching.model import shipped
from app.matching.service import refresh_name_counts
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
}


def _say(text: str) -> None:
    print(text, flush=True)


async def _score(url: str, data: Any) -> matching.Run:
    engine = create_engine(url, pool_size=2)
    sessions = create_session_factory(engine)
    try:
        started = time.perf_counter()
        stored, refused = await matching.load_mirror_counted(sessions, data.jaki)
        async with sessions() as session, session.begin():
            await refresh_name_counts(session)
        _say(
            f"  mirrored {stored:,} reports ({refused:,} refused) "
            f"in {time.perf_counter() - started:.0f}s"
        )
        return await matching.score_walk_ins(sessions, data, shipped())
    finally:
        await engine.dispose()


def report(style: str, data: Any, run: matching.Run) -> dict[str, Any]:
    result = matching.evaluate(run)
    m = result["match"]
    _say(
        f"  match band  precision {m['precision']:.3f}  recall {m['recall']:.3f}  "
        f"F1 {m['f1']:.3f}  candidate recall {result['candidate_recall']:.3f}  "
        f"({result['true_reports']:,} true reports; queries missed "
        f"{result['unreached_by_queries']:,})"
    )
    b = result["baseline"]
    _say(
        f"  baseline    precision {b['precision']:.3f}  recall {b['recall']:.3f}  "
        f"F1 {b['f1']:.3f}  (text similarity, threshold {b['threshold']:.2f} chosen on these "
        "labels: the most it could do)"
    )
    _say(
        "  per kind of case: walk-ins, true reports -> in match / review / not shown; false matches"
    )
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
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=3, help="never 1 or 2 for pintu (fitted on)")
    parser.add_argument("--styles", default=",".join(STYLES))
    args = parser.parse_args()
    styles = [s.strip() for s in args.styles.split(",") if s.strip()]
    unknown = set(styles) - set(STYLES)
    if unknown:
        parser.error(f"unknown styles: {', '.join(sorted(unknown))}")
    if "pintu" in styles and args.seed in (1, 2):
        parser.error("the shipped weights were fitted on seed 1 and looked at on seed 2")
    _say(f"duplicate matching on each style, the shipped model, seed {args.seed}, {machine()}")
    summary = []
    for style in styles:
        data = STYLES[style](args.seed)
        _say(f"\n{style}: {len(data.jaki):,} JAKI reports, {len(data.walk_ins):,} walk-ins")
        with fresh_database(f"eval_{style}") as url:
            run = asyncio.run(_score(url, data))
        result = report(style, data, run)
        summary.append((style, result))
    _say("\nstyle      precision  recall     F1  candidate recall")
    for style, result in summary:
        m = result["match"]
        _say(
            f"{style:<10} {m['precision']:>9.3f} {m['recall']:>7.3f} {m['f1']:>6.3f} "
            f"{result['candidate_recall']:>17.3f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
