"""The access table of docs/access.md, enforced for every endpoint and every role."""

from __future__ import annotations

from typing import Any

import pytest

from app.auth.roles import Role
from tests.factories import create_complaint, jaki_report, walk_in_body

ANYONE = "anyone"
ALL_ROLES = [None, *Role]

# (method, path template) -> roles that may call it; every other role gets 401 (no key) or 403.
# `agency` may list complaints but sees only its unit's: a complaint outside its scope is 404.
TABLE: dict[tuple[str, str], set[Role] | str] = {
    ("GET", "/healthz"): ANYONE,
    ("GET", "/readyz"): ANYONE,
    ("GET", "/v1/regions"): ANYONE,
    ("GET", "/v1/regions/{code}"): ANYONE,
    ("GET", "/v1/categories"): ANYONE,
    ("GET", "/v1/categories/{code}"): ANYONE,
    ("GET", "/v1/channels"): ANYONE,
    ("GET", "/v1/channels/{code}"): ANYONE,
    ("GET", "/v1/channels/{code}/stats"): ANYONE,
    ("GET", "/v1/stats/daily"): ANYONE,
    ("GET", "/v1/units"): ANYONE,
    ("GET", "/v1/units/{code}"): ANYONE,
    ("GET", "/v1/holidays"): ANYONE,
    ("POST", "/v1/channels"): {Role.ADMIN},
    ("GET", "/v1/complaints"): {Role.VIEWER, Role.DESK, Role.AGENCY, Role.ADMIN},
    ("GET", "/v1/complaints/{ref}"): {Role.VIEWER, Role.DESK, Role.AGENCY, Role.ADMIN},
    ("GET", "/v1/complaints/{ref}/history"): {Role.VIEWER, Role.DESK, Role.AGENCY, Role.ADMIN},
    ("POST", "/v1/complaints"): {Role.DESK, Role.ADMIN},
    ("PATCH", "/v1/complaints/{ref}"): {Role.DESK, Role.ADMIN},
    ("POST", "/v1/complaints/{ref}/status"): {Role.DESK, Role.ADMIN},
    ("POST", "/v1/jaki/reports/batch"): {Role.INTEGRATION, Role.ADMIN},
    ("POST", "/v1/api-keys"): {Role.ADMIN},
    ("GET", "/v1/api-keys"): {Role.ADMIN},
}

# Successful status per endpoint when the role may call it.
SUCCESS = {
    ("POST", "/v1/complaints"): 201,
    ("POST", "/v1/channels"): 201,
    ("POST", "/v1/api-keys"): 201,
}
# Roles that may call an endpoint but for which the object is out of scope.
OUT_OF_SCOPE = {
    (("GET", "/v1/complaints/{ref}"), Role.AGENCY),
    (("GET", "/v1/complaints/{ref}/history"), Role.AGENCY),
}


def _body(method: str, path: str) -> dict[str, Any] | None:
    return {
        ("POST", "/v1/complaints"): walk_in_body(),
        ("PATCH", "/v1/complaints/{ref}"): {"address": "Jl. Medan Merdeka Barat"},
        ("POST", "/v1/complaints/{ref}/status"): {"status": "verified", "note": "KTP dicek"},
        ("POST", "/v1/channels"): {
            "code": "walk_in_test",
            "name": "Meja uji",
            "tracking_prefix": "ZZ",
        },
        ("POST", "/v1/api-keys"): {"name": "uji", "role": "viewer"},
        ("POST", "/v1/jaki/reports/batch"): {"reports": [jaki_report()]},
    }.get((method, path))


def test_every_endpoint_is_in_the_access_table(app):
    routes = {
        (method.upper(), path)
        for path, operations in app.openapi()["paths"].items()
        for method in operations
    }
    assert routes == set(TABLE)


@pytest.mark.parametrize("endpoint", sorted(TABLE), ids=lambda e: f"{e[0]} {e[1]}")
@pytest.mark.parametrize("role", ALL_ROLES, ids=lambda r: r.value if r else "no-key")
async def test_access(client, keys, endpoint, role):
    method, template = endpoint
    complaint = await create_complaint(client, {"Authorization": f"Bearer {keys[Role.DESK]}"})
    path = template.format(
        code={
            "/v1/regions/{code}": "31.71",
            "/v1/categories/{code}": "jalan",
            "/v1/units/{code}": "dinas-sosial",
        }.get(template, "walk_in"),
        ref=complaint["id"],
    )
    headers = {"Authorization": f"Bearer {keys[role]}"} if role else {}
    response = await client.request(method, path, json=_body(method, template), headers=headers)

    allowed = TABLE[endpoint]
    if allowed == ANYONE or role in allowed:
        expected = 404 if (endpoint, role) in OUT_OF_SCOPE else SUCCESS.get(endpoint, 200)
    else:
        expected = 401 if role is None else 403
    assert response.status_code == expected, response.text
    if expected >= 400:
        assert response.headers["content-type"] == "application/problem+json"
