"""Erase, played by an attacker: after it, nothing of the client is in the database file (the search index's
removal records included) nor in any PostgreSQL row; the backups that still hold her are named and can go."""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import uuid
from pathlib import Path

import pytest
from factories import make_client, make_visit
from sqlalchemy import inspect, text

from consultapp.domain.records import Client
from consultapp.domain.text import fold
from consultapp.store.backup import backup_name
from consultapp.store.crypto import FAST_KDF_FOR_TESTS
from consultapp.store.db import Database, open_database
from consultapp.store.erasure import backups_holding, erase_everywhere, known_backups, prune
from consultapp.store.facade import Store
from consultapp.store.maintenance import backup, integrity_problems

GIVEN, FAMILY, BABY = "Zoë", "Quixotic-Varga", "Xanthippe"


def fragments(*names: str) -> set[str]:
    """Every 3-letter piece of the names as the index holds them: folded, also without hyphens."""
    found: set[str] = set()
    for name in names:
        folded = fold(name)
        for form in (folded, folded.replace("-", "")):
            found |= {form[i:i + 3] for i in range(len(form) - 2)}
    return {f for f in found if " " not in f}


SECRETS = fragments(GIVEN, FAMILY, BABY)


def others(db: Database, count: int = 25) -> None:
    store = Store(db)
    for i in range(count):
        store.save_client(make_client(f"Anna{i}", f"Smith{i}", baby=f"Bo{i}"))


def add_her(db: Database) -> uuid.UUID:
    """She is saved under an earlier spelling, renamed (the index then keeps removal records), and visited."""
    store = Store(db)
    client = store.save_client(make_client(GIVEN, "Quixotic", baby=BABY))
    client.family_name = FAMILY
    client = store.save_client(client)
    store.save_visit(make_visit(client, dt.date(2026, 11, 20), reason=f"{GIVEN} {FAMILY}: sore nipples"))
    assert client.id is not None
    return client.id


def file_bytes(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(path.parent.iterdir()) if p.name.startswith(path.name))


def found_in(raw: bytes) -> set[str]:
    return {f for f in SECRETS if f.encode() in raw}


def test_erase_leaves_no_fragment_of_her_name_in_the_file_or_its_wal(tmp_path: Path) -> None:
    path = tmp_path / "plain.db"  # plain, so that reading the bytes means something
    db = open_database(path)
    others(db)
    before_her = found_in(file_bytes(path))  # pieces the schema and the other clients hold anyway
    client_id = add_her(db)
    leaked_if_kept = found_in(file_bytes(path)) - before_her
    assert len(leaked_if_kept) >= 12  # she is there, in pieces the attacker can look for
    erase_everywhere(db, client_id)
    assert [c.full_name for c in Store(db).search_clients("Smith1")][:1] == ["Anna1 Smith1"]
    assert Store(db).search_clients("xot") == [] and Store(db).search_clients("Varga") == []
    assert integrity_problems(db, full=True) == []
    db.close()
    raw = file_bytes(path)
    assert found_in(raw) - before_her == set()
    for whole in (GIVEN, FAMILY, BABY, fold(FAMILY), "quixotic", "varga"):
        assert whole.encode() not in raw and whole.encode() not in raw.lower()


def test_erase_runs_the_same_way_on_an_encrypted_file(tmp_path: Path) -> None:
    path = tmp_path / "enc.db"
    db = open_database(path, passphrase="pass phrase", kdf=FAST_KDF_FOR_TESTS)
    others(db, 3)
    client_id = add_her(db)
    erase_everywhere(db, client_id)
    assert not Store(db).client_exists(client_id) and Store(db).search_clients("xot") == []
    assert integrity_problems(db, full=True) == []
    db.close()
    assert not Path(str(path) + "-wal").exists() or Path(str(path) + "-wal").stat().st_size == 0
    assert b"quixotic" not in path.read_bytes()  # (an encrypted file holds no clear text to look for anyway)


