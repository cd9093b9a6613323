"""A PDF shown inside the app, page under page, fitted to the width; with Print and Save PDF.

The preview page shows at once: "Preparing…" while the document renders off the GUI thread, then page 1 as soon
as it is rasterised, then the other pages (``first_page_job``, ``rest_job`` for ``ui/tasks.py``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Generator
from typing import NamedTuple

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QStyle, QVBoxLayout, QWidget

from consultapp.ui.fields import html_escape
from consultapp.ui.pdf_render import render_page, render_pages
from consultapp.ui.tasks import Progress

PREVIEW_DPI = 150
MAX_PAGE_WIDTH = 920  # a page wider than this is harder, not easier, to read
COLUMN_MARGIN = 14
PREPARING = "Preparing…"

RENDER_LOCK = threading.Lock()
"""One document rendered at a time off the GUI thread: ReportLab keeps module state (fonts, caches)."""


class FirstPage(NamedTuple):
    data: bytes
    image: QImage
    pages: int


def first_page_job(render: Callable[[], bytes]) -> Callable[[], Generator[Progress, None, FirstPage]]:
    """Render the document (``render``) and rasterise its first page, off the GUI thread."""

    def job() -> Generator[Progress, None, FirstPage]:
        yield Progress(0, 2, "Preparing the document…")
        with RENDER_LOCK:
            data = render()
        yield Progress(1, 2, "Showing page 1…")
        image, pages = render_page(data, 0, PREVIEW_DPI)
        return FirstPage(data, image, pages)

    return job


def rest_job(data: bytes) -> Callable[[], Generator[Progress, None, list[QImage]]]:
    """Rasterise the pages after the first, off the GUI thread."""

    def job() -> Generator[Progress, None, list[QImage]]:
        images: list[QImage] = []
        for image, _size in render_pages(data, PREVIEW_DPI, first=1):
            images.append(image)
            yield Progress(len(images), len(images) + 1, f"Page {len(images) + 1} ready")
        return images

    return job


def warm_up_job() -> Generator[Progress, None, None]:
    """Load ReportLab and PDFium and render a demo care plan once, so that her first Preview is quick."""
    # lazy: the document machinery loads in the background, after the window shows
    from consultapp.domain.careplan import build_care_plan
    from consultapp.domain.demo import DEMO_PRACTICE, demo_families
    from consultapp.services.visits import render_plan

    family = next(demo_families(1, seed=3))
    plan = build_care_plan(DEMO_PRACTICE, family.client, family.visits[-1])
    with RENDER_LOCK:
        data = render_plan(plan)
    render_page(data, 0, 20)
    yield Progress(1, 1)


class PdfView(QScrollArea):
    """The pages of a PDF as images in a scrollable column, never wider than the view."""

    first_page_shown = Signal()
    all_pages_shown = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # pages fit the width
        self.setAccessibleName("Document preview")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._pixmaps: list[QPixmap | None] = []
        self.column = QWidget()
        self.column.setStyleSheet("background: #707070;")
        self.pages_layout = QVBoxLayout(self.column)
        self.pages_layout.setSpacing(14)
        self.pages_layout.setContentsMargins(COLUMN_MARGIN, COLUMN_MARGIN, COLUMN_MARGIN, COLUMN_MARGIN)
        self.setWidget(self.column)
        self.page_labels: list[QLabel] = []
        self.placeholder = QLabel(PREPARING)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet("color: #ffffff; font-size: 16pt; padding: 40px;")
        self.placeholder.setAccessibleName("Preparing the document")
        self.pages_layout.addWidget(self.placeholder)
        self.placeholder.hide()

    def _clear(self) -> None:
        for label in self.page_labels:
            label.deleteLater()
        self.page_labels, self._pixmaps = [], []

    def show_preparing(self, text: str = PREPARING) -> None:
        """No page yet: say so at once, where the pages will be."""
        self._clear()
        self.placeholder.setText(text)
        self.placeholder.show()

    def preparing(self) -> bool:
        return not self.placeholder.isHidden()

    def set_first_page(self, image: QImage, pages: int) -> None:
        """Page 1 of ``pages``; the others say they are on their way until ``set_other_pages``."""
        self._clear()
        self.placeholder.hide()
        for number in range(1, pages + 1):
            label = QLabel("" if number == 1 else f"Page {number}: {PREPARING}")
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            label.setAccessibleName(f"Page {number} of {pages}")
            self.pages_layout.addWidget(label)
            self.page_labels.append(label)
        self._pixmaps = [QPixmap.fromImage(image)] + [None] * (pages - 1)
        self._fit()
        self.verticalScrollBar().setValue(0)
        self.first_page_shown.emit()
        if pages == 1:
            self.all_pages_shown.emit()

    def set_other_pages(self, images: list[QImage]) -> None:
        self._pixmaps[1:] = [QPixmap.fromImage(image) for image in images][: len(self._pixmaps) - 1]
        self._fit()
        self.all_pages_shown.emit()

    def set_pdf(self, data: bytes) -> int:
        """Every page at once (the document windows' previews)."""
        images = [image for image, _size in render_pages(data, PREVIEW_DPI)]
        self.set_first_page(images[0], len(images))
        if len(images) > 1:
            self.set_other_pages(images[1:])
        return len(images)

    def page_width(self) -> int:
        """The widest a page may be: the view less the column's margins and a vertical scroll bar (counted
        always, so that the bar appearing never pushes a page past the right edge)."""
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        room = self.contentsRect().width() - bar - 2 * COLUMN_MARGIN - 2
        return max(100, min(room, MAX_PAGE_WIDTH))

    def _fit(self) -> None:
        width = self.page_width()
        first = next((p for p in self._pixmaps if p is not None), None)
        for label, pixmap in zip(self.page_labels, self._pixmaps, strict=True):
            if pixmap is None:  # still on its way: as tall as a page will be, so nothing jumps when it comes
                if first is not None:
                    label.setMinimumHeight(round(first.height() * min(width, first.width()) / first.width()))
                continue
            label.setMinimumHeight(0)
            smooth = Qt.TransformationMode.SmoothTransformation
            label.setPixmap(pixmap.scaledToWidth(min(width, pixmap.width()), smooth))

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

    def show_preparing(self, title: str, note: str = "") -> None:
        """The page at once, saying the document is being prepared; Print and Save wait for it."""
        self.title.setText(f"<h2>{html_escape(title)}</h2>")
        self.note.setText(note)
        self.view.show_preparing()
        self.print_button.setEnabled(False)
        self.save_button.setEnabled(False)

    def show_first_page(self, image: QImage, pages: int) -> None:
        self.print_button.setEnabled(True)  # (first: whoever hears "first page shown" may print at once)
        self.save_button.setEnabled(True)
        self.view.set_first_page(image, pages)

    def show_failed(self) -> None:
        self.view.show_preparing("The document could not be prepared.")

    def show_pdf(self, title: str, data: bytes, note: str = "") -> int:
        self.title.setText(f"<h2>{html_escape(title)}</h2>")
        self.note.setText(note)
        self.print_button.setEnabled(True)
        self.save_button.setEnabled(True)
        return self.view.set_pdf(data)
