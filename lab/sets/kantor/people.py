"""People: names (with old and new spellings), NIK, phone numbers, and how the desk writes them."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lab.sets.kantor.places import Spot


def words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


MALE = words(
    "Budi Agus Ahmad Muhammad Dedi Hendra Rudi Joko Slamet Bambang Eko Andi Rizki Fajar Hasan "
    "Iwan Yusuf Dani Wahyu Supriyadi Sutrisno Sukardi Hadi Ridwan Imam Teguh Asep Ujang Firman "
    "Samsul Rahmat Arif Irfan Taufik Nanang Ade Herman Sugeng Mulyono Suharto Umar Rustam Jumadi "
    "Purwanto Cahyono Suryadi Darto Abdul Yanto Heri Dodi Rohmat Kusnadi Saepudin"
)
FEMALE = words(
    "Siti Sri Nur Dewi Rina Yuni Ani Wati Endang Sumarni Fitri Rahmawati Ika Eka Dian Nining "
    "Tuti Ratna Wulan Aminah Maryam Juariah Suwarni Yati Ernawati Nurhayati Sulastri Mega Indah "
    "Jamilah Rohaya Suminah Nunung Imas Euis Kartini Rosmiati Salamah Halimah"
)
SURNAME = words(
    "Santoso Setiawan Hidayat Saputra Wibowo Kurniawan Pratama Nugroho Susanto Siregar Nasution "
    "Harahap Simanjuntak Sitompul Rahman Hakim Fauzi Hasibuan Purba Wijaya Gunawan Maulana "
    "Ramadhan Hermawan Suryadi Permana Firmansyah Sihombing Lubis Syahputra Hutapea Tanjung "
    "Effendi Sembiring Manurung Situmorang Rangkuti Daulay Munthe"
)
FEMALE_SURNAME = words("Aminah Wahyuni Rahayu Handayani Anggraini Puspita Marlina Yulianti Lestari")

# Names people share with many others: a walk-in's equal name is weak evidence.
COMMON_NAMES = (
    "Siti Aminah",
    "Muhammad Rizki",
    "Nur Hidayah",
    "Ahmad Fauzi",
    "Sri Wahyuni",
    "Dewi Lestari",
    "Agus Setiawan",
    "Budi Santoso",
    "Siti Rahmawati",
    "Muhammad Yusuf",
    "Nur Aini",
    "Sri Rahayu",
    "Ahmad Hidayat",
    "Siti Nurhayati",
    "Muhammad Ilham",
)

# Old (pre-1972) spellings still on many KTP: oe → u, dj → j, tj → c, j → y.
OLD_SPELLING = {
    "Suharto": "Soeharto",
    "Joko": "Djoko",
    "Sutrisno": "Soetrisno",
    "Budi": "Boedi",
    "Jamilah": "Djamilah",
    "Cahyono": "Tjahjono",
    "Suryadi": "Soerjadi",
    "Yusuf": "Joesoef",
    "Juariah": "Djoeariah",
    "Sukardi": "Soekardi",
    "Mulyono": "Moeljono",
    "Sumarni": "Soemarni",
    "Umar": "Oemar",
    "Rustam": "Roestam",
    "Suwarni": "Soewarni",
    "Jumadi": "Djoemadi",
    "Supriyadi": "Soeprijadi",
    "Susanto": "Soesanto",
    "Purwanto": "Poerwanto",
    "Wijaya": "Widjaja",
    "Suminah": "Soeminah",
}
MODERN_SPELLING = {old: new for new, old in OLD_SPELLING.items()}
MUHAMMAD = ("Muhammad", "Muhamad", "Mohammad", "M.", "Moh.")

# Where people outside Jakarta are registered (NIK's first six digits): Bekasi, Depok, Bogor,
# Tangerang, Tangerang Selatan, Jawa Tengah, Jawa Timur, Lampung, Sumatera Utara.
OUTSIDE = words("327501 327504 327603 320114 367104 367402 330215 352208 180105 120712")
OPERATORS = words("811 812 813 821 822 823 852 853 857 858 877 878 838 881 895 896 813 812")


@dataclass
class Person:
    pid: int
    name: str  # as on the KTP
    female: bool
    born: date
    nik: str
    phone: str  # E.164
    home: Spot
    role: str = "warga"  # warga, ketua_rt, ketua_rw, relawan
    other_phone: str | None = None  # a second number they sometimes give
    jaki_nik: bool = True  # whether their JAKI profile carries the NIK
    jaki_phone_local: bool = False  # their JAKI profile writes the phone 08…
    reports: list[int] = field(default_factory=list)

    @property
    def first(self) -> str:
        return self.name.split()[0]


def make_name(rng: random.Random, female: bool, old: bool) -> str:
    """A name as on a KTP; older people's names sometimes in the old spelling."""
    first = rng.choice(FEMALE if female else MALE)
    shape = rng.random()
    if shape < 0.12:
        parts = [first]  # one name only, common in Java
    elif shape < 0.25:
        middle = "Nur" if female else rng.choice(("Muhammad", "Abdul", "Ahmad"))
        if middle == first:
            parts = [first, rng.choice(SURNAME)]
        else:
            parts = [middle, first, rng.choice(SURNAME)] if rng.random() < 0.5 else [middle, first]
    else:
        pool = FEMALE_SURNAME + SURNAME if female else SURNAME
        parts = [first, rng.choice(pool)]
    if old:
        parts = [OLD_SPELLING.get(p, p) for p in parts]
    out: list[str] = []
    for p in parts:  # "Siti Siti" is not a name
        if p not in out:
            out.append(p)
    return " ".join(out)


