"""The migration scripts and the app's idea of its schema agree, and every historical database upgrades.

tests/store/schemas/ holds one database per revision (built by make_schemas.py there); each is upgraded
to head, on SQLite as the app opens a file and on PostgreSQL from the same rows, and read back.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import shutil
import sqlite3
import uuid
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import JSON, Boolean, Column, Date, DateTime, MetaData, Time, Uuid, inspect

from consultapp.domain.serialize import to_data
from consultapp.store import audit, users
from consultapp.store.backup import extract_backup, read_backup
from consultapp.store.db import (
    HEAD_REVISION,
    KNOWN_REVISIONS,
    MIGRATIONS_DIR,
    Database,
    current_revision,
    migrate,
    open_database,
)
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


SCHEMAS_DIR = Path(__file__).parent / "schemas"
SCHEMAS = sorted(SCHEMAS_DIR.glob("schema_*.db"))


def _make_schemas() -> ModuleType:
    """The script that builds the stored databases (it also knows how to bring one to revision N)."""
    spec = importlib.util.spec_from_file_location("make_schemas", SCHEMAS_DIR / "make_schemas.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _revision(schema: Path) -> str:
    return schema.stem.removeprefix("schema_")


Raw = dict[str, list[dict[str, Any]]]


def _raw_rows(path: Path) -> Raw:
    """Every row of every table of a stored database, as SQLite holds it (search index and Alembic aside)."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    try:
        tables = [name for (name,) in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'client_search%'"
            " AND name NOT IN ('alembic_version', 'sqlite_sequence') ORDER BY name")]
        return {t: [dict(r) for r in con.execute(f'SELECT * FROM "{t}" ORDER BY rowid')] for t in tables}
    finally:
        con.close()


def _uuid(value: str | None) -> uuid.UUID | None:
    return None if value is None else uuid.UUID(hex=value)


