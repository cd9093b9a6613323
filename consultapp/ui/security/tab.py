"""Settings > Security & backups: the view (the controller in ``controller.py`` decides what happens)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from consultapp.ui.security.lock_secret import LockMode
from consultapp.ui.security.passphrase import NewPassphraseFields, _password_edit


def _note(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def _row(*widgets: QWidget, stretch: bool = True) -> QWidget:
    """Widgets side by side, in a widget of their own (a form row holds a widget, not a bare layout)."""
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        row.addWidget(widget, 0 if stretch else int(isinstance(widget, QLineEdit)))
    if stretch:
        row.addStretch(1)
    return holder


class SecurityTab(QScrollArea):
    """Passphrase, recovery key, encryption, the lock, backups and the integrity check."""

    def __init__(self, encrypted: bool, on_file: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAccessibleName("Security and backups")

        self._build_encryption(encrypted, on_file)
        lock = self._build_lock(encrypted)
        backups = self._build_backups()
        integrity = self._build_integrity()

        for button in (self.backup_button, self.restore_button, self.check_button, self.folder_button):
            button.setEnabled(on_file)

        content = QWidget()
        content.setMaximumWidth(980)  # lines this long are still read at a glance
        layout = QVBoxLayout(content)
        layout.addWidget(self.encryption)
        layout.addWidget(lock)
        layout.addWidget(backups)
        layout.addWidget(integrity)
        layout.addStretch(1)
        self.setWidget(content)

    def _build_encryption(self, encrypted: bool, on_file: bool) -> None:
        # Encryption: change the passphrase and recovery key, or encrypt a plain database.
        self.encryption = QGroupBox("Encryption")
        eform = QFormLayout(self.encryption)
        self.state = _note()
        eform.addRow(self.state)
        # Every widget gets a parent (the group), used or not: a parentless one left to Python
        # crashes when the page is destroyed.
        self.current = _password_edit("Current passphrase")
        self.current.setParent(self.encryption)
        self.new = NewPassphraseFields(self.encryption)
        self.rotate_key = QCheckBox("Also replace the data key (recommended): key files kept in older backups "
                                    "stop opening this database; you get a new recovery key", self.encryption)
        self.rotate_key.setAccessibleName("Also replace the data key")
        self.rotate_key.setChecked(True)  # by default: a changed passphrase is often a passphrase someone saw
        self.change_button = QPushButton("C&hange passphrase", self.encryption)
        self.recovery_button = QPushButton("New recovery &key…", self.encryption)
        self.encrypt_button = QPushButton("&Encrypt this database", self.encryption)
        for widget in (self.current, self.new, self.rotate_key, self.change_button, self.recovery_button,
                       self.encrypt_button):
            widget.hide()
        if encrypted:
            self.state.setText("This database is encrypted. Type the current passphrase (or the recovery key) "
                               "to change the passphrase or to get a new recovery key (the old key stops working).")
            for widget in (self.current, self.new, self.rotate_key, self.change_button, self.recovery_button):
                widget.show()
            eform.addRow("&Current passphrase", self.current)
            eform.addRow(self.new)
            eform.addRow(self.rotate_key)
            eform.addRow(_row(self.change_button, self.recovery_button))
        elif on_file:
            self.state.setText("This database is NOT encrypted: anyone with the file can read it. Choose a "
                               "passphrase to encrypt it; the app then reopens it and asks for the passphrase.")
            self.new.show()
            self.encrypt_button.show()
            eform.addRow(self.new)
            eform.addRow(_row(self.encrypt_button))
        else:
            self.state.setText("This database is on a server; the server protects it.")
        self.encryption_result = _note()
        eform.addRow(self.encryption_result)

    def _build_lock(self, encrypted: bool) -> QGroupBox:
        lock = QGroupBox("App lock")
        lform = QFormLayout(lock)
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(1, 240)
        self.idle_minutes.setSuffix(" minutes")
        self.idle_minutes.setAccessibleName("Lock after")
        self.idle_minutes.setMaximumWidth(160)
        lform.addRow("&Lock after no use for", self.idle_minutes)
        self.lock_note = _note()
        lform.addRow(self.lock_note)
        self.pin = _password_edit("Lock PIN")
        self.pin.setParent(lock)
        self.pin_again = _password_edit("Repeat the lock PIN")
        self.pin_again.setParent(lock)
        self.pin_button = QPushButton("Set the lock P&IN", lock)
        self.pin_row = _row(self.pin, self.pin_again, self.pin_button)
        self.pin_row.setParent(lock)
        lform.addRow(self.pin_row)
        self.pin_result = _note()
        lform.addRow(self.pin_result)
        return lock

    def show_lock_mode(self, mode: LockMode) -> None:
        """Say what unlocks the lock here; offer a lock PIN where no passphrase or password does."""
        notes = {
            LockMode.PASSPHRASE: "Ctrl+L locks at once. The lock hides every window of the app; the passphrase "
            "(or the recovery key) unlocks it.",
            LockMode.SERVER_PASSWORD: "Ctrl+L locks at once. The lock hides every window of the app; your server "
            "password unlocks it.",
            LockMode.PIN: "Ctrl+L locks at once. The lock hides every window of the app; your lock PIN unlocks "
            "it. You may change the PIN here.",
            LockMode.NO_SECRET: "Ctrl+L locks at once. The lock hides every window of the app, but no lock PIN is "
            "set, so anyone at this computer can unlock it: choose one here.",
        }
        self.lock_note.setText(notes[mode])
        self.pin_row.setVisible(mode in (LockMode.PIN, LockMode.NO_SECRET))

    def _build_backups(self) -> QGroupBox:
        backups = QGroupBox("Backups")
        bform = QFormLayout(backups)
        self.folder = QLineEdit()
        self.folder.setReadOnly(True)
        self.folder.setAccessibleName("Backups folder")
        self.folder_button = QPushButton("Choose…")  # (Alt+Y: the row's label "Dail&y backups folder")
        bform.addRow("Dail&y backups folder", _row(self.folder, self.folder_button, stretch=False))
        bform.addRow(_note("Each day the app is opened, a backup goes there: the last 7 days and 4 weeks are "
                           "kept. Copy the folder to a drive kept elsewhere now and then."))
        self.backup_button = QPushButton("&Back up now…")
        self.restore_button = QPushButton("Res&tore from a backup…")
        bform.addRow(_row(self.backup_button, self.restore_button))
        self.backup_result = _note()
        bform.addRow(self.backup_result)
        return backups

    def _build_integrity(self) -> QGroupBox:
        integrity = QGroupBox("Integrity")
        iform = QVBoxLayout(integrity)
        self.check_button = QPushButton("Check the &database")
        irow = QHBoxLayout()
        irow.addWidget(self.check_button)
        irow.addStretch(1)
        iform.addLayout(irow)
        self.check_result = _note("A full check reads every page of the database; it takes a moment.")
        iform.addWidget(self.check_result)
        return integrity
