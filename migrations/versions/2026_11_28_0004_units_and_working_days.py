"""units and working days: the offices complaints are routed to, days off, category deadlines

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 13:50:00+00:00

Units are generated from the regions (every kelurahan, kecamatan and kota office) plus the
provincial agencies and, for those that have them, a Suku Dinas in each kota. Holidays come
from migrations/data/holidays_2022_2027.csv (SKB 3 Menteri on national holidays and cuti bersama);
2027's rows are provisional until its SKB is published and a later migration replaces them.
"""

import csv
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The calendar as shipped then; 0016 replaces it with holidays_2022_2030.csv.
HOLIDAYS_CSV = Path(__file__).resolve().parent.parent / "data" / "holidays_2022_2027.csv"

# code, name, has a Suku Dinas in each kota
AGENCIES = [
    ("dinas-sosial", "Dinas Sosial", True),
    ("dinas-dukcapil", "Dinas Kependudukan dan Pencatatan Sipil", True),
    ("dinas-bina-marga", "Dinas Bina Marga", True),
    ("dinas-sda", "Dinas Sumber Daya Air", True),
    ("dinas-lh", "Dinas Lingkungan Hidup", True),
    ("dinas-kesehatan", "Dinas Kesehatan", True),
    ("dinas-pendidikan", "Dinas Pendidikan", True),
    ("satpol-pp", "Satuan Polisi Pamong Praja", True),
    ("dinas-perhubungan", "Dinas Perhubungan", True),
    ("dinas-citata", "Dinas Cipta Karya, Tata Ruang dan Pertanahan", True),
    ("pam-jaya", "Perumda Air Minum Jaya (PAM Jaya)", False),
    ("biro-pemerintahan", "Biro Pemerintahan Setda Provinsi DKI Jakarta", False),
]
SUKU_DINAS_NAME = {"satpol-pp": "Satuan Polisi Pamong Praja"}

# category -> (agency, respond days, finish days); Jakarta's own target is 3 and 3-7.
CATEGORY_ROUTING = {
    "bansos": ("dinas-sosial", 3, 7),
    "pertanahan": ("dinas-citata", 3, 7),
    "kependudukan": ("dinas-dukcapil", 3, 5),
    "kesehatan": ("dinas-kesehatan", 3, 5),
    "pendidikan": ("dinas-pendidikan", 3, 7),
    "jalan": ("dinas-bina-marga", 3, 7),
    "saluran": ("dinas-sda", 3, 7),
    "sampah": ("dinas-lh", 3, 3),
    "penerangan_jalan": ("dinas-bina-marga", 3, 5),
    "ketertiban": ("satpol-pp", 3, 3),
    "air_bersih": ("pam-jaya", 3, 5),
    "perizinan": ("dinas-citata", 3, 7),
    "transportasi": ("dinas-perhubungan", 3, 7),
    "lainnya": (None, 3, 7),
}

units = sa.table(
    "units",
    sa.column("code", sa.String),
    sa.column("name", sa.String),
    sa.column("kind", sa.String),
    sa.column("region_code", sa.String),
    sa.column("parent_code", sa.String),
    sa.column("sort_order", sa.Integer),
)
holidays = sa.table(
    "holidays",
    sa.column("day", sa.Date),
    sa.column("name", sa.String),
    sa.column("kind", sa.String),
)
categories = sa.table(
    "categories",
    sa.column("code", sa.String),
    sa.column("agency_code", sa.String),
    sa.column("respond_days", sa.Integer),
    sa.column("finish_days", sa.Integer),
)


def _short_kota(name: str) -> str:
    return name.replace("Kota Administrasi ", "").replace("Kabupaten Administrasi ", "").strip()


def _unit_rows(regions: list[tuple[str, str, str]]) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    kota = [(code, name) for code, name, level in regions if level == "kabkota"]
    for order, (code, name, _) in enumerate(AGENCIES):
        rows.append(
            {
                "code": code,
                "name": name,
                "kind": "dinas" if code != "pam-jaya" and code != "biro-pemerintahan" else "badan",
                "region_code": "31",
                "parent_code": None,
                "sort_order": order,
            }
        )
    for code, name in kota:
        rows.append(
            {
                "code": f"kota-{code}",
                "name": f"Kantor Wali Kota {_short_kota(name)}"
                if code != "31.01"
                else "Kantor Bupati Kepulauan Seribu",
                "kind": "kota",
                "region_code": code,
                "parent_code": None,
                "sort_order": 100,
            }
        )
    for agency, agency_name, has_branches in AGENCIES:
        if not has_branches:
            continue
        branch = SUKU_DINAS_NAME.get(agency, agency_name.replace("Dinas", "Suku Dinas", 1))
        for code, name in kota:
            rows.append(
                {
                    "code": f"{agency}-{code}",
                    "name": f"{branch} {_short_kota(name)}",
                    "kind": "suku_dinas",
                    "region_code": code,
                    "parent_code": agency,
                    "sort_order": 200,
                }
            )
    for code, name, level in regions:
        if level == "kecamatan":
            rows.append(
                {
                    "code": f"kecamatan-{code}",
                    "name": f"Kecamatan {name}",
                    "kind": "kecamatan",
                    "region_code": code,
                    "parent_code": f"kota-{code[:5]}",
                    "sort_order": 300,
                }
            )
    for code, name, level in regions:
        if level == "kelurahan":
            rows.append(
                {
                    "code": f"kelurahan-{code}",
                    "name": f"Kelurahan {name}",
                    "kind": "kelurahan",
                    "region_code": code,
                    "parent_code": f"kecamatan-{code[:8]}",
                    "sort_order": 400,
                }
            )
    return rows


