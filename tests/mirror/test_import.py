"""`pintu import-jaki`: backfill from a file into a database of their own."""

from __future__ import annotations

import asyncio
import gzip
import json

import pytest
from sqlalchemy import func, select

from app import cli
from app.kit.db import create_engine, create_session_factory
from app.mirror.importer import import_file
from app.models import Complaint, ComplaintEvent
from tests.factories import jaki_report
from tests.statements import count

JAKI_ROWS = select(func.count()).select_from(Complaint).where(Complaint.channel_code == "jaki")
EVENTS = select(func.count()).select_from(ComplaintEvent)


def _export(path, reports, *, gzipped: bool) -> None:
    text = "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in reports)
    if gzipped:
        path.write_bytes(gzip.compress(text.encode()))
    else:
        path.write_text(text)


@pytest.mark.parametrize("gzipped", [False, True], ids=["plain", "gzip"])
def test_import_stores_every_report_and_a_rerun_writes_nothing(command_database, tmp_path, gzipped):
    reports = [jaki_report(id=f"JAKI-{n:05d}") for n in range(2500)]
    path = tmp_path / ("export.jsonl.gz" if gzipped else "export.jsonl")
    _export(path, reports, gzipped=gzipped)

    async def run():
        engine = create_engine(command_database, pool_size=2)
        try:
            return await import_file(create_session_factory(engine), path, batch_size=1000)
        finally:
            await engine.dispose()

    first = asyncio.run(run())
    assert (first.lines, first.totals.created, first.refused) == (2500, 2500, [])
    assert count(command_database, JAKI_ROWS) == 2500
    events = count(command_database, EVENTS)

    second = asyncio.run(run())
    assert (second.totals.created, second.totals.unchanged) == (0, 2500)
    assert count(command_database, EVENTS) == events


def test_import_command_reports_refused_lines_by_number_and_a_summary(
    command_database, tmp_path, capsys
):
    lines = [
        jaki_report(id="OK-1"),
        "{not json",
        jaki_report(id="BAD-NIK", reporter={"nik": "3171063102880003"}),
        "",
        jaki_report(id="OK-2"),
    ]
    path = tmp_path / "export.jsonl"
    _export(path, lines, gzipped=False)

    assert cli.main(["import-jaki", str(path)]) == 0
    out, err = capsys.readouterr()
    # Standard error is no terminal here: the progress line is written once, at the end.
    [progress] = [line for line in err.splitlines() if " lines, " in line]
    assert progress.startswith("4 lines, ")  # the blank line is not counted
    assert "line 2 (id ?) refused: not valid JSON" in out
    assert "line 3 (id BAD-NIK) refused: reporter.nik:" in out
    assert "3171063102880003" not in out
    assert "created 2" in out and "refused 2" in out
    assert count(command_database, JAKI_ROWS) == 2


def test_import_refuses_lines_whose_extra_fields_cannot_be_stored(command_database, tmp_path):
    # json.dumps escapes NUL and lone surrogates (\u0000, \ud800), as an export would carry them.
    lines = [
        jaki_report(id="OK-1"),
        {**jaki_report(id="SURROGATE"), "meta": {"device": "android \ud800"}},
        {**jaki_report(id="NUL-NAME"), "tags": [{"a\u0000": 1}]},
        jaki_report(id="OK-2"),
    ]
    path = tmp_path / "export.jsonl"
    _export(path, lines, gzipped=False)

    async def run():
        engine = create_engine(command_database, pool_size=1)
        try:
            return await import_file(create_session_factory(engine), path)
        finally:
            await engine.dispose()

    summary = asyncio.run(run())
    assert summary.totals.created == 2
    assert [(e.line, e.id, e.field) for e in summary.refused] == [
        (2, "SURROGATE", "meta.device"),
        (3, "NUL-NAME", None),
    ]
    assert all("NUL" in e.detail and "surrogate" in e.detail for e in summary.refused)
    assert count(command_database, JAKI_ROWS) == 2


def test_import_command_refuses_a_missing_file(command_database, capsys):
    assert cli.main(["import-jaki", "no-such-export.jsonl"]) == 2
    assert "no such file" in capsys.readouterr().err
