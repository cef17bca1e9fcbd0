"""Normalising Indonesian complaint texts, addresses and names for duplicate matching.

A desk officer writes a walk-in complaint formally ("Saluran air tersumbat sehingga air tidak
mengalir"); a citizen types the same problem into JAKI informally ("got mampet, air gk ngalir").
Both should end up with overlapping tokens. `normalize_text`:

1. folds the text: Unicode NFKC, lower case, accents stripped; punctuation separates words;
   "rusak2" and "rusak-rusak" become "rusak"; "Rp5.000" becomes "rp 5000";
2. expands abbreviations and slang to standard words (`SLANG`: yg, gak, udh, jln, got, mampet …);
3. drops stopwords (`STOPWORDS`), keeping the negators (`NEGATORS`);
4. stems every other word with a light rule-based stemmer (`stem`), consistent rather than
   exact: diterima, menerima and penerimaan all become `terima`;
5. rewrites phrases that name one thing (`PHRASES`: "bantuan sosial" -> `bansos`, "lampu
   jalan" -> `pju`, "terima kasih" -> nothing) and "5 ribu" -> `5000`;
6. fuses a negator with the token after it: "belum diterima" -> `belum_terima`, which never
   matches the `terima` of "sudah diterima".

Every token it returns normalises to itself, so `normalize_text(" ".join(tokens)) == tokens`.
Addresses (`parse_address`) become street, gang, house number and RT/RW; names (`name_tokens`)
lose titles, degrees and old spellings.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# --- Vocabulary ----------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    """The whitespace-separated words of `text`."""
    return text.split()


NEGATORS = frozenset({"tidak", "belum", "bukan", "tanpa", "jangan"})

# Informal, abbreviated or regional spelling -> the standard word(s). No value word is a key.
SLANG: dict[str, str] = {
    # negators
    **dict.fromkeys(
        _words("tdk tak gak ga gk ngga nggak ngak nga enggak engga kagak kaga ndak nda gag tdak"),
        "tidak",
    ),
    **dict.fromkeys(_words("blm blom belom blum blon"), "belum"),
    "bkn": "bukan",
    "jgn": "jangan",
    "tnp": "tanpa",
    # function words
    **dict.fromkeys(_words("sdh udh udah dah sudh sdah uda"), "sudah"),
    **dict.fromkeys(_words("sy aku gue gw gua ane sya"), "saya"),
    "yg": "yang",
    "yng": "yang",
    "dgn": "dengan",
    "dg": "dengan",
    "krn": "karena",
    "karna": "karena",
    "krna": "karena",
    "utk": "untuk",
    "untk": "untuk",
    "sm": "sama",
    "ama": "sama",
    "bgt": "banget",
    "bngt": "banget",
    "tp": "tapi",
    "tpi": "tapi",
    "dr": "dari",
    "dri": "dari",
    "pd": "pada",
    "kpd": "kepada",
    "jg": "juga",
    "lg": "lagi",
    "lgi": "lagi",
    "msh": "masih",
    "masi": "masih",
    "trs": "terus",
    "trus": "terus",
    "pdhl": "padahal",
    "pdhal": "padahal",
    "tlg": "tolong",
    "mhn": "mohon",
    "sblm": "sebelum",
    "stlh": "setelah",
    "dlm": "dalam",
    "ttg": "tentang",
    "tsb": "tersebut",
    "bhw": "bahwa",
    "sbg": "sebagai",
    "spy": "supaya",
    "ato": "atau",
    "atw": "atau",
    "kalo": "kalau",
    "klo": "kalau",
    "klu": "kalau",
    "cm": "cuma",
    "cuman": "cuma",
    "aja": "saja",
    "jd": "jadi",
    "sampe": "sampai",
    "ampe": "sampai",
    "gini": "begini",
    "gitu": "begitu",
    "gmn": "bagaimana",
    "gimana": "bagaimana",
    "knp": "kenapa",
    "napa": "kenapa",
    "dmn": "dimana",
    "kmn": "kemana",
    "kpn": "kapan",
    "kyk": "seperti",
    "kayak": "seperti",
    "sptnya": "sepertinya",
    "kyknya": "sepertinya",
    "kayaknya": "sepertinya",
    "emg": "memang",
    "emang": "memang",
    "bs": "bisa",
    "hrs": "harus",
    "blh": "boleh",
    "skrg": "sekarang",
    "skg": "sekarang",
    "skrang": "sekarang",
    "td": "tadi",
    "tdi": "tadi",
    "pas": "saat",
    "byk": "banyak",
    "bnyk": "banyak",
    "bnyak": "banyak",
    "bbrp": "beberapa",
    "bikin": "membuat",
    "dtg": "datang",
    # people and salutations
    "pak": "bapak",
    "bpk": "bapak",
    "bp": "bapak",
    "bu": "ibu",
    "buk": "ibu",
    "ibuk": "ibu",
    "org": "orang",
    # time
    "kmrn": "kemarin",
    "kemaren": "kemarin",
    "bln": "bulan",
    "thn": "tahun",
    "th": "tahun",
    "hr": "hari",
    "mgg": "minggu",
    "mgu": "minggu",
    "mggu": "minggu",
    "tgl": "tanggal",
    "smt": "semester",
    "malem": "malam",
    "mlm": "malam",
    "semalem": "semalam",
    "pgi": "pagi",
    # places
    "jl": "jalan",
    "jln": "jalan",
    "jlan": "jalan",
    "gg": "gang",
    "kel": "kelurahan",
    "kec": "kecamatan",
    "dpn": "depan",
    "blkg": "belakang",
    "dkt": "dekat",
    "deket": "dekat",
    "sblh": "sebelah",
    "sbrg": "seberang",
    "rmh": "rumah",
    "sklh": "sekolah",
    "musholla": "musala",
    "mushola": "musala",
    "musholah": "musala",
    "mushala": "musala",
    "indomaret": "minimarket",
    "alfamart": "minimarket",
    "alfamidi": "minimarket",
    "tj": "transjakarta",
    "got": "saluran",
    "selokan": "saluran",
    # the problem, informally
    "bolong": "lubang",
    "mampet": "sumbat",
    "mampat": "sumbat",
    "numpuk": "menumpuk",
    "ngantri": "antri",
    "antre": "antri",
    "antrean": "antrian",
    "dpt": "dapat",
    "dapet": "dapat",
    "bener": "benar",
    "ujan": "hujan",
    "gede": "besar",
    "bsr": "besar",
    "kcl": "kecil",
    "jatoh": "jatuh",
    "ilang": "hilang",
    "deres": "deras",
    "keliatan": "terlihat",
    "liat": "lihat",
    "ketutup": "tertutup",
    "kebuka": "terbuka",
    "kejeblos": "terperosok",
    "kecebur": "terperosok",
    "ambles": "amblas",
    "copot": "lepas",
    "muncrat": "menyembur",
    "padam": "mati",
    "susah": "sulit",
    "rame": "ramai",
    "dikit": "sedikit",
    "tetep": "tetap",
    "cepet": "cepat",
    "telat": "terlambat",
    "kasian": "kasihan",
    "respon": "tanggapan",
    "respons": "tanggapan",
    "pake": "pakai",
    "dipake": "digunakan",
    "tlp": "telepon",
    "telp": "telepon",
    "ngalir": "mengalir",
    "ngelupas": "mengelupas",
    "nginep": "menginap",
    "ngurus": "mengurus",
    "nimpa": "menimpa",
    "ninggalin": "meninggalkan",
    "nutup": "menutup",
    "nutupin": "menutupi",
    "narik": "menarik",
    "ngecek": "mengecek",
    "nunggu": "menunggu",
    "nanya": "bertanya",
    "ngasih": "memberi",
    "dikasih": "diberi",
    "ngerusak": "merusak",
    "rb": "ribu",
    "jt": "juta",
    # roman numerals in street and programme names
    "ii": "2",
    "iii": "3",
    "iv": "4",
    "vi": "6",
    "vii": "7",
    "viii": "8",
    "ix": "9",
}

# Function words, greetings and fillers; the negators are never among them.
STOPWORDS = frozenset(
    _words(
        """
        yang di ke dari dan ini itu ada sudah sangat banget mohon tolong segera bapak ibu
        saya kami kita kamu anda mereka dia beliau untuk dengan pada oleh atau juga karena
        tapi tetapi namun sama akan telah sedang masih lagi sekali nya dong deh sih nih tuh
        kok ya yah min admin loh lho kan pun lah kah saja cuma hanya kalau jika bila apabila
        sehingga agar supaya bahwa hingga sampai sejak selama setelah sebelum sebelumnya
        saat ketika kapan bagaimana kenapa mengapa apa siapa dimana kemana mana sini situ
        sana begini begitu dalam kepada bagi tentang terhadap melalui secara sebagai seperti
        sepertinya katanya memang adalah ialah merupakan yaitu yakni tersebut para padahal
        walaupun meskipun walau sementara harus perlu bisa dapat boleh mau ingin tiap setiap
        kembali jadi buat sekarang tadi terus beberapa banyak semua lain serta atas antara
        hal pemohon pelapor makasih trims thx tks tq terimakasih assalamualaikum
        wassalamualaikum wr wb permisi halo hallo mbak kak rp dll dsb apapun terlalu makin
        semakin laku
        """
    )
)

# Phrases that name one thing, written in plain words; compiled to stems below. Each rewrite
# is shorter than its source, and rewrites chain ("lampu penerangan jalan" -> "lampu pju" ->
# "pju").
PHRASES: dict[str, str] = {
    "terima kasih": "",
    "selamat pagi": "",
    "selamat siang": "",
    "selamat sore": "",
    "selamat malam": "",
    "bantuan sosial": "bansos",
    "pedagang kaki lima": "pkl",
    "penerangan jalan": "pju",
    "lampu jalan": "pju",
    "lampu pju": "pju",
    "pju umum": "pju",
    "lalu lintas": "lalin",
    "lampu merah": "lalin",
    "lampu lalin": "lalin",
    "sepeda motor": "motor",
    "juru parkir": "jukir",
    "angkutan kota": "angkot",
    "orang tua": "ortu",
    "rumah sakit": "rs",
    "kartu keluarga": "kk",
}

# Words a number multiplies: "5 ribu" and "5rb" -> 5000.
_MULTIPLIERS = {"ribu": "000", "juta": "000000"}

# --- Stemmer -------------------------------------------------------------------------------------

# Words the affix rules would ruin, kept as they are.
_KEPT = _words(
    """
    jalan bulan taman teman makan badan depan hujan rawan tahan bahan hutan korban lawan kawan
    tangan selatan perempuan delapan sembilan saluran kelurahan kecamatan terima terang sekolah
    masalah jumlah perintah pemerintah perempatan pertigaan kemarin disiplin sepeda kereta
    terminal keluarga penduduk penting pendapat pertama menit penuh pendek langkah terbang
    berangkat langgan perosok sebelah jembatan peserta selesai seragam
    """
)
# Words the affix rules would ruin -> their stem.
STEMS: dict[str, str] = {
    **{word: word for word in _KEPT},
    "pemerintahan": "pemerintah",
    "kepesertaan": "peserta",
    "kependudukan": "penduduk",
    "pelanggan": "langgan",
    "berlangganan": "langgan",
    "menikah": "nikah",
    "pernikahan": "nikah",
    "bertanya": "tanya",
    "pertanyaan": "tanya",
    "bertemu": "temu",
    "ketemu": "temu",
    "berlaku": "laku",
    "belajar": "ajar",
    "berbau": "bau",
    "dicek": "cek",
    "diisi": "isi",
    "dijamin": "jamin",
    "antrian": "antri",
}
# Roots after a nasal prefix that do not follow the usual sound change: menyala is nyala (not
# sala), memakan is makan (not pakan), menanti is nanti (not tanti), mengeruk is keruk (not
# eruk), perekaman is rekam (not ekam).
_NY_ROOTS = frozenset({"nyala", "nyanyi", "nyaman"})
_M_ROOTS = frozenset(
    _words(
        "makan minta mohon mulai milik masak makam muat muda maaf main malu mandi marah masuk mati "
        "merah"
    )
)
_N_ROOTS = frozenset({"nanti", "nikah", "nilai", "nasihat"})
_K_ROOTS = frozenset(
    _words(
        "keruk kelupas keluh kirim kumpul kupas kelola kenal kecewa kejar kuras kendara kunci "
        "kotor kosong kabar keluar"
    )
)
_R_ROOTS = frozenset({"rekam", "rumah", "rusak", "rawat", "rencana", "ramai", "rantau"})
# Roots ending in -i, which the suffix rule would otherwise cut: diganti is ganti.
_I_ROOTS = frozenset(
    _words(
        "ganti beli cari isi kunci mati bagi cuci lari tari mandi nanti beri mulai pakai capai "
        "nilai sembunyi bunyi janji"
    )
)
_VOWELS = frozenset("aeiou")
# What a root may start with: a vowel, or a consonant followed by a vowel (or h/l/r/w/y and
# a vowel, or ng/ny); "mbarang" or "rtifikat" are no roots.
_ROOT = re.compile(r"[aeiou]|ng[aeiou]|[b-df-hj-np-tv-z][hlrwy]?[aeiou]")
_VERBAL = ("di", "me", "ter")


def _root(rest: str, least: int) -> bool:
    return len(rest) >= least and _ROOT.match(rest) is not None


def _strip_prefix(word: str) -> tuple[str, bool] | None:
    """`word` without its first derivational prefix, and whether that prefix allows the -i
    suffix; None when it has none."""
    if word.startswith(("me", "pe")):
        verbal = word[0] == "m"
        body = word[2:]
        if body.startswith("ny") and len(body) >= 5 and body[2] in _VOWELS:
            rest = body[2:]
            return ("ny" + rest if "ny" + rest in _NY_ROOTS else "s" + rest), verbal
        if body.startswith("ng") and len(body) >= 5:
            rest = body[2:]
            if "k" + rest in _K_ROOTS:
                return "k" + rest, verbal
            if rest[0] == "e" and len(rest) == 4:
                return rest[1:], verbal
            if rest[0] in _VOWELS:
                return rest, verbal
            if rest[0] in "ghkq":
                return rest, verbal
        if body.startswith("m") and len(body) >= 4:
            rest = body[1:]
            if rest[0] in _VOWELS:
                return ("m" + rest if "m" + rest in _M_ROOTS else "p" + rest), verbal
            if rest[0] in "bfpv":
                return rest, verbal
        if body.startswith("n") and len(body) >= 4:
            rest = body[1:]
            if rest[0] in _VOWELS:
                return ("n" + rest if "n" + rest in _N_ROOTS else "t" + rest), verbal
            if rest[0] in "cdjtz":
                return rest, verbal
        if word.startswith("per") and _root(word[3:], 4):
            rest = word[3:]
            return ("r" + rest if "r" + rest in _R_ROOTS else rest), True
        if body[:1] in ("lmnrwy" if verbal else "bcdfghjklmnpqstvwxyz") and _root(body, 4):
            return body, verbal
        return None
    for prefix, licenses_i in (("ber", False), ("ter", True)):
        if word.startswith(prefix) and _root(word[3:], 4):
            rest = word[3:]
            return ("r" + rest if "r" + rest in _R_ROOTS else rest), licenses_i
    if word.startswith("be") and word[3:5] == "er" and _root(word[2:], 4):
        return word[2:], False
    for prefix, licenses_i in (("di", True), ("ke", False), ("se", False)):
        if word.startswith(prefix) and _root(word[2:], 4):
            return word[2:], licenses_i
    return None


def _stem_once(word: str) -> str:
    """One round of stripping. A known word behind prefixes alone (berjalan, memakan) is that
    word; -kan is a suffix after a consonant or a verb prefix, else -an (tumpukan: tumpuk); -i
    only after di-, me-, per- or ter-, never after s (mediasi) or on an -i root (diganti)."""
    w = word
    for _ in range(3):
        stripped = _strip_prefix(w)
        if stripped is None:
            break
        w = stripped[0]
        if w in STEMS:
            return STEMS[w]
    w = word
    for particle in ("lah", "kah", "tah", "pun"):
        if w.endswith(particle) and len(w) >= 7:
            w = w[:-3]
            break
    if w.endswith("nya") and len(w) >= 6:
        w = w[:-3]
    elif w.endswith(("ku", "mu")) and len(w) >= 6:
        w = w[:-2]
    suffixed = True
    if w.endswith("kan") and len(w) >= 7 and (w[-4] not in _VOWELS or w.startswith(_VERBAL)):
        w = w[:-3]
    elif (w.endswith("an") and len(w) >= 6) or (
        w.endswith("in") and w.startswith("di") and len(w) >= 7
    ):
        w = w[:-2]
    else:
        suffixed = False
    licensed = False
    for _ in range(3):
        if w in STEMS:
            return STEMS[w]
        stripped = _strip_prefix(w)
        if stripped is None:
            break
        w, licenses_i = stripped
        licensed = licensed or licenses_i
    if (
        licensed
        and not suffixed
        and w.endswith("i")
        and len(w) >= 5
        and w[-2] != "s"
        and w not in _I_ROOTS
    ):
        w = w[:-1]
    return w


@lru_cache(maxsize=65_536)
def stem(word: str) -> str:
    """The stem of a lower-case Indonesian word: particles (-lah -kah -tah -pun), possessives
    (-nya -ku -mu), suffixes (-kan -an -i, informal di-…-in) and up to three prefixes (di- ke-
    se- ter- ber- me- pe- per-, with the nasal sound changes) come off, again until nothing
    changes, so `stem(stem(w)) == stem(w)`. Words shorter than 5 letters stay; a prefix leaves
    at least 4 letters (3 after a nasal prefix), a suffix at least 4 (-nya 3)."""
    while True:
        if word in STEMS:
            return STEMS[word]
        if len(word) < 5:
            return word
        shorter = _stem_once(word)
        if shorter == word:
            return word
        word = shorter


# --- Texts ---------------------------------------------------------------------------------------

_TOKEN = re.compile(r"[a-z]+|[0-9]+")
_THOUSANDS = re.compile(r"(?<=\d)[.,](?=\d{3}(?!\d))")
_REPEATED = re.compile(r"\b([a-z]+)-\1\b")
_REPEATED_2 = re.compile(r"\b([a-z]{3,})2\b")
_APOSTROPHES = str.maketrans("", "", "'`\u2019")


def _fold(text: str) -> str:
    """NFKC, lower case, accents stripped, apostrophes dropped ("jum'at" is "jumat")."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).lower())
        text = "".join(c for c in text if not unicodedata.combining(c))
    else:
        text = text.lower()
    return text.translate(_APOSTROPHES) if "'" in text or "`" in text or "\u2019" in text else text


