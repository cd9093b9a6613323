"""The client form checks its fields as she leaves them: a bad birth weight, a future birth date (a warning)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from ui.helpers import click, type_into

from consultapp.store.facade import Store
from consultapp.ui.fields import WARNING_COLOUR
from consultapp.ui.shell.window import MainWindow


def test_client_form_fields_check_themselves_and_the_page_message_goes_when_fixed(
    qtbot: QtBot, window: MainWindow, gui_repo: Store
) -> None:
    click(qtbot, window.home.new_client_button)
    editor = window.client_editor
    type_into(qtbot, editor.given_name.edit, "Zoë")
    type_into(qtbot, editor.family_name.edit, "O'Brien & Söhne")
    baby = editor.baby_forms[0]
    type_into(qtbot, baby.name.edit, "Ada")
    soon = dt.date.today() + dt.timedelta(days=20)
    type_into(qtbot, baby.date_of_birth.edit, soon.isoformat())
    qtbot.keyClick(baby.date_of_birth.edit, Qt.Key.Key_Tab)
    dob_note = baby.date_of_birth.error
    assert dob_note.isVisible() and "in the future" in dob_note.text()
    assert WARNING_COLOUR in dob_note.styleSheet() and not baby.date_of_birth.has_error  # may be meant
    type_into(qtbot, baby.birth_weight.edit, "0")
    qtbot.keyClick(baby.birth_weight.edit, Qt.Key.Key_Tab)
    assert baby.birth_weight.has_error and "between" in baby.birth_weight.error.text()
    type_into(qtbot, baby.gestational_age.edit, "52+9")
    qtbot.keyClick(baby.gestational_age.edit, Qt.Key.Key_Tab)
    assert "weeks 20-45" in baby.gestational_age.error.text()

    click(qtbot, editor.save_button)
    assert "need attention" in editor.form_error.text()
    assert gui_repo.search_clients("") == []
    baby.birth_weight.edit.setFocus()
    baby.birth_weight.edit.selectAll()
    type_into(qtbot, baby.birth_weight.edit, "3250")
    assert not baby.birth_weight.error.isVisible()
    assert "need attention" in editor.form_error.text()  # the gestational age is still wrong
    baby.gestational_age.edit.setFocus()
    baby.gestational_age.edit.selectAll()
    type_into(qtbot, baby.gestational_age.edit, "39+2")
    assert not baby.gestational_age.error.isVisible()
    assert editor.form_error.text() == ""  # the last problem fixed
    click(qtbot, editor.save_button)
    [summary] = gui_repo.search_clients("")
    saved = gui_repo.get_client(summary.id)
    assert saved.given_name == "Zoë" and saved.family_name == "O'Brien & Söhne"
    [ada] = saved.babies
    assert (ada.date_of_birth, ada.birth_weight_g, ada.gestational_age_days) == (soon, 3250, 39 * 7 + 2)
