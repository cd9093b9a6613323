"""The migration scripts and the app's idea of its schema agree."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
import uuid
from pathlib import Path

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from consultapp.domain.vocabulary import Position
from consultapp.store.backup import extract_backup, read_backup
from consultapp.store.db import HEAD_REVISION, KNOWN_REVISIONS, MIGRATIONS_DIR, current_revision, migrate, open_database
from consultapp.store.facade import Store
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


SCHEMAS = sorted((Path(__file__).parent / "schemas").glob("schema_*.db"))


def _old_rows(path: Path) -> dict[str, object]:
    con = sqlite3.connect(path)
    try:
        return {
            "clients": con.execute("SELECT id, given_name, family_name FROM client ORDER BY id").fetchall(),
            "visits": con.execute("SELECT id, visit_date, reason FROM visit ORDER BY id").fetchall(),
            "assessments": {
                uuid.UUID(hex=row[0]): (json.loads(row[1]), tuple(row[2:7]), tuple(row[7:11]), row[11])
                for row in con.execute(
                    "SELECT visit_id, positions, latch_latch, latch_audible, latch_nipple_type, latch_comfort,"
                    " latch_hold, btat_tip, btat_frenulum, btat_lift, btat_protrusion, weight_g FROM baby_assessment"
                )
            },
        }
    finally:
        con.close()


def test_a_database_per_historical_schema_is_stored() -> None:
    assert [p.name for p in SCHEMAS] == ["schema_0001_baseline.db"]


@pytest.mark.parametrize("schema", SCHEMAS, ids=lambda p: p.stem)
def test_upgrading_an_old_database_keeps_every_record(schema: Path, tmp_path: Path) -> None:
    path = tmp_path / "practice.db"
    shutil.copy(schema, path)
    before = _old_rows(path)
    db = open_database(path)
    try:
        assert current_revision(db.engine) == HEAD_REVISION
        repo = Store(db)
        clients = repo.search_clients("", limit=10_000)
        assert sorted(str(c.id).replace("-", "") for c in clients) == [r[0] for r in before["clients"]]
        visits = repo.all_visits()
        assert len(visits) == len(before["visits"])  # type: ignore[arg-type]
        for summary in visits:
            visit = repo.get_visit(summary.id)
            positions, latch, btat, weight = before["assessments"][summary.id]  # type: ignore[index]
            [assessment] = visit.assessments
            assert [p.value for p in assessment.positions] == positions
            assert tuple(assessment.latch.item_scores()) == latch
            assert tuple(assessment.btat.item_scores()) == btat
            assert assessment.weight_g == weight
    finally:
        db.close()
    [backup_file] = tmp_path.glob("practice.before-0001_baseline-*.cabackup")
    assert read_backup(backup_file).revision == "0001_baseline"
    unpacked = extract_backup(backup_file, tmp_path, "unpacked.db")
    assert _old_rows(unpacked) == before  # the copy taken before migrating is the old data, whole


def test_upgrade_from_the_baseline_on_postgresql(postgres_schema_url: str) -> None:
    """The same data move on PostgreSQL: a baseline database with a scored visit, then upgraded."""
    from alembic import command

    db = open_database(postgres_schema_url, run_migrations=False)
    try:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        with db.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "0001_baseline")
            now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
            ids = {name: uuid.uuid4() for name in ("client", "baby", "visit", "assessment")}
            common = {"created_at": now, "updated_at": now, "version": 1}
            conn.execute(text(
                "INSERT INTO client (id, given_name, family_name, phone, address, search_text, sort_name,"
                " created_at, updated_at, version) VALUES (:id, 'Zoë', 'O''Brien', '', '', 'zoe', 'obrien',"
                " :created_at, :updated_at, :version)"), {"id": ids["client"], **common})
            conn.execute(text(
                "INSERT INTO baby (id, client_id, name, birth_order, created_at, updated_at, version)"
                " VALUES (:id, :client, 'Leo', 1, :created_at, :updated_at, :version)"),
                {"id": ids["baby"], "client": ids["client"], **common})
            conn.execute(text(
                "INSERT INTO visit (id, client_id, visit_date, location, reason, status, breast_signs,"
                " created_at, updated_at, version) VALUES (:id, :client, '2026-01-02', 'home', 'r', 'draft', '[]',"
                " :created_at, :updated_at, :version)"), {"id": ids["visit"], "client": ids["client"], **common})
            conn.execute(text(
                "INSERT INTO baby_assessment (id, visit_id, baby_id, weight_g, positions, latch_latch, latch_audible,"
                " latch_nipple_type, latch_comfort, latch_hold, btat_tip, created_at, updated_at, version)"
                " VALUES (:id, :visit, :baby, 3000, '[\"football\"]', 1, 2, 2, 1, 0, 2,"
                " :created_at, :updated_at, :version)"),
                {"id": ids["assessment"], "visit": ids["visit"], "baby": ids["baby"], **common})
        migrate(db)
        visit = Store(db).get_visit(ids["visit"])
        [assessment] = visit.assessments
        assert assessment.positions == [Position.FOOTBALL]
        assert assessment.latch.item_scores() == [1, 2, 2, 1, 0]
        assert assessment.btat.tip == 2 and assessment.weight_g == 3000
    finally:
        db.close()