def test_on_postgresql_no_row_holds_her_after_erase(postgres_schema_url: str, caplog: pytest.LogCaptureFixture) -> None:
    db = open_database(postgres_schema_url)
    try:
        others(db, 3)

        def every_row() -> str:
            with db.engine.connect() as conn:
                tables = inspect(conn).get_table_names()
                return "\n".join(str(r[0]) for t in tables
                                 for r in conn.execute(text(f'SELECT t::text FROM "{t}" t')))

        before_her = found_in(every_row().encode())
        client_id = add_her(db)
        assert len(found_in(every_row().encode()) - before_her) >= 12
        with caplog.at_level(logging.WARNING, logger="consultapp"):
            erase_everywhere(db, client_id)
        assert [r.getMessage() for r in caplog.records if "VACUUM" in r.getMessage()] == []  # the owner may vacuum
        rows = every_row()
        assert found_in(rows.encode()) - before_her == set()
        assert "quixotic" not in rows.casefold()
        assert Store(db).search_clients("xot") == []
        assert backups_holding(db, client_id, None) == []  # a server's backups are the server's (pg_dump)
    finally:
        db.close()


def her_backups(db: Database, folder: Path) -> list[Path]:
    first = backup(db, folder / backup_name(dt.datetime(2026, 11, 30, 9, 0, 0))).path
    second = backup(db, folder / backup_name(dt.datetime(2026, 12, 1, 9, 0, 0))).path
    return [first, second]


def test_the_backups_that_hold_her_are_listed_and_pruned_and_newer_ones_are_not(tmp_path: Path) -> None:
    path = tmp_path / "plain.db"
    folder = tmp_path / "backups"
    db = open_database(path)
    others(db, 2)
    client_id = add_her(db)
    held = her_backups(db, folder)
    aside = path.with_name(path.name + ".before-restore-20261130-100000")
    shutil.copyfile(path, aside)  # as a restore sets the replaced database aside
    Path(str(path) + "-wal").exists() and shutil.copyfile(str(path) + "-wal", str(aside) + "-wal")
    erase_everywhere(db, client_id)
    after = backup(db, folder / backup_name(dt.datetime(2026, 12, 2, 9, 0, 0))).path
    assert set(known_backups(path, folder)) == {*held, aside, after}
    listed = backups_holding(db, client_id, folder)
    assert {h.path for h in listed} == {*held, aside} and all(h.certain for h in listed)
    assert prune([h.path for h in listed]) == [h.path for h in listed]
    assert not any(p.exists() for p in (*held, aside, Path(str(aside) + "-wal"))) and after.exists()
    assert backups_holding(db, client_id, folder) == []
    db.close()


def test_encrypted_backups_are_opened_with_the_database_key(tmp_path: Path) -> None:
    path = tmp_path / "enc.db"
    folder = tmp_path / "backups"
    db = open_database(path, passphrase="pass phrase", kdf=FAST_KDF_FOR_TESTS)
    client_id = add_her(db)
    other: Client = Store(db).save_client(make_client("Una", "Kept"))
    held = her_backups(db, folder)
    erase_everywhere(db, client_id)
    assert [(h.path, h.certain) for h in backups_holding(db, client_id, folder)] == [(p, True) for p in held]
    assert other.id is not None and backups_holding(db, other.id, folder) == [
        type(h)(h.path, True) for h in backups_holding(db, other.id, folder)]
    db.close()


def test_a_backup_this_key_cannot_open_is_listed_as_one_that_may_hold_her(tmp_path: Path) -> None:
    path = tmp_path / "enc.db"
    folder = tmp_path / "backups"
    folder.mkdir()
    db = open_database(path, passphrase="pass phrase", kdf=FAST_KDF_FOR_TESTS)
    client_id = add_her(db)
    damaged = folder / "consultapp-20261130-090000.cabackup"
    damaged.write_bytes(b"PK\x03\x04 not a whole archive")
    aside = path.with_name(path.name + ".before-restore-20261130-100000")
    aside.write_bytes(bytes(range(256)) * 64)  # as a database under another key looks
    erase_everywhere(db, client_id)
    listed = backups_holding(db, client_id, folder)
    assert [(h.path, h.certain) for h in listed] == [(damaged, False), (aside, False)]
    db.close()
