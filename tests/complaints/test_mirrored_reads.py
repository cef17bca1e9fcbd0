"""Reads of mirrored JAKI reports answer whatever a stored row holds."""

from app.models.roles import Role
from tests.factories import (
    UNWRITABLE_RAW,
    UNWRITABLE_RAW_SHOWN,
    mirror_jaki_report,
    store_raw_past_the_checks,
)


async def test_a_stored_value_no_encoder_can_write_does_not_break_any_read(client, auth, session):
    # Rows stored before the feed's uninterpreted fields were checked may hold lone surrogates:
    # reads show them as U+FFFD instead of failing.
    mirrored = await mirror_jaki_report(
        client, auth(Role.INTEGRATION), auth(Role.DESK), device="android"
    )
    await store_raw_past_the_checks(session, mirrored["id"], UNWRITABLE_RAW)

    for role in (Role.DESK, Role.ADMIN):
        one = await client.get(f"/v1/complaints/{mirrored['id']}", headers=auth(role))
        assert one.status_code == 200, one.text
        assert one.json()["jaki"]["raw"] == UNWRITABLE_RAW_SHOWN
        # The default list, where a recent report shows first.
        page = await client.get("/v1/complaints", headers=auth(role))
        assert page.status_code == 200, page.text
        [listed] = [c for c in page.json()["items"] if c["id"] == mirrored["id"]]
        assert listed["jaki"]["raw"] == UNWRITABLE_RAW_SHOWN
        history = await client.get(f"/v1/complaints/{mirrored['id']}/history", headers=auth(role))
        assert history.status_code == 200, history.text

    viewer = await client.get(f"/v1/complaints/{mirrored['id']}", headers=auth(Role.VIEWER))
    assert viewer.status_code == 200 and viewer.json()["jaki"]["raw"] is None
