"""NIK (Nomor Induk Kependudukan): the 16-digit Indonesian identity number.

Layout: PP KK CC DDMMYY SSSS — province, kabupaten/kota, kecamatan, date of birth (women add 40
to the day), serial. Error messages never repeat the NIK or any part of it, since they end up in
responses and logs.
"""

from __future__ import annotations

import calendar
import csv
import io
from pathlib import Path

_SEPARATORS = str.maketrans("", "", " .-")


def _load_province_codes() -> frozenset[str]:
    text = Path(__file__).with_name("provinces.csv").read_text(encoding="utf-8")
    return frozenset(row["code"] for row in csv.DictReader(io.StringIO(text)))


PROVINCE_CODES: frozenset[str] = _load_province_codes()


class NikError(ValueError):
    """A NIK was refused; the message says why without quoting it."""


def _date_exists(day: int, month: int, yy: int) -> bool:
    # The NIK holds a two-digit year, so a date is accepted if it exists in either century
    # (29 Feb 00 is real because 2000 was a leap year, although 1900 was not).
    if not 1 <= month <= 12 or day < 1:
        return False
    return any(day <= calendar.monthrange(century + yy, month)[1] for century in (1900, 2000))


def normalize_nik(raw: str) -> str:
    """Return `raw` as 16 digits, without separators, or raise NikError."""
    nik = raw.strip().translate(_SEPARATORS)
    if len(nik) != 16 or not (nik.isascii() and nik.isdigit()):
        raise NikError("NIK must be 16 digits")
    if nik[:2] not in PROVINCE_CODES:
        raise NikError("NIK does not start with a known Indonesian province code")
    if nik[2:4] == "00":
        raise NikError("NIK does not hold a valid kabupaten/kota code")
    if nik[4:6] == "00":
        raise NikError("NIK does not hold a valid kecamatan code")
    day, month, yy = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    if day > 40:
        day -= 40
    if not _date_exists(day, month, yy):
        raise NikError("NIK does not hold a valid date of birth")
    if nik[12:] == "0000":
        raise NikError("NIK does not hold a valid serial number")
    return nik


def mask_nik(nik: str) -> str:
    """Keep the first 4 and last 4 digits of a normalized NIK and star the rest."""
    if len(nik) <= 8:
        return "*" * len(nik)
    return nik[:4] + "*" * (len(nik) - 8) + nik[-4:]
