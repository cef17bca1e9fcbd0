"""People: names as on the KTP and as typed into JAKI, NIKs, phone numbers and their spellings."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from lab.sets.kampung.geo import Spot

MALE = (
    "Muhammad", "Ahmad", "Abdul", "Agus", "Budi", "Dedi", "Eko", "Hendra", "Joko", "Rizky",
    "Fajar", "Andi", "Slamet", "Bambang", "Rudi", "Yusuf", "Irfan", "Heri", "Dodi", "Sutrisno",
    "Ujang", "Asep", "Jaenudin", "Rahmat", "Sulaiman", "Abdullah", "Syarifudin", "Zulkifli",
    "Imam", "Taufik", "Bayu", "Dimas", "Wahyu", "Yanto", "Sarmili", "Mursid", "Romli", "Ilham",
)  # fmt: skip
FEMALE = (
    "Siti", "Nur", "Sri", "Dewi", "Ani", "Yuli", "Rina", "Lina", "Fitri", "Aminah", "Rohimah",
    "Nurhayati", "Maryam", "Khadijah", "Juleha", "Euis", "Wati", "Ratna", "Dian", "Indah",
    "Fatimah", "Maemunah", "Zulaikha", "Nurjanah", "Ratih", "Yanti", "Suminah", "Mariam",
)  # fmt: skip
SECOND_M = (
    "Santoso", "Hidayat", "Saputra", "Rahman", "Setiawan", "Kurniawan", "Pratama", "Wijaya",
    "Fadillah", "Maulana", "Firmansyah", "Ramadhan", "Hakim", "Nugroho", "Prasetyo", "Sanusi",
    "Hasan", "Ismail", "Gunawan", "Syahputra", "Fauzi", "Iskandar", "Sobari", "Jayadi",
)  # fmt: skip
SECOND_F = (
    "Rahmawati", "Nurhaliza", "Lestari", "Susanti", "Hasanah", "Fauziah", "Handayani",
    "Wulandari", "Aisyah", "Permatasari", "Kartika", "Sulastri", "Maryati", "Rohmah",
    "Nuraini", "Safitri", "Purnamasari", "Komariah", "Zahra", "Mulyani",
)  # fmt: skip
# Names that many people in Jakarta share, for the common-name cases.
COMMON_M = ("Muhammad Rizki", "Ahmad Fauzi", "Muhammad Ilham", "Agus Setiawan", "Budi Santoso")
COMMON_F = (
    "Siti Aminah",
    "Nur Hasanah",
    "Siti Nurhaliza",
    "Sri Wahyuni",
    "Nur Aini",
    "Siti Rohmah",
)
_PIOUS = ("Muhammad", "Mohammad", "Ahmad", "Siti", "Nur", "Sri", "Abdul")
# Call names, Betawi and otherwise, that people type into the app instead of their KTP name.
CALL_NAMES = {
    "Khadijah": "Ijah", "Abdullah": "Dullah", "Sulaiman": "Leman", "Rohimah": "Imah",
    "Fatimah": "Ima", "Maemunah": "Munah", "Juleha": "Leha", "Rahmat": "Mamat", "Yusuf": "Ucup",
    "Syarifudin": "Udin", "Jaenudin": "Jae", "Zulkifli": "Ijul", "Zulaikha": "Ikah",
    "Nurjanah": "Nunung", "Muhammad": "Mamad", "Suminah": "Minah", "Sarmili": "Sarmili",
}  # fmt: skip
OUTSIDE_REGIONS = ("320118", "327504", "360312", "367106", "330209", "350821", "180506", "320413")
PREFIXES = (
    "0811", "0812", "0813", "0821", "0822", "0823", "0852", "0853", "0856", "0857", "0858",
    "0877", "0878", "0881", "0882", "0895", "0896", "0897", "0898", "0899",
)  # fmt: skip


@dataclass(frozen=True)
class Person:
    pid: int
    name: str  # as on the KTP, in title case
    title: str  # "", "H." or "Hj."
    female: bool
    nik: str
    phone: str  # 08…, digits only
    born: date
    home: Spot

    @property
    def ktp_name(self) -> str:
        return f"{self.title} {self.name}".strip()


class People:
    """Makes people; no two share a NIK or a phone."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.niks: set[str] = set()
        self.phones: set[str] = set()
        self.count = 0

    def _nik(self, region6: str, born: date, female: bool) -> str:
        day = born.day + (40 if female else 0)
        while True:
            serial = self.rng.randint(1, 2400)
            nik = f"{region6}{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"
            if nik not in self.niks:
                self.niks.add(nik)
                return nik

    def fresh_phone(self) -> str:
        while True:
            rest = self.rng.randint(7, 9)
            digits = "".join(str(self.rng.randint(0, 9)) for _ in range(rest))
            phone = self.rng.choice(PREFIXES) + digits
            if phone not in self.phones:
                self.phones.add(phone)
                return phone

    def make(self, home: Spot, name: str | None = None, female: bool | None = None) -> Person:
        rng = self.rng
        if female is None:
            female = rng.random() < 0.5
        if name is None:
            first = rng.choice(FEMALE if female else MALE)
            if rng.random() < 0.1 and first not in _PIOUS:
                name = first  # one name only
            else:
                second = rng.choice(SECOND_F if female else SECOND_M)
                if first in _PIOUS and rng.random() < 0.6:
                    first = f"{first} {rng.choice(FEMALE[3:] if female else MALE[3:])}"
                name = f"{first} {second}"
        born = date(rng.randint(1948, 2005), rng.randint(1, 12), rng.randint(1, 28))
        title = ""
        if born.year < 1980 and rng.random() < 0.3:
            title = "Hj." if female else "H."
        kec = home.kel.code[:8].replace(".", "")
        region6 = kec if rng.random() < 0.88 else rng.choice(OUTSIDE_REGIONS)
        self.count += 1
        return Person(
            pid=self.count,
            name=name,
            title=title,
            female=female,
            nik=self._nik(region6, born, female),
            phone=self.fresh_phone(),
            born=born,
            home=home,
        )

    def common(self, home: Spot, like: Person | None = None) -> Person:
        """Someone with a very common name; with `like`, the same name as that person."""
        if like is not None:
            return self.make(home, name=like.name, female=like.female)
        female = self.rng.random() < 0.5
        return self.make(
            home, name=self.rng.choice(COMMON_F if female else COMMON_M), female=female
        )


