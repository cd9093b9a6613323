"""Choosing a passphrase, unlocking with it (or the recovery key), and showing the recovery key once."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from consultapp.ui.fields import ERROR_COLOUR
from consultapp.ui.security.throttle import Throttle, delay_after

MIN_PASSPHRASE_LENGTH = 10
CLIPBOARD_CLEAR_MS = 60_000
"""A copied recovery key leaves the clipboard after a minute (if the clipboard still holds it)."""
REFUSED = "That passphrase or recovery key does not open this database."


def strength_hint(passphrase: str) -> str:
    """A plain-words hint; length matters most (several unrelated words beat a short scramble)."""
    n = len(passphrase)
    if n == 0:
        return f"Use at least {MIN_PASSPHRASE_LENGTH} characters; four or five unrelated words are easy to remember."
    if n < MIN_PASSPHRASE_LENGTH:
        return f"Too short: {MIN_PASSPHRASE_LENGTH - n} more characters at least."
    kinds = sum(any(test(ch) for ch in passphrase) for test in (str.islower, str.isupper, str.isdigit,
                                                                 lambda c: not c.isalnum()))
    words = len(passphrase.split())
    if n >= 20 or words >= 4 or (n >= 14 and kinds >= 3):
        return "Strong."
    return "Fair. Longer is stronger: add another word."


def _password_edit(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setAccessibleName(name)
    edit.setMinimumWidth(320)
    return edit


def _message_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {ERROR_COLOUR};")
    return label


class NewPassphraseFields(QWidget):
    """A new passphrase typed twice, with a strength hint; ``changed`` when its validity may change."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first = _password_edit("New passphrase")
        self.second = _password_edit("Repeat the new passphrase")
        self.hint = QLabel(strength_hint(""))
        self.hint.setWordWrap(True)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("&New passphrase", self.first)
        form.addRow("Re&peat it", self.second)
        form.addRow("", self.hint)
        for edit in (self.first, self.second):
            edit.textChanged.connect(self.on_text_changed)

    def on_text_changed(self, _text: str) -> None:
        hint = strength_hint(self.first.text())
        if self.second.text() and self.second.text() != self.first.text():
            hint += " The two do not match yet."
        self.hint.setText(hint)
        self.changed.emit()

    def passphrase(self) -> str | None:
        """The passphrase when long enough and typed the same twice, else None."""
        text = self.first.text()
        return text if len(text) >= MIN_PASSPHRASE_LENGTH and text == self.second.text() else None

    def clear(self) -> None:
        self.first.clear()
        self.second.clear()


