"""The client (dyad) page: the parent and her babies."""

from __future__ import annotations

import copy
import dataclasses
import re
import uuid
from enum import StrEnum

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from consultapp.domain.records import (
    Baby,
    CareContact,
    Client,
    ClientStatus,
    Consents,
    Consultant,
    Insurance,
    LactationHistory,
)
from consultapp.domain.records.validate import BABY_NAME_REQUIRED, FIRST_NAME_REQUIRED
from consultapp.domain.units import WeightUnit
from consultapp.domain.vocabulary import DeliveryMode, MaternalCondition, Sex
from consultapp.ui.contacts_form import ContactsForm
from consultapp.ui.fields import (
    AttentionNote,
    CheckedField,
    DateField,
    FieldError,
    WeightField,
    add_row,
    check_text,
    text_checked,
)
from consultapp.ui.time_field import TimeField


def _enum_combo(enum: type[StrEnum]) -> QComboBox:
    combo = QComboBox()
    combo.addItem("Not recorded", None)
    for member in enum:
        combo.addItem(member.label, member.value)  # type: ignore[attr-defined]
    return combo


def gestational_age_days(text: str) -> int | None:
    """Days of gestation from "38+4" (weeks+days) or "38"; None when empty; FieldError when it cannot be."""
    raw = text.strip().replace(" ", "")
    if not raw:
        return None
    match = re.fullmatch(r"(\d{1,2})(?:\+(\d))?", raw)
    if match is None:
        raise FieldError("Gestational age: write weeks+days, e.g. 38+4.")
    weeks, days = int(match[1]), int(match[2] or 0)
    if not 20 <= weeks <= 45 or days > 6:
        raise FieldError("Gestational age: weeks 20-45 and days 0-6.")
    return weeks * 7 + days


class BabyForm(QGroupBox):
    """Name, date of birth and birth weight of one baby."""

    def __init__(self, number: int, parent: QWidget | None = None) -> None:
        super().__init__(f"Baby {number}", parent)
        self.baby_id: uuid.UUID | None = None
        self.key = uuid.uuid4()
        """The id a new baby is saved under, so that a care contact can name her before she is stored."""
        self.version = 0
        self._base = Baby(name="")
        self.name: CheckedField[str] = CheckedField("Baby's name", field="name")
        self.date_of_birth = DateField("Baby's date of birth", warn_future=True, warn_older_than_years=4)
        self.birth_weight = WeightField("Birth weight")
        self.sex = _enum_combo(Sex)
        self.gestational_age: CheckedField[int] = CheckedField("Gestational age at birth", "weeks+days, e.g. 38+4",
                                                               check=gestational_age_days)
        self.delivery_mode = _enum_combo(DeliveryMode)
        self.birth_time = TimeField("Time of birth")
        self.birth_time.setToolTip("With the time a visit's baby was seen, it gives the exact hours of life")
        form = QFormLayout(self)
        add_row(form, "Name", self.name, self.title())
        add_row(form, "Date of birth", self.date_of_birth, self.title())
        add_row(form, "Birth weight", self.birth_weight, self.title())
        add_row(form, "Sex", self.sex, self.title())
        add_row(form, "Gestational age", self.gestational_age, self.title())
        add_row(form, "Delivery", self.delivery_mode, self.title())
        add_row(form, "Time of birth", self.birth_time, self.title())

    def load(self, baby: Baby) -> None:
        self._base = copy.deepcopy(baby)
        self.baby_id, self.version = baby.id, baby.version
        self.sex.setCurrentIndex(max(0, self.sex.findData(baby.sex.value if baby.sex else None)))
        self.delivery_mode.setCurrentIndex(
            max(0, self.delivery_mode.findData(baby.delivery_mode.value if baby.delivery_mode else None))
        )
        self.gestational_age.setText(baby.gestational_age_label.removesuffix(" weeks"))
        self.name.setText(baby.name)
        self.date_of_birth.set_value(baby.date_of_birth)
        self.birth_weight.set_value(baby.birth_weight_g)
        self.birth_time.set_value(baby.birth_time)

    def is_blank(self) -> bool:
        return not (
            self.name.text().strip()
            or self.date_of_birth.text().strip()
            or self.birth_weight.text().strip()
            or self.gestational_age.text().strip()
        )

    def read(self) -> Baby:
        """The baby as typed; raises FieldError (shown beside the field) on bad input."""
        errors: list[FieldError] = []
        values: dict[str, object] = {}
        for key, getter in (("dob", self.date_of_birth.value), ("weight", self.birth_weight.value),
                            ("ga", self.gestational_age.value), ("time", self.birth_time.value)):
            try:
                values[key] = getter()
            except FieldError as exc:
                errors.append(exc)
        if not self.name.text().strip():
            self.name.show_problem(BABY_NAME_REQUIRED)
            errors.append(FieldError("baby name"))
        else:
            try:
                self.name.value()  # the domain's text rule (control characters, length), as import applies it
            except FieldError as exc:
                errors.append(exc)
        if errors:
            raise errors[0]
        baby = copy.deepcopy(self._base)
        baby.name = self.name.text().strip()
        baby.date_of_birth = values["dob"]  # type: ignore[assignment]
        baby.birth_weight_g = values["weight"]  # type: ignore[assignment]
        baby.gestational_age_days = values["ga"]  # type: ignore[assignment]
        baby.birth_time = values["time"]  # type: ignore[assignment]
        baby.sex = Sex(self.sex.currentData()) if self.sex.currentData() else None
        mode = self.delivery_mode.currentData()
        baby.delivery_mode = DeliveryMode(mode) if mode else None
        baby.id, baby.version = self.baby_id or self.key, self.version
        return baby


