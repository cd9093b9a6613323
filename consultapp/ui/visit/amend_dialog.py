"""Amend a final visit: the reason for the change is required (it goes into the amendment's record)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from consultapp.ui.fields import ERROR_COLOUR

REASON_REQUIRED = "Write why the visit is changed: the amendment keeps the reason."


class AmendReasonDialog(QDialog):
    """Asks why a final visit is changed; Save refuses (with a message beside the field) until one is typed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Amend a final visit")
        self.setMinimumWidth(480)  # the reason's field and its message on a readable line or two
        intro = QLabel("This visit was marked final. Your change is kept as an amendment, with today's date.")
        intro.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setAccessibleName("Reason for the change")
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.error.hide()
        form = QFormLayout()
        label = QLabel("&Reason for the change (required)")
        label.setBuddy(self.reason)
        form.addRow(label, self.reason)
        form.addRow(self.error)  # (the whole row's width, under the field)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.on_save_clicked)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(self.on_reason_text_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.reason.setFocus()

    def on_save_clicked(self) -> None:
        if not self.text():
            self.error.setText(REASON_REQUIRED)
            self.error.show()
            self.adjustSize()  # grow to the wrapped message's lines (a window's minimum size ignores them)
            self.reason.setFocus()
            return
        self.accept()

    def on_reason_text_changed(self, _text: str) -> None:
        if self.text():
            self.error.hide()

    def text(self) -> str:
        return self.reason.text().strip()
