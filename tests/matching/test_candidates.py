"""Finding candidates: the routes that bring a possible duplicate back whatever its words say."""

from __future__ import annotations

from app.complaints.schemas import ComplaintCreate
from app.dedup.service import side_of_body
from app.matching.repository import candidates, street_tsquery
from app.matching.service import place_words, window_for
from app.models.roles import Role
from tests.factories import CIKINI, mirror_jaki_report, walk_in_body


def test_a_street_query_asks_for_every_word_of_a_name_in_any_form():
    query = street_tsquery([[("haji",), ("saman",)], [("lati", "melati")]])
    assert query == "(('haji') & ('saman')) | (('lati' | 'melati'))"
    assert street_tsquery([[("o'neil",)]]) is None  # nothing safe in a tsquery


async def test_the_same_street_months_earlier_is_a_candidate_whatever_the_words(
    client, auth, session
):
    # Reported four months before, in words the desk did not use, without a point: only the
    # gang's name (and the kelurahan) joins them.
    await mirror_jaki_report(
        client,
        auth(Role.INTEGRATION),
        auth(Role.ADMIN),
        id="JAKI-2026-0200001",
        created_at="2026-06-01T20:44:31+07:00",
        updated_at="2026-06-02T08:00:00+07:00",
        description="permisi pak, udah 2 bulan gk ada yg benerin!!!",
        address="Gg. Haji Saman No.27, RT.15/RW.1",
        kelurahan_code=CIKINI,
        lat=None,
        lon=None,
        reporter=None,
    )
    desk = walk_in_body(
        category="jalan",
        description="Permukaan aspal berlubang sejak bulan April.",
        kelurahan_code=CIKINI,
        address="Gang Haji Saman (dekat PAUD Melati)",
        reported_at="2026-10-01T08:30:00+07:00",
    )
    side = await side_of_body(session, ComplaintCreate.model_validate(desk))
    assert place_words(side) == ((("haji",), ("saman",)),)
    found = await candidates(session, window_for(side))
    assert "JAKI-2026-0200001" in {row.external_id for row in found}
    # Another gang, the same words: too old for the other routes, so not found.
    other = walk_in_body(**{**desk, "address": "Gang Kenari"})
    side = await side_of_body(session, ComplaintCreate.model_validate(other))
    found = await candidates(session, window_for(side))
    assert "JAKI-2026-0200001" not in {row.external_id for row in found}
