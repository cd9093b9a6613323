"""Storage errors sorted into the user's problems (with a clear message) and bugs."""

from __future__ import annotations

# SQLAlchemy is imported only when an error is classified: the window must not wait for it at start.


class KnownError(Exception):
    """A problem the user can understand and act on; ``str()`` is the message to show."""


class NotFoundError(KnownError):
    pass


class ConflictError(KnownError):
    """Someone else saved the same record since it was opened.

    ``current`` is the record as now stored (so the screen can show what changed and let her merge);
    ``changed_by`` and ``changed_at`` say who saved it and when, when known.
    """

    def __init__(
        self, message: str, *, current: object | None = None, changed_by: str = "", changed_at: object | None = None
    ) -> None:
        super().__init__(message)
        self.current = current
        self.changed_by = changed_by
        self.changed_at = changed_at


class DatabaseNewerError(KnownError):
    pass


class InvalidDatabaseTarget(KnownError):
    pass


class DamagedDatabase(KnownError):
    """The file failed its integrity check: reads may work, writes are refused."""


class PassphraseRequired(KnownError):
    """The database is encrypted and no passphrase was given."""


class WrongPassphrase(KnownError):
    """The passphrase (or recovery key) given does not open the database."""


_SQLITE_MESSAGES: tuple[tuple[str, str], ...] = (
    ("database is locked", "The database is busy in another program. Close it there and try again."),
    ("database or disk is full", "The disk is full. Free some space, then save again."),
    ("readonly database", "The database file is read-only. Check the file's permissions or the drive."),
    ("unable to open database file", "The database file cannot be opened. Check that the folder exists."),
    ("file is not a database", "This file is not a ConsultApp database, or it is damaged or encrypted."),
    ("disk i/o error", "The disk reported an error while saving. Check the drive and try again."),
    ("database disk image is malformed", "The database file is damaged. Restore it from a backup."),
)


def classify(exc: BaseException) -> KnownError | None:
    """Return a KnownError for failures that are the user's environment's doing, or None for bugs."""
    if isinstance(exc, KnownError):
        return exc
    from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError

    if isinstance(exc, ArgumentError):
        return InvalidDatabaseTarget(f"Not a valid database path or URL: {exc}")
    if isinstance(exc, ModuleNotFoundError) and (exc.name or "").startswith("psycopg"):
        return KnownError("PostgreSQL support is not installed: pip install 'consultapp[postgres]'.")
    if isinstance(exc, OperationalError | DBAPIError):
        text = str(getattr(exc, "orig", exc)).lower()
        for needle, message in _SQLITE_MESSAGES:
            if needle in text:
                return KnownError(message)
        if "out of range" in text or "value too long" in text:
            return KnownError("A value is too large to store; check the numbers and lengths typed.")
        if "permission denied" in text or "insufficient privilege" in text:
            return KnownError(
                "Your login may only read records on this server (a reviewer's role); nothing was changed."
            )
        if "password authentication failed" in text or ("role" in text and "does not exist" in text):
            return KnownError("The database server refused the login. Check the user name and password.")
        if "database" in text and "does not exist" in text:
            return KnownError("That database does not exist on the server.")
        if isinstance(exc, OperationalError) or "connection" in text or "server" in text:
            return KnownError("The database server cannot be reached. Check the address, the network and the server.")
        if "nul" in text and "character" in text:
            return KnownError("The text contains a character that cannot be stored (NUL).")
    if isinstance(exc, OSError):
        return KnownError(f"The file system refused the operation: {exc.strerror or exc}")
    return None
