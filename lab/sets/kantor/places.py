"""Streets and gangs of each kelurahan, spots along them, and addresses written two ways."""

from __future__ import annotations

import random
from dataclasses import dataclass

from lab.sets.kantor.regions import Kelurahan, clamp_point, toward

# Names found in many kelurahan: the same street name in two kecamatan is not the same place.
SHARED_STREETS = (
    "Jl. H. Naman",
    "Jl. Masjid",
    "Jl. Swadaya",
    "Jl. H. Ridi",
    "Gg. Kelor",
    "Gg. Mawar",
    "Gg. Melati",
    "Gg. Kenanga",
    "Jl. Kemuning",
    "Jl. Bambu Apus",
    "Jl. Nusa Indah",
    "Jl. Flamboyan",
    "Jl. Cempaka",
    "Jl. Delima",
    "Jl. Manggis",
    "Jl. Rambutan",
    "Jl. Kebon Kelapa",
    "Jl. Pendidikan",
    "Jl. Persatuan",
    "Jl. Kramat",
    "Jl. Pelita",
    "Gg. Langgar",
    "Gg. H. Saari",
    "Gg. Damai",
    "Gg. Sawo",
    "Gg. Jambu",
    "Gg. Pinang",
    "Jl. Kampung Baru",
    "Jl. Taruna",
    "Jl. Karya",
    "Jl. Bhakti",
    "Jl. Madrasah",
    "Jl. Inpres",
    "Jl. Lapangan Bola",
    "Jl. Pintu Air",
    "Jl. Kali Baru",
    "Gg. Sepakat",
    "Gg. Rukun",
    "Gg. Asem",
    "Gg. Duku",
    "Jl. Balai Rakyat",
    "Jl. Sawo Kecik",
    "Jl. Tanah Merah",
    "Gg. Mangga",
    "Gg. Haji Muhi",
    "Jl. Mushola",
    "Jl. Buntu",
    "Jl. Garuda",
    "Jl. Merpati",
    "Jl. Cendrawasih",
)
LANDMARKS = (
    ("Masjid Al-Ikhlas", "masjid"),
    ("Masjid Nurul Iman", "msjd nurul iman"),
    ("Musala Al-Hidayah", "musola"),
    ("Musala Baiturrahman", "mushola"),
    ("SDN 05", "sdn 05"),
    ("SDN 11 Pagi", "sd"),
    ("Pasar", "pasar"),
    ("Pos RW", "pos rw"),
    ("Puskesmas Kelurahan", "puskesmas"),
    ("warung Bu Tini", "warung bu tini"),
    ("warung Pak Darto", "warung darto"),
    ("lapangan bola", "lapangan"),
    ("pangkalan ojek", "pangkalan ojek"),
    ("jembatan", "jembatan"),
    ("minimarket", "alfamart"),
    ("gereja", "gereja"),
    ("TK Pertiwi", "tk"),
    ("balai warga", "balai warga"),
    ("bengkel motor", "bengkel"),
    ("pos ronda", "pos ronda"),
    ("gardu PLN", "gardu pln"),
    ("kantor RW", "kantor rw"),
)
WHERE = ("depan", "dpn"), ("belakang", "blkg"), ("samping", "sblh"), ("dekat", "dkt")


@dataclass(frozen=True)
class Street:
    sid: int
    kel: Kelurahan
    name: str  # "Jl. H. Naman"
    rw: int
    rt0: int
    start: tuple[float, float]
    bearing: float
    length_m: float
    landmarks: tuple[tuple[str, str], ...]

    @property
    def short(self) -> str:
        """The street as the desk types it: "jl h naman", "gg. kelor", "gg kelor"."""
        low = self.name.lower()
        return low if low.startswith("gg.") else low.replace(".", "")


@dataclass(frozen=True)
class Spot:
    """A point along a street: a house, or where a problem is."""

    street: Street
    at_m: float
    number: int
    rt: int
    point: tuple[float, float]
    landmark: tuple[str, str] | None
    where: tuple[str, str]

    @property
    def kel(self) -> Kelurahan:
        return self.street.kel


