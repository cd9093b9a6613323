"""The client page's care contacts (paediatrician, physician... for the parent or for one or more babies) and
consents."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from consultapp.domain.records import CareContact, Consents, ContactRole
from consultapp.ui.fields import DateField, FieldError, add_row, as_shown

PARENT = "parent"


class ContactRow(QGroupBox):
    """One clinician: which babies they see (none ticked: the parent's own clinician), role, name, practice,
    phone, fax, address. Twins may share one paediatrician: tick both."""

    remove_requested = Signal(object)  # ContactRow

    def __init__(self, number: int, people: Sequence[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(f"Contact {number}", parent)
        context = self.title()
        self.babies_box = QWidget()
        self.babies_box.setAccessibleName(f"{context}: babies this clinician sees")
        self.babies_layout = QHBoxLayout(self.babies_box)
        self.babies_layout.setContentsMargins(0, 0, 0, 0)
        self.baby_checks: dict[str, QCheckBox] = {}
        self.for_parent = QLabel()
        self.role = QComboBox()
        for role in ContactRole:
            self.role.addItem(role.label, role.value)
        self.name = QLineEdit()
        self.practice = QLineEdit()
        self.phone = QLineEdit()
        self.fax = QLineEdit()
        self.address = QLineEdit()
        self.remove_button = QPushButton("Remove contact")
        self.remove_button.setAccessibleName(f"Remove contact {number}")
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.error.hide()
        grid = QGridLayout(self)
        left, right = QFormLayout(), QFormLayout()
        add_row(left, "Sees", self.babies_box, context)
        add_row(left, "Role", self.role, context)
        add_row(left, "Name", self.name, context)
        add_row(left, "Practice", self.practice, context)
        add_row(right, "Phone", self.phone, context)
        add_row(right, "Fax", self.fax, context)
        add_row(right, "Address", self.address, context)
        right.addRow("", self.remove_button)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.addWidget(self.error, 1, 0, 1, 2)
        self.set_people(people)

    def set_people(self, people: Sequence[tuple[str, str]]) -> None:
        """``people``: (key, label) pairs, the parent first; each baby becomes a box to tick, ticks kept."""
        ticked = set(self.ticked_keys())
        for box in self.baby_checks.values():
            box.setParent(None)
            box.deleteLater()
        self.baby_checks = {}
        self.babies_layout.removeWidget(self.for_parent)
        for key, label in people:
            if key == PARENT:
                continue
            box = QCheckBox(as_shown(label.removeprefix("Baby: ")))  # (an "&" in a name is no shortcut)
            box.setAccessibleName(f"{self.title()} sees {label.removeprefix('Baby: ')}")
            box.setChecked(key in ticked)
            box.toggled.connect(lambda _on: self._show_parent_hint())
            self.baby_checks[key] = box
            self.babies_layout.addWidget(box)
        self.babies_layout.addWidget(self.for_parent, 1)
        self._show_parent_hint()

    def _show_parent_hint(self) -> None:
        self.for_parent.setText("" if self.ticked_keys() else "none ticked: the parent's clinician")

    def ticked_keys(self) -> list[str]:
        return [key for key, box in self.baby_checks.items() if box.isChecked()]

    def load(self, contact: CareContact) -> None:
        for key, box in self.baby_checks.items():
            box.setChecked(any(str(b) == key for b in contact.baby_ids))
        self._show_parent_hint()
        self.role.setCurrentIndex(max(0, self.role.findData(contact.role.value)))
        for edit, value in ((self.name, contact.name), (self.practice, contact.practice), (self.phone, contact.phone),
                            (self.fax, contact.fax), (self.address, contact.address)):
            edit.setText(value)

    def is_blank(self) -> bool:
        return not any(e.text().strip() for e in (self.name, self.practice, self.phone, self.fax, self.address))

    def read(self) -> CareContact:
        if not self.name.text().strip():
            self.error.setText("Enter the clinician's name, or remove this contact.")
            self.error.show()
            raise FieldError("contact name")
        self.error.hide()
        return CareContact(
            name=self.name.text().strip(),
            role=ContactRole(str(self.role.currentData())),
            practice=self.practice.text().strip(),
            phone=self.phone.text().strip(),
            fax=self.fax.text().strip(),
            address=self.address.text().strip(),
            baby_ids=tuple(uuid.UUID(key) for key in self.ticked_keys() if _is_uuid(key)),
        )


def _is_uuid(key: str) -> bool:
    """A baby saved before has its id as key; a baby only on screen yet has a placeholder key."""
    try:
        uuid.UUID(key)
    except ValueError:
        return False
    return True


class ContactsForm(QGroupBox):
    """The family's other clinicians (added and removed as rows) and the dates of consent."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Care contacts and consent", parent)
        self.people: list[tuple[str, str]] = [(PARENT, "Parent")]
        self.rows: list[ContactRow] = []
        self.rows_layout = QVBoxLayout()
        self.add_button = QPushButton("Add &contact")
        self.add_button.clicked.connect(lambda: self.add_contact())
        self.care_consent = DateField("Consent to care given on")
        self.photo_consent = DateField("Consent to photos given on")
        consent = QFormLayout()
        add_row(consent, "Consent to care given on", self.care_consent)
        add_row(consent, "Consent to photos given on", self.photo_consent)
        layout = QVBoxLayout(self)
        layout.addLayout(self.rows_layout)
        layout.addWidget(self.add_button)
        layout.addLayout(consent)

    def set_people(self, babies: Sequence[tuple[uuid.UUID, str]]) -> None:
        """The babies a contact can be for, by id and name."""
        self.people = [(PARENT, "Parent")] + [(str(i), f"Baby: {name or 'not named yet'}") for i, name in babies]
        for row in self.rows:
            row.set_people(self.people)

    def add_contact(self, contact: CareContact | None = None) -> ContactRow:
        row = ContactRow(len(self.rows) + 1, self.people)
        if contact is not None:
            row.load(contact)
        row.remove_requested.connect(self.remove_contact)
        self.rows.append(row)
        self.rows_layout.addWidget(row)
        row.show()  # at once, not when the event loop next runs: the user may click it straight away
        return row

    def remove_contact(self, row: ContactRow) -> None:
        self.rows.remove(row)
        row.setParent(None)
        row.deleteLater()
        for number, kept in enumerate(self.rows, start=1):
            kept.setTitle(f"Contact {number}")
            kept.remove_button.setAccessibleName(f"Remove contact {number}")
        self.add_button.setFocus()

    def load(self, contacts: Sequence[CareContact], consents: Consents) -> None:
        for row in list(self.rows):
            row.setParent(None)
            row.deleteLater()
        self.rows = []
        for contact in contacts:
            self.add_contact(contact)
        self.care_consent.set_value(consents.care)
        self.photo_consent.set_value(consents.photos)

    def read(self) -> tuple[list[CareContact], Consents]:
        """The contacts (blank rows left out) and consents; FieldError after showing each problem."""
        errors: list[FieldError] = []
        contacts: list[CareContact] = []
        for row in self.rows:
            if row.is_blank():
                continue
            try:
                contacts.append(row.read())
            except FieldError as exc:
                errors.append(exc)
        dates = []
        for field in (self.care_consent, self.photo_consent):
            try:
                dates.append(field.value())
            except FieldError as exc:
                errors.append(exc)
                dates.append(None)
        if errors:
            raise errors[0]
        return contacts, Consents(care=dates[0], photos=dates[1])
