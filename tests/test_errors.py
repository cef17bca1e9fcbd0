"""Refusals the framework makes before an endpoint runs are problem+json naming the field too."""

from app.auth.roles import Role


async def test_a_body_that_is_not_utf8_is_a_422_naming_the_body(client, auth):
    response = await client.post(
        "/v1/complaints",
        content=b'{"category": "\xff\xfe"}',
        headers={**auth(Role.DESK), "Content-Type": "application/json"},
    )

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["field"] == "body"
    assert response.json()["errors"][0]["field"] == "body"


async def test_a_body_that_is_not_json_names_the_body_not_a_position(client, auth):
    response = await client.post(
        "/v1/complaints",
        content=b'{"category": ',
        headers={**auth(Role.DESK), "Content-Type": "application/json"},
    )

    assert response.status_code == 422
    assert response.json()["field"] == "body"
