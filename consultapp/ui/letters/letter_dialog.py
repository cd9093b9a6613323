"""Letter to the family's doctor about a visit: recipient from the contacts, reason, fax cover."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from consultapp.domain.records import CareContact, Client
from consultapp.services.documents import document_file_name, page_size
from consultapp.services.letters import default_recipient, physician_letter_for_visit, render_letter
from consultapp.services.photos import letter_photos
from consultapp.ui.dialogs import Dialogs
from consultapp.ui.fields import add_row, as_shown
from consultapp.ui.letters.issuing import IssuableShown
from consultapp.ui.letters.preview_dialog import DocumentDialog

if TYPE_CHECKING:
    from consultapp.store.facade import Store
    from consultapp.ui.report import Reporter


def contact_label(contact: CareContact, client: Client) -> str:
    whom = "the parent"
    if contact.baby_ids:
        names = [b.name or "a baby" for b in client.babies if b.id in contact.baby_ids]
        whom = " and ".join(names) if names else "a baby"
    practice = f", {contact.practice}" if contact.practice else ""
    return f"{contact.name} – {contact.role.label} of {whom}{practice}"


class LetterDialog(DocumentDialog):
    def __init__(self, store: Store, dialogs: Dialogs, visit_id: uuid.UUID, *, author: Callable[[], str],
                 report: Reporter, parent: QWidget | None = None) -> None:
        super().__init__("Letter to doctor", store, dialogs, author=author, report=report, parent=parent)
        self.visit_id = visit_id
        self.visit = store.get_visit(visit_id)
        self.client = store.get_client(self.visit.client_id)
        self.practice = store.get_practice()
        box = QGroupBox(f"About the visit of {self.visit.visit_date:%d %b %Y}: {as_shown(self.client.full_name)}")
        form = QFormLayout(box)
        self.recipient = QComboBox()
        self.recipient.addItem("No one named (“Dear colleague”)", None)
        for index, contact in enumerate(self.client.contacts):
            self.recipient.addItem(contact_label(contact, self.client), index)
        default = default_recipient(self.client)
        if default is not None:
            self.recipient.setCurrentIndex(self.client.contacts.index(default) + 1)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("Default: from the visit's findings")
        self.fax_cover = QCheckBox("Add a fax &cover sheet")
        fax = self.practice.fax or "none on file (Settings)"
        add_row(form, "&To", self.recipient)
        add_row(form, "&Reason", self.reason)
        form.addRow("", self.fax_cover)
        hint = QLabel(f"Care contacts are kept on the client page. The practice's fax: {fax}.")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555555;")
        form.addRow("", hint)
        self.form.addWidget(box)
        self.photos = self._photo_list(store)
        self.form.addStretch(1)
        self.recipient.currentIndexChanged.connect(lambda _i: self.changed())
        self.reason.textChanged.connect(lambda _t: self.changed())
        self.fax_cover.toggled.connect(lambda _on: self.changed())
        self.setFocusProxy(self.recipient)
        self.current()

    def _photo_list(self, store: Store) -> QListWidget:
        """The visit's photos, each with a tick: those ticked print after the letter (none by default)."""
        photos = QListWidget()
        photos.setAccessibleName("Photos to include")
        photos.setIconSize(QSize(48, 48))
        names = {b.id: b.name for b in self.client.babies if b.id is not None}
        listed = store.photos_for_visit(self.visit_id)
        thumbs = store.photo_thumbnails([p.id for p in listed])
        for photo in listed:
            text = photo.describe(names) + (f": {photo.caption}" if photo.caption else "")
            item = QListWidgetItem(QIcon(QPixmap.fromImage(QImage.fromData(thumbs.get(photo.id, b"")))), text)
            item.setData(Qt.ItemDataRole.UserRole, str(photo.id))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            photos.addItem(item)
        if listed:
            group = QGroupBox("Photos to include (printed after the letter)")
            QVBoxLayout(group).addWidget(photos)
            photos.setMaximumHeight(150)
            self.form.addWidget(group)
            photos.itemChanged.connect(lambda _item: self.changed())
        return photos

    def chosen_photos(self) -> tuple[uuid.UUID, ...]:
        return tuple(uuid.UUID(self.photos.item(row).data(Qt.ItemDataRole.UserRole))
                     for row in range(self.photos.count())
                     if self.photos.item(row).checkState() == Qt.CheckState.Checked)

    def chosen_recipient(self) -> CareContact | None:
        index = self.recipient.currentData()
        return None if index is None else self.client.contacts[int(index)]

    def make(self) -> IssuableShown:
        today = dt.date.today()
        recipient = self.chosen_recipient()
        photo_ids = self.chosen_photos()
        letter = physician_letter_for_visit(self.store, self.visit_id, recipient=recipient, today=today,
                                            reason=self.reason.text().strip(), practice_fax=self.practice.fax,
                                            photos=letter_photos(self.store, photo_ids) if photo_ids else ())
        data = render_letter(letter, fax_cover=self.fax_cover.isChecked(),
                             pagesize=page_size(self.practice.settings.paper), logo=self.practice.logo)
        to = f" to {recipient.name}" if recipient is not None and recipient.name else ""
        return IssuableShown(
            title=f"Letter{to}, visit of {self.visit.visit_date.isoformat()}", data=data,
            filename=document_file_name("letter", today, self.visit_id or self.client.id), visit_id=self.visit_id,
            kind="letter", client_id=self.client.id, photo_ids=photo_ids)
