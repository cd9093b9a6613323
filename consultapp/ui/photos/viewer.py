"""A photo large, with zoom (fit, in, out, 100 %), and two photos side by side (before and after)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QShortcut, QWheelEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from consultapp.domain.photos import Photo

ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.05, 8.0


class ZoomView(QScrollArea):
    """One picture that fits the view at first; Ctrl+wheel, the buttons or Ctrl+plus/minus zoom it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWidget(self.label)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pixmap = QPixmap()
        self.zoom = 1.0
        self.fitted = True

    def set_image(self, image: QImage) -> None:
        self.pixmap = QPixmap.fromImage(image)
        self.fit()

    def fit(self) -> None:
        if self.pixmap.isNull():
            return
        area = self.viewport().size()
        self.fitted = True
        self._show(min(area.width() / self.pixmap.width(), area.height() / self.pixmap.height(), 1.0))

    def zoom_by(self, factor: float) -> None:
        self.fitted = False
        self._show(self.zoom * factor)

    def actual_size(self) -> None:
        self.fitted = False
        self._show(1.0)

    def _show(self, zoom: float) -> None:
        self.zoom = max(MIN_ZOOM, min(MAX_ZOOM, zoom))
        if self.pixmap.isNull():
            return
        size = self.pixmap.size() * self.zoom
        self.label.setPixmap(self.pixmap.scaled(size, Qt.AspectRatioMode.KeepAspectRatio,
                                                Qt.TransformationMode.SmoothTransformation))
        self.label.resize(size)

    def resizeEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)  # type: ignore[arg-type]
        if self.fitted:
            self.fit()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt's name
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_by(ZOOM_STEP if event.angleDelta().y() > 0 else 1 / ZOOM_STEP)
            event.accept()
        else:
            super().wheelEvent(event)


def zoom_buttons(views: Sequence[ZoomView], owner: QWidget) -> QHBoxLayout:
    """Fit / - / + / 100 % for the views (together), with Ctrl+0, Ctrl+-, Ctrl++ and Ctrl+1 as their keys."""
    row = QHBoxLayout()

    def each(act: Callable[[ZoomView], None]) -> Callable[[], None]:
        def run() -> None:
            for view in views:
                act(view)

        return run

    for text, keys, action in (("Fit", "Ctrl+0", each(ZoomView.fit)),
                               ("−", "Ctrl+-", each(lambda v: v.zoom_by(1 / ZOOM_STEP))),
                               ("+", "Ctrl++", each(lambda v: v.zoom_by(ZOOM_STEP))),
                               ("100 %", "Ctrl+1", each(ZoomView.actual_size))):
        button = QPushButton(text)
        button.setToolTip(keys)
        button.setAutoDefault(False)
        button.clicked.connect(action)
        row.addWidget(button)
        QShortcut(QKeySequence(keys), owner, action)
    row.addStretch(1)
    return row


class PhotoViewer(QDialog):
    """One photo, large."""

    def __init__(self, photo: Photo, line: str, image: QImage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Photo: {line.splitlines()[0]}")
        self.photo = photo
        self.view = ZoomView()
        self.view.set_image(image)
        caption = QLabel(line)
        caption.setTextFormat(Qt.TextFormat.PlainText)
        caption.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(caption)
        layout.addLayout(zoom_buttons([self.view], self))
        layout.addWidget(close)
        self.resize(900, 680)


class CompareDialog(QDialog):
    """Two of the family's photos side by side; each side picks any photo (e.g. tongue before and after)."""

    def __init__(self, photos: Sequence[Photo], line: Callable[[Photo], str],
                 load: Callable[[Photo], QImage], left: Photo, right: Photo,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Compare photos")
        self.photos, self.load = list(photos), load
        self.pickers: list[QComboBox] = []
        self.views: list[ZoomView] = []
        sides = QHBoxLayout()
        for chosen in (left, right):
            picker = QComboBox()
            picker.setAccessibleName("Photo to compare")
            for photo in self.photos:
                picker.addItem(line(photo).replace("\n", " – "), str(photo.id))
            view = ZoomView()
            column = QVBoxLayout()
            column.addWidget(picker)
            column.addWidget(view, 1)
            sides.addLayout(column, 1)
            self.pickers.append(picker)
            self.views.append(view)
            picker.currentIndexChanged.connect(lambda _i, p=picker, v=view: self._show(p, v))
            picker.setCurrentIndex(max(0, picker.findData(str(chosen.id))))
            self._show(picker, view)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(sides, 1)
        layout.addLayout(zoom_buttons(self.views, self))
        layout.addWidget(close)
        self.resize(1200, 700)

    def _show(self, picker: QComboBox, view: ZoomView) -> None:
        row = picker.currentIndex()
        if 0 <= row < len(self.photos):
            view.set_image(self.load(self.photos[row]))
