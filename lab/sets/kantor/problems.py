"""The kinds of problem: Pintu's category, JAKI's words, who handles it, and how it is told."""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Variant:
    """One concrete problem of a family; a complaint and its twin tell the same variant."""

    formal: str  # a clause in standard Indonesian, with {placeholders}
    desk: tuple[str, ...]  # terse desk notes
    done: str  # what the unit reports when it closes the report


@dataclass(frozen=True)
class Family:
    key: str
    category: str  # Pintu's code
    about: str  # "person" or "place"
    jaki_names: tuple[str, ...]  # JAKI's words, the first the most common
    agency: str  # the Suku Dinas (or body) a kelurahan passes it to
    variants: tuple[Variant, ...]
    impacts: tuple[str, ...] = ()


def words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def _v(formal: str, done: str, *desk: str) -> Variant:
    return Variant(formal, desk, done)


PLACE = (
    Family(
        "jalan",
        "jalan",
        "place",
        ("Jalan Rusak", "Jalan Rusak", "Jalan"),
        "Suku Dinas Bina Marga",
        (
            _v(
                "terdapat jalan berlubang dengan diameter sekitar {size} cm dan kedalaman kurang "
                "lebih {depth} cm",
                "Lubang jalan sudah ditambal oleh tim Suku Dinas Bina Marga.",
                "jln berlubang {p}, bnyk motor jatuh",
                "jalan bolong {p} lbr {size}an cm",
                "lubang besar di jalan {p}",
            ),
            _v(
                "aspal jalan rusak dan mengelupas sepanjang kurang lebih {len} meter",
                "Sudah dilakukan pengaspalan ulang pada ruas jalan yang rusak.",
                "aspal rusak parah {p} sktr {len} m",
                "jalan rusak {p}, aspal ngelupas",
            ),
            _v(
                "badan jalan amblas di sisi saluran air",
                "Jalan amblas sudah diurug dan dicor kembali.",
                "jalan amblas {p}",
                "jln ambles dkt got {p}",
            ),
        ),
        (
            "Kondisi ini membahayakan pengendara sepeda motor, terutama pada malam hari.",
            "Sudah beberapa kali pengendara terjatuh di lokasi tersebut.",
            "Saat hujan lubang tertutup genangan sehingga tidak terlihat oleh pengendara.",
        ),
    ),
    Family(
        "saluran",
        "saluran",
        "place",
        ("Saluran Air, Kali/Sungai", "Saluran Air, Kali/Sungai", "Banjir", "Genangan"),
        "Suku Dinas Sumber Daya Air",
        (
            _v(
                "saluran air (got) tersumbat oleh sampah dan endapan lumpur",
                "Saluran sudah dikuras dan dibersihkan oleh petugas.",
                "got mampet {p}",
                "saluran air mampet {p}, kl hujan meluap",
                "got tersumbat sampah & lumpur {p}",
            ),
            _v(
                "terjadi genangan setinggi kurang lebih {depth} cm setiap kali hujan karena air "
                "dari saluran tidak mengalir",
                "Sudah dilakukan normalisasi saluran; genangan telah surut.",
                "banjir/genangan {p} tiap hujan, air got gak ngalir",
                "tiap hujan tergenang {depth}an cm {p}",
            ),
            _v(
                "tutup saluran (box culvert) pecah dan berlubang",
                "Tutup saluran yang pecah sudah diganti.",
                "tutup got pecah {p}, bahaya",
                "penutup saluran jebol {p}",
            ),
        ),
        (
            "Air meluap ke jalan dan masuk ke halaman rumah warga.",
            "Genangan menimbulkan bau dan menjadi sarang nyamuk.",
        ),
    ),
    Family(
        "sampah",
        "sampah",
        "place",
        ("Sampah",),
        "Suku Dinas Lingkungan Hidup",
        (
            _v(
                "sampah rumah tangga menumpuk dan tidak diangkut selama kurang lebih {days} hari",
                "Sampah sudah diangkut oleh petugas Suku Dinas Lingkungan Hidup.",
                "sampah numpuk {p} gak diangkut {days} hr",
                "sampah blm diangkut {p}",
            ),
            _v(
                "terdapat tempat pembuangan sampah liar di lahan kosong",
                "Sampah liar sudah dibersihkan dan dipasang papan larangan.",
                "tmpt buang sampah liar {p}",
                "org buang sampah sembarangan di lahan kosong {p}",
            ),
        ),
        (
            "Tumpukan sampah menimbulkan bau tidak sedap dan mengganggu kesehatan warga.",
            "Sampah berserakan hingga ke badan jalan.",
        ),
    ),
    Family(
        "lampu",
        "penerangan_jalan",
        "place",
        ("Penerangan Jalan Umum", "Penerangan Jalan Umum", "Lampu Jalan"),
        "Suku Dinas Bina Marga",
        (
            _v(
                "{n} titik lampu penerangan jalan umum (PJU) tidak menyala",
                "Lampu PJU sudah diganti dan menyala kembali.",
                "lampu jalan mati {p}, gelap",
                "pju mati {n} titik {p}",
            ),
            _v(
                "tiang lampu PJU miring dan kabelnya menjuntai",
                "Tiang PJU sudah ditegakkan dan kabel dirapikan.",
                "tiang lampu miring, kabel gelantungan {p}",
            ),
        ),
        ("Kondisi jalan gelap pada malam hari sehingga rawan tindak kejahatan.",),
    ),
    Family(
        "parkir",
        "ketertiban",
        "place",
        ("Parkir Liar",),
        "Satpol PP Kecamatan",
        (
            _v(
                "banyak kendaraan parkir liar di badan jalan sehingga menimbulkan kemacetan",
                "Sudah dilakukan penertiban parkir liar bersama Dinas Perhubungan.",
                "parkir liar {p} bikin macet",
                "mobil parkir sembarangan {p}",
            ),
            _v(
                "terdapat juru parkir liar yang memungut tarif tidak wajar",
                "Juru parkir liar sudah ditertibkan.",
                "jukir liar mungut {p}",
            ),
        ),
    ),
    Family(
        "pkl",
        "ketertiban",
        "place",
        ("Pedagang Kaki Lima",),
        "Satpol PP Kecamatan",
        (
            _v(
                "pedagang kaki lima berjualan di atas trotoar dan menutup saluran air",
                "Sudah dilakukan penertiban PKL oleh Satpol PP.",
                "pkl jualan di trotoar {p}",
                "pedagang pake trotoar {p}, pejalan kaki turun ke jalan",
            ),
        ),
    ),
    Family(
        "air",
        "air_bersih",
        "place",
        ("Air Bersih",),
        "PAM Jaya",
        (
            _v(
                "aliran air PAM tidak mengalir selama {days} hari",
                "Aliran air sudah normal kembali setelah perbaikan jaringan.",
                "air pam mati {days} hr {p}",
                "air pam gak ngalir {p}",
            ),
            _v(
                "pipa PAM bocor sehingga air terbuang ke jalan",
                "Kebocoran pipa sudah diperbaiki oleh PAM Jaya.",
                "pipa pam bocor {p}",
            ),
        ),
    ),
    Family(
        "pohon",
        "lainnya",
        "place",
        ("Pohon Tumbang", "Pohon Tumbang", "Lainnya"),
        "Suku Dinas Pertamanan dan Hutan Kota",
        (
            _v(
                "pohon besar di pinggir jalan miring dan dahannya rawan patah",
                "Pohon sudah dipangkas oleh Suku Dinas Pertamanan dan Hutan Kota.",
                "pohon miring mau tumbang {p}",
                "dahan pohon besar rawan patah {p}",
            ),
        ),
    ),
    Family(
        "bangunan",
        "perizinan",
        "place",
        ("Perizinan", "Bangunan"),
        "Suku Dinas Cipta Karya, Tata Ruang dan Pertanahan",
        (
            _v(
                "terdapat bangunan liar yang didirikan di atas saluran air",
                "Pemilik bangunan sudah diberi surat peringatan.",
                "bangunan liar di atas got {p}",
            ),
            _v(
                "ada pembangunan gedung tanpa papan PBG yang mengganggu warga sekitar",
                "Sudah dilakukan pengecekan; pembangunan dihentikan sementara.",
                "pembangunan gedung gak ada izin {p}",
            ),
        ),
    ),
)

