"""What the letter and superbill windows share: choices on the left, the PDF on the right, Print and Save.

The PDF previewed is the one handed over: it is rendered again only when a choice changed since.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from consultapp.ui.dialogs import Dialogs
from consultapp.ui.letters.issuing import IssuableShown, IssuingActions
from consultapp.ui.pdf_preview import PdfView
from consultapp.ui.tasks import LabelProgress

if TYPE_CHECKING:
    from pathlib import Path

    from consultapp.store.facade import Store
    from consultapp.ui.report import Reporter


class DocumentDialog(QDialog):
    """Subclasses fill ``form`` and implement ``make`` (raise ValueError after showing problems)."""

    def __init__(self, title: str, store: Store, dialogs: Dialogs, *, author: Callable[[], str], report: Reporter,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.store, self.dialogs = store, dialogs
        self.author, self.report = author, report
        self.issuing = IssuingActions(store, dialogs)
        self.shown: IssuableShown | None = None
        self.stale = True

        self.form_widget = QWidget()
        self.form = QVBoxLayout(self.form_widget)
        self.form.setContentsMargins(0, 0, 8, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the form fits its width
        scroll.setWidget(self.form_widget)
        self.preview = PdfView()
        self.preview_button = QPushButton("Pre&view")
        self.preview_button.setToolTip("Ctrl+Shift+P")
        self.print_button = QPushButton("&Print…")
        self.print_button.setToolTip("Ctrl+P")
        self.save_button = QPushButton("Save P&DF…")
        self.close_button = QPushButton("Close")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Status")
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(scroll)
        splitter.addWidget(self.preview)
        splitter.setSizes([620, 620])
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        for button in (self.preview_button, self.print_button, self.save_button, self.close_button):
            button.setAutoDefault(False)  # Enter in a field must not print
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.preview_button.clicked.connect(self.on_preview_button_clicked)
        self.print_button.clicked.connect(self.on_print_button_clicked)
        self.save_button.clicked.connect(self.on_save_button_clicked)
        self.close_button.clicked.connect(self.accept)
        QShortcut(QKeySequence("Ctrl+Shift+P"), self, self.on_preview_button_clicked)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self, self.on_print_button_clicked)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self.on_save_button_clicked)
        self.resize(1240, 720)

    def make(self) -> IssuableShown:
        raise NotImplementedError

    def changed(self) -> None:
        """A choice changed: the next preview, print or save renders again (and a problem said before is gone
        from the line below until the document is made again)."""
        self.stale = True
        self.message.setText("Changed: Preview shows the document as it will now be.")

    def current(self) -> IssuableShown | None:
        """The document as previewed, rendered (and shown) again when a choice changed; None on a problem."""
        if self.shown is not None and not self.stale:
            return self.shown
        shown: IssuableShown | None = None
        with self.report.problems():
            try:
                shown = self.make()
            except ValueError as exc:
                self.message.setText(f"<span style='color:#b00020'>{exc}</span>")
                return None
        if shown is None:
            return None
        self.shown, self.stale = shown, False
        self.preview.set_pdf(shown.data)
        self.message.setText("")
        return shown

    def on_preview_button_clicked(self) -> None:
        self.current()

    def on_print_button_clicked(self) -> None:
        shown = self.current()
        if shown is None:
            return
        with self.report.problems():
            self.issuing.print(self, shown, self.author(), self.report, progress=LabelProgress(self.message),
                               done=lambda said: self.message.setText(f"{said} Kept as issued."))

    def on_save_button_clicked(self) -> None:
        shown = self.current()
        if shown is None:
            return
        target: Path | None = None
        with self.report.problems():
            target = self.issuing.save(self, shown, self.author())
        if target is not None:
            self.message.setText(f"Saved {target.name}; kept as issued.")
