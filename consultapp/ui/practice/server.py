"""Opening the practice's PostgreSQL server: the connection form, its URL, and remembering it (no password)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from consultapp.ui.ui_settings import UiSettings

TLS_MODES = ("disable", "prefer", "require", "verify-full")
TLS_LABELS = {
    "disable": "Off (only on a trusted local network)",
    "prefer": "Prefer encryption",
    "require": "Require encryption",
    "verify-full": "Require encryption and check the server's certificate",
}


@dataclass(frozen=True)
class ServerConnection:
    """Where the practice database lives; never holds the password."""

    host: str
    database: str
    user: str
    port: int = 5432
    tls_mode: str = "prefer"
    ca_file: str = ""

    def url(self, password: str = "") -> str:
        """The ``postgresql+psycopg`` URL, with ``password`` when given (never stored)."""
        from sqlalchemy.engine import URL  # lazy: SQLAlchemy stays out of the start-up (start-up test)

        query: dict[str, str] = {"sslmode": self.tls_mode}
        if self.ca_file and self.tls_mode != "disable":
            query["sslrootcert"] = self.ca_file
        url = URL.create("postgresql+psycopg", username=self.user or None, password=password or None,
                         host=self.host, port=self.port, database=self.database, query=query)
        return url.render_as_string(hide_password=False)

    @property
    def label(self) -> str:
        return f"{self.user}@{self.host}:{self.port}/{self.database}"

    def problem(self) -> str:
        """What is missing, in words; "" when the form is complete."""
        if not self.host.strip():
            return "Enter the server's address."
        if not self.database.strip():
            return "Enter the database name."
        if not self.user.strip():
            return "Enter your user name."
        if self.tls_mode not in TLS_MODES:
            return "Choose how the connection is encrypted."
        if self.tls_mode == "verify-full" and not self.ca_file:
            return "Checking the server's certificate needs the practice's CA file."
        return ""


_KEYS = ("host", "port", "database", "user", "tls_mode", "ca_file")


def remember(settings: UiSettings, connection: ServerConnection) -> None:
    """Keep the connection (not the password) for the next start."""
    for key in _KEYS:
        settings.qsettings.setValue(f"server/{key}", getattr(connection, key))
    settings.sync()


def remembered(settings: UiSettings | None) -> ServerConnection | None:
    if settings is None:
        return None
    values = {key: settings.qsettings.value(f"server/{key}", "") for key in _KEYS}
    if not values["host"]:
        return None
    try:
        port = int(str(values["port"] or 5432))
    except (TypeError, ValueError):
        port = 5432
    tls = str(values["tls_mode"] or "prefer")
    return ServerConnection(str(values["host"]), str(values["database"]), str(values["user"]), port,
                            tls if tls in TLS_MODES else "prefer", str(values["ca_file"] or ""))


def forget(settings: UiSettings) -> None:
    settings.qsettings.remove("server")
    settings.sync()


class ServerDialog(QDialog):
    """The connection form; the password is asked every time and never kept."""

    def __init__(self, initial: ServerConnection | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Open practice server")
        self.host = QLineEdit()
        self.host.setAccessibleName("Server address")
        self.host.setPlaceholderText("e.g. db.mypractice.example")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.port.setAccessibleName("Port")
        self.database = QLineEdit()
        self.database.setAccessibleName("Database")
        self.user = QLineEdit()
        self.user.setAccessibleName("User name")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("Password")
        self.tls = QComboBox()
        self.tls.setAccessibleName("Encryption")
        for mode in TLS_MODES:
            self.tls.addItem(TLS_LABELS[mode], mode)
        self.tls.setCurrentIndex(TLS_MODES.index("prefer"))
        self.ca_file = QLineEdit()
        self.ca_file.setAccessibleName("CA file")
        self.ca_file.setPlaceholderText("The practice's certificate authority (.crt or .pem)")
        self.ca_button = QPushButton("&Browse…")
        self.ca_button.setAutoDefault(False)  # Return connects; it never opens the file chooser
        self.ca_button.clicked.connect(self.on_ca_button_clicked)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_file, 1)
        ca_row.addWidget(self.ca_button)
        form = QFormLayout()
        form.addRow("Server &address", self.host)
        form.addRow("P&ort", self.port)
        form.addRow("&Database", self.database)
        form.addRow("&User name", self.user)
        form.addRow("Pass&word", self.password)
        form.addRow("&Encryption (TLS)", self.tls)
        ca_label = QLabel("&CA file")
        ca_label.setBuddy(self.ca_file)
        form.addRow(ca_label, ca_row)
        self.note = QLabel("The password is asked each time and never stored. The rest is remembered "
                           "on this computer and offered at the next start.")
        self.note.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setStyleSheet("color:#b00020")
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.open_button = self.buttons.addButton("&Connect", QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button.setDefault(True)
        self.buttons.accepted.connect(self.on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        if initial is not None:
            self.host.setText(initial.host)
            self.port.setValue(initial.port)
            self.database.setText(initial.database)
            self.user.setText(initial.user)
            self.tls.setCurrentIndex(TLS_MODES.index(initial.tls_mode))
            self.ca_file.setText(initial.ca_file)
        (self.password if initial is not None else self.host).setFocus()

    def connection(self) -> ServerConnection:
        return ServerConnection(self.host.text().strip(), self.database.text().strip(), self.user.text().strip(),
                                self.port.value(), str(self.tls.currentData()), self.ca_file.text().strip())

    def on_ca_button_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "The practice's CA certificate", self.ca_file.text(),
                                              "Certificates (*.crt *.pem);;All files (*)")
        if path:
            self.ca_file.setText(path)

    def on_buttons_accepted(self) -> None:
        problem = self.connection().problem()
        self.problem.setText(problem)
        if not problem:
            self.accept()


class ServerQuestions:
    """Asks for the server and the password; tests pass their own."""

    def ask(self, parent: QWidget, initial: ServerConnection | None) -> tuple[ServerConnection, str] | None:
        dialog = ServerDialog(initial, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.connection(), dialog.password.text()
