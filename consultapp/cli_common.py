"""Helpers every command-line module shares: one-line errors, ids, opening the database."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from consultapp.store.db import Database


class CliError(Exception):
    """An error to print as one line on stderr, exiting non-zero."""


def parse_uuid(value: str, what: str) -> uuid.UUID:
    try:
        return uuid.UUID(value.strip())
    except ValueError:
        raise CliError(f"'{value}' is not a valid {what} id (expected a UUID).") from None


def open_db(target: str, *, create: bool = False) -> Database:
    """Open (and migrate) the database named by ``--db``; imports the store only when called."""
    from consultapp.store.db import open_database

    return open_database(target, create=create)


def output_path(value: str) -> Path:
    """A file to write: refuse a folder or a missing parent folder before any work is done."""
    out = Path(value).expanduser()
    if out.is_dir():
        raise CliError(f"{out} is a folder; give a file name ending in .pdf.")
    if not out.parent.exists():
        raise CliError(f"The folder {out.parent} does not exist.")
    return out


def write_output(out: Path, data: bytes) -> None:
    try:
        out.write_bytes(data)
    except OSError as exc:
        raise CliError(f"Cannot write {out}: {exc.strerror or exc}") from exc
