"""Every photo of a family, oldest visit first, from the history page: open one large, or compare two."""

from __future__ import annotations

import uuid
from collections.abc import Generator
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSize
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from consultapp.domain.photos import Photo
from consultapp.ui.photos.model import THUMB, PhotoListModel
from consultapp.ui.photos.viewer import CompareDialog, PhotoViewer
from consultapp.ui.tasks import Pool, Progress, Task

if TYPE_CHECKING:
    from consultapp.domain.records import Client
    from consultapp.store.facade import Store
    from consultapp.ui.report import Reporter


class FamilyPhotosDialog(QDialog):
    """The family's photos as thumbnails (decoded off the GUI thread) with the visit's date under each."""

    def __init__(self, store: Store, client: Client, report: Reporter, pool: Pool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        assert client.id is not None
        self.setWindowTitle(f"Photos: {client.full_name}")
        self.store, self.report = store, report
        self.window_open: QDialog | None = None
        self.model = PhotoListModel(self)
        self.model.with_dates = True
        self.model.set_photos(store.photos_for_client(client.id),
                              {b.id: b.name for b in client.babies if b.id is not None})
        self.view = QListView()
        self.view.setViewMode(QListView.ViewMode.IconMode)
        self.view.setIconSize(THUMB)
        self.view.setGridSize(QSize(THUMB.width() + 40, THUMB.height() + 56))
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setMovement(QListView.Movement.Static)
        self.view.setWordWrap(True)
        self.view.setModel(self.model)
        self.view.setAccessibleName("The family's photos")
        self.open_button = QPushButton("Open")
        self.compare_button = QPushButton("Compare…")
        empty = QLabel("No photos yet. Photos are added in a visit's Photos section (Ctrl+9).")
        empty.setVisible(self.model.rowCount() == 0)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.compare_button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(empty)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.open_button.clicked.connect(lambda: self.open_photo(self.current()))
        self.view.activated.connect(lambda index: self.open_photo(self.model.photo_at(index.row())))
        self.compare_button.clicked.connect(self.compare)
        for button in (self.open_button, self.compare_button):
            button.setEnabled(self.model.rowCount() > 0)
        self.resize(980, 640)
        self._load_thumbnails(pool)

    def _load_thumbnails(self, pool: Pool) -> None:
        wanted, store = self.model.missing_thumbnails(), self.store
        if not wanted:
            return

        def job() -> Generator[Progress, None, dict[uuid.UUID, QImage]]:
            yield Progress(0, 1, "Loading photos…")
            return {pid: QImage.fromData(QByteArray(data)) for pid, data in store.photo_thumbnails(wanted).items()}

        def arrived(images: dict[uuid.UUID, QImage]) -> None:
            for pid, image in images.items():
                self.model.set_thumbnail(pid, image)

        Task(job, self.report).success(arrived).run_in(pool)

    def current(self) -> Photo | None:
        index = self.view.currentIndex()
        return self.model.photo_at(index.row()) if index.isValid() else None

    def image_of(self, photo: Photo) -> QImage:
        return QImage.fromData(QByteArray(self.store.photo_content(photo.id)))

    def open_photo(self, photo: Photo | None) -> None:
        if photo is None:
            return
        with self.report.problems(parent=self):
            self._show(PhotoViewer(photo, self.model.line(photo), self.image_of(photo), self))

    def compare(self) -> None:
        photos = self.model.photos
        if not photos:
            return
        right = self.current() or photos[-1]
        same = [p for p in photos if p.subject == right.subject and p.kind is right.kind and p.id != right.id]
        left = same[0] if same else photos[0]
        with self.report.problems(parent=self):
            self._show(CompareDialog(photos, self.model.line, self.image_of, left, right, self))

    def _show(self, dialog: QDialog) -> None:
        if self.window_open is not None:
            self.window_open.close()
        self.window_open = dialog
        dialog.open()
