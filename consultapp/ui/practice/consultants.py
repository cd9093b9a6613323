"""The practice's consultants (an administrator's page): who may work, in which role; add and disable."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from consultapp.domain.records import Consultant, Role
from consultapp.store import users
from consultapp.ui.report import shown

if TYPE_CHECKING:
    from consultapp.store.db import Database

Index = QModelIndex | QPersistentModelIndex


class ConsultantTableModel(QAbstractTableModel):
    COL_NAME, COL_CREDENTIALS, COL_ROLE, COL_LOGIN, COL_ACTIVE = range(5)
    HEADERS = ("Name", "Credentials", "Role", "Server login", "Status")

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Consultant] = []

    def set_rows(self, rows: Sequence[Consultant]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        c = self.rows[index.row()]
        return (c.name, c.credentials, c.role.label, c.db_role or "", "Active" if c.active else "Disabled")[
            index.column()]

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < len(self.HEADERS):
            return self.HEADERS[section]
        return None


class ConsultantsPage(QWidget):
    """The list, a form to add one, and a button to disable the selected one."""

    back_requested = Signal()
    problem = Signal(str)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.model = ConsultantTableModel()
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Consultants")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.name = QLineEdit()
        self.name.setAccessibleName("Name")
        self.credentials = QLineEdit()
        self.credentials.setAccessibleName("Credentials")
        self.role = QComboBox()
        self.role.setAccessibleName("Role")
        for role in Role:
            self.role.addItem(role.label, role)
        self.login = QLineEdit()
        self.login.setAccessibleName("Server login")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("Password")
        self.add_button = QPushButton("&Add consultant")
        self.add_button.clicked.connect(self.on_add_button_clicked)
        self.disable_button = QPushButton("&Disable selected")
        self.disable_button.clicked.connect(self.on_disable_button_clicked)
        self.back_button = QPushButton("← &Back")
        self.back_button.clicked.connect(self.back_requested.emit)
        self.status = QLabel()
        self.status.setWordWrap(True)
        form_box = QGroupBox("Add a consultant")
        form = QFormLayout(form_box)
        form.addRow("&Name", self.name)
        form.addRow("&Credentials", self.credentials)
        form.addRow("R&ole", self.role)
        form.addRow("Server &login", self.login)
        form.addRow("&Password", self.password)
        self.server_note = QLabel()
        self.server_note.setWordWrap(True)
        form.addRow(self.server_note)
        form.addRow(self.add_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.disable_button)
        layout = QVBoxLayout(self)
        title = QLabel("<h2>Consultants</h2>")
        layout.addWidget(title)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addWidget(form_box)
        self.set_db(db)

    def set_db(self, db: Database) -> None:
        self.db = db
        server = not db.is_sqlite
        self.login.setEnabled(server)
        self.password.setEnabled(server)
        self.server_note.setText("A server login lets her connect with her own password; her role decides what "
                                 "she may change." if server else
                                 "On a single-computer (SQLite) database only the record is kept: no server login.")
        self.refresh()

    def refresh(self) -> None:
        self.model.set_rows(users.consultants(self.db))

    def on_add_button_clicked(self) -> None:
        consultant = Consultant(self.name.text().strip(), self.credentials.text().strip(),
                                Role(self.role.currentData()), self.login.text().strip() or None)
        try:
            if not self.db.is_sqlite and consultant.db_role:
                saved = users.create_login(self.db, consultant, self.password.text() or None)
            else:
                consultant.db_role = None if self.db.is_sqlite else consultant.db_role
                saved = users.save_consultant(self.db, consultant)
        except Exception as exc:
            if shown(exc, self.status.setText, what="consultant") is None:
                raise
            return
        finally:
            self.password.clear()
        for edit in (self.name, self.credentials, self.login):
            edit.clear()
        self.status.setText(f"{saved.signature} added.")
        self.refresh()

    def on_disable_button_clicked(self) -> None:
        row = self.view.currentIndex().row()
        if not 0 <= row < len(self.model.rows) or self.model.rows[row].id is None:
            self.status.setText("Select a consultant first.")
            return
        chosen = self.model.rows[row]
        assert chosen.id is not None
        try:
            users.disable(self.db, chosen.id)
        except Exception as exc:
            if shown(exc, self.status.setText, what="consultant") is None:
                raise
            return
        self.status.setText(f"{chosen.signature} can no longer sign in; her records keep her name.")
        self.refresh()