class NewPassphraseDialog(QDialog):
    """First start: the consultant chooses the passphrase that protects the new database."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Protect your records")
        intro = QLabel("<h3>Choose a passphrase</h3>ConsultApp keeps your clients' records encrypted on this "
                       "computer. You will type this passphrase each time you open the app or unlock it. "
                       "Next you will get a recovery key, in case you forget it.")
        intro.setWordWrap(True)
        self.fields = NewPassphraseFields()
        self.create_button = QPushButton("&Create encrypted database")
        self.create_button.setDefault(True)
        self.create_button.setEnabled(False)
        self.create_button.clicked.connect(self.accept)
        quit_button = QPushButton("&Quit")
        quit_button.setAutoDefault(False)  # Enter creates (when it can), never quits
        quit_button.clicked.connect(self.reject)
        self.fields.changed.connect(lambda: self.create_button.setEnabled(self.fields.passphrase() is not None))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(quit_button)
        buttons.addWidget(self.create_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.fields)
        layout.addLayout(buttons)
        self.setMinimumWidth(560)
        self.fields.first.setFocus()

    def passphrase(self) -> str | None:
        return self.fields.passphrase()


PASSPHRASE_PROMPT = "&Passphrase or recovery key"
PASSPHRASE_EXPLAIN = "Type your passphrase, or your recovery key if you have lost the passphrase."


class UnlockForm(QWidget):
    """Passphrase (or recovery key) in, ``submitted``; a wrong one is refused with a growing delay.

    ``prompt`` and ``explain`` name another secret (a lock PIN, the server password); with ``needs_secret``
    False there is none to type and Unlock submits an empty one.
    """

    submitted = Signal(str)

    def __init__(self, heading: str, throttle: Throttle, parent: QWidget | None = None, *,
                 prompt: str = PASSPHRASE_PROMPT, explain: str = PASSPHRASE_EXPLAIN,
                 refused: str = REFUSED, needs_secret: bool = True) -> None:
        super().__init__(parent)
        self.throttle = throttle
        self.refused = refused
        self.needs_secret = needs_secret
        self.heading = QLabel(f"<h2>{heading}</h2>")
        self.explain = explain_label = QLabel(explain)
        explain_label.setWordWrap(True)
        self.secret = _password_edit(prompt.replace("&", ""))
        self.secret.returnPressed.connect(self.on_unlock_clicked)
        self.unlock_button = QPushButton("&Unlock")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.on_unlock_clicked)
        self.message = _message_label()
        row = QHBoxLayout()
        row.addWidget(self.secret, 1)
        row.addWidget(self.unlock_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(explain_label)
        self.prompt_label = QLabel(prompt)
        self.prompt_label.setBuddy(self.secret)
        layout.addWidget(self.prompt_label)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.configure(prompt, explain, refused, needs_secret)

    def configure(self, prompt: str, explain: str, refused: str, needs_secret: bool) -> None:
        """Ask for another secret (or none) from now on."""
        self.prompt_label.setText(prompt)
        self.secret.setAccessibleName(prompt.replace("&", ""))
        self.explain.setText(explain)
        self.refused = refused
        self.needs_secret = needs_secret
        self.prompt_label.setVisible(needs_secret)
        self.secret.setVisible(needs_secret)
        self.setFocusProxy(self.secret if needs_secret else self.unlock_button)

    def on_unlock_clicked(self) -> None:
        secret = self.secret.text()
        if (self.needs_secret and not secret) or not self.unlock_button.isEnabled():
            return
        self._set_waiting(True)
        self.message.setText("Checking…")
        self.submitted.emit(secret)

    def say_failures_so_far(self) -> None:
        """Before the first try: wrong ones counted earlier (by the command line, or before a restart) say how
        long the next one is held back, as the store will hold it."""
        count = self.throttle.count()
        if count:
            self.message.setText(f"{count} wrong in a row so far: the next try is checked after "
                                 f"{delay_after(count)} s.")

    def refuse(self, message: str | None = None) -> None:
        """The secret did not open the database: say so and hold the next try back (as long as the store will)."""
        self.message.setText(f"{message or self.refused} Try again in {self.throttle.next_delay()} s.")
        self.throttle.refuse(self._ready_again)

    def fail(self, message: str) -> None:
        """Another problem (not a wrong passphrase): show it; the user may try again at once."""
        self.message.setText(message)
        self._ready_again(keep_message=True)

    def succeed(self) -> None:
        self.throttle.reset()
        self.secret.clear()
        self.message.clear()
        self._set_waiting(False)

    def _ready_again(self, keep_message: bool = False) -> None:
        self._set_waiting(False)
        self.secret.selectAll()
        self.secret.setFocus()
        if not keep_message and self.throttle.count():
            self.message.setText(f"{self.refused} You can try again now ({self.throttle.count()} wrong so far).")

    def _set_waiting(self, waiting: bool) -> None:
        # Read-only, not disabled: a disabled field gives its focus away, in a dialog to the Quit button,
        # which then became the default and took the very Enter that unlocked (the app quit).
        self.secret.setReadOnly(waiting)
        self.unlock_button.setEnabled(not waiting)


class UnlockDialog(QDialog):
    """Start-up on an encrypted database: unlock it or quit."""

    def __init__(self, throttle: Throttle, where: str, parent: QWidget | None = None, *,
                 can_remember: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle("Unlock ConsultApp")
        self.form = UnlockForm("Unlock your records", throttle)
        # Only where the OS has a keyring (not on a headless machine): the passphrase always works alone.
        self.remember = QCheckBox("&Remember on this computer (in the system keyring)")
        self.remember.setAccessibleName("Remember on this computer")
        self.remember.setVisible(can_remember)
        place = QLabel(f"Database: {where}")
        place.setWordWrap(True)
        place.setStyleSheet("color: #555555;")
        self.quit_button = quit_button = QPushButton("&Quit")
        quit_button.setAutoDefault(False)  # Enter unlocks, even with the focus on Quit; Escape quits
        quit_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(place, 1)
        buttons.addWidget(quit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.remember)
        layout.addLayout(buttons)
        self.setMinimumWidth(560)
        self.form.secret.setFocus()


class RecoveryKeyDialog(QDialog):
    """The recovery key, shown once: copy it or write it down, and say so before going on."""

    def __init__(self, recovery_key: str, parent: QWidget | None = None, *,
                 clear_after_ms: int = CLIPBOARD_CLEAR_MS) -> None:
        super().__init__(parent)
        self.clear_after_ms = clear_after_ms
        self.clear_timer: QTimer | None = None
        self.setWindowTitle("Your recovery key")
        intro = QLabel("<h3>Write down your recovery key</h3>If you forget your passphrase, this key is the only "
                       "way to open your records. It is shown only now. Keep it somewhere safe, away from "
                       "this computer.")
        intro.setWordWrap(True)
        self.key = QLineEdit(recovery_key)
        self.key.setReadOnly(True)
        self.key.setAccessibleName("Recovery key")
        font = QFont("DejaVu Sans Mono")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(13)
        self.key.setFont(font)
        self.key.setMinimumWidth(self.key.fontMetrics().horizontalAdvance(recovery_key) + 24)
        self.copy_button = QPushButton("&Copy")
        self.copy_button.setAutoDefault(False)  # Enter is Done (once she says the key is kept), not Copy
        self.copy_button.clicked.connect(self.on_copy_clicked)
        row = QHBoxLayout()
        row.addWidget(self.key, 1)
        row.addWidget(self.copy_button)
        self.written = QCheckBox("I have &written it down (or stored it safely)")
        self.done_button = QPushButton("&Done")
        self.done_button.setEnabled(False)
        self.done_button.setDefault(True)
        self.done_button.clicked.connect(self.accept)
        self.written.toggled.connect(self.done_button.setEnabled)
        self.copied = QLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.copied, 1)
        buttons.addWidget(self.done_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.written)
        layout.addLayout(buttons)
        self.setMinimumWidth(560)

    def on_copy_clicked(self) -> None:
        key = self.key.text()
        QGuiApplication.clipboard().setText(key)
        self.copied.setText("Copied. Paste it somewhere safe: the clipboard forgets it in a minute.")
        if self.clear_timer is not None:
            self.clear_timer.stop()
            self.clear_timer.deleteLater()
        # The timer belongs to the application, not the dialog: it still runs once the dialog is closed.
        timer = QTimer(QCoreApplication.instance())
        timer.setSingleShot(True)
        timer.setInterval(self.clear_after_ms)

        def clear() -> None:
            clipboard = QGuiApplication.clipboard()
            if clipboard.text() == key:  # something copied since is hers: leave it
                clipboard.clear()
            timer.deleteLater()

        timer.timeout.connect(clear)
        timer.start()
        self.clear_timer = timer

    def reject(self) -> None:
        """Escape does not skip the key: it must be confirmed as kept."""
        if self.written.isChecked():
            super().reject()

    def done(self, result: int) -> None:
        if result == QDialog.DialogCode.Accepted or self.written.isChecked():
            super().done(result)

