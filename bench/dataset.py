"""A database of a million complaints for the API benchmarks, built in a few minutes.

Importing a million reports through `pintu import-jaki` takes about five minutes on two cores,
too long for `make bench`. Instead a seed of real reports (`--seed` of them, spread over three
years) is imported with the importer's own code — text normalised for matching, NIK and phone
encrypted and blind-indexed, JAKI details, a history line each — and then cloned in SQL until
the mirror holds the wanted number: each clone gets a new id, tracking number and JAKI id, a
random time in the same three years (JAKI's own times moved with it; the follow-ups' are
not), a point moved by up to
about 200 m and blind indexes of its own (so one person does not appear twenty times). Secondary
indexes are dropped during the copy and built afterwards, as a bulk load should.

The database is kept on the benchmarks' server under a name that carries its size and this
file's version, and reused (migrated to the code's schema) by later runs: delete it (or pass
`--rebuild`) to build it again. Benchmarks add a few thousand walk-in complaints and some keys
to it per run.
"""

from __future__ import annotations

import asyncio
import time
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection, create_async_engine

from app.kit.db import async_url, create_engine, create_session_factory
from app.mirror.importer import import_file
from bench.common import admin, export_file, server_url

DAYS = 3 * 365
SEED_REPORTS = 50_000
VERSION = 2  # change when what this file builds changes: older databases are then rebuilt
CLONED = ("complaints", "jaki_reports", "complaint_events")


def _say(line: str) -> None:
    print(line, flush=True)


def database_name(size: int) -> str:
    return f"pintu_bench_{size}_v{VERSION}"


async def _is_complete(url: str) -> bool:
    engine = create_async_engine(async_url(url))
    try:
        async with engine.connect() as conn:
            found = await conn.scalar(text("SELECT to_regclass('bench_dataset') IS NOT NULL"))
            return bool(found) and bool(await conn.scalar(text("SELECT done FROM bench_dataset")))
    finally:
        await engine.dispose()


async def _columns(conn: AsyncConnection, table: str) -> list[str]:
    rows = await conn.execute(
        text(
            "SELECT column_name FROM information_schema.columns WHERE table_name = :t "
            "AND table_schema = 'public' AND is_generated = 'NEVER' "
            "AND is_identity = 'NO' ORDER BY ordinal_position"
        ),
        {"t": table},
    )
    return [r[0] for r in rows]


async def _drop_secondary_indexes(conn: AsyncConnection, table: str) -> list[str]:
    """Drop the table's indexes that back no constraint; their definitions, to build again."""
    rows = await conn.execute(
        text(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "WHERE i.indrelid = CAST(:t AS regclass) AND NOT EXISTS "
            "(SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)"
        ),
        {"t": table},
    )
    definitions = []
    for name, definition in rows.all():
        await conn.execute(text(f"DROP INDEX {name}"))
        definitions.append(definition)
    return definitions


def _select_list(columns: list[str], overrides: dict[str, str], source: str) -> str:
    return ", ".join(overrides.get(c, f"{source}.{c}") for c in columns)


def _index_of(column: str) -> str:
    # A blind index of the clone's own: 32 bytes like the real ones, matching no one else.
    return (
        f"CASE WHEN c.{column} IS NULL THEN NULL "
        f"ELSE sha256(convert_to(m.dst::text || '{column}', 'UTF8')) END"
    )


