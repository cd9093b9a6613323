"""Shared fixtures: hermetic user folders, a fresh database per test on SQLite and PostgreSQL."""

from __future__ import annotations

import os

# Qt must know it has no display before any QApplication exists.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

import logging  # noqa: E402
import uuid  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from consultapp.store.db import Database, open_database  # noqa: E402
from consultapp.store.facade import Store  # noqa: E402

PG_URL_ENV = "CONSULTAPP_TEST_PG_URL"
PG_REQUIRED_ENV = "CONSULTAPP_REQUIRE_PG"
TESTS_DIR = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if (TESTS_DIR / "ui") in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def hermetic_logging() -> Iterator[None]:
    """Each test leaves ConsultApp's logger as it found it: a handler a test's ``configure()`` added keeps
    pytest's captured stderr, which is closed once that test ends (a later warning then fails to write)."""
    logger = logging.getLogger("consultapp")
    saved = (list(logger.handlers), logger.level, logger.propagate, logger.__dict__.get("_consultapp_configured"))
    yield
    for handler in logger.handlers:
        if handler not in saved[0]:
            handler.close()
    logger.handlers[:] = saved[0]
    logger.setLevel(saved[1])
    logger.propagate = saved[2]
    if saved[3] is None:
        logger.__dict__.pop("_consultapp_configured", None)
    else:
        logger.__dict__["_consultapp_configured"] = saved[3]


@pytest.fixture(autouse=True)
def hermetic_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep every test away from the real user's data, config and documents folders."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))


def postgres_url_or_skip() -> str:
    url = os.environ.get(PG_URL_ENV)
    if not url:
        if os.environ.get(PG_REQUIRED_ENV):
            pytest.fail(f"{PG_REQUIRED_ENV} is set but {PG_URL_ENV} is not")
        pytest.skip(f"PostgreSQL tests need {PG_URL_ENV} (e.g. postgresql+psycopg://postgres@127.0.0.1/test)")
    return url


@pytest.fixture
def postgres_schema_url() -> Iterator[str]:
    """A URL whose connections use a fresh, empty schema, dropped after the test."""
    base = postgres_url_or_skip()
    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:
        admin.dispose()
        if os.environ.get(PG_REQUIRED_ENV):
            raise
        pytest.skip(f"PostgreSQL at {make_url(base).render_as_string(hide_password=True)} unreachable: {exc}")
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a test's database lives: a SQLite file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        return str(tmp_path / "consultapp-test.db")
    return str(request.getfixturevalue("postgres_schema_url"))


@pytest.fixture
def db(db_target: str) -> Iterator[Database]:
    database = open_database(db_target)
    try:
        yield database
    finally:
        database.close()


@pytest.fixture
def repo(db: Database) -> Store:
    return Store(db)


@pytest.fixture
def sqlite_repo(tmp_path: Path) -> Iterator[Store]:
    database = open_database(tmp_path / "consultapp.db")
    try:
        yield Store(database)
    finally:
        database.close()
