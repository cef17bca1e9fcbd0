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


async def test_a_trailing_slash_is_not_redirected_to_the_host_the_client_names(client, auth):
    response = await client.get(
        "/v1/complaints/", headers={**auth(Role.VIEWER), "Host": "evil.example.com"}
    )

    assert response.status_code == 404
    assert "location" not in response.headers
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"].endswith("/v1/complaints.")
    assert "evil" not in response.text