def _date(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def _by(rows: list[dict[str, Any]], key: str, value: Any) -> list[dict[str, Any]]:
    return [r for r in rows if r[key] == value]


def _check_practice(store: Store, raw: Raw) -> None:
    [row] = raw["practice"]
    practice = store.get_practice()
    assert practice.id == _uuid(row["id"])
    for name in ("name", "consultant_name", "credentials", "address", "phone", "email"):
        assert getattr(practice, name) == row[name], name
    if "settings" in row:
        settings = json.loads(row["settings"])
        assert practice.settings.weight_unit.value == settings["weight_unit"]
        assert practice.settings.clogged_duct_variant.value == settings["clogged_duct_variant"]
        assert practice.settings.paper == settings["paper"]
    if "identifiers" in row:
        assert (practice.fax, practice.logo) == (row["fax"], row["logo"])
        assert practice.identifiers.practice_npi == json.loads(row["identifiers"])["practice_npi"]


def _contact_babies(row: dict[str, Any]) -> tuple[uuid.UUID, ...]:
    if "baby_ids" in row:
        return tuple(uuid.UUID(b) for b in json.loads(row["baby_ids"]))
    return () if row["baby_id"] is None else (uuid.UUID(hex=row["baby_id"]),)


def _check_clients(store: Store, raw: Raw) -> None:
    assert store.count_clients() == len(raw["client"])
    for row in raw["client"]:
        client = store.get_client(_uuid(row["id"]))  # type: ignore[arg-type]
        assert (client.given_name, client.family_name, client.phone, client.address) == (
            row["given_name"], row["family_name"], row["phone"], row["address"])
        assert client.date_of_birth == _date(row["date_of_birth"])
        babies = sorted(_by(raw["baby"], "client_id", row["id"]), key=lambda b: b["birth_order"])
        assert [(b.id, b.name, b.birth_weight_g, b.date_of_birth) for b in client.babies] == [
            (_uuid(b["id"]), b["name"], b["birth_weight_g"], _date(b["date_of_birth"])) for b in babies]
        if "sex" in babies[0]:
            assert [(b.sex and b.sex.value, b.gestational_age_days, b.delivery_mode and b.delivery_mode.value)
                    for b in client.babies] == [(b["sex"], b["gestational_age_days"], b["delivery_mode"])
                                                for b in babies]
            assert [b.birth_time and b.birth_time.isoformat(timespec="microseconds") for b in client.babies] == [
                b["birth_time"] for b in babies]
        if "history_notes" in row:
            h = client.history
            assert (h.previous_mastitis, h.previous_breastfeeding, h.medications, h.notes) == (
                bool(row["history_previous_mastitis"]), row["history_previous_breastfeeding"],
                row["history_medications"], row["history_notes"])
            if "history_conditions" in row:  # 0011
                assert [c.value for c in h.conditions] == json.loads(row["history_conditions"])
        if "status" in row:
            assert (client.preferred_name, client.language, client.access_notes, client.status.value) == (
                row["preferred_name"], row["language"], row["access_notes"], row["status"])
            assert client.insurance.member_id == json.loads(row["insurance"]).get("member_id", "")
            assert client.consents.care == _date(row["consent_care"])
            contacts = sorted(_by(raw["care_contact"], "client_id", row["id"]), key=lambda c: c["ordinal"])
            # 0011: a contact's one baby became a list of babies; the baby it had is kept.
            assert [(c.name, c.role.value, c.practice, c.phone, c.fax, c.baby_ids) for c in client.contacts] == [
                (c["name"], c["role"], c["practice"], c["phone"], c["fax"], _contact_babies(c)) for c in contacts]
        # Found by name as typed, through the search index that the migrations keep.
        found = {c.id for c in store.search_clients(f"{row['given_name']} {row['family_name']}")}
        assert client.id in found
    # 0009: a Chinese name typed whole finds her, whichever revision she was saved at.
    wang = [r for r in raw["client"] if r["given_name"] == "王"]
    assert [c.id for c in store.search_clients("王小明")] == [_uuid(r["id"]) for r in wang]


def _expected_feeds(raw: Raw, assessment: dict[str, Any]) -> list[tuple[Any, ...]]:
    if "positions" in assessment:  # 0001: one list of positions and one LATCH per baby, side not recorded
        latch = [assessment[f"latch_{n}"] for n in ("latch", "audible", "nipple_type", "comfort", "hold")]
        return [(None, json.loads(assessment["positions"]), latch)]
    feeds = sorted(_by(raw["feeding_observation"], "assessment_id", assessment["id"]), key=lambda f: f["ordinal"])
    return [
        (f["side"], json.loads(f["positions_tried"]),
         [f[f"latch_{n}"] for n in ("latch", "audible", "nipple_type", "comfort", "hold")])
        for f in feeds
    ]


def _check_visit(store: Store, raw: Raw, row: dict[str, Any]) -> None:
    visit = store.get_visit(_uuid(row["id"]))  # type: ignore[arg-type]
    assert (visit.client_id, visit.visit_date, visit.location.value, visit.reason) == (
        _uuid(row["client_id"]), _date(row["visit_date"]), row["location"], row["reason"])
    assert str(visit.status) == row["status"]
    finding = visit.breast_finding
    read = (finding.concern.value, finding.side.value, [s.value for s in finding.signs]) if finding else None
    concern = row["breast_concern"]
    old = (concern, row["breast_side"], json.loads(row["breast_signs"])) if concern else None
    assert read == old
    assessments = _by(raw["baby_assessment"], "visit_id", row["id"])
    assert sorted(str(a.baby_id) for a in visit.assessments) == sorted(str(_uuid(a["baby_id"])) for a in assessments)
    for stored in assessments:
        [a] = [a for a in visit.assessments if a.baby_id == _uuid(stored["baby_id"])]
        assert a.weight_g == stored["weight_g"]
        assert a.tongue.btat.item_scores() == [stored[f"btat_{n}"] for n in ("tip", "frenulum", "lift", "protrusion")]
        assert [(f.side and f.side.value, [p.value for p in f.positions_tried], f.latch.item_scores())
                for f in a.feeds] == _expected_feeds(raw, stored)
        if "jaundice" in stored:
            assert (a.feeds_per_24h, a.wet_diapers, a.jaundice, a.weak_suckle) == (
                stored["feeds_per_24h"], stored["wet_diapers"], bool(stored["jaundice"]), bool(stored["weak_suckle"]))
            assert (a.tongue.coryllos and a.tongue.coryllos.value, a.tongue.kotlow_mm, a.tongue.referral) == (
                stored["coryllos"], stored["kotlow_mm"], stored["referral"])
            if "dark_urine" in stored:  # 0011
                assert (a.jaundice_onset_hours, a.dark_urine, a.formula_fed) == (
                    stored["jaundice_onset_hours"], bool(stored["dark_urine"]), bool(stored["formula_fed"]))
            pair = (a.test_weight.pre_g, a.test_weight.post_g) if a.test_weight else None
            assert pair == ((stored["test_pre_g"], stored["test_post_g"]) if stored["test_pre_g"] else None)
        if "feeding_plan" in stored:  # (0010)
            plan = json.loads(stored["feeding_plan"]) if stored["feeding_plan"] else None
            assert (to_data(a.feeding_plan) if a.feeding_plan else None) == plan
        else:
            assert a.feeding_plan is None
    if "feeding_plan" in row:
        assert (visit.plan.feeding_plan, visit.plan.follow_up) == (row["feeding_plan"], _date(row["follow_up"]))
        assert (visit.parent.temperature_c, visit.parent.pressure_on_breast) == (
            row["parent_temperature_c"], bool(row["parent_pressure_on_breast"]))
        findings = sorted(_by(raw["breast_map_finding"], "visit_id", row["id"]), key=lambda f: f["ordinal"])
        assert [(f.side.value, f.kind.value, f.clock, f.size_cm) for f in visit.map_findings] == [
            (f["side"], f["kind"], f["clock"], f["size_cm"]) for f in findings]
        sides = sorted(_by(raw["breast_side_exam"], "visit_id", row["id"]), key=lambda e: e["side"])
        assert [(e.side.value, e.pain, e.engorgement) for e in visit.breast_sides] == [
            (e["side"], e["pain"], bool(e["engorgement"])) for e in sides]
        nipples = sorted(_by(raw.get("nipple_exam", []), "visit_id", row["id"]), key=lambda e: e["side"])
        assert [(e.side.value, e.pain_at_latch, e.pain_during_feed, [s.value for s in e.signs], e.pain_days,
                 e.not_healing) for e in visit.nipples] == [
            (e["side"], e["pain_at_latch"], e["pain_during_feed"], json.loads(e["signs"]), e["pain_days"],
             bool(e["not_healing"])) for e in nipples]
        steps = sorted(_by(raw["plan_step"], "visit_id", row["id"]), key=lambda s: s["ordinal"])
        assert [(s.key, s.text, s.custom) for s in visit.plan.steps] == [
            (s["key"], s["text"], bool(s["custom"])) for s in steps]
    assert visit.visit_time == (dt.time.fromisoformat(row["visit_time"]) if row.get("visit_time") else None)
    if "billing" in row:
        billing = json.loads(row["billing"]) if row["billing"] else None
        assert (visit.billing.code_list_version if visit.billing else None) == (
            billing["code_list_version"] if billing else None)
    if "finalized_by" in row:
        assert store.is_final(visit.id) == (row["status"] == "final")  # type: ignore[arg-type]
        amendments = _by(raw["visit_amendment"], "visit_id", row["id"])
        assert [(a.author, a.reason, [c.field for c in a.changes]) for a in store.amendments(visit.id)] == [
            (a["author"], a["reason"], [c["field"] for c in json.loads(a["changes"])]) for a in amendments]


def _check_visits(store: Store, raw: Raw) -> None:
    assert len(store.all_visits()) == len(raw["visit"])
    for row in raw["visit"]:
        _check_visit(store, raw, row)
    # A baby's weighings at earlier visits (for the weight chart) read back in order.
    latest = max(dt.date.fromisoformat(v["visit_date"]) for v in raw["visit"])
    dates = {v["id"]: dt.date.fromisoformat(v["visit_date"]) for v in raw["visit"]}
    expected: dict[uuid.UUID, list[tuple[dt.date, int]]] = {}
    for a in sorted(raw["baby_assessment"], key=lambda a: dates[a["visit_id"]]):
        if dates[a["visit_id"]] < latest and a["weight_g"] is not None:
            expected.setdefault(_uuid(a["baby_id"]), []).append((dates[a["visit_id"]], a["weight_g"]))  # type: ignore[arg-type]
    babies = [_uuid(b["id"]) for b in raw["baby"]]
    assert store.earlier_weighings(babies, latest) == expected  # type: ignore[arg-type]


def _check_records(store: Store, db: Database, raw: Raw) -> None:
    """Issued documents, drafts and handouts (0003), the audit trail (0004), consultants (0005), code lists."""
    if "issued_document" in raw:
        for row in raw["issued_document"]:
            [doc] = [d for d in store.documents_for_client(_uuid(row["client_id"])) if d.id == _uuid(row["id"])]  # type: ignore[arg-type]
            assert (doc.kind, doc.title, doc.filename, doc.issued_by, doc.visit_id) == (
                row["kind"], row["title"], row["filename"], row["issued_by"], _uuid(row["visit_id"]))
            assert store.document_content(doc.id) == row["content"]
        drafts = {d.key: d for d in store.drafts()}
        for row in raw["visit_draft"]:
            payload = json.loads(row["payload"])
            draft = drafts[_uuid(row["id"])]  # type: ignore[index]
            assert (draft.client_id, draft.visit.reason) == (_uuid(row["client_id"]), payload["reason"])
            assert draft.unparsed == payload.get("_unparsed", {})
        assert sorted(store.practice_handouts()) == sorted(r["slug"] for r in raw["practice_handout"])
    if "audit_entry" in raw:
        with db.session() as s:
            assert audit.verify(s) == []
            assert [e.seq for e in audit.entries(s)] == [r["seq"] for r in raw["audit_entry"]]
    if "consultant" in raw:
        assert [(c.name, c.role.value) for c in users.consultants(db)] == [
            (r["name"], r["role"]) for r in sorted(raw["consultant"], key=lambda r: r["name"])]
    if "practice_code_list" in raw:
        assert [d["version"] for d in store.practice_code_lists()] == [
            json.loads(r["data"])["version"] for r in raw["practice_code_list"]]


def check_rows_survived(db: Database, raw: Raw) -> None:
    """What the old database held reads back, field by field, through the store at head."""
    assert current_revision(db.engine) == HEAD_REVISION
    store = Store(db)
    _check_practice(store, raw)
    _check_clients(store, raw)
    _check_visits(store, raw)
    _check_records(store, db, raw)


def test_a_database_per_historical_schema_is_stored() -> None:
    assert [_revision(p) for p in SCHEMAS] == list(KNOWN_REVISIONS)
    for schema in SCHEMAS:
        assert schema.stat().st_size < 96 * 1024, f"{schema.name}: keep the stored databases small"
        con = sqlite3.connect(f"file:{schema}?mode=ro", uri=True)
        try:
            assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [(_revision(schema),)]
        finally:
            con.close()


@pytest.mark.parametrize("schema", SCHEMAS, ids=_revision)
def test_upgrading_a_stored_database_keeps_every_record(schema: Path, tmp_path: Path) -> None:
    path = tmp_path / "practice.db"
    shutil.copy(schema, path)
    before = _raw_rows(path)
    db = open_database(path)
    try:
        check_rows_survived(db, before)
    finally:
        db.close()
    revision = _revision(schema)
    backups = list(tmp_path.glob(f"practice.before-{revision}-*.cabackup"))
    if revision == HEAD_REVISION:
        assert backups == []  # nothing to migrate, nothing copied
        return
    [backup_file] = backups
    assert read_backup(backup_file).revision == revision
    unpacked = extract_backup(backup_file, tmp_path, "unpacked.db")
    assert _raw_rows(unpacked) == before  # the copy taken before migrating is the old data, whole


def _from_sqlite(column: Column[Any], value: Any) -> Any:
    """A value as SQLite stored it, as the PostgreSQL column of the same schema takes it."""
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, Uuid):
        return uuid.UUID(hex=value)
    if isinstance(kind, DateTime):
        return dt.datetime.fromisoformat(value).replace(tzinfo=dt.UTC)
    if isinstance(kind, Date):
        return dt.date.fromisoformat(value)
    if isinstance(kind, Time):
        return dt.time.fromisoformat(value)
    if isinstance(kind, JSON):
        return json.loads(value)
    if isinstance(kind, Boolean):
        return bool(value)
    return value


