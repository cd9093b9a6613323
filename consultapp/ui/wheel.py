"""The mouse wheel never changes a value she is not working on: over a drop-down, a spin box (dates, numbers)
or a slider that does not have the focus, the wheel scrolls the page around it instead.

One guard for the whole app (``install_wheel_guard``, called where the QApplication is made and by the main
window): it watches every window, so every form and dialog the app builds gets it without asking."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QWheelEvent, QWindow
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollBar,
    QWidget,
)

_GUARD_NAME = "consultappWheelGuard"


def _is_value_control(widget: QObject) -> bool:
    """A control whose value the wheel would change (scroll bars are for scrolling: they keep the wheel)."""
    return isinstance(widget, (QComboBox, QAbstractSpinBox, QAbstractSlider)) and not isinstance(widget, QScrollBar)


def _focused(widget: QWidget) -> bool:
    focus = QApplication.focusWidget()
    return focus is not None and (focus is widget or widget.isAncestorOf(focus) or widget.hasFocus())


class WheelGuard(QObject):
    """Watches each window (its QWindow, which gets the wheel before any widget does): the wheel over an
    unfocused value control goes to the scroll area around it, and the control neither changes nor takes the
    focus. A QWindow filter, not an application-wide one: a Python filter on the application also sees the
    events of widgets half-way through their destruction, which crashes PySide (see security/lock.py)."""

    def watch(self, window: QWindow | None) -> None:
        if window is not None:
            window.installEventFilter(self)  # (installed again: still called once)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.Wheel or not isinstance(watched, QWindow):
            return False
        assert isinstance(event, QWheelEvent)
        control = _control_under(watched, event)
        if control is None or _focused(control):
            return False  # not a value control, or she is working on it: the wheel does what it always does
        _scroll_around(control, event)
        return True  # the value stays as it is


def _control_under(window: QWindow, event: QWheelEvent) -> QWidget | None:
    """The value control under the pointer in ``window`` (a spin box for its text field too), if any."""
    top = next((w for w in QApplication.topLevelWidgets() if w.windowHandle() is window), None)
    if top is None:
        return None
    widget: QWidget | None = top.childAt(event.position().toPoint()) or top
    while widget is not None:
        if _is_value_control(widget):
            return widget
        widget = None if widget is top else widget.parentWidget()
    return None


def _scroll_around(widget: QWidget, event: QWheelEvent) -> None:
    """The wheel, as turned, to the nearest scroll area holding ``widget`` (nothing if none does)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea) and parent.viewport().isAncestorOf(widget):
            viewport = parent.viewport()
            global_pos = event.globalPosition()
            local = viewport.mapFromGlobal(global_pos.toPoint()).toPointF()
            forwarded = QWheelEvent(local, global_pos, event.pixelDelta(), event.angleDelta(), event.buttons(),
                                    event.modifiers(), event.phase(), event.inverted(), event.source())
            QApplication.sendEvent(viewport, forwarded)
            return
        parent = parent.parentWidget()


def install_wheel_guard(app: QApplication) -> WheelGuard:
    """Install the guard on ``app``'s windows once (calling again returns the one installed): every window
    shown now, and each one as it takes the focus."""
    existing = app.findChild(WheelGuard, _GUARD_NAME)
    if existing is not None:
        return existing
    guard = WheelGuard(app)
    guard.setObjectName(_GUARD_NAME)
    for window in app.topLevelWindows():
        guard.watch(window)
    app.focusWindowChanged.connect(guard.watch)
    return guard
