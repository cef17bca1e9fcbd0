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


def load_demo(url: str, files) -> None:  # type: ignore[no-untyped-def]
    from app.demo.loader import load_demo
    from app.kit.db import create_engine, create_session_factory

    async def main():  # type: ignore[no-untyped-def]
        engine = create_engine(url, pool_size=2)
        try:
            return await load_demo(create_session_factory(engine), files)
        finally:
            await engine.dispose()

    summary, walk_ins = asyncio.run(main())
    print(f"loaded {summary.totals.created:,} JAKI reports and {walk_ins:,} walk-in complaints")


def offer_demo(url: str, settings: Settings) -> None:
    """On an empty development database, offer a small demo set (PINTU_DEMO=yes|no answers)."""
    from app.demo.loader import is_empty, write_demo
    from app.kit.db import create_engine, create_session_factory

    async def empty() -> bool:
        engine = create_engine(url, pool_size=1)
        try:
            return await is_empty(create_session_factory(engine))
        finally:
            await engine.dispose()

    answer = os.environ.get("PINTU_DEMO", "").strip().lower()
    if answer in {"no", "n", "0", "false"} or not asyncio.run(empty()):
        return
    if not answer:
        if not sys.stdin.isatty():
            return
        reply = (
            input(
                "The database is empty. Load a small demo set (1,000 JAKI reports, "
                "50 walk-in complaints)? [Y/n] "
            )
            .strip()
            .lower()
        )
        if reply not in {"", "y", "yes", "ya"}:
            return
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
