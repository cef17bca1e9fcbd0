"""The two voices: a tidy, polite JAKI report and the desk officer's quick lower-case note."""

from __future__ import annotations

import random

from lab.sets.kantor.people import Person
from lab.sets.kantor.places import Spot, desk_place, formal_place
from lab.sets.kantor.problems import Variant, desk_duration, formal_duration

GREETINGS = (
    "Selamat pagi Bapak/Ibu.",
    "Selamat siang Bapak/Ibu petugas.",
    "Dengan hormat,",
    "Assalamualaikum wr. wb.",
    "Yth. Bapak/Ibu Lurah {kel},",
    "Salam sejahtera.",
)
REQUESTS = (
    "Mohon kiranya dapat segera ditindaklanjuti oleh pihak terkait.",
    "Kami mohon bantuan Bapak/Ibu agar segera dilakukan penanganan.",
    "Besar harapan kami laporan ini dapat segera ditangani.",
    "Mohon perhatian dan tindak lanjut dari instansi yang berwenang.",
)
CLOSINGS = (
    "Terima kasih atas perhatiannya.",
    "Atas perhatian dan kerja samanya kami ucapkan terima kasih.",
    "Terima kasih.",
)
PERSON_EXTRAS = (
    "Kami sudah menanyakan ke kantor kelurahan namun belum ada kejelasan.",
    "Keluarga kami sangat membutuhkan bantuan tersebut.",
    "Berkas pendukung dapat kami tunjukkan bila diperlukan.",
    "",
)
OPENERS_PLACE = ("", "", "warga mengeluh ", "ybs lapor ", "lapor ", "pelapor mengadukan ")
OPENERS_PERSON = ("", "", "ybs mengadu ", "pelapor ", "mengadu ", "ybs menyampaikan ")
CLOSERS = (
    "",
    "",
    ", blm ada tindakan",
    ". mhn ditindaklanjuti",
    ". sdh lapor ke kel blm ada respon",
    ", minta dibantu",
)


def _fill(template: str, facts: dict[str, str], **more: str) -> str:
    return template.format(**facts, **more)


def desk_facts(rng: random.Random, facts: dict[str, str]) -> dict[str, str]:
    """The same facts as the desk writes them: short programme names, months in any form."""
    out = dict(facts)
    out["program"] = facts["program"].split(" (")[0]
    month = facts["month"]
    out["month"] = rng.choice((month, month[:3], month))
    return out


def jaki_place_text(
    rng: random.Random,
    variant: Variant,
    facts: dict[str, str],
    spot: Spot,
    reporter: Person | None,
    days: int,
    impacts: tuple[str, ...] = (),
    again: bool = False,
) -> str:
    """A place problem in JAKI: mostly long and polite (RT/RW heads, volunteers), some plain."""
    problem = _fill(variant.formal, facts)
    place = formal_place(spot)
    kel = spot.kel.name
    if reporter is None or rng.random() < 0.25:
        return (
            f"Lapor, {problem} {place}, Kelurahan {kel}, {formal_duration(days)}. "
            f"{rng.choice(REQUESTS)} Terima kasih."
        )
    greeting = rng.choice(GREETINGS).format(kel=kel)
    home = reporter.home
    if reporter.role == "ketua_rt":
        who = f"Kami selaku Ketua RT {home.rt:03d}/RW {home.street.rw:03d} Kelurahan {kel}"
    elif reporter.role == "ketua_rw":
        who = f"Saya {reporter.name}, Ketua RW {home.street.rw:03d} Kelurahan {kel},"
    elif reporter.role == "relawan":
        who = f"Saya {reporter.name}, relawan lingkungan di Kelurahan {kel},"
    elif rng.random() < 0.5:
        who = f"Saya warga {home.street.name} RT {home.rt:03d}/RW {home.street.rw:03d}"
    else:
        who = f"Saya {reporter.name}, warga {home.street.name}"
    lead = "Menindaklanjuti laporan kami sebelumnya yang belum tertangani, " if again else ""
    impact = rng.choice(impacts) if impacts else ""
    verb = rng.choice(("ingin melaporkan bahwa", "bermaksud menyampaikan bahwa", "melaporkan"))
    body = f"{lead}{who} {verb} {problem} {place}, {formal_duration(days)}."
    parts = [greeting, body, impact, rng.choice(REQUESTS), rng.choice(CLOSINGS)]
    return " ".join(p for p in parts if p)


def jaki_person_text(
    rng: random.Random,
    variant: Variant,
    facts: dict[str, str],
    person: Person,
    again: bool = False,
) -> str:
    """A problem about a person in JAKI, told by that person in full sentences."""
    home = person.home
    greeting = rng.choice(GREETINGS).format(kel=home.kel.name)
    where = (
        f"{home.street.name} RT {home.rt:03d}/RW {home.street.rw:03d}, Kelurahan {home.kel.name}"
    )
    who = f"Saya {person.name}, warga {where}." if rng.random() < 0.6 else f"Saya warga {where}."
    lead = "Saya melaporkan kembali karena laporan sebelumnya belum ada hasilnya. " if again else ""
    problem = _fill(variant.formal, facts)
    body = f"{lead}Dengan ini saya menyampaikan bahwa {problem}."
    parts = [greeting, who, body, rng.choice(PERSON_EXTRAS), rng.choice(REQUESTS)]
    parts.append(rng.choice(CLOSINGS))
    return " ".join(p for p in parts if p)


def desk_text(
    rng: random.Random,
    variant: Variant,
    facts: dict[str, str],
    spot: Spot | None,
    days: int,
    note: str = "",
    own_house: bool = False,
) -> str:
    """The officer's note: terse, abbreviated, lower case ("got mampet dpn rmh, sdh 2 mgg")."""
    f = desk_facts(rng, facts)
    p = desk_place(rng, spot, own_house) if spot is not None else ""
    core = _fill(rng.choice(variant.desk), f, p=p).strip()
    opener = rng.choice(OPENERS_PLACE if spot is not None else OPENERS_PERSON)
    text = f"{opener}{core}"
    if rng.random() < 0.6:
        text += f", {desk_duration(rng, days)}"
    text += note if note else rng.choice(CLOSERS)
    text = " ".join(text.split())
    return text if rng.random() < 0.85 else text.upper() if rng.random() < 0.3 else text.lower()
