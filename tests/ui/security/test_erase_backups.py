"""Records > Erase client, then the backups that still hold her: named, and deleted only if she agrees."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot
from ui.helpers import click, create_client
from ui.security.test_security_features import security_tab, unlocked
from ui.security.test_security_startup import (  # noqa: F401 - fixtures shared with the start-up tests
    launch,
    trust_dialogs,
)


def backup_now(qtbot: QtBot, s, target: Path) -> None:  # noqa: ANN001
    """Security & backups > Back up now, into the backups folder."""
    s.dialogs.backup_target = target
    click(qtbot, security_tab(s).backup_button)
    assert target.exists()


def test_erase_names_the_backups_that_hold_her_and_deletes_them_when_told(
        launch, qtbot: QtBot, tmp_path: Path) -> None:  # noqa: F811
    s = unlocked(launch, qtbot, tmp_path / "enc.db")
    folder = s.startup.security.settings.backups_folder
    create_client(qtbot, s.window, "Erin", "Erasable", "Eli")
    held = folder / "consultapp-20261130-090000.cabackup"
    backup_now(qtbot, s, held)
    s.window.show_home()
    s.dialogs.typed_name = "Erin Erasable"
    s.dialogs.confirm_answer = False
    s.startup.security.action_erase.trigger()
    assert s.startup.repo.search_clients("") == []
    assert "1 backups still hold her" in s.dialogs.confirms[-1] and str(held) in s.dialogs.confirms[-1]
    assert held.exists()  # she said no

    create_client(qtbot, s.window, "Ola", "Second", "Oz")
    again = folder / "consultapp-20261201-090000.cabackup"
    backup_now(qtbot, s, again)
    s.window.show_home()
    s.dialogs.typed_name = "Ola Second"
    s.dialogs.confirm_answer = True
    asked = len(s.dialogs.confirms)
    s.startup.security.action_erase.trigger()
    assert len(s.dialogs.confirms) == asked + 1 and str(again) in s.dialogs.confirms[-1]
    assert str(held) not in s.dialogs.confirms[-1]  # made before Ola was added: it never held her
    assert not again.exists() and held.exists()
    assert "1 backups that held her were deleted" in s.window.statusBar().currentMessage()


def test_erase_with_no_backup_asks_nothing_more(launch, qtbot: QtBot, tmp_path: Path) -> None:  # noqa: F811
    s = unlocked(launch, qtbot, tmp_path / "enc.db")
    create_client(qtbot, s.window, "Erin", "Erasable", "Eli")
    s.dialogs.typed_name = "Erin Erasable"
    s.startup.security.action_erase.trigger()
    assert s.dialogs.confirms == [] and s.startup.repo.search_clients("") == []
    assert s.window.statusBar().currentMessage() == "The client was erased."
