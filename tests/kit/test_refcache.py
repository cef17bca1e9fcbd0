"""Reference caches: read once per process, read again on refresh, forgotten on clear, and all
loaded by the application's lifespan before the first request."""

from __future__ import annotations

import json
import logging
from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.kit import refcache
from app.kit.refcache import KeyedReferenceCache, ReferenceCache
from app.matching.model import SHIPPED
from app.models import DedupModel, Holiday
from app.regions import service as regions_service
from app.workdays import service as workdays_service
from tests.statements import statements_sent

NEW_YEAR = date(2025, 1, 1)
NOT_A_HOLIDAY = date(2025, 2, 12)


class Reads:
    """Loaders that read the database and count how often they were called."""

    def __init__(self) -> None:
        self.count = 0

    async def days_off(self, session: AsyncSession) -> frozenset[date]:
        self.count += 1
        return frozenset(await session.scalars(select(Holiday.day)))

    async def nothing(self, session: AsyncSession) -> None:
        self.count += 1

    async def days_off_of_kind(self, session: AsyncSession, kind: str) -> int:
        self.count += 1
        return await session.scalar(
            select(func.count()).select_from(Holiday).where(Holiday.kind == kind)
        )


@pytest.fixture
def own_registry(monkeypatch):
    """The test's caches register apart from the application's, which stay as they are."""
    monkeypatch.setattr(refcache, "_registry", {})


async def _add_day_off(session: AsyncSession) -> None:
    session.add(Holiday(day=NOT_A_HOLIDAY, name="Test day off", kind="provisional"))
    await session.flush()


async def test_the_first_get_loads_the_value(own_registry, session):
    reads = Reads()
    cache = ReferenceCache("days off", reads.days_off)
    assert not cache.loaded

    days = await cache.get(session)

    assert NEW_YEAR in days
    assert reads.count == 1
    assert cache.loaded


async def test_many_gets_load_once_and_send_no_query(own_registry, session, engine):
    reads = Reads()
    cache = ReferenceCache("days off", reads.days_off)
    first = await cache.get(session)

    with statements_sent(engine) as statements:
        later = [await cache.get(session) for _ in range(5)]

    assert statements == []
    assert reads.count == 1
    assert all(days is first for days in later)


async def test_a_loaded_none_is_kept_like_any_value(own_registry, session):
    reads = Reads()
    cache = ReferenceCache("nothing", reads.nothing)

    assert await cache.get(session) is None
    assert await cache.get(session) is None
    assert reads.count == 1
    assert cache.loaded


async def test_refresh_reads_again_what_get_kept(own_registry, session):
    reads = Reads()
    cache = ReferenceCache("days off", reads.days_off)
    await cache.get(session)
    await _add_day_off(session)

    assert NOT_A_HOLIDAY not in await cache.get(session)  # kept, not read again
    assert NOT_A_HOLIDAY in await cache.refresh(session)
    assert NOT_A_HOLIDAY in await cache.get(session)
    assert reads.count == 2


async def test_clear_forgets_and_the_next_get_reads_again(own_registry, session):
    reads = Reads()
    cache = ReferenceCache("days off", reads.days_off)
    await cache.get(session)

    cache.clear()

    assert not cache.loaded
    await _add_day_off(session)
    assert NOT_A_HOLIDAY in await cache.get(session)
    assert reads.count == 2


async def test_a_keyed_cache_loads_each_key_once(own_registry, session):
    reads = Reads()
    cache = KeyedReferenceCache("days off by kind", reads.days_off_of_kind)

    national = await cache.get(session, "national")
    again = await cache.get(session, "national")
    cuti = await cache.get(session, "cuti_bersama")

    assert national == again > 0
    assert cuti > 0
    assert reads.count == 2
    assert cache.held == {"national", "cuti_bersama"}


async def test_a_keyed_refresh_forgets_and_loads_what_warm_names(own_registry, session):
    reads = Reads()

    async def national_only(session: AsyncSession) -> list[str]:
        return ["national"]

    cache = KeyedReferenceCache("days off by kind", reads.days_off_of_kind, warm=national_only)
    before = await cache.get(session, "provisional")
    await cache.get(session, "cuti_bersama")
    await _add_day_off(session)

    assert await cache.refresh(session) == {"national"}
    assert cache.held == {"national"}
    assert await cache.get(session, "provisional") == before + 1  # read again after refresh
    cache.clear()
    assert cache.held == frozenset()


async def test_two_caches_cannot_share_a_name(own_registry):
    reads = Reads()
    ReferenceCache("days off", reads.days_off)

    with pytest.raises(ValueError, match="days off"):
        ReferenceCache("days off", reads.days_off)


async def test_load_all_loads_every_registered_cache_and_clear_all_forgets_them(
    own_registry, session
):
    reads = Reads()

    async def national_only(session: AsyncSession) -> list[str]:
        return ["national"]

    days = ReferenceCache("days off", reads.days_off)
    nothing = ReferenceCache("nothing", reads.nothing)
    by_kind = KeyedReferenceCache("days off by kind", reads.days_off_of_kind, warm=national_only)
    assert [c.name for c in refcache.registered()] == ["days off", "nothing", "days off by kind"]

    await refcache.load_all(session)

    assert days.loaded and nothing.loaded
    assert by_kind.held == {"national"}
    assert reads.count == 3
    refcache.clear_all()
    assert not days.loaded and not nothing.loaded
    assert by_kind.held == frozenset()


APPLICATION_CACHES = {
    "regions.levels",
    "workdays.calendar",
    "regions.locator",
    "matching.reference",
    "matching.models",
}


@pytest.fixture
def forgotten_reference_data():
    """Every application cache empty before the test and after it (the test's database holds
    a learned model no other test should be scored with)."""
    refcache.clear_all()
    yield
    refcache.clear_all()


async def test_the_lifespan_loads_every_cache_before_the_first_request(
    own_database, workers, forgotten_reference_data
):
    async with own_database.app.state.session_factory() as s, s.begin():
        learned = DedupModel(source="test", weights=json.loads(SHIPPED.read_text("utf-8")))
        s.add(learned)
    caches = {c.name: c for c in refcache.registered()}
    assert set(caches) >= APPLICATION_CACHES
    assert not any(c.loaded if isinstance(c, ReferenceCache) else c.held for c in caches.values())

    worker = await workers()

    assert all(c.loaded for c in caches.values() if isinstance(c, ReferenceCache))
    assert caches["matching.models"].held == {learned.version}
    # What the first requests check against is there without a query.
    with statements_sent(worker.engine) as statements:
        async with worker.app.state.session_factory() as s:
            await regions_service.require_level(s, "31.71.01.1001", "kelurahan", field="k")
            assert NEW_YEAR in (await workdays_service.working_calendar(s)).days_off
    assert statements == []


async def test_a_cache_that_cannot_be_built_does_not_stop_the_start(
    own_database, workers, forgotten_reference_data, caplog
):
    async with own_database.app.state.session_factory() as s, s.begin():
        s.add(DedupModel(source="test", weights={"format": 0, "rules": {}}))  # not a model

    with caplog.at_level(logging.ERROR, logger="pintu.startup"):
        worker = await workers()

    assert (await worker.client.get("/healthz")).status_code == 200
    assert [r.message for r in caplog.records if r.name == "pintu.startup"] == [
        "reference data not read at start-up; each cache loads on first use"
    ]
    # Nothing half-read is kept: every cache loads on first use, as before the start-up read.
    assert not any(
        c.loaded if isinstance(c, ReferenceCache) else c.held for c in refcache.registered()
    )
