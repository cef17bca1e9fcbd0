"""Writing: a citizen's kampung-style JAKI text and address, an officer's formal desk summary."""

from __future__ import annotations

import random
import re
from datetime import date

from lab.sets.kampung.geo import Spot, Street
from lab.sets.kampung.words import (
    DESK_OPENERS,
    DESK_PERSON_NOTES,
    DESK_PLACE_NOTES,
    GREETINGS,
    MONTHS,
    PLEAS,
    PROGRAMMES,
    Family,
)

# Shortenings citizens use, applied word by word with some probability.
SHORT = {
    "yang": ("yg",), "tidak": ("gak", "ga", "gk", "tdk", "kagak"), "sudah": ("udah", "udh", "sdh"),
    "udah": ("udh", "dah", "udeh"), "belum": ("blm", "blom"), "tolong": ("tlg", "tolong"),
    "dengan": ("dgn",), "untuk": ("utk", "buat"), "karena": ("krn", "soalnya"), "banget": ("bgt",),
    "sama": ("sm",), "saya": ("sy", "aku", "gue", "aye"), "sekali": ("bgt",), "dong": ("donk",),
    "jalan": ("jln", "jl"), "kalau": ("kalo", "klo"), "terima": ("trima",), "dari": ("dr",),
    "sampai": ("sampe", "ampe"), "gimana": ("gmn",), "pak": ("pak", "pk"), "gak": ("ga", "gk"),
    "tetangga": ("tetangga", "tetanga"), "tapi": ("tp",), "bulan": ("bln",),
}  # fmt: skip
_WORD = re.compile(r"[A-Za-z]+")


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(3)
    if kind == 0:
        return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
    if kind == 1:
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i] + word[i:]


def kampungify(rng: random.Random, text: str) -> str:
    """Shortenings, a typo or two, lost capitals, sometimes a shout: typed on a phone."""
    rate = rng.uniform(0.2, 0.8)

    def short(m: re.Match[str]) -> str:
        w = m.group(0)
        options = SHORT.get(w.lower())
        if options and rng.random() < rate:
            return rng.choice(options)
        if rng.random() < 0.025:
            return _typo(rng, w)
        return w

    text = _WORD.sub(short, text)
    roll = rng.random()
    if roll < 0.55:
        text = text.lower()
    elif roll < 0.65:
        text = text.upper()
    elif roll < 0.8:
        text = text[:1].upper() + text[1:]
    if rng.random() < 0.25:
        text = text.rstrip(".!") + rng.choice(("!!", "!!!", "..", "??", " 🙏", "…"))
    return text


def duration_app(rng: random.Random, since: date, now: date) -> str:
    days = (now - since).days
    if days < 10:
        return rng.choice(("seminggu", "bbrp hari", "5 harian", "dari minggu kemaren"))
    if days < 25:
        return rng.choice(("2 minggu", "dua mingguan", "2 mgg lebih", "setengah bulan"))
    if days < 45:
        return rng.choice(("sebulan", "sebulanan", "1 bln lebih", "dari bulan kemaren"))
    months = days // 30
    return rng.choice((f"{months} bulan", f"{months} bulanan", "berbulan2", f"{months} bln"))


def duration_desk(rng: random.Random, since: date, now: date) -> str:
    days = (now - since).days
    if days < 10:
        return "kurang lebih satu minggu terakhir"
    if days < 25:
        return rng.choice(("kurang lebih dua minggu", "sekitar dua pekan terakhir"))
    if days < 45:
        return rng.choice(("sekitar satu bulan", "kurang lebih satu bulan terakhir"))
    months = round(days / 30)
    return rng.choice(
        (f"bulan {MONTHS[since.month - 1]} {since.year}", f"kurang lebih {months} bulan")
    )


def street_app(rng: random.Random, street: Street) -> str:
    """A street's name as typed: "jl raya cikini", "gg.mawar", "jl h naman", "gang 7"."""
    name = street.name
    name = name.replace("Kyai Haji ", rng.choice(("KH ", "K.H. ", "kh "))).replace(
        "Haji ", rng.choice(("H. ", "H ", "haji ", "h."))
    )
    if " Gang " in name and rng.random() < 0.35:
        return rng.choice(("gg ", "gang ", "gg.")) + name.split(" Gang ")[1]
    name = name.replace("Gang ", rng.choice(("gg ", "gg.", "Gg. ", "gang ")))
    return name.replace("Jalan ", rng.choice(("jl ", "jl.", "jln ", "Jl. ", "jalan ")))


def rtrw_app(rng: random.Random, rt: int, rw: int) -> str:
    return rng.choice(
        (
            f"rt{rt}rw{rw}",
            f"rt {rt:02d}/{rw:02d}",
            f"RT.{rt:03d} RW.{rw:03d}",
            f"rt {rt} rw {rw}",
            f"rt0{rt}/rw0{rw}" if rt < 10 and rw < 10 else f"rt{rt}/rw{rw}",
            f"RT {rt:02d}/RW {rw:02d}",
        )
    )


