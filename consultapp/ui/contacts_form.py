"""Care contacts (paediatrician, physician) and consents on the client page.

Not stored yet: the records and a migration are pending in the store, so the fields are shown disabled
with a note, rather than taking typing that would be lost.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGridLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from consultapp.ui.fields import CheckedField, DateField, add_row

CONTACT_ROLES = (("paediatrician", "Paediatrician"), ("physician", "Physician"))
CONTACT_PARTS = (("name", "name"), ("practice", "practice"), ("phone", "phone"), ("fax", "fax"))


class ContactsForm(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Care contacts and consent", parent)
        note = QLabel("Coming with the next database update: these fields cannot be saved yet, so they are "
                      "switched off.")
        note.setWordWrap(True)
        note.setStyleSheet("color: #555555;")
        grid = QGridLayout()
        self.contacts: dict[str, dict[str, CheckedField[str]]] = {}
        for column, (role, title) in enumerate(CONTACT_ROLES):
            box = QGroupBox(title)
            form = QFormLayout(box)
            self.contacts[role] = {}
            for key, part in CONTACT_PARTS:
                field: CheckedField[str] = CheckedField(f"{title} {part}")
                self.contacts[role][key] = field
                add_row(form, part.capitalize(), field, title)
            grid.addWidget(box, 0, column)
        self.care_consent = DateField("Consent to care given on")
        self.photo_consent = DateField("Consent to photos given on")
        consent = QFormLayout()
        add_row(consent, "Consent to care given on", self.care_consent)
        add_row(consent, "Consent to photos given on", self.photo_consent)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(grid)
        layout.addLayout(consent)
        for widget in (*[f for fields in self.contacts.values() for f in fields.values()],
                       self.care_consent, self.photo_consent):
            widget.setEnabled(False)