def make_nik(rng: random.Random, kecamatan_code: str, born: date, female: bool) -> str:
    """16 digits: region of registration, birth date (women +40 on the day), a serial."""
    region = kecamatan_code.replace(".", "") if rng.random() < 0.88 else rng.choice(OUTSIDE)
    day = born.day + (40 if female else 0)
    serial = rng.randint(1, 2999) if rng.random() < 0.85 else rng.randint(3000, 9999)
    return f"{region}{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"


def make_phone(rng: random.Random) -> str:
    """A mobile number in E.164."""
    digits = 8 if rng.random() < 0.8 else 7
    rest = "".join(str(rng.randint(0, 9)) for _ in range(digits))
    return f"+628{rng.choice(OPERATORS)[1:]}{rest}"


def desk_phone(rng: random.Random, e164: str) -> str:
    """The same number as an officer types it: 08…, 628…, +62 …, with spaces or dashes."""
    local = "0" + e164[3:]
    head, mid, tail = local[:4], local[4:8], local[8:]
    form = rng.random()
    if form < 0.3:
        return local
    if form < 0.5:
        return f"{head}-{mid}-{tail}"
    if form < 0.65:
        return f"{head} {mid} {tail}"
    if form < 0.75:
        return e164[1:]
    if form < 0.88:
        return f"+62 {local[1:4]}-{mid}-{tail}"
    return e164


def jaki_phone(person: Person) -> str:
    """The phone on a person's JAKI profile: E.164, or 08… as they typed it once."""
    return "0" + person.phone[3:] if person.jaki_phone_local else person.phone


def modern(name: str) -> str:
    return " ".join(MODERN_SPELLING.get(p, p) for p in name.split())


def desk_name(rng: random.Random, name: str) -> str:
    """A name as the desk types it: new spelling, a name dropped, Muhammad shortened, any case."""
    parts = name.split()
    if any(p in MODERN_SPELLING for p in parts) and rng.random() < 0.65:
        parts = modern(name).split()
    elif rng.random() < 0.08:  # the officer copies an old spelling the person gives
        parts = [OLD_SPELLING.get(p, p) for p in parts]
    if len(parts) >= 2 and rng.random() < 0.2:
        parts = parts[:-1]  # a missing second name
    if parts[0] == "Muhammad" and len(parts) > 1 and rng.random() < 0.4:
        parts[0] = rng.choice(MUHAMMAD[1:])
    text = " ".join(parts)
    case = rng.random()
    if case < 0.35:
        return text.upper()
    if case < 0.7:
        return text.lower()
    return text
