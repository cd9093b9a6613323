"""The bundled fonts, offered to the window as fallbacks: Chinese and Japanese, Korean, emoji.

Added on the GUI thread before any client's name is shown (``app.run``): text laid out before the
fonts arrive keeps its empty boxes.

A computer without such fonts would show a client's name as empty boxes in the lists and forms (the
PDFs embed their own fonts: documents/styles.py). The system's own fonts still come first.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QFontDatabase

from consultapp.runtime.resources import resource_path

log = logging.getLogger(__name__)

FALLBACK_FILES = ("DroidSansFallbackFull.ttf", "NanumGothic.ttf", "Symbola.ttf")


def add_bundled_fonts() -> list[str]:
    """Add the fallback fonts to the application's font database; returns the families added."""
    families: list[str] = []
    for name in FALLBACK_FILES:
        font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", name)))
        if font_id < 0:
            log.warning("the bundled font %s could not be loaded", name)
            continue
        families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return families
