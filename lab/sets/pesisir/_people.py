"""People: names as Jakarta has them, NIKs by DOMAIN.md's rule, phone numbers, homes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from random import Random

from lab.sets.pesisir._geo import RT_ZONE_M, Atlas, Kelurahan, Street

# Per origin: men's first names, women's, second names, and where outside Jakarta such people
# were registered (kabupaten/kota code, number of kecamatan) for their NIK.
Origin = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[tuple[str, int], ...]]

# fmt: off
ORIGINS: dict[str, Origin] = {
    "betawi": (
        ("Rojali", "Sabeni", "Jaelani", "Mamat", "Sanusi", "Mursid", "Zakaria", "Nasrudin", "Sueb",
         "Muhidin", "Sarmili", "Udin", "Romli", "Marzuki", "Syamsudin", "Rohim", "Mahmud", "Saaman",
         "Jiih", "Ipin", "Mansur", "Ali Akbar", "Haji Naim"),
        ("Juleha", "Zubaedah", "Romlah", "Mimin", "Masitoh", "Saodah", "Aminah", "Munah", "Nori",
         "Ijah", "Hindun", "Rohaya", "Nurlela", "Maemunah", "Salamah", "Fatimah"),
        ("", "", "", "Bin Saaman", "Hasan", "Ali", "Syafei", "Mahmud", "Ridwan", "Nasution"),
        (),
    ),
    "jawa": (
        ("Slamet", "Sutrisno", "Joko", "Bambang", "Wahyu", "Agus", "Eko", "Budi", "Darto",
         "Suparman", "Karyadi", "Sugeng", "Teguh", "Purnomo", "Heru", "Priyo", "Yanto", "Gatot",
         "Wawan", "Tri",
         "Dwi", "Bagus", "Suyono", "Paijo"),
        ("Sri", "Endang", "Sumarni", "Wartini", "Suparmi", "Tri", "Dwi", "Wulan", "Lestari",
         "Ningsih", "Yuli", "Rahayu", "Sulastri", "Tutik", "Suwarni", "Sumiati", "Painem",
         "Warsini"),
        ("Santoso", "Setiawan", "Prasetyo", "Nugroho", "Wibowo", "Susanto", "Hartono", "Purwanto",
         "Wahyuni", "Rahayu", "Lestari", "Suryani", "Handayani", "Widodo", "Utomo", "", ""),
        (("3328", 18), ("3327", 14), ("3329", 17), ("3302", 27), ("3310", 26), ("3309", 19),
         ("3313", 17), ("3501", 12), ("3578", 31), ("3374", 16)),
    ),
    "sunda": (
        ("Asep", "Ujang", "Cecep", "Dadang", "Ade", "Deden", "Iwan", "Yayan", "Encep", "Jajang",
         "Ujang", "Aceng", "Dede", "Ruhiyat"),
        ("Euis", "Neng", "Imas", "Iis", "Lilis", "Enung", "Yeni", "Cucu", "Nining", "Popon",
         "Entin"),
        ("Sunandar", "Supriatna", "Hermawan", "Kurniawan", "Hidayat", "Rukmana", "Suhendar",
         "Permana", "Sopandi", "Nurjaman", ""),
        (("3201", 40), ("3209", 40), ("3212", 31), ("3205", 42), ("3208", 32), ("3275", 12),
         ("3216", 23)),
    ),
    "umum": (
        ("Muhammad", "Ahmad", "Rizki", "Fajar", "Dimas", "Bayu", "Andi", "Arif", "Haris", "Imam",
         "Irfan", "Yusuf", "Taufik", "Hendra", "Rudi", "Dedi", "Fauzi", "Ridwan", "Iqbal", "Hasan",
         "Ilham", "Reza", "Farhan", "Rafi", "Aldi", "Gilang", "Rian", "Yoga"),
        ("Siti", "Nur", "Dewi", "Ratna", "Rina", "Fitri", "Indah", "Maya", "Nia", "Rini", "Sari",
         "Aisyah", "Nurhayati", "Yanti", "Putri", "Nabila", "Annisa", "Salsabila", "Aulia", "Dinda",
         "Tiara", "Intan", "Nadia"),
        ("Hidayat", "Saputra", "Ramadhan", "Pratama", "Maulana", "Hakim", "Rahman", "Fauzi",
         "Firmansyah", "Kurniasih", "Rahmawati", "Puspitasari", "Anggraini", "Wulandari",
         "Novitasari", "Permatasari", "Nurjanah", "Hasanah", "Fitriani", "Syahputra", "Akbar"),
        (("3603", 29), ("3604", 29), ("1801", 17), ("3671", 13), ("3276", 11)),
    ),
    "batak": (
        ("Martua", "Parulian", "Hotman", "Benny", "Roy", "Tigor", "Poltak", "Jonter", "Sahat",
         "Togar", "Binsar", "Maruli"),
        ("Rosmawati", "Lasma", "Tiurma", "Dame", "Hotnida", "Rumondang", "Lenny", "Masniari",
         "Roslina"),
        ("Siregar", "Simanjuntak", "Nainggolan", "Situmorang", "Hutapea", "Sihombing", "Pardede",
         "Manurung", "Sinaga", "Hasibuan", "Lubis", "Nasution", "Harahap", "Panjaitan"),
        (("1271", 21), ("1202", 15), ("1212", 16), ("1209", 13)),
    ),
    "bugis": (
        ("Andi Baso", "Muh. Arsyad", "Syamsul", "Ambo", "Baharuddin", "Nurdin", "Jufri", "Sudirman",
         "Hamzah", "La Ode"),
        ("Sitti Rahmah", "Hasnah", "Nurhaeda", "Besse", "Andi Tenri", "Sitti Nurbaya", "Hasmiah",
         "Darmawati"),
        ("", "", "Daeng Rani", "Daeng Ngalle", "Upe", "Mappiare", "Lopa", "Tahir"),
        (("7308", 27), ("7371", 15), ("7311", 12), ("7313", 14)),
    ),
    "tionghoa": (
        ("Liem Siu", "Tan Bun", "Lim Hok", "Susanto", "Hendra", "Yohanes", "Andreas", "Robert",
         "Sutanto", "Budiman", "Ahong", "Acong"),
        ("Lily", "Fransiska", "Meliana", "Wenny", "Suryani", "Lanny", "Mei Ling", "Susi", "Yenny"),
        ("Wijaya", "Gunawan", "Tanoto", "Halim", "Lie", "Kurniawan", "Tjandra", "Salim", "Kosasih",
         "Oei", "Tanujaya", "Hwa", "Liong", "Seng"),
        (),
    ),
    "minang": (
        ("Zulkifli", "Syafrizal", "Afrizal", "Yusrizal", "Datuk", "Hendri", "Asrul", "Edi"),
        ("Yusnimar", "Nurhasni", "Yulinar", "Rosmaini", "Yusnawati", "Desnawati"),
        ("Piliang", "Tanjung", "Koto", "Sikumbang", "Chaniago", "Caniago", ""),
        (("1371", 11), ("1301", 15), ("1306", 17)),
    ),
}

# The names everyone has met twice: equal names of two strangers are weak evidence.
COMMON_NAMES: tuple[tuple[str, bool], ...] = (
    ("Muhammad Rizki", False), ("Siti Nurhaliza", True), ("Nur Hasanah", True),
    ("Siti Aminah", True), ("Ahmad Fauzi", False), ("Muhammad Iqbal", False),
    ("Sri Wahyuni", True), ("Agus Setiawan", False), ("Budi Santoso", False),
    ("Dewi Lestari", True), ("Eko Prasetyo", False), ("Siti Rahmawati", True),
    ("Nurhayati", True), ("Rina Marlina", True), ("Muhammad Ridwan", False),
    ("Ahmad Hidayat", False), ("Siti Fatimah", True), ("Dedi Kurniawan", False),
    ("Muhammad Ilham", False), ("Agus Salim", False),
)

# How the same name is written by someone else (or by its owner on a phone).
SPELLINGS: tuple[tuple[str, str], ...] = (
    ("Rizki", "Rizky"), ("Ahmad", "Achmad"), ("Fauzi", "Fauzie"), ("Nur Hasanah", "Nurhasanah"),
    ("Nurhaliza", "Nur Haliza"), ("Setiawan", "Setiyawan"), ("Yusuf", "Yusup"),
    ("Rahmawati", "Rachmawati"), ("Syamsudin", "Samsudin"), ("Zubaedah", "Zubaidah"),
    ("Hidayat", "Hidayah"), ("Muhammad", "Mohammad"), ("Saodah", "Sa'odah"), ("Sitti", "Siti"),
    ("Fitriani", "Fitriyani"), ("Prasetyo", "Prasetya"), ("Marlina", "Marlena"),
    ("Kurniawan", "Kurniawan"), ("Nurhayati", "Nur Hayati"), ("Iqbal", "Ikbal"),
)
MALE_ONLY = frozenset(
    ("Saputra", "Syahputra", "Pratama", "Akbar", "Maulana", "Ramadhan", "Firmansyah", "Bin Saaman")
)
FEMALE_ONLY = frozenset(
    ("Kurniasih", "Rahmawati", "Puspitasari", "Anggraini", "Wulandari", "Novitasari", "Wahyuni",
     "Permatasari", "Nurjanah", "Hasanah", "Fitriani", "Rahayu", "Lestari", "Suryani", "Handayani")
)
POST_TITLES = ("S.Pd.", "S.E.", "S.Kom.", "A.Md.", "S.Sos.", "S.H.", "A.Md.Kep.", "S.Ag.")
OPERATORS = (
    "811", "812", "813", "821", "822", "823", "852", "853", "851", "814", "815", "816", "855",
    "856", "857", "858", "817", "818", "819", "859", "877", "878", "838", "831", "832", "833",
    "895", "896", "897", "898", "899", "881", "882", "887", "888",
)
VOICES = ("pesisir", "gaul", "jawa", "ibu", "kapital", "bapak")
# fmt: on


@dataclass
class Home:
    street: Street
    pos: float
    gang: str | None
    house_no: str  # "12", "7A"; in an estate "C2 No. 7" is written from `block`
    block: str | None  # "C2" in a Komplek

    @property
    def kel(self) -> Kelurahan:
        return self.street.kel

    @property
    def rt(self) -> int:
        return self.street.rt_at(self.pos)

    @property
    def rw(self) -> int:
        return self.street.rw

    @property
    def point(self) -> tuple[float, float]:
        return self.street.point(self.pos, lateral=8.0)


@dataclass
class Person:
    pid: int
    name: str  # as on the KTP, in proper case
    female: bool
    origin: str
    pre: str  # "H.", "Hj." or ""
    post: str  # "S.Pd." or ""
    call: str  # how the neighbours say it: "Bu Sri", "Bang Jali"
    birth: date
    nik: str
    phone: str  # 08…
    old_phone: str | None  # a number the person used before (or a relative's)
    home: Home
    voice: str

    @property
    def age(self) -> int:
        return 2026 - self.birth.year

    @property
    def first(self) -> str:
        return self.name.split()[0]


class People:
    """Makes people; every NIK and phone number is used by one person only."""

    def __init__(self, rng: Random, atlas: Atlas) -> None:
        self.rng = rng
        self.atlas = atlas
        self.niks: set[str] = set()
        self.phones: set[str] = set()
        self.names_taken: set[str] = set()
        self.count = 0

    # -- homes ---------------------------------------------------------------------------------

    def home_in(self, kel: Kelurahan, street: Street | None = None) -> Home:
        rng = self.rng
        if street is None:
            street = rng.choice(self.atlas.streets[kel.code])
        pos = rng.uniform(0, street.length)
        return self._home(street, pos)

    def home_next_to(self, home: Home, same_rt: bool) -> Home:
        """A house on the same street: in the same RT zone, or a bit further along."""
        rng = self.rng
        street = home.street
        if same_rt:
            zone = int(home.pos // RT_ZONE_M) * RT_ZONE_M
            pos = rng.uniform(zone, min(zone + RT_ZONE_M - 0.01, street.length))
        else:
            pos = min(street.length, max(0.0, home.pos + rng.uniform(-250, 250)))
        made = self._home(street, pos)
        if same_rt:
            made.gang = home.gang
        return made

    def _home(self, street: Street, pos: float) -> Home:
        rng = self.rng
        block = None
        gang = None
        if street.block_letters:
            block = f"{rng.choice(street.block_letters)}{rng.randint(1, 12)}"
            house_no = str(rng.randint(1, 40))
        else:
            if street.gangs and rng.random() < 0.45:
                gang = rng.choice(street.gangs)
            house_no = str(rng.randint(1, 120))
            if rng.random() < 0.12:
                house_no += rng.choice("ABCD")
        return Home(street=street, pos=pos, gang=gang, house_no=house_no, block=block)

    # -- people --------------------------------------------------------------------------------

    def new(
        self,
        home: Home,
        *,
        name: str | None = None,
        female: bool | None = None,
        age: tuple[int, int] = (19, 78),
    ) -> Person:
        rng = self.rng
        kel = home.kel
        origin = self._origin(kel)
        if female is None:
            female = rng.random() < 0.52
        if name is None:
            name = self._name(origin, female)
        years = rng.randint(*age)
        birth = date(2026 - years, 1, 1) + timedelta(days=rng.randint(0, 364))
        pre = ""
        if years >= 45 and origin not in ("tionghoa", "batak") and rng.random() < 0.18:
            pre = "Hj." if female else "H."
        post = rng.choice(POST_TITLES) if 24 <= years <= 60 and rng.random() < 0.08 else ""
        voice = self._voice(kel, years)
        self.count += 1
        return Person(
            pid=self.count,
            name=name,
            female=female,
            origin=origin,
            pre=pre,
            post=post,
            call=self._call(name, female, origin, years),
            birth=birth,
            nik=self._nik(kel, origin, birth, female),
            phone=self._phone(),
            old_phone=self._phone() if rng.random() < 0.12 else None,
            home=home,
            voice=voice,
        )

    def _origin(self, kel: Kelurahan) -> str:
        rng = self.rng
        table: list[tuple[str, float]] = [
            ("betawi", 3.0 if kel.coastal else 2.2),
            ("jawa", 3.0),
            ("sunda", 1.6),
            ("umum", 3.2),
            ("batak", 1.0 if kel.coastal else 0.5),
            ("bugis", 1.0 if kel.coastal else 0.15),
            ("tionghoa", 1.2 if kel.kota in ("31.73", "31.71") or kel.coastal else 0.2),
            ("minang", 0.5),
        ]
        return rng.choices([t[0] for t in table], weights=[t[1] for t in table])[0]

    def _name(self, origin: str, female: bool) -> str:
        rng = self.rng
        firsts, females, seconds, _ = ORIGINS[origin]
        for _ in range(30):
            first = rng.choice(females if female else firsts)
            second = rng.choice(seconds)
            if origin == "umum" and rng.random() < 0.3:
                # Muhammad Rizki Ramadhan, Siti Nur Aisyah
                lead = "Siti" if female else rng.choice(("Muhammad", "Ahmad", "M."))
                if lead.rstrip(".") not in first:
                    first = f"{lead} {first}"
            if (second in FEMALE_ONLY and not female) or (second in MALE_ONLY and female):
                second = ""
            name = f"{first} {second}".strip()
            # a rare name stays rare; common ones come from COMMON_NAMES on purpose
            if name not in self.names_taken or rng.random() < 0.15:
                self.names_taken.add(name)
                return name
        return name

    def _call(self, name: str, female: bool, origin: str, years: int) -> str:
        rng = self.rng
        parts = [p for p in name.split() if p not in ("Muhammad", "Ahmad", "M.", "Siti", "Nur")]
        short = (parts or name.split())[0]
        if years < 30:
            word = rng.choice(("Mbak", "Neng", "Kak")) if female else rng.choice(("Mas", "Bang"))
        elif origin == "betawi":
            word = (
                rng.choice(("Mpok", "Bu", "Nyak"))
                if female
                else rng.choice(("Bang", "Babe", "Pak"))
            )
        elif origin == "jawa":
            word = (
                rng.choice(("Bu", "Mbok", "Bu")) if female else rng.choice(("Pak", "Mas", "Pakde"))
            )
        elif origin == "tionghoa":
            word = rng.choice(("Cik", "Bu")) if female else rng.choice(("Koh", "Pak"))
        elif origin == "batak":
            word = rng.choice(("Inang", "Bu")) if female else rng.choice(("Amang", "Lae", "Pak"))
        else:
            word = "Bu" if female else "Pak"
        return f"{word} {short}"

    def _voice(self, kel: Kelurahan, years: int) -> str:
        rng = self.rng
        if years < 30:
            weights = (0.12, 0.62, 0.06, 0.04, 0.08, 0.08)
        elif kel.coastal:
            weights = (0.38, 0.1, 0.1, 0.17, 0.08, 0.17)
        else:
            weights = (0.14, 0.16, 0.2, 0.22, 0.08, 0.2)
        return rng.choices(VOICES, weights=weights)[0]

    def _nik(self, kel: Kelurahan, origin: str, birth: date, female: bool) -> str:
        rng = self.rng
        outside = ORIGINS[origin][3]
        roll = rng.random()
        if outside and roll < 0.22:
            kab, kecs = rng.choice(outside)
            region = f"{kab}{rng.randint(1, kecs):02d}"
        elif roll < 0.3:
            # registered in another Jakarta kecamatan (moved, KTP not updated)
            other = rng.choice(self.atlas.kelurahan)
            region = other.kecamatan.replace(".", "")
        else:
            region = kel.kecamatan.replace(".", "")
        day = birth.day + (40 if female else 0)
        dob = f"{day:02d}{birth.month:02d}{birth.year % 100:02d}"
        for _ in range(100):
            nik = f"{region}{dob}{rng.randint(1, 999):04d}"
            if nik not in self.niks:
                self.niks.add(nik)
                return nik
        raise RuntimeError("no NIK serial left")  # pragma: no cover

    def _phone(self) -> str:
        rng = self.rng
        while True:
            digits = rng.choice((7, 8, 8, 8, 9))
            phone = (
                "08"
                + rng.choice(OPERATORS)[1:]
                + "".join(str(rng.randint(0, 9)) for _ in range(digits))
            )
            if phone not in self.phones:
                self.phones.add(phone)
                return phone


def respell(name: str, rng: Random) -> str:
    """The name as someone else would write it, when there is a usual other spelling."""
    options = [(a, b) for a, b in SPELLINGS if a in name and a != b]
    options += [(b, a) for a, b in SPELLINGS if b in name and a != b]
    if not options:
        return name
    a, b = rng.choice(options)
    return name.replace(a, b, 1)


def phone_as(phone: str, rng: Random, style: str | None = None) -> str:
    """The same number written one of the ways people write it."""
    local = phone[1:]  # 812…
    style = style or rng.choice(("plus", "plus_dash", "zero_space", "zero", "62", "zero_dash"))
    groups = [local[:3], local[3:7], local[7:]]
    if style == "plus":
        return "+62" + local
    if style == "plus_dash":
        return "+62 " + "-".join(groups)
    if style == "zero_space":
        return "0" + " ".join(groups)
    if style == "zero_dash":
        return "0" + "-".join(groups)
    if style == "62":
        return "62" + local
    return phone


def nik_as(nik: str, rng: Random) -> str:
    """A NIK as typed: usually plain, sometimes in groups of four as printed on some forms."""
    if rng.random() < 0.12:
        return " ".join(nik[i : i + 4] for i in range(0, 16, 4))
    return nik
