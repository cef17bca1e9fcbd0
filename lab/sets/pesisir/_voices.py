"""How people write: six kinds of JAKI reporter on a phone, four officers at the desk.

JAKI reporters (`Person.voice`):
- ``pesisir``: Betawi of the north shore ("kagak", "udeh", "aje", "aye", "bener dah");
- ``gaul``: young, Indonesian-English ("drainase nya clogged parah", "pls fix asap");
- ``jawa``: Javanese words in Indonesian ("nggih", "sampun", "matur nuwun");
- ``ibu``: polite and complete ("Assalamualaikum wr wb ... terima kasih banyak");
- ``kapital``: ALL CAPS and angry;
- ``bapak``: short and abbreviated ("yg", "dgn", "tsb", "Trims").
All of them abbreviate, slip on keys, double words with a 2 ("lobang2") and leave emoji as text.

Desk officers (walk-ins): ``ringkas`` terse notes with RT/RW in their own fields; ``formal``
long prose with the whole address in the address field; ``birokrat`` a form with headings and the
complainant's name in capitals as on the KTP; ``cepat`` everything, address included, in one
lowercase paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from random import Random

from lab.sets.pesisir._geo import ROMAN, Street

OFFICERS = ("ringkas", "formal", "birokrat", "cepat")

# fmt: off
ABBREV = {
    "yang": "yg", "dengan": "dgn", "tidak": "tdk", "sudah": "sdh", "belum": "blm",
    "banget": "bgt", "tolong": "tlg", "karena": "krn", "beberapa": "bbrp", "kalau": "kl",
    "padahal": "pdhl", "sama": "sm", "juga": "jg", "dari": "dr", "untuk": "utk", "depan": "dpn",
    "sebelah": "sblh", "dekat": "dkt", "bulan": "bln", "jalan": "jln", "orang": "org",
    "warga": "wrg", "segera": "sgr", "sampai": "smp", "saja": "aja", "lagi": "lg", "hari": "hr",
    "sekarang": "skrg", "tapi": "tp", "atau": "ato", "pakai": "pake", "banyak": "byk",
    "tersebut": "tsb", "bapak": "bpk", "mohon": "mhn", "terima": "trima", "kasih": "ksh",
}
SWAPS: dict[str, dict[str, tuple[str, ...]]] = {
    "pesisir": {
        "tidak": ("kagak", "gak"), "sudah": ("udeh", "udah"), "saja": ("aje",),
        "saya": ("aye", "gua"),
        "kita": ("kite",), "apa": ("ape",), "kenapa": ("kenape",), "bagaimana": ("pegimane",),
        "mau": ("mao",), "benar": ("bener",), "dekat": ("deket",), "cepat": ("cepet",),
        "sama": ("ame",), "juga": ("juge",), "ada": ("ade",), "lubang": ("lobang",),
        "air": ("aer",), "kalau": ("kalo",), "pakai": ("pake",), "belum": ("belon", "blom"),
        "sekali": ("banget",), "anak-anak": ("bocah-bocah",),
    },
    "gaul": {
        "saya": ("aku", "gue", "aku"), "tidak": ("gak", "ga", "nggak"), "sudah": ("udah", "udh"),
        "sekali": ("bgt",), "banget": ("bgt",), "kalau": ("kalo",), "pakai": ("pake",),
        "belum": ("blm", "belom"), "bagaimana": ("gimana",), "tolong": ("pls", "tolong"),
        "saja": ("aja",), "sama": ("sm",), "mau": ("mo",),
    },
    "jawa": {
        "sudah": ("sampun", "wis", "sudah"), "tidak": ("mboten", "ora", "tidak"),
        "terima kasih": ("matur nuwun",), "bagaimana": ("pripun",), "sekali": ("sanget",),
        "benar": ("tenan",),
    },
    "bapak": {"tidak": ("tdk",), "sudah": ("sdh",), "dengan": ("dgn",), "yang": ("yg",)},
}
GREETINGS = {
    "pesisir": ("Assalamualaikum", "Pak Lurah", "Permisi bang", "Lapor pak", "Misi"),
    "gaul": ("halo min", "min", "hi jaki", "guys", "permisi min", "min tolong"),
    "jawa": ("Nuwun sewu", "Sugeng enjing", "Assalamualaikum, nyuwun sewu", "Nyuwun sewu Pak"),
    "ibu": ("Assalamualaikum wr wb", "Selamat pagi Bapak/Ibu", "Mohon maaf mengganggu",
            "Permisi Bapak/Ibu petugas", "Selamat siang"),
    "kapital": ("TOLONG", "LAPOR", "PAK LURAH", "PAK GUBERNUR"),
    "bapak": ("Lapor.", "Mohon izin melaporkan,", "Dengan hormat,", "Selamat pagi."),
}
PLEAS = {
    "pesisir": ("tolong dong pak cepet diberesin", "pegimane nih pak, kagak ada yang ngurus",
                "bener dah ampun", "kite warga udeh capek", "jangan cuma difoto doang"),
    "gaul": ("pls fix asap", "tolong dong min", "please banget", "mohon dibantu ya min",
             "thank u min"),
    "jawa": ("mohon segera ditindaklanjuti nggih", "monggo dipun cek", "matur nuwun sanget",
             "nyuwun tulung nggih Pak"),
    "ibu": ("mohon bantuannya segera ditindaklanjuti", "terima kasih banyak atas perhatiannya",
            "semoga cepat ditangani", "mohon dibantu, terima kasih"),
    "kapital": ("TOLONG SEGERA DITINDAK", "SUDAH LAPOR BERKALI2 TIDAK ADA TINDAKAN",
                "PERCUMA ADA JAKI KALAU TIDAK DIRESPON", "MOHON PERHATIANNYA"),
    "bapak": ("Mohon ditindaklanjuti.", "Trims.", "Mohon segera.", "Tks", "Terima kasih."),
}
EMOTES = {
    "pesisir": (":(", "hadeh", ":pray:", "ampun dah"),
    "gaul": (":(", ":((", ":pray::pray:", "huhu", "wkwk", ":sob:", ":facepalm:", "T_T"),
    "jawa": (":pray:", "nggih", ":)"),
    "ibu": (":pray:", ":pray::pray::pray:", ":)"),
    "kapital": ("!!!", "!!!!!", ":angry:", "!!!???"),
    "bapak": ("", ""),
}
REREPORT = (
    "lapor lagi karena laporan sebelumnya ditutup tapi belum beres",
    "ini laporan kedua saya",
    "kemarin sudah lapor tapi statusnya selesai padahal belum",
    "sudah pernah lapor di sini belum ada hasil",
    "lapor ulang, yang kemarin tidak ada kabar",
)
PREPS = ("depan", "dpn", "samping", "sblh", "deket", "dkt", "seberang", "pas di", "belakang",
         "pertigaan deket", "persis depan", "sebelah")
# fmt: on

TYPO_RATE = {
    "pesisir": 0.05,
    "gaul": 0.045,
    "jawa": 0.03,
    "ibu": 0.012,
    "kapital": 0.03,
    "bapak": 0.03,
}
ABBREV_RATE = {
    "pesisir": 0.35,
    "gaul": 0.55,
    "jawa": 0.25,
    "ibu": 0.1,
    "kapital": 0.15,
    "bapak": 0.7,
}
SWAP_RATE = {"pesisir": 0.75, "gaul": 0.75, "jawa": 0.4, "bapak": 0.8}
DOUBLE_RATE = {"pesisir": 0.8, "gaul": 0.8, "jawa": 0.6, "ibu": 0.35, "kapital": 0.7, "bapak": 0.8}


@dataclass
class Spot:
    """A place on a street: where a problem is, or where someone lives."""

    street: Street
    pos: float
    gang: str | None = None
    house_no: str | None = None
    block: str | None = None

    @property
    def rt(self) -> int:
        return self.street.rt_at(self.pos)

    @property
    def rw(self) -> int:
        return self.street.rw

    @property
    def landmark(self) -> str | None:
        lm = self.street.landmark_near(self.pos)
        return lm.name if lm else None


def _arabic(numeral: str) -> str:
    return str(ROMAN.index(numeral) + 1) if numeral in ROMAN else numeral


def roman(n: int) -> str:
    out = ""
    for value, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += letters
            n -= value
    return out


def garble(word: str, rng: Random) -> str:
    """One slip of the thumb: two letters swapped, one dropped, or one doubled."""
    if len(word) < 4 or not word.isalpha():
        return word
    i = rng.randrange(1, len(word) - 1)
    roll = rng.random()
    if roll < 0.45:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if roll < 0.8 and word[i].lower() in "aiueo":
        return word[:i] + word[i + 1 :]
    if roll < 0.8:
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i] + word[i:]


def street_as(street: Street, rng: Random, *, sloppy: float, formal: bool = False) -> str:
    """The street's name as someone writes it: "Jl. Kebon Bawang V", "jln kebon bawng 5"."""
    if street.kind == "Jl.":
        kind = (
            "Jalan" if formal else rng.choice(("Jl.", "Jl.", "Jl", "Jln.", "Jln", "Jalan", "jl."))
        )
    elif street.kind == "Gg.":
        kind = "Gang" if formal else rng.choice(("Gg.", "Gg", "Gang", "gg"))
    else:
        kind = street.kind if formal or rng.random() < 0.7 else rng.choice(("Komp.", "Kompleks"))
    stem = street.stem
    numeral = street.numeral
    if numeral and rng.random() < (0.15 if formal else 0.45):
        numeral = _arabic(numeral)
    if not formal and rng.random() < sloppy:
        words = stem.split()
        j = rng.randrange(len(words))
        words[j] = garble(words[j], rng)
        stem = " ".join(words)
    text = f"{kind} {stem} {numeral}".strip()
    if not formal and rng.random() < sloppy:
        text = text.lower()
    return text


