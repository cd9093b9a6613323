"""Start-up on encrypted databases, as the consultant meets it: choose a passphrase, keep the key, unlock."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QLabel,
    QLineEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot
from ui.helpers import FakeDialogs, click, create_client, ctrl, tick, type_into

from consultapp.domain.vocabulary import PlanVariant
from consultapp.store.crypto import FAST_KDF_FOR_TESTS, is_plain_sqlite, keyfile_for
from consultapp.store.db import default_database_path, open_database
from consultapp.store.errors import WrongPassphrase
from consultapp.store.facade import Store
from consultapp.ui.security.startup import Startup
from consultapp.ui.security.throttle import delay_after
from consultapp.ui.shell.window import MainWindow
from consultapp.ui.tasks import SyncPool
from consultapp.ui.ui_settings import UiSettings

PASSPHRASE = "maple harbour lantern 42"


@dataclass
class TrustDialogs(FakeDialogs):
    """FakeDialogs that also answer the security questions."""

    typed_name: str | None = None
    secret: str | None = None
    backup_target: Path | None = None
    backup_file: Path | None = None
    export_file: Path | None = None
    confirm_answer: bool = True
    confirms: list[str] = field(default_factory=list)
    texts_asked: list[str] = field(default_factory=list)

    def confirm(self, parent: QWidget, title: str, question: str) -> bool:
        self.confirms.append(question)
        return self.confirm_answer

    def ask_text(self, parent: QWidget, title: str, label: str) -> str | None:
        self.texts_asked.append(label)
        return self.typed_name

    def ask_secret(self, parent: QWidget, title: str, label: str) -> str | None:
        return self.secret

    def ask_backup_target(self, parent: QWidget, suggested: Path) -> Path | None:
        return self.backup_target

    def ask_backup_to_restore(self, parent: QWidget, folder: Path) -> Path | None:
        return self.backup_file

    def ask_client_export(self, parent: QWidget, folder: Path) -> Path | None:
        return self.export_file


@dataclass
class Started:
    startup: Startup
    dialogs: TrustDialogs
    waits: list[float]
    quits: list[int]

    @property
    def window(self) -> MainWindow:
        return self.startup.window  # type: ignore[no-any-return]


@pytest.fixture
def trust_dialogs(tmp_path: Path) -> TrustDialogs:
    return TrustDialogs(save_to=tmp_path / "care-plan.pdf", folder=tmp_path / "export")


@pytest.fixture
def launch(qtbot: QtBot, tmp_path: Path, trust_dialogs: TrustDialogs) -> Iterator[object]:
    """Start the app on a target as ``app.run`` does, with the database opened at once (no thread)."""
    started: list[Started] = []
    windows: list[MainWindow] = []
    settings = UiSettings(tmp_path / "config" / "window.ini")

    def make_window() -> MainWindow:
        window = MainWindow(dialogs=trust_dialogs, ui_settings=settings, pool=SyncPool(), draft_interval_ms=50)
        windows.append(window)
        window.resize(1366, 768)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        return window

    def start(target: str | Path | None, *, idle_ms: int | None = None, daily_backup: bool = False,
              lock_clock: Callable[[], float] | None = None) -> Started:
        waits: list[float] = []
        quits: list[int] = []

        def wait(seconds: float, then: object) -> None:
            waits.append(seconds)
            then()  # type: ignore[operator]

        startup = Startup(target, make_window, background=lambda work: work(), kdf=FAST_KDF_FOR_TESTS,
                          wait=wait, quit=quits.append, daily_backup=daily_backup, idle_ms=idle_ms,
                          lock_clock=lock_clock)
        result = Started(startup, trust_dialogs, waits, quits)
        started.append(result)
        startup.start()
        return result

    yield start
    for s in started:
        s.startup.close()
    for window in windows:
        try:
            window.close()
            window.deleteLater()
        except RuntimeError:  # already deleted by a reopen
            pass
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def encrypted_db(path: Path) -> str:
    """An encrypted database with one client; returns its recovery key."""
    db = open_database(path, encrypt_new=True, passphrase=PASSPHRASE, kdf=FAST_KDF_FOR_TESTS)
    assert db.recovery_key
    key = db.recovery_key
    db.close()
    return key


def visible_texts(window: QWidget) -> str:
    """Everything a person looking at the window can read: title, labels, fields, buttons, list cells."""
    parts = [window.windowTitle()]
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel):
            parts.append(widget.text())
        elif isinstance(widget, QLineEdit):
            parts.append(widget.text())
        elif isinstance(widget, QAbstractButton):
            parts.append(widget.text())
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for r in range(model.rowCount()):
                for c in range(model.columnCount()):
                    parts.append(str(model.index(r, c).data() or ""))
    return "\n".join(parts)


def test_first_start_creates_an_encrypted_database_and_shows_the_recovery_key_once(launch, qtbot: QtBot) -> None:
    s = launch(None)
    dialog = s.startup.passphrase_dialog
    assert dialog is not None and dialog.isVisible()
    assert not dialog.create_button.isEnabled()
    type_into(qtbot, dialog.fields.first, "short")
    assert "Too short" in dialog.fields.hint.text()
    dialog.fields.first.clear()
    type_into(qtbot, dialog.fields.first, PASSPHRASE)
    type_into(qtbot, dialog.fields.second, PASSPHRASE[:-1])
    assert not dialog.create_button.isEnabled() and "do not match" in dialog.fields.hint.text()
    type_into(qtbot, dialog.fields.second, PASSPHRASE[-1])
    assert dialog.fields.hint.text() == "Strong."
    click(qtbot, dialog.create_button)

    key_dialog = s.startup.security.recovery_dialog
    assert key_dialog is not None and key_dialog.isVisible()
    key = key_dialog.key.text()
    click(qtbot, key_dialog.copy_button)
    assert QGuiApplication.clipboard().text() == key
    assert not key_dialog.done_button.isEnabled()  # not before she says she has kept it
    tick(qtbot, key_dialog.written)
    click(qtbot, key_dialog.done_button)
    assert not key_dialog.isVisible()
    assert s.startup.repo.db.recovery_key is None  # shown once

    # Then the practice chooses the wording of its plans and handouts, the two side by side (issue 18 point 3).
    setup = s.startup.setup_dialog
    assert setup is not None and setup.isVisible()
    assert setup.choice() is PlanVariant.SOURCE_DOCUMENT  # the default
    assert "Ice or a cold pack between feeds; no heat." in setup.wording.text_of(PlanVariant.ABM36)
    assert "doi:10.1089/bfm.2022.29207.kbm" in setup.wording.text_of(PlanVariant.ABM36)
    click(qtbot, setup.wording.buttons[PlanVariant.ABM36])
    click(qtbot, setup.continue_button)
    assert not setup.isVisible()
    settings = s.startup.repo.get_practice().settings
    assert settings.clogged_duct_variant is settings.mastitis_variant is PlanVariant.ABM36

    create_client(qtbot, s.window, "Zephyrine", "Quillfeather", "Oriel")
    s.window.activateWindow()  # (the dialogs had it)
    qtbot.waitUntil(s.window.isActiveWindow)  # shortcuts go to the active window only
    ctrl(qtbot, s.window.home.search, Qt.Key.Key_N)
    type_into(qtbot, s.window.visit_editor.reason_section.reason, "Feeding check")
    ctrl(qtbot, s.window.visit_editor.reason_section.reason, Qt.Key.Key_P, shift=True)  # preview the plan
    assert s.window.shown is not None, (s.window.pages.currentWidget(), s.dialogs.errors)
    plan = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(s.window.shown.data)).pages)
    assert "for as long as your baby wants" in " ".join(plan.split())  # ABM #36's words, not the source's
    path = default_database_path()
    assert path.exists() and keyfile_for(path).exists() and not is_plain_sqlite(path)
    s.startup.close()
    for file in path.parent.glob(path.name + "*"):
        assert b"Quillfeather" not in file.read_bytes(), file.name
    db = open_database(path, passphrase=key)  # the recovery key shown opens it
    try:
        assert [c.full_name for c in Store(db).search_clients("Quill")] == ["Zephyrine Quillfeather"]
    finally:
        db.close()
    with pytest.raises(WrongPassphrase):
        open_database(path, passphrase="not the passphrase")


def test_quitting_at_the_passphrase_quits_and_creates_nothing(launch, qtbot: QtBot) -> None:
    s = launch(None)
    s.startup.passphrase_dialog.reject()
    assert s.quits == [0]
    assert not default_database_path().exists()


def test_wrong_passphrase_is_refused_with_a_growing_delay_then_the_right_one_opens(
        launch, qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "enc.db"
    encrypted_db(path)
    s = launch(path)
    dialog = s.startup.unlock_dialog
    assert dialog is not None and dialog.isVisible() and s.startup.repo is None
    for attempt in range(1, 4):
        type_into(qtbot, dialog.form.secret, f"wrong guess {attempt}")
        click(qtbot, dialog.form.unlock_button)
        assert "does not open this database" in dialog.form.message.text()
    assert s.waits == [1, 2, 4]
    assert [delay_after(n) for n in (5, 6, 7, 20)] == [16, 30, 30, 30]
    assert s.startup.repo is None
    dialog.form.secret.clear()
    type_into(qtbot, dialog.form.secret, PASSPHRASE)
    click(qtbot, dialog.form.unlock_button)
    assert s.startup.repo is not None and s.startup.repo.db.encrypted
    assert s.startup.unlock_dialog is None and not dialog.isVisible()
    assert s.startup.security.action_lock.isEnabled()


def test_the_recovery_key_unlocks_too(launch, qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "enc.db"
    key = encrypted_db(path)
    s = launch(path)
    type_into(qtbot, s.startup.unlock_dialog.form.secret, key.lower())  # typed as it comes, in lower case
    click(qtbot, s.startup.unlock_dialog.form.unlock_button)
    assert s.startup.repo is not None and s.waits == []


def test_a_plain_database_opens_without_a_prompt_and_locks_too(launch, qtbot: QtBot, tmp_path: Path) -> None:
    """Issue 14, point 8: the lock works on a plain file too (without a lock PIN it says anyone can unlock)."""
    path = tmp_path / "plain.db"
    open_database(path).close()
    s = launch(path)
    assert s.startup.unlock_dialog is None and s.startup.passphrase_dialog is None
    assert s.startup.repo is not None and not s.startup.repo.db.encrypted
    assert is_plain_sqlite(path)
    create_client(qtbot, s.window, "Zephyrine", "Quillfeather", "Oriel")
    assert s.startup.security.action_lock.isEnabled()
    s.window.raise_()
    s.window.activateWindow()
    qtbot.waitUntil(s.window.isActiveWindow)
    ctrl(qtbot, s.window.home.search, Qt.Key.Key_L)
    lock = s.startup.security.lock
    assert lock.is_locked() and "Quillfeather" not in visible_texts(s.window)
    assert "anyone at this computer can unlock" in visible_texts(s.window)
    click(qtbot, lock.page.form.unlock_button)
    assert not lock.is_locked() and "Quillfeather" in visible_texts(s.window)


def test_idle_lock_hides_every_name_and_the_passphrase_brings_it_back(launch, qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "enc.db"
    encrypted_db(path)
    s = launch(path)
    type_into(qtbot, s.startup.unlock_dialog.form.secret, PASSPHRASE)
    click(qtbot, s.startup.unlock_dialog.form.unlock_button)
    window, lock = s.window, s.startup.security.lock
    create_client(qtbot, window, "Zephyrine", "Quillfeather", "Oriel")
    assert "Quillfeather" in visible_texts(window)

    other = QLabel("Handout for Zephyrine Quillfeather")  # another window of the app showing a name
    other.show()
    lock.set_idle_ms(40)  # the setting is in minutes; a test cannot wait ten of them
    qtbot.waitUntil(lock.is_locked, timeout=3000)
    lock.set_idle_ms(600_000)
    shown = visible_texts(window)
    assert "Quillfeather" not in shown and "Zephyrine" not in shown and "Oriel" not in shown
    assert "ConsultApp is locked" in shown
    assert window.home.clients.rowCount() == 0  # the list is emptied, not only hidden
    assert not window.menuBar().isEnabled()
    assert not other.isVisible()

    form = lock.page.form
    type_into(qtbot, form.secret, "wrong guess")
    click(qtbot, form.unlock_button)
    assert lock.is_locked() and s.waits == [1]
    form.secret.clear()
    type_into(qtbot, form.secret, PASSPHRASE)
    click(qtbot, form.unlock_button)
    assert not lock.is_locked()
    assert "Quillfeather" in visible_texts(window)
    assert other.isVisible()
    other.close()


def test_ctrl_l_locks_at_once(launch, qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "enc.db"
    encrypted_db(path)
    s = launch(path)
    type_into(qtbot, s.startup.unlock_dialog.form.secret, PASSPHRASE)
    click(qtbot, s.startup.unlock_dialog.form.unlock_button)
    window = s.window
    window.raise_()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    ctrl(qtbot, window.home.search, Qt.Key.Key_L)
    assert s.startup.security.lock.is_locked()


def test_start_up_stays_lean_argon2_and_the_security_screens_load_on_use() -> None:
    import subprocess
    import sys

    code = ("import sys; import consultapp.app, consultapp.ui.security.startup; "
            "print(sorted(m for m in ('argon2', 'sqlalchemy', 'consultapp.store.crypto', "
            "'consultapp.ui.security.controller', 'consultapp.ui.security.passphrase') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_a_damaged_file_found_on_open_is_read_but_never_written(launch, qtbot: QtBot, tmp_path: Path) -> None:
    from factories import make_client

    from consultapp.store.maintenance import checkpoint

    path = tmp_path / "plain.db"
    db = open_database(path)
    repo = Store(db)
    for i in range(150):
        repo.save_client(make_client(f"Name{i:03d}", "Family"))
    checkpoint(db)
    db.close()
    data = bytearray(path.read_bytes())
    for offset in range(4096 * 5, 4096 * 5 + 300):  # scribble over a page the quick check reads
        data[offset] = 0xFF
    path.write_bytes(bytes(data))
    before = path.read_bytes()
    s = launch(path)
    qtbot.waitUntil(lambda: any("damaged" in e for e in s.dialogs.errors))
    assert s.window.store is not None and s.window.store.db.damaged
    with pytest.raises(Exception, match="nothing is written"):
        s.window.store.save_client(make_client("New", "Client"))
    assert path.read_bytes() == before


class MemoryKeyring:
    def __init__(self) -> None:
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


def test_the_passphrase_can_be_remembered_in_an_os_keyring(
        launch, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from consultapp.store import secrets as keyring_store

    ring = MemoryKeyring()
    monkeypatch.setattr(keyring_store, "system_backend", lambda: ring)
    path = tmp_path / "enc.db"
    encrypted_db(path)
    s = launch(path)
    dialog = s.startup.unlock_dialog
    assert dialog.remember.isVisibleTo(dialog)
    type_into(qtbot, dialog.form.secret, PASSPHRASE)
    tick(qtbot, dialog.remember)
    click(qtbot, dialog.form.unlock_button)
    assert s.startup.repo is not None and list(ring.items.values()) == [PASSPHRASE]
    again = launch(path)  # next start: opened with the remembered passphrase, no question
    assert again.startup.unlock_dialog is None and again.startup.repo is not None
    ring.items = {k: "a stale passphrase" for k in ring.items}  # changed elsewhere: she is asked again
    third = launch(path)
    assert third.startup.unlock_dialog is not None and third.startup.repo is None


def test_without_an_os_keyring_there_is_nothing_to_remember(
        launch, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from consultapp.store import secrets as keyring_store

    monkeypatch.setattr(keyring_store, "system_backend", lambda: None)
    path = tmp_path / "enc.db"
    encrypted_db(path)
    s = launch(path)
    assert not s.startup.unlock_dialog.remember.isVisibleTo(s.startup.unlock_dialog)


def test_a_new_file_named_with_db_is_created_encrypted_like_the_default(launch, qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "new-practice.db"
    s = launch(path)
    dialog = s.startup.passphrase_dialog
    assert dialog is not None and dialog.isVisible() and not path.exists()
    type_into(qtbot, dialog.fields.first, PASSPHRASE)
    type_into(qtbot, dialog.fields.second, PASSPHRASE)
    click(qtbot, dialog.create_button)
    assert s.startup.repo is not None and s.startup.repo.db.encrypted
    assert path.exists() and keyfile_for(path).exists() and not is_plain_sqlite(path)


def test_a_mistyped_folder_is_not_created_and_says_so(launch, qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "no-such-folder" / "practice.db"
    s = launch(path)
    assert s.startup.passphrase_dialog is None and s.quits == [2]
    assert any("no folder" in e and "--db" in e for e in s.dialogs.errors), s.dialogs.errors
    assert not path.parent.exists()


def test_a_file_that_is_no_database_is_refused_before_any_passphrase(launch, qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("# Not a database\n", encoding="utf-8")
    s = launch(path)
    assert s.startup.unlock_dialog is None and s.quits == [2]
    assert any("is not a ConsultApp database" in e for e in s.dialogs.errors), s.dialogs.errors
    assert path.read_text(encoding="utf-8") == "# Not a database\n"


def test_an_in_memory_database_opens_at_once(launch, qtbot: QtBot, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    s = launch("sqlite:///:memory:")
    assert s.startup.passphrase_dialog is None and s.startup.repo is not None
    assert not (tmp_path / ":memory:").exists()
