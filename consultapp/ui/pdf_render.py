"""PDF pages to images with PDFium (QtPdf is not usable here: PySide6-Pdf 6.12 breaks on Python 3.11)."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtGui import QImage


def page_count(data: bytes) -> int:
    import pypdfium2 as pdfium  # lazy: PDFium loads with the first PDF shown

    pdf = pdfium.PdfDocument(data)
    try:
        return len(pdf)
    finally:
        pdf.close()


def render_pages(data: bytes, dpi: float) -> Iterator[tuple[QImage, tuple[float, float]]]:
    """Each page as an opaque RGB image at ``dpi``, with the page's size in points."""
    import pypdfium2 as pdfium  # lazy: PDFium loads with the first PDF shown

    pdf = pdfium.PdfDocument(data)
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            size = page.get_size()
            bitmap = page.render(scale=dpi / 72, rev_byteorder=True, prefer_bgrx=True)
            image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                           QImage.Format.Format_RGBX8888 if bitmap.mode == "RGBX" else QImage.Format.Format_RGB888)
            yield image.copy(), size  # copy: the bitmap's buffer goes with it
            bitmap.close()
            page.close()
    finally:
        pdf.close()