def rtrw_desk(rng: random.Random, rt: int, rw: int) -> str:
    return rng.choice(
        (f"RT {rt:03d} / RW {rw:03d}", f"RT.{rt:02d}/RW.{rw:02d}", f"RT {rt:03d}/RW {rw:03d}")
    )


def _near(rng: random.Random, landmark: str) -> str:
    prep = rng.choice(
        ("depan", "dpn", "samping", "sebelah", "deket", "dkt", "belakang", "seberang")
    )
    return f"{prep} {landmark}"


def place_app(rng: random.Random, spot: Spot, landmark_only: bool = False) -> str:
    """Where, as a citizen says it: the street, a landmark, the RT, rarely the kelurahan."""
    mark = spot.landmark if rng.random() < 0.75 else spot.landmark2
    if landmark_only:
        bits = [_near(rng, mark)]
        if rng.random() < 0.5:
            bits.append(rtrw_app(rng, spot.rt, spot.rw))
        return " ".join(bits)
    bits = ["di " + street_app(rng, spot.street)] if rng.random() < 0.85 else []
    if rng.random() < 0.65:
        bits.append(_near(rng, mark))
    if rng.random() < 0.45:
        bits.append(rtrw_app(rng, spot.rt, spot.rw))
    if rng.random() < 0.2:
        bits.append(rng.choice(("kel. ", "kel ", "kelurahan ")) + spot.kel.name.lower())
    if not bits:
        bits.append(_near(rng, mark))
    return " ".join(bits)


def address_app(rng: random.Random, spot: Spot, landmark_only: bool = False) -> str | None:
    """JAKI's address field: the map's reverse geocoding, what the citizen typed, or nothing."""
    roll = rng.random()
    kel = spot.kel
    if roll < 0.5:
        street = spot.street.name.replace("Jalan ", "Jl. ").replace("Gang ", "Gg. ")
        return (
            f"{street} No.{spot.number}, RT.{spot.rt}/RW.{spot.rw}, {kel.name}, "
            f"Kec. {kel.kecamatan}, Kota {kel.kota}, Daerah Khusus Ibukota Jakarta"
        ).replace("Kota Kepulauan Seribu", "Kabupaten Kepulauan Seribu")
    if roll < 0.8:
        text = place_app(rng, spot, landmark_only).removeprefix("di ")
        if rng.random() < 0.4:
            text += rng.choice((", kec. ", " kec ", ", ")) + kel.kecamatan.lower()
        return text
    return None


def place_desk(rng: random.Random, spot: Spot, with_landmark: bool = True) -> str:
    """Where, as an officer writes it: full street name, RT/RW, kelurahan, kecamatan."""
    text = spot.street.name
    if with_landmark and rng.random() < 0.45:
        mark = spot.landmark[0].upper() + spot.landmark[1:]
        text += f" ({rng.choice(('depan', 'dekat', 'samping'))} {mark})"
    text += f" {rtrw_desk(rng, spot.rt, spot.rw)}, Kelurahan {spot.kel.name}"
    if rng.random() < 0.6:
        text += f", Kecamatan {spot.kel.kecamatan}"
    return text


def address_desk(rng: random.Random, spot: Spot) -> str:
    text = f"{spot.street.name} No. {spot.number}"
    if rng.random() < 0.5:
        text += f", {rtrw_desk(rng, spot.rt, spot.rw)}"
    return text


def programme(rng: random.Random, index: int, desk: bool) -> str:
    app, officer = PROGRAMMES[index]
    return rng.choice(officer if desk else app)


def app_text(
    rng: random.Random,
    family: Family,
    issue: int,
    spot: Spot,
    since: date,
    now: date,
    prog: int,
    landmark_only: bool = False,
) -> str:
    """A JAKI description in kampung style."""
    template = rng.choice(family.issues[issue].jaki)
    body = template.format(
        lok=place_app(rng, spot, landmark_only),
        lama=duration_app(rng, since, now),
        prog=programme(rng, prog, desk=False),
        bulan=MONTHS[since.month - 1].lower()[: rng.choice((3, 20))],
        thn=since.year - 1 - prog % 3,
    )
    if family.about == "person" and rng.random() < 0.3:
        body += rng.choice((" rumah sy", " alamat", " sy tinggal")) + " " + place_app(rng, spot)
    plea = rng.choice(PLEAS)
    text = rng.choice(GREETINGS) + body + (". " + plea if plea else "")
    return kampungify(rng, text)[:5000]


def desk_text(
    rng: random.Random,
    family: Family,
    issue: int,
    spot: Spot,
    since: date,
    now: date,
    prog: int,
    extra: str = "",
) -> str:
    """A desk officer's summary: formal, full words, in the officer's own phrasing."""
    template = rng.choice(family.issues[issue].desk)
    body = template.format(
        lokasi=place_desk(rng, spot),
        sejak=duration_desk(rng, since, now),
        prog=programme(rng, prog, desk=True),
        bulan=f"{MONTHS[since.month - 1]} {since.year}",
        thn=since.year - 1 - prog % 3,
    )
    text = rng.choice(DESK_OPENERS).format(x=body)
    notes = DESK_PERSON_NOTES if family.about == "person" else DESK_PLACE_NOTES
    return (text + rng.choice(notes) + extra)[:5000]
