"""`pintu pdp-erase`: the personal data goes from every row, the anonymised complaint stays."""

import uuid

from sqlalchemy import bindparam, select, text

from app.complaints.service import reindex_batch
from app.kit.textnorm import Address, read_place_record
from app.matching import repository as dedup_repository
from app.matching.service import refresh_name_counts
from app.models import Complaint, ErasedSubject
from app.models.roles import Role
from app.privacy import service
from tests.factories import create_complaint
from tests.privacy.subject import BUDI_NIK, WRITTEN, dump, hold_data_about_siti

NIK_SPACED = "3171 0145 0590 0002"  # as read off a KTP

PERSONAL = (
    "complainant_name",
    "nik_encrypted",
    "nik_index",
    "phone_encrypted",
    "phone_index",
    "email_encrypted",
    "email_index",
)


async def _raw(session, complaint_id):
    columns = ", ".join(PERSONAL)
    return (
        await session.execute(
            text(f"SELECT {columns} FROM complaints WHERE id = :id"),  # noqa: S608
            {"id": complaint_id},
        )
    ).one()


def _reveals(dumped: str, secrets) -> list[str]:
    return [s for s in secrets if s.lower() in dumped.lower()]


async def test_erase_removes_every_personal_field_from_every_row(client, auth, session):
    held = await hold_data_about_siti(client, auth, session)
    before = {id_: await _raw(session, id_) for id_ in (held.walk_in, held.jaki)}
    sealed = [bytes(v).hex() for row in before.values() for v in row[1:] if v is not None]
    assert len(sealed) == 12  # both complaints held NIK, phone and e-mail, sealed and indexed

    erasure = await service.erase(session, NIK_SPACED)

    assert (erasure.complaints, erasure.first) == (2, True)
    session.expire_all()
    for complaint_id in (held.walk_in, held.jaki):
        assert tuple(await _raw(session, complaint_id)) == (None,) * len(PERSONAL)
        row = await dump(session, "complaints", "id", complaint_id)
        assert _reveals(row, WRITTEN) == []
        assert [h for h in sealed if h in row] == []
        history = await dump(session, "complaint_events", "complaint_id", complaint_id)
        assert _reveals(history, WRITTEN) == []
    jaki = await dump(session, "jaki_reports", "complaint_id", held.jaki)
    assert _reveals(jaki, (*WRITTEN, "android-7f3a")) == []
    raw = await session.scalar(
        text("SELECT raw_encrypted FROM jaki_reports WHERE complaint_id = :id"),
        {"id": held.jaki},
    )
    assert raw is None
    for table, key, value in (
        ("assignments", "complaint_id", held.walk_in),
        ("follow_ups", "assignment_id", held.assignment),
    ):
        assert _reveals(await dump(session, table, key, value), WRITTEN) == [], table


async def test_erase_keeps_the_anonymised_complaint_and_its_history(client, auth, session):
    held = await hold_data_about_siti(client, auth, session)
    desk = auth(Role.DESK)
    history_before = await client.get(f"/v1/complaints/{held.walk_in}/history", headers=desk)
    kinds_before = [e["kind"] for e in history_before.json()["events"]]

    await service.erase(session, NIK_SPACED)

    walk_in = (await client.get(f"/v1/complaints/{held.walk_in}", headers=desk)).json()
    assert walk_in["complainant"] is None
    assert (walk_in["category"], walk_in["status"], walk_in["kelurahan_code"]) == (
        "bansos",
        "in_progress",
        "31.71.01.1001",
    )
    # The description stays, without her name and number; a complaint about a person loses
    # the place, where she lives, but for the kelurahan.
    assert walk_in["description"] == (
        "Bansos BPNT belum diterima. [dihapus] minta dihubungi di [dihapus]."
    )
    assert (walk_in["address"], walk_in["rt"], walk_in["lat"]) == (None, None, None)
    # Nor can the matcher's street route find her by the street she named.
    erased = await session.get(Complaint, held.walk_in)
    assert erased.place_keys == []
    assert erased.place_record is not None and set(erased.place_record.split("\x1f")) == {""}
    events = (await client.get(f"/v1/complaints/{held.walk_in}/history", headers=desk)).json()[
        "events"
    ]
    assert [e["kind"] for e in events] == [*kinds_before, "personal_data_erased"]
    assert events[-1]["actor"] == {"name": "pintu pdp-erase", "role": "admin"}

    jaki = (await client.get(f"/v1/complaints/{held.jaki}", headers=desk)).json()
    assert jaki["complainant"] is None and jaki["external_id"] == "JAKI-2026-0000777"
    assert jaki["description"] == "BPNT blm cair 3 bulan. a.n. [dihapus] NIK [dihapus]"
    assert jaki["jaki"]["raw"] is None and jaki["jaki"]["raw_fields"] is None
    assert jaki["jaki"]["follow_ups"][0]["note"] == "Ibu [dihapus] sudah dihubungi di [dihapus]"
    stored = await session.get(Complaint, held.jaki)
    assert stored.personal_data_erased_at is not None
    assert "rahmawati" not in stored.match_text.split()

    # Budi's pothole report is not hers: untouched.
    budi = (await client.get(f"/v1/complaints/{held.budi}", headers=desk)).json()
    assert budi["complainant"]["nik"] == BUDI_NIK
    assert budi["address"] == "Jl. Cikini Raya Gg. 5 No. 12, RT 05/RW 03"


