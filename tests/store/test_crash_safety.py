"""Writers are killed (SIGKILL) mid-save, 50 times, on an encrypted database.

After every kill: the file passes integrity_check, every save acknowledged to the user is there,
and no visit is half-saved (each has both babies' assessments, feeds and scores).

The kill points are chosen by count, never by time, so a busy machine changes how long the test
takes, not what it checks: half the writers die just before their n-th database step (every statement
and commit of the first three saves is a kill point), half are killed as soon as they acknowledged
n saves, wherever the next save then is. crash_writer.py imports the app once and forks each writer.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from factories import make_twins_client

from consultapp.store.crypto import FAST_KDF_FOR_TESTS
from consultapp.store.db import open_database
from consultapp.store.facade import Store
from consultapp.store.maintenance import integrity_problems

KILLS = 50
STEPS_PER_SAVE = 8  # statements and commits of one save of the writer's visit (BEGIN ... COMMIT)
PASSPHRASE = "kill -9 test passphrase"
SIGKILL = 9


def _check(path: Path, client_id: object, acknowledged: set[str], checked: set[str]) -> None:
    db = open_database(path, create=False, passphrase=PASSPHRASE)
    try:
        assert integrity_problems(db, full=True) == []
        store = Store(db)
        summaries = store.visits_for_client(client_id)  # type: ignore[arg-type]
        stored = {str(v.id) for v in summaries}
        assert acknowledged <= stored, "an acknowledged save was lost"
        for summary in summaries:
            if str(summary.id) in checked:
                continue  # saved before an earlier kill and already checked whole
            checked.add(str(summary.id))
            visit = store.get_visit(summary.id)
            assert len(visit.assessments) == 2, "half-saved visit"
            for assessment in visit.assessments:
                assert assessment.latch.total == 10 and assessment.btat.total == 8
                assert assessment.weight_g == 3000 + int(visit.reason.rsplit(" ", 1)[1])
    finally:
        db.close()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and fork are POSIX")
# 50 kills, each followed by a full integrity check: about 25 s on a quiet machine, 65 s with four CPU-bound
# processes beside the suite on two cores (load 8). The suite's 120 s would leave too little room.
@pytest.mark.timeout(300)
def test_sigkill_mid_save_loses_nothing_acknowledged_and_half_saves_nothing(tmp_path: Path) -> None:
    path = tmp_path / "crash.db"
    db = open_database(path, passphrase=PASSPHRASE, kdf=FAST_KDF_FOR_TESTS)
    try:
        client = Store(db).save_client(make_twins_client(given="Twin", family="Mother"))
    finally:
        db.close()
    assert client.id is not None
    babies = [str(b.id) for b in client.babies]
    writer = Path(__file__).with_name("crash_writer.py")
    rng = random.Random(20261126)
    acknowledged: set[str] = set()
    checked: set[str] = set()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    first = 1  # each writer numbers its visits on from the last one's
    with (tmp_path / "writer-errors.txt").open("w") as errors, subprocess.Popen(
        [sys.executable, str(writer), str(path), PASSPHRASE, str(client.id), *babies],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=errors,
        env=env,
        text=True,
    ) as proc:
        assert proc.stdin is not None and proc.stdout is not None
        try:
            for kill in range(KILLS):
                if kill % 2:
                    command = f"ACKS {rng.randint(1, 3)} {first}"
                else:
                    command = f"STEP {rng.randint(1, 3 * STEPS_PER_SAVE)} {first}"
                proc.stdin.write(command + "\n")
                proc.stdin.flush()
                while (line := proc.stdout.readline()).startswith("ACK "):
                    acknowledged.add(line.split()[1])
                    first += 1
                assert line.split() == ["KILLED", str(SIGKILL)], (command, line, errors.name)
                first += 1  # the save it was killed in may have committed without its ACK
                _check(path, client.id, acknowledged, checked)
        finally:
            proc.stdin.close()  # its loop ends with its input
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    assert proc.returncode == 0
    assert len(acknowledged) >= KILLS // 2  # the ACKS kills alone acknowledged at least one save each
