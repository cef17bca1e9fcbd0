"""The working-day calendar's data: days off in Jakarta, generated from the `holidays` package.

    .venv/bin/python -m lab.holiday_calendar          # writes migrations/data/holidays_*.csv
    .venv/bin/python -m lab.holiday_calendar --check  # exits 1 if the committed file differs

The package (Indonesia, categories PUBLIC and GOVERNMENT: national holidays and cuti bersama)
is the source; names are written the way the SKB 3 Menteri writes them ("Hari Raya Idul Fitri
1447 H", "Cuti bersama Natal"). Where a published SKB says otherwise than the package, an entry
of OVERRIDES says what the SKB says and the SKB wins; DIFFERENCES lists every day where the
package and the calendar shipped before (migration 0004) disagreed, with the source that won.
`holidays` is a development dependency only: the production image has the CSV, not this module
(and migrations read the CSV, never this).

Years after LAST_SKB_YEAR have no SKB yet: their rows are `provisional` (dates of lunar holidays
estimated, no cuti bersama). docs/operations.md says how to ship a new year.
"""

from __future__ import annotations

import argparse
import csv
import io
import math
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import holidays
from holidays.constants import GOVERNMENT, PUBLIC

FIRST_YEAR = 2022
LAST_YEAR = 2030
# The last year whose SKB 3 Menteri (national holidays and cuti bersama) is published, and so
# the last year whose rows are final. SKB 2027: Menag, Menaker and MenPAN-RB, September 2026.
LAST_SKB_YEAR = 2027

DATA = Path(__file__).resolve().parent.parent / "migrations" / "data"


def csv_path(first: int = FIRST_YEAR, last: int = LAST_YEAR) -> Path:
    """Where the calendar covering `first`..`last` is committed (one file per shipped range,
    so the migration that loaded an older one still loads the same data)."""
    return DATA / f"holidays_{first}_{last}.csv"


@dataclass(frozen=True)
class Override:
    """A day where the published SKB differs from the package: the SKB's row (or its absence,
    `name=None`), and why."""

    day: date
    name: str | None
    kind: str | None
    reason: str


# The SKB wins over the package on these days. None today: for 2022-2027 the package (0.109)
# agrees with every SKB we checked, including its amendments (see DIFFERENCES).
OVERRIDES: tuple[Override, ...] = ()

# Every day where the package and the calendar of migration 0004 disagreed, and which won.
# (The package won each time: it follows the SKB amendments that the old file had missed.)
DIFFERENCES: tuple[tuple[str, str, str], ...] = (
    (
        "2022-12-26",
        "package",
        "not cuti bersama: SKB 375/2022 (amending SKB 963/2021) dropped the Christmas cuti "
        "bersama; the old file still had it",
    ),
    (
        "2026-03-20",
        "package",
        "cuti bersama Idul Fitri, not Idul Fitri itself: SKB 1497/2025 sets Idul Fitri 1447 H "
        "on 21-22 March (Sat-Sun); the old file had 20-21 March",
    ),
    (
        "2026-03-22",
        "package",
        "Idul Fitri 1447 H, second day (a Sunday: no effect on working days)",
    ),
    (
        "2027-*",
        "package",
        "SKB 2027 published (September 2026): Nyepi on 8 March (not 9), cuti bersama 5 Feb, "
        "9, 12, 15, 25 Mar, 18, 19 May, 24 Dec, Isra Mikraj also on 26 Dec; the old file's "
        "2027 was a provisional estimate without cuti bersama",
    ),
)

