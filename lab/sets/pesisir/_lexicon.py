"""What the problems are and the words for them: a citizen's on a phone, an officer's at the desk.

JAKI texts are written here in plain colloquial Indonesian; `_voices` turns them into how each
kind of writer types. Desk texts use the official words (DTKS, PBI, KJP Plus, PTSL, Dukcapil).
Slots in braces are filled from the problem's facts, which every report of it shares.
"""

from __future__ import annotations

from dataclasses import dataclass

PERSON_CATEGORIES = ("bansos", "kesehatan", "kependudukan", "pendidikan", "pertanahan")
PLACE_CATEGORIES = (
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

# Two problems of one family closer than this are one problem; further apart, two. Flooding and
# a dry tap are felt over a wider area than a pothole, so their families keep further apart.
SPACING_M = {
    "jalan": 260.0,
    "saluran": 450.0,
    "sampah": 300.0,
    "penerangan_jalan": 260.0,
    "ketertiban": 300.0,
    "air_bersih": 600.0,
    "perizinan": 260.0,
    "transportasi": 300.0,
    "lainnya": 260.0,
}

# Pairs of different place problems that can sit side by side without one being read as the
# other (a pothole and a dark street light, yes; a blocked drain and rubbish in it, no).
UNRELATED_PLACE_PAIRS = (
    ("jalan", "penerangan_jalan"),
    ("jalan", "ketertiban"),
    ("jalan", "sampah"),
    ("jalan", "air_bersih"),
    ("jalan", "perizinan"),
    ("saluran", "penerangan_jalan"),
    ("saluran", "ketertiban"),
    ("saluran", "perizinan"),
    ("sampah", "penerangan_jalan"),
    ("sampah", "transportasi"),
    ("penerangan_jalan", "ketertiban"),
    ("penerangan_jalan", "air_bersih"),
    ("penerangan_jalan", "perizinan"),
    ("ketertiban", "air_bersih"),
    ("air_bersih", "lainnya"),
    ("transportasi", "penerangan_jalan"),
)


@dataclass(frozen=True)
class Problem:
    key: str
    category: str  # Pintu's code
    person: bool
    jaki_words: tuple[tuple[str, int], ...]  # JAKI category names a reporter picks, weighted
    jaki: tuple[str, ...]  # the citizen's words ({loc} where the place goes, if in the sentence)
    desk: tuple[str, ...]  # the formal officer's words
    terse: tuple[str, ...]  # the terse officer's words
    impacts: tuple[str, ...] = ()
    done: tuple[str, ...] = ("Sudah ditindaklanjuti oleh petugas",)
    unit: str = "Kelurahan"
    weight: float = 1.0  # how often JAKI sees it, within its category
    coastal: bool = False  # only on the shore


def _w(*pairs: tuple[str, int]) -> tuple[tuple[str, int], ...]:
    return pairs


ROAD = _w(("Jalan Rusak", 18), ("Jalan", 1), ("Lainnya", 1))
DRAIN = _w(
    ("Saluran Air, Kali/Sungai dan Banjir", 8),
    ("Saluran Air, Kali/Sungai", 6),
    ("Banjir", 4),
    ("Lainnya", 1),
)
FLOOD = _w(("Banjir", 8), ("Saluran Air, Kali/Sungai dan Banjir", 6), ("Lainnya", 1))
WASTE = _w(("Sampah", 18), ("Kebersihan", 1), ("Lainnya", 1))
LIGHT = _w(("Penerangan Jalan Umum", 17), ("Lampu Jalan", 1), ("Lainnya", 1))
ORDER = _w(("Ketertiban Umum", 14), ("Lainnya", 1))
WATER = _w(("Air Bersih", 18), ("Lainnya", 1))
PERMIT = _w(("Perizinan", 12), ("Perizinan Bangunan", 2), ("Lainnya", 1))
TRANSPORT = _w(("Transportasi", 15), ("Lainnya", 1))
OTHER = _w(("Lainnya", 8), ("Pertamanan dan Hutan Kota", 2))
SOCIAL = _w(("Bantuan Sosial", 18), ("Lainnya", 1))
HEALTH = _w(("Pelayanan Kesehatan", 10), ("Kesehatan", 8))
REGISTRY = _w(("Administrasi Kependudukan", 18), ("Lainnya", 1))
SCHOOL = _w(("Pendidikan", 18), ("Lainnya", 1))
LAND = _w(("Pertanahan", 18), ("Lainnya", 1))

# fmt: off
PROBLEMS: tuple[Problem, ...] = (
    # ---- jalan -------------------------------------------------------------------------------
    Problem(
        "lubang", "jalan", False, ROAD,
        jaki=(
            "jalan berlubang besar {loc}, lubang-lubang nya makin lebar kalau hujan",
            "ada lubang {ukuran} {loc}, sudah beberapa kali motor jatuh",
            "aspal bolong {loc} dalamnya kira-kira {dalam}, bahaya buat motor",
            "jalan rusak parah {loc} banyak lubang-lubang, kalau malam tidak kelihatan",
            "lubang di tengah jalan {loc}, sudah ditandai warga pakai ban bekas",
            "tolong jalan {loc} ditambal, lubangnya {ukuran}",
            "lobang gede {loc}, tiap hari ada aja yang kejeblos",
        ),
        desk=(
            "jalan berlubang dengan diameter {ukuran} dan kedalaman sekitar {dalam}",
            "kerusakan badan jalan berupa lubang {ukuran} yang membahayakan pengendara",
            "permukaan aspal berlubang ({ukuran}, kedalaman kurang lebih {dalam})",
        ),
        terse=("jln berlubang ±{ukuran}", "lubang jalan, dalam ±{dalam}", "aspal berlubang"),
        impacts=(
            "sudah ada yang jatuh dari motor", "anak-anak sekolah lewat situ tiap pagi",
            "kalau hujan jadi kolam", "ojol sering kejeblos", "mobil jenazah juga susah lewat",
        ),
        done=("Lubang sudah ditambal oleh petugas Sudin Bina Marga",
              "Sudah dilakukan penambalan (patching) aspal"),
        unit="Suku Dinas Bina Marga", weight=3.0,
    ),
    Problem(
        "ambles", "jalan", False, ROAD,
        jaki=(
            "jalan ambles {loc}, tanahnya turun sampai {dalam}",
            "aspal amblas {loc} kayak mau longsor ke got",
            "jalan nya turun/ambles {loc}, truk kontainer masih lewat terus",
            "ada jalan yang ambrol {loc}, pinggirnya sudah retak-retak",
        ),
        desk=(
            "badan jalan mengalami penurunan (amblas) sedalam kurang lebih {dalam}",
            "jalan amblas dan retak memanjang sehingga membahayakan kendaraan",
        ),
        terse=("jln amblas ±{dalam}", "badan jalan turun/amblas"),
        impacts=("truk masih lewat terus", "takut makin parah", "sudah dipasang bambu sama warga"),
        done=("Sudah dilakukan perbaikan badan jalan yang amblas",),
        unit="Suku Dinas Bina Marga", weight=1.0,
    ),
    Problem(
        "paving", "jalan", False, ROAD,
        jaki=(
            "paving block di gang {loc} copot-copot, licin kalau hujan",
            "jalan gang {loc} rusak, paving nya pada lepas",
            "conblock {loc} ancur, motor susah lewat",
        ),
        desk=(
            "paving block jalan lingkungan terlepas dan rusak sepanjang kurang lebih {panjang}",
            "kerusakan jalan lingkungan (paving block) sepanjang {panjang}",
        ),
        terse=("paving blok rusak ±{panjang}", "jalan lingk. rusak"),
        impacts=("lansia sering kesandung", "gerobak sampah susah lewat", "anak-anak main di situ"),
        done=("Paving block sudah dipasang kembali oleh PPSU kelurahan",),
        unit="Kelurahan", weight=1.2,
    ),
    Problem(
        "gelombang", "jalan", False, ROAD,
        jaki=(
            "jalan bergelombang parah {loc} gara-gara truk berat",
            "aspal {loc} bergelombang dan mengelupas, motor suka oleng",
            "jalan retak-retak dan mengelupas {loc}",
        ),
        desk=(
            "permukaan jalan bergelombang dan aspal mengelupas sepanjang kurang lebih {panjang}",
            "kerusakan perkerasan jalan (bergelombang, retak) akibat kendaraan bertonase berat",
        ),
        terse=("jln bergelombang/mengelupas ±{panjang}",),
        impacts=("truk kontainer lewat 24 jam", "sering ada kecelakaan tunggal"),
        done=("Sudah dilakukan pengaspalan ulang",),
        unit="Suku Dinas Bina Marga", weight=0.8,
    ),
    # ---- saluran -----------------------------------------------------------------------------
    Problem(
        "got_mampet", "saluran", False, DRAIN,
        jaki=(
            "saluran air {loc} mampet total, airnya hitam dan bau",
            "got {loc} tersumbat lumpur, air tidak jalan",
            "selokan {loc} mampet, tiap hujan sedikit langsung meluap ke jalan",
            "drainase {loc} penuh lumpur dan tidak mengalir, banyak nyamuk",
            "got nya mampet {loc}, sudah {minggu} minggu tidak dikuras",
        ),
        desk=(
            "saluran penghubung tersumbat sedimen sehingga air tidak mengalir dan meluap ke jalan",
            "saluran air (got) tersumbat lumpur dan belum pernah dilakukan pengurasan",
            "drainase lingkungan tersumbat sehingga menimbulkan bau dan genangan",
        ),
        terse=("saluran tersumbat, air meluap", "got mampet, perlu pengurasan"),
        impacts=("banyak nyamuk, takut DBD", "baunya masuk ke rumah", "air meluap ke jalan"),
        done=("Saluran sudah dikuras oleh petugas PJLP Sudin SDA",
              "Sudah dilakukan pengerukan lumpur saluran"),
        unit="Suku Dinas Sumber Daya Air", weight=3.0,
    ),
    Problem(
        "genangan", "saluran", False, FLOOD,
        jaki=(
            "setiap hujan {loc} banjir sampai {tinggi}, airnya lama surut",
            "genangan air {loc} tidak surut-surut sudah {hari} hari",
            "banjir lagi {loc}, air masuk rumah warga setinggi {tinggi}",
            "habis hujan {loc} jadi kolam, airnya tidak ada yang mengalir",
        ),
        desk=(
            "genangan setinggi kurang lebih {tinggi} setiap hujan dan surut dalam waktu lama",
            "banjir/genangan di lingkungan permukiman akibat saluran tidak berfungsi optimal",
        ),
        terse=("genangan ±{tinggi} tiap hujan", "banjir/genangan lama surut"),
        impacts=("air masuk rumah", "motor banyak yang mogok", "anak-anak tidak bisa sekolah"),
        done=("Sudah dilakukan penyedotan genangan dengan pompa mobile",),
        unit="Suku Dinas Sumber Daya Air", weight=1.6,
    ),
    Problem(
        "rob", "saluran", False, FLOOD,
        jaki=(
            "banjir rob lagi {loc}, air laut naik sampai {tinggi}",
            "air rob masuk ke rumah warga {loc}, tanggulnya rembes",
            "tanggul {loc} bocor, tiap pasang air laut masuk kampung",
            "rob {loc} sudah {hari} hari tidak surut, pompa tidak nyala",
        ),
        desk=(
            "banjir rob akibat rembesan tanggul pantai setinggi kurang lebih {tinggi}",
            "genangan rob di permukiman karena tanggul bocor dan pompa tidak beroperasi",
        ),
        terse=("rob ±{tinggi}, tanggul rembes", "banjir rob, pompa tdk jalan"),
        impacts=("perahu nelayan tidak bisa ditambat", "barang-barang warga rusak",
                 "anak-anak gatal-gatal"),
        done=("Tanggul sudah ditambal sementara dengan karung pasir, pompa sudah beroperasi",),
        unit="Suku Dinas Sumber Daya Air", weight=1.4, coastal=True,
    ),
    Problem(
        "tutup_saluran", "saluran", False, DRAIN,
        jaki=(
            "tutup saluran {loc} jebol, lubangnya bahaya buat pejalan kaki",
            "penutup got beton {loc} pecah, sudah ada anak kecebur",
            "grill/tutup drainase {loc} hilang, menganga",
        ),
        desk=(
            "penutup saluran (u-ditch) pecah/hilang sehingga membahayakan pejalan kaki",
            "tutup saluran beton rusak dan terbuka di tepi jalan",
        ),
        terse=("tutup saluran pecah/hilang",),
        impacts=("sudah ada yang kecebur", "malam tidak kelihatan"),
        done=("Penutup saluran sudah diganti",),
        unit="Suku Dinas Sumber Daya Air", weight=0.8,
    ),
    Problem(
        "kali_dangkal", "saluran", False, DRAIN,
        jaki=(
            "kali {loc} dangkal banget penuh lumpur dan eceng gondok",
            "kali dekat {lm} sudah dangkal, tiap hujan meluap",
            "sungai kecil {loc} penuh sedimen, airnya tidak jalan",
        ),
        desk=(
            "pendangkalan kali akibat sedimentasi dan tumbuhan air sehingga meluap saat hujan",
            "kali/saluran makro mengalami pendangkalan dan perlu pengerukan",
        ),
        terse=("kali dangkal, perlu pengerukan",),
        impacts=("takut banjir kiriman", "baunya menyengat"),
        done=("Sudah dilakukan pengerukan dengan alat berat (ekskavator amfibi)",),
        unit="Suku Dinas Sumber Daya Air", weight=0.8,
    ),
    # ---- sampah ------------------------------------------------------------------------------
    Problem(
        "tps_penuh", "sampah", False, WASTE,
        jaki=(
            "sampah di TPS {loc} menumpuk tidak diangkut sudah {hari} hari",
            "TPS {loc} penuh sampai ke jalan, baunya parah",
            "tumpukan sampah {loc} belum diangkut, sudah meluber",
        ),
        desk=(
            "penumpukan sampah di TPS yang tidak terangkut selama kurang lebih {hari} hari",
            "sampah rumah tangga menumpuk di TPS hingga ke badan jalan",
        ),
        terse=("sampah TPS tdk terangkut {hari} hr",),
        impacts=("banyak lalat dan tikus", "baunya sampai ke masjid", "menutup jalan"),
        done=("Sampah sudah diangkut oleh truk Sudin LH",),
        unit="Suku Dinas Lingkungan Hidup", weight=2.0,
    ),
    Problem(
        "buang_liar", "sampah", False, WASTE,
        jaki=(
            "orang buang sampah sembarangan di lahan kosong {loc}, sudah jadi gunungan",
            "lahan kosong {loc} jadi tempat buang sampah liar, suka dibakar malam-malam",
            "banyak yang buang sampah liar {loc}, tolong dipasang plang dan diangkut",
        ),
        desk=(
            "pembuangan sampah liar di lahan kosong yang kerap dibakar",
            "timbulan sampah liar di lahan kosong/pinggir jalan",
        ),
        terse=("sampah liar di lahan kosong",),
        impacts=("asap bakaran bikin sesak", "anak-anak batuk", "bau busuk"),
        done=("Sampah liar sudah diangkut dan dipasang papan larangan",),
        unit="Suku Dinas Lingkungan Hidup", weight=1.5,
    ),
    Problem(
        "tidak_diangkut", "sampah", False, WASTE,
        jaki=(
            "gerobak sampah tidak lewat ke gang {loc} sudah {hari} hari",
            "sampah warga {loc} tidak diangkut petugas, katanya gerobaknya rusak",
            "petugas sampah tidak datang-datang {loc}",
        ),
        desk=(
            "sampah rumah tangga di lingkungan tidak diangkut petugas selama {hari} hari",
            "layanan pengangkutan sampah lingkungan terhenti",
        ),
        terse=("sampah tdk diangkut {hari} hr",),
        impacts=("sampah ditaruh di depan rumah", "kucing bongkar-bongkar sampah"),
        done=("Pengangkutan sampah sudah dijadwalkan ulang",),
        unit="Suku Dinas Lingkungan Hidup", weight=1.0,
    ),
    # ---- penerangan jalan --------------------------------------------------------------------
    Problem(
        "pju_mati", "penerangan_jalan", False, LIGHT,
        jaki=(
            "lampu jalan {loc} mati sudah {minggu} minggu, gelap banget",
            "PJU {loc} mati {n_tiang} tiang, rawan begal",
            "lampu penerangan jalan {loc} padam total",
            "lampu PJU mati {loc}, malam-malam gelap gulita",
        ),
        desk=(
            "lampu penerangan jalan umum (PJU) padam sebanyak {n_tiang} titik",
            "PJU tidak menyala sehingga lingkungan gelap dan rawan tindak kejahatan",
        ),
        terse=("PJU mati {n_tiang} titik", "lampu jalan padam"),
        impacts=("rawan jambret", "ibu-ibu pulang kerja takut lewat", "sudah ada yang kena begal"),
        done=("Lampu PJU sudah diganti", "Sudah dilakukan penggantian lampu dan perbaikan kabel"),
        unit="Suku Dinas Bina Marga", weight=2.5,
    ),
    Problem(
        "pju_kedip", "penerangan_jalan", False, LIGHT,
        jaki=(
            "lampu jalan {loc} kedap-kedip terus, kadang mati",
            "PJU {loc} nyala mati nyala mati, kayaknya korslet",
        ),
        desk=("lampu PJU menyala tidak stabil (berkedip) dan sering padam",),
        terse=("PJU berkedip/tdk stabil",),
        impacts=("bikin silau pengendara", "takut korslet"),
        done=("Komponen lampu sudah diganti",),
        unit="Suku Dinas Bina Marga", weight=0.8,
    ),
    Problem(
        "tiang_miring", "penerangan_jalan", False, LIGHT,
        jaki=(
            "tiang lampu jalan {loc} miring mau roboh, kabelnya menjuntai",
            "tiang PJU {loc} ketabrak truk sekarang miring",
        ),
        desk=("tiang PJU miring dan berpotensi roboh, kabel menjuntai",),
        terse=("tiang PJU miring",),
        impacts=("takut roboh kena orang",),
        done=("Tiang PJU sudah ditegakkan kembali",),
        unit="Suku Dinas Bina Marga", weight=0.6,
    ),
    # ---- ketertiban --------------------------------------------------------------------------
    Problem(
        "parkir_liar", "ketertiban", False, _w(("Parkir Liar", 10), ("Ketertiban Umum", 6)),
        jaki=(
            "parkir liar {loc} makan setengah jalan, macet tiap sore",
            "banyak mobil parkir sembarangan {loc}, ada tukang parkir liar minta uang",
            "jukir liar {loc} narik Rp5.000, jalan jadi sempit",
            "truk dan mobil parkir di bahu jalan {loc} sampai malam",
        ),
        desk=(
            "parkir liar di badan jalan yang menimbulkan kemacetan, disertai juru parkir liar",
            "kendaraan parkir di bahu dan badan jalan sehingga mengganggu lalu lintas",
        ),
        terse=("parkir liar + jukir liar",),
        impacts=("angkot susah lewat", "ambulans pernah tertahan"),
        done=("Sudah dilakukan penertiban bersama Sudinhub (derek dan cabut pentil)",),
        unit="Suku Dinas Perhubungan", weight=1.8,
    ),
    Problem(
        "pkl", "ketertiban", False, _w(("Pedagang Kaki Lima", 10), ("Ketertiban Umum", 6)),
        jaki=(
            "PKL jualan di trotoar {loc}, pejalan kaki terpaksa turun ke jalan",
            "pedagang kaki lima {loc} bikin tenda permanen di atas saluran",
            "lapak-lapak PKL {loc} makin banyak, sampahnya dibuang ke got",
        ),
        desk=(
            "pedagang kaki lima berjualan di trotoar/bahu jalan sehingga mengganggu pejalan kaki",
            "PKL mendirikan lapak semi permanen di fasilitas umum",
        ),
        terse=("PKL di trotoar",),
        impacts=("pejalan kaki turun ke jalan", "macet jam pulang kantor"),
        done=("Satpol PP sudah melakukan penertiban dan pendataan PKL",),
        unit="Satpol PP Kecamatan", weight=1.5,
    ),
    Problem(
        "bising", "ketertiban", False, ORDER,
        jaki=(
            "suara musik keras dari tempat karaoke {loc} sampai jam 2 pagi",
            "tiap malam ada orang nongkrong mabuk-mabukan {loc}, berisik dan meresahkan",
            "bengkel {loc} kerja malam pakai kompresor, bising sekali",
        ),
        desk=(
            "gangguan ketertiban berupa kebisingan di malam hari dari usaha hiburan/bengkel",
            "kegiatan warga/usaha yang menimbulkan kebisingan hingga dini hari",
        ),
        terse=("gangguan kebisingan malam hari",),
        impacts=("bayi tidak bisa tidur", "lansia terganggu"),
        done=("Sudah dilakukan teguran oleh Satpol PP dan Bhabinkamtibmas",),
        unit="Satpol PP Kecamatan", weight=1.0,
    ),
    Problem(
        "balap_liar", "ketertiban", False, ORDER,
        jaki=(
            "balap liar {loc} tiap malam minggu, knalpot brong",
            "anak-anak muda trek-trekan {loc} jam 3 pagi",
        ),
        desk=("aksi balap liar pada malam hari yang meresahkan warga",),
        terse=("balap liar malam minggu",),
        impacts=("sudah ada yang tertabrak",),
        done=("Sudah dilakukan patroli gabungan pada malam minggu",),
        unit="Satpol PP Kecamatan", weight=0.6,
    ),
    # ---- air bersih --------------------------------------------------------------------------
    Problem(
        "air_mati", "air_bersih", False, WATER,
        jaki=(
            "air PAM {loc} mati sudah {hari} hari, warga terpaksa beli air jerigen",
            "air PAM tidak mengalir {loc}, kalau ngalir cuma jam 2 pagi",
            "air bersih {loc} mati total, tolong dikirim mobil tangki",
        ),
        desk=(
            "gangguan distribusi air bersih PAM, air tidak mengalir selama {hari} hari",
            "aliran air PAM ke permukiman terhenti/sangat kecil",
        ),
        terse=("air PAM tdk mengalir {hari} hr",),
        impacts=("harus beli air Rp5.000 per jerigen", "tidak bisa mandi dan masak"),
        done=("Petugas PAM Jaya sudah memperbaiki jaringan dan mengirim mobil tangki",),
        unit="PAM Jaya", weight=1.6,
    ),
    Problem(
        "air_keruh", "air_bersih", False, WATER,
        jaki=(
            "air PAM {loc} keruh kecoklatan dan bau",
            "air keran {loc} kuning kayak teh, tidak bisa dipakai",
        ),
        desk=("kualitas air PAM keruh dan berbau sehingga tidak layak pakai",),
        terse=("air PAM keruh",),
        impacts=("anak-anak gatal-gatal",),
        done=("Sudah dilakukan pengurasan pipa distribusi",),
        unit="PAM Jaya", weight=0.8,
    ),
    Problem(
        "pipa_bocor", "air_bersih", False, WATER,
        jaki=(
            "pipa PAM bocor {loc}, air muncrat ke jalan terus",
            "ada pipa air pecah {loc}, airnya terbuang sia-sia",
        ),
        desk=("kebocoran pipa distribusi PAM di tepi jalan",),
        terse=("pipa PAM bocor",),
        impacts=("jalan jadi licin", "air di rumah jadi kecil"),
        done=("Pipa bocor sudah diperbaiki",),
        unit="PAM Jaya", weight=0.8,
    ),
    # ---- perizinan ---------------------------------------------------------------------------
    Problem(
        "bangunan_liar", "perizinan", False, PERMIT,
        jaki=(
            "ada bangunan baru {loc} kayaknya tidak ada izin, makan bahu jalan",
            "bangunan {loc} dibangun sampai 4 lantai di gang sempit, izinnya apa",
            "rumah kos {loc} bangun melebihi batas, nutup saluran",
        ),
        desk=(
            "bangunan diduga tidak memiliki PBG dan melanggar garis sempadan",
            "pembangunan gedung tanpa persetujuan bangunan gedung (PBG) di lingkungan padat",
        ),
        terse=("bangunan diduga tanpa PBG",),
        impacts=("rumah warga sebelah retak", "air hujan jatuh ke rumah tetangga"),
        done=("Sudah dilakukan pemeriksaan dan diberikan Surat Peringatan (SP1)",),
        unit="Suku Dinas Cipta Karya, Tata Ruang dan Pertanahan", weight=1.5,
    ),
    Problem(
        "gudang", "perizinan", False, PERMIT,
        jaki=(
            "gudang {loc} di tengah permukiman, truk keluar masuk 24 jam",
            "ada usaha pengolahan limbah/barang bekas {loc} di zona perumahan",
        ),
        desk=("kegiatan usaha/gudang di zona perumahan yang diduga tidak sesuai perizinan",),
        terse=("gudang di zona perumahan",),
        impacts=("jalan rusak karena truk", "debu dan bising"),
        done=("Sudah dilakukan pengecekan izin usaha oleh PTSP",),
        unit="Unit PTSP Kecamatan", weight=0.7,
    ),
    Problem(
        "reklame", "perizinan", False, PERMIT,
        jaki=(
            "papan reklame {loc} miring, takut roboh kena orang",
            "baliho liar {loc} dipasang di tiang listrik, menutup rambu",
        ),
        desk=("reklame/baliho tanpa izin dan membahayakan pengguna jalan",),
        terse=("reklame liar/miring",),
        done=("Reklame sudah dibongkar oleh Satpol PP",),
        unit="Satpol PP Kecamatan", weight=0.5,
    ),
    # ---- transportasi ------------------------------------------------------------------------
    Problem(
        "halte_rusak", "transportasi", False, TRANSPORT,
        jaki=(
            "halte {loc} atapnya bocor dan kursinya patah",
            "halte bus {loc} rusak, dipakai buat tidur gelandangan",
        ),
        desk=("halte dalam kondisi rusak (atap bocor, tempat duduk patah)",),
        terse=("halte rusak",),
        impacts=("penumpang kehujanan",),
        done=("Halte sudah diperbaiki",),
        unit="Suku Dinas Perhubungan", weight=0.8,
    ),
    Problem(
        "ngetem", "transportasi", False, TRANSPORT,
        jaki=(
            "angkot dan mikrotrans ngetem lama {loc}, bikin macet",
            "JakLingko ngetem sembarangan {loc}",
        ),
        desk=("angkutan umum berhenti menunggu penumpang (ngetem) di badan jalan",),
        terse=("angkot ngetem",),
        impacts=("macet panjang jam berangkat kerja",),
        done=("Sudah dilakukan penertiban angkutan umum",),
        unit="Suku Dinas Perhubungan", weight=0.8,
    ),
    Problem(
        "apill_mati", "transportasi", False, TRANSPORT,
        jaki=(
            "lampu merah {loc} mati, lalu lintas semrawut",
            "traffic light {loc} kedip kuning terus dari kemarin",
        ),
        desk=("alat pemberi isyarat lalu lintas (APILL) tidak berfungsi",),
        terse=("APILL mati",),
        impacts=("hampir tabrakan",),
        done=("APILL sudah diperbaiki",),
        unit="Suku Dinas Perhubungan", weight=0.6,
    ),
    # ---- lainnya -----------------------------------------------------------------------------
    Problem(
        "pohon_rawan", "lainnya", False, OTHER,
        jaki=(
            "pohon besar {loc} sudah miring, rantingnya kena kabel",
            "pohon {loc} rawan tumbang, tolong dipangkas sebelum musim hujan",
        ),
        desk=("pohon peneduh rawan tumbang dan perlu pemangkasan",),
        terse=("pohon rawan tumbang",),
        impacts=("takut roboh ke rumah",),
        done=("Pohon sudah dipangkas oleh Sudin Pertamanan",),
        unit="Suku Dinas Pertamanan dan Hutan Kota", weight=1.0,
    ),
    Problem(
        "kabel", "lainnya", False, OTHER,
        jaki=(
            "kabel fiber optik {loc} menjuntai sampai bawah, bahaya buat motor",
            "kabel semrawut {loc} putus menjuntai ke jalan",
        ),
        desk=("kabel utilitas menjuntai rendah dan membahayakan pengguna jalan",),
        terse=("kabel menjuntai",),
        impacts=("leher pengendara motor bisa kena",),
        done=("Provider sudah merapikan kabel",),
        unit="Kelurahan", weight=1.0,
    ),
    Problem(
        "taman_rusak", "lainnya", False, OTHER,
        jaki=(
            "RPTRA {loc} mainan anak-anaknya rusak semua",
            "taman {loc} tidak terawat, lampunya mati, jadi tempat mabuk",
        ),
        desk=("fasilitas taman/RPTRA rusak dan tidak terawat",),
        terse=("taman/RPTRA rusak",),
        done=("Sudah dilakukan perbaikan fasilitas taman",),
        unit="Suku Dinas Pertamanan dan Hutan Kota", weight=0.6,
    ),
    # ---- bansos (about a person) -------------------------------------------------------------
    Problem(
        "bpnt", "bansos", True, SOCIAL,
        jaki=(
            "bansos sembako saya belum cair dari bulan {bulan}, saldo KKS kosong",
            "kartu KKS saya dicek di e-warong saldonya nol dari {bulan}",
            "bantuan sembako/BPNT saya tidak masuk lagi sejak {bulan}, padahal tetangga dapat",
            "kenapa bansos saya berhenti sejak {bulan}? dulu dapat terus",
        ),
        desk=(
            "Bantuan Pangan Non Tunai (BPNT) periode {bulan} sampai sekarang belum tersalurkan "
            "ke rekening KKS, sedangkan pelapor masih terdaftar sebagai KPM dalam DTKS",
            "penyaluran BPNT kepada pelapor selaku KPM terhenti sejak periode {bulan}",
        ),
        terse=("BPNT blm cair sejak {bulan}, KKS saldo 0",),
        impacts=("buat makan sehari-hari susah", "suami sudah tidak kerja"),
        done=("Data pelapor sudah diverifikasi, penyaluran menunggu tahap berikutnya",),
        unit="Suku Dinas Sosial", weight=3.0,
    ),
    Problem(
        "pkh", "bansos", True, SOCIAL,
        jaki=(
            "PKH saya tidak cair tahap ini, pendamping bilang datanya bermasalah",
            "bantuan PKH anak sekolah saya belum masuk ke rekening {bank}",
            "dana PKH {tahap} tidak cair, sudah tanya pendamping tidak ada jawaban",
        ),
        desk=(
            "dana Program Keluarga Harapan (PKH) {tahap} belum diterima, status KPM masih aktif",
            "bantuan PKH {tahap} tidak tersalurkan ke rekening {bank} milik pelapor",
        ),
        terse=("PKH {tahap} blm cair",),
        impacts=("anak butuh buat sekolah",),
        done=("Sudah dikoordinasikan dengan pendamping PKH",),
        unit="Suku Dinas Sosial", weight=2.0,
    ),
    Problem(
        "klj", "bansos", True, SOCIAL,
        jaki=(
            "kartu lansia (KLJ) saya tidak cair sudah {n_bulan} bulan",
            "saya sudah {umur} tahun, bantuan lansia tiba-tiba berhenti dari {bulan}",
        ),
        desk=(
            "bantuan Kartu Lansia Jakarta (KLJ) tidak cair sejak {bulan}",
            "penyaluran KLJ atas nama pelapor terhenti selama {n_bulan} bulan",
        ),
        terse=("KLJ tdk cair {n_bulan} bln",),
        impacts=("buat beli obat", "tinggal sendiri"),
        done=("Pelapor sudah diusulkan kembali melalui musyawarah kelurahan",),
        unit="Suku Dinas Sosial", weight=1.5,
    ),
    Problem(
        "dtks_hilang", "bansos", True, SOCIAL,
        jaki=(
            "nama saya hilang dari data penerima bansos, padahal kondisi masih sama",
            "kata RT nama saya sudah tidak ada di data, jadi tidak dapat bantuan lagi",
            "saya dicoret dari bansos padahal rumah masih ngontrak",
        ),
        desk=(
            "pelapor tidak lagi tercantum dalam DTKS sehingga tidak menerima bantuan sosial, "
            "mohon verifikasi dan validasi ulang",
            "pelapor dinonaktifkan dari DTKS (desil) tanpa pemberitahuan, mohon pengusulan kembali",
        ),
        terse=("keluar dr DTKS, mohon verval ulang",),
        impacts=("anak tiga masih kecil",),
        done=("Pelapor sudah diusulkan dalam verval DTKS periode berikutnya",),
        unit="Suku Dinas Sosial", weight=2.0,
    ),
    Problem(
        "kpdj", "bansos", True, SOCIAL,
        jaki=(
            "bantuan disabilitas (KPDJ) anak saya belum cair dari {bulan}",
            "anak saya disabilitas, kartunya sudah jadi tapi dananya tidak masuk",
        ),
        desk=(
            "bantuan Kartu Penyandang Disabilitas Jakarta (KPDJ) atas nama anak pelapor belum "
            "cair sejak {bulan}",
        ),
        terse=("KPDJ anak blm cair sejak {bulan}",),
        done=("Sudah dikoordinasikan dengan Dinas Sosial",),
        unit="Suku Dinas Sosial", weight=0.8,
    ),
    # ---- kesehatan ---------------------------------------------------------------------------
    Problem(
        "pbi_nonaktif", "kesehatan", True, HEALTH,
        jaki=(
            "BPJS saya tiba-tiba tidak aktif pas mau berobat ke {faskes}",
            "kartu KIS saya nonaktif, disuruh bayar umum di {faskes}",
            "BPJS gratis dari pemerintah mati, padahal saya lagi rutin kontrol",
        ),
        desk=(
            "kepesertaan BPJS Kesehatan segmen PBI APBD atas nama pelapor nonaktif sehingga "
            "tidak dapat dilayani di {faskes}",
            "status kepesertaan JKN-KIS (PBI) pelapor dinonaktifkan, mohon reaktivasi",
        ),
        terse=("BPJS PBI nonaktif, mohon reaktivasi",),
        impacts=("harus cuci darah rutin", "anak sedang sakit"),
        done=("Sudah diusulkan reaktivasi kepesertaan PBI",),
        unit="Suku Dinas Kesehatan", weight=2.5,
    ),
    Problem(
        "ditolak_rs", "kesehatan", True, HEALTH,
        jaki=(
            "keluarga saya ditolak di {faskes} katanya kamar penuh, padahal pakai BPJS",
            "saya disuruh cari rumah sakit lain sama {faskes}, padahal sudah rujukan",
        ),
        desk=(
            "pelapor (peserta JKN) ditolak rawat inap di {faskes} dengan alasan ruangan penuh",
            "penolakan pelayanan pasien peserta JKN di {faskes}",
        ),
        terse=("pasien JKN ditolak di {faskes}",),
        done=("Sudah dikonfirmasi ke rumah sakit",),
        unit="Suku Dinas Kesehatan", weight=1.0,
    ),
    Problem(
        "biaya_obat", "kesehatan", True, HEALTH,
        jaki=(
            "di {faskes} saya disuruh beli obat sendiri padahal pakai BPJS",
            "pakai BPJS tapi masih disuruh bayar Rp{rupiah} di {faskes}",
        ),
        desk=(
            "pelapor selaku peserta JKN dikenakan biaya obat sebesar Rp{rupiah} di {faskes}",
        ),
        terse=("peserta JKN dipungut biaya obat Rp{rupiah}",),
        done=("Sudah diklarifikasi dengan faskes",),
        unit="Suku Dinas Kesehatan", weight=0.8,
    ),
    # ---- kependudukan ------------------------------------------------------------------------
    Problem(
        "ktp_belum", "kependudukan", True, REGISTRY,
        jaki=(
            "e-KTP saya sudah rekam dari {bulan} tapi belum jadi-jadi",
            "KTP elektronik saya belum dicetak, katanya blangko habis",
            "sudah {n_bulan} bulan KTP saya belum jadi, cuma dikasih surat keterangan",
        ),
        desk=(
            "KTP-el pelapor belum dicetak meskipun perekaman telah dilakukan pada {bulan}",
            "pencetakan KTP-el tertunda, pelapor hanya memegang Surat Keterangan (Suket)",
        ),
        terse=("KTP-el blm tercetak, rekam {bulan}",),
        impacts=("tidak bisa buka rekening", "mau melamar kerja"),
        done=("KTP-el sudah dicetak dan dapat diambil di kelurahan",),
        unit="Suku Dinas Kependudukan dan Pencatatan Sipil", weight=2.0,
    ),
    Problem(
        "nik_tidak_terdaftar", "kependudukan", True, REGISTRY,
        jaki=(
            "NIK saya tidak terbaca waktu daftar BPJS, katanya tidak terdaftar",
            "pas daftar sekolah anak, NIK nya dibilang tidak ditemukan",
            "NIK saya dobel/tidak valid, jadi tidak bisa daftar apa-apa",
        ),
        desk=(
            "NIK pelapor tidak terdaftar/tidak ditemukan di database Dukcapil (data tidak padan)",
            "NIK pelapor tidak padan dengan data kependudukan pusat sehingga layanan terhambat",
        ),
        terse=("NIK tdk terdaftar di Dukcapil",),
        done=("Data sudah dipadankan oleh Dukcapil",),
        unit="Suku Dinas Kependudukan dan Pencatatan Sipil", weight=1.2,
    ),
    Problem(
        "akta", "kependudukan", True, REGISTRY,
        jaki=(
            "akte lahir anak saya belum keluar sudah {n_bulan} bulan",
            "urus akta kelahiran anak dipersulit, syaratnya ganti-ganti",
        ),
        desk=(
            "penerbitan akta kelahiran anak pelapor belum selesai selama {n_bulan} bulan",
        ),
        terse=("akta lahir anak blm terbit",),
        done=("Akta kelahiran sudah diterbitkan",),
        unit="Suku Dinas Kependudukan dan Pencatatan Sipil", weight=1.0,
    ),
    Problem(
        "kk", "kependudukan", True, REGISTRY,
        jaki=(
            "KK saya belum diupdate padahal sudah lapor dari {bulan}",
            "kartu keluarga belum berubah, anak yang baru lahir belum masuk",
        ),
        desk=("pemutakhiran data Kartu Keluarga pelapor belum diproses sejak {bulan}",),
        terse=("perubahan KK blm diproses",),
        done=("KK sudah diterbitkan",),
        unit="Suku Dinas Kependudukan dan Pencatatan Sipil", weight=1.0,
    ),
    # ---- pendidikan --------------------------------------------------------------------------
    Problem(
        "kjp", "pendidikan", True, SCHOOL,
        jaki=(
            "KJP anak saya belum cair, yang lain di {sekolah} sudah",
            "dana KJP Plus anak saya di {sekolah} belum masuk dari {bulan}",
            "KJP anak saya tidak cair {tahap}, padahal dulu dapat",
        ),
        desk=(
            "dana KJP Plus {tahap} atas nama anak pelapor, siswa {sekolah}, belum cair",
            "KJP Plus anak pelapor ({sekolah}) tidak tersalurkan sejak {bulan}",
        ),
        terse=("KJP Plus {tahap} blm cair ({sekolah})",),
        impacts=("butuh buat beli seragam dan sepatu",),
        done=("Sudah dikonfirmasi ke P4OP, pencairan menunggu tahap berikutnya",),
        unit="Suku Dinas Pendidikan", weight=2.5,
    ),
    Problem(
        "ppdb", "pendidikan", True, SCHOOL,
        jaki=(
            "anak saya tidak diterima di sekolah negeri padahal rumah dekat sekali",
            "PPDB anak saya gagal di {sekolah}, jaraknya cuma 300 meter",
        ),
        desk=("anak pelapor tidak diterima pada SPMB/PPDB jalur domisili di {sekolah}",),
        terse=("anak tdk diterima PPDB zonasi",),
        done=("Sudah diarahkan ke sekolah terdekat yang masih ada kuota",),
        unit="Suku Dinas Pendidikan", weight=1.2,
    ),
    Problem(
        "ijazah", "pendidikan", True, SCHOOL,
        jaki=(
            "ijazah anak saya ditahan sekolah karena nunggak bayaran",
            "sekolah swasta tidak mau kasih ijazah anak saya sebelum lunas Rp{rupiah}",
        ),
        desk=("penahanan ijazah anak pelapor oleh sekolah karena tunggakan Rp{rupiah}",),
        terse=("ijazah anak ditahan sekolah",),
        done=("Ijazah sudah diserahkan melalui program penebusan ijazah",),
        unit="Suku Dinas Pendidikan", weight=1.0,
    ),
    # ---- pertanahan --------------------------------------------------------------------------
    Problem(
        "sertifikat_ganda", "pertanahan", True, LAND,
        jaki=(
            "tanah saya ternyata ada sertifikat lain atas nama orang lain",
            "rumah saya diklaim orang pakai sertifikat juga, padahal saya punya SHM",
        ),
        desk=(
            "terdapat sertifikat ganda (tumpang tindih) atas bidang tanah milik pelapor seluas "
            "{luas} m2",
        ),
        terse=("sertifikat ganda, luas {luas} m2",),
        done=("Sudah diarahkan ke Kantor Pertanahan untuk mediasi",),
        unit="Kantor Pertanahan", weight=1.0,
    ),
    Problem(
        "ptsl", "pertanahan", True, LAND,
        jaki=(
            "sertifikat tanah program PTSL saya belum jadi, diukur dari tahun {tahun}",
            "sudah ikut PTSL {tahun} tapi sertifikat tidak keluar-keluar",
        ),
        desk=("sertifikat hasil PTSL tahun {tahun} atas tanah pelapor belum diterbitkan",),
        terse=("sertifikat PTSL {tahun} blm terbit",),
        done=("Sudah dikoordinasikan dengan Kantor Pertanahan",),
        unit="Kantor Pertanahan", weight=1.0,
    ),
    Problem(
        "batas_tanah", "pertanahan", True, LAND,
        jaki=(
            "ribut batas tanah sama tetangga, pagarnya maju ke tanah saya",
            "tanah saya dipakai tetangga buat bangun, batasnya digeser",
        ),
        desk=("sengketa batas bidang tanah antara pelapor dan pemilik bidang sebelah",),
        terse=("sengketa batas tanah",),
        done=("Sudah dilakukan mediasi di kantor kelurahan",),
        unit="Kantor Pertanahan", weight=0.8,
    ),
    Problem(
        "ganti_rugi", "pertanahan", True, LAND,
        jaki=(
            "ganti rugi tanah saya yang kena proyek kali belum dibayar",
            "tanah kena normalisasi sungai tapi uang ganti ruginya belum cair sampai sekarang",
        ),
        desk=("pembayaran ganti rugi pengadaan tanah untuk normalisasi kali belum diterima",),
        terse=("ganti rugi pengadaan tanah blm dibayar",),
        done=("Sudah dikoordinasikan dengan Dinas SDA",),
        unit="Dinas Sumber Daya Air", weight=0.8,
    ),
)

# English a young writer mixes in, by family: "drainase nya clogged parah".
ENGLISH: dict[str, tuple[str, ...]] = {
    "jalan": ("pothole nya gede bgt", "literally kayak kolam", "super dangerous buat motor",
              "pls fix asap", "road nya hancur sih"),
    "saluran": ("drainase nya clogged parah", "airnya stuck gak ngalir", "bau nya unbearable sih",
                "every time hujan pasti banjir", "literally kebanjiran tiap hari"),
    "sampah": ("sampahnya overload", "smell nya parah bgt", "so gross", "literally gunung sampah"),
    "penerangan_jalan": ("gelap total kayak horror movie", "creepy bgt kalo malem",
                         "lampu nya dead", "not safe at all"),
    "ketertiban": ("chaos bgt", "can't sleep", "so annoying", "toxic bgt"),
    "air_bersih": ("air nya zero", "no water literally", "kayak teh susu airnya"),
    "perizinan": ("sus bgt", "kayak gak ada permit"),
    "transportasi": ("chaos parah", "not working"),
    "lainnya": ("creepy sih", "pls check asap"),
    "bansos": ("idk kenapa", "pls help", "stuck bgt"),
    "kesehatan": ("urgent bgt", "inactive gitu", "pls help asap"),
    "kependudukan": ("lama bgt prosesnya", "ribet parah"),
    "pendidikan": ("butuh bgt buat sekolah", "pls check"),
    "pertanahan": ("stress bgt", "pls help"),
}
# fmt: on

BY_KEY = {p.key: p for p in PROBLEMS}


def of_category(category: str) -> tuple[Problem, ...]:
    return tuple(p for p in PROBLEMS if p.category == category)


MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
HOSPITALS = (
    "RSUD Koja",
    "RSUD Tarakan",
    "RSUD Cengkareng",
    "RSUD Pasar Minggu",
    "RSUD Budhi Asih",
    "RSUD Tanjung Priok",
    "RSUD Kembangan",
    "RSUD Pademangan",
    "RSUD Cilincing",
    "RSCM",
    "RS Atma Jaya",
    "RSUD Duren Sawit",
)
BANKS = ("Bank DKI", "BRI", "BNI", "Mandiri", "BSI")
STAGES = ("tahap I", "tahap II", "tahap III", "tahap IV")
