"""Fields check themselves as she types or leaves them; the page's "need attention" goes with the last problem."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from ui.helpers import click, create_client, ctrl, go, type_into

from consultapp.store.facade import Store
from consultapp.ui.fields import WARNING_COLOUR, CheckedField
from consultapp.ui.shell.window import MainWindow


def _leave(qtbot: QtBot, field: CheckedField[object]) -> None:
    """Tab out of the field, as she does."""
    qtbot.keyClick(field.edit, Qt.Key.Key_Tab)


def _retype(qtbot: QtBot, field: CheckedField[object], text: str) -> None:
    """Select what is there and type over it."""
    field.edit.setFocus()
    field.edit.selectAll()
    type_into(qtbot, field.edit, text)


def test_a_bad_weight_is_said_on_tab_and_goes_when_fixed_and_so_does_the_page_message(
    qtbot: QtBot, window: MainWindow, gui_repo: Store
) -> None:
    create_client(qtbot, window, "Sofía", "Ramírez", "Mateo")
    click(qtbot, window.home.new_visit_button)
    editor = window.visit_editor
    type_into(qtbot, editor.reason_section.reason, "Weight check")
    go(qtbot, window, 2)
    weight = editor.weights.forms[0].weight
    type_into(qtbot, weight.edit, "71b")
    assert not weight.error.isVisible()  # nothing while she is still typing a fresh value
    _leave(qtbot, weight)
    assert weight.error.isVisible() and weight.error.text().startswith("Weight today:")
    assert weight.has_error

    _retype(qtbot, weight, "0")
    assert weight.error.isVisible() and "between" in weight.error.text()  # checked again at each key
    ctrl(qtbot, weight.edit, Qt.Key.Key_S)  # Ctrl+S: refused, the page says why
    assert "need attention" in editor.status.text()
    assert gui_repo.all_visits() == []

    _retype(qtbot, weight, "3350")
    assert not weight.error.isVisible() and weight.error.text() == ""
    assert "need attention" not in editor.status.text()  # the last problem fixed: the page's message goes
    ctrl(qtbot, weight.edit, Qt.Key.Key_S)
    [summary] = gui_repo.all_visits()
    assert gui_repo.get_visit(summary.id).assessments[0].weight_g == 3350


def test_the_page_message_stays_while_another_field_is_still_wrong(qtbot: QtBot, window: MainWindow) -> None:
    create_client(qtbot, window, "Amal", "Haddad", "Yusuf")
    click(qtbot, window.home.new_visit_button)
    editor = window.visit_editor
    go(qtbot, window, 2)
    form = editor.weights.forms[0]
    type_into(qtbot, form.weight.edit, "abc")
    type_into(qtbot, form.wet_diapers.edit, "99")
    _leave(qtbot, form.wet_diapers)
    assert "between 0 and 30" in form.wet_diapers.error.text()
    ctrl(qtbot, form.weight.edit, Qt.Key.Key_S)
    assert "need attention" in editor.status.text()
    _retype(qtbot, form.weight, "3400")
    assert not form.weight.error.isVisible()
    assert "need attention" in editor.status.text()  # the diapers are still wrong
    _retype(qtbot, form.wet_diapers, "6")
    assert "need attention" not in editor.status.text()


def test_a_visit_next_month_and_an_unusual_temperature_warn_in_amber_and_save(
    qtbot: QtBot, window: MainWindow, gui_repo: Store
) -> None:
    create_client(qtbot, window, "Ines", "Duarte", "Rui")
    click(qtbot, window.home.new_visit_button)
    editor = window.visit_editor
    date = editor.reason_section.visit_date
    next_month = dt.date.today() + dt.timedelta(days=31)
    _retype(qtbot, date, next_month.isoformat())
    _leave(qtbot, date)
    assert date.error.isVisible() and "in the future" in date.error.text()
    assert WARNING_COLOUR in date.error.styleSheet() and not date.has_error
    go(qtbot, window, 6)
    temperature = editor.parent_section.temperature
    type_into(qtbot, temperature.edit, "41.8")
    _leave(qtbot, temperature)
    assert "unusual" in temperature.error.text() and "41.8" in temperature.error.text()
    assert not temperature.has_error
    ctrl(qtbot, temperature.edit, Qt.Key.Key_S)  # warnings do not block
    assert "need attention" not in editor.status.text()
    [summary] = gui_repo.all_visits()
    saved = gui_repo.get_visit(summary.id)
    assert saved.visit_date == next_month and saved.parent.temperature_c == 41.8
    _retype(qtbot, temperature, "37.2")
    assert not temperature.error.isVisible()  # a usual value: the warning goes while she types
