"""Build one stored database per schema revision: ``schema_<revision>.db`` beside this file.

Run from the repository root (again after adding a migration, so the new revision gets its file):

    PYTHONPATH=. python tests/store/schemas/make_schemas.py

Each file is a fresh SQLite database brought to revision N with Alembic, the way the app of that time
created it, holding representative rows inserted with plain SQL in the shape revision N stored them:
a practice, a mother of twins with her babies, a client with a Chinese name, two visits (assessments of
both twins, feeds, a breast finding, weights), and, from the revision that added them, breast-map
findings, plan steps, an amendment, an issued document, a draft, a practice handout, audit entries,
a consultant, care contacts, billing codes and a code list. Ids and times are fixed, so a rebuilt
file holds the same rows (only the order of constraints in tables that Alembic rebuilt may differ).
tests/store/test_migrations.py upgrades each one to head (on SQLite, and copied into PostgreSQL) and
reads the rows back through the store.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
import sys
import uuid
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from consultapp.store.db import KNOWN_REVISIONS, MIGRATIONS_DIR, Database, open_database  # noqa: E402

Row = dict[str, Any]
_LATCH = ("latch_latch", "latch_audible", "latch_nipple_type", "latch_comfort", "latch_hold")

# Columns that an early revision had and a later one dropped (0002 moved them into feeding_observation).
DROPPED = {
    "baby_assessment": {"positions", *_LATCH},
    "care_contact": {"baby_id"},  # 0011: a contact's babies are a list (baby_ids)
}


def stored_path(revision: str) -> Path:
    return HERE / f"schema_{revision}.db"


def number(revision: str) -> int:
    return int(revision.split("_", 1)[0])


def upgrade_to(db: Database, revision: str) -> None:
    """Bring an empty database to ``revision`` as ``consultapp.store.db.migrate`` brings it to head."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with db.engine.connect() as connection, connection.begin():
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
        if db.is_sqlite and number(revision) >= 6:
            # The app of every revision since 0006 restores the search triggers after migrating.
            from consultapp.store.search_index import create_search_index

            create_search_index(connection)


# -- the records ----------------------------------------------------------------------------------
def _id(n: int) -> uuid.UUID:
    return uuid.UUID(f"00000000-0000-4000-8000-{n:012d}")


PRACTICE, AMARA, WANG, NOAH, NIA, BAO = (_id(n) for n in (1, 10, 20, 11, 12, 21))
FIRST_VISIT, SECOND_VISIT, WANG_VISIT = _id(100), _id(200), _id(300)
ASSESSMENTS = {(FIRST_VISIT, NOAH): _id(101), (FIRST_VISIT, NIA): _id(102), (SECOND_VISIT, NOAH): _id(201),
               (SECOND_VISIT, NIA): _id(202), (WANG_VISIT, BAO): _id(301)}
CREATED = dt.datetime(2026, 11, 22, 9, 30, 0, 250_000, tzinfo=dt.UTC)
CHANGED = dt.datetime(2026, 11, 26, 14, 5, 30, 125_000, tzinfo=dt.UTC)
WHO = "Jo Example, IBCLC"
DOCUMENT = b"%PDF-1.4\n% a care plan as it was handed over\n%%EOF\n"


def _record(n: int, **values: Any) -> Row:
    return {"id": _id(n), "created_at": CREATED, "updated_at": CHANGED, "version": 2,
            "created_by": WHO, "updated_by": WHO, **values}


def practice_rows() -> list[Row]:
    settings = {"weight_unit": "lb_oz", "temperature_unit": "F", "paper": "letter",
                "clogged_duct_variant": "abm36", "mastitis_variant": "source_document"}
    return [{
        **_record(1), "name": "Riverside Lactation Care", "consultant_name": "Jo Example", "credentials": "IBCLC",
        "address": "1 Demo Street\nSampletown", "phone": "555-0100", "email": "hello@example.org",
        "settings": settings, "fax": "555-0101", "logo": b"\x89PNG\r\n\x1a\n(a tiny logo)",
        "identifiers": {"practice_npi": "1234567893", "tax_id": "12-3456789"},
    }]


