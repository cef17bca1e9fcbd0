"""Exactly once under retries: the `Idempotency-Key` header on requests that create things."""
