"""The writer is killed (SIGKILL) at random moments mid-save, 50 times, on an encrypted database.

After every kill: the file passes integrity_check, every save acknowledged to the user is there,
and no visit is half-saved (each has both babies' assessments, feeds and scores).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from factories import make_client

from consultapp.store.crypto import FAST_KDF_FOR_TESTS
from consultapp.store.db import open_database
from consultapp.store.facade import Store
from consultapp.store.maintenance import integrity_problems

KILLS = 50
PASSPHRASE = "kill -9 test passphrase"


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_mid_save_loses_nothing_acknowledged_and_half_saves_nothing(tmp_path: Path) -> None:
    path = tmp_path / "crash.db"
    db = open_database(path, passphrase=PASSPHRASE, kdf=FAST_KDF_FOR_TESTS)
    client = make_client("Twin", "Mother")
    client.babies.append(client.babies[0].__class__(name="Second twin", birth_weight_g=2600))
    client = Store(db).save_client(client)
    db.close()
    assert client.id is not None
    babies = [str(b.id) for b in client.babies]
    writer = Path(__file__).with_name("crash_writer.py")
    rng = random.Random(20261126)
    acknowledged: set[str] = set()
    checked: set[str] = set()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    for _ in range(KILLS):
        proc = subprocess.Popen(
            [sys.executable, str(writer), str(path), PASSPHRASE, str(client.id), *babies],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            text=True,
        )
        assert proc.stdout is not None
        # Wait for the first acknowledgement (the writer is then saving), then kill at a random moment.
        first = proc.stdout.readline()
        assert first.startswith("ACK "), first
        acknowledged.add(first.split()[1])
        time.sleep(rng.uniform(0.0, 0.25))
        proc.send_signal(signal.SIGKILL)
        rest, _ = proc.communicate(timeout=30)
        acknowledged |= {line.split()[1] for line in rest.splitlines() if line.startswith("ACK ")}

        db = open_database(path, create=False, passphrase=PASSPHRASE)
        try:
            assert integrity_problems(db, full=True) == []
            repo = Store(db)
            stored = {str(v.id) for v in repo.visits_for_client(client.id)}
            assert acknowledged <= stored, "an acknowledged save was lost"
            for summary in repo.visits_for_client(client.id):
                if str(summary.id) in checked:
                    continue  # saved before an earlier kill and already checked whole
                checked.add(str(summary.id))
                visit = repo.get_visit(summary.id)
                assert len(visit.assessments) == 2, "half-saved visit"
                for assessment in visit.assessments:
                    assert assessment.latch.total == 10 and assessment.btat.total == 8
                    assert assessment.weight_g == 3000 + int(visit.reason.rsplit(" ", 1)[1])
        finally:
            db.close()
    assert len(acknowledged) >= KILLS