@lru_cache(maxsize=65_536)
def _word(token: str) -> tuple[str, ...]:
    """What one folded token contributes: stems and negators, in order (none for a stopword)."""
    if token.isdigit():
        return (token.lstrip("0") or "0",)
    out: list[str] = []
    for word in SLANG.get(token, token).split():
        if len(word) < 2 and not word.isdigit():
            continue
        if word in NEGATORS or word.isdigit():
            out.append(word)
        elif word not in STOPWORDS:
            root = stem(word)
            if root in STOPWORDS:
                continue
            out.append(word if root in SLANG or root in NEGATORS else root)
    return tuple(out)


def _compile_phrases() -> dict[str, tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]]:
    """PHRASES as stems, keyed by their last stem, longest first."""
    rules: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
    for source, target in PHRASES.items():
        words = tuple(s for w in source.split() for s in _word(w))
        rules.setdefault(words[-1], []).append((words, tuple(target.split())))
    return {last: tuple(sorted(r, key=lambda rule: -len(rule[0]))) for last, r in rules.items()}


_PHRASE_RULES = _compile_phrases()
_REWRITTEN_AFTER = frozenset(_PHRASE_RULES) | frozenset(_MULTIPLIERS)


def _push(out: list[str], token: str) -> None:
    """Append `token`, rewriting any phrase (or "5 ribu") it completes."""
    if token in _MULTIPLIERS and out and out[-1].isdigit() and out[-1] != "0":
        out[-1] += _MULTIPLIERS[token]
        return
    out.append(token)
    rules = _PHRASE_RULES.get(token)
    while rules:
        for source, target in rules:
            n = len(source)
            if len(out) >= n and tuple(out[-n:]) == source:
                del out[-n:]
                out.extend(target)
                break
        else:
            return
        rules = _PHRASE_RULES.get(out[-1]) if out else None


