"""The audit trail: who did what and when, by record id, with a check of its hash chain."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from consultapp.store import audit
from consultapp.ui.fields import ERROR_COLOUR, as_shown

if TYPE_CHECKING:
    from consultapp.store.audit import AuditEntry
    from consultapp.store.db import Database

Index = QModelIndex | QPersistentModelIndex

ACTION_WORDS = {"create": "Created", "update": "Changed", "delete": "Deleted", "finalize": "Made final",
                "issue": "Issued", "export": "Exported", "erase": "Erased", "backup": "Backed up",
                "restore": "Restored", "import": "Imported"}


class AuditModel(QAbstractTableModel):
    """One row per audit entry, oldest first."""

    COL_SEQ, COL_TIME, COL_USER, COL_ACTION, COL_RECORD, COL_RECORD_ID, COL_CLIENT_ID = range(7)
    HEADERS = ("#", "When", "Who", "What", "Record", "Record id", "Client id")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[AuditEntry] = []

    def set_entries(self, entries: Sequence[AuditEntry]) -> None:
        self.beginResetModel()
        self._rows = list(entries)
        self.endResetModel()

    def entry(self, row: int) -> AuditEntry:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def cell(self, entry: AuditEntry, column: int) -> str:
        if column == self.COL_SEQ:
            return str(entry.seq)
        if column == self.COL_TIME:
            at = entry.at.astimezone() if entry.at.tzinfo else entry.at
            return f"{at:%Y-%m-%d %H:%M:%S}"
        if column == self.COL_USER:
            return entry.user or "(not recorded)"
        if column == self.COL_ACTION:
            return ACTION_WORDS.get(entry.action, entry.action)
        if column == self.COL_RECORD:
            return entry.record_type
        if column == self.COL_RECORD_ID:
            return entry.record_id
        return entry.client_id or ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.cell(self._rows[index.row()], index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == self.COL_SEQ:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.HEADERS)):
            return self.HEADERS[section]
        return None


class AuditDialog(QDialog):
    """A window onto the audit trail (not modal: the consultant can keep working beside it)."""

    def __init__(self, db: Database, client_id: uuid.UUID | None, client_label: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.client_id = client_id
        self.setWindowTitle("Audit trail")
        self.model = AuditModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Audit entries")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.only_client = QCheckBox(f"Only {as_shown(client_label)}" if client_id else "Only the current client")
        self.only_client.setEnabled(client_id is not None)
        self.only_client.setChecked(client_id is not None)
        self.only_client.toggled.connect(self.on_only_client_toggled)
        self.verify_button = QPushButton("&Verify chain")
        self.verify_button.clicked.connect(self.on_verify_clicked)
        self.verify_result = QLabel("Entries name records by id only. Verify checks that none was altered or removed.")
        self.verify_result.setWordWrap(True)
        self.count = QLabel()
        close = QPushButton("&Close")
        close.clicked.connect(self.close)
        top = QHBoxLayout()
        top.addWidget(self.only_client)
        top.addStretch(1)
        top.addWidget(self.count)
        bottom = QHBoxLayout()
        bottom.addWidget(self.verify_button)
        bottom.addWidget(self.verify_result, 1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        self.resize(1100, 560)
        self.reload()

    def reload(self) -> None:
        client = self.client_id if self.only_client.isChecked() else None
        with self.db.session() as s:
            entries = audit.entries(s, client)
        self.model.set_entries(entries)
        self.count.setText(f"{len(entries)} {'entry' if len(entries) == 1 else 'entries'}")

    def on_only_client_toggled(self, _checked: bool) -> None:
        self.reload()

    def on_verify_clicked(self) -> None:
        with self.db.session() as s:
            problems = audit.verify(s)
        if problems:
            self.verify_result.setStyleSheet(f"color: {ERROR_COLOUR};")
            shown = problems[:5]
            more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
            self.verify_result.setText("The audit trail is NOT intact: " + "; ".join(shown) + more + ".")
        else:
            self.verify_result.setStyleSheet("color: #1b5e20;")
            self.verify_result.setText("The audit trail is intact: no entry was altered or removed.")
