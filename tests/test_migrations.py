"""The schema is made only by migrations: models agree with them, and down/up round-trips."""

import asyncio

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
