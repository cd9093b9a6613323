"""Regression (new-user walk-through): an "&" in a name shows as typed on check boxes and group titles, never
taken as a keyboard shortcut ("Hà & Ly" showed as "Hà _Ly")."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from ui.helpers import click, create_client

from consultapp.ui.fields import as_shown
from consultapp.ui.shell.window import MainWindow


def test_a_babys_name_with_an_ampersand_is_shown_as_typed_on_the_contact_row(qtbot: QtBot,
                                                                            window: MainWindow) -> None:
    create_client(qtbot, window, "Mai", "Nguyễn", "Hà & Ly")
    click(qtbot, window.home.edit_client_button)
    editor = window.client_editor
    click(qtbot, editor.contacts.add_button)
    [box] = editor.contacts.rows[0].baby_checks.values()
    assert box.text() == as_shown("Hà & Ly") == "Hà && Ly"  # Qt shows "&&" as one "&"
