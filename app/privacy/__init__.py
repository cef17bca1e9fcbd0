"""Data-subject requests (UU PDP): export and erasure of one person's personal data."""
