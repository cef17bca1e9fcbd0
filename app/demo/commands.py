"""The demo generator's `pintu` command, demo-data, and the demo set `pintu serve` offers."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path

from app.kit.config import Settings, get_settings
from app.kit.migrate import prepared_database_url


def cmd_demo_data(args: argparse.Namespace) -> int:
    from app.demo.loader import write_demo

    settings = get_settings()
    folder = Path(args.out) if args.out else settings.data_dir / "demo"
    files = write_demo(folder, jaki=args.jaki, walk_in=args.walk_in)
    print(f"wrote {files.jaki_count:,} JAKI reports to {files.jaki}")
    print(f"wrote {files.walk_in_count:,} walk-in complaints to {files.walk_in}")
    if args.load:
        load_demo(prepared_database_url(settings), files)
    else:
        print(f"load them with: pintu import-jaki {files.jaki}   (or run demo-data --load)")
    return 0


STORY_WORDS = {
    "on_time": "finished on time",
    "late": "finished late",
    "open": "still with their unit (some past the deadline)",
    "overdue": "never taken, past the deadline to respond",
    "unrouted": "waiting to be routed",
    "linked": "linked to the JAKI report they repeat",
    "returned": "returned once (bukan wewenang)",
    "escalated": "escalated once",
    "stopped": "stopped by a rule (see the log)",
}


def load_demo(url: str, files) -> None:  # type: ignore[no-untyped-def]
    from app.demo.loader import load_demo
    from app.kit.db import create_engine, create_session_factory

    async def main():  # type: ignore[no-untyped-def]
        engine = create_engine(url, pool_size=2)
        try:
            return await load_demo(create_session_factory(engine), files)
        finally:
            await engine.dispose()

    loaded = asyncio.run(main())
    t = loaded.jaki.totals
    print(
        f"JAKI reports: {loaded.jaki.lines:,} read; {t.created:,} new, {t.updated:,} updated, "
        f"{t.unchanged:,} already there unchanged, {t.stale:,} older than the stored version, "
        f"{len(loaded.jaki.refused):,} refused"
    )
    print(
        f"walk-in complaints: {loaded.recorded:,} recorded, {loaded.already:,} already there "
        "(skipped)"
    )
    if loaded.recorded:
        told = ", ".join(
            f"{loaded.stories[key]:,} {words}"
            for key, words in STORY_WORDS.items()
            if loaded.stories[key]
        )
        print(f"  routed and followed up to now: {told}")


def offer_demo(url: str, settings: Settings) -> None:
    """On an empty development database, offer a small demo set (PINTU_DEMO=yes|no answers);
    whatever is decided is said."""
    from app.demo.loader import is_empty, write_demo
    from app.kit.db import create_engine, create_session_factory

    async def empty() -> bool:
        engine = create_engine(url, pool_size=1)
        try:
            return await is_empty(create_session_factory(engine))
        finally:
            await engine.dispose()

    answer = os.environ.get("PINTU_DEMO", "").strip().lower()
    if not asyncio.run(empty()):
        return
    if answer in {"no", "n", "0", "false"}:
        print("PINTU_DEMO=no: demo data not loaded; add it with `pintu demo-data --load`.")
        return
    if not answer:
        if not sys.stdin.isatty():
            print(
                "No terminal to ask on: demo data not loaded. Add it with "
                "`pintu demo-data --load`, or set PINTU_DEMO=yes."
            )
            return
        reply = (
            input(
                "The database is empty. Load a small demo set (1,000 JAKI reports, "
                "50 walk-in complaints with their routing)? [Y/n] "
            )
            .strip()
            .lower()
        )
        if reply not in {"", "y", "yes", "ya"}:
            print("Demo data not loaded; add it any time with `pintu demo-data --load`.")
            return
    print("Loading the demo set (1,000 JAKI reports, 50 walk-in complaints) …", flush=True)
    load_demo(url, write_demo(settings.data_dir / "demo", jaki=1000, walk_in=50))


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the demo generator's command to `pintu`."""
    demo_cmd = sub.add_parser("demo-data", help="write (and optionally load) synthetic data")
    demo_cmd.add_argument("--jaki", type=int, default=5000, help="JAKI reports (default 5000)")
    demo_cmd.add_argument(
        "--walk-in", type=int, default=200, help="walk-in complaints (default 200)"
    )
    demo_cmd.add_argument("--out", help="folder for the files (default DATA_DIR/demo)")
    demo_cmd.add_argument("--load", action="store_true", help="load them into the database")
    demo_cmd.set_defaults(func=cmd_demo_data)
