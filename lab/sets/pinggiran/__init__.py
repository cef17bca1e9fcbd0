"""Pinggiran: a labelled evaluation set from Jakarta's southern and eastern outskirts.

Written from the domain documents alone (the domain notes, the JAKI feed contract, the request
schemas and the reference data) by someone who had not read the matcher.

The style of the set:

- Places: the kelurahan of Jakarta Selatan and Jakarta Timur weigh more than the rest, the
  outskirts most of all (Jagakarsa, Cipayung, Ciracas, Pasar Rebo, Cilandak, Pasar Minggu ...).
  Homes are written as a kampung ("Kp. Kandang RT 05/RW 07") or a housing estate ("Perum Griya
  Asri Blok C2 No. 14", "Cluster Kenari Hills"), places relative to a landmark ("dua ratus
  meter dari Masjid Al-Ikhlas", "belakang pos RW").
- JAKI reports: messages forwarded from WhatsApp groups ("[Diteruskan] Info dari grup RT 05 ..."),
  RT/RW officials writing for their residents ("kami warga RW 07 ..."), and long run-on messages
  with Sundanese words (punten, hatur nuhun, teu acan, pisan), numbers written as words and dates
  inside the text. Some reports carry a point only, some a kelurahan code only, a few the
  neighbouring kelurahan; points may be a few hundred metres off. Categories are JAKI's names in
  words, now and then one JAKI might introduce later ("Saluran Mampet / Got", "KJP Plus").
- Walk-ins: a volunteer intern at the desk fills the form with short UPPER-CASE keyword notes or
  a structured "KRONOLOGI:" note; names come as nicknames ("Bu Imas"), in reversed order
  ("MAESAROH, IMAS") or as one name; phones with spaces or dashes, sometimes a second number in
  the note; the NIK is sometimes missing.

Labels come by construction from a small world model: people (with their matters) and sites
(one place problem each), reports of them in JAKI, and one walk-in per case. A problem about a
person is the same complaint only for the same complainant and matter; a problem about a place
is the same complaint for the same problem at the same site, whoever reports it. Sites of one
category are kept at least 700 m apart and a person has one matter per category, so no
background report can be the same complaint as a walk-in by accident.
"""

from __future__ import annotations

import csv
import math
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

REGIONS_CSV = Path(__file__).resolve().parents[3] / "migrations" / "data" / "jakarta_regions.csv"
WIB = timezone(timedelta(hours=7))

KINDS: tuple[str, ...] = (
    "person_twin",
    "place_twin_same_reporter",
    "place_twin_neighbour",
    "no_twin",
    "same_person_other_problem",
    "same_street_other_problem",
    "neighbours_same_bansos",
    "common_name",
    "same_problem_other_street",
)
SHARES: dict[str, float] = {
    "person_twin": 0.13,
    "place_twin_same_reporter": 0.13,
    "place_twin_neighbour": 0.14,
    "no_twin": 0.14,
    "same_person_other_problem": 0.092,
    "same_street_other_problem": 0.092,
    "neighbours_same_bansos": 0.088,
    "common_name": 0.088,
    "same_problem_other_street": 0.09,
}
TWIN_KINDS = frozenset({"person_twin", "place_twin_same_reporter", "place_twin_neighbour"})

PERSON_CODES = ("bansos", "pertanahan", "kependudukan", "kesehatan", "pendidikan")
PLACE_CODES = (
    "jalan",
    "saluran",
    "sampah",
    "penerangan_jalan",
    "ketertiban",
    "air_bersih",
    "perizinan",
    "transportasi",
    "lainnya",
)
SITE_GAP_M = 700.0  # two sites of one category are at least this far apart
FIRST_DAY = date(2026, 6, 1)
LAST_DAY = date(2026, 11, 30)
FIRST_WALK_IN = date(2026, 7, 20)
LATEST_UPDATE = datetime(2026, 12, 5, 18, 0, tzinfo=WIB)

_OUTSKIRTS = {
    "31.74.04",
    "31.74.06",
    "31.74.09",
    "31.75.05",
    "31.75.06",
    "31.75.07",
    "31.75.08",
    "31.75.09",
    "31.75.10",
}
_KOTA = {
    "31.71": "Jakarta Pusat",
    "31.72": "Jakarta Utara",
    "31.73": "Jakarta Barat",
    "31.74": "Jakarta Selatan",
    "31.75": "Jakarta Timur",
    "31.01": "Kepulauan Seribu",
}

