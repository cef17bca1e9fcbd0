"""place keys: the streets and gangs a complaint names, for the matcher's street route

The street route looked for a complaint's street or gang names among the words of other reports
in the same kelurahan. A JAKI report's kelurahan is often the one nearest its point, not the one
the desk writes down, so the route missed a neighbour's report across the kelurahan line; over
the kecamatan, matching words read thousands of rows. Each complaint now keeps the names it
gives, each with its kecamatan ("31.71.03 haji saman"), indexed: one index lookup finds them.

Existing rows are left null (working the keys out needs the application's address parser);
`pintu dedup-reindex` fills them in, and until then the route does not find those rows.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 08:00:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("complaints", sa.Column("place_keys", postgresql.ARRAY(sa.Text()), nullable=True))
    op.create_index(
        "ix_complaints_place_keys", "complaints", ["place_keys"], postgresql_using="gin"
    )


def downgrade() -> None:
    op.drop_index("ix_complaints_place_keys", table_name="complaints")
    op.drop_column("complaints", "place_keys")
