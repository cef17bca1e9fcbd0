"""Words for the demo generator (app.demo.generator): names, places and complaint texts.

Informal texts are written the way citizens type in JAKI; formal ones the way a desk officer
writes a walk-in complaint down. Templates take their slots from a *scene* (one street, gang,
landmark, RT/RW, programme …), so a walk-in that restates a JAKI report can reuse its details.
"""

from __future__ import annotations

import random
import re
from typing import Any

# --- People --------------------------------------------------------------------------------------


def words(text: str) -> tuple[str, ...]:
    """The comma-separated items of `text`."""
    return tuple(word.strip() for word in text.split(","))


MALE_GIVEN = words(
    "Budi, Agus, Muhammad, Ahmad, Andi, Rudi, Hendra, Dedi, Joko, Bambang, Eko, Yusuf, Rizki, "
    "Fajar, Dimas, Arif, Hadi, Irfan, Teguh, Wahyu, Slamet, Imam, Rahmat, Ilham, Bayu, Yoga, "
    "Taufik, Asep, Ujang, Doni"
)
FEMALE_GIVEN = words(
    "Siti, Dewi, Nur, Sri, Ani, Rina, Yuni, Fitri, Lina, Maya, Ratna, Putri, Wulan, Indah, Rini, "
    "Tuti, Nia, Dian, Eka, Ayu, Lilis, Endang, Kartika, Nurul, Intan, Mega, Aisyah, Fatimah, "
    "Yanti, Ida"
)
MALE_FAMILY = words(
    "Santoso, Setiawan, Rizki, Hidayat, Saputra, Kurniawan, Prasetyo, Wibowo, Gunawan, "
    "Firmansyah, Nugroho, Pratama, Hermawan, Ramadhan, Susanto"
)
FEMALE_FAMILY = words(
    "Rahmawati, Lestari, Aini, Wulandari, Handayani, Susanti, Maharani, Safitri, Puspitasari, "
    "Anggraini, Kusumawati, Permatasari, Fitriani"
)
SHARED_FAMILY = words(
    "Siregar, Nasution, Lubis, Harahap, Simanjuntak, Sitompul, Tambunan, Manurung, Hutapea, "
    "Pohan, Sinaga, Simatupang, Wijaya, Halim, Tanjung"
)
MALE_SINGLE = words("Sutrisno, Suparman, Mulyadi, Sukirman, Darsono, Karyadi, Mardi")
FEMALE_SINGLE = words("Suparmi, Wartini, Mulyani, Rohaya, Sumiati, Kasmini, Sarinah")


def full_name(rng: random.Random, female: bool) -> str:
    """A common Indonesian name; about one in seven is a single word."""
    if rng.random() < 0.14:
        return rng.choice(FEMALE_SINGLE if female else MALE_SINGLE)
    given = rng.choice(FEMALE_GIVEN if female else MALE_GIVEN)
    families = (FEMALE_FAMILY if female else MALE_FAMILY) + SHARED_FAMILY
    family = rng.choice(families)
    if family == given:
        family = rng.choice(SHARED_FAMILY)
    return f"{given} {family}"


# --- Places --------------------------------------------------------------------------------------

