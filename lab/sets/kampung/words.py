"""Problems and the words for them: how citizens type them into JAKI and how officers write them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Issue:
    """One problem, in the app's words ({lok} {lama} {prog} {bulan} {thn}) and the desk's
    ({lokasi} {sejak} {prog} {bulan} {thn})."""

    jaki: tuple[str, ...]
    desk: tuple[str, ...]


@dataclass(frozen=True)
class Family:
    """A kind of problem. Place problems are one per street and family; person problems one
    per person and family (DOMAIN.md: same place and problem, or same person and matter)."""

    code: str
    category: str  # Pintu's code
    about: str  # "place" or "person"
    jaki_categories: tuple[str, ...]
    agency: str  # the Dinas, whose Suku Dinas works in each kota
    issues: tuple[Issue, ...]
    done: tuple[str, ...]  # JAKI follow-up notes when it is handled


PLACE = "place"
PERSON = "person"

FAMILIES = (
    Family("jalan", "jalan", PLACE, ("Jalan Rusak",), "Bina Marga", (
        Issue((
            "jalan bolong gede {lok}, udah {lama} gak dibenerin. motor sering jatoh",
            "aspal {lok} ancur parah, lobangnya dalem bgt kalo ujan gak keliatan",
            "jln rusak {lok} tolong ditambel dong pak, bahaya buat anak sekolah",
            "ada lobang di tengah jalan {lok}, kemaren ada ojol jatoh. udah {lama} kaya gini",
            "JALAN RUSAK {lok}!!! udah {lama} gak ada yg benerin",
            "jalanan {lok} ancur bolong2 kayak kubangan kebo, tlg diaspal ulang",
        ), (
            "terdapat kerusakan jalan berupa lubang cukup dalam di {lokasi} yang membahayakan "
            "pengendara",
            "permukaan jalan di {lokasi} rusak dan berlubang sejak {sejak}",
            "badan jalan di {lokasi} mengalami kerusakan sehingga beberapa pengendara roda dua "
            "terjatuh",
        )),
    ), ("Jalan sudah ditambal oleh Satgas Bina Marga", "Sudah dilakukan perbaikan aspal")),
    Family("saluran", "saluran", PLACE, ("Saluran Air, Kali/Sungai", "Banjir", "Genangan"),
           "Sumber Daya Air", (
        Issue((
            "got {lok} mampet, tiap ujan dikit langsung banjir semata kaki",
            "saluran air {lok} kagak ngalir, airnya item bau bgt. udah {lama}",
            "kalo ujan {lok} pasti kebanjiran, gotnya dangkel penuh lumpur",
            "banjir lagi {lok}!! gorong2 mampet gak pernah dikeruk",
            "air got {lok} meluber ke jalan tiap ujan, tolong dikeruk dong",
        ), (
            "saluran air di {lokasi} tersumbat endapan lumpur sehingga terjadi genangan setiap "
            "kali hujan",
            "drainase lingkungan di {lokasi} tidak berfungsi dan menimbulkan genangan air sejak "
            "{sejak}",
            "terjadi genangan air setinggi kurang lebih 20 cm di {lokasi} akibat saluran yang "
            "tidak mengalir",
        )),
    ), ("Saluran sudah dikeruk oleh petugas PJLP/PPSU", "Sudah dilakukan pengerukan lumpur")),
    Family("sampah", "sampah", PLACE, ("Sampah",), "Lingkungan Hidup", (
        Issue((
            "sampah numpuk {lok} udah {lama} gak diangkut, bau bgt",
            "tps liar {lok} makin gede aja, tolong diangkut pak",
            "truk sampah gak dateng2 {lok}, sampe luber ke jalan. lalernya ampun",
            "orang2 pada buang sampah sembarangan {lok} jadi gunungan, bau busuk",
        ), (
            "terjadi penumpukan sampah di {lokasi} yang tidak diangkut sejak {sejak} dan "
            "menimbulkan bau tidak sedap",
            "terdapat tempat pembuangan sampah liar di {lokasi}",
            "pengangkutan sampah rumah tangga di {lokasi} tidak dilakukan secara rutin sehingga "
            "sampah menumpuk di pinggir jalan",
        )),
    ), ("Sampah sudah diangkut oleh Satpel LH kecamatan", "Lokasi sudah dibersihkan")),
    Family("pju", "penerangan_jalan", PLACE, ("Penerangan Jalan Umum", "Lampu Jalan"),
           "Bina Marga", (
        Issue((
            "lampu jalan {lok} mati, gelap gulita rawan begal",
            "pju {lok} mati udah {lama}, tolong dong diganti",
            "lampu jalanan {lok} kedap kedip trus mati total. serem kalo malem",
            "tiang lampu {lok} gak nyala2, ibu2 pulang kerja takut lewat",
        ), (
            "lampu Penerangan Jalan Umum (PJU) di {lokasi} padam sejak {sejak}",
            "lampu PJU di {lokasi} tidak menyala sehingga kondisi jalan gelap pada malam hari",
            "penerangan jalan di {lokasi} tidak berfungsi dan warga khawatir terjadi tindak "
            "kejahatan",
        )),
    ), ("Lampu PJU sudah diganti dan menyala kembali", "Sudah diperbaiki oleh tim PJU")),
    Family("parkir", "ketertiban", PLACE, ("Parkir Liar",), "Perhubungan", (
        Issue((
            "parkir liar {lok} makan jalan, macet tiap sore",
            "mobil parkir sembarangan {lok} nutupin jalan, ambulans aja gak bisa lewat",
            "jukir liar {lok} malakin 5rb, motor parkir ampe ke tengah jalan",
        ), (
            "kendaraan parkir di badan jalan di {lokasi} sehingga mengganggu arus lalu lintas",
            "terdapat juru parkir liar di {lokasi} yang memungut biaya parkir tanpa izin dan "
            "kendaraan memakan badan jalan",
        )),
    ), ("Sudah dilakukan penertiban parkir liar bersama Satpol PP",)),
    Family("pkl", "ketertiban", PLACE, ("Pedagang Kaki Lima", "Ketertiban Umum"), "Satpol PP", (
        Issue((
            "pkl {lok} pake trotoar ampe pejalan kaki turun ke jalan",
            "pedagang gerobak {lok} mangkal di trotoar, tenda2nya permanen",
            "lapak pedagang {lok} nutupin setengah jalan, tiap malem rame",
        ), (
            "pedagang kaki lima berjualan di trotoar di {lokasi} sehingga pejalan kaki terpaksa "
            "berjalan di badan jalan",
            "lapak pedagang kaki lima di {lokasi} menutup sebagian jalan sejak {sejak}",
        )),
    ), ("Sudah dilakukan penertiban PKL oleh Satpol PP kecamatan",)),
    Family("air", "air_bersih", PLACE, ("Air Bersih",), "PAM Jaya", (
        Issue((
            "air pam {lok} mati udah {lama}, warga beli air galonan",
            "aer ledeng {lok} kagak ngalir sama sekali, tolong dong pam",
        ), (
            "pasokan air bersih PAM di {lokasi} terhenti sejak {sejak}",
            "air PAM Jaya tidak mengalir ke rumah-rumah warga di {lokasi}",
        )),
        Issue((
            "air pam {lok} keruh kuning kayak teh, gak bisa buat nyuci",
            "air ledeng {lok} bau kaporit bgt & butek, udah {lama}",
        ), (
            "air PAM di {lokasi} keruh berwarna kecokelatan dan tidak layak pakai",
            "kualitas air bersih di {lokasi} buruk: keruh dan berbau sejak {sejak}",
        )),
    ), ("Sudah dilakukan perbaikan pipa oleh PAM Jaya",)),
    Family("bangunan", "perizinan", PLACE, ("Perizinan", "Bangunan"),
           "Cipta Karya, Tata Ruang dan Pertanahan", (
        Issue((
            "ada bangunan baru {lok} nutupin saluran & makan badan jalan, izinnya apa ada?",
            "org bangun ruko {lok} tanpa izin kayaknya, udah 3 lantai",
        ), (
            "terdapat bangunan yang didirikan di {lokasi} diduga tanpa Persetujuan Bangunan "
            "Gedung (PBG)",
            "pembangunan gedung di {lokasi} diduga melanggar garis sempadan dan tidak memiliki "
            "izin",
        )),
    ), ("Sudah dilakukan pengecekan dan pemberian surat peringatan kepada pemilik bangunan",)),
    Family("transport", "transportasi", PLACE, ("Transportasi",), "Perhubungan", (
        Issue((
            "lampu merah {lok} mati, semrawut bgt tiap pagi",
            "traffic light {lok} error, ijonya gak nyala2",
        ), (
            "lampu lalu lintas di {lokasi} tidak berfungsi sehingga arus kendaraan semrawut",
        )),
        Issue((
            "halte {lok} atapnya bolong, kalo ujan basah semua",
            "halte bus {lok} rusak kursinya ancur",
        ), (
            "halte di {lokasi} rusak: atap bocor dan tempat duduk patah",
        )),
    ), ("Sudah ditindaklanjuti oleh Suku Dinas Perhubungan",)),
    Family("pohon", "lainnya", PLACE, ("Pohon Tumbang", "Pertamanan"),
           "Pertamanan dan Hutan Kota", (
        Issue((
            "pohon gede {lok} udah miring mau tumbang, dahannya kena kabel",
            "dahan pohon {lok} patah nyangkut di kabel, takut jatoh ke orang",
        ), (
            "pohon besar di {lokasi} miring dan dahannya mengenai kabel listrik, dikhawatirkan "
            "tumbang",
        )),
    ), ("Sudah dilakukan pemangkasan pohon",)),
    Family("bansos", "bansos", PERSON, ("Bantuan Sosial",), "Sosial", (
        Issue((
            "{prog} aye udah {lama} kagak cair, dari bulan {bulan}",
            "pak tolong {prog} sy blm masuk2 dari bulan {bulan}, pdhl msh terdaftar",
            "knp {prog} bulan {bulan} gak cair ya? tetangga dapet sy nggak",
        ), (
            "{prog} belum diterima sejak bulan {bulan} padahal Pemohon masih terdaftar sebagai "
            "penerima",
            "penyaluran {prog} untuk Pemohon terhenti sejak {bulan} tanpa pemberitahuan",
        )),
        Issue((
            "nama sy tiba2 ilang dr dtks, {prog} jadi gak dapet lagi",
            "kok sy dicoret dari dtks? {prog} stop, pdhl msh susah",
        ), (
            "nama Pemohon tidak lagi tercantum dalam Data Terpadu Kesejahteraan Sosial (DTKS) "
            "sehingga {prog} dihentikan",
        )),
        Issue((
            "kartu {prog} keblokir gak bisa dipake di atm bank dki",
            "atm {prog} sy keblokir, udah ke bank disuruh ke kelurahan",
        ), (
            "kartu {prog} milik Pemohon terblokir dan tidak dapat digunakan untuk penarikan "
            "dana",
        )),
    ), ("Sudah dilakukan pengecekan data, pelapor diminta datang ke kantor kelurahan",)),
    Family("tanah", "pertanahan", PERSON, ("Pertanahan",),
           "Cipta Karya, Tata Ruang dan Pertanahan", (
        Issue((
            "sertifikat ptsl tanah aye blm jadi2 udah ikut dr thn {thn}",
            "ikut ptsl thn {thn} sampe skrg sertipikat gak keluar, tiap nanya disuruh nunggu",
        ), (
            "sertifikat tanah yang diajukan melalui program Pendaftaran Tanah Sistematis Lengkap "
            "(PTSL) tahun {thn} belum diterbitkan",
        )),
        Issue((
            "tanah sy dipagerin tetangga, pagernya ngelewatin patok",
            "batas tanah sy diserobot tetangga, udah mediasi di rw gak beres",
        ), (
            "terdapat sengketa batas bidang tanah dengan pemilik lahan yang berbatasan; pagar "
            "tetangga melewati patok batas milik Pemohon",
        )),
        Issue((
            "tanah warisan orangtua diklaim org ngaku2 punya surat",
            "ada yg ngaku2 punya tanah warisan babe aye, bawa2 preman",
        ), (
            "tanah warisan keluarga Pemohon diklaim oleh pihak lain yang mengaku memiliki "
            "dokumen kepemilikan",
        )),
    ), ("Pelapor diarahkan ke Kantor Pertanahan untuk mediasi",)),
    Family("dukcapil", "kependudukan", PERSON, ("Administrasi Kependudukan",),
           "Kependudukan dan Pencatatan Sipil", (
        Issue((
            "e-ktp sy blm dicetak2 udh {lama}, katanya blangko abis",
            "ktp el aye blom jadi dari rekam bulan {bulan}",
        ), (
            "KTP elektronik Pemohon belum dicetak sejak perekaman pada bulan {bulan}",
        )),
        Issue((
            "nik sy dinonaktifin pdhl msh tinggal di jkt",
            "nik aye mendadak gak aktif, gak bisa ngurus apa2",
        ), (
            "NIK Pemohon dinonaktifkan dalam penataan administrasi kependudukan padahal Pemohon "
            "masih berdomisili di Jakarta",
        )),
        Issue((
            "akta lahir anak gak jadi2, udah {lama} bolak balik",
            "ngurus akte kelahiran anak dipingpong kelurahan-sudin",
        ), (
            "akta kelahiran anak Pemohon belum diterbitkan sejak {sejak}",
        )),
    ), ("Dokumen sudah dapat diambil di kantor kelurahan",)),
    Family("kesehatan", "kesehatan", PERSON, ("Kesehatan",), "Kesehatan", (
        Issue((
            "bpjs pbi sy tiba2 nonaktif pas mau berobat",
            "kis aye gak aktif lagi, disuruh bayar umum di puskesmas",
        ), (
            "kepesertaan BPJS Kesehatan PBI (Penerima Bantuan Iuran) Pemohon dinonaktifkan "
            "sehingga Pemohon tidak dapat berobat",
        )),
        Issue((
            "anak sy ditolak rs alesannya kamar penuh, pdhl pake bpjs",
        ), (
            "anak Pemohon ditolak rawat inap di rumah sakit dengan alasan kamar penuh meskipun "
            "peserta BPJS Kesehatan",
        )),
    ), ("Kepesertaan sudah diaktifkan kembali",)),
    Family("pendidikan", "pendidikan", PERSON, ("Pendidikan",), "Pendidikan", (
        Issue((
            "kjp plus anak sy gak cair dari bulan {bulan}",
            "kjp+ anak aye blm masuk {bulan}, temen sekelasnya udah",
            "dana kjp anak gak cair2 pak, buat beli seragam",
        ), (
            "dana Kartu Jakarta Pintar (KJP) Plus anak Pemohon belum dicairkan sejak bulan "
            "{bulan}",
            "bantuan pendidikan KJP Plus untuk anak Pemohon tidak diterima sejak {bulan}",
        )),
        Issue((
            "ijazah anak ditahan sekolah krn nunggak spp",
        ), (
            "ijazah anak Pemohon ditahan oleh pihak sekolah karena tunggakan biaya sekolah",
        )),
    ), ("Sudah dikoordinasikan dengan pihak sekolah",)),
)  # fmt: skip

BY_CODE = {f.code: f for f in FAMILIES}
PLACE_FAMILIES = tuple(f for f in FAMILIES if f.about == PLACE)
PERSON_FAMILIES = tuple(f for f in FAMILIES if f.about == PERSON)
# How often each family comes through each door.
JAKI_WEIGHTS = {
    "jalan": 16, "saluran": 14, "sampah": 12, "pju": 9, "parkir": 6, "pkl": 5, "air": 5,
    "bangunan": 3, "transport": 3, "pohon": 3,
    "bansos": 8, "tanah": 2, "dukcapil": 5, "kesehatan": 3, "pendidikan": 3,
}  # fmt: skip
DESK_PERSON_WEIGHTS = {"bansos": 40, "tanah": 25, "dukcapil": 15, "kesehatan": 10, "pendidikan": 10}
DESK_PLACE_WEIGHTS = {
    "jalan": 18, "saluran": 18, "sampah": 14, "pju": 10, "parkir": 7, "pkl": 7, "air": 8,
    "bangunan": 8, "transport": 4, "pohon": 3,
}  # fmt: skip
# Pairs of families too close to call one problem or two; never a "different problem" pair.
TOO_CLOSE = {frozenset(("saluran", "sampah")), frozenset(("pju", "transport"))}

# Bansos programmes: (what citizens type, what officers write)
PROGRAMMES = (
    (("bpnt", "bansos sembako", "kartu sembako", "bantuan sembako"),
     ("Bantuan Pangan Non Tunai (BPNT)", "bantuan sosial pangan (program Sembako)")),
    (("pkh", "bansos pkh", "bantuan pkh"), ("Program Keluarga Harapan (PKH)", "bantuan PKH")),
    (("klj", "kartu lansia", "bantuan lansia", "kartu lansia jakarta"),
     ("Kartu Lansia Jakarta (KLJ)", "bantuan sosial Kartu Lansia Jakarta")),
    (("kpdj", "kartu disabilitas"), ("Kartu Penyandang Disabilitas Jakarta (KPDJ)",)),
    (("kaj", "kartu anak jakarta"), ("Kartu Anak Jakarta (KAJ)",)),
    (("blt", "blt bbm"), ("Bantuan Langsung Tunai (BLT)",)),
)  # fmt: skip
MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
    "Oktober", "November", "Desember",
)  # fmt: skip

GREETINGS = (
    "", "", "", "", "pak lurah, ", "min, ", "halo min ", "assalamualaikum, ", "selamat pagi pak, ",
    "gan, ", "permisi pak/bu, ", "lapor pak, ", "mohon izin lapor, ", "pagi min, ",
)  # fmt: skip
PLEAS = (
    "", "", "tolong dong pak segera ditindak", "mohon ditindaklanjuti", "tlg diperhatiin",
    "makasih", "jgn cuma difoto doang", "udah lapor berkali2 gak ada respon", "kapan nih beres?",
    "gimana nih pak lurah", "tolong bgt ya pak", "warga udah capek ngeluh", "mohon bantuannya",
    "pegimane nih", "plis gercep",
)  # fmt: skip
DESK_OPENERS = (
    "Pemohon menyampaikan bahwa {x}.",
    "Pemohon mengadukan bahwa {x}.",
    "Pemohon melaporkan bahwa {x}.",
    "Pemohon datang ke meja pengaduan dan menyampaikan bahwa {x}.",
    "Yang bersangkutan (Pemohon) menyampaikan keluhan bahwa {x}.",
)
DESK_PERSON_NOTES = (
    "",
    "",
    " Pemohon membawa KTP dan KK asli.",
    " Pemohon telah menanyakan ke kelurahan namun belum mendapat kejelasan.",
    " Pemohon memohon agar permasalahan tersebut ditindaklanjuti.",
    " Pemohon meminta kepastian penyelesaian.",
)
DESK_PLACE_NOTES = (
    "",
    " Pemohon memohon agar segera dilakukan perbaikan.",
    " Warga sekitar telah melaporkan ke RT/RW setempat.",
    " Pemohon meminta agar instansi terkait segera meninjau lokasi.",
    " Kondisi tersebut dinilai meresahkan warga sekitar.",
)
DESK_SAID_JAKI = (
    " Pemohon menyatakan sudah pernah melapor melalui aplikasi JAKI namun belum tuntas."
)
DESK_NEIGHBOUR_JAKI = " Menurut Pemohon, warga lain sudah pernah melaporkan hal ini melalui JAKI."