def client_rows(revision: str) -> list[Row]:
    # Before 0009 a Chinese name was kept spaced only; 0009 adds it whole, in both orders.
    wang_search = "王 小明 宝宝 5550103040" if number(revision) < 9 else "王 小明 宝宝 王小明 小明王 5550103040"
    return [
        {
            **_record(10), "given_name": "Amara", "family_name": "O'Kafor", "date_of_birth": dt.date(1993, 4, 2),
            "phone": "555 010 2030", "address": "12 Mill Lane\nSampletown",
            "search_text": "amara o'kafor noah nia amara okafor noah nia 5550102030", "sort_name": "o'kafor amara",
            "history_breast_surgery": "", "history_previous_mastitis": True,
            "history_previous_breastfeeding": "Fed her first child for a year", "history_medications": "Iron",
            "history_notes": "Twins at 36 weeks", "history_conditions": ["diabetes", "delayed_lactogenesis"],
            "preferred_name": "Mara", "language": "Igbo",
            "access_notes": "Second floor, no lift", "insurance": {"insurer": "Sample Health", "member_id": "M-1"},
            "consent_care": dt.date(2026, 11, 22), "consent_photos": None, "status": "active",
        },
        {
            **_record(20), "given_name": "王", "family_name": "小明", "date_of_birth": dt.date(1990, 1, 15),
            "phone": "555 010 3040", "address": "", "search_text": wang_search, "sort_name": "小明 王",
            "history_breast_surgery": "", "history_previous_mastitis": False, "history_previous_breastfeeding": "",
            "history_medications": "", "history_notes": "", "history_conditions": [], "preferred_name": "",
            "language": "Mandarin",
            "access_notes": "", "insurance": {}, "consent_care": None, "consent_photos": None, "status": "discharged",
        },
    ]


def baby_rows() -> list[Row]:
    twin = {"date_of_birth": dt.date(2026, 11, 20), "gestational_age_days": 253, "delivery_mode": "caesarean_planned"}
    return [
        {**_record(11), **twin, "client_id": AMARA, "name": "Noah", "birth_weight_g": 2610, "birth_order": 1,
         "sex": "male", "birth_time": dt.time(8, 15)},
        {**_record(12), **twin, "client_id": AMARA, "name": "Nia", "birth_weight_g": 2450, "birth_order": 2,
         "sex": "female", "birth_time": dt.time(8, 17)},
        {**_record(21), "client_id": WANG, "name": "宝宝", "date_of_birth": dt.date(2026, 10, 30),
         "birth_weight_g": 3300, "birth_order": 1, "sex": None, "gestational_age_days": None,
         "delivery_mode": None, "birth_time": None},
    ]


def _parent(**on: Any) -> Row:
    names = ("chills", "flu_like", "unrested", "sudden_stop", "long_gaps", "pressure_on_breast", "pumping",
             "spreading_redness", "confusion", "fast_heart_rate", "fluctuant_or_persisting_lump",
             "worse_after_antibiotics", "lump_after_episode")
    return {"parent_temperature_c": on.pop("temperature_c", None), **{f"parent_{n}": on.get(n, False) for n in names}}


def visit_rows(revision: str) -> list[Row]:
    final = number(revision) >= 3  # visits could be marked final from 0003
    billing = {"code_list_version": "Practice 2027", "lines": [
        {"baby_id": None, "diagnoses": ["O91.22"], "services": [{"code": "99347", "units": 1, "fee": "175.00"}]},
        {"baby_id": str(NOAH), "diagnoses": ["P92.5"], "services": []},
    ]}
    return [
        {
            **_record(100), "client_id": AMARA, "visit_date": dt.date(2026, 11, 22), "location": "home",
            "reason": "First visit: twins feeding & <sore> nipples", "status": "final" if final else "draft",
            "breast_concern": None, "breast_side": None, "breast_signs": [], **_parent(),
            "feeding_plan": "Feed each twin at least 8 times a day.", "follow_up": dt.date(2026, 11, 26),
            "visit_time": dt.time(10, 30),  # (0010)
            "billing": None, "finalized_at": CHANGED if final else None, "finalized_by": WHO if final else "",
        },
        {
            **_record(200), "client_id": AMARA, "visit_date": dt.date(2026, 11, 26), "location": "office",
            "reason": "Lump in the left breast", "status": "draft", "breast_concern": "clogged_duct",
            "breast_side": "left", "breast_signs": ["pain", "lump"],
            **_parent(temperature_c=37.9, pressure_on_breast=True, long_gaps=True),
            "feeding_plan": "Offer the left breast first.\nHand-express after feeds.",
            "follow_up": dt.date(2026, 12, 3), "billing": billing, "finalized_at": None, "finalized_by": "",
            "visit_time": None,
        },
        {
            **_record(300), "client_id": WANG, "visit_date": dt.date(2026, 11, 5), "location": "virtual",
            "reason": "体重 (weight) check", "status": "draft", "breast_concern": None, "breast_side": None,
            "breast_signs": [], **_parent(), "feeding_plan": "", "follow_up": None, "billing": None,
            "finalized_at": None, "finalized_by": "",
        },
    ]