_NAMES = {
    "New Year's Day": "Tahun Baru {year} Masehi",
    "Lunar New Year": "Tahun Baru Imlek {kongzili} Kongzili",
    "Isra' and Mi'raj": "Isra Mikraj Nabi Muhammad SAW",
    "Day of Silence": "Hari Suci Nyepi Tahun Baru Saka {saka}",
    "Good Friday": "Wafat Isa Almasih",
    "Easter Sunday": "Hari Paskah",
    "International Labor Day": "Hari Buruh Internasional",
    "Eid al-Fitr": "Hari Raya Idul Fitri {hijri} H",
    "Eid al-Fitr Second Day": "Hari Raya Idul Fitri {hijri} H",
    "Vesak Day": "Hari Raya Waisak {buddhist} BE",
    "Ascension Day": "Kenaikan Isa Almasih",
    "Pancasila Day": "Hari Lahir Pancasila",
    "Eid al-Adha": "Hari Raya Idul Adha {hijri} H",
    "Islamic New Year": "Tahun Baru Islam {hijri} H",
    "Independence Day": "Hari Kemerdekaan Republik Indonesia",
    "Prophet's Birthday": "Maulid Nabi Muhammad SAW",
    "Christmas Day": "Hari Raya Natal",
    "General Election Day": "Pemilihan Umum {year}",
    "Local Election Day": "Pemilihan Kepala Daerah Serentak {year}",
}
_JOINT = {
    "Lunar New Year": "Tahun Baru Imlek",
    "Day of Silence": "Nyepi",
    "Good Friday": "Wafat Isa Almasih",
    "Eid al-Fitr": "Idul Fitri",
    "Vesak": "Waisak",
    "Ascension": "Kenaikan Isa Almasih",
    "Eid al-Adha": "Idul Adha",
    "Independence Day": "Hari Kemerdekaan",
    "Christmas": "Natal",
}
_ESTIMATED = " (estimated)"
_JOINT_SUFFIX = " Joint Holiday"
# 1 Muharram 1444 H, and the mean length of a Hijri year in days.
_HIJRI_1444 = date(2022, 7, 30)
_HIJRI_YEAR_DAYS = 354.367


def hijri_year(day: date) -> int:
    """The Hijri year of a day (a few days' slack for estimated dates around 1 Muharram)."""
    return 1444 + math.floor(((day - _HIJRI_1444).days + 5) / _HIJRI_YEAR_DAYS)


def skb_name(day: date, package_name: str) -> str:
    """The package's (English) name of a day, as the SKB writes it."""
    estimated = package_name.endswith(_ESTIMATED)
    base = package_name.removesuffix(_ESTIMATED)
    if base.endswith(_JOINT_SUFFIX):
        name = "Cuti bersama " + _JOINT[base.removesuffix(_JOINT_SUFFIX)]
    else:
        name = _NAMES[base].format(
            year=day.year,
            kongzili=day.year + 551,
            saka=day.year - 78,
            buddhist=day.year + 544,
            hijri=hijri_year(day),
        )
    # Once the SKB is published its dates are the law, estimated by the package or not.
    if estimated and day.year > LAST_SKB_YEAR:
        name += " (perkiraan)"
    return name


def rows(first: int = FIRST_YEAR, last: int = LAST_YEAR) -> list[tuple[date, str, str]]:
    """The days off of `first`..`last`: (day, name, kind), in date order."""
    years = range(first, last + 1)
    public = holidays.country_holidays("ID", years=years, categories=PUBLIC, language="en_US")
    government = holidays.country_holidays(
        "ID", years=years, categories=GOVERNMENT, language="en_US"
    )
    table: dict[date, tuple[str, str]] = {}
    for calendar, kind in ((public, "national"), (government, "cuti_bersama")):
        for day, names in calendar.items():
            named = "; ".join(skb_name(day, n) for n in names.split("; "))
            if day in table:  # a national holiday and cuti bersama on one day: national
                table[day] = (f"{table[day][0]}; {named}", table[day][1])
            else:
                table[day] = (named, kind)
    for override in OVERRIDES:
        if override.name is None:
            table.pop(override.day, None)
        else:
            table[override.day] = (override.name, override.kind or "national")
    return [
        (day, name, kind if day.year <= LAST_SKB_YEAR else "provisional")
        for day, (name, kind) in sorted(table.items())
    ]


def render(first: int = FIRST_YEAR, last: int = LAST_YEAR) -> str:
    """The CSV text (date,name,kind) that migrations load."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["date", "name", "kind"])
    for day, name, kind in rows(first, last):
        writer.writerow([day.isoformat(), name, kind])
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    path, text = csv_path(), render()
    if args.check:
        same = path.exists() and path.read_text(encoding="utf-8") == text
        print(f"{path.name}: {'up to date' if same else 'differs from the generator'}")
        return 0 if same else 1
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path.name}: {text.count(chr(10)) - 1} days off, {FIRST_YEAR}-{LAST_YEAR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
