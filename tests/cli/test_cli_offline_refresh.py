"""``offline take`` on her existing copy refreshes it (sends first, then widens it); another's copy is refused."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from factories import make_client, make_visit
from offline_practice import OfflinePractice, practice_server
from sqlalchemy import select

from consultapp.cli import main
from consultapp.store.db import open_database
from consultapp.store.facade import Store
from consultapp.store.models import VisitRow
from consultapp.store.offline import copy

pytestmark = pytest.mark.postgres
PASS = "pass phrase one"


@pytest.fixture
def practice() -> Iterator[OfflinePractice]:
    yield from practice_server()


def _client(p: OfflinePractice, login: str, given: str) -> uuid.UUID:
    db = p.open(login)
    try:
        client = make_client(given=given)
        Store(db).save_client(client)
        assert client.id is not None
        return client.id
    finally:
        db.close()


def _take(p: OfflinePractice, login: str, out: Path, pw: Path, *extra: str) -> int:
    return main(
        [
            "offline",
            "take",
            "--db",
            p.url(login),
            "--out",
            str(out),
            "--passphrase-file",
            str(pw),
            "--recovery-key-file",
            f"{out}.key",
            *extra,
        ]
    )


def test_take_again_sends_then_brings_new_clients(
    practice: OfflinePractice, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pw = tmp_path / "pw.txt"
    pw.write_text(PASS + "\n", encoding="utf-8")
    first = _client(practice, practice.jo, "Amara")
    jo = tmp_path / "jo.db"
    assert _take(practice, practice.jo, jo, pw, "--client", str(first)) == 0
    local = open_database(jo, passphrase=PASS)
    try:
        device = copy.info(local).device_id
        store = Store(local)
        store.save_visit(make_visit(store.get_client(first), reason="offline before the refresh"))
        assert copy.info(local).waiting == 1
    finally:
        local.close()
    later = _client(practice, practice.mia, "Zainab")
    capsys.readouterr()
    assert _take(practice, practice.jo, jo, pw, "--client", str(later)) == 0
    out = capsys.readouterr().out
    assert "Sent: 1 visit." in out and "Refreshed" in out
    local = open_database(jo, passphrase=PASS)
    try:
        info = copy.info(local)
        assert (info.device_id, info.waiting, info.clients) == (device, 0, 2)
        assert Store(local).client_exists(later) and Store(local).client_exists(first)
    finally:
        local.close()
    server = practice.open(practice.owner)
    try:
        with server.session() as s:
            assert list(s.scalars(select(VisitRow.reason))) == ["offline before the refresh"]
    finally:
        server.close()
    assert _take(practice, practice.jo, jo, pw) == 0  # again: nothing new, nothing twice
    assert "Sent: nothing. Received: nothing." in capsys.readouterr().out


def test_take_onto_another_logins_copy_is_refused(
    practice: OfflinePractice, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pw = tmp_path / "pw.txt"
    pw.write_text(PASS + "\n", encoding="utf-8")
    client = _client(practice, practice.jo, "Amara")
    jo = tmp_path / "jo.db"
    assert _take(practice, practice.jo, jo, pw, "--client", str(client)) == 0
    before = jo.read_bytes()
    capsys.readouterr()
    assert _take(practice, practice.mia, jo, pw) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and f"{practice.jo}'s local copy" in err
    assert jo.read_bytes() == before
