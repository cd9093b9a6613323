"""Storage failures become one clear message for the user, sorted by type and driver code, or stay bugs."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from factories import make_client
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError

from consultapp.store.db import open_database
from consultapp.store.errors import (
    CannotOpenDatabase,
    DatabaseBusy,
    DriverMissing,
    KnownError,
    LoginRefused,
    NoSuchDatabase,
    NotADatabase,
    ReadOnlyDatabase,
    ServerUnreachable,
    UnstorableText,
    ValueTooLarge,
    classify,
)
from consultapp.store.facade import Store


def _raised(run: object) -> BaseException:
    try:
        run()  # type: ignore[operator]
    except Exception as exc:
        return exc
    raise AssertionError("nothing was raised")


# -- SQLite: real errors, sorted by their result code ------------------------------------------------
@pytest.fixture
def sqlite_file(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "records.db"
    open_database(path).close()
    yield path


def test_a_locked_sqlite_file_is_busy(sqlite_file: Path) -> None:
    holder = sqlite3.connect(sqlite_file, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock
        engine = create_engine(f"sqlite:///{sqlite_file}", connect_args={"timeout": 0})
        with engine.connect() as conn:
            exc = _raised(lambda: conn.execute(text("INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '')")))
        engine.dispose()
    finally:
        holder.close()
    known = classify(exc)
    assert isinstance(known, DatabaseBusy) and known.driver_code == "SQLITE_BUSY"
    assert str(known) == "The database is busy in another program. Close it there and try again."


def test_a_read_only_sqlite_file_is_read_only(sqlite_file: Path) -> None:
    # Opened read-only (a chmod is no use here: the tests may run as root, whom no mode bit stops).
    engine = create_engine(f"sqlite:///file:{sqlite_file}?mode=ro&uri=true")
    with engine.connect() as conn:
        exc = _raised(lambda: conn.execute(text("INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '')")))
    engine.dispose()
    known = classify(exc)
    assert isinstance(known, ReadOnlyDatabase) and known.driver_code == "SQLITE_READONLY"
    assert str(known).startswith("The database file is read-only.")


def test_a_folder_that_does_not_exist_cannot_be_opened(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'gone' / 'x.db'}")
    exc = _raised(engine.connect)
    engine.dispose()
    assert isinstance(classify(exc), CannotOpenDatabase)


def test_a_file_that_is_no_database_says_so(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4080)  # the header, then garbage
    with pytest.raises(NotADatabase):
        open_database(path)
    other = tmp_path / "holiday.jpg.db"
    other.write_bytes(b"\xff\xd8\xff" * 2000)  # not even SQLite, and no key file beside it
    with pytest.raises(NotADatabase, match="is not a ConsultApp database"):
        open_database(other)


def test_the_code_decides_never_the_wording() -> None:
    busy = sqlite3.OperationalError("some words the driver chose")
    busy.sqlite_errorcode, busy.sqlite_errorname = 5 | (2 << 8), "SQLITE_BUSY_SNAPSHOT"  # an extended code
    assert isinstance(classify(OperationalError("UPDATE visit", {}, busy)), DatabaseBusy)
    plain = sqlite3.OperationalError("database is locked")
    plain.sqlite_errorcode, plain.sqlite_errorname = 1, "SQLITE_ERROR"  # a bug, whatever it says
    assert classify(OperationalError("UPDATE visit", {}, plain)) is None


# -- PostgreSQL: real errors, by SQLSTATE where the server gives one -------------------------------------
@pytest.mark.postgres
def test_a_database_name_that_does_not_exist_on_the_server(postgres_schema_url: str) -> None:
    wrong = make_url(postgres_schema_url).set(database="consultapp_no_such_database")
    with pytest.raises(NoSuchDatabase, match="That database does not exist on the server.") as raised:
        open_database(wrong.render_as_string(hide_password=False))
    assert raised.value.driver_code is None  # refused at connect: libpq gives no SQLSTATE (message read)


@pytest.mark.postgres
def test_a_login_the_server_does_not_know(postgres_schema_url: str) -> None:
    wrong = make_url(postgres_schema_url).set(username="consultapp_nobody")
    with pytest.raises(LoginRefused):
        open_database(wrong.render_as_string(hide_password=False))


@pytest.mark.postgres
def test_a_server_nobody_listens_on_is_unreachable(postgres_schema_url: str) -> None:
    with pytest.raises(ServerUnreachable):
        open_database(make_url(postgres_schema_url).set(port=1).render_as_string(hide_password=False))


@pytest.mark.postgres
def test_a_nul_byte_cannot_be_stored_on_postgresql(postgres_schema_url: str) -> None:
    db = open_database(postgres_schema_url)
    try:
        # psycopg refuses it before sending (no SQLSTATE); the server refuses \u0000 in JSON (22P05).
        with pytest.raises(UnstorableText, match=r"cannot be stored \(NUL\)"):
            Store(db).issue_document(kind="letter", content=b"%PDF", title="a\x00b", filename="x.pdf", issued_by="")
        with db.engine.connect() as conn:
            exc = _raised(lambda: conn.execute(text("SELECT CAST(:j AS jsonb)"), {"j": '"\\u0000"'}))
        known = classify(exc)
        assert isinstance(known, UnstorableText) and known.driver_code == "22P05"
    finally:
        db.close()


@pytest.mark.postgres
def test_a_name_longer_than_its_column_is_too_large(postgres_schema_url: str) -> None:
    db = open_database(postgres_schema_url)
    try:
        # The store refuses it first, as the forms and import do (domain.records.validate)...
        with pytest.raises(UnstorableText, match="too long"):
            Store(db).save_client(make_client(given="A" * 400))
        # ...and the server's own refusal, should anything else write it, is still sorted.
        with db.engine.connect() as conn:
            conn.execute(text("CREATE TEMP TABLE long_names (v varchar(300))"))
            exc = _raised(lambda: conn.execute(text("INSERT INTO long_names VALUES (:v)"), {"v": "A" * 400}))
        known = classify(exc)
        assert isinstance(known, ValueTooLarge) and known.driver_code == "22001"
    finally:
        db.close()


# -- errors with no code, and what is never the user's problem ---------------------------------------------
def _no_code(message: str) -> OperationalError:
    return OperationalError("SELECT 1", {}, Exception(message))


@pytest.mark.parametrize(
    ("driver_message", "expected"),
    [
        ("database is locked", DatabaseBusy),
        ("attempt to write a readonly database", ReadOnlyDatabase),
        ('connection failed: FATAL:  database "nosuchdb" does not exist', NoSuchDatabase),
        ('FATAL:  password authentication failed for user "x"', LoginRefused),
        ('connection failed: FATAL:  role "nobody" does not exist', LoginRefused),
        ("connection refused", ServerUnreachable),
    ],
)
def test_an_error_without_a_code_is_sorted_by_its_wording(driver_message: str, expected: type[KnownError]) -> None:
    known = classify(_no_code(driver_message))
    assert type(known) is expected and known.driver_code is None
    assert str(known) == expected.message


def test_every_known_problem_has_its_own_code() -> None:
    kinds = [DatabaseBusy, ReadOnlyDatabase, CannotOpenDatabase, NotADatabase, NoSuchDatabase, LoginRefused,
             ServerUnreachable, UnstorableText, ValueTooLarge, DriverMissing]
    assert len({k.code for k in kinds}) == len(kinds)


def test_missing_postgres_driver_says_which_extra_to_install() -> None:
    known = classify(ModuleNotFoundError("No module named 'psycopg'", name="psycopg"))
    assert isinstance(known, DriverMissing) and "consultapp[postgres]" in str(known)


def test_bugs_stay_bugs() -> None:
    assert classify(KeyError("x")) is None
    assert classify(ZeroDivisionError()) is None
    assert classify(DBAPIError("SELECT 1", {}, Exception("syntax error at or near SELEC"))) is None
