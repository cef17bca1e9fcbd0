"""ETags and If-Match: a change names the version it was based on, so none is lost.

A complaint's or an assignment's ETag is its version number, quoted (`"7"`). A change sent with
`If-Match` is made only if the record is still at that version (else 412); partner keys must
send it on every change they make (else 428), since their systems edit alongside the desk's."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Header

from app.auth.deps import get_principal
from app.auth.roles import Role
from app.auth.service import Principal
from app.errors import PreconditionFailed, PreconditionRequired

HEADER = "If-Match"
# Keys of systems outside City Hall, whose edits race with the desk's.
PARTNER_ROLES = frozenset({Role.AGENCY, Role.INTEGRATION})


def etag(version: int) -> str:
    """The ETag of a record at `version`."""
    return f'"{version}"'


def _versions(header: str) -> frozenset[int]:
    # Strong comparison (RFC 9110, 13.1.1): a weak tag or one that is not ours never matches.
    versions = set()
    for tag in header.split(","):
        tag = tag.strip()
        if len(tag) >= 3 and tag[0] == tag[-1] == '"' and tag[1:-1].isdigit():
            versions.add(int(tag[1:-1]))
    return frozenset(versions)


@dataclass(frozen=True, slots=True)
class IfMatch:
    """What the caller's If-Match asks for: nothing (None), any version (`*`), or these."""

    versions: frozenset[int] | None = None
    any_version: bool = False

    def check(self, version: int) -> None:
        """412 unless the record's current `version` is one the caller named."""
        if self.versions is None or self.any_version or version in self.versions:
            return
        raise PreconditionFailed(
            f"The record is now at version {etag(version)}; fetch it again and redo the change.",
            field=HEADER,
            headers={"ETag": etag(version)},
        )


ANY = IfMatch()


async def if_match(
    principal: Annotated[Principal, Depends(get_principal)],
    header: Annotated[
        str | None,
        Header(
            alias=HEADER,
            max_length=1000,
            description="The ETag of the version this change is based on: a stale one gets "
            "412. Required (428) for agency and integration keys.",
            examples=['"3"'],
        ),
    ] = None,
) -> IfMatch:
    """The request's If-Match; 428 when a partner key leaves it out."""
    if header is None or not header.strip():
        if principal.role in PARTNER_ROLES:
            raise PreconditionRequired(
                "Send If-Match with the ETag of the version you read (GET it first).",
                field=HEADER,
            )
        return ANY
    if header.strip() == "*":
        return IfMatch(frozenset(), any_version=True)
    return IfMatch(_versions(header))


IfMatchDep = Annotated[IfMatch, Depends(if_match)]