STREETS_BY_KOTA: dict[str, tuple[str, ...]] = {
    "31.01": words("Dermaga, Pantai Utara, Pelabuhan, Lapangan Bola"),
    "31.71": words(
        "Kramat Raya, Tanah Abang II, Kebon Sirih, Salemba Raya, Percetakan Negara, "
        "Cempaka Putih Tengah, Kebon Kacang Raya, Pejompongan Raya, Gunung Sahari"
    ),
    "31.72": words(
        "Plumpang Raya, Yos Sudarso, Warakas Raya, Lodan Raya, Pluit Karang, Kebon Bawang, "
        "Tipar Cakung, Sunter Jaya, Kapuk Muara"
    ),
    "31.73": words(
        "Tanjung Duren Raya, Daan Mogot, Kyai Tapa, Kemanggisan Raya, Meruya Ilir, Peta Selatan, "
        "Kamal Raya, Duri Kosambi, Jelambar Baru"
    ),
    "31.74": words(
        "Tebet Raya, Kalibata Raya, Warung Buncit Raya, Fatmawati, Kemang Raya, Ciputat Raya, "
        "Lenteng Agung, Pasar Minggu, Manggarai Utara"
    ),
    "31.75": words(
        "Otista Raya, Dewi Sartika, Raya Bogor, Pemuda, Pahlawan Revolusi, Kalimalang, "
        "Radin Inten II, Utan Kayu Raya, Kampung Melayu Besar"
    ),
}
GENERIC_STREETS = words(
    "Swadaya, Bhakti, Haji Naim, Mawar, Melati, Kenanga, Delima, Masjid Al Ikhlas, Musyawarah, "
    "Kemuning, Flamboyan, Anggrek"
)
GANGS = words(
    "Masjid, Mushola, Haji Naim, Kelor, Sawo, Langgar, Buntu, 5, II, Swadaya, Asem, Kober, "
    "Haji Saali, Kembang"
)
# (as typed in the app, as an officer writes it)
LANDMARKS = (
    ("dpn SDN 03", "depan SDN 03"),
    ("dpn SDN 11 pagi", "depan SDN 11 Pagi"),
    ("sblh musholla", "sebelah musala"),
    ("dkt pasar", "dekat pasar"),
    ("dpn masjid", "depan masjid"),
    ("dkt pos RW", "dekat pos RW"),
    ("sblh indomaret", "sebelah minimarket"),
    ("dpn puskesmas", "depan puskesmas"),
    ("dkt jembatan", "dekat jembatan"),
    ("ujung gang", "ujung gang"),
    ("pertigaan dkt warteg", "pertigaan dekat warteg"),
    ("dpn kantor kelurahan", "depan kantor kelurahan"),
    ("dkt halte", "dekat halte"),
    ("blkg pasar", "belakang pasar"),
    ("sblh SMPN 12", "sebelah SMPN 12"),
    ("dkt rel kereta", "dekat rel kereta"),
    ("dpn gereja", "depan gereja"),
    ("dkt lapangan futsal", "dekat lapangan futsal"),
    ("sblh bengkel", "sebelah bengkel"),
    ("dpn RPTRA", "depan RPTRA"),
    ("dkt pintu air", "dekat pintu air"),
    ("perempatan lampu merah", "perempatan lampu merah"),
    ("dpn apotek", "depan apotek"),
    ("blkg kantor kecamatan", "belakang kantor kecamatan"),
    ("dkt tikungan", "dekat tikungan"),
)
KALI = words(
    "Kali Ciliwung, Kali Sunter, Kali Krukut, Kali Pesanggrahan, Kali Angke, Kali Cipinang, "
    "Kali Grogol, Kali Baru, Kali Mookervart, Kali Item"
)
PROGRAMS = words("BPNT, PKH, BST, KLJ, KAJ, KPDJ, bansos sembako")
SCHOOL_AID = words("KJP Plus, KJMU, KIP")
DOCS = words("KTP-el, KK, akta kelahiran, KIA, akta kematian, surat pindah")
FASKES = words(
    "puskesmas, RSUD Tarakan, RSUD Koja, RSUD Budhi Asih, RSUD Pasar Minggu, RSUD Cengkareng, "
    "RS Fatmawati, klinik"
)
SCHOOLS = words("SDN 01, SDN 05, SMPN 216, SMPN 73, SMAN 8, SMKN 26, SMAN 31, SDN 09")
MONTHS = words(
    "januari, februari, maret, april, mei, juni, juli, agustus, september, oktober, november, "
    "desember"
)


