"""dedup: matching text and point indexes, duplicate links, candidates and decisions, models

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28 20:15:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Text normalised once at ingest (abbreviations, slang, stems, negations) and its vector;
    # rows written before this revision get it from `pintu dedup-reindex`.
    op.add_column("complaints", sa.Column("match_text", sa.Text(), nullable=True))
    op.add_column(
        "complaints",
        sa.Column(
            "match_vector",
            postgresql.TSVECTOR(),
            sa.Computed(
                "to_tsvector('simple'::regconfig, coalesce(match_text, ''))", persisted=True
            ),
            nullable=True,
        ),
    )
    op.create_index(
        "ix_complaints_match_vector", "complaints", ["match_vector"], postgresql_using="gin"
    )
    # Points and time in one GiST index (btree_gist lets a timestamp share it): a box around a
    # point within a time window is one index scan. No PostGIS needed.
    op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    op.create_index(
        "ix_complaints_point_reported_at",
        "complaints",
        [sa.text("point(lon, lat)"), "reported_at"],
        postgresql_using="gist",
        postgresql_where=sa.text("lat IS NOT NULL"),
    )
    # Category first, so a filter on the category alone still uses it; with the kecamatan and
    # time, matching's search for the same problem next door is one index range.
    op.drop_index("ix_complaints_category_code", table_name="complaints")
    op.create_index(
        "ix_complaints_category_kecamatan_reported_at",
        "complaints",
        ["category_code", "kecamatan_code", "reported_at"],
    )
    op.add_column("complaints", sa.Column("duplicate_of_id", sa.UUID(), nullable=True))
    op.create_foreign_key(
        op.f("fk_complaints_duplicate_of_id_complaints"),
        "complaints",
        "complaints",
        ["duplicate_of_id"],
        ["id"],
    )
    op.create_check_constraint(
        op.f("ck_complaints_not_own_duplicate"), "complaints", "duplicate_of_id <> id"
    )
    op.create_index(
        "ix_complaints_duplicate_of_id",
        "complaints",
        ["duplicate_of_id"],
        postgresql_where=sa.text("duplicate_of_id IS NOT NULL"),
    )

    op.create_table(
        "dedup_models",
        sa.Column("version", sa.Integer(), sa.Identity(), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("weights", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column(
            "trained_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("version", name=op.f("pk_dedup_models")),
    )
    op.create_table(
        "dedup_name_counts",
        sa.Column("token", sa.String(length=100), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("token", name=op.f("pk_dedup_name_counts")),
    )
    op.create_table(
        "dedup_candidates",
        sa.Column("complaint_id", sa.UUID(), nullable=False),
        sa.Column("candidate_id", sa.UUID(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("band", sa.String(length=10), nullable=False),
        sa.Column("rule", sa.String(length=10), nullable=False),
        # Comparison outcomes per signal (no personal values): what a decision is learned from.
        sa.Column("comparison", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("model_version", sa.Integer(), nullable=True),
        sa.Column(
            "found_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("decision", sa.String(length=10), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by_key_id", sa.UUID(), nullable=True),
        sa.Column("decided_by_name", sa.String(length=100), nullable=True),
        sa.Column("decided_by_role", sa.String(length=20), nullable=True),
        sa.CheckConstraint(
            "band IN ('match', 'review', 'below')", name=op.f("ck_dedup_candidates_band")
        ),
        sa.CheckConstraint("rule IN ('person', 'place')", name=op.f("ck_dedup_candidates_rule")),
        sa.CheckConstraint(
            "decision IS NULL OR decision IN ('match', 'not_match')",
            name=op.f("ck_dedup_candidates_decision"),
        ),
        sa.CheckConstraint(
            "(decision IS NULL) = (decided_at IS NULL)",
            name=op.f("ck_dedup_candidates_decided"),
        ),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaints.id"],
            name=op.f("fk_dedup_candidates_complaint_id_complaints"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["complaints.id"],
            name=op.f("fk_dedup_candidates_candidate_id_complaints"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_key_id"],
            ["api_keys.id"],
            name=op.f("fk_dedup_candidates_decided_by_key_id_api_keys"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("complaint_id", "candidate_id", name=op.f("pk_dedup_candidates")),
    )
    op.create_index(
        "ix_dedup_candidates_open_review",
        "dedup_candidates",
        ["found_at"],
        postgresql_where=sa.text("band = 'review' AND decision IS NULL"),
    )
    op.create_index(
        "ix_dedup_candidates_decided_at",
        "dedup_candidates",
        ["decided_at"],
        postgresql_where=sa.text("decision IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_dedup_candidates_decided_at", table_name="dedup_candidates")
    op.drop_index("ix_dedup_candidates_open_review", table_name="dedup_candidates")
    op.drop_table("dedup_candidates")
    op.drop_table("dedup_name_counts")
    op.drop_table("dedup_models")
    op.drop_index("ix_complaints_duplicate_of_id", table_name="complaints")
    op.drop_constraint(op.f("ck_complaints_not_own_duplicate"), "complaints", type_="check")
    op.drop_constraint(
        op.f("fk_complaints_duplicate_of_id_complaints"), "complaints", type_="foreignkey"
    )
    op.drop_column("complaints", "duplicate_of_id")
    op.drop_index("ix_complaints_category_kecamatan_reported_at", table_name="complaints")
    op.create_index("ix_complaints_category_code", "complaints", ["category_code"])
    op.drop_index("ix_complaints_point_reported_at", table_name="complaints")
    op.drop_index("ix_complaints_match_vector", table_name="complaints")
    op.drop_column("complaints", "match_vector")
    op.drop_column("complaints", "match_text")
