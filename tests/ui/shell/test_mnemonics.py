"""Every Alt+letter means one thing: the mnemonics of each window (and each page, section and tab of it as it is
on screen) are walked, and a letter used twice fails the test, naming both."""

from __future__ import annotations

import os
import re
from collections import defaultdict

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QMenu,
    QMenuBar,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot
from ui.helpers import FakeDialogs, click, create_client, ctrl, type_into

from consultapp.store.crypto import FAST_KDF_FOR_TESTS
from consultapp.store.facade import Store
from consultapp.ui.security.controller import SecurityController
from consultapp.ui.security.lock import LockPage
from consultapp.ui.security.passphrase import NewPassphraseDialog, RecoveryKeyDialog, UnlockDialog
from consultapp.ui.security.throttle import Throttle
from consultapp.ui.shell.window import MainWindow

DUMP = os.environ.get("CONSULTAPP_DUMP_MNEMONICS") == "1"  # list each screen's letters, to choose a free one
MNEMONIC = re.compile(r"&(?!&)(\w)")


def mnemonic(text: str) -> str | None:
    found = MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).lower() if found else None


def mnemonics_on_screen(window: QWidget) -> dict[str, list[str]]:
    """Letter -> what answers Alt+letter in ``window`` as it is now (only what is visible answers)."""
    seen: dict[str, list[str]] = defaultdict(list)

    def add(text: str, what: str) -> None:
        letter = mnemonic(text)
        if letter is not None:
            seen[letter].append(f"{what} {text!r}")

    for widget in window.findChildren(QWidget):
        if widget.window() is not window or not widget.isVisible():
            continue
        if isinstance(widget, QLabel) and widget.buddy() is not None:
            add(widget.text(), "label")
        elif isinstance(widget, QAbstractButton):
            add(widget.text(), type(widget).__name__)
        elif isinstance(widget, QGroupBox):
            add(widget.title(), "group box")
        elif isinstance(widget, QTabBar):
            for i in range(widget.count()):
                add(widget.tabText(i), "tab")
        elif isinstance(widget, QMenuBar):
            for action in widget.actions():
                if action.isVisible():
                    add(action.text(), "menu")
    return seen


def duplicates(where: str, seen: dict[str, list[str]]) -> list[str]:
    return [f"{where}: Alt+{letter.upper()} is {' and '.join(whats)}" for letter, whats in sorted(seen.items())
            if len(whats) > 1]


def menu_duplicates(window: QWidget) -> list[str]:
    found = []
    for menu in window.findChildren(QMenu):
        seen: dict[str, list[str]] = defaultdict(list)
        for action in menu.actions():
            letter = mnemonic(action.text())
            if letter is not None and action.isVisible():
                seen[letter].append(f"item {action.text()!r}")
        found += duplicates(f"menu {menu.title()!r}", seen)
    return found


class Walk:
    """Collects the duplicates of every screen walked."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.found: list[str] = []
        self.screens: list[str] = []

    def check(self, window: QWidget, where: str) -> None:
        QApplication.processEvents()
        self.screens.append(where)
        seen = mnemonics_on_screen(window)
        if DUMP:
            print(where, "uses", "".join(sorted(seen)))
        self.found += duplicates(where, seen)

    def dialog(self, dialog: QWidget, where: str, *, own: bool = True) -> None:
        if own:  # (the window's document windows delete themselves once closed)
            self.qtbot.addWidget(dialog)
        dialog.show()
        self.qtbot.waitExposed(dialog)
        if not own:  # the window's own document window: as she has it, in front with the keyboard
            dialog.activateWindow()
            self.qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
        self.check(dialog, where)
        for i, tabs in enumerate(dialog.findChildren(QTabBar)):
            for t in range(tabs.count()):
                tabs.setCurrentIndex(t)
                self.check(dialog, f"{where}, tab bar {i} tab {tabs.tabText(t)!r}")
        dialog.close()


def test_every_window_has_each_mnemonic_once(qtbot: QtBot, window: MainWindow, records: Store,
                                            dialogs: FakeDialogs) -> None:
    walk = Walk(qtbot)
    security = SecurityController(window, records.db, reopen=lambda _secret=None: None, kdf=FAST_KDF_FOR_TESTS,
                                  wait=lambda _s, then: then(), idle_ms=600_000)
    walk.check(window, "home, empty")
    create_client(qtbot, window, "Zephyrine", "Quillfeather", "Oriel")
    walk.check(window, "home, a client chosen")

    click(qtbot, window.home.edit_client_button)
    editor = window.client_editor
    walk.check(window, "client editor")
    click(qtbot, editor.add_baby_button)
    walk.check(window, "client editor, two babies")
    qtbot.keyClick(editor.given_name.edit, Qt.Key.Key_Escape)

    ctrl(qtbot, window.home.search, Qt.Key.Key_N)
    visit = window.visit_editor
    type_into(qtbot, visit.reason_section.reason, "Weight check")
    for section in range(visit.stack.count()):
        visit.show_section(section, focus=True)
        walk.check(window, f"visit editor, section {section + 1}")
    ctrl(qtbot, visit.reason_section.reason if visit.stack.currentIndex() == 0 else visit, Qt.Key.Key_S)
    assert records.all_visits(), "the visit was not saved"
    for action, where in ((window.action_letter, "letter to doctor"), (window.action_superbill, "superbill")):
        action.trigger()
        document = window.document_window
        assert document is not None, where
        walk.dialog(document, where, own=False)
    window.action_handouts.trigger()
    assert window.document_window is not None
    walk.dialog(window.document_window, "handout library", own=False)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)  # (the window takes the keyboard back)
    click(qtbot, visit.back_button)

    ctrl(qtbot, window.home.search, Qt.Key.Key_H)
    assert window.pages.currentWidget() is window.history_page
    walk.check(window, "history and charts")
    click(qtbot, window.history_page.back_button)

    ctrl(qtbot, window.home.search, Qt.Key.Key_Comma)
    tabs = window.settings_page.tabs
    for t in range(tabs.count()):
        tabs.setCurrentIndex(t)
        walk.check(window, f"settings, tab {tabs.tabText(t)!r}")
    click(qtbot, window.settings_page.cancel_button)

    window.action_consultants.trigger()
    if window.pages.currentWidget() is window.pages.consultants_page_built:
        walk.check(window, "consultants")
        click(qtbot, window.consultants_page.back_button)

    security.on_audit()
    assert security.audit_dialog is not None
    walk.dialog(security.audit_dialog, "audit trail")
    walk.dialog(NewPassphraseDialog(), "choose a passphrase")
    walk.dialog(UnlockDialog(Throttle(None), "enc.db", can_remember=True), "unlock at start-up")
    walk.dialog(RecoveryKeyDialog("ABCD-EFGH-IJKL-MNOP"), "recovery key")
    walk.dialog(LockPage(Throttle(None)), "locked")

    assert len(walk.screens) >= 20
    walk.found += menu_duplicates(window)
    assert walk.found == [], "\n".join(walk.found)
