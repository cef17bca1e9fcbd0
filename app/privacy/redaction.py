"""Removing one person's identifiers from free text: the description, an officer's note.

`Redactor` strikes one known person's identifiers (their NIK, phone, e-mail and full name,
however the digits are spaced) and guesses at nothing else, so someone else's name in a note
stays: erasure uses it. Striking anyone's identifiers, for callers who see personal data masked,
is `app.personal.freetext`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.personal import DIGIT_GAP, REDACTED, name_pattern

__all__ = ["REDACTED", "Redactor"]


def _digits(digits: str) -> str:
    return DIGIT_GAP.join(digits)


@dataclass(frozen=True, slots=True)
class Redactor:
    """Strikes out one person's identifiers; `Redactor.of()` with nothing known changes nothing."""

    patterns: tuple[re.Pattern[str], ...] = field(default=())

    @classmethod
    def of(
        cls,
        *,
        name: str | None = None,
        nik: str | None = None,
        phone: str | None = None,
        email: str | None = None,
    ) -> Redactor:
        """A redactor for the person with these (normalised) identifiers."""
        found: list[str] = []
        if nik:
            found.append(rf"(?<!\d){_digits(nik)}(?!\d)")
        if phone and phone.startswith("+62"):
            # Written +62 812…, 62812… or 0812…: one number (app.personal.phone).
            found.append(rf"(?<!\d)\(?(?:\+\s?62|62|0){DIGIT_GAP}{_digits(phone[3:])}(?!\d)")
        if email:
            found.append(rf"(?<![\w.+-]){re.escape(email)}(?![\w-])")
        if (whole_name := name_pattern(name)) is not None:
            found.append(whole_name)
        return cls(tuple(re.compile(p, re.IGNORECASE) for p in found))

    def __call__(self, text: str) -> str:
        """`text` with every identifier replaced by `[dihapus]`."""
        for pattern in self.patterns:
            text = pattern.sub(REDACTED, text)
        return text

    def optional(self, text: str | None) -> str | None:
        """As calling it, for a text that may be absent."""
        return None if text is None else self(text)
