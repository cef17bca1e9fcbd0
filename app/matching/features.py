"""Compare a complaint with a possible duplicate, signal by signal.

Each signal yields one *level* (an outcome such as `equal`, `within_150m`, `missing`); the model
(app.matching.model) turns levels into weights. Levels carry no personal values, so a comparison can
be stored with a decision and learned from later.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from rapidfuzz import fuzz

from app.categories import OTHER_CATEGORY
from app.kit.textnorm import (
    Address,
    name_tokens,
    normalize_text,
    place_of,
    read_place_record,
    rt_rw,
)
from app.matching.lexicon import lexicon

# What each signal compares, in the words the evidence shows.
SIGNALS: dict[str, str] = {
    "nik": "NIK, through the blind index",
    "phone": "phone number, through the blind index",
    "name": "complainant's name; a common name is weak evidence",
    "reporter": "whether the same person reported both (NIK or phone), for a place problem",
    "distance": "distance between the reported points",
    "region": "kelurahan and kecamatan",
    "street": "street or gang, RT/RW and house number",
    "category": "category; `unknown` when either side is the catch-all `lainnya`",
    "text": "words of the complaint after normalisation",
    "concepts": "what the words say, through the complaint lexicon (KIS = BPJS, got = selokan)",
    "chars": "letter trigrams of the words: spelling variants and typos",
    "polarity": "negations (e.g. 'belum diterima' against 'sudah diterima')",
    "gap": "when the other report was made, relative to this complaint",
    "state": "whether the other report is still open",
}
# The order of each signal's levels, as chains from the strongest evidence of one problem to the
# weakest: a learned weight never puts a later level above an earlier one (closer is never
# weaker evidence than farther, agreeing words never weaker than conflicting ones, an equal rare
# name never weaker than an equal common one; a value missing on one side lies between what
# agreeing and disagreeing values say). `state` has no order: a citizen whose JAKI report was
# closed with nothing done walks in as often as one whose report is still open.
ORDERS: dict[str, tuple[tuple[str, ...], ...]] = {
    "nik": (("equal", "missing", "different"),),
    "phone": (("equal", "missing", "different"),),
    "name": (
        ("equal_rare", "equal_common", "similar", "different"),
        ("similar", "missing", "different"),
    ),
    "reporter": (("same", "unknown"), ("same", "different")),
    "distance": (
        ("within_50m", "within_150m", "within_300m", "within_500m", "within_2000m", "farther"),
        ("within_300m", "missing", "farther"),
    ),
    "region": (("same_kelurahan", "same_kecamatan", "other"),),
    "street": (
        ("same_spot", "same_street", "similar", "different"),
        ("same_street", "missing", "different"),
    ),
    "category": (("same", "unknown", "different"),),
    "text": (("high", "medium", "low", "none"),),
    "concepts": (("several", "one", "none"), ("one", "unknown", "none")),
    "chars": (("high", "medium", "low", "none"),),
    "polarity": (("agree", "conflict"),),
    "gap": (("within_3d", "within_14d", "within_45d", "older", "after"),),
    "state": (),
}
CLOSED_STATUSES = frozenset({"resolved", "closed", "rejected"})
_M_PER_DEG = 111_320.0
_NEGATORS = ("tidak_", "belum_", "bukan_", "tanpa_", "jangan_")


@dataclass(frozen=True, slots=True)
class Side:
    """What matching needs of one complaint; built once per complaint."""

    category_code: str
    kelurahan_code: str
    kecamatan_code: str
    reported_at: datetime
    tokens: frozenset[str]
    concepts: frozenset[str]
    grams: frozenset[str]
    address: Address
    rt: int | None
    rw: int | None
    lat: float | None
    lon: float | None
    nik_index: bytes | None
    phone_index: bytes | None
    name: tuple[str, ...]
    status: str
    updated_at: datetime
    negated: frozenset[str]  # words said not to be so: "belum_terima" -> "terima"
    # The same NIK's and phone's blind index under every configured key, while several are (a
    # database half way through `pintu rotate-keys`): an earlier report may hold either.
    nik_also: tuple[bytes, ...] = ()
    phone_also: tuple[bytes, ...] = ()

    @classmethod
    def of(
        cls,
        *,
        category_code: str,
        kelurahan_code: str,
        reported_at: datetime,
        description: str | None,
        address: str | None,
        rt: str | None,
        rw: str | None,
        lat: float | None,
        lon: float | None,
        nik_index: bytes | None,
        phone_index: bytes | None,
        name: str | None,
        status: str,
        updated_at: datetime | None = None,
        match_text: str | None = None,
        place: str | None = None,
        nik_also: Sequence[bytes] = (),
        phone_also: Sequence[bytes] = (),
    ) -> Side:
        """`match_text` and `place` (a place record, textnorm.place_record), when stored, spare
        normalising the description and parsing the address again."""
        if place is not None:  # a stored report
            parsed, said = read_place_record(place)
        else:
            parsed = place_of(description, address)
            said = rt_rw(description) if parsed.rt is None else (None, None)
        if match_text is not None:  # a stored report, met again in many searches
            words, tokens, concepts, negated = _stored_text(match_text)
        else:
            words = tuple(normalize_text(description))
            tokens, concepts, negated = _text_signals(words)
        # The description's RT/RW only where neither the fields nor the address give one.
        said_rt, said_rw = said if not (rt or rw) else (None, None)
        return cls(
            category_code=category_code,
            kelurahan_code=kelurahan_code,
            kecamatan_code=kelurahan_code[:8],
            reported_at=reported_at,
            tokens=tokens,
            concepts=concepts,
            grams=trigrams(words),
            address=parsed,
            rt=_int(rt) if rt else parsed.rt or said_rt,
            rw=_int(rw) if rw else parsed.rw or said_rw,
            lat=lat,
            lon=lon,
            nik_index=nik_index,
            phone_index=phone_index,
            name=tuple(name_tokens(name)),
            status=status,
            updated_at=updated_at or reported_at,
            negated=negated,
            nik_also=tuple(nik_also),
            phone_also=tuple(phone_also),
        )


def _text_signals(words: tuple[str, ...]) -> tuple[frozenset[str], ...]:
    """A text's distinct words, its concepts and its negated words."""
    negated = frozenset(w.split("_", 1)[1] for w in words if w.startswith(_NEGATORS))
    return frozenset(words), lexicon().concepts(words), negated


