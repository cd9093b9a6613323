"""The laptops holding offline copies of the practice's records; an admin revokes a lost one."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select, text

from consultapp.store.db import Database
from consultapp.store.errors import KnownError
from consultapp.store.models import OfflineDeviceRow, PracticeRow
from consultapp.store.users import server_says


@dataclass(frozen=True)
class Device:
    id: uuid.UUID
    login: str
    label: str
    taken_at: dt.datetime
    last_contact_at: dt.datetime
    revoked_at: dt.datetime | None


def devices(db: Database) -> list[Device]:
    with db.session() as s:
        return [
            Device(r.id, r.login, r.label, r.taken_at, r.last_contact_at, r.revoked_at)
            for r in s.scalars(select(OfflineDeviceRow).order_by(OfflineDeviceRow.taken_at))
        ]


def revoke(db: Database, device_id: uuid.UUID) -> None:
    """Revoke the laptop: its uploads are refused, and it wipes its copy at its next contact (an admin's act)."""
    if db.is_sqlite:
        raise KnownError("Laptops with offline copies exist only on a PostgreSQL practice database.")
    with server_says(), db.session() as s:
        s.execute(text("SELECT consultapp_device_revoke(:d)"), {"d": device_id})


def set_offline_days(db: Database, days: int) -> int:
    """How many days a laptop may stay out of contact before its copy stops syncing (an admin's act).

    The server's trigger (migration 0016) refuses the change to any other login. Returns the old limit.
    """
    if db.is_sqlite:
        raise KnownError("The offline limit is set on a PostgreSQL practice database.")
    if not 1 <= days <= 365:
        raise KnownError("The number of days must be between 1 and 365.")
    with server_says(), db.session() as s:
        practice = s.scalars(select(PracticeRow).order_by(PracticeRow.created_at).limit(1)).first()
        if practice is None:
            raise KnownError("The practice's details are not set up yet: open the app once as an admin.")
        old = practice.offline_max_days
        practice.offline_max_days = days
    return old
