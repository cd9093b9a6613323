"""The client (dyad) page: the parent and her babies."""

from __future__ import annotations

import copy

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from consultapp.domain.records import Baby, Client
from consultapp.domain.units import WeightUnit
from consultapp.ui.fields import CheckedField, DateField, FieldError, WeightField, add_row


class BabyForm(QGroupBox):
    """Name, date of birth and birth weight of one baby."""

    def __init__(self, number: int, parent: QWidget | None = None) -> None:
        super().__init__(f"Baby {number}", parent)
        self.baby_id = None
        self.version = 0
        self.name = CheckedField("Baby's name")
        self.date_of_birth = DateField("Baby's date of birth")
        self.birth_weight = WeightField("Birth weight")
        form = QFormLayout(self)
        add_row(form, "Name", self.name)
        add_row(form, "Date of birth", self.date_of_birth)
        add_row(form, "Birth weight", self.birth_weight)
        self.name.setAccessibleName("Baby's name")

    def load(self, baby: Baby) -> None:
        self.baby_id, self.version = baby.id, baby.version
        self.name.setText(baby.name)
        self.date_of_birth.set_value(baby.date_of_birth)
        self.birth_weight.set_value(baby.birth_weight_g)

    def is_blank(self) -> bool:
        return not (self.name.text().strip() or self.date_of_birth.text().strip() or self.birth_weight.text().strip())

    def read(self) -> Baby:
        """The baby as typed; raises FieldError (shown beside the field) on bad input."""
        errors: list[FieldError] = []
        values: dict[str, object] = {}
        for key, getter in (("dob", self.date_of_birth.value), ("weight", self.birth_weight.value)):
            try:
                values[key] = getter()
            except FieldError as exc:
                errors.append(exc)
        if not self.name.text().strip():
            self.name.error.show_error("Enter the baby's name (or 'Baby' if not named yet).")
            errors.append(FieldError("baby name"))
        if errors:
            raise errors[0]
        return Baby(
            name=self.name.text().strip(),
            date_of_birth=values["dob"],  # type: ignore[arg-type]
            birth_weight_g=values["weight"],  # type: ignore[arg-type]
            id=self.baby_id,
            version=self.version,
        )


class ClientEditor(QWidget):
    """Create or edit a client; emits ``saved`` with the stored client, ``cancelled`` on Cancel."""

    saved = Signal(object)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._client: Client | None = None
        self.weight_unit = WeightUnit.G
        self.title = QLabel("<h2>New client</h2>")
        self.given_name = CheckedField("First name")
        self.family_name = CheckedField("Family name")
        self.date_of_birth = DateField("Parent's date of birth")
        self.phone = CheckedField("Phone")
        self.address = QPlainTextEdit()
        self.address.setAccessibleName("Home-visit address")
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(70)

        parent_box = QGroupBox("Parent")
        form = QFormLayout(parent_box)
        add_row(form, "&First name", self.given_name)
        add_row(form, "Famil&y name", self.family_name)
        add_row(form, "Date of &birth", self.date_of_birth)
        add_row(form, "&Phone", self.phone)
        add_row(form, "&Address", self.address)

        self.babies_layout = QVBoxLayout()
        self.baby_forms: list[BabyForm] = []
        self.add_baby_button = QPushButton("Add &another baby (twin)")
        self.add_baby_button.clicked.connect(lambda: self.add_baby_form())

        self.form_error = QLabel()
        self.form_error.setStyleSheet("color: #b00020;")
        self.form_error.setWordWrap(True)
        self.save_button = QPushButton("&Save client")
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton("Cancel")
        self.save_button.clicked.connect(self.on_save_clicked)
        self.cancel_button.clicked.connect(self.cancelled.emit)

        content = QWidget()
        content.setMaximumWidth(860)  # long lines of empty fields are hard to scan on wide screens
        inner = QVBoxLayout(content)
        inner.addWidget(self.title)
        inner.addWidget(parent_box)
        inner.addLayout(self.babies_layout)
        inner.addWidget(self.add_baby_button)
        inner.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)

        buttons = QHBoxLayout()
        buttons.addWidget(self.form_error, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self.setFocusProxy(self.given_name)
        self.load(None)

    def set_weight_unit(self, unit: WeightUnit) -> None:
        self.weight_unit = unit
        for form in self.baby_forms:
            form.birth_weight.set_unit(unit)

    def add_baby_form(self) -> BabyForm:
        form = BabyForm(len(self.baby_forms) + 1)
        form.birth_weight.set_unit(self.weight_unit)
        self.baby_forms.append(form)
        self.babies_layout.addWidget(form)
        return form

    def load(self, client: Client | None) -> None:
        """Show ``client`` for editing, or an empty form (with one baby) for a new client."""
        self._client = copy.deepcopy(client)
        for form in self.baby_forms:
            form.setParent(None)
            form.deleteLater()
        self.baby_forms = []
        self.form_error.clear()
        self.title.setText("<h2>Edit client</h2>" if client else "<h2>New client</h2>")
        self.given_name.setText(client.given_name if client else "")
        self.family_name.setText(client.family_name if client else "")
        self.date_of_birth.set_value(client.date_of_birth if client else None)
        self.phone.setText(client.phone if client else "")
        self.address.setPlainText(client.address if client else "")
        for baby in client.babies if client else []:
            self.add_baby_form().load(baby)
        if not self.baby_forms:
            self.add_baby_form()

    def read(self) -> Client:
        """The client as typed; raises FieldError after showing every problem beside its field."""
        errors: list[FieldError] = []
        if not self.given_name.text().strip():
            self.given_name.error.show_error("Enter the parent's first name.")
            errors.append(FieldError("first name"))
        dob = None
        try:
            dob = self.date_of_birth.value()
        except FieldError as exc:
            errors.append(exc)
        babies: list[Baby] = []
        for form in self.baby_forms:
            if form.is_blank() and form.baby_id is None:
                continue
            try:
                babies.append(form.read())
            except FieldError as exc:
                errors.append(exc)
        if errors:
            raise FieldError("Some fields need attention; see the messages beside them.")
        base = self._client
        return Client(
            given_name=self.given_name.text().strip(),
            family_name=self.family_name.text().strip(),
            date_of_birth=dob,
            phone=self.phone.text().strip(),
            address=self.address.toPlainText().strip(),
            babies=babies,
            id=base.id if base else None,
            version=base.version if base else 0,
        )

    def on_save_clicked(self) -> None:
        try:
            client = self.read()
        except FieldError as exc:
            self.form_error.setText(str(exc))
            return
        self.form_error.clear()
        self.saved.emit(client)

    def mark_saved(self, client: Client) -> None:
        self._client = copy.deepcopy(client)