async def test_erase_leaves_a_tombstone_and_her_name_out_of_the_name_counts(client, auth, session):
    await hold_data_about_siti(client, auth, session)
    await refresh_name_counts(session)
    counts, _, _ = await dedup_repository.lookups(session, ["rahmawati", "budi"])
    assert counts.get("rahmawati") == 1 and counts.get("budi")

    await service.erase(session, NIK_SPACED)

    counts, _, _ = await dedup_repository.lookups(session, ["rahmawati", "budi"])
    assert "rahmawati" not in counts and counts.get("budi")
    tombstones = (await session.scalars(select(ErasedSubject.nik_index))).all()
    assert service.subject_index(NIK_SPACED) in tombstones


async def test_erasing_twice_is_harmless(client, auth, session):
    held = await hold_data_about_siti(client, auth, session)
    first = await service.erase(session, NIK_SPACED)
    row = await dump(session, "complaints", "id", held.walk_in)

    again = await service.erase(session, NIK_SPACED)

    assert (again.complaints, again.first, again.erased_at) == (0, False, first.erased_at)
    assert await dump(session, "complaints", "id", held.walk_in) == row
    exported = await service.export(session, NIK_SPACED)
    assert exported.document.complaints == []
    assert exported.document.subject.erased_at == first.erased_at


async def test_erasing_a_nik_nothing_is_held_about_only_leaves_the_tombstone(session):
    erasure = await service.erase(session, "3171061205880004")

    assert (erasure.complaints, erasure.first) == (0, True)


async def test_a_person_complaints_place_goes_for_the_matcher_too_a_place_problems_stays(
    client, auth, session
):
    desk = auth(Role.DESK)
    about_her = await create_complaint(
        client,
        desk,
        description="Bansos belum cair, saya tinggal di Gg. Mawar No. 5 RT 03/05.",
        address=None,
        rt=None,
        rw=None,
    )
    about_a_road = await create_complaint(
        client,
        desk,
        category="jalan",
        description="Jalan berlubang di Gg. Kenari RT 02/04, dekat musala.",
        address=None,
        rt=None,
        rw=None,
    )
    places = select(Complaint.place_keys, Complaint.place_record).where(
        Complaint.id == bindparam("id")
    )

    async def place(complaint):
        return (await session.execute(places, {"id": uuid.UUID(complaint["id"])})).one()

    assert (await place(about_her)).place_keys == ["31.71 mawar"]

    await service.erase(session, NIK_SPACED)

    session.expire_all()
    # Where she lives is not kept for a problem about her, not even as the matcher reads it
    # out of her description.
    keys, record = await place(about_her)
    assert keys == [] and read_place_record(record) == (
        Address(None, None, None, None, None),
        (None, None),
    )
    # A problem about a place keeps its place, whoever reported it.
    keys, record = await place(about_a_road)
    assert keys == ["31.71 kenari"]
    assert read_place_record(record)[0].gang == "kenari"

    # `pintu dedup-reindex --all` works them out again the same way.
    after = None
    while (done := await reindex_batch(session, after=after, only_missing=False))[0]:
        after = done[1]
    session.expire_all()
    assert (await place(about_her)).place_keys == []
    assert (await place(about_a_road)).place_keys == ["31.71 kenari"]
