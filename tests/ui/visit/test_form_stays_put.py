"""A field's message coming (and going) moves nothing in the visit form: each field keeps its message's line."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from ui.helpers import click, create_client, go, type_into

from consultapp.ui.shell.window import MainWindow


def test_a_weight_error_moves_nothing_under_the_pointer(qtbot: QtBot, window: MainWindow) -> None:
    create_client(qtbot, window, "Sofía", "Ramírez", "Mateo")
    click(qtbot, window.home.new_visit_button)
    editor = window.visit_editor
    go(qtbot, window, 2)
    form = editor.weights.forms[0]
    below: list[QWidget] = [
        form.pre,
        form.post,
        form.resolution,
        form.clothing_unchanged,
        form.feeds_per_24h,
        form.wet_diapers,
        form.dirty_diapers,
        form.stool_colour,
        form.jaundice,
    ]

    def where() -> list[QPoint]:
        for _ in range(3):
            QApplication.processEvents()
        return [w.mapTo(window, QPoint(0, 0)) for w in below]

    before = where()
    type_into(qtbot, form.weight.edit, "71b")
    qtbot.keyClick(form.weight.edit, Qt.Key.Key_Tab)
    assert form.weight.error.isVisible() and form.weight.error.text().startswith("Weight today:")
    assert where() == before
    fits_line = form.weight.error.heightForWidth(form.weight.error.width())
    assert fits_line <= form.weight.error.height()  # the message shows whole in its line
    type_into(qtbot, form.pre.edit, "abc")  # and the next field's message, further down
    qtbot.keyClick(form.pre.edit, Qt.Key.Key_Tab)
    assert form.pre.error.isVisible()
    assert where() == before
    form.weight.edit.setFocus()
    form.weight.edit.selectAll()
    type_into(qtbot, form.weight.edit, "3350")  # fixed: the message goes, and still nothing moves
    assert not form.weight.error.isVisible()
    assert where() == before
