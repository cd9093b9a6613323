"""Run as ``python rekey_killer.py DB OLD NEW POINT``: rotate the database's key and SIGKILL itself at POINT.

POINT is one of the rotation's durable steps (``rekey.step``: pending, copied, switched, done) or
``counting`` (the first row count of the re-encrypted copy, in the middle of the work). The process dies
as a power cut would end it: no handler, no ``finally``, no flush of anything.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from consultapp.store import rekey
from consultapp.store.crypto import FAST_KDF_FOR_TESTS


def main() -> None:
    db, old, new, point = sys.argv[1:5]

    def die() -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    if point == "counting":
        rekey._row_counts = lambda _path, _key: die()  # type: ignore[assignment,func-returns-value]
    else:
        rekey.step = lambda name: die() if name == point else None
    rekey.rotate_key(Path(db), old, new, FAST_KDF_FOR_TESTS)
    print("not killed", flush=True)


if __name__ == "__main__":
    main()
