"""The practice server going away mid-sync (issue 17): a clear message, nothing lost or twice, the next sync ends it.

The server cuts the sync's connection (``pg_terminate_backend``, as a server restart or a dropped network
does) in the middle of sending her visits, then in the middle of receiving another consultant's.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from factories import make_client, make_visit
from offline_practice import OfflinePractice, practice_server
from sqlalchemy import func, select

from consultapp.cli import main
from consultapp.store import audit
from consultapp.store.db import Database, open_database
from consultapp.store.facade import Store
from consultapp.store.models import VisitRow
from consultapp.store.offline import copy, sync
from consultapp.store.offline.tables import OutboxRow

pytestmark = pytest.mark.postgres
PASS = "pass phrase one"


@pytest.fixture
def practice() -> Iterator[OfflinePractice]:
    yield from practice_server()


def _visits(db: Database, client_id: uuid.UUID, reasons: list[str]) -> None:
    store = Store(db)
    client = store.get_client(client_id)
    for reason in reasons:
        store.save_visit(make_visit(client, reason=reason))


def _reasons(db: Database) -> list[str]:
    with db.session() as s:
        return sorted(s.scalars(select(VisitRow.reason)))


def _cut_at(practice: OfflinePractice, real: Callable[..., Any], at: int) -> Callable[..., Any]:
    """``real``, but at its ``at``-th call the server first cuts every connection of Jo's login."""
    calls = [0]

    def cut_then_call(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        if calls[0] == at:
            practice.run_admin(  # type: ignore[operator]
                f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '{practice.jo}'"
            )
        return real(*args, **kwargs)

    return cut_then_call


def test_server_gone_mid_send_and_mid_receive(
    practice: OfflinePractice, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    mia = practice.open(practice.mia)
    client = make_client(given="Zoë", family="Nguyễn")
    Store(mia).save_client(client)
    assert client.id is not None
    server = practice.open(practice.jo)
    local = open_database(tmp_path / "jo.db", passphrase=PASS)
    copy.take(server, local, picked=[client.id])
    server.close()
    local.close()
    local = open_database(tmp_path / "jo.db", passphrase=PASS)  # (as her copy: its outbox on)
    mine = [f"Jo offline {i}" for i in range(8)]
    _visits(local, client.id, mine)
    local.close()
    pw = tmp_path / "pw.txt"
    pw.write_text(PASS + "\n", encoding="utf-8")
    command = ["offline", "sync", "--db", str(tmp_path / "jo.db"), "--passphrase-file", str(pw)]
    with monkeypatch.context() as m:  # mid-send: the 4th visit's server transaction is cut
        m.setattr(sync, "_send_record", _cut_at(practice, sync._send_record, 4))
        assert main(command) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "connection to the practice server was lost" in err[0]
    theirs = [f"Mia on the server {i}" for i in range(8)]
    _visits(mia, client.id, theirs)
    mia.close()
    local = open_database(tmp_path / "jo.db", passphrase=PASS)
    try:
        waiting = copy.info(local).waiting
        assert waiting == len(mine) - 3  # three went, the rest waits
        with monkeypatch.context() as m:  # mid-receive: the rest is sent, then cut at Mia's third visit
            m.setattr(sync, "store_record", _cut_at(practice, sync.store_record, waiting + 3))
            with pytest.raises(sync.ServerGone, match="Nothing is lost"):
                sync.sync(local)
        held = _reasons(local)
        assert 0 < len([r for r in held if r.startswith("Mia")]) < len(theirs)
        assert copy.info(local).waiting == 0
        report = sync.sync(local)
        assert not report.failed and report.sent == {}
        assert _reasons(local) == sorted(mine + theirs)
        assert sync.sync(local).received == {}
        with local.engine.connect() as conn:
            assert conn.execute(select(func.count()).select_from(OutboxRow)).scalar() == 0
    finally:
        local.close()
    owner = practice.open(practice.owner)
    try:
        assert _reasons(owner) == sorted(mine + theirs)
        with owner.session() as s:
            assert not audit.verify(s)
    finally:
        owner.close()
