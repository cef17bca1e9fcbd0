"""Signing deliveries as the Standard Webhooks specification says (standardwebhooks.com):
`webhook-id`, `webhook-timestamp`, and `webhook-signature` = "v1," + base64 of HMAC-SHA256 over
"{id}.{timestamp}.{body}", keyed with the secret's bytes. While a rotated-out secret is still
valid, both sign, space-separated, so a receiver with either verifies."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from collections.abc import Sequence

SECRET_PREFIX = "whsec_"  # noqa: S105 (the format's prefix, not a secret)


def new_secret() -> str:
    """A new signing secret: the prefix and 32 random bytes in base64."""
    return SECRET_PREFIX + base64.b64encode(os.urandom(32)).decode()


def signature(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    """One `v1,` signature of a message."""
    key = base64.b64decode(secret.removeprefix(SECRET_PREFIX))
    signed = f"{msg_id}.{timestamp}.".encode() + body
    return "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()


def signed_headers(
    secrets: Sequence[str], msg_id: str, timestamp: int, body: bytes
) -> dict[str, str]:
    """The three headers of a signed delivery."""
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": " ".join(signature(s, msg_id, timestamp, body) for s in secrets),
    }
