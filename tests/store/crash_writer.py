"""Writers for the crash-safety test, forked one at a time from this process and killed (SIGKILL) mid-save.

Run as ``python crash_writer.py DB PASSPHRASE CLIENT_ID BABY_ID BABY_ID``. It imports the app once, then
reads one command a line from stdin and, for each, forks a writer that saves visits one after another
(printing ``ACK <visit id>`` after each save returns: what the app would tell the user as "Saved"):

- ``STEP <n> <first>``: the writer kills itself just before its n-th database step (each statement it
  sends, and each commit), so every step of a save is a kill point, chosen by count, not by time;
- ``ACKS <n> <first>``: this process kills the writer as soon as it has acknowledged n saves, wherever
  the next save then is (mid-statement, mid-commit...).

``first`` numbers the writer's first visit. After each kill this process reaps the writer and prints
``KILLED <signal>``; it ends when stdin closes. Forking spares each writer the seconds that importing
the app takes on a busy machine.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import sys
import traceback
import uuid
from typing import Any

from factories import make_assessment, make_visit  # tests/ is on the path the test hands over
from sqlalchemy import event

from consultapp.domain.vocabulary import Position
from consultapp.store.db import open_database
from consultapp.store.facade import Store

SAVES_PER_WRITER = 1000
"""A writer that was never killed stops there (a bound, never reached: every writer is killed early)."""


def write(path: str, passphrase: str, client: uuid.UUID, babies: list[uuid.UUID], die_at: int, first: int) -> None:
    db = open_database(path, create=False, passphrase=passphrase)
    steps = 0

    def step(*_args: Any) -> None:
        nonlocal steps
        steps += 1
        if steps == die_at:
            os.kill(os.getpid(), signal.SIGKILL)

    event.listen(db.engine, "before_cursor_execute", step)
    event.listen(db.engine, "commit", step)
    store = Store(db)
    for n in range(first, first + SAVES_PER_WRITER):
        visit = make_visit(
            client,
            dt.date(2026, 11, 26),
            reason=f"crash test {n}",
            assessments=[make_assessment(baby, 3000 + n, positions=[Position.FOOTBALL]) for baby in babies],
        )
        saved = store.save_visit(visit)
        print(f"ACK {saved.id}", flush=True)


def run_writer(argv: list[str], die_at: int, first: int, out: int) -> None:
    """In the forked child: write until killed; never return into the parent's loop."""
    try:
        os.dup2(out, 1)
        path, passphrase, client, *babies = argv
        write(path, passphrase, uuid.UUID(client), [uuid.UUID(b) for b in babies], die_at, first)
    except BaseException:
        traceback.print_exc()
    finally:
        os._exit(3)


def one_kill(argv: list[str], mode: str, n: int, first: int) -> int:
    """Fork a writer, let it die (or kill it) as the command says, reap it; the signal that ended it."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        run_writer(argv, n if mode == "STEP" else 0, first, write_end)
    os.close(write_end)
    acks, killed = 0, False
    try:
        with os.fdopen(read_end) as lines:
            for line in lines:  # to the end: what a killed writer printed last is relayed too
                print(line.rstrip("\n"), flush=True)
                acks += line.startswith("ACK ")
                if mode == "ACKS" and acks >= n and not killed:
                    os.kill(pid, signal.SIGKILL)
                    killed = True
    finally:
        _, status = os.waitpid(pid, 0)
    return os.WTERMSIG(status) if os.WIFSIGNALED(status) else -os.WEXITSTATUS(status)


def main() -> None:
    argv = sys.argv[1:]
    for command in sys.stdin:
        mode, n, first = command.split()
        print(f"KILLED {one_kill(argv, mode, int(n), int(first))}", flush=True)


if __name__ == "__main__":
    main()
