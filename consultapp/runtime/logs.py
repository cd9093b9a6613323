"""Logging: warnings to stderr, and a rotating log file in the user log folder.

The app never logs client data: names, dates of birth and notes stay out of every message (log
calls name records by id, counts and file names only). Only ConsultApp's own loggers write here; a
library's debug logging (which could echo SQL parameters) is never routed to the file.

The app opens its log file once its first page of clients shows (``app.run``; two seconds after the
window takes input at the latest): what is logged before then is held and written to the file first,
so nothing is lost and starting up does not wait for the file.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from io import TextIOWrapper

from consultapp.runtime.files import open_private, private_dir

LOG_FILE_NAME = "consultapp.log"
LOGGER = "consultapp"


def log_folder() -> Path:
    from platformdirs import user_log_path

    return user_log_path("ConsultApp", appauthor=False)


def _private_rotating_handler(path: Path) -> logging.Handler:
    """A rotating log whose files are 0600 (a file name in a message could carry a family's)."""
    # lazy: logging.handlers (socket, queue...) loads once the window shows, not at start-up
    from logging.handlers import RotatingFileHandler

    class PrivateRotatingFileHandler(RotatingFileHandler):
        def _open(self) -> TextIOWrapper:
            opened = open_private(self.baseFilename, self.mode, encoding=self.encoding, errors=self.errors)
            return cast("TextIOWrapper", opened)

    return PrivateRotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")


class _Held(logging.Handler):
    """Keeps the records logged before the log file opens (see ``attach_log_file``)."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.records) < 10_000:  # (a runaway loop before the file opens cannot eat the memory)
            self.records.append(record)


def configure(level: str | None = None, *, log_file: bool = True) -> Path | None:
    """Send ConsultApp's log records to stderr (warnings) and to the log file; returns the file.

    ``log_file=False`` holds the records until ``attach_log_file()`` opens the file.
    """
    logger = logging.getLogger(LOGGER)
    if getattr(logger, "_consultapp_configured", False):
        return None
    logger.setLevel(getattr(logging, (level or os.environ.get("CONSULTAPP_LOG_LEVEL", "INFO")).upper(), logging.INFO))
    logger.propagate = False
    stderr = logging.StreamHandler()
    stderr.setLevel(logging.WARNING)
    stderr.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logger.addHandler(stderr)
    logger.addHandler(_Held())
    logger._consultapp_configured = True  # type: ignore[attr-defined]
    return attach_log_file() if log_file else None


def attach_log_file() -> Path | None:
    """Open the rotating log file and write the records held until now to it; returns the file.

    None when the folder cannot be written (a read-only home: stderr only) or it is already open.
    """
    logger = logging.getLogger(LOGGER)
    held = next((h for h in logger.handlers if isinstance(h, _Held)), None)
    if held is None:
        return None
    logger.removeHandler(held)
    try:
        folder = private_dir(log_folder())
        path = folder / LOG_FILE_NAME
        handler = _private_rotating_handler(path)
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    for record in held.records:
        handler.handle(record)
    logger.addHandler(handler)
    return path
