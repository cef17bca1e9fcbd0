"""Personal data of complainants: NIK, phone and email, normalized and masked.

Other packages reach this one only through the names below (an import contract checks it).
"""

from app.personal.email import (
    mask_email as mask_email,
)
from app.personal.email import (
    normalize_email as normalize_email,
)
from app.personal.freetext import (
    DIGIT_GAP as DIGIT_GAP,
)
from app.personal.freetext import (
    REDACTED as REDACTED,
)
from app.personal.freetext import (
    as_shown as as_shown,
)
from app.personal.freetext import (
    strike_identifiers as strike_identifiers,
)
from app.personal.name import (
    mask_name as mask_name,
)
from app.personal.nik import (
    NikError as NikError,
)
from app.personal.nik import (
    mask_nik as mask_nik,
)
from app.personal.nik import (
    normalize_nik as normalize_nik,
)
from app.personal.phone import (
    mask_phone as mask_phone,
)
from app.personal.phone import (
    normalize_phone as normalize_phone,
)

__all__ = [
    "DIGIT_GAP",
    "REDACTED",
    "NikError",
    "as_shown",
    "mask_email",
    "mask_name",
    "mask_nik",
    "mask_phone",
    "normalize_email",
    "normalize_nik",
    "normalize_phone",
    "strike_identifiers",
]
