"""Printing: the PDF as issued, on the practice's paper, handed to the print service (or rendered at the printer's
resolution), with progress while it runs and a word afterwards on where it went. No real printer: the print
service is a stand-in that records what it is given."""

from __future__ import annotations

import dataclasses
import io
import subprocess
from pathlib import Path
from typing import Any

import pypdf
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from ui.helpers import FakeDialogs, click, create_client, ctrl, go, make_window, type_into

from consultapp.store.facade import Store
from consultapp.ui.printing import CupsBackend, PainterBackend, PrintChoice, PrintJob, backend_for
from consultapp.ui.shell.window import MainWindow
from consultapp.ui.ui_settings import UiSettings

LETTER = (612, 792)  # points


def sizes(data: bytes) -> set[tuple[int, int]]:
    return {
        (round(float(p.mediabox.width)), round(float(p.mediabox.height)))
        for p in pypdf.PdfReader(io.BytesIO(data)).pages
    }


def use_letter(store: Store) -> None:
    practice = store.get_practice()
    practice.settings = dataclasses.replace(practice.settings, paper="letter")
    store.save_practice(practice)


@pytest.fixture
def letter_window(qtbot: QtBot, gui_repo: Store, dialogs: FakeDialogs, ui_settings: UiSettings) -> MainWindow:
    use_letter(gui_repo)
    window = make_window(qtbot, gui_repo, dialogs, ui_settings)
    create_client(qtbot, window, "Zoë", "Nguyễn & <Ó>", "Noah")
    ctrl(qtbot, window.home.search, Qt.Key.Key_N)
    type_into(qtbot, window.visit_editor.reason_section.reason, "Sore nipples")
    go(qtbot, window, 7)
    ctrl(qtbot, window.visit_editor.plan.table, Qt.Key.Key_P, shift=True)  # Ctrl+Shift+P: preview
    assert window.pages.currentWidget() is window.preview_page
    return window


@dataclasses.dataclass
class FakeLp:
    """The print service's ``lp``: remembers the command and the bytes, and what the window showed meanwhile."""

    window: MainWindow
    calls: list[tuple[list[str], bytes]] = dataclasses.field(default_factory=list)
    progress_shown: list[bool] = dataclasses.field(default_factory=list)
    returncode: int = 0

    def __call__(self, command: list[str], *, input: bytes, **_kw: Any) -> subprocess.CompletedProcess[bytes]:
        self.calls.append((command, input))
        self.progress_shown.append(self.window.progress.isVisible())
        return subprocess.CompletedProcess(
            command,
            self.returncode,
            b"request id is Front-1 (1 file(s))\n",
            b"lp: The printer is not responding." if self.returncode else b"",
        )


def test_a_letter_practice_hands_the_issued_pdf_to_the_print_service_on_letter(
    qtbot: QtBot, letter_window: MainWindow, gui_repo: Store, dialogs: FakeDialogs
) -> None:
    window = letter_window
    dialogs.printer_pdf, dialogs.printer_name = None, "Front desk"
    lp = FakeLp(window)
    assert window.document_actions is not None
    window.document_actions.backend = lambda choice: CupsBackend("lp", run=lp)
    click(qtbot, window.preview_page.print_button)

    assert dialogs.printer_papers == ["letter"]  # the print dialog opened on the practice's paper
    [(command, data)] = lp.calls
    [issued] = gui_repo.documents_for_client(window.current_client.id)
    assert data == gui_repo.document_content(issued.id)  # the bytes handed over are the PDF as issued
    assert data.startswith(b"%PDF") and len(data) < 400_000  # vector, not page images
    assert sizes(data) == {LETTER}
    assert command[:3] == ["lp", "-d", "Front desk"] and "media=Letter" in command
    assert lp.progress_shown == [True]  # the status bar's progress while the print service took it
    pages = len(pypdf.PdfReader(io.BytesIO(data)).pages)
    assert not window.progress.isVisible()
    assert window.statusBar().currentMessage() == f"Sent {pages} page{'s' if pages > 1 else ''} to Front desk."


