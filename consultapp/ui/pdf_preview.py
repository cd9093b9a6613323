"""A PDF shown inside the app, page under page, fitted to the width; with Print and Save PDF."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from consultapp.ui.fields import html_escape
from consultapp.ui.pdf_render import render_pages

PREVIEW_DPI = 150
MAX_PAGE_WIDTH = 920  # a page wider than this is harder, not easier, to read


class PdfView(QScrollArea):
    """The pages of a PDF as images in a scrollable column."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAccessibleName("Document preview")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._pixmaps: list[QPixmap] = []
        self.column = QWidget()
        self.column.setStyleSheet("background: #707070;")
        self.pages_layout = QVBoxLayout(self.column)
        self.pages_layout.setSpacing(14)
        self.pages_layout.setContentsMargins(14, 14, 14, 14)
        self.setWidget(self.column)
        self.page_labels: list[QLabel] = []

    def set_pdf(self, data: bytes) -> int:
        for label in self.page_labels:
            label.deleteLater()
        self.page_labels = []
        self._pixmaps = [QPixmap.fromImage(image) for image, _size in render_pages(data, PREVIEW_DPI)]
        for number, _pixmap in enumerate(self._pixmaps, start=1):
            label = QLabel()
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            label.setAccessibleName(f"Page {number} of {len(self._pixmaps)}")
            self.pages_layout.addWidget(label)
            self.page_labels.append(label)
        self._fit()
        self.verticalScrollBar().setValue(0)
        return len(self._pixmaps)

    def _fit(self) -> None:
        width = max(200, min(self.viewport().width() - 40, MAX_PAGE_WIDTH))
        for label, pixmap in zip(self.page_labels, self._pixmaps, strict=True):
            fitted = pixmap.scaledToWidth(min(width, pixmap.width()), Qt.TransformationMode.SmoothTransformation)
            label.setPixmap(fitted)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()


class PdfPreviewPage(QWidget):
    """A page of the main window: a document as it will print, with what can be done with it."""

    back_requested = Signal()
    print_requested = Signal()
    save_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.view = PdfView()
        self.back_button = QPushButton("← &Back")
        self.print_button = QPushButton("&Print…")
        self.print_button.setToolTip("Ctrl+P")
        self.save_button = QPushButton("Save P&DF…")
        self.back_button.clicked.connect(self.back_requested.emit)
        self.print_button.clicked.connect(self.print_requested.emit)
        self.save_button.clicked.connect(self.save_requested.emit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.note, 1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.setFocusProxy(self.view)

    def show_pdf(self, title: str, data: bytes, note: str = "") -> int:
        self.title.setText(f"<h2>{html_escape(title)}</h2>")
        self.note.setText(note)
        return self.view.set_pdf(data)
