"""The complaints domain's personal data, as `pintu rotate-keys` rotates it
(app.kit.rekey): each complainant's NIK, phone and e-mail with their blind indexes, and each
mirrored JAKI report's fields kept as sent.

Not rotated, since they are kept only as a keyed hash and cannot be hashed again without what
they hash: receipt codes (`receipt_code_hash`, matched under every configured blind-index key,
app.complaints.receipts) and the content hashes of mirrored reports (matched likewise, and
written under the newest key with the next version JAKI sends).
"""

from __future__ import annotations

from app.kit.rekey import Sealed, SealedTable
from app.models import Complaint, JakiReport

SEALED_TABLES = (
    SealedTable(
        Complaint.__table__,  # type: ignore[arg-type]
        tuple(Sealed(f"{f}_encrypted", f, f"{f}_index") for f in ("nik", "phone", "email")),
    ),
    SealedTable(JakiReport.__table__, (Sealed("raw_encrypted", "jaki_raw"),)),  # type: ignore[arg-type]
)
