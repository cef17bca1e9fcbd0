"""The events domain's sealed data, as `pintu rotate-keys` rotates it (app.kit.rekey): the
objects events carry for agency keys, and webhook secrets (the current and the previous)."""

from __future__ import annotations

from app.events.outbox import SEALED_FIELD
from app.events.webhooks import SECRET_FIELD
from app.kit.rekey import Sealed, SealedTable
from app.models import OutboxEvent, WebhookSubscription

SEALED_TABLES = (
    SealedTable(OutboxEvent.__table__, (Sealed("data_sealed", SEALED_FIELD),)),  # type: ignore[arg-type]
    SealedTable(
        WebhookSubscription.__table__,  # type: ignore[arg-type]
        (
            Sealed("secret_encrypted", SECRET_FIELD),
            Sealed("previous_secret_encrypted", SECRET_FIELD),
        ),
    ),
)
