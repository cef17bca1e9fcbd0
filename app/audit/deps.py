"""The audit log as a request dependency."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from app.audit.service import PersonalDataAudit
from app.auth import Principal, get_principal
from app.kit.db import SessionDep


async def get_audit(
    request: Request,
    session: SessionDep,
    principal: Annotated[Principal, Depends(get_principal)],
) -> PersonalDataAudit:
    """The audit log bound to this request's caller and endpoint (its route's template)."""
    route = request.scope.get("route")
    # The template as the API documents it: `{external_id}`, not the router's `{external_id:path}`.
    path = getattr(route, "path_format", None) or getattr(route, "path", request.url.path)
    return PersonalDataAudit(session, principal, f"{request.method} {path}")


AuditDep = Annotated[PersonalDataAudit, Depends(get_audit)]
