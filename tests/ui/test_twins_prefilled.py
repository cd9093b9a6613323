"""Adding a twin: her date of birth, gestational age and delivery come from the first baby."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from ui.helpers import click, type_into

from consultapp.domain.vocabulary import DeliveryMode
from consultapp.store.facade import Store
from consultapp.ui.shell.window import MainWindow


def test_the_second_twin_is_prefilled_from_the_first(qtbot: QtBot, window: MainWindow, gui_repo: Store,
                                                    tmp_path: Path) -> None:
    born = dt.date.today() - dt.timedelta(days=4)
    click(qtbot, window.home.new_client_button)
    editor = window.client_editor
    type_into(qtbot, editor.given_name.edit, "Lea")
    type_into(qtbot, editor.family_name.edit, "Moss")
    first = editor.baby_forms[0]
    type_into(qtbot, first.name.edit, "Ada")
    type_into(qtbot, first.date_of_birth.edit, born.isoformat())
    type_into(qtbot, first.birth_weight.edit, "2600")
    type_into(qtbot, first.gestational_age.edit, "36+2")
    first.delivery_mode.setFocus()
    caesarean = first.delivery_mode.findData(DeliveryMode.CAESAREAN_UNPLANNED.value)
    for _ in range(caesarean):
        qtbot.keyClick(first.delivery_mode, Qt.Key.Key_Down)
    assert first.delivery_mode.currentData() == DeliveryMode.CAESAREAN_UNPLANNED.value

    click(qtbot, editor.add_baby_button)
    second = editor.baby_forms[1]
    assert second.date_of_birth.text() == born.isoformat()
    assert second.gestational_age.text() == "36+2"
    assert second.delivery_mode.currentData() == DeliveryMode.CAESAREAN_UNPLANNED.value
    assert (second.name.text(), second.birth_weight.text()) == ("", "")  # hers to type
    assert second.name.edit.hasFocus()
    editor.grab().save(str(tmp_path / "twins.png"))
    qtbot.keyClicks(second.name.edit, "Bo")
    type_into(qtbot, second.birth_weight.edit, "2450")
    click(qtbot, editor.save_button)

    [summary] = gui_repo.search_clients("Moss")
    babies = gui_repo.get_client(summary.id).babies
    assert [(b.name, b.date_of_birth, b.delivery_mode, b.birth_weight_g) for b in babies] == [
        ("Ada", born, DeliveryMode.CAESAREAN_UNPLANNED, 2600), ("Bo", born, DeliveryMode.CAESAREAN_UNPLANNED, 2450)]
    assert babies[0].gestational_age_label == babies[1].gestational_age_label
