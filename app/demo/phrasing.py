"""Complaint descriptions from a scene: as citizens type them in JAKI, as a desk officer writes.

Informal texts are written the way citizens type in JAKI; formal ones the way a desk officer
writes a walk-in complaint down. Templates take their slots from a *scene* (app.demo.scenes), so
a walk-in that restates a JAKI report can reuse its details.
"""

from __future__ import annotations

import random
from typing import Any

from app.demo.scenes import LANDMARKS
from app.demo.words import words

# JAKI category: (as a citizen types it in the app, as a desk officer restates it), one pair per
# matter, so a walk-in that restates a JAKI report can say the same thing in formal words.
TEMPLATES: dict[str, tuple[tuple[str, str], ...]] = {
    "Jalan Rusak": (
        (
            "jln rusak parah {lm}, udh bbrp kali motor jatoh. tlg segera diperbaiki",
            "Jalan di {jl}, {lm}, rusak parah dan sudah beberapa kali membuat pengendara sepeda "
            "motor terjatuh.",
        ),
        (
            "{jl} berlubang gede bgt {lm}, kalo ujan ketutup air jd gk keliatan",
            "Terdapat lubang besar di {jl}, {lm}, yang tidak terlihat saat tergenang air hujan.",
        ),
        (
            "aspal {jl} ngelupas udh {n} bln blm diperbaiki jg",
            "Aspal di {jl} mengelupas dan belum diperbaiki selama {n} bulan.",
        ),
        (
            "jalan di {gg} RT {rt}/RW {rw} rusak, banyak lubang. mhn diperbaiki pak",
            "Jalan lingkungan di {gg} RT {rt}/RW {rw} rusak dan banyak berlubang.",
        ),
        (
            "lubang di {jl} {lm} makin lebar, gk ada tanda peringatan. "
            "bahaya bgt buat yg naik motor",
            "Lubang di {jl}, {lm}, semakin lebar tanpa tanda peringatan dan membahayakan "
            "pengendara sepeda motor.",
        ),
        (
            "paving block di {gg} pd copot, sdh lapor ke RT tp blm ada tindakan",
            "Paving block di {gg} banyak yang lepas; laporan ke RT belum ditindaklanjuti.",
        ),
        (
            "tutup got di {jl} {lm} ambles, udh ada yg kejeblos",
            "Tutup saluran di {jl}, {lm}, amblas dan sudah ada warga yang terperosok.",
        ),
    ),
    "Saluran Air, Kali/Sungai": (
        (
            "got mampet {lm}, air gk ngalir & bau bgt",
            "Saluran air {lm} tersumbat sehingga air tidak mengalir dan berbau.",
        ),
        (
            "saluran air di {gg} tersumbat sampah, tiap ujan meluap ke jalan",
            "Saluran air di {gg} tersumbat sampah dan meluap ke jalan setiap kali hujan.",
        ),
        (
            "{kali} dangkal bgt penuh lumpur, mhn dikeruk sblm musim ujan",
            "{kali} mengalami pendangkalan akibat lumpur; pemohon memohon pengerukan sebelum musim "
            "hujan.",
        ),
        (
            "turap {kali} di blkg RT {rt} longsor, rumah warga terancam",
            "Turap {kali} di belakang RT {rt} longsor dan mengancam rumah warga.",
        ),
        (
            "saluran di {jl} {lm} blm dibersihin udh {n} bln, jentik nyamuk dmn2",
            "Saluran di {jl}, {lm}, belum dibersihkan selama {n} bulan sehingga banyak jentik "
            "nyamuk.",
        ),
        (
            "tutup saluran di {jl} ilang, got kebuka lebar {lm}",
            "Tutup saluran di {jl} hilang sehingga saluran terbuka lebar {lm}.",
        ),
    ),
    "Banjir": (
        (
            "tiap ujan {jl} {lm} banjir sebetis, udh {n} th gini trs",
            "Setiap hujan, {jl}, {lm}, tergenang setinggi betis; kondisi ini sudah berlangsung {n} "
            "tahun.",
        ),
        (
            "banjir di RT {rt}/RW {rw} blm surut dr semalem, air masuk rumah warga",
            "Banjir di RT {rt}/RW {rw} belum surut sejak malam sebelumnya dan air masuk ke rumah "
            "warga.",
        ),
        (
            "genangan {lm} gk surut2 udh {n} hari, anak2 jd susah ke sekolah",
            "Genangan air {lm} tidak surut selama {n} hari sehingga anak-anak sulit berangkat ke "
            "sekolah.",
        ),
        (
            "pompa air {lm} gk nyala pas ujan deres, {jl} tergenang lg",
            "Pompa air {lm} tidak beroperasi saat hujan deras sehingga {jl} kembali tergenang.",
        ),
        (
            "ujan sebentar aja {gg} udh banjir, salurannya kecil bgt gk muat",
            "{gg} tergenang walaupun hujan hanya sebentar karena kapasitas saluran terlalu kecil.",
        ),
    ),
    "Sampah": (
        (
            "sampah numpuk {lm} udh {n} hari gk diangkut, bau bgt",
            "Sampah {lm} menumpuk dan tidak diangkut selama {n} hari sehingga menimbulkan bau.",
        ),
        (
            "ada yg buang sampah sembarangan di {jl} {lm} tiap malem",
            "Ada pihak yang membuang sampah sembarangan di {jl}, {lm}, setiap malam.",
        ),
        (
            "TPS {lm} penuh, sampah meluber sampe ke jalan",
            "TPS {lm} penuh sehingga sampah meluber ke jalan.",
        ),
        (
            "gerobak sampah RT {rt} gk dtg2 udh {n} hari, warga bingung buang kmn",
            "Petugas gerobak sampah tidak datang ke RT {rt} selama {n} hari.",
        ),
        (
            "sampah di {kali} numpuk dkt pintu air, tlg diangkut",
            "Sampah menumpuk di {kali} dekat pintu air dan perlu segera diangkut.",
        ),
        (
            "ada yg bakar sampah di lahan kosong {lm}, asapnya masuk rumah",
            "Terdapat pembakaran sampah di lahan kosong {lm} yang asapnya masuk ke rumah warga.",
        ),
    ),
    "Penerangan Jalan Umum": (
        (
            "lampu jalan {jl} {lm} mati udh {n} minggu, gelap bgt rawan begal",
            "Lampu penerangan jalan umum di {jl}, {lm}, padam selama {n} minggu sehingga rawan "
            "kejahatan.",
        ),
        (
            "PJU di {gg} kedip2 trs mati, mhn diganti",
            "Lampu PJU di {gg} berkedip lalu padam; pemohon memohon penggantian lampu.",
        ),
        (
            "tiang lampu {lm} miring hampir roboh, kabelnya kemana2",
            "Tiang lampu jalan {lm} miring hampir roboh dan kabelnya menjuntai.",
        ),
        (
            "lampu PJU {jl} nyala siang mati malem",
            "Lampu PJU di {jl} menyala pada siang hari dan padam pada malam hari.",
        ),
        (
            "sepanjang {jl} lampu jalan byk yg mati, tlg dicek",
            "Banyak lampu penerangan jalan di sepanjang {jl} yang padam.",
        ),
    ),
    "Parkir Liar": (
        (
            "parkir liar {lm} bikin macet tiap sore",
            "Parkir liar {lm} menyebabkan kemacetan setiap sore.",
        ),
        (
            "{jl} jd sempit krn mobil parkir di bahu jalan dua lapis",
            "{jl} menyempit karena kendaraan parkir dua lapis di bahu jalan.",
        ),
        (
            "jukir liar {lm} narik 5rb, gk ada karcis",
            "Juru parkir liar {lm} memungut Rp5.000 tanpa memberikan karcis.",
        ),
        (
            "bengkel di {jl} parkir motor pelanggan sampe makan jalan",
            "Bengkel di {jl} memarkir sepeda motor pelanggan hingga memakan badan jalan.",
        ),
        (
            "mobil parkir nginep di {gg} {lm}, ambulans gk bisa masuk",
            "Mobil parkir menginap di {gg}, {lm}, sehingga ambulans tidak dapat masuk.",
        ),
    ),
    "Pedagang Kaki Lima": (
        (
            "PKL {lm} jualan di trotoar, pejalan kaki jd turun ke jalan",
            "Pedagang kaki lima {lm} berjualan di trotoar sehingga pejalan kaki terpaksa turun ke "
            "jalan.",
        ),
        (
            "pedagang di {jl} {lm} buka lapak sampe makan badan jalan",
            "Pedagang di {jl}, {lm}, membuka lapak hingga memakan badan jalan.",
        ),
        (
            "lapak PKL {lm} ninggalin sampah tiap malem",
            "Lapak pedagang kaki lima {lm} meninggalkan sampah setiap malam.",
        ),
        (
            "PKL balik lg ke trotoar {jl} padahal udh ditertibkan",
            "Pedagang kaki lima kembali berjualan di trotoar {jl} meskipun sudah ditertibkan.",
        ),
    ),
    "Air Bersih": (
        (
            "air PAM di RT {rt}/RW {rw} mati udh {n} hari",
            "Aliran air PAM di RT {rt}/RW {rw} terhenti selama {n} hari.",
        ),
        (
            "air keruh & bau di {gg}, gk bisa dipake masak",
            "Air PAM di {gg} keruh dan berbau sehingga tidak dapat digunakan untuk memasak.",
        ),
        (
            "tekanan air kecil bgt, cm ngalir tengah malem. daerah {jl}",
            "Tekanan air di wilayah {jl} sangat kecil dan air hanya mengalir pada tengah malam.",
        ),
        (
            "pipa PAM bocor {lm}, air muncrat ke jalan udh {n} hari",
            "Pipa PAM bocor {lm} dan air menyembur ke jalan selama {n} hari.",
        ),
        (
            "sdh bayar tagihan tp air gk ngalir, warga {gg} beli air galon trs",
            "Warga {gg} sudah membayar tagihan, tetapi air tidak mengalir sehingga harus membeli "
            "air galon.",
        ),
    ),
    "Perizinan": (
        (
            "ada bangunan baru {lm} di {jl} sptnya gk ada izin, nutupin saluran air",
            "Terdapat bangunan baru {lm} di {jl} yang diduga tidak berizin dan menutup saluran "
            "air.",
        ),
        (
            "tetangga bangun rumah 4 lantai di {gg}, blm ada PBG kyknya",
            "Tetangga pemohon membangun rumah empat lantai di {gg} yang diduga belum memiliki PBG.",
        ),
        (
            "usaha bengkel di {jl} bising sampe malem, izinnya gmn ya",
            "Usaha bengkel di {jl} menimbulkan kebisingan hingga malam; pemohon mempertanyakan "
            "izinnya.",
        ),
        (
            "bangunan liar di pinggir {kali} makin byk",
            "Bangunan liar di bantaran {kali} semakin banyak.",
        ),
        (
            "gudang {lm} dipake usaha tp ini kan zona perumahan",
            "Gudang {lm} digunakan untuk kegiatan usaha di zona perumahan.",
        ),
    ),
    "Transportasi": (
        (
            "halte TJ {lm} rusak, atapnya bocor kalo ujan",
            "Halte Transjakarta {lm} rusak dan atapnya bocor saat hujan.",
        ),
        (
            "mikrotrans ngetem lama bgt {lm}, bikin macet {jl}",
            "Mikrotrans berhenti lama {lm} sehingga menyebabkan kemacetan di {jl}.",
        ),
        (
            "lampu merah {jl} mati bikin semrawut",
            "Lampu lalu lintas di {jl} tidak berfungsi sehingga lalu lintas semrawut.",
        ),
        (
            "trotoar {jl} rusak, susah buat pengguna kursi roda",
            "Trotoar {jl} rusak dan menyulitkan pengguna kursi roda.",
        ),
        (
            "angkot ngetem sembarangan {lm}, tlg ditertibkan",
            "Angkutan kota menunggu penumpang sembarangan {lm}; pemohon meminta penertiban.",
        ),
    ),
    "Bantuan Sosial": (
        (
            "bansos {prog} bulan {bln} blm diterima pdhl sdh terdaftar DTKS",
            "Bantuan sosial {prog} bulan {Bln} belum diterima, padahal pemohon sudah terdaftar "
            "dalam DTKS.",
        ),
        (
            "{prog} sdh diterima tapi nominalnya kurang dr biasanya",
            "Pemohon sudah menerima {prog}, tetapi nominalnya kurang dari biasanya.",
        ),
        (
            "sdh {n} bln {prog} blm cair, sy warga RT {rt}/RW {rw}",
            "{prog} pemohon, warga RT {rt}/RW {rw}, belum cair selama {n} bulan.",
        ),
        (
            "nama sy hilang dr daftar penerima {prog}, mhn dicek pak",
            "Nama pemohon tidak lagi tercantum dalam daftar penerima {prog}; pemohon meminta "
            "pengecekan data.",
        ),
        (
            "kartu {prog} sy blm diterima padahal tetangga udh",
            "Kartu {prog} pemohon belum diterima, sementara tetangga pemohon sudah menerimanya.",
        ),
        (
            "ortu sy lansia blm dpt {prog}, sdh lapor RT tp blm ada kabar",
            "Orang tua pemohon yang sudah lansia belum menerima {prog}; laporan ke RT belum "
            "mendapat tanggapan.",
        ),
    ),
    "Pertanahan": (
        (
            "sertifikat tanah sy blm jadi udh {n} th ngurus PTSL",
            "Sertifikat tanah pemohon melalui program PTSL belum terbit setelah {n} tahun.",
        ),
        (
            "tanah warisan ortu di {jl} diklaim org lain, ada surat girik palsu",
            "Tanah warisan orang tua pemohon di {jl} diklaim pihak lain dengan surat girik yang "
            "diduga palsu.",
        ),
        (
            "patok tanah sy di {gg} digeser tetangga, mhn dimediasi",
            "Patok batas tanah pemohon di {gg} digeser oleh tetangga; pemohon memohon mediasi.",
        ),
        (
            "pengukuran tanah blm dtg2 pdhl sdh daftar {n} bln lalu",
            "Pengukuran tanah belum dilakukan, padahal pemohon sudah mendaftar {n} bulan yang "
            "lalu.",
        ),
        (
            "sertifikat sdh diterima tapi luas tanahnya beda sm yg diukur",
            "Sertifikat sudah diterima, tetapi luas tanah yang tercantum berbeda dengan hasil "
            "pengukuran.",
        ),
    ),
    "Administrasi Kependudukan": (
        (
            "{doc} sy blm jadi udh {n} minggu",
            "{doc} pemohon belum selesai diterbitkan setelah {n} minggu.",
        ),
        (
            "sdh rekam KTP-el tp blm dicetak krn blanko habis katanya",
            "Pemohon sudah melakukan perekaman KTP-el, namun kartu belum dicetak dengan alasan "
            "blanko habis.",
        ),
        (
            "data di KK salah, nama anak tdk sesuai akta",
            "Terdapat kesalahan data pada KK: nama anak tidak sesuai dengan akta kelahiran.",
        ),
        (
            "{doc} sdh diterima tapi ada salah ketik di tgl lahir",
            "{doc} sudah diterima, tetapi terdapat kesalahan penulisan tanggal lahir.",
        ),
        (
            "ngurus {doc} di kelurahan {kel} disuruh bolak balik",
            "Pemohon harus berulang kali datang ke Kelurahan {kel} untuk mengurus {doc}.",
        ),
    ),
    "Kesehatan": (
        (
            "BPJS PBI sy nonaktif, ditolak di {faskes}",
            "Kepesertaan BPJS Kesehatan PBI pemohon nonaktif sehingga pemohon ditolak di {faskes}.",
        ),
        (
            "antrean di {faskes} lama bgt, dr pagi blm dipanggil",
            "Pemohon mengeluhkan antrean yang sangat lama di {faskes}; sejak pagi belum dipanggil.",
        ),
        (
            "KIS sdh diterima tapi gk bisa dipake berobat di {faskes}",
            "KIS sudah diterima, tetapi tidak dapat digunakan untuk berobat di {faskes}.",
        ),
        (
            "anak sy blm dpt imunisasi krn vaksin kosong di {faskes}",
            "Anak pemohon belum mendapat imunisasi karena stok vaksin di {faskes} kosong.",
        ),
        (
            "BPJS ibu sy blm aktif lg pdhl sdh lapor ke kelurahan {n} minggu lalu",
            "Kepesertaan BPJS ibu pemohon belum aktif kembali, padahal sudah dilaporkan ke "
            "kelurahan {n} minggu yang lalu.",
        ),
    ),
    "Pendidikan": (
        ("{kjp} anak sy blm cair smt ini", "Dana {kjp} anak pemohon belum cair pada semester ini."),
        (
            "anak sy gk dpt sekolah negeri padahal rumah dkt {sekolah}",
            "Anak pemohon tidak mendapat sekolah negeri walaupun rumahnya dekat {sekolah}.",
        ),
        (
            "dana {kjp} sdh diterima tapi kurang, gk sesuai",
            "Dana {kjp} sudah diterima, tetapi jumlahnya kurang dari ketentuan.",
        ),
        (
            "{sekolah} minta uang seragam pdhl katanya gratis",
            "{sekolah} memungut biaya seragam, padahal seharusnya gratis.",
        ),
        (
            "anak sy tdk terdaftar {kjp} lg pdhl ortu msh di DTKS",
            "Anak pemohon tidak lagi terdaftar sebagai penerima {kjp}, padahal orang tuanya masih "
            "terdaftar di DTKS.",
        ),
    ),
    "Pohon Tumbang": (
        ("pohon besar {lm} tumbang nutup jalan", "Pohon besar {lm} tumbang dan menutup jalan."),
        (
            "dahan pohon di {jl} udh rapuh, takut roboh pas ujan angin",
            "Dahan pohon di {jl} sudah rapuh dan dikhawatirkan patah saat hujan angin.",
        ),
        (
            "pohon tumbang nimpa kabel listrik di {gg}",
            "Pohon tumbang menimpa kabel listrik di {gg}.",
        ),
    ),
    "Fasilitas Umum": (
        (
            "ayunan di taman {lm} rusak, bahaya buat anak2",
            "Ayunan di taman {lm} rusak dan membahayakan anak-anak.",
        ),
        ("RPTRA {kel} kotor gk terawat", "RPTRA di Kelurahan {kel} kotor dan tidak terawat."),
        ("toilet umum {lm} gk ada airnya", "Toilet umum {lm} tidak mendapat pasokan air."),
    ),
}
FALLBACK = "Fasilitas Umum"
OPENERS = words(
    "pak/bu, mhn bantuannya, lapor, selamat siang, assalamualaikum, tlg dong, min, permisi pak, "
    "sore pak"
)
CLOSERS = words(
    "tlg segera ditindak, mhn ditindaklanjuti, trims, sdh lapor RT tp gk ada respon, "
    "sdh lapor {n}x blm ada tindakan, kapan diberesin??, mhn perhatiannya pak/bu, "
    "warga sini udh resah bgt, kasian warga, tlg dicek ke lokasi, makasih, "
    "dr kemarin blm ada yg dtg, ini udh lama bgt loh"
)
FORMAL_TAILS = (
    "Pemohon memohon agar segera ditindaklanjuti.",
    "Pemohon sudah melapor kepada pengurus RT/RW, tetapi belum ada penyelesaian.",
    "Pemohon meminta kejelasan waktu penyelesaian.",
)
JAKI_MENTION = "Pemohon menyatakan sudah melaporkan hal yang sama melalui aplikasi JAKI."


