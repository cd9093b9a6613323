"""The few places the UI asks the user something modal, behind one injectable object.

Tests pass their own ``Dialogs`` so that no modal ``exec()`` ever blocks a test run.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


@dataclass
class Dialogs:
    """Modal questions and OS hand-offs; override any method in tests."""

    def ask_save_pdf(self, parent: QWidget, title: str, suggested: Path) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), "PDF documents (*.pdf)")
        if not path:
            return None
        result = Path(path)
        return result if result.suffix.lower() == ".pdf" else result.with_suffix(".pdf")

    def open_file(self, path: Path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def error(self, parent: QWidget, message: str) -> None:
        QMessageBox.warning(parent, "ConsultApp", message)

    def confirm_discard(self, parent: QWidget, what: str) -> bool:
        answer = QMessageBox.question(
            parent,
            "Unsaved changes",
            f"{what} has changes that are not saved. Discard them?",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard
