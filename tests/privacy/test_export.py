"""`pintu pdp-export`'s document: everything held about one NIK, and nothing about others."""

import json

from sqlalchemy import func, select

from app.models import PersonalDataRead
from app.models.roles import Role
from app.privacy import service
from tests.factories import (
    UNWRITABLE_RAW,
    UNWRITABLE_RAW_SHOWN,
    create_complaint,
    mirror_jaki_report,
    store_raw_past_the_checks,
)
from tests.privacy.subject import EMAIL, NAME, NIK, PHONE, hold_data_about_siti


async def test_export_holds_every_complaint_of_the_nik_with_its_data_decrypted(
    client, auth, session
):
    held = await hold_data_about_siti(client, auth, session)

    exported = await service.export(session, "3171-0145-0590-0002")
    document = json.loads(exported.document.model_dump_json())

    assert document["subject"] == {"nik": "3171********0002", "erased_at": None}
    by_id = {c["id"]: c for c in document["complaints"]}
    assert set(by_id) == {str(held.walk_in), str(held.jaki)}  # not Budi's
    for complaint in by_id.values():
        assert complaint["complainant"] == {
            "name": NAME,
            "nik": NIK,
            "phone": PHONE,
            "email": EMAIL,
        }
        assert complaint["history"][0]["kind"] == "created"
        assert complaint["tracking_number"] and complaint["status"] and complaint["reported_at"]

    walk_in = by_id[str(held.walk_in)]
    assert (walk_in["channel"], walk_in["category"]) == ("walk_in", "bansos")
    assert NAME in walk_in["description"] and walk_in["address"] and walk_in["lat"]
    [assignment] = walk_in["assignments"]
    assert assignment["status"] == "in_progress"
    assert [f["note"] for f in assignment["follow_ups"]] == [
        f"Sudah bertemu {NAME}; NIK {NIK} dicek di DTKS."
    ]
    assert [(r["key_name"], r["role"]) for r in walk_in["personal_data_reads"]] == [
        ("Meja pengaduan 1", "desk")
    ]
    assert walk_in["jaki"] is None

    jaki = by_id[str(held.jaki)]
    assert jaki["channel"] == "jaki" and jaki["external_id"] == "JAKI-2026-0000777"
    assert jaki["jaki"]["raw"] == {"device_id": "android-7f3a"}
    assert jaki["jaki"]["follow_ups"][0]["unit"] == "Kelurahan Cikini"

    # Matching compared her walk-in complaint with her JAKI report: the pair is hers.
    pairs = {(c["complaint_id"], c["candidate_id"]) for c in walk_in["dedup_candidates"]}
    assert (str(held.walk_in), str(held.jaki)) in pairs
    for candidate in walk_in["dedup_candidates"]:
        assert NIK not in json.dumps(candidate) and NAME not in json.dumps(candidate)


async def test_the_export_is_itself_logged_as_a_read_of_each_complaint(client, auth, session):
    held = await hold_data_about_siti(client, auth, session)

    await service.export(session, NIK)

    logged = await session.scalars(
        select(PersonalDataRead.complaint_id).where(PersonalDataRead.key_name == "pintu pdp-export")
    )
    assert sorted(logged.all()) == sorted([held.walk_in, held.jaki])


async def test_a_nik_nothing_is_held_about_exports_an_empty_list(client, auth, session):
    await hold_data_about_siti(client, auth, session)
    before = await session.scalar(select(func.count()).select_from(PersonalDataRead))

    exported = await service.export(session, "3171061205880004")

    assert exported.document.complaints == []
    assert exported.document.subject.erased_at is None
    assert await session.scalar(select(func.count()).select_from(PersonalDataRead)) == before


OTHER_NIK = "3171016003950001"


async def test_complaints_sharing_only_a_phone_are_counted_not_exported(client, auth, session):
    await hold_data_about_siti(client, auth, session)
    # Someone else in her household files under their own NIK with the household's phone.
    await create_complaint(
        client,
        auth(Role.DESK),
        complainant={"name": "Rina", "nik": OTHER_NIK, "phone": "0812-3456-7890"},
    )

    exported = await service.export(session, NIK)

    assert len(exported.document.complaints) == 2
    assert exported.others_sharing_contact == 1


async def test_a_stored_value_no_encoder_can_write_does_not_break_the_export(client, auth, session):
    # Stored before the feed's uninterpreted fields were checked: lone surrogates in them.
    mirrored = await mirror_jaki_report(
        client, auth(Role.INTEGRATION), auth(Role.DESK), reporter={"nik": NIK}, device="android"
    )
    await store_raw_past_the_checks(session, mirrored["id"], UNWRITABLE_RAW)

    exported = await service.export(session, NIK)
    document = json.loads(exported.document.model_dump_json())
    [complaint] = document["complaints"]
    assert complaint["id"] == mirrored["id"]
    assert complaint["jaki"]["raw"] == UNWRITABLE_RAW_SHOWN