def assessment_rows() -> list[Row]:
    def one(visit: uuid.UUID, baby: uuid.UUID, weight: int, btat: tuple[int, int, int, int],
            positions: list[str], latch: tuple[int, int, int, int, int], **more: Any) -> Row:
        row = {**_record(0), "id": ASSESSMENTS[visit, baby], "visit_id": visit, "baby_id": baby, "weight_g": weight}
        row.update(zip(("btat_tip", "btat_frenulum", "btat_lift", "btat_protrusion"), btat, strict=True))
        # Before 0002 one list of positions and one LATCH score per baby and visit.
        row["positions"] = positions
        row.update(zip(_LATCH, latch, strict=True))
        defaults = {"feeds_per_24h": None, "weak_suckle": False, "wet_diapers": None, "dirty_diapers": None,
                    "stool_colour": None, "urates": False, "jaundice": False, "lethargy": False,
                    "poor_feeding": False, "test_pre_g": None, "test_post_g": None, "test_scale_resolution_g": None,
                    "test_clothing_unchanged": None, "tongue_tool": "btat", "hazelbaker_appearance": None,
                    "hazelbaker_function": None, "hazelbaker_unclassified": False, "coryllos": None,
                    "kotlow_mm": None, "lip_tie": "", "referral": "", "referral_date": None,
                    "jaundice_onset_hours": None, "dark_urine": False, "formula_fed": False,
                    "feeding_plan": None}
        return {**row, **defaults, **more}

    return [
        one(FIRST_VISIT, NOAH, 2500, (2, 1, 1, 2), ["cross_cradle", "football"], (1, 2, 2, 1, 1),
            feeds_per_24h=9, wet_diapers=5, dirty_diapers=3, stool_colour="transitional"),
        one(FIRST_VISIT, NIA, 2380, (2, 2, 2, 2), ["twin"], (2, 2, 2, 2, 2), jaundice=True,
            jaundice_onset_hours=30, dark_urine=True),
        one(SECOND_VISIT, NOAH, 2555, (1, 1, 1, 1), ["football"], (2, 1, 2, 2, 1),
            test_pre_g=2555, test_post_g=2597, test_scale_resolution_g=2.0, test_clothing_unchanged=True,
            coryllos="III", kotlow_mm=9.5, referral="Paediatric dentist", referral_date=dt.date(2026, 12, 1)),
        one(SECOND_VISIT, NIA, 2410, (2, 2, 2, 2), ["laid_back"], (2, 2, 2, 2, 2), weak_suckle=True,
            feeding_plan={"supplement": "own_milk", "amount_min_ml": 30, "amount_max_ml": 60, "feeds_per_24h": 8,
                          "method": "cup", "expressing": "pump", "expressions_per_24h": 8, "express_minutes": 15,
                          "reweigh_on": None, "reweigh_within_hours": 48, "notes": "Skin to skin & <rest>"}),
        one(WANG_VISIT, BAO, 3480, (2, 2, 2, 2), ["cradle"], (2, 2, 2, 2, 2)),
    ]


def feed_rows() -> list[Row]:
    def feed(n: int, assessment: uuid.UUID, ordinal: int, side: str | None, latch: tuple[int, ...], **more: Any) -> Row:
        empty = {"positions_tried": [], "positions_worked": [], "effective_signs": [], "ineffective_signs": [],
                 "nipple_after": None, "duration_min": None}
        return {**_record(n), "assessment_id": assessment, "ordinal": ordinal, "side": side, **empty,
                **dict(zip(_LATCH, latch, strict=True)), **more}

    return [
        feed(111, ASSESSMENTS[FIRST_VISIT, NOAH], 0, "left", (1, 2, 2, 1, 1),
             positions_tried=["cross_cradle", "football"], positions_worked=["football"],
             ineffective_signs=["clicking", "narrow_gape"], nipple_after="wedged", duration_min=20),
        feed(112, ASSESSMENTS[FIRST_VISIT, NIA], 0, "right", (2, 2, 2, 2, 2), positions_tried=["twin"],
             effective_signs=["wide_gape", "rhythmic_suck_swallow"], nipple_after="round"),
        feed(211, ASSESSMENTS[SECOND_VISIT, NOAH], 0, "left", (2, 1, 2, 2, 1), positions_tried=["football"]),
        feed(212, ASSESSMENTS[SECOND_VISIT, NOAH], 1, "right", (2, 2, 2, 2, 2), positions_tried=["cradle"],
             duration_min=12),
        feed(221, ASSESSMENTS[SECOND_VISIT, NIA], 0, "both", (2, 2, 2, 2, 2), positions_tried=["laid_back"]),
        feed(311, ASSESSMENTS[WANG_VISIT, BAO], 0, None, (2, 2, 2, 2, 2), positions_tried=["cradle"]),
    ]