def rt_rw_as(rt: int, rw: int, rng: Random, formal: bool = False) -> str:
    """RT and RW in one of the ways they are written."""
    if formal:
        return rng.choice((f"RT {rt:03d}/RW {rw:03d}", f"RT.{rt:03d}/RW.{rw:03d}"))
    return rng.choice(
        (
            f"RT {rt} RW {rw}",
            f"RT.{rt:03d}/RW.{rw:03d}",
            f"RT {rt:02d}/RW {rw:02d}",
            f"{rt:02d}/{rw:02d}",
            f"rt{rt}rw{rw}",
            f"rt {rt:02d} rw {rw:02d}",
            f"RT. {roman(rt)} / RW. {roman(rw)}",
            f"RT{rt:02d} RW{rw:02d}",
        )
    )


def address_as(spot: Spot, rng: Random, *, sloppy: float, with_kel: bool) -> str:
    """A whole address: street, gang, number, RT/RW, sometimes the kelurahan."""
    kel = spot.street.kel
    parts = []
    if spot.block:
        parts.append(street_as(spot.street, rng, sloppy=sloppy))
        parts.append(
            rng.choice(
                (
                    f"Blok {spot.block} No. {spot.house_no}",
                    f"Blok {spot.block}/{spot.house_no}",
                    f"Blok {spot.block} No {spot.house_no}",
                )
            )
        )
    else:
        parts.append(street_as(spot.street, rng, sloppy=sloppy))
        if spot.gang:
            parts.append(spot.gang if rng.random() < 0.6 else spot.gang.replace("Gg.", "Gang"))
        if spot.house_no and rng.random() < 0.7:
            parts.append(
                rng.choice((f"No. {spot.house_no}", f"No {spot.house_no}", f"no.{spot.house_no}"))
            )
    text = " ".join(parts)
    if rng.random() < 0.85:
        text += rng.choice((", ", " ")) + rt_rw_as(spot.rt, spot.rw, rng)
    if with_kel:
        text += rng.choice((f", Kel. {kel.name}", f" kel {kel.name}", f", {kel.name}"))
        if rng.random() < 0.3:
            text += f", Kec. {spot.street.kel.kecamatan_name}"
    return text