def test_a_refusing_print_service_is_said_and_nothing_is_lost(
    qtbot: QtBot, letter_window: MainWindow, dialogs: FakeDialogs
) -> None:
    window = letter_window
    dialogs.printer_pdf, dialogs.printer_name = None, "Front desk"
    lp = FakeLp(window, returncode=1)
    assert window.document_actions is not None
    window.document_actions.backend = lambda choice: CupsBackend("lp", run=lp)
    click(qtbot, window.preview_page.print_button)
    assert len(lp.calls) == 1
    assert any("The printer is not responding" in e for e in dialogs.errors)
    assert window.pages.currentWidget() is window.preview_page and not window.progress.isVisible()


def test_print_to_file_writes_the_issued_bytes_on_the_practice_paper(
    qtbot: QtBot, letter_window: MainWindow, gui_repo: Store, dialogs: FakeDialogs
) -> None:
    window = letter_window
    ctrl(qtbot, window.preview_page.view, Qt.Key.Key_P)  # Ctrl+P; the dialog answers "Print to file"
    assert dialogs.printer_pdf is not None
    written = dialogs.printer_pdf.read_bytes()
    [issued] = gui_repo.documents_for_client(window.current_client.id)
    assert written == gui_repo.document_content(issued.id)
    assert sizes(written) == {LETTER}
    assert window.statusBar().currentMessage().endswith(f"to {dialogs.printer_pdf}.")
    assert window.statusBar().currentMessage().startswith("Saved ")


def test_the_real_lp_command_gets_the_pdf_on_its_standard_input(tmp_path: Path, letter_pdf: bytes) -> None:
    got, args = tmp_path / "got.pdf", tmp_path / "args"
    lp = tmp_path / "lp"
    lp.write_text(f"#!/bin/sh\nprintf '%s\\n' \"$@\" > {args}\ncat > {got}\necho 'request id is x-1'\n")
    lp.chmod(0o755)
    job = PrintJob(letter_pdf, "letter", "Care plan", PrintChoice(printer_name="Office", copies=2))
    backend = backend_for(job.choice, lp=str(lp))
    assert isinstance(backend, CupsBackend)
    steps = backend.send(job)
    progress = []
    try:
        while True:
            progress.append(next(steps))
    except StopIteration as stop:
        said = stop.value
    assert got.read_bytes() == letter_pdf
    assert args.read_text().split("\n")[:6] == ["-d", "Office", "-n", "2", "-o", "media=Letter"]
    assert [p.done for p in progress] == [0, 1] and said.endswith("to Office.")


def test_without_a_print_service_pages_are_painted_at_the_printers_resolution(
    qapp: object, tmp_path: Path, letter_pdf: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtPrintSupport import QPrinter

    monkeypatch.setattr("consultapp.ui.printing.BAND_PIXELS", 400_000)  # several bands a page
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "painted.pdf"))
    printer.setResolution(150)
    job = PrintJob(letter_pdf, "letter", "Care plan", PrintChoice(printer_name="Office", printer=printer))
    assert isinstance(backend_for(job.choice, lp=""), PainterBackend)
    list(PainterBackend().send(job))
    painted = (tmp_path / "painted.pdf").read_bytes()
    assert sizes(painted) == {LETTER}
    first = pypdf.PdfReader(io.BytesIO(painted)).pages[0]
    bands = [image.image for image in first.images]
    assert len(bands) > 1
    assert {b.width for b in bands} == {round(8.5 * 150)}  # the printer's resolution, across the whole page
    assert abs(sum(b.height for b in bands) - 11 * 150) <= len(bands)


@pytest.fixture
def letter_pdf(gui_repo: Store) -> bytes:
    from consultapp.services.samples import fill_sample
    from consultapp.services.visits import render_care_plan

    sample = fill_sample(gui_repo)
    use_letter(gui_repo)
    data = render_care_plan(gui_repo, sample.visit_id)
    assert sizes(data) == {LETTER}
    return data
