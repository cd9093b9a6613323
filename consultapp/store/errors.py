"""Storage errors sorted into the user's problems (with a clear message) and bugs."""

from __future__ import annotations

from typing import ClassVar

from consultapp.domain.records.validate import record_problems

# SQLAlchemy is imported only when an error is classified: the window must not wait for it at start.


class KnownError(Exception):
    """A problem the user can understand and act on; ``str()`` is the message to show.

    ``code`` names the kind of problem (stable, for logs and tests; branch on the type, never on the
    message). ``driver_code`` is the database driver's own code it was sorted by, when there was one
    (``SQLITE_BUSY``, a PostgreSQL SQLSTATE such as ``3D000``).
    """

    code: ClassVar[str] = "known"
    message: ClassVar[str] = ""
    """The message when none is given."""

    def __init__(self, message: str = "", *, driver_code: str | None = None) -> None:
        super().__init__(message or self.message)
        self.driver_code = driver_code


class NotFoundError(KnownError):
    code = "not_found"


class ConflictError(KnownError):
    """Someone else saved the same record since it was opened.

    ``current`` is the record as now stored (so the screen can show what changed and let her merge);
    ``changed_by`` and ``changed_at`` say who saved it and when, when known.
    """

    code = "conflict"

    def __init__(
        self, message: str, *, current: object | None = None, changed_by: str = "", changed_at: object | None = None
    ) -> None:
        super().__init__(message)
        self.current = current
        self.changed_by = changed_by
        self.changed_at = changed_at


class DatabaseNewerError(KnownError):
    code = "database_newer"


class InvalidDatabaseTarget(KnownError):
    code = "invalid_target"


class DamagedDatabase(KnownError):
    """The file failed its integrity check: reads may work, writes are refused."""

    code = "damaged"
    message = "The database file is damaged. Restore it from a backup."


class PassphraseRequired(KnownError):
    """The database is encrypted and no passphrase was given."""

    code = "passphrase_required"


class WrongPassphrase(KnownError):
    """The passphrase (or recovery key) given does not open the database."""

    code = "wrong_passphrase"


class DamagedKeyFile(KnownError):
    """The key file beside an encrypted database is unreadable, malformed or out of bounds (checked before use)."""

    code = "damaged_key_file"
    message = "The database's key file is damaged. Restore it from a backup (a backup holds it beside the database)."


class ServerUnreachable(KnownError):
    """The PostgreSQL server cannot be reached (network, address, server down)."""

    code = "server_unreachable"
    message = "The database server cannot be reached. Check the address, the network and the server."


class DatabaseBusy(KnownError):
    """Another program holds the database locked."""

    code = "database_busy"
    message = "The database is busy in another program. Close it there and try again."


class DiskFull(KnownError):
    code = "disk_full"
    message = "The disk is full. Free some space, then save again."


class ReadOnlyDatabase(KnownError):
    code = "read_only_database"
    message = "The database file is read-only. Check the file's permissions or the drive."


class CannotOpenDatabase(KnownError):
    code = "cannot_open"
    message = "The database file cannot be opened. Check that the folder exists."


class NotADatabase(KnownError):
    """The file is no ConsultApp database, or it is damaged or encrypted."""

    code = "not_a_database"
    message = "This file is not a ConsultApp database, or it is damaged or encrypted."


class DiskError(KnownError):
    code = "disk_error"
    message = "The disk reported an error while saving. Check the drive and try again."


class ValueTooLarge(KnownError):
    code = "value_too_large"
    message = "A value is too large to store; check the numbers and lengths typed."


class ReadOnlyRole(KnownError):
    """The login may only read (a reviewer's role)."""

    code = "read_only_role"
    message = "Your login may only read records on this server (a reviewer's role); nothing was changed."


class LoginRefused(KnownError):
    code = "login_refused"
    message = "The database server refused the login. Check the user name and password."


class NoSuchDatabase(KnownError):
    code = "no_such_database"
    message = "That database does not exist on the server."


class UnstorableText(KnownError):
    """Text holds a character the database cannot store (NUL)."""

    code = "unstorable_text"
    message = "The text contains a character that cannot be stored (NUL)."


def refuse_unstorable(record: object, where: str) -> None:
    """Refuse a record whose text the forms and import would refuse (``domain.records.validate``: control
    characters, lone surrogates, overlong text), before anything is written: never silently cleaned.

    Raises:
        UnstorableText: naming the first field and why.
    """
    problems = record_problems(record, where)
    if problems:
        raise UnstorableText(f"{problems[0]}; nothing was saved.")


class FileSystemError(KnownError):
    code = "file_system"


class DriverMissing(KnownError):
    """An optional database driver (psycopg) is not installed."""

    code = "driver_missing"
    message = "PostgreSQL support is not installed: pip install 'consultapp[postgres]'."