@lru_cache(maxsize=20_000)
def _stored_text(
    match_text: str,
) -> tuple[tuple[str, ...], frozenset[str], frozenset[str], frozenset[str]]:
    """A stored match text's words, distinct words, concepts and negated words: a mirrored
    report is a candidate of many searches, so this is worked out once per process (its
    trigrams are not kept: a few kilobytes each, and cheap to join from the words')."""
    words = tuple(match_text.split())
    tokens, concepts, negated = _text_signals(words)
    return words, tokens, concepts, negated


def trigrams(words: Sequence[str]) -> frozenset[str]:
    """Letter trigrams of each word, padded ("lubang" -> " lu", "lub", ..., "ng ")."""
    return frozenset().union(*map(_word_trigrams, words))


@lru_cache(maxsize=50_000)
def _word_trigrams(word: str) -> frozenset[str]:
    # Words repeat from text to text far more than texts do: kept per word, a text's
    # trigrams cost a seventh of working them out letter by letter.
    padded = f" {word} "
    return frozenset(padded[i : i + 3] for i in range(len(padded) - 2))


def _int(value: str) -> int | None:
    return int(value) if value.isdigit() else None


@dataclass(frozen=True, slots=True)
class NameFrequencies:
    """Name tokens of mirrored complainants: how rare a name is."""

    counts: dict[str, int]
    total: int

    def chance(self, tokens: tuple[str, ...]) -> float:
        """The chance that an unrelated complainant carries all of `tokens`."""
        p = 1.0
        for token in tokens:
            p *= (self.counts.get(token, 0) + 1) / (self.total + 1)
        return p


def _equal(a: bytes, a_also: tuple[bytes, ...], b: bytes) -> bool:
    return a == b or b in a_also


def _same(a: bytes | None, a_also: tuple[bytes, ...], b: bytes | None) -> str:
    if a is None or b is None:
        return "missing"
    return "equal" if _equal(a, a_also, b) else "different"


def _reporter(a: Side, b: Side) -> str:
    pairs = [
        (a.nik_index, a.nik_also, b.nik_index),
        (a.phone_index, a.phone_also, b.phone_index),
    ]
    known = [(x, also, y) for x, also, y in pairs if x is not None and y is not None]
    if not known:
        return "unknown"
    return "same" if any(_equal(x, also, y) for x, also, y in known) else "different"


def _name(a: tuple[str, ...], b: tuple[str, ...], names: NameFrequencies, rare: float) -> str:
    if not a or not b:
        return "missing"
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if set(short) <= set(long):
        return "equal_rare" if names.chance(short) < rare else "equal_common"
    if _initialled(a, b) or _initialled(b, a):
        return "similar"
    if fuzz.token_sort_ratio(" ".join(a), " ".join(b)) >= 85:
        return "similar"
    return "different"


