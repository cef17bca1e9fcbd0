"""ETag and If-Match: a change based on a stale version is refused, so no edit is lost; every
answer that changes a record carries its new ETag; If-None-Match spares a read its body."""

import asyncio

import pytest
from sqlalchemy import func, select

from app.kit.preconditions import none_match
from app.models import ComplaintEvent
from app.models.roles import Role
from tests.factories import create_complaint

GAMBIR_OFFICE = "kelurahan-31.71.01.1001"  # the unit of the agency keys


async def _etag(client, headers, path):
    response = await client.get(path, headers=headers)
    assert response.status_code == 200, response.text
    return response.headers["etag"]


async def test_a_complaint_carries_its_version_as_etag(client, auth):
    desk = auth(Role.DESK)
    complaint = await create_complaint(client, desk)
    tag = await _etag(client, desk, f"/v1/complaints/{complaint['id']}")
    assert tag == f'"{complaint["version"]}"'


async def test_a_change_with_the_current_etag_goes_through_and_gets_a_new_one(client, auth):
    desk = auth(Role.DESK)
    complaint = await create_complaint(client, desk)
    path = f"/v1/complaints/{complaint['id']}"
    tag = await _etag(client, desk, path)

    changed = await client.patch(
        path, json={"description": "Lampu jalan mati total."}, headers={**desk, "If-Match": tag}
    )

    assert changed.status_code == 200, changed.text
    assert changed.headers["etag"] != tag
    assert changed.headers["etag"] == f'"{changed.json()["version"]}"'


async def test_a_change_with_a_stale_etag_gets_412_and_changes_nothing(client, auth, session):
    desk = auth(Role.DESK)
    complaint = await create_complaint(client, desk)
    path = f"/v1/complaints/{complaint['id']}"
    stale = await _etag(client, desk, path)
    await client.patch(path, json={"description": "Perubahan pertama."}, headers=desk)
    events = await session.scalar(select(func.count()).select_from(ComplaintEvent))

    for method, url, body in [
        ("PATCH", path, {"description": "Perubahan kedua."}),
        ("POST", f"{path}/status", {"status": "rejected", "note": "bukan wewenang"}),
    ]:
        refused = await client.request(method, url, json=body, headers={**desk, "If-Match": stale})
        assert refused.status_code == 412, refused.text
        assert refused.headers["content-type"] == "application/problem+json"
        assert refused.json()["field"] == "If-Match"
        assert refused.headers["etag"] == await _etag(client, desk, path)

    current = (await client.get(path, headers=desk)).json()
    assert current["description"] == "Perubahan pertama."
    assert await session.scalar(select(func.count()).select_from(ComplaintEvent)) == events


async def test_a_weak_or_foreign_etag_never_matches(client, auth):
    desk = auth(Role.DESK)
    complaint = await create_complaint(client, desk)
    path = f"/v1/complaints/{complaint['id']}"
    tag = await _etag(client, desk, path)
    # '"²"': a digit to str.isdigit, no number to int() (the header is read as Latin-1).
    for if_match in (f"W/{tag}", '"abc"', "1", '"\xb2"'.encode("latin-1")):
        response = await client.patch(
            path, json={"description": "x" * 20}, headers={**desk, "If-Match": if_match}
        )
        assert response.status_code == 412, if_match
    listed = await client.patch(
        path, json={"description": "y" * 20}, headers={**desk, "If-Match": f'"999", {tag}'}
    )
    assert listed.status_code == 200


async def _assigned_to_the_unit(client, desk) -> tuple[dict, str]:
    """A new complaint assigned to the agency key's unit: the complaint and the assignment's
    path."""
    complaint = await create_complaint(client, desk)
    assigned = await client.post(
        f"/v1/complaints/{complaint['id']}/assignments",
        json={"unit_code": GAMBIR_OFFICE},
        headers=desk,
    )
    assert assigned.status_code == 201, assigned.text
    return complaint, f"/v1/assignments/{assigned.json()['id']}"