def _stream(text: str) -> list[str]:
    """Stems and negators of `text` after phrase rewriting."""
    folded = _fold(text)
    if "." in folded or "," in folded:
        folded = _THOUSANDS.sub("", folded)
    if "-" in folded:
        folded = _REPEATED.sub(r"\1", folded)
    if "2" in folded:
        folded = _REPEATED_2.sub(r"\1", folded)
    out: list[str] = []
    for token in _TOKEN.findall(folded):
        for item in _word(token):
            if item in _REWRITTEN_AFTER:
                _push(out, item)
            else:
                out.append(item)
    return out


def normalize_text(text: str | None) -> list[str]:
    """Content tokens of an Indonesian complaint text, in order."""
    if not text:
        return []
    tokens: list[str] = []
    negator: str | None = None
    for item in _stream(text):
        if item in NEGATORS:
            negator = item
        elif negator is not None:
            tokens.append(f"{negator}_{item}")
            negator = None
        else:
            tokens.append(item)
    if negator is not None:
        tokens.append(negator)
    return tokens


def match_text(description: str | None, address: str | None) -> str:
    """The text stored once at ingest for full-text candidate search: normalize_text of the
    description followed by the address's street/gang words, joined by single spaces (may be '')."""
    tokens = normalize_text(description)
    if address:
        parsed = parse_address(address)
        place = " ".join(name for name in (parsed.street, parsed.gang) if name)
        tokens += normalize_text(place)
    return " ".join(tokens)