# Matters about a person: key, how the citizen writes it, the intern's keywords.
PERSON_MATTERS: dict[str, list[tuple[str, str, str]]] = {
    "bansos": [
        ("bpnt", "bantuan BPNT (kartu sembako) {dur} teu acan cair", "BPNT TIDAK CAIR"),
        ("klj", "KLJ (Kartu Lansia Jakarta) buat ibu saya berhenti", "KLJ ORTU BERHENTI"),
        ("pkh", "PKH keluarga kami dicoret tanpa pemberitahuan", "PKH DICORET"),
        ("dtks", "nama kami ga ada di DTKS padahal sudah daftar lewat RT", "TIDAK MASUK DTKS"),
        ("kpdj", "Kartu Penyandang Disabilitas Jakarta anak saya belum cair", "KPDJ BLM CAIR"),
    ],
    "kependudukan": [
        ("ktp", "KTP-el sudah rekam tapi {dur} belum jadi", "KTP-EL BELUM JADI"),
        ("kk", "nama saya di KK salah ketik, jadi ga bisa urus BPJS", "KK SALAH NAMA"),
        ("akta", "akta kelahiran anak belum terbit", "AKTA LAHIR ANAK"),
        ("pindah", "surat pindah domisili dari Bogor ga diproses", "PINDAH DOMISILI"),
    ],
    "pertanahan": [
        ("ptsl", "sertifikat PTSL tanah kami belum terbit", "SERTIFIKAT PTSL"),
        ("batas", "sengketa batas tanah sama tetangga belakang", "SENGKETA BATAS TANAH"),
        ("girik", "tanah girik warisan orang tua diklaim pihak lain", "TANAH WARIS DIKLAIM"),
    ],
    "kesehatan": [
        ("pbi", "BPJS PBI saya dinonaktifkan pas mau berobat", "BPJS PBI NONAKTIF"),
        ("rs", "ditolak rumah sakit pakai KIS, disuruh bayar umum", "DITOLAK RS (KIS)"),
        ("faskes", "ga bisa pindah faskes ke puskesmas kelurahan", "PINDAH FASKES"),
    ],
    "pendidikan": [
        ("kjp", "KJP Plus anak saya ga cair {dur}", "KJP PLUS TIDAK CAIR"),
        ("ppdb", "anak ga keterima PPDB zonasi padahal rumah deket sekolah", "PPDB ZONASI"),
        ("ijazah", "ijazah anak ditahan sekolah swasta karena tunggakan", "IJAZAH DITAHAN"),
    ],
}
# Problems at a place: key, how the citizen writes it, the intern's keywords.
PLACE_PROBLEMS: dict[str, list[tuple[str, str, str]]] = {
    "jalan": [
        ("lubang", "jalan berlubang gede, motor sering jatuh", "JALAN BERLUBANG"),
        ("ambles", "aspal ambles sampai setengah badan jalan", "ASPAL AMBLES"),
        ("paving", "paving blok jalan lingkungan copot semua", "PAVING RUSAK"),
    ],
    "saluran": [
        ("mampet", "got mampet, airnya item dan bau pisan", "SALURAN MAMPET"),
        ("banjir", "banjir sebetis tiap hujan gede", "GENANGAN/BANJIR"),
        ("turap", "turap kali longsor, rumah warga kebawa", "TURAP KALI LONGSOR"),
    ],
    "sampah": [
        ("tps", "ada TPS liar, sampah numpuk sampai ke jalan", "TPS LIAR"),
        ("angkut", "sampah warga ga diangkut gerobak", "SAMPAH TDK DIANGKUT"),
        ("bakar", "orang bakar sampah tiap sore, asepnya masuk rumah", "PEMBAKARAN SAMPAH"),
    ],
    "penerangan_jalan": [
        ("mati", "lampu PJU mati, gelap gulita kalau malam", "PJU MATI"),
        ("tiang", "tiang lampu jalan miring mau roboh", "TIANG PJU MIRING"),
    ],
    "ketertiban": [
        ("parkir", "parkir liar makan setengah jalan", "PARKIR LIAR"),
        ("pkl", "PKL jualan di trotoar sampai ke badan jalan", "PKL DI TROTOAR"),
        ("balap", "balap liar tiap malam minggu", "BALAP LIAR"),
    ],
    "air_bersih": [
        ("mati", "air PAM mati ga ngalir", "AIR PAM MATI"),
        ("keruh", "air PAM keruh kecoklatan dan bau", "AIR PAM KERUH"),
    ],
    "perizinan": [
        ("bangunan", "ada bangunan tinggi dibangun tanpa PBG", "BANGUNAN TANPA PBG"),
        ("bengkel", "usaha bengkel las di tengah pemukiman, berisik", "USAHA TANPA IZIN"),
    ],
    "transportasi": [
        ("halte", "halte JakLingko rusak atapnya bolong", "HALTE RUSAK"),
        ("ngetem", "angkot ngetem sembarangan bikin macet", "ANGKOT NGETEM"),
    ],
    "lainnya": [
        ("pohon", "pohon besar rawan tumbang ke jalan", "POHON RAWAN TUMBANG"),
        ("kabel", "kabel optik menjuntai rendah", "KABEL MENJUNTAI"),
    ],
}
# JAKI's names for the categories: the usual ones, then ones JAKI might introduce.
JAKI_NAMES: dict[str, tuple[list[str], list[str]]] = {
    "bansos": (["Bantuan Sosial"], ["Bansos & DTKS", "Bantuan Sosial Tunai"]),
    "pertanahan": (["Pertanahan"], ["Sengketa Lahan", "Sertifikat Tanah / PTSL"]),
    "kependudukan": (["Administrasi Kependudukan"], ["Adminduk Online", "KTP/KK Elektronik"]),
    "kesehatan": (["Kesehatan"], ["Pelayanan Kesehatan", "BPJS / KIS"]),
    "pendidikan": (["Pendidikan"], ["KJP Plus", "PPDB Online"]),
    "jalan": (["Jalan Rusak"], ["Jalan Lingkungan Rusak", "Jalan Berlubang"]),
    "saluran": (["Saluran Air, Kali/Sungai"], ["Saluran Mampet / Got", "Genangan Air"]),
    "sampah": (["Sampah"], ["Sampah Liar", "Tumpukan Sampah"]),
    "penerangan_jalan": (["Penerangan Jalan Umum"], ["Lampu Jalan Mati", "PJU Padam"]),
    "ketertiban": (["Ketertiban Umum"], ["Gangguan Ketertiban", "Trantibum"]),
    "air_bersih": (["Air Bersih"], ["Air PAM Mati", "Gangguan Air Bersih"]),
    "perizinan": (["Perizinan"], ["Bangunan Tanpa PBG", "Izin Bangunan"]),
    "transportasi": (["Transportasi"], ["Angkutan Umum / JakLingko", "Halte Rusak"]),
    "lainnya": (["Pohon Tumbang"], ["Kabel Semrawut", "Fasilitas Umum Lainnya"]),
}
_SUBTYPE_NAMES = {("saluran", "banjir"): "Banjir", ("ketertiban", "parkir"): "Parkir Liar"}
_SUBTYPE_NAMES[("ketertiban", "pkl")] = "Pedagang Kaki Lima"
_AGENCY = {
    "bansos": "Suku Dinas Sosial",
    "pertanahan": "Suku Dinas Citata",
    "kependudukan": "Suku Dinas Dukcapil",
    "kesehatan": "Suku Dinas Kesehatan",
    "pendidikan": "Suku Dinas Pendidikan Wilayah II",
    "jalan": "Suku Dinas Bina Marga",
    "saluran": "Suku Dinas Sumber Daya Air",
    "sampah": "Suku Dinas Lingkungan Hidup",
    "penerangan_jalan": "Suku Dinas Bina Marga",
    "ketertiban": "Satpol PP",
    "air_bersih": "Suku Dinas Sumber Daya Air",
    "perizinan": "Suku Dinas Citata",
    "transportasi": "Suku Dinas Perhubungan",
    "lainnya": "Suku Dinas Pertamanan dan Hutan Kota",
}
_PERSON_WEIGHTS = {
    "bansos": 34,
    "kependudukan": 20,
    "pertanahan": 15,
    "kesehatan": 19,
    "pendidikan": 12,
}
_PLACE_WEIGHTS = {
    "jalan": 21,
    "saluran": 22,
    "sampah": 18,
    "penerangan_jalan": 10,
    "ketertiban": 12,
    "air_bersih": 6,
    "perizinan": 5,
    "transportasi": 4,
    "lainnya": 3,
}


