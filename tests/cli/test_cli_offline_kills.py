"""SIGKILLs in both directions of a sync (issue 17): 32 kills, half while sending, half while receiving.

Each sync runs in a child process that kills itself (SIGKILL, no clean-up) just before its n-th database
statement of the phase named - n drawn at random - so the kills land at random points of the sending
(her outbox, server commits, the copy's bookkeeping) and of the receiving (another consultant's visits
coming in). Between kills both sides keep working. After a last sync, every visit is on the server once
and in her copy once.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from factories import make_client, make_visit
from offline_practice import OfflinePractice, practice_server
from sqlalchemy import func, select

from consultapp.cli import main
from consultapp.store import audit
from consultapp.store.db import Database, open_database
from consultapp.store.facade import Store
from consultapp.store.models import VisitRow
from consultapp.store.offline.tables import OutboxRow

pytestmark = pytest.mark.postgres
ROOT = Path(__file__).resolve().parents[2]
PASS = "pass phrase one"
KILLS_EACH_WAY = 16
MAX_ROUNDS = 4 * KILLS_EACH_WAY

CHILD = r"""
import os, signal, sys
from sqlalchemy import event
from sqlalchemy.engine import Engine
from consultapp.cli import main
from consultapp.store.offline import sync

phase, left = sys.argv[1], [int(sys.argv[2])]
active = [False]
real = getattr(sync, "_" + phase)

def armed(*args, **kwargs):
    active[0] = True
    try:
        return real(*args, **kwargs)
    finally:
        active[0] = False

setattr(sync, "_" + phase, armed)

@event.listens_for(Engine, "before_cursor_execute")
def _die(*_args):
    if active[0]:
        left[0] -= 1
        if left[0] <= 0:
            os.kill(os.getpid(), signal.SIGKILL)

sys.exit(main(sys.argv[3:]))
"""


@pytest.fixture
def practice() -> Iterator[OfflinePractice]:
    yield from practice_server()


def _add_visits(db: Database, client_id: uuid.UUID, reasons: list[str]) -> None:
    try:
        store = Store(db)
        client = store.get_client(client_id)
        for reason in reasons:
            store.save_visit(make_visit(client, reason=reason))
    finally:
        db.close()


def _reasons(db: Database) -> list[str]:
    with db.session() as s:
        return sorted(s.scalars(select(VisitRow.reason)))


def test_thirty_two_kills_in_both_directions(practice: OfflinePractice, tmp_path: Path) -> None:
    pw = tmp_path / "pw.txt"
    pw.write_text(PASS + "\n", encoding="utf-8")
    server = practice.open(practice.jo)
    client = make_client(given="Zoë", family="Nguyễn")
    Store(server).save_client(client)
    server.close()
    assert client.id is not None
    jo = tmp_path / "jo.db"
    take = ["offline", "take", "--db", practice.url(practice.jo), "--out", str(jo), "--passphrase-file", str(pw)]
    assert main([*take, "--client", str(client.id), "--recovery-key-file", f"{jo}.key"]) == 0
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    rng = random.Random(1717)
    kills = {"push": 0, "pull": 0}
    mine: list[str] = []
    theirs: list[str] = []
    for round_ in range(MAX_ROUNDS):
        phase = "push" if round_ % 2 == 0 else "pull"
        if kills[phase] >= KILLS_EACH_WAY:
            continue
        if phase == "push":
            new = [f"Jo offline visit {round_}.{i}" for i in range(2)]
            _add_visits(open_database(jo, passphrase=PASS), client.id, new)
            mine += new
        else:
            new = [f"Mia on the server {round_}.{i}" for i in range(3)]
            _add_visits(practice.open(practice.mia), client.id, new)
            theirs += new
        sync = ["offline", "sync", "--db", str(jo), "--passphrase-file", str(pw)]
        child = [sys.executable, "-c", CHILD, phase, str(rng.randint(1, 60)), *sync]
        done = subprocess.run(child, env=env, capture_output=True, text=True, timeout=120)  # reaped
        if done.returncode == -9:
            kills[phase] += 1
        else:
            assert done.returncode == 0, done.stderr
    assert kills == {"push": KILLS_EACH_WAY, "pull": KILLS_EACH_WAY}
    last = subprocess.run(
        [sys.executable, "-m", "consultapp", *sync], env=env, capture_output=True, text=True, timeout=300
    )
    assert last.returncode == 0, last.stderr
    expected = sorted(mine + theirs)
    owner = practice.open(practice.owner)
    try:
        assert _reasons(owner) == expected  # each once: nothing lost, nothing twice
        with owner.session() as s:
            assert not audit.verify(s)
    finally:
        owner.close()
    local = open_database(jo, passphrase=PASS)
    try:
        assert _reasons(local) == expected
        with local.engine.connect() as conn:
            assert conn.execute(select(func.count()).select_from(OutboxRow)).scalar() == 0
    finally:
        local.close()
