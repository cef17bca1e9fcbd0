"""The details one complaint talks about (street, gang, landmark, RT/RW, programme …): a scene."""

from __future__ import annotations

import random
from typing import Any

from app.demo.words import words

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
