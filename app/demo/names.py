"""Names for invented reporters and complainants: common Indonesian given and family names."""

from __future__ import annotations

import random

from app.demo.words import words

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
