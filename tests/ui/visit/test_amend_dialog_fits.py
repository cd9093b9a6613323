"""The amendment dialog's red message under "Reason for the change" shows whole, and the reason field keeps
its height (it was clipped, and the field squeezed to a sliver)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from ui.helpers import click, fits, type_into

from consultapp.ui.visit.amend_dialog import REASON_REQUIRED, AmendReasonDialog


def test_the_reason_required_message_is_whole_and_the_field_keeps_its_height(qtbot: QtBot) -> None:
    dialog = AmendReasonDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    field_height = dialog.reason.height()
    click(qtbot, dialog.save_button)  # no reason yet: refused, with the message under the field
    for _ in range(5):
        QApplication.processEvents()
    assert dialog.isVisible() and dialog.error.isVisible() and dialog.error.text() == REASON_REQUIRED
    fits(dialog.error)
    assert dialog.reason.height() >= dialog.reason.sizeHint().height()
    assert dialog.reason.height() >= field_height
    assert dialog.reason.geometry().bottom() < dialog.error.geometry().top()  # the field above, not overlapped
    type_into(qtbot, dialog.reason, "Scale re-zeroed")
    assert not dialog.error.isVisible()
    click(qtbot, dialog.save_button)
    assert dialog.result() == dialog.DialogCode.Accepted and dialog.text() == "Scale re-zeroed"