# Only in the background: JAKI names Pintu has no alias for, and categories the cases skip.
BACKGROUND_PLACE = (
    Family(
        "halte",
        "transportasi",
        "place",
        ("Transportasi",),
        "Suku Dinas Perhubungan",
        (
            _v(
                "halte bus rusak, atap bocor dan tempat duduk patah",
                "Halte sudah diperbaiki.",
                "halte rusak {p}",
            ),
        ),
    ),
    Family(
        "bising",
        "lainnya",
        "place",
        ("Kebisingan", "Gangguan Ketenteraman"),
        "Satpol PP Kecamatan",
        (
            _v(
                "suara musik dari kafe terdengar keras hingga lewat tengah malam",
                "Pemilik usaha sudah diberi teguran.",
                "kafe berisik sampai malam {p}",
            ),
        ),
    ),
    Family(
        "fasum",
        "lainnya",
        "place",
        ("Fasilitas Umum", "Taman"),
        "Suku Dinas Pertamanan dan Hutan Kota",
        (
            _v(
                "fasilitas taman RPTRA rusak, ayunan patah dan lampu taman mati",
                "Fasilitas taman sudah diperbaiki.",
                "taman rptra rusak {p}",
            ),
        ),
    ),
)

PERSON = (
    Family(
        "bansos",
        "bansos",
        "person",
        ("Bantuan Sosial", "Bantuan Sosial", "Bansos"),
        "Suku Dinas Sosial",
        (
            _v(
                "bantuan {program} untuk keluarga kami belum diterima sejak bulan {month}, padahal "
                "kami masih terdaftar dalam DTKS",
                "Data pelapor sudah diverifikasi; bantuan akan disalurkan pada tahap berikutnya.",
                "bansos {program} blm cair sjk {month}",
                "{program} blm terima dr bln {month}, msh terdaftar dtks",
            ),
            _v(
                "nama kami tidak lagi tercantum sebagai penerima {program} sejak bulan {month} "
                "tanpa pemberitahuan",
                "Pelapor sudah diusulkan kembali dalam pemutakhiran DTKS.",
                "nama tercoret dr penerima {program} sjk {month}",
                "gak dpt {program} lg, nama ilang dr dtks",
            ),
            _v(
                "saldo kartu {program} kami tidak dapat dicairkan di agen bank sejak bulan {month}",
                "Kartu pelapor sudah diaktifkan kembali oleh bank penyalur.",
                "saldo kartu {program} gabisa dicairkan sjk {month}",
            ),
        ),
    ),
    Family(
        "tanah",
        "pertanahan",
        "person",
        ("Pertanahan",),
        "Suku Dinas Cipta Karya, Tata Ruang dan Pertanahan",
        (
            _v(
                "sertifikat tanah kami melalui program PTSL yang didaftarkan pada tahun {year} "
                "belum juga terbit",
                "Berkas PTSL pelapor sudah dikonfirmasi ke Kantor Pertanahan.",
                "sertifikat ptsl blm jadi, daftar thn {year}",
                "ptsl {year} sertifikat blm keluar",
            ),
            _v(
                "terjadi sengketa batas tanah kami dengan pemilik lahan sebelah",
                "Sudah dilakukan mediasi di kantor kelurahan.",
                "sengketa batas tanah dgn tetangga",
            ),
            _v(
                "tanah warisan orang tua kami diklaim oleh pihak lain yang mengaku memiliki girik",
                "Pelapor diarahkan ke Kantor Pertanahan untuk pengecekan warkah.",
                "tanah warisan diklaim org lain, ngaku punya girik",
            ),
        ),
    ),
    Family(
        "dukcapil",
        "kependudukan",
        "person",
        ("Administrasi Kependudukan", "Administrasi Kependudukan", "Kependudukan"),
        "Suku Dinas Kependudukan dan Pencatatan Sipil",
        (
            _v(
                "KTP-el saya belum tercetak padahal sudah melakukan perekaman pada bulan {month}",
                "KTP-el pelapor sudah dicetak dan dapat diambil di kelurahan.",
                "ktp blm jadi, rekam bln {month}",
                "e-ktp blm dicetak sjk {month}",
            ),
            _v(
                "terdapat kesalahan tanggal lahir pada Kartu Keluarga kami",
                "Perbaikan data KK sudah diproses.",
                "tgl lahir di kk salah, minta dibetulkan",
            ),
            _v(
                "akta kelahiran anak kami belum terbit padahal berkas sudah lengkap sejak {month}",
                "Akta kelahiran sudah terbit dan dikirim ke alamat pelapor.",
                "akta lahir anak blm terbit sjk {month}",
            ),
        ),
    ),
    Family(
        "bpjs",
        "kesehatan",
        "person",
        ("Kesehatan",),
        "Suku Dinas Kesehatan",
        (
            _v(
                "kepesertaan BPJS Kesehatan PBI kami dinonaktifkan sejak bulan {month} sehingga "
                "tidak dapat berobat",
                "Kepesertaan PBI pelapor sudah diaktifkan kembali.",
                "bpjs pbi nonaktif sjk {month}, gabisa berobat",
                "kartu bpjs gratis mati sjk {month}",
            ),
            _v(
                "kami diminta membayar biaya rawat inap padahal terdaftar sebagai peserta BPJS",
                "Sudah dikonfirmasi ke rumah sakit; biaya ditanggung BPJS.",
                "disuruh bayar rawat inap pdhl peserta bpjs",
            ),
        ),
    ),
    Family(
        "kjp",
        "pendidikan",
        "person",
        ("Pendidikan",),
        "Suku Dinas Pendidikan",
        (
            _v(
                "dana KJP Plus anak kami belum cair sejak bulan {month}",
                "KJP Plus pelapor sudah dicairkan pada tahap berikutnya.",
                "kjp plus anak blm cair sjk {month}",
                "kjp anak gak cair {month}",
            ),
            _v(
                "ijazah anak kami ditahan pihak sekolah karena tunggakan biaya",
                "Sekolah sudah diminta menyerahkan ijazah kepada pelapor.",
                "ijazah anak ditahan sekolah krn nunggak",
            ),
        ),
    ),
)

