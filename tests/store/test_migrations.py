"""The migration scripts and the app's idea of its schema agree."""

from __future__ import annotations

from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from consultapp.store.db import HEAD_REVISION, KNOWN_REVISIONS, MIGRATIONS_DIR, open_database
from consultapp.store.models import Base


def _scripts() -> ScriptDirectory:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return ScriptDirectory.from_config(config)


def test_known_revisions_are_the_alembic_history() -> None:
    scripts = _scripts()
    assert scripts.get_heads() == [HEAD_REVISION]
    history = [rev.revision for rev in scripts.walk_revisions()]
    assert list(reversed(history)) == list(KNOWN_REVISIONS)


def test_migrated_schema_matches_the_models(tmp_path: Path) -> None:
    db = open_database(tmp_path / "m.db")
    try:
        inspector = inspect(db.engine)
        for table in Base.metadata.sorted_tables:
            columns = {c["name"] for c in inspector.get_columns(table.name)}
            assert columns == {c.name for c in table.columns}, table.name
    finally:
        db.close()
