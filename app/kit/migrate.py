"""Running Alembic from the app: find its configuration, upgrade, read the head revision, and
hand commands a database at head.

It uses app.kit.db (an engine to read the revision with, the URL to reach); app.kit.db knows
nothing of migrations."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

from app.kit.config import Settings
from app.kit.db import create_engine, resolve_database_url


def alembic_config(database_url: str | None = None) -> Config:
    """Alembic's configuration: alembic.ini beside the `app` package, or in the current folder."""
    candidates = [
        Path(__file__).resolve().parent.parent / "alembic.ini",
        Path.cwd() / "alembic.ini",
    ]
    ini = next((p for p in candidates if p.exists()), None)
    if ini is None:
        raise RuntimeError("alembic.ini not found beside the app or in the current folder")
    config = Config(str(ini))
    config.attributes["configure_logger"] = False
    if database_url:
        config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def head_revision() -> str:
    """The revision the code expects the database to be at."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def upgrade(database_url: str, revision: str = "head") -> None:
    """Apply migrations up to `revision`."""
    command.upgrade(alembic_config(database_url), revision)


def current_revision(database_url: str) -> str | None:
    """The revision the database is at (None before the first migration)."""
    import asyncio

    from sqlalchemy import text

    async def read() -> str | None:
        engine = create_engine(database_url, pool_size=1)
        try:
            async with engine.connect() as conn:
                exists = await conn.scalar(text("SELECT to_regclass('alembic_version')"))
                if exists is None:
                    return None
                return await conn.scalar(text("SELECT version_num FROM alembic_version"))
        finally:
            await engine.dispose()

    return asyncio.run(read())


def prepared_database_url(settings: Settings) -> str:
    """The database URL for a command that needs the schema at head: outside production it is
    migrated first (idempotent); in production a database behind the code is an error."""
    url = resolve_database_url(settings)
    if not settings.is_production:
        upgrade(url)
    elif (current := current_revision(url)) != head_revision():
        raise SystemExit(
            f"the database is at {current}, the code needs {head_revision()}: "
            "run `pintu migrate` first"
        )
    return url
