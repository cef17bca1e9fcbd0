"""After an erasure the JAKI mirror keeps the reports, never the erased person's data again."""

from sqlalchemy import text

from app.models.roles import Role
from app.privacy import service
from tests.factories import create_complaint
from tests.privacy.subject import (
    BUDI_NIK,
    NIK,
    SITI_REPORTER,
    WRITTEN,
    budi_on_jaki,
    complaint_id,
    dump,
    hold_data_about_siti,
    push,
    siti_on_jaki,
)
from tests.statements import statements_sent

LATER = "2026-10-09T08:00:00+07:00"


async def _personal(session, complaint_id):
    return (
        await session.execute(
            text(
                "SELECT complainant_name, nik_index, phone_index, email_index, "
                "nik_encrypted, personal_data_erased_at, j.raw_encrypted "
                "FROM complaints c JOIN jaki_reports j ON j.complaint_id = c.id WHERE c.id = :id"
            ),
            {"id": complaint_id},
        )
    ).one()


async def test_a_later_batch_with_the_erased_nik_stores_no_personal_data(client, auth, session):
    held = await hold_data_about_siti(client, auth, session)
    await service.erase(session, NIK)
    feed = auth(Role.INTEGRATION)

    result = await push(
        client,
        feed,
        # A new version of her erased report, naming her again, and a new report of hers.
        siti_on_jaki(updated_at=LATER, status="Proses"),
        siti_on_jaki(id="JAKI-2026-0000999", description="Bansos masih belum cair, a.n. Siti"),
        # Budi's new report in the same batch is his: stored as usual.
        budi_on_jaki(id="JAKI-2026-0000889"),
    )

    assert (result["created"], result["updated"]) == (2, 1)
    new = await complaint_id(session, "JAKI-2026-0000999")
    for mirrored in (held.jaki, new):
        row = await _personal(session, mirrored)
        assert row[:5] == (None,) * 5 and row.raw_encrypted is None
        assert row.personal_data_erased_at is not None
        dumped = await dump(session, "complaints", "id", mirrored)
        dumped += await dump(session, "jaki_reports", "complaint_id", mirrored)
        assert [s for s in WRITTEN if s.lower() in dumped.lower()] == []
    updated = (await client.get(f"/v1/complaints/{held.jaki}", headers=auth(Role.DESK))).json()
    assert (updated["jaki_status"], updated["complainant"]) == ("Proses", None)
    created = (await client.get(f"/v1/complaints/{new}/history", headers=auth(Role.DESK))).json()
    assert "not stored" in created["events"][0]["note"]
    budi = await _personal(session, await complaint_id(session, "JAKI-2026-0000889"))
    assert budi.nik_index == service.subject_index(BUDI_NIK)

    # Sent again, the same versions are recognised as unchanged: nothing is rewritten.
    again = await push(
        client,
        feed,
        siti_on_jaki(updated_at=LATER, status="Proses"),
        siti_on_jaki(id="JAKI-2026-0000999", description="Bansos masih belum cair, a.n. Siti"),
    )
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 2)


async def test_an_erased_report_stays_anonymised_whatever_nik_jaki_sends(client, auth, session):
    held = await hold_data_about_siti(client, auth, session)
    await service.erase(session, NIK)

    # JAKI now names a reporter without a NIK, or even another person: neither is stored.
    reporter = {"name": "S. Rahmawati", "phone": SITI_REPORTER["phone"]}
    await push(client, auth(Role.INTEGRATION), siti_on_jaki(updated_at=LATER, reporter=reporter))
    await push(
        client,
        auth(Role.INTEGRATION),
        siti_on_jaki(
            updated_at="2026-10-10T08:00:00+07:00",
            reporter={"name": "Budi Santoso", "nik": BUDI_NIK},
        ),
    )

    row = await _personal(session, held.jaki)
    assert row[:5] == (None,) * 5


async def test_the_tombstones_are_read_once_per_batch(client, auth, session, connection):
    await service.erase(session, NIK)
    reports = [
        budi_on_jaki(id=f"JAKI-2026-01{n:05d}", reporter={"nik": f"31710612058{n:05d}"})
        for n in range(1, 21)
    ]
    with statements_sent(connection) as statements:
        await push(client, auth(Role.INTEGRATION), *reports)

    assert len([s for s in statements if "erased_subjects" in s]) == 1


async def test_a_walk_in_complaint_after_erasure_is_a_new_consent_and_is_stored(
    client, auth, session
):
    await service.erase(session, NIK)

    again = await create_complaint(client, auth(Role.DESK))

    assert again["complainant"]["nik"] == NIK
    exported = await service.export(session, NIK)
    assert [str(c.id) for c in exported.document.complaints] == [again["id"]]
