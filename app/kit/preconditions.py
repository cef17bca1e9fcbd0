"""ETags, If-Match and If-None-Match: a change names the version it was based on, so none is
lost; a read names the version it holds, and is told "304 Not Modified" if it is still current.

A complaint's or an assignment's ETag is its version number, quoted (`"7"`). A change sent with
`If-Match` is made only if the record is still at that version (else 412). Partner keys must
send it on every change they make, naming a version (else 428: `*` or a weak tag is not enough),
since their systems edit alongside the desk's. That rule needs the caller: the dependency that
reads the header is `app.auth.deps.if_match`. `If-None-Match` on a GET is answered by
`app.server.conditional`, from `none_match` below."""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.kit.errors import PreconditionFailed

HEADER = "If-Match"

# An entity tag as RFC 9110 writes it (8.8.3), weak or strong.
_ENTITY_TAG = re.compile(r'(?:W/)?"[\x21\x23-\x7e\x80-\xff]*"')


def etag(version: int) -> str:
    """The ETag of a record at `version`."""
    return f'"{version}"'


def versions(header: str) -> frozenset[int]:
    # Strong comparison (RFC 9110, 13.1.1): a weak tag or one that is not ours never matches.
    found = set()
    for tag in header.split(","):
        tag = tag.strip()
        # isascii: "²" and other digits of other scripts pass isdigit but are no number.
        if (
            len(tag) >= 3
            and tag[0] == tag[-1] == '"'
            and tag[1:-1].isascii()
            and tag[1:-1].isdigit()
        ):
            found.add(int(tag[1:-1]))
    return frozenset(found)


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


def none_match(header: str, current: str) -> bool:
    """Whether an `If-None-Match` header names the `current` ETag, so a GET is answered 304:
    `*`, or a list of tags one of which is it. Weak comparison (RFC 9110, 13.1.2): a `W/` on
    either side is ignored, since the caller only asks whether its copy is still good."""
    if header.strip() == "*":
        return True
    opaque = current.removeprefix("W/")
    return any(tag.removeprefix("W/") == opaque for tag in _ENTITY_TAG.findall(header))
