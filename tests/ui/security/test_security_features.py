"""Settings > Security & backups, the audit trail and a client's record, used as the consultant would."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import text
from ui.helpers import click, create_client, tick, type_into
from ui.security.test_security_startup import (  # noqa: F401 - fixtures shared with the start-up tests
    PASSPHRASE,
    encrypted_db,
    launch,
    trust_dialogs,
)

from consultapp.store.crypto import KeyFile, keyfile_for
from consultapp.store.db import open_database
from consultapp.store.errors import KnownError, WrongPassphrase
from consultapp.store.facade import Store
from consultapp.ui.security.tab import SecurityTab

NEW_PASSPHRASE = "copper meadow kettle 77"


def unlocked(launch, qtbot: QtBot, path: Path):  # noqa: ANN201, F811
    encrypted_db(path)
    s = launch(path)
    type_into(qtbot, s.startup.unlock_dialog.form.secret, PASSPHRASE)
    click(qtbot, s.startup.unlock_dialog.form.unlock_button)
    assert s.startup.repo is not None
    return s


def security_tab(s) -> SecurityTab:  # noqa: ANN001
    """Records > Security & backups…, as the consultant opens it."""
    s.startup.security.action_security.trigger()
    tab = s.startup.security.tab
    assert isinstance(tab, SecurityTab) and tab.isVisible()
    return tab


def names(path: Path, passphrase: str | None) -> list[str]:
    db = open_database(path, passphrase=passphrase)
    try:
        return sorted(c.full_name for c in Store(db).search_clients(""))
    finally:
        db.close()


def test_change_passphrase_replaces_the_data_key_by_default(launch, qtbot: QtBot, tmp_path: Path) -> None:  # noqa: F811
    """Issue 14, point 11: the GUI's change re-encrypts under a new key; an old key file stops opening it."""
    path = tmp_path / "enc.db"
    s = unlocked(launch, qtbot, path)
    create_client(qtbot, s.window, "Amara", "Rotated", "Ben")
    old_keys = KeyFile.read(keyfile_for(path))
    tab = security_tab(s)
    assert tab.rotate_key.isChecked()
    type_into(qtbot, tab.current, "not it at all")
    type_into(qtbot, tab.new.first, NEW_PASSPHRASE)
    type_into(qtbot, tab.new.second, NEW_PASSPHRASE)
    click(qtbot, tab.change_button)
    assert "does not open" in tab.encryption_result.text()
    assert s.startup.repo is not None and names(path, PASSPHRASE) == ["Amara Rotated"]  # still open, unchanged
    first_window = s.window
    tab.current.clear()
    type_into(qtbot, tab.current, PASSPHRASE)
    click(qtbot, tab.change_button)
    assert tab.encryption_result.text().startswith("Passphrase changed and the data key replaced")
    shown = s.startup.security.recovery_dialog
    new_recovery = shown.key.text()
    tick(qtbot, shown.written)
    click(qtbot, shown.done_button)
    assert s.window is not first_window and s.startup.repo is not None  # reopened with the new passphrase
    assert [c.full_name for c in s.startup.repo.search_clients("Rotated")] == ["Amara Rotated"]
    s.startup.close()
    assert names(path, NEW_PASSPHRASE) == names(path, new_recovery) == ["Amara Rotated"]
    with pytest.raises(WrongPassphrase):
        open_database(path, passphrase=PASSPHRASE)
    # The attacker with the old key file (from a backup) and the old passphrase: the key it gives is useless.
    keyfile_for(path).write_text(old_keys.to_json(), encoding="utf-8")
    with pytest.raises(KnownError):
        open_database(path, passphrase=PASSPHRASE).close()


def test_change_passphrase_without_a_new_key(launch, qtbot: QtBot, tmp_path: Path) -> None:  # noqa: F811
    path = tmp_path / "enc.db"
    s = unlocked(launch, qtbot, path)
    tab = security_tab(s)
    tick(qtbot, tab.rotate_key)
    assert not tab.rotate_key.isChecked()
    type_into(qtbot, tab.current, PASSPHRASE)
    type_into(qtbot, tab.new.first, NEW_PASSPHRASE)
    type_into(qtbot, tab.new.second, NEW_PASSPHRASE)
    click(qtbot, tab.change_button)
    assert tab.encryption_result.text().startswith("Passphrase changed. Use the new one")
    assert tab.current.text() == "" and tab.new.first.text() == ""
    assert names(path, NEW_PASSPHRASE) == []
    with pytest.raises(WrongPassphrase):
        open_database(path, passphrase=PASSPHRASE)