def place_address(spot: Spot, rng: Random, *, sloppy: float) -> str:
    """The address field of a report about a place: street and RT/RW, a landmark, or both."""
    roll = rng.random()
    lm = spot.landmark
    street = street_as(spot.street, rng, sloppy=sloppy)
    if roll < 0.3 and lm:
        return f"{rng.choice(PREPS)} {lm}, {street}"
    if roll < 0.55:
        return f"{street} {rt_rw_as(spot.rt, spot.rw, rng)}"
    if roll < 0.7 and spot.gang:
        return f"{street} {spot.gang}, {rt_rw_as(spot.rt, spot.rw, rng)}"
    if roll < 0.85:
        return f"{street}, Kel. {spot.street.kel.name}"
    return f"{rt_rw_as(spot.rt, spot.rw, rng)} {street}".strip()


def place_phrase(spot: Spot, rng: Random, *, sloppy: float) -> str:
    """Where it is, inside a sentence: "di jl kebon bawng dpn masjid Al-Ikhlas"."""
    lm = spot.landmark
    roll = rng.random()
    street = street_as(spot.street, rng, sloppy=sloppy)
    if lm and roll < 0.35:
        return f"{rng.choice(PREPS)} {lm}"
    if lm and roll < 0.65:
        return f"di {street} {rng.choice(PREPS)} {lm}"
    if roll < 0.8:
        return f"di {street}"
    if spot.gang and roll < 0.9:
        return f"di {spot.gang.lower()} {rt_rw_as(spot.rt, spot.rw, rng)}"
    return f"di {rt_rw_as(spot.rt, spot.rw, rng)}"


