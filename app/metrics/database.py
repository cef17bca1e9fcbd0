"""What the database says at scrape time: the JAKI sync, the escalation runner (both separate
processes, so their state is stored, not held in memory) and the open assignments by unit.
Three reads: two by primary key and one aggregate over open assignments."""

from __future__ import annotations

import logging
from datetime import datetime

from prometheus_client.metrics_core import CounterMetricFamily, GaugeMetricFamily, Metric
from sqlalchemy.ext.asyncio import AsyncSession

from app.assignments import escalation_summary, workload_by_unit
from app.kit.config import Settings
from app.mirror import SyncHealth, sync_status

logger = logging.getLogger("pintu.metrics")


def _ts(at: datetime | None) -> float | None:
    return at.timestamp() if at is not None else None


def _gauge(name: str, doc: str, value: float | None) -> Metric | None:
    if value is None:
        return None
    return GaugeMetricFamily(name, doc, value=value)


async def read(session: AsyncSession, settings: Settings) -> list[Metric]:
    """The families read from the database; if it cannot be read, `pintu_database_up` 0 and
    nothing else (the process's own instruments are still served)."""
    try:
        sync = await sync_status(
            session,
            feed_url_configured=bool(settings.jaki_feed_url),
            stale_after=settings.jaki_sync_stale_after,
        )
        escalation = await escalation_summary(session)
        workload = await workload_by_unit(session)
    except Exception as exc:  # a scrape must answer whatever the database does
        logger.warning("metrics: the database could not be read (%s)", type(exc).__name__)
        await session.rollback()  # leave no failed transaction to the caller's commit
        return [GaugeMetricFamily("pintu_database_up", "Whether this scrape read the database", 0)]

    families: list[Metric | None] = [
        GaugeMetricFamily("pintu_database_up", "Whether this scrape read the database", 1)
    ]
    state = GaugeMetricFamily(
        "pintu_jaki_sync_state",
        "The JAKI pull's state (1 for the current one): ok, stale, failing, not_configured",
        labels=["state"],
    )
    for health in SyncHealth:
        state.add_metric([health.value], 1 if sync.state is health else 0)
    families += [
        state,
        _gauge(
            "pintu_jaki_sync_last_success_timestamp_seconds",
            "When a pull last reached the end of the JAKI feed",
            _ts(sync.last_success_at),
        ),
        _gauge(
            "pintu_jaki_sync_lag_seconds",
            "Seconds since a pull last reached the end of the JAKI feed",
            sync.lag_seconds,
        ),
        _gauge(
            "pintu_jaki_sync_newest_report_timestamp_seconds",
            "The newest updated_at among the JAKI reports pulled",
            _ts(sync.newest_report_at),
        ),
        _gauge(
            "pintu_jaki_sync_last_failure_timestamp_seconds",
            "When an error last stopped a pull",
            _ts(sync.last_error_at),
        ),
        CounterMetricFamily(
            "pintu_jaki_sync_failures", "Pulls stopped by an error", value=sync.failures_total
        ),
        CounterMetricFamily(
            "pintu_jaki_sync_reports", "Reports read from the JAKI feed", value=sync.reports_seen
        ),
    ]
    if escalation is not None:
        families += [
            CounterMetricFamily(
                "pintu_escalation_runs", "Runs of pintu escalate-overdue", value=escalation.runs
            ),
            CounterMetricFamily(
                "pintu_escalation_failures",
                "Runs of pintu escalate-overdue that ended in an error",
                value=escalation.failures,
            ),
            CounterMetricFamily(
                "pintu_escalation_escalated",
                "Assignments escalated by pintu escalate-overdue",
                value=escalation.escalated,
            ),
            _gauge(
                "pintu_escalation_last_run_timestamp_seconds",
                "When the last run of pintu escalate-overdue that did not fail ended",
                _ts(escalation.last_finished_at),
            ),
            _gauge(
                "pintu_escalation_last_run_escalated",
                "Assignments the last run of pintu escalate-overdue escalated",
                escalation.last_escalated,
            ),
        ]
    open_ = GaugeMetricFamily(
        "pintu_assignments_open",
        "Open assignments (pending, accepted, in progress) by unit",
        labels=["unit"],
    )
    overdue = GaugeMetricFamily(
        "pintu_assignments_overdue",
        "Open assignments past their respond or finish deadline, by unit",
        labels=["unit"],
    )
    for unit, n_open, n_overdue in workload:
        open_.add_metric([unit], n_open)
        overdue.add_metric([unit], n_overdue)
    families += [open_, overdue]
    return [family for family in families if family is not None]