def test_new_recovery_key_replaces_the_old_one(launch, qtbot: QtBot, tmp_path: Path) -> None:  # noqa: F811
    path = tmp_path / "enc.db"
    old_key = encrypted_db(path)
    s = launch(path)
    type_into(qtbot, s.startup.unlock_dialog.form.secret, PASSPHRASE)
    click(qtbot, s.startup.unlock_dialog.form.unlock_button)
    tab = security_tab(s)
    type_into(qtbot, tab.current, PASSPHRASE)
    click(qtbot, tab.recovery_button)
    shown = s.startup.security.recovery_dialog
    new_key = shown.key.text()
    tick(qtbot, shown.written)
    click(qtbot, shown.done_button)
    open_database(path, passphrase=new_key).close()
    with pytest.raises(WrongPassphrase):
        open_database(path, passphrase=old_key)


def test_backup_then_restore_brings_back_the_day_it_was_made(launch, qtbot: QtBot, tmp_path: Path) -> None:  # noqa: F811
    path = tmp_path / "enc.db"
    s = unlocked(launch, qtbot, path)
    create_client(qtbot, s.window, "Ada", "Backedup", "Ben")
    s.dialogs.backup_target = tmp_path / "kept" / "monday.cabackup"
    tab = security_tab(s)
    click(qtbot, tab.backup_button)
    assert s.dialogs.backup_target.exists() and "(encrypted)" in tab.backup_result.text()
    assert b"Backedup" not in s.dialogs.backup_target.read_bytes()

    s.window.on_back_home()
    create_client(qtbot, s.window, "Cleo", "Afterwards", "Cal")
    first_window = s.window
    s.dialogs.backup_file = s.dialogs.backup_target
    s.dialogs.secret = PASSPHRASE
    click(qtbot, security_tab(s).restore_button)
    assert "Everything recorded since then is replaced" in s.dialogs.confirms[-1]
    assert s.window is not first_window  # reopened on the restored database
    assert s.startup.repo is not None and s.startup.repo.db.encrypted
    assert [c.full_name for c in s.startup.repo.search_clients("")] == ["Ada Backedup"]
    assert list(tmp_path.glob("enc.db.before-restore-*"))


def test_encrypt_a_plain_database_then_reopen_it(launch, qtbot: QtBot, tmp_path: Path) -> None:  # noqa: F811
    path = tmp_path / "plain.db"
    open_database(path).close()
    s = launch(path)
    create_client(qtbot, s.window, "Pia", "Plaintext", "Pat")
    tab = security_tab(s)
    type_into(qtbot, tab.new.first, NEW_PASSPHRASE)
    type_into(qtbot, tab.new.second, NEW_PASSPHRASE)
    click(qtbot, tab.encrypt_button)
    shown = s.startup.security.recovery_dialog
    tick(qtbot, shown.written)
    click(qtbot, shown.done_button)
    assert s.startup.repo.db.encrypted and s.startup.unlock_dialog is None  # reopened with the new passphrase
    assert s.startup.security.action_lock.isEnabled()
    assert [c.full_name for c in s.startup.repo.search_clients("")] == ["Pia Plaintext"]
    assert b"Plaintext" not in path.read_bytes()


def test_integrity_check_on_demand(launch, qtbot: QtBot, tmp_path: Path) -> None:  # noqa: F811
    s = unlocked(launch, qtbot, tmp_path / "enc.db")
    tab = security_tab(s)
    click(qtbot, tab.check_button)
    assert tab.check_result.text() == "The database passed the full integrity check."


def test_erase_asks_for_the_full_name_and_only_then_erases(launch, qtbot: QtBot, tmp_path: Path) -> None:  # noqa: F811
    s = unlocked(launch, qtbot, tmp_path / "enc.db")
    create_client(qtbot, s.window, "Erin", "Erasable", "Eli")
    repo = s.startup.repo
    s.dialogs.typed_name = "Erin Erasible"
    s.startup.security.action_erase.trigger()
    assert "Type her full name" in s.dialogs.texts_asked[-1]
    assert s.dialogs.errors[-1] == "The name typed is not the client's full name; nothing was erased."
    assert [c.full_name for c in repo.search_clients("")] == ["Erin Erasable"]
    s.dialogs.typed_name = " erin  Erasable "
    s.startup.security.action_erase.trigger()
    assert repo.search_clients("") == []
    assert s.window.home.clients.rowCount() == 0 and s.window.current_client is None


