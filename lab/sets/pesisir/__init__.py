"""The "pesisir" evaluation set: JAKI as typed on phones on the north shore, the desk as four
officers type it.

Written from the domain documents alone (docs/jaki-feed.md, the body schemas, the regions table
and DOMAIN.md's rule for "the same complaint"), by someone who had not read the matcher.

Style
- JAKI reports come from six kinds of writer (`_voices`): Betawi of the coast ("aer rob udeh
  masuk rumah, kagak surut2"), young people switching to English ("drainase nya clogged parah,
  pls fix asap"), Javanese words ("nggih", "sampun"), polite mothers, ALL CAPS, and terse fathers
  ("yg", "dgn", "Trims"); with abbreviations, thumb slips, "lobang2", emoji left as ":pray:".
  North Jakarta is over-weighted (coastal kecamatan 1.6x) and has its own problems (rob, leaking
  tanggul, container trucks), but every one of the 267 kelurahan gets reports.
- Places are told by landmarks ("dpn masjid Al-Ikhlas", "sblh warung Bu Romlah", "deket TPI")
  and by addresses in every form: Jl./Jln/Jalan, Gg./Gang, RT 3 RW 5, RT.003/RW.005, 03/05,
  rt3rw5, RT. III / RW. V, Komplek ... Blok C2 No 7, misspelt street names ("Kebon Bawng").
  Points are missing from ~30% of reports and off by 5-400 m in the others; ~7% give the
  neighbouring kelurahan.
- JAKI reporters: NIK and phone, name and phone, phone only, name only, an old number, or
  anonymous. Names as people write them: "M. Rizki", "Rizky", "siti aminah", "Bu Sri".
- The desk (`walk_ins`): four officers: ``ringkas`` ("BPNT blm cair sejak Agustus, KKS saldo 0.
  Ybs warga ... Mohon dibantu.", RT/RW in their own fields), ``formal`` (long prose, full address
  in the address field, titles: "Hj. Siti Aminah, S.Pd."), ``birokrat`` (Perihal / Lokasi / Uraian /
  Permohonan / Diteruskan kepada, the name in capitals as on the KTP, RT "005"), ``cepat`` (one
  lowercase paragraph with the address inside it). Person problems are told with the official
  words (DTKS, KPM, PBI APBD nonaktif, KJP Plus tahap II, KTP-el belum tercetak, sertifikat
  ganda) where JAKI has everyday ones ("bansos sembako saya blm cair", "BPJS tiba2 gak aktif").
  Phones as +62 812-…, 0812 3456 …, 62812…; NIKs sometimes in groups of four.

Labels come from a world model (`_world`): incidents with reporters; a walk-in's truth is every
JAKI report of its incident made before it (a report of it made after the walk-in is not in the
truth: some problems are reported again after the visit). Place problems of one family are kept
at least 260-600 m apart (`_lexicon.SPACING_M`), and a person has one matter per category, so no
negative can be the same complaint by accident. The nine kinds and their shares are `KINDS` and
`_world.SHARES`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from random import Random

from lab.sets.pesisir._render import jaki_report, walk_in
from lab.sets.pesisir._world import (
    KINDS,
    SHARES,
    TWIN_KINDS,
    Planter,
    World,
    background,
    kind_counts,
)

__all__ = ["KINDS", "SHARES", "TWIN_KINDS", "LabelledSet", "World", "build", "build_world"]

FIRST_NUMBER = 69_000  # about where JAKI's 2026 numbering stood on 1 June


@dataclass(frozen=True)
class LabelledSet:
    jaki: list[dict]  # type: ignore[type-arg]  # JAKI feed reports (JakiReportIn)
    walk_ins: list[dict]  # type: ignore[type-arg]  # bodies for POST /v1/complaints
    truth: list[frozenset[str]]  # per walk-in: ids of earlier JAKI reports of the same complaint
    kinds: list[str]  # per walk-in: which of KINDS it was made as


def build(seed: int = 1, jaki_count: int = 4400, walk_ins: int = 400) -> LabelledSet:
    """The set for `seed`: the same seed, the same set, byte for byte."""
    return build_world(seed, jaki_count, walk_ins)[0]


def build_world(
    seed: int = 1, jaki_count: int = 4400, walk_ins: int = 400
) -> tuple[LabelledSet, World]:
    """The set and the world it was drawn from (for tests of how it was labelled)."""
    rng = Random(f"pintu-pesisir-{seed}")  # noqa: S311 - reproducible, not secret
    world = World(rng)
    planter = Planter(world)
    makers: dict[str, Callable[[], None]] = {
        "person_twin": planter.person_twin,
        "place_twin_same_reporter": planter.place_twin_same_reporter,
        "place_twin_neighbour": planter.place_twin_neighbour,
        "no_twin": planter.no_twin,
        "same_person_other_problem": planter.same_person_other_problem,
        "same_street_other_problem": planter.same_street_other_problem,
        "neighbours_same_bansos": planter.neighbours_same_bansos,
        "common_name": planter.common_name,
        "same_problem_other_street": planter.same_problem_other_street,
    }
    counts = kind_counts(walk_ins)
    plan = [kind for kind in KINDS for _ in range(counts[kind])]
    rng.shuffle(plan)
    for kind in plan:
        makers[kind]()
    planted = len(world.reports)
    if planted > jaki_count:
        raise ValueError(
            f"{walk_ins} walk-ins need {planted} JAKI reports; jaki_count is {jaki_count}"
        )
    background(world, jaki_count - planted)

    ordered = sorted(world.reports, key=lambda r: (r.at, r.seq))
    number = FIRST_NUMBER + rng.randint(0, 900)
    for r in ordered:
        number += rng.randint(1, 30)
        r.jid = f"JAKI-2026-{number:07d}"
    jaki = [jaki_report(r, rng, world) for r in ordered]
    visits = sorted(world.visits, key=lambda v: (v.at, v.seq))
    bodies = [walk_in(v, rng, world) for v in visits]
    truth = [frozenset(r.jid for r in v.incident.reports if r.at < v.at) for v in visits]
    kinds = [v.kind for v in visits]
    return LabelledSet(jaki=jaki, walk_ins=bodies, truth=truth, kinds=kinds), world
