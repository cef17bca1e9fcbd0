"""The JAKI mirror: push, pull and backfill of JAKI reports."""
