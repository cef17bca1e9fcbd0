"""ETags and If-Match: a change names the version it was based on, so none is lost.

A complaint's or an assignment's ETag is its version number, quoted (`"7"`). A change sent with
`If-Match` is made only if the record is still at that version (else 412). Partner keys must
send it on every change they make, naming a version (else 428: `*` or a weak tag is not enough),
since their systems edit alongside the desk's."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Header

from app.auth.deps import get_principal
from app.auth.roles import Role
from app.auth.service import Principal
from app.kit.errors import PreconditionFailed, PreconditionRequired

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
        # isascii: "²" and other digits of other scripts pass isdigit but are no number.
        if (
            len(tag) >= 3
            and tag[0] == tag[-1] == '"'
            and tag[1:-1].isascii()
            and tag[1:-1].isdigit()
        ):
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
            description="The ETag of the version this change is based on, as the record's "
            '`ETag` header gave it (a quoted number such as `"7"`); a stale one gets 412. '
            "Agency and integration keys must send one (428 without it, with `*` or with no "
            "strong entity tag); other keys may leave it out or send `*` (any version).",
        ),
    ] = None,
) -> IfMatch:
    """The request's If-Match; 428 when a partner key names no version."""
    value = (header or "").strip()
    wanted = IfMatch(frozenset(), any_version=True) if value == "*" else IfMatch(_versions(value))
    if principal.role in PARTNER_ROLES and not wanted.versions:
        # `*`, a weak tag or a made-up value would let a partner's edit overwrite the desk's
        # without it having read the current version: the point of the rule.
        raise PreconditionRequired(
            "Send If-Match with the ETag of the version you read (GET it first); "
            "`*` and weak tags are not enough for this key.",
            field=HEADER,
        )
    return ANY if not value else wanted


IfMatchDep = Annotated[IfMatch, Depends(if_match)]
