"""api key changes: NOTIFY every worker process when a key changes, so cached keys follow

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29 06:10:00.000000+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The payload is the key's hash in hex: what the caches are keyed by. PostgreSQL delivers it at
# commit, to every session that listens (app.auth.cache); a rolled-back change sends nothing.
# Recording a key's last use (last_used_at alone) is no change worth a notification.


def upgrade() -> None:
    op.execute(
        """
        CREATE FUNCTION notify_api_key_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('pintu_api_keys', encode(OLD.key_hash, 'hex'));
            RETURN NULL;
        END
        $$
        """
    )
    op.execute(
        """
        CREATE TRIGGER api_keys_changed
        AFTER UPDATE OF name, role, key_hash, expires_at, revoked_at, unit_code,
            rate_limit_per_minute OR DELETE ON api_keys
        FOR EACH ROW EXECUTE FUNCTION notify_api_key_change()
        """
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER api_keys_changed ON api_keys")
    op.execute("DROP FUNCTION notify_api_key_change()")
