"""HEAD answers as GET does, without the body."""

from app.models.roles import Role
from tests.factories import create_complaint


async def test_head_on_a_public_read_answers_like_get_without_a_body(client):
    got = await client.get("/v1/regions/31.71.01.1001")
    head = await client.head("/v1/regions/31.71.01.1001")

    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["content-length"] == got.headers["content-length"]
    assert head.headers["content-type"] == got.headers["content-type"]


async def test_head_on_a_complaint_gives_its_etag(client, auth):
    complaint = await create_complaint(client, auth(Role.DESK))
    path = f"/v1/complaints/{complaint['id']}"

    head = await client.head(path, headers=auth(Role.VIEWER))
    missing = await client.head("/v1/complaints/WI-2026-999999", headers=auth(Role.VIEWER))
    no_key = await client.head(path)

    assert head.status_code == 200
    assert head.content == b""
    assert (
        head.headers["etag"] == (await client.get(path, headers=auth(Role.VIEWER))).headers["etag"]
    )
    assert (missing.status_code, missing.content) == (404, b"")
    assert no_key.status_code == 401


async def test_head_where_only_post_is_served_is_405_naming_the_methods(client):
    response = await client.head("/v1/jaki/reports/batch")

    assert response.status_code == 405
    assert response.headers["allow"] == "POST"


async def test_allow_names_head_beside_get(client):
    response = await client.delete("/v1/regions")

    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD"
