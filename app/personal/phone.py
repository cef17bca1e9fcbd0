"""Indonesian phone numbers, mobile and landline, normalized to E.164 (+62…).

Error messages never repeat the number, since they end up in responses and logs.
"""

from __future__ import annotations

import re

_SEPARATORS = str.maketrans("", "", " -.()")
# Digits and separators only, with at most one pair of parentheses around digits, e.g. "(021)".
_SHAPE = re.compile(r"[0-9 .-]*(?:\([0-9 .-]+\)[0-9 .-]*)?")
_LANDLINE_AREA_FIRST_DIGITS = "2345679"
# The trunk 0 written in parentheses after the country code, as in "+62 (0)812…": it is dialled
# at home only, so it is dropped. Unbracketed ("+62 0812…") it stays an error: ambiguous.
_TRUNK_IN_PARENTHESES = re.compile(r"62[ .-]*\(0\)")


class PhoneError(ValueError):
    """A phone number was refused; the message says why without quoting it."""


def normalize_phone(raw: str) -> str:
    """Return `raw` as an E.164 Indonesian number ("+62" and the national number) or raise."""
    text = raw.strip()
    if not text:
        raise PhoneError("phone number is empty")
    international = text.startswith("+")
    if international:
        text = text[1:]
    if not _SHAPE.fullmatch(text):
        raise PhoneError(
            "phone number may only hold digits, spaces, hyphens, dots, parentheses and a leading +"
        )
    digits = text.translate(_SEPARATORS)
    if _TRUNK_IN_PARENTHESES.match(text):
        national = digits[3:]
    elif digits.startswith("62"):
        national = digits[2:]
    elif digits.startswith("0") and not international:
        national = digits[1:]
    elif international:
        raise PhoneError("phone number must be an Indonesian number (+62)")
    else:
        raise PhoneError("phone number must start with 0, 62 or +62")
    first = national[:1]
    if first == "8":
        if not 9 <= len(national) <= 12:
            raise PhoneError("mobile number must have 10 to 13 digits, counting the leading 0")
    elif first and first in _LANDLINE_AREA_FIRST_DIGITS:
        if not 8 <= len(national) <= 11:
            raise PhoneError("landline number must have 9 to 12 digits, counting the leading 0")
    else:
        raise PhoneError("phone number is not a valid Indonesian mobile or landline number")
    return "+62" + national


def mask_phone(e164: str) -> str:
    """Keep "+62" with the next 3 digits and the last 4 digits of a number, and star the rest."""
    if len(e164) <= 10:
        return "*" * len(e164)
    return e164[:6] + "*" * (len(e164) - 10) + e164[-4:]
