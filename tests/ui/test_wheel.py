"""The mouse wheel over a drop-down or spin box she is not working on scrolls the page; it never changes the value."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QComboBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot
from ui.helpers import click

from consultapp.app import create_application
from consultapp.ui.settings.clinical import ClinicalTab
from consultapp.ui.shell.window import MainWindow


def _wheel(widget: QWidget, notches: int = -1, *, to_window: bool = True) -> None:
    """One wheel turn (a notch is 120; negative: towards her, scrolling down) with the pointer over ``widget``'s
    centre, delivered as the mouse's is: to the window, which passes it to the widget under the pointer."""
    top = widget.window()
    handle = top.windowHandle()
    assert handle is not None
    at = _centre(widget)
    assert _under_pointer(widget), "the widget is not where the pointer is (hidden or scrolled away)"
    event = QWheelEvent(at, top.mapToGlobal(at), QPoint(), QPoint(0, 120 * notches),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    if to_window:
        QApplication.sendEvent(handle, event)
    else:
        local = QPointF(widget.width() / 2, widget.height() / 2)
        QApplication.sendEvent(widget, QWheelEvent(local, top.mapToGlobal(at), QPoint(), QPoint(0, 120 * notches),
                                                   Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                                                   Qt.ScrollPhase.NoScrollPhase, False))


def _centre(widget: QWidget) -> QPointF:
    return widget.mapTo(widget.window(), QPointF(widget.width() / 2, widget.height() / 2))


def _under_pointer(widget: QWidget) -> bool:
    """``widget`` (or a part of it) is what its window shows at its centre."""
    found = widget.window().childAt(_centre(widget).toPoint()) or widget.window()
    return found is not None and (found is widget or widget.isAncestorOf(found))


def _scroll_area(widget: QWidget) -> QAbstractScrollArea:
    parent = widget.parentWidget()
    while not isinstance(parent, QAbstractScrollArea):
        assert parent is not None, "not inside a scroll area"
        parent = parent.parentWidget()
    return parent


def test_the_app_installs_the_guard_once() -> None:
    app = create_application()
    assert create_application() is app
    from consultapp.ui.wheel import WheelGuard

    assert len(app.findChildren(WheelGuard)) == 1


def test_wheel_over_an_unfocused_drop_down_scrolls_the_client_form(qtbot: QtBot, window: MainWindow,
                                                                   tmp_path: Path) -> None:
    create_application()  # as the app starts: the guard is installed where the QApplication is made
    click(qtbot, window.home.new_client_button)
    editor = window.client_editor
    window.resize(1366, 600)  # the form is taller than the window: it scrolls
    for _ in range(2):
        click(qtbot, editor.add_baby_button)
    sex = editor.baby_forms[0].sex
    sex.setCurrentIndex(sex.findText("Male"))
    area = _scroll_area(sex)
    bar = area.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0 and _under_pointer(sex))
    editor.given_name.edit.setFocus()  # she typed a name; the pointer rests over the drop-down
    before = bar.value()
    _wheel(sex)
    assert sex.currentText() == "Male"  # the baby's sex did not change,
    assert bar.value() > before  # the page scrolled instead
    assert not sex.hasFocus()  # and the wheel did not take the focus
    editor.grab().save(str(tmp_path / "client_wheel.png"))

    area.ensureWidgetVisible(sex)
    qtbot.waitUntil(lambda: _under_pointer(sex))
    sex.setFocus()  # she chose the drop-down (Tab or click): now the wheel is hers to change it with
    _wheel(sex)
    assert sex.currentText() != "Male"


def test_wheel_over_an_unfocused_spin_box_scrolls_the_settings(qtbot: QtBot, window: MainWindow) -> None:
    create_application()
    window.action_settings.trigger()
    page = window.settings_page
    clinical = page.tab(ClinicalTab)
    assert isinstance(clinical, ClinicalTab)
    page.tabs.setCurrentWidget(_scroll_area(clinical))
    window.resize(1366, 400)
    spin = next(s for s in clinical.threshold_spins.values() if s.isVisible())
    area = _scroll_area(spin)
    bar = area.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    area.ensureWidgetVisible(spin)  # (the first threshold, below the wording's side-by-side view)
    qtbot.waitUntil(lambda: _under_pointer(spin) and bar.value() < bar.maximum())
    page.tabs.setFocus()
    value, before = spin.value(), bar.value()
    _wheel(spin)
    assert spin.value() == value
    assert bar.value() > before

    area.ensureWidgetVisible(spin)
    qtbot.waitUntil(lambda: _under_pointer(spin))
    spin.setFocus()  # she clicked into it: the wheel is hers to change it with
    # (sent straight to the spin box: a wheel sent to the window lands on its text field and, not being the
    # platform's own, does not pass up to the spin box as the mouse's does; the guard at the window lets it be)
    _wheel(spin, 1 if value < spin.maximum() else -1, to_window=False)
    assert spin.value() != value


def test_a_new_window_is_guarded_too(qtbot: QtBot) -> None:
    create_application()
    dialog = QWidget()  # a window made after the guard (a dialog): watched as it takes the focus
    name, combo = QLineEdit(dialog), QComboBox(dialog)
    combo.addItems(["a", "b"])
    combo.move(0, 40)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    name.setFocus()
    qtbot.waitUntil(lambda: name.hasFocus() and _under_pointer(combo))
    _wheel(combo)
    assert combo.currentText() == "a"
