"""The window can show Chinese, Japanese, Korean and emoji names on a computer without such fonts."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from pytestqt.qtbot import QtBot

from consultapp.ui.fonts import add_bundled_fonts, add_bundled_fonts_in_background


def test_the_bundled_fallback_fonts_join_the_font_database(qtbot: QtBot) -> None:
    families = add_bundled_fonts()
    assert {"Droid Sans Fallback", "NanumGothic", "Symbola"} <= set(families)
    assert "Droid Sans Fallback" in QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    assert "NanumGothic" in QFontDatabase.families(QFontDatabase.WritingSystem.Korean)


def test_the_app_adds_them_off_the_gui_thread(qtbot: QtBot) -> None:
    thread = add_bundled_fonts_in_background()
    thread.join(timeout=30)
    assert not thread.is_alive()
    assert "Symbola" in QFontDatabase.families()
