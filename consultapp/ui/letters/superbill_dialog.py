"""The superbill of a visit: per person, diagnoses from the code list's presets and services with units and fee.

The O/P rule (CLINICAL.md section 9) is the domain's: a code on the wrong person is refused beside the field
with ``check_diagnosis``'s message. The choices are kept on the visit (``Visit.billing``).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from decimal import Decimal
from itertools import groupby
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from consultapp.domain.billing import CodeChoice, CodeList, Patient, check_diagnosis, parse_fee
from consultapp.domain.records import BillingLine, ServiceEntry, Visit, VisitBilling
from consultapp.services.codelists import current_code_list
from consultapp.services.documents import document_file_name, page_size
from consultapp.services.superbills import chosen_codes, render_superbill, superbill_for_visit
from consultapp.ui.dialogs import Dialogs
from consultapp.ui.fields import ErrorLabel, FieldError, as_shown
from consultapp.ui.letters.issuing import IssuableShown
from consultapp.ui.letters.preview_dialog import DocumentDialog

if TYPE_CHECKING:
    from consultapp.store.facade import Store
    from consultapp.ui.report import Reporter


class ServiceRow(QWidget):
    """One service: code (from the list), units, fee per unit (empty: the list's fee)."""

    def __init__(self, codes: CodeList, person: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.codes = codes
        self.code = QComboBox()
        self.code.setAccessibleName(f"Service code, {person}")
        self.code.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.code.setMinimumContentsLength(16)
        for procedure in codes.procedures:
            self.code.addItem(f"{procedure.code} {procedure.label}", procedure.code)
        self.units = QSpinBox()
        self.units.setRange(1, 20)
        self.units.setAccessibleName(f"Units, {person}")
        self.units.setSuffix(" unit(s)")
        self.fee = QLineEdit()
        self.fee.setAccessibleName(f"Fee per unit, {person}")
        self.fee.setMinimumWidth(96)
        self.fee.setMaximumWidth(120)
        self.remove_button = QPushButton("Remove")
        self.remove_button.setAccessibleName(f"Remove service, {person}")
        self.error = ErrorLabel()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.code, 0, 0)
        grid.addWidget(self.units, 0, 1)
        grid.addWidget(self.fee, 0, 2)
        grid.addWidget(self.remove_button, 0, 3)
        grid.addWidget(self.error, 1, 0, 1, 4)
        grid.setColumnStretch(0, 1)
        self.code.currentIndexChanged.connect(lambda _i: self._show_list_fee())
        self._show_list_fee()

    def _show_list_fee(self) -> None:
        code = self.code.currentData()
        if code:
            self.fee.setPlaceholderText(f"list {self.codes.procedure(str(code)).fee}")

    def load(self, code: str, units: int, fee: Decimal | None) -> None:
        index = self.code.findData(code)
        if index < 0:
            self.code.addItem(code, code)
            index = self.code.count() - 1
        self.code.setCurrentIndex(index)
        self.units.setValue(units)
        self.fee.setText("" if fee is None else str(fee))

    def read(self) -> ServiceEntry:
        text = self.fee.text().strip()
        try:
            if text:
                parse_fee(text)
            self.codes.procedure(str(self.code.currentData()))
        except ValueError as exc:
            self.error.show_error(str(exc))
            raise FieldError(str(exc)) from None
        self.error.show_error("")
        return ServiceEntry(str(self.code.currentData()), self.units.value(), text.lstrip("$"))


class PersonBox(QGroupBox):
    """One line of the superbill: the parent or one baby."""

    def __init__(self, title: str, patient: Patient, baby_id: uuid.UUID | None, codes: CodeList,
                 on_change: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(as_shown(title), parent)  # (an "&" in a name is no shortcut)
        self.patient, self.baby_id, self.codes = patient, baby_id, codes
        self.on_change = on_change
        self.person = title
        self.presets: dict[str, QCheckBox] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<b>Diagnoses</b> (ICD-10-CM)"))
        for diagnosis in codes.diagnoses_for(patient):
            box = QCheckBox(as_shown(f"{diagnosis.code}  {diagnosis.label}"))
            box.setAccessibleName(f"{diagnosis.code}, {title}")
            box.toggled.connect(lambda _on: on_change())
            self.presets[diagnosis.code] = box
            layout.addWidget(box)
        other_row = QHBoxLayout()
        other_label = QLabel("Other codes:")
        self.other = QLineEdit()
        self.other.setAccessibleName(f"Other diagnosis codes, {title}")
        self.other.setPlaceholderText("e.g. R63.4, separated by commas")
        other_label.setBuddy(self.other)
        other_row.addWidget(other_label)
        other_row.addWidget(self.other, 1)
        layout.addLayout(other_row)
        self.other_error = ErrorLabel()
        layout.addWidget(self.other_error)
        def other_edited(_text: str) -> None:
            self.other_error.show_error("")
            on_change()

        self.other.textEdited.connect(other_edited)
        self.other.editingFinished.connect(self.check_other)  # (checked as she leaves it, not only on Preview)
        layout.addWidget(QLabel("<b>Services</b> (code, units, fee per unit)"))
        self.services_layout = QVBoxLayout()
        layout.addLayout(self.services_layout)
        self.services: list[ServiceRow] = []
        self.add_service_button = QPushButton("Add service")
        self.add_service_button.setAccessibleName(f"Add service, {title}")
        self.add_service_button.setEnabled(bool(codes.procedures))
        def add_clicked() -> None:
            self.add_service()
            on_change()

        self.add_service_button.clicked.connect(add_clicked)
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_service_button)
        add_row.addStretch(1)
        layout.addLayout(add_row)

    def add_service(self) -> ServiceRow:
        row = ServiceRow(self.codes, self.person)
        row.remove_button.clicked.connect(lambda: self.remove_service(row))
        row.units.valueChanged.connect(lambda _v: self.on_change())
        row.code.currentIndexChanged.connect(lambda _i: self.on_change())
        def fee_edited(_text: str) -> None:
            row.error.show_error("")
            self.on_change()

        row.fee.textEdited.connect(fee_edited)
        self.services.append(row)
        self.services_layout.addWidget(row)
        row.show()
        return row

    def remove_service(self, row: ServiceRow) -> None:
        self.services.remove(row)
        row.setParent(None)
        row.deleteLater()
        self.add_service_button.setFocus()
        self.on_change()

    def load(self, choice: CodeChoice) -> None:
        others = []
        for code in choice.diagnoses:
            preset = next((box for key, box in self.presets.items() if key.replace(".", "") == code.replace(".", "")),
                          None)
            if preset is not None:
                preset.setChecked(True)
            else:
                others.append(code)
        self.other.setText(", ".join(others))
        for (code, fee), same in groupby(choice.procedures):
            self.add_service().load(code, len(list(same)), fee)

    def check_other(self) -> list[str]:
        """The other codes' problems, shown beside the field ("" when they are right)."""
        problems = self._other_codes([])
        self.other_error.show_error(" ".join(problems))
        return problems

    def _other_codes(self, diagnoses: list[str]) -> list[str]:
        """Add the other codes typed to ``diagnoses``; return the problems found."""
        problems = []
        for raw in self.other.text().replace(";", ",").split(","):
            code = raw.strip()
            if not code:
                continue
            try:
                check_diagnosis(self.codes.diagnosis(code), self.patient)
            except ValueError as exc:
                problems.append(str(exc))
                continue
            if code not in diagnoses:
                diagnoses.append(code)
        return problems

    def read(self) -> BillingLine:
        """This person's codes; FieldError after showing each problem beside its field."""
        errors: list[FieldError] = []
        diagnoses = [code for code, box in self.presets.items() if box.isChecked()]
        problems = self._other_codes(diagnoses)
        self.other_error.show_error(" ".join(problems))
        if problems:
            errors.append(FieldError(problems[0]))
        services = []
        for row in self.services:
            try:
                services.append(row.read())
            except FieldError as exc:
                errors.append(exc)
        if errors:
            raise errors[0]
        return BillingLine(self.baby_id, diagnoses, services)


def _choice(line: BillingLine) -> CodeChoice:
    return CodeChoice(list(line.diagnoses), [
        (s.code, parse_fee(s.fee) if s.fee else None) for s in line.services for _ in range(s.units)])


class SuperbillDialog(DocumentDialog):
    def __init__(self, store: Store, dialogs: Dialogs, visit_id: uuid.UUID, *, author: Callable[[], str],
                 report: Reporter, visit_saved: Callable[[Visit], None] = lambda _v: None,
                 parent: QWidget | None = None) -> None:
        super().__init__("Superbill", store, dialogs, author=author, report=report, parent=parent)
        self.visit_id = visit_id
        self.visit_saved = visit_saved
        self.visit = store.get_visit(visit_id)
        self.client = store.get_client(self.visit.client_id)
        self.practice = store.get_practice()
        self.codes = current_code_list(store)
        parent_choice, baby_choices = chosen_codes(store, visit_id)
        intro = QLabel(f"Visit of {self.visit.visit_date:%d %b %Y}, code list {self.codes.version}. O codes go on "
                       "the parent's line, P codes on a baby's. A fee left empty is the list's fee.")
        intro.setWordWrap(True)
        self.form.addWidget(intro)
        self.people: list[PersonBox] = []
        parent_box = PersonBox(f"Parent: {self.client.full_name}", Patient.PARENT, None, self.codes, self.changed)
        parent_box.load(parent_choice)
        self.people.append(parent_box)
        by_id = {b.id: b for b in self.client.babies}
        assessed = [by_id[a.baby_id] for a in self.visit.assessments if a.baby_id in by_id]
        for baby, choice in zip(assessed, baby_choices, strict=False):
            box = PersonBox(f"Baby: {baby.name or 'not named yet'}", Patient.BABY, baby.id, self.codes, self.changed)
            box.load(choice)
            self.people.append(box)
        for box in self.people:
            self.form.addWidget(box)
        self.form.addStretch(1)
        self.setFocusProxy(parent_box)
        self._billing: VisitBilling | None = None
        self._opening = True  # looking is not choosing: the codes are kept once previewed or handed over
        self.current()
        self._opening = False

    def current(self) -> IssuableShown | None:
        shown = super().current()
        if shown is not None and not self._opening and self._billing is not None:
            with self.report.problems():
                self._keep(self._billing)
            if self.report.failed:
                return None
        return shown

    def billing(self) -> VisitBilling:
        errors: list[FieldError] = []
        lines = []
        for box in self.people:
            try:
                lines.append(box.read())
            except FieldError as exc:
                errors.append(exc)
        if errors:
            raise ValueError("Some codes need attention; see the messages beside them.")
        return VisitBilling(self.codes.version, lines)

    def make(self) -> IssuableShown:
        billing = self.billing()
        choices = [_choice(line) for line in billing.lines]
        bill = superbill_for_visit(self.store, self.visit_id, codes=self.codes,
                                   identifiers=self.practice.identifiers, parent=choices[0], babies=choices[1:])
        self._billing = billing
        data = render_superbill(bill, pagesize=page_size(self.practice.settings.paper), logo=self.practice.logo)
        return IssuableShown(
            title=f"Superbill, visit of {self.visit.visit_date.isoformat()}", data=data,
            filename=document_file_name("superbill", self.visit.visit_date, self.visit_id),
            visit_id=self.visit_id, kind="superbill", client_id=self.client.id)

    def _keep(self, billing: VisitBilling) -> None:
        """Save the codes on the visit when they changed (a final visit keeps it as an amendment)."""
        visit = self.store.get_visit(self.visit_id)
        if visit.billing == billing:
            return
        visit.billing = billing
        saved = self.store.save_visit(visit, author=self.author(), reason="Superbill codes")
        self.visit = saved
        self.visit_saved(saved)



