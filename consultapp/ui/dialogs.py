"""The few places the UI asks the user something modal, behind one injectable object.

Tests pass their own ``Dialogs`` so that no modal ``exec()`` ever blocks a test run.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

# The dialog classes are looked up when a question is asked: naming them here would build their
# Python types (and enums) while the app starts, for questions most starts never ask.
from PySide6 import QtCore, QtGui, QtWidgets

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from consultapp.ui.printing import PrintChoice

DraftAnswer = Literal["restore", "discard", "later"]
UnsavedAnswer = Literal["save", "discard", "cancel"]


class Dialogs:
    """Modal questions and OS hand-offs; override any method in tests (it holds no state of its own)."""

    def ask_save_pdf(self, parent: QWidget, title: str, suggested: Path) -> Path | None:
        path, _ = QtWidgets.QFileDialog.getSaveFileName(parent, title, str(suggested), "PDF documents (*.pdf)")
        if not path:
            return None
        result = Path(path)
        return result if result.suffix.lower() == ".pdf" else result.with_suffix(".pdf")

    def ask_image(self, parent: QWidget, title: str) -> Path | None:
        """An image file to open (the practice logo), or None when cancelled."""
        path, _ = QtWidgets.QFileDialog.getOpenFileName(parent, title, str(Path.home()), "Images (*.png *.jpg *.jpeg)")
        return Path(path) if path else None

    def ask_photo_files(self, parent: QWidget) -> list[Path]:
        """Photo files to add to a visit (several at once), or [] when cancelled."""
        kinds = "Photos (*.jpg *.jpeg *.png *.heic *.heif *.JPG *.JPEG *.PNG *.HEIC)"
        paths, _ = QtWidgets.QFileDialog.getOpenFileNames(parent, "Add photos", str(Path.home()), kinds)
        return [Path(p) for p in paths]

    def ask_open_file(self, parent: QWidget, title: str, file_filter: str) -> Path | None:
        path, _ = QtWidgets.QFileDialog.getOpenFileName(parent, title, str(Path.home()), file_filter)
        return Path(path) if path else None

    def ask_save_file(self, parent: QWidget, title: str, suggested: Path, file_filter: str) -> Path | None:
        path, _ = QtWidgets.QFileDialog.getSaveFileName(parent, title, str(suggested), file_filter)
        return Path(path) if path else None

    def ask_folder(self, parent: QWidget, title: str, suggested: Path) -> Path | None:
        path = QtWidgets.QFileDialog.getExistingDirectory(parent, title, str(suggested))
        return Path(path) if path else None

    def ask_printer(self, parent: QWidget, paper: str = "a4") -> PrintChoice | None:
        """The printer (or the file) chosen in the print dialog, opened on the practice's ``paper``; None when
        cancelled."""
        # lazy: QtPrintSupport only when printing
        from PySide6.QtGui import QPageSize
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from consultapp.ui.printing import choice_from_printer

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter if paper == "letter" else QPageSize.PageSizeId.A4))
        dialog = QPrintDialog(printer, parent)
        return choice_from_printer(printer) if dialog.exec() == QPrintDialog.DialogCode.Accepted else None

    def open_file(self, path: Path) -> None:
        QtGui.QDesktopServices.openUrl(QtCore.QUrl.fromLocalFile(str(path)))

    def error(self, parent: QWidget | None, message: str) -> None:
        QtWidgets.QMessageBox.warning(parent, "ConsultApp", message)

    def confirm_discard(self, parent: QWidget, what: str) -> bool:
        """Changes would be replaced (not left): Discard them, or Cancel. Leaving a page asks ``ask_unsaved``."""
        buttons = QtWidgets.QMessageBox.StandardButton
        answer = QtWidgets.QMessageBox.question(
            parent, "Unsaved changes", f"{what} has changes that are not saved. Discard them?",
            buttons.Discard | buttons.Cancel, buttons.Cancel,
        )
        return answer == buttons.Discard

    def ask_unsaved(self, parent: QWidget, what: str) -> UnsavedAnswer:
        """Unsaved changes are about to be left: Save them (the default, Enter), Discard them, or Cancel (Escape)."""
        buttons = QtWidgets.QMessageBox.StandardButton
        answer = QtWidgets.QMessageBox.question(
            parent, "Unsaved changes", f"{what} has changes that are not saved. Save them before leaving?",
            buttons.Save | buttons.Discard | buttons.Cancel, buttons.Save,
        )
        if answer == buttons.Save:
            return "save"
        return "discard" if answer == buttons.Discard else "cancel"

    def confirm(self, parent: QWidget, title: str, question: str) -> bool:
        answer = QtWidgets.QMessageBox.question(parent, title, question)
        return answer == QtWidgets.QMessageBox.StandardButton.Yes

    def ask_restore_draft(self, parent: QWidget, description: str) -> DraftAnswer:
        box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Question, "Unsaved visit found",
                          f"{description}\n\nThe app closed before this visit was saved. Restore it?", parent=parent)
        restore = box.addButton("&Restore", QtWidgets.QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton("&Discard", QtWidgets.QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("Ask me &later", QtWidgets.QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(restore)
        box.exec()
        if box.clickedButton() is restore:
            return "restore"
        return "discard" if box.clickedButton() is discard else "later"

    def ask_amendment_reason(self, parent: QWidget) -> str | None:
        """Why a final visit is being changed (required: Save waits for it); None cancels the save."""
        from consultapp.ui.visit.amend_dialog import AmendReasonDialog  # lazy: the visit editor's dialog loads with it

        dialog = AmendReasonDialog(parent)
        return dialog.text() if dialog.exec() == QtWidgets.QDialog.DialogCode.Accepted else None

    # -- keeping records safe (ui/security) ---------------------------------------------------------
    def ask_backup_to_restore(self, parent: QWidget, folder: Path) -> Path | None:
        path, _ = QtWidgets.QFileDialog.getOpenFileName(parent, "Restore from a backup", str(folder),
                                              "ConsultApp backups (*.cabackup);;All files (*)")
        return Path(path) if path else None

    def ask_backup_target(self, parent: QWidget, suggested: Path) -> Path | None:
        path, _ = QtWidgets.QFileDialog.getSaveFileName(parent, "Back up the database to", str(suggested),
                                              "ConsultApp backups (*.cabackup)")
        return Path(path) if path else None

    def ask_client_export(self, parent: QWidget, folder: Path) -> Path | None:
        """A client export (client-ID.json) to import; None cancels."""
        path, _ = QtWidgets.QFileDialog.getOpenFileName(parent, "Import a client", str(folder),
                                              "Client exports (client-*.json);;All files (*)")
        return Path(path) if path else None

    def ask_text(self, parent: QWidget, title: str, label: str) -> str | None:
        """A line of text typed by the user (e.g. a client's full name to confirm an erasure); None cancels."""
        text, ok = QtWidgets.QInputDialog.getText(parent, title, label, QtWidgets.QLineEdit.EchoMode.Normal)
        return text if ok else None

    def ask_secret(self, parent: QWidget, title: str, label: str) -> str | None:
        """A passphrase, typed hidden; None cancels."""
        text, ok = QtWidgets.QInputDialog.getText(parent, title, label, QtWidgets.QLineEdit.EchoMode.Password)
        return text if ok else None

    def info(self, parent: QWidget, message: str) -> None:
        QtWidgets.QMessageBox.information(parent, "ConsultApp", message)
