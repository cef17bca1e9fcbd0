"""Data-subject requests (UU PDP): export and erasure of one person's personal data.

Other packages reach this one only through the names below (an import contract checks it).
"""

from app.privacy.service import (
    NOT_STORED_NOTE,
    anonymised_complaint,
    anonymised_jaki,
    erased_among,
    hold_off_erasure,
    person_categories,
    redactor_for,
)

__all__ = [
    "NOT_STORED_NOTE",
    "anonymised_complaint",
    "anonymised_jaki",
    "erased_among",
    "hold_off_erasure",
    "person_categories",
    "redactor_for",
]
