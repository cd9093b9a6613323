"""Tools > Conflicts from sync…: what a sync found changed both on this laptop and at the practice (issue 17).

Each open conflict is listed (client, field in plain words, when found); the one picked is shown in the
merge view, hers beside the practice's, with "Keep mine" / "Keep the practice's". A resolved one leaves
the list; the others stay until a person resolves them (store/offline/resolve.py).
"""

from __future__ import annotations

import html
import uuid
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from consultapp.store.db import Database
from consultapp.store.errors import KnownError
from consultapp.store.models import ClientRow, IssuedDocumentRow, VisitRow
from consultapp.store.offline import resolve, sync
from consultapp.store.offline.tables import ConflictRow, is_local_copy
from consultapp.ui.practice.conflict import side_by_side
from consultapp.ui.practice.merge import field_label

MINE = "Yours (on this laptop)"
THEIRS = "The practice's"
KEEP_MINE = "Keep &mine"
KEEP_THEIRS = "Keep the &practice's"
_KINDS = {"client": "details", "visit": "visit", "document": "document"}


def _client_name(local: Database, kind: str, record_id: str) -> str:
    rid = uuid.UUID(record_id)
    with local.session() as s:
        client_id: Any = rid
        if kind == "visit":
            client_id = s.scalar(select(VisitRow.client_id).where(VisitRow.id == rid))
        elif kind == "document":
            client_id = s.scalar(select(IssuedDocumentRow.client_id).where(IssuedDocumentRow.id == rid))
        row = s.get(ClientRow, client_id) if client_id is not None else None
        return f"{row.given_name} {row.family_name}".strip() if row is not None else "(a client no longer here)"


def plain_field(kind: str, field: str) -> str:
    if field == resolve.DELETED_HERE:
        return f"The {_KINDS.get(kind, kind)}: you deleted it, the practice changed it"
    if field == resolve.DELETED_THERE:
        return f"The {_KINDS.get(kind, kind)}: you changed it, the practice deleted it"
    return field_label(field)


class OfflineConflictsDialog(QDialog):
    """The open conflicts of the local copy ``local``, one at a time beside the practice's version."""

    def __init__(self, local: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.local = local
        self.setWindowTitle("Conflicts from sync")
        self.conflicts: list[dict[str, Any]] = []
        self.listing = QListWidget()
        self.listing.setAccessibleName("Conflicts")
        self.listing.currentRowChanged.connect(self._show)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.view_box = QVBoxLayout()
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        self.mine_button = QPushButton(KEEP_MINE)
        self.theirs_button = QPushButton(KEEP_THEIRS)
        self.mine_button.clicked.connect(lambda: self._keep("mine"))
        self.theirs_button.clicked.connect(lambda: self._keep("theirs"))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        right = QVBoxLayout()
        right.addWidget(self.intro)
        right.addLayout(self.view_box, 1)
        right.addWidget(self.error)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.theirs_button)
        row.addWidget(self.mine_button)
        right.addLayout(row)
        sides = QHBoxLayout()
        sides.addWidget(self.listing, 1)
        sides.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(sides, 1)
        layout.addWidget(close)
        self.resize(900, 420)
        self.reload()

    def reload(self) -> None:
        self.conflicts = sync.open_conflicts(self.local)
        with self.local.session() as s:
            found_at = {i: f for i, f in s.execute(select(ConflictRow.id, ConflictRow.found_at))}
        self.listing.blockSignals(True)
        self.listing.clear()
        for c in self.conflicts:
            found = found_at.get(c["id"])
            local = found.astimezone() if found is not None else None
            when = f"\nfound {local.day} {local:%b %Y, %H:%M}" if local is not None else ""
            name = _client_name(self.local, c["kind"], c["record_id"])
            self.listing.addItem(f"{name}: {plain_field(c['kind'], c['field'])}{when}")
            self.listing.item(self.listing.count() - 1).setToolTip(self.listing.item(self.listing.count() - 1).text())
        self.listing.setCurrentRow(0 if self.conflicts else -1)
        self.listing.blockSignals(False)
        self._show(self.listing.currentRow())

    def _show(self, index: int) -> None:
        while self.view_box.count():
            item = self.view_box.takeAt(0)
            old = item.widget() if item is not None else None
            if old is not None:
                old.hide()
                old.setParent(None)
                old.deleteLater()
        self.error.clear()
        has = 0 <= index < len(self.conflicts)
        self.mine_button.setEnabled(has)
        self.theirs_button.setEnabled(has)
        if not has:
            self.intro.setText("No conflicts left: everything from the last sync is settled.")
            return
        c = self.conflicts[index]
        self.intro.setText(
            f"<b>{html.escape(plain_field(c['kind'], c['field']))}</b> was changed both on this laptop and "
            "at the practice. The record shows the practice's for now. Keep which?"
        )
        view = side_by_side(
            [(plain_field(c["kind"], c["field"]), c["mine"], c["theirs"])], MINE, THEIRS, "Both versions"
        )
        self.view_box.addWidget(view)

    def _keep(self, keep: resolve.Keep) -> None:
        index = self.listing.currentRow()
        if not 0 <= index < len(self.conflicts):
            return
        try:
            resolve.resolve(self.local, self.conflicts[index]["id"], keep)
        except KnownError as exc:
            self.error.setText(str(exc))
            return
        self.reload()


def open_for(window: QWidget) -> None:
    """Tools > Conflicts from sync… on the main window: the dialog, when its database is an offline copy."""
    store = getattr(getattr(window, "work", None), "attached", None)
    db = getattr(store, "db", None)
    if not isinstance(db, Database) or not _is_copy(db):
        QMessageBox.information(
            window, "Conflicts from sync", "This is not an offline copy: conflicts come only from syncing one."
        )
        return
    OfflineConflictsDialog(db, window).exec()
    offline = getattr(window, "offline", None)
    if offline is not None:
        offline.settled()  # what she kept shows at once, and is sent at the next sync


def _is_copy(db: Database) -> bool:
    with db.engine.connect() as conn:
        return is_local_copy(conn)