async def test_partner_keys_must_send_if_match_desk_keys_may_leave_it_out(client, auth):
    desk, unit = auth(Role.DESK), auth(Role.AGENCY)
    complaint, path = await _assigned_to_the_unit(client, desk)

    missing = await client.post(f"{path}/accept", headers=unit)
    assert missing.status_code == 428
    assert missing.json()["field"] == "If-Match"

    tag = await _etag(client, unit, path)
    stale = await client.post(f"{path}/accept", headers={**unit, "If-Match": '"0"'})
    assert stale.status_code == 412
    accepted = await client.post(f"{path}/accept", headers={**unit, "If-Match": tag})
    assert accepted.status_code == 200, accepted.text
    assert accepted.headers["etag"] == f'"{accepted.json()["version"]}"'

    # The desk's own app edits without it (it is the only writer of its changes).
    status = await client.post(
        f"/v1/complaints/{complaint['id']}/status",
        json={"status": "rejected", "note": "x"},
        headers=desk,
    )
    assert status.status_code != 428


async def test_of_concurrent_edits_with_one_etag_exactly_one_succeeds(own_database):
    own_database.allow_in_flight(20)
    client, desk = own_database.client, own_database.auth(Role.DESK)
    complaint = await create_complaint(client, desk)
    path = f"/v1/complaints/{complaint['id']}"
    tag = await _etag(client, desk, path)

    responses = await asyncio.gather(
        *(
            client.patch(
                path,
                json={"description": f"Perbaikan nomor {n} dari petugas."},
                headers={**desk, "If-Match": tag},
            )
            for n in range(20)
        )
    )

    assert sorted(r.status_code for r in responses) == [200] + [412] * 19
    [winner] = [r for r in responses if r.status_code == 200]
    current = (await client.get(path, headers=desk)).json()
    assert current["description"] == winner.json()["description"]
    assert current["version"] == complaint["version"] + 1


async def test_partner_keys_must_name_a_version_not_any_version(client, auth, session):
    desk, unit = auth(Role.DESK), auth(Role.AGENCY)
    _, path = await _assigned_to_the_unit(client, desk)
    tag = await _etag(client, unit, path)

    for if_match in ("*", " * ", f"W/{tag}", '"abc"', "1", "*, " + tag.replace('"', "")):
        refused = await client.post(f"{path}/accept", headers={**unit, "If-Match": if_match})
        assert refused.status_code == 428, if_match
        assert refused.json()["field"] == "If-Match"
    assert (await client.get(path, headers=unit)).headers["etag"] == tag

    # A list that holds the current tag is a real precondition, whatever else it holds.
    accepted = await client.post(f"{path}/accept", headers={**unit, "If-Match": f'W/"9", {tag}'})
    assert accepted.status_code == 200, accepted.text


async def test_other_keys_may_still_change_any_version_with_a_star(client, auth):
    desk = auth(Role.DESK)
    complaint = await create_complaint(client, desk)

    changed = await client.patch(
        f"/v1/complaints/{complaint['id']}",
        json={"description": "Lampu jalan mati total."},
        headers={**desk, "If-Match": "*"},
    )

    assert changed.status_code == 200, changed.text


async def test_a_follow_up_answers_with_the_assignments_new_etag_so_complete_needs_no_get(
    client, auth
):
    desk, unit = auth(Role.DESK), auth(Role.AGENCY)
    _, path = await _assigned_to_the_unit(client, desk)
    accepted = await client.post(
        f"{path}/accept", headers={**unit, "If-Match": await _etag(client, unit, path)}
    )
    tag = accepted.headers["etag"]

    followed = await client.post(
        f"{path}/follow-ups",
        json={"note": "Sudah dicek ke lokasi."},
        headers={**unit, "If-Match": tag},
    )
    assert followed.status_code == 201, followed.text
    assert followed.headers["etag"] != tag
    assert followed.headers["location"] == path
    # A second follow-up is a new version too: the assignment GET shows holds it.
    again = await client.post(
        f"{path}/follow-ups",
        json={"note": "Perbaikan dijadwalkan."},
        headers={**unit, "If-Match": followed.headers["etag"]},
    )
    assert again.status_code == 201, again.text
    assert again.headers["etag"] == await _etag(client, unit, path)

    done = await client.post(
        f"{path}/complete", headers={**unit, "If-Match": again.headers["etag"]}
    )
    assert done.status_code == 200, done.text
    assert done.headers["etag"] == f'"{done.json()["version"]}"'


