"""`pintu demo-data` and the demo set `pintu serve` offers: loaded into a database of their own."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app import cli
from app.demo import commands as demo_commands
from app.kit.config import get_settings
from app.models import Complaint, JakiReport
from tests.statements import count

JAKI_ROWS = select(func.count()).select_from(Complaint).where(Complaint.channel_code == "jaki")


def test_demo_data_writes_and_loads_a_realistic_set(command_database, tmp_path, capsys):
    args = ["demo-data", "--jaki", "400", "--walk-in", "30", "--out", str(tmp_path), "--load"]
    assert cli.main(args) == 0
    assert "loaded 400 JAKI reports and 30 walk-in complaints" in capsys.readouterr().out
    assert count(command_database, JAKI_ROWS) == 400
    walk_ins = (
        select(func.count()).select_from(Complaint).where(Complaint.channel_code == "walk_in")
    )
    assert count(command_database, walk_ins) == 30
    # About 15% of demo reports come without a kelurahan: Pintu derives it from the point
    # (and the address, where that names one near the point).
    derived = (
        select(func.count())
        .select_from(JakiReport)
        .where(JakiReport.kelurahan_source.in_(["address", "nearest_point"]))
    )
    assert 20 <= count(command_database, derived) <= 120


@pytest.mark.parametrize(("answer", "loaded"), [("yes", 1000), ("no", 0)])
def test_make_run_loads_the_demo_set_into_an_empty_database_when_asked(
    command_database, monkeypatch, tmp_path, answer, loaded
):
    monkeypatch.setenv("PINTU_DEMO", answer)
    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    get_settings.cache_clear()
    demo_commands.offer_demo(command_database, get_settings())
    assert count(command_database, JAKI_ROWS) == loaded
    if loaded:
        demo_commands.offer_demo(
            command_database, get_settings()
        )  # not empty any more: nothing added
        assert count(command_database, JAKI_ROWS) == loaded
