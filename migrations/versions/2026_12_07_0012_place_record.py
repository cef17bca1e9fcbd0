"""place record: a complaint's street, gang, number and RT/RW as the matcher reads them

Every duplicate search compares the complaint with about fifty stored ones, and parsed each
one's address (and, where it names no street, its description) again: about a tenth of a
search's time on a mirror of a million reports, where few candidates repeat between searches.
The parse is now kept beside the place keys, set at the same writes.

Existing rows are left null (the parse needs the application's address parser); the matcher
parses those as before, and `pintu dedup-reindex` fills them in.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 15:00:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("complaints", sa.Column("place_record", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("complaints", "place_record")
