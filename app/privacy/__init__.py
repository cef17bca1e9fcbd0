"""Data-subject requests (UU PDP): export and erasure of one person's personal data.

Other packages reach this one only through the names below (an import contract checks it).
"""

from app.privacy.service import (
    NOT_STORED_NOTE as NOT_STORED_NOTE,
)
from app.privacy.service import (
    anonymised_complaint as anonymised_complaint,
)
from app.privacy.service import (
    anonymised_jaki as anonymised_jaki,
)
from app.privacy.service import (
    erased_among as erased_among,
)
from app.privacy.service import (
    hold_off_erasure as hold_off_erasure,
)
from app.privacy.service import (
    person_categories as person_categories,
)
from app.privacy.service import (
    redactor_for as redactor_for,
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
