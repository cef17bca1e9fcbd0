"""assignments: complaints routed to units (disposisi), follow-ups (tindak lanjut)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28 13:51:16.948485+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "assignments",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("complaint_id", sa.UUID(), nullable=False),
        sa.Column("unit_code", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("previous_id", sa.UUID(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("assignee_name", sa.String(length=200), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("respond_by", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finish_by", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("returned_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("return_reason", sa.Text(), nullable=True),
        sa.Column("escalated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_by_key_id", sa.UUID(), nullable=True),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint(
            "kind IN ('assignment', 'coordination', 'disposition', 'escalation')",
            name=op.f("ck_assignments_kind"),
        ),
        sa.CheckConstraint(
            "status IN ('pending', 'accepted', 'in_progress', 'completed', 'returned', 'moved', 'escalated')",
            name=op.f("ck_assignments_status"),
        ),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaints.id"],
            name=op.f("fk_assignments_complaint_id_complaints"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by_key_id"],
            ["api_keys.id"],
            name=op.f("fk_assignments_created_by_key_id_api_keys"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["previous_id"], ["assignments.id"], name=op.f("fk_assignments_previous_id_assignments")
        ),
        sa.ForeignKeyConstraint(
            ["unit_code"], ["units.code"], name=op.f("fk_assignments_unit_code_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assignments")),
    )
    op.create_index(
        "ix_assignments_complaint_unit", "assignments", ["complaint_id", "unit_code"], unique=False
    )
    op.create_index("ix_assignments_finish_by", "assignments", ["finish_by"], unique=False)
    op.create_index(
        "ix_assignments_unit_status", "assignments", ["unit_code", "status"], unique=False
    )
    op.create_index(
        "uq_assignments_active_complaint",
        "assignments",
        ["complaint_id"],
        unique=True,
        postgresql_where=sa.text("status IN ('pending', 'accepted', 'in_progress')"),
    )
    op.create_table(
        "follow_ups",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("assignment_id", sa.UUID(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("photo_urls", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("actor_name", sa.String(length=100), nullable=False),
        sa.Column("actor_role", sa.String(length=20), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["assignment_id"],
            ["assignments.id"],
            name=op.f("fk_follow_ups_assignment_id_assignments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_ups")),
    )
    op.create_index(
        "ix_follow_ups_assignment_created",
        "follow_ups",
        ["assignment_id", "created_at"],
        unique=False,
    )
    op.add_column(
        "complaints", sa.Column("assigned_unit_code", sa.String(length=40), nullable=True)
    )
    op.add_column("complaints", sa.Column("routing_kind", sa.String(length=20), nullable=True))
    op.create_index(
        op.f("ix_complaints_assigned_unit_code"), "complaints", ["assigned_unit_code"], unique=False
    )
    op.create_foreign_key(
        op.f("fk_complaints_assigned_unit_code_units"),
        "complaints",
        "units",
        ["assigned_unit_code"],
        ["code"],
    )


def downgrade() -> None:
    op.drop_constraint(
        op.f("fk_complaints_assigned_unit_code_units"), "complaints", type_="foreignkey"
    )
    op.drop_index(op.f("ix_complaints_assigned_unit_code"), table_name="complaints")
    op.drop_column("complaints", "routing_kind")
    op.drop_column("complaints", "assigned_unit_code")
    op.drop_index("ix_follow_ups_assignment_created", table_name="follow_ups")
    op.drop_table("follow_ups")
    op.drop_index(
        "uq_assignments_active_complaint",
        table_name="assignments",
        postgresql_where=sa.text("status IN ('pending', 'accepted', 'in_progress')"),
    )
    op.drop_index("ix_assignments_unit_status", table_name="assignments")
    op.drop_index("ix_assignments_finish_by", table_name="assignments")
    op.drop_index("ix_assignments_complaint_unit", table_name="assignments")
    op.drop_table("assignments")
