"""The wrong-passphrase counter beside the key file: kept by every open of the database, app or command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from consultapp.store.attempts import counter_for, failures
from consultapp.store.crypto import FAST_KDF_FOR_TESTS
from consultapp.store.db import open_database
from consultapp.store.errors import PassphraseRequired, WrongPassphrase


def test_each_open_counts_and_waits_and_asking_without_a_passphrase_does_not(
        tmp_path: Path, store_waits: list[float]) -> None:
    path = tmp_path / "enc.db"
    open_database(path, passphrase="right one here", kdf=FAST_KDF_FOR_TESTS).close()
    with pytest.raises(PassphraseRequired):
        open_database(path, create=False)  # the app asks first whether a passphrase is needed
    assert store_waits == [] and failures(path) == 0
    for _ in range(3):
        with pytest.raises(WrongPassphrase):
            open_database(path, create=False, passphrase="a guess")
    assert failures(path) == 3 and store_waits == [1, 2]
    with pytest.raises(PassphraseRequired):
        open_database(path, create=False)
    assert store_waits == [1, 2]
    open_database(path, create=False, passphrase="right one here").close()
    assert store_waits == [1, 2, 4] and not counter_for(path).exists()


def test_a_tampered_counter_means_the_longest_wait_not_none(tmp_path: Path, store_waits: list[float]) -> None:
    path = tmp_path / "enc.db"
    open_database(path, passphrase="right one here", kdf=FAST_KDF_FOR_TESTS).close()
    for text in ("-5\n", "zero\n", "9" * 40):
        counter_for(path).write_text(text, encoding="ascii")
        with pytest.raises(WrongPassphrase):
            open_database(path, create=False, passphrase="a guess")
    assert store_waits == [30, 30, 30]
