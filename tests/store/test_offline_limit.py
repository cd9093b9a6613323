"""The practice's offline limit is an admin's: a consultant's own SQL cannot lengthen it (migration 0016)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator

import pytest
from offline_practice import OfflinePractice, practice_server
from sqlalchemy import insert, text
from sqlalchemy.exc import DBAPIError

from consultapp.cli import main
from consultapp.domain.records import Practice
from consultapp.store.facade import Store
from consultapp.store.models import PracticeRow

pytestmark = pytest.mark.postgres


@pytest.fixture
def practice() -> Iterator[OfflinePractice]:
    yield from practice_server()


def _limit(p: OfflinePractice) -> int:
    db = p.open(p.owner)
    try:
        with db.engine.connect() as conn:
            return int(
                conn.execute(text("SELECT offline_max_days FROM practice ORDER BY created_at LIMIT 1")).scalar_one()
            )
    finally:
        db.close()


def _set_up_practice(p: OfflinePractice) -> None:
    db = p.open(p.admin)
    try:
        Store(db).save_practice(Practice(name="Milk & Co"))
    finally:
        db.close()


def test_consultant_sql_cannot_change_the_limit(practice: OfflinePractice) -> None:
    _set_up_practice(practice)
    jo = practice.open(practice.jo)
    try:
        with jo.engine.connect() as conn:
            with pytest.raises(DBAPIError, match="Only an admin of this practice"):
                conn.execute(text("UPDATE practice SET offline_max_days = 365"))
            conn.rollback()
            with pytest.raises(DBAPIError, match="Only an admin of this practice"):
                old = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)  # an older row would be the one in force
                conn.execute(
                    insert(PracticeRow.__table__).values(id=uuid.uuid4(), created_at=old, offline_max_days=365)
                )
            conn.rollback()
            with pytest.raises(DBAPIError, match="Only an admin of this practice"):
                conn.execute(text("DELETE FROM practice"))  # (then a new row with a longer limit)
            conn.rollback()
            conn.execute(text("UPDATE practice SET name = 'Milk and Co'"))  # her other edits still go through
            conn.commit()
    finally:
        jo.close()
    assert _limit(practice) == 14


def test_admin_sets_the_limit_from_the_command_line(
    practice: OfflinePractice, capsys: pytest.CaptureFixture[str]
) -> None:
    _set_up_practice(practice)
    assert main(["practice", "set-offline-days", "30", "--db", practice.url(practice.jo)]) == 2
    assert "Only an admin" in capsys.readouterr().err
    assert _limit(practice) == 14
    assert main(["practice", "set-offline-days", "30", "--db", practice.url(practice.admin)]) == 0
    assert "after 30 days without contact (was 14)" in capsys.readouterr().out
    assert _limit(practice) == 30
    assert main(["practice", "set-offline-days", "0", "--db", practice.url(practice.admin)]) == 2
    assert _limit(practice) == 30
