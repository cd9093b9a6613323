"""Logging: warnings to stderr, and a rotating log file in the user log folder.

The app never logs client data: names, dates of birth and notes stay out of every message (log
calls name records by id, counts and file names only). Only ConsultApp's own loggers write here; a
library's debug logging (which could echo SQL parameters) is never routed to the file.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

LOG_FILE_NAME = "consultapp.log"


def log_folder() -> Path:
    from platformdirs import user_log_path

    return user_log_path("ConsultApp", appauthor=False)


def configure(level: str | None = None) -> Path | None:
    """Send ConsultApp's log records to stderr (warnings) and to the log file; returns the file."""
    logger = logging.getLogger("consultapp")
    if getattr(logger, "_consultapp_configured", False):
        return None
    logger.setLevel(getattr(logging, (level or os.environ.get("CONSULTAPP_LOG_LEVEL", "INFO")).upper(), logging.INFO))
    logger.propagate = False
    stderr = logging.StreamHandler()
    stderr.setLevel(logging.WARNING)
    stderr.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logger.addHandler(stderr)
    path: Path | None = None
    try:
        folder = log_folder()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / LOG_FILE_NAME
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
    except OSError:
        path = None  # a read-only home: log to stderr only
    logger._consultapp_configured = True  # type: ignore[attr-defined]
    return path
