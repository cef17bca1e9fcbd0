"""guards: idempotent responses, rate-limit windows, personal-data read audit, erasure tombstones

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 03:10:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "idempotent_responses",
        sa.Column("api_key_id", sa.UUID(), nullable=False),
        sa.Column("key_hash", sa.LargeBinary(length=32), nullable=False),
        sa.Column("request_hash", sa.LargeBinary(length=32), nullable=False),
        sa.Column("status_code", sa.SmallInteger(), nullable=False),
        sa.Column("headers", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("body_encrypted", sa.LargeBinary(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["api_key_id"],
            ["api_keys.id"],
            name=op.f("fk_idempotent_responses_api_key_id_api_keys"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("api_key_id", "key_hash", name=op.f("pk_idempotent_responses")),
    )
    op.create_index("ix_idempotent_responses_expires_at", "idempotent_responses", ["expires_at"])

    # Counters need no crash safety: UNLOGGED skips the write-ahead log (a crash empties it,
    # which at worst forgives one window's requests).
    op.create_table(
        "rate_limit_windows",
        sa.Column("key_hash", sa.LargeBinary(length=32), nullable=False),
        sa.Column("window_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key_hash", "window_start", name=op.f("pk_rate_limit_windows")),
        prefixes=["UNLOGGED"],
    )
    op.create_index("ix_rate_limit_windows_window_start", "rate_limit_windows", ["window_start"])
    op.add_column("api_keys", sa.Column("rate_limit_per_minute", sa.Integer(), nullable=True))
    op.create_check_constraint(
        op.f("ck_api_keys_rate_limit_positive"), "api_keys", "rate_limit_per_minute > 0"
    )

    op.create_table(
        "personal_data_reads",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column(
            "read_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column("complaint_id", sa.UUID(), nullable=False),
        sa.Column("api_key_id", sa.UUID(), nullable=True),
        sa.Column("key_name", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("endpoint", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["api_key_id"],
            ["api_keys.id"],
            name=op.f("fk_personal_data_reads_api_key_id_api_keys"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaints.id"],
            name=op.f("fk_personal_data_reads_complaint_id_complaints"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_personal_data_reads")),
    )
    op.create_index(
        "ix_personal_data_reads_complaint_id_read_at",
        "personal_data_reads",
        ["complaint_id", "read_at"],
    )
    op.create_index("ix_personal_data_reads_read_at", "personal_data_reads", ["read_at"])

    op.create_table(
        "erased_subjects",
        sa.Column("nik_index", sa.LargeBinary(length=32), nullable=False),
        sa.Column(
            "erased_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.PrimaryKeyConstraint("nik_index", name=op.f("pk_erased_subjects")),
    )
    op.add_column(
        "complaints",
        sa.Column("personal_data_erased_at", sa.DateTime(timezone=True), nullable=True),
    )


def downgrade() -> None:
    op.drop_column("complaints", "personal_data_erased_at")
    op.drop_table("erased_subjects")
    op.drop_index("ix_personal_data_reads_read_at", table_name="personal_data_reads")
    op.drop_index("ix_personal_data_reads_complaint_id_read_at", table_name="personal_data_reads")
    op.drop_table("personal_data_reads")
    op.drop_constraint(op.f("ck_api_keys_rate_limit_positive"), "api_keys", type_="check")
    op.drop_column("api_keys", "rate_limit_per_minute")
    op.drop_index("ix_rate_limit_windows_window_start", table_name="rate_limit_windows")
    op.drop_table("rate_limit_windows")
    op.drop_index("ix_idempotent_responses_expires_at", table_name="idempotent_responses")
    op.drop_table("idempotent_responses")