async def _clone(conn: AsyncConnection, extra: int) -> None:
    """Add `extra` clones of the mirrored reports already in the database."""
    await conn.execute(text("SET session_replication_role = replica"))  # data is consistent
    await conn.execute(text("SET maintenance_work_mem = '512MB'"))
    span = (
        await conn.execute(text("SELECT min(reported_at), max(reported_at) FROM complaints"))
    ).one()
    low, high = span
    seconds = (high - low).total_seconds()
    copies = -(-extra // max(1, await conn.scalar(text("SELECT count(*) FROM complaints")) or 1))
    await conn.execute(
        text(
            "CREATE TEMP TABLE clone_map AS "
            "SELECT c.id AS src, gen_random_uuid() AS dst, k, "
            "  (CAST(:low AS timestamptz) + random() * :seconds * interval '1 second')"
            "    - c.reported_at AS shift, "
            "  (random() - 0.5) * 0.004 AS dlat, (random() - 0.5) * 0.004 AS dlon "
            "FROM complaints c CROSS JOIN generate_series(1, :copies) AS k "
            "WHERE c.channel_code = 'jaki' LIMIT :extra"
        ),
        {"low": low, "seconds": seconds, "copies": copies, "extra": extra},
    )
    await conn.execute(text("CREATE INDEX ON clone_map (src)"))
    await conn.execute(text("ANALYZE clone_map"))
    rebuild: list[str] = []
    for table in CLONED:
        rebuild += await _drop_secondary_indexes(conn, table)

    columns = await _columns(conn, "complaints")
    year = "extract(year FROM timezone('Asia/Jakarta', c.reported_at + m.shift))::int"
    overrides = {
        "id": "m.dst",
        "tracking_number": (
            f"split_part(c.tracking_number, '-', 1) || '-' || {year} || '-' || "
            f"lpad((100000 + row_number() OVER (PARTITION BY {year} ORDER BY m.dst))::text,"
            " 6, '0')"
        ),
        "external_id": "c.external_id || '-' || m.k",
        "reported_at": "c.reported_at + m.shift",
        "lat": "c.lat + m.dlat",
        "lon": "c.lon + m.dlon",
        "nik_index": _index_of("nik_index"),
        "phone_index": _index_of("phone_index"),
        "email_index": _index_of("email_index"),
        "duplicate_of_id": "NULL",
    }
    await conn.execute(
        text(
            f"INSERT INTO complaints ({', '.join(columns)}) "
            f"SELECT {_select_list(columns, overrides, 'c')} "
            "FROM clone_map m JOIN complaints c ON c.id = m.src"
        )
    )
    columns = await _columns(conn, "jaki_reports")
    overrides = {
        "complaint_id": "m.dst",
        "jaki_created_at": "j.jaki_created_at + m.shift",
        "jaki_updated_at": "j.jaki_updated_at + m.shift",
    }
    await conn.execute(
        text(
            f"INSERT INTO jaki_reports ({', '.join(columns)}) "
            f"SELECT {_select_list(columns, overrides, 'j')} "
            "FROM clone_map m JOIN jaki_reports j ON j.complaint_id = m.src"
        )
    )
    columns = await _columns(conn, "complaint_events")
    overrides = {"complaint_id": "m.dst", "occurred_at": "e.occurred_at + m.shift"}
    await conn.execute(
        text(
            f"INSERT INTO complaint_events ({', '.join(columns)}) "
            f"SELECT {_select_list(columns, overrides, 'e')} "
            "FROM clone_map m JOIN complaint_events e ON e.complaint_id = m.src"
        )
    )
    # Name frequencies and tracking counters as if every clone had been imported.
    await conn.execute(text(f"UPDATE dedup_name_counts SET count = count * {copies + 1}"))
    await conn.execute(
        text(
            "INSERT INTO tracking_counters (channel_code, year, last_value) "
            "SELECT channel_code, "
            "  extract(year FROM timezone('Asia/Jakarta', reported_at))::int AS year, "
            "  max(split_part(tracking_number, '-', 3)::int) FROM complaints "
            "GROUP BY 1, 2 ON CONFLICT (channel_code, year) "
            "DO UPDATE SET last_value = excluded.last_value"
        )
    )
    await conn.commit()
    _say(f"  cloned in SQL; building {len(rebuild)} indexes …")
    for definition in rebuild:
        await conn.execute(text(definition))
        await conn.commit()


async def _build(url: str, size: int, seed: int) -> None:
    started = time.monotonic()
    path = export_file(seed, days=DAYS)
    engine = create_engine(url, pool_size=2)
    try:
        summary = await import_file(create_session_factory(engine), path)
        _say(
            f"  imported a seed of {summary.totals.created:,} reports at {summary.rate:,.0f}/s "
            "with the importer"
        )
        async with engine.connect() as conn:
            have = int(await conn.scalar(text("SELECT count(*) FROM complaints")) or 0)
            if size > have:
                await _clone(conn, size - have)
        async with engine.connect() as conn:
            await conn.execute(text("CREATE TABLE bench_dataset (done boolean NOT NULL)"))
            await conn.execute(text("INSERT INTO bench_dataset VALUES (false)"))
            await conn.commit()
        autocommit = engine.execution_options(isolation_level="AUTOCOMMIT")
        async with autocommit.connect() as conn:
            await conn.execute(text("VACUUM (ANALYZE)"))
        async with engine.begin() as conn:
            await conn.execute(text("UPDATE bench_dataset SET done = true"))
    finally:
        await engine.dispose()
    _say(f"  built in {time.monotonic() - started:.0f}s")


def ensure(size: int, *, seed: int = SEED_REPORTS, rebuild: bool = False) -> str:
    """The URL of a database of `size` complaints (mirrored JAKI reports), built if missing."""
    from app.kit.migrate import upgrade

    server = server_url()
    name = database_name(size)
    url = make_url(server).set(database=name).render_as_string(hide_password=False)
    exists = asyncio.run(admin(server, f"SELECT 1 FROM pg_database WHERE datname = '{name}'"))
    if exists and not rebuild and asyncio.run(_is_complete(url)):
        _say(f"using the benchmark database of {size:,} complaints built earlier ({name})")
        upgrade(url)
        return url
    _say(f"building a benchmark database of {size:,} complaints ({name}) …")
    asyncio.run(admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    asyncio.run(admin(server, f'CREATE DATABASE "{name}"'))
    upgrade(url)
    asyncio.run(_build(url, size, min(seed, size)))
    return url


def latest_reported(url: str) -> datetime:
    """When the newest mirrored report was made."""

    async def _latest() -> datetime:
        engine = create_async_engine(async_url(url))
        try:
            async with engine.connect() as conn:
                return await conn.scalar(text("SELECT max(reported_at) FROM complaints"))  # type: ignore[no-any-return]
        finally:
            await engine.dispose()

    return asyncio.run(_latest())


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=SEED_REPORTS)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    print(ensure(args.size, seed=args.seed, rebuild=args.rebuild))
