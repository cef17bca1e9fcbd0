"""The mirror's `pintu` commands: sync-jaki and import-jaki."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from pathlib import Path

from app.kit.config import get_settings
from app.kit.migrate import prepared_database_url

logger = logging.getLogger("pintu.cli")


def cmd_sync_jaki(args: argparse.Namespace) -> int:
    import httpx

    from app.kit.db import create_engine, create_session_factory
    from app.mirror.sync import DatabaseGone, FeedClient, FeedError, run

    settings = get_settings()
    if not settings.jaki_feed_url:
        print(
            "JAKI_FEED_URL is not set: it names the feed to pull (docs/jaki-feed.md)",
            file=sys.stderr,
        )
        return 2
    url = prepared_database_url(settings)
    feed_url = settings.jaki_feed_url

    async def main() -> int:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        engine = create_engine(url, pool_size=2)
        timeout = httpx.Timeout(settings.jaki_feed_timeout, connect=10.0)
        try:
            async with httpx.AsyncClient(timeout=timeout) as http:
                feed = FeedClient(
                    http,
                    feed_url,
                    token=settings.jaki_feed_token,
                    page_size=settings.jaki_feed_page_size,
                )
                summary = await run(
                    create_session_factory(engine),
                    feed,
                    stop=stop,
                    keep_polling=not args.once,
                    interval=args.interval or settings.jaki_sync_interval,
                )
        except (FeedError, DatabaseGone) as exc:
            logger.error("sync stopped: %s", exc)
            return 1
        finally:
            await engine.dispose()
        totals = summary.result
        print(
            f"{'stopped' if stop.is_set() else 'done'}: {summary.pages} pages"
            + (
                f"; created {totals.created}, updated {totals.updated}, unchanged "
                f"{totals.unchanged}, stale {totals.stale}, refused {len(totals.errors)}"
                if totals
                else ""
            )
        )
        return 0

    return asyncio.run(main())


def cmd_import_jaki(args: argparse.Namespace) -> int:
    from app.kit.db import create_engine, create_session_factory
    from app.mirror.importer import Progress, import_file

    path = Path(args.file)
    if not path.is_file():
        print(f"no such file: {args.file}", file=sys.stderr)
        return 2
    url = prepared_database_url(get_settings())

    async def main():  # type: ignore[no-untyped-def]
        from app.matching import refresh_name_counts

        engine = create_engine(url, pool_size=2)
        sessions = create_session_factory(engine)
        try:
            summary = await import_file(
                sessions, path, batch_size=args.batch_size, progress=Progress()
            )
            # Matching weighs names by how common they are among mirrored reporters.
            async with sessions() as session, session.begin():
                await refresh_name_counts(session)
            return summary
        finally:
            await engine.dispose()

    summary = asyncio.run(main())
    for error in summary.refused[: args.show_refused]:
        where = f" {error.field}:" if error.field else ""
        print(f"line {error.line} (id {error.id or '?'}) refused:{where} {error.detail}")
    if len(summary.refused) > args.show_refused:
        print(f"… and {len(summary.refused) - args.show_refused} more refused lines")
    t = summary.totals
    print(
        f"imported {summary.lines:,} lines in {summary.seconds:.1f}s ({summary.rate:,.0f}/s): "
        f"created {t.created:,}, updated {t.updated:,}, unchanged {t.unchanged:,}, "
        f"stale {t.stale:,}, refused {len(summary.refused):,}"
    )
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the mirror's commands to `pintu`."""
    sync = sub.add_parser("sync-jaki", help="pull JAKI reports from JAKI_FEED_URL")
    sync.add_argument(
        "--once", action="store_true", help="stop when the feed has no more (default: keep polling)"
    )
    sync.add_argument(
        "--interval", type=float, help="seconds between polls (default JAKI_SYNC_INTERVAL or 60)"
    )
    sync.set_defaults(func=cmd_sync_jaki)

    imp = sub.add_parser("import-jaki", help="backfill the mirror from a JSON Lines export")
    imp.add_argument("file", help="one JAKI report per line; plain or gzip")
    imp.add_argument(
        "--batch-size",
        type=int,
        default=1000,
        choices=range(1, 1001),
        metavar="N",
        help="reports per transaction (1-1000, default 1000)",
    )
    imp.add_argument(
        "--show-refused",
        type=int,
        default=20,
        metavar="N",
        help="refused lines to list (default 20)",
    )
    imp.set_defaults(func=cmd_import_jaki)