# --- Addresses -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Address:
    """An address as its parts; every part normalised, None when the address does not say."""

    street: str | None  # normalized street name without the 'jalan' word, e.g. 'kramat raya'
    gang: str | None  # normalized gang name without 'gang', e.g. 'mawar 3'
    number: str | None  # house number as written, lower case, e.g. '12a'
    rt: int | None
    rw: int | None
    tokens: tuple[str, ...]  # all normalized word tokens of the address (for similarity)


_NO_ADDRESS = Address(None, None, None, None, None, ())

_ADDRESS_WORDS = {
    "jl": "jalan",
    "jln": "jalan",
    "jlan": "jalan",
    "gg": "gang",
    "no": "nomor",
    "nmr": "nomor",
    "nomer": "nomor",
    "kel": "kelurahan",
    "kec": "kecamatan",
    "kab": "kabupaten",
    "prov": "provinsi",
    "komp": "komplek",
    "kompleks": "komplek",
    "perum": "perumahan",
    "blk": "blok",
    "kp": "kampung",
    "h": "haji",
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
# Words that start the administrative tail ("Kel. Kenari, Kec. Senen, Kota Jakarta Pusat").
_TAIL = frozenset(
    _words("kelurahan kecamatan kota kabupaten provinsi dki jakarta indonesia kode pos kodepos")
)
# Words that start a landmark ("depan SDN 03"), which is no part of a street name.
_LANDMARK = frozenset(
    _words(
        "depan dpn dekat dkt sebelah sblh belakang blkg samping seberang ujung pojok sekitar "
        "arah di dalam masuk lokasi patokan"
    )
)
_RT_RW = re.compile(
    r"\brt\s*/\s*rw\W*(\d{1,3})\s*/\s*(\d{1,3})"
    r"|\brt\W{0,2}(\d{1,3})(?:\s*/\s*(?:rw\W{0,2})?|[\s,.]*rw\W{0,2})(\d{1,3})(?!\d)"
    r"|\brt\W{0,2}(\d{1,3})(?!\d)"
    r"|\brw\W{0,2}(\d{1,3})(?!\d)"
)
_ADDRESS_TOKEN = re.compile(r"[a-z0-9]+|[,;()]")
# Words that start a name, and the name they start.
_NAME_MARKERS = {
    "jalan": "jalan",
    "gang": "gang",
    "komplek": "komplek",
    "perumahan": "komplek",
}
_HOUSE_NUMBER = re.compile(r"[a-z]{0,2}\d+[a-z]?")


def _address_word(word: str) -> str:
    word = _ADDRESS_WORDS.get(word, word)
    return (word.lstrip("0") or "0") if word.isdigit() else word


def _split_rt_rw(folded: str) -> tuple[int | None, int | None, str]:
    """RT and RW of a folded address, and the address without them (a comma in their place)."""
    rt = rw = None
    if "rt" not in folded and "rw" not in folded:
        return rt, rw, folded
    for m in _RT_RW.finditer(folded):
        groups = m.groups()
        rt_text = groups[0] or groups[2] or groups[4]
        rw_text = groups[1] or groups[3] or groups[5]
        if rt is None and rt_text is not None:
            rt = int(rt_text)
        if rw is None and rw_text is not None:
            rw = int(rw_text)
    return rt, rw, _RT_RW.sub(" , ", folded)


def parse_address(address: str | None) -> Address:
    """Street, gang, house number and RT/RW of an address as people write it: 'Jl. Kramat Raya
    No. 12A, RT 003/RW 07, Kel. Kenari', 'Gg. Mawar III No. 5', 'Komp. Griya Asri Blok C2 No. 4'.

    A name runs from its marker (Jl., Gg., Komp.) to a comma, another marker, a landmark ('depan
    SDN 03') or the kelurahan/kecamatan/kota tail; an address without markers starts with its
    street. Without 'No.', a number ending the street name of an address without a gang is the
    house number ('JALAN KRAMAT RAYA 12'). Roman numerals become digits. A housing complex is the
    street when there is no other ('komplek griya asri'), and its block joins the number
    ('c2/4')."""
    if not address or not address.strip():
        return _NO_ADDRESS
    rt, rw, rest = _split_rt_rw(_fold(address))
    names: dict[str, list[tuple[str, str]]] = {"jalan": [], "gang": [], "komplek": []}
    values: dict[str, str] = {}
    into: list[tuple[str, str]] | None = None
    expect: str | None = None
    at_start = True
    tokens: list[str] = []
    for raw in _ADDRESS_TOKEN.findall(rest):
        if raw in ",;()":
            into = expect = None
            at_start = False
            continue
        word = _address_word(raw)
        tokens.append(word)
        if expect is not None:
            if expect != "nomor" or _HOUSE_NUMBER.fullmatch(raw):
                values.setdefault(expect, raw)
            expect = None
        elif word in ("nomor", "blok"):
            into, expect = None, word
        elif word in _NAME_MARKERS:
            name = names[_NAME_MARKERS[word]]
            into = None if name else name
            if word in ("komplek", "perumahan") and into is not None:
                into.append((word, raw))
        elif into is None and at_start and word not in _TAIL and word not in _LANDMARK:
            into = names["jalan"]
            into.append((word, raw))
        elif into is not None:
            if into and (word in _TAIL or word in _LANDMARK):
                into = None
            else:
                into.append((word, raw))
        at_start = False
    street, gang, place = names["jalan"], names["gang"], names["komplek"]
    number = values.get("nomor")
    if number is None and not gang and len(street) >= 2 and street[-2][0] != "km":
        last = street[-1][1]
        if last[0].isdigit() and _HOUSE_NUMBER.fullmatch(last):
            number, street = last, street[:-1]
    if "blok" in values:
        number = f"{values['blok']}/{number}" if number else None
    if not street and len(place) > 1:
        street = place
    return Address(
        street=" ".join(word for word, _ in street) or None,
        gang=" ".join(word for word, _ in gang) or None,
        number=number,
        rt=rt,
        rw=rw,
        tokens=(
            *tokens,
            *(("rt", str(rt)) if rt is not None else ()),
            *(("rw", str(rw)) if rw is not None else ()),
        ),
    )


# --- Names ---------------------------------------------------------------------------------------

# Titles and honorifics, dropped wherever they stand; written without dots.
_TITLES = frozenset(
    _words(
        "bapak bpk pak ibu bu sdr sdri saudara saudari tn tuan ny nyonya nn nona h hj haji hajah "
        "hajjah dr drs dra ir prof kh an alm almh almarhum almarhumah"
    )
)
# Academic degrees, dropped after the first word ("Ahmad Hidayat SE", "Ahmad Hidayat, S.E.").
_DEGREES = frozenset(
    _words(
        "se sh spd skom st ssi ssos sag sip spsi sked sfarm sikom sak stp sp sthi spdi sei mh mm "
        "msi mpd mkes mkom mt mba ma msc phd amd amdkeb amdkep ak bsc ba mag mhum ssn skm sgz sst"
    )
)
# Spelling variants of common names -> one form.
_NAME_VARIANTS = {
    **dict.fromkeys(
        _words(
            "m mohammad muhamad mohamad muhammat moh moch mochammad mochamad muh mohamed "
            "muhamed mukhammad muhammed mohd"
        ),
        "muhammad",
    ),
    **dict.fromkeys(_words("achmad akhmad ahmat achmat"), "ahmad"),
    "abd": "abdul",
    "sitti": "siti",
    "noor": "nur",
    "yusup": "yusuf",
}
# Old (pre-1972) spelling: only these three rewrites, so "Tjahjono" becomes "cahjono".
_OLD_SPELLING = (("oe", "u"), ("dj", "j"), ("tj", "c"))
_NAME_CHUNK = re.compile(r"[^\s,;/()]+")
_NAME_WORD = re.compile(r"[a-z]+")


def _name_word(word: str) -> str:
    for old, new in _OLD_SPELLING:
        if old in word:
            word = word.replace(old, new)
    return _NAME_VARIANTS.get(word, word)


def name_tokens(name: str | None) -> list[str]:
    """Lower-case tokens of a person's name without titles/honorifics."""
    if not name:
        return []
    tokens: list[str] = []
    for i, chunk in enumerate(_NAME_CHUNK.findall(_fold(name))):
        key = "".join(_NAME_WORD.findall(chunk))
        if key in _TITLES or (key in _DEGREES and (i > 0 or "." in chunk)):
            continue
        for word in _NAME_WORD.findall(chunk):
            if word in _TITLES and len(word) > 1:
                continue
            word = _name_word(word)
            if len(word) > 1:
                tokens.append(word)
    return tokens
