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
    out = capsys.readouterr().out
    assert "JAKI reports: 400 read; 400 new, 0 updated" in out
    assert "walk-in complaints: 30 recorded, 0 already there" in out
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


def test_a_bigger_set_adds_to_a_smaller_one_and_says_what_it_did(
    command_database, tmp_path, capsys
):
    small = ["demo-data", "--jaki", "300", "--walk-in", "12", "--out", str(tmp_path / "s")]
    assert cli.main([*small, "--load"]) == 0
    capsys.readouterr()
    big = ["demo-data", "--jaki", "1200", "--walk-in", "30", "--out", str(tmp_path / "b")]
    assert cli.main([*big, "--load"]) == 0
    out = capsys.readouterr().out

    # The 300 are among the 1,200, unchanged: no report was rewritten.
    assert "wrote 1,200 JAKI reports" in out
    assert "JAKI reports: 1,200 read; 900 new, 0 updated, 300 already there unchanged" in out
    assert count(command_database, JAKI_ROWS) == 1200
    # Walk-ins name the JAKI set they restate: a new set's are new complaints.
    assert "walk-in complaints: 30 recorded, 0 already there" in out
    assert cli.main([*big, "--load"]) == 0
    again = capsys.readouterr().out
    assert "0 new, 0 updated, 1,200 already there unchanged" in again
    assert "walk-in complaints: 0 recorded, 30 already there (skipped)" in again
    walk_ins = (
        select(func.count()).select_from(Complaint).where(Complaint.channel_code == "walk_in")
    )
    assert count(command_database, walk_ins) == 42


def test_make_run_without_a_terminal_says_it_loaded_nothing(
    command_database, monkeypatch, tmp_path, capsys
):
    monkeypatch.delenv("PINTU_DEMO", raising=False)
    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    get_settings.cache_clear()
    demo_commands.offer_demo(command_database, get_settings())
    out = capsys.readouterr().out
    assert "No terminal to ask on: demo data not loaded" in out
    assert "pintu demo-data --load" in out
    assert count(command_database, JAKI_ROWS) == 0