def upgrade() -> None:
    op.create_table(
        "holidays",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.CheckConstraint(
            "kind IN ('national', 'cuti_bersama', 'provisional')", name=op.f("ck_holidays_kind")
        ),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_holidays")),
    )
    op.create_table(
        "units",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("region_code", sa.String(length=13), nullable=False),
        sa.Column("parent_code", sa.String(length=40), nullable=True),
        sa.Column("sort_order", sa.Integer(), server_default="0", nullable=False),
        sa.CheckConstraint(
            "kind IN ('kelurahan', 'kecamatan', 'kota', 'dinas', 'suku_dinas', 'badan')",
            name=op.f("ck_units_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["parent_code"], ["units.code"], name=op.f("fk_units_parent_code_units")
        ),
        sa.ForeignKeyConstraint(
            ["region_code"], ["regions.code"], name=op.f("fk_units_region_code_regions")
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_units")),
    )
    op.create_index(op.f("ix_units_kind"), "units", ["kind"], unique=False)
    op.create_index(op.f("ix_units_parent_code"), "units", ["parent_code"], unique=False)
    op.create_index(op.f("ix_units_region_code"), "units", ["region_code"], unique=False)
    op.add_column("api_keys", sa.Column("unit_code", sa.String(length=40), nullable=True))
    op.create_foreign_key(
        op.f("fk_api_keys_unit_code_units"), "api_keys", "units", ["unit_code"], ["code"]
    )
    op.add_column(
        "categories", sa.Column("respond_days", sa.Integer(), server_default="3", nullable=False)
    )
    op.add_column(
        "categories", sa.Column("finish_days", sa.Integer(), server_default="7", nullable=False)
    )
    op.add_column("categories", sa.Column("agency_code", sa.String(length=40), nullable=True))
    op.create_foreign_key(
        op.f("fk_categories_agency_code_units"), "categories", "units", ["agency_code"], ["code"]
    )

    regions = [
        (row.code, row.name, row.level)
        for row in op.get_bind().execute(
            sa.text("SELECT code, name, level FROM regions ORDER BY code")
        )
    ]
    op.bulk_insert(units, _unit_rows(regions))
    with HOLIDAYS_CSV.open(newline="", encoding="utf-8") as f:
        op.bulk_insert(
            holidays,
            [
                {"day": date.fromisoformat(r["date"]), "name": r["name"], "kind": r["kind"]}
                for r in csv.DictReader(f)
            ],
        )
    for code, (agency, respond, finish) in CATEGORY_ROUTING.items():
        op.execute(
            categories.update()
            .where(categories.c.code == code)
            .values(agency_code=agency, respond_days=respond, finish_days=finish)
        )
    # Existing agency keys (there should be none: units did not exist) would break the rule.
    op.execute("UPDATE api_keys SET revoked_at = now(), role = 'viewer' WHERE role = 'agency'")
    op.create_check_constraint(
        "agency_unit", "api_keys", "(role = 'agency') = (unit_code IS NOT NULL)"
    )


def downgrade() -> None:
    op.drop_constraint(op.f("ck_api_keys_agency_unit"), "api_keys", type_="check")
    op.drop_constraint(op.f("fk_categories_agency_code_units"), "categories", type_="foreignkey")
    op.drop_column("categories", "agency_code")
    op.drop_column("categories", "finish_days")
    op.drop_column("categories", "respond_days")
    op.drop_constraint(op.f("fk_api_keys_unit_code_units"), "api_keys", type_="foreignkey")
    op.drop_column("api_keys", "unit_code")
    op.drop_index(op.f("ix_units_region_code"), table_name="units")
    op.drop_index(op.f("ix_units_parent_code"), table_name="units")
    op.drop_index(op.f("ix_units_kind"), table_name="units")
    op.drop_table("units")
    op.drop_table("holidays")