def _initialled(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """ "Dimas S" and "Dimas Sanusi": every word of `short` is a word of `long` or the initial
    of one, and at least one is a whole word."""
    rest = list(long)
    whole = 0
    for word in short:
        if word in rest:
            rest.remove(word)
            whole += 1
            continue
        initial = next((w for w in rest if len(word) == 1 and w.startswith(word)), None)
        if initial is None:
            return False
        rest.remove(initial)
    return whole > 0


def distance_m(a: Side, b: Side) -> float | None:
    """Metres between the two points (equirectangular: exact enough within a city)."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    x = (a.lon - b.lon) * _M_PER_DEG * math.cos(math.radians((a.lat + b.lat) / 2))
    y = (a.lat - b.lat) * _M_PER_DEG
    return math.hypot(x, y)


_DISTANCES = tuple((limit, f"within_{limit}m") for limit in (50, 150, 300, 500, 2000))


def _distance(a: Side, b: Side) -> str:
    d = distance_m(a, b)
    if d is None:
        return "missing"
    for limit, level in _DISTANCES:
        if d <= limit:
            return level
    return "farther"


def _region(a: Side, b: Side) -> str:
    if a.kelurahan_code == b.kelurahan_code:
        return "same_kelurahan"
    return "same_kecamatan" if a.kecamatan_code == b.kecamatan_code else "other"


def same_place_name(x: str, y: str) -> bool:
    """One street or gang written twice: equal, or a typo apart ("keeshatan", "kesehatan") with
    the same numbers ("kecapi 1" is not "kecapi 2")."""
    if x == y:
        return True
    if len(x) < 5 or len(y) < 5 or not fuzz.ratio(x, y, score_cutoff=85):
        return False
    return _digits(x) == _digits(y)


def _digits(name: str) -> list[str]:
    return [w for w in name.split() if w.isdigit()]


def _street(a: Side, b: Side) -> str:
    mine = [n for n in (a.address.street, a.address.gang) if n]
    theirs = [n for n in (b.address.street, b.address.gang) if n]
    if not mine or not theirs:
        return "missing"
    if any(same_place_name(x, y) for x in mine for y in theirs):
        same_rt = a.rt is not None and (a.rt, a.rw) == (b.rt, b.rw)
        same_no = a.address.number is not None and a.address.number == b.address.number
        return "same_spot" if same_rt or same_no else "same_street"
    # One name inside the other ("manggarai raya", "manggarai"): perhaps the same street.
    similar = any(fuzz.partial_ratio(x, y, score_cutoff=90) for x in mine for y in theirs)
    return "similar" if similar else "different"


def _text(a: Side, b: Side) -> str:
    if not a.tokens or not b.tokens:
        return "none"
    dice = 2 * len(a.tokens & b.tokens) / (len(a.tokens) + len(b.tokens))
    for level, floor in (("high", 0.45), ("medium", 0.25), ("low", 0.1)):
        if dice >= floor:
            return level
    return "none"


def _concepts(a: Side, b: Side) -> str:
    if not a.concepts or not b.concepts:
        return "unknown"
    shared = len(a.concepts & b.concepts)
    return "several" if shared >= 2 else "one" if shared == 1 else "none"


def _chars(a: Side, b: Side) -> str:
    if not a.grams or not b.grams:
        return "none"
    dice = 2 * len(a.grams & b.grams) / (len(a.grams) + len(b.grams))
    for level, floor in (("high", 0.55), ("medium", 0.4), ("low", 0.25)):
        if dice >= floor:
            return level
    return "none"


def _category(a: str, b: str) -> str:
    # `lainnya` is where a category Pintu does not know lands ("Pohon Tumbang" before an alias
    # exists): it says neither that the problems differ nor, on both sides, that they agree.
    if OTHER_CATEGORY in (a, b):
        return "unknown"
    return "same" if a == b else "different"


def _polarity(a: Side, b: Side) -> str:
    return "conflict" if a.negated & b.tokens or b.negated & a.tokens else "agree"


_AFTER = -timedelta(hours=1)
_GAPS = tuple((timedelta(days=days), f"within_{days}d") for days in (3, 14, 45))
_RECENTLY = timedelta(days=30)


def _gap(complaint: Side, other: Side) -> str:
    ahead = complaint.reported_at - other.reported_at
    if ahead < _AFTER:
        return "after"
    for limit, level in _GAPS:
        if ahead <= limit:
            return level
    return "older"


def _state(complaint: Side, other: Side) -> str:
    if other.status not in CLOSED_STATUSES:
        return "open"
    recent = complaint.reported_at - other.updated_at <= _RECENTLY
    return "closed_recently" if recent else "closed_long_ago"


def compare(
    complaint: Side, other: Side, names: NameFrequencies, *, rare_name_below: float
) -> dict[str, str]:
    """The level of every signal for `complaint` against an earlier report `other`."""
    return {
        "nik": _same(complaint.nik_index, complaint.nik_also, other.nik_index),
        "phone": _same(complaint.phone_index, complaint.phone_also, other.phone_index),
        "name": _name(complaint.name, other.name, names, rare_name_below),
        "reporter": _reporter(complaint, other),
        "distance": _distance(complaint, other),
        "region": _region(complaint, other),
        "street": _street(complaint, other),
        "category": _category(complaint.category_code, other.category_code),
        "text": _text(complaint, other),
        "concepts": _concepts(complaint, other),
        "chars": _chars(complaint, other),
        "polarity": _polarity(complaint, other),
        "gap": _gap(complaint, other),
        "state": _state(complaint, other),
    }