def test_export_then_import_a_client_and_a_second_import_is_refused(
        launch, qtbot: QtBot, tmp_path: Path) -> None:  # noqa: F811
    s = unlocked(launch, qtbot, tmp_path / "enc.db")
    create_client(qtbot, s.window, "Ivy", "Exported", "Ian")
    client_id = s.window.current_client.id
    s.startup.security.action_export.trigger()
    exported = tmp_path / "export" / f"client-{client_id}.json"
    assert exported.exists()
    s.dialogs.export_file = exported
    s.startup.security.action_import.trigger()
    assert len(s.dialogs.errors) == 1 and "already in this database" in s.dialogs.errors[0]
    s.dialogs.typed_name = "Ivy Exported"
    s.startup.security.action_erase.trigger()
    assert s.startup.repo.search_clients("") == []
    s.startup.security.action_import.trigger()
    assert [c.full_name for c in s.startup.repo.search_clients("")] == ["Ivy Exported"]
    assert s.window.current_client is not None and s.window.current_client.id == client_id


def test_audit_viewer_model_and_a_tampered_chain(launch, qtbot: QtBot, qtmodeltester, tmp_path: Path) -> None:  # noqa: F811
    path = tmp_path / "plain.db"
    open_database(path).close()
    s = launch(path)
    create_client(qtbot, s.window, "Una", "Audited", "Uri")
    s.startup.security.action_audit.trigger()
    viewer = s.startup.security.audit_dialog
    assert viewer is not None and viewer.isVisible()
    qtmodeltester.check(viewer.model)
    assert viewer.only_client.isChecked() and viewer.model.rowCount() >= 1
    assert "Audited" not in " ".join(viewer.model.index(r, c).data() for r in range(viewer.model.rowCount())
                                     for c in range(viewer.model.columnCount()))
    click(qtbot, viewer.verify_button)
    assert viewer.verify_result.text().startswith("The audit trail is intact")
    tick(qtbot, viewer.only_client)
    assert not viewer.only_client.isChecked()
    qtmodeltester.check(viewer.model)

    with s.startup.repo.db.engine.begin() as conn:
        conn.execute(text("UPDATE audit_entry SET user = 'mallory' WHERE seq = 1"))
    click(qtbot, viewer.verify_button)
    assert "NOT intact" in viewer.verify_result.text() and "entry 1 was altered" in viewer.verify_result.text()


def test_restore_with_a_wrong_backup_passphrase_changes_nothing(launch, qtbot: QtBot, tmp_path: Path) -> None:  # noqa: F811
    path = tmp_path / "enc.db"
    s = unlocked(launch, qtbot, path)
    create_client(qtbot, s.window, "Rhea", "Remains", "Rory")
    s.dialogs.backup_target = tmp_path / "kept.cabackup"
    click(qtbot, security_tab(s).backup_button)
    first_window = s.window
    s.dialogs.backup_file = s.dialogs.backup_target
    s.dialogs.secret = "not the passphrase"
    tab = security_tab(s)
    click(qtbot, tab.restore_button)
    assert "does not open" in tab.backup_result.text()
    assert s.window is first_window and not list(tmp_path.glob("enc.db.before-restore-*"))
    assert [c.full_name for c in s.startup.repo.search_clients("")] == ["Rhea Remains"]  # still working


def test_a_daily_backup_is_written_on_open_once_a_day(launch, qtbot: QtBot, tmp_path: Path) -> None:  # noqa: F811
    path = tmp_path / "plain.db"
    open_database(path).close()
    s = launch(path, daily_backup=True)
    backups = sorted((tmp_path / "backups").glob("*.cabackup"))
    assert len(backups) == 1
    assert "Today's backup is written." in s.window.statusBar().currentMessage()
    s.startup.close()
    launch(path, daily_backup=True)
    assert sorted((tmp_path / "backups").glob("*.cabackup")) == backups  # not again the same day


def test_a_malformed_import_is_refused_with_one_message(launch, qtbot: QtBot, tmp_path: Path) -> None:  # noqa: F811
    s = unlocked(launch, qtbot, tmp_path / "enc.db")
    bad = tmp_path / "client-bad.json"
    bad.write_text('{"format": "something else"}', encoding="utf-8")
    s.dialogs.export_file = bad
    s.startup.security.action_import.trigger()
    assert len(s.dialogs.errors) == 1 and s.dialogs.errors[0]
    assert s.startup.repo.search_clients("") == []
