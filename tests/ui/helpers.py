"""What GUI tests share: dialogs that answer as told, and a user's hands (typing, ticking, shortcuts)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QLabel, QWidget
from pytestqt.qtbot import QtBot

from consultapp.domain.vocabulary import FindingKind, Side, SpectrumCondition
from consultapp.store.facade import Store
from consultapp.ui.dialogs import Dialogs, DraftAnswer, UnsavedAnswer
from consultapp.ui.printing import PrintChoice
from consultapp.ui.shell.window import MainWindow
from consultapp.ui.tasks import SyncPool
from consultapp.ui.ui_settings import UiSettings

DRAFT_INTERVAL_MS = 50


@dataclass
class FakeDialogs(Dialogs):
    """Answers the window's questions the way the test says, and remembers what was asked."""

    save_to: Path | None = None
    folder: Path | None = None
    printer_pdf: Path | None = None
    printer_name: str = ""  # (when printer_pdf is None) the printer chosen in the print dialog
    printer_papers: list[str] = field(default_factory=list)  # the paper each print dialog opened on
    discard: bool = True
    unsaved: UnsavedAnswer | None = None  # the answer to "Save, Discard or Cancel?"; None: ``discard`` decides
    restore: DraftAnswer = "restore"
    amendment_reason: str | None = "Corrected"
    opened: list[Path] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    discard_questions: list[str] = field(default_factory=list)
    draft_questions: list[str] = field(default_factory=list)
    amendment_questions: int = 0
    photo_files: list[Path] = field(default_factory=list)  # what "Add photos…" picks
    confirm_answer: bool = True
    confirmations: list[str] = field(default_factory=list)

    def ask_photo_files(self, parent: QWidget) -> list[Path]:
        return list(self.photo_files)

    def confirm(self, parent: QWidget, title: str, question: str) -> bool:
        self.confirmations.append(question)
        return self.confirm_answer

    def ask_save_pdf(self, parent: QWidget, title: str, suggested: Path) -> Path | None:
        return self.save_to

    def ask_folder(self, parent: QWidget, title: str, suggested: Path) -> Path | None:
        return self.folder

    def ask_printer(self, parent: QWidget, paper: str = "a4") -> PrintChoice | None:
        """"Print to file" into ``printer_pdf``; else the printer named ``printer_name``; else cancelled."""
        self.printer_papers.append(paper)
        if self.printer_pdf is not None:
            return PrintChoice(output_file=self.printer_pdf)
        if self.printer_name:
            return PrintChoice(printer_name=self.printer_name, dpi=600)
        return None

    def open_file(self, path: Path) -> None:
        self.opened.append(path)

    def error(self, parent: QWidget | None, message: str) -> None:
        self.errors.append(message)

    def confirm_discard(self, parent: QWidget, what: str) -> bool:
        self.discard_questions.append(what)
        return self.discard

    def ask_unsaved(self, parent: QWidget, what: str) -> UnsavedAnswer:
        self.discard_questions.append(what)
        if self.unsaved is not None:
            return self.unsaved
        return "discard" if self.discard else "cancel"

    def ask_restore_draft(self, parent: QWidget, description: str) -> DraftAnswer:
        self.draft_questions.append(description)
        return self.restore

    def ask_amendment_reason(self, parent: QWidget) -> str | None:
        self.amendment_questions += 1
        return self.amendment_reason


def make_window(qtbot: QtBot, store: Store, dialogs: FakeDialogs, ui_settings: UiSettings | None = None,
                *, register: bool = True) -> MainWindow:
    win = MainWindow(store, dialogs=dialogs, ui_settings=ui_settings, pool=SyncPool(),
                     draft_interval_ms=DRAFT_INTERVAL_MS)
    if register:
        qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    win.raise_()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)  # shortcuts go to the active window only
    return win


def ctrl(qtbot: QtBot, widget: QWidget, key: Qt.Key, shift: bool = False) -> None:
    """Press Ctrl+key (Ctrl+Shift+key) on ``widget``, as the user would."""
    modifiers = Qt.KeyboardModifier.ControlModifier
    if shift:
        modifiers |= Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(widget, key, modifiers)