# SQLite's primary result codes (the low byte of the extended code the driver gives; sqlite.org/rescode.html).
_SQLITE_CODES: dict[int, type[KnownError]] = {
    5: DatabaseBusy,  # SQLITE_BUSY: another connection holds the write lock
    6: DatabaseBusy,  # SQLITE_LOCKED: a table is locked
    8: ReadOnlyDatabase,  # SQLITE_READONLY
    10: DiskError,  # SQLITE_IOERR
    11: DamagedDatabase,  # SQLITE_CORRUPT
    13: DiskFull,  # SQLITE_FULL
    14: CannotOpenDatabase,  # SQLITE_CANTOPEN
    18: ValueTooLarge,  # SQLITE_TOOBIG
    26: NotADatabase,  # SQLITE_NOTADB (also a wrong key for an encrypted file)
}

# PostgreSQL SQLSTATEs (postgresql.org/docs/current/errcodes-appendix.html): exact codes, then classes.
_SQLSTATES: dict[str, type[KnownError]] = {
    "3D000": NoSuchDatabase,  # invalid_catalog_name
    "42501": ReadOnlyRole,  # insufficient_privilege
    "22001": ValueTooLarge,  # string_data_right_truncation: value too long
    "22003": ValueTooLarge,  # numeric_value_out_of_range
    "22021": UnstorableText,  # character_not_in_repertoire (a NUL byte)
    "22P05": UnstorableText,  # untranslatable_character (\u0000 in JSON)
    "53100": DiskFull,  # disk_full
    "57P01": ServerUnreachable,  # admin_shutdown
    "57P02": ServerUnreachable,  # crash_shutdown
    "57P03": ServerUnreachable,  # cannot_connect_now (starting up, shutting down)
}
_SQLSTATE_CLASSES: dict[str, type[KnownError]] = {
    "08": ServerUnreachable,  # connection_exception
    "28": LoginRefused,  # invalid_authorization_specification (and invalid_password)
}

# Only for errors that carry no code (see classify): the driver's wording, lower-cased, and what it means.
_WORDINGS: tuple[tuple[tuple[str, ...], type[KnownError]], ...] = (
    (("database is locked",), DatabaseBusy),
    (("database or disk is full",), DiskFull),
    (("readonly database",), ReadOnlyDatabase),
    (("unable to open database file",), CannotOpenDatabase),
    (("file is not a database",), NotADatabase),
    (("disk i/o error",), DiskError),
    (("database disk image is malformed",), DamagedDatabase),
    (("out of range",), ValueTooLarge),
    (("value too long",), ValueTooLarge),
    (("permission denied",), ReadOnlyRole),
    (("insufficient privilege",), ReadOnlyRole),
    (("password authentication failed",), LoginRefused),
    (("role", "does not exist"), LoginRefused),
    (("database", "does not exist"), NoSuchDatabase),
    (("cannot contain nul (0x00)",), UnstorableText),
)


def classify(exc: BaseException) -> KnownError | None:
    """Return a KnownError for failures that are the user's environment's doing, or None for bugs.

    Sorted by the driver's code: SQLite's result code (``sqlite_errorcode``, given by the sqlite3 module
    on Python 3.11+ and by sqlcipher3) and PostgreSQL's SQLSTATE (``sqlstate``, psycopg 3). Never by
    the message, except where the driver gives no code at all (see below).
    """
    if isinstance(exc, KnownError):
        return exc
    from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError  # lazy: see the top of the module

    if isinstance(exc, ArgumentError):
        return InvalidDatabaseTarget(f"Not a valid database path or URL: {exc}")
    if isinstance(exc, ModuleNotFoundError) and (exc.name or "").startswith("psycopg"):
        return DriverMissing()
    orig = exc.orig if isinstance(exc, DBAPIError) else exc  # a driver's error, wrapped by SQLAlchemy or not
    sqlite_code = getattr(orig, "sqlite_errorcode", None)
    if isinstance(sqlite_code, int):
        kind = _SQLITE_CODES.get(sqlite_code & 0xFF)
        return kind(driver_code=getattr(orig, "sqlite_errorname", str(sqlite_code))) if kind else None
    sqlstate = getattr(orig, "sqlstate", None)
    if isinstance(sqlstate, str) and sqlstate:
        kind = _SQLSTATES.get(sqlstate) or _SQLSTATE_CLASSES.get(sqlstate[:2])
        if kind is None and isinstance(exc, OperationalError):
            kind = ServerUnreachable  # psycopg's OperationalError: the server's resources, shutdown, system errors
        return kind(driver_code=sqlstate) if kind else None
    if isinstance(exc, DBAPIError):
        # No code from the driver: psycopg gives no SQLSTATE for what libpq itself reports (the
        # connection failed, the login or the database was refused at connect, a NUL byte refused
        # before sending: psycopg/psycopg#1188), nor does an SQLite driver that predates error codes.
        # Only here is the message read.
        text = str(orig).lower()
        for needles, kind in _WORDINGS:
            if all(n in text for n in needles):
                return kind()
        if isinstance(exc, OperationalError) or "connection" in text or "server" in text:
            return ServerUnreachable()
        if "nul" in text and "character" in text:  # psycopg2's "cannot contain NUL (0x00) characters"
            return UnstorableText()
    if isinstance(exc, OSError):
        return FileSystemError(f"The file system refused the operation: {exc.strerror or exc}")
    return None
