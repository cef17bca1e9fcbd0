"""Personal data of complainants: NIK, phone and email, normalized and masked.

Other packages reach this one only through the names below (an import contract checks it).
"""

from app.personal.email import mask_email, normalize_email
from app.personal.freetext import (
    DIGIT_GAP,
    REDACTED,
    as_shown,
    name_pattern,
    public_text,
    strike_identifiers,
)
from app.personal.name import mask_name
from app.personal.nik import NikError, mask_nik, normalize_nik
from app.personal.phone import mask_phone, normalize_phone

__all__ = [
    "DIGIT_GAP",
    "REDACTED",
    "NikError",
    "as_shown",
    "mask_email",
    "mask_name",
    "mask_nik",
    "mask_phone",
    "name_pattern",
    "normalize_email",
    "normalize_nik",
    "normalize_phone",
    "public_text",
    "strike_identifiers",
]
