"""The bundled fonts, offered to the window as fallbacks: Chinese and Japanese, Korean, emoji.

A computer without such fonts would show a client's name as empty boxes in the lists and forms (the
PDFs embed their own fonts: documents/styles.py). The system's own fonts still come first.
"""

from __future__ import annotations

import logging
import threading

log = logging.getLogger(__name__)

FALLBACK_FILES = ("DroidSansFallbackFull.ttf", "NanumGothic.ttf", "Symbola.ttf")


def add_bundled_fonts() -> list[str]:
    """Add the fallback fonts to the application's font database; returns the families added."""
    from PySide6.QtGui import QFontDatabase

    from consultapp.resources import resource_path

    families: list[str] = []
    for name in FALLBACK_FILES:
        font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", name)))
        if font_id < 0:
            log.warning("the bundled font %s could not be loaded", name)
            continue
        families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return families


def add_bundled_fonts_in_background() -> threading.Thread:
    """The same off the GUI thread (reading ~12 MB of fonts takes a few frames); the font database is
    thread-safe, and text drawn after it ends finds the fonts."""
    thread = threading.Thread(target=add_bundled_fonts, name="bundled-fonts", daemon=True)
    thread.start()
    return thread
