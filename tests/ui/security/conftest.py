"""Wrong passphrases are slowed by a real wait (store/attempts.py): here it is recorded instead, so no test waits."""

from __future__ import annotations

import pytest

from consultapp.store import attempts


@pytest.fixture(autouse=True)
def store_waits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The waits the store asked for, in order (none is made)."""
    waits: list[float] = []
    monkeypatch.setattr(attempts, "sleep", waits.append)
    return waits
