"""kelurahan named in the address: a third source for a mirrored report's kelurahan

A JAKI report without a kelurahan code was placed in the kelurahan whose reference point is
nearest to its point; near a boundary that is often the neighbour. Its address usually names the
kelurahan ("Gg. Haji Saman No.27, RT.15/RW.1, Cipulir, Kec. Kebayoran Lama, ..."), and a report
whose address names none may name it in its text after "kel." ("tps liar di gang 5 kel.
cempaka baru"): that
one is now taken when it lies near the point, with `kelurahan_source` = 'address'. Reports already
mirrored keep their kelurahan until JAKI sends a new version. Downgrading turns 'address' back
into 'nearest_point' (the kelurahan itself stays).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 08:30:00.000000+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_constraint(op.f("ck_jaki_reports_kelurahan_source"), "jaki_reports", type_="check")
    op.create_check_constraint(
        op.f("ck_jaki_reports_kelurahan_source"),
        "jaki_reports",
        "kelurahan_source IN ('feed', 'address', 'nearest_point')",
    )


def downgrade() -> None:
    op.execute(
        "UPDATE jaki_reports SET kelurahan_source = 'nearest_point' "
        "WHERE kelurahan_source = 'address'"
    )
    op.drop_constraint(op.f("ck_jaki_reports_kelurahan_source"), "jaki_reports", type_="check")
    op.create_check_constraint(
        op.f("ck_jaki_reports_kelurahan_source"),
        "jaki_reports",
        "kelurahan_source IN ('feed', 'nearest_point')",
    )