def _words(text: str, sep: str | None = None) -> tuple[str, ...]:
    return tuple(text.split(sep))


FEMALE = _words(
    "Imas Euis Neneng Iis Enok Entin Cucu Yayah Nining Titin Rohimah Maesaroh Saodah Jaenab "
    "Romlah Masnah Fatimah Nurhayati Rini Yati Tuti Lilis Dewi Wati Komariah Halimah Rukmini "
    "Eneng Popon Aisyah Ratna Kokom Onah Icih Atikah"
)
MALE = _words(
    "Ujang Asep Dadang Cecep Entis Yayan Ade Dede Encep Budi Joko Slamet Sugiono Mamat Rojali"
    " Muhidin Sarip Mursid Wawan Hendra Agus Oman Engkos Atang Usep Jajang Ridwan Herman "
    "Yusuf Rahmat Endang Nandang Ipin Haris Odih"
)
LAST = _words(
    "Sunarya Suryana Hidayat Permana Kurniawan Setiawan Saepudin Syarifudin Mulyadi Supriatna"
    " Ruhiyat Maulana Ramdani Hermawan Kusnadi Sopandi Rusmana Wiguna Kosasih Sutisna Nurdin "
    "Sulaeman Iskandar Gunawan Rohman Jaelani Mukhtar Rosadi Suparman Sudrajat Darmawan "
    "Firdaus Hamdani Juhana Somantri"
)
LAST_F = _words("Rahmawati Nurjanah Sumarni Wulandari Kurniasih Rohayati Mulyani Susilawati")
COMMON_NAMES: tuple[tuple[str, str], ...] = (
    ("Siti Aminah", "F"),
    ("Muhammad Rizki", "M"),
    ("Nur Hasanah", "F"),
    ("Ahmad Fauzi", "M"),
    ("Sri Wahyuni", "F"),
    ("Dedi Supriyadi", "M"),
)
_COMMON = {n for n, _ in COMMON_NAMES}
STREETS = _words(
    "Jl. Moh. Kahfi II|Jl. H. Naim|Jl. Masjid Al-Ikhlas|Jl. Kemuning|Jl. Kelapa Dua|"
    "Jl. Sirsak|Jl. Manggis|Jl. Nangka|Jl. Pendidikan|Jl. Swadaya|Jl. Gotong Royong|Jl. Setu|"
    "Jl. Bambu Apus|Jl. Mawar|Jl. Kenanga|Jl. Delima|Jl. H. Dogol|Jl. Rawa Bambu|Jl. Pinang|"
    "Jl. Damai|Jl. Kavling DKI|Jl. Lapangan Tembak|Jl. Pertanian|Jl. H. Ipin|Jl. Kramat|"
    "Jl. Bakti|Jl. Jambu|Jl. Cempaka|Jl. Tanah Merah|Gg. H. Saan|Gg. Langgar|Gg. Sawo|"
    "Gg. Buntu|Gg. Haji Ung|Jl. Raya Kalisari|Jl. Pule|Jl. Taruna|Jl. Batu Ampar|Jl. Lontar|"
    "Gg. Kecapi",
    "|",
)
KAMPUNG = _words(
    "Kandang Setu Rawa Pulo Baru Gedong Kebon Sawah Babakan Ceger Dukuh Bulak Kramat Cikoneng"
    " Sumur Tengah Lio Pondok Kalibata Gandaria"
)
PERUM = _words(
    "Perum Griya Asri|Perum Bumi Permai|Cluster Anggrek Residence|Cluster Green Valley|"
    "Perum Pesona Indah|Perum Villa Mutiara|Cluster Kenari Hills|Perum Taman Harapan|"
    "Cluster Bambu Kuning|Perum Puri Sakinah",
    "|",
)
LANDMARKS = _words(
    "Masjid Al-Ikhlas|Musala Nurul Huda|pangkalan ojek|warung Bu Haji|pos RW|lapangan voli|"
    "TPU wakaf|Indomaret|Alfamart|jembatan kali|pos kamling|PAUD Melati|bengkel motor|"
    "gapura kampung|majelis taklim|kolam pemancingan|SD negeri|warung kopi Bang Jali|"
    "rumah Pak RT",
    "|",
)
_RELATIVE = ("depan", "belakang", "seberang", "samping", "pas di tikungan setelah", "sebelum")
SUNDA = ("punten", "hatur nuhun", "teu acan", "pisan", "atuh", "mangga", "euy", "sok")
_ONES = _words("nol satu dua tiga empat lima enam tujuh delapan sembilan")
MONTHS = _words(
    "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember"
)
_TAILS = {
    "jalan": "kalo malem bahaya pisan buat anak2 yg pulang ngaji mana jalannya sempit",
    "penerangan_jalan": "kalo malem gelap pisan ibu2 pulang pengajian pada takut",
    "saluran": "kalo ujan airnya naik ke teras mana banyak nyamuk",
    "sampah": "baunya kemana mana mana deket sekolah PAUD",
    "air_bersih": "warga terpaksa beli air galon tiap hari",
    "lainnya": "warga udah resah pisan dari kemarin kemarin",
}
_HARDSHIP = ("anak masih kecil", "suami sakit", "ibu sudah sepuh", "lagi ga kerja")
_STATUS_FLOW = ("Menunggu", "Koordinasi", "Disposisi", "Proses", "Selesai")
_PREFIXES = ("12", "13", "21", "22", "52", "53", "57", "58", "77", "78", "81", "95", "96", "99")
_NIK_OUTSIDE = ("320115", "327605", "327503", "360305", "330215", "320412", "321510", "357801")


@dataclass(frozen=True)
class LabelledSet:
    jaki: list[dict[str, Any]]
    walk_ins: list[dict[str, Any]]
    truth: list[frozenset[str]]
    kinds: list[str]


@dataclass
class _Street:
    name: str
    lat: float
    lon: float


@dataclass
class _Kel:
    code: str
    name: str
    kec: str
    kota: str
    lat: float
    lon: float
    weight: float
    neighbour: str = ""
    streets: list[_Street] | None = None
    homes: list[str] | None = None


@dataclass
class _Person:
    first: str
    last: str
    gender: str
    nik: str | None
    phones: list[str]
    kel: _Kel
    home: str
    house: str
    rt: int
    rw: int
    lat: float
    lon: float

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}".strip()


@dataclass
class _Site:
    code: str
    sub: tuple[str, str, str]
    kel: _Kel
    street: _Street
    landmark: str
    rt: int
    rw: int
    lat: float
    lon: float