class ClientEditor(QWidget):
    """Create or edit a client; emits ``saved`` with the stored client, ``cancelled`` on Cancel."""

    saved = Signal(object)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._client: Client | None = None
        self.weight_unit = WeightUnit.G
        self.title = QLabel("<h2>New client</h2>")
        parent_box = self._build_parent_box()
        insurance_box = self._build_insurance_box()
        history_box = self._build_history_box()

        self.contacts = ContactsForm()

        self.babies_layout = QVBoxLayout()
        self.baby_forms: list[BabyForm] = []
        self.add_baby_button = QPushButton("Add &another baby (twin)")
        self.add_baby_button.clicked.connect(self.on_add_baby_clicked)

        self.form_error = QLabel()
        self.form_error.setStyleSheet("color: #b00020;")
        self.form_error.setWordWrap(True)
        self.attention = AttentionNote(self, self.form_error.setText, still_wrong=self._still_wrong)
        self.save_button = QPushButton("&Save client")
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton("Cancel")
        self.save_button.clicked.connect(self.on_save_clicked)
        self.cancel_button.clicked.connect(self.cancelled.emit)

        content = QWidget()
        inner = QVBoxLayout(content)
        inner.addWidget(self.title)
        left = QVBoxLayout()
        left.addWidget(parent_box)
        left.addWidget(insurance_box)
        left.addWidget(history_box)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addLayout(self.babies_layout)
        right.addWidget(self.add_baby_button)
        right.addWidget(self.contacts)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        inner.addLayout(columns)
        self.scroll_area = scroll = QScrollArea()
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

    def _build_parent_box(self) -> QGroupBox:
        self.given_name: CheckedField[str] = CheckedField("First name", field="given_name")
        self.family_name: CheckedField[str] = CheckedField("Family name", field="family_name")
        self.date_of_birth = DateField("Parent's date of birth")
        self.phone: CheckedField[str] = CheckedField("Phone", field="phone")
        self.address = QPlainTextEdit()
        self.address.setAccessibleName("Home-visit address")
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(70)
        self.preferred_name: CheckedField[str] = CheckedField("Preferred name", "what she likes to be called",
                                                                 field="preferred_name")
        self.language: CheckedField[str] = CheckedField("Language", "e.g. English, Spanish", field="language")
        self.access_notes = QPlainTextEdit()
        self.access_notes.setAccessibleName("Home-visit access notes")
        self.access_notes.setPlaceholderText("Door code, parking, stairs, pets")
        self.access_notes.setTabChangesFocus(True)
        self.access_notes.setFixedHeight(52)
        self.status = _enum_combo(ClientStatus)
        self.status.removeItem(0)  # a client is always active or discharged
        self.assigned = QComboBox()  # her consultant in a group practice (hidden on a solo file)
        self.assigned.addItem("None", None)

        parent_box = QGroupBox("Parent")
        form = self._parent_form = QFormLayout(parent_box)
        add_row(form, "F&irst name", self.given_name)
        add_row(form, "Famil&y name", self.family_name)
        add_row(form, "Date of &birth", self.date_of_birth)
        add_row(form, "&Phone", self.phone)
        address, self.address_error = text_checked(self.address)
        access, self.access_notes_error = text_checked(self.access_notes)
        add_row(form, "Addr&ess", address)
        add_row(form, "Access &notes", access)
        add_row(form, "Preferred na&me", self.preferred_name)
        add_row(form, "Lan&guage", self.language)
        add_row(form, "S&tatus", self.status)
        add_row(form, "Assigned consultant", self.assigned)
        form.setRowVisible(self.assigned, False)
        self._assigning = False
        return parent_box

    def set_consultants(self, people: list[Consultant] | None) -> None:
        """The practice's active consultants to assign her to; None (a solo file) hides the choice."""
        self.assigned.clear()
        self.assigned.addItem("None", None)
        for person in people or []:
            if person.active and person.id is not None:
                self.assigned.addItem(person.signature, person.id)
        self._assigning = people is not None
        self._parent_form.setRowVisible(self.assigned, self._assigning)

    def _show_assigned(self, assigned: uuid.UUID | None) -> None:
        index = self.assigned.findData(assigned) if assigned is not None else 0
        if index < 0 and self._assigning:  # (a consultant no longer active, or not in this local copy)
            self.assigned.addItem("Another consultant", assigned)
            index = self.assigned.count() - 1
        self.assigned.setCurrentIndex(max(0, index))

    def _build_insurance_box(self) -> QGroupBox:
        insurance_box = QGroupBox("Insurance")
        iform = QFormLayout(insurance_box)
        self.insurer: CheckedField[str] = CheckedField("Insurer", field="insurer")
        self.member_id: CheckedField[str] = CheckedField("Member id", field="member_id")
        self.group_number: CheckedField[str] = CheckedField("Group", field="group")
        add_row(iform, "Ins&urer", self.insurer)
        add_row(iform, "Member i&d", self.member_id)
        add_row(iform, "Group", self.group_number)
        return insurance_box

    def _build_history_box(self) -> QGroupBox:
        history_box = QGroupBox("Lactation history")
        hform = QFormLayout(history_box)
        self.breast_surgery: CheckedField[str] = CheckedField("Breast surgery", "e.g. reduction 2015; none",
                                                                 field="breast_surgery")
        self.previous_mastitis = QCheckBox("Has had mastitis before")
        self.previous_breastfeeding: CheckedField[str] = CheckedField("Previous breastfeeding",
                                                                      "e.g. first baby, 6 months",
                                                                      field="previous_breastfeeding")
        self.medications: CheckedField[str] = CheckedField("Medications", field="medications")
        self.history_notes = QPlainTextEdit()
        self.history_notes.setTabChangesFocus(True)
        self.history_notes.setFixedHeight(60)
        self.history_notes.setAccessibleName("History notes")
        add_row(hform, "Breast surgery", self.breast_surgery)
        hform.addRow(self.previous_mastitis)
        add_row(hform, "Previous breastfeeding", self.previous_breastfeeding)
        add_row(hform, "Medications", self.medications)
        self.conditions = {c: QCheckBox(c.label) for c in MaternalCondition}
        conditions = QGroupBox("Conditions that can affect the milk supply")
        clayout = QVBoxLayout(conditions)
        for box in self.conditions.values():
            clayout.addWidget(box)
        hform.addRow(conditions)
        notes, self.history_notes_error = text_checked(self.history_notes)
        add_row(hform, "Notes", notes)
        return history_box

    def set_weight_unit(self, unit: WeightUnit) -> None:
        self.weight_unit = unit
        for form in self.baby_forms:
            form.birth_weight.set_unit(unit)

    def add_baby_form(self) -> BabyForm:
        form = BabyForm(len(self.baby_forms) + 1)
        form.birth_weight.set_unit(self.weight_unit)
        self.baby_forms.append(form)
        self.babies_layout.addWidget(form)
        form.name.edit.textChanged.connect(lambda _t: self._update_people())
        self._update_people()
        return form

    def on_add_baby_clicked(self) -> None:
        """Another baby of the same birth (a twin): her date of birth, gestational age and delivery are the
        first baby's, already filled in (she may change them); name, weight and sex are hers to type."""
        first = self.baby_forms[0] if self.baby_forms else None
        form = self.add_baby_form()
        if first is not None:
            form.date_of_birth.setText(first.date_of_birth.text())
            form.gestational_age.setText(first.gestational_age.text())
            form.delivery_mode.setCurrentIndex(first.delivery_mode.currentIndex())
        form.name.setFocus()
        self.scroll_area.ensureWidgetVisible(form.name)

    def _update_people(self) -> None:
        """Offer each baby (as named on screen) as whom a care contact sees."""
        self.contacts.set_people([(f.baby_id or f.key, f.name.text().strip()) for f in self.baby_forms])

    def load(self, client: Client | None) -> None:
        """Show ``client`` for editing, or an empty form (with one baby) for a new client."""
        self._client = copy.deepcopy(client)
        for form in self.baby_forms:
            form.setParent(None)
            form.deleteLater()
        self.baby_forms = []
        self.attention.withdraw()
        self.form_error.clear()
        self.title.setText("<h2>Edit client</h2>" if client else "<h2>New client</h2>")
        self.given_name.setText(client.given_name if client else "")
        self.family_name.setText(client.family_name if client else "")
        self.date_of_birth.set_value(client.date_of_birth if client else None)
        self.phone.setText(client.phone if client else "")
        self.address.setPlainText(client.address if client else "")
        self.preferred_name.setText(client.preferred_name if client else "")
        self.language.setText(client.language if client else "")
        self.access_notes.setPlainText(client.access_notes if client else "")
        self.status.setCurrentIndex(max(0, self.status.findData(client.status.value if client else None)))
        insurance = client.insurance if client else Insurance()
        self.insurer.setText(insurance.insurer)
        self.member_id.setText(insurance.member_id)
        self.group_number.setText(insurance.group)
        history = client.history if client else LactationHistory()
        self.breast_surgery.setText(history.breast_surgery)
        self.previous_mastitis.setChecked(history.previous_mastitis)
        self.previous_breastfeeding.setText(history.previous_breastfeeding)
        self.medications.setText(history.medications)
        for condition, box in self.conditions.items():
            box.setChecked(condition in history.conditions)
        self.history_notes.setPlainText(history.notes)
        for baby in client.babies if client else []:
            self.add_baby_form().load(baby)
        if not self.baby_forms:
            self.add_baby_form()
        self.contacts.load(client.contacts if client else [], client.consents if client else Consents())
        self._show_assigned(client.assigned_to if client else None)
        self._baseline = self._snapshot()

    def _text_problems(self) -> list[FieldError]:
        """Every text field checked by the domain's rule (``domain.records.validate``, which import applies too):
        a control character (a pasted NUL) or an overlong text is refused beside its field, never dropped."""
        errors: list[FieldError] = []
        for line in (self.given_name, self.family_name, self.phone, self.preferred_name, self.language,
                     self.insurer, self.member_id, self.group_number, self.breast_surgery,
                     self.previous_breastfeeding, self.medications):
            try:
                line.value()
            except FieldError as exc:
                errors.append(exc)
        for edit, error, field, label in (
            (self.address, self.address_error, "address", "The address"),
            (self.access_notes, self.access_notes_error, "access_notes", "The access notes"),
            (self.history_notes, self.history_notes_error, "notes", "The notes"),
        ):
            problem = check_text(edit.toPlainText(), error, field, label)
            if problem is not None:
                errors.append(problem)
        return errors

    def read(self) -> Client:
        """The client as typed; raises FieldError after showing every problem beside its field."""
        errors: list[FieldError] = []
        errors += self._text_problems()
        if not self.given_name.text().strip():
            self.given_name.show_problem(FIRST_NAME_REQUIRED)
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
        contacts: list[CareContact] = []
        consents = Consents()
        try:
            contacts, consents = self.contacts.read()
        except FieldError as exc:
            errors.append(exc)
        saved_babies = {b.id for b in babies}
        contacts = [dataclasses.replace(c, baby_ids=tuple(b for b in c.baby_ids if b in saved_babies))
                    for c in contacts]
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
            history=LactationHistory(
                breast_surgery=self.breast_surgery.text().strip(),
                previous_mastitis=self.previous_mastitis.isChecked(),
                previous_breastfeeding=self.previous_breastfeeding.text().strip(),
                medications=self.medications.text().strip(),
                conditions=[c for c, box in self.conditions.items() if box.isChecked()],
                notes=self.history_notes.toPlainText().strip(),
            ),
            preferred_name=self.preferred_name.text().strip(),
            language=self.language.text().strip(),
            access_notes=self.access_notes.toPlainText().strip(),
            insurance=Insurance(self.insurer.text().strip(), self.member_id.text().strip(),
                                self.group_number.text().strip()),
            consents=consents,
            status=ClientStatus(str(self.status.currentData())),
            contacts=contacts,
            id=base.id if base else None,
            version=base.version if base else 0,
            assigned_to=self.assigned.currentData() if self._assigning else base.assigned_to if base else None,
        )

    def _still_wrong(self) -> bool:
        try:
            self.read()
        except FieldError:
            return True
        return False

    def on_save_clicked(self) -> None:
        try:
            client = self.read()
        except FieldError as exc:
            self.attention.show(str(exc))  # (goes by itself when the last problem is fixed)
            return
        self.attention.withdraw()
        self.form_error.clear()
        self.saved.emit(client)

    def mark_saved(self, client: Client) -> None:
        self._client = copy.deepcopy(client)
        self._baseline = self._snapshot()

    def _snapshot(self) -> object:
        """Everything typed, as text (bad input included), to tell whether the form changed."""
        texts = [w.text() for w in self.findChildren(QLineEdit)]
        texts += [w.toPlainText() for w in self.findChildren(QPlainTextEdit)]
        texts += [str(w.isChecked()) for w in self.findChildren(QCheckBox)]
        texts += [str(w.currentIndex()) for w in self.findChildren(QComboBox)]
        return (len(self.baby_forms), len(self.contacts.rows), texts)

    def is_dirty(self) -> bool:
        return self._snapshot() != self._baseline
