"""Email addresses, checked against a conservative subset of RFC 5321 and lowercased.

Error messages never repeat the address, since they end up in responses and logs.
"""

from __future__ import annotations

import re

_LOCAL = re.compile(r"[a-z0-9._%+-]{1,64}")
_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_TLD = re.compile(r"[a-z]{2,63}")


class EmailError(ValueError):
    """An email address was refused; the message says why without quoting it."""


def normalize_email(raw: str) -> str:
    """Return `raw` trimmed and lowercased if it is a plausible address, or raise EmailError."""
    address = raw.strip()
    # Checked before lowercasing: some non-ASCII letters lowercase to ASCII (Kelvin sign to k).
    if not address.isascii():
        raise EmailError("email address may only hold ASCII characters")
    address = address.lower()
    if len(address) > 254:
        raise EmailError("email address must be at most 254 characters")
    if address.count("@") != 1:
        raise EmailError("email address must contain exactly one @")
    local, _, domain = address.partition("@")
    if not _LOCAL.fullmatch(local) or local.startswith(".") or local.endswith(".") or ".." in local:
        raise EmailError("email address has an invalid part before the @")
    labels = domain.split(".")
    if (
        len(labels) < 2
        or not all(_LABEL.fullmatch(label) for label in labels)
        or not _TLD.fullmatch(labels[-1])
    ):
        raise EmailError("email address has an invalid domain")
    return address


def mask_email(email: str) -> str:
    """Keep the first character before the @ and the domain, e.g. "b***@example.com"."""
    local, at, domain = email.rpartition("@")
    if not at:
        return "***"
    return local[:1] + "***@" + domain
