"""Metrics for Prometheus: requests by route template, the database pool, and what separate
processes (the JAKI sync, the escalation runner) and the database itself say, read at scrape
time. docs/operations.md, "Metrics and alerts".

Only the entry points use it (they reach inside): nothing is exported.
"""

__all__: list[str] = []