def phone_as(rng: random.Random, phone: str) -> str:
    """The same number as people write it: 0812-3456-7890, +62 812…, 62812…"""
    rest = phone[1:]
    form = rng.randrange(7)
    if form == 0:
        return phone
    if form == 1:
        return f"{phone[:4]}-{phone[4:8]}-{phone[8:]}"
    if form == 2:
        return f"+62{rest}"
    if form == 3:
        return f"62{rest}"
    if form == 4:
        return f"+62 {rest[:3]}-{rest[3:7]}-{rest[7:]}"
    if form == 5:
        return f"{phone[:4]} {phone[4:8]} {phone[8:]}"
    return phone


def desk_name(rng: random.Random, p: Person) -> str:
    """The name as the officer copies it from the KTP."""
    name = p.ktp_name if rng.random() < 0.8 else p.name
    return name.upper() if rng.random() < 0.2 else name


def app_name(rng: random.Random, p: Person) -> str:
    """The name a citizen gave the app: a call name, a short form, rarely the full name."""
    parts = p.name.split()
    first = parts[0]
    roll = rng.random()
    if roll < 0.2:
        return p.name.lower() if rng.random() < 0.4 else p.name
    if roll < 0.35 and first in ("Muhammad", "Mohammad") and len(parts) > 1:
        return rng.choice(("M.", "M", "Muh.", "Moh")) + " " + " ".join(parts[1:])
    called = [CALL_NAMES[part] for part in parts if part in CALL_NAMES]
    if roll < 0.5 and called:
        return called[0]
    if roll < 0.05 + (0.5 if called else 0.35):
        mama = "Bunda" if p.female else "Abah"
        return f"{mama} {parts[-1] if len(parts) > 1 else first}"
    if len(parts) == 1:
        return first.lower() if rng.random() < 0.3 else first
    core = parts[1] if first in _PIOUS and len(parts) > 2 else first
    if first in _PIOUS and len(parts) == 2:
        core = parts[1] if rng.random() < 0.6 else first
    if rng.random() < 0.35:
        return f"{core} {parts[-1][0]}"
    return core.lower() if rng.random() < 0.3 else core


def email_of(rng: random.Random, p: Person) -> str:
    user = p.name.split()[0].lower() + rng.choice(("", ".", "_")) + p.name.split()[-1].lower()
    return f"{user}{p.born.year % 100:02d}@{rng.choice(('gmail.com', 'yahoo.co.id', 'gmail.com'))}"
