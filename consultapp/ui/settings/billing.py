"""Settings > Billing: the identifiers printed on superbills and the code list in use (import, export)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from consultapp.domain.records import BillingIdentifiers
from consultapp.domain.records.checks import npi_problem
from consultapp.runtime.files import write_private
from consultapp.services.codelists import (
    CodeListFileError,
    code_list_text,
    current_code_list,
    keep_code_list,
    read_code_list,
)
from consultapp.ui.fields import CheckedField, ErrorLabel, FieldError, add_row
from consultapp.ui.settings.tab import SettingsTab, hint, register_tab

if TYPE_CHECKING:
    from consultapp.domain.records import Practice
    from consultapp.store.facade import Store
    from consultapp.ui.dialogs import Dialogs

IDENTIFIER_FIELDS = (
    ("practice_npi", "Practice &NPI (type 2)"),
    ("tax_id", "&Tax id (EIN)"),
    ("consultant_npi", "&Consultant NPI (type 1)"),
    ("taxonomy", "Ta&xonomy code"),
    ("licence", "&Licence / IBCLC number"),
)

NPI_FIELDS = ("practice_npi", "consultant_npi")


def _npi_check(label: str) -> Callable[[str], str | None]:
    """The check of an NPI field: 10 digits with the CMS check digit (``npi_problem``), or empty."""

    def check(text: str) -> str | None:
        problem = npi_problem(text)
        if problem:
            raise FieldError(f"{label}: {problem}.")
        return text.strip().replace(" ", "") or None

    return check


@register_tab
class BillingTab(SettingsTab):
    """Identifiers kept with the practice; the code list kept at once in the store when imported."""

    NAME = "billing"
    TITLE = "Billing"
    SORT_ORDER = 20

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        billing = QGroupBox("Identifiers printed on superbills")
        bform = QFormLayout(billing)
        self.identifier_fields: dict[str, CheckedField[str]] = {}
        for key, label in IDENTIFIER_FIELDS:
            name = label.replace("&", "")
            check = _npi_check(name) if key in NPI_FIELDS else None
            ident: CheckedField[str] = CheckedField(name, "10 digits" if check else "", check=check)
            self.identifier_fields[key] = ident
            add_row(bform, label, ident)
        self.add_groups(billing, self._build_codes())
        self.setFocusProxy(self.identifier_fields["practice_npi"])

    def _build_codes(self) -> QGroupBox:
        codes = QGroupBox("Billing code list")
        code_layout = QVBoxLayout(codes)
        self.code_list_label = QLabel()
        self.code_list_label.setAccessibleName("Code list in use")
        self.code_list_label.setWordWrap(True)
        self.import_codes_button = QPushButton("&Import code list…")
        self.export_codes_button = QPushButton("&Export code list…")
        self.import_codes_button.clicked.connect(self.on_import_codes_button_clicked)
        self.export_codes_button.clicked.connect(self.on_export_codes_button_clicked)
        self.code_list_message = QLabel()
        self.code_list_message.setWordWrap(True)
        self.code_list_error = ErrorLabel()
        code_buttons = QHBoxLayout()
        code_buttons.addWidget(self.import_codes_button)
        code_buttons.addWidget(self.export_codes_button)
        code_buttons.addStretch(1)
        code_layout.addWidget(self.code_list_label)
        code_layout.addWidget(hint("Export the list in use, change fees or codes and give it a new version name, "
                                   "then import it. A list is checked whole before it is kept."))
        code_layout.addLayout(code_buttons)
        code_layout.addWidget(self.code_list_message)
        code_layout.addWidget(self.code_list_error)
        return codes

    def attach(self, store: Store, dialogs: Dialogs) -> None:
        super().attach(store, dialogs)
        self._show_code_list()

    def load(self, practice: Practice) -> None:
        for key, ident in self.identifier_fields.items():
            ident.setText(getattr(practice.identifiers, key))
        self.code_list_message.clear()
        self.code_list_error.show_error("")
        self._show_code_list()

    def save(self, practice: Practice) -> None:
        """The identifiers as typed; an NPI failing its check is refused beside its field (FieldError)."""
        problems = []
        for key in NPI_FIELDS:
            try:
                self.identifier_fields[key].value()
            except FieldError as exc:
                problems.append(exc)
        if problems:
            raise problems[0]
        practice.identifiers = BillingIdentifiers(
            **{key: ident.text().strip() for key, ident in self.identifier_fields.items()})

    # -- code list ----------------------------------------------------------------------------------
    def _show_code_list(self) -> None:
        enabled = self.store is not None
        self.import_codes_button.setEnabled(enabled)
        self.export_codes_button.setEnabled(enabled)
        if self.store is None:
            self.code_list_label.setText("")
            return
        codes = current_code_list(self.store)
        self.code_list_label.setText(f"In use: <b>{codes.version}</b> ({len(codes.diagnoses)} diagnoses, "
                                     f"{len(codes.procedures)} services)")

    def on_import_codes_button_clicked(self) -> None:
        if self.store is None:
            return
        path = self.dialogs.ask_open_file(self, "Import a code list", "Code lists (*.toml)")
        if path is None:
            return
        self.code_list_message.clear()
        name = Path(path).name
        try:
            codes = read_code_list(Path(path))  # checked whole before it is kept
        except CodeListFileError as exc:
            self.code_list_error.show_error(f"{name} could not be read: {exc.reason}." if exc.unreadable else
                                            f"{name} is not a valid code list, so nothing was changed: {exc.reason}")
            return
        keep_code_list(self.store, codes)
        self.code_list_error.show_error("")
        self.code_list_message.setText(f"Code list {codes.version} kept: {len(codes.diagnoses)} diagnoses, "
                                       f"{len(codes.procedures)} services.")
        self._show_code_list()

    def on_export_codes_button_clicked(self) -> None:
        if self.store is None:
            return
        codes = current_code_list(self.store)
        target = self.dialogs.ask_save_file(self, "Export the code list", Path.home() / f"codes-{codes.version}.toml",
                                            "Code lists (*.toml)")
        if target is None:
            return
        try:
            write_private(Path(target), code_list_text(codes))
        except OSError as exc:
            self.code_list_error.show_error(f"Could not write {Path(target).name}: {exc.strerror or exc}.")
            return
        self.code_list_error.show_error("")
        self.code_list_message.setText(f"Code list {codes.version} written to {Path(target).name}.")
