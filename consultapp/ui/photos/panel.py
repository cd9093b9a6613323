"""The visit's photos: whose and what, a caption, Add / Paste / drop, the strip of thumbnails, open, compare, delete.

The panel only shows and asks; ``PhotoController`` does the work (off the GUI thread) and tells it what to show.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import QMimeData, QSize, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from consultapp.domain.photos import MAX_CAPTION, Photo, PhotoKind, PhotoSubject, default_kind
from consultapp.domain.records import Baby
from consultapp.domain.vocabulary import Side
from consultapp.ui.fields import ERROR_COLOUR, add_row
from consultapp.ui.photos.model import THUMB, PhotoListModel

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".heic", ".heif")
HINT = "Drop photo files here, paste one with Ctrl+V, or click Add photos…"


def dropped_files(mime: QMimeData) -> list[Path]:
    """The local image files in a drop or a paste (other URLs are ignored)."""
    return [Path(url.toLocalFile()) for url in mime.urls()
            if url.isLocalFile() and Path(url.toLocalFile()).suffix.lower() in IMAGE_SUFFIXES]


class PhotosPanel(QWidget):
    """What the consultant sees of a visit's photos. Signals carry what she asked for."""

    add_files_requested = Signal(list)  # [Path]
    add_image_requested = Signal(object)  # QImage (pasted or dropped pixels)
    browse_requested = Signal()
    open_requested = Signal(object)  # Photo
    compare_requested = Signal(object)  # Photo | None
    delete_requested = Signal(object)  # Photo
    on_plan_toggled = Signal(object, bool)  # Photo, ticked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.whose = QComboBox()
        self.kind = QComboBox()
        for kind in PhotoKind:
            self.kind.addItem(kind.label, kind.value)
        self.caption = QLineEdit()
        self.caption.setMaxLength(MAX_CAPTION)
        self.caption.setPlaceholderText("e.g. tongue before frenotomy")
        self.add_button = QPushButton("Add photos…")
        self.paste_button = QPushButton("Paste")
        self.paste_button.setToolTip("Ctrl+V: paste a photo copied from another program")
        self.message = QLabel(HINT)
        self.message.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.hide()

        self.model = PhotoListModel(self)
        self.strip = QListView()
        self.strip.setViewMode(QListView.ViewMode.IconMode)
        self.strip.setIconSize(THUMB)
        self.strip.setGridSize(QSize(THUMB.width() + 40, THUMB.height() + 56))
        self.strip.setResizeMode(QListView.ResizeMode.Adjust)
        self.strip.setMovement(QListView.Movement.Static)
        self.strip.setWordWrap(True)
        self.strip.setUniformItemSizes(True)
        self.strip.setModel(self.model)
        self.strip.setAccessibleName("Photos of this visit")
        self.open_button = QPushButton("Open")
        self.compare_button = QPushButton("Compare…")
        self.compare_button.setToolTip("Two photos side by side, from any of the family's visits")
        self.delete_button = QPushButton("Delete")
        self.on_plan = QCheckBox("Print on the family's care plan")
        self._build_layout()
        self._connect()
        self.set_enabled_for(None)

    def _build_layout(self) -> None:
        form = QFormLayout()
        add_row(form, "Whose photo", self.whose)
        add_row(form, "What it shows", self.kind)
        add_row(form, "Caption", self.caption)
        adding = QHBoxLayout()
        adding.addWidget(self.add_button)
        adding.addWidget(self.paste_button)
        adding.addWidget(self.progress, 1)
        actions = QHBoxLayout()
        for button in (self.open_button, self.compare_button, self.delete_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.on_plan)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(adding)
        layout.addWidget(self.message)
        layout.addWidget(self.strip, 1)
        layout.addLayout(actions)

    def _connect(self) -> None:
        self.add_button.clicked.connect(self.browse_requested.emit)
        self.paste_button.clicked.connect(self.on_paste_button_clicked)
        QShortcut(QKeySequence.StandardKey.Paste, self.strip, self.on_paste_button_clicked,
                  context=Qt.ShortcutContext.WidgetShortcut)
        self.whose.currentIndexChanged.connect(self.on_whose_changed)
        self.open_button.clicked.connect(lambda: self._emit_current(self.open_requested))
        self.strip.activated.connect(lambda index: self.open_requested.emit(self.model.photo_at(index.row())))
        self.compare_button.clicked.connect(lambda: self.compare_requested.emit(self.current_photo()))
        self.delete_button.clicked.connect(lambda: self._emit_current(self.delete_requested))
        self.on_plan.clicked.connect(self.on_on_plan_clicked)
        selection = self.strip.selectionModel()
        selection.currentChanged.connect(lambda _new, _old: self._update_selection())

    # -- what is shown ------------------------------------------------------------------------------
    def set_babies(self, babies: list[Baby]) -> None:
        self.whose.blockSignals(True)
        self.whose.clear()
        self.whose.addItem("Parent", PhotoSubject())
        self.whose.addItem("Parent, left side", PhotoSubject(side=Side.LEFT))
        self.whose.addItem("Parent, right side", PhotoSubject(side=Side.RIGHT))
        for baby in babies:
            if baby.id is not None:
                self.whose.addItem(baby.name.strip() or "Baby", PhotoSubject(baby_id=baby.id))
        self.whose.setCurrentIndex(3 if len(babies) == 1 else 0)
        self.whose.blockSignals(False)
        self.on_whose_changed()

    def set_photos(self, photos: list[Photo], names: dict[uuid.UUID, str]) -> None:
        current = self.current_photo()
        self.model.set_photos(photos, names)
        if current is not None:
            for row, photo in enumerate(photos):
                if photo.id == current.id:
                    self.strip.setCurrentIndex(self.model.index(row))
        self._update_selection()

    def set_enabled_for(self, problem: str | None, *, can_add: bool = False) -> None:
        """Whether photos can be added now; ``problem`` says why not (no consent, visit not saved yet)."""
        for widget in (self.add_button, self.paste_button, self.caption, self.whose, self.kind):
            widget.setEnabled(can_add)
        self.setAcceptDrops(can_add)
        if problem:
            self.show_message(problem, error=not can_add)
        else:
            self.show_message(HINT)

    def show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(f"color:{ERROR_COLOUR}" if error else "")
        self.message.setText(text)

    def current_photo(self) -> Photo | None:
        index = self.strip.currentIndex()
        return self.model.photo_at(index.row()) if index.isValid() else None

    def subject(self) -> PhotoSubject:
        data = self.whose.currentData()
        return data if isinstance(data, PhotoSubject) else PhotoSubject()

    def chosen_kind(self) -> PhotoKind:
        data = self.kind.currentData()  # (Qt hands an enum member back as its str value)
        return PhotoKind(data) if data in PhotoKind._value2member_map_ else default_kind(self.subject())

    # -- slots --------------------------------------------------------------------------------------
    def on_whose_changed(self) -> None:
        wanted = default_kind(self.subject())
        if self.chosen_kind().for_parent != wanted.for_parent:
            self.kind.setCurrentIndex(self.kind.findData(wanted.value))

    def on_paste_button_clicked(self) -> None:
        from PySide6.QtWidgets import QApplication  # lazy: (QtWidgets is loaded; the clipboard only on paste)

        mime = QApplication.clipboard().mimeData()
        if mime is None or not self.add_button.isEnabled():
            return
        files = dropped_files(mime)
        if files:
            self.add_files_requested.emit(files)
        elif mime.hasImage():
            self.add_image_requested.emit(QImage(mime.imageData()))
        else:
            self.show_message("The clipboard holds no photo. Copy a photo (or a photo file), then paste.", error=True)

    def on_on_plan_clicked(self, checked: bool) -> None:
        photo = self.current_photo()
        if photo is not None:
            self.on_plan_toggled.emit(photo, checked)

    def _emit_current(self, signal: object) -> None:
        photo = self.current_photo()
        if photo is not None:
            signal.emit(photo)  # type: ignore[attr-defined]

    def _update_selection(self) -> None:
        photo = self.current_photo()
        for button in (self.open_button, self.delete_button, self.on_plan):
            button.setEnabled(photo is not None)
        self.compare_button.setEnabled(self.model.rowCount() > 0)
        self.on_plan.setChecked(bool(photo and photo.on_plan))

    # -- drag and drop ------------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's name
        mime = event.mimeData()
        if self.add_button.isEnabled() and (dropped_files(mime) or mime.hasImage()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        mime = event.mimeData()
        files = dropped_files(mime)
        if files:
            self.add_files_requested.emit(files)
        elif mime.hasImage():
            self.add_image_requested.emit(QImage(mime.imageData()))
        event.acceptProposedAction()
