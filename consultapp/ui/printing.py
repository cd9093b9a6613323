"""Printing a PDF: PDFium renders each page at the printer's resolution (capped), QPainter puts it on paper."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter
from PySide6.QtPrintSupport import QPrinter

from consultapp.runtime.files import make_private
from consultapp.ui.pdf_render import render_pages

MAX_PRINT_DPI = 300  # a 1200 dpi A4 page would be half a gigabyte of pixels


def print_pdf(data: bytes, printer: QPrinter) -> int:
    """Print every page of ``data`` on ``printer``, each fitted to the paper; returns the page count."""
    printer.setFullPage(True)  # the PDF carries its own margins
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("The printer could not be started.")
    pages = 0
    try:
        for image, _size in render_pages(data, dpi):
            if pages:
                printer.newPage()
            paper = painter.viewport()
            scale = min(paper.width() / image.width(), paper.height() / image.height())
            w, h = image.width() * scale, image.height() * scale
            target = QRectF((paper.width() - w) / 2, (paper.height() - h) / 2, w, h)
            painter.drawImage(target, image)
            pages += 1
    finally:
        painter.end()
        if printer.outputFileName():  # printed to a PDF file: Qt wrote it with the umask's mode
            make_private(printer.outputFileName())
    return pages
