"""The `pintu` command: serve, migrate, create-api-key, db-url."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import sys

from pydantic import ValidationError

from app.dedup import commands as dedup_commands
from app.demo import commands as demo_commands
from app.events import commands as events_commands
from app.kit.config import Settings, get_settings
from app.kit.db import resolve_database_url
from app.kit.embedded import EmbeddedPostgresMissing
from app.kit.errors import AppError, error_message
from app.kit.logs import configure_logging
from app.kit.migrate import prepared_database_url
from app.mirror import commands as mirror_commands
from app.models.roles import Role
from app.privacy import commands as privacy_commands

logger = logging.getLogger("pintu.cli")


async def _with_session(url: str, work):  # type: ignore[no-untyped-def]
    from app.kit.db import create_engine, create_session_factory

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
    from app.kit.security import generate_api_key

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

    from app.kit.migrate import upgrade
    from app.metrics import multiproc
    from app.server.protocol import HeaderTimeoutProtocol

    if args.deliver_events:
        # Read by every worker process's settings.
        os.environ["DELIVER_EVENTS_IN_SERVER"] = "true"
        get_settings.cache_clear()
    settings = get_settings()
    try:  # before any worker imports prometheus-client
        metrics_dir = multiproc.prepare(args.workers)
    except multiproc.NoMetricsDirectory as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return 2
    if metrics_dir is not None:
        logger.info("metrics of all workers kept in %s", metrics_dir)
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
        demo_commands.offer_demo(url, settings)
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
        http=HeaderTimeoutProtocol,  # uvicorn's httptools protocol, headers bounded in time
        proxy_headers=True,
        timeout_graceful_shutdown=settings.shutdown_grace_period,
    )
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    from app.kit.migrate import upgrade

    url = resolve_database_url(get_settings())
    upgrade(url, args.revision)
    print(f"database migrated to {args.revision}")
    return 0


def cmd_create_api_key(args: argparse.Namespace) -> int:
    from app.auth import service
    from app.auth.schemas import ApiKeyCreate

    try:  # the same rules as POST /v1/api-keys
        body = ApiKeyCreate(
            name=args.name,
            role=Role(args.role),
            expires_at=args.expires_at,
            unit_code=args.unit,
            channel_code=args.channel,
        )
    except ValidationError as exc:
        for error in exc.errors():
            print(f"{'.'.join(map(str, error['loc']))}: {error_message(error)}", file=sys.stderr)
        return 2
    url = prepared_database_url(get_settings())

    async def work(session):  # type: ignore[no-untyped-def]
        return await service.issue_key(session, body)

    try:
        record, secret = asyncio.run(_with_session(url, work))
    except AppError as exc:
        print(f"{exc.field or 'error'}: {exc.detail}", file=sys.stderr)
        return 2
    print(f"created {record.role} key {record.id} for {record.name!r}; it is shown only once:")
    print(secret)
    return 0


def cmd_escalate_overdue(args: argparse.Namespace) -> int:
    from app.assignments.service import escalate_all_overdue
    from app.kit.db import create_engine, create_session_factory

    url = prepared_database_url(get_settings())

    async def main() -> int:
        engine = create_engine(url, pool_size=1)
        try:
            return await escalate_all_overdue(create_session_factory(engine))
        finally:
            await engine.dispose()

    try:
        escalated = asyncio.run(main())
    except AppError as exc:
        # The working-day calendar ends before the new deadlines would (beyond-calendar):
        # the batch in hand is rolled back, earlier batches stay escalated.
        print(f"escalate-overdue stopped: {exc.detail}", file=sys.stderr)
        return 1
    print(f"escalated {escalated} overdue assignments")
    return 0


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
    serve.add_argument(
        "--deliver-events",
        action="store_true",
        help="deliver webhooks from the server too (development; production runs "
        "`pintu deliver-events` apart)",
    )
    serve.set_defaults(func=cmd_serve)

    migrate = sub.add_parser("migrate", help="apply database migrations")
    migrate.add_argument("revision", nargs="?", default="head")
    migrate.set_defaults(func=cmd_migrate)

    key = sub.add_parser("create-api-key", help="create an API key and print it once")
    key.add_argument("--name", required=True, help="who or what uses the key")
    key.add_argument("--role", required=True, choices=[r.value for r in Role])
    key.add_argument("--expires-at", help="ISO 8601 time when the key stops working")
    key.add_argument("--unit", help="for an agency key: the unit it acts for (GET /v1/units)")
    key.add_argument(
        "--channel", help="for a client key: the channel it records and reads (GET /v1/channels)"
    )
    key.set_defaults(func=cmd_create_api_key)

    mirror_commands.register(sub)
    demo_commands.register(sub)
    dedup_commands.register(sub)
    privacy_commands.register(sub)
    events_commands.register(sub)

    escalate = sub.add_parser(
        "escalate-overdue",
        help="escalate every overdue assignment to its unit's parent (safe to run on several "
        "machines at once)",
    )
    escalate.set_defaults(func=cmd_escalate_overdue)

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
            print(f"configuration error: {where}: {error_message(error)}", file=sys.stderr)
        return 2
    configure_logging(settings.log_style, settings.log_level)
    try:
        return int(args.func(args))
    except EmbeddedPostgresMissing as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
