"""Storage failures become one clear message for the user, or stay bugs."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import OperationalError

from consultapp.store.errors import KnownError, classify


def _operational(message: str) -> OperationalError:
    return OperationalError("SELECT 1", {}, Exception(message))


@pytest.mark.parametrize(
    ("driver_message", "expected"),
    [
        ("database is locked", "busy in another program"),
        ("database or disk is full", "disk is full"),
        ("attempt to write a readonly database", "read-only"),
        ('connection failed: FATAL:  database "nosuchdb" does not exist', "database does not exist"),
        ('FATAL:  password authentication failed for user "x"', "refused the login"),
        ('connection failed: FATAL:  role "nobody" does not exist', "refused the login"),
        ("connection refused", "cannot be reached"),
    ],
)
def test_user_problems_get_a_plain_message(driver_message: str, expected: str) -> None:
    known = classify(_operational(driver_message))
    assert isinstance(known, KnownError)
    assert expected in str(known)


def test_missing_postgres_driver_says_which_extra_to_install() -> None:
    known = classify(ModuleNotFoundError("No module named 'psycopg'", name="psycopg"))
    assert known is not None and "consultapp[postgres]" in str(known)


def test_bugs_stay_bugs() -> None:
    assert classify(KeyError("x")) is None
    assert classify(ZeroDivisionError()) is None
