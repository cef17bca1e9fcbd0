"""Anyone's identifiers struck from free text, for callers who see personal data masked.

A description or an officer's note can hold a NIK, a phone number or an e-mail address — the
complainant's, a neighbour's, anyone's. `strike_identifiers` replaces everything shaped like one
with `[dihapus]`. Names cannot be told from ordinary words, so they stay.
"""

from __future__ import annotations

import re
from typing import overload

REDACTED = "[dihapus]"

# Between two digits of a number as people write it: "0812-3456 7890", "3171.0145.0590.0002".
DIGIT_GAP = r"[\s.()-]{0,2}"

# Anyone's identifiers, as people write them. The e-mail goes first, so that an address whose
# name is a phone number goes whole.
_ANY_EMAIL = (
    r"(?<![\w.%+-])[\w.%+-]+@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(?![\w-])"
)
# Sixteen digits or more in one run, however spaced: a NIK, or a longer number holding one.
_ANY_NIK = rf"(?<!\d)\d(?:{DIGIT_GAP}\d){{15,}}(?!\d)"
# 0, 62 or +62, then a mobile (8 and 8-11 more digits) or a landline (area code 2-9 and 7-10
# more), the lengths app.personal.phone accepts; "(021) 345 6789" and "(0812) …" too.
_ANY_PHONE = (
    rf"(?<![\w+])\(?(?:\+\s?62|62|0){DIGIT_GAP}"
    rf"(?:8(?:{DIGIT_GAP}\d){{8,11}}|[2-79](?:{DIGIT_GAP}\d){{7,10}})(?!\d)"
)
_ANYONES = tuple(re.compile(p, re.IGNORECASE) for p in (_ANY_EMAIL, _ANY_NIK, _ANY_PHONE))
# What every match of the three holds: an @, or nine digits with the gaps allowed between them
# (the shortest phone). One quick look at that spares most texts, which hold neither, the three
# passes (a list of 50 complaints is shown with every description looked at).
_MAYBE_ANY = re.compile(rf"@|\d(?:{DIGIT_GAP}\d){{8}}")


def strike_identifiers(text: str) -> str:
    """`text` with everything shaped like a NIK, a phone number or an e-mail address replaced
    by `[dihapus]`. A number that only looks like one (a date written 03-10-2026 10.00) may go
    too: striking too much is the safe side."""
    if not _MAYBE_ANY.search(text):
        return text
    for pattern in _ANYONES:
        text = pattern.sub(REDACTED, text)
    return text


# A name shorter than this is too likely an ordinary word to be struck out wherever it appears.
MIN_NAME = 3


def name_pattern(name: str | None) -> str | None:
    """A pattern for one person's full name however it is spaced, or None when the name is
    too short to tell from an ordinary word."""
    words = name.split() if name else []
    if not words or len("".join(words)) < MIN_NAME:
        return None
    return r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)"


def public_text(text: str, *, name: str | None = None) -> str:
    """Free text fit for anyone, without a key: everything shaped like an identifier struck
    out, and the complainant's own full name (`name`) too."""
    text = strike_identifiers(text)
    pattern = name_pattern(name)
    return re.sub(pattern, REDACTED, text, flags=re.IGNORECASE) if pattern else text


@overload
def as_shown(text: str, *, reveal: bool) -> str: ...
@overload
def as_shown(text: None, *, reveal: bool) -> None: ...
def as_shown(text: str | None, *, reveal: bool) -> str | None:
    """Free text as a caller sees it: as written if its role sees personal data (`reveal`),
    else with identifiers struck out."""
    return text if reveal or text is None else strike_identifiers(text)