def informal(rng: random.Random, category: str, scene: dict[str, Any], *, place: bool) -> str:
    """A JAKI description as citizens type it; `place`: a problem about a place."""
    slots = dict(scene)
    slots["jl"] = rng.choice(("jl. {}", "jln {}", "Jl. {}", "jl {}", "jalan {}")).format(
        scene["street"]
    )
    slots["gg"] = rng.choice(("gg. {}", "Gg. {}", "gang {}")).format(scene["gang"])
    slots["lm"] = LANDMARKS[scene["lm"]][0]
    template = rng.choice(TEMPLATES.get(category, TEMPLATES[FALLBACK]))[0]
    parts = [template.format_map(slots)]
    if place and "{jl}" not in template and rng.random() < 0.3:
        parts.append(rng.choice(("di", "lokasi", "dkt", "daerah")) + f" {slots['jl']}")
    if rng.random() < 0.55:
        parts.append(rng.choice(CLOSERS).format_map(slots))
    text = ", ".join(parts)
    if rng.random() < 0.35:
        text = f"{rng.choice(OPENERS)}, {text}"
    if rng.random() < 0.3:
        text = text.lower()
    if rng.random() < 0.15:
        text = text.rstrip(".?") + "!!!"
    return text


def formal(rng: random.Random, category: str, scene: dict[str, Any], *, via_jaki: bool) -> str:
    """A walk-in description as a desk officer writes it; the matter of `scene["matter"]` when
    the scene was recalled from a JAKI report."""
    slots = dict(scene)
    slots["jl"] = f"Jl. {scene['street']}"
    slots["gg"] = f"Gg. {scene['gang']}"
    slots["lm"] = LANDMARKS[scene["lm"]][1]
    slots["rt"], slots["rw"] = f"{scene['rt']:02d}", f"{scene['rw']:02d}"
    slots["Bln"] = scene["bln"].capitalize()
    pairs = TEMPLATES.get(category, TEMPLATES[FALLBACK])
    matter = scene.get("matter")
    text = (pairs[matter] if matter is not None else rng.choice(pairs))[1].format_map(slots)
    parts = [text[0].upper() + text[1:]]
    if via_jaki:
        parts.append(JAKI_MENTION)
    if rng.random() < 0.5:
        parts.append(rng.choice(FORMAL_TAILS))
    return " ".join(parts)
