"""Aggregate counts of complaints: open to everyone, no personal data."""
