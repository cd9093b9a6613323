"""Refresh a local copy: ``offline take`` on a file that is already her copy syncs it, then widens it.

Her outbox is sent first and the others' changes received (sync.sync); the new follow-up window and
the clients she picked now are added to the copy's own (``offline_copy.days`` and ``picked``), so the
same sync brings in the clients newly in her caseload. The laptop keeps its id: the server sees the
same laptop. A copy of another login, or of another server, is refused: it is someone else's copy.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.engine import make_url

from consultapp.store import users
from consultapp.store.db import Database
from consultapp.store.errors import KnownError
from consultapp.store.offline import copy, sync
from consultapp.store.offline.tables import CopyRow, is_local_copy


@dataclass(frozen=True)
class Refreshed:
    info: copy.CopyInfo
    report: sync.SyncReport


def is_copy(local: Database) -> bool:
    with local.engine.connect() as lc:
        return is_local_copy(lc)


def _place(url: str) -> tuple[str, int, str]:
    u = make_url(url)
    return (u.host or "localhost", u.port or 5432, u.database or "")


def refresh(
    server: Database, local: Database, *, days: int | None = None, picked: Iterable[uuid.UUID] = ()
) -> Refreshed:
    """Sync her copy ``local`` with ``server``, widened by ``days`` (when given) and the clients ``picked``."""
    if days is not None and not 0 <= days <= 365:
        raise KnownError("--days must be between 0 and 365.")
    me = users.current_consultant(server)
    with local.engine.connect() as lc:
        mine = lc.execute(select(CopyRow.__table__)).mappings().one()
    url = server.url.render_as_string(hide_password=False)
    if me is None or me.db_role != mine["login"] or _place(url) != _place(mine["server_url"]):
        raise KnownError(
            f"This file is {mine['login']}'s local copy from {make_url(mine['server_url']).database}: "
            "refresh it with that login and server, or take the copy into a new file."
        )
    wanted = sorted({*(mine["picked"] or []), *(str(p) for p in picked)})
    with local.engine.begin() as lc:
        lc.execute(update(CopyRow).values(days=mine["days"] if days is None else days, picked=wanted))
    report = sync.sync(local, url)
    if report.wiped:
        raise sync.DeviceRefused("This laptop was revoked by the practice: its local copy was wiped.")
    return Refreshed(info=copy.info(local), report=report)
