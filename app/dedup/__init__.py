"""Matching walk-in complaints against the JAKI mirror."""
