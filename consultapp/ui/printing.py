"""Printing a PDF at the practice's paper size, off the GUI thread, saying where it went.

Three ways out, chosen by ``backend_for``:

* "Print to file" in the print dialog: the PDF's own bytes are written (exactly as issued, vector, on the
  practice's paper).
* A named printer where the system has a print service (CUPS ``lp``): the PDF's bytes are handed to it with
  the practice's paper as the media; the printer's driver rasterises at its own resolution.
* Otherwise (no ``lp``: Windows, a bare system): each page is rendered by PDFium at the printer's resolution,
  in bands (a 1200 dpi page would be half a gigabyte in one piece), and painted on a QPrinter set to the
  practice's paper.

Every backend is a job for ``ui/tasks.py``: a generator of ``Progress`` returning what to tell the user.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Generator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from consultapp.runtime.files import write_private
from consultapp.ui.pdf_render import page_count, render_band
from consultapp.ui.tasks import Progress

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

PAPERS = ("a4", "letter")
CUPS_MEDIA = {"a4": "A4", "letter": "Letter"}
BAND_PIXELS = 24_000_000  # about 96 MB of RGBX per band, whatever the printer's resolution
LP_TIMEOUT_S = 120


@dataclass(frozen=True)
class PrintChoice:
    """What the user chose in the print dialog."""

    printer_name: str = ""
    output_file: Path | None = None
    """"Print to file": the PDF is written here."""
    copies: int = 1
    dpi: int = 600
    """The printer's resolution (the fallback renders at it)."""
    printer: QPrinter | None = None
    """The dialog's QPrinter, for the fallback that paints on it (None: one is made for ``printer_name``)."""


@dataclass(frozen=True)
class PrintJob:
    data: bytes
    """The PDF, exactly as issued."""
    paper: str
    """The practice's paper: "a4" or "letter"."""
    title: str
    choice: PrintChoice

    def __post_init__(self) -> None:
        if self.paper not in PAPERS:
            raise ValueError(f"paper must be a4 or letter, not {self.paper!r}")


class PrintBackend(Protocol):
    """Sends a job, yielding progress; returns the sentence that says where it went."""

    def send(self, job: PrintJob) -> Generator[Progress, None, str]: ...


def pages_word(pages: int) -> str:
    return f"{pages} page{'s' if pages != 1 else ''}"


class FileBackend:
    """Print to file: the PDF's own bytes, so the file is the practice's paper and vector, as issued."""

    def send(self, job: PrintJob) -> Generator[Progress, None, str]:
        target = job.choice.output_file
        assert target is not None
        yield Progress(0, 1, f"Saving to {target.name}…")
        write_private(target, job.data)
        yield Progress(1, 1, f"Saved to {target.name}")
        return f"Saved {pages_word(page_count(job.data))} to {target}."


@dataclass
class CupsBackend:
    """Hands the PDF's bytes to the system's print service (CUPS ``lp``) with the practice's paper."""

    lp: str
    run: Callable[..., subprocess.CompletedProcess[bytes]] = subprocess.run

    def command(self, job: PrintJob) -> list[str]:
        choice = job.choice
        command = [
            self.lp,
            "-n",
            str(max(1, choice.copies)),
            "-o",
            f"media={CUPS_MEDIA[job.paper]}",
            "-o",
            "fit-to-page",
            "-t",
            job.title,
        ]
        if choice.printer_name:
            command[1:1] = ["-d", choice.printer_name]
        return command

    def send(self, job: PrintJob) -> Generator[Progress, None, str]:
        pages = page_count(job.data)
        where = job.choice.printer_name or "the default printer"
        yield Progress(0, 1, f"Sending {pages_word(pages)} to {where}…")
        try:
            done = self.run(self.command(job), input=job.data, capture_output=True, timeout=LP_TIMEOUT_S, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise OSError(f"The print service did not take the document ({exc}).") from exc
        if done.returncode != 0:
            said = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise OSError(f"The print service refused the document: {said[-1] if said else done.returncode}.")
        yield Progress(1, 1, f"Taken by {where}")
        return f"Sent {pages_word(pages)} to {where}."


class PainterBackend:
    """No print service: PDFium renders each page at the printer's resolution; QPainter puts it on paper.

    QPainter on a QPrinter is allowed off the GUI thread (Qt: "Threads and QObjects", painting)."""

    def send(self, job: PrintJob) -> Generator[Progress, None, str]:
        # lazy: QtPrintSupport loads only when printing
        from PySide6.QtCore import QMarginsF, QRectF
        from PySide6.QtGui import QPageLayout, QPageSize, QPainter
        from PySide6.QtPrintSupport import QPrinter

        choice = job.choice
        printer = choice.printer or QPrinter(QPrinter.PrinterMode.HighResolution)
        if choice.printer is None and choice.printer_name:
            printer.setPrinterName(choice.printer_name)
        paper = QPageSize(QPageSize.PageSizeId.Letter if job.paper == "letter" else QPageSize.PageSizeId.A4)
        printer.setPageLayout(QPageLayout(paper, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
        printer.setFullPage(True)  # the PDF carries its own margins
        printer.setCopyCount(max(1, choice.copies))
        dpi = printer.resolution()
        total = page_count(job.data)
        where = choice.printer_name or printer.printerName() or "the printer"
        painter = QPainter()
        if not painter.begin(printer):
            raise OSError(f"{where} could not be started.")
        try:
            for index in range(total):
                yield Progress(index, total, f"Printing page {index + 1} of {total}…")
                if index:
                    printer.newPage()
                paper_px = painter.viewport()
                for image, top, page_height in render_band(job.data, index, dpi, BAND_PIXELS):
                    scale = paper_px.height() / page_height
                    painter.drawImage(QRectF(0, top * scale, image.width() * scale, image.height() * scale), image)
        finally:
            painter.end()
        yield Progress(total, total, f"Printed on {where}")
        return f"Sent {pages_word(total)} to {where}."


def backend_for(choice: PrintChoice, lp: str | None = None) -> PrintBackend:
    """Where a choice goes: a file, the system's print service, or QPainter at the printer's resolution."""
    if choice.output_file is not None:
        return FileBackend()
    lp = lp if lp is not None else (shutil.which("lp") or "")
    if lp:
        return CupsBackend(lp)
    return PainterBackend()


def choice_from_printer(printer: QPrinter) -> PrintChoice:
    """The print dialog's answer as a PrintChoice (its file when "Print to file" was ticked)."""
    output = printer.outputFileName()
    return PrintChoice(
        printer_name=printer.printerName(),
        output_file=Path(output) if output else None,
        copies=printer.copyCount(),
        dpi=printer.resolution(),
        printer=printer,
    )
