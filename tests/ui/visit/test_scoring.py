"""Instrument pickers: the chosen descriptor is readable in full, however narrow the box."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from consultapp.domain.instruments import LATCH_ITEMS, LatchScore, latch_interpretation
from consultapp.ui.scoring import InstrumentBox


def test_the_chosen_descriptor_shows_whole_beneath_its_picker(qtbot: QtBot) -> None:
    box = InstrumentBox("LATCH, left breast", LATCH_ITEMS, LatchScore.MAX, latch_interpretation)
    qtbot.addWidget(box)
    box.resize(420, 400)
    box.show()
    qtbot.waitExposed(box)
    hold = LATCH_ITEMS[-1]
    picker, chosen = box.pickers[hold.key], box.descriptors[hold.key]
    assert not chosen.isVisible()  # not scored: nothing to repeat
    picker.setFocus()
    qtbot.keyClick(picker, Qt.Key.Key_Down)
    qtbot.keyClick(picker, Qt.Key.Key_Down)  # 1 - the second choice after "Not scored"
    assert picker.score() == 1
    assert chosen.isVisible() and chosen.text() == f"1 – {hold.descriptors[1]}"
    assert chosen.wordWrap() and chosen.width() <= box.width()
    assert len(hold.descriptors[1]) > 40  # (the case: longer than the box shows in the picker)
    box.resize(1600, 400)  # wide enough for the picker to show it all: no need to repeat it
    qtbot.waitUntil(lambda: not chosen.isVisible())
    box.resize(420, 400)
    qtbot.waitUntil(chosen.isVisible)
    picker.setCurrentIndex(0)
    assert not chosen.isVisible()