def breast_rows() -> dict[str, list[Row]]:
    return {
        "breast_map_finding": [
            {**_record(230), "visit_id": SECOND_VISIT, "ordinal": 0, "side": "left", "kind": "lump", "clock": 2,
             "distance_cm": 3.0, "size_cm": 2.5, "nipple_damage": None},
            {**_record(231), "visit_id": SECOND_VISIT, "ordinal": 1, "side": "right", "kind": "nipple_damage",
             "clock": 12, "distance_cm": None, "size_cm": None, "nipple_damage": "crack"},
        ],
        "breast_side_exam": [
            {**_record(240), "visit_id": SECOND_VISIT, "side": "left", "pain": 6, "engorgement": True,
             "condition": "ductal_narrowing"},
            {**_record(241), "visit_id": SECOND_VISIT, "side": "right", "pain": 2, "engorgement": False,
             "condition": None},
        ],
        "nipple_exam": [  # 0011
            {**_record(260), "visit_id": SECOND_VISIT, "side": "right", "pain_at_latch": 7, "pain_during_feed": 4,
             "signs": ["fissure", "erythema"], "pain_days": 16, "pus": False, "not_healing": True},
        ],
        "plan_step": [
            {**_record(250), "visit_id": SECOND_VISIT, "ordinal": 0, "key": "clogged_duct.feed_on_demand",
             "text": "Keep feeding from the affected breast.", "reason": "A clogged duct", "source": "ABM #36",
             "included": True, "custom": False},
            {**_record(251), "visit_id": SECOND_VISIT, "ordinal": 1, "key": "custom.1",
             "text": "Call me if the lump grows.", "reason": "", "source": "", "included": True, "custom": True},
        ],
    }


def record_rows() -> dict[str, list[Row]]:
    """Amendments, drafts, issued documents and handouts (0003 on)."""
    draft = {
        "client_id": str(AMARA), "visit_date": "2026-11-27", "location": "home", "reason": "Typing, not saved yet",
        "assessments": [{"baby_id": str(NOAH), "weight_g": 2590}], "id": None, "version": 0,
        "_unparsed": {"assessments.1.weight_g": "2,4 kgg"},
    }
    handout = {
        "slug": "twins-positions", "title": "Feeding twins together", "topic": "positions",
        "variant": "source_document", "review_date": "2026-11-01", "summary": "Ways to hold two babies.",
        "sections": [{"heading": "Double football", "bullets": ["Pillows under both babies"], "paragraphs": []}],
        "sources": ["Our practice"], "based_on": None,
    }
    return {
        "visit_amendment": [
            {**_record(120), "visit_id": FIRST_VISIT, "at": CHANGED, "author": WHO, "reason": "Typo",
             "changes": [{"field": "assessments.0.weight_g", "before": 2050, "after": 2500}]},
        ],
        "visit_draft": [
            {**_record(400), "client_id": AMARA, "visit_id": None, "saved_at": CHANGED, "payload": draft},
        ],
        "issued_document": [
            {**_record(500), "kind": "careplan", "client_id": AMARA, "visit_id": FIRST_VISIT,
             "title": "Care plan 22 November 2026", "filename": "careplan-2026-11-22.pdf", "content": DOCUMENT,
             "sha256": hashlib.sha256(DOCUMENT).hexdigest(), "issued_at": CHANGED, "issued_by": WHO},
        ],
        "practice_handout": [{**_record(600), "slug": "twins-positions", "data": handout}],
    }


def audit_rows() -> dict[str, list[Row]]:
    """Two entries of the hash chain and its head (0004 on)."""
    from consultapp.store.audit import GENESIS, entry_hash

    entries: list[Row] = []
    prev = GENESIS
    for seq, (action, kind, record, client) in enumerate(
        (("create", "client", AMARA, AMARA), ("finalize", "visit", FIRST_VISIT, AMARA)), start=1
    ):
        at = CREATED + dt.timedelta(minutes=seq)
        digest = entry_hash(seq, at, WHO, action, kind, str(record), str(client), {}, prev)
        entries.append({"seq": seq, "at": at, "user": WHO, "action": action, "record_type": kind,
                        "record_id": str(record), "client_id": str(client), "detail": {}, "prev_hash": prev,
                        "hash": digest, "alg": "sha256"})  # (alg: 0013; these entries predate the key)
        prev = digest
    return {"audit_entry": entries, "audit_head": [{"id": 1, "seq": len(entries), "hash": prev}],
            "audit_key": [{"id": 1, "key": bytes(range(32))}]}  # 0013