def load_stored_rows_into_postgresql(schema: Path, db: Database) -> None:
    """The PostgreSQL database at the stored file's revision, holding the same rows."""
    make_schemas = _make_schemas()
    make_schemas.upgrade_to(db, _revision(schema))
    src = sqlite3.connect(f"file:{schema}?mode=ro", uri=True)
    stored = {name for (name,) in src.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    tables = MetaData()
    # The stored file's tables only: the server keeps tables of its own (0013's audit bookkeeping, of types
    # SQLAlchemy does not reflect) that a SQLite file has no rows for.
    tables.reflect(db.engine, only=lambda name, _meta: name in stored)
    try:
        with db.engine.begin() as conn:
            for table in tables.sorted_tables:
                if table.name == "alembic_version":
                    continue
                names = ", ".join(f'"{c.name}"' for c in table.columns)
                rows = [
                    {c.name: _from_sqlite(c, v) for c, v in zip(table.columns, row, strict=True)}
                    for row in src.execute(f'SELECT {names} FROM "{table.name}"')
                ]
                conn.execute(table.delete())  # audit_head: 0004 starts it with the genesis row
                if rows:
                    conn.execute(table.insert(), rows)
    finally:
        src.close()


@pytest.mark.postgres
@pytest.mark.parametrize("schema", SCHEMAS, ids=_revision)
def test_upgrading_a_stored_database_on_postgresql_keeps_every_record(schema: Path, postgres_schema_url: str) -> None:
    db = open_database(postgres_schema_url, run_migrations=False)
    try:
        load_stored_rows_into_postgresql(schema, db)
        assert current_revision(db.engine) == _revision(schema)
        migrate(db)
        check_rows_survived(db, _raw_rows(schema))
    finally:
        db.close()
