"""Matching's `pintu` commands: dedup-reindex and dedup-train."""

from __future__ import annotations

import argparse
import asyncio
import sys
import time

from app.kit.config import get_settings
from app.kit.migrate import prepared_database_url


def cmd_dedup_reindex(args: argparse.Namespace) -> int:
    from app.complaints import reindex_batch
    from app.kit.db import create_engine, create_session_factory
    from app.matching import refresh_name_counts

    url = prepared_database_url(get_settings())

    async def main() -> None:
        engine = create_engine(url, pool_size=2)
        sessions = create_session_factory(engine)
        try:
            started, done, after = time.monotonic(), 0, None
            while not args.names_only:
                async with sessions() as session, session.begin():
                    count, after = await reindex_batch(
                        session, after=after, only_missing=not args.all
                    )
                if count == 0:
                    break
                done += count
                rate = done / max(time.monotonic() - started, 1e-9)
                print(f"normalised {done:,} complaints ({rate:,.0f}/s)", file=sys.stderr)
            async with sessions() as session, session.begin():
                names = await refresh_name_counts(session)
            print(f"normalised {done:,} complaints; counted the names of {names:,} reporters")
        finally:
            await engine.dispose()

    asyncio.run(main())
    return 0


def cmd_dedup_train(args: argparse.Namespace) -> int:
    from app.kit.db import create_engine, create_session_factory
    from app.matching import train_from_decisions

    url = prepared_database_url(get_settings())

    async def main() -> int:
        engine = create_engine(url, pool_size=2)
        try:
            async with create_session_factory(engine)() as session, session.begin():
                outcome = await train_from_decisions(
                    session, min_per_class=args.min_per_class, store=not args.dry_run
                )
        finally:
            await engine.dispose()
        for line in outcome.lines:
            print(line)
        return 0 if outcome.ok else 1

    return asyncio.run(main())


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add matching's commands to `pintu`."""
    reindex = sub.add_parser(
        "dedup-reindex",
        help="normalise complaint texts for matching (those without, or --all) and recount "
        "the mirror's name frequencies",
    )
    reindex.add_argument("--all", action="store_true", help="every complaint, not just new ones")
    reindex.add_argument(
        "--names-only", action="store_true", help="only recount the name frequencies"
    )
    reindex.set_defaults(func=cmd_dedup_reindex)

    train = sub.add_parser(
        "dedup-train",
        help="learn new matching weights from the decisions people made (GET /v1/dedup/decisions)",
    )
    train.add_argument(
        "--min-per-class",
        type=int,
        default=20,
        metavar="N",
        help="refuse unless each rule has N duplicates and N non-duplicates (default 20)",
    )
    train.add_argument("--dry-run", action="store_true", help="learn and report, store nothing")
    train.set_defaults(func=cmd_dedup_train)