def later_rows() -> dict[str, list[Row]]:
    """Consultants (0005), care contacts and code lists (0007)."""
    code_list = {"version": "Practice 2027", "valid_from": "2026-10-01",
                 "icd10": [{"code": "O91.22", "label": "Clogged duct", "applies_to": "parent"}],
                 "procedures": [{"code": "99347", "label": "Home visit", "fee": "175.00"}]}
    return {
        "consultant": [{**_record(700), "name": "Jo Example", "credentials": "IBCLC", "role": "admin",
                        "db_role": None, "active": True}],
        "care_contact": [
            {**_record(800), "client_id": AMARA, "baby_id": NOAH, "baby_ids": [str(NOAH), str(NIA)],
             "ordinal": 0, "role": "paediatrician",
             "name": "Dr Lee", "practice": "Sampletown Children's", "phone": "555-0300", "fax": "555-0301",
             "address": "3 Hill Road"},
            {**_record(801), "client_id": AMARA, "baby_id": None, "baby_ids": [], "ordinal": 1, "role": "obstetrician",
             "name": "Dr Adeyemi", "practice": "", "phone": "", "fax": "", "address": ""},
        ],
        "practice_code_list": [{**_record(900), "version_name": "Practice 2027", "data": code_list}],
    }


def rows_for(revision: str) -> dict[str, list[Row]]:
    """Every table's rows as the newest schema would hold them; ``insert`` keeps what revision N had."""
    return {
        "practice": practice_rows(),
        "client": client_rows(revision),
        "baby": baby_rows(),
        "visit": visit_rows(revision),
        "baby_assessment": assessment_rows(),
        "feeding_observation": feed_rows(),
        **breast_rows(),
        **record_rows(),
        **audit_rows(),
        **later_rows(),
    }


# -- writing them as SQLite stores them -----------------------------------------------------------
def sqlite_value(value: Any) -> Any:
    """A value as SQLAlchemy's SQLite types store it (Uuid: 32 hex digits; times without a zone; JSON text)."""
    if isinstance(value, uuid.UUID):
        return value.hex
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
    if isinstance(value, dt.time):
        return value.isoformat(timespec="microseconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return int(value)
    return value


def insert(con: sqlite3.Connection, revision: str, tables: dict[str, list[Row]]) -> None:
    existing = {name for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for table, rows in tables.items():
        if table not in existing:
            continue  # added by a later revision
        columns = {row[1] for row in con.execute(f'PRAGMA table_info("{table}")')}
        if revision == KNOWN_REVISIONS[-1]:
            unknown = set().union(*rows) - columns - DROPPED.get(table, set())
            assert not unknown, f"{table}: no such columns {unknown}"
        con.execute(f'DELETE FROM "{table}"')  # audit_head: 0004 starts it with the genesis row
        for row in rows:
            kept = {k: sqlite_value(v) for k, v in row.items() if k in columns}
            names = ", ".join(f'"{k}"' for k in kept)
            marks = ", ".join("?" for _ in kept)
            con.execute(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', list(kept.values()))


def build(revision: str, path: Path) -> None:
    """A fresh database at ``revision`` with the representative rows, small (512-byte pages, vacuumed)."""
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)
    db = open_database(path, run_migrations=False)
    try:
        upgrade_to(db, revision)
    finally:
        db.close()
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute("PRAGMA foreign_keys = ON")
        con.execute("BEGIN")
        insert(con, revision, rows_for(revision))
        con.execute("COMMIT")
        problems = con.execute("PRAGMA foreign_key_check").fetchall()
        assert not problems, problems
        con.execute("PRAGMA journal_mode = DELETE")
        con.execute("PRAGMA page_size = 512")
        con.execute("VACUUM")
    finally:
        con.close()


def main() -> None:
    for old in HERE.glob("schema_*.db"):
        if old.stem.removeprefix("schema_") not in KNOWN_REVISIONS:
            old.unlink()
    for revision in KNOWN_REVISIONS:
        path = stored_path(revision)
        build(revision, path)
        print(f"{path.name}: {path.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main()