def type_into(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type ``text`` key by key, as a keyboard (or an input method, for non-ASCII letters) would."""
    widget.setFocus()
    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(widget, ch)
        else:  # QTest asserts on non-ASCII keys: send the key event with its text, as an IME does
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def tick(qtbot: QtBot, box: QCheckBox) -> None:
    """Click a check box on its indicator, where a user clicks (its centre may be empty space)."""
    assert box.isVisible(), f"{box.accessibleName()!r} is not on screen"
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def click(qtbot: QtBot, button: QWidget) -> None:
    assert button.isVisible() and button.isEnabled(), f"{button.accessibleName() or button!r} cannot be clicked"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


SECTION_KEYS = (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_5, Qt.Key.Key_6, Qt.Key.Key_7,
                Qt.Key.Key_8, Qt.Key.Key_9)


def go(qtbot: QtBot, window: MainWindow, number: int) -> None:
    """Jump to visit section ``number`` (1-9) with Ctrl+number, from wherever the focus is in the editor."""
    editor = window.visit_editor
    focus = QApplication.focusWidget()
    target = focus if focus is not None and editor.isAncestorOf(focus) else editor
    ctrl(qtbot, target, SECTION_KEYS[number - 1])
    assert editor.stack.currentIndex() == number - 1


def create_client(qtbot: QtBot, window: MainWindow, given: str, family: str, baby: str,
                  born_days_ago: int = 5, birth_weight: str = "3400") -> None:
    click(qtbot, window.home.new_client_button)
    editor = window.client_editor
    assert window.pages.currentWidget() is editor
    type_into(qtbot, editor.given_name.edit, given)
    type_into(qtbot, editor.family_name.edit, family)
    type_into(qtbot, editor.date_of_birth.edit, "1994-07-30")
    type_into(qtbot, editor.phone.edit, "555 0142 777")
    type_into(qtbot, editor.address, "4 Orchard Close, Sampletown")
    baby_form = editor.baby_forms[0]
    type_into(qtbot, baby_form.name.edit, baby)
    type_into(qtbot, baby_form.date_of_birth.edit, (dt.date.today() - dt.timedelta(days=born_days_ago)).isoformat())
    type_into(qtbot, baby_form.birth_weight.edit, birth_weight)
    click(qtbot, editor.save_button)


def place_on_map(qtbot: QtBot, window: MainWindow, side: Side, clock: int, distance_cm: float,
                 kind: FindingKind = FindingKind.LUMP, condition: SpectrumCondition | None = None) -> None:
    """In the visit's breast section: choose the kind, click the map where it is, then name its condition."""
    breasts = window.visit_editor.breasts
    combo = breasts.kind
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    while combo.currentData() != kind.value:
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    at = breasts.map.point_for(side, clock, distance_cm)
    qtbot.mouseClick(breasts.map, Qt.MouseButton.LeftButton, pos=QPoint(round(at.x()), round(at.y())))
    if condition is not None:
        choose(qtbot, breasts.condition, condition.label)


def choose(qtbot: QtBot, combo: QComboBox, text: str) -> None:
    """Pick ``text`` in a drop-down by keyboard, as a user does with the box focused (activated, like a click)."""
    assert combo.isEnabled(), f"{combo.accessibleName()!r} is disabled"
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentText() == text:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    raise AssertionError(f"{text!r} is not offered in {combo.accessibleName()!r}")


def fits(label: QLabel) -> None:
    """The label's text fits its height (a wrapped one's at its width: its sizeHint is for another width), and
    the label lies inside its parent and its window."""
    needed = label.heightForWidth(label.width()) if label.wordWrap() else label.sizeHint().height()
    assert needed <= label.height(), (label.text(), needed, label.height())
    window = label.window()
    top_left = label.mapTo(window, label.rect().topLeft())
    assert window.rect().contains(top_left) and window.rect().contains(label.mapTo(window, label.rect().bottomRight()))
    parent = label.parentWidget()
    assert isinstance(parent, QWidget) and parent.rect().contains(label.geometry()), (label.geometry(), parent.rect())


class EventCounter(QObject):
    """Counts the events of one type that the widgets it is installed on receive (``count``)."""

    def __init__(self, kind: QEvent.Type) -> None:
        super().__init__()
        self.kind = kind
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == self.kind:
            self.count += 1
        return False