PROGRAMS = ("BPNT", "PKH", "KLJ (Kartu Lansia Jakarta)", "KPDJ", "KAJ (Kartu Anak Jakarta)")
MONTHS = words(
    "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember"
)
NUMBERS = words("nol satu dua tiga empat lima enam tujuh delapan sembilan sepuluh")


def details(rng: random.Random, onset_month: int) -> dict[str, str]:
    """The concrete facts of one problem, told alike by both sides."""
    return {
        "size": str(rng.choice(range(40, 160, 10))),
        "depth": str(rng.choice(range(10, 45, 5))),
        "len": str(rng.choice(range(10, 60, 5))),
        "days": str(rng.randint(3, 9)),
        "n": str(rng.randint(2, 5)),
        "program": rng.choice(PROGRAMS),
        "month": MONTHS[onset_month - 1],
        "year": str(rng.randint(2021, 2024)),
    }


def formal_duration(days: int) -> str:
    """ "sejak tiga hari yang lalu", "sejak kurang lebih dua minggu terakhir" …"""
    if days < 7:
        return f"sejak {NUMBERS[max(days, 1)]} hari yang lalu"
    if days < 30:
        return f"sejak kurang lebih {NUMBERS[min(days // 7, 4)]} minggu terakhir"
    return f"sudah lebih dari {NUMBERS[min(days // 30, 10)]} bulan"


def desk_duration(rng: random.Random, days: int) -> str:
    """ "sdh 3 hr", "udh 2 mgg", "sdh sebulan" …"""
    already = rng.choice(("sdh", "udh", "sudah"))
    if days < 7:
        return f"{already} {max(days, 1)} hr"
    if days < 30:
        return f"{already} {days // 7} mgg"
    months = days // 30
    return f"{already} sebulan" if months == 1 and rng.random() < 0.5 else f"{already} {months} bln"
