"""The one path every field is checked by: a parsed line edit with its message right beside it.

Every field reads its value three ways: ``value()`` shows a problem beside the field and raises,
``peek()`` raises without showing anything (used to decide whether a form is dirty), and
``lenient()`` returns None for text that does not parse (used for live flags and drafts).

Plain text is refused, never cleaned, when it holds a control character (a pasted NUL) or is longer than
its record field holds: the rule import applies (``domain.records.validate``). One path checks every field
as she works, whatever the form: leaving a field (``editingFinished``) shows its
problem beside it; while a message is shown, each keystroke (``textEdited``) checks again, so the message goes
the moment the text is right. A value that can be true but is unusual (a visit next month, 41.5 °C) is a
warning: amber, beside the field, never blocking. ``problem_changed`` tells the page (``AttentionNote``), which
takes its "Some fields need attention" away when the last problem is fixed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from consultapp.domain.records.validate import field_text_problem

ERROR_COLOUR = "#b00020"
WARNING_COLOUR = "#8a5300"
"""Amber dark enough to read on the window's grey (a warning is also worded as one: colour is never alone)."""

T = TypeVar("T")


class FieldError(ValueError):
    """A value the user typed cannot be accepted; the message says why, in plain words."""


class ErrorLabel(QLabel):
    """A small red message under a field (or an amber warning); empty and hidden when all is well."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fieldError")
        self.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.setWordWrap(True)
        self.is_warning = False
        self.hide()

    def reserve_line(self) -> None:
        """Keep one line's room for a message, shown or not, so a message coming moves nothing under the
        pointer (a form she works down: the visit). A message longer than its line still wraps onto more."""
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.setSizePolicy(policy)
        self.setMinimumHeight(self.fontMetrics().lineSpacing())

    def show_error(self, message: str) -> None:
        self._show(message, warning=False)

    def show_warning(self, message: str) -> None:
        """Something to check, that may be meant: said in amber, and saving goes ahead."""
        self._show(message, warning=True)

    def _show(self, message: str, *, warning: bool) -> None:
        self.is_warning = warning and bool(message)
        self.setObjectName("fieldWarning" if self.is_warning else "fieldError")
        self.setStyleSheet(f"color: {WARNING_COLOUR if self.is_warning else ERROR_COLOUR};")
        self.setText(message)
        self.setVisible(bool(message))

    @property
    def has_error(self) -> bool:
        return bool(self.text()) and not self.is_warning


class CheckedField(QWidget, Generic[T]):
    """A line edit with its own message label beneath it; subclasses parse the text in ``parse``.

    ``check`` (optional) parses instead of ``parse`` for a plain field (a form's own rule: an NPI, a
    gestational age); ``warn`` (optional) says what to check about a value that parsed, adding to ``warning``.
    """

    problem_changed = Signal()
    """The field's message came, changed or went (the page's "need attention" listens)."""

    def __init__(
        self,
        label: str,
        placeholder: str = "",
        parent: QWidget | None = None,
        *,
        check: Callable[[str], T | None] | None = None,
        warn: Callable[[T], str] | None = None,
        field: str = "",
    ) -> None:
        super().__init__(parent)
        self.label = label
        self.field = field
        """The record field it edits (``given_name``): its text rule and length are the domain's (``validate``)."""
        self._check = check
        self.warn = warn
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(placeholder)
        self.edit.setAccessibleName(label)
        self.error = ErrorLabel(self)
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(2)
        self.column.addWidget(self.edit)
        self.column.addWidget(self.error)
        self.setFocusProxy(self.edit)
        self.edit.editingFinished.connect(self.check_now)
        self.edit.textEdited.connect(self._on_text_edited)

    def _on_text_edited(self, _text: str) -> None:
        if self.error.text():  # a message is shown: check again, so it goes as soon as the text is right
            self.check_now()

    def check_now(self) -> bool:
        """Check the text as it is and say the problem (or warning) beside the field; True when it is accepted."""
        try:
            value = self.peek()
        except FieldError as exc:
            self._say(str(exc), warning=False)
            return False
        self._say(self._warning_for(value), warning=True)
        return True

    def _warning_for(self, value: T | None) -> str:
        if value is None:
            return ""
        said = self.warning(value)
        if not said and self.warn is not None:
            said = self.warn(value)
        return said

    def warning(self, value: T) -> str:
        """What to check about a value that can be true but is unusual ("" when nothing); subclasses say."""
        return ""

    def _say(self, message: str, *, warning: bool) -> None:
        before = (self.error.text(), self.error.is_warning)
        if warning:
            self.error.show_warning(message)
        else:
            self.error.show_error(message)
        if (self.error.text(), self.error.is_warning) != before:
            self.problem_changed.emit()
            _tell_pages(self)

    def show_problem(self, message: str) -> None:
        """Say a problem only the form can see (a name needed to save a baby); "" takes it away."""
        self._say(message, warning=False)

    @property
    def has_error(self) -> bool:
        """A problem is shown beside the field (a warning is not one)."""
        return self.error.has_error

    def text(self) -> str:
        return self.edit.text()

    def setText(self, text: str) -> None:  # noqa: N802 - Qt naming
        self.edit.setText(text)
        self._say("", warning=False)

    def parse(self, text: str) -> T | None:
        """The value of ``text`` (None when empty); raises FieldError. Plain text by default, refused when it
        holds a control character or is too long (the rule import applies too: ``domain.records.validate``)."""
        problem = field_text_problem(self.field, text)
        if problem:
            raise FieldError(f"{self.label} {problem}.")
        if self._check is not None:
            return self._check(text)
        return text.strip() or None  # type: ignore[return-value]

    def peek(self) -> T | None:
        """The value, raising FieldError without showing it."""
        return self.parse(self.text())

    def lenient(self) -> T | None:
        """The value, or None when the text does not parse."""
        try:
            return self.peek()
        except FieldError:
            return None

    def value(self) -> T | None:
        """The value; a problem is shown beside the field and raised as FieldError (a warning only shown)."""
        try:
            result = self.peek()
        except FieldError as exc:
            self._say(str(exc), warning=False)
            raise
        self._say(self._warning_for(result), warning=True)
        return result


class AttentionNote(QObject):
    """A page's "Some fields need attention": said when a save finds problems, taken away by itself when the
    last one is fixed (each field that changes its message asks the notes of the pages it is on)."""

    def __init__(
        self, page: QWidget, say: Callable[[str], None], *, still_wrong: Callable[[], bool] | None = None
    ) -> None:
        """``say("")`` takes the message away; ``still_wrong`` checks what is not a field (None: the fields)."""
        super().__init__(page)
        self.page = page
        self._say = say
        self._still_wrong = still_wrong
        self.shown = False

    def show(self, message: str = "Some fields need attention; see the messages beside them.") -> None:
        self.shown = True
        self._say(message)

    def withdraw(self) -> None:
        """Take the message away (saved, or another message said instead)."""
        self.shown = False

    def recheck(self) -> None:
        if not self.shown:
            return
        if any(f.has_error for f in self.page.findChildren(CheckedField)):
            return
        if self._still_wrong is not None and self._still_wrong():
            return
        self.shown = False
        self._say("")


def _tell_pages(field: QWidget) -> None:
    """Let the attention notes of every page ``field`` is on check whether any problem is left."""
    page = field.parentWidget()
    while page is not None:
        for note in page.findChildren(AttentionNote, options=Qt.FindChildOption.FindDirectChildrenOnly):
            note.recheck()
        page = page.parentWidget()
