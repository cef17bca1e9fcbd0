"""`pintu dedup-reindex`: texts normalised for rows that lack them; name frequencies recounted."""

from __future__ import annotations

import uuid

from sqlalchemy import select, update

from app.complaints.service import reindex_batch
from app.matching import repository
from app.matching.service import refresh_name_counts
from app.models import Complaint
from app.models.roles import Role
from tests.factories import create_complaint, mirror_jaki_report


async def test_missing_match_texts_place_keys_and_records_are_filled_in_batches(
    client, auth, session
):
    made = [await create_complaint(client, auth(Role.DESK)) for _ in range(4)]
    ids = [uuid.UUID(c["id"]) for c in made]
    stored = select(Complaint.place_keys).where(Complaint.id.in_(ids))
    assert (await session.scalars(stored)).all() == [["31.71 medan merdeka selatan"]] * 4
    # Rows stored before the place keys existed have a match text but no keys.
    await session.execute(
        update(Complaint).where(Complaint.id.in_(ids[:3])).values(match_text=None)
    )
    await session.execute(
        update(Complaint).where(Complaint.id.in_(ids[2:])).values(place_keys=None)
    )
    # And rows stored before the place records existed have keys but no record.
    records = select(Complaint.place_record).where(Complaint.id.in_(ids))
    record = (await session.scalars(records)).first()
    await session.execute(
        update(Complaint).where(Complaint.id.in_(ids[1:])).values(place_record=None)
    )

    done, after = 0, None
    while True:
        count, after = await reindex_batch(session, after=after, only_missing=True, size=2)
        if count == 0:
            break
        done += count

    assert done == 4
    texts = (await session.scalars(select(Complaint.match_text).where(Complaint.id.in_(ids)))).all()
    assert all("bpnt" in text.split() for text in texts)
    assert (await session.scalars(stored)).all() == [["31.71 medan merdeka selatan"]] * 4
    assert record is not None and "medan merdeka selatan" in record.split("\x1f")
    assert (await session.scalars(records)).all() == [record] * 4


async def test_name_counts_come_from_the_mirrored_reporters(client, auth, session):
    feed, reader = auth(Role.INTEGRATION), auth(Role.VIEWER)
    for n, name in enumerate(["Siti Rahmawati", "Bapak Budi Santoso", "Siti Aminah"]):
        reporter = {"name": name, "phone": f"0812-0000-00{n:02d}"}
        await mirror_jaki_report(client, feed, reader, id=f"JAKI-2026-07{n:05d}", reporter=reporter)

    counted = await refresh_name_counts(session)

    counts, total, _ = await repository.lookups(session, ["siti", "budi", "bapak"])
    assert counted == total >= 3
    assert counts["siti"] >= 2 and counts["budi"] >= 1
    assert "bapak" not in counts  # a title is not a name
