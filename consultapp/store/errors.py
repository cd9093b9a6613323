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


class ServerUnreachable(KnownError):
    """The PostgreSQL server cannot be reached (network, address, server down)."""


class DatabaseBusy(KnownError):
    """Another program holds the database locked."""


class DiskFull(KnownError):
    pass


class ReadOnlyDatabase(KnownError):
    pass


class CannotOpenDatabase(KnownError):
    pass


class NotADatabase(KnownError):
    """The file is no ConsultApp database, or it is damaged or encrypted."""


class DiskError(KnownError):
    pass


class ValueTooLarge(KnownError):
    pass


class ReadOnlyRole(KnownError):
    """The login may only read (a reviewer's role)."""


class LoginRefused(KnownError):
    pass


class NoSuchDatabase(KnownError):
    pass


class UnstorableText(KnownError):
    """Text holds a character the database cannot store (NUL)."""


class FileSystemError(KnownError):
    pass


class DriverMissing(KnownError):
    """An optional database driver (psycopg) is not installed."""


_SQLITE_MESSAGES: tuple[tuple[str, type[KnownError], str], ...] = (
    ("database is locked", DatabaseBusy, "The database is busy in another program. Close it there and try again."),
    ("database or disk is full", DiskFull, "The disk is full. Free some space, then save again."),
    ("readonly database", ReadOnlyDatabase,
     "The database file is read-only. Check the file's permissions or the drive."),
    ("unable to open database file", CannotOpenDatabase,
     "The database file cannot be opened. Check that the folder exists."),
    ("file is not a database", NotADatabase, "This file is not a ConsultApp database, or it is damaged or encrypted."),
    ("disk i/o error", DiskError, "The disk reported an error while saving. Check the drive and try again."),
    ("database disk image is malformed", DamagedDatabase, "The database file is damaged. Restore it from a backup."),
)


def classify(exc: BaseException) -> KnownError | None:
    """Return a KnownError for failures that are the user's environment's doing, or None for bugs."""
    if isinstance(exc, KnownError):
        return exc
    from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError  # lazy: see the top of the module

    if isinstance(exc, ArgumentError):
        return InvalidDatabaseTarget(f"Not a valid database path or URL: {exc}")
    if isinstance(exc, ModuleNotFoundError) and (exc.name or "").startswith("psycopg"):
        return DriverMissing("PostgreSQL support is not installed: pip install 'consultapp[postgres]'.")
    if isinstance(exc, OperationalError | DBAPIError):
        text = str(getattr(exc, "orig", exc)).lower()
        for needle, kind, message in _SQLITE_MESSAGES:
            if needle in text:
                return kind(message)
        if "out of range" in text or "value too long" in text:
            return ValueTooLarge("A value is too large to store; check the numbers and lengths typed.")
        if "permission denied" in text or "insufficient privilege" in text:
            return ReadOnlyRole(
                "Your login may only read records on this server (a reviewer's role); nothing was changed."
            )
        if "password authentication failed" in text or ("role" in text and "does not exist" in text):
            return LoginRefused("The database server refused the login. Check the user name and password.")
        if "database" in text and "does not exist" in text:
            return NoSuchDatabase("That database does not exist on the server.")
        if isinstance(exc, OperationalError) or "connection" in text or "server" in text:
            return ServerUnreachable(
                "The database server cannot be reached. Check the address, the network and the server."
            )
        if "nul" in text and "character" in text:
            return UnstorableText("The text contains a character that cannot be stored (NUL).")
    if isinstance(exc, OSError):
        return FileSystemError(f"The file system refused the operation: {exc.strerror or exc}")
    return None
