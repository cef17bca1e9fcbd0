"""Finding candidates: the routes that bring a possible duplicate back whatever its words say."""

from __future__ import annotations

from app.complaints.schemas import ComplaintCreate
from app.dedup.service import side_of_body
from app.matching.repository import candidates
from app.matching.service import window_for
from app.models.roles import Role
from tests.factories import CIKINI, GAMBIR, mirror_jaki_report, walk_in_body

GONDANGDIA = "31.71.06.1004"  # Cikini's neighbour in Kecamatan Menteng
TOMANG = "31.73.02.1003"  # Kecamatan Grogol Petamburan, across the city


async def _mirror_without_point(client, auth, *, created_at: str, **report) -> None:
    """A JAKI report with no point and no reporter: only its words and places can join it."""
    await mirror_jaki_report(
        client,
        auth(Role.INTEGRATION),
        auth(Role.ADMIN),
        created_at=created_at,
        updated_at=created_at,
        lat=None,
        lon=None,
        reporter=None,
        **report,
    )


async def _found(session, body) -> set[str]:
    """The external ids of the candidates found for a walk-in complaint's body."""
    side = await side_of_body(session, ComplaintCreate.model_validate(body))
    return {row.external_id for row in await candidates(session, window_for(side))}


async def _mirror_unhelpful(client, auth, external_id, created_at, address, kelurahan):
    """A JAKI report without a point whose words say nothing of the problem: only its street or
    gang can join it to a desk complaint."""
    await _mirror_without_point(
        client,
        auth,
        id=external_id,
        created_at=created_at,
        description="permisi pak, udah 2 bulan gk ada yg benerin!!!",
        address=address,
        kelurahan_code=kelurahan,
    )


def _pothole_at_the_desk(address: str) -> dict:
    """A desk complaint in Cikini about a pothole in `address`, in the desk's words."""
    return walk_in_body(
        category="jalan",
        description="Permukaan aspal berlubang sejak bulan April.",
        kelurahan_code=CIKINI,
        address=address,
        reported_at="2026-10-01T08:30:00+07:00",
    )


async def test_the_same_street_months_earlier_is_a_candidate_whatever_the_words(
    client, auth, session
):
    # Reported four months before, in words the desk did not use, without a point, and filed
    # under the kelurahan next door, or in another kecamatan of the same kota (a point pinned
    # on the wrong side of a boundary): only the gang's name in the kota joins them.
    for external_id, kelurahan in (
        ("JAKI-2026-0200001", GONDANGDIA),
        ("JAKI-2026-0200002", TOMANG),
        ("JAKI-2026-0200003", GAMBIR),
    ):
        await _mirror_unhelpful(
            client,
            auth,
            external_id,
            "2026-06-01T20:44:31+07:00",
            "Gg. Haji Saman No.27, RT.15/RW.1",
            kelurahan,
        )
    desk = _pothole_at_the_desk("Gang Haji Saman (dekat PAUD Melati)")
    side = await side_of_body(session, ComplaintCreate.model_validate(desk))
    assert window_for(side).place_keys == ["31.71 haji saman"]
    found = await _found(session, desk)
    # The same name in another kota is another gang.
    assert {"JAKI-2026-0200001", "JAKI-2026-0200003"} <= found
    assert "JAKI-2026-0200002" not in found
    # Another gang, the same words: too old for the other routes, so not found.
    other = walk_in_body(**{**desk, "address": "Gang Kenari"})
    assert "JAKI-2026-0200001" not in await _found(session, other)


async def test_the_street_route_takes_the_kecamatans_own_reports_first(client, auth, session):
    # A common gang name: newer reports of it in another kecamatan of the kota do not push
    # out an older one in the complaint's own kecamatan.
    for n in range(8):
        await _mirror_unhelpful(
            client,
            auth,
            f"JAKI-2026-02101{n:02d}",
            f"2026-09-{n + 10:02d}T20:44:31+07:00",
            "Gg. Haji Saman",
            GAMBIR,
        )
    await _mirror_unhelpful(
        client, auth, "JAKI-2026-0210200", "2026-06-01T20:44:31+07:00", "Gg. Haji Saman", GONDANGDIA
    )
    found = await _found(session, _pothole_at_the_desk("Gang Haji Saman"))
    assert "JAKI-2026-0210200" in found
    # In the kota, the route's share (six) is the newest.
    assert {f"JAKI-2026-02101{n:02d}" for n in range(8)} & found == {
        f"JAKI-2026-02101{n:02d}" for n in range(2, 8)
    }


async def test_a_gang_named_only_in_the_description_is_searched_by(client, auth, session):
    await _mirror_without_point(
        client,
        auth,
        id="JAKI-2026-0200003",
        created_at="2026-06-09T18:32:46+07:00",
        description="Lapor, PKL berjualan di atas trotoar sejak tiga minggu terakhir.",
        address="Gg. Mawar, Kelurahan Gondangdia",
        kelurahan_code=GONDANGDIA,
    )
    desk = walk_in_body(
        category="ketertiban",
        description="pedagang pake trotoar gg. mawar, pejalan kaki turun ke jalan",
        kelurahan_code=CIKINI,
        address=None,
        reported_at="2026-09-29T09:10:20+07:00",
    )
    assert "JAKI-2026-0200003" in await _found(session, desk)