def new_scene(rng: random.Random, *, kel: str, kec: str, kota_code: str) -> dict[str, Any]:
    """The details one complaint talks about."""
    own = STREETS_BY_KOTA.get(kota_code, ())
    return {
        "street": rng.choice(own) if own and rng.random() < 0.7 else rng.choice(GENERIC_STREETS),
        "gang": rng.choice(GANGS),
        "in_gang": rng.random() < 0.45,  # the address is in the gang, off the street
        "no": rng.randint(1, 150),
        "rt": rng.randint(1, 15),
        "rw": rng.randint(1, 12),
        "lm": rng.randrange(len(LANDMARKS)),
        "kali": rng.choice(KALI),
        "prog": rng.choice(PROGRAMS),
        "kjp": rng.choice(SCHOOL_AID),
        "doc": rng.choice(DOCS),
        "faskes": rng.choice(FASKES),
        "sekolah": rng.choice(SCHOOLS),
        "bln": rng.choice(MONTHS),
        "n": rng.randint(2, 6),
        "kel": kel,
        "kec": kec,
    }


# --- Complaint texts -----------------------------------------------------------------------------

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


# --- Recalling a JAKI report ---------------------------------------------------------------------


def _first(text: str, options: tuple[str, ...], prefix: str = r"\b") -> str | None:
    for option in sorted(options, key=len, reverse=True):
        if re.search(prefix + re.escape(option.lower()) + r"\b", text):
            return option
    return None


def _template_pattern(template: str) -> re.Pattern[str]:
    pieces = re.split(r"\{\w+\}", template)
    return re.compile(".+?".join(re.escape(piece) for piece in pieces), re.IGNORECASE)


_PATTERNS = {
    category: tuple(_template_pattern(informal) for informal, _ in pairs)
    for category, pairs in TEMPLATES.items()
}
_ADDRESS = {
    "street": re.compile(r"\bJl\.\s*([^,]+?)(?=\s+(?:Gg\.|No\.)|,|$)", re.IGNORECASE),
    "gang": re.compile(r"\bGg\.\s*([^,]+?)(?=\s+No\.|\s+RT|,|$)", re.IGNORECASE),
    "no": re.compile(r"\bNo\.\s*(\d+)", re.IGNORECASE),
}
_RT_RW = re.compile(r"\bRT\.?\s*0*(\d{1,3})(?:\s*/?\s*RW\.?\s*0*(\d{1,3}))?", re.IGNORECASE)
_COUNT = re.compile(r"\b(\d{1,2})\s*(?:bln|bulan|minggu|hari|th|tahun)\b")


def recall_scene(report: dict[str, Any], scene: dict[str, Any]) -> None:
    """Overwrite `scene` with what a JAKI report says: its matter (which template), street, gang,
    house number, RT/RW, landmark, programme, document, count."""
    address = report.get("address") or ""
    text = str(report.get("description", "")).lower()
    patterns = _PATTERNS.get(report.get("category", ""), ())
    scene["matter"] = next((i for i, p in enumerate(patterns) if p.search(text)), None)
    for key, pattern in _ADDRESS.items():
        if m := pattern.search(address):
            scene[key] = int(m.group(1)) if key == "no" else m.group(1).strip()
    scene["in_gang"] = bool(_ADDRESS["gang"].search(address))
    if not scene["in_gang"] and (gang := _first(text, GANGS, r"\b(?:gg\.?|gang)\s*")):
        scene["gang"], scene["in_gang"] = gang, True
    if not _ADDRESS["street"].search(address):
        streets = GENERIC_STREETS + tuple(s for group in STREETS_BY_KOTA.values() for s in group)
        scene["street"] = _first(text, streets, r"\b(?:jl\.?|jln\.?|jalan)\s*") or scene["street"]
    if m := (_RT_RW.search(address) or _RT_RW.search(text)):
        scene["rt"] = max(1, int(m.group(1)))
        scene["rw"] = max(1, int(m.group(2))) if m.group(2) else scene["rw"]
    if m := _COUNT.search(text):
        scene["n"] = int(m.group(1))
    informal_landmarks = tuple(lm for lm, _ in LANDMARKS)
    if (lm := _first(text, informal_landmarks)) is not None:
        scene["lm"] = informal_landmarks.index(lm)
    for key, options in (
        ("kali", KALI),
        ("prog", PROGRAMS),
        ("kjp", SCHOOL_AID),
        ("doc", DOCS),
        ("faskes", FASKES),
        ("sekolah", SCHOOLS),
        ("bln", MONTHS),
    ):
        scene[key] = _first(text, options) or scene[key]


