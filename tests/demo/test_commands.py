"""`pintu demo-data` and the demo set `pintu serve` offers: loaded into a database of their own."""

from __future__ import annotations

import asyncio
import logging

import pytest
from sqlalchemy import func, select

from app import cli
from app.demo import commands as demo_commands
from app.kit.config import get_settings
from app.kit.db import create_engine
from app.kit.migrate import upgrade
from app.models import Complaint, JakiReport


async def _count(url: str, stmt) -> int:
    engine = create_engine(url, pool_size=1)
    try:
        async with engine.connect() as conn:
            return int(await conn.scalar(stmt) or 0)
    finally:
        await engine.dispose()


def count(url: str, stmt) -> int:
    return asyncio.run(_count(url, stmt))


JAKI_ROWS = select(func.count()).select_from(Complaint).where(Complaint.channel_code == "jaki")


@pytest.fixture
def database(scratch, monkeypatch):
    url = scratch.create("demo")
    upgrade(url)
    monkeypatch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level  # `pintu` configures logging: put it back
    yield url
    root.handlers[:], root.level = handlers, level
    get_settings.cache_clear()


def test_demo_data_writes_and_loads_a_realistic_set(database, tmp_path, capsys):
    args = ["demo-data", "--jaki", "400", "--walk-in", "30", "--out", str(tmp_path), "--load"]
    assert cli.main(args) == 0
    assert "loaded 400 JAKI reports and 30 walk-in complaints" in capsys.readouterr().out
    assert count(database, JAKI_ROWS) == 400
    walk_ins = (
        select(func.count()).select_from(Complaint).where(Complaint.channel_code == "walk_in")
    )
    assert count(database, walk_ins) == 30
    # About 15% of demo reports come without a kelurahan: Pintu derives it from the point.
    derived = (
        select(func.count())
        .select_from(JakiReport)
        .where(JakiReport.kelurahan_source == "nearest_point")
    )
    assert 20 <= count(database, derived) <= 120


@pytest.mark.parametrize(("answer", "loaded"), [("yes", 1000), ("no", 0)])
def test_make_run_loads_the_demo_set_into_an_empty_database_when_asked(
    database, monkeypatch, tmp_path, answer, loaded
):
    monkeypatch.setenv("PINTU_DEMO", answer)
    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    get_settings.cache_clear()
    demo_commands.offer_demo(database, get_settings())
    assert count(database, JAKI_ROWS) == loaded
    if loaded:
        demo_commands.offer_demo(database, get_settings())  # not empty any more: nothing added
        assert count(database, JAKI_ROWS) == loaded
