"""sync and escalation health: what the JAKI pull and the escalation runner last did

`sync_state` gains the pull's health beside its cursor: when it last tried, when it last reached
the end of the feed, the newest `updated_at` it has seen, its last error and the most recent
failures (at most ten, newest first), and a count of failures. `escalation_stats` keeps, per
runner name, the runs of `pintu escalate-overdue` and what they escalated. Both are written by
separate processes and read by any API process (`/metrics`, `GET /v1/jaki/sync`, `/readyz`).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-09 00:00:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    for column in (
        sa.Column("last_attempt_at", _TZ, nullable=True),
        sa.Column("last_success_at", _TZ, nullable=True),
        sa.Column("newest_report_at", _TZ, nullable=True),
        sa.Column("last_error", sa.Text, nullable=True),
        sa.Column("last_error_at", _TZ, nullable=True),
        sa.Column("failures_total", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("recent_failures", JSONB, nullable=False, server_default=sa.text("'[]'::jsonb")),
    ):
        op.add_column("sync_state", column)
    op.create_table(
        "escalation_stats",
        sa.Column("name", sa.String(50), nullable=False),
        sa.Column("runs_total", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("escalated_total", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("failures_total", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("last_started_at", _TZ, nullable=True),
        sa.Column("last_finished_at", _TZ, nullable=True),
        sa.Column("last_escalated", sa.Integer, nullable=True),
        sa.Column("last_error", sa.Text, nullable=True),
        sa.Column("last_error_at", _TZ, nullable=True),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_escalation_stats")),
    )


def downgrade() -> None:
    op.drop_table("escalation_stats")
    for name in (
        "recent_failures",
        "failures_total",
        "last_error_at",
        "last_error",
        "newest_report_at",
        "last_success_at",
        "last_attempt_at",
    ):
        op.drop_column("sync_state", name)
