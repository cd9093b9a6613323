"""Practice details printed on every document's letterhead."""

from __future__ import annotations

import copy

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from consultapp.domain.records import Practice
from consultapp.ui.fields import CheckedField, add_row


class PracticeEditor(QWidget):
    saved = Signal(object)
    cancelled = Signal()

    FIELDS = (
        ("name", "Practice &name"),
        ("consultant_name", "&Consultant"),
        ("credentials", "C&redentials (e.g. IBCLC)"),
        ("address", "&Address"),
        ("phone", "&Phone"),
        ("email", "&Email"),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._practice = Practice()
        box = QGroupBox("Practice details (printed on care plans)")
        form = QFormLayout(box)
        self.fields: dict[str, CheckedField] = {}
        for key, label in self.FIELDS:
            field = CheckedField(label.replace("&", ""))
            self.fields[key] = field
            add_row(form, label, field)
        self.name = self.fields["name"]
        save = QPushButton("&Save")
        cancel = QPushButton("Cancel")
        save.clicked.connect(self.on_save_clicked)
        cancel.clicked.connect(self.cancelled.emit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(save)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Practice</h2>"))
        layout.addWidget(box)
        layout.addStretch(1)
        layout.addLayout(buttons)

    def load(self, practice: Practice) -> None:
        self._practice = copy.deepcopy(practice)
        for key, field in self.fields.items():
            field.setText(getattr(practice, key))

    def on_save_clicked(self) -> None:
        practice = copy.deepcopy(self._practice)
        for key, field in self.fields.items():
            setattr(practice, key, field.text().strip())
        self.saved.emit(practice)