@dataclass
class _Report:
    when: datetime
    body: dict[str, Any]
    id: str = ""


@dataclass
class _Case:
    kind: str
    when: datetime
    body: dict[str, Any]
    twins: list[_Report]


def num_word(n: int) -> str:
    """An Indonesian number in words, 1 to 999."""
    if n < 10:
        return _ONES[n]
    if n == 10:
        return "sepuluh"
    if n == 11:
        return "sebelas"
    if n < 20:
        return f"{_ONES[n - 10]} belas"
    if n < 100:
        tens, ones = divmod(n, 10)
        return f"{_ONES[tens]} puluh" + (f" {_ONES[ones]}" if ones else "")
    hundreds, rest = divmod(n, 100)
    head = "seratus" if hundreds == 1 else f"{_ONES[hundreds]} ratus"
    return head + (f" {num_word(rest)}" if rest else "")


def metres(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6_371_000 * math.asin(math.sqrt(a))


def _load_kelurahan() -> list[_Kel]:
    names: dict[str, str] = {}
    kels: list[_Kel] = []
    with REGIONS_CSV.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        names[row["code"]] = row["name"].strip()
    for row in rows:
        if row["level"] != "kelurahan":
            continue
        code = row["code"]
        kec, kota = code[:8], code[:5]
        weight = 5.0 if kec in _OUTSKIRTS else 2.5 if kota in ("31.74", "31.75") else 1.0
        if kota == "31.01":
            weight = 0.15
        kels.append(
            _Kel(
                code,
                row["name"].strip(),
                names[kec],
                _KOTA[kota],
                float(row["lat"]),
                float(row["lon"]),
                weight,
            )
        )
    for k in kels:
        others = [o for o in kels if o is not k]
        k.neighbour = min(others, key=lambda o: metres(k.lat, k.lon, o.lat, o.lon)).code
    return kels


def _shift(rng: random.Random, lat: float, lon: float, lo: float, hi: float) -> tuple[float, float]:
    dist, bearing = rng.uniform(lo, hi), rng.uniform(0, 2 * math.pi)
    dlat = dist * math.cos(bearing) / 110_574
    dlon = dist * math.sin(bearing) / (111_320 * math.cos(math.radians(lat)))
    return round(lat + dlat, 6), round(lon + dlon, 6)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _tgl(day: date | datetime) -> str:
    return f"{day.day} {MONTHS[day.month - 1]}"


class _World:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.kels = _load_kelurahan()
        self.by_code = {k.code: k for k in self.kels}
        self.weights = [k.weight for k in self.kels]
        self.reports: list[_Report] = []
        self.grid: dict[tuple[str, int, int], list[tuple[float, float]]] = {}
        self.site_streets: set[tuple[str, str, str]] = set()
        self.niks: set[str] = set()
        self.phones: set[str] = set()
        self.exclusive: set[str] = set()
        self.used_names: set[str] = set()

    # -- places -----------------------------------------------------------------------------
    def kel(self) -> _Kel:
        return self.rng.choices(self.kels, weights=self.weights)[0]

    def streets(self, kel: _Kel) -> list[_Street]:
        if kel.streets is None:
            names = [*self.rng.sample(STREETS, 11), f"Jl. Raya {kel.name}"]
            kel.streets = [_Street(n, *_shift(self.rng, kel.lat, kel.lon, 0, 900)) for n in names]
            kel.homes = [f"Kp. {k}" for k in self.rng.sample(KAMPUNG, 4)]
            kel.homes += self.rng.sample(PERUM, 2)
        return kel.streets

    def homes(self, kel: _Kel) -> list[str]:
        self.streets(kel)
        assert kel.homes is not None
        return kel.homes

    def _free(self, code: str, lat: float, lon: float) -> bool:
        cx, cy = int(lat // 0.01), int(lon // 0.01)
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for p in self.grid.get((code, cx + dx, cy + dy), ()):
                    if metres(lat, lon, p[0], p[1]) < SITE_GAP_M:
                        return False
        return True

    def site(
        self,
        code: str,
        kel: _Kel | None = None,
        street: _Street | None = None,
        away: tuple[float, float] | None = None,
    ) -> _Site | None:
        """A new site of one place problem, far enough from every other of its category."""
        rng = self.rng
        for _ in range(40):
            k = kel or self.kel()
            if away is not None and kel is None:
                k = rng.choice([o for o in self.kels if metres(o.lat, o.lon, *away) < 3000])
            s = street or rng.choice(self.streets(k))
            if (code, k.code, s.name) in self.site_streets:
                continue
            lat, lon = _shift(rng, s.lat, s.lon, 0, 180)
            if away is not None and not 800 <= metres(lat, lon, *away) <= 2500:
                continue
            if not self._free(code, lat, lon):
                continue
            self.grid.setdefault((code, int(lat // 0.01), int(lon // 0.01)), []).append((lat, lon))
            self.site_streets.add((code, k.code, s.name))
            sub = rng.choice(PLACE_PROBLEMS[code])
            rt, rw = rng.randint(1, 15), rng.randint(1, 12)
            return _Site(code, sub, k, s, rng.choice(LANDMARKS), rt, rw, lat, lon)
        return None

    def any_site(self, code: str, kel: _Kel | None = None) -> _Site:
        for _ in range(200):
            s = self.site(code, kel)
            if s is not None:
                return s
            kel = None
        raise RuntimeError("no room left for a site")  # pragma: no cover

    # -- people ----------------------------------------------------------------------------
    def _phone(self) -> str:
        while True:
            digits = "08" + self.rng.choice(_PREFIXES)
            digits += "".join(str(self.rng.randint(0, 9)) for _ in range(self.rng.choice((7, 8))))
            if digits not in self.phones:
                self.phones.add(digits)
                return digits

    def _nik(self, kel: _Kel, gender: str) -> str:
        rng = self.rng
        while True:
            region = kel.code[:8].replace(".", "")
            if rng.random() < 0.3:
                region = rng.choice(_NIK_OUTSIDE)
            born = date(1950, 1, 1) + timedelta(days=rng.randint(0, 19_700))
            day = born.day + (40 if gender == "F" else 0)
            nik = f"{region}{day:02d}{born.month:02d}{born.year % 100:02d}"
            nik += f"{rng.randint(1, 999):04d}"
            if nik not in self.niks:
                self.niks.add(nik)
                return nik

    def person(
        self,
        kel: _Kel | None = None,
        *,
        near: _Person | None = None,
        exclusive: bool = False,
        common: tuple[str, str] | None = None,
    ) -> _Person:
        rng = self.rng
        if common is not None:
            first, last = common[0].split(" ", 1)
            gender = common[1]
        else:
            while True:
                gender = rng.choice("FM")
                first = rng.choice(FEMALE if gender == "F" else MALE)
                last = rng.choice(LAST + LAST_F if gender == "F" else LAST)
                full = f"{first} {last}"
                if full in _COMMON or full in self.exclusive:
                    continue
                if exclusive and full in self.used_names:
                    continue
                break
        full = f"{first} {last}"
        self.used_names.add(full)
        if exclusive:
            self.exclusive.add(full)
        k = near.kel if near else kel or self.kel()
        phones = [self._phone()] + ([self._phone()] if rng.random() < 0.25 else [])
        nik = self._nik(k, gender) if rng.random() < 0.9 else None
        if near is not None:
            home, rt, rw = near.home, near.rt, near.rw
            lat, lon = _shift(rng, near.lat, near.lon, 10, 120)
        else:
            home, rt, rw = rng.choice(self.homes(k)), rng.randint(1, 15), rng.randint(1, 12)
            lat, lon = _shift(rng, k.lat, k.lon, 0, 900)
        if home.startswith("Kp."):
            house = f"No. {rng.randint(1, 80)}"
        else:
            house = f"Blok {rng.choice('ABCDEFG')}{rng.randint(1, 12)} No. {rng.randint(1, 40)}"
        return _Person(first, last, gender, nik, phones, k, home, house, rt, rw, lat, lon)

    # -- rendering ---------------------------------------------------------------------------
    def nickname(self, p: _Person) -> str:
        titles = (
            ("Bu", "Teh", "Ceu", "Mpok") if p.gender == "F" else ("Pak", "Kang", "Abah", "Bang")
        )
        return f"{self.rng.choice(titles)} {p.first}"

    def name_as(self, p: _Person, desk: bool) -> str:
        r = self.rng.random()
        if desk:
            if r < 0.35:
                return p.name.upper()
            if r < 0.55:
                return f"{p.last}, {p.first}".upper()
            if r < 0.7:
                return f"{p.name} ({self.nickname(p)})"
            if r < 0.82:
                return p.first.upper()
            return p.name
        if r < 0.6:
            return p.name
        if r < 0.72:
            return p.name.lower()
        if r < 0.85:
            return self.nickname(p)
        if r < 0.93:
            return p.first
        return f"{p.last} {p.first}"

    def phone_as(self, digits: str) -> str:
        rng, n = self.rng, digits[1:]
        r = rng.random()
        if r < 0.25:
            return f"{digits[:4]} {digits[4:8]} {digits[8:]}"
        if r < 0.5:
            return f"{digits[:4]}-{digits[4:8]}-{digits[8:]}"
        if r < 0.65:
            return f"+62 {n[:3]}-{n[3:7]}-{n[7:]}"
        if r < 0.75:
            return "62" + n
        return digits

    def home_address(self, p: _Person) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.4:
            return f"{p.home} {p.house} RT {p.rt:02d}/RW {p.rw:02d}, Kel. {p.kel.name}"
        if r < 0.6:
            return f"{p.home} RT {num_word(p.rt)} RW {num_word(p.rw)}, {p.kel.name}"
        if r < 0.8:
            return f"{p.home}, RT.{p.rt}/RW.{p.rw}, {p.kel.name}, Kec. {p.kel.kec}"
        return f"{p.home} {p.house}"

    def place_words(self, s: _Site) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.35:
            return f"{s.street.name} {rng.choice(_RELATIVE)} {s.landmark}"
        if r < 0.6:
            d = rng.choice((50, 100, 150, 200, 300))
            return f"{num_word(d)} meter dari {s.landmark} di {s.street.name}"
        if r < 0.8:
            return f"{s.street.name} RT {s.rt:02d}/{s.rw:02d} deket {s.landmark}"
        return f"{s.street.name.lower()} arah {s.landmark}"

    def since(self, start: date) -> str:
        rng = self.rng
        if rng.random() < 0.5:
            return f"sejak tgl {_tgl(start)}"
        weeks = max(1, rng.randint(1, 9))
        unit = rng.choice(("minggu", "bulan")) if weeks < 4 else "minggu"
        return f"udah {num_word(weeks)} {unit}"

    def jaki_category(self, code: str, sub: str) -> str:
        usual, new = JAKI_NAMES[code]
        if (code, sub) in _SUBTYPE_NAMES and self.rng.random() < 0.7:
            return _SUBTYPE_NAMES[(code, sub)]
        return self.rng.choice(new) if self.rng.random() < 0.2 else usual[0]

    def sunda(self) -> str:
        return self.rng.choice(("punten", "hatur nuhun", "mangga dibantu", "tos lami pisan"))

    # -- JAKI reports ----------------------------------------------------------------------
    def _reporter(self, p: _Person | None, mode: str) -> dict[str, Any] | None:
        if p is None or mode == "anon":
            return None
        if mode == "name":
            return {"name": self.name_as(p, desk=False)}
        out: dict[str, Any] = {"name": self.name_as(p, desk=False)}
        if mode in ("full", "nik") and p.nik:
            out["nik"] = p.nik
        if mode in ("full", "phone") or "nik" not in out:
            out["phone"] = self.phone_as(p.phones[0])
        if mode == "other":
            out["phone"] = self.phone_as(p.phones[-1])
        return out

    def _place_fields(
        self, lat: float, lon: float, kel: _Kel, point_share: float
    ) -> dict[str, Any]:
        rng = self.rng
        out: dict[str, Any] = {}
        if rng.random() < point_share:
            r = rng.random()
            lo, hi = (0, 60) if r < 0.7 else (60, 200) if r < 0.95 else (200, 350)
            out["lat"], out["lon"] = _shift(rng, lat, lon, lo, hi)
            r = rng.random()
            if r < 0.68:
                out["kelurahan_code"] = kel.code
            elif r < 0.9:
                out["kelurahan_code"] = None
            else:
                out["kelurahan_code"] = kel.neighbour
        else:
            out["kelurahan_code"] = kel.code
        return out

    def jaki(
        self,
        when: datetime,
        code: str,
        sub: str,
        text: str,
        address: str | None,
        where: dict[str, Any],
        reporter: dict[str, Any] | None,
        kel: _Kel,
    ) -> _Report:
        rng = self.rng
        body: dict[str, Any] = {
            "id": "",
            "created_at": _iso(when),
            "updated_at": "",
            "status": "Menunggu",
            "category": self.jaki_category(code, sub),
            "description": text,
        }
        if "lat" in where:
            body["lat"], body["lon"] = where["lat"], where["lon"]
        if address is not None:
            body["address"] = address
        if where.get("kelurahan_code"):
            body["kelurahan_code"] = where["kelurahan_code"]
        if reporter is not None or rng.random() < 0.5:
            body["reporter"] = reporter
        body["is_public"] = code not in PERSON_CODES or rng.random() < 0.2
        body["photo_urls"] = []
        body["support_count"] = rng.randint(0, 3) if code in PERSON_CODES else rng.randint(0, 40)
        steps = rng.choices(range(5), weights=(3, 1, 2, 3, 3))[0]
        follow: list[dict[str, str]] = []
        at = when
        units = [f"Kelurahan {kel.name}", f"{_AGENCY[code]} {kel.kota}"]
        notes = (
            "Laporan diterima, diteruskan ke unit terkait",
            "Sudah disurvei ke lokasi bersama pengurus RW",
            "Dijadwalkan penanganan minggu ini",
            "Sudah ditangani, mohon konfirmasi warga",
        )
        for i in range(steps):
            step = at + timedelta(hours=rng.randint(3, 90))
            if step > LATEST_UPDATE:
                break
            at = step
            follow.append({"at": _iso(at), "unit": units[min(i, 1)], "note": notes[i % 4]})
            body["status"] = _STATUS_FLOW[min(i + 1, 4)]
        body["follow_ups"] = follow
        body["updated_at"] = _iso(max(at, when) if follow else when + timedelta(minutes=2))
        if body["status"] == "Menunggu" and rng.random() < 0.04:
            body["status"] = "Ditolak"
        rep = _Report(when, body)
        self.reports.append(rep)
        return rep

    def place_report(self, s: _Site, p: _Person | None, when: datetime, start: date) -> _Report:
        rng = self.rng
        what, where = s.sub[1], self.place_words(s)
        style = rng.random()
        rt_words = f"RT {num_word(s.rt)}" if rng.random() < 0.4 else f"RT {s.rt:02d}"
        home = rng.choice(self.homes(s.kel))
        group = rng.choice(
            (
                f"grup WA {rt_words} RW {s.rw:02d} {home}",
                f"grup Ibu-ibu PKK RW {num_word(s.rw)}",
                f"grup Karang Taruna RW {s.rw:02d}",
                f"grup Info Warga {home}",
            )
        )
        if style < 0.3:
            text = (
                f"[Diteruskan] Info dari {group}:\n"
                f'"{what} di {where}, {self.since(start)}. sok atuh yang berwenang dicek"\n'
                f"mohon ditindaklanjuti, {self.sunda()}"
            )
        elif style < 0.55:
            text = (
                f"Kami warga RW {num_word(s.rw)} {home} Kel. {s.kel.name} melaporkan {what} "
                f"di {where}. Kejadian {self.since(start)}, sudah dilaporkan ke RT tapi belum "
                f"ada tindakan. Atas perhatiannya {self.sunda()}."
            )
        else:
            text = (
                f"{rng.choice((*SUNDA[:1], 'assalamualaikum', 'pak bu'))} mau lapor ini {what} "
                f"di {where} {self.since(start)} teu acan ada yg beresin terus "
                f"{_TAILS.get(s.code, _TAILS['lainnya'])} terus "
                f"{rng.choice(('tolong', 'mohon', 'sok atuh'))} dibantu {self.sunda()}"
            )
        r = rng.random()
        if r < 0.35:
            address: str | None = f"{s.street.name}, {rt_words}/RW {s.rw:02d}, Kel. {s.kel.name}"
        elif r < 0.6:
            address = f"{home} RT {s.rt:02d}/{s.rw:02d}, {s.kel.name}"
        elif r < 0.8:
            address = f"{s.street.name} {rng.choice(_RELATIVE)} {s.landmark}"
        else:
            address = None
        fields = self._place_fields(s.lat, s.lon, s.kel, 0.8)
        mode = rng.choices(("full", "phone", "name", "anon"), weights=(3, 5, 1, 2))[0]
        return self.jaki(
            when, s.code, s.sub[0], text, address, fields, self._reporter(p, mode), s.kel
        )

    def person_report(
        self, p: _Person, code: str, sub: tuple[str, str, str], when: datetime, mode: str
    ) -> _Report:
        rng = self.rng
        start = (when - timedelta(days=rng.randint(10, 90))).date()
        what = sub[1].replace("{dur}", self.since(start))
        style = rng.random() if mode != "anon" else 0.5
        if style < 0.2:
            text = (
                f"[Diteruskan] pesan saya di grup RT {p.rt:02d} kemarin: {what}, "
                f"sudah tanya ke kelurahan disuruh nunggu. {self.sunda()}"
            )
        else:
            who = f"saya {self.name_as(p, desk=False)} " if mode == "anon" or style < 0.6 else ""
            text = (
                f"punten {who}warga {p.home} RT {num_word(p.rt)} RW {num_word(p.rw)} mau "
                f"menanyakan {what} dari tgl {_tgl(start)} udah bolak balik ke kelurahan "
                f"tapi teu acan ada kejelasan padahal {rng.choice(_HARDSHIP)} "
                f"mohon dibantu {rng.choice(('hatur nuhun', 'terima kasih'))}"
            )
        address = self.home_address(p) if rng.random() < 0.7 else None
        fields = self._place_fields(p.lat, p.lon, p.kel, 0.6)
        return self.jaki(when, code, sub[0], text, address, fields, self._reporter(p, mode), p.kel)

    # -- walk-ins ----------------------------------------------------------------------------
    def complainant(self, p: _Person) -> dict[str, Any]:
        rng = self.rng
        out: dict[str, Any] = {"name": self.name_as(p, desk=True)}
        show_nik = p.nik is not None and rng.random() < 0.85
        if show_nik and p.nik is not None:
            nik = p.nik
            if rng.random() < 0.15:
                nik = f"{nik[:4]} {nik[4:8]} {nik[8:12]} {nik[12:]}"
            out["nik"] = nik
        if not show_nik or rng.random() < 0.85:
            out["phone"] = self.phone_as(rng.choice(p.phones))
        return out

    def walk_in(
        self, p: _Person, code: str, sub: tuple[str, str, str], when: datetime, s: _Site | None
    ) -> dict[str, Any]:
        rng = self.rng
        start = (when - timedelta(days=rng.randint(20, 120))).date()
        since = f"{start.day} {MONTHS[start.month - 1].upper()} {start.year}"
        extra = ""
        if len(p.phones) > 1:
            extra = f" HP LAIN: {self.phone_as(p.phones[1])}."
        relative = rng.choice(_RELATIVE)
        if s is not None:
            place = f"{s.street.name.upper()} {relative.upper()} {s.landmark.upper()}"
            rt, rw = s.rt, s.rw
        else:
            place = f"{p.home.upper()} RT {p.rt:02d}/{p.rw:02d}"
            rt, rw = p.rt, p.rw
        if rng.random() < 0.55:
            text = f"{sub[2]}. LOKASI: {place}. SEJAK {since}. SDH LAPOR RT/RW.{extra}"
            if s is None:
                text += " MINTA DICEK DATANYA."
        else:
            text = (
                f"KRONOLOGI: 1) {since}: {sub[2].lower()} di {place.title()}. "
                f"2) pelapor sudah ke kelurahan {p.kel.name}, belum ada hasil. "
                f"PERMOHONAN: mohon ditindaklanjuti.{extra}"
            )
        body: dict[str, Any] = {
            "channel": "walk_in",
            "category": code,
            "description": text,
            "kelurahan_code": (s.kel if s else p.kel).code,
        }
        if s is not None:
            body["address"] = f"{s.street.name}, {relative} {s.landmark}"
        else:
            body["address"] = f"{p.home} {p.house}"
        body["rt"] = rng.choice((f"{rt:03d}", f"{rt:02d}", str(rt)))
        body["rw"] = rng.choice((f"{rw:03d}", f"{rw:02d}", str(rw)))
        if s is not None and rng.random() < 0.4:
            body["lat"], body["lon"] = _shift(rng, s.lat, s.lon, 0, 80)
        body["reported_at"] = _iso(when)
        body["complainant"] = self.complainant(p)
        return body


def _walk_in_time(rng: random.Random) -> datetime:
    while True:
        day = FIRST_WALK_IN + timedelta(days=rng.randint(0, (LAST_DAY - FIRST_WALK_IN).days))
        if day.weekday() < 5:
            minute = rng.randint(0, 90)
            return datetime.combine(day, time(8, 0), tzinfo=WIB) + timedelta(minutes=minute)


def _before(rng: random.Random, moment: datetime, long: bool = True) -> datetime:
    """A JAKI time 1-60 days before `moment` (sometimes longer), not before June."""
    days = rng.randint(1, 60) if not long or rng.random() < 0.82 else rng.randint(61, 150)
    earliest = datetime.combine(FIRST_DAY, time(6, 0), tzinfo=WIB)
    back = moment - timedelta(days=days, minutes=rng.randint(0, 900))
    if back < earliest:
        back = earliest + (moment - earliest) * rng.uniform(0.0, 0.9)
    return back.replace(microsecond=0)


def _any_time(rng: random.Random) -> datetime:
    day = FIRST_DAY + timedelta(days=rng.randint(0, (LAST_DAY - FIRST_DAY).days))
    return datetime.combine(day, time(5, 0), tzinfo=WIB) + timedelta(minutes=rng.randint(0, 1110))


def _after(rng: random.Random, moment: datetime) -> datetime | None:
    later = moment + timedelta(days=rng.randint(1, 20), hours=rng.randint(1, 10))
    return later if later.date() <= LAST_DAY else None


def _id_mode(rng: random.Random) -> str:
    modes = ("full", "phone", "nik", "name", "other", "anon")
    return rng.choices(modes, weights=(45, 25, 10, 10, 5, 5))[0]


def _person_matter(rng: random.Random, code: str | None = None) -> tuple[str, tuple[str, str, str]]:
    codes = list(_PERSON_WEIGHTS)
    c = code or rng.choices(codes, weights=list(_PERSON_WEIGHTS.values()))[0]
    return c, rng.choice(PERSON_MATTERS[c])


def _place_code(rng: random.Random, avoid: str | None = None) -> str:
    codes = [c for c in _PLACE_WEIGHTS if c != avoid]
    return rng.choices(codes, weights=[_PLACE_WEIGHTS[c] for c in codes])[0]


def _plant(w: _World, kind: str) -> _Case:
    rng = w.rng
    when = _walk_in_time(rng)
    twins: list[_Report] = []
    if kind == "person_twin":
        p = w.person(exclusive=True)
        code, sub = _person_matter(rng)
        for _ in range(1 if rng.random() < 0.7 else 2):
            twins.append(w.person_report(p, code, sub, _before(rng, when), _id_mode(rng)))
        later = _after(rng, when)
        if later is not None and rng.random() < 0.12:
            twins.append(w.person_report(p, code, sub, later, "full"))
        return _Case(kind, when, w.walk_in(p, code, sub, when, None), twins)
    if kind in ("place_twin_same_reporter", "place_twin_neighbour"):
        p = w.person(exclusive=True)
        s = w.any_site(_place_code(rng), p.kel)
        start = (when - timedelta(days=rng.randint(65, 160))).date()
        if kind == "place_twin_same_reporter":
            for _ in range(1 if rng.random() < 0.7 else 2):
                twins.append(w.place_report(s, p, _before(rng, when), start))
            extra = 1 if rng.random() < 0.3 else 0
        else:
            extra = rng.choices((1, 2, 3), weights=(5, 3, 2))[0]
        for _ in range(extra):
            n = w.person(near=p) if rng.random() < 0.6 else w.person(s.kel)
            twins.append(
                w.place_report(s, n if rng.random() < 0.85 else None, _before(rng, when), start)
            )
        later = _after(rng, when)
        if later is not None and rng.random() < 0.12:
            twins.append(w.place_report(s, w.person(s.kel), later, start))
        return _Case(kind, when, w.walk_in(p, s.code, s.sub, when, s), twins)
    if kind == "no_twin":
        p = w.person(exclusive=True)
        if rng.random() < 0.5:
            code, sub = _person_matter(rng)
            return _Case(kind, when, w.walk_in(p, code, sub, when, None), [])
        s = w.any_site(_place_code(rng), p.kel)
        return _Case(kind, when, w.walk_in(p, s.code, s.sub, when, s), [])
    if kind == "same_person_other_problem":
        p = w.person(exclusive=True)
        code, sub = _person_matter(rng)
        others = [c for c in PERSON_CODES if c != code]
        for c in rng.sample(others, rng.choice((1, 1, 2))):
            t = _before(rng, when) if rng.random() < 0.85 else _any_time(rng)
            w.person_report(p, c, rng.choice(PERSON_MATTERS[c]), t, _id_mode(rng))
        if rng.random() < 0.3:
            elsewhere = w.any_site(_place_code(rng), p.kel)
            w.place_report(elsewhere, p, _before(rng, when), (when - timedelta(days=90)).date())
        return _Case(kind, when, w.walk_in(p, code, sub, when, None), [])
    if kind == "same_street_other_problem":
        p = w.person(exclusive=True)
        for _ in range(200):
            s = w.any_site(_place_code(rng), p.kel)
            other = w.site(_place_code(rng, avoid=s.code), s.kel, s.street)
            if other is not None:
                break
        else:  # pragma: no cover
            raise RuntimeError("no street with room for two problems")
        for _ in range(rng.choice((1, 1, 2))):
            n = w.person(s.kel)
            w.place_report(other, n, _before(rng, when), (when - timedelta(days=70)).date())
        return _Case(kind, when, w.walk_in(p, s.code, s.sub, when, s), [])
    if kind == "neighbours_same_bansos":
        p = w.person(exclusive=True)
        sub = rng.choice(PERSON_MATTERS["bansos"])
        for _ in range(rng.choice((1, 1, 2))):
            n = w.person(near=p)
            t = _before(rng, when) if rng.random() < 0.9 else _any_time(rng)
            w.person_report(n, "bansos", sub, t, _id_mode(rng))
        return _Case(kind, when, w.walk_in(p, "bansos", sub, when, None), [])
    if kind == "common_name":
        common = rng.choice(COMMON_NAMES)
        p = w.person(common=common)
        code, sub = _person_matter(rng)
        theirs = sub if rng.random() < 0.6 else rng.choice(PERSON_MATTERS[code])
        kel = w.by_code[p.kel.neighbour] if rng.random() < 0.4 else None
        n = w.person(kel, common=common)
        t = _before(rng, when) if rng.random() < 0.85 else _any_time(rng)
        w.person_report(n, code, theirs, t, rng.choice(("full", "phone", "name", "nik")))
        return _Case(kind, when, w.walk_in(p, code, sub, when, None), [])
    if kind == "same_problem_other_street":
        p = w.person(exclusive=True)
        for _ in range(200):
            s = w.any_site(_place_code(rng), p.kel)
            other = w.site(s.code, away=(s.lat, s.lon))
            if other is not None and other.street.name != s.street.name:
                break
        else:  # pragma: no cover
            raise RuntimeError("no room for the same problem elsewhere")
        other.sub = s.sub
        for _ in range(rng.choice((1, 1, 2))):
            w.place_report(
                other, w.person(other.kel), _before(rng, when), (when - timedelta(days=60)).date()
            )
        return _Case(kind, when, w.walk_in(p, s.code, s.sub, when, s), [])
    raise ValueError(f"unknown kind {kind}")


def _allocate(total: int) -> list[str]:
    raw = {k: SHARES[k] / sum(SHARES.values()) * total for k in KINDS}
    counts = {k: int(v) for k, v in raw.items()}
    order = sorted(KINDS, key=lambda k: raw[k] - counts[k], reverse=True)
    for k in order[: total - sum(counts.values())]:
        counts[k] += 1
    return [k for k in KINDS for _ in range(counts[k])]


def _background(w: _World, n: int) -> None:
    rng = w.rng
    target = len(w.reports) + n
    while len(w.reports) < target:
        if rng.random() < 0.42:
            p = w.person(common=rng.choice(COMMON_NAMES) if rng.random() < 0.06 else None)
            code, sub = _person_matter(rng)
            first = _any_time(rng)
            w.person_report(p, code, sub, first, _id_mode(rng))
            later = first + timedelta(days=rng.randint(3, 40))
            if rng.random() < 0.2 and later.date() <= LAST_DAY and len(w.reports) < target:
                w.person_report(p, code, sub, later, _id_mode(rng))
            continue
        s = w.any_site(_place_code(rng))
        first = _any_time(rng)
        start = (first - timedelta(days=rng.randint(2, 40))).date()
        for i in range(rng.choices((1, 2, 3), weights=(6, 3, 1))[0]):
            if len(w.reports) >= target:
                break
            when = first + timedelta(days=rng.randint(0, 25) * min(i, 1), hours=rng.randint(0, 9))
            if when.date() > LAST_DAY:
                break
            reporter = w.person(s.kel) if rng.random() < 0.85 else None
            w.place_report(s, reporter, when, start)


def build(seed: int = 1, jaki_count: int = 4400, walk_ins: int = 400) -> LabelledSet:
    """The set for `seed`: JAKI reports, walk-ins, and for each walk-in its true twins."""
    if walk_ins < len(KINDS):
        raise ValueError(f"walk_ins must be at least {len(KINDS)}")
    rng = random.Random(f"pintu-pinggiran-{seed}")  # noqa: S311 - reproducible, not secret
    world = _World(rng)
    kinds = _allocate(walk_ins)
    rng.shuffle(kinds)
    cases = [_plant(world, kind) for kind in kinds]
    planted = len(world.reports)
    if jaki_count < planted + walk_ins // 2:
        raise ValueError(
            f"jaki_count {jaki_count} is too small: the planted cases alone need {planted} "
            f"reports, and at least {walk_ins // 2} more for the background"
        )
    _background(world, jaki_count - planted)

    reports = sorted(world.reports, key=lambda r: r.when)
    serial = rng.randint(1_000_000, 1_900_000)
    jaki: list[dict[str, Any]] = []
    for rep in reports:
        serial += rng.randint(1, 400)
        rep.id = f"JAKI-{rep.when.year}-{serial:07d}"
        rep.body["id"] = rep.id
        if rng.random() < 0.55:
            rep.body["photo_urls"] = [
                f"https://jaki.jakarta.go.id/media/r/{serial:07d}-{i}.jpg"
                for i in range(1, rng.randint(1, 3) + 1)
            ]
        jaki.append(rep.body)
    cases.sort(key=lambda c: c.when)
    return LabelledSet(
        jaki=jaki,
        walk_ins=[c.body for c in cases],
        truth=[frozenset(r.id for r in c.twins if r.when < c.when) for c in cases],
        kinds=[c.kind for c in cases],
    )


__all__ = ["KINDS", "SHARES", "LabelledSet", "build"]
