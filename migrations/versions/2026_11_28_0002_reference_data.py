"""reference data: Jakarta regions, complaint categories, intake channels

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 12:30:00+00:00

The rows are written out here (and regions read from migrations/data/jakarta_regions.csv, a copy
of the Kemendagri list) so that this migration stays a fixed snapshot; later changes to reference
data come as new migrations.
"""

import csv
from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REGIONS_CSV = Path(__file__).resolve().parent.parent / "data" / "jakarta_regions.csv"

regions = sa.table(
    "regions",
    sa.column("code", sa.String),
    sa.column("name", sa.String),
    sa.column("level", sa.String),
    sa.column("parent_code", sa.String),
    sa.column("lat", sa.Float),
    sa.column("lon", sa.Float),
)
categories = sa.table(
    "categories",
    sa.column("code", sa.String),
    sa.column("name_id", sa.String),
    sa.column("name_en", sa.String),
    sa.column("kind", sa.String),
    sa.column("handled_by", sa.String),
    sa.column("description", sa.Text),
    sa.column("sort_order", sa.Integer),
)
channels = sa.table(
    "channels",
    sa.column("code", sa.String),
    sa.column("name", sa.String),
    sa.column("description", sa.Text),
    sa.column("tracking_prefix", sa.String),
    sa.column("is_mirror", sa.Boolean),
    sa.column("requires_identity", sa.Boolean),
    sa.column("location_region_code", sa.String),
    sa.column("location_name", sa.String),
    sa.column("timezone", sa.String),
    sa.column("opening_hours", JSONB),
    sa.column("sort_order", sa.Integer),
)

# code, Indonesian name, English name, about a person or a place, who usually handles it, notes
CATEGORIES = [
    (
        "bansos",
        "Bantuan Sosial",
        "Social assistance",
        "person",
        "agency",
        "Bansos not received, DTKS registration; Dinas Sosial",
    ),
    (
        "pertanahan",
        "Pertanahan",
        "Land",
        "person",
        "agency",
        "Land certificates and disputes; Dinas Cipta Karya, Tata Ruang dan Pertanahan",
    ),
    (
        "kependudukan",
        "Administrasi Kependudukan",
        "Civil registry",
        "person",
        "agency",
        "KTP, KK, birth and death certificates; Dinas Dukcapil",
    ),
    (
        "kesehatan",
        "Kesehatan",
        "Health",
        "person",
        "agency",
        "Health insurance, puskesmas and hospital services; Dinas Kesehatan",
    ),
    (
        "pendidikan",
        "Pendidikan",
        "Education",
        "person",
        "agency",
        "School admission, KJP; Dinas Pendidikan",
    ),
    (
        "jalan",
        "Jalan Rusak",
        "Damaged roads",
        "place",
        "kelurahan",
        "Potholes and damaged pavements; kelurahan, then Suku Dinas Bina Marga",
    ),
    (
        "saluran",
        "Saluran Air, Kali/Sungai dan Banjir",
        "Drains, rivers and flooding",
        "place",
        "kelurahan",
        "Blocked drains, rivers, floods; kelurahan, then Dinas Sumber Daya Air",
    ),
    (
        "sampah",
        "Sampah",
        "Waste",
        "place",
        "kelurahan",
        "Uncollected or dumped waste; kelurahan, then Dinas Lingkungan Hidup",
    ),
    (
        "penerangan_jalan",
        "Penerangan Jalan Umum",
        "Street lighting",
        "place",
        "agency",
        "Broken street lights; Dinas Bina Marga",
    ),
    (
        "ketertiban",
        "Ketertiban Umum",
        "Public order",
        "place",
        "kecamatan",
        "Illegal parking, street vendors, public order; Satpol PP",
    ),
    (
        "air_bersih",
        "Air Bersih",
        "Clean water",
        "place",
        "agency",
        "Water supply and quality; PAM Jaya",
    ),
    (
        "perizinan",
        "Perizinan dan Bangunan",
        "Permits and buildings",
        "place",
        "agency",
        "Building permits and violations; Dinas Cipta Karya, Tata Ruang dan Pertanahan",
    ),
    (
        "transportasi",
        "Transportasi",
        "Transport",
        "place",
        "agency",
        "Public transport, traffic; Dinas Perhubungan",
    ),
    (
        "lainnya",
        "Lainnya",
        "Other",
        "place",
        "kelurahan",
        "Anything else; the kelurahan triages it",
    ),
]

BALAI_KOTA_KELURAHAN = "31.71.01.1001"  # Kelurahan Gambir
DESK_HOURS = [{"days": [1, 2, 3, 4, 5], "opens": "08:00", "closes": "09:30"}]

