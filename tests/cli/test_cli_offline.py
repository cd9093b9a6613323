"""The offline commands against the real server: two laptops, 50 visits each, a phone edited on both, and kills."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from factories import make_client, make_visit
from offline_practice import OfflinePractice, practice_server
from sqlalchemy import select

from consultapp.cli import main
from consultapp.store import audit
from consultapp.store.db import open_database
from consultapp.store.facade import Store
from consultapp.store.models import VisitRow

pytestmark = pytest.mark.postgres
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def practice() -> Iterator[OfflinePractice]:
    yield from practice_server()


def _shared_client(p: OfflinePractice) -> uuid.UUID:
    db = p.open(p.jo)
    try:
        client = make_client(given="Zoë", family="Nguyễn")
        Store(db).save_client(client)
        assert client.id is not None
        return client.id
    finally:
        db.close()


def _take(p: OfflinePractice, login: str, out: Path, pw: Path, client: uuid.UUID) -> None:
    args = [
        "offline",
        "take",
        "--db",
        p.url(login),
        "--out",
        str(out),
        "--passphrase-file",
        str(pw),
        "--client",
        str(client),
        "--recovery-key-file",
        str(out) + ".key",
    ]
    assert main(args) == 0


def _offline_work(out: Path, client_id: uuid.UUID, phone: str, n: int) -> None:
    db = open_database(out, passphrase="pass phrase one")
    try:
        store = Store(db)
        client = store.get_client(client_id)
        client.phone = phone
        store.save_client(client)
        for i in range(n):
            store.save_visit(make_visit(client, reason=f"{phone} visit {i}"))
    finally:
        db.close()


def _server_visits(p: OfflinePractice) -> list[str]:
    db = p.open(p.owner)
    try:
        with db.session() as s:
            assert not audit.verify(s)
            return list(s.scalars(select(VisitRow.reason)))
    finally:
        db.close()


def _server_phone(p: OfflinePractice, client_id: uuid.UUID) -> str:
    db = p.open(p.owner)
    try:
        return str(Store(db).get_client(client_id).phone)
    finally:
        db.close()


def test_two_laptops_fifty_visits_each(
    practice: OfflinePractice, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pw = tmp_path / "pw.txt"
    pw.write_text("pass phrase one\n", encoding="utf-8")
    client = _shared_client(practice)
    jo, mia = tmp_path / "jo.db", tmp_path / "mia.db"
    _take(practice, practice.jo, jo, pw, client)
    _take(practice, practice.mia, mia, pw, client)
    _offline_work(jo, client, "555 111", 50)
    _offline_work(mia, client, "555 222", 50)
    capsys.readouterr()
    for copy in (jo, mia):
        assert main(["offline", "sync", "--db", str(copy), "--passphrase-file", str(pw), "--json"]) == 0
    out = capsys.readouterr().out
    second = json.loads(out[out.rindex('{\n  "sent"') :])
    assert second["sent"] == {"client": 1, "visit": 50} or second["sent"].get("visit") == 50
    assert [(c["field"], c["mine"], c["theirs"]) for c in second["conflicts"]] == [("phone", "555 222", "555 111")]
    reasons = _server_visits(practice)
    assert len(reasons) == 100 and len(set(reasons)) == 100
    for copy in (jo, mia, jo, mia):
        assert main(["offline", "sync", "--db", str(copy), "--passphrase-file", str(pw), "--json"]) == 0
    capsys.readouterr()
    assert len(_server_visits(practice)) == 100
    assert main(["offline", "status", "--db", str(mia), "--passphrase-file", str(pw)]) == 0
    assert "0 changes waiting to be sent; 1 conflict to resolve" in capsys.readouterr().out
    # She settles it from the command line: her value is sent at the next sync, and the conflict is gone.
    assert main(["offline", "conflicts", "--db", str(mia), "--passphrase-file", str(pw)]) == 0
    listed = capsys.readouterr().out
    assert "Zoë Nguyễn, client" in listed  # whose record, by name, for her to recognise it
    assert "phone" in listed and "'555 222'" in listed and "'555 111'" in listed
    conflict_id = listed.split()[1].rstrip(":")
    resolve = ["offline", "resolve", "--db", str(mia), "--passphrase-file", str(pw), "--conflict", conflict_id]
    assert main([*resolve, "--keep", "mine"]) == 0
    assert "Resolved: yours kept (sent at the next sync)." in capsys.readouterr().out
    assert main([*resolve, "--keep", "mine"]) == 2  # already resolved: one line, nothing changed
    assert "not open" in capsys.readouterr().err
    assert main(["offline", "sync", "--db", str(mia), "--passphrase-file", str(pw), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["conflicts"] == []
    assert _server_phone(practice, client) == "555 222"


def test_killed_syncs_lose_and_duplicate_nothing(practice: OfflinePractice, tmp_path: Path) -> None:
    pw = tmp_path / "pw.txt"
    pw.write_text("pass phrase one\n", encoding="utf-8")
    client = _shared_client(practice)
    jo = tmp_path / "jo.db"
    _take(practice, practice.jo, jo, pw, client)
    _offline_work(jo, client, "555 333", 40)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-m", "consultapp", "offline", "sync", "--db", str(jo), "--passphrase-file", str(pw)]
    rng = random.Random(17)
    kills = 0
    for _ in range(12):
        proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            proc.wait(timeout=rng.uniform(0.3, 2.5))
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        finally:
            proc.wait(timeout=60)  # reaped
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    reasons = _server_visits(practice)
    assert sorted(reasons) == sorted(f"555 333 visit {i}" for i in range(40))
    assert kills >= 1
