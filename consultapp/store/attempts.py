"""Wrong passphrases, slowed across restarts and on the command line: a counter beside the key file.

``<db>.attempts`` holds the number of wrong passphrases (or recovery keys) given in a row for the
encrypted database ``<db>``. Every open of it (the app's and the command line's: ``db.open_database``)
goes through ``guarded``: it waits ``delay_after(failures)`` before checking the passphrase, counts a
wrong one and removes the counter on success. Restarting the app or the command does not reset it.
It slows guessing through the app; someone who copies the files can try passphrases without it (the
key derivation, Argon2id, is what makes that slow).
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from consultapp.store.errors import WrongPassphrase

log = logging.getLogger(__name__)

SUFFIX = ".attempts"
MAX_DELAY_S = 30
T = TypeVar("T")

sleep: Callable[[float], None] = time.sleep
"""How the wait is made (tests replace it, so that they never wait)."""
clock: Callable[[], float] = time.time
"""The wall clock, read against the counter's time of change (tests may replace it)."""


def counter_for(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + SUFFIX)


def delay_after(failures: int) -> int:
    """Seconds to wait before checking a passphrase after ``failures`` wrong ones in a row: 0, 1, 2, 4... 30."""
    return 0 if failures <= 0 else min(2 ** (failures - 1), MAX_DELAY_S)


def failures(db_path: Path) -> int:
    """Wrong passphrases in a row so far (0 when there is no counter; a damaged one counts as many)."""
    try:
        text = counter_for(db_path).read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return 0
    except (OSError, UnicodeDecodeError):
        return 99
    return int(text) if text.isdigit() and len(text) < 6 else 99


def _write(db_path: Path, count: int) -> None:
    path = counter_for(db_path)
    partial = path.with_name(path.name + ".partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(f"{count}\n")
    os.replace(partial, path)


def waited_since_last_failure(db_path: Path) -> int:
    """Whole seconds since the last wrong passphrase was counted (0 when unknown)."""
    try:
        return max(0, int(clock() - counter_for(db_path).stat().st_mtime))
    except OSError:
        return 0


def remaining_delay(db_path: Path) -> int:
    """Seconds still to wait before the next passphrase is checked: the delay the counter asks for, less the
    time already waited since the last wrong one (the app's unlock screen waits it out before it lets her try)."""
    return max(0, delay_after(failures(db_path)) - waited_since_last_failure(db_path))


def guarded(db_path: Path, unlock: Callable[[], T]) -> T:
    """Wait as the counter says, then ``unlock``: a WrongPassphrase adds one, success clears the counter.

    The wait is ``delay_after(failures)`` from the last wrong passphrase: time already waited (at the app's
    unlock screen, or between two commands) counts, so a try is held back once, not twice.
    """
    count = failures(db_path)
    delay = remaining_delay(db_path)
    if delay:
        log.info("waiting %d s after %d wrong passphrases", delay, count)
        sleep(delay)
    try:
        result = unlock()
    except WrongPassphrase:
        try:
            _write(db_path, min(count + 1, 99))
        except OSError as exc:  # a read-only folder: still refused, only not counted
            log.warning("cannot count the wrong passphrase: %s", exc.strerror or exc)
        raise
    if count:
        counter_for(db_path).unlink(missing_ok=True)
    return result