# code, name, description, prefix, mirror, needs identity, place, place name, hours
CHANNELS = [
    (
        "walk_in",
        "Pengaduan Langsung Balai Kota",
        "Walk-in desk at the Pendopo of Balai Kota; the complainant brings a KTP.",
        "WI",
        False,
        True,
        BALAI_KOTA_KELURAHAN,
        "Pendopo Balai Kota, Jl. Medan Merdeka Selatan",
        DESK_HOURS,
    ),
    (
        "jaki",
        "JAKI",
        "Reports from the JAKI app, mirrored from JAKI's feed.",
        "JK",
        True,
        False,
        None,
        None,
        None,
    ),
    (
        "lapor",
        "LAPOR! (SP4N)",
        "The national complaint system, including SMS 1708.",
        "LP",
        False,
        False,
        None,
        None,
        None,
    ),
    ("email", "E-mail", "Complaints sent by e-mail.", "EM", False, False, None, None, None),
    (
        "whatsapp",
        "WhatsApp/SMS",
        "Complaints sent by WhatsApp or SMS.",
        "WA",
        False,
        False,
        None,
        None,
        None,
    ),
    (
        "social_media",
        "Media Sosial",
        "The province's social media accounts.",
        "SM",
        False,
        False,
        None,
        None,
        None,
    ),
    (
        "mass_media",
        "Aspirasi Media Massa",
        "Complaints raised in the mass media.",
        "MM",
        False,
        False,
        None,
        None,
        None,
    ),
    (
        "walk_in_wali_kota",
        "Pengaduan Langsung Kantor Wali Kota",
        "Walk-in desks at the wali kota and bupati offices.",
        "WK",
        False,
        True,
        None,
        None,
        None,
    ),
    (
        "walk_in_kecamatan",
        "Pengaduan Langsung Kecamatan",
        "Walk-in desks at kecamatan offices.",
        "KC",
        False,
        True,
        None,
        None,
        None,
    ),
    (
        "walk_in_kelurahan",
        "Pengaduan Langsung Kelurahan",
        "Walk-in desks at kelurahan offices.",
        "KL",
        False,
        True,
        None,
        None,
        None,
    ),
    (
        "walk_in_inspektorat",
        "Pengaduan Langsung Inspektorat",
        "Walk-in desk of the Inspektorat.",
        "IN",
        False,
        True,
        None,
        None,
        None,
    ),
]


def _float(value: str) -> float | None:
    return float(value) if value else None


def upgrade() -> None:
    with REGIONS_CSV.open(newline="", encoding="utf-8") as f:
        rows = [
            {
                "code": r["code"],
                "name": r["name"],
                "level": r["level"],
                "parent_code": r["parent_code"] or None,
                "lat": _float(r["lat"]),
                "lon": _float(r["lon"]),
            }
            for r in csv.DictReader(f)
        ]
    # Parents first, so the self-referencing foreign key holds row by row.
    depth = {"provinsi": 0, "kabkota": 1, "kecamatan": 2, "kelurahan": 3}
    rows.sort(key=lambda r: (depth[r["level"]], r["code"]))
    op.bulk_insert(regions, rows)

    op.bulk_insert(
        categories,
        [
            {
                "code": c,
                "name_id": n_id,
                "name_en": n_en,
                "kind": kind,
                "handled_by": by,
                "description": desc,
                "sort_order": i,
            }
            for i, (c, n_id, n_en, kind, by, desc) in enumerate(CATEGORIES)
        ],
    )
    op.bulk_insert(
        channels,
        [
            {
                "code": c,
                "name": name,
                "description": desc,
                "tracking_prefix": prefix,
                "is_mirror": mirror,
                "requires_identity": identity,
                "location_region_code": region,
                "location_name": place,
                "timezone": "Asia/Jakarta",
                "opening_hours": hours,
                "sort_order": i,
            }
            for i, (c, name, desc, prefix, mirror, identity, region, place, hours) in enumerate(
                CHANNELS
            )
        ],
    )


def downgrade() -> None:
    op.execute(channels.delete().where(channels.c.code.in_([c[0] for c in CHANNELS])))
    op.execute(categories.delete().where(categories.c.code.in_([c[0] for c in CATEGORIES])))
    op.execute(regions.delete().where(regions.c.level == "kelurahan"))
    op.execute(regions.delete().where(regions.c.level == "kecamatan"))
    op.execute(regions.delete().where(regions.c.level == "kabkota"))
    op.execute(regions.delete().where(regions.c.level == "provinsi"))