def streets_for(rng: random.Random, kel: Kelurahan, first_sid: int) -> list[Street]:
    """Eight to eleven streets and gangs, most with names other kelurahan have too."""
    count = rng.randint(8, 11) if not kel.islands else 4
    names = rng.sample(SHARED_STREETS, count - 2)
    word = kel.name.split()[0]
    names += [f"Jl. Raya {kel.name}", f"Gg. {word} {rng.choice(('I', 'II', 'III', 'IV'))}"]
    radius = (120, 450) if kel.islands else (150, 1100)
    out = []
    rws = rng.sample(range(1, 16), count) if count <= 15 else list(range(1, count + 1))
    for i, name in enumerate(names):
        start = toward(kel.lat, kel.lon, rng.uniform(*radius), rng.uniform(0, 360))
        out.append(
            Street(
                sid=first_sid + i,
                kel=kel,
                name=name,
                rw=rws[i],
                rt0=rng.randint(1, 8),
                start=start,
                bearing=rng.uniform(0, 360),
                length_m=rng.uniform(180, 260) if kel.islands else rng.uniform(280, 700),
                landmarks=tuple(rng.sample(LANDMARKS, 2)),
            )
        )
    return out


def spot_on(rng: random.Random, street: Street, at_m: float | None = None) -> Spot:
    """A spot along a street, with its house number, RT and point."""
    at = rng.uniform(0, street.length_m) if at_m is None else min(max(at_m, 0), street.length_m)
    lat, lon = toward(street.start[0], street.start[1], at, street.bearing)
    return Spot(
        street=street,
        at_m=at,
        number=int(at // 9) + 1 + rng.randint(0, 3),
        rt=street.rt0 + int(at // 160),
        point=clamp_point(lat, lon),
        landmark=rng.choice(street.landmarks) if rng.random() < 0.6 else None,
        where=rng.choice(WHERE),
    )


def near(rng: random.Random, point: tuple[float, float], max_m: float) -> tuple[float, float]:
    """A point a few metres off another: a phone's GPS, or where a neighbour stood."""
    lat, lon = toward(point[0], point[1], rng.uniform(0, max_m), rng.uniform(0, 360))
    return clamp_point(lat, lon)


def formal_address(rng: random.Random, spot: Spot) -> str:
    """An address as a careful JAKI reporter writes it."""
    s, k = spot.street, spot.kel
    form = rng.random()
    if form < 0.6:
        return (
            f"{s.name} No. {spot.number}, RT {spot.rt:03d}/RW {s.rw:03d}, "
            f"Kel. {k.name}, Kec. {k.kecamatan}, {k.kota}"
        )
    if form < 0.85:
        return f"{s.name} No. {spot.number}, RT {spot.rt:02d}/RW {s.rw:02d}, Kel. {k.name}"
    return f"{s.name}, Kelurahan {k.name}, Kecamatan {k.kecamatan}"


def formal_place(spot: Spot) -> str:
    """Where the problem is, in a sentence: "tepat di depan Masjid Al-Ikhlas, Jl. H. Naman"."""
    s = spot.street
    if spot.landmark is not None:
        return (
            f"tepat di {spot.where[0]} {spot.landmark[0]} {s.name} RT {spot.rt:03d}/RW {s.rw:03d}"
        )
    return f"di {s.name} No. {spot.number} RT {spot.rt:03d}/RW {s.rw:03d}"


def desk_place(rng: random.Random, spot: Spot, own_house: bool = False) -> str:
    """Where the problem is, as the desk types it: "dpn masjid gg kelor", "blkg pasar"."""
    s = spot.street
    if own_house and rng.random() < 0.5:
        return rng.choice(("dpn rmh", "dpn rumah", "dkt rmh", "depan rumah ybs"))
    if spot.landmark is not None:
        mark = f"{spot.where[1]} {spot.landmark[1]}"
        return mark if rng.random() < 0.3 else f"{mark} {s.short}"
    form = rng.random()
    if form < 0.5:
        return s.short
    if form < 0.8:
        return f"{s.short} no {spot.number}"
    return f"{s.short} rt {spot.rt}"


def desk_address(rng: random.Random, spot: Spot) -> str | None:
    """The address field at the desk: short, partial, sometimes left empty."""
    s, k = spot.street, spot.kel
    form = rng.random()
    if form < 0.2:
        return None
    if form < 0.45:
        return s.short
    if form < 0.65:
        return f"{s.short} no {spot.number}"
    if form < 0.8:
        return f"{s.short} rt {spot.rt}/{s.rw}"
    if form < 0.9:
        return f"{s.short} {k.name.lower()}"
    if spot.landmark is not None:
        return f"{spot.where[1]} {spot.landmark[1]}"
    return s.name


def desk_rt_rw(rng: random.Random, spot: Spot) -> tuple[str | None, str | None]:
    """RT and RW as typed at the desk ("7", "07", "007"), often not asked."""
    if rng.random() < 0.45:
        return None, None
    width = rng.choice((1, 2, 3))
    rt = f"{spot.rt:0{width}d}"
    rw = f"{spot.street.rw:0{width}d}" if rng.random() < 0.85 else None
    return rt, rw
