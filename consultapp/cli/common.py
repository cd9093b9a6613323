"""Helpers every command-line module shares: one-line errors, ids, opening the database."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from consultapp.runtime.files import write_private

if TYPE_CHECKING:  # (this module is on the app's start-up path: its imports cost every start)
    import argparse
    import uuid
    from collections.abc import Callable

    from consultapp.store.db import Database
    from consultapp.store.facade import Store


    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]
    """Where each command module adds its commands (``register``)."""
    AddDb = Callable[..., None]
    """Adds ``--db`` and ``--passphrase-file`` to a command's parser (``consultapp.cli._add_db``)."""
    Handler = Callable[[argparse.Namespace], int]
    """Runs one command; returns the exit status."""


class CliError(Exception):
    """An error to print as one line on stderr, exiting non-zero."""


def parse_uuid(value: str, what: str) -> uuid.UUID:
    import uuid  # (not at start-up: uuid imports the platform module, ~20 ms)

    try:
        return uuid.UUID(value.strip())
    except ValueError:
        raise CliError(f"'{value}' is not a valid {what} id (expected a UUID).") from None


_passphrase: str | None = None


def set_passphrase(passphrase: str | None) -> None:
    """The passphrase given with ``--passphrase-file``, used by every command that opens a database."""
    global _passphrase
    _passphrase = passphrase


def current_passphrase() -> str | None:
    return _passphrase


def read_secret_file(path: str) -> str:
    """A passphrase from a file: the first line, without its line ending (spaces inside are kept)."""
    try:
        text = Path(path).expanduser().read_text(encoding="utf-8")
    except OSError as exc:
        raise CliError(f"Cannot read the passphrase file {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise CliError(f"The passphrase file {path} is not UTF-8 text.") from None
    secret = text.splitlines()[0] if text else ""
    if not secret:
        raise CliError(f"The passphrase file {path} is empty.")
    return secret


def add_recovery_key_file(parser: argparse.ArgumentParser) -> None:
    """``--recovery-key-file`` on a command that may create an encrypted database."""
    parser.add_argument("--recovery-key-file", metavar="FILE", default=None,
                        help="when an encrypted database is created: write its recovery key to this new file "
                        "(readable by you only) instead of printing it")


def open_db(target: str | None, *, create: bool = False, recovery_key_file: str | None = None) -> Database:
    """Open (and migrate) the database named by ``--db`` (default: the app's own database).

    An encrypted database is unlocked with the ``--passphrase-file`` passphrase; a new file is
    created encrypted when a passphrase was given, plain otherwise: its recovery key is then printed,
    once, or written to ``recovery_key_file``. Imports the store only when called.
    """
    # lazy: the store (SQLAlchemy, Alembic) loads only when a command opens a database, not at start-up
    from consultapp.store.db import default_database_path, open_database

    key_out = new_file(recovery_key_file) if recovery_key_file else None
    db = open_database(target or default_database_path(), create=create, passphrase=_passphrase)
    if db.recovery_key:
        try:
            deliver_recovery_key(db.recovery_key, key_out)
        except CliError:
            db.close()
            raise
    db.set_user(f"command line ({_login_name()})")
    return db


def new_file(value: str) -> Path:
    """Where the recovery key will go: a new file in a folder that exists (checked before any work)."""
    out = Path(value).expanduser()
    if out.exists() or out.is_symlink():
        raise CliError(f"{out} already exists; give --recovery-key-file a new file name.")
    if not out.parent.is_dir():
        raise CliError(f"The folder {out.parent} does not exist.")
    return out


def deliver_recovery_key(key: str, out: Path | None) -> None:
    if out is None:
        print(f"Recovery key (write it down and keep it safe; it is shown only once): {key}")
        return
    import os  # (standard library, needed only here)

    try:
        fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(key + "\n")
        os.chmod(out, 0o600)  # whatever the umask
    except OSError as exc:  # the database exists now: its key must not be lost
        print(f"Recovery key (write it down and keep it safe; it is shown only once): {key}")
        raise CliError(f"Cannot write the recovery key to {out}: {exc.strerror or exc}; it is printed above.") from exc
    print(f"Recovery key written to {out} (keep it safe, away from this computer).")


@contextmanager
def open_store(target: str | None, *, create: bool = False, recovery_key_file: str | None = None) -> Iterator[Store]:
    """The store on the database named by ``--db`` (``open_db``), closed when the command is done."""
    # lazy: the store (SQLAlchemy, Alembic) loads only when a command opens a database, not at start-up
    from consultapp.store.facade import Store

    db = open_db(target, create=create, recovery_key_file=recovery_key_file)
    try:
        yield Store(db)
    finally:
        db.close()


def _login_name() -> str:
    import getpass  # (standard library, needed only when a database is opened)

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (some containers)
        return "unknown user"


def output_path(value: str) -> Path:
    """A file to write: refuse a folder or a missing parent folder before any work is done."""
    out = Path(value).expanduser()
    if out.is_dir():
        raise CliError(f"{out} is a folder; give a file name ending in .pdf.")
    if not out.parent.exists():
        raise CliError(f"The folder {out.parent} does not exist.")
    return out


def write_output(out: Path, data: bytes) -> None:
    """Write a command's file (a PDF, a code list): 0600, atomically (health records, named after a family)."""
    try:
        write_private(out, data)
    except OSError as exc:
        raise CliError(f"Cannot write {out}: {exc.strerror or exc}") from exc


def file_in_the_way(folder: Path) -> Path | None:
    """The file standing where ``folder`` or one of its parents should be a folder (None when there is none).

    Making the folder would fail on it (``mkdir`` says "File exists"); a command checks before any work.
    """
    for path in (folder, *folder.parents):
        if path.exists():  # (False beneath a file too: ENOTDIR)
            return None if path.is_dir() else path
    return None
