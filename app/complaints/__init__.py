"""Complaints from every channel: intake, lookup, corrections, statuses and history."""
