"""The demo sets `pintu demo-data` writes: sets of different sizes agree on every id they share.

A JAKI set of N reports is the first N of an endless sequence made in blocks of 1,000: block k
is `generator.jaki_reports(1000)` with a seed of its own, its reports numbered in an order drawn
from the seed, so a set of 300 is a random third of block 0 (spread over the whole period, not
its oldest days) and a set of 5,000 holds the 1,000 of the default set unchanged. Loading a
small set and then a bigger one therefore adds reports and changes none.

Walk-in complaints are made one by one from the seed and their number, each restating a report
of the JAKI set it comes with (or none); their `external_id` (`DEMO-<JAKI count>-<number>`)
names that set, so a walk-in id never stands for two complaints, and the loader skips the ones
already recorded.

Everything is dated back from the start of a Jakarta day (`anchor`): the same command on the
same day writes the same files. On a later day the same reports come out later in time, which
the mirror takes as an update of their dates; their places, categories and words stay.
"""

from __future__ import annotations

import bisect
import itertools
import random
from datetime import datetime, timedelta
from typing import Any

from app.demo import generator

BLOCK = 1000
JAKI_SEED, WALK_IN_SEED = 7, 11
JAKI_DAYS, WALK_IN_DAYS = 90, 45
DUPLICATE_SHARE = 0.3


def anchor(moment: datetime | None = None) -> datetime:
    """Midnight starting the Jakarta day of `moment` (default: now): what a set ends at."""
    at = generator.as_wib(moment or datetime.now(generator.WIB))
    return at.replace(hour=0, minute=0, second=0, microsecond=0)


def _renumbered(report: dict[str, Any], serial: int) -> dict[str, Any]:
    old = report["id"].rsplit("-", 1)[1]
    new = f"{serial:07d}"
    return {
        **report,
        "id": f"JAKI-{report['created_at'][:4]}-{new}",
        "photo_urls": [url.replace(f"/{old}-", f"/{new}-") for url in report["photo_urls"]],
    }


def demo_jaki(
    count: int, *, seed: int = JAKI_SEED, start: datetime | None = None, days: int = JAKI_DAYS
) -> list[dict[str, Any]]:
    """The first `count` JAKI reports of the demo sequence, ordered by creation."""
    if count < 0:
        raise ValueError("count must be >= 0")
    end = anchor(start)
    reports = []
    for block in range(-(-count // BLOCK)):
        take = min(BLOCK, count - block * BLOCK)
        made = list(generator.jaki_reports(BLOCK, seed=seed + 7919 * block, start=end, days=days))
        order = list(range(BLOCK))
        random.Random(f"pintu-demo-{seed}-{block}").shuffle(order)  # noqa: S311 - reproducible
        reports += [
            _renumbered(made[i], block * BLOCK + rank + 1) for rank, i in enumerate(order[:take])
        ]
    reports.sort(key=lambda r: (r["created_at"], r["id"]))
    return reports


def demo_walk_ins(
    count: int,
    jaki: list[dict[str, Any]],
    *,
    seed: int = WALK_IN_SEED,
    start: datetime | None = None,
    days: int = WALK_IN_DAYS,
    duplicate_share: float = DUPLICATE_SHARE,
) -> list[tuple[dict[str, Any], str | None]]:
    """`count` walk-in bodies (with their `external_id`), each with the id of the JAKI report
    it restates or None, ordered by `reported_at`. Walk-in n depends only on the seed, n and
    the JAKI set: a bigger count adds walk-ins and changes none."""
    if count < 0 or not 0 <= duplicate_share <= 1:
        raise ValueError("count must be >= 0 and duplicate_share within 0..1")
    end = anchor(start)
    # Restating needs a report the desk could have heard of: placed, made before a desk day.
    sources: list[tuple[dict[str, Any], list[Any]]] = []
    weights: list[float] = []
    for report in jaki:
        created = datetime.fromisoformat(report["created_at"])
        placed = report.get("lat") is not None or report.get("kelurahan_code")
        if placed and (desk_days := generator.desk_days_after(created, end)):
            sources.append((report, desk_days))
            weights.append(
                (3 if report["category"] in generator.PERSON_CATEGORIES else 1)
                * (2 if report.get("reporter") else 1)
            )
    cumulative = list(itertools.accumulate(weights))
    items = []
    for n in range(1, count + 1):
        rng = random.Random(f"pintu-demo-walk-in-{seed}-{n}")  # noqa: S311 - reproducible
        source = None
        if sources and rng.random() < duplicate_share:
            picked = bisect.bisect_right(cumulative, rng.random() * cumulative[-1])
            source, desk_days = sources[min(picked, len(sources) - 1)]
            when = generator.desk_time(rng, rng.choice(desk_days))
        else:
            day = end.date() - timedelta(days=rng.randint(1, days))
            while day.weekday() >= 5:  # the desk opens Monday to Friday
                day -= timedelta(days=1)
            when = generator.desk_time(rng, day)
        body = {
            "external_id": f"DEMO-{len(jaki)}-{n:05d}",
            **generator.walk_in_body(rng, when, source),
        }
        items.append((body, source["id"] if source else None))
    items.sort(key=lambda item: (item[0]["reported_at"], item[0]["external_id"]))
    return items
