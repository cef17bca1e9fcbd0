"""Reading a database error by its SQLSTATE (app.kit.sqlstate); the answers each kind gets are
tested through the app in tests/kit/test_errors.py and tests/test_database_unavailable.py."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import (
    DataError,
    DBAPIError,
    IntegrityError,
    OperationalError,
    TimeoutError as PoolTimeout,
)

from app.kit.sqlstate import Refusal, database_unavailable, refusal


class _Driver(Exception):
    def __init__(self, sqlstate: str) -> None:
        super().__init__(sqlstate)
        self.sqlstate = sqlstate


def _error(kind: type[DBAPIError], sqlstate: str) -> DBAPIError:
    return kind("SELECT 1", None, _Driver(sqlstate))


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (_error(DBAPIError, "40001"), Refusal.CROSSED),  # serialization failure
        (_error(DBAPIError, "40P01"), Refusal.CROSSED),  # deadlock
        (_error(DBAPIError, "08006"), Refusal.UNAVAILABLE),  # connection failure
        (_error(DBAPIError, "53300"), Refusal.UNAVAILABLE),  # too many connections
        (_error(DBAPIError, "57P01"), Refusal.UNAVAILABLE),  # admin shutdown
        (_error(OperationalError, ""), Refusal.UNAVAILABLE),
        (_error(IntegrityError, "23505"), Refusal.RACE_LOST),  # unique violation
        (_error(DBAPIError, "23503"), Refusal.RACE_LOST),  # foreign key violation
        (_error(DataError, "22003"), Refusal.BAD_VALUE),  # numeric out of range
        (_error(DBAPIError, "22021"), Refusal.BAD_VALUE),  # invalid byte sequence
        (_error(DBAPIError, "42P01"), Refusal.UNEXPECTED),  # undefined table: a bug
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_each_sqlstate_means_one_kind_of_refusal(error: DBAPIError, expected: Refusal):
    assert refusal(error) is expected


def test_the_database_is_unavailable_only_for_connection_troubles():
    assert database_unavailable(_error(DBAPIError, "08001"))
    assert database_unavailable(ConnectionRefusedError())
    assert database_unavailable(PoolTimeout())
    assert not database_unavailable(_error(IntegrityError, "23505"))
    assert not database_unavailable(ValueError("not a database error"))
