"""The `pintu` command: serve, migrate, create-api-key, db-url."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import sys
from pathlib import Path

from pydantic import ValidationError

from app.auth.roles import Role
from app.config import Settings, get_settings
from app.logs import configure_logging

logger = logging.getLogger("pintu.cli")


def resolve_database_url(settings: Settings) -> str:
    """DATABASE_URL if set; otherwise start the embedded PostgreSQL under DATA_DIR/pg."""
    if settings.database_url:
        return settings.database_url
    from app.embedded import start_embedded_postgres

    url = start_embedded_postgres(settings.data_dir / "pg")
    # Child processes (uvicorn workers) and the app's own settings read it from here.
    os.environ["DATABASE_URL"] = url
    get_settings.cache_clear()
    return url


def prepared_database_url(settings: Settings) -> str:
    """The database URL for a command that needs the schema at head: outside production it is
    migrated first (idempotent); in production a database behind the code is an error."""
    from app.migrate import current_revision, head_revision, upgrade

    url = resolve_database_url(settings)
    if not settings.is_production:
        upgrade(url)
    elif (current := current_revision(url)) != head_revision():
        raise SystemExit(
            f"the database is at {current}, the code needs {head_revision()}: "
            "run `pintu migrate` first"
        )
    return url


async def _with_session(url: str, work):  # type: ignore[no-untyped-def]
    from app.db import create_engine, create_session_factory

    engine = create_engine(url, pool_size=1)
    try:
        async with create_session_factory(engine)() as session, session.begin():
            return await work(session)
    finally:
        await engine.dispose()


def _development_admin_key(settings: Settings) -> str:
    """ADMIN_API_KEY, or a key kept in DATA_DIR so a second `make run` prints the same one."""
    if settings.admin_api_key:
        return settings.admin_api_key
    from app.security import generate_api_key

    path = settings.data_dir / "admin-api-key"
    if path.exists():
        return path.read_text().strip()
    key = generate_api_key()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600)
    path.write_text(key + "\n")
    return key


def _ensure_admin_key(url: str, key: str) -> None:
    from app.auth import service

    async def work(session):  # type: ignore[no-untyped-def]
        await service.ensure_key(session, name="bootstrap admin", role=Role.ADMIN, key=key)

    asyncio.run(_with_session(url, work))


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from app.migrate import upgrade

    settings = get_settings()
    url = resolve_database_url(settings)
    logger.info("applying migrations")
    upgrade(url)
    admin_key = None
    if not settings.is_production:
        admin_key = _development_admin_key(settings)
    elif settings.admin_api_key:
        admin_key = settings.admin_api_key
    if admin_key:
        _ensure_admin_key(url, admin_key)
    if not settings.is_production:
        _offer_demo(url, settings)
    host = args.host or settings.host
    port = args.port or settings.port
    shown_host = "localhost" if host in {"127.0.0.1", "0.0.0.0"} else host  # noqa: S104
    print(
        f"Pintu is serving on http://{shown_host}:{port}  (API docs: http://{shown_host}:{port}/docs)"
    )
    if admin_key and not settings.is_production:
        print(f"Development admin API key: {admin_key}")
        print(
            f"  try: curl -H 'Authorization: Bearer {admin_key}' http://{shown_host}:{port}/v1/complaints"
        )
    sys.stdout.flush()
    # uvicorn re-raises SIGTERM once it has drained; turned into SystemExit, the exit handlers
    # run, and they stop the embedded PostgreSQL instead of leaving it behind.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    uvicorn.run(
        "app.main:create_app",
        factory=True,
        host=host,
        port=port,
        workers=args.workers,
        log_config=None,
        proxy_headers=True,
        timeout_graceful_shutdown=15,
    )
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    from app.migrate import upgrade

    url = resolve_database_url(get_settings())
    upgrade(url, args.revision)
    print(f"database migrated to {args.revision}")
    return 0


def cmd_create_api_key(args: argparse.Namespace) -> int:
    from app.auth import service
    from app.auth.schemas import ApiKeyCreate

    try:  # the same rules as POST /v1/api-keys
        body = ApiKeyCreate(name=args.name, role=Role(args.role), expires_at=args.expires_at)
    except ValidationError as exc:
        for error in exc.errors():
            print(f"{'.'.join(map(str, error['loc']))}: {error['msg']}", file=sys.stderr)
        return 2
    url = prepared_database_url(get_settings())

    async def work(session):  # type: ignore[no-untyped-def]
        return await service.create_key(
            session, name=body.name, role=body.role, expires_at=body.expires_at
        )

    record, secret = asyncio.run(_with_session(url, work))
    print(f"created {record.role} key {record.id} for {record.name!r}; it is shown only once:")
    print(secret)
    return 0


def cmd_sync_jaki(args: argparse.Namespace) -> int:
    import httpx

    from app.db import create_engine, create_session_factory
    from app.mirror.sync import FeedClient, FeedError, run

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
        except FeedError as exc:
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
    from app.db import create_engine, create_session_factory
    from app.mirror.importer import Progress, import_file

    path = Path(args.file)
    if not path.is_file():
        print(f"no such file: {args.file}", file=sys.stderr)
        return 2
    url = prepared_database_url(get_settings())

    async def main():  # type: ignore[no-untyped-def]
        engine = create_engine(url, pool_size=2)
        try:
            return await import_file(
                create_session_factory(engine),
                path,
                batch_size=args.batch_size,
                progress=Progress(),
            )
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


def cmd_demo_data(args: argparse.Namespace) -> int:
    from app.mirror.demo_load import write_demo

    settings = get_settings()
    folder = Path(args.out) if args.out else settings.data_dir / "demo"
    files = write_demo(folder, jaki=args.jaki, walk_in=args.walk_in)
    print(f"wrote {files.jaki_count:,} JAKI reports to {files.jaki}")
    print(f"wrote {files.walk_in_count:,} walk-in complaints to {files.walk_in}")
    if args.load:
        _load_demo(prepared_database_url(settings), files)
    else:
        print(f"load them with: pintu import-jaki {files.jaki}   (or run demo-data --load)")
    return 0


def _load_demo(url: str, files) -> None:  # type: ignore[no-untyped-def]
    from app.db import create_engine, create_session_factory
    from app.mirror.demo_load import load_demo

    async def main():  # type: ignore[no-untyped-def]
        engine = create_engine(url, pool_size=2)
        try:
            return await load_demo(create_session_factory(engine), files)
        finally:
            await engine.dispose()

    summary, walk_ins = asyncio.run(main())
    print(f"loaded {summary.totals.created:,} JAKI reports and {walk_ins:,} walk-in complaints")


def _offer_demo(url: str, settings: Settings) -> None:
    """On an empty development database, offer a small demo set (PINTU_DEMO=yes|no answers)."""
    from app.db import create_engine, create_session_factory
    from app.mirror.demo_load import is_empty, write_demo

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
    _load_demo(url, write_demo(settings.data_dir / "demo", jaki=1000, walk_in=50))


def cmd_db_url(args: argparse.Namespace) -> int:
    print(resolve_database_url(get_settings()))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pintu", description="Jakarta's complaint service.")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="apply migrations and serve the API")
    serve.add_argument("--host", help="address to bind (default HOST or 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port (default PORT or 8000)")
    serve.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    serve.set_defaults(func=cmd_serve)

    migrate = sub.add_parser("migrate", help="apply database migrations")
    migrate.add_argument("revision", nargs="?", default="head")
    migrate.set_defaults(func=cmd_migrate)

    key = sub.add_parser("create-api-key", help="create an API key and print it once")
    key.add_argument("--name", required=True, help="who or what uses the key")
    key.add_argument("--role", required=True, choices=[r.value for r in Role])
    key.add_argument("--expires-at", help="ISO 8601 time when the key stops working")
    key.set_defaults(func=cmd_create_api_key)

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

    demo_cmd = sub.add_parser("demo-data", help="write (and optionally load) synthetic data")
    demo_cmd.add_argument("--jaki", type=int, default=5000, help="JAKI reports (default 5000)")
    demo_cmd.add_argument(
        "--walk-in", type=int, default=200, help="walk-in complaints (default 200)"
    )
    demo_cmd.add_argument("--out", help="folder for the files (default DATA_DIR/demo)")
    demo_cmd.add_argument("--load", action="store_true", help="load them into the database")
    demo_cmd.set_defaults(func=cmd_demo_data)

    db_url = sub.add_parser("db-url", help="print the database URL (starts the embedded server)")
    db_url.set_defaults(func=cmd_db_url)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `pintu` command."""
    args = build_parser().parse_args(argv)
    try:
        settings = get_settings()
    except ValidationError as exc:
        # Only what is wrong, never the values: they may be secret keys.
        for error in exc.errors():
            where = ".".join(str(p) for p in error["loc"]).upper() or "settings"
            print(f"configuration error: {where}: {error['msg']}", file=sys.stderr)
        return 2
    configure_logging(settings.log_style, settings.log_level)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