class Slots(dict[str, str]):
    """Template slots; a missing one reads as nothing rather than failing."""

    def __missing__(self, key: str) -> str:
        return ""


def fill(template: str, slots: Slots) -> str:
    text = template.format_map(slots)
    return re.sub(r"\s+([,.])", r"\1", re.sub(r"\s{2,}", " ", text)).strip()


# -- the phone -------------------------------------------------------------------------------


def _swap_words(text: str, voice: str, rng: Random) -> str:
    table = SWAPS.get(voice)
    if not table:
        return text
    rate = SWAP_RATE.get(voice, 0.5)
    for word, options in table.items():

        def swap(m: re.Match[str], options: tuple[str, ...] = options) -> str:
            return rng.choice(options) if rng.random() < rate else m.group(0)

        text = re.sub(rf"\b{re.escape(word)}\b", swap, text)
    return text


def _abbreviate(text: str, voice: str, rng: Random) -> str:
    rate = ABBREV_RATE[voice]

    def one(m: re.Match[str]) -> str:
        word = m.group(0)
        short = ABBREV.get(word.lower())
        return short if short and rng.random() < rate else word

    return re.sub(r"[A-Za-z]+", one, text)


def _doubles(text: str, voice: str, rng: Random) -> str:
    rate = DOUBLE_RATE[voice]
    return re.sub(
        r"\b(\w+)-\1\b",
        lambda m: f"{m.group(1)}2" if rng.random() < rate else m.group(0),
        text,
    )


def _typos(text: str, voice: str, rng: Random) -> str:
    rate = TYPO_RATE[voice]
    return re.sub(
        r"[A-Za-z]{4,}",
        lambda m: garble(m.group(0), rng) if rng.random() < rate else m.group(0),
        text,
    )


def phone_text(
    voice: str,
    rng: Random,
    *,
    core: str,
    english: tuple[str, ...],
    impact: str | None,
    when: str | None,
    again: bool,
    intro: str | None,
) -> str:
    """A JAKI report's description as this voice types it."""
    parts: list[str] = []
    if rng.random() < (0.65 if voice in ("ibu", "jawa") else 0.35):
        parts.append(rng.choice(GREETINGS[voice]))
    if intro:
        parts.append(intro)
    if again:
        parts.append(rng.choice(REREPORT))
    parts.append(core)
    if voice == "gaul" and english and rng.random() < 0.8:
        parts.append(rng.choice(english))
    if when:
        parts.append(when)
    if impact:
        parts.append(impact)
    if rng.random() < 0.7:
        parts.append(rng.choice(PLEAS[voice]))
    sep = {"ibu": ". ", "bapak": ". ", "jawa": ", ", "kapital": " ", "gaul": " ", "pesisir": ", "}[
        voice
    ]
    if rng.random() < 0.3:
        sep = rng.choice((", ", " ", ". ", ".. ", " - "))
    text = sep.join(p.strip().rstrip(".") for p in parts if p.strip())
    text = _swap_words(text, voice, rng)
    text = _doubles(text, voice, rng)
    text = _abbreviate(text, voice, rng)
    text = _typos(text, voice, rng)
    if voice == "ibu":
        text = text[0].upper() + text[1:] + "."
    elif voice == "bapak" and not text.endswith("."):
        text += "."
    emote = rng.choice(EMOTES[voice]) if rng.random() < 0.45 else ""
    if emote:
        text += " " + emote
    if voice == "kapital" or (voice == "pesisir" and rng.random() < 0.06):
        text = text.upper()
    elif voice == "gaul" and rng.random() < 0.6:
        text = text.lower()
    return re.sub(r"\s{2,}", " ", text).strip()


def days_phrase(days: int, month: str, rng: Random) -> str:
    """How long it has been, as people say it."""
    if days <= 1:
        return rng.choice(("dari kemarin", "dari semalam", "sejak tadi pagi"))
    if days < 8:
        return rng.choice((f"sudah {days} hari", f"sudah {days} hari ini", "dari minggu lalu"))
    if days < 35:
        weeks = max(1, round(days / 7))
        return rng.choice(
            (f"sudah {weeks} minggu", f"sudah {weeks} mingguan", f"dari awal {month}")
        )
    return rng.choice(
        (f"dari bulan {month}", f"sudah {round(days / 30)} bulan lebih", f"sejak {month}")
    )
