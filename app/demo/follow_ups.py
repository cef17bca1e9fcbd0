"""Who answers a JAKI report and what they write in its follow-ups: agencies and their notes."""

from __future__ import annotations

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
