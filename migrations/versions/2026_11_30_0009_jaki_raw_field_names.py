"""jaki raw field names: no longer kept in plain beside the encrypted fields they name

The names of the JAKI fields Pintu does not interpret were kept in plain (jaki_reports.raw_fields)
and shown to every role; a name can be personal data as much as a value (an e-mail address used
as a key). They are now read from the encrypted fields themselves (raw_encrypted), by the roles
that may see those. Downgrading re-adds the column but leaves it null in every row: refilling it
would need the encryption key, which migrations do not hold; the older code then shows no names.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30 03:00:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_column("jaki_reports", "raw_fields")


def downgrade() -> None:
    op.add_column(
        "jaki_reports",
        sa.Column("raw_fields", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    )
