"""Removing identifiers from free text: the description, an officer's note.

Two ways. `Redactor` strikes one known person's identifiers (their NIK, phone, e-mail and full
name, however the digits are spaced) and guesses at nothing else, so someone else's name in a
note stays: erasure uses it. `strike_identifiers` strikes anything shaped like a NIK, an
Indonesian phone number or an e-mail address, whoever's it is, for callers who see personal data
masked: a note can hold a neighbour's number as well as the complainant's. Names it cannot tell
from ordinary words, so it leaves them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

REDACTED = "[dihapus]"

# Between two digits of a number as people write it: "0812-3456 7890", "3171.0145.0590.0002".
_DIGIT_GAP = r"[\s.()-]{0,2}"
# A name shorter than this is too likely an ordinary word to be struck out wherever it appears.
_MIN_NAME = 3


def _digits(digits: str) -> str:
    return _DIGIT_GAP.join(digits)


# Anyone's identifiers, as people write them. The e-mail goes first, so that an address whose
# name is a phone number goes whole.
_ANY_EMAIL = (
    r"(?<![\w.%+-])[\w.%+-]+@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(?![\w-])"
)
# Sixteen digits or more in one run, however spaced: a NIK, or a longer number holding one.
_ANY_NIK = rf"(?<!\d)\d(?:{_DIGIT_GAP}\d){{15,}}(?!\d)"
# 0, 62 or +62, then a mobile (8 and 8-11 more digits) or a landline (area code 2-9 and 7-10
# more), the lengths app.personal.phone accepts; "(021) 345 6789" and "(0812) …" too.
_ANY_PHONE = (
    rf"(?<![\w+])\(?(?:\+\s?62|62|0){_DIGIT_GAP}"
    rf"(?:8(?:{_DIGIT_GAP}\d){{8,11}}|[2-79](?:{_DIGIT_GAP}\d){{7,10}})(?!\d)"
)
_ANYONES = tuple(re.compile(p, re.IGNORECASE) for p in (_ANY_EMAIL, _ANY_NIK, _ANY_PHONE))
# What every match of the three holds: an @, or nine digits with the gaps allowed between them
# (the shortest phone). One quick look at that spares most texts, which hold neither, the three
# passes (a list of 50 complaints is shown with every description looked at).
_MAYBE_ANY = re.compile(rf"@|\d(?:{_DIGIT_GAP}\d){{8}}")


def strike_identifiers(text: str) -> str:
    """`text` with everything shaped like a NIK, a phone number or an e-mail address replaced
    by `[dihapus]`. A number that only looks like one (a date written 03-10-2026 10.00) may go
    too: striking too much is the safe side."""
    if not _MAYBE_ANY.search(text):
        return text
    for pattern in _ANYONES:
        text = pattern.sub(REDACTED, text)
    return text


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
            found.append(rf"(?<!\d)\(?(?:\+\s?62|62|0){_DIGIT_GAP}{_digits(phone[3:])}(?!\d)")
        if email:
            found.append(rf"(?<![\w.+-]){re.escape(email)}(?![\w-])")
        words = name.split() if name else []
        if words and len("".join(words)) >= _MIN_NAME:
            found.append(r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)")
        return cls(tuple(re.compile(p, re.IGNORECASE) for p in found))

    def __call__(self, text: str) -> str:
        """`text` with every identifier replaced by `[dihapus]`."""
        for pattern in self.patterns:
            text = pattern.sub(REDACTED, text)
        return text

    def optional(self, text: str | None) -> str | None:
        """As calling it, for a text that may be absent."""
        return None if text is None else self(text)
