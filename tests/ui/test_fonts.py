"""The window can show Chinese, Japanese, Korean and emoji names on a computer without such fonts."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from pytestqt.qtbot import QtBot

from consultapp.ui.fonts import add_bundled_fonts


def test_the_bundled_fallback_fonts_join_the_font_database(qtbot: QtBot) -> None:
    families = add_bundled_fonts()
    assert {"Droid Sans Fallback", "NanumGothic", "Symbola"} <= set(families)
    assert "Droid Sans Fallback" in QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    assert "NanumGothic" in QFontDatabase.families(QFontDatabase.WritingSystem.Korean)
