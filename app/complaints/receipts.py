"""Receipt codes: the short secret a complainant tracks a complaint with, without a key.

Each complaint recorded through the API gets one at intake: ten characters drawn at random from
Crockford's base 32 (50 bits), printed on the desk's receipt as `7KQ2M-XC9RT`. It is not derived
from the tracking number, is shown once to whoever recorded the complaint, and is stored only as
a keyed hash (HMAC under the blind-index key): a dump of the database does not give it back, and
without the key its hashes cannot be tried against the 2^50 codes. A lost code is replaced by a
new one (`POST /v1/complaints/{ref}/receipt-code`), which stops the old one working.
"""

from __future__ import annotations

import hmac
import secrets

from app.kit.security import get_blind_index

# Crockford's base 32: digits and capitals without I, L, O and U, read aloud without confusion.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 10
# What people write for the letters left out.
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SEPARATORS = str.maketrans("", "", " -")


def new_code() -> str:
    """A fresh code, grouped by five for reading: `7KQ2M-XC9RT`."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return f"{raw[:5]}-{raw[5:]}"


def normalise(code: str) -> str | None:
    """The code as stored (upper case, no spaces or hyphens, O read as 0, I and L as 1); None if
    it cannot be a code."""
    raw = code.upper().translate(_SEPARATORS).translate(_READ_AS)
    if len(raw) != LENGTH or any(c not in ALPHABET for c in raw):
        return None
    return raw


def digest(code: str) -> bytes:
    """The stored hash of a code (written as given or normalised), under the newest blind-index
    key."""
    return get_blind_index().digest("receipt_code", normalise(code) or code)


def matches(code: str | None, stored: bytes | None) -> bool:
    """Whether `code` is the one whose hash is `stored`, under any configured blind-index key,
    compared in constant time; every hash is worked out and compared even when nothing is
    stored or the first matches, so a missing complaint takes as long as a wrong code.

    A code is stored only as its hash, so `pintu rotate-keys` cannot hash it again under a new
    key: a code issued before the newest key keeps working while the key it was hashed under is
    configured (docs/operations.md says when that key may be retired)."""
    candidates = get_blind_index().digests("receipt_code", normalise(code or "") or code or "")
    found = False
    for candidate in candidates:
        found |= stored is not None and hmac.compare_digest(candidate, stored)
    return found