# --- Follow-ups ----------------------------------------------------------------------------------

# JAKI category: (the agency, its branch in one kota; "{kota}" is the kota's short name)
AGENCIES: dict[str, tuple[str, str]] = {
    "Bantuan Sosial": ("Dinas Sosial", "Suku Dinas Sosial {kota}"),
    "Pertanahan": (
        "Dinas Cipta Karya, Tata Ruang dan Pertanahan",
        "Suku Dinas Cipta Karya, Tata Ruang dan Pertanahan {kota}",
    ),
    "Administrasi Kependudukan": (
        "Dinas Kependudukan dan Pencatatan Sipil",
        "Suku Dinas Kependudukan dan Pencatatan Sipil {kota}",
    ),
    "Kesehatan": ("Dinas Kesehatan", "Suku Dinas Kesehatan {kota}"),
    "Pendidikan": ("Dinas Pendidikan", "Suku Dinas Pendidikan {kota}"),
    "Jalan Rusak": ("Dinas Bina Marga", "Suku Dinas Bina Marga {kota}"),
    "Saluran Air, Kali/Sungai": ("Dinas Sumber Daya Air", "Suku Dinas Sumber Daya Air {kota}"),
    "Banjir": ("Dinas Sumber Daya Air", "Suku Dinas Sumber Daya Air {kota}"),
    "Sampah": ("Dinas Lingkungan Hidup", "Suku Dinas Lingkungan Hidup {kota}"),
    "Penerangan Jalan Umum": ("Dinas Bina Marga", "Suku Dinas Bina Marga {kota}"),
    "Parkir Liar": ("Dinas Perhubungan", "Suku Dinas Perhubungan {kota}"),
    "Pedagang Kaki Lima": ("Satpol PP", "Satpol PP {kota}"),
    "Air Bersih": ("PAM Jaya", "PAM Jaya Wilayah {kota}"),
    "Perizinan": (
        "Dinas Cipta Karya, Tata Ruang dan Pertanahan",
        "Suku Dinas Cipta Karya, Tata Ruang dan Pertanahan {kota}",
    ),
    "Transportasi": ("Dinas Perhubungan", "Suku Dinas Perhubungan {kota}"),
    "Pohon Tumbang": (
        "Dinas Pertamanan dan Hutan Kota",
        "Suku Dinas Pertamanan dan Hutan Kota {kota}",
    ),
}
NOTE_RECEIVED = (
    "Laporan telah diterima dan diverifikasi.",
    "Laporan diteruskan ke {sudin}.",
    "Petugas akan melakukan pengecekan ke lokasi.",
)
NOTE_COORDINATE = (
    "Laporan dikoordinasikan dengan {dinas} karena bukan kewenangan kelurahan.",
    "Laporan dilimpahkan kepada {dinas} untuk ditangani.",
)
NOTE_DISPOSE = (
    "Laporan didisposisikan kepada {sudin} untuk ditindaklanjuti.",
    "Mohon {sudin} menindaklanjuti laporan ini sesuai kewenangan.",
)
NOTE_PROCESS = (
    "Petugas telah melakukan pengecekan ke lokasi; penanganan sedang berlangsung.",
    "Tim dijadwalkan melakukan penanganan minggu ini.",
    "Data pelapor sedang diverifikasi bersama petugas.",
)
NOTE_DONE = (
    "Penanganan telah selesai dilaksanakan. Terima kasih atas laporannya.",
    "Telah dilakukan perbaikan di lokasi sesuai laporan.",
    "Permasalahan telah diselesaikan dan pelapor sudah dihubungi.",
)
NOTE_REJECTED = (
    "Laporan tidak dapat ditindaklanjuti karena informasi lokasi kurang lengkap.",
    "Laporan merupakan duplikat dari laporan sebelumnya.",
    "Lokasi yang dilaporkan merupakan lahan milik swasta dan bukan kewenangan Pemprov DKI Jakarta.",
)
