"""client keys and receipt codes: keys bound to a channel, codes to track a complaint with

A `client` key (an app's backend) is bound to one channel, as an agency key is to one unit: it
records and reads that channel's complaints and subscribes to their events, so events and
webhook subscriptions carry the channel too (old events get it from their complaint). A
complaint keeps a keyed hash of the receipt code its complainant tracks it with.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-08 00:00:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ROLES = ("viewer", "desk", "agency", "integration", "admin")
_TRIGGER = """
    CREATE TRIGGER api_keys_changed
    AFTER UPDATE OF name, role, key_hash, expires_at, revoked_at, unit_code,
        rate_limit_per_minute{extra} OR DELETE ON api_keys
    FOR EACH ROW EXECUTE FUNCTION notify_api_key_change()
"""


def _roles(roles: Sequence[str]) -> str:
    return "role IN (" + ", ".join(repr(r) for r in roles) + ")"


def upgrade() -> None:
    op.add_column("api_keys", sa.Column("channel_code", sa.String(32), nullable=True))
    op.create_foreign_key(
        op.f("fk_api_keys_channel_code_channels"),
        "api_keys",
        "channels",
        ["channel_code"],
        ["code"],
    )
    op.drop_constraint(op.f("ck_api_keys_role"), "api_keys", type_="check")
    op.create_check_constraint(op.f("ck_api_keys_role"), "api_keys", _roles((*_ROLES, "client")))
    op.create_check_constraint(
        "client_channel", "api_keys", "(role = 'client') = (channel_code IS NOT NULL)"
    )
    # The cache of every worker must hear of a key's channel changing, as of its unit.
    op.execute("DROP TRIGGER api_keys_changed ON api_keys")
    op.execute(_TRIGGER.format(extra=", channel_code"))

    op.add_column("complaints", sa.Column("receipt_code_hash", sa.LargeBinary(32), nullable=True))

    op.add_column("events", sa.Column("channel_code", sa.String(32), nullable=True))
    op.execute(
        "UPDATE events SET channel_code = c.channel_code FROM complaints c "
        "WHERE c.id = events.complaint_id"
    )
    # Every event concerns one complaint: its channel is filled in as the event is written, on
    # every path (an INSERT, the mirror's COPY), whoever writes it.
    op.execute(
        """
        CREATE FUNCTION event_channel() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            SELECT channel_code INTO NEW.channel_code FROM complaints WHERE id = NEW.complaint_id;
            RETURN NEW;
        END
        $$
        """
    )
    op.execute(
        "CREATE TRIGGER events_channel BEFORE INSERT ON events "
        "FOR EACH ROW WHEN (NEW.channel_code IS NULL) EXECUTE FUNCTION event_channel()"
    )
    op.add_column("webhook_subscriptions", sa.Column("channel_code", sa.String(32), nullable=True))
    op.create_foreign_key(
        op.f("fk_webhook_subscriptions_channel_code_channels"),
        "webhook_subscriptions",
        "channels",
        ["channel_code"],
        ["code"],
    )
    op.create_check_constraint(
        "one_scope", "webhook_subscriptions", "unit_code IS NULL OR channel_code IS NULL"
    )


def downgrade() -> None:
    op.drop_constraint(
        op.f("ck_webhook_subscriptions_one_scope"), "webhook_subscriptions", type_="check"
    )
    op.execute("DELETE FROM webhook_subscriptions WHERE channel_code IS NOT NULL")
    op.drop_column("webhook_subscriptions", "channel_code")
    op.execute("DROP TRIGGER events_channel ON events")
    op.execute("DROP FUNCTION event_channel()")
    op.drop_column("events", "channel_code")
    op.drop_column("complaints", "receipt_code_hash")
    op.execute("DROP TRIGGER api_keys_changed ON api_keys")
    op.execute(_TRIGGER.format(extra=""))
    op.drop_constraint(op.f("ck_api_keys_client_channel"), "api_keys", type_="check")
    op.execute("DELETE FROM api_keys WHERE role = 'client'")
    op.drop_constraint(op.f("ck_api_keys_role"), "api_keys", type_="check")
    op.create_check_constraint(op.f("ck_api_keys_role"), "api_keys", _roles(_ROLES))
    op.drop_column("api_keys", "channel_code")
