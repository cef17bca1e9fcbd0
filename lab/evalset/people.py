"""How the desk writes a person down (titles, old spellings) and how two writings compare."""

from __future__ import annotations

from typing import Any

from app.demo import names

FEMALE_NAMES = frozenset(names.FEMALE_GIVEN + names.FEMALE_SINGLE)
TITLES = {False: ("Bapak ", "Bpk. ", "Pak ", "H. "), True: ("Ibu ", "Bu ", "Ny. ", "Hj. ")}
SPELLINGS: dict[str, tuple[str, ...]] = {
    "Muhammad": ("Mohammad", "Muhamad", "Mohamad", "M."),
    "Ahmad": ("Achmad", "Akhmad"),
    "Rizki": ("Rizky", "Rizqi"),
    "Yusuf": ("Yusup", "Jusuf"),
    "Taufik": ("Taufiq",),
    "Joko": ("Djoko",),
    "Rahmat": ("Rachmat",),
    "Wahyu": ("Wahju",),
    "Slamet": ("Selamet",),
    "Siti": ("Sitti",),
    "Fitri": ("Fitry",),
    "Aisyah": ("Aisah",),
    "Hidayat": ("Hidajat",),
    "Rahmawati": ("Rachmawati",),
    "Susanto": ("Soesanto",),
    "Sutrisno": ("Soetrisno",),
    "Suparman": ("Soeparman",),
    "Sukirman": ("Soekirman",),
    "Ramadhan": ("Ramadan",),
    "Firmansyah": ("Firmansah",),
}
_CANONICAL = {v.casefold(): w.casefold() for w, variants in SPELLINGS.items() for v in variants}
_TITLE_WORDS = frozenset(t.strip().casefold() for titles in TITLES.values() for t in titles)


def national(phone: str) -> str:
    """A phone number as its national digits, without 0, 62 or +62."""
    digits = "".join(c for c in phone if c.isdigit())
    return digits[2:] if digits.startswith("62") else digits.removeprefix("0")


def identity(person: dict[str, Any] | None) -> frozenset[str]:
    """The person's NIK and phone (as a national number), tagged by kind."""
    if not person:
        return frozenset()
    found = set()
    if person.get("nik"):
        found.add("nik:" + person["nik"])
    if person.get("phone"):
        found.add("tel:" + national(person["phone"]))
    return frozenset(found)


def name_key(name: str | None) -> str | None:
    """A name without titles, case and old spellings: how two writings of one name compare."""
    if not name:
        return None
    words = [w for w in name.casefold().split() if w not in _TITLE_WORDS]
    return " ".join(_CANONICAL.get(w, w) for w in words) or None