async def test_assigning_and_escalating_answer_with_the_new_assignments_etag(client, auth):
    desk = auth(Role.DESK)
    complaint = await create_complaint(client, desk)
    assigned = await client.post(
        f"/v1/complaints/{complaint['id']}/assignments",
        json={"unit_code": GAMBIR_OFFICE, "respond_by": "2026-01-05", "finish_by": "2026-01-12"},
        headers=desk,
    )
    assert assigned.headers["etag"] == f'"{assigned.json()["version"]}"'
    escalated = await client.post(f"/v1/assignments/{assigned.json()['id']}/escalate", headers=desk)
    assert escalated.status_code == 201, escalated.text
    assert escalated.headers["etag"] == await _etag(client, desk, escalated.headers["location"])


@pytest.mark.parametrize(
    ("header", "current", "matches"),
    [
        ('"7"', '"7"', True),
        ('W/"7"', '"7"', True),  # weak comparison: a W/ on either side is ignored
        ('"7"', 'W/"7"', True),
        ('"6", "7"', '"7"', True),
        ('"6",W/"7"', '"7"', True),
        ("*", '"7"', True),
        (" * ", '"7"', True),
        ('"6"', '"7"', False),
        ('"77"', '"7"', False),
        ("7", '"7"', False),  # not an entity tag
        ('"6", *', '"7"', False),  # * only alone
        ("", '"7"', False),
    ],
)
def test_if_none_match_compares_weakly(header, current, matches):
    assert none_match(header, current) is matches


async def test_a_get_whose_etag_the_caller_holds_is_304_without_a_body(client, auth):
    desk, unit = auth(Role.DESK), auth(Role.AGENCY)
    complaint, assignment_path = await _assigned_to_the_unit(client, desk)
    complaint_path = f"/v1/complaints/{complaint['id']}"
    for headers, path in ((desk, complaint_path), (unit, assignment_path)):
        tag = await _etag(client, headers, path)
        for if_none_match in (tag, f"W/{tag}", f'"0", {tag}', "*"):
            cached = await client.get(path, headers={**headers, "If-None-Match": if_none_match})
            assert cached.status_code == 304, if_none_match
            assert cached.content == b""
            assert cached.headers["etag"] == tag
            assert "content-type" not in cached.headers
            assert cached.headers["cache-control"] == "no-store"
        stale = await client.get(path, headers={**headers, "If-None-Match": '"0"'})
        assert stale.status_code == 200 and stale.json()["id"]
        head = await client.head(path, headers={**headers, "If-None-Match": tag})
        assert head.status_code == 304


async def test_a_changed_record_is_sent_again_and_a_refusal_stays_a_refusal(client, auth):
    desk = auth(Role.DESK)
    complaint = await create_complaint(client, desk)
    path = f"/v1/complaints/{complaint['id']}"
    tag = await _etag(client, desk, path)
    await client.patch(path, json={"description": "Lampu jalan mati total."}, headers=desk)

    fresh = await client.get(path, headers={**desk, "If-None-Match": tag})
    assert fresh.status_code == 200
    assert fresh.json()["description"] == "Lampu jalan mati total."
    # Access rules first: a key that may not read it gets its refusal, never a 304.
    hidden = await client.get(path, headers={**auth(Role.AGENCY), "If-None-Match": "*"})
    assert hidden.status_code == 404
    unknown = await client.get(
        "/v1/complaints/WI-2026-999999", headers={**desk, "If-None-Match": "*"}
    )
    assert unknown.status_code == 404
