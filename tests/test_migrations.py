"""The schema is made only by migrations: models agree with them, and down/up round-trips."""

import asyncio
import subprocess
import sys

from alembic import command
from sqlalchemy import text

from app.kit.db import create_engine
from app.kit.migrate import alembic_config, head_revision


async def _scalar(url: str, sql: str):
    engine = create_engine(url, pool_size=1)
    try:
        async with engine.connect() as conn:
            return await conn.scalar(text(sql))
    finally:
        await engine.dispose()


def test_models_match_migrations_and_downgrade_upgrade_round_trips(scratch):
    url = scratch.create("migrations")
    config = alembic_config(url)

    command.upgrade(config, "head")
    command.check(config)  # raises if the models and the migrated schema differ
    assert asyncio.run(_scalar(url, "SELECT count(*) FROM regions")) == 318

    command.downgrade(config, "base")
    assert asyncio.run(_scalar(url, "SELECT to_regclass('complaints')")) is None

    command.upgrade(config, "head")
    command.check(config)
    assert asyncio.run(_scalar(url, "SELECT version_num FROM alembic_version")) == head_revision()
    assert asyncio.run(_scalar(url, "SELECT count(*) FROM regions WHERE level='kelurahan'")) == 267


def test_replicas_migrating_at_once_migrate_one_after_the_other(scratch):
    # Three processes, as three replicas starting together. Without the lock, the later ones
    # would create the same tables again and fail.
    url = scratch.create("migrations_at_once")
    code = "import sys; from app.kit.migrate import upgrade; upgrade(sys.argv[1])"
    replicas = [
        subprocess.Popen([sys.executable, "-c", code, url], stderr=subprocess.PIPE, text=True)  # noqa: S603
        for _ in range(3)
    ]
    errors = [replica.communicate(timeout=120)[1] for replica in replicas]
    assert [replica.returncode for replica in replicas] == [0, 0, 0], errors
    assert asyncio.run(_scalar(url, "SELECT version_num FROM alembic_version")) == head_revision()
