"""What a database error means, by its SQLSTATE: the server cannot serve now (worth retrying
later), two requests crossed, a uniqueness or reference check lost a race, or a value cannot be
stored. app.kit.problems answers each; long-running jobs ask `database_unavailable`."""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy.exc import (
    DataError,
    DBAPIError,
    IntegrityError,
    InterfaceError,
    OperationalError,
    TimeoutError as PoolTimeout,
)

# SQLSTATE classes of a server that cannot serve now: 08 connection exception, 53 insufficient
# resources (too many connections), 57 operator intervention (shutting down, starting up, a
# statement cancelled).
_UNAVAILABLE_CLASSES = ("08", "53", "57")


def is_connection_loss(exc: DBAPIError) -> bool:
    sqlstate = str(getattr(exc.orig, "sqlstate", "") or "")
    return (
        isinstance(exc, InterfaceError | OperationalError)
        or bool(exc.connection_invalidated)
        or sqlstate.startswith(_UNAVAILABLE_CLASSES)
    )


def database_unavailable(exc: BaseException) -> bool:
    """Whether `exc` says the database cannot be reached now (worth retrying later), rather
    than that a statement was wrong."""
    if isinstance(exc, DBAPIError):
        return is_connection_loss(exc)
    return isinstance(exc, OSError | TimeoutError | PoolTimeout)


class Refusal(StrEnum):
    """What a statement's error says about the request that sent it."""

    CROSSED = "crossed"  # serialization failure or deadlock: rolled back, a retry succeeds
    UNAVAILABLE = "unavailable"  # the connection or the server: nothing is wrong with the request
    RACE_LOST = "race_lost"  # a uniqueness or reference check lost a race with another request
    BAD_VALUE = "bad_value"  # a value validation let through that PostgreSQL cannot take
    UNEXPECTED = "unexpected"  # anything else: a bug


def refusal(exc: DBAPIError) -> Refusal:
    """Classify a statement's error."""
    sqlstate = str(getattr(exc.orig, "sqlstate", "") or "")
    if sqlstate in {"40001", "40P01"}:
        return Refusal.CROSSED
    if is_connection_loss(exc):
        return Refusal.UNAVAILABLE
    if isinstance(exc, IntegrityError) or sqlstate.startswith("23"):
        return Refusal.RACE_LOST
    # SQLSTATE class 22 is "data exception": a bad value, not a broken server.
    if isinstance(exc, DataError) or sqlstate.startswith("22"):
        return Refusal.BAD_VALUE
    return Refusal.UNEXPECTED
