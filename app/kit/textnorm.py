"""Indonesian text normalisation for matching: a desk officer's formal sentence and a citizen's
informal JAKI message about one problem should end up sharing tokens.

Texts lose case, accents and punctuation; abbreviations and slang become standard words;
stopwords go; a light rule-based stemmer reduces affixed forms to one stem; and a negator is
fused with the word it negates, so "belum diterima" (`belum_terima`) never matches
"sudah diterima" (`terima`). Addresses are parsed into street, gang, number and RT/RW; names
lose titles and old spellings.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

_WORD = re.compile(r"[a-z0-9]+")

# Informal or abbreviated -> standard word ("" drops it).
SLANG: dict[str, str] = {
    "yg": "yang",
    "tdk": "tidak",
    "gak": "tidak",
    "ga": "tidak",
    "gk": "tidak",
    "nggak": "tidak",
    "ngga": "tidak",
    "enggak": "tidak",
    "engga": "tidak",
    "kagak": "tidak",
    "ndak": "tidak",
    "tak": "tidak",
    "blm": "belum",
    "blom": "belum",
    "belom": "belum",
    "blum": "belum",
    "sdh": "sudah",
    "udh": "sudah",
    "udah": "sudah",
    "dah": "sudah",
    "jl": "jalan",
    "jln": "jalan",
    "gg": "gang",
    "dgn": "dengan",
    "krn": "karena",
    "karna": "karena",
    "utk": "untuk",
    "untk": "untuk",
    "sm": "sama",
    "bgt": "banget",
    "bngt": "banget",
    "tp": "tapi",
    "tpi": "tapi",
    "sy": "saya",
    "aku": "saya",
    "gue": "saya",
    "gw": "saya",
    "kmrn": "kemarin",
    "bln": "bulan",
    "thn": "tahun",
    "th": "tahun",
    "hr": "hari",
    "mgg": "minggu",
    "kel": "kelurahan",
    "kec": "kecamatan",
    "bpk": "bapak",
    "bolong": "lubang",
    "lobang": "lubang",
    "berlubang": "lubang",
    "mampet": "sumbat",
    "mampat": "sumbat",
    "tersumbat": "sumbat",
    "pju": "penerangan",
    "got": "saluran",
    "numpuk": "tumpuk",
    "ngantri": "antri",
    "dpt": "dapat",
    "dapet": "dapat",
    "bener": "benar",
    "tlg": "tolong",
    "mhn": "mohon",
    "dr": "dari",
    "dri": "dari",
    "pdhl": "padahal",
    "jg": "juga",
    "lg": "lagi",
    "bs": "bisa",
    "bisa2": "bisa",
    "dll": "",
    "dsb": "",
    "org": "orang",
    "jalanan": "jalan",
    "nyala": "nyala",
    "idup": "hidup",
    "ancur": "hancur",
    "jatoh": "jatuh",
    "ketutup": "tutup",
    "kotor": "kotor",
    "bau": "bau",
    "bnyk": "banyak",
    "byk": "banyak",
    "skrg": "sekarang",
    "skrng": "sekarang",
    "sampe": "sampai",
    "smp": "sampai",
    "kalo": "kalau",
    "klo": "kalau",
    "gimana": "bagaimana",
    "gmn": "bagaimana",
    "trs": "terus",
    "trus": "terus",
    "dibenerin": "diperbaiki",
    "benerin": "perbaiki",
    "dibetulin": "diperbaiki",
    "rsk": "rusak",
    "bantuan": "bantuan",
    "bansos": "bansos",
    "cair": "terima",
    "dicairkan": "terima",
    "pencairan": "terima",
    "menyala": "nyala",
    "dpn": "depan",
    "bbrp": "beberapa",
    "tpt": "tempat",
}
NEGATORS = frozenset({"tidak", "belum", "bukan", "tanpa", "jangan"})
STOPWORDS = frozenset(
    [
        "yang",
        "di",
        "ke",
        "dari",
        "dan",
        "ini",
        "itu",
        "ada",
        "sudah",
        "sangat",
        "banget",
        "mohon",
        "tolong",
        "segera",
        "pak",
        "bu",
        "saya",
        "kami",
        "kita",
        "untuk",
        "dengan",
        "pada",
        "oleh",
        "atau",
        "juga",
        "karena",
        "tapi",
        "sama",
        "akan",
        "telah",
        "sedang",
        "masih",
        "lagi",
        "sekali",
        "nya",
        "dong",
        "deh",
        "sih",
        "nih",
        "kok",
        "ya",
        "min",
        "admin",
        "bapak",
        "ibu",
        "padahal",
        "agar",
        "supaya",
        "kepada",
        "bahwa",
        "sebagai",
        "dalam",
        "para",
        "hal",
        "tersebut",
        "bisa",
        "dapat",
        "harap",
        "harus",
        "mau",
        "sampai",
        "terus",
        "kalau",
        "bagaimana",
        "apa",
        "kapan",
        "sejak",
        "selama",
        "namun",
        "hanya",
        "pun",
        "adalah",
        "ialah",
        "yaitu",
        "nih",
        "tuh",
        "lah",
        "kah",
        "the",
        "mas",
        "mbak",
        "kak",
        "beberapa",
        "warga",
        "pemohon",
        "melaporkan",
        "lapor",
        "laporan",
        "menyampaikan",
        "sampaikan",
        "menyatakan",
        "disampaikan",
        "aduan",
        "pengaduan",
        "keluhan",
        "mengeluhkan",
    ]
)
# Words the affix rules would ruin, kept as they are.
KEEP = frozenset(
    [
        "jalan",
        "saluran",
        "bantuan",
        "bulan",
        "taman",
        "makan",
        "ikan",
        "kecamatan",
        "kelurahan",
        "pemakaman",
        "lapangan",
        "perumahan",
        "bangunan",
        "tanah",
        "pasar",
        "minggu",
        "tahun",
        "selesai",
        "sekolah",
        "kesehatan",
        "pendidikan",
        "penerangan",
        "pertanahan",
        "kependudukan",
        "perizinan",
        "transportasi",
        "lingkungan",
        "pelayanan",
        "kebersihan",
        "keamanan",
        "kemarin",
        "sekarang",
        "belakang",
        "depan",
        "samping",
        "pinggir",
        "tengah",
        "keluarga",
        "kendaraan",
        "selokan",
        "sebelah",
        "seberang",
        "beberapa",
    ]
)
_VOWELS = frozenset("aeiou")
# Prefix -> (letters to put back before a vowel, consonants it swallows whole), longest first;
# "men" + vowel is "t" + vowel (menerima: terima), "mem" + b is b (membuang: buang).
_NASAL = (
    ("meny", "s", ""),
    ("peny", "s", ""),
    ("meng", "", "ghk"),
    ("peng", "", "ghk"),
    ("mem", "p", "bfpv"),
    ("pem", "p", "bfpv"),
    ("men", "t", "cdjtz"),
    ("pen", "t", "cdjtz"),
)
_PLAIN = ("memper", "diper", "per", "ber", "ter", "di", "ke", "se")
_VERB_PREFIXES = frozenset({"memper", "diper", "di", "me", "ter"})  # -kan makes verbs


def _fold(text: str) -> str:
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def _split_prefix(word: str) -> tuple[str, str]:
    """The derivational prefix of `word` (or "") and what is left, sounds restored."""
    for prefix in _PLAIN:
        if word.startswith(prefix) and len(word) - len(prefix) >= 4:
            return prefix, word[len(prefix) :]
    for prefix, restore, swallowed in _NASAL:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) >= 3:
            if rest[0] in _VOWELS:
                return "me", restore + rest
            if rest[0] in swallowed:
                return "me", rest
    for prefix in ("me", "pe"):
        rest = word[2:]
        if word.startswith(prefix) and len(rest) >= 4 and rest[0] in "lmnrwy":
            return "me", rest
    return "", word


@lru_cache(maxsize=65_536)
def stem(word: str) -> str:
    """A light stem of an Indonesian word, consistent rather than exact: diterima, menerima
    and penerimaan all become `terima`; perbaikan and diperbaiki become `baik`."""
    if len(word) < 5 or word in KEEP or not word.isalpha():
        return word
    for ending in ("lah", "kah", "tah", "pun", "nya", "ku", "mu"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            word = word[: -len(ending)]
            break
    prefix, rest = _split_prefix(word)
    if prefix in _VERB_PREFIXES and rest.endswith("kan") and len(rest) >= 6:
        return rest[:-3]
    if rest.endswith("an") and len(rest) >= 6:
        return rest[:-2]
    if prefix and rest.endswith("i") and len(rest) >= 5:
        return rest[:-1]
    return rest


_SQUEEZE = re.compile(r"([a-z])\1{2,}")
# "bolong2", "lobang2": a word said twice, written with a 2.
_TWICE = re.compile(r"\b([a-z]{3,})2\b")
# Phrases that mean one thing, joined before the words are split.
PHRASES = ((re.compile(r"\bbantuan sosial\b"), "bansos"), (re.compile(r"\blampu jalan\b"), "pju"))


def _words(text: str) -> list[str]:
    out = []
    folded = _fold(text).replace("_", " ")
    for pattern, replacement in PHRASES:
        folded = pattern.sub(replacement, folded)
    folded = _SQUEEZE.sub(r"\1", folded)  # "rusakkk" -> "rusak"
    folded = _TWICE.sub(r"\1", folded)  # "bolong2" -> "bolong"
    for raw in _WORD.findall(folded):
        if raw.isdigit():
            # Leading zeros dropped ("005" is "5") without int(), which refuses a run of
            # more than 4,300 digits (a 500 on a description of zeros).
            out.append(raw.lstrip("0") or "0")
            continue
        word = SLANG.get(raw, raw)
        for part in word.split():
            if len(part) > 1:
                out.append(part)
    return out


def normalize_text(text: str | None) -> list[str]:
    """Content tokens of an Indonesian complaint text, in order."""
    if not text:
        return []
    tokens: list[str] = []
    negate: str | None = None
    words = _words(text)
    for i, word in enumerate(words):
        if word == "terima" and i + 1 < len(words) and words[i + 1] == "kasih":
            continue
        if word == "kasih" and i > 0 and words[i - 1] == "terima":
            continue
        if word in NEGATORS:
            negate = negate or word
            continue
        if word in STOPWORDS:
            continue
        token = word
        if not word.isdigit():
            # Stemmed until it stays ("kebersamaan" -> "bersama" -> "sama"), and dropped if
            # what is left is a stopword: normalising a normalised text changes nothing.
            for _ in range(4):
                stemmed = stem(token)
                if stemmed == token:
                    break
                token = stemmed
            if token in STOPWORDS:
                continue
        if negate:
            token, negate = f"{negate}_{token}", None
        tokens.append(token)
    if negate:
        tokens.append(negate)
    return tokens


@dataclass(frozen=True, slots=True)
class Address:
    street: str | None
    gang: str | None
    number: str | None
    rt: int | None
    rw: int | None


_ROMAN = {
    "i": "1",
    "ii": "2",
    "iii": "3",
    "iv": "4",
    "v": "5",
    "vi": "6",
    "vii": "7",
    "viii": "8",
    "ix": "9",
    "x": "10",
}
# RT and RW as people write them: "RT 003 / RW 005", "RT.03/RW.05", "rt 3 rw 5", "rt3rw5",
# "RT 03/05", and in roman numerals ("RT. III / RW. V").
_NUM = r"0*(\d{1,3}|(?:viii|vii|iii|vi|iv|ix|ii|i|v|x)\b)"
_RT_RW = re.compile(rf"\brt\W*{_NUM}\W*(?:/|rw\b|rw(?=\d))\W*{_NUM}")
_RT = re.compile(rf"\brt\W*{_NUM}")
_RW = re.compile(rf"(?:\b|(?<=\d))rw\W*{_NUM}")
_NUMBER = re.compile(r"\b(?:no|nomor|nomer)\b\W*(\w+)")
_TAIL = re.compile(r"\b(kel|kelurahan|kec|kecamatan|kota|kab|kabupaten|jakarta|dki|rt|rw)\b.*$")
# Where a street's or a gang's name ends: punctuation other than a dot, the next part of the
# address, RT/RW, or a landmark ("Jl. Manggarai Raya (samping Pangkas Rambut Madura)",
# "gg.Kenari dpn SDN 07").
_LANDMARKS = (
    "depan|dpn|samping|smpg|sebelah|sblh|dekat|dkt|deket|belakang|blkg|seberang|sebrang|"
    "ujung|pojok|arah|persis|sekitar|sekitaran|pas|tepat|antara|masuk|dalam|dlm|komplek|"
    "kompleks|perum|perumahan|blok|kav|kavling"
)
_END = (
    r"(?=[^a-z0-9 .'-]|\b(?:jalan|jl|jln|gang|gg|no|nomor|nomer|kel|kelurahan|kec|kecamatan|"
    rf"kota|kab|{_LANDMARKS})\b|\br[tw]\W*(?:\d|(?:viii|vii|iii|vi|iv|ix|ii|i|v|x)\b)|$)"
)
_STREET = re.compile(rf"\b(?:jalan|jl|jln)\b[\s.]*([a-z0-9][a-z0-9 .'-]*?)\s*{_END}")
_GANG = re.compile(rf"\b(?:gang|gg)\b[\s.]*([a-z0-9][a-z0-9 .'-]*?)\s*{_END}")
# In free text a dot also ends a name where it ends a sentence ("jl cendrawasih. sdh lapor",
# "Gg. Kecapi II. Sudah lama"): after a word of two letters or more or a number, unless the word
# is an abbreviation streets carry ("Jl. Psr. Minggu", "Jl. Prof. Dr. Satrio", "Jl. Kbn.
# Jeruk"); "Jl. H. Ridi" keeps its "H.". (Addresses are not read this way: their dots are
# nearly all abbreviations.)
_ABBREVIATIONS = (
    "prof|dr|drs|ir|hj|kh|st|jend|kol|kapt|mgr|let|letjen|mayjen|brigjen|laks|marsda|pang|"
    "psr|bend|kbn|pdk|tnh|kp|kmp|gd"
)
_SENTENCE = (
    r"(?:(?<=[a-z0-9]{2})|(?<=\b\d))"
    + "".join(f"(?<!\\b{a})" for a in _ABBREVIATIONS.split("|"))
    + r"\.(?:\s|$)"
)
assert _END.endswith("|$)")
_END_TEXT = _END[: -len("|$)")] + rf"|{_SENTENCE}|$)"
_STREET_TEXT = re.compile(rf"\b(?:jalan|jl|jln)\b[\s.]*([a-z0-9][a-z0-9 .'-]*?)\s*{_END_TEXT}")
_GANG_TEXT = re.compile(rf"\b(?:gang|gg)\b[\s.]*([a-z0-9][a-z0-9 .'-]*?)\s*{_END_TEXT}")


def _count(text: str) -> int:
    return int(_ROMAN.get(text, text))


def _rt_rw(text: str) -> tuple[int | None, int | None]:
    if m := _RT_RW.search(text):
        return _count(m.group(1)), _count(m.group(2))
    rt = _count(m.group(1)) if (m := _RT.search(text)) else None
    rw = _count(m.group(1)) if (m := _RW.search(text)) else None
    return rt, rw


def rt_rw(text: str | None) -> tuple[int | None, int | None]:
    """RT and RW named anywhere in a text ("... di Gang Sepakat RT.01/RW.11, Kelurahan ..."):
    a desk note often says them in the description and leaves the address short."""
    return _rt_rw(_fold(text)) if text else (None, None)


@lru_cache(maxsize=50_000)
def parse_address(address: str | None) -> Address:
    """Street, gang, house number and RT/RW of an address as people write it."""
    if not address:
        return Address(None, None, None, None, None)
    return _parse(_fold(address), _STREET, _GANG)


def _parse(text: str, street_re: re.Pattern[str], gang_re: re.Pattern[str]) -> Address:
    rt, rw = _rt_rw(text)
    number = m.group(1) if (m := _NUMBER.search(text)) else None
    street = gang = None
    for segment in text.split(","):
        if street is not None and gang is not None:
            break
        found = street_re.search(segment)
        if found is None:
            segment = _TAIL.sub("", segment)
        elif street is None:
            street = _clean_place(found.group(1))
        if gang is None and (m := gang_re.search(segment)):
            gang = _clean_place(m.group(1))
    if street and number is None:
        parts = street.split()
        if len(parts) > 1 and parts[-1][:1].isdigit():
            street, number = " ".join(parts[:-1]), parts[-1]
    return Address(street, gang, number, rt, rw)


# In a description "jalan" and "gang" are mostly plain words ("permukaan jalan rusak", "lampu
# gang mati"): there an abbreviation names a place, "Jalan" or "Gang" before a capital (not in
# a text written all in capitals or in Title Case), "Gang" before a number, and a lower-case
# "gang" before a word that is not a plain one, when nothing better names one.
_ABBREVIATED = r"\b(?:[Jj][Ll][Nn]?|[Gg][Gg])\b\.?"
_CAPITALISED = r"\b(?:Jalan|JALAN|Gang|GANG)(?=\s+[A-Z])|\b(?:Gang|gang|GANG)(?=\s+\d)"
_PLAIN_AFTER_GANG = (
    "sempit|kecil|buntu|rumah|ini|itu|tsb|tersebut|kami|saya|sy|kita|warga|yang|yg|dan|di|ke|"
    "nya|sebelah|depan|dekat|belakang|masuk|mati|gelap|rusak|banjir|becek|kotor|bau|ramai|sepi"
)
_MARKERS = (
    re.compile(rf"{_ABBREVIATED}|{_CAPITALISED}"),
    re.compile(rf"\bgang(?=\s+(?!(?:{_PLAIN_AFTER_GANG})\b)[a-z])"),
)
_SHOUTED_MARKERS = (re.compile(_ABBREVIATED),)
# A name found in free text keeps at most this many words, and none from a stopword on
# ("banjir di Jl. Mawar sudah 3 hari": "mawar").
_FREE_NAME_WORDS = 3


def _title_case(text: str) -> bool:
    words = [w for w in text.split() if w[:1].isalpha()]
    return len(words) >= 4 and sum(w[:1].isupper() for w in words) / len(words) > 0.8


def _free_name(name: str | None) -> str | None:
    if not name:
        return None
    words = name.split()
    if words[0][:1].isdigit():
        return words[0]  # "gang 5 kel. ...", "gang 3 meter": the number is the name
    kept = []
    for word in words[:_FREE_NAME_WORDS]:
        if word in STOPWORDS:
            break
        kept.append(word)
    return " ".join(kept) or None


@lru_cache(maxsize=50_000)
def places_in(text: str | None) -> tuple[str | None, str | None]:
    """The street and the gang a free text names ("trotoar gg. mawar, pejalan kaki turun",
    "di Jalan Cempaka Baru Gang 5 RT 015"): what a short address leaves out."""
    if not text:
        return None, None
    shouted = text.isupper() or _title_case(text)
    for marker in _SHOUTED_MARKERS if shouted else _MARKERS:
        marked = marker.sub(lambda m: " jl " if m.group(0)[:1] in "Jj" else " gg ", text)
        kept = re.sub(r"\b(?:jalan|gang)\b", "_", _fold(marked))
        found = _parse(kept, _STREET_TEXT, _GANG_TEXT)
        street, gang = _free_name(found.street), _free_name(found.gang)
        if street or gang:
            return street, gang
    return None, None


def place_of(description: str | None, address: str | None) -> Address:
    """The address parsed; if it names no street or gang, those the description names."""
    parsed = parse_address(address)
    if parsed.street is None and parsed.gang is None:
        street, gang = places_in(description)
        if street or gang:
            return replace(parsed, street=street, gang=gang)
    return parsed


def place_keys(kelurahan_code: str, place: Address) -> list[str]:
    """What the street route finds a complaint by: each street or gang name it gives, with its
    kabupaten/kota ("31.71 haji saman"), and the name without "raya" too ("Jl. Manggarai Raya"
    is Jl. Manggarai to its neighbours). A name of numbers alone ("gang 5") names too many
    places to search by."""
    kota = kelurahan_code[:5]
    keys = set()
    for name in (place.street, place.gang):
        words = name.split() if name else []
        if not any(len(w) >= 3 and w.isalpha() for w in words):
            continue
        keys.add(f"{kota} {name}")
        if len(words) > 1 and words[-1] == "raya":
            keys.add(f"{kota} {' '.join(words[:-1])}")
    return sorted(keys)


# Separates the parts of a stored place record (no part can hold it: names are cleaned to
# letters, digits and spaces; a number is one word; RT and RW are integers).
_PART = "\x1f"


def place_record(description: str | None, address: str | None) -> str:
    """What a complaint's place reads as, kept as one string at ingest so that a stored
    complaint met in many searches is not parsed again (`read_place_record`): the address
    parsed (`place_of`), and, when it gives no RT, the RT and RW its description names."""
    return record_of(place_of(description, address), description)


def record_of(place: Address, description: str | None) -> str:
    """`place_record` of a place already parsed out of `description` and its address."""
    said = rt_rw(description) if place.rt is None else (None, None)
    parts = (place.street, place.gang, place.number, place.rt, place.rw, *said)
    return _PART.join("" if v is None else str(v) for v in parts)


def read_place_record(record: str) -> tuple[Address, tuple[int | None, int | None]]:
    """A stored place record: the address parsed, and the RT and RW the description names
    (both None when the address gives an RT)."""
    street, gang, number, rt, rw, said_rt, said_rw = record.split(_PART)
    return (
        Address(street or None, gang or None, number or None, _opt_int(rt), _opt_int(rw)),
        (_opt_int(said_rt), _opt_int(said_rw)),
    )


def _opt_int(value: str) -> int | None:
    return int(value) if value else None


def _clean_place(text: str) -> str | None:
    text = _TAIL.sub("", text)
    words = [_ROMAN.get(w, w) for w in _WORD.findall(text)]
    return " ".join(words) or None


def match_text(description: str | None, address: str | None) -> str:
    """What is stored once at ingest for the full-text candidate search."""
    words = normalize_text(description)
    place = parse_address(address)
    for name in (place.street, place.gang):
        if name:
            words.extend(name.split())
    return " ".join(words)


_TITLES = frozenset(
    [
        "bapak",
        "bpk",
        "pak",
        "ibu",
        "bu",
        "sdr",
        "sdri",
        "saudara",
        "saudari",
        "tn",
        "ny",
        "nn",
        "h",
        "hj",
        "haji",
        "hajah",
        "hajjah",
        "dr",
        "drs",
        "dra",
        "ir",
        "prof",
        "spd",
        "se",
        "sh",
        "skom",
        "st",
        "mm",
        "amd",
        "ssos",
        "spd",
        "sked",
        "mpd",
        # How a JAKI user names themself or a neighbour: "Bunda Hasanah", "Bang Jali".
        "bunda",
        "mama",
        "mamah",
        "ayah",
        "abah",
        "mbak",
        "mba",
        "bang",
        "abang",
        "kak",
        "mpok",
        "om",
        "tante",
        "engkong",
        "nenek",
        "kakek",
        "ustadz",
        "ustad",
    ]
)
_VARIANTS = {
    "mohammad": "muhammad",
    "muhamad": "muhammad",
    "mohamad": "muhammad",
    "muhammat": "muhammad",
    "moh": "muhammad",
    "moch": "muhammad",
    "mochammad": "muhammad",
    "muh": "muhammad",
    "mochamad": "muhammad",
    "m": "muhammad",
    "sitti": "siti",
    "achmad": "ahmad",
    "akhmad": "ahmad",
    "abd": "abdul",
}


def name_tokens(name: str | None) -> list[str]:
    """Lower-case tokens of a person's name without titles or old spellings."""
    if not name:
        return []
    text = _fold(name)
    head, _, tail = text.partition(",")
    if tail:
        text = head  # "H. Ahmad Hidayat, S.E.": degrees follow the comma
    text = text.replace("oe", "u").replace("dj", "j").replace("tj", "c")
    out: list[str] = []
    for word in _WORD.findall(text):
        if word in _TITLES:
            continue
        # "M. Rizki" is Muhammad Rizki; "Dimas M" is Dimas with an initial.
        out.append(word if len(word) == 1 and out else _VARIANTS.get(word, word))
    return out
