"""Import throughput: `pintu import-jaki` against a raw asyncpg COPY of the same rows.

    .venv/bin/python bench/bench_import.py [--reports 1000000]

Both run in the same process on the same server, one after the other, each into a fresh
database: Pintu into the full mirror (complaints with all their indexes, JAKI details, history,
personal data encrypted), the baseline into a bare table with no index. The ratio is what
Pintu's work costs on top of the fastest way to get the same rows into PostgreSQL.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import asyncpg

from app.kit.db import async_url, create_engine, create_session_factory
from app.mirror.importer import Progress, import_file, open_export
from bench.common import export_file, fresh_database, machine

BARE_TABLE = """
CREATE TABLE bare_reports (
    id text, created_at timestamptz, updated_at timestamptz, status text, category text,
    description text, lat double precision, lon double precision, address text,
    kelurahan_code text, reporter jsonb, follow_ups jsonb
)"""


async def pintu_import(url: str, path: Path) -> tuple[float, int]:
    engine = create_engine(url, pool_size=2)
    try:
        summary = await import_file(create_session_factory(engine), path, progress=Progress())
    finally:
        await engine.dispose()
    return summary.rate, summary.totals.created


def _row(report: dict) -> tuple:
    return (
        report["id"],
        datetime.fromisoformat(report["created_at"]),
        datetime.fromisoformat(report["updated_at"]),
        report["status"],
        report["category"],
        report["description"],
        report.get("lat"),
        report.get("lon"),
        report.get("address"),
        report.get("kelurahan_code"),
        json.dumps(report.get("reporter")),
        json.dumps(report.get("follow_ups", [])),
    )


async def raw_copy(url: str, path: Path, batch: int = 1000) -> float:
    dsn = async_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute(BARE_TABLE)
        started, rows = time.monotonic(), 0
        with open_export(path) as lines:
            records: list[tuple] = []
            for line in lines:
                records.append(_row(json.loads(line)))
                if len(records) == batch:
                    await conn.copy_records_to_table("bare_reports", records=records)
                    rows += len(records)
                    records = []
            if records:
                await conn.copy_records_to_table("bare_reports", records=records)
                rows += len(records)
        return rows / (time.monotonic() - started)
    finally:
        await conn.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1_000_000)
    args = parser.parse_args()
    path = export_file(args.reports)

    with fresh_database("copy") as url:
        baseline = asyncio.run(raw_copy(url, path))
    print(f"baseline  raw asyncpg COPY, bare table: {baseline:>9,.0f} reports/s", flush=True)
    with fresh_database("import") as url:
        rate, created = asyncio.run(pintu_import(url, path))
        print(
            f"pintu     import-jaki, full mirror:     {rate:>9,.0f} reports/s "
            f"({created:,} created)",
            flush=True,
        )
        again, _ = asyncio.run(pintu_import(url, path))
        print(f"pintu     import-jaki again (unchanged): {again:>8,.0f} reports/s", flush=True)
    print(
        f"ratio     pintu / baseline: {rate / baseline:.2f}   "
        f"(target >= 10,000 reports/s; {args.reports:,} reports; {machine()})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
