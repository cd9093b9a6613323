"""PDF pages to images with PDFium (QtPdf is not usable here: PySide6-Pdf 6.12 breaks on Python 3.11).

QImage (not QPixmap) throughout: these run off the GUI thread too (the preview's first page, printing).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from PySide6.QtGui import QImage


def page_count(data: bytes) -> int:
    import pypdfium2 as pdfium  # lazy: PDFium loads with the first PDF shown

    pdf = pdfium.PdfDocument(data)
    try:
        return len(pdf)
    finally:
        pdf.close()


def _image(bitmap: Any) -> QImage:
    image = QImage(
        bitmap.buffer,
        bitmap.width,
        bitmap.height,
        bitmap.stride,
        QImage.Format.Format_RGBX8888 if bitmap.mode == "RGBX" else QImage.Format.Format_RGB888,
    )
    return image.copy()  # copy: the bitmap's buffer goes with it


def render_pages(data: bytes, dpi: float, first: int = 0) -> Iterator[tuple[QImage, tuple[float, float]]]:
    """Each page from ``first`` on as an opaque RGB image at ``dpi``, with the page's size in points."""
    import pypdfium2 as pdfium  # lazy: PDFium loads with the first PDF shown

    pdf = pdfium.PdfDocument(data)
    try:
        for index in range(first, len(pdf)):
            page = pdf[index]
            size = page.get_size()
            bitmap = page.render(scale=dpi / 72, rev_byteorder=True, prefer_bgrx=True)
            yield _image(bitmap), size
            bitmap.close()
            page.close()
    finally:
        pdf.close()


def render_page(data: bytes, index: int, dpi: float) -> tuple[QImage, int]:
    """One page as an image at ``dpi``, and the document's page count."""
    import pypdfium2 as pdfium  # lazy: PDFium loads with the first PDF shown

    pdf = pdfium.PdfDocument(data)
    try:
        page = pdf[index]
        bitmap = page.render(scale=dpi / 72, rev_byteorder=True, prefer_bgrx=True)
        image = _image(bitmap)
        bitmap.close()
        page.close()
        return image, len(pdf)
    finally:
        pdf.close()


def render_band(data: bytes, index: int, dpi: float, most_pixels: int) -> Iterator[tuple[QImage, float, float]]:
    """Page ``index`` at ``dpi`` in horizontal bands of at most ``most_pixels`` each, top first: each band's
    image, its top and the page's height, both in pixels at ``dpi``."""
    import pypdfium2 as pdfium  # lazy: PDFium loads with the first PDF shown

    scale = dpi / 72
    pdf = pdfium.PdfDocument(data)
    try:
        page = pdf[index]
        width_pt, height_pt = page.get_size()
        rows = max(1, most_pixels // max(1, round(width_pt * scale)))
        band_pt = rows / scale
        top_pt = 0.0
        while top_pt < height_pt:
            bottom_pt = min(height_pt, top_pt + band_pt)
            # crop: what is cut from the (left, bottom, right, top) of the page, in points
            bitmap = page.render(
                scale=scale, crop=(0, height_pt - bottom_pt, 0, top_pt), rev_byteorder=True, prefer_bgrx=True
            )
            image = _image(bitmap)
            bitmap.close()
            yield image, top_pt * scale, height_pt * scale
            top_pt = bottom_pt
        page.close()
    finally:
        pdf.close()
