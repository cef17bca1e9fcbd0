"""events: the outbox and the order of commits; when an assignment last changed

Every change a partner may want to hear of writes an event in its own transaction (`events`).
A transaction that wrote events takes a number, under one lock held until it commits
(`event_commits`), so the feed reads events in the order they committed.

Assignments get `updated_at` (set from their latest moment here, then by every change), and
both lists an index on it, for `updated_since`.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 18:00:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_UUID = postgresql.UUID(as_uuid=True)
_AT = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("seq", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("id", _UUID, nullable=False),
        sa.Column(
            "xid",
            sa.BigInteger(),
            server_default=sa.text("(pg_current_xact_id()::text)::bigint"),
            nullable=False,
        ),
        sa.Column("type", sa.String(40), nullable=False),
        sa.Column("occurred_at", _AT, nullable=False),
        sa.Column("object_type", sa.String(20), nullable=False),
        sa.Column("object_id", _UUID, nullable=False),
        sa.Column("object_version", sa.Integer(), nullable=False),
        sa.Column("complaint_id", _UUID, nullable=False),
        sa.Column(
            "unit_codes",
            postgresql.ARRAY(sa.String(40)),
            server_default=sa.text("'{}'"),
            nullable=False,
        ),
        sa.Column("data", postgresql.JSON(), nullable=False),
        sa.Column("data_sealed", sa.LargeBinary(), nullable=True),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_events")),
        sa.UniqueConstraint("id", name=op.f("uq_events_id")),
    )
    op.create_index("ix_events_xid", "events", ["xid"])
    op.create_index("ix_events_complaint_id", "events", ["complaint_id"])

    op.create_table(
        "event_commits",
        sa.Column("xid", sa.BigInteger(), nullable=False),
        sa.Column("position", sa.BigInteger(), nullable=False),
        sa.Column("committed_at", _AT, server_default=sa.text("clock_timestamp()"), nullable=False),
        sa.PrimaryKeyConstraint("xid", name=op.f("pk_event_commits")),
        sa.UniqueConstraint("position", name=op.f("uq_event_commits_position")),
    )
    op.execute("CREATE SEQUENCE event_commit_position AS bigint")

    op.add_column(
        "assignments",
        sa.Column("updated_at", _AT, server_default=sa.text("now()"), nullable=False),
    )
    op.execute(
        "UPDATE assignments SET updated_at = greatest(created_at, accepted_at, completed_at, "
        "returned_at, escalated_at)"
    )
    op.create_index("ix_assignments_updated_at", "assignments", ["updated_at"])
    op.create_index("ix_complaints_updated_at", "complaints", ["updated_at"])


def downgrade() -> None:
    op.drop_index("ix_complaints_updated_at", table_name="complaints")
    op.drop_index("ix_assignments_updated_at", table_name="assignments")
    op.drop_column("assignments", "updated_at")
    op.execute("DROP SEQUENCE event_commit_position")
    op.drop_table("event_commits")
    op.drop_table("events")
