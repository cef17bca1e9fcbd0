"""The feed's order is the order transactions committed in, on committed data in a database of
the test's own: a transaction that began first but commits last is read after, never skipped."""

from __future__ import annotations

import uuid

from app.events import emit
from app.models.roles import Role
from tests.factories import bare_event


async def _feed(own, after=None):
    params = {"after": after} if after else {}
    page = await own.client.get("/v1/events", params=params, headers=own.auth(Role.VIEWER))
    assert page.status_code == 200, page.text
    return page.json()


async def test_a_later_commit_is_read_later_even_if_its_transaction_began_first(own_database):
    own, sessions = own_database, own_database.app.state.session_factory
    first, second = uuid.uuid4(), uuid.uuid4()
    async with sessions() as slow, sessions() as quick:
        await emit(slow, bare_event(first))  # takes its transaction id first
        await emit(quick, bare_event(second))
        await quick.commit()

        seen = await _feed(own)
        assert [e["complaint_id"] for e in seen["items"]] == [str(second)]

        await slow.commit()

    later = await _feed(own, seen["next_cursor"])
    assert [e["complaint_id"] for e in later["items"]] == [str(first)]
    everything = await _feed(own)
    assert [e["complaint_id"] for e in everything["items"]] == [str(second), str(first)]


async def test_a_rolled_back_transaction_leaves_nobare_event(own_database):
    own, sessions = own_database, own_database.app.state.session_factory
    async with sessions() as session:
        await emit(session, bare_event(uuid.uuid4()))
        await session.rollback()
        kept = uuid.uuid4()
        await emit(session, bare_event(kept))  # the same session's next transaction
        await session.commit()
    assert [e["complaint_id"] for e in (await _feed(own))["items"]] == [str(kept)]


async def test_a_savepoint_rolled_back_takes_its_events_with_it(own_database):
    own, sessions = own_database, own_database.app.state.session_factory
    kept, dropped = uuid.uuid4(), uuid.uuid4()
    async with sessions() as session:
        await emit(session, bare_event(kept))
        savepoint = await session.begin_nested()
        await emit(session, bare_event(dropped))
        await savepoint.rollback()
        await session.commit()
    assert [e["complaint_id"] for e in (await _feed(own))["items"]] == [str(kept)]
